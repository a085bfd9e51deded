package forecast

// The trial scheduler: trials run in blocks on the workers and are merged in
// block order, so results do not depend on the number of workers.

import (
	"context"
	"fmt"
	"io"
	"sync"
)

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
	observed   any // for Options.Observers: what the block's EndBlock returned
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
	wo := e.newWorkerObservers()
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
				if wo != nil {
					wo.observe(e, w, s, t)
				}
			}
			a.flush(hi - lo)
			if wo != nil {
				wo.endBlock(w, lo, hi, out)
			}
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
			if wo != nil {
				wo.merge(o)
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
