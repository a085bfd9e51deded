package report

import (
	"fmt"
	"math"
	"strings"

	"steerco/internal/figure"
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
	if h := b.runRateHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	s.KPIs = []KPI{
		{Label: fmt.Sprintf("FY%d plan", y.FiscalYear), Value: MoneyCell(y.Total.Plan)},
		{Label: "Actual to date", Value: MoneyCell(y.Total.Actual), Note: closedNote(y)},
		{Label: "Variance to date", Value: signedCell(y.Total.VarianceToDate()), Note: "actual − plan to date"},
		{Label: "Projection at plan", Value: MoneyCell(y.Total.Forecast), Note: "actuals + plan for the open months"},
		{Label: "Year-end variance at plan", Value: signedCell(y.Total.VarianceYearEnd()), Note: "projection at plan − plan"},
	}
	hasRR := y.RunRateMonths > 0 && y.OpenMonths > 0
	if hasRR {
		s.KPIs = append(s.KPIs, KPI{Label: "Projection at run rate", Value: MoneyCell(y.RunRateOf(y.Total)), Note: runRateLabel(y)})
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

	// The money columns of a budget table, after the first n label
	// columns: plan, plan to date, actual, variance to date, the projection
	// at plan and its variance, and (once a month is closed) the projection
	// at run rate and its variance. Variances and projections are formulas
	// over the cells they come from.
	moneyCols := func(first ...Column) []Column {
		n := len(first)
		ref := func(i int) string { return fmt.Sprintf("{%d}", n+i) }
		cols := append(first,
			Column{Title: "Plan (year)", Kind: KMoney},
			Column{Title: "Plan to date", Kind: KMoney},
			Column{Title: "Actual to date", Kind: KMoney},
			Column{Title: "Variance to date", Kind: KMoney, Formula: ref(2) + "-" + ref(1)},
			Column{Title: "Projection at plan", Kind: KMoney, Formula: ref(2) + "+" + ref(0) + "-" + ref(1)},
			Column{Title: "Year-end variance at plan", Kind: KMoney, Formula: ref(4) + "-" + ref(0)})
		if hasRR {
			cols = append(cols,
				Column{Title: fmt.Sprintf("Variance, last %s", plural(y.RunRateMonths, "month", "months")), Kind: KMoney, Detail: true},
				Column{Title: "Projection at run rate", Kind: KMoney, Formula: fmt.Sprintf("%s+%s*%d/%d", ref(4), ref(6), y.OpenMonths, y.RunRateMonths)},
				Column{Title: "Year-end variance at run rate", Kind: KMoney, Formula: ref(7) + "-" + ref(0)})
		}
		return cols
	}
	// moneyCells are a row's money cells.
	moneyCells := func(r plan.BudgetRow, cents bool) []Cell {
		cell := MoneyCell
		if cents {
			cell = CentsCell
		}
		signed := func(m plan.Money) Cell {
			c := signedCell(m)
			c.Cents = cents
			return c
		}
		out := []Cell{cell(r.Plan), cell(r.PlanToDate), cell(r.Actual), signed(r.VarianceToDate()), cell(r.Forecast), signed(r.VarianceYearEnd())}
		if hasRR {
			rr := y.RunRateOf(r)
			out = append(out, signed(r.Recent), cell(rr), signed(rr.Sub(r.Plan)))
		}
		return out
	}
	// By month.
	mt := &Table{Name: "BudgetMonths", Detail: true, Title: fmt.Sprintf("FY%d by month (%s)", y.FiscalYear, cur),
		Columns: []Column{{Title: "Month", Kind: KText}, {Title: "Status", Kind: KText}, {Title: "Plan", Kind: KMoney}, {Title: "Actual", Kind: KMoney},
			{Title: "Forecast at plan", Kind: KMoney}, {Title: "Variance", Kind: KMoney, Formula: "{4}-{2}"}}}
	for _, m := range y.ByMonth {
		st, act := "forecast", Empty()
		if m.Closed {
			st, act = "actual", MoneyCell(m.Actual)
		}
		mt.Rows = append(mt.Rows, Row{Cells: []Cell{Text(m.Label), Text(st), MoneyCell(m.Plan), act, MoneyCell(m.Forecast), signedCell(m.VarianceYearEnd())}})
	}
	mt.Total = &Row{Cells: []Cell{Text("Total"), Empty(), MoneyCell(y.Total.Plan), MoneyCell(y.Total.Actual), MoneyCell(y.Total.Forecast), signedCell(y.Total.VarianceYearEnd())}}
	mt.Note = "Forecast at plan: the actual for a closed month, the plan for an open month. Variance: forecast − plan (positive is overspend)."
	// By category.
	ct := &Table{Name: "BudgetCategories", Title: fmt.Sprintf("FY%d by category (%s)", y.FiscalYear, cur), Columns: moneyCols(Column{Title: "Category", Kind: KText, Width: 1.6})}
	for _, r := range y.ByCategory {
		ct.Rows = append(ct.Rows, Row{Cells: append([]Cell{Text(categoryLabel(r.Key))}, moneyCells(r, false)...)})
	}
	tot := Row{Cells: append([]Cell{Text("Total")}, moneyCells(y.Total, false)...)}
	ct.Total = &tot
	// CapEx / OpEx.
	st := &Table{Name: "BudgetSpend", Detail: true, Title: fmt.Sprintf("FY%d CapEx and OpEx (%s)", y.FiscalYear, cur), Columns: moneyCols(Column{Title: "Spend", Kind: KText, Width: 1.6})}
	for _, r := range y.BySpend {
		st.Rows = append(st.Rows, Row{Cells: append([]Cell{Text(spendLabel(r.Key))}, moneyCells(r, false)...)})
	}
	tot2 := tot
	st.Total = &tot2
	// By line.
	lt := &Table{Name: "BudgetLines", WorkbookOnly: true, Title: fmt.Sprintf("FY%d by budget line (%s)", y.FiscalYear, cur),
		Columns: moneyCols(Column{Title: "Budget line", Kind: KText, Width: 2.2}, Column{Title: "Category", Kind: KText, Width: 1.2}, Column{Title: "Spend", Kind: KText, Width: 0.7})}
	for i, r := range y.ByLine {
		bl := b.p.BudgetLines[i]
		lt.Rows = append(lt.Rows, Row{Group: categoryLabel(bl.Category), Cells: append([]Cell{Text(r.Label), Text(categoryLabel(bl.Category)), Text(spendLabel(bl.Spend))}, moneyCells(r, true)...)})
	}
	tot3 := Row{Cells: append([]Cell{Text("Total"), Empty(), Empty()}, moneyCells(y.Total, true)...)}
	lt.Total = &tot3
	s.Blocks = append(s.Blocks, Block{Table: ct}, Block{Table: st}, Block{Table: mt}, Block{Table: lt})
	s.Notes = append(s.Notes, fmt.Sprintf("Projection at plan = actuals of the closed months + plan of the open months (spending back on plan from now). Projection at run rate = projection at plan + the average monthly variance of the last %d closed months × the open months (that variance goes on). Closed months: up to the last month with actuals, no later than the as-of month.", plan.RunRateWindow))
}

// budgetHeadline says where the year stands: the variance to date and the
// projection at plan (actuals + plan for the open months) against the plan.
func (b *builder) budgetHeadline() string {
	if len(b.p.BudgetLines) == 0 {
		return ""
	}
	t := b.by.Total
	var parts []string
	if b.by.ClosedThrough != 0 {
		v := t.VarianceToDate()
		parts = append(parts, fmt.Sprintf("Actuals through %s are %s", b.by.ClosedThrough.Label(), overUnderBy(v, t.PlanToDate)))
	}
	v := t.VarianceYearEnd()
	if zeroShown(v) {
		parts = append(parts, fmt.Sprintf("the FY%d projection at plan (actuals + plan for the open months) is %s, on the plan", b.by.FiscalYear, shortMoney(t.Forecast)))
	} else {
		fc, pl := pair(t.Forecast, t.Plan)
		parts = append(parts, fmt.Sprintf("the FY%d projection at plan (actuals + plan for the open months) of %s is %s %s the %s plan", b.by.FiscalYear, fc, shortMoney(abs(v)), overUnderPlain(v), pl))
	}
	h := strings.Join(parts, "; ")
	return strings.ToUpper(h[:1]) + h[1:] + "."
}

// runRateHeadline quotes the projection at run rate when the recent
// closed months ran off plan: what the year comes to if their variance goes
// on.
func (b *builder) runRateHeadline() string {
	y := b.by
	if y.RunRateMonths == 0 || y.OpenMonths == 0 || zeroShown(y.Total.Recent) {
		return ""
	}
	rr := y.RunRateOf(y.Total)
	per := y.Total.Recent.MulFrac(1, int64(y.RunRateMonths))
	v := rr.Sub(y.Total.Plan)
	rs, pl := pair(rr, y.Total.Plan)
	h := fmt.Sprintf("At the run rate of the last %s (%s a month against plan, carried over the %s left) the year ends at %s",
		plural(y.RunRateMonths, "closed month", "closed months"), signedMoney(per), plural(y.OpenMonths, "open month", "open months"), rs)
	if zeroShown(v) {
		return h + ", on the plan."
	}
	return h + fmt.Sprintf(", %s %s the %s plan.", shortMoney(abs(v)), overUnderPlain(v), pl)
}

// runRateLabel says what the run rate averages (plan.BudgetYear.RunRateOf).
func runRateLabel(y plan.BudgetYear) string {
	return fmt.Sprintf("last %s’ variance goes on", plural(y.RunRateMonths, "month", "months"))
}

// pair formats two amounts a sentence compares: in whole units, so the
// reader can subtract them ("USD 6.1M is USD 76k over the USD 6.0M plan"
// would not add up).
func pair(a, b plan.Money) (string, string) { return figure.Money(a), figure.Money(b) }

// zeroShown reports whether amount m reads as zero in a sentence.
func zeroShown(m plan.Money) bool {
	return figure.MoneyShort(abs(m)) == figure.MoneyShort(plan.Money{Currency: m.Currency})
}

func abs(m plan.Money) plan.Money {
	if m.Minor < 0 {
		return m.Neg()
	}
	return m
}

// overUnderBy says "USD 76k over plan (1.7%)", "USD 3k under plan (0.1%)" or
// "on plan", the amount and share as shown.
func overUnderBy(v, base plan.Money) string {
	if zeroShown(v) {
		return "on plan"
	}
	return shortMoney(abs(v)) + " " + overUnder(v, base)
}

func overUnder(v, base plan.Money) string {
	share := ""
	if base.Minor != 0 {
		share = fmt.Sprintf(" (%s%%)", figure.Number(math.Abs(float64(v.Minor))/math.Abs(float64(base.Minor))*100, 1))
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
