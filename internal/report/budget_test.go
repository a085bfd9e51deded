package report_test

import (
	"testing"
	"time"

	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
)

// TestBudgetProjections checks both year-end projections by hand: one line,
// plan 100 a month for a calendar fiscal year, actuals 100 a month for
// January to June and 130 for July to September (an overrun that started
// in July), as of mid-October.
//
//	actual to date       6×100 + 3×130           = 990
//	plan to date         9×100                   = 900
//	projection at plan   990 + 3 open months×100 = 1,290  (+90)
//	run rate             last 3 months 90 over plan, 30 a month, carried
//	                     over the 3 open months: 1,290 + 90 = 1,380 (+180)
//
// (The average closed month carried forward, plan.BudgetYear.RunRate,
// would say 990 + 990×3/9 = 1,320: it dilutes the overrun with the months
// before it.)
func TestBudgetProjections(t *testing.T) {
	usd := func(u int64) plan.Money { return plan.Amount(u, "USD") }
	bl := plan.BudgetLine{ID: "b1", Name: "Contractors", Category: plan.BudgetContractors, Spend: plan.OpEx}
	for m := 1; m <= 12; m++ {
		mo := plan.MonthOf(2027, time.Month(m))
		bl.Plan = append(bl.Plan, plan.MonthAmount{Month: mo, Amount: usd(100)})
		switch {
		case m <= 6:
			bl.Actual = append(bl.Actual, plan.MonthAmount{Month: mo, Amount: usd(100)})
		case m <= 9:
			bl.Actual = append(bl.Actual, plan.MonthAmount{Month: mo, Amount: usd(130)})
		}
	}
	p := &plan.Portfolio{Name: "Budget check", Currency: "USD", FiscalYearStart: time.January,
		PlanningStart: plan.MustDate("2027-01-04"), BudgetLines: []plan.BudgetLine{bl}}
	asOf := plan.MustDate("2027-10-15")
	f := &outlook.Forecast{AsOf: asOf, Trials: 1000}
	b, err := report.Build(p, f, mustTemplate(t, "board-pack"), asOf)
	if err != nil {
		t.Fatal(err)
	}
	bud := section(t, b, report.SecBudget)
	hasHeadline(t, bud, "Actuals through Sep 2027 are USD 90 over plan (10.0%); the FY2027 projection at plan (actuals + plan for the open months) of USD 1,290 is USD 90 over the USD 1,200 plan.")
	hasHeadline(t, bud, "At the run rate of the last 3 closed months (+USD 30 a month against plan, carried over the 3 open months left) the year ends at USD 1,380, USD 180 over the USD 1,200 plan.")
	kpi := map[string]string{}
	for _, k := range bud.KPIs {
		kpi[k.Label] = k.Value.Money.Decimal()
	}
	if kpi["Projection at plan"] != "1290.00" || kpi["Projection at run rate"] != "1380.00" {
		t.Errorf("KPIs %v", kpi)
	}
	cat := table(t, b, "BudgetCategories")
	var cols []string
	for _, c := range cat.Columns {
		cols = append(cols, c.Title)
	}
	want := map[string]string{"Plan (year)": "1200.00", "Plan to date": "900.00", "Actual to date": "990.00", "Variance to date": "90.00",
		"Projection at plan": "1290.00", "Year-end variance at plan": "90.00", "Variance, last 3 months": "90.00",
		"Projection at run rate": "1380.00", "Year-end variance at run rate": "180.00"}
	for i, title := range cols {
		w, ok := want[title]
		if !ok {
			continue
		}
		delete(want, title)
		if got := cat.Total.Cells[i].Money.Decimal(); got != w {
			t.Errorf("%s = %s, want %s", title, got, w)
		}
	}
	if len(want) != 0 {
		t.Errorf("columns missing: %v (have %v)", want, cols)
	}
}
