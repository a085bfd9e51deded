package outlook

import (
	"context"
	"testing"

	"steerco/internal/forecast"
)

// The demo portfolio (42 items, 29 open, 4 teams, 4 milestones, 11 simulated
// risks: 60 model nodes) forecast with 10,000 trials.
//
//	go test -run '^$' -bench Demo -benchtime 5x ./internal/outlook

func BenchmarkDemoForecast(b *testing.B) {
	p := demoPortfolio(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), p, Options{Trials: 10000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDemoForecastRiskImpacts(b *testing.B) {
	p := demoPortfolio(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), p, Options{Trials: 10000, RiskImpacts: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDemoEngineOnly is the engine's share: the compiled model run
// without the samples stream that Run reads quarters, dates and drivers from.
func BenchmarkDemoEngineOnly(b *testing.B) {
	m, _, err := Compile(demoPortfolio(b), 0, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := forecast.Run(context.Background(), m, forecast.Options{Trials: 10000, Seed: 1, Period: enginePeriod}); err != nil {
			b.Fatal(err)
		}
	}
}
