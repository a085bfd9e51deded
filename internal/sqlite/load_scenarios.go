package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"steerco/internal/plan"
)

func loadScenarios(ctx context.Context, q queryer, p *plan.Portfolio) error {
	idx := map[string]int{}
	err := each(ctx, q, "SELECT id, name, description FROM scenarios ORDER BY id", func(r *sql.Rows) error {
		var s plan.Scenario
		if err := r.Scan(&s.ID, &s.Name, &s.Description); err != nil {
			return err
		}
		s.Changes = []plan.ScenarioChange{}
		idx[s.ID] = len(p.Scenarios)
		p.Scenarios = append(p.Scenarios, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("scenarios: %w", err)
	}
	err = each(ctx, q, `SELECT scenario_id, kind, team, item, risk, milestone, fte, percent, value, text, coalesce(date, ''), by_whom, cost_minor, coalesce(new_item, '')
FROM scenario_changes ORDER BY scenario_id, pos`, func(r *sql.Rows) error {
		var id, date, item string
		var c plan.ScenarioChange
		if err := r.Scan(&id, &c.Kind, &c.Team, &c.Item, &c.Risk, &c.Milestone, &c.FTE, &c.Percent, &c.Value, &c.Text, &date, &c.By, &c.Cost.Minor, &item); err != nil {
			return err
		}
		i, ok := idx[id]
		if !ok {
			return orphan("scenario", id)
		}
		var err error
		if c.Date, err = parseDate(date); err != nil {
			return err
		}
		if c.Cost.Minor != 0 {
			c.Cost.Currency = p.Currency
		}
		if item != "" {
			c.NewItem = new(plan.Item)
			if err := json.Unmarshal([]byte(item), c.NewItem); err != nil {
				return fmt.Errorf("scenario %s: the added item: %w", id, err)
			}
		}
		s := &p.Scenarios[i]
		s.Changes = append(s.Changes, c)
		return nil
	})
	if err != nil {
		return fmt.Errorf("scenario changes: %w", err)
	}
	return nil
}
