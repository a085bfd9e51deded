package outlook_test

import (
	"context"
	"testing"

	"steerco/internal/outlook"
	"steerco/internal/outlook/scaletest"
)

// The scale target of issue 15: 10,000 items over 40 teams (60 % with a
// cross-team dependency), 10,000 trials, without risk drivers (target
// < 5 s and < 500 MB on this machine's two cores).
//
//	go test -run '^$' -bench Scale10000 -benchtime 1x -benchmem -cpuprofile cpu.out -memprofile mem.out ./internal/outlook
func BenchmarkScale10000(b *testing.B) {
	p := scaletest.Portfolio(scaletest.Options{Risks: -1})
	b.Run("no-risks", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 10000, AsOf: scaletest.AsOf}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
