package plan

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Money is an exact amount in a currency, held as an integer count of the
// currency's minor units (cents for USD, none for JPY). Money never goes
// through float64 on its way in or out.
type Money struct {
	Minor    int64  // amount in minor units
	Currency string // ISO 4217 code, e.g. "USD"
}

// minorDigits lists currencies whose minor unit is not 2 decimal places.
var minorDigits = map[string]int{
	"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "HUF": 2,
	"BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3,
}

// Decimals returns how many decimal places the currency's minor unit has.
func Decimals(currency string) int {
	if d, ok := minorDigits[currency]; ok {
		return d
	}
	return 2
}

// ValidCurrency reports whether s looks like an ISO 4217 code (three capital letters).
func ValidCurrency(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// Amount returns whole units of currency c as Money (e.g. Amount(1200, "USD") is $1,200.00).
func Amount(units int64, c string) Money {
	return Money{Minor: units * pow10(Decimals(c)), Currency: c}
}

func pow10(n int) int64 {
	p := int64(1)
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// ParseMoney parses a plain decimal such as "-1234.5" or "1234.56" in
// currency c. It rejects more decimals than the currency has, rather than
// rounding silently. Importers clean symbols, separators and parentheses
// before calling it.
func ParseMoney(s, c string) (Money, error) {
	s = strings.TrimSpace(s)
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "eE/") {
		return Money{}, Errorf(EINVALID, "%q is not an amount of money.", s)
	}
	r.Mul(r, new(big.Rat).SetInt64(pow10(Decimals(c))))
	if !r.IsInt() {
		return Money{}, Errorf(EINVALID, "%q has more decimal places than %s allows (%d).", s, c, Decimals(c))
	}
	n := r.Num()
	if !n.IsInt64() {
		return Money{}, Errorf(EINVALID, "%q is too large an amount.", s)
	}
	return Money{Minor: n.Int64(), Currency: c}, nil
}

// RoundMoney converts a float amount in whole units (from a spreadsheet cell)
// to Money, rounding half away from zero to the currency's minor unit.
func RoundMoney(units float64, c string) (Money, error) {
	v := units * float64(pow10(Decimals(c)))
	if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 9e15 {
		return Money{}, Errorf(EINVALID, "%v is not a usable amount of money.", units)
	}
	return Money{Minor: int64(math.Round(v)), Currency: c}, nil
}

// IsZero reports whether the amount is zero (in any currency).
func (m Money) IsZero() bool { return m.Minor == 0 }

// Add returns m+o. It panics if the currencies differ and both are set:
// Validate rejects mixed currencies before arithmetic happens.
func (m Money) Add(o Money) Money {
	return Money{Minor: m.Minor + o.Minor, Currency: sameCurrency(m, o)}
}

// Sub returns m-o; see Add about currencies.
func (m Money) Sub(o Money) Money {
	return Money{Minor: m.Minor - o.Minor, Currency: sameCurrency(m, o)}
}

// Neg returns -m.
func (m Money) Neg() Money { return Money{Minor: -m.Minor, Currency: m.Currency} }

// MulFrac returns m × num / den rounded half away from zero to the minor unit
// (for pro-rating: a loaded cost × FTE fraction, a share of a month).
func (m Money) MulFrac(num, den int64) Money {
	if den == 0 {
		panic("plan: Money.MulFrac by zero")
	}
	r := new(big.Rat).SetFrac(new(big.Int).Mul(big.NewInt(m.Minor), big.NewInt(num)), big.NewInt(den))
	return Money{Minor: roundRat(r), Currency: m.Currency}
}

// MulFloat returns m × f rounded to the minor unit; f is a ratio such as an
// FTE count, never an amount of money.
func (m Money) MulFloat(f float64) Money {
	r := new(big.Rat).SetFloat64(f)
	if r == nil {
		panic("plan: Money.MulFloat by a non-finite number")
	}
	r.Mul(r, new(big.Rat).SetInt64(m.Minor))
	return Money{Minor: roundRat(r), Currency: m.Currency}
}

func roundRat(r *big.Rat) int64 {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, rem := new(big.Int).QuoRem(num, den, new(big.Int))
	if rem.Mul(rem, big.NewInt(2)).Cmp(den) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q.Int64()
}

func sameCurrency(a, b Money) string {
	switch {
	case a.Currency == b.Currency:
		return a.Currency
	case a.Currency == "" && a.Minor == 0:
		return b.Currency
	case b.Currency == "" && b.Minor == 0:
		return a.Currency
	}
	panic(fmt.Sprintf("plan: adding %s to %s", a.Currency, b.Currency))
}

// Float returns the amount in whole units as a float64, for charts and
// ratios only; never feed it back into Money.
func (m Money) Float() float64 {
	return float64(m.Minor) / float64(pow10(Decimals(m.Currency)))
}

// Decimal formats the amount as a plain decimal without currency or
// separators: "-1234.50". This is the JSON and database form.
func (m Money) Decimal() string {
	d := Decimals(m.Currency)
	neg := m.Minor < 0
	u := uint64(m.Minor)
	if neg {
		u = uint64(-m.Minor)
	}
	s := strconv.FormatUint(u, 10)
	if d > 0 {
		for len(s) <= d {
			s = "0" + s
		}
		s = s[:len(s)-d] + "." + s[len(s)-d:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// String formats for people: "USD 1,234,567.89".
func (m Money) String() string {
	return strings.TrimSpace(m.Currency + " " + Group(m.Decimal()))
}

// Group inserts thousands separators into a plain decimal: "-1234567.8" → "-1,234,567.8".
func Group(dec string) string {
	sign := ""
	if strings.HasPrefix(dec, "-") {
		sign, dec = "-", dec[1:]
	}
	intPart, frac := dec, ""
	if i := strings.IndexByte(dec, '.'); i >= 0 {
		intPart, frac = dec[:i], dec[i:]
	}
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return sign + b.String() + frac
}

// moneyJSON is Money's interchange form: {"amount":"1234.50","currency":"USD"}.
type moneyJSON struct {
	Amount   string `json:"amount"`
	Currency string `json:"currency"`
}
