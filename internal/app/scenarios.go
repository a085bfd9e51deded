package app

import (
	"context"

	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/scenario"
)

// Comparison is a scenario beside the plan of record: both forecast with
// the same request (same seed, so the difference is the scenario's).
type Comparison struct {
	Request  Request             // resolved
	Base     *outlook.Forecast   // the plan of record
	Scenario *outlook.Forecast   // the plan with the scenario applied
	Plan     *plan.Portfolio     // the scenario's portfolio
	Delta    *ForecastComparison // what the scenario moves (outlook.Compare)
}

// CompareScenario applies sc to p (p is not modified) and forecasts both
// with r through fc. progress, when set, sees the two runs as one: done and
// total count the trials of both. Errors: the scenario's own (a change that
// no longer applies, located), the request's, or the runs'.
func CompareScenario(ctx context.Context, fc *Forecaster, p *plan.Portfolio, sc *scenario.Scenario, r Request, progress Progress) (*Comparison, error) {
	q, err := sc.Apply(p)
	if err != nil {
		return nil, err
	}
	rr, err := fc.Resolve(p, r)
	if err != nil {
		return nil, err
	}
	half := func(first bool) Progress {
		if progress == nil {
			return nil
		}
		return func(done, total int) {
			if first {
				progress(done, 2*total)
			} else {
				progress(total+done, 2*total)
			}
		}
	}
	base, _, err := fc.Run(ctx, p, rr, half(true))
	if err != nil {
		return nil, err
	}
	alt, _, err := fc.Run(ctx, q, rr, half(false))
	if err != nil {
		return nil, err
	}
	return &Comparison{Request: rr, Base: base, Scenario: alt, Plan: q, Delta: outlook.Compare(base, alt)}, nil
}
