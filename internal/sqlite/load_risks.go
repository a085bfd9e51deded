package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadRisks reads the risks and the items each delays into p.
func loadRisks(ctx context.Context, q queryer, p *plan.Portfolio) error {
	money := moneyIn(p.Currency)
	risks := map[string]int{}
	err := each(ctx, q, `SELECT id, title, category, probability, impact_days, cost_impact_minor, owner, status, mitigation,
		signed_off_by, coalesce(signed_off_on, '') FROM risks ORDER BY id`, func(r *sql.Rows) error {
		var x plan.Risk
		var cost int64
		var signed string
		if err := r.Scan(&x.ID, &x.Title, &x.Category, &x.Probability, &x.ImpactDays, &cost, &x.Owner, &x.Status, &x.Mitigation, &x.SignedOffBy, &signed); err != nil {
			return err
		}
		x.CostImpact = money(cost)
		var err error
		x.SignedOffOn, err = parseDate(signed)
		risks[x.ID] = len(p.Risks)
		p.Risks = append(p.Risks, x)
		return err
	})
	if err != nil {
		return fmt.Errorf("risks: %w", err)
	}
	err = each(ctx, q, "SELECT risk_id, item_id FROM risk_items ORDER BY risk_id, pos", func(r *sql.Rows) error {
		var id, item string
		if err := r.Scan(&id, &item); err != nil {
			return err
		}
		i, ok := risks[id]
		if !ok {
			return orphan("risk", id)
		}
		x := &p.Risks[i]
		x.Items = append(x.Items, item)
		return nil
	})
	if err != nil {
		return fmt.Errorf("risk items: %w", err)
	}
	return nil
}
