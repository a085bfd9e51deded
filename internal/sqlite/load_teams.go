package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadTeams reads the teams and their dated headcount changes into p.
func loadTeams(ctx context.Context, q queryer, p *plan.Portfolio) error {
	money := moneyIn(p.Currency)
	teams := map[string]int{}
	err := each(ctx, q, "SELECT id, name, headcount, allocation, focus_factor, wip_limit, cost_per_fte_month_minor FROM teams ORDER BY id", func(r *sql.Rows) error {
		var t plan.Team
		var cost int64
		if err := r.Scan(&t.ID, &t.Name, &t.Headcount, &t.Allocation, &t.FocusFactor, &t.WIPLimit, &cost); err != nil {
			return err
		}
		t.CostPerFTEMonth = money(cost)
		teams[t.ID] = len(p.Teams)
		p.Teams = append(p.Teams, t)
		return nil
	})
	if err != nil {
		return fmt.Errorf("teams: %w", err)
	}
	err = each(ctx, q, "SELECT team_id, date, delta, note FROM headcount_changes ORDER BY team_id, pos", func(r *sql.Rows) error {
		var id, d string
		var c plan.HeadcountChange
		if err := r.Scan(&id, &d, &c.Delta, &c.Note); err != nil {
			return err
		}
		var err error
		if c.Date, err = parseDate(d); err != nil {
			return err
		}
		i, ok := teams[id]
		if !ok {
			return orphan("team", id)
		}
		t := &p.Teams[i]
		t.HeadcountChanges = append(t.HeadcountChanges, c)
		return nil
	})
	if err != nil {
		return fmt.Errorf("headcount changes: %w", err)
	}
	return nil
}

// loadProducts reads the products into p.
func loadProducts(ctx context.Context, q queryer, p *plan.Portfolio) error {
	err := each(ctx, q, "SELECT id, name, description FROM products ORDER BY id", func(r *sql.Rows) error {
		var x plan.Product
		if err := r.Scan(&x.ID, &x.Name, &x.Description); err != nil {
			return err
		}
		p.Products = append(p.Products, x)
		return nil
	})
	if err != nil {
		return fmt.Errorf("products: %w", err)
	}
	return nil
}
