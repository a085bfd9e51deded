package plan

import (
	"sort"
	"strconv"
	"strings"
)

// LineMonths returns the twelve months of fiscal year fy for the budget line
// with the given id, as of asOf, with the same closed-month rule as
// BudgetYear (a month is closed when the whole budget has actuals through
// it): Plan, and for closed months PlanToDate, Actual and Forecast = Actual;
// for open months Forecast = Plan. It returns nil for an unknown line.
func (p *Portfolio) LineMonths(fy int, asOf Date, lineID string) []BudgetRow {
	var line *BudgetLine
	for i := range p.BudgetLines {
		if p.BudgetLines[i].ID == lineID {
			line = &p.BudgetLines[i]
		}
	}
	if line == nil {
		return nil
	}
	y := p.BudgetYear(fy, asOf)
	zero := Money{Currency: p.Currency}
	rows := make([]BudgetRow, len(y.Months))
	for i, m := range y.Months {
		pl := zero.Add(line.PlanOf(m))
		r := BudgetRow{Key: m.String(), Label: m.Label(), Closed: y.ByMonth[i].Closed,
			Plan: pl, PlanToDate: zero, Actual: zero, Forecast: pl}
		if r.Closed {
			ac := zero.Add(line.ActualOf(m))
			r.PlanToDate, r.Actual, r.Forecast = pl, ac, ac
		}
		rows[i] = r
	}
	return rows
}

// PlanOf returns the line's planned amount for month m (zero Money with no
// currency when none is planned).
func (b *BudgetLine) PlanOf(m Month) Money { return sumMonth(b.Plan, m) }

// ActualOf returns the actual finance reported for month m (zero when none).
func (b *BudgetLine) ActualOf(m Month) Money { return sumMonth(b.Actual, m) }

// HasActual reports whether finance reported an actual for month m.
func (b *BudgetLine) HasActual(m Month) bool {
	for _, a := range b.Actual {
		if a.Month == m {
			return true
		}
	}
	return false
}

func sumMonth(s []MonthAmount, m Month) Money {
	var t Money
	for _, a := range s {
		if a.Month == m {
			t = t.Add(a.Amount)
		}
	}
	return t
}

// SetMonth sets the line's plan for month m to planned and its actual to
// *actual, or removes the month's actual when actual is nil (nothing
// reported). A zero plan is kept as an explicit zero. Both series stay in
// month order.
func (b *BudgetLine) SetMonth(m Month, planned Money, actual *Money) {
	b.Plan = setMonth(b.Plan, m, &planned)
	b.Actual = setMonth(b.Actual, m, actual)
}

func setMonth(s []MonthAmount, m Month, v *Money) []MonthAmount {
	out := s[:0:0]
	for _, a := range s {
		if a.Month != m {
			out = append(out, a)
		}
	}
	if v != nil {
		out = append(out, MonthAmount{Month: m, Amount: *v})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

// BudgetLine returns the budget line with the given id, or nil.
func (p *Portfolio) BudgetLine(id string) *BudgetLine {
	for i := range p.BudgetLines {
		if p.BudgetLines[i].ID == id {
			return &p.BudgetLines[i]
		}
	}
	return nil
}

// AddBudgetLine appends b with a fresh id derived from its name and returns the id.
func (p *Portfolio) AddBudgetLine(b BudgetLine) string {
	b.ID = NewID(b.Name, func(id string) bool { return p.BudgetLine(id) != nil })
	p.BudgetLines = append(p.BudgetLines, b)
	return b.ID
}

// RemoveBudgetLine deletes the budget line with the given id (ENOTFOUND when there is none).
func (p *Portfolio) RemoveBudgetLine(id string) error {
	for i := range p.BudgetLines {
		if p.BudgetLines[i].ID == id {
			p.BudgetLines = append(p.BudgetLines[:i], p.BudgetLines[i+1:]...)
			return nil
		}
	}
	return Errorf(ENOTFOUND, "There is no budget line %q.", id)
}

// BudgetFiscalYears lists, in order, every fiscal year that holds a planned
// or actual amount, plus the fiscal year of asOf.
func (p *Portfolio) BudgetFiscalYears(asOf Date) []int {
	start := p.fiscalStart()
	seen := map[int]bool{p.FiscalYearOf(asOf): true}
	for _, b := range p.BudgetLines {
		for _, s := range [][]MonthAmount{b.Plan, b.Actual} {
			for _, a := range s {
				if !a.Month.IsZero() {
					seen[a.Month.FiscalYear(start)] = true
				}
			}
		}
	}
	out := make([]int, 0, len(seen))
	for y := range seen {
		out = append(out, y)
	}
	sort.Ints(out)
	return out
}

// VarianceToDatePct returns the variance to date as a share of the plan to
// date (0.05 is 5 % over) and false when nothing was planned to date.
func (r BudgetRow) VarianceToDatePct() (float64, bool) {
	if r.PlanToDate.IsZero() {
		return 0, false
	}
	return float64(r.VarianceToDate().Minor) / float64(r.PlanToDate.Minor), true
}

// VarianceYearEndPct returns the year-end variance as a share of the plan
// and false when nothing is planned.
func (r BudgetRow) VarianceYearEndPct() (float64, bool) {
	if r.Plan.IsZero() {
		return 0, false
	}
	return float64(r.VarianceYearEnd().Minor) / float64(r.Plan.Minor), true
}

// ParseMoneyInput parses an amount as a person types it in currency c:
// "1,234.56", "$1,234.56", "USD 1234.56", "-1,000", "€ 12". It strips a
// leading or trailing currency code or symbol and spaces, checks that
// thousands separators (commas) sit every three digits of the whole part,
// removes them and parses the rest exactly with ParseMoney. Errors are
// *Error EINVALID with a message for the person.
func ParseMoneyInput(s, c string) (Money, error) {
	in := strings.TrimSpace(s)
	t := in
	neg := false
	if strings.HasPrefix(t, "-") {
		neg, t = true, strings.TrimSpace(t[1:])
	}
	for _, sym := range []string{c, "$", "€", "£", "¥", "₹", "CHF"} {
		if strings.HasPrefix(t, sym) {
			t = strings.TrimSpace(t[len(sym):])
			break
		}
		if strings.HasSuffix(t, sym) {
			t = strings.TrimSpace(t[:len(t)-len(sym)])
			break
		}
	}
	if strings.HasPrefix(t, "-") && !neg {
		neg, t = true, strings.TrimSpace(t[1:])
	}
	if t == "" {
		return Money{}, Errorf(EINVALID, "Enter an amount, for example 12,345.67.")
	}
	whole, frac, hasFrac := strings.Cut(t, ".")
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		for i, g := range groups {
			if (i == 0 && (len(g) < 1 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return Money{}, Errorf(EINVALID, "%q is not an amount: commas separate thousands (12,345.67).", in)
			}
		}
		whole = strings.Join(groups, "")
	}
	plain := whole
	if hasFrac {
		plain += "." + frac
	}
	for _, r := range plain {
		if (r < '0' || r > '9') && r != '.' {
			return Money{}, Errorf(EINVALID, "%q is not an amount: use digits, an optional decimal point and commas for thousands (12,345.67).", in)
		}
	}
	if neg {
		plain = "-" + plain
	}
	m, err := ParseMoney(plain, c)
	if err != nil {
		if e, ok := err.(*Error); ok && strings.Contains(e.Message, "decimal places") {
			return Money{}, Errorf(EINVALID, "%q has more decimal places than %s allows (%d).", in, c, Decimals(c))
		}
		return Money{}, Errorf(EINVALID, "%q is not an amount of money.", in)
	}
	return m, nil
}

// Whole formats the amount in whole units of its currency, rounded half
// away from zero, with thousands separators and no currency: "1,234,568".
// For tables where cents are noise; the stored amount stays exact.
func (m Money) Whole() string {
	u := m.MulFrac(1, pow10(Decimals(m.Currency)))
	return Group(strconv.FormatInt(u.Minor, 10))
}
