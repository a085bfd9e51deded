package risks

import (
	"image/color"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// matrix is the 5 × 5 likelihood × impact heat map. The bands are the
// briefing's (app.RiskCell and app.RiskBands, with the cost banded
// against the fiscal year's budget plan), so the app and the board pack put
// every risk in the same cell. Only live risks (not closed) are placed, as
// in the briefing.
type matrix struct {
	// Count[l-1][i-1] is the number of live risks with likelihood l and impact i.
	Count [5][5]int
	// Cell maps a live risk's id to its (likelihood, impact), 1–5 each.
	// Cost-only risks are not in it: they are in CostOnly.
	Cell map[string][2]int
	// CostOnly maps a live risk with a cost and no schedule impact to its
	// (likelihood, cost band): on a cost axis, never in a schedule cell.
	CostOnly map[string][2]int
	// Likelihood and Impact describe the bands 1–5 (the briefing's words
	// when it has them, else the band numbers).
	Likelihood, Impact [5]string
	// Cost describes the cost bands 1–5 of the cost-only risks.
	Cost [5]string
}

// buildMatrix places p's live risks as of date asOf (which picks the fiscal
// year whose budget plan the cost impact is measured against).
func buildMatrix(p *plan.Portfolio, asOf plan.Date) matrix {
	m := matrix{Cell: map[string][2]int{}, CostOnly: map[string][2]int{}}
	budget := p.BudgetYear(p.FiscalYearOf(asOf), asOf).Total.Plan
	for i := range p.Risks {
		r := &p.Risks[i]
		if !r.Live() {
			continue
		}
		l, im, costOnly := app.RiskCell(r, budget)
		if costOnly {
			m.CostOnly[r.ID] = [2]int{l, im}
			continue
		}
		m.Cell[r.ID] = [2]int{l, im}
		m.Count[l-1][im-1]++
	}
	m.Likelihood, m.Impact, m.Cost = app.RiskBands(p, asOf)
	return m
}

// Severity of a cell, as the board pack colours the matrix (app.RiskRAG):
// high for red, medium for amber, low for green.
const (
	low = iota
	medium
	high
)

func severity(l, i int) int {
	switch app.RiskRAG(l, i) {
	case figure.Red:
		return high
	case figure.Amber:
		return medium
	}
	return low
}

var (
	fills = [3]color.NRGBA{
		{R: 198, G: 228, B: 193, A: 255}, // low: green
		{R: 250, G: 196, B: 100, A: 255}, // medium: amber
		{R: 196, G: 48, B: 48, A: 255},   // high: red
	}
	ink   = color.NRGBA{R: 33, G: 37, B: 41, A: 255}
	white = color.NRGBA{R: 255, G: 255, B: 255, A: 255}
	grey  = color.NRGBA{R: 128, G: 128, B: 128, A: 255}
	// Empty cells keep their band's hue, faded, so the map reads as a map.
	fade = uint8(70)
)

// cellColours returns the fill and text colour of cell (l, i) holding n risks.
func cellColours(l, i, n int) (fill, text color.NRGBA) {
	sev := severity(l, i)
	fill = fills[sev]
	if n == 0 {
		fill.A = fade
	}
	switch {
	case n == 0:
		text = grey
	case sev == high:
		text = white
	default:
		text = ink
	}
	return fill, text
}
