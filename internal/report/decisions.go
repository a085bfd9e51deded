package report

import (
	"fmt"
	"sort"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/recommend"
)

// Decision kinds.
const (
	decSchedule = recommend.Schedule
	decRisk     = recommend.Risk
	decCapacity = recommend.Capacity
)

type decision struct {
	kind, ask, evidence, owner string
	weight                     float64 // higher first
}

// decisions lists what the data calls for: the options measured by runs with
// the change applied (hires after the hiring lead time, scope off the plan,
// targets reset by a week or more, full mitigations; see WithOptions), and
// the open risks that need a mitigation or an acceptance.
func (b *builder) decisions(s *Section) {
	var ds []decision
	// 1. The measured options (recommend.Propose): changes that can really
	// be made, each with what a forecast with it applied does to the late
	// commitments and milestones. Without them (a briefing built without
	// measuring), each late commitment is listed for a decision.
	measured := map[string]recommend.Option{} // risk id → its measured mitigation
	for _, o := range b.options {
		if o.Kind == recommend.Risk && len(o.Scenario.Changes) == 1 {
			measured[o.Scenario.Changes[0].Risk] = o
			continue
		}
		ds = append(ds, decision{kind: o.Kind, ask: o.Ask, evidence: "Measured with the change applied: " + o.Evidence() + ".", owner: o.Owner, weight: 3 + o.Score()})
	}
	if b.options == nil {
		for _, c := range b.committed() {
			if figure.AtLeast(c.PTarget, b.t.RAG.Green) {
				continue
			}
			it := b.item(c.ID)
			ev := fmt.Sprintf("%s of meeting %s; %s date %s", pct(c.PTarget), fdate(c.Target), b.confLabel(), fdate(b.conf(c.Finish)))
			ds = append(ds, decision{kind: decSchedule, ask: fmt.Sprintf("Decide how to rescue %s: more capacity, less scope or a new target.", quoted(it.Title)),
				evidence: ev + ".", owner: b.teamName(it.TeamID), weight: 3 + (1 - c.PTarget)})
		}
	}
	// 2. Risks needing a mitigation or an acceptance.
	for _, r := range b.risks {
		if r.r.Status != plan.RiskOpen {
			continue
		}
		if !r.red() && r.p85Days() < 5 {
			continue
		}
		ask := fmt.Sprintf("Mitigate or formally accept %s", quoted(r.r.Title))
		if r.r.Mitigation == "" {
			ask = fmt.Sprintf("Agree a mitigation for %s, or accept it with a sign-off", quoted(r.r.Title))
		}
		ev := fmt.Sprintf("%s likely, %s if it happens (matrix %d×%d)", pct(r.r.Probability), days(r.r.ImpactDays), r.l, r.i)
		if r.impact != nil {
			ev += "; " + b.riskEffect(r)
		}
		if o, ok := measured[r.r.ID]; ok {
			ev += "; a full mitigation, measured: " + o.Evidence()
			delete(measured, r.r.ID)
		}
		ds = append(ds, decision{kind: decRisk, ask: ask + ".", evidence: ev + ".", owner: r.r.Owner, weight: 2 + float64(r.l*r.i)/25})
	}
	// Measured mitigations of risks that are not open (already mitigating or accepted).
	for _, r := range b.risks {
		if o, ok := measured[r.r.ID]; ok {
			ds = append(ds, decision{kind: decRisk, ask: o.Ask, evidence: "Measured with the risk removed: " + o.Evidence() + ".", owner: o.Owner, weight: 2 + o.Score()})
		}
	}
	sort.SliceStable(ds, func(i, j int) bool { return ds[i].weight > ds[j].weight })
	// The PDF shows the most pressing few of each kind, grouped by kind; the
	// workbook lists them all (the rest follow).
	limit := map[string]int{decSchedule: 4, recommend.Scope: 3, decRisk: 4, decCapacity: 4}
	if b.t.Compact {
		limit = map[string]int{decSchedule: 2, recommend.Scope: 1, decRisk: 2, decCapacity: 2}
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
	if n[decSchedule] > 0 && b.options == nil {
		parts = append(parts, plural(n[decSchedule], "commitment to rescue", "commitments to rescue"))
	} else if n[decSchedule] > 0 {
		parts = append(parts, plural(n[decSchedule], "target to reset", "targets to reset"))
	}
	if n[recommend.Scope] > 0 {
		parts = append(parts, plural(n[recommend.Scope], "scope cut", "scope cuts"))
	}
	if n[decRisk] > 0 {
		parts = append(parts, plural(n[decRisk], "risk to mitigate or accept", "risks to mitigate or accept"))
	}
	if n[decCapacity] > 0 {
		parts = append(parts, plural(n[decCapacity], "hire to approve", "hires to approve"))
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
		tab.Note = fmt.Sprintf("The most pressing %s; %s more of the same kinds are in the workbook.", count(len(shown)), count(len(rest)))
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
}
