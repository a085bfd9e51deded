package app

import (
	"strconv"

	"steerco/internal/forecast"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Request is what a person asks of a forecast. The zero value asks for the
// policy's defaults: FullTrials trials, its seed, Monte Carlo sampling,
// triangular effort, as of AsOf's rule, no risk drivers, no S-curves.
type Request struct {
	Trials       int       // 0: Policy.FullTrials
	Seed         uint64    // 0: Policy.Seed
	Sampling     string    // "mc" (default) or "lhs"
	Distribution string    // "triangular" (default), "betapert" or "lognormal"
	AsOf         plan.Date // zero: the later of today and the planning start (see AsOf)
	RiskImpacts  bool      // also measure what each live risk does to the dates
	Curves       bool      // fill the S-curves (the window's charts)
	// CostWithPenalties counts each trial's penalties and costs of delay in
	// its cost to complete (the JCL; outlook.Options.CostWithPenalties).
	CostWithPenalties bool
}

// Bounds of a Request.
const (
	MinTrials = 1
	MaxTrials = 1_000_000
)

// Check returns a plan.Error (EINVALID) listing, in words, what is wrong
// with r, field by field ("trials", "seed", "sampling", "distribution").
// Zero values are defaults, and are fine.
func (r Request) Check() error {
	var probs []plan.Problem
	if r.Trials != 0 {
		if err := CheckTrials(r.Trials); err != nil {
			probs = append(probs, err.(*plan.Error).Problems...)
		}
	}
	switch r.Sampling {
	case "", forecast.MonteCarlo, forecast.LatinHypercube:
	default:
		probs = append(probs, plan.Problem{Field: "sampling", Message: "Sampling must be mc (Monte Carlo) or lhs (Latin hypercube), not " + strconv.Quote(r.Sampling) + "."})
	}
	switch r.Distribution {
	case "", outlook.DistTriangular, outlook.DistBetaPERT, outlook.DistLognormal:
	default:
		probs = append(probs, plan.Problem{Field: "distribution", Message: "The effort distribution must be triangular, betapert or lognormal, not " + strconv.Quote(r.Distribution) + "."})
	}
	if len(probs) == 0 {
		return nil
	}
	if len(probs) == 1 {
		return &plan.Error{Code: plan.EINVALID, Message: probs[0].Message, Problems: probs}
	}
	msg := ""
	for i, p := range probs {
		if i > 0 {
			msg += " "
		}
		msg += p.Message
	}
	return &plan.Error{Code: plan.EINVALID, Message: msg, Problems: probs}
}

// CheckTrials returns a plan.Error (EINVALID, field "trials") when n trials
// are out of bounds (MinTrials to MaxTrials).
func CheckTrials(n int) error {
	if n >= MinTrials && n <= MaxTrials {
		return nil
	}
	msg := "The number of trials must be from " + strconv.Itoa(MinTrials) + " to " + plan.Group(strconv.Itoa(MaxTrials)) +
		", not " + plan.Group(strconv.Itoa(n)) + "."
	return &plan.Error{Code: plan.EINVALID, Message: msg, Problems: []plan.Problem{{Field: "trials", Message: msg}}}
}

// Resolve fills every default of r for a forecast of p when today is
// today, and checks it: the result has every field set (AsOf included), so
// two requests that ask for the same forecast resolve to equal values.
func (pol Policy) Resolve(p *plan.Portfolio, today plan.Date, r Request) (Request, error) {
	if err := r.Check(); err != nil {
		return Request{}, err
	}
	if r.Trials == 0 {
		r.Trials = pol.FullTrials
	}
	if r.Seed == 0 {
		r.Seed = pol.Seed
	}
	if r.Sampling == "" {
		r.Sampling = forecast.MonteCarlo
	}
	if r.Distribution == "" {
		r.Distribution = outlook.DistTriangular
	}
	r.AsOf = AsOf(p, today, r.AsOf)
	return r, nil
}

// Options is the resolved request as outlook's options (without Progress).
func (r Request) Options() outlook.Options {
	return outlook.Options{Trials: r.Trials, Seed: r.Seed, Sampling: r.Sampling, Distribution: r.Distribution,
		AsOf: r.AsOf, RiskImpacts: r.RiskImpacts, Curves: r.Curves, CostWithPenalties: r.CostWithPenalties}
}
