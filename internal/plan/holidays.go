package plan

import "time"

// USHolidays returns the ten holidays most US employers close for, observed
// in the calendar years from through to (inclusive), in date order: the
// federal holidays except Columbus Day and Veterans Day, plus the day after
// Thanksgiving. A fixed-date holiday that falls on a Saturday is observed on
// the Friday before, on a Sunday on the Monday after (5 U.S.C. 6103), so New
// Year's Day of to+1 can be observed on 31 December of to; an observed date
// outside the years asked for is dropped.
func USHolidays(from, to int) []Holiday {
	var out []Holiday
	for y := from; y <= to+1; y++ {
		add := func(d Date, name string) {
			if d.Year() >= from && d.Year() <= to {
				out = append(out, Holiday{Date: d, Name: name})
			}
		}
		add(observed(NewDate(y, time.January, 1)), "New Year's Day")
		add(nthWeekday(y, time.January, time.Monday, 3), "Martin Luther King Jr. Day")
		add(nthWeekday(y, time.February, time.Monday, 3), "Washington's Birthday")
		add(lastWeekday(y, time.May, time.Monday), "Memorial Day")
		add(observed(NewDate(y, time.June, 19)), "Juneteenth")
		add(observed(NewDate(y, time.July, 4)), "Independence Day")
		add(nthWeekday(y, time.September, time.Monday, 1), "Labor Day")
		thanks := nthWeekday(y, time.November, time.Thursday, 4)
		add(thanks, "Thanksgiving Day")
		add(thanks.AddDays(1), "Day after Thanksgiving")
		add(observed(NewDate(y, time.December, 25)), "Christmas Day")
	}
	c := Calendar{Holidays: out}
	c.SortHolidays()
	return c.Holidays
}

// observed moves a fixed-date holiday off the weekend.
func observed(d Date) Date {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDays(-1)
	case time.Sunday:
		return d.AddDays(1)
	}
	return d
}

// nthWeekday returns the n-th (1-based) weekday wd of month m in year y.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) Date {
	d := NewDate(y, m, 1)
	d = d.AddDays((int(wd) - int(d.Weekday()) + 7) % 7)
	return d.AddDays(7 * (n - 1))
}

// lastWeekday returns the last weekday wd of month m in year y.
func lastWeekday(y int, m time.Month, wd time.Weekday) Date {
	d := MonthOf(y, m).Last()
	return d.AddDays(-((int(d.Weekday()) - int(wd) + 7) % 7))
}
