package pdf_test

import (
	"io"
	"testing"

	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/reporttest"
)

// BenchmarkRenderSmall renders the small board pack (build + PDF).
func BenchmarkRenderSmall(b *testing.B) {
	br := build(b, "board-pack")
	b.ReportAllocs()
	for b.Loop() {
		if err := pdf.Render(io.Discard, br); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRender1000Items builds and renders the board pack of a generated
// 1,000-item portfolio with a synthetic forecast.
func BenchmarkRender1000Items(b *testing.B) {
	p, f := reporttest.Large(1000)
	tp, err := report.LoadTemplate("board-pack")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		br, err := report.Build(p, f, *tp, reporttest.AsOf)
		if err != nil {
			b.Fatal(err)
		}
		if err := pdf.Render(io.Discard, br); err != nil {
			b.Fatal(err)
		}
	}
}
