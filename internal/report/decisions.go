package report

import (
	"fmt"
	"sort"

	"steerco/internal/plan"
)

// Decision kinds.
const (
	decSchedule = "Schedule"
	decRisk     = "Risk"
	decCapacity = "Capacity"
)

type decision struct {
	kind, ask, evidence, owner string
	weight                     float64 // higher first
}

// decisions lists what the data calls for: commitments below the green
// threshold with the lever that would rescue them, risks that need a
// mitigation or an acceptance, and capacity asks where over-commitment is
// likely.
func (b *builder) decisions(s *Section) {
	var ds []decision
	// 1. Commitments below green.
	for _, c := range b.committed() {
		if c.PTarget >= b.t.RAG.Green {
			continue
		}
		it := b.p.Item(c.ID)
		team := b.teamName(it.TeamID)
		ev := fmt.Sprintf("%s of meeting %s; %s date %s", pct(c.PTarget), fdate(c.Target), b.confLabel(), fdate(b.conf(c.Finish)))
		var ask string
		dr := b.p.Item(c.Driver)
		switch {
		case c.WaitDependencyDays >= 5 && dr != nil && c.WaitDependencyDays >= c.WaitCapacityDays:
			ask = fmt.Sprintf("Bring forward or de-scope %s (%s), which %s waits for, or move the target", quoted(dr.Title), b.teamName(dr.TeamID), quoted(it.Title))
			ev += fmt.Sprintf("; waits %s for it on average", days(c.WaitDependencyDays))
		case c.WaitCapacityDays >= 5:
			ask = fmt.Sprintf("Give %s more capacity or rank %s higher", team, quoted(it.Title))
			ev += fmt.Sprintf("; waits %s for a free slot in %s on average", days(c.WaitCapacityDays), team)
		default:
			ask = fmt.Sprintf("De-scope %s or move its target to %s (the %s date)", quoted(it.Title), fdate(b.conf(c.Finish)), b.confLabel())
		}
		ds = append(ds, decision{kind: decSchedule, ask: ask + ".", evidence: ev + ".", owner: team, weight: 3 + (1 - c.PTarget)})
	}
	// 2. Risks needing a mitigation or an acceptance.
	for _, r := range b.risks {
		if r.r.Status != plan.RiskOpen {
			continue
		}
		if r.l*r.i < 12 && r.p85Days() < 5 {
			continue
		}
		ask := fmt.Sprintf("Mitigate or formally accept %s", quoted(r.r.Title))
		if r.r.Mitigation == "" {
			ask = fmt.Sprintf("Agree a mitigation for %s, or accept it with a sign-off", quoted(r.r.Title))
		}
		ev := fmt.Sprintf("%s likely, %s if it happens (matrix %d×%d)", pct(r.r.Probability), plural(int(r.r.ImpactDays+0.5), "day", "days"), r.l, r.i)
		if r.impact != nil {
			ev += fmt.Sprintf("; adds %s to the P85 finish", days(r.p85Days()))
		}
		ds = append(ds, decision{kind: decRisk, ask: ask + ".", evidence: ev + ".", owner: r.r.Owner, weight: 2 + float64(r.l*r.i)/25})
	}
	// 3. Capacity asks.
	for i := range b.f.Teams {
		tq := &b.f.Teams[i]
		if tq.POver < b.t.OverCommitment || tq.DemandP85 <= tq.Capacity {
			continue
		}
		short := tq.DemandP85 - tq.Capacity
		ask := fmt.Sprintf("Add capacity to %s in %s, or move %.0f person-days of its work out of the quarter", b.teamName(tq.TeamID), tq.Quarter, short)
		if fte := b.fteFor(tq.TeamID, tq.Quarter, short); fte > 0 {
			ask = fmt.Sprintf("Add about %.1f FTE to %s in %s, or move %.0f person-days of its work out of the quarter", fte, b.teamName(tq.TeamID), tq.Quarter, short)
		}
		ev := fmt.Sprintf("%s probability of over-commitment; demand at P85 %.0f person-days against a capacity of %.0f", pct(tq.POver), tq.DemandP85, tq.Capacity)
		ds = append(ds, decision{kind: decCapacity, ask: ask + ".", evidence: ev + ".", owner: b.teamName(tq.TeamID), weight: 1 + tq.POver})
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].weight > ds[j].weight })
	// The PDF shows the most pressing few of each kind, grouped by kind; the
	// workbook lists them all (the rest follow).
	limit := map[string]int{decSchedule: 6, decRisk: 4, decCapacity: 4}
	if b.t.Compact {
		limit = map[string]int{decSchedule: 3, decRisk: 2, decCapacity: 1}
	}
	var shown, rest []decision
	taken := map[string]int{}
	for _, d := range ds {
		if taken[d.kind] < limit[d.kind] {
			taken[d.kind]++
			shown = append(shown, d)
		} else {
			rest = append(rest, d)
		}
	}
	ds = append(shown, rest...)

	if len(ds) == 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("No decision is needed: every commitment is at or above %s, no open risk is in the red zone and no team quarter is likely over-committed.", pct(b.t.RAG.Green)))
		return
	}
	n := map[string]int{}
	for _, d := range ds {
		n[d.kind]++
	}
	var parts []string
	if n[decSchedule] > 0 {
		parts = append(parts, plural(n[decSchedule], "commitment to rescue", "commitments to rescue"))
	}
	if n[decRisk] > 0 {
		parts = append(parts, plural(n[decRisk], "risk to mitigate or accept", "risks to mitigate or accept"))
	}
	if n[decCapacity] > 0 {
		parts = append(parts, plural(n[decCapacity], "capacity ask", "capacity asks"))
	}
	s.Headlines = append(s.Headlines, fmt.Sprintf("%s needed: %s.", plural(len(ds), "decision is", "decisions are"), joinAnd(parts)))
	tab := &Table{Name: "Decisions", Title: "Decisions the numbers call for",
		Columns: []Column{{Title: "#", Kind: KNumber, Width: 0.35}, {Title: "Kind", Kind: KText, Width: 0.8}, {Title: "Decision needed", Kind: KText, Width: 4},
			{Title: "Why (the numbers)", Kind: KText, Width: 4}, {Title: "Owner", Kind: KText, Width: 1.2}}}
	for i, d := range ds {
		tab.Rows = append(tab.Rows, Row{Cells: []Cell{Number(float64(i+1), 0), Text(d.kind), Text(d.ask), Text(d.evidence), Text(d.owner)}})
	}
	if len(rest) > 0 {
		tab.PDFRows = len(shown)
		tab.Note = fmt.Sprintf("The most pressing %d; %d more of the same kinds are in the workbook.", len(shown), len(rest))
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
}

// fteFor converts a shortfall of person-days in a quarter into the FTE that
// would cover it, given the team's allocation and focus factor; 0 if unknown.
func (b *builder) fteFor(teamID string, q plan.Quarter, short float64) float64 {
	t := b.p.Team(teamID)
	if t == nil || t.Allocation <= 0 || t.FocusFactor <= 0 {
		return 0
	}
	from := q.First()
	if from < b.asOf {
		from = b.asOf
	}
	wd := b.cal.WorkdaysBetween(from, q.Last().AddDays(1))
	if wd <= 0 {
		return 0
	}
	return short / (float64(wd) * t.Allocation * t.FocusFactor)
}
