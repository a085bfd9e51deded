package forecast

import (
	"context"
)

// Risks returns the distinct risk ids of a network model, in order of first
// appearance.
func (m Model) Risks() []string {
	var ids []string
	seen := map[string]bool{}
	for _, it := range m.Items {
		for _, r := range it.Risks {
			if !seen[r.ID] {
				seen[r.ID] = true
				ids = append(ids, r.ID)
			}
		}
	}
	return ids
}

// impactMode forces, for tests, how RiskImpacts makes the exclusion runs:
// by default the base run is corrected in the trials where the risk fired
// (impact.go), unless the base run could not keep its bins and the risk
// fires in half the trials or more (a corrected trial is then simulated
// twice): every trial is then re-run counting only what is needed.
var impactMode int

const (
	byFiring   = iota
	fullRuns   // every statistic, as Run with Options.Exclude
	correctAll // always correct the base run
	wholeAll   // always re-run every trial
)

// RiskImpact is how much one risk moves the forecast: the P85 with the risk
// minus the P85 with the risk excluded, in model time, both runs using the
// same random numbers (common random numbers), so only the risk differs.
type RiskImpact struct {
	Risk string `json:"risk"`
	// PortfolioP85 is the change of the portfolio finish's P85.
	PortfolioP85 float64 `json:"portfolio_p85"`
	// ItemP85 is the change of each item's finish P85, in model order.
	ItemP85 []float64 `json:"item_p85"`
	// PTarget is the change of each item's P(finish ≤ target), in model
	// order (zero for items without a target).
	PTarget []float64 `json:"p_target"`
	// Estimated: the risk was not re-simulated (Drivers' work budget
	// went to more harmful risks) and only Lost and LostSE are set, from
	// the base run; PortfolioP85 is zero and ItemP85 and PTarget are nil.
	Estimated bool `json:"estimated,omitempty"`
	// Lost and LostSE, for an estimated risk: the sum over the counted
	// items (DriverOptions.Counted) of P(finish ≤ target without the
	// risk) − P(with it) — the number of targets the risk is expected to
	// make missed — and its standard error (see Drivers).
	Lost   float64 `json:"lost,omitempty"`
	LostSE float64 `json:"lost_se,omitempty"`
}

// RiskImpacts runs the model with every risk (the base result, which also
// gets opt.Samples and opt.Observe) and then once per risk with that risk excluded, and
// returns the base result with each risk's impact, in Model.Risks order.
// All runs share the base run's pilot (histogram bins), so with common random
// numbers the impacts in a network without teams are never negative (with
// teams, priority scheduling can make a shorter item delay another). Progress counts
// the trials of all runs. Errors are those of Run. Every impact is exact:
// Drivers bounds the work and estimates the risks beyond the bound.
func RiskImpacts(ctx context.Context, m Model, opt Options) (*Result, []RiskImpact, error) {
	return Drivers(ctx, m, opt, DriverOptions{Budget: -1})
}

// fullImpact is RiskImpacts' exclusion run of risk id, in full (all the
// statistics): the reference that the corrected runs must equal.
func fullImpact(ctx context.Context, be *engine, base *Result, id string, opt Options) (RiskImpact, error) {
	{
		o := opt
		o.Samples, o.Observe, o.Observers = nil, nil, nil
		o.Exclude = []string{id}
		e, err := be.sibling(o)
		if err != nil {
			return RiskImpact{}, err
		}
		r, err := e.run(ctx)
		if err != nil {
			return RiskImpact{}, err
		}
		ri := RiskImpact{Risk: id, PortfolioP85: base.Portfolio.Finish.P85 - r.Portfolio.Finish.P85,
			ItemP85: make([]float64, len(base.Items)), PTarget: make([]float64, len(base.Items))}
		for i := range base.Items {
			ri.ItemP85[i] = base.Items[i].Finish.P85 - r.Items[i].Finish.P85
			if p, q := base.Items[i].PTarget, r.Items[i].PTarget; p != nil && q != nil {
				ri.PTarget[i] = *p - *q
			}
		}
		return ri, nil
	}
}
