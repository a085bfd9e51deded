package outlook

import (
	"math/rand/v2"
	"testing"
	"time"

	"steerco/internal/plan"
)

// far must answer exactly as the calendar's own day-by-day walk, for
// weeks of five, four and seven working days, with holidays on weekdays,
// weekends and repeated.
func TestFarMatchesCalendar(t *testing.T) {
	src := rand.New(rand.NewPCG(5, 5))
	base := plan.NewDate(2026, time.December, 7)
	for _, week := range [][]time.Weekday{nil, {time.Monday, time.Tuesday, time.Wednesday, time.Thursday}, {0, 1, 2, 3, 4, 5, 6}} {
		c := plan.Calendar{Workdays: week}
		for h := 0; h < 60; h++ {
			d := base.AddDays(src.IntN(3000) - 200)
			c.Holidays = append(c.Holidays, plan.Holiday{Date: d, Name: "H"})
			if h%10 == 0 {
				c.Holidays = append(c.Holidays, plan.Holiday{Date: d, Name: "again"})
			}
		}
		cal := c.Compile()
		f := newFar(c, cal)
		for k := 0; k < 400; k++ {
			a := base.AddDays(src.IntN(400) - 200)
			b := a.AddDays(src.IntN(3500) - 300)
			if got, want := f.between(a, b), cal.WorkdaysBetween(a, b); got != want {
				t.Fatalf("week %v: between(%s, %s) = %d, want %d", week, a, b, got, want)
			}
			n := src.IntN(2500)
			if got, want := f.add(a, n), cal.AddWorkdays(a, n); got != want {
				t.Fatalf("week %v: add(%s, %d) = %s, want %s", week, a, n, got, want)
			}
		}
	}
}
