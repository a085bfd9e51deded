package forecast

import (
	"math"
	"math/bits"
	"sort"
)

// The event queue of the resource-constrained schedule. Events come out in
// the order of (time, code): the earliest first, and events at the same
// time in item order. Which of them a team's freed slot goes to follows
// from that order, so the schedule (and every criticality) is defined by
// the events alone, not by how a queue happens to store them.
//
// Nearly every event is an effort item's finish, a little ahead of the
// current time (at 10,000 items over 40 teams of 3 slots, about 110 are
// pending). A binary heap of them took a fifth of a trial's time in its
// pops; a calendar of buckets makes a push a store and a pop a scan of one
// or two events. The calendar is a ring of qBuckets buckets of width
// net.qW covering [base, base+qBuckets) in bucket numbers (⌊t/qW⌋), base
// being the bucket of the last event taken; an event past the ring's end,
// or one whose bucket is full, goes to a small heap ordered the same way.
// The earliest event is the earlier of the ring's first non-empty bucket's
// earliest and the heap's top. Times only grow (an event is never earlier
// than the one being processed), so the ring never holds an event behind
// base.
const (
	qBuckets   = 1024
	qBucketCap = 8
	qWords     = qBuckets / 64
)

type event struct {
	t    float64
	code int32
}

// before is the queue's order: time, then code.
func (a event) before(b event) bool {
	return a.t < b.t || a.t == b.t && a.code < b.code
}

// queue is one simulation's event queue (see above); it allocates nothing
// after newQueue.
type queue struct {
	inv  float64 // 1/qW
	base int64   // bucket number of the ring's first bucket
	ev   []event // ring: bucket b's events are ev[b*qBucketCap:][:cnt[b]]
	cnt  []uint8
	mask [qWords]uint64 // non-empty buckets
	ring int            // events in the ring
	heap []event        // the others, a binary heap in before's order
	n    int            // all events
	// the earliest event, when known (ok): its place (a ring index ≥ 0, or
	// -1 for the heap's top) and the event. A push keeps it known; take
	// forgets it. So the schedule's "is the next event at the same time?"
	// and "when is the next event?" cost one search per event.
	ok   bool
	at   int
	minE event
}

func newQueue(w float64, n int) queue {
	return queue{inv: 1 / w, ev: make([]event, qBuckets*qBucketCap), cnt: make([]uint8, qBuckets), heap: make([]event, 0, n+1)}
}

// reset empties the queue for a trial starting at time 0.
func (q *queue) reset() {
	if q.n != 0 {
		clear(q.cnt)
		q.mask = [qWords]uint64{}
		q.heap = q.heap[:0]
		q.ring, q.n = 0, 0
	}
	q.base, q.ok = 0, false
}

func (q *queue) push(t float64, code int32) {
	e := event{t, code}
	at := -1
	// t ≥ the time of the last event taken, so ⌊t·inv⌋ ≥ base (a product
	// with a positive number does not decrease in floating point either)
	if k := t * q.inv; k < float64(q.base+qBuckets) {
		b := int(int64(k) & (qBuckets - 1))
		if c := q.cnt[b]; c < qBucketCap {
			at = b*qBucketCap + int(c)
			q.ev[at] = e
			q.cnt[b] = c + 1
			q.mask[b>>6] |= 1 << (b & 63)
			q.ring++
		}
	}
	if at < 0 {
		q.heapPush(e)
	}
	q.n++
	switch {
	case q.n == 1:
		q.ok, q.at, q.minE = true, at, e
	case q.ok && e.before(q.minE):
		q.at, q.minE = at, e // in the heap, the new earliest is its top
	}
}

// first returns the ring's first non-empty bucket from base on (the ring
// must not be empty).
func (q *queue) first() int {
	cur := int(q.base & (qBuckets - 1))
	w := cur >> 6
	if m := q.mask[w] &^ (1<<(cur&63) - 1); m != 0 {
		return w<<6 | bits.TrailingZeros64(m)
	}
	for k := 1; k <= qWords; k++ {
		wk := (w + k) & (qWords - 1)
		if m := q.mask[wk]; m != 0 {
			return wk<<6 | bits.TrailingZeros64(m)
		}
	}
	panic("forecast: event ring is empty")
}

// min returns the time of the earliest event (the queue must not be
// empty); take removes that event.
func (q *queue) min() float64 {
	if q.ok {
		return q.minE.t
	}
	best := event{math.Inf(1), math.MaxInt32}
	q.at = -1
	if q.ring > 0 {
		b := q.first()
		evs := q.ev[b*qBucketCap : b*qBucketCap+int(q.cnt[b])]
		k := 0
		for j := 1; j < len(evs); j++ {
			if evs[j].before(evs[k]) {
				k = j
			}
		}
		best, q.at = evs[k], b*qBucketCap+k
	}
	if len(q.heap) > 0 && (q.at < 0 || q.heap[0].before(best)) {
		best, q.at = q.heap[0], -1
	}
	q.ok, q.minE = true, best
	return best.t
}

// take removes the earliest event (min must have been called since the
// last take) and returns its code.
func (q *queue) take() int32 {
	q.n--
	q.ok = false
	if q.at < 0 {
		e := q.heapPop()
		if k := e.t * q.inv; k < 1<<62 {
			q.base = max(q.base, int64(k))
		}
		return e.code
	}
	b := q.at / qBucketCap
	e := q.ev[q.at]
	c := q.cnt[b] - 1
	q.ev[q.at] = q.ev[b*qBucketCap+int(c)]
	q.cnt[b] = c
	if c == 0 {
		q.mask[b>>6] &^= 1 << (b & 63)
	}
	q.ring--
	// the bucket's number: base plus its distance from base's slot
	q.base += int64((b - int(q.base&(qBuckets-1))) & (qBuckets - 1))
	return e.code
}

func (q *queue) heapPush(e event) {
	h := append(q.heap, e)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if !e.before(h[p]) {
			break
		}
		h[k] = h[p]
		k = p
	}
	h[k] = e
	q.heap = h
}

func (q *queue) heapPop() event {
	h := q.heap
	top := h[0]
	x := h[len(h)-1]
	h = h[:len(h)-1]
	k := 0
	for {
		l := 2*k + 1
		if l >= len(h) {
			break
		}
		if l+1 < len(h) && h[l+1].before(h[l]) {
			l++
		}
		if !h[l].before(x) {
			break
		}
		h[k] = h[l]
		k = l
	}
	if len(h) > 0 {
		h[k] = x
	}
	q.heap = h
	return top
}

// queueWidth is the bucket width of a network's calendar: about half the
// typical gap between two events, so that a bucket holds an event or none
// and the ring spans qBuckets/2 typical gaps (at 120 slots, four typical
// durations: longer items go to the heap). The typical duration is the
// median over the items of their median duration (an effort item's at its
// team's full capacity on one of its WIP slots); the events pending are
// about the teams' slots. Any positive width gives the same schedule: this
// one only makes it fast (on the 10,000-item scale network, half or twice
// this width was 4 % and 9 % slower).
func queueWidth(c *net) float64 {
	var ds []float64
	for i := range c.n {
		d := c.samp[i].quantile(0.5)
		if tm := c.team[i]; tm >= 0 {
			t := &c.teams[tm]
			rate := t.tail
			if len(t.cap) > 0 {
				rate = t.cum[len(t.cap)] / float64(len(t.cap))
			}
			if !(rate > 0) {
				continue
			}
			d *= t.slotsF / rate
		}
		if d > 0 && !math.IsInf(d, 0) {
			ds = append(ds, d)
		}
	}
	if len(ds) == 0 {
		return 1
	}
	sort.Float64s(ds)
	slots := 0
	for _, t := range c.teams {
		slots += t.slots
	}
	w := ds[len(ds)/2] / float64(2*min(max(slots, 8), 4096))
	if !(w > 1e-9) || math.IsInf(w, 0) {
		return 1
	}
	return w
}
