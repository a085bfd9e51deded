package forecast

import (
	"math"
)

// rng is xoshiro256** (Blackman and Vigna), seeded through splitmix64. Every
// trial gets its own generator derived from (seed, trial index), so results
// do not depend on which worker runs the trial.
type rng struct{ s0, s1, s2, s3 uint64 }

func splitmix(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// seed sets the generator to the stream of (seed, stream, index).
func (r *rng) seed(seed uint64, stream uint64, index uint64) {
	x := seed
	x = splitmix(&x) ^ (stream * 0xd1342543de82ef95)
	x = splitmix(&x) ^ index
	_ = splitmix(&x)
	r.s0 = splitmix(&x)
	r.s1 = splitmix(&x)
	r.s2 = splitmix(&x)
	r.s3 = splitmix(&x)
}

func (r *rng) next() uint64 {
	s0, s1, s2, s3 := r.s0, r.s1, r.s2, r.s3
	res := bitsRotl(s1*5, 7) * 9
	t := s1 << 17
	s2 ^= s0
	s3 ^= s1
	s1 ^= s2
	s0 ^= s3
	s2 ^= t
	s3 = bitsRotl(s3, 45)
	r.s0, r.s1, r.s2, r.s3 = s0, s1, s2, s3
	return res
}

func bitsRotl(x uint64, k uint) uint64 { return x<<k | x>>(64-k) }

// float returns a uniform number in the open interval (0, 1).
func (r *rng) float() float64 {
	return (float64(r.next()>>11) + 0.5) * (1.0 / (1 << 53))
}

// intn returns a uniform integer in [0, n).
func (r *rng) intn(n int) int {
	return int((uint64(uint32(r.next()>>32)) * uint64(n)) >> 32)
}

// Streams of the generator: one per purpose so that adding a purpose never
// shifts another's numbers.
const (
	streamTrial = 1
	streamLHS   = 2
)

// sampler kinds
const (
	kFixed uint8 = iota
	kTriangular
	kBeta
	kLognormal
)

// sampler draws from a distribution by inversion of its CDF, so one uniform
// gives one value (this keeps Latin hypercube sampling, the copula and
// common random numbers simple).
type sampler struct {
	kind    uint8
	a, b, c float64
	beta    *betaTab // betapert
}

// betaTab holds the standard Beta(alpha, beta) quantiles on a uniform grid.
type betaTab struct {
	q           []float64
	alpha, beta float64
}

func newSampler(d Dist, betaTables map[[2]float64]*betaTab) sampler {
	switch d.Kind {
	case Triangular:
		if d.High == d.Low {
			return sampler{kind: kFixed, a: d.Low}
		}
		return sampler{kind: kTriangular, a: d.Low, b: d.High, c: (d.Mode - d.Low) / (d.High - d.Low)}
	case BetaPERT:
		if d.High == d.Low {
			return sampler{kind: kFixed, a: d.Low}
		}
		w := d.High - d.Low
		al := 1 + 4*(d.Mode-d.Low)/w
		be := 1 + 4*(d.High-d.Mode)/w
		key := [2]float64{al, be}
		t, ok := betaTables[key]
		if !ok {
			t = &betaTab{q: betaTable(al, be), alpha: al, beta: be}
			betaTables[key] = t
		}
		return sampler{kind: kBeta, a: d.Low, b: w, beta: t}
	case Lognormal:
		mu, s := d.lognormalParams()
		return sampler{kind: kLognormal, a: mu, b: s}
	default:
		return sampler{kind: kFixed, a: d.Value}
	}
}

// quantile returns the value at probability u in (0, 1).
func (s *sampler) quantile(u float64) float64 {
	switch s.kind {
	case kTriangular:
		a, b, fc := s.a, s.b, s.c
		w := b - a
		if u < fc {
			return a + math.Sqrt(u*w*w*fc)
		}
		return b - math.Sqrt((1-u)*w*w*(1-fc))
	case kBeta:
		return s.a + s.b*betaLookup(s.beta.q, u, s.beta.alpha, s.beta.beta)
	case kLognormal:
		return math.Exp(s.a + s.b*normQuantile(u))
	default:
		return s.a
	}
}

// triSampler is a triangular sampler (or a fixed value: w = 0) with its
// constants worked out once per model, for models whose items all have
// one: sampler.quantile's operations on the same values, so the same
// bits, but inlined and without a branch on the side of the mode (a coin
// toss for the branch predictor). Below the mode the quantile is
// a + √(u·w·w·fc), above it b − √((1−u)·w·w·(1−fc)): side k of the table
// holds the constants that make both one formula, base + sgn·√((c0 +
// c1·u)·w·w·f), whose extra operations are exact (0 + 1·u = u,
// 1 + (−1)·u = 1 − u, base + (+1)·q = a + q, base + (−1)·q = b − q), so
// the side is an index instead of a branch.
type triSampler struct {
	fc, w float64
	side  [2]triSide // below the mode, above it
}

type triSide struct {
	c0, c1, f, base, sgn float64
}

func newTriSampler(s sampler) (triSampler, bool) {
	switch s.kind {
	case kTriangular:
		return triSampler{fc: s.c, w: s.b - s.a, side: [2]triSide{
			{c0: 0, c1: 1, f: s.c, base: s.a, sgn: 1},
			{c0: 1, c1: -1, f: 1 - s.c, base: s.b, sgn: -1}}}, true
	case kFixed:
		if math.Signbit(s.a) {
			return triSampler{}, false // a + √0 would be +0, not −0
		}
		// always below the "mode" (fc = 2): a + √0
		return triSampler{fc: 2, side: [2]triSide{{c0: 0, c1: 1, f: 2, base: s.a, sgn: 1}, {}}}, true
	}
	return triSampler{}, false
}

func (s *triSampler) quantile(u float64) float64 {
	var k int
	if !(u < s.fc) {
		k = 1
	}
	d := &s.side[k]
	w := s.w
	return d.base + d.sgn*math.Sqrt((d.c0+d.c1*u)*w*w*d.f)
}

// betaGrid is the number of cells of a Beta quantile table. Inside a cell the
// quantile is interpolated linearly; in the first and last cells it follows
// the power law of the Beta's tails (Q(u) ∝ u^(1/α) near 0), so the error is
// far below the histogram resolution.
const betaGrid = 2048

func betaTable(al, be float64) []float64 {
	t := make([]float64, betaGrid+1)
	lb := lbeta(al, be)
	t[0], t[betaGrid] = 0, 1
	lo := 0.0
	for k := 1; k < betaGrid; k++ {
		u := float64(k) / betaGrid
		// bisection on the regularised incomplete beta, starting from the
		// previous quantile (the table is increasing).
		l, h := lo, 1.0
		for range 64 {
			mid := (l + h) / 2
			if regIncBeta(mid, al, be, lb) < u {
				l = mid
			} else {
				h = mid
			}
		}
		t[k] = (l + h) / 2
		lo = l
	}
	return t
}

func betaLookup(t []float64, u, al, be float64) float64 {
	x := u * betaGrid
	k := int(x)
	if k <= 0 {
		return t[1] * math.Pow(x, 1/al)
	}
	if k >= betaGrid-1 {
		return 1 - (1-t[betaGrid-1])*math.Pow(betaGrid-x, 1/be)
	}
	f := x - float64(k)
	return t[k] + f*(t[k+1]-t[k])
}

func lbeta(a, b float64) float64 {
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return la + lb - lab
}

// regIncBeta is the regularised incomplete beta function I_x(a, b)
// (continued fraction, Numerical Recipes §6.4).
func regIncBeta(x, a, b, lbeta float64) float64 {
	if x <= 0 {
		return 0
	}
	if x >= 1 {
		return 1
	}
	front := math.Exp(a*math.Log(x) + b*math.Log1p(-x) - lbeta)
	if x < (a+1)/(a+b+2) {
		return front * betaCF(x, a, b) / a
	}
	return 1 - front*betaCF(1-x, b, a)/b
}

func betaCF(x, a, b float64) float64 {
	const tiny = 1e-300
	qab, qap, qam := a+b, a+1, a-1
	c, d := 1.0, 1-qab*x/qap
	if math.Abs(d) < tiny {
		d = tiny
	}
	d = 1 / d
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		m2 := 2 * fm
		aa := fm * (b - fm) * x / ((qam + m2) * (a + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		h *= d * c
		aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2))
		d = 1 + aa*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		c = 1 + aa/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		d = 1 / d
		del := d * c
		h *= del
		if math.Abs(del-1) < 1e-15 {
			break
		}
	}
	return h
}

// normQuantile is the standard normal quantile Φ⁻¹(p), Acklam's rational
// approximation refined by one Halley step (relative error below 1e-15).
func normQuantile(p float64) float64 {
	const (
		a1 = -3.969683028665376e+01
		a2 = 2.209460984245205e+02
		a3 = -2.759285104469687e+02
		a4 = 1.383577518672690e+02
		a5 = -3.066479806614716e+01
		a6 = 2.506628277459239e+00
		b1 = -5.447609879822406e+01
		b2 = 1.615858368580409e+02
		b3 = -1.556989798598866e+02
		b4 = 6.680131188771972e+01
		b5 = -1.328068155288572e+01
		c1 = -7.784894002430293e-03
		c2 = -3.223964580411365e-01
		c3 = -2.400758277161838e+00
		c4 = -2.549732539343734e+00
		c5 = 4.374664141464968e+00
		c6 = 2.938163982698783e+00
		d1 = 7.784695709041462e-03
		d2 = 3.224671290700398e-01
		d3 = 2.445134137142996e+00
		d4 = 3.754408661907416e+00
		pl = 0.02425
	)
	var x float64
	switch {
	case p < pl:
		q := math.Sqrt(-2 * math.Log(p))
		x = (((((c1*q+c2)*q+c3)*q+c4)*q+c5)*q + c6) / ((((d1*q+d2)*q+d3)*q+d4)*q + 1)
	case p <= 1-pl:
		q := p - 0.5
		r := q * q
		x = (((((a1*r+a2)*r+a3)*r+a4)*r+a5)*r + a6) * q / (((((b1*r+b2)*r+b3)*r+b4)*r+b5)*r + 1)
	default:
		q := math.Sqrt(-2 * math.Log1p(-p))
		x = -(((((c1*q+c2)*q+c3)*q+c4)*q+c5)*q + c6) / ((((d1*q+d2)*q+d3)*q+d4)*q + 1)
	}
	// Halley refinement
	e := normCDF(x) - p
	u := e * math.Sqrt(2*math.Pi) * math.Exp(x*x/2)
	return x - u/(1+x*u/2)
}

// normCDF is the standard normal CDF Φ(x).
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
