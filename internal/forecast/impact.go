package forecast

import (
	"context"
	"math"
)

// A run with one risk excluded differs from the base run only in the
// trials where that risk fires: with common random numbers every other
// trial is the same trial. RiskImpacts only needs each item's finish P85
// and P(finish ≤ target) and the portfolio's P85, which come from counts
// (histograms, hits) and exact extremes. So for a risk that fires in fewer
// than half of the trials, the base run's counts are corrected instead of
// re-running every trial: each trial where the risk fired is simulated
// twice (with the risk, to take out its base bins, and without, to put
// in the new ones). The extremes of the trials where the risk did not fire
// are kept by the base run (riskTrack). Counts and extremes are exact, so
// the impacts are the same bits as with full exclusion runs.

// A risk that fires in half of the trials or more is re-run in full, but
// counting only what RiskImpacts needs (finish bins, hits, the portfolio
// finish) and without the backward pass: whole is then set, the counts
// start from zero and the base run's are not used.

// riskTrack is what the base run keeps for the corrected runs.
type riskTrack struct {
	R     int
	fired []bool // fired[t*R+k]: risk k fired in trial t
	ex    []*riskEx
	// When they fit in keepBytes, the base run also keeps every trial's
	// finish bins (bins[t*n+i]), portfolio finish bin (binT[t]) and hits
	// (bit j of hit[t*hitWords:], for item tgt[j]: whole words per trial,
	// so that workers never write the same word), so that a corrected
	// trial is simulated once, with the risk excluded, instead of twice.
	keep     bool
	bins     []uint16
	binT     []uint16
	tgt      []int32 // items with a target
	hit      []uint64
	hitWords int
	// For Drivers' estimates (drivers.go): the items counted and, per
	// trial, how many of them met their target.
	counted []int32
	hits    []int32
}

// keepBytes bounds the memory of the kept base bins (a variable so that
// tests can turn keeping off). A 10,000-item programme with 1,000 risks
// (13,000 nodes) needs 266 MB at 10,000 trials: kept, its exact risk
// drivers cost half (each corrected trial simulated once), which is what
// brings its forecast with drivers under 15 s on two cores.
var keepBytes = 320 << 20

// riskEx holds one worker's finishes outside the histogram range (as
// observe keeps them; rare past the pilot, whose range they come from),
// from which a corrected run takes the extremes of the trials where its
// risk did not fire, and per risk the extremes of the portfolio finish in
// those trials.
type riskEx struct {
	out        []outFinish
	minT, maxT []float64 // [k]
}

// outFinish is item i's finish f in trial t, outside its histogram range.
type outFinish struct {
	t, i int32
	f    float64
}

func (e *engine) newRiskTrack() *riskTrack {
	R, n := len(e.c.risks), e.c.n
	N := e.opt.Trials
	tr := &riskTrack{R: R, fired: make([]bool, N*R), ex: make([]*riskEx, e.opt.Workers)}
	for i := range n {
		if e.c.hasTgt[i] {
			tr.tgt = append(tr.tgt, int32(i))
		}
	}
	tr.hitWords = (len(tr.tgt) + 63) / 64
	if need := N * (2*n + 2 + 8*tr.hitWords); need <= keepBytes {
		tr.keep = true
		tr.bins = make([]uint16, N*n)
		tr.binT = make([]uint16, N)
		tr.hit = make([]uint64, N*tr.hitWords)
	}
	for w := range tr.ex {
		tr.ex[w] = &riskEx{minT: fill(R, math.Inf(1)), maxT: fill(R, math.Inf(-1))}
	}
	return tr
}

// note records trial t (the k-th of its block, already observed by worker
// w) for the corrected runs.
func (tr *riskTrack) note(e *engine, s *sim, w, t, k int) {
	R, n := tr.R, e.c.n
	tr.noteHits(e.c, s, t)
	fired := tr.fired[t*R : (t+1)*R]
	copy(fired, s.fired)
	x := tr.ex[w]
	for r, f := range fired {
		if !f {
			x.minT[r] = math.Min(x.minT[r], s.T)
			x.maxT[r] = math.Max(x.maxT[r], s.T)
		}
	}
	binF := e.acc[w].binF[k*n : (k+1)*n]
	if tr.keep {
		copy(tr.bins[t*n:(t+1)*n], binF)
		tr.binT[t] = uint16(e.rT.bin(s.T))
		hit := tr.hit[t*tr.hitWords : (t+1)*tr.hitWords]
		for j, i := range tr.tgt {
			if s.finish[i] <= e.c.target[i] {
				hit[j>>6] |= 1 << (j & 63)
			}
		}
	}
	for i, b := range binF {
		if uint(b-1) < histBins {
			continue
		}
		x.out = append(x.out, outFinish{t: int32(t), i: int32(i), f: s.finish[i]})
	}
}

// fires returns in how many trials risk r fired.
func (tr *riskTrack) fires(r int) int {
	c := 0
	for t := r; t < len(tr.fired); t += tr.R {
		if tr.fired[t] {
			c++
		}
	}
	return c
}

// skipAcc is one worker's corrections for one excluded risk.
type skipAcc struct {
	sb, sx     *sim    // base and excluded simulations of the same trial
	dF         []int32 // finish histogram changes, [i*hsize+bin]
	dHit       []int32
	dT         []int32
	minF, maxF []float64 // out-of-range finishes of the corrected trials
	minT, maxT float64
}

// correctedImpact computes risk r's impact (see RiskImpacts) from the base
// run e (finished: its first workerAcc holds the merged counts) and its
// riskTrack, simulating only the trials where r fired.
func (e *engine) correctedImpact(ctx context.Context, tr *riskTrack, r int, whole bool, accs []*skipAcc, base *Result, progress func(done, total int)) (RiskImpact, error) {
	c := e.c
	n := c.n
	excl := make([]bool, len(c.risks))
	excl[r] = true
	for w, a := range accs {
		if a == nil {
			a = &skipAcc{sb: newSim(c, e.opt.Seed, make([]bool, len(c.risks)), e.opt.Sampling == LatinHypercube),
				dF: make([]int32, n*hsize), dHit: make([]int32, n), dT: make([]int32, hsize),
				minF: make([]float64, n), maxF: make([]float64, n)}
			a.sx = newSim(c, e.opt.Seed, excl, e.opt.Sampling == LatinHypercube)
			a.sb.noCrit, a.sx.noCrit = true, true
			accs[w] = a
		}
		a.sx.excluded = excl
		clear(a.dF)
		clear(a.dHit)
		clear(a.dT)
		for i := range a.minF {
			a.minF[i], a.maxF[i] = math.Inf(1), math.Inf(-1)
		}
		a.minT, a.maxT = math.Inf(1), math.Inf(-1)
	}
	R := tr.R
	err := runBlocks(ctx, e.opt.Trials, len(accs), func() *blockOut { return &blockOut{} },
		func(w, lo, hi int, _ *blockOut) {
			a := accs[w]
			if whole {
				a.sx.setBlock(lo, hi-lo)
				for t := lo; t < hi; t++ {
					a.sx.trial(t)
					e.count(a)
				}
				return
			}
			set := false
			for t := lo; t < hi; t++ {
				if !tr.fired[t*R+r] {
					continue
				}
				if !set {
					if !tr.keep {
						a.sb.setBlock(lo, hi-lo)
					}
					a.sx.setBlock(lo, hi-lo)
					set = true
				}
				if tr.keep {
					a.sx.trial(t)
					e.correctKept(a, tr, t)
					continue
				}
				a.sb.trial(t)
				a.sx.trial(t)
				e.correct(a)
			}
		}, func(*blockOut) error { return nil }, progress)
	if err != nil {
		return RiskImpact{}, err
	}
	acc := e.acc[0]
	N := e.opt.Trials
	ri := RiskImpact{Risk: c.risks[r], ItemP85: make([]float64, n), PTarget: make([]float64, n)}
	counts := make([]uint64, hsize)
	// the base run's out-of-range finishes of the trials where r did not fire
	exMin, exMax := fill(n, math.Inf(1)), fill(n, math.Inf(-1))
	if !whole {
		for _, x := range tr.ex {
			for _, o := range x.out {
				if !tr.fired[int(o.t)*R+r] {
					exMin[o.i], exMax[o.i] = min(exMin[o.i], o.f), max(exMax[o.i], o.f)
				}
			}
		}
	}
	for mi, ii := range c.inv {
		i := int(ii)
		outMin, outMax := exMin[i], exMax[i]
		for _, a := range accs {
			outMin, outMax = math.Min(outMin, a.minF[i]), math.Max(outMax, a.maxF[i])
		}
		for b := range counts {
			var v int64
			if !whole {
				v = int64(acc.hF[i*hsize+b])
			}
			for _, a := range accs {
				v += int64(a.dF[i*hsize+b])
			}
			counts[b] = uint64(v)
		}
		d := newDist(e.rF[i], counts, uint64(N), outMin, outMax)
		ri.ItemP85[mi] = base.Items[mi].Finish.P85 - d.quantile(0.85)
		if p := base.Items[mi].PTarget; p != nil && c.hasTgt[i] {
			var h int64
			if !whole {
				h = int64(acc.hit[i])
			}
			for _, a := range accs {
				h += int64(a.dHit[i])
			}
			ri.PTarget[mi] = *p - float64(h)/float64(N)
		}
	}
	minT, maxT := math.Inf(1), math.Inf(-1)
	if !whole {
		for _, x := range tr.ex {
			minT, maxT = math.Min(minT, x.minT[r]), math.Max(maxT, x.maxT[r])
		}
	}
	for _, a := range accs {
		minT, maxT = math.Min(minT, a.minT), math.Max(maxT, a.maxT)
	}
	hT := make([]uint64, hsize)
	for b := range hT {
		var v int64
		if !whole {
			v = int64(acc.hT[b])
		}
		for _, a := range accs {
			v += int64(a.dT[b])
		}
		hT[b] = uint64(v)
	}
	dT := newDist(e.rT, hT, uint64(N), minT, maxT)
	dT.min, dT.max = minT, maxT
	ri.PortfolioP85 = base.Portfolio.Finish.P85 - dT.quantile(0.85)
	return ri, nil
}

// correct moves one trial from its base bins to its bins with the risk
// excluded, as observe bins them.
func (e *engine) correct(a *skipAcc) {
	c := e.c
	n := c.n
	par := e.par[:n]
	fb, fx := a.sb.finish[:n], a.sx.finish[:n]
	target := c.target[:n]
	for i := range par {
		p := &par[i]
		f, g := fb[i], fx[i]
		bb := int(min(max((f-p.loF)*p.invF, -1), histBins) + 1)
		bx := int(min(max((g-p.loF)*p.invF, -1), histBins) + 1)
		if bb != bx {
			a.dF[i*hsize+bb]--
			a.dF[i*hsize+bx]++
		}
		if uint(bx-1) >= histBins {
			a.minF[i], a.maxF[i] = min(a.minF[i], g), max(a.maxF[i], g)
		}
		if c.anyTarget {
			var h int32
			if f <= target[i] {
				h--
			}
			if g <= target[i] {
				h++
			}
			a.dHit[i] += h
		}
	}
	a.dT[e.rT.bin(a.sb.T)]--
	a.dT[e.rT.bin(a.sx.T)]++
	a.minT = math.Min(a.minT, a.sx.T)
	a.maxT = math.Max(a.maxT, a.sx.T)
}

// count adds one trial with the risk excluded (whole runs).
func (e *engine) count(a *skipAcc) {
	c := e.c
	n := c.n
	par := e.par[:n]
	fx := a.sx.finish[:n]
	target := c.target[:n]
	for i := range par {
		p := &par[i]
		g := fx[i]
		bx := int(min(max((g-p.loF)*p.invF, -1), histBins) + 1)
		a.dF[i*hsize+bx]++
		if uint(bx-1) >= histBins {
			a.minF[i], a.maxF[i] = min(a.minF[i], g), max(a.maxF[i], g)
		}
		if g <= target[i] {
			a.dHit[i]++
		}
	}
	a.dT[e.rT.bin(a.sx.T)]++
	a.minT = math.Min(a.minT, a.sx.T)
	a.maxT = math.Max(a.maxT, a.sx.T)
}

// correctKept is correct with the base trial's bins and hits as the base
// run kept them.
func (e *engine) correctKept(a *skipAcc, tr *riskTrack, t int) {
	c := e.c
	n := c.n
	par := e.par[:n]
	fx := a.sx.finish[:n]
	bins := tr.bins[t*n : (t+1)*n]
	for i := range par {
		p := &par[i]
		g := fx[i]
		bb := int(bins[i])
		bx := int(min(max((g-p.loF)*p.invF, -1), histBins) + 1)
		if bb != bx {
			a.dF[i*hsize+bb]--
			a.dF[i*hsize+bx]++
		}
		if uint(bx-1) >= histBins {
			a.minF[i], a.maxF[i] = min(a.minF[i], g), max(a.maxF[i], g)
		}
	}
	hit := tr.hit[t*tr.hitWords : (t+1)*tr.hitWords]
	for j, i := range tr.tgt {
		var h int32
		if hit[j>>6]&(1<<(j&63)) != 0 {
			h--
		}
		if fx[i] <= c.target[i] {
			h++
		}
		a.dHit[i] += h
	}
	a.dT[tr.binT[t]]--
	a.dT[e.rT.bin(a.sx.T)]++
	a.minT = math.Min(a.minT, a.sx.T)
	a.maxT = math.Max(a.maxT, a.sx.T)
}
