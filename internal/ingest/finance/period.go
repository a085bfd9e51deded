package finance

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"steerco/internal/plan"
)

// period is what a period cell or header means: one month, or a whole
// fiscal year (12 months starting at month), or a month whose year the
// source does not say (noYear: only mon is set).
type period struct {
	month  plan.Month
	months int // 1 or 12
	noYear bool
	mon    time.Month
}

// dateOrder says how to read an ambiguous numeric date such as 03/08/2015.
type dateOrder int

const (
	dayFirst   dateOrder = iota // 03/08/2015 is 3 August (UK, Europe)
	monthFirst                  // 03/08/2015 is 8 March (US)
)

// periodCtx is what parsePeriod needs besides the text.
type periodCtx struct {
	fyStart  time.Month // the portfolio's fiscal year start, for "FY27 P3" and "FY27"
	date1904 bool       // the workbook's date system, for serial numbers
	order    dateOrder
	serials  bool // numbers may be spreadsheet date serials (xlsx cells)
}

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
	"may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
	"september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var (
	reISOMonth    = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})$`)
	reMonthYear   = regexp.MustCompile(`^(\d{1,2})[-/.](\d{4})$`)
	reISODate     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$`)
	reNumDate     = regexp.MustCompile(`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?:[ t].*)?$`)
	reNameYear    = regexp.MustCompile(`^(?:(\d{1,2})[-\s/.]+)?([a-z]{3,9})\.?[-\s/.,']*(\d{2}|\d{4})$`)
	reYearName    = regexp.MustCompile(`^(\d{4})[-\s/.]+([a-z]{3,9})$`)
	reFYPeriod    = regexp.MustCompile(`^fy\s*'?(\d{2}|\d{4})\s*[-\s/]*\s*(?:p|per|period|m|month)\s*(\d{1,2})$`)
	rePeriodFY    = regexp.MustCompile(`^(?:p|per|period)\s*(\d{1,2})\s*[-\s/]*\s*fy\s*'?(\d{2}|\d{4})$`)
	reFY          = regexp.MustCompile(`^fy\s*'?(\d{2}|\d{4})(?:\s*[-/]\s*(\d{2}|\d{4}))?$`)
	reYearSpan    = regexp.MustCompile(`^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$`)
	reQuarter     = regexp.MustCompile(`(^|[^a-z])q[1-4]([^0-9]|$)|^(fy\s*\d+\s*)?q[1-4]|quarter|^tq$`)
	reYear        = regexp.MustCompile(`^\d{4}$`)
	reTrailerWord = regexp.MustCompile(`\s*\(?\b(estimates?|est\.?|actuals?|budget|forecast|outturn|proposed|adopted)\)?\s*$`)
)

// errNotPeriod is returned (wrapped in a sentence) when a value is no period at all.
type periodError struct{ msg string }

func (e *periodError) Error() string { return e.msg }

func perr(format string, args ...any) error { return &periodError{fmt.Sprintf(format, args...)} }

// parsePeriod reads a month or fiscal year as finance writes it: real dates
// (spreadsheet serials or text such as 2027-01-15 and 03/08/2015), "2027-01",
// "01/2027", "Jan-27", "January 2027", "FY27 P3" (fiscal period 3 of FY2027,
// using the portfolio's fiscal year start), "FY27", "FY13-14", "2013-14" and a
// bare year (whole fiscal years), and a month name alone (no year). Quarters
// are refused: they are not months.
func parsePeriod(s string, c periodCtx) (period, error) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return period{}, perr("the period is empty")
	}
	t := strings.ToLower(strings.Join(strings.Fields(raw), " "))
	t = reTrailerWord.ReplaceAllString(t, "")
	t = strings.TrimSpace(t)
	if c.serials {
		if f, err := strconv.ParseFloat(t, 64); err == nil && !reYear.MatchString(t) {
			return serialPeriod(f, c.date1904, raw)
		}
	}
	if reQuarter.MatchString(t) {
		return period{}, perr("%q is a quarter, not a month: Steerco needs monthly amounts", raw)
	}
	if reYear.MatchString(t) {
		y, _ := strconv.Atoi(t)
		if y < 1900 || y > 2200 {
			return period{}, perr("%q is not a year Steerco can use", raw)
		}
		return fiscalYear(y, c.fyStart), nil
	}
	if m := reFYPeriod.FindStringSubmatch(t); m != nil {
		return fiscalPeriod(year(m[1]), atoi(m[2]), c.fyStart, raw)
	}
	if m := rePeriodFY.FindStringSubmatch(t); m != nil {
		return fiscalPeriod(year(m[2]), atoi(m[1]), c.fyStart, raw)
	}
	if m := reFY.FindStringSubmatch(t); m != nil {
		if y := year(m[1]); y < 1900 || y > 2200 {
			return period{}, perr("%q has a year Steerco cannot use", raw)
		}
		if m[2] == "" {
			return fiscalYear(year(m[1]), c.fyStart), nil
		}
		a, b := year(m[1]), year(m[2])
		if b != a+1 {
			return period{}, perr("%q spans more than one fiscal year", raw)
		}
		return fiscalYear(b, c.fyStart), nil
	}
	if m := reISODate.FindStringSubmatch(t); m != nil {
		return monthPeriod(atoi(m[1]), atoi(m[2]), raw)
	}
	if m := reISOMonth.FindStringSubmatch(t); m != nil {
		return monthPeriod(atoi(m[1]), atoi(m[2]), raw)
	}
	if m := reYearSpan.FindStringSubmatch(t); m != nil {
		a, b := atoi(m[1]), year(m[2])
		if len(m[2]) == 2 {
			b = a/100*100 + atoi(m[2])
		}
		if b == a+1 && a >= 1900 && b <= 2200 {
			return fiscalYear(b, c.fyStart), nil
		}
		return period{}, perr("%q is a range of years, not a month", raw)
	}
	if m := reMonthYear.FindStringSubmatch(t); m != nil {
		return monthPeriod(atoi(m[2]), atoi(m[1]), raw)
	}
	if m := reNumDate.FindStringSubmatch(t); m != nil {
		a, b, y := atoi(m[1]), atoi(m[2]), year(m[3])
		mon := b
		switch {
		case a > 12 && b <= 12:
			mon = b
		case b > 12 && a <= 12:
			mon = a
		case c.order == monthFirst:
			mon = a
		}
		return monthPeriod(y, mon, raw)
	}
	if m := reNameYear.FindStringSubmatch(t); m != nil {
		if mon, ok := monthNames[m[2]]; ok {
			return monthPeriod(year(m[3]), int(mon), raw)
		}
	}
	if m := reYearName.FindStringSubmatch(t); m != nil {
		if mon, ok := monthNames[m[2]]; ok {
			return monthPeriod(atoi(m[1]), int(mon), raw)
		}
	}
	if mon, ok := monthNames[strings.TrimSuffix(t, ".")]; ok {
		return period{noYear: true, mon: mon, months: 1}, nil
	}
	return period{}, perr("%q is not a month Steerco understands; write months as 2027-01, Jan-27, January 2027 or FY27 P3", raw)
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

// year reads a 2- or 4-digit year: 27 → 2027, 98 → 1998.
func year(s string) int {
	y := atoi(s)
	if len(s) <= 2 {
		if y < 70 {
			return 2000 + y
		}
		return 1900 + y
	}
	return y
}

func monthPeriod(y, m int, raw string) (period, error) {
	if m < 1 || m > 12 {
		return period{}, perr("%q has no month %d", raw, m)
	}
	if y < 1900 || y > 2200 {
		return period{}, perr("%q has a year Steerco cannot use", raw)
	}
	return period{month: plan.MonthOf(y, time.Month(m)), months: 1}, nil
}

func fiscalYear(fy int, start time.Month) period {
	if start < 1 || start > 12 {
		start = time.January
	}
	return period{month: plan.FiscalYearStart(fy, start), months: 12}
}

func fiscalPeriod(fy, p int, start time.Month, raw string) (period, error) {
	if p < 1 || p > 12 {
		return period{}, perr("%q: a fiscal year has periods 1 to 12", raw)
	}
	if fy < 1900 || fy > 2200 {
		return period{}, perr("%q has a year Steerco cannot use", raw)
	}
	if start < 1 || start > 12 {
		start = time.January
	}
	return period{month: plan.FiscalYearStart(fy, start).Add(p - 1), months: 1}, nil
}

// serialPeriod reads a spreadsheet date serial in the workbook's date system.
func serialPeriod(f float64, date1904 bool, raw string) (period, error) {
	if math.IsNaN(f) || f < 1 || f >= 2958466 {
		return period{}, perr("%q is not a date", raw)
	}
	d := serialDate(f, date1904)
	if d.Year() < 1900 || d.Year() > 2200 || f < 367 {
		// Serials below 367 are days of 1900: almost certainly a duration or a count, not a date.
		return period{}, perr("%q is not a date", raw)
	}
	return period{month: d.MonthOf(), months: 1}, nil
}

// serialDate returns the day of a spreadsheet date serial (the fraction, a
// time of day, is dropped) in the 1900 or the 1904 date system.
func serialDate(f float64, date1904 bool) plan.Date {
	days := int(math.Floor(f))
	if date1904 {
		return plan.NewDate(1904, time.January, 1).AddDays(days)
	}
	if days < 61 { // before Excel's phantom 1900-02-29
		return plan.NewDate(1899, time.December, 31).AddDays(days)
	}
	return plan.NewDate(1899, time.December, 30).AddDays(days)
}
