package scenario

import (
	"math"
	"sort"
	"strconv"
	"time"

	"steerco/internal/plan"
)

// Cost is what one headcount change costs (or saves, when negative), at
// the full loaded cost from the hire date (ramping up costs as much), or
// one cost the scenario states (StatedCost: one month, FTE zero).
type Cost struct {
	Change int // index in Scenario.Changes
	TeamID string
	FTE    float64
	From   plan.Date
	// PerMonth is a full month: FTE × the team's loaded cost per FTE-month.
	PerMonth plan.Money
	// Months holds the cost of each month from the change's month through
	// the horizon; the first month is pro rata by calendar days (a change
	// on the 16th of a 30-day month costs 15/30 of a month).
	Months []plan.MonthAmount
	Total  plan.Money
}

// YearAmount is an amount in one fiscal year (named by the calendar year it ends in).
type YearAmount struct {
	FiscalYear int
	Amount     plan.Money
}

// BudgetEffect is the budget effect of a scenario's headcount changes.
type BudgetEffect struct {
	Costs []Cost
	// ByFiscalYear sums the months of every cost per fiscal year, in order.
	ByFiscalYear []YearAmount
	Total        plan.Money
}

// Budget returns the budget effect of s's headcount changes on p, month by
// month through the month through (included), in p's currency, exactly:
// each month's cost is FTE × loaded cost × days/days-in-month, rounded once
// to the minor unit (half away from zero); sums are exact. Changes of other
// kinds cost nothing here; a StatedCost counts in its date's month. Errors: a *plan.Error when a change names a
// team that does not exist.
func (s *Scenario) Budget(p *plan.Portfolio, through plan.Month) (BudgetEffect, error) {
	e := BudgetEffect{Total: plan.Money{Currency: p.Currency}}
	years := map[int]plan.Money{}
	for i, c := range s.Changes {
		if c.Kind == StatedCost && c.Cost.Minor != 0 && c.Date.MonthOf() <= through {
			amt := plan.Money{Minor: c.Cost.Minor, Currency: p.Currency}
			m := c.Date.MonthOf()
			e.Costs = append(e.Costs, Cost{Change: i, From: c.Date, PerMonth: amt, Months: []plan.MonthAmount{{Month: m, Amount: amt}}, Total: amt})
			e.Total = e.Total.Add(amt)
			fy := m.FiscalYear(fiscalStart(p))
			years[fy] = years[fy].Add(amt)
			continue
		}
		if c.Kind != Headcount {
			continue
		}
		t := p.Team(c.Team)
		if t == nil {
			return BudgetEffect{}, &plan.Error{Code: plan.EINVALID, Message: "The scenario names a team that does not exist.",
				Problems: []plan.Problem{{Entity: "change", ID: strconv.Itoa(i + 1), Field: "team", Message: "Team " + c.Team + " does not exist."}}}
		}
		hundredths := int64(math.Round(c.FTE * 100))
		cost := Cost{Change: i, TeamID: t.ID, FTE: c.FTE, From: c.Date,
			PerMonth: t.CostPerFTEMonth.MulFrac(hundredths, 100), Total: plan.Money{Currency: p.Currency}}
		if cost.PerMonth.Currency == "" {
			cost.PerMonth.Currency = p.Currency
		}
		for m := c.Date.MonthOf(); m <= through; m++ {
			days := int64(m.Last().Day())
			used := days
			if m == c.Date.MonthOf() {
				used = days - int64(c.Date.Day()) + 1
			}
			amt := t.CostPerFTEMonth.MulFrac(hundredths*used, 100*days)
			if amt.Currency == "" {
				amt.Currency = p.Currency
			}
			cost.Months = append(cost.Months, plan.MonthAmount{Month: m, Amount: amt})
			cost.Total = cost.Total.Add(amt)
			fy := m.FiscalYear(fiscalStart(p))
			years[fy] = years[fy].Add(amt)
		}
		e.Total = e.Total.Add(cost.Total)
		e.Costs = append(e.Costs, cost)
	}
	for fy, amt := range years {
		e.ByFiscalYear = append(e.ByFiscalYear, YearAmount{FiscalYear: fy, Amount: amt})
	}
	sort.Slice(e.ByFiscalYear, func(a, b int) bool { return e.ByFiscalYear[a].FiscalYear < e.ByFiscalYear[b].FiscalYear })
	return e, nil
}

func fiscalStart(p *plan.Portfolio) time.Month {
	if p.FiscalYearStart < 1 || p.FiscalYearStart > 12 {
		return 1
	}
	return p.FiscalYearStart
}
