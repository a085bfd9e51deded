package outlook

import (
	"math"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/plan"
)

// demoPortfolio returns the demo portfolio, dated at its anchor week so the
// figures do not change with today's date.
func demoPortfolio(t testing.TB) *plan.Portfolio {
	t.Helper()
	anchor, err := demo.Anchor()
	if err != nil {
		t.Fatal(err)
	}
	p, err := demo.Portfolio(anchor)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// slipAPI makes the FHIR API squad two weeks late: ten working days of the
// squad's per-item capacity added to the Coverage item it is finishing.
func slipAPI(t testing.TB, p *plan.Portfolio) {
	t.Helper()
	api := p.Team("fhir-api")
	it := p.Item("api-coverage")
	if api == nil || it == nil || !it.Open() {
		t.Fatal("the demo has no open api-coverage item on a fhir-api team")
	}
	slip := 10 * api.Capacity(p.PlanningStart) / float64(api.WIPLimit)
	e := it.RemainingEstimate()
	it.Estimate = plan.Estimate{Low: e.Low + slip, Likely: e.Likely + slip, High: e.High + slip}
	it.Remaining = nil
}

// TestDemoStory checks that the demo's forecast tells its story: a two-week
// slip in the FHIR API squad lowers the chance of the CMS mandate date and
// moves the Patient Data Exchange squad's items later.
func TestDemoStory(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo forecast twice")
	}
	o := Options{Trials: 10000, Seed: 1}
	base := run(t, demoPortfolio(t), o)
	p := demoPortfolio(t)
	slipAPI(t, p)
	slipped := run(t, p, o)

	cms0, cms1 := base.Milestone("m-cms"), slipped.Milestone("m-cms")
	t.Logf("CMS mandate %s: P50 %s, P85 %s, P(date) %.1f%%, driver %s (%.0f%%)", cms0.Target, cms0.Finish.P50, cms0.Finish.P85, 100*cms0.PTarget, cms0.Driver, 100*cms0.DriverShare)
	t.Logf("after a two-week API slip: P50 %s, P85 %s, P(date) %.1f%%, driver %s (%.0f%%)", cms1.Finish.P50, cms1.Finish.P85, 100*cms1.PTarget, cms1.Driver, 100*cms1.DriverShare)
	if !(cms1.PTarget < cms0.PTarget-0.05) {
		t.Errorf("the slip should lower the CMS mandate's probability visibly: %.3f → %.3f", cms0.PTarget, cms1.PTarget)
	}
	if !(cms1.Finish.P85 > cms0.Finish.P85) {
		t.Errorf("the slip should move the CMS mandate's P85 later: %s → %s", cms0.Finish.P85, cms1.Finish.P85)
	}
	t.Logf("all committed items together: %.1f%% → %.1f%% (%d items)", 100*base.Committed, 100*slipped.Committed, base.CommittedItems)
	if !(slipped.Committed <= base.Committed) {
		t.Errorf("the slip should not raise the joint probability: %.3f → %.3f", base.Committed, slipped.Committed)
	}

	later := 0
	var exchange []string
	for i := range p.Items {
		if p.Items[i].TeamID == "exchange" && p.Items[i].Open() {
			exchange = append(exchange, p.Items[i].ID)
		}
	}
	for _, id := range exchange {
		a, b := base.Item(id), slipped.Item(id)
		t.Logf("  %-14s P85 %s → %s (%+.1f working days), P(target) %5.1f%% → %5.1f%%", id, a.Finish.P85, b.Finish.P85,
			b.Finish.P85Days-a.Finish.P85Days, 100*a.PTarget, 100*b.PTarget)
		if b.Finish.P85 > a.Finish.P85 {
			later++
		}
	}
	// The items downstream of Coverage (member match, pilot, payer-to-payer,
	// prior auth, end-to-end) must move.
	for _, id := range []string{"x-membermatch", "x-p2p", "x-e2e"} {
		if a, b := base.Item(id), slipped.Item(id); !(b.Finish.P85Days > a.Finish.P85Days+3) {
			t.Errorf("%s's P85 should move later by days: %.1f → %.1f", id, a.Finish.P85Days, b.Finish.P85Days)
		}
	}
	if later < len(exchange)/2 {
		t.Errorf("only %d of %d exchange items moved later", later, len(exchange))
	}
}

func TestDemoForecast(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the demo forecast with risk impacts")
	}
	f := run(t, demoPortfolio(t), Options{Trials: 5000, Seed: 1, RiskImpacts: true})
	for _, m := range f.Milestones {
		t.Logf("milestone %-8s %s: P50 %s P85 %s P %.1f%% (SE P85 %.2f d) driver %s (%.0f%%)", m.ID, m.Target, m.Finish.P50, m.Finish.P85, 100*m.PTarget, m.Finish.SEP85Days, m.Driver, 100*m.DriverShare)
	}
	t.Logf("portfolio P50 %s P85 %s; committed %.1f%% of %d", f.Portfolio.P50, f.Portfolio.P85, 100*f.Committed, f.CommittedItems)
	for _, r := range f.Risks {
		t.Logf("risk %-22s %5.1f points lost (SE %.1f, measurable %v, cost only %v), portfolio %+.1f, worst %s %+.1f, ΔP %v", r.RiskID,
			r.PointsLost, r.PointsLostSE, r.Measurable, r.CostOnly, r.PortfolioP85Days, r.WorstMilestone, r.MilestoneP85Days[r.WorstMilestone], r.MilestonePTarget)
	}
	for _, q := range f.Teams {
		t.Logf("%-10s %s cap %5.0f demand %5.0f–%5.0f work %5.0f over %.0f%%", q.TeamID, q.Quarter, q.Capacity, q.DemandP50, q.DemandP85, q.WorkP50, 100*q.POver)
	}
	for _, n := range f.Notes {
		t.Log("note: " + n)
	}
	if len(f.Risks) == 0 || len(f.Teams) == 0 || f.CommittedItems == 0 {
		t.Errorf("the demo forecast lacks risks, team quarters or commitments")
	}
	// Risks are in the ranking's order, the cost-only one (risk-aws-cost) last.
	for k := 1; k < len(f.Risks); k++ {
		a, b := &f.Risks[k-1], &f.Risks[k]
		if a.CostOnly && !b.CostOnly || !a.CostOnly && !b.CostOnly && b.ranksBefore(a) {
			t.Errorf("risk %s (%.2f points, measurable %v) after %s (%.2f points, measurable %v)", b.RiskID, b.PointsLost, b.Measurable, a.RiskID, a.PointsLost, a.Measurable)
		}
	}
	if last := f.Risks[len(f.Risks)-1]; last.RiskID != "risk-aws-cost" || !last.CostOnly {
		t.Errorf("the last risk is %+v, want the cost-only risk-aws-cost", last)
	}
}

// TestDemoInvariants checks properties that hold for any portfolio: work is
// conserved across quarters (the mean work of a team over all quarters is
// its mean total effort), percentiles are ordered, items start before they
// finish, and probabilities are probabilities.
func TestDemoInvariants(t *testing.T) {
	p := demoPortfolio(t)
	m, mp, err := Compile(p, 0, "")
	if err != nil {
		t.Fatal(err)
	}
	f := run(t, p, Options{Trials: 10000, Sampling: "lhs"})
	effort := map[string]float64{}
	for _, tn := range mp.Teams {
		for _, i := range tn.Items {
			effort[tn.ID] += m.Items[i].Effort.Mean()
		}
	}
	work := map[string]float64{}
	for _, q := range f.Teams {
		work[q.TeamID] += q.WorkMean
		if q.POver < 0 || q.POver > 1 || q.WorkP50 > q.Capacity+1e-6 || q.DemandP50 > q.DemandP85+1e-6 {
			t.Errorf("%s %s: %+v", q.TeamID, q.Quarter, q)
		}
	}
	for id, e := range effort {
		if math.Abs(work[id]-e) > 0.01*e {
			t.Errorf("team %s: work over all quarters %.2f, mean effort %.2f", id, work[id], e)
		}
	}
	ordered := func(what string, d DateDist) {
		if !(d.P10 <= d.P50 && d.P50 <= d.P85 && d.P85 <= d.P95) || d.P10.IsZero() {
			t.Errorf("%s: percentiles out of order: %+v", what, d)
		}
	}
	for _, it := range f.Items {
		ordered(it.ID+" start", it.Start)
		ordered(it.ID+" finish", it.Finish)
		if it.Start.P50 > it.Finish.P50 && it.Finish.P50Days-it.Start.P50Days > 0 {
			t.Errorf("%s starts %s after it finishes %s", it.ID, it.Start.P50, it.Finish.P50)
		}
		if it.Criticality < 0 || it.Criticality > 1 || it.PTarget > 1 || (it.PTarget < 0 && it.PTarget != -1) {
			t.Errorf("%s: criticality %v, P %v", it.ID, it.Criticality, it.PTarget)
		}
	}
	for _, ms := range f.Milestones {
		ordered(ms.ID, ms.Finish)
	}
	ordered("portfolio", f.Portfolio)
}
