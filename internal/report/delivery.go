package report

import (
	"fmt"
	"strings"

	"steerco/internal/delivery"
	"steerco/internal/figure"
)

// hasDelivery says whether the portfolio has delivery data for the DORA
// section (without it, the briefing leaves the section out).
func (b *builder) hasDelivery() bool {
	_, _, ok := delivery.Window(b.p, b.asOf, delivery.WindowMonths)
	return ok
}

// delivery fills the DORA section (hasDelivery is true).
func (b *builder) delivery(s *Section) {
	from, to, _ := delivery.Window(b.p, b.asOf, delivery.WindowMonths)
	months := delivery.Monthly(b.p, from, to)
	sum := delivery.Summary(b.p, from, to)

	var parts []string
	if sum.Frequency.HasData() {
		parts = append(parts, fmt.Sprintf("%s deployments a week (%s)", figure.Number(sum.Frequency.PerWeek, 1), sum.Frequency.Tier))
	}
	if sum.LeadTime.HasData() {
		parts = append(parts, fmt.Sprintf("a median lead time of %s (%s)", figure.Hours(sum.LeadTime.MedianHours), sum.LeadTime.Tier))
	}
	if sum.ChangeFailure.HasData() {
		parts = append(parts, fmt.Sprintf("%s of deployments failing (%s)", pct(sum.ChangeFailure.Rate), sum.ChangeFailure.Tier))
	}
	if sum.Restore.HasData() {
		parts = append(parts, fmt.Sprintf("a median time to restore of %s (%s)", figure.Hours(sum.Restore.MedianHours), sum.Restore.Tier))
	}
	if len(parts) > 0 {
		period := fmt.Sprintf("From %s to %s", from.Label(), to.Label())
		if from == to {
			period = "In " + from.Label()
		}
		h := fmt.Sprintf("%s: %s", period, joinAnd(parts))
		if sum.Overall != delivery.NoData {
			h += fmt.Sprintf("; %s performance overall", sum.Overall)
		}
		s.Headlines = append(s.Headlines, h+".")
	}
	// Trend: first and last month with an overall tier.
	var first, last *delivery.MonthMetrics
	for i := range months {
		if months[i].Overall != delivery.NoData {
			if first == nil {
				first = &months[i]
			}
			last = &months[i]
		}
	}
	if first != nil && last != first {
		switch {
		case last.Overall > first.Overall:
			s.Headlines = append(s.Headlines, fmt.Sprintf("Delivery improved from %s in %s to %s in %s.", first.Overall, first.Month.Label(), last.Overall, last.Month.Label()))
		case last.Overall < first.Overall:
			s.Headlines = append(s.Headlines, fmt.Sprintf("Delivery slipped from %s in %s to %s in %s.", first.Overall, first.Month.Label(), last.Overall, last.Month.Label()))
		default:
			s.Headlines = append(s.Headlines, fmt.Sprintf("Delivery held at %s from %s to %s.", last.Overall, first.Month.Label(), last.Month.Label()))
		}
	}
	if sum.OpenIncidents > 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s still open, not yet in the time to restore.", plural(sum.OpenIncidents, "incident is", "incidents are")))
	}

	tab := &Table{Name: "Delivery", Title: "The four DORA keys by month, with their tier",
		Columns: []Column{{Title: "Month", Kind: KText}, {Title: "Deploys / week", Kind: KNumber}, {Title: "Tier", Kind: KText, Width: 0.8},
			{Title: "Lead time (median h)", Kind: KNumber}, {Title: "Tier", Kind: KText, Width: 0.8},
			{Title: "Change failure rate", Kind: KPercent}, {Title: "Tier", Kind: KText, Width: 0.8},
			{Title: "Time to restore (median h)", Kind: KNumber}, {Title: "Tier", Kind: KText, Width: 0.8},
			{Title: "Overall", Kind: KText, Width: 0.8}}}
	var cats []string
	freq, lead, cfr, ttr := []float64{}, []float64{}, []float64{}, []float64{}
	for _, m := range months {
		row := []Cell{Text(m.Month.Label())}
		cats = append(cats, m.Month.Label())
		if m.Frequency.HasData() {
			row = append(row, Number(m.Frequency.PerWeek, 1), tierCell(m.Frequency.Tier))
			freq = append(freq, m.Frequency.PerWeek)
		} else {
			row = append(row, Empty(), tierCell(delivery.NoData))
			freq = append(freq, NaN)
		}
		if m.LeadTime.HasData() {
			row = append(row, Number(m.LeadTime.MedianHours, 1), tierCell(m.LeadTime.Tier))
			lead = append(lead, m.LeadTime.MedianHours)
		} else {
			row = append(row, Empty(), tierCell(delivery.NoData))
			lead = append(lead, NaN)
		}
		if m.ChangeFailure.HasData() {
			row = append(row, Percent(m.ChangeFailure.Rate), tierCell(m.ChangeFailure.Tier))
			cfr = append(cfr, m.ChangeFailure.Rate*100)
		} else {
			row = append(row, Empty(), tierCell(delivery.NoData))
			cfr = append(cfr, NaN)
		}
		if m.Restore.HasData() {
			row = append(row, Number(m.Restore.MedianHours, 1), tierCell(m.Restore.Tier))
			ttr = append(ttr, m.Restore.MedianHours)
		} else {
			row = append(row, Empty(), tierCell(delivery.NoData))
			ttr = append(ttr, NaN)
		}
		row = append(row, tierCell(m.Overall))
		tab.Rows = append(tab.Rows, Row{Cells: row})
	}
	tab.Note = "Tiers follow the 2023 State of DevOps report: deployment frequency elite ≥ 1 a day, high ≥ 1 a week, medium ≥ 1 a month; lead time elite < 24 h, high < 7 days, medium < 30 days; change failure rate elite ≤ 5%, high ≤ 10%, medium ≤ 15%; time to restore elite < 1 h, high < 24 h, medium < 7 days."
	s.Blocks = append(s.Blocks,
		Block{Chart: &Chart{Kind: ChartSeries, Name: "DeployFrequency", Title: "Deployments per week",
			Series: &SeriesChart{Categories: cats, Unit: "number", Series: []Series{{Name: "Deploys / week", Values: freq, Bar: true}}}}},
		Block{Chart: &Chart{Kind: ChartSeries, Name: "ChangeFailure", Title: "Change failure rate (%)",
			Series: &SeriesChart{Categories: cats, Unit: "percent", Series: []Series{{Name: "Change failure rate", Values: cfr}}}}},
		Block{Chart: &Chart{Kind: ChartSeries, Name: "LeadRestore", Title: "Median lead time and time to restore (hours)",
			Series: &SeriesChart{Categories: cats, Unit: "hours", Series: []Series{{Name: "Lead time", Values: lead}, {Name: "Time to restore", Values: ttr}}}}},
		Block{Table: tab})
}

func tierCell(t delivery.Tier) Cell {
	if t == delivery.NoData {
		return Text("no data")
	}
	s := t.String()
	return Text(strings.ToUpper(s[:1]) + s[1:])
}

func joinAnd(parts []string) string {
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
