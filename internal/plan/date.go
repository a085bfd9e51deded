package plan

import (
	"fmt"
	"time"
)

// Date is a calendar date with no time of day and no time zone. The zero
// Date means "no date". Dates compare with < and > and subtract to days.
type Date int32 // days since 0001-01-01 plus one; 0 is unset

var epoch = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)

// NewDate returns the date y-m-d; out-of-range days normalise as time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	// Unix seconds, not time.Sub: a Duration overflows after 292 years.
	return Date((t.Unix()-epoch.Unix())/86400 + 1)
}

// DateOf returns the calendar date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// ParseDate parses "2006-01-02". The empty string gives the zero Date.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return 0, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, Errorf(EINVALID, "%q is not a date; write dates as YYYY-MM-DD.", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in code and tests; it panics on a bad literal.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d == 0 }

// Time returns midnight UTC of d.
func (d Date) Time() time.Time { return epoch.AddDate(0, 0, int(d)-1) }

// Year returns d's year.
func (d Date) Year() int { return d.Time().Year() }

// Month returns d's month of the year.
func (d Date) Month() time.Month { return d.Time().Month() }

// Day returns d's day of the month.
func (d Date) Day() int { return d.Time().Day() }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns d moved by n calendar days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns d moved by n months, clamping the day to the month's end
// (2027-01-31 plus one month is 2027-02-28).
func (d Date) AddMonths(n int) Date {
	t := d.Time()
	y, m, day := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	if day > last {
		day = last
	}
	return NewDate(first.Year(), first.Month(), day)
}

// DaysUntil returns the number of calendar days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e - d) }

// MonthOf returns the month d falls in.
func (d Date) MonthOf() Month { return MonthOf(d.Year(), d.Month()) }

// String formats d as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// MarshalText writes YYYY-MM-DD (empty when unset).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Month is a calendar month, the unit of budgets and actuals.
type Month int32 // year*12 + month-1; 0 is unset (year 0 is never used)

// MonthOf returns the month m of year y.
func MonthOf(y int, m time.Month) Month { return Month(int32(y)*12 + int32(m) - 1) }

// ParseMonth parses "2006-01".
func ParseMonth(s string) (Month, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return 0, Errorf(EINVALID, "%q is not a month; write months as YYYY-MM.", s)
	}
	return MonthOf(t.Year(), t.Month()), nil
}

// MustMonth is ParseMonth for literals; it panics on a bad literal.
func MustMonth(s string) Month {
	m, err := ParseMonth(s)
	if err != nil {
		panic(err)
	}
	return m
}

// IsZero reports whether m is unset.
func (m Month) IsZero() bool { return m == 0 }

// Year returns m's year.
func (m Month) Year() int { return int(m) / 12 }

// Month returns m's month of the year.
func (m Month) Month() time.Month { return time.Month(int(m)%12 + 1) }

// Add returns m moved by n months.
func (m Month) Add(n int) Month { return m + Month(n) }

// First returns m's first day.
func (m Month) First() Date { return NewDate(m.Year(), m.Month(), 1) }

// Last returns m's last day.
func (m Month) Last() Date { return m.Add(1).First().AddDays(-1) }

// String formats m as YYYY-MM.
func (m Month) String() string { return fmt.Sprintf("%04d-%02d", m.Year(), int(m.Month())) }

// Label formats m for people: "Mar 2027".
func (m Month) Label() string { return m.First().Time().Format("Jan 2006") }

// MarshalText writes m as YYYY-MM.
func (m Month) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText reads m from YYYY-MM.
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// FiscalYear returns the fiscal year m belongs to, named by the calendar year
// in which it ends (a fiscal year starting in April 2026 is FY2027), given the
// month the fiscal year starts in. A January start gives the calendar year.
func (m Month) FiscalYear(startMonth time.Month) int {
	if startMonth <= time.January {
		return m.Year()
	}
	if m.Month() >= startMonth {
		return m.Year() + 1
	}
	return m.Year()
}

// FiscalYearStart returns the first month of fiscal year fy.
func FiscalYearStart(fy int, startMonth time.Month) Month {
	if startMonth <= time.January {
		return MonthOf(fy, time.January)
	}
	return MonthOf(fy-1, startMonth)
}

// Quarter is a calendar quarter such as 2027-Q1, used for capacity views.
type Quarter struct {
	Year int
	Q    int // 1..4
}

// QuarterOf returns the calendar quarter d is in.
func QuarterOf(d Date) Quarter { return Quarter{d.Year(), (int(d.Month())-1)/3 + 1} }

// First returns q's first day.
func (q Quarter) First() Date { return NewDate(q.Year, time.Month((q.Q-1)*3+1), 1) }

// Next returns the quarter after q.
func (q Quarter) Next() Quarter {
	if q.Q == 4 {
		return Quarter{q.Year + 1, 1}
	}
	return Quarter{q.Year, q.Q + 1}
}

// Last returns q's last day.
func (q Quarter) Last() Date { return q.Next().First().AddDays(-1) }

// String formats q as "2027-Q1".
func (q Quarter) String() string { return fmt.Sprintf("%d-Q%d", q.Year, q.Q) }
