package plan

import "testing"

func TestRemainingEstimate(t *testing.T) {
	r := func(v float64) *float64 { return &v }
	cases := []struct {
		name string
		it   Item
		want Estimate
	}{
		{"not started: the whole estimate", Item{Status: NotStarted, Estimate: Estimate{Low: 20, Likely: 28, High: 40}}, Estimate{Low: 20, Likely: 28, High: 40}},
		{"in progress without Remaining: the whole estimate", Item{Status: InProgress, Estimate: Estimate{Low: 20, Likely: 28, High: 40}}, Estimate{Low: 20, Likely: 28, High: 40}},
		{"in progress: 75–100–150 % of Remaining", Item{Status: InProgress, Estimate: Estimate{Low: 20, Likely: 28, High: 40}, Remaining: r(12)}, Estimate{Low: 9, Likely: 12, High: 18}},
		{"the whole estimate does not matter once Remaining is set", Item{Status: InProgress, Estimate: Estimate{Low: 20, Likely: 38, High: 40}, Remaining: r(12)}, Estimate{Low: 9, Likely: 12, High: 18}},
		{"Remaining 0: nothing left", Item{Status: InProgress, Estimate: Estimate{Low: 20, Likely: 28, High: 40}, Remaining: r(0)}, Estimate{}},
		{"done: nothing left", Item{Status: Done, Estimate: Estimate{Low: 20, Likely: 28, High: 40}, Remaining: r(12)}, Estimate{}},
		{"cancelled: nothing left", Item{Status: Cancelled, Estimate: Estimate{Low: 20, Likely: 28, High: 40}}, Estimate{}},
	}
	for _, c := range cases {
		if got := c.it.RemainingEstimate(); got != c.want {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

// TestRemainingEstimateMonotone: raising any of low, likely, high or
// remaining never lowers any of the three points the forecast samples
// (so never makes the remaining effort stochastically smaller).
func TestRemainingEstimateMonotone(t *testing.T) {
	vals := []float64{0, 1, 3, 8, 12, 20, 28, 38, 40, 60}
	at := func(l, m, h float64, rem *float64) Estimate {
		it := Item{Status: InProgress, Estimate: Estimate{Low: l, Likely: m, High: h}, Remaining: rem}
		return it.RemainingEstimate()
	}
	le := func(a, b Estimate) bool { return a.Low <= b.Low && a.Likely <= b.Likely && a.High <= b.High }
	n := 0
	for _, l := range vals {
		for _, m := range vals {
			for _, h := range vals {
				if !(l <= m && m <= h) {
					continue
				}
				for ri := -1; ri < len(vals); ri++ {
					var rem *float64
					if ri >= 0 {
						rem = &vals[ri]
					}
					e := at(l, m, h, rem)
					if !(e.Low <= e.Likely && e.Likely <= e.High) {
						t.Errorf("%g/%g/%g remaining %v: %+v is not ordered", l, m, h, rem, e)
					}
					for _, up := range vals {
						if up > l && up <= m && !le(e, at(up, m, h, rem)) {
							t.Errorf("raising low %g → %g (%g/%g, remaining %v): %+v → %+v", l, up, m, h, rem, e, at(up, m, h, rem))
						}
						if up > m && up <= h && !le(e, at(l, up, h, rem)) {
							t.Errorf("raising likely %g → %g: %+v → %+v", m, up, e, at(l, up, h, rem))
						}
						if up > h && !le(e, at(l, m, up, rem)) {
							t.Errorf("raising high %g → %g: %+v → %+v", h, up, e, at(l, m, up, rem))
						}
						if rem != nil && up > *rem && !le(e, at(l, m, h, &up)) {
							t.Errorf("raising remaining %g → %g: %+v → %+v", *rem, up, e, at(l, m, h, &up))
						}
						n++
					}
				}
			}
		}
	}
	t.Logf("%d comparisons", n)
}
