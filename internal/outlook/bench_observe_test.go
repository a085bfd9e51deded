package outlook

import (
	"context"
	"syscall"
	"testing"
	"time"

	"steerco/internal/forecast"
	"steerco/internal/outlook/scaletest"
	"steerco/internal/plan"
)

// BenchmarkObserve10000 is outlook's own share of the 10,000-item forecast:
// what one worker does with a block of 256 simulated trials (day counts,
// drivers, team quarters, money) and the block's merge, on trials recorded
// once, without the engine. The tables are built once, outside the timing
// (a forecast builds them once for all its trials), and the counts keep
// adding up from block to block. Per trial: ns/op ÷ 256.
//
//	go test -run '^$' -bench Observe10000 -benchmem ./internal/outlook
func BenchmarkObserve10000(b *testing.B) {
	p, m, mp, starts, finishes := recorded10000(b)
	tr := newTrials(m, mp)
	tr.money = newMoneyTrack(p, m, mp, Options{Trials: recTrials, Seed: DefaultSeed})
	o := tr.Worker(0)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		for k := range recTrials {
			o.Observe(k, starts[k], finishes[k])
		}
		tr.Merge(0, recTrials, o.EndBlock(0, recTrials))
	}
}

// BenchmarkLoad10000 is the team quarters' part of BenchmarkObserve10000
// alone (observer.loads), without the set-up: per trial,
// ns/op ÷ 256.
//
//	go test -run '^$' -bench Load10000 -benchmem ./internal/outlook
func BenchmarkLoad10000(b *testing.B) {
	_, m, mp, starts, finishes := recorded10000(b)
	tr := newTrials(m, mp)
	o := tr.Worker(0).(*observer)
	b.ReportAllocs()
	defer reportCPU(b)()
	for b.Loop() {
		o.blk = tr.newBlock()
		for k := range recTrials {
			o.start, o.finish = starts[k], finishes[k]
			o.loads()
		}
		tr.Merge(0, recTrials, o.EndBlock(0, recTrials))
	}
}

// recTrials is the number of trials the Observe and Load benchmarks record.
const recTrials = 256

// recorded10000 compiles the 10,000-item portfolio and records the starts
// and finishes of its first trials.
func recorded10000(b testing.TB) (*plan.Portfolio, forecast.Model, *Mapping, [][]float64, [][]float64) {
	p := scaletest.Portfolio(scaletest.Options{Risks: -1})
	m, mp, err := Compile(p, scaletest.AsOf, "")
	if err != nil {
		b.Fatal(err)
	}
	var starts, finishes [][]float64
	if _, err := forecast.Run(context.Background(), m, forecast.Options{Trials: recTrials, Seed: DefaultSeed, NoTeamPeriods: true,
		Observe: func(_ int, s, f []float64) {
			starts, finishes = append(starts, append([]float64(nil), s...)), append(finishes, append([]float64(nil), f...))
		}}); err != nil {
		b.Fatal(err)
	}
	return p, m, mp, starts, finishes
}

// reportCPU reports the process's CPU time per operation (cpu-ns/op) from
// the call to that of the function it returns: on the shared machine the
// wall time per operation depends on the others' load much more.
func reportCPU(b *testing.B) func() {
	t0 := cpuTime()
	return func() { b.ReportMetric(float64(cpuTime()-t0)/float64(b.N), "cpu-ns/op") }
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
