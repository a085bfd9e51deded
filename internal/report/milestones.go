package report

import (
	"fmt"
	"sort"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// milestones builds the milestones section: each milestone's date, chance and what drives it.
func (b *builder) milestones(s *Section) {
	tab := &Table{Name: "Milestones", Title: "External commitments",
		Columns: []Column{{Title: "Milestone", Kind: KText, Width: 2.4}, {Title: "Kind", Kind: KText, Width: 0.9, Detail: true},
			{Title: "Date", Kind: KDate}, {Title: "P50", Kind: KDate}, {Title: b.confLabel(), Kind: KDate},
			b.probColumn("Probability"), {Title: "Status", Kind: KRAG}, {Title: "Driven by", Kind: KText, Width: 2.2},
			{Title: "Penalty", Kind: KText, Width: 2.2, Detail: true}}}
	priced := b.f.Exposure != nil && len(b.f.Exposure.Milestones) > 0
	if priced {
		tab.Columns = append(tab.Columns, Column{Title: "Expected penalty", Kind: KMoney}, Column{Title: "Penalty P85", Kind: KMoney})
	}
	if b.snap != nil {
		tab.Columns = append(tab.Columns, b.snapColumns()...)
		tab.Note = b.snapNote()
	}
	ms := make([]*outlook.MilestoneForecast, 0, len(b.f.Milestones))
	for i := range b.f.Milestones {
		ms = append(ms, &b.f.Milestones[i])
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].Target < ms[j].Target })
	for _, m := range ms {
		pm := b.milestone(m.ID)
		kind, pen := "", ""
		if pm != nil {
			kind, pen = pm.Kind, pm.Penalty
		}
		drv := Empty()
		if m.Driver != "" {
			drv = Text(b.itemTitle(m.Driver))
		}
		row := Row{Cells: []Cell{Text(b.milestoneName(m.ID)), Text(kind), DateCell(m.Target), DateCell(m.Finish.P50),
			DateCell(b.conf(m.Finish)), Percent(m.PTarget), RAGCell(b.t.RAG.Of(m.PTarget)), drv, Text(pen)}}
		if e := b.exposureOf(m.ID); e != nil {
			row.Cells = append(row.Cells, MoneyCell(e.Expected), MoneyCell(e.P85))
		} else if priced {
			row.Cells = append(row.Cells, Empty(), Empty())
		}
		if b.snap != nil {
			row.Cells = append(row.Cells, b.snapCells(plan.SnapshotMilestone, m.ID)...)
		}
		tab.Rows = append(tab.Rows, row)
		h := fmt.Sprintf("The %s (%s) holds at %s", named(b.milestoneName(m.ID)), fdate(m.Target), pct(m.PTarget))
		c := b.conf(m.Finish)
		switch {
		case c > m.Target:
			h += fmt.Sprintf("; at %s it lands on %s, %s", b.confLabel(), fdate(c), figure.Late(float64(b.lateBy(m.Target, c))))
		case !c.IsZero():
			if n := b.cal.WorkdaysBetween(c, m.Target); n > 0 {
				h += fmt.Sprintf("; at %s it lands on %s, %s early", b.confLabel(), fdate(c), figure.WorkingDays(float64(n)))
			} else {
				h += fmt.Sprintf("; at %s it lands on %s, on time", b.confLabel(), fdate(c))
			}
		}
		if m.Driver != "" && !b.onTrack(m.PTarget) {
			dr := b.item(m.Driver)
			h += fmt.Sprintf(", driven most often by %s", quoted(b.itemTitle(m.Driver)))
			if dr != nil {
				h += " (" + named(b.teamName(dr.TeamID)) + ")"
			}
		}
		if pm != nil && pm.Penalty != "" && !b.onTrack(m.PTarget) {
			h += ". Penalty: " + named(strings.TrimSuffix(pm.Penalty, "."))
		}
		if !b.t.Compact || !b.onTrack(m.PTarget) {
			s.Headlines = append(s.Headlines, strings.TrimSuffix(h, ".")+".")
		}
	}
	if len(ms) == 0 {
		s.Notes = append(s.Notes, "This portfolio has no milestones.")
		b.moneyBlocks(s)
		return
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
	b.moneyBlocks(s)
}
