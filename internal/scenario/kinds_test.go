package scenario

import (
	"reflect"
	"strings"
	"testing"

	"steerco/internal/bidi"
	"steerco/internal/plan"
)

func TestApplyNewKinds(t *testing.T) {
	cases := []struct {
		name  string
		c     Change
		check func(t *testing.T, p *plan.Portfolio)
	}{
		{"hire with ramp-up", Change{Kind: Headcount, Team: "api", FTE: 2, Value: 4, Date: d("2027-01-04")}, func(t *testing.T, p *plan.Portfolio) {
			tm := p.Team("api")
			if a, b, c := tm.HeadcountOn(d("2027-01-03")), tm.HeadcountOn(d("2027-01-04")), tm.HeadcountOn(d("2027-02-01")); a != 5 || b != 6 || c != 7 {
				t.Errorf("headcount before, at hire, ramped = %v %v %v, want 5 6 7", a, b, c)
			}
		}},
		{"add item", Change{Kind: AddItem, NewItem: &plan.Item{ID: "new", Title: "Consent API", TeamID: "api", Rank: 3,
			Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13}, Target: d("2027-04-01"), DependsOn: []plan.Dependency{{ItemID: "a"}}}},
			func(t *testing.T, p *plan.Portfolio) {
				it := p.Item("new")
				if it == nil || it.Status != plan.NotStarted || it.Commitment != plan.Committed {
					t.Errorf("added item %+v", it)
				}
			}},
		{"priority", Change{Kind: Priority, Item: "b", Value: 1}, func(t *testing.T, p *plan.Portfolio) {
			if p.Item("b").Rank != 1 {
				t.Errorf("rank %d", p.Item("b").Rank)
			}
		}},
		{"target", Change{Kind: Target, Item: "b", Date: d("2027-07-01")}, func(t *testing.T, p *plan.Portfolio) {
			if p.Item("b").Target != d("2027-07-01") {
				t.Errorf("target %s", p.Item("b").Target)
			}
		}},
		{"commitment", Change{Kind: Commitment, Item: "b", Text: plan.Planned}, func(t *testing.T, p *plan.Portfolio) {
			if p.Item("b").Commitment != plan.Planned {
				t.Errorf("commitment %s", p.Item("b").Commitment)
			}
		}},
		{"undepend", Change{Kind: Undepend, Item: "b", Text: "a"}, func(t *testing.T, p *plan.Portfolio) {
			if len(p.Item("b").DependsOn) != 0 {
				t.Errorf("depends on %v", p.Item("b").DependsOn)
			}
		}},
		{"depend", Change{Kind: Depend, Item: "a", Text: "c", Value: 3}, func(t *testing.T, p *plan.Portfolio) {
			if got := p.Item("a").DependsOn; len(got) != 1 || got[0] != (plan.Dependency{ItemID: "c", LagDays: 3}) {
				t.Errorf("depends on %v", got)
			}
		}},
		{"risk probability", Change{Kind: RiskProbability, Risk: "r", Value: 0.2}, func(t *testing.T, p *plan.Portfolio) {
			if p.Risk("r").Probability != 0.2 {
				t.Errorf("probability %v", p.Risk("r").Probability)
			}
		}},
		{"risk impact", Change{Kind: RiskImpact, Risk: "r", Value: 3}, func(t *testing.T, p *plan.Portfolio) {
			if p.Risk("r").ImpactDays != 3 {
				t.Errorf("impact %v", p.Risk("r").ImpactDays)
			}
		}},
		{"stated cost", Change{Kind: StatedCost, Cost: plan.Amount(1000, "USD"), Date: d("2027-01-04")}, func(t *testing.T, p *plan.Portfolio) {}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := base()
			s := Scenario{Name: tc.name, Changes: []Change{tc.c}}
			q, err := s.Apply(p)
			if err != nil {
				t.Fatal(err)
			}
			tc.check(t, q)
			if !reflect.DeepEqual(p, base()) {
				t.Error("Apply changed the plan of record")
			}
			if tc.c.Describe(p) == "" {
				t.Error("no description")
			}
		})
	}
}

func TestNewKindsRefuseBadInput(t *testing.T) {
	for name, c := range map[string]Change{
		"unknown item":         {Kind: Priority, Item: "zz", Value: 1},
		"rank zero":            {Kind: Priority, Item: "a", Value: 0},
		"bad commitment":       {Kind: Commitment, Item: "a", Text: "maybe"},
		"depend on nothing":    {Kind: Depend, Item: "a", Text: "zz"},
		"depend twice":         {Kind: Depend, Item: "b", Text: "a"},
		"undepend not a dep":   {Kind: Undepend, Item: "a", Text: "b"},
		"probability too high": {Kind: RiskProbability, Risk: "r", Value: 1.5},
		"duplicate item":       {Kind: AddItem, NewItem: &plan.Item{ID: "a", Title: "x", TeamID: "api"}},
		"no item":              {Kind: AddItem},
		"cost without date":    {Kind: StatedCost, Cost: plan.Amount(1, "USD")},
		"cycle":                {Kind: Depend, Item: "a", Text: "b"},
	} {
		if err := c.Check(base()); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// A hire with ramp-up costs its full FTE from the hire date; a stated cost
// counts once in its month's fiscal year.
func TestBudgetRampAndStatedCost(t *testing.T) {
	p := base() // fiscal year from April, FHIR API at USD 15,000 per FTE-month
	s := Scenario{Changes: []Change{
		{Kind: Headcount, Team: "api", FTE: 2, Value: 4, Date: d("2027-03-01")},
		{Kind: StatedCost, Cost: plan.Amount(5000, "USD"), Date: d("2027-04-15")},
	}}
	e, err := s.Budget(p, plan.MonthOf(2027, 4))
	if err != nil {
		t.Fatal(err)
	}
	want := []YearAmount{{2027, plan.Amount(30000, "USD")}, {2028, plan.Amount(35000, "USD")}}
	if !reflect.DeepEqual(e.ByFiscalYear, want) || e.Total != plan.Amount(65000, "USD") {
		t.Errorf("by year %+v total %v, want %+v and USD 65,000", e.ByFiscalYear, e.Total, want)
	}
}

func TestPlanRoundTrip(t *testing.T) {
	s := Scenario{ID: "x", Name: "X", Description: "d", Changes: []Change{
		{Kind: Headcount, Team: "api", FTE: 2, Value: 4, Date: d("2027-01-04")},
		{Kind: AddItem, NewItem: &plan.Item{ID: "n", Title: "N", TeamID: "api"}},
		{Kind: StatedCost, Cost: plan.Amount(10, "USD"), Date: d("2027-01-04"), Text: "licence"},
	}}
	if got := FromPlan(s.Plan()); !reflect.DeepEqual(got, s) {
		t.Errorf("round trip\n got %+v\nwant %+v", got, s)
	}
}

// A change to an item with a Hebrew title reads its figure where it is
// written: the title is isolated, so "+20%" stays after it.
func TestDescribeKeepsFiguresOutOfHebrewNames(t *testing.T) {
	p := &plan.Portfolio{Items: []plan.Item{{ID: "x", Title: "תשלומים בזמן אמת"}},
		Teams: []plan.Team{{ID: "t", Name: "צוות תשתיות"}}}
	for _, tc := range []struct {
		c    Change
		want string
	}{
		{Change{Kind: Estimate, Item: "x", Percent: 20}, "+20%"},
		{Change{Kind: Headcount, Team: "t", FTE: 2, Date: d("2027-01-04")}, "from 4 Jan 2027"},
	} {
		if v := bidi.Visual(tc.c.Describe(p)); !strings.HasSuffix(v, tc.want) {
			t.Errorf("%s reads %q, want it to end %q", tc.c.Kind, v, tc.want)
		}
	}
}
