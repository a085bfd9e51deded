package outlook

import (
	"math"
	"sort"

	"steerco/internal/forecast"
	"steerco/internal/plan"
)

// trials receives the engine's per-trial starts and finishes (through
// forecast.Options.Observe: every node's start and finish, one trial at a
// time, in trial order) and keeps, streaming, what the engine does not
// compute: exact per-working-day counts of starts and finishes, each team's
// load per calendar quarter and the drivers of items and milestones. Trials
// arrive in trial order, so every sum is taken in the same order whatever
// the number of workers: results are deterministic.
type trials struct {
	mp  *Mapping
	m   forecast.Model
	n   int // model nodes
	err error
	N   int // trials seen

	start, finish []float64 // the current trial's (the engine's slices)
	T             float64   // the portfolio finish of the current trial

	// dates: per node, how many trials started and finished on each
	// working day (index = working day), and the same for the portfolio.
	dayS, dayF [][]uint32
	dayT       []uint32

	// drivers: counts per item (index into mp.Items) per predecessor, and
	// per milestone per item.
	predCount [][]uint32
	msCount   [][]uint32
	msNodes   [][]int // finish nodes of each milestone's items

	// quarters
	edges []float64 // model time of quarter boundaries; quarter q is [edges[q], edges[q+1])
	// quarter's tables (see qtab)
	qAt, qIn []int32
	tabEnd   float64        // the tables cover [0, tabEnd)
	tabEdges int            // len(edges) when they were built
	qs       []plan.Quarter // calendar quarter of each q
	teams    []teamLoad
	money    *moneyTrack // exposure and JCL (nil in tests that build trials alone)
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
	items  []int     // work nodes with effort
	es     []float64 // their earliest starts
	preds  [][]int   // their predecessor nodes
	dueQ   []int     // the quarter by whose end each must be finished (see dueTimes), -1 when never
	maxDue int       // the largest of dueQ (-1 when none)
	demMax float64   // upper end of the demand histogram
	dueMax float64   // upper end of the due-work histogram
	work   []float64 // per-trial scratch, per quarter
	ready  []float64
	due    []float64
	q      []quarterAcc
	// lastAny is the last quarter with any work (or work becoming ready)
	// in any trial; quarters are tracked up to it and to maxDue.
	lastAny int
}

type quarterAcc struct {
	work, demand, due [loadBins + 1]uint32 // non-zero values only
	nWork, nDem, nDue uint32
	over              uint32
	sumWork           float64
	sumDem            float64
	sumDue            float64
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
	}
	q := plan.QuarterOf(mp.Day0)
	s.edges = []float64{0, math.Max(0, mp.Time(q.Next().First()))}
	s.qs = []plan.Quarter{q}
	due := dueTimes(m, index)
	for _, tn := range mp.Teams {
		ft := m.Teams[tn.Index]
		tl := teamLoad{id: tn.ID, slots: float64(max(ft.Slots, 1)), curve: newCapCurve(ft), lastAny: -1, maxDue: -1}
		for _, i := range tn.Items {
			e := m.Items[i].Effort
			if e.Kind == forecast.Fixed && e.Value <= 0 {
				continue
			}
			tl.items = append(tl.items, i)
			tl.es = append(tl.es, m.Items[i].EarliestStart)
			var ps []int
			for _, d := range m.Items[i].DependsOn {
				ps = append(ps, index[d])
			}
			tl.preds = append(tl.preds, ps)
			tl.demMax += effortBound(*e)
			dq := -1
			if !math.IsInf(due[i], 1) {
				dq = s.dueQuarter(due[i])
				tl.dueMax += effortBound(*e)
			}
			tl.dueQ = append(tl.dueQ, dq)
			tl.maxDue = max(tl.maxDue, dq)
		}
		tl.demMax = math.Max(tl.demMax, 1e-9)
		tl.dueMax = math.Max(tl.dueMax, 1e-9)
		s.teams = append(s.teams, tl)
	}
	return s
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

// observe folds in one trial (forecast.Options.Observe): every node's
// start and finish in model order. Trials arrive in trial order.
func (s *trials) observe(_ int, start, finish []float64) {
	s.start, s.finish = start, finish
	T := 0.0 // the engine's portfolio finish: the last finish
	for _, f := range finish {
		T = max(T, f)
	}
	s.T = T
	s.N++
	dayS, dayF := s.dayS[:s.n], s.dayF[:s.n]
	start, finish = start[:s.n], finish[:s.n]
	for i := range dayS {
		if d, h := startDay(start[i]), dayS[i]; d < len(h) {
			h[d]++
		} else {
			dayS[i] = count(h, d)
		}
		if d, h := finishDay(finish[i]), dayF[i]; d < len(h) {
			h[d]++
		} else {
			dayF[i] = count(h, d)
		}
	}
	s.dayT = count(s.dayT, finishDay(T))
	s.drivers()
	for t := range s.teams {
		s.load(&s.teams[t])
	}
	if s.money != nil {
		s.money.observe(start, finish)
	}
	s.start, s.finish = nil, nil // the engine's slices must not be kept
}

// maxDays bounds the working days counted (about 40 years); later dates
// count on the last one.
const maxDays = 10000

// startDay is the working day of a start at model time t: ⌊t⌋.
func startDay(t float64) int {
	return int(min(maxDays, max(0, math.Floor(t+eps)))) // min and max as math.Min and math.Max, inlined
}

// finishDay is the working day of a finish at model time t: ⌈t⌉−1.
func finishDay(t float64) int {
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

func (s *trials) drivers() {
	for k, in := range s.mp.Items {
		if len(in.Preds) == 0 {
			continue
		}
		best, bt := 0, math.Inf(-1)
		for j, p := range in.Preds {
			if f := s.finish[p.Node]; f > bt {
				best, bt = j, f
			}
		}
		s.predCount[k][best]++
	}
	for k, nodes := range s.msNodes {
		if len(nodes) == 0 {
			continue
		}
		best, bt := 0, math.Inf(-1)
		for j, i := range nodes {
			if f := s.finish[i]; f > bt {
				best, bt = j, f
			}
		}
		s.msCount[k][best]++
	}
}

// quarter returns the quarter holding model time t, adding quarters as needed.
func (s *trials) quarter(t float64) int {
	// Quarter boundaries are whole working days, so below the last one a
	// time's quarter depends only on its day and on whether it is a whole
	// number: two tables built from search (qtab) answer most calls.
	if t >= 0 && t < s.tabEnd {
		d := int(t)
		if float64(d) == t {
			return int(s.qAt[d])
		}
		return int(s.qIn[d])
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

// qtab (re)builds quarter's tables when quarters were added: qAt[d] is the
// quarter of time d, qIn[d] that of the times strictly between d and d+1,
// for d below the last boundary. Without whole-day boundaries there are
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
	s.qAt, s.qIn = make([]int32, E), make([]int32, E)
	for d := range E {
		s.qAt[d] = int32(s.search(float64(d)))
		s.qIn[d] = int32(s.search(float64(d) + 0.5))
	}
	s.tabEnd = end
}

func (s *trials) load(tl *teamLoad) {
	last := -1
	grow := func(q int) {
		for last < q {
			last++
			if last >= len(tl.work) {
				tl.work = append(tl.work, 0)
				tl.ready = append(tl.ready, 0)
				tl.due = append(tl.due, 0)
			}
			tl.work[last], tl.ready[last], tl.due[last] = 0, 0, 0
		}
	}
	grow(tl.maxDue)
	workLast := -1
	for k, i := range tl.items {
		st, f := s.start[i], s.finish[i]
		eff := (tl.curve.at(f) - tl.curve.at(st)) / tl.slots
		if eff <= 1e-12 {
			continue
		}
		r := tl.es[k]
		for _, p := range tl.preds[k] {
			r = max(r, s.finish[p])
		}
		q0, q1, qr := s.quarter(st), s.quarter(f), s.quarter(r)
		workLast = max(workLast, q1, qr)
		grow(workLast)
		tl.ready[qr] += eff
		if dq := tl.dueQ[k]; dq >= 0 {
			tl.due[dq] += eff
		}
		if q0 == q1 && st >= s.edges[q0] && (q0+1 >= len(s.edges) || q0 >= len(s.qs)-1 || f <= s.edges[q0+1]) {
			// within one quarter (most items): the loop below would add
			// exactly eff, the same expression of the same numbers
			tl.work[q0] += eff
			continue
		}
		for q := q0; q <= q1; q++ {
			lo := max(st, s.edges[q])
			hi := f
			if q+1 < len(s.edges) && q < len(s.qs)-1 {
				hi = min(f, s.edges[q+1])
			}
			if hi > lo {
				tl.work[q] += (tl.curve.at(hi) - tl.curve.at(lo)) / tl.slots
			}
		}
	}
	if last < 0 {
		return
	}
	for len(tl.q) <= last {
		tl.q = append(tl.q, quarterAcc{})
	}
	tl.lastAny = max(tl.lastAny, workLast)
	avail, done, due := 0.0, 0.0, 0.0
	for q := 0; q <= last; q++ {
		a := &tl.q[q]
		avail += tl.ready[q]
		demand := avail - done
		w := tl.work[q]
		done += w
		due += tl.due[q]
		capQ := s.capacity(tl, q)
		if w > 1e-9 {
			b := loadBins
			if capQ > 0 {
				b = min(int(w/capQ*loadBins), loadBins)
			}
			a.work[b]++
			a.nWork++
			a.sumWork += w
		}
		if demand > 1e-9 {
			a.demand[min(int(demand/tl.demMax*loadBins), loadBins)]++
			a.nDem++
			a.sumDem += demand
		}
		if due > 1e-9 {
			a.due[min(int(due/tl.dueMax*loadBins), loadBins)]++
			a.nDue++
			a.sumDue += due
			if capTo := s.capacityTo(tl, q); due > capTo*(1+1e-9)+1e-9 {
				a.over++
			}
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
			if q < len(tl.q) {
				a := &tl.q[q]
				row.WorkMean = a.sumWork / N
				row.DemandMean = a.sumDem / N
				row.WorkP50 = loadQuantile(a.work[:], a.nWork, N, 0.5, capQ)
				row.WorkP85 = loadQuantile(a.work[:], a.nWork, N, 0.85, capQ)
				row.DemandP50 = loadQuantile(a.demand[:], a.nDem, N, 0.5, tl.demMax)
				row.DemandP85 = loadQuantile(a.demand[:], a.nDem, N, 0.85, tl.demMax)
				row.POver = float64(a.over) / N
			}
			// The work due by a quarter's end is cumulative and every trial
			// counts it up to maxDue; after that nothing more falls due, so
			// it stays what it was there. (POver needs no such care: in a
			// trial whose work ended before q it fits, since the team did
			// it all by then.)
			if k := min(q, tl.maxDue); k >= 0 {
				a := &tl.q[k]
				row.DueMean = a.sumDue / N
				row.DueP50 = loadQuantile(a.due[:], a.nDue, N, 0.5, tl.dueMax)
				row.DueP85 = loadQuantile(a.due[:], a.nDue, N, 0.85, tl.dueMax)
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
