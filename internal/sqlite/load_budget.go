package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadBudget reads the budget lines and their monthly plan and actuals into p.
func loadBudget(ctx context.Context, q queryer, p *plan.Portfolio) error {
	lines := map[string]int{}
	err := each(ctx, q, "SELECT id, name, category, cost_centre, spend, coalesce(team_id, '') FROM budget_lines ORDER BY id", func(r *sql.Rows) error {
		var b plan.BudgetLine
		if err := r.Scan(&b.ID, &b.Name, &b.Category, &b.CostCentre, &b.Spend, &b.TeamID); err != nil {
			return err
		}
		b.Plan, b.Actual = []plan.MonthAmount{}, []plan.MonthAmount{}
		lines[b.ID] = len(p.BudgetLines)
		p.BudgetLines = append(p.BudgetLines, b)
		return nil
	})
	if err != nil {
		return fmt.Errorf("budget lines: %w", err)
	}
	// One row per line and scenario, its months packed by SQLite as
	// "YYYY-MM=minor,…" in month order: a big budget crosses from C to Go a
	// few hundred times instead of once per month.
	err = each(ctx, q, `SELECT line_id, scenario, count(*), group_concat(month || '=' || minor, ',' ORDER BY month)
		FROM budget_amounts GROUP BY line_id, scenario ORDER BY line_id, scenario`, func(r *sql.Rows) error {
		var id, scen string
		var n int
		var packed []byte
		if err := r.Scan(&id, &scen, &n, &packed); err != nil {
			return err
		}
		i, ok := lines[id]
		if !ok {
			return orphan("budget line", id)
		}
		series, err := unpackAmounts(packed, n, p.Currency)
		if err != nil {
			return fmt.Errorf("budget line %q %s: %w", id, scen, err)
		}
		if scen == scenarioPlan {
			p.BudgetLines[i].Plan = series
		} else {
			p.BudgetLines[i].Actual = series
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("budget amounts: %w", err)
	}
	return nil
}
