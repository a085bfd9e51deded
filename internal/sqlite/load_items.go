package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadItems reads the roadmap items, their tags and their dependencies into p.
func loadItems(ctx context.Context, q queryer, p *plan.Portfolio) error {
	money := moneyIn(p.Currency)
	items := map[string]int{}
	err := each(ctx, q, `SELECT id, title, coalesce(product_id, ''), team_id, estimate_low, estimate_likely, estimate_high, estimate_count,
		remaining_days, rank, status, coalesce(start_no_earlier_than, ''), coalesce(target, ''), commitment, increment, notes, source, cost_of_delay_per_week_minor,
		coalesce(started_on, ''), coalesce(finished_on, '')
		FROM items ORDER BY id`, func(r *sql.Rows) error {
		var it plan.Item
		var rem sql.NullFloat64
		var snet, target, started, finished string
		var cod int64
		if err := r.Scan(&it.ID, &it.Title, &it.ProductID, &it.TeamID, &it.Estimate.Low, &it.Estimate.Likely, &it.Estimate.High, &it.Estimate.Count,
			&rem, &it.Rank, &it.Status, &snet, &target, &it.Commitment, &it.Increment, &it.Notes, &it.Source, &cod, &started, &finished); err != nil {
			return err
		}
		it.CostOfDelayPerWeek = money(cod)
		if rem.Valid {
			v := rem.Float64
			it.Remaining = &v
		}
		var err error
		if it.StartNoEarlierThan, err = parseDate(snet); err != nil {
			return err
		}
		if it.Target, err = parseDate(target); err != nil {
			return err
		}
		if it.StartedOn, err = parseDate(started); err != nil {
			return err
		}
		if it.FinishedOn, err = parseDate(finished); err != nil {
			return err
		}
		items[it.ID] = len(p.Items)
		p.Items = append(p.Items, it)
		return nil
	})
	if err != nil {
		return fmt.Errorf("items: %w", err)
	}
	err = each(ctx, q, "SELECT item_id, tag FROM item_tags ORDER BY item_id, pos", func(r *sql.Rows) error {
		var id, tag string
		if err := r.Scan(&id, &tag); err != nil {
			return err
		}
		i, ok := items[id]
		if !ok {
			return orphan("item", id)
		}
		it := &p.Items[i]
		it.Tags = append(it.Tags, tag)
		return nil
	})
	if err != nil {
		return fmt.Errorf("item tags: %w", err)
	}
	err = each(ctx, q, "SELECT item_id, depends_on, lag_days FROM dependencies ORDER BY item_id, depends_on", func(r *sql.Rows) error {
		var id string
		var d plan.Dependency
		if err := r.Scan(&id, &d.ItemID, &d.LagDays); err != nil {
			return err
		}
		i, ok := items[id]
		if !ok {
			return orphan("item", id)
		}
		it := &p.Items[i]
		it.DependsOn = append(it.DependsOn, d)
		return nil
	})
	if err != nil {
		return fmt.Errorf("dependencies: %w", err)
	}
	return nil
}
