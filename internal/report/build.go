package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Build turns a portfolio and its forecast into a briefing laid out by
// template t, as of date asOf (the date printed on the report and the
// "today" line; zero means the forecast's as-of date). It generates every
// sentence from the numbers. It returns an error when an input is missing or
// the forecast does not belong to the portfolio.
func Build(p *plan.Portfolio, f *outlook.Forecast, t Template, asOf plan.Date) (*Briefing, error) {
	if p == nil {
		return nil, plan.Errorf(plan.EINVALID, "No portfolio to report on.")
	}
	if f == nil {
		return nil, plan.Errorf(plan.EINVALID, "No forecast to report on: run the forecast first.")
	}
	if err := t.normalise(t.Name); err != nil {
		return nil, err
	}
	for _, it := range f.Items {
		if p.Item(it.ID) == nil {
			return nil, plan.Errorf(plan.EINVALID, "The forecast mentions item %q, which is not in portfolio %q: re-run the forecast on this portfolio.", it.ID, p.Name)
		}
	}
	if asOf.IsZero() {
		asOf = f.AsOf
	}
	if asOf.IsZero() {
		asOf = p.PlanningStart
	}
	b := newBuilder(p, f, t, asOf)
	out := &Briefing{
		Title:           t.Title,
		Template:        t.Name,
		Portfolio:       p.Name,
		AsOf:            asOf,
		Currency:        p.Currency,
		Confidentiality: b.confidentiality(),
		Paper:           t.Paper,
		Landscape:       t.Orientation == "landscape",
		Confidence:      t.Confidence,
		Compact:         t.Compact,
	}
	for _, ts := range t.Sections {
		s := Section{Kind: ts.Section, Title: ts.Title}
		switch ts.Section {
		case SecCover:
			b.cover(&s)
		case SecSummary:
			b.summary(&s)
		case SecCommitments:
			b.commitments(&s)
		case SecRoadmap:
			b.roadmap(&s)
		case SecMilestones:
			b.milestones(&s)
		case SecCapacity:
			b.capacity(&s)
		case SecBudget:
			b.budget(&s)
		case SecRisks:
			b.riskSection(&s)
		case SecDelivery:
			if !b.delivery(&s) {
				continue
			}
		case SecDecisions:
			b.decisions(&s)
		case SecMethod:
			b.method(&s)
		}
		out.Sections = append(out.Sections, s)
	}
	out.Raw = b.raw()
	return out, nil
}

// raw is every open item's forecast, for people who want the numbers.
func (b *builder) raw() *Table {
	t := &Table{Name: "ForecastRaw", Title: "Forecast per open item (dates on the portfolio calendar; SE in working days; waits are mean working days)",
		Columns: []Column{{Title: "Item id", Kind: KText}, {Title: "Item", Kind: KText, Width: 3}, {Title: "Team", Kind: KText}, {Title: "Commitment", Kind: KText},
			{Title: "Target", Kind: KDate}, {Title: "Start P50", Kind: KDate}, {Title: "Finish P10", Kind: KDate}, {Title: "Finish P50", Kind: KDate},
			{Title: "Finish P85", Kind: KDate}, {Title: "Finish P95", Kind: KDate}, {Title: "Finish mean", Kind: KDate},
			{Title: "SE P50", Kind: KNumber}, {Title: "SE P85", Kind: KNumber}, b.probColumn("P(target)"), {Title: "Criticality", Kind: KPercent},
			{Title: "Sensitivity", Kind: KNumber}, {Title: "Wait dependencies", Kind: KNumber}, {Title: "Wait capacity", Kind: KNumber}, {Title: "Driver", Kind: KText}}}
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		it := b.p.Item(fi.ID)
		prob := Empty()
		if fi.PTarget >= 0 {
			prob = Percent(fi.PTarget)
		}
		t.Rows = append(t.Rows, Row{Cells: []Cell{Text(fi.ID), Text(it.Title), Text(b.teamName(it.TeamID)), Text(it.Commitment),
			DateCell(fi.Target), DateCell(fi.Start.P50), DateCell(fi.Finish.P10), DateCell(fi.Finish.P50), DateCell(fi.Finish.P85),
			DateCell(fi.Finish.P95), DateCell(fi.Finish.Mean), Number(fi.Finish.SEP50Days, 2), Number(fi.Finish.SEP85Days, 2), prob,
			Percent(fi.Criticality), Number(fi.Sensitivity, 3), Number(fi.WaitDependencyDays, 1), Number(fi.WaitCapacityDays, 1), Text(fi.Driver)}})
	}
	return t
}

type builder struct {
	p    *plan.Portfolio
	f    *outlook.Forecast
	t    Template
	asOf plan.Date
	cal  *plan.WorkCalendar
	snap *plan.Snapshot
	// moves: what moved since snap, by kind and id (see outlook.Moves)
	moves map[[2]string]outlook.Move
	by    plan.BudgetYear
	// risk numbering: live risks in report order, numbered from 1
	risks []riskRow
}

func newBuilder(p *plan.Portfolio, f *outlook.Forecast, t Template, asOf plan.Date) *builder {
	b := &builder{p: p, f: f, t: t, asOf: asOf, cal: p.Calendar.Compile()}
	if b.snap = p.LatestSnapshot(asOf); b.snap != nil {
		b.moves = map[[2]string]outlook.Move{}
		for _, m := range outlook.Moves(p, f, *b.snap) {
			b.moves[[2]string{m.Kind, m.ID}] = m
		}
	}
	b.by = p.BudgetYear(p.FiscalYearOf(asOf), asOf)
	b.risks = b.rankRisks()
	return b
}

func (b *builder) confidentiality() string {
	if b.t.Confidentiality != "" {
		return b.t.Confidentiality
	}
	return b.p.Confidentiality
}

// conf returns the quoted percentile of d.
func (b *builder) conf(d outlook.DateDist) plan.Date {
	switch b.t.Confidence {
	case 50:
		return d.P50
	case 95:
		return d.P95
	}
	return d.P85
}

func (b *builder) confLabel() string { return fmt.Sprintf("P%d", b.t.Confidence) }

func (b *builder) teamName(id string) string {
	if t := b.p.Team(id); t != nil && t.Name != "" {
		return t.Name
	}
	return id
}

func (b *builder) itemTitle(id string) string {
	if it := b.p.Item(id); it != nil && it.Title != "" {
		return it.Title
	}
	return id
}

func (b *builder) milestone(id string) *plan.Milestone {
	for i := range b.p.Milestones {
		if b.p.Milestones[i].ID == id {
			return &b.p.Milestones[i]
		}
	}
	return nil
}

func (b *builder) milestoneName(id string) string {
	if m := b.milestone(id); m != nil && m.Name != "" {
		return m.Name
	}
	return id
}

// commitmentsOpen returns the forecasts of open committed items with a target.
func (b *builder) committed() []*outlook.ItemForecast {
	var out []*outlook.ItemForecast
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		it := b.p.Item(fi.ID)
		if it != nil && it.Commitment == plan.Committed && fi.PTarget >= 0 {
			out = append(out, fi)
		}
	}
	return out
}

// ---- formatting for sentences ----

func fdate(d plan.Date) string {
	if d.IsZero() {
		return "no date"
	}
	return d.Time().Format("2 Jan 2006")
}

func pct(p float64) string { return figure.Percent(p) }

func days(v float64) string {
	n := math.Round(v)
	if n == 1 {
		return "1 working day"
	}
	return fmt.Sprintf("%.0f working days", n)
}

func quoted(s string) string { return "‘" + s + "’" }

// shortMoney formats an amount for a sentence: "USD 1.24M", "USD 86k", "USD 950".
func shortMoney(m plan.Money) string {
	v := m.Float()
	sign := ""
	if v < 0 {
		sign, v = "-", -v
	}
	switch {
	case v >= 1e6:
		return fmt.Sprintf("%s%s %.2fM", sign, m.Currency, v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%s%s %.0fk", sign, m.Currency, v/1e3)
	}
	return fmt.Sprintf("%s%s %s", sign, m.Currency, plan.Group(fmt.Sprintf("%.0f", v)))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ---- cover ----

func (b *builder) cover(s *Section) {
	sub := fmt.Sprintf("Forecast as of %s · %s trials · dates quoted at %s", fdate(b.f.AsOf), plan.Group(fmt.Sprint(b.f.Trials)), b.confLabel())
	s.Cover = &Cover{
		Title:           b.t.Title,
		Portfolio:       b.p.Name,
		Subtitle:        sub,
		Date:            b.asOf,
		AsOf:            b.f.AsOf,
		Confidentiality: b.confidentiality(),
	}
}

// ---- executive summary ----

func (b *builder) summary(s *Section) {
	com := b.committed()
	below := 0
	green := 0
	for _, c := range com {
		if c.PTarget < b.t.RAG.Green {
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
		sent = fmt.Sprintf("All %d open commitments are at or above %s confidence", len(com), pct(b.t.RAG.Green))
	} else {
		sent = fmt.Sprintf("%d of %d open commitments are below %s confidence", below, len(com), pct(b.t.RAG.Green))
	}
	if m := b.weakestMilestone(); m != nil {
		sent += fmt.Sprintf("; the %s date (%s) holds at %s", b.milestoneName(m.ID), fdate(m.Target), pct(m.PTarget))
	}
	s.Headlines = append(s.Headlines, sent+".")
	switch {
	case b.f.CommittedItems > 1 && b.f.Committed == 0:
		s.Headlines = append(s.Headlines, fmt.Sprintf("In none of the %s trials did all %d committed items make their targets together.", plan.Group(fmt.Sprint(b.f.Trials)), b.f.CommittedItems))
	case b.f.CommittedItems > 1:
		s.Headlines = append(s.Headlines, fmt.Sprintf("All %d committed items make their targets together in %s of trials.", b.f.CommittedItems, pct(b.f.Committed)))
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
	if tq := b.worstTeamQuarter(); tq != nil && tq.POver >= b.t.OverCommitment {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s is over-committed in %s with %s probability: demand at P85 is %.0f person-days against a capacity of %.0f.",
			b.teamName(tq.TeamID), tq.Quarter, pct(tq.POver), tq.DemandP85, tq.Capacity))
	}
	// 5. Budget.
	if h := b.budgetHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	// 6. Movement since the last snapshot.
	if h := b.snapshotHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}

	s.KPIs = append(s.KPIs, KPI{Label: "Commitments on track", Value: Text(fmt.Sprintf("%d of %d", green, len(com))),
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
		s.KPIs = append(s.KPIs, KPI{Label: fmt.Sprintf("FY%d projection", b.by.FiscalYear), Value: MoneyCell(b.by.Total.Forecast),
			Note: signedMoney(v) + " vs plan"})
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
		if c.PTarget < b.t.RAG.Green {
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
			it := b.p.Item(c.ID)
			ct.Rows = append(ct.Rows, Row{Cells: []Cell{Text(it.Title), Text(b.teamName(it.TeamID)), DateCell(c.Target), DateCell(b.conf(c.Finish)), Percent(c.PTarget), RAGCell(b.t.RAG.Of(c.PTarget))}})
		}
		s.Blocks = append(s.Blocks, Block{Table: ct})
	}
}

func signedMoney(m plan.Money) string {
	if m.Minor > 0 {
		return "+" + shortMoney(m)
	}
	return shortMoney(m)
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

// crossTeamHeadline finds the largest mean wait of an item for a
// predecessor owned by another team; it speaks only when the wait is at
// least five working days.
func (b *builder) crossTeamHeadline() string {
	// Prefer waits that matter: an item that is not on track for its target.
	var best, bestAtRisk *outlook.ItemForecast
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		if fi.Driver == "" || fi.WaitDependencyDays < 5 {
			continue
		}
		it, dr := b.p.Item(fi.ID), b.p.Item(fi.Driver)
		if it == nil || dr == nil || it.TeamID == dr.TeamID {
			continue
		}
		if best == nil || fi.WaitDependencyDays > best.WaitDependencyDays {
			best = fi
		}
		if fi.PTarget >= 0 && fi.PTarget < b.t.RAG.Green && (bestAtRisk == nil || fi.WaitDependencyDays > bestAtRisk.WaitDependencyDays) {
			bestAtRisk = fi
		}
	}
	if bestAtRisk != nil {
		best = bestAtRisk
	}
	if best == nil {
		return ""
	}
	it, dr := b.p.Item(best.ID), b.p.Item(best.Driver)
	h := fmt.Sprintf("%s’s %s holds up %s: %s waits %s for it on average",
		b.teamName(dr.TeamID), quoted(dr.Title), b.teamName(it.TeamID), quoted(it.Title), days(best.WaitDependencyDays))
	if best.PTarget >= 0 {
		h += fmt.Sprintf(" and meets its target with %s probability", pct(best.PTarget))
	}
	return h + "."
}

func (b *builder) topRiskHeadline() string {
	if len(b.f.Risks) == 0 {
		return ""
	}
	ri := b.f.Risks[0]
	if ri.PortfolioP85Days < 0.5 && (ri.WorstMilestone == "" || ri.MilestoneP85Days[ri.WorstMilestone] < 0.5) {
		return ""
	}
	r := b.p.Risk(ri.RiskID)
	if r == nil {
		return ""
	}
	h := fmt.Sprintf("The most harmful risk, %s", quoted(r.Title))
	if r.Owner != "" {
		h += " (owner " + r.Owner + ")"
	}
	// Name only the effects that round to at least one working day:
	// "adds 0 working days" on a board slide reads as a mistake.
	var effects []string
	if ri.PortfolioP85Days >= 0.5 {
		effects = append(effects, fmt.Sprintf("%s to the portfolio’s %s finish", days(ri.PortfolioP85Days), b.confLabelFixed()))
	}
	if ri.WorstMilestone != "" && ri.MilestoneP85Days[ri.WorstMilestone] >= 0.5 {
		effects = append(effects, fmt.Sprintf("%s to the %s %s date", days(ri.MilestoneP85Days[ri.WorstMilestone]), b.milestoneName(ri.WorstMilestone), b.confLabelFixed()))
	}
	return h + ", adds " + strings.Join(effects, " and ") + "."
}

// confLabelFixed is "P85": risk impacts are always measured at P85.
func (b *builder) confLabelFixed() string { return "P85" }

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

func (b *builder) budgetHeadline() string {
	if len(b.p.BudgetLines) == 0 {
		return ""
	}
	t := b.by.Total
	var parts []string
	if b.by.ClosedThrough != 0 {
		v := t.VarianceToDate()
		parts = append(parts, fmt.Sprintf("Actuals through %s are %s %s", b.by.ClosedThrough.Label(), shortMoney(abs(v)), overUnder(v, t.PlanToDate)))
	}
	v := t.VarianceYearEnd()
	parts = append(parts, fmt.Sprintf("the FY%d projection of %s is %s %s the %s plan", b.by.FiscalYear, shortMoney(t.Forecast), shortMoney(abs(v)), overUnderPlain(v), shortMoney(t.Plan)))
	h := strings.Join(parts, "; ")
	return strings.ToUpper(h[:1]) + h[1:] + "."
}

func abs(m plan.Money) plan.Money {
	if m.Minor < 0 {
		return m.Neg()
	}
	return m
}

func overUnder(v, base plan.Money) string {
	share := ""
	if base.Minor != 0 {
		share = fmt.Sprintf(" (%.1f%%)", math.Abs(float64(v.Minor))/math.Abs(float64(base.Minor))*100)
	}
	switch {
	case v.Minor > 0:
		return "over plan" + share
	case v.Minor < 0:
		return "under plan" + share
	}
	return "on plan"
}

func overUnderPlain(v plan.Money) string {
	if v.Minor >= 0 {
		return "over"
	}
	return "under"
}

// snapshotHeadline tells what moved since the last snapshot.
func (b *builder) snapshotHeadline() string {
	if b.snap == nil {
		return ""
	}
	worse, better := 0, 0
	var worst *outlook.ItemForecast
	var worstDrop float64
	for _, c := range b.committed() {
		m, ok := b.move(plan.SnapshotItem, c.ID)
		if !ok || m.PThen < 0 {
			continue
		}
		d := c.PTarget - m.PThen
		if d <= -0.05 {
			worse++
		} else if d >= 0.05 {
			better++
		}
		if d < worstDrop {
			worstDrop, worst = d, c
		}
	}
	gained := "none gained as much"
	if better > 0 {
		gained = fmt.Sprintf("%d gained as much", better)
	}
	h := fmt.Sprintf("Since the %s snapshot (%s), %s lost 5 points or more of confidence and %s",
		quoted(b.snap.Name), fdate(b.snap.TakenOn), plural(worse, "commitment", "commitments"), gained)
	if worst != nil && worstDrop <= -0.05 {
		m, _ := b.move(plan.SnapshotItem, worst.ID)
		h += fmt.Sprintf("; %s fell from %s to %s", quoted(b.itemTitle(worst.ID)), pct(m.PThen), pct(worst.PTarget))
	}
	return h + "."
}

// move returns what moved for an item or milestone since the last
// snapshot; false when there is no snapshot or it did not have the entry.
func (b *builder) move(kind, id string) (outlook.Move, bool) {
	m, ok := b.moves[[2]string{kind, id}]
	return m, ok && !m.New
}

// snapColumns are the columns of the change since the last snapshot, and
// snapCells their cells for an item or milestone (shown as new when the
// snapshot did not have it, or had no target for it).
func (b *builder) snapColumns() []Column {
	return []Column{{Title: "Change (points)", Kind: KNumber, Width: 0.9}, {Title: "P85 moved (days)", Kind: KNumber, Width: 0.9}}
}

func (b *builder) snapCells(kind, id string) []Cell {
	m, ok := b.move(kind, id)
	pts, hasPts := m.Points()
	if !ok || !hasPts {
		return []Cell{Text("new"), Empty()}
	}
	ch := Number(math.Round(pts), 0)
	ch.Signed = true
	mv := Number(float64(m.P85CalendarDays), 0)
	mv.Signed = true
	return []Cell{ch, mv}
}

// snapNote explains the snapshot columns of a table.
func (b *builder) snapNote() string {
	return fmt.Sprintf("Change: points of probability since the %s snapshot of %s; positive is better. P85 moved: calendar days, positive is later.", quoted(b.snap.Name), fdate(b.snap.TakenOn))
}

// ---- commitments ----

func (b *builder) probColumn(title string) Column {
	th := [2]float64{b.t.RAG.Green, b.t.RAG.Amber}
	return Column{Title: title, Kind: KPercent, RAGThresholds: &th, Width: 0.9}
}

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
		it := b.p.Item(c.ID)
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
		tab.Note = fmt.Sprintf("Showing the %d commitments below %s; the %d on track are in the workbook. ", tab.PDFRows, pct(b.t.RAG.Green), counts[Green])
	}
	if b.snap != nil {
		tab.Note += b.snapNote()
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
}

// ---- roadmap ----

// teamOrder returns team ids in display order: by name.
func (b *builder) teamOrder() []string {
	ids := make([]string, 0, len(b.p.Teams))
	for _, t := range b.p.Teams {
		ids = append(ids, t.ID)
	}
	sort.SliceStable(ids, func(i, j int) bool { return b.teamName(ids[i]) < b.teamName(ids[j]) })
	return ids
}

func (b *builder) roadmap(s *Section) {
	tl := &Timeline{Today: b.asOf, Confidence: b.t.Confidence}
	from, to := b.asOf, b.asOf
	extend := func(d plan.Date) {
		if d.IsZero() {
			return
		}
		if d < from {
			from = d
		}
		if d > to {
			to = d
		}
	}
	byTeam := map[string][]*outlook.ItemForecast{}
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		it := b.p.Item(fi.ID)
		byTeam[it.TeamID] = append(byTeam[it.TeamID], fi)
	}
	late := 0
	for _, tid := range b.teamOrder() {
		list := byTeam[tid]
		sort.SliceStable(list, func(i, j int) bool {
			a, c := b.p.Item(list[i].ID), b.p.Item(list[j].ID)
			if a.Rank != c.Rank {
				return a.Rank < c.Rank
			}
			return a.ID < c.ID
		})
		for _, fi := range list {
			it := b.p.Item(fi.ID)
			row := TimelineRow{Group: b.teamName(tid), Label: it.Title, Start: fi.Start.P50, P50: fi.Finish.P50, P85: b.conf(fi.Finish), Target: fi.Target, RAG: b.t.RAG.Of(fi.PTarget)}
			if fi.Driver != "" && fi.WaitDependencyDays >= 3 {
				row.Driver = b.itemTitle(fi.Driver)
			}
			if !fi.Target.IsZero() && row.P85 > fi.Target {
				late++
			}
			extend(row.Start)
			extend(row.P85)
			extend(row.Target)
			tl.Rows = append(tl.Rows, row)
		}
	}
	for _, m := range b.f.Milestones {
		tl.Markers = append(tl.Markers, TimelineMarker{Label: b.milestoneName(m.ID), Date: m.Target, RAG: b.t.RAG.Of(m.PTarget)})
		extend(m.Target)
	}
	// Whole months, with a little room.
	tl.From = from.MonthOf().First()
	tl.To = to.MonthOf().Add(1).Last()
	s.Headlines = append(s.Headlines, fmt.Sprintf("%s open across %s; the last finishes by %s at %s (P50 %s).",
		plural(len(b.f.Items), "item is", "items are"), plural(len(byTeam), "team", "teams"), fdate(b.conf(b.f.Portfolio)), b.confLabel(), fdate(b.f.Portfolio.P50)))
	if late > 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s a %s date after the target.", plural(late, "item has", "items have"), b.confLabel()))
	}
	if h := b.crossTeamHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	s.Blocks = append(s.Blocks, Block{Chart: &Chart{Kind: ChartTimeline, Name: "Roadmap", Title: fmt.Sprintf("Roadmap by team: bars run from P50 to %s finish; a diamond marks the target, the dashed red line today", b.confLabel()), Timeline: tl}})

	// Dependencies that drive slips.
	var waits []*outlook.ItemForecast
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		if fi.WaitDependencyDays >= 1 || fi.WaitCapacityDays >= 1 {
			waits = append(waits, fi)
		}
	}
	sort.SliceStable(waits, func(i, j int) bool {
		return waits[i].WaitDependencyDays+waits[i].WaitCapacityDays > waits[j].WaitDependencyDays+waits[j].WaitCapacityDays
	})
	if len(waits) > 0 {
		tab := &Table{Name: "Waits", Title: "Why items start late: mean working days waiting", PDFRows: 15, Detail: true,
			Columns: []Column{{Title: "Item", Kind: KText, Width: 2.6}, {Title: "Team", Kind: KText, Width: 1.4},
				{Title: "Waits most often for", Kind: KText, Width: 2.6}, {Title: "Its team", Kind: KText, Width: 1.4},
				{Title: "Waiting on dependencies", Kind: KNumber}, {Title: "Waiting for capacity", Kind: KNumber}, b.probColumn("Probability")}}
		for _, fi := range waits {
			it := b.p.Item(fi.ID)
			drv, drvTeam := Empty(), Empty()
			if fi.Driver != "" {
				drv = Text(b.itemTitle(fi.Driver))
				if d := b.p.Item(fi.Driver); d != nil {
					drvTeam = Text(b.teamName(d.TeamID))
				}
			}
			prob := Empty()
			if fi.PTarget >= 0 {
				prob = Percent(fi.PTarget)
			}
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{Text(it.Title), Text(b.teamName(it.TeamID)), drv, drvTeam,
				Number(fi.WaitDependencyDays, 1), Number(fi.WaitCapacityDays, 1), prob}})
		}
		if len(tab.Rows) > tab.PDFRows {
			tab.Note = fmt.Sprintf("The %d longest waits; %d more items wait a working day or more (all are in the workbook).", tab.PDFRows, len(tab.Rows)-tab.PDFRows)
		}
		s.Blocks = append(s.Blocks, Block{Table: tab})
	}
}

// ---- milestones ----

func (b *builder) milestones(s *Section) {
	tab := &Table{Name: "Milestones", Title: "External commitments",
		Columns: []Column{{Title: "Milestone", Kind: KText, Width: 2.4}, {Title: "Kind", Kind: KText, Width: 0.9, Detail: true},
			{Title: "Date", Kind: KDate}, {Title: "P50", Kind: KDate}, {Title: b.confLabel(), Kind: KDate},
			b.probColumn("Probability"), {Title: "Status", Kind: KRAG}, {Title: "Driven by", Kind: KText, Width: 2.2},
			{Title: "Penalty", Kind: KText, Width: 2.2, Detail: true}}}
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
		if b.snap != nil {
			row.Cells = append(row.Cells, b.snapCells(plan.SnapshotMilestone, m.ID)...)
		}
		tab.Rows = append(tab.Rows, row)
		h := fmt.Sprintf("The %s (%s) holds at %s", b.milestoneName(m.ID), fdate(m.Target), pct(m.PTarget))
		c := b.conf(m.Finish)
		switch {
		case c > m.Target:
			h += fmt.Sprintf("; at %s it lands on %s, %s late", b.confLabel(), fdate(c), plural(m.Target.DaysUntil(c), "day", "days"))
		case !c.IsZero():
			h += fmt.Sprintf("; at %s it lands on %s, %s early", b.confLabel(), fdate(c), plural(c.DaysUntil(m.Target), "day", "days"))
		}
		if m.Driver != "" && m.PTarget < b.t.RAG.Green {
			dr := b.p.Item(m.Driver)
			h += fmt.Sprintf(", driven most often by %s", quoted(b.itemTitle(m.Driver)))
			if dr != nil {
				h += " (" + b.teamName(dr.TeamID) + ")"
			}
		}
		if pm != nil && pm.Penalty != "" && m.PTarget < b.t.RAG.Green {
			h += ". Penalty: " + pm.Penalty
		}
		if !b.t.Compact || m.PTarget < b.t.RAG.Green {
			s.Headlines = append(s.Headlines, strings.TrimSuffix(h, ".")+".")
		}
	}
	if len(ms) == 0 {
		s.Notes = append(s.Notes, "This portfolio has no milestones.")
		return
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
}

// ---- capacity ----

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
			{Title: "Headroom at P85", Kind: KNumber, Diff: &[2]int{2, 4}},
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
			if tq.POver >= b.t.OverCommitment {
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
			s.Headlines = append(s.Headlines, fmt.Sprintf("The most stretched is %s in %s: %s probability, demand at P85 %.0f person-days against a capacity of %.0f.",
				b.teamName(tq.TeamID), tq.Quarter, pct(tq.POver), tq.DemandP85, tq.Capacity))
		}
	}
	s.Blocks = append(s.Blocks,
		Block{Chart: &Chart{Kind: ChartHeatMap, Name: "CapacityHeat", Title: "Probability of over-commitment (demand above capacity)", Heat: hm}},
		Block{Table: tab})
}

// ---- budget ----

func (b *builder) budget(s *Section) {
	if len(b.p.BudgetLines) == 0 {
		s.Notes = append(s.Notes, "This portfolio has no budget lines.")
		return
	}
	y := b.by
	cur := b.p.Currency
	if h := b.budgetHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	// Which category moves the year most.
	var worst *plan.BudgetRow
	for i := range y.ByCategory {
		r := &y.ByCategory[i]
		if worst == nil || abs(r.VarianceYearEnd()).Minor > abs(worst.VarianceYearEnd()).Minor {
			worst = r
		}
	}
	if worst != nil && worst.VarianceYearEnd().Minor != 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s moves the year most: %s against its plan.", categoryLabel(worst.Key), signedMoney(worst.VarianceYearEnd())))
	}
	for _, r := range y.BySpend {
		if r.Key == plan.CapEx && y.Total.Forecast.Minor != 0 {
			s.Headlines = append(s.Headlines, fmt.Sprintf("CapEx is %s of the year’s projected spend (%s of %s).",
				pct(float64(r.Forecast.Minor)/float64(y.Total.Forecast.Minor)), shortMoney(r.Forecast), shortMoney(y.Total.Forecast)))
		}
	}
	if y.ClosedThrough != 0 && y.RunRate.Minor != 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("At the run rate of the closed months the year would end at %s instead.", shortMoney(y.RunRate)))
	}
	s.KPIs = []KPI{
		{Label: fmt.Sprintf("FY%d plan", y.FiscalYear), Value: MoneyCell(y.Total.Plan)},
		{Label: "Actual to date", Value: MoneyCell(y.Total.Actual), Note: closedNote(y)},
		{Label: "Variance to date", Value: signedCell(y.Total.VarianceToDate()), Note: "actual − plan to date"},
		{Label: "Year-end projection", Value: MoneyCell(y.Total.Forecast), Note: "actuals + plan for open months"},
		{Label: "Year-end variance", Value: signedCell(y.Total.VarianceYearEnd()), Note: "projection − plan"},
	}
	// Charts.
	var cats []string
	pl, ac, fc, cumPlan, cumFc := []float64{}, []float64{}, []float64{}, []float64{}, []float64{}
	var cp, cf float64
	for _, m := range y.ByMonth {
		cats = append(cats, m.Label[:3]+" "+m.Label[len(m.Label)-2:])
		pl = append(pl, m.Plan.Float())
		cp += m.Plan.Float()
		cf += m.Forecast.Float()
		cumPlan = append(cumPlan, cp)
		cumFc = append(cumFc, cf)
		if m.Closed {
			ac = append(ac, m.Actual.Float())
			fc = append(fc, NaN)
		} else {
			ac = append(ac, NaN)
			fc = append(fc, m.Forecast.Float())
		}
	}
	s.Blocks = append(s.Blocks,
		Block{Chart: &Chart{Kind: ChartSeries, Name: "BudgetByMonth", Title: fmt.Sprintf("FY%d spend by month (%s): plan, actual for closed months, forecast for open months", y.FiscalYear, cur),
			Series: &SeriesChart{Categories: cats, Unit: "money", Currency: cur, Series: []Series{
				{Name: "Plan", Values: pl, Bar: true}, {Name: "Actual", Values: ac, Bar: true}, {Name: "Forecast", Values: fc, Bar: true}}}}},
		Block{Chart: &Chart{Kind: ChartSeries, Name: "BudgetCumulative", Title: fmt.Sprintf("FY%d cumulative spend (%s): plan against actuals + forecast", y.FiscalYear, cur),
			Series: &SeriesChart{Categories: cats, Unit: "money", Currency: cur, Series: []Series{
				{Name: "Cumulative plan", Values: cumPlan}, {Name: "Cumulative actual + forecast", Values: cumFc}}}}})

	moneyCols := func(first ...Column) []Column {
		n := len(first)
		return append(first,
			Column{Title: "Plan (year)", Kind: KMoney},
			Column{Title: "Plan to date", Kind: KMoney},
			Column{Title: "Actual to date", Kind: KMoney},
			Column{Title: "Variance to date", Kind: KMoney, Diff: &[2]int{n + 2, n + 1}},
			Column{Title: "Projection", Kind: KMoney},
			Column{Title: "Year-end variance", Kind: KMoney, Diff: &[2]int{n + 4, n}})
	}
	moneyCells := func(r plan.BudgetRow) []Cell {
		return []Cell{MoneyCell(r.Plan), MoneyCell(r.PlanToDate), MoneyCell(r.Actual), signedCell(r.VarianceToDate()), MoneyCell(r.Forecast), signedCell(r.VarianceYearEnd())}
	}
	// By month.
	mt := &Table{Name: "BudgetMonths", Detail: true, Title: fmt.Sprintf("FY%d by month (%s)", y.FiscalYear, cur),
		Columns: []Column{{Title: "Month", Kind: KText}, {Title: "Status", Kind: KText}, {Title: "Plan", Kind: KMoney}, {Title: "Actual", Kind: KMoney},
			{Title: "Forecast", Kind: KMoney}, {Title: "Variance", Kind: KMoney, Diff: &[2]int{4, 2}}}}
	for _, m := range y.ByMonth {
		st, act := "forecast", Empty()
		if m.Closed {
			st, act = "actual", MoneyCell(m.Actual)
		}
		mt.Rows = append(mt.Rows, Row{Cells: []Cell{Text(m.Label), Text(st), MoneyCell(m.Plan), act, MoneyCell(m.Forecast), signedCell(m.VarianceYearEnd())}})
	}
	mt.Total = &Row{Cells: []Cell{Text("Total"), Empty(), MoneyCell(y.Total.Plan), MoneyCell(y.Total.Actual), MoneyCell(y.Total.Forecast), signedCell(y.Total.VarianceYearEnd())}}
	mt.Note = "Forecast: the actual for a closed month, the plan for an open month. Variance: forecast − plan (positive is overspend)."
	// By category.
	ct := &Table{Name: "BudgetCategories", Title: fmt.Sprintf("FY%d by category (%s)", y.FiscalYear, cur), Columns: moneyCols(Column{Title: "Category", Kind: KText, Width: 1.6})}
	for _, r := range y.ByCategory {
		ct.Rows = append(ct.Rows, Row{Cells: append([]Cell{Text(categoryLabel(r.Key))}, moneyCells(r)...)})
	}
	tot := Row{Cells: append([]Cell{Text("Total")}, moneyCells(y.Total)...)}
	ct.Total = &tot
	// CapEx / OpEx.
	st := &Table{Name: "BudgetSpend", Detail: true, Title: fmt.Sprintf("FY%d CapEx and OpEx (%s)", y.FiscalYear, cur), Columns: moneyCols(Column{Title: "Spend", Kind: KText, Width: 1.6})}
	for _, r := range y.BySpend {
		st.Rows = append(st.Rows, Row{Cells: append([]Cell{Text(spendLabel(r.Key))}, moneyCells(r)...)})
	}
	tot2 := tot
	st.Total = &tot2
	// By line.
	lt := &Table{Name: "BudgetLines", WorkbookOnly: true, Title: fmt.Sprintf("FY%d by budget line (%s)", y.FiscalYear, cur),
		Columns: moneyCols(Column{Title: "Budget line", Kind: KText, Width: 2.2}, Column{Title: "Category", Kind: KText, Width: 1.2}, Column{Title: "Spend", Kind: KText, Width: 0.7})}
	for i, r := range y.ByLine {
		bl := b.p.BudgetLines[i]
		lt.Rows = append(lt.Rows, Row{Group: categoryLabel(bl.Category), Cells: append([]Cell{Text(r.Label), Text(categoryLabel(bl.Category)), Text(spendLabel(bl.Spend))}, moneyCells(r)...)})
	}
	tot3 := Row{Cells: append([]Cell{Text("Total"), Empty(), Empty()}, moneyCells(y.Total)...)}
	lt.Total = &tot3
	s.Blocks = append(s.Blocks, Block{Table: ct}, Block{Table: st}, Block{Table: mt}, Block{Table: lt})
	s.Notes = append(s.Notes, "Year-end projection = actuals for closed months + plan for the remaining months. Closed months are those up to the last month with actuals reported, no later than the as-of month; a line with no actual in a closed month spent nothing.")
}

func closedNote(y plan.BudgetYear) string {
	if y.ClosedThrough == 0 {
		return "no month closed yet"
	}
	return "through " + y.ClosedThrough.Label()
}

func signedCell(m plan.Money) Cell {
	c := MoneyCell(m)
	c.Signed = true
	return c
}

func categoryLabel(c string) string {
	switch c {
	case plan.BudgetHeadcount:
		return "Headcount"
	case plan.BudgetContractors:
		return "Contractors"
	case plan.BudgetTooling:
		return "Tooling"
	case plan.BudgetInfrastructure:
		return "Infrastructure"
	case plan.BudgetVendor:
		return "Vendor contracts"
	case plan.BudgetOther:
		return "Other"
	}
	return c
}

func spendLabel(s string) string {
	switch s {
	case plan.CapEx:
		return "CapEx"
	case plan.OpEx:
		return "OpEx"
	}
	return s
}

// ---- method ----

func (b *builder) method(s *Section) {
	f := b.f
	s.Headlines = append(s.Headlines, fmt.Sprintf("The forecast is a Monte Carlo simulation of %s trials (seed %d, %s sampling, %s effort distributions) as of %s; the same seed gives the same numbers.",
		plan.Group(fmt.Sprint(f.Trials)), f.Seed, samplingLabel(f.Sampling), orDefault(f.Distribution, "triangular"), fdate(f.AsOf)))
	s.Headlines = append(s.Headlines, fmt.Sprintf("Dates are quoted at %s: %d%% of trials finish on or before that date. Dates count working days on the portfolio’s calendar (working week and holidays); capacity is headcount × allocation × focus factor.", b.confLabel(), b.t.Confidence))
	s.Headlines = append(s.Headlines, fmt.Sprintf("Status: green at %s or more probability of meeting the target, amber at %s or more, red below.", pct(b.t.RAG.Green), pct(b.t.RAG.Amber)))
	if len(f.Risks) > 0 {
		s.Headlines = append(s.Headlines, "Risk impacts are measured by re-running the simulation without each risk on the same random numbers; the difference in P85 dates is the risk’s impact.")
	}
	s.Notes = append(s.Notes, f.Notes...)
	s.Notes = append(s.Notes, riskBandNote())
	params := &Table{Name: "Run", Title: "Run parameters", Width: 0.6, Columns: []Column{{Title: "Parameter", Kind: KText, Width: 2}, {Title: "Value", Kind: KText, Width: 3}}}
	add := func(k, v string) { params.Rows = append(params.Rows, Row{Cells: []Cell{Text(k), Text(v)}}) }
	add("Trials", plan.Group(fmt.Sprint(f.Trials)))
	add("Seed", fmt.Sprint(f.Seed))
	add("Sampling", samplingLabel(f.Sampling))
	add("Effort distribution", orDefault(f.Distribution, "triangular"))
	add("Forecast as of", fdate(f.AsOf))
	add("Report date", fdate(b.asOf))
	add("Confidence quoted", b.confLabel())
	add("RAG thresholds", fmt.Sprintf("green ≥ %s, amber ≥ %s", pct(b.t.RAG.Green), pct(b.t.RAG.Amber)))
	add("Template", b.t.Name)
	if b.snap != nil {
		add("Compared with snapshot", fmt.Sprintf("%s (%s)", b.snap.Name, fdate(b.snap.TakenOn)))
	}
	se := &Table{Name: "StdErrors", Detail: true, Title: "Standard errors of the forecast dates (working days)",
		Columns: []Column{{Title: "Item or milestone", Kind: KText, Width: 3}, {Title: "P50", Kind: KDate}, {Title: "± SE P50", Kind: KNumber},
			{Title: "P85", Kind: KDate}, {Title: "± SE P85", Kind: KNumber}}}
	se.Rows = append(se.Rows, Row{Cells: []Cell{Text("Whole portfolio"), DateCell(f.Portfolio.P50), Number(f.Portfolio.SEP50Days, 2), DateCell(f.Portfolio.P85), Number(f.Portfolio.SEP85Days, 2)}})
	for _, m := range f.Milestones {
		se.Rows = append(se.Rows, Row{Group: "Milestones", Cells: []Cell{Text(b.milestoneName(m.ID)), DateCell(m.Finish.P50), Number(m.Finish.SEP50Days, 2), DateCell(m.Finish.P85), Number(m.Finish.SEP85Days, 2)}})
	}
	for _, c := range b.committed() {
		se.Rows = append(se.Rows, Row{Group: "Commitments", Cells: []Cell{Text(b.itemTitle(c.ID)), DateCell(c.Finish.P50), Number(c.Finish.SEP50Days, 2), DateCell(c.Finish.P85), Number(c.Finish.SEP85Days, 2)}})
	}
	if n := 1 + len(f.Milestones) + 10; len(se.Rows) > n {
		se.PDFRows = n
		se.Note = fmt.Sprintf("The whole portfolio, the milestones and the first 10 commitments; all %d commitments are in the workbook.", len(se.Rows)-1-len(f.Milestones))
	}
	maxSE := f.Portfolio.SEP85Days
	for _, it := range f.Items {
		maxSE = math.Max(maxSE, it.Finish.SEP85Days)
	}
	s.Headlines = append(s.Headlines, fmt.Sprintf("The largest standard error of any P85 date is %.1f working days: more trials would not change the story.", maxSE))
	if maxSE >= 3 {
		s.Headlines[len(s.Headlines)-1] = fmt.Sprintf("The largest standard error of any P85 date is %.1f working days: run more trials before quoting dates to the day.", maxSE)
	}
	s.Blocks = append(s.Blocks, Block{Table: params}, Block{Table: se})
}

func samplingLabel(s string) string {
	switch s {
	case "lhs":
		return "Latin hypercube"
	case "", "mc":
		return "simple random"
	}
	return s
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
