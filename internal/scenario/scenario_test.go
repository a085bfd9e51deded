package scenario

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"steerco/internal/plan"
)

func d(s string) plan.Date { return plan.MustDate(s) }

func base() *plan.Portfolio {
	rem := 10.0
	return &plan.Portfolio{Name: "P", Currency: "USD", FiscalYearStart: time.April, PlanningStart: d("2026-11-02"),
		Teams: []plan.Team{
			{ID: "api", Name: "FHIR API", Headcount: 5, Allocation: 1, FocusFactor: 1, WIPLimit: 2, CostPerFTEMonth: plan.Amount(15000, "USD")},
			{ID: "ops", Name: "Platform", Headcount: 1, Allocation: 1, FocusFactor: 1, WIPLimit: 1, CostPerFTEMonth: plan.Money{Minor: 1000001, Currency: "USD"}},
		},
		Items: []plan.Item{
			{ID: "a", Title: "Audit trail", TeamID: "api", Rank: 1, Status: plan.InProgress, Commitment: plan.Committed, Target: d("2027-03-01"),
				Estimate: plan.Estimate{Low: 10, Likely: 20, High: 40}, Remaining: &rem},
			{ID: "b", Title: "Analytics", TeamID: "api", Rank: 2, Status: plan.NotStarted, Commitment: plan.Committed, Target: d("2027-05-01"),
				Estimate: plan.Estimate{Low: 5, Likely: 10, High: 20}, DependsOn: []plan.Dependency{{ItemID: "a"}}},
			{ID: "c", Title: "Finished", TeamID: "ops", Rank: 1, Status: plan.Done, Commitment: plan.Planned, Estimate: plan.Estimate{Low: 1, Likely: 1, High: 1}},
		},
		Milestones: []plan.Milestone{{ID: "m", Name: "Go-live", Date: d("2027-06-01"), DependsOn: []string{"a", "b"}}},
		Risks: []plan.Risk{{ID: "r", Title: "Audit flagged late", Category: plan.RiskCompliance, Probability: 0.5, ImpactDays: 10,
			Items: []string{"a"}, Status: plan.RiskOpen}},
	}
}

func TestApplyEachKind(t *testing.T) {
	cases := []struct {
		name  string
		c     Change
		check func(t *testing.T, p *plan.Portfolio)
	}{
		{"add headcount", Change{Kind: Headcount, Team: "api", FTE: 2, Date: d("2027-03-01")}, func(t *testing.T, p *plan.Portfolio) {
			if got := p.Team("api").HeadcountOn(d("2027-03-01")); got != 7 {
				t.Errorf("headcount on the date = %v, want 7", got)
			}
			if got := p.Team("api").HeadcountOn(d("2027-02-28")); got != 5 {
				t.Errorf("headcount the day before = %v, want 5", got)
			}
		}},
		{"remove headcount", Change{Kind: Headcount, Team: "api", FTE: -1.5, Date: d("2027-01-04")}, func(t *testing.T, p *plan.Portfolio) {
			if got := p.Team("api").HeadcountOn(d("2027-01-04")); got != 3.5 {
				t.Errorf("headcount = %v, want 3.5", got)
			}
		}},
		{"defer", Change{Kind: Defer, Item: "b", Date: d("2027-04-01")}, func(t *testing.T, p *plan.Portfolio) {
			if p.Item("b").StartNoEarlierThan != d("2027-04-01") {
				t.Errorf("start no earlier than = %s", p.Item("b").StartNoEarlierThan)
			}
		}},
		{"stretch", Change{Kind: Stretch, Item: "b"}, func(t *testing.T, p *plan.Portfolio) {
			if p.Item("b").Commitment != plan.Stretch {
				t.Errorf("commitment = %s", p.Item("b").Commitment)
			}
		}},
		{"cut", Change{Kind: Cut, Item: "b"}, func(t *testing.T, p *plan.Portfolio) {
			if p.Item("b").Status != plan.Cancelled || p.Item("b").Open() {
				t.Errorf("status = %s", p.Item("b").Status)
			}
		}},
		{"estimate up", Change{Kind: Estimate, Item: "a", Percent: 50}, func(t *testing.T, p *plan.Portfolio) {
			if e := p.Item("a").Estimate; e != (plan.Estimate{Low: 15, Likely: 30, High: 60}) {
				t.Errorf("estimate = %+v", e)
			}
			if *p.Item("a").Remaining != 15 {
				t.Errorf("remaining = %v, want 15", *p.Item("a").Remaining)
			}
		}},
		{"estimate down", Change{Kind: Estimate, Item: "b", Percent: -20}, func(t *testing.T, p *plan.Portfolio) {
			if e := p.Item("b").Estimate; e != (plan.Estimate{Low: 4, Likely: 8, High: 16}) {
				t.Errorf("estimate = %+v", e)
			}
		}},
		{"close risk", Change{Kind: CloseRisk, Risk: "r"}, func(t *testing.T, p *plan.Portfolio) {
			if r := p.Risk("r"); r.Status != plan.RiskClosed || r.Live() {
				t.Errorf("status = %s", r.Status)
			}
		}},
		{"accept risk", Change{Kind: AcceptRisk, Risk: "r", By: " CFO ", Date: d("2026-11-20")}, func(t *testing.T, p *plan.Portfolio) {
			r := p.Risk("r")
			if r.Status != plan.RiskAccepted || r.SignedOffBy != "CFO" || r.SignedOffOn != d("2026-11-20") || !r.Live() {
				t.Errorf("risk = %+v; an accepted risk stays live", r)
			}
		}},
		{"move milestone", Change{Kind: MoveMilestone, Milestone: "m", Date: d("2027-07-01")}, func(t *testing.T, p *plan.Portfolio) {
			if p.Milestones[0].Date != d("2027-07-01") {
				t.Errorf("milestone date = %s", p.Milestones[0].Date)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base()
			before, _ := json.Marshal(p)
			s := &Scenario{Name: c.name, Changes: []Change{c.c}}
			q, err := s.Apply(p)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			c.check(t, q)
			if after, _ := json.Marshal(p); string(after) != string(before) {
				t.Error("Apply changed the plan of record")
			}
			if c.c.Check(p) != nil {
				t.Errorf("Check: %v", c.c.Check(p))
			}
			// ApplyTo on the plan itself gives the same portfolio.
			r := base()
			if err := s.ApplyTo(r); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r, q) {
				t.Error("ApplyTo and Apply disagree")
			}
			if c.c.Describe(p) == "" {
				t.Error("no description")
			}
		})
	}
}

func TestApplyInOrder(t *testing.T) {
	s := &Scenario{Changes: []Change{
		{Kind: Headcount, Team: "api", FTE: 2, Date: d("2027-01-04")},
		{Kind: Headcount, Team: "api", FTE: -7, Date: d("2027-02-01")}, // allowed only after the hire
	}}
	q, err := s.Apply(base())
	if err != nil {
		t.Fatal(err)
	}
	if got := q.Team("api").HeadcountOn(d("2027-02-01")); got != 0 {
		t.Errorf("headcount = %v, want 0", got)
	}
}

func TestInvalidScenarios(t *testing.T) {
	cases := []struct {
		name         string
		changes      []Change
		entity, id   string
		field        string
		wantProblems int
	}{
		{"unknown team", []Change{{Kind: Headcount, Team: "nope", FTE: 1, Date: d("2027-01-01")}}, "change", "1", "team", 1},
		{"zero FTE", []Change{{Kind: Headcount, Team: "api", Date: d("2027-01-01")}}, "change", "1", "fte", 1},
		{"three decimals of FTE", []Change{{Kind: Headcount, Team: "api", FTE: 0.125, Date: d("2027-01-01")}}, "change", "1", "fte", 1},
		{"no date", []Change{{Kind: Headcount, Team: "api", FTE: 1}}, "change", "1", "date", 1},
		{"more FTE removed than the team has", []Change{{Kind: Headcount, Team: "ops", FTE: -2, Date: d("2027-01-01")}}, "change", "1", "fte", 1},
		{"later departure goes negative", []Change{
			{Kind: Headcount, Team: "ops", FTE: -1, Date: d("2027-01-01")},
			{Kind: Headcount, Team: "ops", FTE: 1, Date: d("2027-03-01")},
			{Kind: Headcount, Team: "ops", FTE: -1, Date: d("2026-12-01")}}, "team", "ops", "headcount_changes", 1}, // found by plan.Validate
		{"unknown item", []Change{{Kind: Defer, Item: "zz", Date: d("2027-01-01")}}, "change", "1", "item", 1},
		{"defer without date", []Change{{Kind: Defer, Item: "b"}}, "change", "1", "date", 1},
		{"done item", []Change{{Kind: Stretch, Item: "c"}}, "change", "1", "item", 1},
		{"cut a done item", []Change{{Kind: Cut, Item: "c"}}, "change", "1", "item", 1},
		{"estimate -100%", []Change{{Kind: Estimate, Item: "a", Percent: -100}}, "change", "1", "percent", 1},
		{"unknown risk", []Change{{Kind: CloseRisk, Risk: "zz"}}, "change", "1", "risk", 1},
		{"accept without sign-off", []Change{{Kind: AcceptRisk, Risk: "r", Date: d("2027-01-01")}}, "change", "1", "by", 1},
		{"accept a closed risk", []Change{{Kind: CloseRisk, Risk: "r"}, {Kind: AcceptRisk, Risk: "r", By: "x", Date: d("2027-01-01")}}, "change", "2", "risk", 1},
		{"unknown milestone", []Change{{Kind: MoveMilestone, Milestone: "zz", Date: d("2027-01-01")}}, "change", "1", "milestone", 1},
		{"unknown kind", []Change{{Kind: "teleport"}}, "change", "1", "kind", 1},
		{"every problem at once", []Change{{Kind: CloseRisk, Risk: "zz"}, {Kind: Defer, Item: "b"}}, "change", "1", "risk", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := base()
			before, _ := json.Marshal(p)
			s := &Scenario{Changes: c.changes}
			q, err := s.Apply(p)
			if err == nil || q != nil {
				t.Fatalf("Apply = %v, %v; want an error", q, err)
			}
			pe, ok := err.(*plan.Error)
			if !ok || pe.Code != plan.EINVALID || len(pe.Problems) != c.wantProblems {
				t.Fatalf("error %#v", err)
			}
			pr := pe.Problems[0]
			if pr.Entity != c.entity || pr.ID != c.id || pr.Field != c.field || pr.Message == "" {
				t.Errorf("problem %+v, want %s %s field %s", pr, c.entity, c.id, c.field)
			}
			if after, _ := json.Marshal(p); string(after) != string(before) {
				t.Error("a failed Apply changed the plan of record")
			}
		})
	}
}

func TestBudgetExact(t *testing.T) {
	p := base() // fiscal year starts in April
	s := &Scenario{Changes: []Change{
		{Kind: Headcount, Team: "api", FTE: 2, Date: d("2027-03-16")},    // USD 15,000/FTE-month
		{Kind: Defer, Item: "b", Date: d("2027-04-01")},                  // costs nothing
		{Kind: Headcount, Team: "ops", FTE: -0.5, Date: d("2027-04-01")}, // USD 10,000.01/FTE-month
	}}
	e, err := s.Budget(p, plan.MustMonth("2027-05"))
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Costs) != 2 {
		t.Fatalf("costs %+v", e.Costs)
	}
	api := e.Costs[0]
	// March 16–31 is 16 of 31 days: 30,000 × 16/31 = 15,483.870967… → 15,483.87.
	wantAPI := []string{"15483.87", "30000.00", "30000.00"}
	if len(api.Months) != 3 {
		t.Fatalf("api months %+v", api.Months)
	}
	for i, w := range wantAPI {
		if got := api.Months[i].Amount.Decimal(); got != w {
			t.Errorf("api month %d = %s, want %s", i, got, w)
		}
	}
	if api.PerMonth.Decimal() != "30000.00" || api.Total.Decimal() != "75483.87" {
		t.Errorf("api per month %s total %s", api.PerMonth.Decimal(), api.Total.Decimal())
	}
	ops := e.Costs[1]
	// −0.5 × 10,000.01 = −5,000.005 → −5,000.01 (half away from zero), each month.
	if ops.PerMonth.Decimal() != "-5000.01" || ops.Total.Decimal() != "-10000.02" || ops.Change != 2 {
		t.Errorf("ops %+v", ops)
	}
	if e.Total.Decimal() != "65483.85" || e.Total.Currency != "USD" {
		t.Errorf("total %s", e.Total)
	}
	// FY2027 ends in March 2027; April and May are FY2028.
	want := []YearAmount{{2027, plan.Money{Minor: 1548387, Currency: "USD"}}, {2028, plan.Money{Minor: 6000000 - 1000002, Currency: "USD"}}}
	if !reflect.DeepEqual(e.ByFiscalYear, want) {
		t.Errorf("by fiscal year %+v, want %+v", e.ByFiscalYear, want)
	}
	if _, err := (&Scenario{Changes: []Change{{Kind: Headcount, Team: "zz", FTE: 1, Date: d("2027-01-01")}}}).Budget(p, plan.MustMonth("2027-05")); err == nil {
		t.Error("a budget for an unknown team")
	}
}
