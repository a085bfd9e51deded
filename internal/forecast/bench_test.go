package forecast

import (
	"context"
	"strconv"
	"testing"
)

// benchTrials measures the trial loop of one worker: one b.N iteration is
// a few blocks of 256 trials (at least about 500,000 item-trials), each sampled, scheduled and folded into every
// statistic. It reports ns/item-trial (wall) and cpu-ns/item-trial (the
// process's CPU time, which a busy shared machine disturbs less than wall
// time) and shows that the loop allocates nothing.
func benchTrials(b *testing.B, m Model) {
	if err := m.Validate(); err != nil {
		b.Fatal(err)
	}
	opt := Options{Trials: 1 << 30, Seed: 1, Workers: 1}
	if err := opt.normalize(); err != nil {
		b.Fatal(err)
	}
	c := compile(m)
	e := &engine{c: c, opt: opt, excluded: make([]bool, len(c.risks))}
	e.opt.Trials = pilotTrials
	if err := e.pilot(context.Background()); err != nil {
		b.Fatal(err)
	}
	a := e.newWorkerAcc()
	out := e.newBlockOut()
	s := e.sims[0]
	blocks := max(1, (2000+c.n-1)/c.n)
	// warm up: team periods grow to their steady size
	s.setBlock(0, blockSize)
	for t := 0; t < blockSize; t++ {
		s.trial(t)
		e.observe(s, a, out, t)
	}
	a.flush(blockSize)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0, ok := processCPU()
	for k := 0; k < b.N*blocks; k++ {
		lo := k * blockSize
		s.setBlock(lo, blockSize)
		for t := lo; t < lo+blockSize; t++ {
			s.trial(t)
			e.observe(s, a, out, t-lo)
		}
		a.flush(blockSize)
	}
	cpu1, ok1 := processCPU()
	b.StopTimer()
	per := float64(b.N*blocks) * blockSize * float64(c.n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/item-trial")
	if ok && ok1 {
		b.ReportMetric(float64(cpu1-cpu0)/per, "cpu-ns/item-trial")
	}
}

func BenchmarkPlainNetwork(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		m := genPlain(n, 1.5, 1)
		b.Run("items="+strconv.Itoa(n), func(b *testing.B) { benchTrials(b, m) })
	}
}

func BenchmarkResourceConstrained(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		m := genRC(n, 10, 1)
		b.Run("items="+strconv.Itoa(n), func(b *testing.B) { benchTrials(b, m) })
	}
}

// benchRun measures whole runs (pilot, all workers, merge) on GOMAXPROCS
// workers: compare -cpu 1,2 for the scaling.
func benchRun(b *testing.B, m Model, trials int) {
	b.ReportAllocs()
	cpu0, ok := processCPU()
	for b.Loop() {
		if _, err := Run(context.Background(), m, Options{Trials: trials, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	per := float64(b.N) * float64(trials*len(m.Items))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/per, "ns/item-trial")
	if cpu1, ok1 := processCPU(); ok && ok1 {
		b.ReportMetric(float64(cpu1-cpu0)/per, "cpu-ns/item-trial")
	}
}

// BenchmarkRun500x10000 is the issue's "500 items × 10,000 trials in ≤ 1 s
// on a 2-core laptop", for a plain network and a resource-constrained one.
func BenchmarkRun500x10000(b *testing.B) {
	b.Run("plain", func(b *testing.B) { benchRun(b, genPlain(500, 1.5, 2), 10000) })
	b.Run("teams", func(b *testing.B) { benchRun(b, genRC(500, 10, 2), 10000) })
}

func BenchmarkRunPlain1000x20000(b *testing.B) {
	benchRun(b, genPlain(1000, 1.5, 3), 20000)
}

// BenchmarkRunRC10000 is the engine's part of the 10,000-item forecast of
// issue 15 (internal/outlook's Scale10000): 10,000 effort items over 40
// teams with constant capacities, 10,000 trials on GOMAXPROCS workers,
// without team periods (as outlook runs it). It reports wall and CPU
// seconds; on a shared machine the CPU time is the steadier figure.
//
//	go test -run '^$' -bench RunRC10000 -benchtime 1x -cpu 1,2 ./internal/forecast
func BenchmarkRunRC10000(b *testing.B) {
	m := flatRC(10000, 40, 7)
	b.ReportAllocs()
	cpu0, ok := processCPU()
	for b.Loop() {
		if _, err := Run(context.Background(), m, Options{Trials: 10000, Seed: 1, NoTeamPeriods: true}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s")
	if cpu1, ok1 := processCPU(); ok && ok1 {
		b.ReportMetric(float64(cpu1-cpu0)/1e9/float64(b.N), "cpu-s")
	}
}
