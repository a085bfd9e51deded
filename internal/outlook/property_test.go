package outlook

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"steerco/internal/plan"
	"steerco/internal/plan/plangen"
)

// Properties of the forecast over generated portfolios, with the same seed
// (common random numbers): more effort, or one more risk, never makes an
// item or a milestone more likely to meet its date, beyond the
// simulation's standard error; an empty change changes nothing.

const (
	propPortfolios = 24
	propTrials     = 2000
)

// propRun forecasts p as of plangen's default date with the test's seed.
func propRun(t *testing.T, p *plan.Portfolio) *Forecast {
	t.Helper()
	f, err := Run(context.Background(), p, Options{Trials: propTrials, Seed: 7, AsOf: plan.MustDate("2026-12-07")})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return f
}

// chances lists every probability of meeting a date: items with a target
// and milestones, by name.
func chances(f *Forecast) map[string]float64 {
	out := map[string]float64{}
	for _, it := range f.Items {
		if it.PTarget >= 0 {
			out["item "+it.ID] = it.PTarget
		}
	}
	for _, m := range f.Milestones {
		out["milestone "+m.ID] = m.PTarget
	}
	return out
}

// The scheduler's priority rule makes one exception, which the tests know
// by name: a team fills a free slot with its highest-priority item that is
// ready at that instant and never interrupts it, so when a higher-priority
// item becomes ready a moment later it waits for the whole of the
// lower-priority one. Delaying the team's earlier work (more effort, a
// risk) can make it wait those few moments instead and take the
// higher-priority item first, which then finishes earlier, and so can the
// milestones that wait on it. In generated portfolio 2, team-2 (one slot)
// finishes item-04 at t = 16.00 while its higher-priority item-11 becomes
// ready at 16.64 (when team-1 finishes item-08): it starts item-13 (14.5
// days), and item-11 (on ms-1's chain through item-16) waits until 30.47.
// With item-03 longer by two days, item-04 finishes at 18.00, item-11 is
// ready and goes first, and ms-1 is met in trial 288. This is a scheduling
// anomaly of non-preemptive list scheduling (Graham, 1969), not noise: it
// raised ms-1's chance by 3 and 5 trials in 2,000. An item's own chance
// never rises (its start does not depend on its own effort, and its finish
// grows with it), and other items' chances can rise much more (a team that
// waits on a delayed item does its lower-priority work sooner), which is
// why only the item's own chance and the milestones' are properties.
var knownAnomalies = map[string]bool{
	"portfolio 2: raising likely of item-03 by 7": true,
	"portfolio 2: raising high of item-03 by 5":   true,
}

// noGain checks that none of the chances named by keep rose by more than
// its standard error (binomial, from the larger of the two, at least one
// trial's worth; none at all for the item changed, whose own chance cannot
// rise), and returns the largest rise of those and of the others.
func noGain(t *testing.T, what string, base, alt *Forecast, keep func(string) bool, exact string) (rise, other float64) {
	t.Helper()
	a, b := chances(base), chances(alt)
	for k, p0 := range a {
		p1, ok := b[k]
		if !ok {
			t.Errorf("%s: %s has no chance after the change", what, k)
			continue
		}
		if !keep(k) {
			other = math.Max(other, p1-p0)
			continue
		}
		rise = math.Max(rise, p1-p0)
		p := math.Max(p0, p1)
		se := math.Max(math.Sqrt(p*(1-p)/propTrials), 1.0/propTrials)
		switch {
		case k == exact && p1 > p0:
			t.Errorf("%s raised its own chance: %.4f → %.4f", what, p0, p1)
		case p1-p0 > se+1e-12 && knownAnomalies[what] && p1-p0 <= 3*se:
			t.Logf("%s raised the chance of %s: %.4f → %.4f (standard error %.4f): the known priority anomaly", what, k, p0, p1, se)
		case p1-p0 > se+1e-12:
			t.Errorf("%s raised the chance of %s: %.4f → %.4f (standard error %.4f)", what, k, p0, p1, se)
		}
	}
	return rise, other
}

func isMilestone(k string) bool { return strings.HasPrefix(k, "milestone ") }

func TestPropertyMoreEffortNeverHelps(t *testing.T) {
	if testing.Short() {
		t.Skip("forecasts 24 generated portfolios many times")
	}
	src := rand.New(rand.NewPCG(10, 1))
	changes, worst, others := 0, 0.0, 0.0
	for seed := uint64(1); seed <= propPortfolios; seed++ {
		p := plangen.Portfolio(seed, plangen.Options{})
		base := propRun(t, p)
		var open []int
		for i := range p.Items {
			if p.Items[i].Open() && p.Items[i].Estimate.High > 0 {
				open = append(open, i)
			}
		}
		// three items of each portfolio, each of its four numbers raised
		for k := 0; k < 3 && len(open) > 0; k++ {
			i := open[src.IntN(len(open))]
			for _, field := range []string{"low", "likely", "high", "remaining"} {
				q := p.Clone()
				it := &q.Items[i]
				e := &it.Estimate
				step := math.Round(1 + 9*src.Float64())
				switch field {
				case "low":
					e.Low = math.Min(e.Likely, e.Low+step)
				case "likely":
					e.Likely = math.Min(e.High, e.Likely+step)
				case "high":
					e.High += step
				case "remaining":
					if it.Remaining == nil {
						continue
					}
					r := *it.Remaining + step
					it.Remaining = &r
				}
				if err := q.Validate(); err != nil {
					t.Fatalf("portfolio %d: raising %s of %s: %v", seed, field, it.ID, err)
				}
				what := fmt.Sprintf("portfolio %d: raising %s of %s by %g", seed, field, it.ID, step)
				own := "item " + it.ID
				rise, other := noGain(t, what, base, propRun(t, q), func(k string) bool { return k == own || isMilestone(k) }, own)
				worst, others = math.Max(worst, rise), math.Max(others, other)
				changes++
			}
		}
	}
	t.Logf("%d changes over %d portfolios; largest rise of the item's or a milestone's chance %.4f, of another item's %.4f",
		changes, propPortfolios, worst, others)
}

func TestPropertyAnotherRiskNeverHelps(t *testing.T) {
	if testing.Short() {
		t.Skip("forecasts 24 generated portfolios twice")
	}
	src := rand.New(rand.NewPCG(11, 1))
	worst, others := 0.0, 0.0
	for seed := uint64(1); seed <= propPortfolios; seed++ {
		p := plangen.Portfolio(seed, plangen.Options{})
		base := propRun(t, p)
		var open []string
		for i := range p.Items {
			if p.Items[i].Open() {
				open = append(open, p.Items[i].ID)
			}
		}
		q := p.Clone()
		rk := plan.Risk{ID: "risk-added", Title: "Added risk", Category: plan.RiskDelivery, Status: plan.RiskOpen,
			Probability: 0.1 + 0.8*src.Float64(), ImpactDays: math.Round(1 + 19*src.Float64()), Owner: "Test",
			CostImpact: plan.Amount(0, p.Currency)}
		for k := 0; k < 2; k++ {
			if id := open[src.IntN(len(open))]; len(rk.Items) == 0 || rk.Items[0] != id {
				rk.Items = append(rk.Items, id)
			}
		}
		q.Risks = append(q.Risks, rk)
		what := fmt.Sprintf("portfolio %d: a risk (%.0f%%, %g days) on %v", seed, 100*rk.Probability, rk.ImpactDays, rk.Items)
		touched := map[string]bool{}
		for _, id := range rk.Items {
			touched["item "+id] = true
		}
		rise, other := noGain(t, what, base, propRun(t, q), func(k string) bool { return touched[k] || isMilestone(k) }, "")
		worst, others = math.Max(worst, rise), math.Max(others, other)
	}
	t.Logf("largest rise of a touched item's or a milestone's chance %.4f, of another item's %.4f", worst, others)
}

func TestPropertyEmptyChange(t *testing.T) {
	for seed := uint64(1); seed <= propPortfolios; seed++ {
		p := plangen.Portfolio(seed, plangen.Options{})
		q := p.Clone()
		for i := range q.Items { // set every number to itself
			e := q.Items[i].Estimate
			q.Items[i].Estimate = plan.Estimate{Low: e.Low, Likely: e.Likely, High: e.High, Count: e.Count}
		}
		a, b := propRun(t, p), propRun(t, q)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("portfolio %d: an empty change changed the forecast", seed)
		}
	}
}
