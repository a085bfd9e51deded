package outlook

import (
	"context"
	"errors"
	"strings"
	"testing"

	"steerco/internal/plan"
)

// TestHorizon: an item that cannot finish within about 20 years of working
// days (plan.MaxDays) even at its low estimate and its team's best capacity
// per slot is refused, naming it; one just inside is forecast.
func TestHorizon(t *testing.T) {
	slow := team("a", 1, 2)
	slow.FocusFactor = 0.1 // 0.1 person-day a working day, 0.05 per slot
	huge := item("big", "a", 1, 300, 400, 90000)
	huge.Title = "Rebuild everything"
	// 300 person-days at 0.05 a day per slot: 6,000 working days.
	_, err := Run(context.Background(), portfolio([]plan.Team{slow}, huge), Options{Trials: 100})
	if err == nil || plan.ErrorCode(err) != plan.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
	for _, want := range []string{"Item big (Rebuild everything)", "at least 6000 working days", "more than 5000 (about 20 years)", "Team a", "0.05 person-days"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	// 240 person-days: 4,800 working days at best (the high estimate may
	// take centuries: its dates still convert at once).
	huge.Estimate.Low = 240
	f, err := Run(context.Background(), portfolio([]plan.Team{slow}, huge), Options{Trials: 300})
	if err != nil {
		t.Fatalf("an item inside the horizon: %v", err)
	}
	if x := f.Item("big"); x.Finish.P10.Year() < 2040 || x.Finish.Mean.Year() < 2400 {
		t.Errorf("finish P10 %s, mean %s", x.Finish.P10, x.Finish.Mean)
	}
}

// TestFarDates: targets, start dates, milestones and headcount changes
// centuries away compile and forecast as dates near at hand do (the
// conversions count whole weeks; a walk day by day took minutes).
func TestFarDates(t *testing.T) {
	tm := team("a", 2, 1)
	tm.HeadcountChanges = []plan.HeadcountChange{{Date: d("9000-01-03"), Delta: 1}}
	var items []plan.Item
	for i := range 200 {
		it := fixed(string(rune('a'+i%26))+string(rune('a'+i/26)), "a", i+1, 1)
		it.Target = d("9999-12-31")
		if i%2 == 0 {
			it.StartNoEarlierThan = d("2026-03-04")
		}
		items = append(items, it)
	}
	p := portfolio([]plan.Team{tm}, items...)
	p.Calendar.Holidays = []plan.Holiday{{Date: d("2026-03-03"), Name: "H"}, {Date: d("9999-12-30"), Name: "H"}}
	p.Milestones = []plan.Milestone{{ID: "m", Name: "M", Date: d("9999-12-31"), DependsOn: []string{items[0].ID}}}
	f := run(t, p, Options{Trials: 200})
	if m := f.Milestone("m"); m.PTarget != 1 {
		t.Errorf("a milestone in 9999: P %g, want 1", m.PTarget)
	}
	for _, it := range f.Items {
		if it.PTarget != 1 {
			t.Fatalf("%s: P(target in 9999) = %g", it.ID, it.PTarget)
		}
	}
}

// TestCancelledWhileMapping: a cancel that comes as the last trials finish
// returns context.Canceled, not a forecast.
func TestCancelledWhileMapping(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p := portfolio([]plan.Team{team("a", 1, 1)}, item("x", "a", 1, 1, 2, 3))
	f, err := Run(ctx, p, Options{Trials: 1000, Progress: func(done, total int) {
		if done == total {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) || f != nil {
		t.Errorf("Run = %v, %v; want no forecast and context.Canceled", f != nil, err)
	}
}
