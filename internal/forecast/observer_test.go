package forecast

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"testing"
)

// rowObservers formats every observed trial like TestObserveMatchesSamples'
// Observe and concatenates the blocks in the order Merge receives them.
type rowObservers struct {
	t      *testing.T
	mu     sync.Mutex
	merged []byte
	next   int // the first trial of the next block Merge should get
	blocks int
}

type rowObserver struct {
	rows []byte
	lo   int // first trial of the block being observed, -1 before one
	want int
}

func (r *rowObservers) Worker(int) Observer { return &rowObserver{lo: -1} }

func (r *rowObservers) Merge(lo, hi int, block any) {
	r.mu.Lock() // Merge is called from one goroutine at a time: the lock only checks it
	defer r.mu.Unlock()
	if lo != r.next || hi <= lo {
		r.t.Errorf("Merge(%d, %d), want a block from %d", lo, hi, r.next)
	}
	r.next = hi
	r.merged = append(r.merged, block.([]byte)...)
	r.blocks++
}

func (o *rowObserver) Observe(trial int, start, finish []float64) {
	if o.lo < 0 {
		o.lo, o.want = trial, trial
	}
	if trial != o.want {
		panic("trials out of order within a block")
	}
	o.want++
	o.rows = strconv.AppendInt(o.rows, int64(trial), 10)
	T := 0.0
	for i := range start {
		o.rows = append(o.rows, ',')
		o.rows = strconv.AppendFloat(o.rows, start[i], 'g', -1, 64)
		o.rows = append(o.rows, ',')
		o.rows = strconv.AppendFloat(o.rows, finish[i], 'g', -1, 64)
		T = max(T, finish[i])
	}
	o.rows = append(o.rows, ',')
	o.rows = strconv.AppendFloat(o.rows, T, 'g', -1, 64)
	o.rows = append(o.rows, '\n')
}

func (o *rowObserver) EndBlock(lo, hi int) any {
	if lo != o.lo || hi != o.want {
		panic("EndBlock does not match the trials observed")
	}
	out := slices.Clone(o.rows)
	o.rows, o.lo = o.rows[:0], -1
	return out
}

// Observers see every trial once, on the workers, and Merge gets the blocks
// in trial order: concatenated, they are Observe's rows, for any number of
// workers, and the Result is unchanged.
func TestObserversMatchObserve(t *testing.T) {
	plain := genPlain(150, 1.5, 4)
	slices.Reverse(plain.Items)
	rc := genRC(120, 4, 3)
	rc.Items[5].Risks = []Risk{{ID: "vendor", P: 0.4, Impact: 3}}
	for _, c := range []struct {
		name     string
		m        Model
		sampling string
	}{{"plain reversed mc", plain, MonteCarlo}, {"resource-constrained lhs", rc, LatinHypercube}} {
		t.Run(c.name, func(t *testing.T) {
			var want []byte
			wantRes := run(t, c.m, Options{Trials: 1300, Seed: 5, Workers: 1, Sampling: c.sampling,
				Observe: func(trial int, start, finish []float64) {
					o := rowObserver{rows: want, lo: trial, want: trial}
					o.Observe(trial, start, finish)
					want = o.rows
				}})
			for _, w := range []int{1, 2, 3, 8} {
				ro := &rowObservers{t: t}
				res := run(t, c.m, Options{Trials: 1300, Seed: 5, Workers: w, Sampling: c.sampling, Observers: ro})
				if ro.next != 1300 || string(ro.merged) != string(want) {
					t.Errorf("%d workers: %d trials merged in %d blocks, rows equal to Observe's: %v", w, ro.next, ro.blocks, string(ro.merged) == string(want))
				}
				if g, e := res.Portfolio.Finish, wantRes.Portfolio.Finish; g.Mean != e.Mean || g.P85 != e.P85 || g.SE != e.SE {
					t.Errorf("%d workers: portfolio finish mean %v P85 %v, want %v, %v", w, g.Mean, g.P85, e.Mean, e.P85)
				}
			}
		})
	}
}

// RiskImpacts gives Observers the base run only.
func TestRiskImpactsObserversBaseOnly(t *testing.T) {
	m := genPlain(40, 1.5, 6)
	m.Items[3].Risks = []Risk{{ID: "a", P: 0.5, Impact: 4}}
	m.Items[9].Risks = []Risk{{ID: "b", P: 0.5, Impact: 4}}
	ro := &rowObservers{t: t}
	if _, _, err := RiskImpacts(context.Background(), m, Options{Trials: 700, Seed: 1, Observers: ro}); err != nil {
		t.Fatal(err)
	}
	if ro.next != 700 {
		t.Errorf("Observers merged %d trials, want 700 (the base run's)", ro.next)
	}
}
