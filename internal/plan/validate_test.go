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
