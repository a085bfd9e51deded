package outlook

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

// Hand-checkable cases start on Monday 2 March 2026 (day 0).
const monday = "2026-03-02"

func d(s string) plan.Date { return plan.MustDate(s) }

func team(id string, fte float64, wip int) plan.Team {
	return plan.Team{ID: id, Name: "Team " + id, Headcount: fte, Allocation: 1, FocusFactor: 1, WIPLimit: wip}
}

func item(id, teamID string, rank int, low, likely, high float64) plan.Item {
	return plan.Item{ID: id, Title: "Item " + id, TeamID: teamID, Rank: rank, Status: plan.NotStarted,
		Commitment: plan.Planned, Estimate: plan.Estimate{Low: low, Likely: likely, High: high}}
}

func fixed(id, teamID string, rank int, days float64) plan.Item {
	return item(id, teamID, rank, days, days, days)
}

func portfolio(teams []plan.Team, items ...plan.Item) *plan.Portfolio {
	return &plan.Portfolio{Name: "Test", Currency: "USD", FiscalYearStart: time.January,
		PlanningStart: d(monday), Teams: teams, Items: items}
}

func run(t *testing.T, p *plan.Portfolio, o Options) *Forecast {
	t.Helper()
	if o.Trials == 0 {
		o.Trials = 2000
	}
	f, err := Run(context.Background(), p, o)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return f
}

func TestMondayIsMonday(t *testing.T) {
	if wd := d(monday).Weekday(); wd != time.Monday {
		t.Fatalf("%s is a %s", monday, wd)
	}
}

// TestExactDates checks fixed-effort schedules whose dates can be worked out
// by hand: every percentile is the same date.
func TestExactDates(t *testing.T) {
	withPred := func(it plan.Item, pred string, lag int) plan.Item {
		it.DependsOn = append(it.DependsOn, plan.Dependency{ItemID: pred, LagDays: lag})
		return it
	}
	hire := team("a", 1, 1)
	hire.HeadcountChanges = []plan.HeadcountChange{{Date: d("2026-03-09"), Delta: 1}}
	snet := fixed("x", "a", 1, 5)
	snet.StartNoEarlierThan = d("2026-03-11")
	done := fixed("a1", "a", 1, 5)
	done.Status = plan.Done
	zero := fixed("z", "b", 1, 0)
	holidays := portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 10))
	for day := 9; day <= 13; day++ {
		holidays.Calendar.Holidays = append(holidays.Calendar.Holidays,
			plan.Holiday{Date: plan.NewDate(2026, time.March, day), Name: "Spring break"})
	}
	empty := team("a", 0, 1)
	empty.HeadcountChanges = []plan.HeadcountChange{{Date: d("2026-03-09"), Delta: 1}}
	halfFocus := team("a", 2, 1)
	halfFocus.Allocation, halfFocus.FocusFactor = 0.5, 0.5 // 2 × ½ × ½ = ½ person-day a day

	type want struct{ id, start, finish string }
	cases := []struct {
		name string
		p    *plan.Portfolio
		want []want
	}{
		{"5 person-days by one person from Monday end on Friday",
			portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 5)),
			[]want{{"x", "2026-03-02", "2026-03-06"}}},
		{"a holiday week is skipped",
			holidays,
			[]want{{"x", "2026-03-02", "2026-03-20"}}},
		{"two items on a one-slot team run in rank order",
			portfolio([]plan.Team{team("a", 1, 1)}, fixed("second", "a", 2, 5), fixed("first", "a", 1, 5)),
			[]want{{"first", "2026-03-02", "2026-03-06"}, {"second", "2026-03-09", "2026-03-13"}}},
		{"two slots split the capacity",
			portfolio([]plan.Team{team("a", 2, 2)}, fixed("x", "a", 1, 5), fixed("y", "a", 2, 10)),
			[]want{{"x", "2026-03-02", "2026-03-06"}, {"y", "2026-03-02", "2026-03-13"}}},
		{"a dependency across teams",
			portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1)}, fixed("x", "a", 1, 5), withPred(fixed("y", "b", 1, 5), "x", 0)),
			[]want{{"x", "2026-03-02", "2026-03-06"}, {"y", "2026-03-09", "2026-03-13"}}},
		{"a hire doubles the capacity from its date",
			portfolio([]plan.Team{hire}, fixed("x", "a", 1, 15)),
			[]want{{"x", "2026-03-02", "2026-03-13"}}},
		{"a team that starts empty works from its first hire",
			portfolio([]plan.Team{empty}, fixed("x", "a", 1, 5)),
			[]want{{"x", "2026-03-02", "2026-03-13"}}},
		{"allocation and focus factor scale the capacity",
			portfolio([]plan.Team{halfFocus}, fixed("x", "a", 1, 5)),
			[]want{{"x", "2026-03-02", "2026-03-13"}}},
		{"start no earlier than a Wednesday",
			portfolio([]plan.Team{team("a", 1, 1)}, snet),
			[]want{{"x", "2026-03-11", "2026-03-17"}}},
		{"a lag of 3 working days",
			portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1)}, fixed("x", "a", 1, 5), withPred(fixed("y", "b", 1, 5), "x", 3)),
			[]want{{"x", "2026-03-02", "2026-03-06"}, {"y", "2026-03-12", "2026-03-18"}}},
		{"a done predecessor is satisfied",
			portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1)}, done, withPred(fixed("y", "b", 1, 5), "a1", 0)),
			[]want{{"y", "2026-03-02", "2026-03-06"}}},
		{"a zero-effort item finishes when it is ready",
			portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1)}, fixed("a1", "a", 1, 5), withPred(zero, "a1", 0)),
			[]want{{"z", "2026-03-06", "2026-03-06"}}},
		{"an in-progress item with no effort remaining finishes when it is ready",
			func() *plan.Portfolio {
				x := item("x", "a", 1, 20, 20, 20)
				x.Status = plan.InProgress
				r := 0.0
				x.Remaining = &r
				return portfolio([]plan.Team{team("a", 1, 1)}, x)
			}(),
			[]want{{"x", "2026-03-02", "2026-03-02"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := run(t, c.p, Options{Trials: 300})
			for _, w := range c.want {
				it := f.Item(w.id)
				if it == nil {
					t.Fatalf("no forecast for %s", w.id)
				}
				for name, got := range map[string]plan.Date{"P10": it.Finish.P10, "P50": it.Finish.P50, "P85": it.Finish.P85, "P95": it.Finish.P95, "mean": it.Finish.Mean} {
					if got.String() != w.finish {
						t.Errorf("%s finish %s = %s, want %s", w.id, name, got, w.finish)
					}
				}
				if got := it.Start.P50.String(); got != w.start {
					t.Errorf("%s start = %s, want %s", w.id, got, w.start)
				}
			}
		})
	}
}

func TestWaiting(t *testing.T) {
	y := fixed("y", "a", 2, 5)
	z := fixed("z", "b", 1, 5)
	z.DependsOn = []plan.Dependency{{ItemID: "x"}, {ItemID: "y"}}
	f := run(t, portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1)}, fixed("x", "a", 1, 5), y, z), Options{Trials: 300})
	if it := f.Item("y"); it.WaitCapacityDays != 5 || it.WaitDependencyDays != 0 {
		t.Errorf("y waited %v days for capacity and %v for dependencies, want 5 and 0", it.WaitCapacityDays, it.WaitDependencyDays)
	}
	z1 := f.Item("z")
	if z1.WaitDependencyDays != 10 || z1.WaitCapacityDays != 0 {
		t.Errorf("z waited %v days for dependencies and %v for capacity, want 10 and 0", z1.WaitDependencyDays, z1.WaitCapacityDays)
	}
	if z1.Driver != "y" || z1.DriverShare != 1 {
		t.Errorf("z's driver = %q (%v), want y (1)", z1.Driver, z1.DriverShare)
	}
	if z1.Criticality != 1 || f.Item("x").Criticality != 1 {
		t.Errorf("criticality x %v, z %v; the chain x → y → z is always critical", f.Item("x").Criticality, z1.Criticality)
	}
}

func riskOn(id string, p, days float64, items ...string) plan.Risk {
	return plan.Risk{ID: id, Title: "Risk " + id, Category: plan.RiskVendor, Probability: p, ImpactDays: days,
		Items: items, Status: plan.RiskOpen}
}

func TestRisk(t *testing.T) {
	p := portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 5), fixed("y", "a", 2, 5))
	p.Risks = []plan.Risk{riskOn("vendor", 1, 10, "x")}
	f := run(t, p, Options{Trials: 500, RiskImpacts: true})
	// x's work ends Friday 6 March; the risk holds its finish 10 working days.
	if got := f.Item("x").Finish.P50.String(); got != "2026-03-20" {
		t.Errorf("x finishes %s, want 2026-03-20 (10 working days after 2026-03-06)", got)
	}
	// The delay is waiting, not work: the team moves on to y.
	if got := f.Item("y").Finish.P50.String(); got != "2026-03-13" {
		t.Errorf("y finishes %s, want 2026-03-13", got)
	}
	if len(f.Risks) != 1 || f.Risks[0].RiskID != "vendor" || f.Risks[0].PortfolioP85Days != 5 {
		t.Fatalf("risks = %+v, want vendor adding 5 days to the portfolio's P85 (from 10 to 15 working days)", f.Risks)
	}
	if got := f.Risks[0].ItemP85Days["x"]; got != 10 {
		t.Errorf("vendor adds %v days to x, want 10", got)
	}

	t.Run("closed and accepted", func(t *testing.T) {
		p.Risks[0].Status = plan.RiskClosed
		if got := run(t, p, Options{Trials: 100}).Item("x").Finish.P50.String(); got != "2026-03-06" {
			t.Errorf("with the risk closed x finishes %s, want 2026-03-06", got)
		}
		p.Risks[0].Status, p.Risks[0].SignedOffBy, p.Risks[0].SignedOffOn = plan.RiskAccepted, "CFO", d(monday)
		if got := run(t, p, Options{Trials: 100}).Item("x").Finish.P50.String(); got != "2026-03-20" {
			t.Errorf("an accepted risk still happens: x finishes %s, want 2026-03-20", got)
		}
	})
	t.Run("half the time", func(t *testing.T) {
		p.Risks = []plan.Risk{riskOn("vendor", 0.5, 10, "x")}
		f := run(t, p, Options{Trials: 4000})
		if x := f.Item("x"); x.Finish.P10.String() != "2026-03-06" || x.Finish.P85.String() != "2026-03-20" {
			t.Errorf("x: P10 %s, P85 %s; want 2026-03-06 and 2026-03-20", x.Finish.P10, x.Finish.P85)
		}
	})
}

func TestMilestone(t *testing.T) {
	y := fixed("y", "b", 1, 10)
	done := fixed("old", "a", 3, 5)
	done.Status = plan.Done
	p := portfolio([]plan.Team{team("a", 1, 1), team("b", 1, 1)}, fixed("x", "a", 1, 5), y, done)
	p.Milestones = []plan.Milestone{
		{ID: "go-live", Name: "Go-live", Date: d("2026-03-13"), DependsOn: []string{"x", "y", "old"}},
		{ID: "early", Name: "Too early", Date: d("2026-03-12"), DependsOn: []string{"y"}},
		{ID: "history", Name: "Done already", Date: d("2026-01-05"), DependsOn: []string{"old"}},
	}
	f := run(t, p, Options{Trials: 300})
	m := f.Milestone("go-live")
	if m.Finish.P50.String() != "2026-03-13" || m.PTarget != 1 || m.Driver != "y" || m.DriverShare != 1 {
		t.Errorf("go-live: %+v; want finish 2026-03-13, P 1, driver y", m)
	}
	if e := f.Milestone("early"); e.PTarget != 0 {
		t.Errorf("a milestone one day before its item's finish has P %v, want 0", e.PTarget)
	}
	if h := f.Milestone("history"); !h.Done || h.PTarget != 1 {
		t.Errorf("history: %+v; want done with P 1", h)
	}
	if f.Portfolio.P50.String() != "2026-03-13" {
		t.Errorf("portfolio finishes %s, want 2026-03-13", f.Portfolio.P50)
	}
}

func TestTargets(t *testing.T) {
	mk := func(target string) *plan.Portfolio {
		x := item("x", "a", 1, 3, 5, 12)
		x.Target = d(target)
		x.Commitment = plan.Committed
		return portfolio([]plan.Team{team("a", 1, 1)}, x)
	}
	cases := []struct {
		target string
		want   float64
	}{
		{"2030-01-01", 1},
		{"2026-02-27", 0}, // before the forecast starts
		{"2026-03-02", 0}, // at least 3 days of work
		{"2026-03-04", 0}, // exactly 3 days can finish Wednesday only if effort = low
	}
	for _, c := range cases {
		f := run(t, mk(c.target), Options{Trials: 1000})
		if got := f.Item("x").PTarget; got != c.want {
			t.Errorf("target %s: P = %v, want %v", c.target, got, c.want)
		}
	}
	// A fixed 5 days meets Friday's target and misses Thursday's.
	for target, want := range map[string]float64{"2026-03-06": 1, "2026-03-07": 1, "2026-03-05": 0} {
		p := mk(target)
		p.Items[0].Estimate = plan.Estimate{Low: 5, Likely: 5, High: 5}
		if got := run(t, p, Options{Trials: 100}).Item("x").PTarget; got != want {
			t.Errorf("5 days, target %s: P = %v, want %v", target, got, want)
		}
	}
	t.Run("no target", func(t *testing.T) {
		p := portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 5))
		f := run(t, p, Options{Trials: 100})
		if f.Item("x").PTarget != -1 || f.CommittedItems != 0 || f.Committed != 1 {
			t.Errorf("P %v, committed %v of %d; want -1, 1 of 0", f.Item("x").PTarget, f.Committed, f.CommittedItems)
		}
	})
}

func TestJointCommitted(t *testing.T) {
	var items []plan.Item
	for i, id := range []string{"a1", "a2", "a3"} {
		x := item(id, "a", i+1, 3, 5, 10)
		x.Commitment = plan.Committed
		x.Target = plan.NewDate(2026, time.March, 6+7*i)
		items = append(items, x)
	}
	f := run(t, portfolio([]plan.Team{team("a", 1, 1)}, items...), Options{Trials: 5000})
	min := 1.0
	for _, it := range f.Items {
		min = math.Min(min, it.PTarget)
	}
	if f.CommittedItems != 3 || !(f.Committed <= min) || f.Committed <= 0 {
		t.Errorf("joint %v over %d items; individual minimum %v", f.Committed, f.CommittedItems, min)
	}
}

func TestDeterminism(t *testing.T) {
	p := portfolio([]plan.Team{team("a", 2, 2), team("b", 1, 1)},
		item("x", "a", 1, 3, 5, 12), item("y", "a", 2, 10, 15, 30), item("z", "b", 1, 5, 8, 20))
	p.Items[2].DependsOn = []plan.Dependency{{ItemID: "x", LagDays: 2}}
	p.Risks = []plan.Risk{riskOn("r", 0.3, 5, "y", "z")}
	p.Milestones = []plan.Milestone{{ID: "m", Name: "M", Date: d("2026-04-30"), DependsOn: []string{"y", "z"}}}
	a := run(t, p, Options{Trials: 3000, Seed: 7, Workers: 1, RiskImpacts: true})
	b := run(t, p, Options{Trials: 3000, Seed: 7, Workers: 2, RiskImpacts: true})
	if !reflect.DeepEqual(a, b) {
		t.Errorf("same seed, different workers: forecasts differ")
	}
	c := run(t, p, Options{Trials: 3000, Seed: 8, Workers: 2})
	if reflect.DeepEqual(a.Items, c.Items) {
		t.Errorf("different seeds gave the same forecast")
	}
}

func TestTeamQuarters(t *testing.T) {
	// One person from Monday 2 March 2026: 22 working days left in 2026-Q1,
	// 65 in 2026-Q2. 30 person-days: 22 in Q1, 8 in Q2.
	f := run(t, portfolio([]plan.Team{team("a", 1, 1), team("idle", 3, 1)}, fixed("x", "a", 1, 30)), Options{Trials: 200})
	want := []TeamQuarter{
		{TeamID: "a", Quarter: plan.Quarter{Year: 2026, Q: 1}, Start: d("2026-03-02"), End: d("2026-03-31"), Capacity: 22,
			DemandMean: 30, DemandP50: 30, DemandP85: 30, WorkMean: 22, WorkP50: 22, WorkP85: 22}, // ready, but due never: not over-committed
		{TeamID: "a", Quarter: plan.Quarter{Year: 2026, Q: 2}, Start: d("2026-04-01"), End: d("2026-06-30"), Capacity: 65,
			DemandMean: 8, DemandP50: 8, DemandP85: 8, WorkMean: 8, WorkP50: 8, WorkP85: 8},
		{TeamID: "idle", Quarter: plan.Quarter{Year: 2026, Q: 1}, Start: d("2026-03-02"), End: d("2026-03-31"), Capacity: 66},
		{TeamID: "idle", Quarter: plan.Quarter{Year: 2026, Q: 2}, Start: d("2026-04-01"), End: d("2026-06-30"), Capacity: 195},
	}
	if len(f.Teams) != len(want) {
		t.Fatalf("got %d team quarters, want %d: %+v", len(f.Teams), len(want), f.Teams)
	}
	for i, w := range want {
		g := f.Teams[i]
		// histogram quantiles are exact to a bin: compare with a tolerance
		near := func(a, b float64) bool { return math.Abs(a-b) <= 0.05 }
		if g.TeamID != w.TeamID || g.Quarter != w.Quarter || g.Start != w.Start || g.End != w.End || g.Capacity != w.Capacity ||
			!near(g.DemandMean, w.DemandMean) || !near(g.DemandP50, w.DemandP50) || !near(g.DemandP85, w.DemandP85) ||
			!near(g.WorkMean, w.WorkMean) || !near(g.WorkP50, w.WorkP50) || !near(g.WorkP85, w.WorkP85) || g.POver != w.POver {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
}

func TestNotes(t *testing.T) {
	p := portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 0), item("y", "a", 2, 0, 2, 5), fixed("z", "a", 3, 3))
	p.Items[2].DependsOn = []plan.Dependency{{ItemID: "y", LagDays: 2}}
	p.Risks = []plan.Risk{{ID: "cost", Title: "Cost", Category: plan.RiskVendor, Probability: 0.5, Status: plan.RiskOpen}}
	f := run(t, p, Options{Trials: 100, Distribution: DistLognormal, AsOf: d("2026-02-28")})
	all := strings.Join(f.Notes, "\n")
	for _, want := range []string{"2026-02-28 is not a working day: the forecast starts on 2026-03-02",
		"1 item has no effort estimate", ": x.", "triangular distribution instead: y", "1 dependency with a lag",
		"1 risk has no schedule impact and is not simulated: cost"} {
		if !strings.Contains(all, want) {
			t.Errorf("notes lack %q:\n%s", want, all)
		}
	}
}

func TestErrors(t *testing.T) {
	gone := team("a", 1, 1)
	gone.HeadcountChanges = []plan.HeadcountChange{{Date: d("2026-03-09"), Delta: -1}}
	cases := []struct {
		name string
		p    *plan.Portfolio
		o    Options
		want string
	}{
		{"no capacity", portfolio([]plan.Team{gone}, fixed("x", "a", 1, 10)), Options{}, "no capacity from 2026-03-09 on"},
		{"nothing open", portfolio([]plan.Team{team("a", 1, 1)}), Options{}, "nothing to forecast"},
		{"bad distribution", portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 1)), Options{Distribution: "normal"}, "not one of triangular"},
		{"bad sampling", portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 1)), Options{Sampling: "sobol"}, "mc (Monte Carlo)"},
		{"invalid portfolio", portfolio([]plan.Team{team("a", 1, 0)}, fixed("x", "a", 1, 1)), Options{}, "WIP limit"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Run(context.Background(), c.p, c.o)
			if err == nil || !strings.Contains(err.Error(), c.want) || plan.ErrorCode(err) != plan.EINVALID {
				t.Errorf("err = %v (%s), want EINVALID containing %q", err, plan.ErrorCode(err), c.want)
			}
		})
	}
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Run(ctx, portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 1)), Options{})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	})
}

func TestProgress(t *testing.T) {
	p := portfolio([]plan.Team{team("a", 1, 1)}, item("x", "a", 1, 1, 2, 3), item("y", "a", 2, 1, 2, 3))
	p.Risks = []plan.Risk{riskOn("r1", 0.5, 3, "x"), riskOn("r2", 0.5, 3, "y")}
	last, calls := 0, 0
	run(t, p, Options{Trials: 1000, RiskImpacts: true, Progress: func(done, total int) {
		calls++
		if total != 3000 || done < last {
			t.Errorf("progress %d/%d after %d", done, total, last)
		}
		last = done
	}})
	if last != 3000 || calls < 3 {
		t.Errorf("progress ended at %d after %d calls, want 3000", last, calls)
	}
}

func TestMapping(t *testing.T) {
	p := portfolio([]plan.Team{team("a", 1, 1)}, fixed("x", "a", 1, 1))
	p.Calendar.Holidays = []plan.Holiday{{Date: d("2026-03-04"), Name: "H"}}
	_, mp, err := Compile(p, d("2026-03-01"), "")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		t      float64
		start  string
		finish string
	}{
		{0, "2026-03-02", "2026-03-02"},
		{0.5, "2026-03-02", "2026-03-02"},
		{1, "2026-03-03", "2026-03-02"},
		{1.0000001, "2026-03-03", "2026-03-02"}, // float noise is absorbed
		{2, "2026-03-05", "2026-03-03"},         // Wednesday is a holiday
		{3.2, "2026-03-06", "2026-03-06"},
		{4, "2026-03-09", "2026-03-06"},
	}
	for _, c := range cases {
		if got := mp.StartDate(c.t).String(); got != c.start {
			t.Errorf("StartDate(%v) = %s, want %s", c.t, got, c.start)
		}
		if got := mp.FinishDate(c.t).String(); got != c.finish {
			t.Errorf("FinishDate(%v) = %s, want %s", c.t, got, c.finish)
		}
	}
	for date, want := range map[string]float64{"2026-03-02": 1, "2026-03-04": 2, "2026-03-07": 4, "2026-03-01": -1, "2026-02-20": -1} {
		if got := mp.EndTime(d(date)); got != want {
			t.Errorf("EndTime(%s) = %v, want %v", date, got, want)
		}
	}
	for date, want := range map[string]float64{"2026-03-02": 0, "2026-03-04": 2, "2026-03-05": 2, "2026-03-09": 4, "2026-02-27": -1} {
		if got := mp.Time(d(date)); got != want {
			t.Errorf("Time(%s) = %v, want %v", date, got, want)
		}
	}
}

// TestDistributions checks each effort distribution's median date for an
// item of 3 / 5 / 12 person-days (lognormal: 3 / 10) done by one person.
func TestDistributions(t *testing.T) {
	cases := []struct {
		dist      string
		high      float64
		p50, note string
	}{
		// triangular median 12 − √(0.5·9·7) = 6.39 days: working day 6
		{DistTriangular, 12, "2026-03-10", ""},
		// Beta-PERT α = 1.89, β = 4.11: median ≈ 3 + 9·0.292 = 5.62 days: working day 5
		{DistBetaPERT, 12, "2026-03-09", ""},
		// lognormal with 5th and 95th percentiles 3 and 10: median √30 = 5.48 days
		{DistLognormal, 10, "2026-03-09", ""},
	}
	for _, c := range cases {
		t.Run(c.dist, func(t *testing.T) {
			f := run(t, portfolio([]plan.Team{team("a", 1, 1)}, item("x", "a", 1, 3, 5, c.high)), Options{Trials: 20000, Distribution: c.dist})
			if got := f.Item("x").Finish.P50.String(); got != c.p50 || f.Distribution != c.dist {
				t.Errorf("%s: P50 %s, want %s", f.Distribution, got, c.p50)
			}
		})
	}
}
