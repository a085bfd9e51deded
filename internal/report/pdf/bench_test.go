package pdf_test

import (
	"io"
	"strconv"
	"strings"
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

// BenchmarkRenderLongText renders the small board pack with a title, an
// item, a milestone and a risk named with n characters: the time grows in
// proportion to n (compare the sizes).
func BenchmarkRenderLongText(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			p, f := reporttest.Small()
			long := strings.Repeat("Consumer migration ", n/19+1)[:n]
			p.Name, p.Items[0].Title, p.Milestones[0].Name, p.Risks[0].Title = long, long, long, long
			br := buildFrom(b, p, f, "board-pack")
			br.Title = long
			b.ReportAllocs()
			for b.Loop() {
				if err := pdf.Render(io.Discard, br); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
