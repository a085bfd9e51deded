// Package figure is Steerco's one presentation rule: every surface (screens,
// PDF, workbook text, command-line tables and sentences) formats its
// probabilities, dates, durations and money through it, so a figure reads
// the same everywhere and a status always agrees with the number beside it.
//
// The rules:
//   - probabilities round to the nearest whole percent, half up, the way
//     Excel displays a "0%" cell ("<1%" and ">99%" at the ends);
//   - a status or a threshold sentence is decided from the value as shown
//     (Shown), never from the unrounded one, so "80%" is never amber;
//   - dates read "16 Dec 2026" in tables and sentences alike;
//   - durations are working days, rounded to nearest;
//   - money in board tables and sentences is in whole units; headlines use
//     k/M by one rule (MoneyShort); finance sheets keep cents.
//
// It imports only the standard library and steerco/internal/plan.
package figure

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"steerco/internal/plan"
)

// Minus is the sign printed before negative figures in sentences and tables.
const Minus = "−" // U+2212

// ---- probabilities ----

// percentUnits returns p×100 rounded half up to a whole number, computed on
// p's 15-significant-digit decimal form (what Excel displays from), so
// 0.645 is 65 however the float rounds.
func percentUnits(p float64) int64 {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(p, 'g', 15, 64))
	if !ok { // NaN or Inf: callers filter these out
		return 0
	}
	r.Mul(r, big.NewRat(100, 1))
	r.Add(r, big.NewRat(1, 2))
	// floor of a non-negative rational
	q := new(big.Int).Quo(r.Num(), r.Denom())
	return q.Int64()
}

// Percent formats a probability (0..1) as a whole percentage rounded to
// nearest (half up): 0.645 → "65%". 0 < p < 0.005 → "<1%"; 0.995 ≤ p < 1 →
// ">99%"; exactly 0 → "0%", 1 (or more) → "100%"; negative or NaN (no
// target) → "".
func Percent(p float64) string {
	switch {
	case math.IsNaN(p) || p < 0:
		return ""
	case p == 0:
		return "0%"
	case p >= 1:
		return "100%"
	}
	n := percentUnits(p)
	switch {
	case n < 1:
		return "<1%"
	case n >= 100:
		return ">99%"
	}
	return strconv.FormatInt(n, 10) + "%"
}

// Shown returns the probability as a person sees it: 0.645 → 0.65, 0.795 →
// 0.80. Every status and threshold sentence is decided from it. Values shown
// as "<1%" or ">99%" are returned unchanged (they are neither 0 nor 1), and
// a negative or NaN p (no target) is returned as is.
func Shown(p float64) float64 {
	if math.IsNaN(p) || p <= 0 || p >= 1 {
		return p
	}
	n := percentUnits(p)
	if n < 1 || n >= 100 {
		return p
	}
	return float64(n) / 100
}

// Points formats a change of probability in percentage points, rounded to
// nearest with its sign: +0.123 → "+12 pts", −0.04 → "−4 pts", 0.002 → "0 pts".
func Points(d float64) string {
	n := roundHalfAway(d * 100)
	switch {
	case n > 0:
		return fmt.Sprintf("+%d pts", n)
	case n < 0:
		return fmt.Sprintf("%s%d pts", Minus, -n)
	}
	return "0 pts"
}

// PointsBetween returns the change from probability then to now in whole
// percentage points as a reader computes it from the two shown percentages
// (Shown(now) − Shown(then)): 86% to 32% is −54 whatever the unrounded
// values were, so a "fell from 86% to 32%" sentence and its change column
// agree.
func PointsBetween(then, now float64) float64 {
	return math.Round((Shown(now) - Shown(then)) * 100)
}

// ExcelPercentFormat returns the Excel number format that makes a cell
// holding p at full precision display exactly Percent(p): "0%" in general,
// a literal "<1%" or ">99%" at the ends, nothing for a negative p.
func ExcelPercentFormat(p float64) string {
	switch Percent(p) {
	case "":
		return ";;;"
	case "<1%":
		return `"<1%"`
	case ">99%":
		return `">99%"`
	}
	return "0%"
}

// ---- status ----

// Thresholds are the RAG cut-offs on a probability of meeting a date:
// green ≥ Green, amber ≥ Amber, red below, each compared with Shown(p).
type Thresholds struct {
	Green float64 `json:"green"`
	Amber float64 `json:"amber"`
}

// DefaultThresholds are the cut-offs when a template or portfolio sets none.
var DefaultThresholds = Thresholds{Green: 0.80, Amber: 0.50}

// RAG is a red/amber/green status.
type RAG int

// The statuses; None is "no status" (no target).
const (
	None RAG = iota
	Red
	Amber
	Green
)

// Label is the status in words, for readers who cannot see colour.
func (r RAG) Label() string {
	switch r {
	case Green:
		return "On track"
	case Amber:
		return "At risk"
	case Red:
		return "Off track"
	}
	return ""
}

// String is the status's colour name ("green", "amber", "red", "").
func (r RAG) String() string {
	switch r {
	case Green:
		return "green"
	case Amber:
		return "amber"
	case Red:
		return "red"
	}
	return ""
}

// Of classifies probability p as shown (Shown(p)); a negative or NaN p (no
// target) has no status.
func (t Thresholds) Of(p float64) RAG {
	if math.IsNaN(p) || p < 0 {
		return None
	}
	s := Shown(p)
	switch {
	case s >= t.Green:
		return Green
	case s >= t.Amber:
		return Amber
	}
	return Red
}

// AtLeast reports whether p, as shown, is at or above the threshold t: the
// test behind every "x% or more" sentence.
func AtLeast(p, t float64) bool { return !math.IsNaN(p) && Shown(p) >= t }

// ---- dates and durations ----

// ExcelDateFormat is the Excel number format that displays a date cell the
// way Date writes it.
const ExcelDateFormat = "d mmm yyyy"

// Date formats a date for people, tables included: "16 Dec 2026"; "" when
// the date is unset.
func Date(d plan.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format("2 Jan 2006")
}

// DateRange formats two dates as "16 Dec 2026 – 31 Dec 2026" (one date when
// they are the same day).
func DateRange(from, to plan.Date) string {
	if from == to {
		return Date(from)
	}
	return Date(from) + " – " + Date(to)
}

// Quarter names the stretch of a calendar quarter a figure covers: "2027-Q1"
// for the whole quarter; for a partial one (the first, from the as-of
// date) the quarter with its real dates, "2026-Q4 from 7 Dec 2026", or
// "2026-Q4 (7 Dec 2026 – 20 Dec 2026)" when it also ends early. Zero dates
// mean the quarter's own.
func Quarter(q plan.Quarter, from, to plan.Date) string {
	starts := from.IsZero() || from == q.First()
	ends := to.IsZero() || to == q.Last()
	switch {
	case starts && ends:
		return q.String()
	case ends:
		return q.String() + " from " + Date(from)
	}
	if from.IsZero() {
		from = q.First()
	}
	return q.String() + " (" + DateRange(from, to) + ")"
}

// QuarterShort is Quarter on two short lines, for a narrow column header:
// the quarter ("2026-Q4") and, for a partial one, the stretch it covers
// without the year the quarter already gives ("from 7 Dec", "7 Dec – 20
// Dec"); the second line is "" for a whole quarter. Quarter is the full
// text (for a detail line or a tooltip).
func QuarterShort(q plan.Quarter, from, to plan.Date) (quarter, stretch string) {
	starts := from.IsZero() || from == q.First()
	ends := to.IsZero() || to == q.Last()
	day := func(d plan.Date) string { return d.Time().Format("2 Jan") }
	switch {
	case starts && ends:
		return q.String(), ""
	case ends:
		return q.String(), "from " + day(from)
	}
	if from.IsZero() {
		from = q.First()
	}
	if from == to {
		return q.String(), day(from)
	}
	return q.String(), day(from) + " – " + day(to)
}

// roundHalfAway rounds to the nearest integer, halves away from zero, after
// a tolerance for floating error (2.4999999999 is 2.5).
func roundHalfAway(v float64) int64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return int64(math.Round(v + math.Copysign(1e-9, v)))
}

// WorkingDays formats a duration in working days rounded to nearest: "13
// working days", "1 working day", "0 working days", "−3 working days".
func WorkingDays(n float64) string {
	r := roundHalfAway(n)
	sign := ""
	if r < 0 {
		sign, r = Minus, -r
	}
	if r == 1 {
		return sign + "1 working day"
	}
	return fmt.Sprintf("%s%d working days", sign, r)
}

// PersonDays formats an amount of work, a team's load or capacity, in
// whole person-days, grouped ("1,235"): the window's heat map and the
// board pack's capacity table show it alike.
func PersonDays(v float64) string { return Number(v, 0) }

// Effort formats an estimate in person-days with at most one decimal
// ("12", "2.3", "1,250"), rounded as Number.
func Effort(v float64) string { return strings.TrimSuffix(Number(v, 1), ".0") }

// Late formats how late a date is in working days: "13 working days late";
// "on time" when it is not late.
func Late(n float64) string {
	if roundHalfAway(n) <= 0 {
		return "on time"
	}
	return WorkingDays(n) + " late"
}

// Measurable reports whether a change d (working days) measured with
// standard error se stands out from the simulation's noise: |d| ≥ max(se, 0.5).
func Measurable(d, se float64) bool {
	if math.IsNaN(d) {
		return false
	}
	if math.IsNaN(se) || se < 0.5 {
		se = 0.5
	}
	return math.Abs(d) >= se
}

// DaysEffect formats the effect of a change in working days with its
// standard error: "+8 working days", "−3 working days", or "no measurable
// effect" when |d| < max(se, 0.5).
func DaysEffect(d, se float64) string {
	if !Measurable(d, se) {
		return "no measurable effect"
	}
	if roundHalfAway(d) > 0 {
		return "+" + WorkingDays(d)
	}
	return WorkingDays(d)
}

// RiskPoints formats a risk's points of chance lost (the ranking measure,
// outlook.RiskImpact.PointsLost) in whole points: "12"; when the figure is
// estimated (the risk was not re-simulated) "≈ 12", and the surface shows
// EstimatedNote once beside it.
func RiskPoints(points float64, estimated bool) string {
	if estimated {
		return Approx + Number(points, 0)
	}
	return Number(points, 0)
}

// Approx marks an estimated figure (RiskPoints).
const Approx = "≈ "

// EstimatedNote says what an estimated risk's figures are, wherever one is
// shown; NotComputed stands in the cells of the figures an estimated risk
// does not have (its P85 days, the dates it moves most).
const (
	EstimatedNote = "≈ estimated: in a large portfolio only the most harmful risks are re-simulated (within a fixed amount of work); " +
		"the others' points are estimated from the forecast's own trials (the chance of each date in the trials where the risk did not happen), " +
		"good to about ± their standard error, and their P85 days are not computed."
	NotComputed = "not computed"
)

// ---- money ----

// wholeUnits returns m in whole units of its currency, rounded half away
// from zero.
func wholeUnits(m plan.Money) int64 {
	d := plan.Decimals(m.Currency)
	if d == 0 {
		return m.Minor
	}
	p := int64(1)
	for i := 0; i < d; i++ {
		p *= 10
	}
	q, r := m.Minor/p, m.Minor%p
	if 2*abs64(r) >= p {
		if m.Minor < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

func group(n int64) string {
	s := plan.Group(strconv.FormatInt(abs64(n), 10))
	if n < 0 {
		return Minus + s
	}
	return s
}

// Units formats an amount in whole units, grouped, without its currency
// (for a table whose column names the currency): "1,205,005", "−3,500".
func Units(m plan.Money) string { return group(wholeUnits(m)) }

// SignedUnits is Units with a "+" on positive amounts (variances, changes).
func SignedUnits(m plan.Money) string {
	if wholeUnits(m) > 0 {
		return "+" + Units(m)
	}
	return Units(m)
}

// Cents formats an amount with its currency's decimals, grouped, without
// its currency: the form of finance sheets ("1,205,005.40").
func Cents(m plan.Money) string {
	s := plan.Group(m.Decimal())
	if strings.HasPrefix(s, "-") {
		return Minus + s[1:]
	}
	return s
}

// Money formats an amount for board tables and sentences: whole units,
// grouped, with the currency: "USD 1,205,005".
func Money(m plan.Money) string {
	s := Units(m)
	if m.Currency == "" {
		return s
	}
	if strings.HasPrefix(s, Minus) {
		return Minus + m.Currency + " " + strings.TrimPrefix(s, Minus)
	}
	return m.Currency + " " + s
}

// MoneyShort formats an amount for a headline by one rule, decided on the
// rounded value: below 10,000 whole units in full ("USD 9,950"); below a
// million in thousands with no decimals ("USD 175k"); from a million in
// millions with one decimal ("USD 6.1M"). 999,500 is "USD 1.0M", not "1000k".
func MoneyShort(m plan.Money) string {
	u := wholeUnits(m)
	sign := ""
	if u < 0 {
		sign, u = Minus, -u
	}
	cur := m.Currency
	if cur != "" {
		cur += " "
	}
	switch shortScale(u) {
	case inUnits:
		return sign + cur + plan.Group(strconv.FormatInt(u, 10))
	case inThousands:
		return fmt.Sprintf("%s%s%dk", sign, cur, (u+500)/1000)
	}
	// tenths of a million, half up, in integers
	t := (u + 50000) / 100000
	return fmt.Sprintf("%s%s%s.%dM", sign, cur, plan.Group(strconv.FormatInt(t/10, 10)), t%10)
}

// The scales of MoneyShort.
const (
	inUnits = iota
	inThousands
	inMillions
)

// shortScale is MoneyShort's rule for an amount of u whole units (u ≥ 0):
// in full below 10,000; in thousands while it rounds to below 1,000k; else
// in millions.
func shortScale(u int64) int {
	switch {
	case u < 10000:
		return inUnits
	case (u+500)/1000 < 1000:
		return inThousands
	}
	return inMillions
}

// SignedMoney is Money with a "+" on positive amounts (variances).
func SignedMoney(m plan.Money) string {
	if wholeUnits(m) > 0 {
		return "+" + Money(m)
	}
	return Money(m)
}

// SignedMoneyShort is MoneyShort with a "+" on positive amounts.
func SignedMoneyShort(m plan.Money) string {
	if wholeUnits(m) > 0 {
		return "+" + MoneyShort(m)
	}
	return MoneyShort(m)
}

// excelNumber returns the quoted currency prefix ("USD ", as Money writes
// it) and the number part of an Excel money format.
func excelNumber(currency string, cents bool) (sym, num string) {
	if currency != "" {
		sym = `"` + currency + ` "`
	}
	num = "#,##0"
	if d := plan.Decimals(currency); cents && d > 0 {
		num += "." + strings.Repeat("0", d)
	}
	return sym, num
}

// ExcelMoneyFormat is the Excel number format for an amount in currency,
// displayed as Money (or Cents) writes it: its code, grouped, in whole units or with the currency's
// cents. Negatives carry a minus and no colour: whether a negative is good
// or bad depends on the column (see ExcelVarianceFormat).
func ExcelMoneyFormat(currency string, cents bool) string {
	sym, num := excelNumber(currency, cents)
	return sym + num + `;"−"` + sym + num
}

// ExcelVarianceFormat is the Excel number format for a variance (actual or
// forecast minus plan; positive is overspend): overspend red with a "+",
// underspend with a minus and no colour — the same colouring as the PDF and
// the app.
func ExcelVarianceFormat(currency string, cents bool) string {
	sym, num := excelNumber(currency, cents)
	return `[Red]"+"` + sym + num + `;"−"` + sym + num + ";" + sym + num
}

// Bytes formats a file size for people, in binary units rounded to
// nearest: "1.5 MB" from 1 MiB, "412 KB" from 1 KiB, else "900 bytes".
func Bytes(n int64) string {
	switch {
	case n >= 1<<20:
		return Number(float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return Number(float64(n)/(1<<10), 0) + " KB"
	}
	return Number(float64(n), 0) + " bytes"
}

// Number formats a plain number grouped with the given decimals, rounded to
// nearest, with a minus sign (U+2212) and never "−0": Number(1234.5, 0) →
// "1,235".
func Number(v float64, decimals int) string {
	if math.IsNaN(v) {
		return ""
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	// FormatFloat rounds half to even on the binary value; round half up on
	// the 15-digit decimal form instead, like Percent.
	if r, ok := new(big.Rat).SetString(strconv.FormatFloat(math.Abs(v), 'g', 15, 64)); ok {
		p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(decimals)), nil)
		r.Mul(r, new(big.Rat).SetInt(p))
		r.Add(r, big.NewRat(1, 2))
		q := new(big.Int).Quo(r.Num(), r.Denom())
		s = q.String()
		if decimals > 0 {
			for len(s) <= decimals {
				s = "0" + s
			}
			s = s[:len(s)-decimals] + "." + s[len(s)-decimals:]
		}
	}
	s = plan.Group(s)
	if v < 0 && strings.Trim(s, "0.,") != "" {
		s = Minus + s
	}
	return s
}

// Signed is Number with a "+" on positive values (changes).
func Signed(v float64, decimals int) string {
	s := Number(v, decimals)
	if v > 0 && strings.Trim(s, "0.,") != "" {
		s = "+" + s
	}
	return s
}

// Rounded returns v as Number(v, decimals) shows it (half up on the decimal
// form): what a threshold on a shown number is decided from.
func Rounded(v float64, decimals int) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	s := strings.ReplaceAll(strings.ReplaceAll(Number(v, decimals), ",", ""), Minus, "-")
	r, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return v
	}
	return r
}

// HoursDecimals is how many decimals a duration in hours is shown with (the
// DORA medians: lead time, time to restore); their tiers are decided on the
// value so shown.
const HoursDecimals = 1

// Hours says a duration given in hours the one way every surface shows it,
// from its value rounded as the tables show it (HoursDecimals): "45 min"
// under an hour, "42.0 h" under two days, "3.5 days" from two days. The
// hours column of a table shows the same rounded value (Number(h,
// HoursDecimals)), so a sentence never says "58 min" beside a cell of 1.0.
func Hours(h float64) string {
	if math.IsNaN(h) || math.IsInf(h, 0) {
		return "—"
	}
	h = Rounded(h, HoursDecimals)
	switch {
	case h < 1:
		return Number(h*60, 0) + " min"
	case h < 48:
		return Number(h, HoursDecimals) + " h"
	}
	return Number(h/24, HoursDecimals) + " days"
}

// Overspend reports whether a variance (actual or forecast minus plan) shows
// as an overspend: at least one whole unit over plan. Every surface colours
// an overspend red and nothing else.
func Overspend(variance plan.Money) bool { return wholeUnits(variance) > 0 }

// ExcelShown returns the Excel expression of Shown for the cell ref (e.g.
// "E5"): what a workbook's conditional format compares with a threshold, so
// a cell displaying 80% is coloured green like the PDF and the app.
func ExcelShown(ref string) string {
	return fmt.Sprintf("IF(OR(ROUND(%[1]s,2)<0.01,ROUND(%[1]s,2)>=1),%[1]s,ROUND(%[1]s,2))", ref)
}

// ExcelNumberFormat is the Excel number format that displays a number the
// way Number (or Signed, when signed) writes it: grouped, with decimals and a
// minus sign (U+2212).
func ExcelNumberFormat(decimals int, signed bool) string {
	num := "#,##0"
	if decimals > 0 {
		num += "." + strings.Repeat("0", decimals)
	}
	if signed {
		return `"+"` + num + `;"−"` + num + ";" + num
	}
	return num + `;"−"` + num
}

// ExcelMoneyShortFormat is the Excel number format that makes a cell
// holding m (full precision) display MoneyShort(m) (SignedMoneyShort when
// signed, a variance: overspend red as in ExcelVarianceFormat): "USD 6.1M",
// "USD 175k", "USD 9,950". The scale is chosen from
// m's rounded value by MoneyShort's rule, so the cell and the sentence
// under it show the same digits.
func ExcelMoneyShortFormat(m plan.Money, signed bool) string {
	cur := ""
	if m.Currency != "" {
		cur = `"` + m.Currency + ` "`
	}
	u := abs64(wholeUnits(m))
	num := "#,##0"
	switch shortScale(u) {
	case inThousands:
		num = `#,##0,"k"`
	case inMillions:
		num = `#,##0.0,,"M"`
	}
	pos := cur + num
	if signed {
		pos = `[Red]"+"` + pos
	}
	return pos + `;"−"` + cur + num + ";" + cur + "0"
}
