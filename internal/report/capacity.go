package report

import (
	"fmt"
	"sort"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

func (b *builder) quarters() []plan.Quarter {
	seen := map[plan.Quarter]bool{}
	var qs []plan.Quarter
	for _, tq := range b.f.Teams {
		if !seen[tq.Quarter] {
			seen[tq.Quarter] = true
			qs = append(qs, tq.Quarter)
		}
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i].First() < qs[j].First() })
	return qs
}

// capacity builds the capacity section: each team's load and over-commitment by quarter.
func (b *builder) capacity(s *Section) {
	qs := b.quarters()
	if len(qs) == 0 {
		s.Notes = append(s.Notes, "The forecast has no team capacity figures.")
		return
	}
	tqOf := map[string]map[plan.Quarter]*outlook.TeamQuarter{}
	for i := range b.f.Teams {
		tq := &b.f.Teams[i]
		if tqOf[tq.TeamID] == nil {
			tqOf[tq.TeamID] = map[plan.Quarter]*outlook.TeamQuarter{}
		}
		tqOf[tq.TeamID][tq.Quarter] = tq
	}
	hm := &HeatMap{RowTitle: "Team", ColTitle: "Quarter", Thresholds: [2]float64{b.t.OverCommitment, b.t.OverCommitment / 2}}
	label := map[plan.Quarter]string{}
	for _, tq := range b.f.Teams {
		if _, ok := label[tq.Quarter]; !ok {
			label[tq.Quarter] = quarterLabel(&tq)
		}
	}
	for _, q := range qs {
		hm.ColLabels = append(hm.ColLabels, label[q])
	}
	tab := &Table{Name: "Capacity", Detail: true, Title: "Capacity and work due by team and quarter (person-days)",
		Columns: []Column{{Title: "Team", Kind: KText, Width: 2}, {Title: "Quarter", Kind: KText, Width: 1.4},
			{Title: "Capacity in the quarter", Kind: KNumber}, {Title: "Capacity from now to its end", Kind: KNumber},
			{Title: "Due by its end P50", Kind: KNumber}, {Title: "Due by its end P85", Kind: KNumber},
			{Title: "Headroom at P85", Kind: KNumber, Formula: "{3}-{5}"},
			{Title: "P(over-commitment)", Kind: KPercent}}}
	flagged := 0
	var pOver []float64 // per row, for a large programme's order
	for _, tid := range b.teamOrder() {
		if tqOf[tid] == nil {
			continue
		}
		hm.RowLabels = append(hm.RowLabels, b.teamName(tid))
		vals := make([]float64, len(qs))
		labels := make([]string, len(qs))
		for j, q := range qs {
			tq := tqOf[tid][q]
			if tq == nil {
				vals[j] = NaN
				continue
			}
			vals[j] = tq.POver
			labels[j] = pct(tq.POver)
			if b.overCommitted(tq.POver) {
				flagged++
			}
			head := Number(tq.CapacityToEnd-tq.DueP85, 0)
			head.Signed = true
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{Text(b.teamName(tid)), Text(quarterLabel(tq)),
				Number(tq.Capacity, 0), Number(tq.CapacityToEnd, 0), Number(tq.DueP50, 0), Number(tq.DueP85, 0), head, Percent(tq.POver)}})
			pOver = append(pOver, tq.POver)
		}
		hm.Values = append(hm.Values, vals)
		hm.Labels = append(hm.Labels, labels)
	}
	if n := len(tab.Rows); n > pdfTableRows {
		// A large programme's board pack stays a board pack: the team
		// quarters most likely to be over-committed first (then in team
		// and quarter order), the first of them in the PDF, all in the
		// workbook.
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(i, j int) bool { return pOver[idx[i]] > pOver[idx[j]] })
		rows := make([]Row, n)
		for k, i := range idx {
			rows[k] = tab.Rows[i]
		}
		tab.Rows = rows
		tab.Note = "Most likely to be over-committed first. " + capRows(tab, s.Sheet)
	}
	if flagged == 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("No team quarter reaches %s probability of over-commitment.", pct(b.t.OverCommitment)))
	} else {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s at %s or more probability of over-commitment.", plural(flagged, "team quarter is", "team quarters are"), pct(b.t.OverCommitment)))
		if tq := b.worstTeamQuarter(); tq != nil {
			s.Headlines = append(s.Headlines, fmt.Sprintf("The most stretched is %s in %s: %s probability; %s.",
				named(b.teamName(tq.TeamID)), quarterLabel(tq), pct(tq.POver), b.dueAgainst(tq)))
		}
	}
	heatNote := OverCommitmentDefinition
	if n := len(hm.ColLabels); n > pdfHeatColumns {
		hm.PDFCols = pdfHeatColumns
		heatNote = fmt.Sprintf("The next %d quarters. %s %s", pdfHeatColumns, MoreLine(n-pdfHeatColumns, s.Sheet), heatNote)
	}
	s.Blocks = append(s.Blocks,
		Block{Chart: &Chart{Kind: ChartHeatMap, Name: "CapacityHeat", Title: "Probability of over-commitment (work due by the quarter’s end above the capacity to then)", Heat: hm,
			Note: heatNote}},
		Block{Table: tab})
}

// OverCommitmentDefinition says what an over-committed team quarter means
// (outlook's definition, TeamQuarter.POver), for the capacity page and the
// method appendix.
const OverCommitmentDefinition = "A team is over-committed in a quarter when the remaining work it must finish by the quarter’s end (its items whose targets, or the targets of the milestones and items that wait on them, fall on or before that end) exceeds the capacity it has from the as-of date to that end; the probability is the share of trials in which it does. The first quarter runs from the as-of date."

// quarterLabel names a team quarter with its real dates when it is partial
// (figure.Quarter): "2026-Q4 from 7 Dec 2026".
func quarterLabel(tq *outlook.TeamQuarter) string { return figure.Quarter(tq.Quarter, tq.From, tq.To) }

// dueAgainst says the numbers behind a team quarter's over-commitment: "at
// P85 300 person-days are due by 31 Mar 2027 against the 270 it can do from
// 23 Nov 2026".
func (b *builder) dueAgainst(tq *outlook.TeamQuarter) string {
	from := b.f.AsOf // CapacityToEnd runs from the forecast's as-of date
	if from.IsZero() {
		from = tq.From
	}
	return fmt.Sprintf("at P85 %s person-days are due by %s against the %s it can do from %s",
		personDays(tq.DueP85), fdate(tq.To), personDays(tq.CapacityToEnd), fdate(from))
}

func (b *builder) worstTeamQuarter() *outlook.TeamQuarter {
	var w *outlook.TeamQuarter
	for i := range b.f.Teams {
		tq := &b.f.Teams[i]
		if w == nil || tq.POver > w.POver {
			w = tq
		}
	}
	return w
}
