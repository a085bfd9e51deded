package report

import "steerco/internal/plan"

// Paper returns the paper a briefing of p with template t is printed on:
// the template's when it names one, else Letter for a US portfolio and A4
// for any other. A portfolio counts as US when it keeps its books in US
// dollars.
//
// TODO(app): a paper setting stored with the portfolio (schema 0003) should
// come first; until it exists the currency decides.
func Paper(p *plan.Portfolio, t Template) string {
	switch t.Paper {
	case "A4", "Letter":
		return t.Paper
	}
	if p != nil && p.Currency == "USD" {
		return "Letter"
	}
	return "A4"
}
