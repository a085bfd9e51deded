package forecast

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// The resource-constrained probe: the simplest correct Go loop that
// samples every item and list-schedules the network with its teams, the
// baseline of BenchmarkRCvsProbe (as refLoop is the CPM path's). It
// handles what the benchmark's network has: triangular efforts and
// durations, finish-to-start links, earliest starts, and teams with slots
// and a constant capacity per week (no calendar). As in the engine, an
// item started at t on a team of capacity c and k slots finishes when the
// team's cumulative capacity c·t has grown by k times its effort (each
// slot works at c/k person-days a week).

// probeNet is a model in the probe's form: flat per-item slices, the
// successors as index lists, each team's priority as a rank per item.
type probeNet struct {
	lo, mode, hi []float64 // effort (team items) or duration
	team         []int32   // -1 for a duration item
	rank         []int32   // priority within its team (0 first)
	es           []float64
	npred        []int32
	succStart    []int32 // successors of i are succ[succStart[i]:succStart[i+1]]
	succ         []int32
	slots        []int
	capacity     []float64 // per week
}

func newProbeNet(m Model) *probeNet {
	n := len(m.Items)
	p := &probeNet{lo: make([]float64, n), mode: make([]float64, n), hi: make([]float64, n),
		team: make([]int32, n), rank: make([]int32, n), es: make([]float64, n), npred: make([]int32, n),
		succStart: make([]int32, n+1)}
	index := map[string]int32{}
	teams := map[string]int32{}
	for t, tm := range m.Teams {
		if len(tm.CapacityByWeek) > 0 {
			panic("probe: capacity calendars are not supported")
		}
		teams[tm.ID] = int32(t)
		p.slots = append(p.slots, max(tm.Slots, 1))
		p.capacity = append(p.capacity, tm.CapacityPerWeek)
	}
	succs := make([][]int32, n)
	next := make([]int32, len(m.Teams)) // next rank per team
	for i, it := range m.Items {
		index[it.ID] = int32(i)
		d := it.Duration
		p.team[i] = -1
		if it.Effort != nil {
			d = it.Effort
			p.team[i] = teams[it.Team]
		}
		switch d.Kind {
		case Triangular:
			p.lo[i], p.mode[i], p.hi[i] = d.Low, d.Mode, d.High
		case Fixed:
			p.lo[i], p.mode[i], p.hi[i] = d.Value, d.Value, d.Value
		default:
			panic("probe: only triangular and fixed distributions")
		}
		p.es[i] = it.EarliestStart
		for _, dep := range it.DependsOn {
			j := index[dep] // earlier: the benchmark's items depend on earlier ones
			succs[j] = append(succs[j], int32(i))
			p.npred[i]++
		}
	}
	for t, tm := range m.Teams { // listed first, then the others by position
		for _, id := range tm.Priority {
			p.rank[index[id]] = next[t]
			next[t]++
		}
		for i := range m.Items {
			if p.team[i] == int32(t) && !contains(tm.Priority, m.Items[i].ID) {
				p.rank[i] = next[t]
				next[t]++
			}
		}
	}
	for i := range succs {
		p.succ = append(p.succ, succs[i]...)
		p.succStart[i+1] = int32(len(p.succ))
	}
	return p
}

func contains(ids []string, id string) bool {
	for _, x := range ids {
		if x == id {
			return true
		}
	}
	return false
}

// probeEvent is an item's release (at its earliest start) or its finish.
type probeEvent struct {
	t       float64
	item    int32
	release bool
}

// A binary min-heap of events on time, and one of ready items on rank:
// the textbook sift-up and sift-down.
type eventHeap []probeEvent

func (h *eventHeap) push(e probeEvent) {
	*h = append(*h, e)
	q := *h
	for k := len(q) - 1; k > 0; {
		p := (k - 1) / 2
		if q[p].t <= q[k].t {
			break
		}
		q[p], q[k] = q[k], q[p]
		k = p
	}
}

func (h *eventHeap) pop() probeEvent {
	q := *h
	top := q[0]
	n := len(q) - 1
	q[0] = q[n]
	q = q[:n]
	for k := 0; ; {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && q[c+1].t < q[c].t {
			c++
		}
		if q[k].t <= q[c].t {
			break
		}
		q[k], q[c] = q[c], q[k]
		k = c
	}
	*h = q
	return top
}

type readyHeap struct{ rank, item []int32 }

func (h *readyHeap) push(rank, item int32) {
	h.rank, h.item = append(h.rank, rank), append(h.item, item)
	for k := len(h.rank) - 1; k > 0; {
		p := (k - 1) / 2
		if h.rank[p] <= h.rank[k] {
			break
		}
		h.rank[p], h.rank[k] = h.rank[k], h.rank[p]
		h.item[p], h.item[k] = h.item[k], h.item[p]
		k = p
	}
}

func (h *readyHeap) pop() int32 {
	top := h.item[0]
	n := len(h.rank) - 1
	h.rank[0], h.item[0] = h.rank[n], h.item[n]
	h.rank, h.item = h.rank[:n], h.item[:n]
	for k := 0; ; {
		c := 2*k + 1
		if c >= n {
			break
		}
		if c+1 < n && h.rank[c+1] < h.rank[c] {
			c++
		}
		if h.rank[k] <= h.rank[c] {
			break
		}
		h.rank[k], h.rank[c] = h.rank[c], h.rank[k]
		h.item[k], h.item[c] = h.item[c], h.item[k]
		k = c
	}
	return top
}

// probeLoop runs trials of the parallel schedule-generation scheme: per
// trial it samples every item (inverse CDF of one uniform from a PCG
// stream), then at t = 0 and at each event time it handles every event at
// that time (a finish frees its slot and releases the successors whose
// predecessors are all done; a release at an earliest start makes an item
// ready), and each team gives its free slots to its ready items by
// priority. A backward pass over the start order, through dependency and
// slot hand-over links, finds the critical items. It counts criticality
// and sums the portfolio finish, nothing else. Single-threaded.
// finish is the last trial's.
func probeLoop(p *probeNet, trials int, seed uint64) (crit []int32, sumT float64, finish []float64) {
	n := len(p.lo)
	rng := rand.New(rand.NewPCG(seed, 9))
	dur, start, ls := make([]float64, n), make([]float64, n), make([]float64, n)
	finish = make([]float64, n)
	npred, handOver := make([]int32, n), make([]int32, n)
	crit = make([]int32, n)
	free := make([]int, len(p.slots))
	freed := make([][]int32, len(p.slots)) // items whose slot freed now
	ready := make([]readyHeap, len(p.slots))
	var events eventHeap
	order := make([]int32, 0, n)
	for range trials {
		for i := range n {
			a, c, b := p.lo[i], p.mode[i], p.hi[i]
			u := rng.Float64()
			switch {
			case b == a:
				dur[i] = a
			case u < (c-a)/(b-a):
				dur[i] = a + math.Sqrt(u*(b-a)*(c-a))
			default:
				dur[i] = b - math.Sqrt((1-u)*(b-a)*(b-c))
			}
		}
		copy(npred, p.npred)
		for i := range handOver {
			handOver[i] = -1
		}
		for t := range free {
			free[t] = p.slots[t]
		}
		order = order[:0]
		// ready at t: a duration item (or no effort) starts, an effort item
		// queues for its team
		makeReady := func(i int32, t float64) {
			if tm := p.team[i]; tm >= 0 && dur[i] > 0 {
				ready[tm].push(p.rank[i], i)
				return
			}
			start[i] = t
			order = append(order, i)
			events.push(probeEvent{t: t + dur[i], item: i})
		}
		avail := func(i int32, t float64) {
			if p.es[i] > t {
				events.push(probeEvent{t: p.es[i], item: i, release: true})
				return
			}
			makeReady(i, t)
		}
		fill := func(t float64) {
			for tm := range free {
				for free[tm] > 0 && len(ready[tm].rank) > 0 {
					j := ready[tm].pop()
					free[tm]--
					start[j] = t
					order = append(order, j)
					if k := len(freed[tm]); k > 0 {
						handOver[freed[tm][k-1]] = j
						freed[tm] = freed[tm][:k-1]
					}
					events.push(probeEvent{t: t + dur[j]*(float64(p.slots[tm])/p.capacity[tm]), item: j})
				}
				freed[tm] = freed[tm][:0]
			}
		}
		for i := range int32(n) {
			if npred[i] == 0 {
				avail(i, 0)
			}
		}
		if len(events) == 0 || events[0].t > 0 { // else after the events at 0
			fill(0)
		}
		T := 0.0
		for len(events) > 0 {
			t := events[0].t
			T = t
			for len(events) > 0 && events[0].t <= t {
				e := events.pop()
				if e.release {
					makeReady(e.item, t)
					continue
				}
				i := e.item
				finish[i] = t
				if tm := p.team[i]; tm >= 0 && dur[i] > 0 {
					free[tm]++
					freed[tm] = append(freed[tm], i)
				}
				for _, j := range p.succ[p.succStart[i]:p.succStart[i+1]] {
					npred[j]--
					if npred[j] == 0 {
						avail(j, t)
					}
				}
			}
			fill(t)
		}
		for k := len(order) - 1; k >= 0; k-- {
			i := order[k]
			l := T
			for _, j := range p.succ[p.succStart[i]:p.succStart[i+1]] {
				l = min(l, ls[j])
			}
			if j := handOver[i]; j >= 0 {
				l = min(l, ls[j])
			}
			ls[i] = l - (finish[i] - start[i])
			if l-finish[i] <= 1e-9*max(1, T) {
				crit[i]++
			}
		}
		sumT += T
	}
	return crit, sumT, finish
}

// flatRC is genRC's network with a constant capacity per week (the
// probe's teams have no calendar) and every team's items listed in its
// priority, in model order: the engine ranks the items a list leaves out
// in its topological order, not in model order as Team's documentation
// says (the probe follows the documentation).
func flatRC(n, teams int, seed uint64) Model {
	m := genRC(n, teams, seed)
	index := map[string]int{}
	for t := range m.Teams {
		m.Teams[t].CapacityByWeek = nil
		index[m.Teams[t].ID] = t
	}
	for _, it := range m.Items {
		if it.Team != "" {
			t := index[it.Team]
			m.Teams[t].Priority = append(m.Teams[t].Priority, it.ID)
		}
	}
	return m
}

// With fixed efforts the schedule is deterministic: the probe must find
// the engine's dates exactly, and its critical items (up to how slots
// freed at the same time are handed over, which follows the order in
// which each pops same-time events).
func TestProbeSchedulesAsTheEngine(t *testing.T) {
	m := flatRC(400, 5, 3)
	for i := range m.Items {
		d := m.Items[i].Effort
		if d == nil {
			d = m.Items[i].Duration
		}
		v := math.Round(d.Mode)
		if i%3 == 0 {
			v = 0 // some zero efforts: ready items that need no slot
		}
		if m.Items[i].Effort != nil {
			m.Items[i].Effort = fixed(v)
		} else {
			m.Items[i].Duration = fixed(v)
		}
	}
	slices.Reverse(m.Teams[1].Priority) // team T1 from its last item
	var finish []float64
	r := run(t, m, Options{Trials: 4, Seed: 1, Workers: 1,
		Observe: func(_ int, _, f []float64) { finish = append(finish[:0], f...) }})
	crit, sumT, pf := probeLoop(newProbeNet(m), 4, 1)
	if sumT/4 != r.Portfolio.Finish.Mean {
		t.Errorf("portfolio finish %v, the engine's %v", sumT/4, r.Portfolio.Finish.Mean)
	}
	dates, crits := 0, 0
	for i, it := range r.Items {
		if pf[i] != finish[i] {
			dates++
		}
		if float64(crit[i])/4 != it.Criticality {
			crits++
		}
	}
	if dates > 0 || crits > 0 {
		t.Errorf("%d of %d items finish at another date with the probe than with the engine, %d differ in criticality", dates, len(m.Items), crits)
	}
}

// With random efforts the two sample different numbers, so they agree in
// distribution: the mean portfolio finish within its standard error.
func TestProbeAgreesWithTheEngine(t *testing.T) {
	m := flatRC(300, 4, 5)
	const trials = 4000
	r := run(t, m, Options{Trials: trials, Seed: 2})
	_, sumT, _ := probeLoop(newProbeNet(m), trials, 3)
	se := r.Portfolio.Finish.SD / math.Sqrt(trials)
	near(t, "mean portfolio finish", sumT/trials, r.Portfolio.Finish.Mean, z*math.Sqrt2*se)
}

// BenchmarkRCvsProbe compares the engine's resource-constrained path (a
// whole Run on GOMAXPROCS workers: pilot, sampling, the schedule, the
// backward pass, every statistic) with the single-core probe on the same
// 2,000-item network of 10 teams and 10,000 trials. x-probe is the
// engine's wall time over the probe's (target ≤ 0.5 on two cores);
// per-core-x-probe is the engine's CPU time over the probe's. Run on a
// quiet machine:
//
//	go test -run '^$' -bench RCvsProbe -benchtime 1x -cpu 1,2 ./internal/forecast
func BenchmarkRCvsProbe(b *testing.B) {
	const n, teams, trials = 2000, 10, 10000
	m := flatRC(n, teams, 4)
	p := newProbeNet(m)
	versus(b, m, trials, func() { probeLoop(p, trials, 1) }, "probe")
}
