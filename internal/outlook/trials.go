package outlook

import (
	"math"
	"sort"
	"sync"

	"steerco/internal/forecast"
	"steerco/internal/plan"
)

// trials receives the engine's per-trial starts and finishes (through
// forecast.Options.Observers: every node's start and finish, on the worker
// that simulated the trial) and keeps, streaming, what the engine does not
// compute: exact per-working-day counts of starts and finishes, each team's
// load per calendar quarter and the drivers of items and milestones. Each
// worker counts into its own tables (see observer), which are added up
// after the run; the sums whose value depends on the order of additions
// (the team quarters' means) are merged block by block in trial order, so
// every result is the same whatever the number of workers.
type trials struct {
	mp  *Mapping
	m   forecast.Model
	n   int // model nodes
	err error
	N   int // trials merged

	// dates: per node, how many trials started and finished on each
	// working day (index = working day), and the same for the portfolio.
	dayS, dayF [][]uint32
	dayT       []uint32

	// drivers: counts per item (index into mp.Items) per predecessor, and
	// per milestone per item; only the items and milestones with more
	// than one candidate are counted trial by trial (multi), the others'
	// single driver drives every trial.
	predCount [][]uint32
	msCount   [][]uint32
	msNodes   [][]int // finish nodes of each milestone's items
	multiPred []int   // items (index into mp.Items) with more than one predecessor
	multiMs   []int   // milestones with more than one item

	// quarters: every quarter up to maxQuarters is known before the
	// trials, so the workers only read these
	edges []float64 // model time of quarter boundaries; quarter q is [edges[q], edges[q+1])
	// quarter's tables (see qtab)
	qtab8    []uint8
	tabEnd   float64        // the tables cover [0, tabEnd)
	tabEdges int            // len(edges) when they were built
	qs       []plan.Quarter // calendar quarter of each q
	teams    []teamLoad
	// work: every team's work nodes, in an order that keeps each team's
	// own (see workOrder); preds their predecessor nodes, item after item
	work  []workItem
	preds []int32
	money *moneyTrack // exposure and JCL (nil in tests that build trials alone)

	workers  []*observer
	mu       sync.Mutex
	free     []*blockLoads // block buffers merged and ready for reuse
	blockCap [2]int        // the largest block's lengths, to size new ones
}

// maxQuarters bounds the quarters tracked (25 years); later work counts in
// the last one.
const maxQuarters = 100

// loadBins is the number of bins of the work and demand histograms of a
// team quarter.
const loadBins = 2000

type teamLoad struct {
	id     string
	slots  float64
	curve  capCurve
	maxDue int // the largest workItem.dueQ of its items (-1 when none)
	// per quarter q: the capacity integrated up to edges[q] (curve.at),
	// and per quarter the capacity over it and up to its end (capacity,
	// capacityTo) and the due work above which the quarter is
	// over-committed, computed once as load would per trial
	atEdge        []float64
	capQ, overDue []float64
	demMax        float64       // upper end of the demand histogram
	dueMax        float64       // upper end of the due-work histogram
	q             []*quarterAcc // the workers' histograms, added up (pointers: 24 kB each)
	over          []uint32      // the workers' counts of over-committed trials per quarter, added up
	sums          []quarterSum  // merged in trial order
	// lastAny is the last quarter with any work (or work becoming ready)
	// in any trial; quarters are tracked up to it and to maxDue.
	lastAny int
}

// workItem is a team's work node with effort, as loads reads it per
// trial.
type workItem struct {
	node, team int32
	// its first two predecessor nodes, or the node past the last (whose
	// finish quarter loads keeps at 0) for those it lacks, and the others
	// in trials.preds[p0:p1]: most items have at most two, read without
	// a loop whose length the processor cannot predict
	pa, pb, p0, p1 int32
	// the quarter by whose end it must be finished (see dueTimes), or
	// when never the one past the last, which nothing reads: its due work
	// goes there without a branch
	dueQ int16
	esQ  int16 // the quarter of its earliest start
}

// teamScratch is a worker's per-trial scratch and counts for a team.
type teamScratch struct {
	// what loads reads of the team for each of its items, kept together:
	// the capacity curve and slots (the teamLoad's)
	curve capCurve
	slots float64
	// per quarter, zero between trials: loadQ[q] holds the quarter's
	// work, ready work and due work
	loadQ []loadVals
	// workLast is the trial's last quarter with work or work becoming
	// ready (-1 when none)
	workLast int
	q        []*quarterAcc // histograms (the sums are merged in order)
	over     []uint32      // per quarter, the trials in which it is over-committed
	// lastAny as teamLoad's, over the worker's trials
	lastAny int
}

// quarterAcc holds a team quarter's histograms of its work, demand and
// due work over the trials, of the non-zero values only: how many trials
// had one is the sum of the bins (nonzero). No count sits beside them: a
// trial would touch one more line of memory far from its bins.
type quarterAcc struct {
	work, demand, due [loadBins + 1]uint32
}

// nonzero is the number of values counted in a histogram.
func nonzero(h []uint32) uint32 {
	n := uint32(0)
	for _, c := range h {
		n += c
	}
	return n
}

// quarterSum holds the sums of a team quarter's work, demand and due work
// over the trials, taken in trial order.
type quarterSum struct {
	sumWork, sumDem, sumDue float64
}

// capCurve is a team's capacity as the engine sees it: entry w of list
// applies to [w, w+1), tail afterwards.
type capCurve struct {
	list, cum []float64
	tail      float64
}

func newCapCurve(t forecast.Team) capCurve {
	c := capCurve{list: t.CapacityByWeek, tail: t.CapacityPerWeek, cum: make([]float64, len(t.CapacityByWeek)+1)}
	for w, v := range t.CapacityByWeek {
		c.cum[w+1] = c.cum[w] + v
	}
	return c
}

// at returns the capacity integrated over [0, t].
func (c *capCurve) at(t float64) float64 {
	L := len(c.list)
	if t <= 0 {
		return 0
	}
	if t >= float64(L) {
		return c.cum[L] + (t-float64(L))*c.tail
	}
	w := int(t)
	return c.cum[w] + (t-float64(w))*c.list[w]
}

func newTrials(m forecast.Model, mp *Mapping) *trials {
	n := len(m.Items)
	s := &trials{mp: mp, m: m, n: n, dayS: make([][]uint32, n), dayF: make([][]uint32, n)}
	s.predCount = make([][]uint32, len(mp.Items))
	for k, in := range mp.Items {
		s.predCount[k] = make([]uint32, len(in.Preds))
		if len(in.Preds) > 1 {
			s.multiPred = append(s.multiPred, k)
		}
	}
	index := make(map[string]int, n)
	for i, it := range m.Items {
		index[it.ID] = i
	}
	finish := make(map[string]int, len(mp.Items))
	for _, in := range mp.Items {
		finish[in.ID] = in.Finish
	}
	s.msCount = make([][]uint32, len(mp.Milestones))
	s.msNodes = make([][]int, len(mp.Milestones))
	for k, ms := range mp.Milestones {
		s.msCount[k] = make([]uint32, len(ms.Items))
		for _, id := range ms.Items {
			s.msNodes[k] = append(s.msNodes[k], finish[id])
		}
		if len(s.msNodes[k]) > 1 {
			s.multiMs = append(s.multiMs, k)
		}
	}
	q := plan.QuarterOf(mp.Day0)
	s.edges = []float64{0, math.Max(0, mp.Time(q.Next().First()))}
	s.qs = []plan.Quarter{q}
	// Every quarter the trials can reach, so that the workers only read
	// them (a time's quarter does not depend on how many later quarters
	// are known).
	s.quarter(math.Inf(1))
	due := dueTimes(m, index)
	for t, tn := range mp.Teams {
		ft := m.Teams[tn.Index]
		tl := teamLoad{id: tn.ID, slots: float64(max(ft.Slots, 1)), curve: newCapCurve(ft), lastAny: -1, maxDue: -1}
		for _, i := range tn.Items {
			e := m.Items[i].Effort
			if e.Kind == forecast.Fixed && e.Value <= 0 {
				continue
			}
			it := workItem{node: int32(i), team: int32(t), esQ: int16(s.quarter(m.Items[i].EarliestStart))}
			tl.demMax += effortBound(*e)
			dq := -1
			if !math.IsInf(due[i], 1) {
				dq = s.dueQuarter(due[i])
				tl.dueMax += effortBound(*e)
			}
			it.dueQ = int16(dq)
			s.work = append(s.work, it)
			tl.maxDue = max(tl.maxDue, dq)
		}
		tl.demMax = math.Max(tl.demMax, 1e-9)
		tl.dueMax = math.Max(tl.dueMax, 1e-9)
		s.teams = append(s.teams, tl)
	}
	s.work = workOrder(s.work)
	for k := range s.work {
		w := &s.work[k]
		if w.dueQ < 0 {
			w.dueQ = int16(len(s.qs))
		}
		w.pa, w.pb = int32(n), int32(n)
		w.p0 = int32(len(s.preds))
		for j, d := range m.Items[w.node].DependsOn {
			switch j {
			case 0:
				w.pa = int32(index[d])
			case 1:
				w.pb = int32(index[d])
			default:
				s.preds = append(s.preds, int32(index[d]))
			}
		}
		w.p1 = int32(len(s.preds))
	}
	// every quarter is known by now (see quarter(+Inf) above)
	for t := range s.teams {
		tl := &s.teams[t]
		tl.atEdge = make([]float64, len(s.edges))
		for q, e := range s.edges {
			tl.atEdge[q] = tl.curve.at(e)
		}
		tl.capQ, tl.overDue = make([]float64, len(s.qs)), make([]float64, len(s.qs))
		for q := range s.qs {
			tl.capQ[q] = s.capacity(tl, q)
			tl.overDue[q] = s.capacityTo(tl, q)*(1+1e-9) + 1e-9
		}
	}
	return s
}

// workOrder orders the work items (given team after team, each team's in
// its order) for loads: by node, so that the engine's slices are read in
// order, but never a team's item before an earlier one of the same team,
// since the sums of a team's quarters must be taken in the team's order to
// keep their bits. An item's place is the largest node among it and the
// team's earlier items: the nodes themselves when the team's order is the
// model's (as when priorities follow the portfolio's order).
func workOrder(work []workItem) []workItem {
	key := make([]int32, len(work))
	for k, w := range work {
		key[k] = w.node
		if k > 0 && work[k-1].team == w.team {
			key[k] = max(key[k], key[k-1])
		}
	}
	at := make([]int, len(work))
	for k := range at {
		at[k] = k
	}
	// stable: equal places keep team after team, each in its order
	sort.SliceStable(at, func(a, b int) bool { return key[at[a]] < key[at[b]] })
	out := make([]workItem, len(work))
	for k, j := range at {
		out[k] = work[j]
	}
	return out
}

// dueTimes returns, per model node, the model time by which it must be
// finished: the earliest target among the node itself and every node that
// waits on it, directly or through others (+Inf when none). An item is
// thus due by its own target, its milestones' dates and the targets of the
// items (and their milestones) that depend on it, whichever is first.
func dueTimes(m forecast.Model, index map[string]int) []float64 {
	n := len(m.Items)
	due := make([]float64, n)
	succ := make([][]int, n)
	indeg := make([]int, n)
	for i, it := range m.Items {
		due[i] = math.Inf(1)
		if it.Target != nil {
			due[i] = *it.Target
		}
		for _, d := range it.DependsOn {
			p := index[d]
			succ[p] = append(succ[p], i)
			indeg[i]++
		}
	}
	order := make([]int, 0, n) // topological (the model is acyclic)
	for i := range indeg {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for h := 0; h < len(order); h++ {
		for _, j := range succ[order[h]] {
			if indeg[j]--; indeg[j] == 0 {
				order = append(order, j)
			}
		}
	}
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		for _, j := range succ[i] {
			due[i] = min(due[i], due[j])
		}
	}
	return due
}

// dueQuarter returns the first quarter by whose end a finish at or before
// model time t is done: the q with edges[q] < t ≤ edges[q+1] (quarter 0 for
// t ≤ 0, a target before Day0), adding quarters as needed and clamped to
// the last one tracked.
func (s *trials) dueQuarter(t float64) int {
	for t > s.edges[len(s.edges)-1] && len(s.qs) < maxQuarters {
		q := s.qs[len(s.qs)-1].Next()
		s.qs = append(s.qs, q)
		s.edges = append(s.edges, s.mp.Time(q.Next().First()))
	}
	for q := range s.qs {
		if t <= s.edges[q+1] {
			return q
		}
	}
	return len(s.qs) - 1
}

// effortBound is the largest effort a distribution gives (for a lognormal,
// a value it exceeds with probability about 1e-9; larger efforts count in
// the histogram's top bin).
func effortBound(d forecast.Dist) float64 {
	switch d.Kind {
	case forecast.Fixed:
		return d.Value
	case forecast.Lognormal:
		mu := (math.Log(d.Low) + math.Log(d.High)) / 2
		sigma := (math.Log(d.High) - math.Log(d.Low)) / (2 * 1.6448536269514722)
		return math.Exp(mu + 6*sigma)
	default:
		return d.High
	}
}

// observer is one worker's part of trials (a forecast.Observer): it counts
// the worker's trials into its own tables and keeps, per block, the values
// whose sums depend on the order of additions for trials.Merge.
type observer struct {
	s             *trials
	start, finish []float64 // the current trial's (the engine's slices)

	dayS, dayF         []dayCounts
	dayT               []uint32
	predCount, msCount [][]uint32
	teams              []teamScratch
	money              *moneyWorker
	// the current trial's quarter of every node's finish (loads)
	finQ []uint8

	// the working days of the trials not counted yet into dayS and dayF,
	// trial by trial (bufS[k*n+i]): counted bufTrials trials at a time
	// (see dayBuf), a tile of nodes at a time, so that the counts being
	// added to stay in cache
	bufS, bufF []uint16
	bufTrials  int
	buffered   int
	blk        *blockLoads
}

// dayBuf is the number of node-trials whose days an observer buffers, and
// it buffers between minDayBuf and maxDayBuf trials; dayTile is the number
// of nodes counted together. A node's counts span many days and are read
// from memory once per flush: the more trials a flush counts, the fewer
// times (the 10,000-item programme's take about 5 MB a worker, 125 days a
// node, far more than the processor's caches hold beside the engine's
// data). The engine ends a block every 256 trials, and EndBlock flushes.
const (
	dayBuf    = 256 * 10000
	minDayBuf = 64
	maxDayBuf = 256
	dayTile   = 64
)

// blockLoads holds what the team quarters' sums need from a block of
// trials, in trial order: per trial and team the last quarter tracked (-1
// when none), then per quarter up to it the work, the demand and the due
// work to add (0 when below the threshold of counting).
type blockLoads struct {
	last []int32
	vals []float64
}

// Worker returns a worker's observer (forecast.Observers).
func (s *trials) Worker(int) forecast.Observer {
	n := s.n
	o := &observer{s: s, dayS: make([]dayCounts, n), dayF: make([]dayCounts, n),
		predCount: make([][]uint32, len(s.predCount)), msCount: make([][]uint32, len(s.msCount)),
		teams: make([]teamScratch, len(s.teams))}
	o.bufTrials = min(maxDayBuf, max(minDayBuf, dayBuf/max(n, 1)))
	o.bufS, o.bufF = make([]uint16, o.bufTrials*n), make([]uint16, o.bufTrials*n)
	for _, k := range s.multiPred {
		o.predCount[k] = make([]uint32, len(s.predCount[k]))
	}
	for _, k := range s.multiMs {
		o.msCount[k] = make([]uint32, len(s.msCount[k]))
	}
	for t := range o.teams {
		tl, ts := &s.teams[t], &o.teams[t]
		ts.curve, ts.slots = tl.curve, tl.slots
		ts.lastAny, ts.workLast = -1, -1
		ts.loadQ = make([]loadVals, len(s.qs)+1) // and the slot of work never due (see workItem.dueQ)
		ts.over = make([]uint32, len(s.qs))
	}
	o.finQ = make([]uint8, n+1) // finQ[n] = 0: see workItem.pa
	if s.money != nil {
		o.money = s.money.worker()
	}
	s.workers = append(s.workers, o) // Worker is called before the trials, from one goroutine
	return o
}

// Observe folds in one trial: every node's start and finish in model order.
func (o *observer) Observe(trial int, start, finish []float64) {
	s := o.s
	n := s.n
	if o.blk == nil {
		o.blk = s.newBlock()
	}
	o.start, o.finish = start[:n], finish[:n]
	start, finish = start[:n], finish[:n]
	row := o.buffered * n
	bs, bf := o.bufS[row:row+n], o.bufF[row:row+n]
	T := 0.0 // the engine's portfolio finish: the last finish
	for i, f := range finish {
		bs[i] = uint16(startDay(start[i]))
		bf[i] = uint16(finishDay(f))
		T = runMax(T, f)
	}
	if o.buffered++; o.buffered == o.bufTrials {
		o.countDays()
	}
	o.dayT = count(o.dayT, finishDay(T))
	o.drivers()
	o.loads()
	if o.money != nil {
		o.money.observe(trial, start, finish)
	}
	o.start, o.finish = nil, nil // the engine's slices must not be kept
}

// countDays adds the buffered trials' days to dayS and dayF.
func (o *observer) countDays() {
	n := o.s.n
	K := o.buffered
	for i0 := 0; i0 < n; i0 += dayTile {
		i1 := min(i0+dayTile, n)
		for k := range K {
			bs, bf := o.bufS[k*n+i0:k*n+i1], o.bufF[k*n+i0:k*n+i1]
			hs, hf := o.dayS[i0:i1], o.dayF[i0:i1]
			for j := range bs {
				// dayCounts.add, by hand: the compiler does not inline it
				if h, d := &hs[j], int(bs[j]); uint(d-h.lo) < uint(len(h.c)) {
					if h.c[d-h.lo]++; h.c[d-h.lo] == 0 {
						h.wrapped(d - h.lo)
					}
				} else {
					h.add(d)
				}
				if h, d := &hf[j], int(bf[j]); uint(d-h.lo) < uint(len(h.c)) {
					if h.c[d-h.lo]++; h.c[d-h.lo] == 0 {
						h.wrapped(d - h.lo)
					}
				} else {
					h.add(d)
				}
			}
		}
	}
	o.buffered = 0
}

// EndBlock ends a block of trials (forecast.Observer).
func (o *observer) EndBlock(lo, hi int) any {
	o.countDays()
	b := o.blk
	if b == nil {
		b = o.s.newBlock()
	}
	o.blk = nil
	return b
}

// newBlock returns an empty block buffer, reusing a merged one.
func (s *trials) newBlock() *blockLoads {
	s.mu.Lock()
	defer s.mu.Unlock()
	if k := len(s.free); k > 0 {
		b := s.free[k-1]
		s.free = s.free[:k-1]
		b.last, b.vals = b.last[:0], b.vals[:0]
		return b
	}
	return &blockLoads{last: make([]int32, 0, s.blockCap[0]), vals: make([]float64, 0, s.blockCap[1])}
}

// Merge adds a block's team quarter values to the sums, block by block in
// trial order (forecast.Observers).
func (s *trials) Merge(lo, hi int, block any) {
	b := block.(*blockLoads)
	s.N += hi - lo
	at, v := 0, 0
	for range hi - lo {
		for t := range s.teams {
			tl := &s.teams[t]
			last := int(b.last[at])
			at++
			for len(tl.sums) <= last {
				tl.sums = append(tl.sums, quarterSum{})
			}
			for q := 0; q <= last; q++ {
				a := &tl.sums[q]
				a.sumWork += b.vals[v]
				a.sumDem += b.vals[v+1]
				a.sumDue += b.vals[v+2]
				v += 3
			}
		}
	}
	s.mu.Lock()
	s.free = append(s.free, b)
	s.blockCap = [2]int{max(s.blockCap[0], len(b.last)), max(s.blockCap[1], len(b.vals))}
	s.mu.Unlock()
}

// fold adds the workers' counts up once the trials are merged.
func (s *trials) fold() {
	for _, o := range s.workers {
		for i := range s.n {
			s.dayS[i] = o.dayS[i].addTo(s.dayS[i])
			s.dayF[i] = o.dayF[i].addTo(s.dayF[i])
		}
		s.dayT = addCounts(s.dayT, o.dayT)
		for _, k := range s.multiPred {
			addCounts(s.predCount[k], o.predCount[k])
		}
		for _, k := range s.multiMs {
			addCounts(s.msCount[k], o.msCount[k])
		}
		for t := range s.teams {
			tl, ts := &s.teams[t], &o.teams[t]
			tl.lastAny = max(tl.lastAny, ts.lastAny)
			tl.over = addCounts(tl.over, ts.over)
			if tl.q == nil { // the first worker's tables hold the sum
				tl.q, ts.q = ts.q, nil
				continue
			}
			for len(tl.q) < len(ts.q) {
				tl.q = append(tl.q, &quarterAcc{})
			}
			for q := range ts.q {
				a, w := tl.q[q], ts.q[q]
				for b := range a.work {
					a.work[b] += w.work[b]
					a.demand[b] += w.demand[b]
					a.due[b] += w.due[b]
				}
			}
		}
	}
	s.workers = nil
	// an item with one predecessor (a milestone with one item) has it as
	// its driver in every trial
	for k, in := range s.mp.Items {
		if len(in.Preds) == 1 {
			s.predCount[k][0] = uint32(s.N)
		}
	}
	for k, nodes := range s.msNodes {
		if len(nodes) == 1 {
			s.msCount[k][0] = uint32(s.N)
		}
	}
	if s.money != nil {
		s.money.sum()
	}
}

// dayCounts counts trials per working day from lo on: a worker's counts
// of a node's starts or finishes, which span far fewer days than the
// days from Day0. The counts are 16-bit, the count of day lo+k being
// c[k] + 65536·wrap[k]: the workers read every node's counts from memory
// at each flush (countDays), so half the bytes are read; wrap is nil until
// a count first wraps (at 65,536 trials on the same day), and then as long
// as c.
type dayCounts struct {
	lo   int
	c    []uint16
	wrap []uint32
}

// add counts a trial on working day d.
func (h *dayCounts) add(d int) {
	if k := d - h.lo; uint(k) < uint(len(h.c)) {
		if h.c[k]++; h.c[k] == 0 {
			h.wrapped(k)
		}
		return
	}
	switch {
	case len(h.c) == 0:
		h.lo, h.c = d, make([]uint16, 1, 16)
	case d < h.lo:
		lo := max(0, min(d, h.lo-len(h.c)/2)) // room below, to move rarely
		c := make([]uint16, h.lo-lo+len(h.c), h.lo-lo+cap(h.c))
		copy(c[h.lo-lo:], h.c)
		if h.wrap != nil {
			w := make([]uint32, len(c))
			copy(w[h.lo-lo:], h.wrap)
			h.wrap = w
		}
		h.lo, h.c = lo, c
	default:
		h.c = append(h.c, make([]uint16, d-h.lo+1-len(h.c))...)
		if h.wrap != nil {
			h.wrap = append(h.wrap, make([]uint32, len(h.c)-len(h.wrap))...)
		}
	}
	h.add(d)
}

// wrapped records that the count of day lo+k has wrapped round to 0.
func (h *dayCounts) wrapped(k int) {
	if h.wrap == nil {
		h.wrap = make([]uint32, len(h.c))
	}
	h.wrap[k]++
}

// addTo adds the counts to dst, counts per working day from Day0, growing
// it as needed.
func (h *dayCounts) addTo(dst []uint32) []uint32 {
	if n := h.lo + len(h.c); n > len(dst) {
		dst = append(dst, make([]uint32, n-len(dst))...)
	}
	for k, c := range h.c {
		dst[h.lo+k] += uint32(c)
	}
	for k, w := range h.wrap {
		dst[h.lo+k] += w << 16
	}
	return dst
}

// addCounts adds src to dst, growing dst as needed.
func addCounts(dst, src []uint32) []uint32 {
	if len(src) > len(dst) {
		dst = append(dst, make([]uint32, len(src)-len(dst))...)
	}
	for k, c := range src {
		dst[k] += c
	}
	return dst
}

// maxDays bounds the working days counted (about 40 years); later dates
// count on the last one.
const maxDays = 10000

// startDay is the working day of a start at model time t: ⌊t⌋.
func startDay(t float64) int {
	if x := t + eps; x >= 0 && x < maxDays {
		return int(x) // ⌊x⌋, x being non-negative: cheaper than Floor and the clamps
	}
	return int(min(maxDays, max(0, math.Floor(t+eps)))) // min and max as math.Min and math.Max, inlined
}

// finishDay is the working day of a finish at model time t: ⌈t⌉−1.
func finishDay(t float64) int {
	if y := t - eps; y > 1 && y <= maxDays+1 {
		// ⌈y⌉−1 without Ceil and the clamps, nor a branch on whether y is
		// a whole number: d−1 when y is d, d otherwise
		d := int(y)
		frac := math.Float64bits(y - float64(d))
		return d - 1 + int((frac|-frac)>>63)
	}
	return int(min(maxDays, max(0, math.Ceil(t-eps)-1)))
}

func count(h []uint32, k int) []uint32 {
	if k >= len(h) {
		h = append(h, make([]uint32, k+1-len(h))...)
	}
	h[k]++
	return h
}

// dayQuantile returns the first working day by which at least a share q of
// the trials counted in h happened.
func dayQuantile(h []uint32, N int, q float64) int {
	need := q * float64(N)
	cum := 0.0
	for k, c := range h {
		cum += float64(c)
		if cum >= need-1e-9 {
			return k
		}
	}
	return len(h) - 1
}

func (o *observer) drivers() {
	s := o.s
	for _, k := range s.multiPred {
		best, bt := 0, math.Inf(-1)
		for j, p := range s.mp.Items[k].Preds {
			if f := o.finish[p.Node]; f > bt {
				best, bt = j, f
			}
		}
		o.predCount[k][best]++
	}
	for _, k := range s.multiMs {
		best, bt := 0, math.Inf(-1)
		for j, i := range s.msNodes[k] {
			if f := o.finish[i]; f > bt {
				best, bt = j, f
			}
		}
		o.msCount[k][best]++
	}
}

// quarter returns the quarter holding model time t, adding quarters as needed.
func (s *trials) quarter(t float64) int {
	// Quarter boundaries are whole working days, so below the last one a
	// time's quarter depends only on its day and on whether it is a whole
	// number: two tables built from search (qtab) answer most calls.
	if t >= 0 && t < s.tabEnd {
		d := int(t)
		k := 2*d + 1
		if float64(d) == t {
			k--
		}
		return int(s.qtab8[k])
	}
	for t >= s.edges[len(s.edges)-1] && len(s.qs) < maxQuarters {
		q := s.qs[len(s.qs)-1].Next()
		s.qs = append(s.qs, q)
		s.edges = append(s.edges, s.mp.Time(q.Next().First()))
	}
	s.qtab()
	return s.search(t)
}

// search is quarter's answer once the quarters are added: the quarter q
// with edges[q] ≤ t < edges[q+1] (the first of equal boundaries), clamped
// to the quarters known.
func (s *trials) search(t float64) int {
	q := sort.SearchFloat64s(s.edges, t)
	if q < len(s.edges) && s.edges[q] == t {
		q++ // t is a boundary: it opens quarter q
	}
	return min(max(q-1, 0), len(s.qs)-1)
}

// maxTab bounds the days of quarter's tables.
const maxTab = 1 << 16

// qtab (re)builds quarter's tables when quarters were added: qtab8[2d] is
// the quarter of time d, qtab8[2d+1] that of the times strictly between d
// and d+1, for d below the last boundary (one byte each: maxQuarters is
// below 256, and the tables stay in cache). Without whole-day boundaries there are
// no tables (tabEnd 0) and every call searches.
func (s *trials) qtab() {
	if len(s.edges) == s.tabEdges {
		return
	}
	s.tabEdges = len(s.edges)
	s.tabEnd = 0
	end := s.edges[len(s.edges)-1]
	if !(end >= 0 && end <= maxTab) {
		return
	}
	for _, e := range s.edges {
		if e != math.Trunc(e) {
			return
		}
	}
	E := int(end)
	s.qtab8 = make([]uint8, 2*E)
	for d := range E {
		s.qtab8[2*d] = uint8(s.search(float64(d)))
		s.qtab8[2*d+1] = uint8(s.search(float64(d) + 0.5))
	}
	s.tabEnd = end
}

// loads folds a trial into every team's quarters. A first pass finds
// every node's finish quarter; a second over the work items, in an order
// that reads the engine's slices nearly in order and keeps each team's
// (see workOrder), adds each item's work, ready work and due work to its
// team's quarters; load then folds each team's quarters into its
// histograms and sums.
func (o *observer) loads() {
	s := o.s
	start, finish := o.start, o.finish
	finQ := o.finQ
	for i, f := range finish {
		q := s.tabQuarter(f)
		if q < 0 {
			q = s.quarter(f)
		}
		finQ[i] = uint8(q)
	}
	nq := len(s.qs)
	edges := s.edges[:nq+1]
	preds := s.preds
	for k := range s.work {
		w := &s.work[k]
		ts := &o.teams[w.team]
		st, f := start[w.node], finish[w.node]
		atS, atF := ts.curve.at(st), ts.curve.at(f)
		eff := (atF - atS) / ts.slots
		if eff <= 1e-12 {
			continue
		}
		// the quarter of the time the item is ready, max(earliest start,
		// predecessors' finishes): quarter is monotonic, so the max of
		// their quarters
		qr := imax(int(w.esQ), imax(int(finQ[w.pa]), int(finQ[w.pb])))
		if w.p1 > w.p0 { // rare: no slice of preds to check otherwise
			for _, p := range preds[w.p0:w.p1] {
				qr = max(qr, int(finQ[p]))
			}
		}
		q0, q1 := s.tabQuarter(st), int(finQ[w.node])
		if q0 < 0 {
			q0 = s.quarter(st)
		}
		ts.workLast = imax(ts.workLast, imax(q1, qr))
		lq := ts.loadQ
		lq[qr].ready += eff
		lq[w.dueQ].due += eff
		if q0 == q1 && st >= edges[q0] && (q0 >= nq-1 || f <= edges[q0+1]) {
			// within one quarter (most items): span would add exactly
			// eff, the same expression of the same numbers
			lq[q0].work += eff
			continue
		}
		o.span(&s.teams[w.team], lq, st, f, atS, atF, q0, q1)
	}
	for t := range s.teams {
		o.load(t)
	}
}

// tabQuarter is quarter where its tables hold the answer, -1 elsewhere:
// small enough to be inlined, and without a branch on whether t is a
// whole number, which the processor cannot predict.
func (s *trials) tabQuarter(t float64) int {
	if t >= 0 && t < s.tabEnd {
		d := int(t)
		// the bits of t - d but its sign (-0 when t is -0): 0 exactly
		// when t is d
		frac := math.Float64bits(t-float64(d)) << 1
		return int(s.qtab8[2*d+int((frac|-frac)>>63)])
	}
	return -1
}

// runMax is max(m, x) for a running maximum m that started at +0 (so it
// is never -0): the same value, with a branch that is rarely taken
// instead of max's chain of dependent instructions, which made a pass
// over the nodes wait on every element.
func runMax(m, x float64) float64 {
	if !(x <= m) { // x is larger, or one is NaN
		return max(m, x)
	}
	return m // x ≤ m, and max(m, x) is m: they differ only for m -0, x +0
}

// imax is max(a, b) without a branch: the compiler branches on max in
// some loops, and which of a trial's quarters is the later one is not
// predictable.
func imax(a, b int) int {
	d := a - b
	return a - d&(d>>63)
}

// loadVals is a team quarter's work, work becoming ready and work due in
// one trial.
type loadVals struct {
	work, ready, due float64
}

// load folds a trial's quarters of team t (loads) into its histograms,
// counts and block values, and clears them for the next trial.
func (o *observer) load(t int) {
	tl, ts := &o.s.teams[t], &o.teams[t]
	lq := ts.loadQ
	lq[len(lq)-1] = loadVals{} // work never due (see workItem.dueQ)
	workLast := ts.workLast
	ts.workLast = -1
	last := max(tl.maxDue, workLast)
	blk := o.blk
	blk.last = append(blk.last, int32(last))
	if last < 0 {
		return
	}
	for len(ts.q) <= last {
		ts.q = append(ts.q, &quarterAcc{})
	}
	ts.lastAny = max(ts.lastAny, workLast)
	avail, done, due := 0.0, 0.0, 0.0
	for q := 0; q <= last; q++ {
		a := ts.q[q]
		l := &lq[q]
		avail += l.ready
		demand := avail - done
		w := l.work
		done += w
		due += l.due
		*l = loadVals{}
		var vw, vd, vu float64 // what the sums get, in trial order (see Merge)
		if w > 1e-9 {
			b := loadBins
			if capQ := tl.capQ[q]; capQ > 0 {
				b = min(int(w/capQ*loadBins), loadBins)
			}
			a.work[b]++
			vw = w
		}
		if demand > 1e-9 {
			a.demand[min(int(demand/tl.demMax*loadBins), loadBins)]++
			vd = demand
		}
		if due > 1e-9 {
			a.due[min(int(due/tl.dueMax*loadBins), loadBins)]++
			vu = due
			if due > tl.overDue[q] {
				ts.over[q]++
			}
		}
		blk.vals = append(blk.vals, vw, vd, vu)
	}
}

// span adds the work of a node whose start st and finish f are not within
// one quarter to quarters q0 to q1: to each, (curve.at(hi) -
// curve.at(lo)) / slots with lo = max(st, edges[q]) and hi = min(f,
// edges[q+1]) (the finish in the last quarter), the integrals at st and f
// given (atS, atF), those at the boundaries read from atEdge.
func (o *observer) span(tl *teamLoad, lq []loadVals, st, f, atS, atF float64, q0, q1 int) {
	edges, nq := o.s.edges, len(o.s.qs)
	for q := q0; q <= q1; q++ {
		lo, aLo := edges[q], tl.atEdge[q]
		if st > lo {
			lo, aLo = st, atS
		}
		hi, aHi := f, atF
		if q < nq-1 && edges[q+1] < f {
			hi, aHi = edges[q+1], tl.atEdge[q+1]
		}
		if hi > lo {
			lq[q].work += (aHi - aLo) / tl.slots
		}
	}
}

// capacityTo is the team's capacity from Day0 to the end of quarter q, in person-days.
func (s *trials) capacityTo(tl *teamLoad, q int) float64 {
	return tl.curve.at(s.edges[q+1])
}

// capacity is the team's capacity over quarter q, in person-days.
func (s *trials) capacity(tl *teamLoad, q int) float64 {
	return tl.curve.at(s.edges[q+1]) - tl.curve.at(s.edges[q])
}

// loadQuantile reads a quantile from a histogram over [0, top] that holds
// only the non-zero values; the other trials count as zero.
func loadQuantile(h []uint32, nonzero uint32, N, q, top float64) float64 {
	zeros := N - float64(nonzero)
	target := q * N
	if target <= zeros {
		return 0
	}
	cum := zeros
	w := top / loadBins
	for b, c := range h {
		if c == 0 {
			continue
		}
		next := cum + float64(c)
		if next >= target {
			if b == loadBins {
				return top
			}
			return (float64(b) + (target-cum)/float64(c)) * w
		}
		cum = next
	}
	return top
}

// quarters returns the team × quarter table: every team, for every quarter
// from Day0's to the last in which some team works in some trial.
func (s *trials) quarters() []TeamQuarter {
	last := 0
	for _, tl := range s.teams {
		last = max(last, tl.lastAny)
	}
	N := float64(max(s.N, 1))
	out := []TeamQuarter{}
	for t := range s.teams {
		tl := &s.teams[t]
		for q := 0; q <= last; q++ {
			capQ := s.capacity(tl, q)
			row := TeamQuarter{TeamID: tl.id, Quarter: s.qs[q], From: s.qs[q].First(), To: s.qs[q].Last(),
				Capacity: capQ, CapacityToEnd: s.capacityTo(tl, q)}
			if q == 0 {
				row.From = s.mp.Day0
			}
			row.Start, row.End = row.From, row.To
			if q < len(tl.sums) {
				row.WorkMean = tl.sums[q].sumWork / N
				row.DemandMean = tl.sums[q].sumDem / N
			}
			if q < len(tl.q) {
				a := tl.q[q]
				nWork, nDem := nonzero(a.work[:]), nonzero(a.demand[:])
				row.WorkP50 = loadQuantile(a.work[:], nWork, N, 0.5, capQ)
				row.WorkP85 = loadQuantile(a.work[:], nWork, N, 0.85, capQ)
				row.DemandP50 = loadQuantile(a.demand[:], nDem, N, 0.5, tl.demMax)
				row.DemandP85 = loadQuantile(a.demand[:], nDem, N, 0.85, tl.demMax)
				row.POver = float64(tl.over[q]) / N
			}
			// The work due by a quarter's end is cumulative and every trial
			// counts it up to maxDue; after that nothing more falls due, so
			// it stays what it was there. (POver needs no such care: in a
			// trial whose work ended before q it fits, since the team did
			// it all by then.)
			if k := min(q, tl.maxDue); k >= 0 {
				a := tl.q[k]
				row.DueMean = tl.sums[k].sumDue / N
				nDue := nonzero(a.due[:])
				row.DueP50 = loadQuantile(a.due[:], nDue, N, 0.5, tl.dueMax)
				row.DueP85 = loadQuantile(a.due[:], nDue, N, 0.85, tl.dueMax)
			}
			out = append(out, row)
		}
	}
	return out
}

// driver returns the most frequent index of counts and its share.
func driver(counts []uint32, N int) (int, float64) {
	best := -1
	var bc uint32
	for j, c := range counts {
		if c > bc {
			best, bc = j, c
		}
	}
	if best < 0 || N == 0 {
		return -1, 0
	}
	return best, float64(bc) / float64(N)
}
