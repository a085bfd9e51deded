package report

import (
	"fmt"
	"sort"
	"strings"

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
var (
	likelihoodBands = [5]string{"Rare (<10%)", "Unlikely (10–30%)", "Possible (30–50%)", "Likely (50–70%)", "Almost certain (≥70%)"}
	impactBands     = [5]string{"Minor (<5 d)", "Moderate (5–10 d)", "Significant (10–20 d)", "Major (20–40 d)", "Severe (≥40 d)"}
)

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

func riskBandNote() string {
	return "Risk matrix: likelihood from the risk’s probability (1 rare <10%, 2 unlikely 10–30%, 3 possible 30–50%, 4 likely 50–70%, 5 almost certain ≥70%); impact if it happens is the higher of the schedule band (working days added: 1 <5, 2 5–10, 3 10–20, 4 20–40, 5 ≥40) and the cost band (share of the year’s budget plan: 1 <0.5%, 2 0.5–1%, 3 1–2.5%, 4 2.5–5%, 5 ≥5%)."
}

type riskRow struct {
	n      int // number shown in the matrix
	r      *plan.Risk
	impact *outlook.RiskImpact // nil when impacts were not measured
	l, i   int
}

func (r riskRow) p85Days() float64 {
	if r.impact == nil {
		return 0
	}
	return r.impact.PortfolioP85Days
}

// rankRisks numbers the live risks: measured impact first (most harmful
// first), then by likelihood × impact, then by id.
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
		rows = append(rows, riskRow{r: r, impact: impact[r.ID], l: Likelihood(r.Probability), i: Impact(r.ImpactDays, r.CostImpact, b.by.Total.Plan)})
	}
	sort.SliceStable(rows, func(x, y int) bool {
		a, c := rows[x], rows[y]
		if a.p85Days() != c.p85Days() {
			return a.p85Days() > c.p85Days()
		}
		oa, okA := order[a.r.ID]
		oc, okC := order[c.r.ID]
		if okA && okC && oa != oc {
			return oa < oc
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
	high := 0
	for _, r := range rows {
		mx.Cells[r.l-1][r.i-1] = append(mx.Cells[r.l-1][r.i-1], fmt.Sprint(r.n))
		mx.Key = append(mx.Key, [2]string{fmt.Sprint(r.n), r.r.Title})
		if r.l*r.i >= 12 {
			high++
		}
	}
	s.Headlines = append(s.Headlines, fmt.Sprintf("%s live; %s in the red zone of the matrix (likelihood × impact ≥ 12).", plural(len(rows), "risk is", "risks are"), plural(high, "is", "are")))
	var measured []riskRow
	for _, r := range rows {
		if r.impact != nil && r.p85Days() >= 0.5 {
			measured = append(measured, r)
		}
	}
	if len(measured) > 0 {
		h := "Measured on the portfolio’s P85 finish, "
		for k, r := range measured[:min(3, len(measured))] {
			if k > 0 {
				h += ", "
			}
			h += fmt.Sprintf("%s adds %s", quoted(r.r.Title), days(r.p85Days()))
		}
		s.Headlines = append(s.Headlines, h+".")
		for _, r := range measured[:min(3, len(measured))] {
			if ms := r.impact.WorstMilestone; ms != "" && r.impact.MilestoneP85Days[ms] >= 0.5 {
				s.Headlines = append(s.Headlines, fmt.Sprintf("%s moves the %s’s P85 date by %s.", quoted(r.r.Title), b.milestoneName(ms), days(r.impact.MilestoneP85Days[ms])))
				break
			}
		}
	} else if len(b.f.Risks) == 0 {
		s.Notes = append(s.Notes, "Risk impacts in days were not measured in this forecast run; the matrix uses each risk’s own estimate.")
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
		h := fmt.Sprintf("%s is accepted, signed off by %s", quoted(r.r.Title), who)
		if !r.r.SignedOffOn.IsZero() {
			h += " on " + fdate(r.r.SignedOffOn)
		}
		if r.p85Days() >= 0.5 {
			h += fmt.Sprintf("; it costs %s at P85", days(r.p85Days()))
		}
		s.Headlines = append(s.Headlines, h+".")
	}

	s.Blocks = append(s.Blocks, Block{Chart: &Chart{Kind: ChartRiskMatrix, Name: "RiskMatrix", Title: "Risk matrix: numbers refer to the risk table", Matrix: mx,
		Note: riskBandNote()}})

	top := rows
	tab := &Table{Name: "Risks", Title: "Top risks by days of P85 impact",
		Columns: []Column{{Title: "#", Kind: KNumber, Width: 0.35}, {Title: "Risk", Kind: KText, Width: 2.4}, {Title: "Category", Kind: KText, Width: 1},
			{Title: "Owner", Kind: KText, Width: 1.2}, {Title: "Status", Kind: KText, Width: 0.9}, {Title: "Probability", Kind: KPercent, Width: 0.8},
			{Title: "Impact if it happens (days)", Kind: KNumber, Width: 0.9}, {Title: "Cost if it happens", Kind: KMoney, Width: 1.1},
			{Title: "P85 impact (days)", Kind: KNumber, Width: 0.8}, {Title: "Mitigation", Kind: KText, Width: 3}}}
	for _, r := range top {
		p85 := Empty()
		if r.impact != nil {
			p85 = Number(r.p85Days(), 1)
		}
		tab.Rows = append(tab.Rows, Row{Cells: []Cell{Number(float64(r.n), 0), Text(r.r.Title), Text(riskCategoryLabel(r.r.Category)), Text(r.r.Owner),
			Text(statusLabel(r.r.Status)), Percent(r.r.Probability), Number(r.r.ImpactDays, 0), MoneyCell(r.r.CostImpact), p85, Text(r.r.Mitigation)}})
	}
	if b.t.TopRisks < len(rows) {
		tab.PDFRows = b.t.TopRisks
		tab.Note = fmt.Sprintf("The %d risks with the most impact; %d more are in the matrix and in the workbook.", b.t.TopRisks, len(rows)-b.t.TopRisks)
	}
	s.Blocks = append(s.Blocks, Block{Table: tab})
	if len(accepted) > 0 {
		at := &Table{Name: "AcceptedRisks", Title: "Accepted risks",
			Columns: []Column{{Title: "#", Kind: KNumber, Width: 0.35}, {Title: "Risk", Kind: KText, Width: 2.6}, {Title: "Owner", Kind: KText, Width: 1.2},
				{Title: "Signed off by", Kind: KText, Width: 1.4}, {Title: "Signed off on", Kind: KDate}, {Title: "Probability", Kind: KPercent, Width: 0.8},
				{Title: "P85 impact (days)", Kind: KNumber, Width: 0.8}, {Title: "Rationale / mitigation", Kind: KText, Width: 3}}}
		for _, r := range accepted {
			p85 := Empty()
			if r.impact != nil {
				p85 = Number(r.p85Days(), 1)
			}
			at.Rows = append(at.Rows, Row{Cells: []Cell{Number(float64(r.n), 0), Text(r.r.Title), Text(r.r.Owner), Text(r.r.SignedOffBy),
				DateCell(r.r.SignedOffOn), Percent(r.r.Probability), p85, Text(r.r.Mitigation)}})
		}
		s.Blocks = append(s.Blocks, Block{Table: at})
	}
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
