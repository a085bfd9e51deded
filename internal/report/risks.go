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

// Risk bands of the 5 × 5 matrix.
//
// Likelihood, from the risk's probability of happening:
//
//	1 rare < 10%, 2 unlikely 10–30%, 3 possible 30–50%, 4 likely 50–70%, 5 almost certain ≥ 70%.
//
// Impact if it happens, the higher of the schedule band and the cost band:
//
//	schedule (working days added to its items): 1 < 5, 2 5–10, 3 10–20, 4 20–40, 5 ≥ 40;
//	cost (share of the fiscal year's budget plan): 1 < 0.5%, 2 0.5–1%, 3 1–2.5%, 4 2.5–5%, 5 ≥ 5%.
//
// A risk with no schedule impact (0 days) and a cost sits in a cost matrix
// of its own (likelihood × cost band), never in a cell labelled in days.
var (
	likelihoodBands = [5]string{"Rare (<10%)", "Unlikely (10–30%)", "Possible (30–50%)", "Likely (50–70%)", "Almost certain (≥70%)"}
	impactBands     = [5]string{"Minor (<5 d or <0.5% of budget)", "Moderate (5–10 d or 0.5–1%)", "Significant (10–20 d or 1–2.5%)", "Major (20–40 d or 2.5–5%)", "Severe (≥40 d or ≥5%)"}
	costBands       = [5]string{"Minor (<0.5% of budget)", "Moderate (0.5–1%)", "Significant (1–2.5%)", "Major (2.5–5%)", "Severe (≥5%)"}
)

// redZone is the likelihood × impact score from which a risk is in the
// red zone: always in the top-risks table and on the Decisions page.
const redZone = 12

// amberZone is the likelihood × impact score from which a cell is amber
// (mitigate and watch).
const amberZone = 5

// RiskRAG is the colour of the matrix cell of likelihood l and impact i:
// red from the red zone (likelihood × impact ≥ 12), amber from 5, green
// below. Every surface colours the risk matrix by it.
func RiskRAG(l, i int) RAG {
	switch s := l * i; {
	case s >= redZone:
		return Red
	case s >= amberZone:
		return Amber
	}
	return Green
}

// Likelihood returns the likelihood band (1–5) of probability p.
func Likelihood(p float64) int {
	switch {
	case p >= 0.70:
		return 5
	case p >= 0.50:
		return 4
	case p >= 0.30:
		return 3
	case p >= 0.10:
		return 2
	}
	return 1
}

// Impact returns the impact band (1–5) of a risk that adds impactDays
// working days and costs cost, against a yearly budget plan of budget (zero
// budget: cost is not banded).
func Impact(impactDays float64, cost, budget plan.Money) int {
	d := 1
	switch {
	case impactDays >= 40:
		d = 5
	case impactDays >= 20:
		d = 4
	case impactDays >= 10:
		d = 3
	case impactDays >= 5:
		d = 2
	}
	c := 1
	if budget.Minor > 0 && cost.Minor > 0 {
		share := float64(cost.Minor) / float64(budget.Minor)
		switch {
		case share >= 0.05:
			c = 5
		case share >= 0.025:
			c = 4
		case share >= 0.01:
			c = 3
		case share >= 0.005:
			c = 2
		}
	}
	return max(d, c)
}

// CostOnly reports whether risk r has a cost but no schedule impact: it is
// placed in the cost matrix, by its cost band.
func CostOnly(r *plan.Risk) bool { return r.ImpactDays <= 0 && r.CostImpact.Minor > 0 }

// Placement returns where risk r sits in the matrices: likelihood l, impact
// i (the cost band for a cost-only risk, else Impact) and whether it is in
// the cost matrix. Every surface places risks with it.
func Placement(r *plan.Risk, budget plan.Money) (l, i int, costOnly bool) {
	l = Likelihood(r.Probability)
	if CostOnly(r) {
		return l, Impact(0, r.CostImpact, budget), true
	}
	return l, Impact(r.ImpactDays, r.CostImpact, budget), false
}

func riskBandNote() string {
	return "Risk matrix: likelihood from the risk’s probability (1 rare <10%, 2 unlikely 10–30%, 3 possible 30–50%, 4 likely 50–70%, 5 almost certain ≥70%); impact if it happens is the higher of the schedule band (working days added: 1 <5, 2 5–10, 3 10–20, 4 20–40, 5 ≥40) and the cost band (share of the year’s budget plan: 1 <0.5%, 2 0.5–1%, 3 1–2.5%, 4 2.5–5%, 5 ≥5%); a risk with a cost and no schedule impact is in the cost matrix, by its cost band. Red zone: likelihood × impact ≥ 12."
}

type riskRow struct {
	n        int // number shown in the matrix
	r        *plan.Risk
	impact   *outlook.RiskImpact // nil when impacts were not measured
	l, i     int
	costOnly bool // in the cost matrix
}

func (r riskRow) p85Days() float64 {
	if r.impact == nil {
		return 0
	}
	return r.impact.PortfolioP85Days
}

func (r riskRow) red() bool { return r.l*r.i >= redZone }

// harm is the largest drop in chance the risk causes on one milestone and
// the most working days it adds to a P85 date (outlook's RiskImpact.Harm):
// the other measures, shown beside the ranking one.
func (r riskRow) harm() (pDrop, days float64) {
	if r.impact == nil {
		return 0, 0
	}
	return r.impact.Harm()
}

// harmful reports whether the risk's measured effect stands out from the
// simulation's noise: outlook's RiskImpact.Measurable (cost-only risks have
// no schedule effect).
func (b *builder) harmful(r riskRow) bool {
	return r.impact != nil && r.impact.Measurable && !r.impact.CostOnly
}

// milestoneSE is the standard error of a milestone's P85 date (working days).
func (b *builder) milestoneSE(id string) float64 {
	if m := b.f.Milestone(id); m != nil {
		return m.Finish.SEP85Days
	}
	return 0
}

// rankRisks numbers the live risks in the one order every part of the
// briefing uses (the summary's "most harmful", the matrix numbers, the
// top-risks table, the Decisions page): outlook's ranking (Forecast.Risks is
// in the order of RiskImpact.PointsLost, the points of chance a risk takes
// from the milestones' and commitments' dates: measurable risks first, then
// those within the noise, then the cost-only ones); risks the forecast did
// not measure come after, by likelihood × impact, then by id.
func (b *builder) rankRisks() []riskRow {
	impact := map[string]*outlook.RiskImpact{}
	order := map[string]int{}
	for i := range b.f.Risks {
		impact[b.f.Risks[i].RiskID] = &b.f.Risks[i]
		order[b.f.Risks[i].RiskID] = i
	}
	var rows []riskRow
	for i := range b.p.Risks {
		r := &b.p.Risks[i]
		if !r.Live() {
			continue
		}
		l, im, co := Placement(r, b.by.Total.Plan)
		rows = append(rows, riskRow{r: r, impact: impact[r.ID], l: l, i: im, costOnly: co})
	}
	sort.SliceStable(rows, func(x, y int) bool {
		a, c := rows[x], rows[y]
		oa, okA := order[a.r.ID]
		oc, okC := order[c.r.ID]
		switch {
		case okA && okC:
			return oa < oc
		case okA != okC:
			return okA
		}
		if a.l*a.i != c.l*c.i {
			return a.l*a.i > c.l*c.i
		}
		return a.r.ID < c.r.ID
	})
	for k := range rows {
		rows[k].n = k + 1
	}
	return rows
}

func statusLabel(s string) string {
	switch s {
	case plan.RiskOpen:
		return "Open"
	case plan.RiskMitigating:
		return "Mitigating"
	case plan.RiskAccepted:
		return "Accepted"
	case plan.RiskClosed:
		return "Closed"
	}
	return s
}

func riskCategoryLabel(c string) string {
	switch c {
	case plan.RiskTechDebt:
		return "Technical debt"
	case "":
		return ""
	}
	return string(c[0]-'a'+'A') + c[1:]
}

func (b *builder) riskSection(s *Section) {
	rows := b.risks
	if len(rows) == 0 {
		s.Notes = append(s.Notes, "No live risks are recorded.")
		return
	}
	mx := &RiskMatrix{Likelihood: likelihoodBands, Impact: impactBands}
	cx := &RiskMatrix{Likelihood: likelihoodBands, Impact: costBands}
	high := 0
	for _, r := range rows {
		m := mx
		if r.costOnly {
			m = cx
		}
		m.Cells[r.l-1][r.i-1] = append(m.Cells[r.l-1][r.i-1], fmt.Sprint(r.n))
		m.Key = append(m.Key, [2]string{fmt.Sprint(r.n), r.r.Title})
		if r.red() {
			high++
		}
	}
	s.Headlines = append(s.Headlines, fmt.Sprintf("%s live; %s in the red zone of the matrix (likelihood × impact ≥ %d).", plural(len(rows), "risk is", "risks are"), plural(high, "is", "are"), redZone))
	var harmful []riskRow
	for _, r := range rows {
		if b.harmful(r) {
			harmful = append(harmful, r)
		}
	}
	if len(harmful) > 0 {
		var parts []string
		for _, r := range harmful[:min(3, len(harmful))] {
			parts = append(parts, quoted(r.r.Title)+" "+b.riskEffect(r))
		}
		s.Headlines = append(s.Headlines, "Most harmful first (points of chance taken from the milestones’ and commitments’ dates): "+strings.Join(parts, "; ")+".")
	} else if len(b.f.Risks) == 0 {
		s.Notes = append(s.Notes, "Risk impacts in days were not measured in this forecast run; the matrix uses each risk’s own estimate.")
	} else {
		s.Headlines = append(s.Headlines, "No live risk has a measurable effect on a milestone or on the portfolio’s P85 finish.")
	}
	var accepted []riskRow
	for _, r := range rows {
		if r.r.Status == plan.RiskAccepted {
			accepted = append(accepted, r)
		}
	}
	for _, r := range accepted {
		who := r.r.SignedOffBy
		if who == "" {
			who = "nobody on record"
		}
		h := fmt.Sprintf("%s is accepted, signed off by %s", quoted(r.r.Title), named(who))
		if !r.r.SignedOffOn.IsZero() {
			h += " on " + fdate(r.r.SignedOffOn)
		}
		if b.harmful(r) {
			h += "; it " + b.riskEffect(r)
		}
		s.Headlines = append(s.Headlines, h+".")
	}

	s.Blocks = append(s.Blocks, Block{Chart: &Chart{Kind: ChartRiskMatrix, Name: "RiskMatrix", Title: "Risk matrix: numbers refer to the risk table", Matrix: mx,
		Note: riskBandNote()}})
	if len(cx.Key) > 0 {
		s.Blocks = append(s.Blocks, Block{Chart: &Chart{Kind: ChartRiskMatrix, Name: "CostRiskMatrix", Title: "Cost-only risks (no schedule impact): likelihood × cost", Matrix: cx}})
	}

	// The top risks: the first TopRisks by the ranking, and every red-zone
	// risk whatever its rank; the workbook lists the rest after them.
	var top, rest []riskRow
	for _, r := range rows {
		if len(top) < b.t.TopRisks || r.red() {
			top = append(top, r)
		} else {
			rest = append(rest, r)
		}
	}
	tab := &Table{Name: "Risks", Title: "Top risks, most harmful first",
		Columns: []Column{{Title: "#", Kind: KNumber, Width: 0.35}, {Title: "Risk", Kind: KText, Width: 2.4}, {Title: "Category", Kind: KText, Width: 1, Detail: true},
			{Title: "Owner", Kind: KText, Width: 1.2}, {Title: "Status", Kind: KText, Width: 0.9}, {Title: "Probability", Kind: KPercent, Width: 0.8},
			{Title: "Impact if it happens (days)", Kind: KNumber, Width: 0.9}, {Title: "Cost if it happens", Kind: KMoney, Width: 1.1},
			{Title: "Points of chance lost (all dates)", Kind: KNumber, Width: 0.9}, {Title: "Milestone most delayed", Kind: KText, Width: 1.4},
			{Title: "Its P85 delay", Kind: KText, Width: 1}, {Title: "Portfolio P85 delay", Kind: KText, Width: 1},
			{Title: "Mitigation", Kind: KText, Width: 2.6}}}
	estimated := false
	for _, r := range append(top, rest...) {
		pts, ms, msd, pf := Empty(), Empty(), Empty(), Empty()
		if r.impact != nil && r.impact.Estimated {
			estimated = true
			pts, msd, pf = Text(figure.RiskPoints(r.impact.PointsLost, true)), Text(figure.NotComputed), Text(figure.NotComputed)
		} else if r.impact != nil && !r.impact.CostOnly {
			pts = Number(r.impact.PointsLost, 0)
			if id := r.impact.WorstMilestone; id != "" {
				ms = Text(b.milestoneName(id))
				msd = Text(figure.DaysEffect(r.impact.MilestoneP85Days[id], b.milestoneSE(id)))
			} else {
				msd = Text(figure.DaysEffect(0, 0))
			}
			pf = Text(figure.DaysEffect(r.impact.PortfolioP85Days, b.f.Portfolio.SEP85Days))
		}
		tab.Rows = append(tab.Rows, Row{Cells: []Cell{Number(float64(r.n), 0), Text(r.r.Title), Text(riskCategoryLabel(r.r.Category)), Text(r.r.Owner),
			Text(statusLabel(r.r.Status)), Percent(r.r.Probability), Number(r.r.ImpactDays, 0), MoneyCell(r.r.CostImpact), pts, ms, msd, pf, Text(r.r.Mitigation)}})
	}
	method := "Ranked by the points of chance a risk takes from the dates it touches, added up over every milestone and commitment (100 points ≈ one more missed date), then by the working days it adds to its most affected milestone’s P85 date, each measured by re-running the forecast without it on the same random numbers; effects within the simulation’s standard error read “no measurable effect”; cost-only risks have no schedule effect."
	if estimated {
		method += " " + figure.EstimatedNote
	}
	tab.Note = method
	if len(rest) > 0 {
		tab.PDFRows = len(top)
		tab.Note += fmt.Sprintf(" Shown: the %d most harmful and every red-zone risk; %s more are in the matrix and in the workbook.", min(b.t.TopRisks, len(rows)), count(len(rest)))
	}
	if more := capRows(tab, s.Sheet); more != "" {
		tab.Note = method + fmt.Sprintf(" Shown: the %d most harmful, then the other red-zone risks in the same order. ", min(b.t.TopRisks, len(rows))) + more
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
	if len(accepted) > 0 {
		at := &Table{Name: "AcceptedRisks", Title: "Accepted risks",
			Columns: []Column{{Title: "#", Kind: KNumber, Width: 0.35}, {Title: "Risk", Kind: KText, Width: 2.6}, {Title: "Owner", Kind: KText, Width: 1.2},
				{Title: "Signed off by", Kind: KText, Width: 1.4}, {Title: "Signed off on", Kind: KDate}, {Title: "Probability", Kind: KPercent, Width: 0.8},
				{Title: "Portfolio P85 delay", Kind: KText, Width: 1}, {Title: "Rationale / mitigation", Kind: KText, Width: 3}}}
		for _, r := range accepted {
			p85 := Empty()
			if r.impact != nil {
				p85 = Text(figure.DaysEffect(r.impact.PortfolioP85Days, b.f.Portfolio.SEP85Days))
			}
			at.Rows = append(at.Rows, Row{Cells: []Cell{Number(float64(r.n), 0), Text(r.r.Title), Text(r.r.Owner), Text(r.r.SignedOffBy),
				DateCell(r.r.SignedOffOn), Percent(r.r.Probability), p85, Text(r.r.Mitigation)}})
		}
		s.Blocks = append(s.Blocks, Block{Table: at})
	}
}

// riskEffect says what a harmful risk does, by the ranking measure first:
// "takes 110 points of chance from 6 dates (32 from the EHR vendor
// production cut-over’s 5 Mar 2027), about 1.1 more missed dates, adds 11
// working days to the EHR vendor production cut-over’s P85 date and …",
// naming only measurable effects.
func (b *builder) riskEffect(r riskRow) string {
	ri := r.impact
	if ri == nil || !ri.Measurable || ri.CostOnly {
		return "has no measurable effect on the dates"
	}
	var parts []string
	dates := 0
	for _, dp := range ri.MilestonePTarget {
		if dp < 0 {
			dates++
		}
	}
	for _, dp := range ri.CommittedPTarget {
		if dp < 0 {
			dates++
		}
	}
	// The milestone it hurts most: the largest drop in chance.
	msID, drop := "", 0.0
	for id, dp := range ri.MilestonePTarget {
		if -dp > drop || (-dp == drop && id < msID) {
			msID, drop = id, -dp
		}
	}
	if lost := figure.Number(ri.PointsLost, 0); ri.PointsLost >= math.Max(ri.PointsLostSE, 0.5) && lost != "0" {
		h := fmt.Sprintf("takes %s of chance", plural0(lost, "point", "points"))
		if ri.Estimated {
			h = fmt.Sprintf("takes an estimated %s of chance", plural0(lost, "point", "points"))
		}
		if dates > 1 {
			h += fmt.Sprintf(" from %s dates", count(dates))
		}
		m := b.f.Milestone(msID)
		if pts := figure.Number(drop*100, 0); drop > 0 && pts != "0" && m != nil && !m.Target.IsZero() {
			if dates > 1 {
				h += fmt.Sprintf(" (%s from the %s’s %s)", pts, named(b.milestoneName(msID)), fdate(m.Target))
			} else {
				h += fmt.Sprintf(" from the %s’s %s", named(b.milestoneName(msID)), fdate(m.Target))
			}
		}
		if ri.PointsLost >= 100 {
			h += fmt.Sprintf(", about %s more missed dates", figure.Number(ri.PointsLost/100, 1))
		}
		parts = append(parts, h)
	}
	if id := ri.WorstMilestone; id != "" && figure.Measurable(ri.MilestoneP85Days[id], b.milestoneSE(id)) {
		parts = append(parts, delay(ri.MilestoneP85Days[id], "the "+named(b.milestoneName(id))+"’s P85 date"))
	}
	if figure.Measurable(ri.PortfolioP85Days, b.f.Portfolio.SEP85Days) {
		parts = append(parts, delay(ri.PortfolioP85Days, "the portfolio’s P85 finish"))
	}
	if len(parts) == 0 {
		return "has no measurable effect on the dates"
	}
	return joinAnd(parts)
}

// delay says what a measurable change of d working days does to a date:
// "adds 12 working days to the portfolio’s P85 finish" or "brings … 3
// working days earlier".
func delay(d float64, what string) string {
	if d > 0 {
		return fmt.Sprintf("adds %s to %s", figure.WorkingDays(d), what)
	}
	return fmt.Sprintf("brings %s %s earlier", what, figure.WorkingDays(-d))
}

// plural0 is plural for a number already formatted.
func plural0(n, one, many string) string {
	if n == "1" {
		return "1 " + one
	}
	return n + " " + many
}

// topRiskHeadline names the most harmful risk: the first of the Risks
// page (the one ranking, rankRisks), when its effect is measurable.
func (b *builder) topRiskHeadline() string {
	if len(b.risks) == 0 || !b.harmful(b.risks[0]) {
		return ""
	}
	r := b.risks[0]
	h := fmt.Sprintf("The most harmful risk, %s", quoted(r.r.Title))
	if r.r.Owner != "" {
		h += " (owner " + named(r.r.Owner) + ")"
	}
	return h + ", " + b.riskEffect(r) + "."
}
