package plan

import "sort"

// BudgetYear is one fiscal year of the budget as of a date: plan, actuals
// and forecast by month, by category, by spend kind (CapEx/OpEx) and by
// line, with the year-end projection. Every amount is exact Money in the
// portfolio's currency.
//
// Closed months are the months of the year up to and including the last
// month, no later than the as-of month, for which finance reported any
// actual. The forecast of a closed month is its actual (a line with no
// actual reported for a closed month spent nothing); the forecast of an open
// month is its plan. The year-end projection is therefore
// actuals to date + plan for the remaining months (the projection at plan).
// A run-rate projection is also given: the projection at plan + the
// average monthly variance (actual − plan) of the last RunRateMonths closed
// months (up to three) carried over each open month — what the year comes
// to if the recent variance goes on.
type BudgetYear struct {
	FiscalYear int
	Months     []Month // the twelve months of the fiscal year
	// ClosedThrough is the last closed month; zero when no actuals are in
	// for this year yet (then every month is forecast at plan).
	ClosedThrough Month

	ByMonth    []BudgetRow // one per month, in order; Label is the month label
	ByCategory []BudgetRow // one per category present, in the fixed category order
	BySpend    []BudgetRow // capex, opex (those present)
	ByLine     []BudgetRow // one per budget line, in portfolio order
	Total      BudgetRow

	// RunRate is the run-rate year-end projection of the total (RunRateOf).
	// Zero when no month is closed.
	RunRate Money
	// RunRateMonths is how many of the last closed months the run rate
	// averages (up to RunRateWindow; 0 when none is closed); OpenMonths is
	// how many months of the year are open.
	RunRateMonths int
	OpenMonths    int
}

// RunRateWindow is how many of the last closed months the run-rate
// projection averages at most.
const RunRateWindow = 3

// RunRateOf returns the run-rate year-end projection of row r: its
// projection at plan + r.Recent × OpenMonths / RunRateMonths (the recent
// average monthly variance carried over each open month). With no closed
// month, or no open one, it is r's projection at plan.
func (y BudgetYear) RunRateOf(r BudgetRow) Money {
	if y.RunRateMonths == 0 || y.OpenMonths == 0 {
		return r.Forecast
	}
	return r.Forecast.Add(r.Recent.MulFrac(int64(y.OpenMonths), int64(y.RunRateMonths)))
}

// BudgetRow holds the amounts of one month, category, spend kind or line.
//   - Plan: the full-year (or the month's) plan.
//   - PlanToDate and Actual: plan and actuals of the closed months.
//   - Forecast: actual for closed months + plan for open months (the year-end projection).
//   - Recent: actual − plan over the months the run rate averages (BudgetYear.RunRateMonths).
type BudgetRow struct {
	Key        string // month "2026-10", category, spend kind or line id
	Label      string // for people: "Oct 2026", "headcount", "capex", a line name
	Closed     bool   // for a month row: the month is closed (Forecast = Actual)
	Plan       Money
	PlanToDate Money
	Actual     Money
	Forecast   Money
	Recent     Money
}

// VarianceToDate returns Actual − PlanToDate: positive is overspend.
func (r BudgetRow) VarianceToDate() Money { return r.Actual.Sub(r.PlanToDate) }

// VarianceYearEnd returns Forecast − Plan: positive means the year is projected over plan.
func (r BudgetRow) VarianceYearEnd() Money { return r.Forecast.Sub(r.Plan) }

// BudgetCategories lists the budget categories in report order.
var BudgetCategories = []string{BudgetHeadcount, BudgetContractors, BudgetTooling, BudgetInfrastructure, BudgetVendor, BudgetOther}

// BudgetYear computes fiscal year fy of the budget as of date asOf (see the
// type for the rules).
func (p *Portfolio) BudgetYear(fy int, asOf Date) BudgetYear {
	cur := p.Currency
	zero := Money{Currency: cur}
	months := p.FiscalYearMonths(fy)
	first, last := months[0], months[len(months)-1]
	asOfMonth := asOf.MonthOf()

	var closed Month
	for _, b := range p.BudgetLines {
		for _, a := range b.Actual {
			if a.Month >= first && a.Month <= last && a.Month <= asOfMonth && a.Month > closed {
				closed = a.Month
			}
		}
	}
	y := BudgetYear{FiscalYear: fy, Months: months, ClosedThrough: closed, OpenMonths: len(months)}
	isClosed := func(m Month) bool { return closed != 0 && m <= closed }
	var recentFrom Month
	if closed != 0 {
		n := int(closed-first) + 1
		y.RunRateMonths = min(RunRateWindow, n)
		y.OpenMonths = len(months) - n
		recentFrom = closed.Add(1 - y.RunRateMonths)
	}
	isRecent := func(m Month) bool { return closed != 0 && m >= recentFrom && m <= closed }

	newRow := func(key, label string) BudgetRow {
		return BudgetRow{Key: key, Label: label, Plan: zero, PlanToDate: zero, Actual: zero, Forecast: zero, Recent: zero}
	}
	y.ByMonth = make([]BudgetRow, len(months))
	for i, m := range months {
		y.ByMonth[i] = newRow(m.String(), m.Label())
		y.ByMonth[i].Closed = isClosed(m)
	}
	cats := map[string]*BudgetRow{}
	spends := map[string]*BudgetRow{}
	y.Total = newRow("total", "Total")

	for _, b := range p.BudgetLines {
		line := newRow(b.ID, b.Name)
		planOf := map[Month]Money{}
		actOf := map[Month]Money{}
		for _, a := range b.Plan {
			planOf[a.Month] = planOf[a.Month].Add(a.Amount)
		}
		for _, a := range b.Actual {
			actOf[a.Month] = actOf[a.Month].Add(a.Amount)
		}
		for i, m := range months {
			pl := zero.Add(planOf[m])
			r := BudgetRow{Plan: pl, PlanToDate: zero, Actual: zero, Forecast: pl, Recent: zero}
			if isClosed(m) {
				ac := zero.Add(actOf[m])
				r.PlanToDate, r.Actual, r.Forecast = pl, ac, ac
			}
			if isRecent(m) {
				r.Recent = r.Actual.Sub(pl)
			}
			addRow(&y.ByMonth[i], r)
			addRow(&line, r)
		}
		y.ByLine = append(y.ByLine, line)
		c := cats[b.Category]
		if c == nil {
			r := newRow(b.Category, b.Category)
			c = &r
			cats[b.Category] = c
		}
		addRow(c, line)
		s := spends[b.Spend]
		if s == nil {
			r := newRow(b.Spend, b.Spend)
			s = &r
			spends[b.Spend] = s
		}
		addRow(s, line)
		addRow(&y.Total, line)
	}
	for _, c := range BudgetCategories {
		if r := cats[c]; r != nil {
			y.ByCategory = append(y.ByCategory, *r)
			delete(cats, c)
		}
	}
	var rest []string
	for c := range cats {
		rest = append(rest, c)
	}
	sort.Strings(rest)
	for _, c := range rest {
		y.ByCategory = append(y.ByCategory, *cats[c])
	}
	for _, s := range []string{CapEx, OpEx} {
		if r := spends[s]; r != nil {
			y.BySpend = append(y.BySpend, *r)
		}
	}

	y.RunRate = zero
	if closed != 0 {
		y.RunRate = y.RunRateOf(y.Total)
	}
	return y
}

func addRow(dst *BudgetRow, r BudgetRow) {
	dst.Plan = dst.Plan.Add(r.Plan)
	dst.PlanToDate = dst.PlanToDate.Add(r.PlanToDate)
	dst.Actual = dst.Actual.Add(r.Actual)
	dst.Forecast = dst.Forecast.Add(r.Forecast)
	dst.Recent = dst.Recent.Add(r.Recent)
}
