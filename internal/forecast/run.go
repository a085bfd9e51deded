package forecast

import (
	"context"
	"fmt"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"
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
const pilotTrials = 1024

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

// blockOut is what one block of trials produces for the ordered merge.
type blockOut struct {
	sums     []float64   // item sums, sums[i*nSums+k]
	psums    [4]float64  // portfolio: Σ(T−c), Σ(T−c)², Σv, Σv²
	teamSums [][]float64 // per team: work, demand sums per period
	csv      []byte
	// for Options.Observe: the block's first trial, number of trials, and
	// per trial k the starts then the finishes in model order at obs[2nk:]
	lo, trials int
	obs        []float64
}

// Per-item sums kept per block.
const (
	sStart = iota
	sStart2
	sFinish
	sFinish2
	sWaitDep
	sWaitCap
	sU
	sU2
	sUV
	sDur
	nSums
)

// runBlocks runs trials [0, trials) in blocks on workers goroutines. work
// computes one block into out; merge folds finished blocks in block order,
// one block at a time but outside the lock, so that the workers go on with
// later blocks meanwhile (at most aheadBlocks per worker beyond the last
// merged one, which bounds the memory of blocks waiting to be merged).
// progress is called after each merge, in increasing order.
func runBlocks(ctx context.Context, trials, workers int,
	newOut func() *blockOut,
	work func(w, lo, hi int, out *blockOut),
	merge func(out *blockOut) error,
	progress func(done, total int)) error {
	return runBlocksAhead(ctx, trials, workers, aheadBlocks, newOut, work, merge, progress)
}

// runBlocksAhead is runBlocks with perWorker blocks per worker taken
// beyond the last merged one (at least 1).
func runBlocksAhead(ctx context.Context, trials, workers, perWorker int,
	newOut func() *blockOut,
	work func(w, lo, hi int, out *blockOut),
	merge func(out *blockOut) error,
	progress func(done, total int)) error {
	nblocks := (trials + blockSize - 1) / blockSize
	workers = min(workers, nblocks)
	ahead := max(perWorker, 1) * workers
	var (
		mu       sync.Mutex
		cond     = sync.NewCond(&mu)
		next     int // next block to take
		pending  = map[int]*blockOut{}
		pool     []*blockOut
		merged   int  // blocks merged
		merging  bool // a worker is merging
		firstErr error
		wg       sync.WaitGroup
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for {
				mu.Lock()
				for next < nblocks && next-merged >= ahead && firstErr == nil {
					cond.Wait()
				}
				if next >= nblocks || firstErr != nil || ctx.Err() != nil {
					mu.Unlock()
					return
				}
				b := next
				next++
				var out *blockOut
				if k := len(pool); k > 0 {
					out = pool[k-1]
					pool = pool[:k-1]
				}
				mu.Unlock()
				if out == nil {
					out = newOut()
				}
				lo := b * blockSize
				hi := min(lo+blockSize, trials)
				work(w, lo, hi, out)
				mu.Lock()
				if err := ctx.Err(); err != nil {
					// cancelled, maybe in the middle of the block (work
					// stops early): nothing more is merged
					if firstErr == nil {
						firstErr = err
					}
					cond.Broadcast()
					mu.Unlock()
					return
				}
				pending[b] = out
				if merging {
					mu.Unlock()
					continue
				}
				merging = true
				for {
					o, ok := pending[merged]
					if !ok {
						break
					}
					delete(pending, merged)
					var err error
					if firstErr == nil {
						mu.Unlock()
						err = merge(o)
						mu.Lock()
					}
					if err != nil && firstErr == nil {
						firstErr = err
					}
					pool = append(pool, o)
					merged++
					if progress != nil && firstErr == nil {
						progress(min(merged*blockSize, trials), trials)
					}
					cond.Broadcast()
				}
				merging = false
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return err
	}
	return firstErr
}

// cancelEvery is how often, in trials, a block checks for cancellation
// (a block of a 10,000-item model takes a few tenths of a second).
const cancelEvery = 16

// aheadBlocks is how many blocks per worker may be taken beyond the last
// merged one.
const aheadBlocks = 2

// bigObserveBlock is the size in bytes of a block kept for Options.Observe
// above which runs take one block ahead per worker rather than aheadBlocks.
const bigObserveBlock = 8 << 20

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
	K := min(e.opt.Trials, pilotTrials)
	e.newSims()
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
			for t := lo; t < hi; t++ {
				if (t-lo)%cancelEvery == cancelEvery-1 && ctx.Err() != nil {
					return // runBlocks returns ctx.Err()
				}
				s.trial(t)
				T[t] = s.T
				clear(tot)
				for i := 0; i < n; i++ {
					dur[i*K+t] = s.dur[i]
					st, f := s.start[i], s.finish[i]
					m.minS[i] = math.Min(m.minS[i], st)
					m.maxS[i] = math.Max(m.maxS[i], st)
					m.minF[i] = math.Min(m.minF[i], f)
					m.maxF[i] = math.Max(m.maxF[i], f)
					if c.effort[i] {
						tot[c.team[i]] += s.dur[i]
					}
				}
				for k, v := range tot {
					m.teamEff[k] = math.Max(m.teamEff[k], v)
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

// main runs all trials with the statistics on.
func (e *engine) main(ctx context.Context) error {
	c := e.c
	W := e.opt.Workers
	e.acc = make([]*workerAcc, W)
	h := newSharedHist(c.n)
	for w := range e.acc {
		e.acc[w] = e.newWorkerAccShared(h)
	}
	e.sums = make([]float64, nSums*c.n)
	e.tsums = make([][]float64, len(c.teams))
	csv := e.opt.Samples
	if csv != nil {
		if _, err := io.WriteString(csv, e.csvHeader()); err != nil {
			return fmt.Errorf("write samples: %w", err)
		}
	}
	obs := e.opt.Observe
	// A block kept for Observe holds 16 bytes per item-trial (41 MB at
	// 10,000 items): with large ones, one block per worker ahead bounds
	// the blocks alive to about one per worker plus the one being
	// observed (the merge is short next to a block's simulation).
	ahead := aheadBlocks
	if obs != nil && 2*8*c.n*blockSize > bigObserveBlock {
		ahead = 1
	}
	return runBlocksAhead(ctx, e.opt.Trials, W, ahead, e.newBlockOut,
		func(w, lo, hi int, out *blockOut) {
			s := e.sims[w]
			a := e.acc[w]
			clear(out.sums)
			out.psums = [4]float64{}
			for k := range out.teamSums {
				clear(out.teamSums[k])
			}
			out.csv = out.csv[:0]
			out.lo, out.trials = lo, hi-lo
			if obs != nil && len(out.obs) < 2*c.n*blockSize {
				out.obs = make([]float64, 2*c.n*blockSize)
			}
			s.setBlock(lo, hi-lo)
			for t := lo; t < hi; t++ {
				if (t-lo)%cancelEvery == cancelEvery-1 && ctx.Err() != nil {
					return // runBlocks returns ctx.Err() and merges nothing more
				}
				s.trial(t)
				e.observe(s, a, out, t-lo)
				if e.track != nil {
					e.track.note(e, s, w, t, t-lo)
				}
				if csv != nil {
					out.csv = e.appendRow(out.csv, t, s)
				}
				if obs != nil {
					e.keep(s, out.obs[2*c.n*(t-lo):2*c.n*(t-lo+1)])
				}
			}
			a.flush(hi - lo)
		},
		func(o *blockOut) error {
			for k, v := range o.sums {
				e.sums[k] += v
			}
			for k, v := range o.psums {
				e.psums[k] += v
			}
			for t, ts := range o.teamSums {
				if len(ts) > len(e.tsums[t]) {
					e.tsums[t] = append(e.tsums[t], make([]float64, len(ts)-len(e.tsums[t]))...)
				}
				for k, v := range ts {
					e.tsums[t][k] += v
				}
			}
			if csv != nil && len(o.csv) > 0 {
				if _, err := csv.Write(o.csv); err != nil {
					return fmt.Errorf("write samples: %w", err)
				}
			}
			if obs != nil {
				n := c.n
				for k := range o.trials {
					row := o.obs[2*n*k : 2*n*(k+1)]
					obs(o.lo+k, row[:n:n], row[n:])
				}
			}
			return nil
		}, e.opt.Progress)
}

// keep copies a trial's starts and finishes, in model order, to row for
// Options.Observe.
func (e *engine) keep(s *sim, row []float64) {
	n := e.c.n
	st, fi := row[:n], row[n:2*n]
	start, finish := s.start[:n], s.finish[:n]
	for mi, i := range e.c.inv[:n] {
		st[mi], fi[mi] = start[i], finish[i]
	}
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

// observe folds one trial, the k-th of its block, into the statistics. The
// histogram bins are only noted; flush counts them at the end of the block.
func (e *engine) observe(s *sim, a *workerAcc, out *blockOut, k int) {
	c := e.c
	n := c.n
	binS, binF := a.binS[k*n:(k+1)*n], a.binF[k*n:(k+1)*n]
	T := s.T
	v := e.rankT.rank(T)
	sums := out.sums
	start, finish, dur := s.start[:n], s.finish[:n], s.dur[:n]
	ready, predDone, crit := s.ready[:n], s.predDone[:n], s.crit[:n]
	par, es := e.par[:n], c.es[:n]
	minS, maxS, minF, maxF := a.minS[:n], a.maxS[:n], a.minF[:n], a.maxF[:n]
	critN := a.crit[:n]
	for i := range par {
		p := &par[i]
		st, f, d := start[i], finish[i], dur[i]
		// histogram bins, branch-free: 0 underflow, 1..histBins, overflow
		bs := int(min(max((st-p.loS)*p.invS, -1), histBins) + 1)
		bf := int(min(max((f-p.loF)*p.invF, -1), histBins) + 1)
		binS[i], binF[i] = uint16(bs), uint16(bf)
		// exact extremes are kept only for values outside the pilot range
		if uint(bs-1) >= histBins {
			minS[i], maxS[i] = min(minS[i], st), max(maxS[i], st)
		}
		if uint(bf-1) >= histBins {
			minF[i], maxF[i] = min(minF[i], f), max(maxF[i], f)
		}
		ds, df := st-p.cS, f-p.cF
		// rank of the duration, for the Spearman correlation
		x := max(0, min((d-p.rlo)*p.rinv, rankCells))
		kk := min(int(x), rankCells-1)
		t0 := float64(p.tab[kk])
		u := t0 + (x-float64(kk))*(float64(p.tab[kk+1])-t0)
		row := sums[i*nSums : (i+1)*nSums : (i+1)*nSums]
		row[sStart] += ds
		row[sStart2] += ds * ds
		row[sFinish] += df
		row[sFinish2] += df * df
		row[sWaitDep] += max(0, predDone[i]-es[i])
		row[sWaitCap] += st - ready[i]
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

func appendCSVField(b []byte, s string) []byte {
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
	for mi, ii := range c.inv { // results in model order
		i := int(ii)
		ds := newDist(e.rS[i], a.hS[i*hsize:(i+1)*hsize], uint64(N), a.minS[i], a.maxS[i])
		ds.mean, ds.sd = meanSD(sum(sStart, i), sum(sStart2, i), e.cS[i])
		df := newDist(e.rF[i], a.hF[i*hsize:(i+1)*hsize], uint64(N), a.minF[i], a.maxF[i])
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
