package report

import (
	"steerco/internal/figure"
)

// String formats the cell as text, the way the PDF prints it and the
// workbook displays it, every figure through package figure: dates as
// "30 Jun 2027", money in whole units "1,205,005" (with cents, "1,205,005.40",
// only for a Cents cell of a finance table; the currency is in the column or
// table title), percentages rounded to nearest "65%", numbers grouped with
// their decimals, RAG as its label.
func (c Cell) String() string {
	switch c.Kind {
	case KText:
		return c.Text
	case KDate:
		return figure.Date(c.Date)
	case KMoney:
		if c.Short {
			if c.Signed {
				return figure.SignedMoneyShort(c.Money)
			}
			return figure.MoneyShort(c.Money)
		}
		if c.Cents {
			s := figure.Cents(c.Money)
			if c.Signed && c.Money.Minor > 0 {
				s = "+" + s
			}
			return s
		}
		if c.Signed {
			return figure.SignedUnits(c.Money)
		}
		return figure.Units(c.Money)
	case KPercent:
		return figure.Percent(c.Num)
	case KNumber:
		if c.Signed {
			return figure.Signed(c.Num, c.Decimals)
		}
		return figure.Number(c.Num, c.Decimals)
	case KRAG:
		return c.RAG.Label()
	}
	return ""
}
