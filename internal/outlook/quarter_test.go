package outlook

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"steerco/internal/plan"
)

// quarter walks from its previous answer; whatever the order of the times
// asked, it must answer as the binary search it replaces, boundaries,
// empty quarters and the clamp to the last quarter included.
func TestQuarterMatchesBinarySearch(t *testing.T) {
	s := &trials{edges: []float64{0, 60, 120, 120, 185, 250, 250, 310}, qs: make([]plan.Quarter, maxQuarters)}
	s.qs = s.qs[:len(s.edges)-1] // one quarter per interval; no growth past the last edge below
	ref := func(t float64) int {
		q := sort.SearchFloat64s(s.edges, t)
		if q < len(s.edges) && s.edges[q] == t {
			q++
		}
		return min(max(q-1, 0), len(s.qs)-1)
	}
	r := rand.New(rand.NewPCG(1, 2))
	times := []float64{0, 60, 120, 119.5, 120, 250, 0, 309.9, 185, 1e-9, -1, math.NaN(), 60, 250.5, 121}
	for range 2000 {
		switch r.IntN(3) {
		case 0:
			times = append(times, s.edges[r.IntN(len(s.edges)-1)])
		default:
			times = append(times, r.Float64()*309)
		}
	}
	for _, x := range times {
		if got, want := s.quarter(x), ref(x); got != want {
			t.Fatalf("quarter(%v) = %d, want %d", x, got, want)
		}
	}
}
