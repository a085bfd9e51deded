package forecast

import (
	"context"
	"fmt"
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
}

// RiskImpacts runs the model with every risk (the base result, which also
// gets opt.Samples and opt.Observe) and then once per risk with that risk excluded, and
// returns the base result with each risk's impact, in Model.Risks order.
// All runs share the base run's pilot (histogram bins), so with common random
// numbers the impacts in a network without teams are never negative (with
// teams, priority scheduling can make a shorter item delay another). Progress counts
// the trials of all runs. Errors are those of Run.
func RiskImpacts(ctx context.Context, m Model, opt Options) (*Result, []RiskImpact, error) {
	if len(opt.Exclude) > 0 {
		return nil, nil, fmt.Errorf("risk impacts: exclude must be empty")
	}
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	if err := opt.normalize(); err != nil {
		return nil, nil, err
	}
	if m.Throughput != nil {
		r, err := Run(ctx, m, opt)
		return r, nil, err
	}
	risks := m.Risks()
	runs := len(risks) + 1
	progress := opt.Progress
	step := func(k int) func(done, total int) {
		if progress == nil {
			return nil
		}
		return func(done, total int) { progress(k*total+done, runs*total) }
	}
	o := opt
	o.Progress = step(0)
	be, err := newEngine(compile(m), o)
	if err != nil {
		return nil, nil, err
	}
	if err := be.pilot(ctx); err != nil {
		return nil, nil, err
	}
	if len(risks) > 0 {
		be.track = be.newRiskTrack()
	}
	base, err := be.run(ctx)
	if err != nil {
		return nil, nil, err
	}
	out := make([]RiskImpact, 0, len(risks))
	accs := make([]*skipAcc, opt.Workers)
	for k, id := range risks {
		rk := 0
		for rk < len(be.c.risks) && be.c.risks[rk] != id {
			rk++
		}
		// fewer trials to correct than to re-run: see impact.go
		f := be.track.fires(rk)
		whole := 2*f >= opt.Trials
		if be.track.keep {
			whole = f == opt.Trials // a corrected trial is simulated once
		}
		var ri RiskImpact
		switch impactMode {
		case fullRuns:
			o := opt
			o.Progress = step(k + 1)
			ri, err = fullImpact(ctx, be, base, id, o)
		case correctAll, wholeAll:
			whole = impactMode == wholeAll
			fallthrough
		default:
			ri, err = be.correctedImpact(ctx, be.track, rk, whole, accs, base, step(k+1))
		}
		if err != nil {
			return nil, nil, err
		}
		out = append(out, ri)
	}
	return base, out, nil
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
