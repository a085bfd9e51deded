package figure

import (
	"math"
	"testing"

	"steerco/internal/plan"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		name string
		p    float64
		want string
	}{
		{"half rounds up", 0.645, "65%"},
		{"just below half", 0.6449, "64%"},
		{"0.795 is 80", 0.795, "80%"},
		{"0.005 is 1", 0.005, "1%"},
		{"below half a percent", 0.004, "<1%"},
		{"tiny", 1e-9, "<1%"},
		{"0.994 is 99", 0.994, "99%"},
		{"0.995 is >99", 0.995, ">99%"},
		{"0.996 is >99", 0.996, ">99%"},
		{"zero", 0, "0%"},
		{"one", 1, "100%"},
		{"above one", 1.2, "100%"},
		{"no target", -1, ""},
		{"NaN", math.NaN(), ""},
		{"trial fraction", 6450.0 / 10000, "65%"},
		{"0.125", 0.125, "13%"},
		{"0.135", 0.135, "14%"},
		{"0.215", 0.215, "22%"},
		{"0.915", 0.915, "92%"},
		{"0.025", 0.025, "3%"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Percent(c.p); got != c.want {
				t.Errorf("Percent(%v) = %q, want %q", c.p, got, c.want)
			}
		})
	}
}

func TestShownAndRAG(t *testing.T) {
	th := DefaultThresholds
	for _, c := range []struct {
		name  string
		p     float64
		shown float64
		rag   RAG
	}{
		{"0.795 shows 80 and is green", 0.795, 0.80, Green},
		{"0.7949 shows 79 and is amber", 0.7949, 0.79, Amber},
		{"0.645 shows 65", 0.645, 0.65, Amber},
		{"0.495 shows 50 and is amber", 0.495, 0.50, Amber},
		{"0.494 is red", 0.494, 0.49, Red},
		{"zero is red", 0, 0, Red},
		{"one is green", 1, 1, Green},
		{"no target", -1, -1, None},
		{"<1% stays itself", 0.004, 0.004, Red},
		{">99% stays itself", 0.996, 0.996, Green},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Shown(c.p); got != c.shown {
				t.Errorf("Shown(%v) = %v, want %v", c.p, got, c.shown)
			}
			if got := th.Of(c.p); got != c.rag {
				t.Errorf("Of(%v) = %v, want %v", c.p, got, c.rag)
			}
			if Percent(c.p) != "" && c.shown > 0 && c.shown < 1 && c.p > 0.005 && c.p < 0.995 {
				if Percent(c.shown) != Percent(c.p) {
					t.Errorf("Percent(Shown(%v)) = %q, Percent = %q", c.p, Percent(c.shown), Percent(c.p))
				}
			}
		})
	}
	if !AtLeast(0.145, 0.15) || AtLeast(0.144, 0.15) {
		t.Error("AtLeast must compare the shown value")
	}
	if Green.Label() != "On track" || Amber.Label() != "At risk" || Red.Label() != "Off track" || None.Label() != "" {
		t.Error("labels")
	}
}

// Every whole-percent value and its half-way neighbours agree between
// Percent and Shown (what a status is decided from).
func TestPercentShownAgreeEverywhere(t *testing.T) {
	for i := 0; i <= 10000; i++ {
		p := float64(i) / 10000
		s := Percent(p)
		if sh := Shown(p); sh > 0 && sh < 1 && sh != p {
			if Percent(sh) != s {
				t.Fatalf("p=%v: Percent %q but Shown %v prints %q", p, s, sh, Percent(sh))
			}
		}
	}
}

func TestExcelPercentFormat(t *testing.T) {
	for _, c := range []struct {
		p    float64
		want string
	}{
		{0.645, "0%"}, {0, "0%"}, {1, "0%"}, {0.004, `"<1%"`}, {0.996, `">99%"`}, {-1, ";;;"},
	} {
		if got := ExcelPercentFormat(c.p); got != c.want {
			t.Errorf("ExcelPercentFormat(%v) = %q, want %q", c.p, got, c.want)
		}
	}
}

func TestDate(t *testing.T) {
	if got := Date(plan.MustDate("2026-12-16")); got != "16 Dec 2026" {
		t.Errorf("Date = %q", got)
	}
	if got := Date(plan.MustDate("2027-01-05")); got != "5 Jan 2027" {
		t.Errorf("Date = %q", got)
	}
	if got := Date(0); got != "" {
		t.Errorf("Date(0) = %q", got)
	}
	if got := DateRange(plan.MustDate("2026-12-07"), plan.MustDate("2026-12-31")); got != "7 Dec 2026 – 31 Dec 2026" {
		t.Errorf("DateRange = %q", got)
	}
}

func TestWorkingDays(t *testing.T) {
	for _, c := range []struct {
		name string
		n    float64
		want string
	}{
		{"many", 13, "13 working days"},
		{"one", 1, "1 working day"},
		{"rounds to one", 0.6, "1 working day"},
		{"half rounds up", 2.5, "3 working days"},
		{"just below half", 2.49, "2 working days"},
		{"zero", 0, "0 working days"},
		{"below half is zero", 0.4, "0 working days"},
		{"negative", -3.2, "−3 working days"},
		{"minus one", -1, "−1 working day"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := WorkingDays(c.n); got != c.want {
				t.Errorf("WorkingDays(%v) = %q, want %q", c.n, got, c.want)
			}
		})
	}
	if got := Late(13); got != "13 working days late" {
		t.Errorf("Late = %q", got)
	}
	if got := Late(0.2); got != "on time" {
		t.Errorf("Late = %q", got)
	}
}

func TestDaysEffect(t *testing.T) {
	for _, c := range []struct {
		name  string
		d, se float64
		want  string
	}{
		{"tiny negative", -0.03, 0.1, "no measurable effect"},
		{"below the standard error", 1.2, 1.5, "no measurable effect"},
		{"below half a day", 0.4, 0, "no measurable effect"},
		{"at half a day", 0.5, 0, "+1 working day"},
		{"real delay", 8.2, 0.3, "+8 working days"},
		{"real gain", -3.2, 0.3, "−3 working days"},
		{"NaN", math.NaN(), 0, "no measurable effect"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := DaysEffect(c.d, c.se); got != c.want {
				t.Errorf("DaysEffect(%v, %v) = %q, want %q", c.d, c.se, got, c.want)
			}
			if Measurable(c.d, c.se) != (c.want != "no measurable effect") {
				t.Errorf("Measurable(%v, %v) disagrees with DaysEffect", c.d, c.se)
			}
		})
	}
}

func usd(cents int64) plan.Money { return plan.Money{Minor: cents, Currency: "USD"} }

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		name  string
		m     plan.Money
		money string
		short string
	}{
		{"board figure", usd(120500540), "USD 1,205,005", "USD 1.2M"},
		{"cents round half up", usd(50), "USD 1", "USD 1"},
		{"cents below half", usd(49), "USD 0", "USD 0"},
		{"zero", usd(0), "USD 0", "USD 0"},
		{"just below 10k", usd(999900), "USD 9,999", "USD 9,999"},
		{"9,999.50 rounds to 10k", usd(999950), "USD 10,000", "USD 10k"},
		{"exactly 10k", usd(1000000), "USD 10,000", "USD 10k"},
		{"175k", usd(17500000), "USD 175,000", "USD 175k"},
		{"174,500 rounds up", usd(17450000), "USD 174,500", "USD 175k"},
		{"999,499 stays k", usd(99949900), "USD 999,499", "USD 999k"},
		{"999,500 is a million", usd(99950000), "USD 999,500", "USD 1.0M"},
		{"exactly a million", usd(100000000), "USD 1,000,000", "USD 1.0M"},
		{"1.25M rounds up", usd(125000000), "USD 1,250,000", "USD 1.3M"},
		{"1,249,999 is 1.2M", usd(124999900), "USD 1,249,999", "USD 1.2M"},
		{"6.1M", usd(610000000), "USD 6,100,000", "USD 6.1M"},
		{"negative", usd(-350000), "−USD 3,500", "−USD 3,500"},
		{"negative k", usd(-8640000), "−USD 86,400", "−USD 86k"},
		{"no cents currency", plan.Money{Minor: 12345678, Currency: "JPY"}, "JPY 12,345,678", "JPY 12.3M"},
		{"thousands of millions are grouped", usd(171250000000), "USD 1,712,500,000", "USD 1,712.5M"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Money(c.m); got != c.money {
				t.Errorf("Money = %q, want %q", got, c.money)
			}
			if got := MoneyShort(c.m); got != c.short {
				t.Errorf("MoneyShort = %q, want %q", got, c.short)
			}
		})
	}
	if got := Cents(usd(120500540)); got != "1,205,005.40" {
		t.Errorf("Cents = %q", got)
	}
	if got := Cents(usd(-150)); got != "−1.50" {
		t.Errorf("Cents = %q", got)
	}
	if got := SignedUnits(usd(1200000)); got != "+12,000" {
		t.Errorf("SignedUnits = %q", got)
	}
	if got := SignedMoneyShort(usd(1200000)); got != "+USD 12k" {
		t.Errorf("SignedMoneyShort = %q", got)
	}
	if got := SignedMoney(usd(500500)); got != "+USD 5,005" {
		t.Errorf("SignedMoney = %q", got)
	}
	if got := ExcelMoneyFormat("USD", false); got != `"USD "#,##0;"−""USD "#,##0` {
		t.Errorf("ExcelMoneyFormat = %q", got)
	}
	if got := ExcelMoneyFormat("USD", true); got != `"USD "#,##0.00;"−""USD "#,##0.00` {
		t.Errorf("ExcelMoneyFormat cents = %q", got)
	}
	if got := ExcelVarianceFormat("EUR", false); got != `[Red]"+""EUR "#,##0;"−""EUR "#,##0;"EUR "#,##0` {
		t.Errorf("ExcelVarianceFormat = %q", got)
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		v    float64
		d    int
		want string
	}{
		{1234.5, 0, "1,235"}, {2.5, 0, "3"}, {0.125, 2, "0.13"}, {-0.001, 1, "0.0"}, {-12.34, 1, "−12.3"}, {math.NaN(), 0, ""},
	} {
		if got := Number(c.v, c.d); got != c.want {
			t.Errorf("Number(%v, %d) = %q, want %q", c.v, c.d, got, c.want)
		}
	}
	if got := Signed(3.21, 1); got != "+3.2" {
		t.Errorf("Signed = %q", got)
	}
	if got := Points(-0.04); got != "−4 pts" {
		t.Errorf("Points = %q", got)
	}
}

func TestRoundedOverspend(t *testing.T) {
	if got := Rounded(23.96, 1); got != 24.0 {
		t.Errorf("Rounded = %v", got)
	}
	if got := Rounded(-0.04, 1); got != 0 {
		t.Errorf("Rounded = %v", got)
	}
	if !Overspend(usd(50)) || Overspend(usd(49)) || Overspend(usd(-10000)) {
		t.Error("Overspend must be decided on whole units over plan")
	}
	if got := ExcelShown("E5"); got != "IF(OR(ROUND(E5,2)<0.01,ROUND(E5,2)>=1),E5,ROUND(E5,2))" {
		t.Errorf("ExcelShown = %q", got)
	}
}

func TestExcelFormats(t *testing.T) {
	for _, c := range []struct {
		m    plan.Money
		want string
	}{
		{usd(610000000), `"USD "#,##0.0,,"M";"−""USD "#,##0.0,,"M";"USD "0`},
		{usd(99950000), `"USD "#,##0.0,,"M";"−""USD "#,##0.0,,"M";"USD "0`},
		{usd(17500000), `"USD "#,##0,"k";"−""USD "#,##0,"k";"USD "0`},
		{usd(-8640000), `"USD "#,##0,"k";"−""USD "#,##0,"k";"USD "0`},
		{usd(995000), `"USD "#,##0;"−""USD "#,##0;"USD "0`},
	} {
		if got := ExcelMoneyShortFormat(c.m, false); got != c.want {
			t.Errorf("ExcelMoneyShortFormat(%v) = %s, want %s", c.m, got, c.want)
		}
	}
	if got := ExcelNumberFormat(1, true); got != `"+"#,##0.0;"−"#,##0.0;#,##0.0` {
		t.Errorf("ExcelNumberFormat = %s", got)
	}
}

func TestQuarter(t *testing.T) {
	q := plan.Quarter{Year: 2026, Q: 4}
	for _, c := range []struct {
		name     string
		from, to plan.Date
		want     string
	}{
		{"whole", 0, 0, "2026-Q4"},
		{"whole by dates", q.First(), q.Last(), "2026-Q4"},
		{"from the as-of date", plan.MustDate("2026-12-07"), q.Last(), "2026-Q4 from 7 Dec 2026"},
		{"both ends", plan.MustDate("2026-12-07"), plan.MustDate("2026-12-20"), "2026-Q4 (7 Dec 2026 – 20 Dec 2026)"},
	} {
		if got := Quarter(q, c.from, c.to); got != c.want {
			t.Errorf("%s: Quarter = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestQuarterShort(t *testing.T) {
	q := plan.Quarter{Year: 2026, Q: 4}
	for _, c := range []struct {
		name          string
		from, to      plan.Date
		quarter, rest string
	}{
		{"whole", 0, 0, "2026-Q4", ""},
		{"whole by dates", q.First(), q.Last(), "2026-Q4", ""},
		{"from the as-of date", plan.MustDate("2026-11-23"), q.Last(), "2026-Q4", "from 23 Nov"},
		{"both ends", plan.MustDate("2026-12-07"), plan.MustDate("2026-12-20"), "2026-Q4", "7 Dec – 20 Dec"},
		{"ends early", 0, plan.MustDate("2026-12-20"), "2026-Q4", "1 Oct – 20 Dec"},
	} {
		if a, b := QuarterShort(q, c.from, c.to); a != c.quarter || b != c.rest {
			t.Errorf("%s: QuarterShort = %q, %q, want %q, %q", c.name, a, b, c.quarter, c.rest)
		}
	}
}

func TestPointsBetween(t *testing.T) {
	// 0.8640 shows 86%, 0.3150 shows 32%: the raw change is −54.9 points,
	// the shown one −54.
	if got := PointsBetween(0.8640, 0.3150); got != -54 {
		t.Errorf("PointsBetween = %v, want -54", got)
	}
	if got := PointsBetween(0.795, 0.80); got != 0 {
		t.Errorf("PointsBetween(0.795, 0.80) = %v, want 0 (both show 80%%)", got)
	}
}

func TestBytes(t *testing.T) {
	tests := []struct {
		name string
		n    int64
		want string
	}{
		{"bytes", 900, "900 bytes"},
		{"one KB", 1 << 10, "1 KB"},
		{"KB rounded to nearest", 412*1024 + 600, "413 KB"},
		{"MB with a decimal", 3 << 19, "1.5 MB"},
		{"large MB grouped", 2048 << 20, "2,048.0 MB"},
	}
	for _, tc := range tests {
		if got := Bytes(tc.n); got != tc.want {
			t.Errorf("%s: Bytes(%d) = %q, want %q", tc.name, tc.n, got, tc.want)
		}
	}
}

func TestHours(t *testing.T) {
	for _, c := range []struct {
		h    float64
		want string
	}{
		{0.5, "30 min"}, {0.96, "1.0 h"}, {0.949, "54 min"}, {1, "1.0 h"}, {23.96, "24.0 h"},
		{47.94, "47.9 h"}, {47.96, "2.0 days"}, {84, "3.5 days"}, {0, "0 min"}, {math.NaN(), "—"},
	} {
		if got := Hours(c.h); got != c.want {
			t.Errorf("Hours(%v) = %q, want %q", c.h, got, c.want)
		}
	}
}

func TestRiskPoints(t *testing.T) {
	tests := []struct {
		name      string
		points    float64
		estimated bool
		want      string
	}{
		{"exact", 12.4, false, "12"},
		{"exact, half up", 2.5, false, "3"},
		{"estimated", 12.4, true, "≈ 12"},
		{"estimated, grouped", 1234.5, true, "≈ 1,235"},
	}
	for _, tc := range tests {
		if got := RiskPoints(tc.points, tc.estimated); got != tc.want {
			t.Errorf("%s: RiskPoints(%v, %v) = %q, want %q", tc.name, tc.points, tc.estimated, got, tc.want)
		}
	}
}

func TestPersonDaysAndEffort(t *testing.T) {
	for _, tc := range []struct {
		v            float64
		days, effort string
	}{
		{300.5, "301", "300.5"}, // half up, as the PDF: fmt's %.0f gave 300 in the window
		{2.25, "2", "2.3"},
		{12, "12", "12"},
		{12.04, "12", "12"},
		{1249.96, "1,250", "1,250"},
		{0, "0", "0"},
	} {
		if got := PersonDays(tc.v); got != tc.days {
			t.Errorf("PersonDays(%v) = %q, want %q", tc.v, got, tc.days)
		}
		if got := Effort(tc.v); got != tc.effort {
			t.Errorf("Effort(%v) = %q, want %q", tc.v, got, tc.effort)
		}
	}
}
