package plan

import "time"

// FiscalYearOf returns the fiscal year (named by the calendar year it ends in) that date d falls in.
func (p *Portfolio) FiscalYearOf(d Date) int {
	return d.MonthOf().FiscalYear(p.fiscalStart())
}

// FiscalYearMonths returns the twelve months of fiscal year fy.
func (p *Portfolio) FiscalYearMonths(fy int) []Month {
	first := FiscalYearStart(fy, p.fiscalStart())
	ms := make([]Month, 12)
	for i := range ms {
		ms[i] = first.Add(i)
	}
	return ms
}

func (p *Portfolio) fiscalStart() time.Month {
	if p.FiscalYearStart < 1 || p.FiscalYearStart > 12 {
		return time.January
	}
	return p.FiscalYearStart
}

// BudgetTotals returns the plan and actual totals of every budget line over
// the months [from, to], in the portfolio's currency.
func (p *Portfolio) BudgetTotals(from, to Month) (planned, actual Money) {
	planned, actual = Money{Currency: p.Currency}, Money{Currency: p.Currency}
	for _, b := range p.BudgetLines {
		for _, m := range b.Plan {
			if m.Month >= from && m.Month <= to {
				planned = planned.Add(m.Amount)
			}
		}
		for _, m := range b.Actual {
			if m.Month >= from && m.Month <= to {
				actual = actual.Add(m.Amount)
			}
		}
	}
	return planned, actual
}

// HeadcountOn returns the total FTE of all teams on date d.
func (p *Portfolio) HeadcountOn(d Date) float64 {
	var h float64
	for i := range p.Teams {
		h += p.Teams[i].HeadcountOn(d)
	}
	return h
}
