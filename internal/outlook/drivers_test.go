package outlook

import (
	"context"
	"errors"
	"math"
	"sort"
	"testing"

	"steerco/internal/outlook/scaletest"
)

// midPortfolio is a mid-size version of the scale portfolio: 600 items
// over 8 teams, 80 risks of 5–55 % on three items each.
func midPortfolio() Options {
	return Options{Trials: 3000, AsOf: scaletest.AsOf, RiskImpacts: true}
}

// On a mid-size generated portfolio, with a budget for a handful of risks,
// the most harmful risks by the estimate are exact (the same figures as
// with every risk exact), the others are estimated with their points only,
// the estimate agrees with the exact points within its standard error for
// most risks (tolerance: ≥ 60 % within 1 SE, ≥ 90 % within 2 SE, fixed
// seed), and all of them are in the one ranking order.
func TestDriversEstimatedRisks(t *testing.T) {
	if testing.Short() {
		t.Skip("two mid-size forecasts with risk drivers")
	}
	p := scaletest.Portfolio(scaletest.Options{Items: 600, Teams: 8, Risks: 80, BudgetLines: 3, Deployments: 10})
	defer func(b int64) { driverBudget = b }(driverBudget)
	driverBudget = -1
	exact := run(t, p, midPortfolio())
	driverBudget = 5 * 900 * 700 // about five risks of 30 %: 900 corrected trials of ~700 nodes each
	got := run(t, p, midPortfolio())
	byID := map[string]RiskImpact{}
	for _, r := range exact.Risks {
		if r.Estimated {
			t.Fatalf("%s estimated with no budget bound", r.RiskID)
		}
		byID[r.RiskID] = r
	}
	nEst, nExact, within1, within2, harmless, falseAlarms := 0, 0, 0, 0, 0, 0
	for k, r := range got.Risks {
		if k > 0 && got.Risks[k].ranksBefore(&got.Risks[k-1]) {
			t.Errorf("%s before %s breaks the ranking rule", got.Risks[k-1].RiskID, r.RiskID)
		}
		x := byID[r.RiskID]
		if !r.Estimated {
			nExact++
			if r.PointsLost != x.PointsLost || r.PortfolioP85Days != x.PortfolioP85Days || r.WorstMilestone != x.WorstMilestone {
				t.Errorf("%s: exact %+v, want %+v", r.RiskID, r, x)
			}
			continue
		}
		nEst++
		if r.PortfolioP85Days != 0 || r.MilestoneP85Days != nil || r.MilestonePTarget != nil || r.ItemP85Days != nil ||
			r.CommittedPTarget != nil || r.WorstMilestone != "" || r.PointsLostSE <= 0 {
			t.Errorf("%s: an estimate has its points only, got %+v", r.RiskID, r)
		}
		if r.Measurable != (r.PointsLost >= math.Max(EstimateSEs*r.PointsLostSE, 0.5)) {
			t.Errorf("%s: measurable %v with %v ± %v points", r.RiskID, r.Measurable, r.PointsLost, r.PointsLostSE)
		}
		if x.PointsLost < 0.5 {
			harmless++
			if r.Measurable {
				falseAlarms++
			}
		}
		d := math.Abs(r.PointsLost - x.PointsLost)
		if d <= r.PointsLostSE {
			within1++
		}
		if d <= 2*r.PointsLostSE {
			within2++
		}
	}
	ses := []float64{}
	for _, r := range got.Risks {
		if r.Estimated {
			ses = append(ses, r.PointsLostSE)
		}
	}
	sort.Float64s(ses)
	t.Logf("median SE %v", ses[len(ses)/2])
	t.Logf("%d exact, %d estimated: %d within 1 SE of the exact points, %d within 2 SE", nExact, nEst, within1, within2)
	if nExact < 3 || nEst < 40 {
		t.Fatalf("%d exact and %d estimated risks: the budget does not split them", nExact, nEst)
	}
	// A risk that costs (exactly) under half a point is rarely called
	// measurable on its estimate: the estimate must clear two SEs.
	t.Logf("%d of %d harmless risks called measurable on their estimate", falseAlarms, harmless)
	if float64(falseAlarms) > 0.05*float64(harmless) {
		t.Errorf("%d of %d risks that cost under half a point are called measurable on their estimate, want ≤ 5 %%", falseAlarms, harmless)
	}
	if float64(within1) < 0.6*float64(nEst) || float64(within2) < 0.9*float64(nEst) {
		t.Errorf("%d and %d of %d estimates within 1 and 2 SE of the exact points, want ≥ 60 %% and ≥ 90 %%", within1, within2, nEst)
	}
}

// The demo (and any small portfolio) is far inside the default budget:
// every risk is exact, as before the budget existed.
func TestDriversDemoExact(t *testing.T) {
	f := run(t, demoPortfolio(t), Options{Trials: 2000, RiskImpacts: true})
	if len(f.Risks) == 0 {
		t.Fatal("no risk drivers")
	}
	for _, r := range f.Risks {
		if r.Estimated {
			t.Errorf("%s estimated in the demo", r.RiskID)
		}
	}
}

// Cancelling during the exact impacts of the risk drivers returns
// context.Canceled and no forecast.
func TestDriversCancelled(t *testing.T) {
	p := scaletest.Portfolio(scaletest.Options{Items: 400, Teams: 6, Risks: 40, BudgetLines: 3, Deployments: 10})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	o := Options{Trials: 2000, AsOf: scaletest.AsOf, RiskImpacts: true, Progress: func(done, total int) {
		if done > 3000 { // past the base run's 2,000 trials
			cancel()
		}
	}}
	f, err := Run(ctx, p, o)
	if !errors.Is(err, context.Canceled) || f != nil {
		t.Fatalf("Run = %v, %v; want no forecast and context.Canceled", f != nil, err)
	}
}
