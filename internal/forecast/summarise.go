package forecast

// The result: the accumulated sums and histograms turned into a Result.

import (
	"math"
)

// result merges the workers' statistics (in worker order; counts and
// extremes do not depend on the order) and builds the Result.
func (e *engine) result() *Result {
	c := e.c
	n := c.n
	N := float64(e.opt.Trials)
	a := e.acc[0]
	for _, b := range e.acc[1:] {
		if b.hist != a.hist {
			for k := range a.hS {
				a.hS[k] += b.hS[k]
				a.hF[k] += b.hF[k]
			}
		}
		for i := 0; i < n; i++ {
			a.minS[i] = math.Min(a.minS[i], b.minS[i])
			a.maxS[i] = math.Max(a.maxS[i], b.maxS[i])
			a.minF[i] = math.Min(a.minF[i], b.minF[i])
			a.maxF[i] = math.Max(a.maxF[i], b.maxF[i])
			a.crit[i] += b.crit[i]
			a.hit[i] += b.hit[i]
		}
		a.joint += b.joint
		for k := range a.hT {
			a.hT[k] += b.hT[k]
		}
		a.minT = math.Min(a.minT, b.minT)
		a.maxT = math.Max(a.maxT, b.maxT)
		for tm := range a.periods {
			if len(b.periods[tm]) > len(a.periods[tm]) {
				a.periods[tm] = append(a.periods[tm], make([]periodAcc, len(b.periods[tm])-len(a.periods[tm]))...)
			}
			for p := range b.periods[tm] {
				x, y := &a.periods[tm][p], &b.periods[tm][p]
				for k := range x.work {
					x.work[k] += y.work[k]
					x.demand[k] += y.demand[k]
				}
				if y.nWork > 0 && (x.nWork == 0 || y.minW < x.minW) {
					x.minW = y.minW
				}
				if y.nDem > 0 && (x.nDem == 0 || y.minD < x.minD) {
					x.minD = y.minD
				}
				x.maxW = math.Max(x.maxW, y.maxW)
				x.maxD = math.Max(x.maxD, y.maxD)
				x.nWork += y.nWork
				x.nDem += y.nDem
				x.over += y.over
			}
		}
	}
	r := &Result{Trials: e.opt.Trials, Seed: e.opt.Seed, Sampling: e.opt.Sampling, Period: e.opt.Period,
		Excluded: e.opt.Exclude, index: make(map[string]int, n)}
	meanSD := func(s, s2, centre float64) (float64, float64) {
		m := s / N
		v := s2/N - m*m
		if v < 0 || N < 2 {
			v = 0
		}
		return centre + m, math.Sqrt(v * N / math.Max(N-1, 1))
	}
	sum := func(k, i int) float64 { return e.sums[i*nSums+k] }
	v := e.psums
	vm := v[2] / N
	vv := v[3]/N - vm*vm
	// The histograms become the result's cumulative counts in place,
	// unless RiskImpacts corrects this run's counts afterwards (track).
	dist := newDistOwned
	if e.track != nil {
		dist = newDist[uint32]
	}
	for mi, ii := range c.inv { // results in model order
		i := int(ii)
		ds := dist(e.rS[i], a.hS[i*hsize:(i+1)*hsize:(i+1)*hsize], uint64(N), a.minS[i], a.maxS[i])
		ds.mean, ds.sd = meanSD(sum(sStart, i), sum(sStart2, i), e.cS[i])
		df := dist(e.rF[i], a.hF[i*hsize:(i+1)*hsize:(i+1)*hsize], uint64(N), a.minF[i], a.maxF[i])
		df.mean, df.sd = meanSD(sum(sFinish, i), sum(sFinish2, i), e.cF[i])
		ir := ItemResult{ID: c.ids[i], Start: ds.summary(), Finish: df.summary(),
			Duration:       sum(sDur, i) / N,
			Criticality:    float64(a.crit[i]) / N,
			WaitDependency: sum(sWaitDep, i) / N,
			WaitCapacity:   sum(sWaitCap, i) / N,
		}
		um := sum(sU, i) / N
		uv := sum(sU2, i)/N - um*um
		if uv > 1e-12 && vv > 1e-12 {
			ir.Sensitivity = (sum(sUV, i)/N - um*vm) / math.Sqrt(uv*vv)
		}
		if c.hasTgt[i] {
			t := c.target[i]
			p := float64(a.hit[i]) / N
			ir.Target, ir.PTarget = &t, &p
		}
		r.index[ir.ID] = mi
		r.Items = append(r.Items, ir)
	}
	dT := newDist(e.rT, a.hT, uint64(N), a.minT, a.maxT)
	dT.min, dT.max = a.minT, a.maxT // exact: tracked for every trial
	dT.mean, dT.sd = meanSD(v[0], v[1], e.cT)
	r.Portfolio = &Portfolio{Finish: dT.summary()}
	if len(c.commit) > 0 {
		j := &Joint{Probability: float64(a.joint) / N}
		for _, i := range c.commit {
			j.Items = append(j.Items, c.ids[i])
		}
		r.Committed = j
	}
	if e.teamPeriods() {
		P := e.opt.Period
		for tm := range c.teams {
			team := &c.teams[tm]
			tr := TeamResult{ID: team.id, Periods: []PeriodResult{}}
			ts := e.tsums[tm]
			last := len(a.periods[tm]) - 1
			for last >= 0 && a.periods[tm][last].nWork == 0 && a.periods[tm][last].nDem == 0 {
				last--
			}
			for p := range a.periods[tm][:last+1] {
				pa := &a.periods[tm][p]
				lo, hi := float64(p)*P, float64(p+1)*P
				capP := team.capAt(hi) - team.capAt(lo)
				pr := PeriodResult{Start: lo, End: hi, Capacity: capP, POver: float64(pa.over) / N}
				if 2*p+1 < len(ts) {
					pr.Work.Mean = ts[2*p] / N
					pr.Demand.Mean = ts[2*p+1] / N
				}
				pr.Work.P50 = periodQuantile(pa.work[:], pa.nWork, N, 0.5, capP, pa.minW, pa.maxW)
				pr.Work.P85 = periodQuantile(pa.work[:], pa.nWork, N, 0.85, capP, pa.minW, pa.maxW)
				pr.Demand.P50 = periodQuantile(pa.demand[:], pa.nDem, N, 0.5, e.demandMax[tm], pa.minD, pa.maxD)
				pr.Demand.P85 = periodQuantile(pa.demand[:], pa.nDem, N, 0.85, e.demandMax[tm], pa.minD, pa.maxD)
				tr.Periods = append(tr.Periods, pr)
			}
			r.Teams = append(r.Teams, tr)
		}
	}
	return r
}

// periodQuantile reads a quantile from a period histogram over [0, top]
// that holds only the non-zero values; the other trials count as zero. The
// answer is clamped to the non-zero values' extremes lo and hi.
func periodQuantile(h []uint32, nonzero uint32, N, q, top, lo, hi float64) float64 {
	zeros := N - float64(nonzero)
	target := q * N
	if target <= zeros {
		return 0
	}
	return math.Min(hi, math.Max(lo, histQuantile(h, zeros, target, top)))
}

func histQuantile(h []uint32, zeros, target, top float64) float64 {
	cum := zeros
	w := top / periodBins
	for b, c := range h {
		if c == 0 {
			continue
		}
		next := cum + float64(c)
		if next >= target {
			if b == periodBins {
				return top
			}
			return (float64(b) + (target-cum)/float64(c)) * w
		}
		cum = next
	}
	return top
}
