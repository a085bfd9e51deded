package outlook

import (
	"math"
	"reflect"
	"testing"

	"steerco/internal/outlook/scaletest"
	"steerco/internal/plan"
)

// The workers count the trials into tables of their own, added up after
// the run, and the order-dependent sums (the team quarters' means, the
// money totals) are merged block by block in trial order: a generated
// programme with teams, quarters, risks, penalties and curves forecasts
// the same, to the bit, for any number of workers.
func TestWorkersGiveTheSameForecast(t *testing.T) {
	p := scaletest.Portfolio(scaletest.Options{Items: 600, Teams: 8, Risks: 30, BudgetLines: 20, Deployments: 10})
	opt := func(w int) Options {
		return Options{Trials: 1300, Seed: 3, Workers: w, AsOf: scaletest.AsOf, Curves: true, CostWithPenalties: true}
	}
	want := run(t, p, opt(1))
	if len(want.Teams) == 0 || want.JCL == nil {
		t.Fatal("the generated programme has no team quarters or no JCL")
	}
	for _, w := range []int{2, 3, 5} {
		if got := run(t, p, opt(w)); !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: the forecast differs from one worker's", w)
		}
	}
}

// workOrder reads the work nodes in model order as far as it can without
// taking a team's item before an earlier one of the same team (the team
// quarters' sums keep their bits only in the team's order).
func TestWorkOrder(t *testing.T) {
	cases := []struct {
		name  string
		items [][]int // per team, its nodes in its order
		want  []int32 // nodes in the order loads reads them
	}{
		{"teams in model order", [][]int{{0, 2, 5}, {1, 3, 4}}, []int32{0, 1, 2, 3, 4, 5}},
		{"a team out of model order", [][]int{{4, 0, 2}, {1, 3, 5}}, []int32{1, 3, 4, 0, 2, 5}},
		{"equal places: team after team", [][]int{{3, 0}, {1, 2}, {4}}, []int32{1, 2, 3, 0, 4}},
		{"no work", [][]int{{}, {}}, []int32{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var work []workItem
			for team, its := range c.items {
				for _, i := range its {
					work = append(work, workItem{node: int32(i), team: int32(team)})
				}
			}
			got := []int32{}
			next := make([]int, len(c.items)) // each team's next item
			for _, w := range workOrder(work) {
				got = append(got, w.node)
				if want := c.items[w.team][next[w.team]]; int(w.node) != want {
					t.Errorf("team %d: node %d read before node %d", w.team, w.node, want)
				}
				next[w.team]++
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("order %v, want %v", got, c.want)
			}
		})
	}
}

// tabQuarter answers as quarter's search wherever its tables hold the
// answer, at whole days (negative zero included) and between them, and
// leaves the rest to quarter.
func TestTabQuarter(t *testing.T) {
	s := &trials{edges: []float64{0, 0, 3, 5}, qs: make([]plan.Quarter, 3), tabEdges: -1}
	s.qtab()
	if s.tabEnd != 5 {
		t.Fatalf("tables end at %v, want 5", s.tabEnd)
	}
	for _, x := range []float64{math.Copysign(0, -1), 0, 1e-300, 0.5, 1, 2.999999, 3, 3.5, 4, 4.999} {
		if got, want := s.tabQuarter(x), s.search(x); got != want {
			t.Errorf("tabQuarter(%v) = %d, search %d", x, got, want)
		}
	}
	for _, x := range []float64{-1e-9, 5, 7.5, math.Inf(1)} {
		if got := s.tabQuarter(x); got != -1 {
			t.Errorf("tabQuarter(%v) = %d outside the tables, want -1", x, got)
		}
	}
}

// runMax gives max's running maximum, to the bit, from +0 over any
// values: zeros of both signs, infinities, NaN.
func TestRunMax(t *testing.T) {
	negZero, nan, inf := math.Copysign(0, -1), math.NaN(), math.Inf(1)
	for _, xs := range [][]float64{
		{1, 3, 2, 3, 0.5},
		{negZero, 0, negZero},
		{negZero, 2, negZero, -1, -inf},
		{1, nan, 5},
		{inf, 3, nan},
		{-2, -1},
	} {
		m, want := 0.0, 0.0
		for _, x := range xs {
			m, want = runMax(m, x), max(want, x)
			if math.Float64bits(m) != math.Float64bits(want) && !(math.IsNaN(m) && math.IsNaN(want)) {
				t.Errorf("%v: running max %v, max gives %v", xs, m, want)
				break
			}
		}
	}
}

// startDay and finishDay give ⌊t⌋ and ⌈t⌉−1 (within eps, clamped to
// [0, maxDays]) exactly as Floor and Ceil would, at whole days, next to
// them and far out.
func TestStartFinishDay(t *testing.T) {
	floor := func(t float64) int { return int(min(maxDays, max(0, math.Floor(t+eps)))) }
	ceil := func(t float64) int { return int(min(maxDays, max(0, math.Ceil(t-eps)-1))) }
	xs := []float64{math.Copysign(0, -1), math.Inf(1), math.Inf(-1), -1e300, 1e300}
	for d := -3.0; d <= maxDays+3; d++ {
		for _, x := range []float64{d, d + eps, d - eps, math.Nextafter(d+eps, 0), math.Nextafter(d-eps, 0), d + 0.5, d + 1 - 1e-9} {
			xs = append(xs, x, math.Nextafter(x, math.Inf(1)), math.Nextafter(x, math.Inf(-1)))
		}
	}
	for _, x := range xs {
		if got, want := startDay(x), floor(x); got != want {
			t.Errorf("startDay(%v) = %d, want %d", x, got, want)
		}
		if got, want := finishDay(x), ceil(x); got != want {
			t.Errorf("finishDay(%v) = %d, want %d", x, got, want)
		}
	}
}

// dayCounts counts as a plain table would, growing down and up, past
// 65,536 trials on one day (where its 16-bit counts wrap) and after.
func TestDayCounts(t *testing.T) {
	var h dayCounts
	want := map[int]uint32{}
	count := func(d, times int) {
		for range times {
			h.add(d)
		}
		want[d] += uint32(times)
	}
	count(50, 3)
	count(40, 70000) // below lo, then wraps
	count(60, 1)
	count(10, 2)     // below lo again: wrap moves with the counts
	count(90, 65536) // above, wraps to exactly 0
	count(40, 65536)
	got := h.addTo(nil)
	for d := range got {
		if got[d] != want[d] {
			t.Errorf("day %d: %d trials, want %d", d, got[d], want[d])
		}
	}
	if len(got) != 91 {
		t.Errorf("%d days, want 91", len(got))
	}
}
