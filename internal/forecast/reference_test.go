package forecast

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

// refNet is the reference loop's form of a plain (CPM) network: items in
// topological order (genPlain's items depend on earlier ones only), the
// triangular parameters and the predecessors as flat index lists.
type refNet struct {
	lo, mode, hi []float64
	predStart    []int32 // preds of i are pred[predStart[i]:predStart[i+1]]
	pred         []int32
	succStart    []int32
	succ         []int32
}

func newRefNet(m Model) *refNet {
	n := len(m.Items)
	r := &refNet{lo: make([]float64, n), mode: make([]float64, n), hi: make([]float64, n),
		predStart: make([]int32, n+1), succStart: make([]int32, n+1)}
	index := map[string]int{}
	succs := make([][]int32, n)
	for i, it := range m.Items {
		index[it.ID] = i
		r.lo[i], r.mode[i], r.hi[i] = it.Duration.Low, it.Duration.Mode, it.Duration.High
		for _, d := range it.DependsOn {
			p := index[d] // earlier: genPlain links to previous items
			r.pred = append(r.pred, int32(p))
			succs[p] = append(succs[p], int32(i))
		}
		r.predStart[i+1] = int32(len(r.pred))
	}
	for i := range succs {
		r.succ = append(r.succ, succs[i]...)
		r.succStart[i+1] = int32(len(r.succ))
	}
	return r
}

// refLoop is the reference of the CPM path's speed: per trial it samples
// every item's triangular duration (inverse CDF of one uniform from a PCG
// stream), runs the forward pass (earliest finish) and the backward pass
// (latest finish, to find the critical items), and counts criticality —
// nothing else: no histograms, no sums, no risks, no correlation. It is
// single-threaded, the baseline the engine on all cores is compared with.
func refLoop(r *refNet, trials int, seed uint64) (crit []int32, sumT float64) {
	n := len(r.lo)
	rng := rand.New(rand.NewPCG(seed, 7))
	dur, ef, lf := make([]float64, n), make([]float64, n), make([]float64, n)
	crit = make([]int32, n)
	for range trials {
		for i := range n {
			a, c, b := r.lo[i], r.mode[i], r.hi[i]
			u := rng.Float64()
			if fc := (c - a) / (b - a); u < fc {
				dur[i] = a + math.Sqrt(u*(b-a)*(c-a))
			} else {
				dur[i] = b - math.Sqrt((1-u)*(b-a)*(b-c))
			}
		}
		T := 0.0
		for i := range n {
			es := 0.0
			for _, p := range r.pred[r.predStart[i]:r.predStart[i+1]] {
				es = max(es, ef[p])
			}
			ef[i] = es + dur[i]
			T = max(T, ef[i])
		}
		for i := n - 1; i >= 0; i-- {
			l := T
			for _, s := range r.succ[r.succStart[i]:r.succStart[i+1]] {
				l = min(l, lf[s]-dur[s])
			}
			lf[i] = l
			if l-ef[i] <= 1e-9 {
				crit[i]++
			}
		}
		sumT += T
	}
	return crit, sumT
}

func TestRefLoopFindsTheCriticalChain(t *testing.T) {
	m := Model{Items: []Item{{ID: "a", Duration: tri(1, 2, 3)}, {ID: "b", Duration: tri(10, 11, 12), DependsOn: []string{"a"}},
		{ID: "c", Duration: tri(1, 1.5, 2), DependsOn: []string{"a"}}}}
	crit, sumT := refLoop(newRefNet(m), 1000, 1)
	if crit[0] != 1000 || crit[1] != 1000 || crit[2] != 0 {
		t.Errorf("criticality %v, want a and b always, c never", crit)
	}
	if mean := sumT / 1000; math.Abs(mean-13) > 0.1 {
		t.Errorf("mean finish %.2f, want 13", mean)
	}
}

// BenchmarkCPMvsReference compares the engine's CPM path (a whole Run on
// GOMAXPROCS workers: pilot, sampling, both passes, every statistic) with
// the single-core reference loop on the same 1,000-item network and
// 100,000 trials. x-ref is the engine's wall time over the reference's
// (target ≤ 0.7 on two cores); per-core-x-ref is the engine's CPU time
// over the reference's (target ≤ 1.4). Run on a quiet machine:
//
//	go test -run '^$' -bench CPMvsReference -benchtime 1x -cpu 1,2 ./internal/forecast
func BenchmarkCPMvsReference(b *testing.B) {
	const n, trials = 1000, 100000
	m := genPlain(n, 1.5, 3)
	r := newRefNet(m)
	versus(b, m, trials, func() { refLoop(r, trials, 1) }, "ref")
}

// versus times ref and Run on m, one after the other, at each b.Loop,
// and reports Run's wall time and CPU time per core as multiples of
// ref's: "x-NAME" and "per-core-x-NAME", with ref's own seconds as
// "NAME-s" and "NAME-cpu-s" and Run's as "s" and "cpu-s". Each is the
// fastest of its rounds: on a VM whose speed drifts by a third within
// minutes, one ref then one Run compared a fast minute with a slow one
// (0.67× one run, 1.06× the next); -benchtime 3x gives three rounds.
func versus(b *testing.B, m Model, trials int, ref func(), name string) {
	b.Helper()
	var refWall, wall time.Duration
	var refCPU, cpu float64
	cpuOK := true
	for b.Loop() {
		c0, ok0 := processCPU()
		t0 := time.Now()
		ref()
		rw := time.Since(t0)
		c1, ok1 := processCPU()
		t1 := time.Now()
		if _, err := Run(context.Background(), m, Options{Trials: trials, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		w := time.Since(t1)
		c2, ok2 := processCPU()
		cpuOK = cpuOK && ok0 && ok1 && ok2
		if refWall == 0 || rw < refWall {
			refWall = rw
		}
		if wall == 0 || w < wall {
			wall = w
		}
		if rc := float64(c1 - c0); refCPU == 0 || rc < refCPU {
			refCPU = rc
		}
		if ec := float64(c2 - c1); cpu == 0 || ec < cpu {
			cpu = ec
		}
	}
	b.ReportMetric(float64(wall)/float64(refWall), "x-"+name)
	if cpuOK && refCPU > 0 {
		b.ReportMetric(cpu/refCPU, "per-core-x-"+name)
	}
	b.ReportMetric(refWall.Seconds(), name+"-s")
	b.ReportMetric(refCPU/1e9, name+"-cpu-s")
	b.ReportMetric(wall.Seconds(), "s")
	b.ReportMetric(cpu/1e9, "cpu-s")
}
