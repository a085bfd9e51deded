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
			}
		}
		if it := p.Item(name); it != nil { // once: a search of the items
			name = it.Title
		}
	}
	return fmt.Sprintf("Expected %s %s (P85 %s); every week the %s is late costs %s.", what, figure.MoneyShort(ex.Total.Mean),
		figure.MoneyShort(ex.Total.P85), named(name), figure.MoneyShort(top.PerWeek))
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

// moneyBlocks adds to the milestones section what lateness costs (the
// exposure table) and the joint cost–schedule confidence (its figures, the
// 70% frontier, the cost S-curve for the workbook and the scatter chart).
func (b *builder) moneyBlocks(s *Section) {
	f := b.f
	if ex := f.Exposure; ex != nil && len(ex.Milestones)+len(ex.Items) > 0 {
		tab := &Table{Name: "Exposure", Title: "What lateness costs (penalties and costs of delay, from the trials' finish dates)",
			Columns: []Column{{Title: "Milestone or commitment", Kind: KText, Width: 2.4}, {Title: "Date", Kind: KDate},
				{Title: "Terms", Kind: KText, Width: 2.6}, {Title: "P(late)", Kind: KPercent}, {Title: "Expected", Kind: KMoney},
				{Title: "P85", Kind: KMoney}, {Title: "Per week late", Kind: KMoney}},
			Note: "Expected is the mean over the trials of what is due (nothing in a trial on time); the total's P85 is that of the sum in each trial, not the sum of the P85s."}
		for _, e := range ex.Milestones {
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{Text(b.milestoneName(e.ID)), DateCell(e.Target), Text(PenaltyTerms(b.milestone(e.ID))),
				Percent(e.PLate), MoneyCell(e.Expected), MoneyCell(e.P85), MoneyCell(e.PerWeek)}})
		}
		for _, e := range ex.Items {
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{Text(b.itemTitle(e.ID)), DateCell(e.Target), Text(CostOfDelayTerms(b.item(e.ID))),
				Percent(e.PLate), MoneyCell(e.Expected), MoneyCell(e.P85), MoneyCell(e.PerWeek)}})
		}
		tab.Total = &Row{Cells: []Cell{Text("Total"), Empty(), Empty(), Empty(), MoneyCell(ex.Total.Mean), MoneyCell(ex.Total.P85), MoneyCell(ex.PerWeekLate)}}
		s.Blocks = append(s.Blocks, Block{Table: tab})
		if h := ExposureSentence(b.p, f); h != "" {
			s.Headlines = append(s.Headlines, h)
		}
	}
	j := f.JCL
	if j == nil || j.Cost.P85.IsZero() && j.Budget.IsZero() {
		return
	}
	jt := &Table{Name: "JCL", Title: "Cost to complete and joint cost–schedule confidence (JCL; a programme commitment needs " + pct(j.Level) + ")",
		Columns: []Column{{Title: "Date", Kind: KDate}, {Title: "Budget to the date", Kind: KMoney}, {Title: "P(by the date and within budget)", Kind: KPercent, Width: 1.4},
			{Title: "P(by the date)", Kind: KPercent}, {Title: "P(within budget)", Kind: KPercent},
			{Title: "Cost P50", Kind: KMoney}, {Title: "Cost P85", Kind: KMoney}, {Title: "Cost mean", Kind: KMoney}},
		Note: "Cost to complete per trial: each team's loaded run-rate × allocation until its last item the date needs finishes, the other budget lines' plan to the date's month, and the cost of the risks that fired in that trial (means: teams " +
			figure.Money(j.Teams) + ", other lines " + figure.Money(j.Lines) + ", risks " + figure.Money(j.Risks) + ")."}
	prob := func(p float64) Cell {
		if p < 0 {
			return Empty()
		}
		return Percent(p)
	}
	jt.Rows = append(jt.Rows, Row{Cells: []Cell{DateCell(j.Target), MoneyCell(j.Budget), prob(j.PJoint), prob(j.PDate), prob(j.PCost),
		MoneyCell(j.Cost.P50), MoneyCell(j.Cost.P85), MoneyCell(j.Cost.Mean)}})
	s.Blocks = append(s.Blocks, Block{Table: jt})
	if h := JCLSentence(f); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	if len(j.Frontier) > 0 {
		ft := &Table{Name: "JCLFrontier", Title: "The " + pct(j.Level) + " frontier: the lowest budget that reaches " + pct(j.Level) + " by each date",
			Columns: []Column{{Title: "Finished by", Kind: KDate}, {Title: "Lowest budget", Kind: KMoney}}, Width: 0.4, Note: outlook.FrontierNote}
		for _, pt := range j.Frontier {
			ft.Rows = append(ft.Rows, Row{Cells: []Cell{DateCell(pt.Date), MoneyCell(pt.Budget)}})
		}
		s.Blocks = append(s.Blocks, Block{Table: ft})
	}
	if len(j.CostCurve) > 0 {
		ct := &Table{Name: "CostCurve", Title: "Cost to complete: S-curve (the cost not exceeded in each share of the trials)", WorkbookOnly: true,
			Columns: []Column{{Title: "Share of trials", Kind: KPercent}, {Title: "Cost to complete", Kind: KMoney}}}
		for _, pt := range j.CostCurve {
			ct.Rows = append(ct.Rows, Row{Cells: []Cell{Percent(pt.P), MoneyCell(pt.Amount)}})
		}
		s.Blocks = append(s.Blocks, Block{Table: ct})
	}
	if len(j.Scatter) > 0 {
		sc := &ScatterChart{Currency: b.p.Currency, PlanFinish: j.PlanFinish, PlanCost: j.PlanCost, Target: j.Target, Budget: j.Budget, InTarget: j.PJoint}
		for _, pt := range j.Scatter {
			sc.Points = append(sc.Points, ScatterPoint{Date: pt.Finish, Amount: pt.Cost})
		}
		for _, pt := range j.Frontier {
			sc.Frontier = append(sc.Frontier, ScatterPoint{Date: pt.Date, Amount: pt.Budget})
		}
		s.Blocks = append(s.Blocks, Block{Chart: &Chart{Kind: ChartScatter, Name: "JCLScatter",
			Title:   fmt.Sprintf("Cost and finish of %s sampled trials: the plan point, the date and budget lines, the %s frontier", plan.Group(fmt.Sprint(len(sc.Points))), pct(j.Level)),
			Scatter: sc, Note: outlook.FrontierNote}})
	}
}

// exposureOf is the exposure of the milestone with id, or nil (no penalty in money).
func (b *builder) exposureOf(id string) *outlook.PenaltyExposure {
	if b.f.Exposure == nil {
		return nil
	}
	for i := range b.f.Exposure.Milestones {
		if b.f.Exposure.Milestones[i].ID == id {
			return &b.f.Exposure.Milestones[i]
		}
	}
	return nil
}
