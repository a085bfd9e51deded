package app

import (
	"context"
	"sort"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// TakeSnapshot freezes forecast f of the portfolio under name (see
// outlook.Freeze), dated as of the forecast, and writes it through ed as
// one undoable action "take snapshot NAME". Errors: EINVALID for a bad
// name, or ed's error.
func TakeSnapshot(ctx context.Context, ed Editor, f *outlook.Forecast, name string) (plan.Snapshot, error) {
	name, err := plan.CheckSnapshotName(name)
	if err != nil {
		return plan.Snapshot{}, err
	}
	if f == nil {
		return plan.Snapshot{}, plan.Errorf(plan.ECONFLICT, "The forecast is still running; try again when it is up to date.")
	}
	var snap plan.Snapshot
	err = ed.Update(ctx, "take snapshot "+name, func(p *plan.Portfolio) error {
		snap = outlook.Freeze(f, p.NewSnapshotID(name), name, f.AsOf)
		p.Snapshots = append(p.Snapshots, snap)
		return nil
	})
	return snap, err
}

// DeleteSnapshot deletes the snapshot with id through ed as one undoable
// action and returns its name. An id p does not have is ENOTFOUND, with
// notFound's error when given (the caller's words, listing what there is).
func DeleteSnapshot(ctx context.Context, ed Editor, p *plan.Portfolio, id string, notFound func(p *plan.Portfolio) error) (string, error) {
	missing := func(p *plan.Portfolio) error {
		if notFound != nil {
			return notFound(p)
		}
		return plan.Errorf(plan.ENOTFOUND, "There is no snapshot with id %q.", id)
	}
	s := p.Snapshot(id)
	if s == nil {
		return "", missing(p)
	}
	name := s.Name
	err := ed.Update(ctx, "delete snapshot "+name, func(p *plan.Portfolio) error {
		if !p.DeleteSnapshot(id) {
			return missing(p)
		}
		return nil
	})
	return name, err
}

// Snapshots returns p's snapshots oldest first (then by id).
func Snapshots(p *plan.Portfolio) []*plan.Snapshot {
	out := make([]*plan.Snapshot, 0, len(p.Snapshots))
	for i := range p.Snapshots {
		out = append(out, &p.Snapshots[i])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].TakenOn != out[j].TakenOn {
			return out[i].TakenOn < out[j].TakenOn
		}
		return out[i].ID < out[j].ID
	})
	return out
}
