package delivery

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// dayOrder says how to read slash dates such as 03/04/23.
type dayOrder int

const (
	orderUnknown    dayOrder = iota
	orderMonthFirst          // 11/22/22 = 22 November 2022 (US)
	orderDayFirst            // 22/11/22 = 22 November 2022
)

func (o dayOrder) String() string {
	if o == orderDayFirst {
		return "day/month/year"
	}
	return "month/day/year"
}

// isoLayouts are tried in order on text that starts with a four-digit year.
// They cover RFC 3339 with any fraction ("2023-09-01T00:16:30.000+00:00",
// PagerDuty's "2022-11-03T06:23:06.000000Z"), offsets without a colon (Jira's
// "-0500"), a space instead of the T, and no zone at all (read as UTC).
var isoLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999Z07",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999Z0700",
	"2006-01-02 15:04:05.999999999 Z07:00",
	"2006-01-02 15:04:05.999999999 -0700",
	"2006-01-02 15:04:05.999999999 -0700 MST",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02 15:04",
	"2006/01/02",
}

// slashTimeLayouts are the time-of-day suffixes accepted after a slash date.
var slashTimeLayouts = []string{"", " 15:04", " 15:04:05", " 3:04 PM", " 3:04:05 PM", " 3:04PM", " 03:04 PM"}

// parseTime reads a timestamp as people and tools write them. A time with
// no zone is UTC. Slash dates (11/22/22, 22/11/2022) are read in the given
// order (month first when unknown). Bare integers of 10 or 13 digits are Unix
// seconds or milliseconds. It reports whether the text held a date only.
// The empty string and placeholders are the caller's business (see blank).
func parseTime(s string, order dayOrder) (t time.Time, dateOnly bool, err error) {
	t, dateOnly, err = parseAnyTime(s, order)
	if err == nil && (t.Year() < 1 || t.Year() > 9999) {
		return time.Time{}, false, fmt.Errorf("%q is out of range: the year must be between 1 and 9999", strings.TrimSpace(s))
	}
	if err == nil && t.IsZero() {
		// 0001-01-01 00:00 UTC is how a portfolio says "no time": it cannot
		// also be a real deployment or commit time.
		return time.Time{}, false, fmt.Errorf("%q is 0001-01-01 00:00 UTC, the placeholder for no time at all; write the real time", strings.TrimSpace(s))
	}
	return t, dateOnly, err
}

// parseAnyTime is parseTime without the range check.
func parseAnyTime(s string, order dayOrder) (t time.Time, dateOnly bool, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, fmt.Errorf("no date")
	}
	if len(s) > 64 {
		return time.Time{}, false, fmt.Errorf("%.20q… is not a date and time", s)
	}
	if n, ok := unixDigits(s); ok {
		return n, false, nil
	}
	if len(s) >= 10 && isDigits(s[:4]) && (s[4] == '-' || s[4] == '/') {
		// Upper-case t and z so "2023-09-01t00:00:00z" reads too.
		u := strings.ToUpper(s)
		for _, l := range isoLayouts {
			if t, err := time.Parse(l, u); err == nil {
				return t.UTC(), len(l) == 10, nil
			}
		}
		return time.Time{}, false, fmt.Errorf("%q is not a date and time Steerco can read; write it as 2027-01-31T14:05:00Z", s)
	}
	if strings.Count(s, "/") == 2 || strings.Count(s, ".") >= 2 && isDigits(s[:1]) {
		return parseSlash(s, order)
	}
	// "22-Mar-26", "Mar 22, 2026": a few month-name forms.
	for _, l := range []string{"02-Jan-06", "2-Jan-06", "02-Jan-2006", "2 Jan 2006", "Jan 2, 2006", "January 2, 2006", "2 January 2006",
		"02/Jan/06 3:04 PM", "Mon, 2 Jan 2006 15:04:05 -0700", time.RFC1123Z, time.RFC1123, time.UnixDate} {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), !strings.Contains(l, "15") && !strings.Contains(l, "3:04"), nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%q is not a date and time Steerco can read; write it as 2027-01-31T14:05:00Z", s)
}

func parseSlash(s string, order dayOrder) (time.Time, bool, error) {
	date, rest, _ := strings.Cut(s, " ")
	sep := "/"
	if !strings.Contains(date, "/") {
		sep = "."
	}
	parts := strings.Split(date, sep)
	if len(parts) != 3 || !isDigits(parts[0]) || !isDigits(parts[1]) || !isDigits(parts[2]) ||
		len(parts[0]) > 2 || len(parts[1]) > 2 || (len(parts[2]) != 2 && len(parts[2]) != 4) {
		return time.Time{}, false, fmt.Errorf("%q is not a date Steerco can read; write it as 2027-01-31", s)
	}
	a, _ := strconv.Atoi(parts[0])
	b, _ := strconv.Atoi(parts[1])
	y, _ := strconv.Atoi(parts[2])
	if len(parts[2]) == 2 {
		// Two-digit years: 00–68 → 2000s, 69–99 → 1900s (as Go and POSIX do).
		if y < 69 {
			y += 2000
		} else {
			y += 1900
		}
	}
	m, d := a, b
	if order == orderDayFirst {
		m, d = b, a
	}
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false, fmt.Errorf("%q is not a valid %s date", s, order)
	}
	day := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if day.Day() != d {
		return time.Time{}, false, fmt.Errorf("%q is not a valid %s date (that month has no day %d)", s, order, d)
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return day, true, nil
	}
	for _, l := range slashTimeLayouts[1:] {
		if c, err := time.Parse(l[1:], strings.ToUpper(rest)); err == nil {
			return day.Add(time.Duration(c.Hour())*time.Hour + time.Duration(c.Minute())*time.Minute + time.Duration(c.Second())*time.Second), false, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("%q: the time of day %q is not readable; write it as 14:05", s, rest)
}

// sniffOrder decides how to read slash dates in a column: a first number
// above 12 means day first, a second above 12 means month first. ambiguous
// reports that no value settled it.
func sniffOrder(values []string) (o dayOrder, ambiguous bool) {
	sawSlash := false
	for _, v := range values {
		v = strings.TrimSpace(v)
		date, _, _ := strings.Cut(v, " ")
		sep := "/"
		if !strings.Contains(date, "/") {
			sep = "."
		}
		parts := strings.Split(date, sep)
		if len(parts) != 3 || len(parts[0]) > 2 || !isDigits(parts[0]) || !isDigits(parts[1]) {
			continue
		}
		sawSlash = true
		a, _ := strconv.Atoi(parts[0])
		b, _ := strconv.Atoi(parts[1])
		switch {
		case a > 12 && b <= 12:
			return orderDayFirst, false
		case b > 12 && a <= 12:
			return orderMonthFirst, false
		}
	}
	return orderMonthFirst, sawSlash
}

func unixDigits(s string) (time.Time, bool) {
	if !isDigits(s) {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	switch len(s) {
	case 10:
		return time.Unix(n, 0).UTC(), true
	case 13:
		return time.UnixMilli(n).UTC(), true
	}
	return time.Time{}, false
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// blank reports whether a cell means "no value": empty, or a placeholder
// such as NA, N/A, null, none, "-" or "--".
func blank(s string) bool {
	if len(s) > 16 {
		s = strings.TrimSpace(s)
		if len(s) > 16 {
			return false // no placeholder is this long; avoid lower-casing a 200 KB cell
		}
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "na", "n/a", "n.a.", "null", "nil", "none", "-", "--", "nan", "nat", "#n/a", "unknown", "tbd":
		return true
	}
	return false
}

// parseBool reads a failure flag: true/false, yes/no, y/n, 1/0, and the
// result words CI tools write (failure, failed, error, rollback vs success,
// succeeded, ok, passed).
func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "yes", "y", "1", "x", "failed", "failure", "fail", "error", "errored", "rollback", "rolled back", "rolled_back", "broken", "incident":
		return true, true
	case "false", "f", "no", "n", "0", "success", "successful", "succeeded", "ok", "passed", "pass", "done", "deployed", "good", "":
		return false, true
	}
	return false, false
}
