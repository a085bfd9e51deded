package outlook

import (
	"reflect"
	"strings"
	"testing"

	"steerco/internal/plan"
)

func TestSampledEffort(t *testing.T) {
	rem := func(r float64) *float64 { return &r }
	inProgress := func(low, likely, high float64, r *float64) plan.Item {
		it := item("x", "a", 1, low, likely, high)
		it.Status, it.Remaining = plan.InProgress, r
		return it
	}
	done := inProgress(20, 28, 40, rem(12))
	done.Status = plan.Done
	counted := item("x", "a", 1, 0, 0, 0)
	counted.Estimate.Count = 5
	cases := []struct {
		name            string
		it              plan.Item
		low, like, high float64
		why             string
	}{
		{"the whole estimate until Remaining is set", item("x", "a", 1, 20, 28, 40), 20, 28, 40,
			"The forecast samples the whole estimate, 20–28–40 person-days (no Remaining set)."},
		{"75 %, 100 % and 150 % of Remaining once it is set", inProgress(20, 28, 40, rem(12)), 9, 12, 18,
			"The forecast samples 9–12–18 person-days remaining: 75 % to 150 % of the 12 remaining. The estimate 20–28–40 is the whole item's and is not used while Remaining is set."},
		{"raising likely 28 → 38 changes nothing", inProgress(20, 38, 40, rem(12)), 9, 12, 18,
			"The estimate 20–38–40"},
		{"Remaining above the whole estimate's high", inProgress(20, 28, 40, rem(50)), 37.5, 50, 75, "37.5–50–75"},
		{"Remaining without an estimate", inProgress(0, 0, 0, rem(3)), 2.25, 3, 4.5,
			"The forecast samples 2.3–3–4.5 person-days remaining: 75 % to 150 % of the 3 remaining."},
		{"nothing remaining", inProgress(20, 28, 40, rem(0)), 0, 0, 0, "No effort remains"},
		{"done", done, 0, 0, 0, "The item is done"},
		{"no estimate", item("x", "a", 1, 0, 0, 0), 0, 0, 0, "no effort estimate"},
		{"story count only", counted, 0, 0, 0, "story count only"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, m, h, why := SampledEffort(&c.it)
			if l != c.low || m != c.like || h != c.high || !strings.Contains(why, c.why) {
				t.Errorf("SampledEffort = %g, %g, %g, %q; want %g, %g, %g and %q", l, m, h, why, c.low, c.like, c.high, c.why)
			}
			if c.it.Open() && c.it.Remaining != nil && *c.it.Remaining > 0 && !strings.HasPrefix(why, "The forecast samples") {
				t.Errorf("why %q", why)
			}
		})
	}
}

// TestRemainingIsWhatIsSampled: an open item's forecast follows the three
// points SampledEffort shows, not the whole estimate. The case:
// Coverage (20–28–40, 12 remaining) raised to likely 38 kept its chance
// going from 22 % to 64 %; now its forecast does not move at all.
func TestRemainingIsWhatIsSampled(t *testing.T) {
	mk := func(likely float64) *plan.Portfolio {
		x := item("x", "a", 1, 20, likely, 40)
		x.Status = plan.InProgress
		r := 12.0
		x.Remaining = &r
		x.Target = d("2026-03-13") // Friday: the end of working day 9, model time 10
		return portfolio([]plan.Team{team("a", 1, 1)}, x)
	}
	a := run(t, mk(28), Options{Trials: 4000})
	b := run(t, mk(38), Options{Trials: 4000})
	if !reflect.DeepEqual(a.Items, b.Items) {
		t.Errorf("raising likely while Remaining is set changed the forecast:\n%+v\n%+v", a.Items[0], b.Items[0])
	}
	// One person, 9–12–18 person-days from Monday 2 March: never before
	// the end of working day 8 (Thursday 12 March), never after working
	// day 17 (Wednesday 25 March). P(≤ 10) for a triangular (9, 12, 18):
	// (10−9)² / ((18−9)(12−9)) = 1/27 ≈ 3.7 %.
	x := a.Item("x")
	if x.Finish.P10 < d("2026-03-12") || x.Finish.P95 > d("2026-03-25") {
		t.Errorf("finish P10 %s, P95 %s: outside 12–25 March", x.Finish.P10, x.Finish.P95)
	}
	if x.PTarget < 0.025 || x.PTarget > 0.05 {
		t.Errorf("P(target) = %.3f, want about 1/27 = 0.037", x.PTarget)
	}
}
