package outlook

import (
	"math"
	"testing"

	"steerco/internal/plan"
)

// TestRiskRanking checks the ranking measure on risks whose effect can be
// worked out by hand: points of probability lost on milestones and
// commitments first, then days; effects within the noise after; cost-only
// risks last, on their own.
func TestRiskRanking(t *testing.T) {
	// x: 5 person-days by one person from Monday 2 March, committed for
	// Friday 6 March (no slack), and milestone m1 on the same day waits on
	// it. z: 5 person-days with a target three weeks later (15 days of
	// slack). w: 5 person-days, nothing dated waits on it.
	x, z, w := fixed("x", "a", 1, 5), fixed("z", "b", 1, 5), fixed("w", "c", 1, 5)
	x.Commitment, x.Target = plan.Committed, d("2026-03-06")
	z.Target = d("2026-03-27")
	p := portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1), team("c", 1, 1)}, x, z, w)
	p.Milestones = []plan.Milestone{{ID: "m1", Name: "M1", Date: d("2026-03-06"), DependsOn: []string{"x"}}}
	cost := func(id string, units int64) plan.Risk {
		r := riskOn(id, 0.5, 0)
		r.CostImpact = plan.Amount(units, "USD")
		return r
	}
	p.Risks = []plan.Risk{
		cost("cost-small", 10000),
		riskOn("slack", 0.9, 10, "z"),
		riskOn("late2", 0.2, 3, "x"),
		riskOn("tiny", 0.001, 1, "w"),
		riskOn("late", 0.4, 3, "x"),
		cost("cost-big", 50000),
	}
	f := run(t, p, Options{Trials: 4000, RiskImpacts: true})
	var order []string
	for _, r := range f.Risks {
		order = append(order, r.RiskID)
	}
	want := []string{"late", "late2", "slack", "tiny", "cost-big", "cost-small"}
	if len(order) != len(want) {
		t.Fatalf("risks in order %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("risks in order %v, want %v", order, want)
		}
	}
	r := map[string]RiskImpact{}
	for _, ri := range f.Risks {
		r[ri.RiskID] = ri
	}
	// late fires without late2 in 0.4 × 0.8 = 32 % of trials: x and m1 each
	// lose 32 points; late2 without late in 0.2 × 0.6 = 12 %: 2 × 12.
	for _, c := range []struct {
		id     string
		points float64
	}{{"late", 64}, {"late2", 24}, {"slack", 0}, {"tiny", 0}} {
		g := r[c.id]
		if math.Abs(g.PointsLost-c.points) > 3 || (c.points > 0) != g.Measurable && c.id != "slack" {
			t.Errorf("%s: %.2f points lost (SE %.2f), measurable %v; want about %g", c.id, g.PointsLost, g.PointsLostSE, g.Measurable, c.points)
		}
		if c.points > 0 && !(g.PointsLostSE > 0 && g.PointsLostSE < 2) {
			t.Errorf("%s: standard error %.3f points", c.id, g.PointsLostSE)
		}
	}
	if g := r["late"]; math.Abs(g.MilestonePTarget["m1"]+0.32) > 0.03 || math.Abs(g.CommittedPTarget["x"]+0.32) > 0.03 {
		t.Errorf("late: m1 %+.3f, x %+.3f; want about −0.32 each", g.MilestonePTarget["m1"], g.CommittedPTarget["x"])
	}
	// slack loses no chance (z keeps its date) but adds days to the
	// portfolio's P85: measurable, after the risks that lose points.
	if g := r["slack"]; !g.Measurable || g.PortfolioP85Days < 5 || g.PointsLost != 0 {
		t.Errorf("slack: %+v", g)
	}
	if g := r["tiny"]; g.Measurable || g.PortfolioP85Days != 0 {
		t.Errorf("tiny: %+v", g)
	}
	for _, id := range []string{"cost-big", "cost-small"} {
		if g := r[id]; !g.CostOnly || g.Measurable || g.PointsLost != 0 || g.PortfolioP85Days != 0 || g.MilestoneP85Days != nil {
			t.Errorf("%s: %+v, want cost-only with no schedule effect", id, g)
		}
	}
	for _, ri := range f.Risks {
		if ri.CostOnly != (ri.RiskID == "cost-big" || ri.RiskID == "cost-small") {
			t.Errorf("%s: cost only %v", ri.RiskID, ri.CostOnly)
		}
	}
	if g := run(t, p, Options{Trials: 200}); g.Risks == nil || len(g.Risks) != 0 {
		t.Errorf("without RiskImpacts the risks are an empty list, got %+v", g.Risks)
	}
}
