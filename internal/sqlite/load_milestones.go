package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadMilestones reads the milestones and the items each waits for into p.
func loadMilestones(ctx context.Context, q queryer, p *plan.Portfolio) error {
	money := moneyIn(p.Currency)
	milestones := map[string]int{}
	err := each(ctx, q, "SELECT id, name, date, kind, penalty, penalty_lump_sum_minor, penalty_per_day_minor, penalty_days FROM milestones ORDER BY id", func(r *sql.Rows) error {
		var m plan.Milestone
		var d string
		var lump, perDay int64
		if err := r.Scan(&m.ID, &m.Name, &d, &m.Kind, &m.Penalty, &lump, &perDay, &m.PenaltyDays); err != nil {
			return err
		}
		m.PenaltyLumpSum, m.PenaltyPerDay = money(lump), money(perDay)
		var err error
		m.Date, err = parseDate(d)
		m.DependsOn = []string{}
		milestones[m.ID] = len(p.Milestones)
		p.Milestones = append(p.Milestones, m)
		return err
	})
	if err != nil {
		return fmt.Errorf("milestones: %w", err)
	}
	err = each(ctx, q, "SELECT milestone_id, item_id FROM milestone_items ORDER BY milestone_id, pos", func(r *sql.Rows) error {
		var id, item string
		if err := r.Scan(&id, &item); err != nil {
			return err
		}
		i, ok := milestones[id]
		if !ok {
			return orphan("milestone", id)
		}
		m := &p.Milestones[i]
		m.DependsOn = append(m.DependsOn, item)
		return nil
	})
	if err != nil {
		return fmt.Errorf("milestone items: %w", err)
	}
	return nil
}
