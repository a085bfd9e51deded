package outlook

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"steerco/internal/plan"
)

// quarter reads its answer from per-day tables when the boundaries are
// whole days; it must answer as the binary search, boundaries, empty
// quarters and the clamp to the last quarter included, and search when a
// boundary is not a whole day.
func TestQuarterMatchesBinarySearch(t *testing.T) {
	for _, edges := range [][]float64{{0, 60, 120, 120, 185, 250, 250, 310}, {0, 60, 120.5, 185, 310}} {
		quarterMatches(t, edges)
	}
}

func quarterMatches(t *testing.T, edges []float64) {
	s := &trials{edges: edges, qs: make([]plan.Quarter, len(edges)-1)} // one quarter per interval; no growth below the last edge
	ref := func(t float64) int {
		q := sort.SearchFloat64s(s.edges, t)
		if q < len(s.edges) && s.edges[q] == t {
			q++
		}
		return min(max(q-1, 0), len(s.qs)-1)
	}
	r := rand.New(rand.NewPCG(1, 2))
	times := []float64{0, 60, 120, 119.5, 120, 120.5, 250, 0, 309.9, 185, 1e-9, -1, math.NaN(), 60, 250.5, 121, math.Nextafter(120, 0), math.Nextafter(120, 200)}
	for range 2000 {
		switch r.IntN(4) {
		case 1:
			times = append(times, float64(r.IntN(310)))
		case 0:
			times = append(times, s.edges[r.IntN(len(s.edges)-1)])
		default:
			times = append(times, r.Float64()*309)
		}
	}
	for _, x := range times {
		if got, want := s.quarter(x), ref(x); got != want {
			t.Fatalf("edges %v: quarter(%v) = %d, want %d", edges, x, got, want)
		}
	}
}
