package forecast

import (
	"encoding/json"
	"math"
	"sort"
	"testing"
)

// The calendar queue gives events in (time, code) order whatever their
// spread: same-time events (more than a bucket holds), events far past the
// ring (the heap), a huge time, and times that only grow, as a schedule
// pushes them. A reference keeps the pending events sorted.
func TestQueueOrder(t *testing.T) {
	for _, c := range []struct {
		name  string
		width float64
		step  func(r *rng) float64 // how far ahead of now an event is pushed
	}{
		{"typical", 0.05, func(r *rng) float64 { return r.float() * 20 }},
		{"ties", 0.05, func(r *rng) float64 { return float64(int(r.float()*3)) * 0.5 }},
		{"all at once", 1, func(r *rng) float64 { return 0 }},
		{"far", 0.001, func(r *rng) float64 { return r.float() * 1e4 }},
		{"mixed", 0.05, func(r *rng) float64 {
			switch u := r.float(); {
			case u < 0.1:
				return 0
			case u < 0.2:
				return 1e7 * r.float()
			default:
				return r.float() * 5
			}
		}},
		{"huge", 1e-3, func(r *rng) float64 {
			if r.float() < 0.01 {
				return 1e300
			}
			return r.float()
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var r rng
			r.seed(7, 1, 0)
			q := newQueue(c.width, 64)
			for trial := 0; trial < 3; trial++ {
				q.reset()
				var ref []event
				now := 0.0
				code := int32(0)
				push := func() {
					e := event{now + c.step(&r), code}
					code++
					q.push(e.t, e.code)
					ref = append(ref, e)
				}
				for range 40 {
					push()
				}
				for taken := 0; q.n > 0; taken++ {
					sort.Slice(ref, func(a, b int) bool { return ref[a].before(ref[b]) })
					want := ref[0]
					ref = ref[1:]
					if got := q.min(); got != want.t {
						t.Fatalf("trial %d, event %d: earliest at %v, want %v", trial, taken, got, want.t)
					}
					if got := q.take(); got != want.code {
						t.Fatalf("trial %d, event %d: took code %d, want %d (time %v)", trial, taken, got, want.code, want.t)
					}
					if q.n != len(ref) {
						t.Fatalf("%d events pending, want %d", q.n, len(ref))
					}
					now = want.t
					if taken < 3000 && !math.IsInf(now, 0) && now < 1e299 {
						for range 1 + int(r.float()*1.9) {
							push()
						}
					}
				}
			}
		})
	}
}

// Any width gives the same schedule: the queue's order is (time, code),
// not where it keeps an event.
func TestQueueWidthDoesNotChangeTheSchedule(t *testing.T) {
	m := genRC(600, 6, 9)
	want := run(t, m, Options{Trials: 300, Seed: 3, Workers: 1})
	c := compile(m)
	for _, w := range []float64{1e-6, c.qW / 7, c.qW * 13, 1e6} {
		c.qW = w
		e, err := newEngine(c, Options{Trials: 300, Seed: 3, Workers: 1, Sampling: MonteCarlo, Period: DefaultPeriod})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.pilot(t.Context()); err != nil {
			t.Fatal(err)
		}
		got, err := e.run(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		a, _ := json.Marshal(want)
		b, _ := json.Marshal(got)
		if string(a) != string(b) {
			t.Fatalf("width %v: the result differs from width %v's", w, compile(m).qW)
		}
	}
}
