package plan

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// Dates are written as YYYY-MM-DD, so every set date must have a year from 1
// to 9999; unset dates stay allowed where they were.
func TestValidateDateRange(t *testing.T) {
	far := NewDate(10000, time.January, 1)
	tests := []struct {
		name        string
		break_      func(p *Portfolio)
		field, want string
	}{
		{"planning start", func(p *Portfolio) { p.PlanningStart = far }, "planning_start", "Date 10000-01-01 is out of range"},
		{"year 0 holiday", func(p *Portfolio) {
			p.Calendar.Holidays = []Holiday{{Date: NewDate(0, time.December, 25), Name: "x"}}
		}, "calendar.holidays", "the year must be between 1 and 9999"},
		{"target", func(p *Portfolio) { p.Items[0].Target = far }, "target", "out of range"},
		{"start no earlier than", func(p *Portfolio) { p.Items[1].StartNoEarlierThan = far }, "start_no_earlier_than", "out of range"},
		{"headcount change", func(p *Portfolio) {
			p.Teams[0].HeadcountChanges = []HeadcountChange{{Date: far, Delta: 1}}
		}, "headcount_changes", "out of range"},
		{"milestone", func(p *Portfolio) {
			p.Milestones = []Milestone{{ID: "m", Name: "M", Date: far}}
		}, "date", "out of range"},
		{"sign-off", func(p *Portfolio) { p.Risks[0].SignedOffOn = far }, "signed_off_on", "out of range"},
		{"budget month", func(p *Portfolio) { p.BudgetLines[0].Plan[0].Month = MonthOf(10000, time.January) }, "plan", "Month 10000-01 is out of range"},
		{"deployment time", func(p *Portfolio) {
			p.Deployments = []Deployment{{ID: "d", DeployedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}}
		}, "deployed_at", "Time 10000-01-01 is out of range"},
		{"snapshot", func(p *Portfolio) {
			p.Snapshots = []Snapshot{{ID: "s", Name: "S", TakenOn: MustDate("2026-11-01"), Forecast: []SnapshotResult{{Kind: "item", ID: "a", P50: far, P85: far}}}}
		}, "forecast", "out of range"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPortfolio()
			tc.break_(p)
			var pe *Error
			if err := p.Validate(); !errors.As(err, &pe) {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
			for _, pr := range pe.Problems {
				if pr.Field == tc.field && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want one on %s saying %q", pe.Problems, tc.field, tc.want)
		})
	}
	t.Run("the first and last days are fine", func(t *testing.T) {
		p := validPortfolio()
		p.Items[1].StartNoEarlierThan = MustDate("0001-01-01")
		p.Items[1].Target = MustDate("9999-12-31")
		if err := p.Validate(); err != nil {
			t.Error(err)
		}
	})
}

// A budget amount in another currency is located by series and month.
func TestValidateForeignAmountField(t *testing.T) {
	p := validPortfolio()
	p.BudgetLines[0].Plan[0].Amount = Amount(1, "EUR")
	var pe *Error
	if err := p.Validate(); !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Field != "plan.2026-11" {
		t.Fatalf("got %v", err)
	}
}

// BenchmarkValidateBudget validates a portfolio with 200 budget lines of 36
// months of plan and actuals (14,400 amounts).
func BenchmarkValidateBudget(b *testing.B) {
	p := validPortfolio()
	line := p.BudgetLines[0]
	p.BudgetLines = nil
	for i := range 200 {
		l := line
		l.ID = "l" + string(rune('a'+i%26)) + strings.Repeat("x", i/26)
		l.Plan, l.Actual = nil, nil
		for m := range 36 {
			ma := MonthAmount{Month: MustMonth("2026-01").Add(m), Amount: Amount(100, "USD")}
			l.Plan = append(l.Plan, ma)
			l.Actual = append(l.Actual, ma)
		}
		p.BudgetLines = append(p.BudgetLines, l)
	}
	if err := p.Validate(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		p.Validate()
	}
}

// Values beyond what a portfolio can mean are refused, located by entity,
// id and field; the limits themselves are fine.
func TestValidateLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) } // 2 bytes a character: limits count characters
	tests := []struct {
		name              string
		break_            func(p *Portfolio)
		entity, id, field string
		want              string
	}{
		{"estimate 1e15", func(p *Portfolio) { p.Items[1].Estimate = Estimate{Low: 1e15, Likely: 1e15, High: 1e15} }, "item", "b", "estimate.high", "1e+15 person-days is more than a portfolio can mean; at most 100,000"},
		{"remaining", func(p *Portfolio) { r := 2e5; p.Items[0].Remaining = &r }, "item", "a", "remaining_days", "at most 100,000"},
		{"lag 1e8", func(p *Portfolio) { p.Items[1].DependsOn[0].LagDays = 100_000_000 }, "item", "b", "depends_on", `A lag of 100000000 working days after "a" is more than a plan can mean; at most 5,000`},
		{"risk impact", func(p *Portfolio) { p.Risks[0].ImpactDays = 5001 }, "risk", "r1", "impact_days", "at most 5,000"},
		{"headcount", func(p *Portfolio) { p.Teams[0].Headcount = 10_001 }, "team", "api", "headcount", "at most 10,000 FTE"},
		{"headcount change", func(p *Portfolio) {
			p.Teams[0].HeadcountChanges = []HeadcountChange{{Date: MustDate("2027-01-01"), Delta: 9_999}}
		}, "team", "api", "headcount_changes", "Headcount would be 10003 after the change on 2027-01-01"},
		{"huge change", func(p *Portfolio) {
			p.Teams[0].HeadcountChanges = []HeadcountChange{{Date: MustDate("2027-01-01"), Delta: 1e12}}
		}, "team", "api", "headcount_changes", "more than a portfolio can mean"},
		{"wip", func(p *Portfolio) { p.Teams[0].WIPLimit = 1_000_000 }, "team", "api", "wip_limit", "at most 1,000"},
		{"story count", func(p *Portfolio) { p.Items[0].Estimate.Count = 1 << 30 }, "item", "a", "estimate.count", "at most 100,000"},
		{"title", func(p *Portfolio) { p.Items[0].Title = long(501) }, "item", "a", "title", "This text is 501 characters long; at most 500 are allowed."},
		{"notes", func(p *Portfolio) { p.Items[0].Notes = long(20_001) }, "item", "a", "notes", "at most 20,000"},
		{"risk title", func(p *Portfolio) { p.Risks[0].Title = long(600) }, "risk", "r1", "title", "600 characters"},
		{"mitigation", func(p *Portfolio) { p.Risks[0].Mitigation = long(30_000) }, "risk", "r1", "mitigation", "30,000 characters"},
		{"team name", func(p *Portfolio) { p.Teams[0].Name = long(501) }, "team", "api", "name", "at most 500"},
		{"budget line", func(p *Portfolio) { p.BudgetLines[0].Name = long(501) }, "budget line", "hc", "name", "at most 500"},
		{"portfolio", func(p *Portfolio) { p.Name = long(501) }, "portfolio", "", "name", "at most 500"},
		{"milestone penalty", func(p *Portfolio) {
			p.Milestones = []Milestone{{ID: "m", Name: "M", Date: MustDate("2027-01-01"), Penalty: long(20_001)}}
		}, "milestone", "m", "penalty", "at most 20,000"},
		{"mapping value", func(p *Portfolio) {
			p.ImportMappings = []ImportMapping{{ID: "jira:X", Kind: "jira", Fields: map[string]string{"team": long(20_001)}}}
		}, "import mapping", "jira:X", "team", "at most 20,000"},
		{"id", func(p *Portfolio) {
			p.Items[1].ID = strings.Repeat("x", 65)
			p.Risks[0].Items = nil
			p.Risks[0].ImpactDays = 0
		}, "item", strings.Repeat("x", 65), "id", "may use letters"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPortfolio()
			tc.break_(p)
			var pe *Error
			if err := p.Validate(); !errors.As(err, &pe) {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
			for _, pr := range pe.Problems {
				if pr.Entity == tc.entity && pr.ID == tc.id && pr.Field == tc.field && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want one on %s %s %s saying %q", pe.Problems, tc.entity, tc.id, tc.field, tc.want)
		})
	}
	t.Run("at the limits", func(t *testing.T) {
		p := validPortfolio()
		p.Items[1].Estimate = Estimate{Low: MaxEstimateDays, Likely: MaxEstimateDays, High: MaxEstimateDays, Count: MaxCount}
		p.Items[1].DependsOn[0].LagDays = MaxDays
		p.Items[1].Title = long(MaxTitle)
		p.Items[1].Notes = long(MaxText)
		p.Risks[0].ImpactDays = MaxDays
		p.Teams[0].Headcount = MaxHeadcount - 4
		p.Teams[0].HeadcountChanges = []HeadcountChange{{Date: MustDate("2027-01-01"), Delta: 4}}
		p.Teams[0].WIPLimit = MaxWIPLimit
		if err := p.Validate(); err != nil {
			t.Error(err)
		}
	})
}
