package forecast

import (
	"math"
	"math/bits"
	"unsafe"
)

// sim simulates trials of one network. Each worker owns one; after
// newSim, a trial allocates nothing.
type sim struct {
	_        [128]byte // keep workers' hot fields off each other's cache lines
	c        *net
	seed     uint64
	excluded []bool // per distinct risk

	// Latin hypercube: per block, a permutation of strata for every item.
	lhs        bool
	perm       []int32 // perm[i*lhsBlock+k]
	blockStart int
	blockN     int

	// per-trial results
	u        []float64 // marginal sampling uniform of each item
	dur      []float64 // duration, or effort for effort items, risks included
	start    []float64
	finish   []float64
	ready    []float64 // max(earliest start, predDone)
	predDone []float64 // when the last predecessor finished
	crit     []bool
	ls       []float64 // latest start (backward pass)
	fired    []bool
	gz       []float64 // copula factor per group
	T        float64   // portfolio finish: the last finish
	noCrit   bool      // skip the backward pass (ls and crit are not computed)

	// resource-constrained scratch
	npred   []int32 // predecessors not yet finished
	resSucc []int32 // the item that took this item's slot as it finished, plus one (0: none)
	q       queue
	rq      []uint64 // ready queue per team: a bitset of priority ranks, at rqOff[t]
	rqOff   []int32
	rqN     []int32 // ready items per team
	rqLow   []int32 // per team, no bit is set in words before this one
	free    []int32
	freed   []int32 // items whose slot freed at the current time, per team at fdOff
	fdOff   []int32
	fdN     []int32
	dirty   []bool
	dirtyL  []int32
	order   []int32
	_       [128]byte
}

func newSim(c *net, seed uint64, excluded []bool, lhs bool) *sim {
	n := c.n
	s := &sim{c: c, seed: seed, excluded: excluded, lhs: lhs}
	f := func() []float64 { return make([]float64, n) }
	s.u, s.dur, s.start, s.finish, s.ready, s.predDone, s.ls = f(), f(), f(), f(), f(), f(), f()
	s.crit = make([]bool, n)
	s.fired = padded[bool](len(c.risks))
	s.gz = padded[float64](len(c.groupA))
	if lhs {
		s.perm = make([]int32, n*lhsBlock)
	}
	if c.rc {
		s.npred = make([]int32, n)
		s.resSucc = make([]int32, n)
		s.q = newQueue(c.qW, n)
		s.order = make([]int32, 0, n)
		nt := len(c.teams)
		s.rqOff = make([]int32, nt+1)
		s.fdOff = make([]int32, nt+1)
		for t := range c.teams {
			s.rqOff[t+1] = s.rqOff[t] + int32((len(c.teams[t].items)+63)/64)
			s.fdOff[t+1] = s.fdOff[t] + int32(c.teams[t].slots)
		}
		// small slices written at every event: padded so that two workers'
		// never share a cache line (they are allocated one after the other)
		s.rq = padded[uint64](int(s.rqOff[nt]))
		s.rqLow = padded[int32](nt)
		s.freed = padded[int32](int(s.fdOff[nt]))
		s.rqN = padded[int32](nt)
		s.fdN = padded[int32](nt)
		s.free = padded[int32](nt)
		s.dirty = padded[bool](nt)
		s.dirtyL = padded[int32](nt)[:0]
	}
	return s
}

// padded returns a slice of n zero values with 128 bytes of unused memory
// on each side, so that it shares no cache line with another allocation.
func padded[T any](n int) []T {
	var z T
	p := max(1, 128/max(1, int(unsafe.Sizeof(z))))
	b := make([]T, n+2*p)
	return b[p : p+n : p+n]
}

// lhsBlock is the number of trials in a block; Latin hypercube sampling
// stratifies each item's uniform within every block.
const lhsBlock = 256

// setBlock prepares the Latin hypercube permutations of the block of trials
// [lo, lo+n), one per item in model order.
func (s *sim) setBlock(lo, n int) {
	s.blockStart, s.blockN = lo, n
	if !s.lhs {
		return
	}
	var r rng
	r.seed(s.seed, streamLHS, uint64(lo/lhsBlock))
	for mi := 0; mi < s.c.n; mi++ {
		i := s.c.inv[mi]
		p := s.perm[int(i)*lhsBlock : int(i)*lhsBlock+n]
		for k := range p {
			p[k] = int32(k)
		}
		for k := n - 1; k > 0; k-- {
			j := r.intn(k + 1)
			p[k], p[j] = p[j], p[k]
		}
	}
}

// trial simulates trial number t (which must lie in the current block).
func (s *sim) trial(t int) {
	s.sample(t)
	if s.c.rc {
		s.scheduleRC()
	} else {
		s.schedulePlain()
	}
}

// sample draws every item's duration or effort. The random numbers are
// common to runs that differ in excluded risks, and as far as possible to
// models that differ in structure (common random numbers): the trial's
// stream gives one number that keys the risks, then one uniform per
// correlation group, then one per item in the model's order (not the
// topological order the trial loop walks, which a new link or node can
// reshuffle); each distinct risk's uniform comes from that key and a hash
// of its id (riskDraw), so adding or removing an item after the others,
// or a risk, leaves every other item's and risk's numbers as they were.
func (s *sim) sample(t int) {
	c := s.c
	var r rng
	r.seed(s.seed, streamTrial, uint64(t))
	riskBase := r.next()
	for g := range s.gz {
		s.gz[g] = normQuantile(r.float())
	}
	k := t - s.blockStart
	inv := 1 / float64(s.blockN)
	dur := s.dur[:c.n]
	samp := c.samp[:c.n]
	if c.tri != nil && !s.lhs && !c.hasGroup {
		s.sampleTri(&r)
	} else {
		s.sampleAny(&r, samp, k, inv)
	}
	for k := range s.fired {
		v := riskDraw(riskBase, c.riskKey[k])
		s.fired[k] = v < c.riskP[k] && !s.excluded[k]
	}
	for e, k := range c.riskIdx {
		if s.fired[k] {
			dur[c.riskItem[e]] += c.riskImp[e]
		}
	}
}

// sampleTri is sample's loop over the items when every item is
// triangular (or fixed) and neither Latin hypercube nor correlation is
// on: r.float and triSampler.quantile written out in one loop, with the
// generator's state in locals, so that nothing is called per item (the
// same operations in the same order: the same numbers).
func (s *sim) sampleTri(r *rng) {
	c := s.c
	u, dur, tri := s.u[:c.n], s.dur[:c.n], c.tri[:c.n]
	s0, s1, s2, s3 := r.s0, r.s1, r.s2, r.s3
	for _, i := range c.inv[:c.n] {
		// r.next
		res := bitsRotl(s1*5, 7) * 9
		t := s1 << 17
		s2 ^= s0
		s3 ^= s1
		s1 ^= s2
		s0 ^= s3
		s2 ^= t
		s3 = bitsRotl(s3, 45)
		v := (float64(res>>11) + 0.5) * (1.0 / (1 << 53)) // r.float
		u[i] = v
		// tri[i].quantile(v)
		ts := &tri[i]
		var k int
		if !(v < ts.fc) {
			k = 1
		}
		d := &ts.side[k]
		w := ts.w
		dur[i] = d.base + d.sgn*math.Sqrt((d.c0+d.c1*v)*w*w*d.f)
	}
	r.s0, r.s1, r.s2, r.s3 = s0, s1, s2, s3
}

// sampleAny is sample's loop over the items in general.
func (s *sim) sampleAny(r *rng, samp []sampler, k int, inv float64) {
	c := s.c
	u, dur := s.u[:c.n], s.dur[:c.n]
	for _, i := range c.inv[:c.n] {
		v := r.float()
		if s.lhs {
			v = (float64(s.perm[int(i)*lhsBlock+k]) + v) * inv
		}
		if c.hasGroup {
			if g := c.group[i]; g >= 0 {
				z := c.groupA[g]*s.gz[g] + c.groupB[g]*normQuantile(v)
				v = normCDF(z)
			}
		}
		u[i] = v
		if c.tri != nil {
			dur[i] = c.tri[i].quantile(v)
		} else {
			dur[i] = samp[i].quantile(v)
		}
	}
}

// riskDraw is the uniform in (0, 1) of the risk with key in the trial whose
// stream began with base: splitmix64's output function of their sum.
func riskDraw(base, key uint64) float64 {
	z := base + key*0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	z ^= z >> 31
	return (float64(z>>11) + 0.5) * (1.0 / (1 << 53))
}

// schedulePlain is the forward and backward pass of a network without teams.
func (s *sim) schedulePlain() {
	c := s.c
	n := c.n
	start, finish, dur := s.start[:n], s.finish[:n], s.dur[:n]
	predDone, ready, es := s.predDone[:n], s.ready[:n], c.es[:n]
	predOff, pred := c.predOff[:n+1], c.pred
	for i := range start { // items are in topological order
		pm := 0.0
		for _, p := range pred[predOff[i]:predOff[i+1]] {
			pm = max(pm, finish[p])
		}
		st := max(pm, es[i])
		predDone[i] = pm
		ready[i] = st
		start[i] = st
		finish[i] = st + dur[i]
	}
	// The portfolio finish, in four running maxima (max is exact in any
	// order) so that it does not chain every item to the previous one.
	var t0, t1, t2, t3 float64
	i := 0
	for ; i+4 <= n; i += 4 {
		f := finish[i : i+4 : i+4]
		t0, t1, t2, t3 = max(t0, f[0]), max(t1, f[1]), max(t2, f[2]), max(t3, f[3])
	}
	for ; i < n; i++ {
		t0 = max(t0, finish[i])
	}
	T := max(max(t0, t1), max(t2, t3))
	s.T = T
	if s.noCrit {
		return
	}
	eps := 1e-9 * math.Max(1, T)
	ls, crit := s.ls[:n], s.crit[:n]
	succOff, succ := c.succOff[:n+1], c.succ
	for i := n - 1; i >= 0; i-- {
		l := T // latest finish
		for _, j := range succ[succOff[i]:succOff[i+1]] {
			l = min(l, ls[j])
		}
		ls[i] = l - dur[i]
		crit[i] = l-finish[i] <= eps
	}
}

// Events of the resource-constrained schedule (queue.go): code = item*2 +
// kind.
const (
	evFinish  = 0
	evRelease = 1
)

// The ready queue of a team is a bitset of priority ranks (unique within
// the team): taking the highest-priority ready item is a find-first-set.
// team.items maps a rank back to the item.
func (s *sim) rqPush(tm int32, rank int32) {
	w := rank >> 6
	s.rq[s.rqOff[tm]+w] |= 1 << (rank & 63)
	s.rqN[tm]++
	if w < s.rqLow[tm] {
		s.rqLow[tm] = w
	}
}

func (s *sim) rqPop(tm int32) int32 {
	q := s.rq[s.rqOff[tm]:s.rqOff[tm+1]]
	w := s.rqLow[tm]
	for q[w] == 0 {
		w++
	}
	s.rqLow[tm] = w
	b := int32(bits.TrailingZeros64(q[w]))
	q[w] &^= 1 << b
	s.rqN[tm]--
	return w<<6 | b
}

func (s *sim) markDirty(tm int32) {
	if !s.dirty[tm] {
		s.dirty[tm] = true
		s.dirtyL = append(s.dirtyL, tm)
	}
}

// scheduleRC is the parallel schedule-generation scheme: at t = 0 and at
// every finish (or release at an earliest start), each team fills its free
// slots with its highest-priority ready items.
func (s *sim) scheduleRC() {
	c := s.c
	n := c.n
	npred := s.npred[:n]
	copy(npred, c.npred)
	clear(s.resSucc[:n])
	s.order = s.order[:0]
	s.q.reset()
	for t := range c.teams {
		s.free[t] = int32(c.teams[t].slots)
		s.rqN[t] = 0
		s.rqLow[t] = 0
		s.fdN[t] = 0
	}
	for i := int32(0); i < int32(n); i++ {
		if npred[i] == 0 {
			s.avail(i, 0)
		}
	}
	// Teams fill their slots at 0 once every event at 0 is processed (a
	// zero-length item that finishes at 0 makes its successors ready at
	// 0 too, before any slot is given): now when there is none, else
	// after the loop's first round, at 0.
	if s.q.n == 0 || s.q.min() > 0 {
		for _, tm := range s.dirtyL {
			s.fill(tm, 0)
		}
		s.dirtyL = s.dirtyL[:0]
	}
	T := 0.0
	for s.q.n > 0 {
		t := s.q.min()
		T = t
		for {
			code := s.q.take()
			i := code >> 1
			if code&1 == evRelease {
				s.release(i, t)
			} else {
				s.done(i, t)
			}
			if s.q.n == 0 || s.q.min() > t {
				break
			}
		}
		for _, tm := range s.dirtyL {
			s.fill(tm, t)
		}
		s.dirtyL = s.dirtyL[:0]
	}
	s.T = T
	if s.noCrit {
		return
	}
	// backward pass over the start order, following dependency and
	// resource (slot hand-over) links.
	eps := 1e-9 * math.Max(1, T)
	ls := s.ls
	start, finish, resSucc := s.start[:n], s.finish[:n], s.resSucc[:n]
	for k := len(s.order) - 1; k >= 0; k-- {
		i := s.order[k]
		l := T // latest finish
		for _, j := range c.succ[c.succOff[i]:c.succOff[i+1]] {
			l = min(l, ls[j])
		}
		if j := resSucc[i] - 1; j >= 0 {
			l = min(l, ls[j])
		}
		ls[i] = l - (finish[i] - start[i])
		s.crit[i] = l-finish[i] <= eps
	}
}

// avail is called when the last predecessor of i finished at t.
func (s *sim) avail(i int32, t float64) {
	s.predDone[i] = t
	r := t // max(t, es): t ≥ +0 and es ≥ 0, so −0 never wins either way
	if es := s.c.rci[i].es; es > t {
		r = es
	}
	s.ready[i] = r
	if r > t {
		s.q.push(r, i*2+evRelease)
		return
	}
	s.release(i, r)
}

// release makes i ready at t: a duration item (or an effort item with no
// effort left) starts at once; an effort item joins its team's queue.
func (s *sim) release(i int32, t float64) {
	info := &s.c.rci[i]
	if d := s.dur[i]; info.team < 0 || d <= 0 {
		s.start[i] = t
		s.order = append(s.order, i)
		s.q.push(t+d, i*2+evFinish)
		return
	}
	s.rqPush(info.team, info.rank)
	s.markDirty(info.team)
}

func (s *sim) done(i int32, t float64) {
	c := s.c
	s.finish[i] = t
	info := &c.rci[i]
	if tm := info.team; tm >= 0 && s.dur[i] > 0 {
		s.free[tm]++
		s.freed[s.fdOff[tm]+s.fdN[tm]] = i
		s.fdN[tm]++
		s.markDirty(tm)
	}
	npred := s.npred
	for _, j := range c.succ[info.succLo:info.succHi] {
		npred[j]--
		if npred[j] == 0 {
			s.avail(j, t)
		}
	}
}

func (s *sim) fill(tm int32, t float64) {
	team := &s.c.teams[tm]
	for s.free[tm] > 0 && s.rqN[tm] > 0 {
		j := team.items[s.rqPop(tm)]
		s.free[tm]--
		s.start[j] = t
		s.order = append(s.order, j)
		if s.fdN[tm] > 0 {
			s.fdN[tm]--
			s.resSucc[s.freed[s.fdOff[tm]+s.fdN[tm]]] = j + 1
		}
		var f float64
		if len(team.cap) == 0 && team.tail > 0 {
			// Without a calendar, each slot works at tail/slots a unit of
			// time: the item takes its work times perSlot. (Written as
			// capInv's (t·tail + work·slots)/tail it waited on a division
			// at every item, 4 % of a 10,000-item trial; the two differ
			// in the last bit of a finish at most.)
			f = t + s.dur[j]*team.perSlot
		} else {
			f = team.capInv(t, team.capAt(t)+s.dur[j]*team.slotsF)
		}
		s.q.push(f, j*2+evFinish)
	}
	s.fdN[tm] = 0
	s.dirty[tm] = false
}
