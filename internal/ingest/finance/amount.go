package finance

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"steerco/internal/plan"
)

// amountKind says what a cell holds once read as an amount.
type amountKind int

const (
	amtNone   amountKind = iota // empty or a "not applicable" placeholder (NA, ......., *)
	amtNumber                   // a number (dec holds it)
)

// amount is a cell read as money before currency and units are applied.
type amount struct {
	kind     amountKind
	dec      string // plain decimal: optional '-', digits, optional '.' digits
	currency string // ISO code stated by a symbol or code in the cell, "" if none
}

// currencySymbols maps symbols and codes written in cells to ISO 4217.
var currencySymbols = []struct{ sym, iso string }{
	{"US$", "USD"}, {"C$", "CAD"}, {"A$", "AUD"}, {"$", "USD"}, {"£", "GBP"}, {"€", "EUR"}, {"₪", "ILS"},
	{"¥", "JPY"}, {"₹", "INR"}, {"CHF", "CHF"}, {"USD", "USD"}, {"GBP", "GBP"}, {"EUR", "EUR"}, {"ILS", "ILS"},
	{"NIS", "ILS"}, {"JPY", "JPY"}, {"CAD", "CAD"}, {"AUD", "AUD"},
}

// parseAmount reads an amount as finance writes it: currency symbols or
// codes, thousands separators (',' '.' ' ' '\”), parentheses or a leading
// or trailing minus for negatives, "-" "--" "—" for zero, decimal commas
// ("1.234,56"), and placeholders (NA, n/a, "..........", "*") for no value.
// decimalComma says a lone comma is a decimal separator ("12,5") rather
// than a thousands separator ("1,234"); it comes from the file (a
// semicolon-delimited CSV) or the mapping.
func parseAmount(s string, decimalComma bool) (amount, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "\u00a0", " "))
	if s == "" {
		return amount{}, nil
	}
	switch strings.ToLower(s) {
	case "-", "--", "---", "—", "–", "- -":
		return amount{kind: amtNumber, dec: "0"}, nil
	case "na", "n/a", "n.a.", "#n/a", "nil", "none", "*", "x", "..", "...":
		return amount{}, nil
	}
	if strings.Trim(s, ".… ") == "" || strings.Contains(s, "*") && strings.Trim(s, "()*-– ") == "" {
		return amount{}, nil // "..........": not applicable
	}
	var a amount
	neg := false
	// Currency symbols and codes, anywhere in the cell.
	for _, cs := range currencySymbols {
		if i := strings.Index(s, cs.sym); i >= 0 {
			if a.currency != "" && a.currency != cs.iso {
				return amount{}, fmt.Errorf("%q names two currencies", s)
			}
			a.currency = cs.iso
			s = s[:i] + s[i+len(cs.sym):]
		}
	}
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") {
		neg, s = true, strings.TrimSpace(s[1:len(s)-1])
	}
	if strings.HasSuffix(s, "-") { // trailing minus: "1,234-"
		neg, s = !neg, strings.TrimSpace(s[:len(s)-1])
	}
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "−") {
		neg = !neg
		s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "-"), "−"))
	} else if strings.HasPrefix(s, "+") {
		s = strings.TrimSpace(s[1:])
	}
	if strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") { // "$(1,234)"
		neg, s = !neg, strings.TrimSpace(s[1:len(s)-1])
	}
	if s == "" {
		return amount{}, fmt.Errorf("%q has no digits", s)
	}
	// Scientific notation from a numeric cell ("1.8181818181818077E-2").
	if strings.ContainsAny(s, "eE") {
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return amount{}, fmt.Errorf("not a number")
		}
		s = strconv.FormatFloat(f, 'f', -1, 64)
		if strings.HasPrefix(s, "-") {
			neg, s = !neg, s[1:]
		}
	}
	dec, err := normaliseDigits(s, decimalComma)
	if err != nil {
		return amount{}, err
	}
	if neg && strings.Trim(dec, "0.") != "" {
		dec = "-" + dec
	}
	a.kind, a.dec = amtNumber, dec
	return a, nil
}

// normaliseDigits turns "1,234.56", "1.234,56", "1 234,5", "1'234" into "1234.56" style.
func normaliseDigits(s string, decimalComma bool) (string, error) {
	var digits strings.Builder
	lastDot, lastComma, dots, commas := -1, -1, 0, 0
	clean := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			clean = append(clean, r)
		case r == '.':
			lastDot = len(clean)
			dots++
			clean = append(clean, r)
		case r == ',':
			lastComma = len(clean)
			commas++
			clean = append(clean, r)
		case r == ' ' || r == '\'' || r == '\u2009' || r == '\u202f' || r == '’':
			// grouping
		case unicode.IsDigit(r):
			return "", fmt.Errorf("uses digits Steerco does not read")
		default:
			return "", fmt.Errorf("is not a number")
		}
	}
	decimalSep := rune(0)
	switch {
	case dots > 0 && commas > 0:
		if lastDot > lastComma {
			decimalSep = '.'
		} else {
			decimalSep = ','
		}
	case commas == 1 && dots == 0:
		if decimalComma || !groupedBy(clean, ',') {
			decimalSep = ','
		}
	case dots == 1 && commas == 0:
		if !(decimalComma && groupedBy(clean, '.')) {
			decimalSep = '.'
		}
	case dots > 1 && commas == 0:
		if !groupedBy(clean, '.') {
			return "", fmt.Errorf("has several decimal points")
		}
	case commas > 1 && dots == 0:
		if !groupedBy(clean, ',') {
			return "", fmt.Errorf("has misplaced thousands separators")
		}
	}
	seenDecimal := false
	for _, r := range clean {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == decimalSep:
			if seenDecimal {
				return "", fmt.Errorf("has two decimal separators")
			}
			seenDecimal = true
			digits.WriteByte('.')
		}
	}
	out := digits.String()
	if strings.Trim(out, ".") == "" {
		return "", fmt.Errorf("has no digits")
	}
	if strings.HasPrefix(out, ".") {
		out = "0" + out
	}
	out = strings.TrimSuffix(out, ".")
	return out, nil
}

// groupedBy reports whether sep separates digit groups of three: "1,234,567".
func groupedBy(s []rune, sep rune) bool {
	parts := strings.Split(string(s), string(sep))
	if len(parts) < 2 || len(parts[0]) == 0 || len(parts[0]) > 3 {
		return false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || strings.ContainsAny(p, ".,") {
			return false
		}
	}
	return true
}

// shiftDecimal multiplies a plain decimal by 10^k exactly: ("12.5", 3) → "12500".
func shiftDecimal(dec string, k int) string {
	if k == 0 {
		return dec
	}
	neg := strings.HasPrefix(dec, "-")
	dec = strings.TrimPrefix(dec, "-")
	intPart, frac, _ := strings.Cut(dec, ".")
	for len(frac) < k {
		frac += "0"
	}
	intPart += frac[:k]
	frac = frac[k:]
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// toMoney converts a cleaned decimal, multiplied by 10^unitExp, to Money in
// currency cur. Exact when the result fits the currency's minor unit; a
// value with more decimals (a float cell such as 219.70000000000002) is
// rounded half away from zero when fromCell is true, refused otherwise.
func toMoney(dec string, unitExp int, cur string, fromCell bool) (plan.Money, error) {
	d := shiftDecimal(dec, unitExp)
	m, err := plan.ParseMoney(d, cur)
	if err == nil {
		return m, nil
	}
	if !fromCell {
		return plan.Money{}, err
	}
	f, ferr := strconv.ParseFloat(d, 64)
	if ferr != nil {
		return plan.Money{}, err
	}
	return plan.RoundMoney(f, cur)
}
