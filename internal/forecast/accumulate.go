package forecast

// The accumulators: what each worker sums per trial (per item, per team and
// period, the portfolio) and the per-trial samples written for Observe and CSV.

import (
	"math"
	"strconv"
	"strings"
	"sync"
)

// maxPeriods bounds the team periods reported; work after the last one is
// not counted (at 13 weeks a period, 520 periods are 130 years).
const maxPeriods = 520

// periodBins is the number of bins of a team period's work and demand
// histograms (work over [0, capacity], demand over [0, 1.5 × the largest
// total team effort seen in the pilot]).
const periodBins = 200

// workerAcc holds the order-independent statistics of one worker: counts
// and extremes.
type workerAcc struct {
	_ [128]byte // no false sharing between workers
	// the start and finish histograms, n*hsize each, are shared by the
	// workers of a run (one copy instead of one per worker: 41 MB each at
	// 10,000 items) and counted under hist.mu by flush, once per block
	hist       *sharedHist
	hS, hF     []uint32
	minS, maxS []float64
	minF, maxF []float64
	crit       []uint32
	hit        []uint32
	joint      uint64
	hT         []uint64
	minT, maxT float64
	periods    [][]periodAcc // per team
	// histogram bins of the current block, binS[k*n+i], counted by flush
	binS, binF []uint16
	// per-trial scratch for team periods
	work, ready [][]float64
	_           [128]byte
}

type periodAcc struct {
	work, demand [periodBins + 1]uint32 // non-zero values only
	nWork, nDem  uint32
	over         uint32
	// extremes of the non-zero values (zero-valued structs mean none yet)
	minW, maxW, minD, maxD float64
}

func (p *periodAcc) add(w, d float64) {
	if w > 0 && (p.nWork == 0 || w < p.minW) {
		p.minW = w
	}
	if w > p.maxW {
		p.maxW = w
	}
	if d > 0 && (p.nDem == 0 || d < p.minD) {
		p.minD = d
	}
	if d > p.maxD {
		p.maxD = d
	}
}

// sharedHist holds the start and finish histograms of a run's workers.
type sharedHist struct {
	mu     sync.Mutex
	hS, hF []uint32 // n*hsize
}

func newSharedHist(n int) *sharedHist {
	return &sharedHist{hS: make([]uint32, n*hsize), hF: make([]uint32, n*hsize)}
}

// newWorkerAcc returns the statistics of a worker with histograms of its own.
func (e *engine) newWorkerAcc() *workerAcc { return e.newWorkerAccShared(newSharedHist(e.c.n)) }

// newWorkerAccShared returns the statistics of a worker counting into h.
func (e *engine) newWorkerAccShared(h *sharedHist) *workerAcc {
	n := e.c.n
	a := &workerAcc{
		hist: h, hS: h.hS, hF: h.hF,
		minS: fill(n, math.Inf(1)), maxS: fill(n, math.Inf(-1)),
		minF: fill(n, math.Inf(1)), maxF: fill(n, math.Inf(-1)),
		crit: make([]uint32, n), hit: make([]uint32, n),
		binS: make([]uint16, blockSize*n), binF: make([]uint16, blockSize*n),
		hT: make([]uint64, hsize), minT: math.Inf(1), maxT: math.Inf(-1),
	}
	if e.teamPeriods() {
		nt := len(e.c.teams)
		a.periods = make([][]periodAcc, nt)
		a.work = make([][]float64, nt)
		a.ready = make([][]float64, nt)
		for t := range a.work {
			a.periods[t] = make([]periodAcc, e.nPeriods)
			a.work[t] = make([]float64, e.nPeriods)
			a.ready[t] = make([]float64, e.nPeriods)
		}
	}
	return a
}

func (e *engine) newBlockOut() *blockOut {
	o := &blockOut{sums: make([]float64, nSums*e.c.n)}
	if e.teamPeriods() {
		o.teamSums = make([][]float64, len(e.c.teams))
		for t := range o.teamSums {
			o.teamSums[t] = make([]float64, 0, 2*e.nPeriods)
		}
	}
	return o
}

// flush counts the noted histogram bins of the block's first trials, a tile
// of items at a time so that the histograms being counted stay in cache.
func (a *workerAcc) flush(trials int) {
	const tile = 16
	a.hist.mu.Lock()
	defer a.hist.mu.Unlock()
	n := len(a.crit)
	for i0 := 0; i0 < n; i0 += tile {
		i1 := min(i0+tile, n)
		for k := 0; k < trials; k++ {
			bs, bf := a.binS[k*n+i0:k*n+i1], a.binF[k*n+i0:k*n+i1]
			for j := range bs {
				a.hS[(i0+j)*hsize+int(bs[j])]++
				a.hF[(i0+j)*hsize+int(bf[j])]++
			}
		}
	}
}

// clampBin is min(max(x, -1), histBins) for x not NaN.
func clampBin(x float64) float64 {
	if x < -1 {
		x = -1
	}
	if x > histBins {
		x = histBins
	}
	return x
}

// observe folds one trial, the k-th of its block, into the statistics. The
// histogram bins are only noted; flush counts them at the end of the block.
func (e *engine) observe(s *sim, a *workerAcc, out *blockOut, k int) {
	c := e.c
	n := c.n
	binS, binF := a.binS[k*n:(k+1)*n], a.binF[k*n:(k+1)*n]
	T := s.T
	v := e.rankT.rank(T)
	sums := out.sums
	start, finish, dur, su := s.start[:n], s.finish[:n], s.dur[:n], s.u[:n]
	ready, predDone, crit := s.ready[:n], s.predDone[:n], s.crit[:n]
	par, es := e.par[:n], c.es[:n]
	minS, maxS, minF, maxF := a.minS[:n], a.maxS[:n], a.minF[:n], a.maxF[:n]
	critN := a.crit[:n]
	rc := c.rc
	for i := range par {
		p := &par[i]
		st, f, d := start[i], finish[i], dur[i]
		// histogram bins: 0 underflow, 1..histBins, overflow (the
		// clamps are min(max(x, -1), histBins) for the numbers a trial
		// gives, never NaN, as branches that are almost always not taken:
		// the builtins' NaN and signed-zero care cost more)
		bs := int(clampBin((st-p.loS)*p.invS) + 1)
		bf := int(clampBin((f-p.loF)*p.invF) + 1)
		binS[i], binF[i] = uint16(bs), uint16(bf)
		// exact extremes are kept only for values outside the pilot range
		if uint(bs-1) >= histBins {
			minS[i], maxS[i] = min(minS[i], st), max(maxS[i], st)
		}
		if uint(bf-1) >= histBins {
			minF[i], maxF[i] = min(minF[i], f), max(maxF[i], f)
		}
		ds, df := st-p.cS, f-p.cF
		// rank of the duration, for the Spearman correlation: the
		// sampling uniform itself when the duration is its quantile (the
		// exact CDF, and no read of a table scattered over megabytes: at
		// 10,000 items that read missed the cache at almost every item),
		// else the pilot's table
		u := su[i]
		if !p.sampled {
			x := (d - p.rlo) * p.rinv // max(0, min(x, rankCells)), as branches
			if x > rankCells {
				x = rankCells
			}
			if !(x > 0) {
				x = 0 // also −0 → +0, as max(0, x)
			}
			kk := min(int(x), rankCells-1)
			t0 := float64(p.tab[kk])
			u = t0 + (x-float64(kk))*(float64(p.tab[kk+1])-t0)
		}
		row := sums[i*nSums : (i+1)*nSums : (i+1)*nSums]
		row[sStart] += ds
		row[sStart2] += ds * ds
		row[sFinish] += df
		row[sFinish2] += df * df
		row[sWaitDep] += max(0, predDone[i]-es[i])
		if rc {
			row[sWaitCap] += st - ready[i] // zero without teams (start = ready)
		}
		row[sU] += u
		row[sU2] += u * u
		row[sUV] += u * v
		row[sDur] += d
		var ci uint32
		if crit[i] {
			ci = 1
		}
		critN[i] += ci
	}
	if c.anyTarget {
		target, hit := c.target[:n], a.hit[:n]
		for i := range target {
			var h uint32
			if finish[i] <= target[i] {
				h = 1
			}
			hit[i] += h
		}
	}
	if len(c.commit) > 0 {
		joint := true
		for _, i := range c.commit {
			if finish[i] > c.target[i] {
				joint = false
				break
			}
		}
		if joint {
			a.joint++
		}
	}
	a.hT[e.rT.bin(T)]++
	a.minT = math.Min(a.minT, T)
	a.maxT = math.Max(a.maxT, T)
	d := T - e.cT
	out.psums[0] += d
	out.psums[1] += d * d
	out.psums[2] += v
	out.psums[3] += v * v
	if e.teamPeriods() {
		e.observeTeams(s, a, out)
	}
}

func (e *engine) observeTeams(s *sim, a *workerAcc, out *blockOut) {
	c := e.c
	P := e.opt.Period
	for tm := range c.teams {
		team := &c.teams[tm]
		work, ready := a.work[tm], a.ready[tm]
		last := -1
		k := float64(team.slots)
		for _, i := range team.items {
			d := s.dur[i]
			if d <= 0 {
				continue
			}
			st, f := s.start[i], s.finish[i]
			p0 := int(min(st/P, maxPeriods-1))
			p1 := int(min(f/P, maxPeriods-1))
			pr := int(min(s.ready[i]/P, maxPeriods-1))
			if m := max(p1, pr); m >= len(work) {
				grow := m + 1 - len(work)
				work = append(work, make([]float64, grow)...)
				ready = append(ready, make([]float64, grow)...)
				a.work[tm], a.ready[tm] = work, ready
			}
			for last < max(p1, pr) {
				last++
				work[last], ready[last] = 0, 0
			}
			ready[pr] += d
			for p := p0; p <= p1; p++ {
				lo := math.Max(st, float64(p)*P)
				hi := math.Min(f, float64(p+1)*P)
				if hi > lo {
					work[p] += (team.capAt(hi) - team.capAt(lo)) / k
				}
			}
		}
		if last < 0 {
			continue
		}
		if len(a.periods[tm]) <= last {
			a.periods[tm] = append(a.periods[tm], make([]periodAcc, last+1-len(a.periods[tm]))...)
		}
		ts := out.teamSums[tm]
		if len(ts) < 2*(last+1) {
			ts = append(ts, make([]float64, 2*(last+1)-len(ts))...)
			out.teamSums[tm] = ts
		}
		avail, done := 0.0, 0.0
		dmax := e.demandMax[tm]
		for p := 0; p <= last; p++ {
			pa := &a.periods[tm][p]
			avail += ready[p]
			demand := avail - done
			w := work[p]
			done += w
			capP := team.capAt(float64(p+1)*P) - team.capAt(float64(p)*P)
			pa.add(w, demand)
			if w > 1e-12 {
				b := periodBins
				if capP > 0 {
					b = min(int(w/capP*periodBins), periodBins)
				}
				pa.work[b]++
				pa.nWork++
			}
			if demand > 1e-12 {
				pa.demand[min(int(demand/dmax*periodBins), periodBins)]++
				pa.nDem++
			}
			if demand > capP*(1+1e-9)+1e-9 {
				pa.over++
			}
			ts[2*p] += w
			ts[2*p+1] += demand
		}
	}
}

func (e *engine) csvHeader() string {
	b := []byte("trial")
	for _, i := range e.c.inv {
		id := e.c.ids[i]
		b = append(b, ',')
		b = appendCSVField(b, id+".start")
		b = append(b, ',')
		b = appendCSVField(b, id+".finish")
	}
	b = append(b, ",portfolio.finish\n"...)
	return string(b)
}

// appendCSVField appends s as one field of a CSV line: quoted when it holds a
// comma, a quote or a line break, and never read as a formula.
func appendCSVField(b []byte, s string) []byte {
	// An id that a spreadsheet would read as a formula (=, +, -, @, or a
	// tab or carriage return first) is written as text: a leading '.
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		s = "'" + s
	}
	quote := false
	for _, r := range s {
		if r == ',' || r == '"' || r == '\n' || r == '\r' {
			quote = true
		}
	}
	if !quote {
		return append(b, s...)
	}
	b = append(b, '"')
	for _, r := range s {
		if r == '"' {
			b = append(b, '"')
		}
		b = append(b, string(r)...)
	}
	return append(b, '"')
}

func (e *engine) appendRow(b []byte, t int, s *sim) []byte {
	b = strconv.AppendInt(b, int64(t), 10)
	for _, i := range e.c.inv {
		b = append(b, ',')
		b = strconv.AppendFloat(b, s.start[i], 'g', -1, 64)
		b = append(b, ',')
		b = strconv.AppendFloat(b, s.finish[i], 'g', -1, 64)
	}
	b = append(b, ',')
	b = strconv.AppendFloat(b, s.T, 'g', -1, 64)
	return append(b, '\n')
}
