package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadSnapshots reads the snapshots and their frozen results into p.
func loadSnapshots(ctx context.Context, q queryer, p *plan.Portfolio) error {
	snaps := map[string]int{}
	err := each(ctx, q, "SELECT id, name, coalesce(taken_on, ''), trials, seed FROM snapshots ORDER BY id", func(r *sql.Rows) error {
		var s plan.Snapshot
		var taken string
		var seed int64
		if err := r.Scan(&s.ID, &s.Name, &taken, &s.Trials, &seed); err != nil {
			return err
		}
		s.Seed = uint64(seed)
		s.Forecast = []plan.SnapshotResult{}
		var err error
		s.TakenOn, err = parseDate(taken)
		snaps[s.ID] = len(p.Snapshots)
		p.Snapshots = append(p.Snapshots, s)
		return err
	})
	if err != nil {
		return fmt.Errorf("snapshots: %w", err)
	}
	err = each(ctx, q, "SELECT snapshot_id, kind, id, coalesce(p50, ''), coalesce(p85, ''), probability FROM snapshot_results ORDER BY snapshot_id, kind, id", func(r *sql.Rows) error {
		var sid, p50, p85 string
		var x plan.SnapshotResult
		if err := r.Scan(&sid, &x.Kind, &x.ID, &p50, &p85, &x.Probability); err != nil {
			return err
		}
		var err error
		if x.P50, err = parseDate(p50); err != nil {
			return err
		}
		if x.P85, err = parseDate(p85); err != nil {
			return err
		}
		i, ok := snaps[sid]
		if !ok {
			return orphan("snapshot", sid)
		}
		s := &p.Snapshots[i]
		s.Forecast = append(s.Forecast, x)
		return nil
	})
	if err != nil {
		return fmt.Errorf("snapshot results: %w", err)
	}
	return nil
}
