package forecast

import (
	"math"
	"sort"
)

// histBins is the number of bins of a start or finish histogram. The bins
// span the range seen in the pilot run widened by half of it on each side;
// values outside fall in an underflow or overflow bin whose extent is the
// exact minimum or maximum. Inside a bin values are taken as uniform, so a
// percentile's resolution is (pilot range × 2)/histBins, interpolated.
const histBins = 1024

// hrange maps values to histogram bins: bin 0 is the underflow, bins
// 1..histBins the range, bin histBins+1 the overflow.
type hrange struct {
	lo, hi, inv float64
	// point is set when the pilot saw a single value, which is then pin
	point bool
	pin   float64
}

const hsize = histBins + 2

func newRange(min, max float64) hrange {
	span := max - min
	if span <= 0 || math.IsInf(span, 0) || math.IsNaN(span) {
		span = 1e-6 * math.Max(1, math.Abs(min))
		if math.IsInf(span, 0) || math.IsNaN(span) {
			span = 1
			min = 0
		}
		return hrange{lo: min - span/2, hi: min + span/2, inv: histBins / span, point: true, pin: min}
	}
	lo, hi := min-span/2, max+span/2
	return hrange{lo: lo, hi: hi, inv: histBins / (hi - lo)}
}

func (r *hrange) bin(x float64) int {
	f := (x - r.lo) * r.inv
	if f < 0 {
		return 0
	}
	if f >= histBins {
		return histBins + 1
	}
	return int(f) + 1
}

// newDist finishes a histogram. outMin and outMax are the exact extremes of
// the values outside the range (±Inf when there were none); inside the range
// the extremes are the edges of the outermost non-empty bins, or the pilot's
// single value when every value fell in the range of a pilot that saw only
// that value.
func newDist[C uint32 | uint64](r hrange, counts []C, n uint64, outMin, outMax float64) *dist {
	// Only the cumulative counts are kept (a bin's count is the difference
	// of two): a Summary holds its dist, so a result of many items keeps
	// 4 bytes per bin rather than 16. Counts add up to at most the number
	// of trials, which fits in 32 bits.
	d := newDistExtremes(r, counts, n, outMin, outMax)
	d.cum = make([]uint32, len(counts))
	var c uint32
	for b, v := range counts {
		c += uint32(v)
		d.cum[b] = c
	}
	return d
}

// newDistOwned is newDist for counts that nothing reads afterwards: it
// turns them into the cumulative counts in place instead of copying them
// (82 MB of histograms at 10,000 items).
func newDistOwned(r hrange, counts []uint32, n uint64, outMin, outMax float64) *dist {
	d := newDistExtremes(r, counts, n, outMin, outMax)
	var c uint32
	for b, v := range counts {
		c += v
		counts[b] = c
	}
	d.cum = counts
	return d
}

// newDistExtremes returns a dist with counts' extremes (see newDist) and
// no cumulative counts yet.
func newDistExtremes[C uint32 | uint64](r hrange, counts []C, n uint64, outMin, outMax float64) *dist {
	d := &dist{r: r, n: n, min: outMin, max: outMax}
	w := (r.hi - r.lo) / histBins
	first, last := -1, -1
	for b := 1; b <= histBins; b++ {
		if counts[b] > 0 {
			if first < 0 {
				first = b
			}
			last = b
		}
	}
	if first > 0 {
		lo, hi := r.lo+float64(first-1)*w, r.lo+float64(last)*w
		if r.point {
			lo, hi = r.pin, r.pin
		}
		if counts[0] == 0 {
			d.min = lo
		}
		if counts[histBins+1] == 0 {
			d.max = hi
		}
	}
	return d
}

// dist is a finished histogram with its exact moments and extremes.
type dist struct {
	r        hrange
	cum      []uint32 // cum[b] = Σ counts[:b+1], hsize values
	n        uint64
	min, max float64
	mean, sd float64
}

// bins is the number of bins; count(b) is the count of bin b, below(b)
// the count of the bins before b.
func (d *dist) bins() int          { return len(d.cum) }
func (d *dist) count(b int) uint32 { return d.cum[b] - d.below(b) }
func (d *dist) below(b int) uint32 {
	if b == 0 {
		return 0
	}
	return d.cum[b-1]
}

// quantile returns the q-quantile by linear interpolation inside the bin
// where the cumulative count crosses q·n.
func (d *dist) quantile(q float64) float64 {
	if d.n == 0 {
		return math.NaN()
	}
	if d.min == d.max {
		return d.min
	}
	q = math.Min(1, math.Max(0, q))
	target := q * float64(d.n)
	// the first bin whose cumulative count reaches the target
	nb := d.bins()
	b := sort.Search(nb, func(b int) bool { return float64(d.cum[b]) >= target })
	for b < nb && d.count(b) == 0 {
		b++
	}
	if b == nb {
		return d.max
	}
	lo, hi := d.binEdges(b)
	x := lo + (hi-lo)*(target-float64(d.below(b)))/float64(d.count(b))
	return math.Min(d.max, math.Max(d.min, x))
}

func (d *dist) binEdges(b int) (lo, hi float64) {
	w := (d.r.hi - d.r.lo) / histBins
	switch {
	case b == 0:
		return d.min, d.r.lo
	case b == histBins+1:
		return d.r.hi, d.max
	}
	lo = d.r.lo + float64(b-1)*w
	return math.Max(lo, d.min), math.Min(lo+w, d.max)
}

// cdf returns the estimated P(X ≤ x).
func (d *dist) cdf(x float64) float64 {
	if d.n == 0 {
		return math.NaN()
	}
	if x < d.min {
		return 0
	}
	if x >= d.max {
		return 1
	}
	cum := 0.0
	for b := range d.bins() {
		c := d.count(b)
		if c == 0 {
			continue
		}
		lo, hi := d.binEdges(b)
		if x >= hi {
			cum += float64(c)
			continue
		}
		if x > lo && hi > lo {
			cum += float64(c) * (x - lo) / (hi - lo)
		}
		break
	}
	return cum / float64(d.n)
}

// summary builds the public summary, with the standard error of each
// percentile by the binomial (order-statistic) method: the count of trials
// below the q-quantile is binomial(n, q), so its rank is uncertain by
// √(n·q·(1−q)); SE = (Q(q+s) − Q(q−s))/2 with s = √(q(1−q)/n).
func (d *dist) summary() Summary {
	s := Summary{Mean: d.mean, SD: d.sd, Min: d.min, Max: d.max, d: d}
	qs := [4]float64{0.10, 0.50, 0.85, 0.95}
	var p, se [4]float64
	for k, q := range qs {
		p[k] = d.quantile(q)
		h := math.Sqrt(q * (1 - q) / float64(d.n))
		se[k] = (d.quantile(q+h) - d.quantile(q-h)) / 2
	}
	s.P10, s.P50, s.P85, s.P95 = p[0], p[1], p[2], p[3]
	s.SE = Percentiles{P10: se[0], P50: se[1], P85: se[2], P95: se[3]}
	return s
}

// rankTable approximates a value's CDF from the pilot sample, for the
// Spearman rank correlation: rankCells cells over the pilot's range, with
// mid-ranks at the cell edges, linear in between. The table is small
// (float32) so that a thousand of them stay in cache.
const rankCells = 64

type rankTable struct {
	lo, inv float64
	tab     []float32 // rankCells+1 values
	flat    bool
}

// newRankTable builds the table in tab by counting the sample into the
// cells (no sort): the value at an inner edge is the share of the sample
// below it; at the extremes, ties count half (mid-ranks).
func newRankTable(sample []float64, tab []float32) rankTable {
	t := rankTable{tab: tab[:rankCells+1]}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range sample {
		lo, hi = min(lo, x), max(hi, x) // math.Min and math.Max, inlined
	}
	if !(hi > lo) || math.IsInf(hi-lo, 0) {
		t.flat = true
		return t
	}
	t.lo, t.inv = lo, rankCells/(hi-lo)
	var cells [rankCells]int
	eqLo, eqHi := 0, 0
	for _, x := range sample {
		cells[min(int((x-lo)*t.inv), rankCells-1)]++
		if x == lo {
			eqLo++
		}
		if x == hi {
			eqHi++
		}
	}
	n := float64(len(sample))
	below := 0
	for k := 0; k <= rankCells; k++ {
		switch k {
		case 0:
			t.tab[k] = float32(0.5 * float64(eqLo) / n)
		case rankCells:
			t.tab[k] = float32((n - 0.5*float64(eqHi)) / n)
		default:
			t.tab[k] = float32(float64(below) / n)
		}
		if k < rankCells {
			below += cells[k]
		}
	}
	return t
}

func (t *rankTable) rank(x float64) float64 {
	if t.flat {
		return 0.5
	}
	f := (x - t.lo) * t.inv
	if f <= 0 {
		return float64(t.tab[0])
	}
	if f >= rankCells {
		return float64(t.tab[rankCells])
	}
	k := int(f)
	a := float64(t.tab[k])
	return a + (f-float64(k))*(float64(t.tab[k+1])-a)
}
