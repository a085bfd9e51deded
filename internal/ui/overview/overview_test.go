package overview

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"steerco/internal/plan"
	"steerco/internal/ui/screen"
)

func TestOverviewShowsPortfolio(t *testing.T) {
	test.NewTempApp(t)
	p := &plan.Portfolio{
		Name: "Müller & Söhne Integration", Currency: "EUR", FiscalYearStart: time.January, PlanningStart: plan.MustDate("2026-01-05"),
		Teams: []plan.Team{
			{ID: "api", Name: "FHIR API", Headcount: 5, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2,
				HeadcountChanges: []plan.HeadcountChange{{Date: plan.MustDate("2026-03-01"), Delta: 1}, {Date: plan.MustDate("2027-01-01"), Delta: 2}}},
		},
		Items: []plan.Item{
			{ID: "a", Title: "Patient search", TeamID: "api", Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13}, Status: plan.InProgress, Commitment: plan.Committed, Target: plan.MustDate("2026-12-01"), Rank: 1},
			{ID: "b", Title: "Bulk export", TeamID: "api", Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13}, Status: plan.Done, Commitment: plan.Planned, Rank: 2},
		},
		Risks: []plan.Risk{
			{ID: "r1", Title: "Vendor sandbox differs", Status: plan.RiskOpen, Probability: 0.6, ImpactDays: 10, Category: plan.RiskVendor},
			{ID: "r2", Title: "Closed one", Status: plan.RiskClosed, Category: plan.RiskPeople},
		},
		BudgetLines: []plan.BudgetLine{{ID: "hc", Name: "Salaries", Category: plan.BudgetHeadcount, Spend: plan.OpEx,
			Plan:   []plan.MonthAmount{{Month: plan.MustMonth("2026-10"), Amount: plan.Amount(100000, "EUR")}, {Month: plan.MustMonth("2026-11"), Amount: plan.Amount(100000, "EUR")}},
			Actual: []plan.MonthAmount{{Month: plan.MustMonth("2026-10"), Amount: plan.Amount(95000, "EUR")}}}},
	}
	s := New(&screen.Env{Today: func() plan.Date { return plan.MustDate("2026-11-21") }})
	w := test.NewTempWindow(t, s.Object())
	w.Resize(w.Canvas().Size().Max(s.Object().MinSize()))
	s.Show(p)

	checks := map[string]string{
		"title":        s.title.Text,
		"teams kpi":    s.kpis[0].detail.Text,
		"roadmap kpi":  s.kpis[1].value.Text,
		"budget kpi":   s.kpis[2].value.Text,
		"budget td":    s.kpis[2].detail.Text,
		"risks kpi":    s.kpis[3].value.Text,
		"team row FTE": s.teamRows[0][1],
		"first risk":   s.riskRows[0][0],
	}
	want := map[string]string{
		"title":        "Müller & Söhne Integration",
		"teams kpi":    "6.0 FTE today", // 5 + the March hire; the January hire is in the future
		"roadmap kpi":  "1 open item",
		"budget kpi":   "FY26 plan EUR 200K",
		"budget td":    "Actual to end of Oct 2026: EUR 95K vs plan EUR 100K",
		"risks kpi":    "1 open risk",
		"team row FTE": "6.0",
		"first risk":   "Vendor sandbox differs",
	}
	for k, got := range checks {
		if got != want[k] {
			t.Errorf("%s = %q, want %q", k, got, want[k])
		}
	}
	if len(s.itemRows) != 2 {
		t.Fatalf("item rows = %d, want every item (2)", len(s.itemRows))
	}
}
