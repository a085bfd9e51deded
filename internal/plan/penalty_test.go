package plan

import (
	"bytes"
	"strings"
	"testing"
)

// The money fields of a milestone, an item and the portfolio: validation
// says what is wrong in words, and JSON carries them both ways.
func TestPenaltyFields(t *testing.T) {
	ok := func(p *Portfolio) {
		p.Milestones = []Milestone{{ID: "m", Name: "Mandate", Date: MustDate("2027-06-30"), DependsOn: []string{"b"}, Penalty: "Contract §4",
			PenaltyLumpSum: Amount(250000, "USD"), PenaltyPerDay: Amount(25000, "USD"), PenaltyDays: WorkingDays}}
		p.Items[0].CostOfDelayPerWeek = Amount(40000, "USD")
		p.HiringLeadWeeks, p.RampUpWeeks = 10, 6
	}
	p := validPortfolio()
	ok(p)
	if err := p.Validate(); err != nil {
		t.Fatalf("valid penalty rejected: %v", err)
	}
	if !p.Milestones[0].HasPenalty() || p.Milestones[0].PenaltyCalendarDays() {
		t.Errorf("HasPenalty/PenaltyCalendarDays wrong for %+v", p.Milestones[0])
	}
	tests := []struct {
		name   string
		break_ func(p *Portfolio)
		field  string
		want   string
	}{
		{"negative lump sum", func(p *Portfolio) { p.Milestones[0].PenaltyLumpSum = Amount(-1, "USD") }, "penalty_lump_sum", "The penalty's lump sum cannot be negative."},
		{"negative per day", func(p *Portfolio) { p.Milestones[0].PenaltyPerDay = Amount(-1, "USD") }, "penalty_per_day", "The penalty per day late cannot be negative."},
		{"other currency", func(p *Portfolio) { p.Milestones[0].PenaltyPerDay = Amount(1, "EUR") }, "penalty_per_day", "Amount is in EUR but the portfolio's currency is USD"},
		{"unknown days", func(p *Portfolio) { p.Milestones[0].PenaltyDays = "business" }, "penalty_days", `counts "business" days; say working or calendar`},
		{"days without amount", func(p *Portfolio) { p.Milestones[0].PenaltyPerDay = Money{} }, "penalty_days", "has no amount per day late"},
		{"cost of delay without target", func(p *Portfolio) { p.Items[1].CostOfDelayPerWeek = Amount(1, "USD") }, "cost_of_delay_per_week", "give the item a target"},
		{"negative cost of delay", func(p *Portfolio) { p.Items[0].CostOfDelayPerWeek = Amount(-5, "USD") }, "cost_of_delay_per_week", "cannot be negative"},
		{"negative lead", func(p *Portfolio) { p.HiringLeadWeeks = -1 }, "hiring_lead_weeks", "cannot be negative"},
		{"huge ramp", func(p *Portfolio) { p.RampUpWeeks = 1000000 }, "ramp_up_weeks", "at most 520"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPortfolio()
			ok(p)
			tc.break_(p)
			err := p.Validate()
			pe, _ := err.(*Error)
			if pe == nil {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
			for _, pr := range pe.Problems {
				if pr.Field == tc.field && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("got %v, want %s: %q", err, tc.field, tc.want)
		})
	}

	var a, b bytes.Buffer
	if err := WriteJSON(&a, p); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"penalty_lump_sum": {`, `"amount": "250000.00"`, `"penalty_per_day": {`, `"penalty_days": "working"`,
		`"cost_of_delay_per_week": {`, `"hiring_lead_weeks": 10`, `"ramp_up_weeks": 6`} {
		if !strings.Contains(a.String(), s) {
			t.Errorf("JSON lacks %s", s)
		}
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
	if m := q.Milestones[0]; m.PenaltyLumpSum != Amount(250000, "USD") || m.PenaltyPerDay != Amount(25000, "USD") || q.Items[0].CostOfDelayPerWeek != Amount(40000, "USD") {
		t.Errorf("read back %+v", m)
	}
	// A milestone with no penalty writes none of the fields.
	var c bytes.Buffer
	if err := WriteJSON(&c, validPortfolio()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(c.String(), "penalty") || strings.Contains(c.String(), "cost_of_delay") || strings.Contains(c.String(), "weeks") {
		t.Errorf("empty money fields written:\n%s", c.String())
	}
}
