package plan

import (
	"testing"
	"time"
)

func TestParseMoneyInput(t *testing.T) {
	cases := []struct {
		name, in, cur string
		want          int64 // minor units
		bad           bool
	}{
		{"plain", "1234.56", "USD", 123456, false},
		{"grouped", "1,234,567.8", "USD", 123456780, false},
		{"dollar sign", "$1,234.50", "USD", 123450, false},
		{"iso code before", "USD 99", "USD", 9900, false},
		{"iso code after", "99.01 USD", "USD", 9901, false},
		{"euro symbol", "€ 12", "EUR", 1200, false},
		{"negative", "-1,000", "USD", -100000, false},
		{"negative after symbol", "$-5", "USD", -500, false},
		{"yen no decimals", "1,200", "JPY", 1200, false},
		{"spaces around", "  42 ", "USD", 4200, false},
		{"misplaced commas and letter", "12,34.5x", "USD", 0, true},
		{"misplaced commas", "12,34.5", "USD", 0, true},
		{"trailing letter", "100x", "USD", 0, true},
		{"too many decimals", "1.234", "USD", 0, true},
		{"yen decimals", "1.5", "JPY", 0, true},
		{"empty", "", "USD", 0, true},
		{"exponent", "1e6", "USD", 0, true},
		{"two points", "1.2.3", "USD", 0, true},
		{"leading comma", ",123", "USD", 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := ParseMoneyInput(c.in, c.cur)
			if c.bad {
				if err == nil {
					t.Fatalf("%q parsed as %v, want an error", c.in, m)
				}
				if ErrorCode(err) != EINVALID || ErrorMessage(err) == "" {
					t.Errorf("error %v: want EINVALID with a message", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m.Minor != c.want || m.Currency != c.cur {
				t.Errorf("%q = %d %s, want %d %s", c.in, m.Minor, m.Currency, c.want, c.cur)
			}
		})
	}
}

func TestLineMonthsAndSetMonth(t *testing.T) {
	p := &Portfolio{Currency: "USD", FiscalYearStart: time.April}
	p.AddBudgetLine(BudgetLine{Name: "Engineers", Category: BudgetHeadcount, Spend: OpEx,
		Plan:   []MonthAmount{{MustMonth("2026-04"), usd("100.00")}, {MustMonth("2026-05"), usd("100.00")}, {MustMonth("2026-06"), usd("100.00")}},
		Actual: []MonthAmount{{MustMonth("2026-04"), usd("90.00")}}})
	id := p.AddBudgetLine(BudgetLine{Name: "Engineers", Category: BudgetTooling, Spend: OpEx,
		Actual: []MonthAmount{{MustMonth("2026-05"), usd("7.00")}}})
	if id != "engineers-2" {
		t.Fatalf("second id %q", id)
	}
	rows := p.LineMonths(2027, MustDate("2026-06-10"), "engineers")
	if len(rows) != 12 || rows[0].Key != "2026-04" {
		t.Fatalf("rows %v", rows)
	}
	// May is closed because the other line has a May actual; this line reported none, so it spent nothing.
	if !rows[1].Closed || rows[1].Actual != usd("0") || rows[1].Forecast != usd("0") || rows[2].Closed || rows[2].Forecast != usd("100.00") {
		t.Errorf("May %+v, Jun %+v", rows[1], rows[2])
	}
	// The lines' rows add up to BudgetYear's line row.
	y := p.BudgetYear(2027, MustDate("2026-06-10"))
	var f Money
	for _, r := range rows {
		f = f.Add(r.Forecast)
	}
	if f != y.ByLine[0].Forecast {
		t.Errorf("line months forecast %v, BudgetYear %v", f, y.ByLine[0].Forecast)
	}

	b := p.BudgetLine("engineers")
	a := usd("123.45")
	b.SetMonth(MustMonth("2026-05"), usd("110.00"), &a)
	if b.PlanOf(MustMonth("2026-05")) != usd("110.00") || b.ActualOf(MustMonth("2026-05")) != a || len(b.Plan) != 3 {
		t.Errorf("after set: %+v", b)
	}
	if b.Actual[0].Month != MustMonth("2026-04") || b.Actual[1].Month != MustMonth("2026-05") {
		t.Errorf("actuals out of order: %+v", b.Actual)
	}
	b.SetMonth(MustMonth("2026-05"), usd("110.00"), nil)
	if b.HasActual(MustMonth("2026-05")) || len(b.Actual) != 1 {
		t.Errorf("actual not removed: %+v", b.Actual)
	}
	if err := p.RemoveBudgetLine("engineers-2"); err != nil || len(p.BudgetLines) != 1 {
		t.Errorf("remove: %v, %d lines", err, len(p.BudgetLines))
	}
	if err := p.RemoveBudgetLine("nope"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("remove unknown: %v", err)
	}
	if got := p.BudgetFiscalYears(MustDate("2028-01-01")); len(got) != 2 || got[0] != 2027 || got[1] != 2028 {
		t.Errorf("fiscal years %v", got)
	}
	if pct, ok := y.Total.VarianceToDatePct(); !ok || pct != (97.0-200.0)/200.0 {
		t.Errorf("variance pct %v %v", pct, ok)
	}
}

func TestMoneyWhole(t *testing.T) {
	for in, want := range map[string]string{"1234567.49": "1,234,567", "1234567.50": "1,234,568", "-0.50": "-1", "0.49": "0", "-1234.5": "-1,235"} {
		if got := usd(in).Whole(); got != want {
			t.Errorf("%s.Whole() = %q, want %q", in, got, want)
		}
	}
	if got := Amount(1200, "JPY").Whole(); got != "1,200" {
		t.Errorf("JPY %q", got)
	}
}
