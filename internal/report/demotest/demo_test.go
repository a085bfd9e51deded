// Package demotest renders the built-in demo portfolio's reports from a real
// forecast: a benchmark of the renderers on the demo and a way to write the
// documents out for looking at. It lives apart from report, pdf and xlsx
// because the demo package brings in the SQLite driver.
package demotest

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/xlsx"
)

var today = plan.MustDate("2026-11-23")

func forecast(t testing.TB, trials int) (*plan.Portfolio, *outlook.Forecast) {
	t.Helper()
	p, err := demo.Portfolio(today)
	if err != nil {
		t.Fatal(err)
	}
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: trials, Seed: 1, AsOf: today, RiskImpacts: true})
	if err != nil {
		t.Fatal(err)
	}
	return p, f
}

func briefing(t testing.TB, p *plan.Portfolio, f *outlook.Forecast, name string) *report.Briefing {
	t.Helper()
	tp, err := report.LoadTemplate(name)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.Build(p, f, *tp, today)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDemoReports renders every template of the demo and, when
// STEERCO_SAMPLES names a folder, writes the documents there.
func TestDemoReports(t *testing.T) {
	p, f := forecast(t, 2000)
	dir := os.Getenv("STEERCO_SAMPLES")
	names := []string{"board-pack", "monthly-status", "pi-review"}
	if extra := os.Getenv("STEERCO_TEMPLATE"); extra != "" {
		names = append(names, extra)
	}
	for _, name := range names {
		b := briefing(t, p, f, name)
		var pb, xb bytes.Buffer
		if err := pdf.Render(&pb, b); err != nil {
			t.Fatalf("%s pdf: %v", name, err)
		}
		if err := xlsx.Render(&xb, b); err != nil {
			t.Fatalf("%s xlsx: %v", name, err)
		}
		for _, s := range b.Sections {
			if s.Kind != report.SecCover && len(s.Headlines)+len(s.Blocks)+len(s.Notes) == 0 {
				t.Errorf("%s: section %s is empty", name, s.Kind)
			}
		}
		if dir != "" {
			base := "demo-" + strings.TrimSuffix(filepath.Base(name), ".json")
			os.WriteFile(filepath.Join(dir, base+".pdf"), pb.Bytes(), 0o644)
			os.WriteFile(filepath.Join(dir, base+".xlsx"), xb.Bytes(), 0o644)
		}
	}
}

// BenchmarkRenderDemoBoardPack builds and renders the demo's board pack as
// PDF and Excel; the simulation runs once, outside the timer.
func BenchmarkRenderDemoBoardPack(b *testing.B) {
	p, f := forecast(b, 10000)
	tp, err := report.LoadTemplate("board-pack")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("pdf", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			br, err := report.Build(p, f, *tp, today)
			if err != nil {
				b.Fatal(err)
			}
			if err := pdf.Render(io.Discard, br); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("xlsx", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			br, err := report.Build(p, f, *tp, today)
			if err != nil {
				b.Fatal(err)
			}
			if err := xlsx.Render(io.Discard, br); err != nil {
				b.Fatal(err)
			}
		}
	})
}
