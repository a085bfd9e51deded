package outlook

import (
	"math"
	"testing"

	"steerco/internal/plan"
)

func usd(units int64) plan.Money { return plan.Amount(units, "USD") }

// Two items in a row with fixed efforts (10 then 5 working days, one
// engineer) and a risk of probability 0.3 that delays the first by 5
// working days: the milestone on the second is on time (Fri 20 Mar) unless
// the risk fires, and then exactly 5 working days (7 calendar days) late.
// So in every trial the penalty is 0 or known exactly, and the expected
// penalty is the share of trials late times that amount.
func moneyPortfolio() *plan.Portfolio {
	a, b := fixed("A", "api", 1, 10), fixed("B", "api", 2, 5)
	b.DependsOn = []plan.Dependency{{ItemID: "A"}}
	b.Target = d("2026-03-20")
	b.CostOfDelayPerWeek = usd(70000)
	tm := team("api", 1, 1)
	tm.CostPerFTEMonth = usd(26000) // USD 1,200 a working day
	p := portfolio([]plan.Team{tm, {ID: "web", Name: "Web", Headcount: 1, Allocation: 0.5, FocusFactor: 1, WIPLimit: 1}}, a, b)
	p.Risks = []plan.Risk{{ID: "R", Title: "Vendor late", Category: plan.RiskVendor, Probability: 0.3, ImpactDays: 5, Items: []string{"A"},
		CostImpact: usd(30000), Status: plan.RiskOpen}}
	p.Milestones = []plan.Milestone{{ID: "M", Name: "Go-live", Date: d("2026-03-20"), DependsOn: []string{"B"},
		PenaltyLumpSum: usd(100000), PenaltyPerDay: usd(10000), PenaltyDays: plan.WorkingDays}}
	p.BudgetLines = []plan.BudgetLine{
		{ID: "team", Name: "API salaries", Category: plan.BudgetHeadcount, Spend: plan.OpEx, TeamID: "api", Plan: []plan.MonthAmount{{Month: plan.MustMonth("2026-03"), Amount: usd(20000)}}},
		{ID: "tools", Name: "Tooling", Category: plan.BudgetTooling, Spend: plan.OpEx, Plan: []plan.MonthAmount{{Month: plan.MustMonth("2026-03"), Amount: usd(5000)},
			{Month: plan.MustMonth("2026-02"), Amount: usd(99999)},   // before the as-of month: spent, not remaining
			{Month: plan.MustMonth("2026-05"), Amount: usd(77777)}}}, // after the date's month: not the programme's
		// A team with no work in scope costs nothing; half its line's plan
		// (its allocation) funds the roadmap.
		{ID: "web", Name: "Web salaries", Category: plan.BudgetHeadcount, Spend: plan.OpEx, TeamID: "web", Plan: []plan.MonthAmount{{Month: plan.MustMonth("2026-03"), Amount: usd(4000)}}},
	}
	return p
}

func TestExposureTwoItems(t *testing.T) {
	for _, calendar := range []bool{false, true} {
		p := moneyPortfolio()
		late := 150000.0 // USD 100k + 5 working days × USD 10k
		if calendar {
			p.Milestones[0].PenaltyDays = plan.CalendarDays
			late = 170000 // + 7 calendar days × USD 10k
		}
		f := run(t, p, Options{Trials: 20000, Seed: 7})
		ex := f.Exposure
		if len(ex.Milestones) != 1 || len(ex.Items) != 1 {
			t.Fatalf("exposure lists %+v", ex)
		}
		m, it := ex.Milestones[0], ex.Items[0]
		pl := m.PLate
		if se := math.Sqrt(0.3 * 0.7 / 20000); math.Abs(pl-0.3) > 5*se {
			t.Errorf("P(late) %.4f, want 0.3 ± %.4f", pl, 5*se)
		}
		if mf := f.Milestone("M"); math.Abs(mf.PTarget-(1-pl)) > 1e-12 {
			t.Errorf("P(late) %.4f is not 1 − P(on time) %.4f", pl, mf.PTarget)
		}
		usdOf := func(v float64) plan.Money { return plan.Money{Minor: int64(math.Round(v * 100)), Currency: "USD"} }
		if want := usdOf(pl * late); m.Expected != want || m.P85 != usdOf(late) || m.P50 != usd(0) {
			t.Errorf("calendar %v: milestone expected %v P50 %v P85 %v, want %v, 0 and %v", calendar, m.Expected, m.P50, m.P85, want, usdOf(late))
		}
		// The item's cost of delay: 7 calendar days late at USD 70k a week.
		if want := usdOf(pl * 70000); it.Expected != want || it.P85 != usd(70000) || it.PLate != pl {
			t.Errorf("item expected %v P85 %v, want %v and USD 70,000", it.Expected, it.P85, want)
		}
		if want := usdOf(pl * (late + 70000)); ex.Total.Mean != want || ex.Total.P85 != usdOf(late+70000) || ex.Total.P50 != usd(0) {
			t.Errorf("total %+v, want mean %v, P85 %v", ex.Total, want, usdOf(late+70000))
		}
		perWeek := usd(50000 + 70000)
		if calendar {
			perWeek = usd(70000 + 70000)
		}
		if ex.PerWeekLate != perWeek {
			t.Errorf("per week late %v, want %v", ex.PerWeekLate, perWeek)
		}

		// JCL: cost is USD 1,200 a working day until B finishes (15 or 20
		// days) + USD 5,000 of tooling + USD 30,000 when the risk fires:
		// USD 23,000 on time, USD 59,000 late. Budget USD 20,000 + 5,000
		// + half of web's 4,000.
		j := f.JCL
		if j.Budget != usd(27000) || j.Lines != usd(5000) || j.Target != d("2026-03-20") {
			t.Errorf("JCL budget %v lines %v target %s", j.Budget, j.Lines, j.Target)
		}
		if j.PJoint != 1-pl || j.PCost != 1-pl || j.PDate != 1-pl {
			t.Errorf("JCL P %v / %v / %v, want %v each", j.PJoint, j.PCost, j.PDate, 1-pl)
		}
		if j.Cost.P50 != usd(23000) || j.Cost.P95 != usd(59000) || j.Cost.Mean != usdOf(23000+pl*36000) {
			t.Errorf("JCL cost %+v", j.Cost)
		}
		if j.Risks != usdOf(pl*30000) || j.Teams != usdOf(18000+pl*6000) {
			t.Errorf("JCL parts: risks %v teams %v", j.Risks, j.Teams)
		}
	}
	// With penalties in the cost, a late trial costs its penalties too.
	f := run(t, moneyPortfolio(), Options{Trials: 5000, Seed: 7, CostWithPenalties: true})
	if j := f.JCL; j.Cost.P95 != usd(59000+150000+70000) || !j.WithPenalties {
		t.Errorf("with penalties: cost %+v", j.Cost)
	}
}

// One engineer at USD 1,200 a working day on one item of triangular effort
// (10, 20, 40 person-days): the finish is the effort in working days and the
// cost 1,200 × the effort, so every JCL figure has a closed form.
func TestJCLClosedForm(t *testing.T) {
	tm := team("api", 1, 1)
	tm.CostPerFTEMonth = usd(26000)
	it := item("A", "api", 1, 10, 20, 40)
	it.Commitment, it.Target = plan.Committed, d("2026-04-03") // 25 working days from Mon 2 Mar: finish ≤ 25
	p := portfolio([]plan.Team{tm}, it)
	p.BudgetLines = []plan.BudgetLine{{ID: "team", Name: "Salaries", Category: plan.BudgetHeadcount, Spend: plan.OpEx, TeamID: "api",
		Plan: []plan.MonthAmount{{Month: plan.MustMonth("2026-03"), Amount: usd(33600)}}}} // 28 days × 1,200
	const N = 40000
	f := run(t, p, Options{Trials: N, Seed: 3, Curves: true})
	j := f.JCL
	F := func(x float64) float64 { // triangular CDF
		if x <= 20 {
			return (x - 10) * (x - 10) / (30 * 10)
		}
		return 1 - (40-x)*(40-x)/(30*20)
	}
	Finv := func(q float64) float64 {
		if q <= 1.0/3 {
			return 10 + math.Sqrt(q*300)
		}
		return 40 - math.Sqrt((1-q)*600)
	}
	tol := 4 * math.Sqrt(0.25/N)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"P(date)", j.PDate, F(25)}, {"P(cost)", j.PCost, F(28)}, {"P(joint)", j.PJoint, F(25)}} {
		if math.Abs(c.got-c.want) > tol {
			t.Errorf("%s = %.4f, want %.4f ± %.4f", c.name, c.got, c.want, tol)
		}
	}
	money := func(m plan.Money) float64 { return m.Float() }
	for _, pt := range j.CostCurve {
		if want := 1200 * Finv(pt.P); math.Abs(money(pt.Amount)-want) > 0.012*want {
			t.Errorf("cost S-curve at %.2f: %v, want %.0f", pt.P, pt.Amount, want)
		}
	}
	// Frontier: no date before F⁻¹(0.7) ≈ 26.6 days reaches 70 %; from it
	// on, the lowest budget is 1,200 × F⁻¹(0.7) whatever the date.
	if len(j.Frontier) < 2 {
		t.Fatalf("frontier %+v", j.Frontier)
	}
	b70 := 1200 * Finv(0.7)
	for _, pt := range j.Frontier {
		if money(pt.Budget) < b70-400 || money(pt.Budget) > b70+400 {
			t.Errorf("frontier %s: %v, want %.0f", pt.Date, pt.Budget, b70)
		}
	}
	if first := j.Frontier[0].Date; first != d("2026-04-07") { // working day 26 (finish ≤ 27)
		t.Errorf("frontier starts %s, want 7 Apr 2026", first)
	}
	if len(j.Scatter) != maxScatter || j.PlanCost.Float() < 1200*Finv(0.5)-300 || j.PlanCost.Float() > 1200*Finv(0.5)+300 {
		t.Errorf("scatter %d points, plan cost %v", len(j.Scatter), j.PlanCost)
	}
}

// Without penalties, cost of delay or budget the money figures are empty, not missing.
func TestMoneyEmpty(t *testing.T) {
	f := run(t, portfolio([]plan.Team{team("api", 1, 1)}, fixed("A", "api", 1, 5)), Options{})
	if f.Exposure == nil || len(f.Exposure.Milestones) != 0 || !f.Exposure.Total.P85.IsZero() || f.JCL == nil || f.JCL.PJoint != -1 || f.JCL.PCost != -1 {
		t.Errorf("exposure %+v, JCL %+v", f.Exposure, f.JCL)
	}
}

// A scenario compares on money too: the same portfolio compares as zero;
// closing the risk saves its expected penalties and its cost, with common
// random numbers.
func TestCompareMoney(t *testing.T) {
	base := run(t, moneyPortfolio(), Options{Trials: 4000, Seed: 5})
	if c := Compare(base, base); !c.ExposureDelta.IsZero() || !c.CostDelta.IsZero() || c.JCLPoints != 0 {
		t.Errorf("empty comparison moves money: %+v %+v %v", c.ExposureDelta, c.CostDelta, c.JCLPoints)
	}
	p := moneyPortfolio()
	p.Risks[0].Status = plan.RiskClosed
	alt := run(t, p, Options{Trials: 4000, Seed: 5})
	c := Compare(base, alt)
	if c.ExposureDelta != base.Exposure.Total.Mean.Neg() || c.JCLPoints != math.Round((1-base.JCL.PJoint)*1000)/10 {
		t.Errorf("closing the risk: exposure %v (want %v), JCL %+v points", c.ExposureDelta, base.Exposure.Total.Mean.Neg(), c.JCLPoints)
	}
	if want := usd(23000).Sub(base.JCL.Cost.Mean); c.CostDelta != want {
		t.Errorf("cost delta %v, want %v", c.CostDelta, want)
	}
}

// decode finds which of a node's risks fired from the delay they added.
func TestDecodeFiredRisks(t *testing.T) {
	rn := riskNode{risks: []int{0, 1, -1}, imp: []float64{5, 10, 3}}
	for _, c := range []struct {
		delay float64
		want  [2]bool
	}{{0, [2]bool{}}, {5, [2]bool{true, false}}, {10, [2]bool{false, true}}, {15, [2]bool{true, true}}, {13, [2]bool{false, true}}, {18, [2]bool{true, true}}} {
		fired := make([]bool, 2)
		decode(rn, c.delay, fired)
		if fired[0] != c.want[0] || fired[1] != c.want[1] {
			t.Errorf("delay %g: fired %v, want %v", c.delay, fired, c.want)
		}
	}
}
