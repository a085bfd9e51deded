package app

import (
	"time"

	"steerco/internal/plan"
)

// NewPortfolio is an empty portfolio with the given name and currency, its
// fiscal year starting in fiscalStart (January when 0), planning from start
// or, when start is zero, from the Monday of today's week. It is what File ›
// New and "steerco new" create; call Validate before writing it.
func NewPortfolio(name, currency string, fiscalStart time.Month, start, today plan.Date) *plan.Portfolio {
	if fiscalStart == 0 {
		fiscalStart = time.January
	}
	if start.IsZero() {
		start = today
		for start.Weekday() != time.Monday {
			start = start.AddDays(-1)
		}
	}
	return &plan.Portfolio{Name: name, Currency: currency, FiscalYearStart: fiscalStart, PlanningStart: start}
}
