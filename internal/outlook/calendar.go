package outlook

import (
	"sort"

	"steerco/internal/plan"
)

// far answers working-day questions about dates far apart in time
// independent of the distance: whole weeks are counted by the week's
// pattern and the holidays in between by binary search, where the
// calendar's own walk takes a step per day (minutes for a date centuries
// away, called once per target).
type far struct {
	cal      *plan.WorkCalendar
	week     [7]bool     // working weekdays
	perWeek  int         // working days in a week without holidays
	holidays []plan.Date // sorted, distinct, on working weekdays
}

// newFar reads the week's pattern from the compiled calendar on seven
// consecutive days without a holiday, so the rule of which days are worked
// stays the calendar's.
func newFar(c plan.Calendar, cal *plan.WorkCalendar) *far {
	f := &far{cal: cal}
	hol := map[plan.Date]bool{}
	for _, h := range c.Holidays {
		hol[h.Date] = true
	}
	// Seven days in a row clear of holidays: there are finitely many.
	start := plan.NewDate(2000, 1, 3)
	for clear := 0; clear < 7; start++ {
		clear = 0
		for d := start; d < start+7 && !hol[d]; d++ {
			clear++
		}
		if clear == 7 {
			break
		}
	}
	for d := start; d < start+7; d++ {
		if cal.IsWorkday(d) {
			f.week[d.Weekday()] = true
			f.perWeek++
		}
	}
	for d := range hol {
		if f.week[d.Weekday()] {
			f.holidays = append(f.holidays, d)
		}
	}
	sort.Slice(f.holidays, func(i, j int) bool { return f.holidays[i] < f.holidays[j] })
	return f
}

// between counts working days in [from, to), negative when to is before
// from: the same as plan.WorkCalendar.WorkdaysBetween.
func (f *far) between(from, to plan.Date) int {
	if to < from {
		return -f.between(to, from)
	}
	if to-from < 64 {
		return f.cal.WorkdaysBetween(from, to)
	}
	weeks := int(to-from) / 7
	n := weeks * f.perWeek
	for d := from + plan.Date(7*weeks); d < to; d++ {
		if f.week[d.Weekday()] {
			n++
		}
	}
	lo := sort.Search(len(f.holidays), func(i int) bool { return f.holidays[i] >= from })
	hi := sort.Search(len(f.holidays), func(i int) bool { return f.holidays[i] >= to })
	return n - (hi - lo)
}

// add returns the date n ≥ 0 working days after d, as
// plan.WorkCalendar.AddWorkdays: the start of working day n when the
// first working day on or after d is working day 0.
func (f *far) add(d plan.Date, n int) plan.Date {
	if f.perWeek == 0 {
		return f.cal.AddWorkdays(d, n)
	}
	// Jump whole weeks while more than two weeks' work remain: a jump of
	// w weeks holds at most w × perWeek working days, so it never passes
	// the answer.
	for n >= 2*f.perWeek {
		to := d + plan.Date(7*(n/f.perWeek))
		n -= f.between(d, to)
		d = to
	}
	return f.cal.AddWorkdays(d, n)
}
