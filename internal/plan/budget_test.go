package plan

import (
	"testing"
	"time"
)

func usd(s string) Money {
	m, err := ParseMoney(s, "USD")
	if err != nil {
		panic(err)
	}
	return m
}

func TestBudgetYear(t *testing.T) {
	p := &Portfolio{Currency: "USD", FiscalYearStart: time.April}
	// FY2027 runs Apr 2026 – Mar 2027.
	p.BudgetLines = []BudgetLine{
		{ID: "eng", Name: "Engineers", Category: BudgetHeadcount, Spend: OpEx,
			Plan: []MonthAmount{
				{MustMonth("2026-04"), usd("1000.00")}, {MustMonth("2026-05"), usd("1000.00")},
				{MustMonth("2026-06"), usd("1000.00")}, {MustMonth("2027-03"), usd("500.50")},
				{MustMonth("2027-04"), usd("9999.00")}, // next fiscal year: ignored
			},
			Actual: []MonthAmount{
				{MustMonth("2026-04"), usd("1100.25")}, {MustMonth("2026-05"), usd("900.00")},
			}},
		{ID: "cap", Name: "Build-out", Category: BudgetContractors, Spend: CapEx,
			Plan: []MonthAmount{{MustMonth("2026-05"), usd("200.00")}, {MustMonth("2026-07"), usd("300.00")}},
			Actual: []MonthAmount{
				{MustMonth("2026-04"), usd("50.00")},   // unplanned spend
				{MustMonth("2026-07"), usd("7777.00")}, // after the as-of month: not yet closed
			}},
	}
	y := p.BudgetYear(2027, MustDate("2026-06-15"))
	if y.ClosedThrough != MustMonth("2026-05") {
		t.Fatalf("closed through %v, want 2026-05", y.ClosedThrough)
	}
	// Plan: 1000×3 + 500.50 + 200 + 300 = 4000.50
	// Actual (Apr, May): 1100.25 + 900 + 50 = 2050.25; plan to date 1000+1000+200 = 2200
	// Forecast: 2050.25 + Jun 1000 + Jul 300 + Mar 500.50 = 3850.75
	checks := []struct {
		name      string
		got, want Money
	}{
		{"total plan", y.Total.Plan, usd("4000.50")},
		{"total actual", y.Total.Actual, usd("2050.25")},
		{"plan to date", y.Total.PlanToDate, usd("2200.00")},
		{"forecast", y.Total.Forecast, usd("3850.75")},
		{"variance to date", y.Total.VarianceToDate(), usd("-149.75")},
		{"variance year end", y.Total.VarianceYearEnd(), usd("-149.75")},
		{"may forecast", y.ByMonth[1].Forecast, usd("900.00")},
		{"may plan", y.ByMonth[1].Plan, usd("1200.00")},
		{"jul forecast", y.ByMonth[3].Forecast, usd("300.00")},
		{"headcount forecast", y.ByCategory[0].Forecast, usd("3500.75")},
		{"contractors actual", y.ByCategory[1].Actual, usd("50.00")},
		{"capex forecast", y.BySpend[0].Forecast, usd("350.00")},
		{"opex plan", y.BySpend[1].Plan, usd("3500.50")},
		// Run rate: the 2 closed months ran 149.75 under plan; carried over
		// the 10 open months: 3850.75 − 149.75 × 10/2 = 3102.00
		{"recent variance", y.Total.Recent, usd("-149.75")},
		{"run rate", y.RunRate, usd("3102.00")},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if !y.ByMonth[1].Closed || y.ByMonth[2].Closed {
		t.Errorf("closed flags wrong: May %v, Jun %v", y.ByMonth[1].Closed, y.ByMonth[2].Closed)
	}
	if y.ByCategory[0].Key != BudgetHeadcount || y.BySpend[0].Key != CapEx {
		t.Errorf("order: %s, %s", y.ByCategory[0].Key, y.BySpend[0].Key)
	}
}

func TestBudgetYearNoActuals(t *testing.T) {
	p := &Portfolio{Currency: "JPY", FiscalYearStart: time.January,
		BudgetLines: []BudgetLine{{ID: "a", Category: BudgetTooling, Spend: OpEx,
			Plan: []MonthAmount{{MustMonth("2026-02"), Amount(1200, "JPY")}}}}}
	y := p.BudgetYear(2026, MustDate("2026-01-10"))
	if y.ClosedThrough != 0 || y.Total.Forecast != Amount(1200, "JPY") || !y.RunRate.IsZero() {
		t.Errorf("got closed %v forecast %v run rate %v", y.ClosedThrough, y.Total.Forecast, y.RunRate)
	}
}
