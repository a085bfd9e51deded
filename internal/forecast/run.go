package forecast

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
)

// Options control a run.
type Options struct {
	// Trials is the number of Monte Carlo trials (default 10,000).
	Trials int
	// Seed selects the random streams; the same seed gives the same result
	// whatever the number of workers.
	Seed uint64
	// Sampling is "mc" (default) or "lhs" (Latin hypercube per item, within
	// blocks of 256 trials).
	Sampling string
	// Workers is the number of goroutines (default runtime.GOMAXPROCS(0)).
	Workers int
	// Period is the length of the team periods in model time (default 13: a
	// quarter, when time is in weeks).
	Period float64
	// Samples, when not nil, receives one CSV row per trial, in trial order.
	Samples io.Writer
	// Observe, when not nil, is called once per trial of a network model,
	// in trial order (0, 1, 2, …) whatever the number of workers, from one
	// goroutine at a time, with every item's start and finish in model
	// order (Model.Items); the portfolio finish is the largest finish. The
	// slices are only valid during the call: Observe must not keep or
	// modify them. The workers go on simulating later trials meanwhile (a
	// few blocks ahead at most), but a slow Observe slows the whole run.
	// It is not called for throughput models, nor for the exclusion runs
	// of RiskImpacts.
	Observe func(trial int, start, finish []float64)
	// Observers, when not nil, watch the trials of a network model on the
	// workers that simulate them, with sums that depend on the order of
	// additions merged in trial order (see Observers). Like Observe it is
	// not used for throughput models nor for the exclusion runs of
	// RiskImpacts.
	Observers Observers
	// Progress, when not nil, is called with the number of trials done so far
	// and the total, in increasing order, from one goroutine at a time. It
	// must return quickly.
	Progress func(done, total int)
	// Exclude lists risk ids that never fire in this run. Their random
	// numbers are still drawn, so every other number is the same as in a run
	// without exclusions (common random numbers).
	Exclude []string
	// NoTeamPeriods skips the per-team period statistics of a
	// resource-constrained run (Result.Teams is then empty), for callers
	// that compute their own from Observe; about a tenth of a large run.
	NoTeamPeriods bool
}

// Sampling methods.
const (
	MonteCarlo     = "mc"
	LatinHypercube = "lhs"
)

// DefaultTrials and DefaultPeriod are used when Options leaves them zero.
const (
	DefaultTrials = 10000
	DefaultPeriod = 13
)

// pilotTrials is the size of the pilot run that fixes the histogram ranges
// and the rank tables; the pilot trials are the first trials of the run.
// A large network's pilot is smaller (pilotSize): at most
// pilotItemTrials item-trials, and never fewer than minPilotTrials
// trials. The pilot only sets ranges (the histograms widen its range by
// half on each side and keep exact extremes beyond it) and the rank
// tables' 64 cells, which 256 trials resolve; the run re-simulates the
// pilot's trials, so on a 10,000-item network a pilot of 1,024 was a
// tenth of the work of a 10,000-trial run.
const (
	pilotTrials     = 1024
	minPilotTrials  = 256
	pilotItemTrials = pilotTrials * 2500
)

// pilotSize is the number of pilot trials of a run of trials trials of a
// network of n items: pilotTrials up to 2,500 items.
func pilotSize(trials, n int) int {
	k := pilotTrials
	if n > 0 {
		k = min(k, max(minPilotTrials, pilotItemTrials/n))
	}
	return min(trials, k)
}

// blockSize is the number of trials in a unit of work. Statistics whose sum
// depends on the order of additions are summed per block and the blocks are
// merged in trial order, so results do not depend on the number of workers.
const blockSize = lhsBlock

// Run simulates the model. It returns an *InvalidModelError if the model is
// invalid, an error naming the bad option, ctx.Err() if the context is
// cancelled, or the error of writing Options.Samples.
func Run(ctx context.Context, m Model, opt Options) (*Result, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := opt.normalize(); err != nil {
		return nil, err
	}
	if m.Throughput != nil {
		return runThroughput(ctx, *m.Throughput, opt)
	}
	e, err := newEngine(compile(m), opt)
	if err != nil {
		return nil, err
	}
	if err := e.pilot(ctx); err != nil {
		return nil, err
	}
	return e.run(ctx)
}

// newEngine prepares a run of a compiled network; opt is normalized.
func newEngine(c *net, opt Options) (*engine, error) {
	excluded := make([]bool, len(c.risks))
	for _, id := range opt.Exclude {
		found := false
		for k, r := range c.risks {
			if r == id {
				excluded[k] = true
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("exclude: the model has no risk %q", id)
		}
	}
	return &engine{c: c, opt: opt, excluded: excluded}, nil
}

// sibling returns an engine for the same network and pilot (so the same
// histogram bins and rank tables) with other options, such as other
// excluded risks.
func (e *engine) sibling(opt Options) (*engine, error) {
	f, err := newEngine(e.c, opt)
	if err != nil {
		return nil, err
	}
	f.rS, f.rF, f.cS, f.cF, f.rT, f.cT = e.rS, e.rF, e.cS, e.cF, e.rT, e.cT
	f.rankD, f.rankT, f.demandMax, f.nPeriods = e.rankD, e.rankT, e.demandMax, e.nPeriods
	f.par = e.par
	f.newSims()
	return f, nil
}

func (e *engine) run(ctx context.Context) (*Result, error) {
	if err := e.main(ctx); err != nil {
		return nil, err
	}
	return e.result(), nil
}

func (o *Options) normalize() error {
	if o.Trials == 0 {
		o.Trials = DefaultTrials
	}
	if o.Trials < 1 {
		return fmt.Errorf("trials must be at least 1, not %d", o.Trials)
	}
	switch o.Sampling {
	case "":
		o.Sampling = MonteCarlo
	case MonteCarlo, LatinHypercube:
	default:
		return fmt.Errorf("sampling must be %q or %q, not %q", MonteCarlo, LatinHypercube, o.Sampling)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.Workers < 1 {
		return fmt.Errorf("workers must be at least 1, not %d", o.Workers)
	}
	if o.Period == 0 {
		o.Period = DefaultPeriod
	}
	if !(o.Period > 0) || math.IsInf(o.Period, 0) {
		return fmt.Errorf("period must be a number > 0, not %v", o.Period)
	}
	return nil
}

// engine holds one run of a network model.
type engine struct {
	c        *net
	opt      Options
	excluded []bool
	sims     []*sim

	// from the pilot
	rS, rF    []hrange
	cS, cF    []float64 // centres for the shifted sums
	rT        hrange
	cT        float64
	rankD     []rankTable
	rankT     rankTable
	par       []itemPar // the above per item, packed for observe
	demandMax []float64 // per team, histogram range of demand
	nPeriods  int       // initial number of periods

	// when not nil, the run keeps what RiskImpacts needs to correct it
	track *riskTrack

	// merged results
	acc   []*workerAcc
	sums  []float64
	psums [4]float64
	tsums [][]float64
}

// teamPeriods says whether the run keeps per-team period statistics.
func (e *engine) teamPeriods() bool { return e.c.rc && !e.opt.NoTeamPeriods }

func (e *engine) newSims() {
	e.sims = make([]*sim, e.opt.Workers)
	for w := range e.sims {
		e.sims[w] = newSim(e.c, e.opt.Seed, e.excluded, e.opt.Sampling == LatinHypercube)
	}
}

// pilot runs the first trials to fix histogram ranges and rank tables.
func (e *engine) pilot(ctx context.Context) error {
	c := e.c
	n := c.n
	K := pilotSize(e.opt.Trials, n)
	e.newSims()
	// the pilot needs no criticality: its trials skip the backward pass
	for _, s := range e.sims {
		s.noCrit = true
	}
	defer func() {
		for _, s := range e.sims {
			s.noCrit = false
		}
	}()
	type mm struct {
		minS, maxS, minF, maxF []float64
		teamEff                []float64
	}
	W := e.opt.Workers
	mms := make([]mm, W)
	for w := range mms {
		m := &mms[w]
		m.minS, m.maxS, m.minF, m.maxF = fill(n, math.Inf(1)), fill(n, math.Inf(-1)), fill(n, math.Inf(1)), fill(n, math.Inf(-1))
		m.teamEff = make([]float64, len(c.teams))
	}
	dur := make([]float64, n*K)
	T := make([]float64, K)
	teff := make([]float64, len(c.teams))
	err := runBlocks(ctx, K, W, func() *blockOut { return &blockOut{} },
		func(w, lo, hi int, _ *blockOut) {
			s := e.sims[w]
			m := &mms[w]
			s.setBlock(lo, hi-lo)
			tot := make([]float64, len(c.teams))
			// durations of the last few trials, trial by trial, written to
			// dur (item by item) a group at a time: one cache line per
			// item per group instead of one per item-trial
			const group = 8
			buf := make([]float64, group*n)
			t0 := lo
			for t := lo; t < hi; t++ {
				if (t-lo)%cancelEvery == cancelEvery-1 && ctx.Err() != nil {
					return // runBlocks returns ctx.Err()
				}
				s.trial(t)
				T[t] = s.T
				clear(tot)
				copy(buf[(t-t0)*n:(t-t0+1)*n], s.dur[:n])
				minS, maxS, minF, maxF := m.minS[:n], m.maxS[:n], m.minF[:n], m.maxF[:n]
				start, finish := s.start[:n], s.finish[:n]
				for i := range minS {
					// the builtins are math.Min and math.Max, inlined
					st, f := start[i], finish[i]
					minS[i] = min(minS[i], st)
					maxS[i] = max(maxS[i], st)
					minF[i] = min(minF[i], f)
					maxF[i] = max(maxF[i], f)
					if c.effort[i] {
						tot[c.team[i]] += s.dur[i]
					}
				}
				for k, v := range tot {
					m.teamEff[k] = max(m.teamEff[k], v)
				}
				if g := t - t0 + 1; g == group || t == hi-1 {
					for i := 0; i < n; i++ {
						d := dur[i*K+t0 : i*K+t0+g]
						for q := range d {
							d[q] = buf[q*n+i]
						}
					}
					t0 = t + 1
				}
			}
		}, func(*blockOut) error { return nil }, nil)
	if err != nil {
		return err
	}
	for w := 1; w < W; w++ {
		for i := 0; i < n; i++ {
			mms[0].minS[i] = math.Min(mms[0].minS[i], mms[w].minS[i])
			mms[0].maxS[i] = math.Max(mms[0].maxS[i], mms[w].maxS[i])
			mms[0].minF[i] = math.Min(mms[0].minF[i], mms[w].minF[i])
			mms[0].maxF[i] = math.Max(mms[0].maxF[i], mms[w].maxF[i])
		}
	}
	for w := 0; w < W; w++ {
		for k, v := range mms[w].teamEff {
			teff[k] = math.Max(teff[k], v)
		}
	}
	m := mms[0]
	e.rS, e.rF = make([]hrange, n), make([]hrange, n)
	e.cS, e.cF = make([]float64, n), make([]float64, n)
	e.rankD = make([]rankTable, n)
	tabs := make([]float32, (n+1)*(rankCells+1))
	for i := 0; i < n; i++ {
		e.rS[i] = newRange(m.minS[i], m.maxS[i])
		e.rF[i] = newRange(m.minF[i], m.maxF[i])
		e.cS[i] = (m.minS[i] + m.maxS[i]) / 2
		e.cF[i] = (m.minF[i] + m.maxF[i]) / 2
		e.rankD[i] = newRankTable(dur[i*K:(i+1)*K], tabs[i*(rankCells+1):])
	}
	tmin, tmax := math.Inf(1), math.Inf(-1)
	for _, v := range T {
		tmin, tmax = math.Min(tmin, v), math.Max(tmax, v)
	}
	e.packPar()
	e.rT = newRange(tmin, tmax)
	e.cT = (tmin + tmax) / 2
	e.rankT = newRankTable(T, tabs[n*(rankCells+1):])
	e.demandMax = make([]float64, len(c.teams))
	for k, v := range teff {
		e.demandMax[k] = math.Max(v*1.5, 1e-9)
	}
	e.nPeriods = int(min(tmax*1.5/e.opt.Period, maxPeriods-1)) + 1
	return nil
}

// itemPar packs what observe needs of one item's pilot: histogram ranges,
// centres and the rank table (a flat table maps every value to 0.5).
type itemPar struct {
	loS, invS, loF, invF float64
	cS, cF               float64
	rlo, rinv            float64
	tab                  []float32
	// sampled: the item's duration (or effort) is its sampler's quantile of
	// the trial's uniform, with no risk added, so that uniform is the
	// duration's exact rank (its CDF) and the table is not read (see
	// observe)
	sampled bool
}

var flatRanks = func() []float32 {
	t := make([]float32, rankCells+1)
	for k := range t {
		t[k] = 0.5
	}
	return t
}()

func (e *engine) packPar() {
	e.par = make([]itemPar, e.c.n)
	for i := range e.par {
		r := &e.rankD[i]
		p := itemPar{loS: e.rS[i].lo, invS: e.rS[i].inv, loF: e.rF[i].lo, invF: e.rF[i].inv,
			cS: e.cS[i], cF: e.cF[i], rlo: r.lo, rinv: r.inv, tab: r.tab}
		if r.flat {
			p.rlo, p.rinv, p.tab = 0, 0, flatRanks
		} else {
			p.sampled = e.c.riskOff[i] == e.c.riskOff[i+1]
		}
		e.par[i] = p
	}
}

func fill(n int, v float64) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = v
	}
	return s
}
