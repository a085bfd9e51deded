package recommend

import (
	"context"
	"strings"
	"testing"
	"time"

	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/scenario"
)

var asOf = plan.NewDate(2026, time.December, 7) // a Monday

// small: one team of 2 FTE (capacity 2 × 1 × 1 = 2 person-days a day) with
// a committed item of ~100 person-days (≈ 50 working days) and a target that
// gives it little chance, plus a stretch item ranked first.
func small(target plan.Date) *plan.Portfolio {
	return &plan.Portfolio{
		Name: "Small", Currency: "USD", FiscalYearStart: time.January, PlanningStart: asOf,
		Teams: []plan.Team{{ID: "api", Name: "API", Headcount: 2, Allocation: 1, FocusFactor: 1, WIPLimit: 1,
			CostPerFTEMonth: plan.Amount(10000, "USD")}},
		Items: []plan.Item{
			{ID: "nice", Title: "Nice to have", TeamID: "api", Estimate: plan.Estimate{Low: 18, Likely: 20, High: 22}, Rank: 1,
				Status: plan.NotStarted, Commitment: plan.Stretch},
			{ID: "core", Title: "Core work", TeamID: "api", Estimate: plan.Estimate{Low: 90, Likely: 100, High: 130}, Rank: 2,
				Status: plan.NotStarted, Commitment: plan.Committed, Target: target},
		},
	}
}

func opts() outlook.Options { return outlook.Options{Trials: 2000, Seed: 1, AsOf: asOf} }

func run(t *testing.T, p *plan.Portfolio) *outlook.Forecast {
	t.Helper()
	f, err := outlook.Run(context.Background(), p, opts())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func byKind(os []Option, kind string) []Option {
	var out []Option
	for _, o := range os {
		if o.Kind == kind {
			out = append(out, o)
		}
	}
	return out
}

func TestOptionsAreFeasibleAndMeasured(t *testing.T) {
	// Target 25 Feb 2027: the two items need ~60 working days, so the
	// commitment has a small chance; hires from 1 Feb help.
	p := small(asOf.AddDays(80))
	base := run(t, p)
	os, err := Propose(context.Background(), p, base, opts(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	cap := byKind(os, Capacity)
	if len(cap) != 1 {
		t.Fatalf("capacity options %+v, want one", cap)
	}
	// Hires start on the first working Monday 8 weeks out, half until ramped up.
	ch := cap[0].Scenario.Changes
	if want := asOf.AddDays(56); ch[0].Date != want || ch[0].FTE != 1 || ch[1].Date != want.AddDays(28) || ch[1].FTE != 1 {
		t.Errorf("capacity changes %+v, want +1 on %s and +1 on %s", ch, want, want.AddDays(28))
	}
	if !strings.Contains(cap[0].Ask, "1 Feb 2027") || !strings.Contains(cap[0].Ask, "8-week hiring lead time") {
		t.Errorf("ask %q", cap[0].Ask)
	}
	// Two engineers at USD 10,000 a month from 1 Feb (one) and 1 Mar (the other) to 31 Dec: 11 + 10 months.
	if cap[0].Cost.Minor != 210000_00 {
		t.Errorf("cost %v, want USD 210,000", cap[0].Cost)
	}
	// The effect is measured: the same run on the changed portfolio gives the After figure exactly.
	alt, err := cap[0].Scenario.Apply(p)
	if err != nil {
		t.Fatal(err)
	}
	f := run(t, alt)
	if got, want := cap[0].Effects[0].After, f.Items[1].PTarget; got != want {
		t.Errorf("capacity After %v, a run with the change says %v", got, want)
	}
	if cap[0].Effects[0].Before != base.Items[1].PTarget {
		t.Errorf("Before %v, base %v", cap[0].Effects[0].Before, base.Items[1].PTarget)
	}
	// Taking the stretch item off frees 20 person-days before the commitment.
	if sc := byKind(os, Scope); len(sc) != 1 || sc[0].Lift() < 0.05 || !strings.Contains(sc[0].Ask, "Nice to have") {
		t.Errorf("scope options %+v", sc)
	}
	for i := 1; i < len(os); i++ {
		if os[i].Score() > os[i-1].Score() {
			t.Errorf("options not ordered by score: %v then %v", os[i-1].Score(), os[i].Score())
		}
	}
}

func TestNoHireThatArrivesTooLate(t *testing.T) {
	// Target in 5 weeks: hires starting in 8 weeks cannot help.
	p := small(asOf.AddDays(35))
	os, err := Propose(context.Background(), p, run(t, p), opts(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if c := byKind(os, Capacity); len(c) != 0 {
		t.Errorf("proposed %q although the hires start after the target", c[0].Ask)
	}
}

func TestTargetMovesOfAWeekOrMoreOnly(t *testing.T) {
	p := small(asOf.AddDays(80))
	base := run(t, p)
	cal := p.Calendar.Compile()
	it := base.Items[1]
	late := cal.WorkdaysBetween(it.Target, it.Finish.P85)
	os, err := Propose(context.Background(), p, base, opts(), Settings{MinTargetMoveDays: late + 1})
	if err != nil {
		t.Fatal(err)
	}
	if s := byKind(os, Schedule); len(s) != 0 {
		t.Errorf("a %d-day move was proposed with a minimum of %d: %q", late, late+1, s[0].Ask)
	}
	os, err = Propose(context.Background(), p, base, opts(), Settings{MinTargetMoveDays: late})
	if err != nil {
		t.Fatal(err)
	}
	if s := byKind(os, Schedule); len(s) != 1 || !strings.Contains(s[0].Ask, "P85 date") {
		t.Errorf("schedule options %+v, want the move to P85", s)
	}
}

func TestNothingWhenAllIsGreen(t *testing.T) {
	p := small(asOf.AddDays(7 * 40))
	os, err := Propose(context.Background(), p, run(t, p), opts(), Settings{})
	if err != nil || len(os) != 0 {
		t.Fatalf("options %+v, err %v; want none", os, err)
	}
}

func TestRiskOptionMeasuresTheRiskRemoved(t *testing.T) {
	p := small(asOf.AddDays(80))
	p.Risks = []plan.Risk{{ID: "r1", Title: "Vendor late", Category: plan.RiskVendor, Probability: 0.6, ImpactDays: 15,
		Items: []string{"core"}, Status: plan.RiskOpen, Owner: "Ana", CostImpact: plan.Amount(0, "USD")}}
	base := run(t, p)
	os, err := Propose(context.Background(), p, base, opts(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	rs := byKind(os, Risk)
	if len(rs) != 1 || rs[0].Owner != "Ana" || rs[0].Scenario.Changes[0].Kind != scenario.CloseRisk {
		t.Fatalf("risk options %+v", rs)
	}
	if rs[0].Lift() < 0.05 {
		t.Errorf("removing a 60%% risk of 15 days lifted only %v", rs[0].Lift())
	}
}

// The demo's options, logged for the closing note; each must be material.
func TestDemoOptions(t *testing.T) {
	p, err := demo.Portfolio(asOf)
	if err != nil {
		t.Fatal(err)
	}
	o := opts()
	o.Trials = 4000
	base, err := outlook.Run(context.Background(), p, o)
	if err != nil {
		t.Fatal(err)
	}
	os, err := Propose(context.Background(), p, base, o, Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(os) == 0 {
		t.Fatal("the demo has late commitments; no option was proposed")
	}
	for _, x := range os {
		t.Logf("%s: %s [%s] %s", x.Kind, x.Ask, x.Owner, x.Evidence())
		if x.Lift() < 0.05-1e-9 {
			t.Errorf("immaterial option %q (lift %v)", x.Ask, x.Lift())
		}
	}
}

// Hires and stretch work are measured for at most MaxTeams teams: those
// the most late targets wait on, kept in portfolio order.
func TestTeamsOfKeepsTheTeamsMostWaitedOn(t *testing.T) {
	p := &plan.Portfolio{Teams: []plan.Team{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}, {ID: "e"}}}
	w := func(ids ...string) target {
		m := map[string]bool{}
		for _, id := range ids {
			m[id] = true
		}
		return target{teams: m}
	}
	ts := []target{w("d", "b"), w("d"), w("b", "e"), w("d", "a"), w("c")}
	if got := strings.Join(teamsOf(p, ts, 10), ","); got != "a,b,c,d,e" {
		t.Errorf("no bound: %s, want every team waited on, in portfolio order", got)
	}
	// d: 3 targets, b: 2, a, c, e: 1 each (a is the earliest of those)
	if got := strings.Join(teamsOf(p, ts, 3), ","); got != "a,b,d" {
		t.Errorf("three teams: %s, want a,b,d", got)
	}
	if got := strings.Join(teamsOf(p, ts, 1), ","); got != "d" {
		t.Errorf("one team: %s, want d", got)
	}
}

func TestListSomeNamesThreeThenCounts(t *testing.T) {
	if got := listSome([]string{"a", "b"}, 3); got != "a, b" {
		t.Errorf("two names: %q", got)
	}
	if got := listSome([]string{"a", "b", "c", "d", "e"}, 3); got != "a, b, c and 2 more" {
		t.Errorf("five names: %q", got)
	}
}

// Measuring stops at MeasureItemTrials: with room for one run only the
// first round's first kind (a hire) is measured; with room for all, the
// scope cut is too. Target moves are not runs and are always proposed.
func TestMeasuringStaysWithinItsBudget(t *testing.T) {
	p := small(asOf.AddDays(80))
	base := run(t, p)
	one := int64(len(p.Items)) * int64(opts().Trials)
	all, err := Propose(context.Background(), p, base, opts(), Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if len(byKind(all, Capacity)) == 0 || len(byKind(all, Scope)) == 0 {
		t.Fatalf("with the default budget want a hire and a scope cut, got %+v", all)
	}
	got, err := Propose(context.Background(), p, base, opts(), Settings{MeasureItemTrials: one})
	if err != nil {
		t.Fatal(err)
	}
	if len(byKind(got, Capacity)) != 1 || len(byKind(got, Scope)) != 0 {
		t.Errorf("with room for one run want the hire only, got %+v", got)
	}
	if len(byKind(got, Schedule)) != len(byKind(all, Schedule)) {
		t.Errorf("target moves need no run: %d with the small budget, %d without", len(byKind(got, Schedule)), len(byKind(all, Schedule)))
	}
}
