package outlook_test

import (
	"context"
	"testing"

	"steerco/internal/outlook"
	"steerco/internal/report/reporttest"
)

// A generated portfolio of 2,000 items over ten teams (and 20 risks on
// three items each) with 10,000 trials:
// the size at which the forecast must still feel interactive.
//
//	go test -run '^$' -bench Large -benchtime 1x -cpuprofile cpu.out ./internal/outlook
func BenchmarkLarge2000(b *testing.B) {
	p, _ := reporttest.Large(2000)
	for r := range p.Risks { // Large's risks name no items; give each three
		rk := &p.Risks[r]
		for k := range 3 {
			rk.Items = append(rk.Items, p.Items[(r*97+k*701)%len(p.Items)].ID)
		}
	}
	for _, c := range []struct {
		name  string
		risks bool
	}{{"no-risks", false}, {"risk-impacts", true}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 10000, RiskImpacts: c.risks}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
