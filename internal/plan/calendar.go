package plan

import (
	"sort"
	"time"
)

// Calendar says which days are working days: the working weekdays, minus
// holidays. The zero Calendar works Monday to Friday with no holidays.
type Calendar struct {
	Workdays []time.Weekday `json:"workdays,omitempty"` // empty means Monday–Friday
	Holidays []Holiday      `json:"holidays,omitempty"`
}

// Holiday is a named non-working day for the whole portfolio.
type Holiday struct {
	Date Date   `json:"date"`
	Name string `json:"name"`
}

// WorkCalendar is a Calendar prepared for fast questions; build it with Compile.
type WorkCalendar struct {
	week     [7]bool
	holidays map[Date]bool
}

// Compile prepares the calendar for IsWorkday, WorkdaysBetween and AddWorkdays.
func (c Calendar) Compile() *WorkCalendar {
	w := &WorkCalendar{holidays: make(map[Date]bool, len(c.Holidays))}
	if len(c.Workdays) == 0 {
		for d := time.Monday; d <= time.Friday; d++ {
			w.week[d] = true
		}
	}
	for _, d := range c.Workdays {
		if d >= 0 && d <= 6 {
			w.week[d] = true
		}
	}
	for _, h := range c.Holidays {
		w.holidays[h.Date] = true
	}
	return w
}

// IsWorkday reports whether d is a working day.
func (w *WorkCalendar) IsWorkday(d Date) bool {
	return w.week[d.Weekday()] && !w.holidays[d]
}

// WorkdaysBetween counts working days in [from, to). It is negative when to is before from.
func (w *WorkCalendar) WorkdaysBetween(from, to Date) int {
	if to < from {
		return -w.WorkdaysBetween(to, from)
	}
	n := 0
	for d := from; d < to; d++ {
		if w.IsWorkday(d) {
			n++
		}
	}
	return n
}

// AddWorkdays returns the date n working days after d: the start of working
// day number n when d is working day 0. With n = 0 it returns the first
// working day on or after d. Negative n counts backwards.
func (w *WorkCalendar) AddWorkdays(d Date, n int) Date {
	if !w.any() {
		return d.AddDays(n)
	}
	for !w.IsWorkday(d) {
		d++
	}
	for n > 0 {
		d++
		if w.IsWorkday(d) {
			n--
		}
	}
	for n < 0 {
		d--
		if w.IsWorkday(d) {
			n++
		}
	}
	return d
}

func (w *WorkCalendar) any() bool {
	for _, b := range w.week {
		if b {
			return true
		}
	}
	return false
}

// SortHolidays orders holidays by date (the canonical order for storage and JSON).
func (c *Calendar) SortHolidays() {
	sort.Slice(c.Holidays, func(i, j int) bool { return c.Holidays[i].Date < c.Holidays[j].Date })
}
