package main

// rng is SplitMix64: tiny, and its output is fixed by this code alone, so the
// generated demo cannot change when the Go release changes math/rand.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// float returns a uniform number in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// intn returns a uniform integer in [0, n).
func (r *rng) intn(n int) int { return int(r.float() * float64(n)) }

// between returns a uniform number in [lo, hi).
// The float64 conversion rounds the product before the addition, which keeps
// compilers from fusing them into one FMA instruction on some CPUs and so
// keeps the output the same everywhere (the Go spec allows fusion otherwise).
func (r *rng) between(lo, hi float64) float64 { return lo + float64((hi-lo)*r.float()) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// normal returns an approximately standard normal number (Irwin–Hall: the
// sum of twelve uniforms, minus six). Only additions, so no libm differences.
func (r *rng) normal() float64 {
	z := -6.0
	for i := 0; i < 12; i++ {
		z += r.float()
	}
	return z
}

// band is one bucket of a piecewise-uniform distribution: weight, low, high.
type band struct{ w, lo, hi float64 }

// pick draws from a piecewise-uniform distribution: a bucket by weight, then
// a uniform value inside it. Skewed delivery times (most changes ship within a
// day, a few wait a week) are written as a handful of such buckets.
func (r *rng) pick(bands []band) float64 {
	total := 0.0
	for _, b := range bands {
		total += b.w
	}
	u := r.float() * total
	for _, b := range bands {
		if u < b.w {
			return r.between(b.lo, b.hi)
		}
		u -= b.w
	}
	b := bands[len(bands)-1]
	return r.between(b.lo, b.hi)
}
