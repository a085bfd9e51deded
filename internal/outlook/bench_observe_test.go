package outlook

import (
	"context"
	"testing"

	"steerco/internal/forecast"
	"steerco/internal/outlook/scaletest"
)

// BenchmarkObserve10000 is outlook's own share of the 10,000-item forecast:
// what one worker does with a block of 256 simulated trials (day counts,
// drivers, team quarters, money) and the merge, on trials recorded once,
// without the engine. Per trial: ns/op ÷ 256.
//
//	go test -run '^$' -bench Observe10000 -benchmem ./internal/outlook
func BenchmarkObserve10000(b *testing.B) {
	p := scaletest.Portfolio(scaletest.Options{Risks: -1})
	m, mp, err := Compile(p, scaletest.AsOf, "")
	if err != nil {
		b.Fatal(err)
	}
	const trials = 256
	var starts, finishes [][]float64
	if _, err := forecast.Run(context.Background(), m, forecast.Options{Trials: trials, Seed: DefaultSeed, NoTeamPeriods: true,
		Observe: func(_ int, s, f []float64) {
			starts, finishes = append(starts, append([]float64(nil), s...)), append(finishes, append([]float64(nil), f...))
		}}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		tr := newTrials(m, mp)
		tr.money = newMoneyTrack(p, m, mp, Options{Trials: trials, Seed: DefaultSeed})
		o := tr.Worker(0)
		for k := range trials {
			o.Observe(k, starts[k], finishes[k])
		}
		tr.Merge(0, trials, o.EndBlock(0, trials))
		tr.fold()
	}
}
