package report

import (
	"fmt"
	"sort"

	"steerco/internal/plan"
)

func (b *builder) probColumn(title string) Column {
	th := [2]float64{b.t.RAG.Green, b.t.RAG.Amber}
	return Column{Title: title, Kind: KPercent, RAGThresholds: &th, Width: 0.9}
}

// commitments builds the commitments section: every committed item against its target.
func (b *builder) commitments(s *Section) {
	com := b.committed()
	sort.SliceStable(com, func(i, j int) bool {
		if com[i].PTarget != com[j].PTarget {
			return com[i].PTarget < com[j].PTarget
		}
		return com[i].Target < com[j].Target
	})
	counts := map[RAG]int{}
	cols := []Column{
		{Title: "Commitment", Kind: KText, Width: 3},
		{Title: "Team", Kind: KText, Width: 1.6},
		{Title: "Target", Kind: KDate},
		{Title: "P50", Kind: KDate},
		{Title: b.confLabel(), Kind: KDate},
		b.probColumn("Probability"),
		{Title: "Status", Kind: KRAG, Width: 1},
	}
	if b.snap != nil {
		cols = append(cols, b.snapColumns()...)
	}
	tab := &Table{Name: "Commitments", Title: "Committed items: forecast against target", Columns: cols}
	for _, c := range com {
		it := b.item(c.ID)
		rag := b.t.RAG.Of(c.PTarget)
		counts[rag]++
		row := Row{Cells: []Cell{Text(it.Title), Text(b.teamName(it.TeamID)), DateCell(c.Target), DateCell(c.Finish.P50), DateCell(b.conf(c.Finish)), Percent(c.PTarget), RAGCell(rag)}}
		if b.snap != nil {
			row.Cells = append(row.Cells, b.snapCells(plan.SnapshotItem, c.ID)...)
		}
		tab.Rows = append(tab.Rows, row)
	}
	if len(com) == 0 {
		s.Notes = append(s.Notes, "No open committed item has a target date.")
	} else {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s on track, %s at risk and %s off track (green at %s or more, amber at %s or more).",
			plural(counts[Green], "commitment is", "commitments are"), plural(counts[Amber], "is", "are"), plural(counts[Red], "is", "are"), pct(b.t.RAG.Green), pct(b.t.RAG.Amber)))
		late := 0
		for _, c := range com {
			if b.conf(c.Finish) > c.Target {
				late++
			}
		}
		if late > 0 {
			s.Headlines = append(s.Headlines, fmt.Sprintf("%s a %s date after the target.", plural(late, "commitment has", "commitments have"), b.confLabel()))
		}
	}
	done := 0
	for _, it := range b.p.Items {
		if it.Commitment == plan.Committed && it.Status == plan.Done {
			done++
		}
	}
	if done > 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s already delivered.", plural(done, "committed item is", "committed items are")))
	}
	if h := b.snapshotHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	if b.t.Compact && len(s.Headlines) > 1 {
		s.Headlines = s.Headlines[:1] // the summary says the rest
	}
	if b.t.Compact && counts[Green] > 0 && counts[Green] < len(tab.Rows) {
		// A short status lists what needs attention; the rest is in the workbook.
		tab.PDFRows = len(tab.Rows) - counts[Green]
		tab.Note = fmt.Sprintf("Showing the %s commitments below %s; the %s on track are in the workbook. ", count(tab.PDFRows), pct(b.t.RAG.Green), count(counts[Green]))
	}
	if more := capRows(tab, s.Sheet); more != "" {
		// A large programme's board pack stays a board pack: the
		// commitments least likely to be met first (the rows are in that
		// order), the full list in the workbook.
		tab.Note = "Least likely to meet their targets first. " + more + " "
	}
	if b.snap != nil {
		tab.Note += b.snapNote()
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
}
