package xlsx_test

import (
	"io"
	"testing"

	"steerco/internal/report"
	"steerco/internal/report/reporttest"
	"steerco/internal/report/xlsx"
)

// BenchmarkRender1000Items builds and renders the workbook of a generated
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
		if err := xlsx.Render(io.Discard, br); err != nil {
			b.Fatal(err)
		}
	}
}
