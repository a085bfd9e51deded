package outlook

import (
	"math"
	"testing"

	"steerco/internal/plan"
)

// row returns the team quarter of team in quarter q, or fails.
func row(t *testing.T, f *Forecast, team string, q plan.Quarter) TeamQuarter {
	t.Helper()
	for _, tq := range f.Teams {
		if tq.TeamID == team && tq.Quarter == q {
			return tq
		}
	}
	t.Fatalf("no %s row for %s in %+v", team, q, f.Teams)
	return TeamQuarter{}
}

// TestOverCommitmentDueWork checks the definition of over-commitment on
// cases worked out by hand: the work due by a quarter's end against the
// capacity from the as-of date to that end.
func TestOverCommitmentDueWork(t *testing.T) {
	q1, q2, q3, q4 := plan.Quarter{Year: 2026, Q: 1}, plan.Quarter{Year: 2026, Q: 2}, plan.Quarter{Year: 2026, Q: 3}, plan.Quarter{Year: 2026, Q: 4}

	t.Run("180 person-days due where 124 can be done", func(t *testing.T) {
		// As of Tuesday 17 Feb 2026, 31 working days are left in 2026-Q1:
		// four people can do 124 person-days by 31 March. Three items of
		// 50–60–70 person-days (180 on average, never less than 150) are
		// due by then: one by its own target, one by the milestone that
		// waits on it, one because an item of another team that waits on
		// it has a target in March.
		a, b := item("a", "four", 1, 50, 60, 70), item("b", "four", 2, 50, 60, 70)
		c := item("c", "four", 3, 50, 60, 70)
		a.Target = d("2026-03-31")
		next := fixed("next", "other", 1, 2)
		next.DependsOn = []plan.Dependency{{ItemID: c.ID}}
		next.Target = d("2026-03-20")
		later := fixed("later", "four", 4, 10) // nothing dated waits on it: never due
		p := portfolio([]plan.Team{team("four", 4, 3), team("other", 1, 1), team("idle", 2, 1)}, a, b, c, next, later)
		p.PlanningStart = d("2026-02-17")
		p.Milestones = []plan.Milestone{{ID: "m", Name: "M", Date: d("2026-03-31"), DependsOn: []string{"b"}}}
		f := run(t, p, Options{Trials: 2000})

		r := row(t, f, "four", q1)
		if r.From != d("2026-02-17") || r.To != d("2026-03-31") || r.Start != r.From || r.End != r.To {
			t.Errorf("the first quarter covers %s–%s (start %s, end %s), want 17 Feb–31 Mar 2026", r.From, r.To, r.Start, r.End)
		}
		if r.Capacity != 124 || r.CapacityToEnd != 124 {
			t.Errorf("capacity %g, to the quarter's end %g, want 124 and 124", r.Capacity, r.CapacityToEnd)
		}
		if math.Abs(r.DueMean-180) > 1 || math.Abs(r.DueP50-180) > 1.5 || !(r.DueP85 > r.DueP50) {
			t.Errorf("work due: mean %.1f, P50 %.1f, P85 %.1f; want about 180, 180 and more", r.DueMean, r.DueP50, r.DueP85)
		}
		if r.POver != 1 {
			t.Errorf("P(over-committed) = %g, want 1: at least 150 person-days are due against 124", r.POver)
		}
		// In 2026-Q2 the 180 person-days are still due by its end, against
		// 124 + 4 × 65 = 384: they fit.
		r2 := row(t, f, "four", q2)
		if r2.CapacityToEnd != 384 || r2.POver != 0 || math.Abs(r2.DueMean-180) > 1 {
			t.Errorf("2026-Q2: capacity to its end %g (want 384), due %.1f (want 180), P(over) %g (want 0)", r2.CapacityToEnd, r2.DueMean, r2.POver)
		}
		for _, tq := range f.Teams {
			if tq.TeamID == "idle" && (tq.POver != 0 || tq.DueMean != 0 || tq.DueP85 != 0) {
				t.Errorf("an idle team is never over-committed: %+v", tq)
			}
		}
	})

	t.Run("work due two quarters out", func(t *testing.T) {
		// One person from Monday 2 March 2026: 22 working days to the end
		// of 2026-Q1, 87 to the end of Q2, 153 to the end of Q3, 219 to the
		// end of Q4. 200 person-days due on 15 September 2026 do not fit
		// by the end of Q3 and are due in no earlier quarter.
		x := fixed("x", "one", 1, 200)
		x.Target = d("2026-09-15")
		f := run(t, portfolio([]plan.Team{team("one", 1, 1)}, x), Options{Trials: 500})
		for _, w := range []struct {
			q        plan.Quarter
			capTo    float64
			due, p   float64
			from, to string
		}{
			{q1, 22, 0, 0, "2026-03-02", "2026-03-31"},
			{q2, 87, 0, 0, "2026-04-01", "2026-06-30"},
			{q3, 153, 200, 1, "2026-07-01", "2026-09-30"},
			{q4, 219, 200, 0, "2026-10-01", "2026-12-31"},
		} {
			r := row(t, f, "one", w.q)
			if r.CapacityToEnd != w.capTo || math.Abs(r.DueMean-w.due) > 1e-9 || math.Abs(r.DueP50-w.due) > 0.2 || r.POver != w.p ||
				r.From != d(w.from) || r.To != d(w.to) {
				t.Errorf("%s: %s–%s, capacity to the end %g, due %.2f (P50 %.2f), P(over) %g; want %s–%s, %g, %g, %g",
					w.q, r.From, r.To, r.CapacityToEnd, r.DueMean, r.DueP50, r.POver, w.from, w.to, w.capTo, w.due, w.p)
			}
		}
	})

	t.Run("work due stays due in later quarters", func(t *testing.T) {
		// 10 person-days due in March, then an item nothing dated waits
		// on that ends in 2026-Q2, Q3 or Q4 depending on the trial: every
		// quarter's row says 10 person-days are due by its end.
		x := fixed("x", "one", 1, 10)
		x.Target = d("2026-03-20")
		f := run(t, portfolio([]plan.Team{team("one", 1, 1)}, x, item("y", "one", 2, 60, 100, 160)), Options{Trials: 500})
		n := 0
		for _, tq := range f.Teams {
			n++
			if math.Abs(tq.DueMean-10) > 1e-9 || math.Abs(tq.DueP50-10) > 0.1 || math.Abs(tq.DueP85-10) > 0.1 || tq.POver != 0 {
				t.Errorf("%s: due %.2f (P50 %.2f, P85 %.2f), P(over) %g; want 10 due and 0", tq.Quarter, tq.DueMean, tq.DueP50, tq.DueP85, tq.POver)
			}
		}
		if n != 4 {
			t.Errorf("want rows for 2026-Q1 to Q4 (the last trials end in Q4), got %d", n)
		}
	})

	t.Run("an idle team", func(t *testing.T) {
		x := fixed("x", "busy", 1, 100)
		x.Target = d("2026-03-10")
		f := run(t, portfolio([]plan.Team{team("busy", 1, 1), team("idle", 1, 1)}, x), Options{Trials: 200})
		n := 0
		for _, tq := range f.Teams {
			if tq.TeamID != "idle" {
				continue
			}
			n++
			if tq.POver != 0 || tq.DueMean != 0 || tq.WorkMean != 0 || tq.CapacityToEnd <= 0 {
				t.Errorf("idle team: %+v", tq)
			}
		}
		if n < 2 {
			t.Errorf("want the idle team's rows for every quarter the busy one works in, got %d", n)
		}
		if r := row(t, f, "busy", q1); r.POver != 1 {
			t.Errorf("100 person-days due by 10 March for one person: P(over) %g, want 1", r.POver)
		}
	})
}
