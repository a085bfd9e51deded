package forecast

import (
	"math"
	"sort"
)

// net is a validated model compiled into flat slices (struct of arrays) for
// the trial loop.
type net struct {
	n         int
	ids       []string
	samp      []sampler
	tri       []triSampler // when every item's sampler is triangular or fixed
	effort    []bool       // effort item (has a team)
	team      []int32      // team index, -1 for duration items
	es        []float64    // earliest start
	predOff   []int32      // CSR: preds of i are pred[predOff[i]:predOff[i+1]]
	pred      []int32
	succOff   []int32
	succ      []int32
	ext       []int32 // model index of each internal index
	inv       []int32 // internal index of each model index
	riskOff   []int32 // risks of item i are riskIdx/riskImp[riskOff[i]:riskOff[i+1]]
	riskIdx   []int32 // index of the distinct risk
	riskItem  []int32 // item of each risk entry
	riskImp   []float64
	risks     []string  // distinct risk ids, in order of first appearance
	riskP     []float64 // per distinct risk
	riskKey   []uint64  // per distinct risk: its id hashed, which keys its random number (riskDraw)
	group     []int32   // correlation group of an item, -1 for none
	groupA    []float64 // √ρ per group
	groupB    []float64 // √(1−ρ) per group
	hasGroup  bool
	target    []float64 // +Inf when no target
	hasTgt    []bool
	anyTarget bool
	commit    []int32 // committed items with a target

	teams []teamNet
	rc    bool    // some item needs a team: resource-constrained scheduling
	rank  []int32 // priority rank of an effort item within its team
	rci   []rcInfo
	npred []int32 // number of predecessors
	qW    float64 // bucket width of the event queue's calendar (queueWidth)
}

// rcInfo packs what the resource-constrained scheduler reads of an item.
type rcInfo struct {
	team           int32 // -1 for duration items
	rank           int32
	succLo, succHi int32
	es             float64
}

type teamNet struct {
	id      string
	slots   int
	slotsF  float64   // float64(slots)
	perSlot float64   // slotsF / tail: the time a unit of work takes on one slot
	cap     []float64 // capacity by week
	cum     []float64 // cum[w] = Σ cap[:w], len(cap)+1
	tail    float64   // capacity after the list
	items   []int32   // the team's effort items in priority order
}

// capAt returns C(t), the integral of the team's capacity over [0, t].
func (tm *teamNet) capAt(t float64) float64 {
	L := len(tm.cap)
	if t >= float64(L) {
		return tm.cum[L] + (t-float64(L))*tm.tail
	}
	if t <= 0 {
		return 0
	}
	w := int(t)
	return tm.cum[w] + (t-float64(w))*tm.cap[w]
}

// capInv returns the first time t ≥ from at which C(t) reaches y.
func (tm *teamNet) capInv(from, y float64) float64 {
	L := len(tm.cap)
	if y > tm.cum[L] || L == 0 {
		if tm.tail <= 0 {
			return math.Inf(1)
		}
		return math.Max(from, float64(L)+(y-tm.cum[L])/tm.tail)
	}
	// smallest w with cum[w+1] ≥ y
	lo := 0
	if from > 0 {
		lo = int(from)
	}
	hi := L - 1
	for lo < hi {
		mid := (lo + hi) / 2
		if tm.cum[mid+1] >= y {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	t := float64(lo) + (y-tm.cum[lo])/tm.cap[lo]
	if t < from {
		t = from
	}
	return t
}

// compile turns a validated network model into a net whose items are
// numbered in a topological order (every predecessor before its
// successors), so the trial loop walks flat slices front to back.
// net.ext maps an internal index to the model's, net.inv the reverse.
func compile(m Model) *net {
	n := len(m.Items)
	index := make(map[string]int, n)
	for i, it := range m.Items {
		index[it.ID] = i
	}
	indeg := make([]int, n)
	succ := make([][]int, n)
	for i, it := range m.Items {
		for _, d := range it.DependsOn {
			succ[index[d]] = append(succ[index[d]], i)
			indeg[i]++
		}
	}
	order := make([]int, 0, n)
	for i := range indeg {
		if indeg[i] == 0 {
			order = append(order, i)
		}
	}
	for h := 0; h < len(order); h++ {
		for _, j := range succ[order[h]] {
			indeg[j]--
			if indeg[j] == 0 {
				order = append(order, j)
			}
		}
	}
	sorted := m
	sorted.Items = make([]Item, n)
	for k, i := range order {
		sorted.Items[k] = m.Items[i]
	}
	c := compileOrdered(sorted, order)
	c.ext = make([]int32, n)
	c.inv = make([]int32, n)
	for k, i := range order {
		c.ext[k] = int32(i)
		c.inv[i] = int32(k)
	}
	c.commit = c.commit[:0]
	for mi, it := range m.Items {
		if it.Target != nil && it.Committed {
			c.commit = append(c.commit, c.inv[mi])
		}
	}
	return c
}

// idKey hashes a risk id (FNV-1a, 64 bits) into the key of its random
// number.
func idKey(id string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(id); i++ {
		h ^= uint64(id[i])
		h *= 1099511628211
	}
	return h
}

// compileOrdered compiles a model whose items are in topological order;
// modelIdx[k] is item k's index in the model as given, whose order ranks a
// team's items that its priority list leaves out.
func compileOrdered(m Model, modelIdx []int) *net {
	n := len(m.Items)
	c := &net{n: n}
	index := make(map[string]int32, n)
	for i, it := range m.Items {
		index[it.ID] = int32(i)
		c.ids = append(c.ids, it.ID)
	}
	teamIdx := make(map[string]int32, len(m.Teams))
	for i, t := range m.Teams {
		teamIdx[t.ID] = int32(i)
		tn := teamNet{id: t.ID, slots: max(t.Slots, 1), cap: t.CapacityByWeek, tail: t.CapacityPerWeek}
		tn.slotsF = float64(tn.slots)
		if tn.tail > 0 {
			tn.perSlot = tn.slotsF / tn.tail
		}
		tn.cum = make([]float64, len(t.CapacityByWeek)+1)
		for w, v := range t.CapacityByWeek {
			tn.cum[w+1] = tn.cum[w] + v
		}
		c.teams = append(c.teams, tn)
	}
	tables := map[[2]float64]*betaTab{}
	riskIndex := map[string]int32{}
	c.samp = make([]sampler, n)
	c.effort = make([]bool, n)
	c.team = make([]int32, n)
	c.es = make([]float64, n)
	c.group = make([]int32, n)
	c.target = make([]float64, n)
	c.hasTgt = make([]bool, n)
	c.rank = make([]int32, n)
	c.predOff = make([]int32, n+1)
	c.riskOff = make([]int32, n+1)
	nsucc := make([]int32, n+1)
	for i, it := range m.Items {
		c.team[i] = -1
		c.group[i] = -1
		if it.Effort != nil {
			c.samp[i] = newSampler(*it.Effort, tables)
			c.effort[i] = true
			c.team[i] = teamIdx[it.Team]
		} else {
			c.samp[i] = newSampler(*it.Duration, tables)
		}
		c.es[i] = it.EarliestStart
		c.target[i] = math.Inf(1)
		if it.Target != nil {
			c.target[i] = *it.Target
			c.hasTgt[i] = true
			c.anyTarget = true
			if it.Committed {
				c.commit = append(c.commit, int32(i))
			}
		}
		for _, d := range it.DependsOn {
			p := index[d]
			c.pred = append(c.pred, p)
			nsucc[p+1]++
		}
		c.predOff[i+1] = int32(len(c.pred))
		for _, r := range it.Risks {
			k, ok := riskIndex[r.ID]
			if !ok {
				k = int32(len(c.risks))
				riskIndex[r.ID] = k
				c.risks = append(c.risks, r.ID)
				c.riskP = append(c.riskP, r.P)
				c.riskKey = append(c.riskKey, idKey(r.ID))
			}
			c.riskIdx = append(c.riskIdx, k)
			c.riskItem = append(c.riskItem, int32(i))
			c.riskImp = append(c.riskImp, r.Impact)
		}
		c.riskOff[i+1] = int32(len(c.riskIdx))
	}
	// successors (CSR)
	c.succOff = make([]int32, n+1)
	for i := 0; i < n; i++ {
		c.succOff[i+1] = c.succOff[i] + nsucc[i+1]
	}
	c.succ = make([]int32, len(c.pred))
	fill := append([]int32(nil), c.succOff[:n]...)
	for i := 0; i < n; i++ {
		for _, p := range c.pred[c.predOff[i]:c.predOff[i+1]] {
			c.succ[fill[p]] = int32(i)
			fill[p]++
		}
	}
	// correlation groups
	for g, cg := range m.CorrelationGroups {
		c.groupA = append(c.groupA, math.Sqrt(cg.Rho))
		c.groupB = append(c.groupB, math.Sqrt(1-cg.Rho))
		for _, id := range cg.Items {
			c.group[index[id]] = int32(g)
			c.hasGroup = true
		}
	}
	// team priority
	for ti, t := range m.Teams {
		tn := &c.teams[ti]
		listed := map[int32]bool{}
		for _, id := range t.Priority {
			i := index[id]
			listed[i] = true
			tn.items = append(tn.items, i)
		}
		var rest []int32
		for i := 0; i < n; i++ {
			if c.team[i] == int32(ti) && !listed[int32(i)] {
				rest = append(rest, int32(i))
			}
		}
		sort.Slice(rest, func(a, b int) bool { return modelIdx[rest[a]] < modelIdx[rest[b]] })
		tn.items = append(tn.items, rest...)
		for r, i := range tn.items {
			c.rank[i] = int32(r)
		}
	}
	for _, e := range c.effort {
		if e {
			c.rc = true
		}
	}
	c.tri = make([]triSampler, n)
	for i := range c.samp {
		t, ok := newTriSampler(c.samp[i])
		if !ok {
			c.tri = nil
			break
		}
		c.tri[i] = t
	}
	c.rci = make([]rcInfo, n)
	c.npred = make([]int32, n)
	for i := range c.rci {
		c.npred[i] = c.predOff[i+1] - c.predOff[i]
		c.rci[i] = rcInfo{team: c.team[i], rank: c.rank[i], succLo: c.succOff[i], succHi: c.succOff[i+1], es: c.es[i]}
	}
	if c.rc {
		c.qW = queueWidth(c)
	}
	return c
}
