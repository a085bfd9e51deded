package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/outlook"
)

// The risk table shows an estimated risk (a large portfolio's risk the
// forecast did not re-simulate) as "≈ N" points with its days not
// computed, and says once, under the table, what that means.
func TestForecastTableEstimatedRisk(t *testing.T) {
	anchor, err := demo.Anchor()
	if err != nil {
		t.Fatal(err)
	}
	p, err := demo.Portfolio(anchor)
	if err != nil {
		t.Fatal(err)
	}
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 500, AsOf: anchor, RiskImpacts: true})
	if err != nil {
		t.Fatal(err)
	}
	var exact bytes.Buffer
	printForecast(&exact, p, f)
	if strings.Contains(exact.String(), figure.EstimatedNote) || strings.Contains(exact.String(), figure.NotComputed) {
		t.Error("the demo's exact risk table speaks of estimates")
	}
	if len(f.Risks) < 2 || f.Risks[1].CostOnly {
		t.Fatalf("want two simulated risks, got %+v", f.Risks)
	}
	id := f.Risks[1].RiskID
	f.Risks[1] = outlook.RiskImpact{RiskID: id, Estimated: true, Measurable: true, PointsLost: 12.4, PointsLostSE: 3}
	var out bytes.Buffer
	printForecast(&out, p, f)
	var line string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, id+" ") {
			line = l
		}
	}
	if !strings.Contains(line, "≈ 12 ") || strings.Count(line, figure.NotComputed) != 3 {
		t.Errorf("estimated risk's row %q", line)
	}
	if strings.Count(out.String(), figure.EstimatedNote) != 1 {
		t.Error("no footnote under the risk table")
	}
}
