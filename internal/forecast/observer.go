package forecast

// Observers: per-worker watchers of the trials (Options.Observers), the
// parallel alternative to Options.Observe.

// Observers watch the trials of a network model on the workers that
// simulate them, so that what a caller computes from every trial runs on
// all the workers instead of one goroutine (Options.Observe).
//
// Worker is called once per worker before the trials; the worker then calls
// its Observer's Observe for each trial it simulates and EndBlock after the
// last trial of each block of consecutive trials. Merge receives what
// EndBlock returned, block by block in trial order (trials 0, 1, 2, …
// whatever the number of workers), from one goroutine at a time, while the
// workers go on with later blocks: sums whose value depends on the order
// of additions are taken in Merge, so they are the same for any number of
// workers. After a cancel nothing more is merged.
type Observers interface {
	Worker(w int) Observer
	Merge(lo, hi int, block any)
}

// Observer watches one worker's trials (see Observers).
type Observer interface {
	// Observe is called once per trial, in increasing trial order within
	// a block, with every item's start and finish in model order
	// (Model.Items); the portfolio finish is the largest finish. The
	// slices are only valid during the call and must not be modified.
	Observe(trial int, start, finish []float64)
	// EndBlock ends the block of trials [lo, hi) and returns what
	// Observers.Merge receives for it.
	EndBlock(lo, hi int) any
}

// workerObservers holds a run's observers and their model-order rows.
type workerObservers struct {
	set  Observers
	obs  []Observer
	rows [][]float64
}

// newWorkerObservers returns the observers of opt.Observers for a run on
// workers goroutines, or nil when there are none.
func (e *engine) newWorkerObservers() *workerObservers {
	if e.opt.Observers == nil {
		return nil
	}
	W := e.opt.Workers
	wo := &workerObservers{set: e.opt.Observers, obs: make([]Observer, W), rows: make([][]float64, W)}
	for w := range W {
		wo.obs[w] = wo.set.Worker(w)
		wo.rows[w] = make([]float64, 2*e.c.n)
	}
	return wo
}

// observe hands worker w's trial t (just simulated by s) to its observer.
func (wo *workerObservers) observe(e *engine, w int, s *sim, t int) {
	n := e.c.n
	row := wo.rows[w]
	e.keep(s, row)
	wo.obs[w].Observe(t, row[:n:n], row[n:2*n:2*n])
}

// endBlock ends worker w's block [lo, hi) into out.
func (wo *workerObservers) endBlock(w, lo, hi int, out *blockOut) {
	out.observed = wo.obs[w].EndBlock(lo, hi)
}

// merge hands a finished block to Observers.Merge, in block order.
func (wo *workerObservers) merge(o *blockOut) {
	v := o.observed
	o.observed = nil
	wo.set.Merge(o.lo, o.lo+o.trials, v)
}
