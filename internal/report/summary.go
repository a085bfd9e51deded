package report

import (
	"fmt"
	"sort"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// summary builds the executive summary: the headline sentences, KPIs and the milestones and commitments at a glance.
func (b *builder) summary(s *Section) {
	com := b.committed()
	below := 0
	green := 0
	for _, c := range com {
		if !b.onTrack(c.PTarget) {
			below++
		} else {
			green++
		}
	}
	// 1. Commitments and the weakest milestone.
	var sent string
	if len(com) == 0 {
		sent = "No open committed item has a target date"
	} else if below == 0 {
		sent = fmt.Sprintf("All %s open commitments are at or above %s confidence", count(len(com)), pct(b.t.RAG.Green))
	} else {
		sent = fmt.Sprintf("%s of %s open commitments are below %s confidence", count(below), count(len(com)), pct(b.t.RAG.Green))
	}
	if m := b.weakestMilestone(); m != nil {
		sent += fmt.Sprintf("; the %s date (%s) holds at %s", named(b.milestoneName(m.ID)), fdate(m.Target), pct(m.PTarget))
	}
	s.Headlines = append(s.Headlines, sent+".")
	switch {
	case b.f.CommittedItems > 1 && b.f.Committed == 0:
		s.Headlines = append(s.Headlines, fmt.Sprintf("In none of the %s trials did all %s committed items make their targets together.", count(b.f.Trials), count(b.f.CommittedItems)))
	case b.f.CommittedItems > 1:
		s.Headlines = append(s.Headlines, fmt.Sprintf("All %s committed items make their targets together in %s of trials.", count(b.f.CommittedItems), pct(b.f.Committed)))
	}
	// 2. Cross-team slip.
	if h := b.crossTeamHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	// 3. The biggest risk.
	if h := b.topRiskHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	// 4. Capacity.
	if tq := b.worstTeamQuarter(); tq != nil && b.overCommitted(tq.POver) {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s is over-committed in %s with %s probability: %s.",
			named(b.teamName(tq.TeamID)), quarterLabel(tq), pct(tq.POver), b.dueAgainst(tq)))
	}
	// 5. Budget.
	if h := b.budgetHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	// 5b. Money on the schedule: what lateness costs, and the JCL.
	if h := ExposureSentence(b.p, b.f); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	if h := JCLSentence(b.f); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	// 6. Movement since the last snapshot.
	if h := b.snapshotHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}

	s.KPIs = append(s.KPIs, KPI{Label: "Commitments on track", Value: Text(fmt.Sprintf("%s of %s", count(green), count(len(com)))),
		Note: fmt.Sprintf("at or above %s confidence", pct(b.t.RAG.Green))})
	if b.f.CommittedItems > 0 {
		s.KPIs = append(s.KPIs, KPI{Label: "All commitments together", Value: Percent(b.f.Committed), Note: "joint probability"})
	}
	if m := b.weakestMilestone(); m != nil {
		s.KPIs = append(s.KPIs, KPI{Label: b.milestoneName(m.ID), Value: Percent(m.PTarget), Note: "probability of " + fdate(m.Target)})
	}
	if !b.f.Portfolio.P85.IsZero() {
		s.KPIs = append(s.KPIs, KPI{Label: "Everything open done by (" + b.confLabel() + ")", Value: DateCell(b.conf(b.f.Portfolio)), Note: "P50 " + fdate(b.f.Portfolio.P50)})
	}
	if len(b.p.BudgetLines) > 0 {
		v := b.by.Total.VarianceYearEnd()
		s.KPIs = append(s.KPIs, KPI{Label: fmt.Sprintf("FY%d projection at plan", b.by.FiscalYear), Value: ShortMoneyCell(b.by.Total.Forecast),
			Note: figure.SignedMoney(v) + " vs plan"})
	}
	live, acc := 0, 0
	for _, r := range b.p.Risks {
		if r.Live() {
			live++
		}
		if r.Status == plan.RiskAccepted {
			acc++
		}
	}
	s.KPIs = append(s.KPIs, KPI{Label: "Live risks", Value: Number(float64(live), 0), Note: plural(acc, "accepted", "accepted")})

	// At a glance: the milestones and the commitments most at risk (the
	// compact status has their own sections right after).
	if len(b.f.Milestones) > 0 {
		mt := &Table{Name: "SummaryMilestones", Title: "Milestones at a glance", Detail: true,
			Columns: []Column{{Title: "Milestone", Kind: KText, Width: 3}, {Title: "Date", Kind: KDate}, {Title: b.confLabel(), Kind: KDate},
				b.probColumn("Probability"), {Title: "Status", Kind: KRAG}}}
		ms := make([]*outlook.MilestoneForecast, 0, len(b.f.Milestones))
		for i := range b.f.Milestones {
			ms = append(ms, &b.f.Milestones[i])
		}
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Target < ms[j].Target })
		for _, m := range ms {
			mt.Rows = append(mt.Rows, Row{Cells: []Cell{Text(b.milestoneName(m.ID)), DateCell(m.Target), DateCell(b.conf(m.Finish)), Percent(m.PTarget), RAGCell(b.t.RAG.Of(m.PTarget))}})
		}
		s.Blocks = append(s.Blocks, Block{Table: mt})
	}
	var atRisk []*outlook.ItemForecast
	for _, c := range com {
		if !b.onTrack(c.PTarget) {
			atRisk = append(atRisk, c)
		}
	}
	sort.SliceStable(atRisk, func(i, j int) bool { return atRisk[i].PTarget < atRisk[j].PTarget })
	if len(atRisk) > 0 {
		n := min(5, len(atRisk))
		ct := &Table{Name: "SummaryAtRisk", Title: fmt.Sprintf("The %s most at risk", plural(n, "commitment", "commitments")), Detail: true,
			Columns: []Column{{Title: "Commitment", Kind: KText, Width: 3}, {Title: "Team", Kind: KText, Width: 1.5}, {Title: "Target", Kind: KDate},
				{Title: b.confLabel(), Kind: KDate}, b.probColumn("Probability"), {Title: "Status", Kind: KRAG}}}
		for _, c := range atRisk[:n] {
			it := b.item(c.ID)
			ct.Rows = append(ct.Rows, Row{Cells: []Cell{Text(it.Title), Text(b.teamName(it.TeamID)), DateCell(c.Target), DateCell(b.conf(c.Finish)), Percent(c.PTarget), RAGCell(b.t.RAG.Of(c.PTarget))}})
		}
		s.Blocks = append(s.Blocks, Block{Table: ct})
	}
}

// weakestMilestone is the milestone with a target least likely to hold (ties: earliest date).
func (b *builder) weakestMilestone() *outlook.MilestoneForecast {
	var w *outlook.MilestoneForecast
	for i := range b.f.Milestones {
		m := &b.f.Milestones[i]
		if m.PTarget < 0 || m.Target.IsZero() {
			continue
		}
		if w == nil || m.PTarget < w.PTarget || (m.PTarget == w.PTarget && m.Target < w.Target) {
			w = m
		}
	}
	return w
}
