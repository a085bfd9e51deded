package report

import (
	"fmt"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Money on the schedule: the words every surface uses for a penalty's
// terms, the exposure and the joint cost–schedule confidence (the CLI
// calls these too, so a figure reads the same everywhere).

// PenaltyTerms says a milestone's penalty in money: "USD 250,000 + USD
// 25,000 per calendar day late"; "" when it states none.
func PenaltyTerms(m *plan.Milestone) string {
	if m == nil || !m.HasPenalty() {
		return ""
	}
	var parts []string
	if m.PenaltyLumpSum.Minor > 0 {
		parts = append(parts, figure.Money(m.PenaltyLumpSum))
	}
	if m.PenaltyPerDay.Minor > 0 {
		days := "working"
		if m.PenaltyCalendarDays() {
			days = "calendar"
		}
		parts = append(parts, figure.Money(m.PenaltyPerDay)+" per "+days+" day late")
	}
	return strings.Join(parts, " + ")
}

// CostOfDelayTerms says an item's cost of delay: "USD 40,000 per week late".
func CostOfDelayTerms(it *plan.Item) string {
	if it == nil || it.CostOfDelayPerWeek.Minor <= 0 {
		return ""
	}
	return figure.Money(it.CostOfDelayPerWeek) + " per week late"
}

// ExposureSentence is the summary's sentence on what lateness costs:
// "Expected penalties and costs of delay USD 213k (P85 USD 585k); every
// week the CMS mandate is late costs USD 175k." — the week named is that
// of the milestone (or item) with the largest expected cost; "" when
// nothing has a price.
func ExposureSentence(p *plan.Portfolio, f *outlook.Forecast) string {
	ex := f.Exposure
	if ex == nil || len(ex.Milestones)+len(ex.Items) == 0 {
		return ""
	}
	what := "penalties"
	switch {
	case len(ex.Milestones) == 0:
		what = "costs of delay"
	case len(ex.Items) > 0:
		what = "penalties and costs of delay"
	}
	var top *outlook.PenaltyExposure
	name := ""
	for i := range ex.Milestones {
		if e := &ex.Milestones[i]; top == nil || e.Expected.Minor > top.Expected.Minor {
			top, name = e, e.ID
			for k := range p.Milestones {
				if p.Milestones[k].ID == e.ID {
					name = p.Milestones[k].Name
				}
			}
		}
	}
	if top == nil {
		for i := range ex.Items {
			if e := &ex.Items[i]; top == nil || e.Expected.Minor > top.Expected.Minor {
				top, name = e, e.ID
				if it := p.Item(e.ID); it != nil {
					name = it.Title
				}
			}
		}
	}
	return fmt.Sprintf("Expected %s %s (P85 %s); every week the %s is late costs %s.", what, figure.MoneyShort(ex.Total.Mean),
		figure.MoneyShort(ex.Total.P85), name, figure.MoneyShort(top.PerWeek))
}

// JCLSentence is the sentence on the joint cost–schedule confidence:
// "Joint cost–schedule confidence 54% of finishing by 16 Dec 2027 within
// USD 6.1M (70% needed): 60% by the date, 80% within budget." ("" without
// a date or a budget).
func JCLSentence(f *outlook.Forecast) string {
	j := f.JCL
	if j == nil || j.PJoint < 0 {
		return ""
	}
	verdict := "below the " + figure.Percent(j.Level) + " a programme commitment needs"
	if figure.AtLeast(j.PJoint, j.Level) {
		verdict = "at or above the " + figure.Percent(j.Level) + " a programme commitment needs"
	}
	return fmt.Sprintf("Joint cost–schedule confidence (JCL) of finishing by %s within %s: %s, %s (%s by the date, %s within budget).",
		figure.Date(j.Target), figure.MoneyShort(j.Budget), figure.Percent(j.PJoint), verdict, figure.Percent(j.PDate), figure.Percent(j.PCost))
}
