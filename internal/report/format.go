package report

import (
	"fmt"
	"math"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/plan"
)

// String formats the cell as text, the way the PDF prints it: dates as
// "30 Jun 2027", money as "1,205,005.00" (the currency is in the column or
// table title), percentages as "64%", numbers grouped with their decimals,
// RAG as its label.
func (c Cell) String() string {
	switch c.Kind {
	case KText:
		return c.Text
	case KDate:
		return figure.Date(c.Date)
	case KMoney:
		s := plan.Group(c.Money.Decimal())
		if c.Signed && c.Money.Minor > 0 {
			s = "+" + s
		}
		return s
	case KPercent:
		return pct(c.Num)
	case KNumber:
		if math.IsNaN(c.Num) {
			return ""
		}
		v := c.Num
		if v == 0 {
			v = 0 // no "-0"
		}
		s := plan.Group(fmt.Sprintf("%.*f", c.Decimals, v))
		if strings.TrimLeft(s, "-0.,") == "" {
			s = strings.TrimPrefix(s, "-")
		}
		if c.Signed && !strings.HasPrefix(s, "-") && strings.TrimLeft(s, "0.,") != "" {
			s = "+" + s
		}
		return s
	case KRAG:
		return c.RAG.Label()
	}
	return ""
}
