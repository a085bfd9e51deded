package app

// What the Risks screen reads of the board pack's risk matrix, so the screen
// and the PDF put every risk in the same cell with the same words (the rule
// is report's; these only name it for screens, which import app).

import (
	"strconv"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
)

// RiskCell is where the board pack's matrices put risk r: its likelihood
// and impact bands, 1–5 each, the cost impact banded against a yearly
// budget plan of budget. A risk with a cost and no schedule impact is
// costOnly: it sits in the cost matrix, by its cost band, never in a cell
// labelled in days (report.Placement, the one rule).
func RiskCell(r *plan.Risk, budget plan.Money) (likelihood, impact int, costOnly bool) {
	return report.Placement(r, budget)
}

// RiskRAG is the colour of the risk matrix's cell of a likelihood and an
// impact band: the board pack's, the workbook's and the slides' rule
// (report.RiskRAG: red from likelihood × impact 12, amber from 5).
func RiskRAG(likelihood, impact int) figure.RAG { return report.RiskRAG(likelihood, impact) }

// RiskBands returns the words of the matrices' likelihood, impact and cost
// bands ("Likely (50–70%)", "Significant (10–20 d or 1–2.5%)", "Major
// (2.5–5%)"), the board pack's for p as of asOf, or the band numbers when it
// has none.
func RiskBands(p *plan.Portfolio, asOf plan.Date) (likelihood, impact, cost [5]string) {
	for k := range 5 {
		likelihood[k], impact[k], cost[k] = strconv.Itoa(k+1), strconv.Itoa(k+1), strconv.Itoa(k+1)
	}
	charts, err := sectionCharts(p, &Forecast{AsOf: asOf}, report.SecRisks, asOf)
	if err != nil {
		return likelihood, impact, cost
	}
	for _, c := range charts {
		if c.Kind != report.ChartRiskMatrix || c.Matrix == nil {
			continue
		}
		if c.Name == "CostRiskMatrix" {
			cost = c.Matrix.Impact
		} else {
			likelihood, impact = c.Matrix.Likelihood, c.Matrix.Impact
		}
	}
	return likelihood, impact, cost
}
