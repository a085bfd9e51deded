package report

import (
	"fmt"
	"math"
	"strings"

	"steerco/internal/plan"
)

// budget builds the budget section: the fiscal year's plan, actuals and projection.
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
