package outlook

import "steerco/internal/plan"

// CurvePoint is one point of a finish date's S-curve (its cumulative
// distribution): the share P of trials that had finished by the end of
// working day Day (counted from Day0), whose date is Date.
type CurvePoint struct {
	Day  int       `json:"day"`
	Date plan.Date `json:"date"`
	P    float64   `json:"p"`
}

// Curve bounds: the S-curve runs over every working day from the P1 day to
// the P99 day; the rarest 1% at either end would only stretch the axis.
const (
	curveLow  = 0.01
	curveHigh = 0.99
)

// curve returns the S-curve of the per-working-day counts h: one point per
// working day from the P1 day to the P99 day, both included, from the
// same exact counts as the percentiles (so the P50 date is the first point
// with P ≥ 0.5). The first point's P holds every trial up to that day and
// the last point's P is at least 0.99. Nil when no trial was counted.
func (s *trials) curve(h []uint32) []CurvePoint {
	if s.N == 0 || len(h) == 0 {
		return nil
	}
	lo, hi := dayQuantile(h, s.N, curveLow), dayQuantile(h, s.N, curveHigh)
	out := make([]CurvePoint, 0, hi-lo+1)
	cum := 0
	for k := 0; k <= hi && k < len(h); k++ {
		cum += int(h[k])
		if k >= lo {
			out = append(out, CurvePoint{Day: k, Date: s.mp.Date(k), P: float64(cum) / float64(s.N)})
		}
	}
	return out
}
