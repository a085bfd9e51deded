package msproject

import (
	"time"

	"steerco/internal/plan"
)

// MaxExceptionDays bounds how many dates one calendar exception may expand to.
const MaxExceptionDays = 20_000

type timePeriod struct {
	FromDate string `xml:"FromDate"`
	ToDate   string `xml:"ToDate"`
}

type exception struct {
	Name                 string     `xml:"Name"`
	Type                 int        `xml:"Type"`
	Occurrences          int        `xml:"Occurrences"`
	EnteredByOccurrences int        `xml:"EnteredByOccurrences"`
	TimePeriod           timePeriod `xml:"TimePeriod"`
	Period               int        `xml:"Period"`
	DaysOfWeek           int        `xml:"DaysOfWeek"`
	MonthItem            int        `xml:"MonthItem"`
	MonthPosition        int        `xml:"MonthPosition"`
	Month                int        `xml:"Month"` // 0 = January
	MonthDay             int        `xml:"MonthDay"`
	DayWorking           int        `xml:"DayWorking"`
}

type weekDay struct {
	DayType    int        `xml:"DayType"`
	DayWorking int        `xml:"DayWorking"`
	TimePeriod timePeriod `xml:"TimePeriod"`
}

type calendar struct {
	UID             string      `xml:"UID"`
	Name            string      `xml:"Name"`
	IsBaseCalendar  int         `xml:"IsBaseCalendar"`
	BaseCalendarUID string      `xml:"BaseCalendarUID"`
	WeekDays        []weekDay   `xml:"WeekDays>WeekDay"`
	Exceptions      []exception `xml:"Exceptions>Exception"`
}

// Recurrence types of an MSPDI calendar exception.
const (
	recDaily           = 1 // every day from FromDate (or every Period days when Period > 1)
	recYearlyByDate    = 2 // Month (0-based)/MonthDay every year
	recYearlyByPos     = 3 // MonthPosition MonthItem of Month every year
	recMonthlyByDate   = 4 // MonthDay every Period months
	recMonthlyByPos    = 5 // MonthPosition MonthItem every Period months
	recWeekly          = 6 // DaysOfWeek every Period weeks
	recDailyEveryNDays = 7 // every Period days
)

// expand returns the dates an exception covers, in order, and false when
// its recurrence cannot be expanded (an unknown type or month item).
func (ex exception) expand() ([]plan.Date, bool) {
	from, err1 := parseDateTime(ex.TimePeriod.FromDate)
	to, err2 := parseDateTime(ex.TimePeriod.ToDate)
	if err1 != nil || err2 != nil || to < from {
		return nil, false
	}
	limit := ex.Occurrences
	if limit <= 0 || limit > MaxExceptionDays {
		limit = MaxExceptionDays
	}
	if ex.Occurrences <= 1 && (ex.Type == recDaily || ex.Type == 0) {
		limit = MaxExceptionDays // a plain date range
	}
	period := max(ex.Period, 1)
	var out []plan.Date
	add := func(d plan.Date) bool {
		if d < from || d > to {
			return d <= to
		}
		out = append(out, d)
		return len(out) < limit
	}
	switch ex.Type {
	case 0, recDaily, recDailyEveryNDays:
		step := 1
		if ex.Type == recDailyEveryNDays || ex.Type == recDaily && ex.Period > 1 {
			step = period
		}
		for d := from; d <= to; d = d.AddDays(step) {
			if !add(d) {
				break
			}
		}
	case recWeekly:
		if ex.DaysOfWeek <= 0 {
			return nil, false
		}
		// Weeks start on the Sunday on or before FromDate.
		week := from.AddDays(-int(from.Weekday()))
		for ; week <= to; week = week.AddDays(7 * period) {
			done := false
			for wd := 0; wd < 7; wd++ {
				if ex.DaysOfWeek&(1<<wd) == 0 {
					continue
				}
				d := week.AddDays(wd)
				if d < from {
					continue
				}
				if !add(d) {
					done = true
					break
				}
			}
			if done {
				break
			}
		}
	case recMonthlyByDate, recMonthlyByPos, recYearlyByDate, recYearlyByPos:
		step := period
		if ex.Type == recYearlyByDate || ex.Type == recYearlyByPos {
			step = 12
		}
		m := from.MonthOf()
		if ex.Type == recYearlyByDate || ex.Type == recYearlyByPos {
			if ex.Month < 0 || ex.Month > 11 { // MSPDI months are 0-based: 0 = January
				return nil, false
			}
			m = plan.MonthOf(from.Year(), time.Month(ex.Month+1))
			if m.Last() < from {
				m = m.Add(12)
			}
		}
		for n := 0; m.First() <= to && n < MaxExceptionDays; m, n = m.Add(step), n+1 {
			var d plan.Date
			if ex.Type == recMonthlyByDate || ex.Type == recYearlyByDate {
				if ex.MonthDay < 1 || ex.MonthDay > 31 {
					return nil, false
				}
				d = m.First().AddDays(ex.MonthDay - 1)
				if d > m.Last() {
					d = m.Last()
				}
			} else {
				var ok bool
				if d, ok = positional(m, ex.MonthItem, ex.MonthPosition); !ok {
					return nil, false
				}
			}
			if !add(d) {
				break
			}
		}
	default:
		return nil, false
	}
	return out, true
}

// positional returns the MonthPosition-th (0 first … 3 fourth, 4 last)
// MonthItem (3 Sunday … 9 Saturday) of month m.
func positional(m plan.Month, item, pos int) (plan.Date, bool) {
	if item < 3 || item > 9 || pos < 0 || pos > 4 {
		return 0, false
	}
	wd := time.Weekday(item - 3)
	if pos == 4 {
		d := m.Last()
		for d.Weekday() != wd {
			d--
		}
		return d, true
	}
	d := m.First()
	for d.Weekday() != wd {
		d++
	}
	return d.AddDays(7 * pos), true
}

func parseDateTime(s string) (plan.Date, error) {
	for _, l := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", time.RFC3339, time.DateOnly} {
		if t, err := time.Parse(l, s); err == nil {
			return plan.DateOf(t), nil
		}
	}
	_, err := time.Parse("2006-01-02T15:04:05", s)
	return 0, err
}
