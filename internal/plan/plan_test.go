package plan

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	for _, s := range []string{"0001-01-01", "1970-01-01", "2026-11-21", "2028-02-29", "9999-12-31"} {
		d := MustDate(s)
		if d.String() != s {
			t.Errorf("%s: got %s", s, d)
		}
	}
	if MustDate("2027-01-31").AddMonths(1) != MustDate("2027-02-28") {
		t.Error("AddMonths must clamp to the month's end")
	}
	if MustDate("2026-12-31").DaysUntil(MustDate("2027-01-01")) != 1 {
		t.Error("DaysUntil across a year end")
	}
	if _, err := ParseDate("21/11/2026"); err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("bad date: %v", err)
	}
}

func TestMonthAndFiscalYear(t *testing.T) {
	m := MustMonth("2026-04")
	if m.FiscalYear(time.April) != 2027 || MustMonth("2026-03").FiscalYear(time.April) != 2026 {
		t.Error("fiscal year named by the year it ends")
	}
	if FiscalYearStart(2027, time.April) != m {
		t.Error("FiscalYearStart")
	}
	if m.Last() != MustDate("2026-04-30") || m.Add(9).String() != "2027-01" {
		t.Error("month arithmetic")
	}
}

func TestMoney(t *testing.T) {
	tests := []struct {
		in, cur, want string
		bad           bool
	}{
		{"1234.5", "USD", "USD 1,234.50", false},
		{"-0.01", "EUR", "EUR -0.01", false},
		{"1000000", "JPY", "JPY 1,000,000", false},
		{"1.005", "USD", "", true},
		{"12abc", "USD", "", true},
		{"1e3", "USD", "", true},
	}
	for _, tc := range tests {
		m, err := ParseMoney(tc.in, tc.cur)
		if tc.bad {
			if err == nil {
				t.Errorf("%q: want error", tc.in)
			}
			continue
		}
		if err != nil || m.String() != tc.want {
			t.Errorf("%q: got %v %v want %s", tc.in, m, err, tc.want)
		}
	}
	a := Amount(10, "USD")
	if a.MulFrac(1, 3).Decimal() != "3.33" || a.MulFrac(2, 3).Decimal() != "6.67" || a.Neg().MulFrac(2, 3).Decimal() != "-6.67" {
		t.Error("MulFrac rounding")
	}
	if Amount(15000, "USD").MulFloat(2.5).Decimal() != "37500.00" {
		t.Error("MulFloat")
	}
	defer func() {
		if recover() == nil {
			t.Error("adding two currencies must panic")
		}
	}()
	a.Add(Amount(1, "EUR"))
}

func TestCalendar(t *testing.T) {
	c := Calendar{Holidays: []Holiday{{Date: MustDate("2026-12-25"), Name: "Christmas"}}}.Compile()
	// Mon 2026-12-21 .. Mon 2026-12-28: Christmas Friday off.
	if n := c.WorkdaysBetween(MustDate("2026-12-21"), MustDate("2026-12-28")); n != 4 {
		t.Errorf("workdays = %d, want 4", n)
	}
	if d := c.AddWorkdays(MustDate("2026-12-24"), 1); d != MustDate("2026-12-28") {
		t.Errorf("AddWorkdays over Christmas and a weekend = %s", d)
	}
	if d := c.AddWorkdays(MustDate("2026-12-26"), 0); d != MustDate("2026-12-28") {
		t.Errorf("AddWorkdays 0 from a Saturday = %s", d)
	}
}

func validPortfolio() *Portfolio {
	r := 5.0
	return &Portfolio{
		Name: "Test", Currency: "USD", FiscalYearStart: time.January, PlanningStart: MustDate("2026-11-02"),
		Teams: []Team{{ID: "api", Name: "API", Headcount: 4, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2, CostPerFTEMonth: Amount(15000, "USD")}},
		Items: []Item{
			{ID: "a", Title: "A", TeamID: "api", Estimate: Estimate{Low: 5, Likely: 10, High: 20}, Status: InProgress, Remaining: &r, Commitment: Committed, Target: MustDate("2027-01-15"), Rank: 1},
			{ID: "b", Title: "B", TeamID: "api", Estimate: Estimate{Low: 5, Likely: 10, High: 20}, Status: NotStarted, Commitment: Planned, Rank: 2, DependsOn: []Dependency{{ItemID: "a"}}},
		},
		Risks:       []Risk{{ID: "r1", Title: "Vendor late", Category: RiskVendor, Probability: 0.3, ImpactDays: 10, Items: []string{"b"}, Status: RiskAccepted, SignedOffBy: "Zoë Ødegård", SignedOffOn: MustDate("2026-10-01")}},
		BudgetLines: []BudgetLine{{ID: "hc", Name: "Salaries", Category: BudgetHeadcount, Spend: OpEx, Plan: []MonthAmount{{MustMonth("2026-11"), Amount(60000, "USD")}}}},
	}
}

func TestValidate(t *testing.T) {
	if err := validPortfolio().Validate(); err != nil {
		t.Fatalf("valid portfolio rejected: %v", err)
	}
	tests := []struct {
		name   string
		break_ func(p *Portfolio)
		want   string
	}{
		{"low above high", func(p *Portfolio) { p.Items[0].Estimate = Estimate{Low: 30, Likely: 10, High: 20} }, "Low estimate (30 days) is more than the high estimate (20 days)"},
		{"cycle", func(p *Portfolio) { p.Items[0].DependsOn = []Dependency{{ItemID: "b"}} }, "Dependency cycle: a → b → a"},
		{"unknown dependency", func(p *Portfolio) { p.Items[1].DependsOn = []Dependency{{ItemID: "zz"}} }, `Depends on item "zz", which does not exist`},
		{"other currency", func(p *Portfolio) { p.BudgetLines[0].Plan[0].Amount = Amount(1, "EUR") }, "Amount is in EUR but the portfolio's currency is USD"},
		{"negative headcount", func(p *Portfolio) {
			p.Teams[0].HeadcountChanges = []HeadcountChange{{Date: MustDate("2027-02-01"), Delta: -5}}
		}, "Headcount would be negative (-1.0) after the change on 2027-02-01"},
		{"accepted without sign-off", func(p *Portfolio) { p.Risks[0].SignedOffBy = "" }, "An accepted risk needs who signed it off and when"},
		{"duplicate id", func(p *Portfolio) { p.Items[1].ID = "a" }, `Two items have the id "a"`},
		{"unknown team", func(p *Portfolio) { p.Items[1].TeamID = "web" }, `Team "web" does not exist`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPortfolio()
			tc.break_(p)
			err := p.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want it to contain %q", err, tc.want)
			}
			if ErrorCode(err) != EINVALID {
				t.Errorf("code = %s", ErrorCode(err))
			}
		})
	}
}

func TestJSONRoundTripIsByteIdentical(t *testing.T) {
	p := validPortfolio()
	p.Deployments = []Deployment{{ID: "d1", DeployedAt: time.Date(2026, 10, 1, 14, 0, 0, 0, time.FixedZone("CEST", 7200))}}
	var a, b bytes.Buffer
	if err := WriteJSON(&a, p); err != nil {
		t.Fatal(err)
	}
	q, err := ReadJSON(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&b, q); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("round trip differs:\n%s\n---\n%s", a.String(), b.String())
	}
	if !strings.Contains(a.String(), `"amount": "15000.00"`) || !strings.Contains(a.String(), `"deployed_at": "2026-10-01T12:00:00Z"`) {
		t.Errorf("unexpected encoding:\n%s", a.String())
	}
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"syntax", "{\n \"format\": \"steerco-portfolio\",\n \"version\": 1,,\n}", "line 3"},
		{"not steerco", `{"format":"other","version":1,"portfolio":{}}`, "not a Steerco portfolio"},
		{"newer", `{"format":"steerco-portfolio","version":99,"portfolio":{}}`, "newer Steerco"},
		{"unknown field", `{"format":"steerco-portfolio","version":1,"portfolio":{"nmae":"x"}}`, `unknown field "nmae"`},
		{"bad amount", `{"format":"steerco-portfolio","version":1,"portfolio":{"teams":[{"cost_per_fte_month":{"amount":"1.234","currency":"USD"}}]}}`, "more decimal places"},
		{"empty", ``, "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadJSON(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestNewID(t *testing.T) {
	taken := map[string]bool{"platform-devops": true}
	if id := NewID("Platform & DevOps", func(s string) bool { return taken[s] }); id != "platform-devops-2" {
		t.Errorf("got %s", id)
	}
	if id := NewID("Zoë Ødegård / Müller & Söhne", nil); id != "zoe-odegard-muller-sohne" {
		t.Errorf("got %s", id)
	}
}

func TestBudgetTotals(t *testing.T) {
	p := validPortfolio()
	p.FiscalYearStart = time.February
	p.BudgetLines[0].Plan = append(p.BudgetLines[0].Plan, MonthAmount{MustMonth("2027-02"), Amount(1, "USD")})
	p.BudgetLines[0].Actual = []MonthAmount{{MustMonth("2026-11"), Money{Minor: 5999950, Currency: "USD"}}}
	fy := p.FiscalYearOf(MustDate("2026-11-21"))
	ms := p.FiscalYearMonths(fy)
	if fy != 2027 || ms[0].String() != "2026-02" || ms[11].String() != "2027-01" {
		t.Fatalf("fiscal year %d %v", fy, ms)
	}
	pl, ac := p.BudgetTotals(ms[0], ms[11])
	if pl.String() != "USD 60,000.00" || ac.String() != "USD 59,999.50" {
		t.Errorf("totals %s %s", pl, ac)
	}
}
