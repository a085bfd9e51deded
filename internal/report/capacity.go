package report

import (
	"fmt"
	"sort"

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
	for _, q := range qs {
		hm.ColLabels = append(hm.ColLabels, q.String())
	}
	tab := &Table{Name: "Capacity", Detail: true, Title: "Capacity and demand by team and quarter (person-days)",
		Columns: []Column{{Title: "Team", Kind: KText, Width: 2}, {Title: "Quarter", Kind: KText},
			{Title: "Capacity", Kind: KNumber}, {Title: "Demand P50", Kind: KNumber}, {Title: "Demand P85", Kind: KNumber},
			{Title: "Headroom at P85", Kind: KNumber, Formula: "{2}-{4}"},
			{Title: "P(over-commitment)", Kind: KPercent}}}
	flagged := 0
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
			head := Number(tq.Capacity-tq.DemandP85, 0)
			head.Signed = true
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{Text(b.teamName(tid)), Text(q.String()),
				Number(tq.Capacity, 0), Number(tq.DemandP50, 0), Number(tq.DemandP85, 0), head, Percent(tq.POver)}})
		}
		hm.Values = append(hm.Values, vals)
		hm.Labels = append(hm.Labels, labels)
	}
	if flagged == 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("No team quarter reaches %s probability of over-commitment.", pct(b.t.OverCommitment)))
	} else {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s at %s or more probability of over-commitment.", plural(flagged, "team quarter is", "team quarters are"), pct(b.t.OverCommitment)))
		if tq := b.worstTeamQuarter(); tq != nil {
			s.Headlines = append(s.Headlines, fmt.Sprintf("The most stretched is %s in %s: %s probability, demand at P85 %s person-days against a capacity of %s.",
				b.teamName(tq.TeamID), tq.Quarter, pct(tq.POver), personDays(tq.DemandP85), personDays(tq.Capacity)))
		}
	}
	s.Blocks = append(s.Blocks,
		Block{Chart: &Chart{Kind: ChartHeatMap, Name: "CapacityHeat", Title: "Probability of over-commitment (demand above capacity)", Heat: hm}},
		Block{Table: tab})
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
