package chart

import (
	"bytes"
	"flag"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/wcharczuk/go-chart/v2/drawing"

	"steerco/internal/report"
)

var out = flag.String("out", "", "write the test charts as PNG files to this folder, for looking at")

var nan = report.NaN

func budget() report.SeriesChart {
	cats := []string{"Jan 26", "Feb 26", "Mar 26", "Apr 26", "May 26", "Jun 26", "Jul 26", "Aug 26", "Sep 26", "Oct 26", "Nov 26", "Dec 26"}
	pl := []float64{440e3, 535e3, 470e3, 480e3, 485e3, 560e3, 505e3, 505e3, 505e3, 505e3, 505e3, 520e3}
	ac := []float64{415e3, 520e3, 470e3, 480e3, 505e3, 600e3, 515e3, 520e3, 530e3, 530e3, nan, nan}
	fc := []float64{nan, nan, nan, nan, nan, nan, nan, nan, nan, nan, 505e3, 520e3}
	return report.SeriesChart{Categories: cats, Unit: "money", Currency: "USD", Series: []report.Series{
		{Name: "Plan", Values: pl, Bar: true}, {Name: "Actual", Values: ac, Bar: true}, {Name: "Forecast", Values: fc, Bar: true}}}
}

func hours() report.SeriesChart {
	cats := []string{"Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"}
	return report.SeriesChart{Categories: cats, Unit: "hours", Series: []report.Series{
		{Name: "Lead time", Values: []float64{41.7, 44.5, 39.7, 41.3, 38.2, 35}},
		{Name: "Time to restore", Values: []float64{nan, 3, 2.8, 0.5, 1.6, nan}}}}
}

func deploys() report.SeriesChart {
	cats := []string{"Jun 2026", "Jul 2026", "Aug 2026", "Sep 2026", "Oct 2026", "Nov 2026"}
	return report.SeriesChart{Categories: cats, Unit: "number", Series: []report.Series{
		{Name: "Deploys / week", Values: []float64{8.9, 8.8, 7.5, 8.2, 7.9, 3.5}, Bar: true}}}
}

func decode(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	if *out != "" {
		if err := os.WriteFile(filepath.Join(*out, name+".png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: the PNG does not decode: %v", name, err)
	}
	return img
}

// count returns how many pixels in r have exactly colour c.
func count(img image.Image, r image.Rectangle, c drawing.Color) int {
	n := 0
	want := color.RGBA{c.R, c.G, c.B, 255}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(img.At(x, y)) == want {
				n++
			}
		}
	}
	return n
}

func TestPNG(t *testing.T) {
	tests := []struct {
		name    string
		c       report.SeriesChart
		w, h    float64
		dpi     int
		colours []drawing.Color // series colours, in legend order
	}{
		{"budget by month", budget(), 130.5, 54, 300, []drawing.Color{barColors[0], barColors[1], forecastFill}},
		{"hours lines", hours(), 84.3, 54, 300, []drawing.Color{lineColors[0], lineColors[1]}},
		{"deploy bars at 200 dpi", deploys(), 84.3, 54, 200, []drawing.Color{barColors[0]}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := PNG(tc.c, tc.w, tc.h, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			img := decode(t, tc.name, data)
			b := img.Bounds()
			wantW, wantH := tc.w*float64(tc.dpi)/25.4, tc.h*float64(tc.dpi)/25.4
			if math.Abs(float64(b.Dx())-wantW) > 1 || math.Abs(float64(b.Dy())-wantH) > 1 {
				t.Errorf("image is %d × %d px, want %.1f × %.1f (mm × dpi / 25.4)", b.Dx(), b.Dy(), wantW, wantH)
			}
			again, err := PNG(tc.c, tc.w, tc.h, tc.dpi)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(data, again) {
				t.Error("two renders of the same chart differ")
			}
			px := func(mm float64) int { return int(mm * float64(tc.dpi) / 25.4) }
			// The plot: the middle of the image, above the labels and legend.
			plot := image.Rect(px(18), px(3), b.Dx()-px(2), b.Dy()-px(10))
			blank := count(img, plot, white)
			if total := plot.Dx() * plot.Dy(); blank > total*97/100 {
				t.Errorf("plot area is %d%% white: nothing drawn", blank*100/total)
			}
			// The legend: the bottom band holds a swatch of every series' colour.
			legend := image.Rect(0, b.Dy()-px(legendRow+1), b.Dx(), b.Dy())
			for i, c := range tc.colours {
				if n := count(img, legend, c); n < px(1)*px(1) {
					t.Errorf("legend: series %d's colour %v has %d pixels in the legend band", i, c, n)
				}
				if n := count(img, plot, c); n < px(1)*px(1) {
					t.Errorf("plot: series %d's colour %v has %d pixels in the plot", i, c, n)
				}
			}
			// Tick and category labels are there (text in the palette's ink and grey).
			if n := count(img, image.Rect(0, 0, px(16), b.Dy()-px(9)), muted); n == 0 {
				t.Error("no value-axis labels")
			}
			labels := image.Rect(0, b.Dy()-px(legendRow+xLabelsMM+1), b.Dx(), b.Dy()-px(legendRow+0.5))
			if n := count(img, labels, ink); n == 0 {
				t.Error("no category labels")
			}
		})
	}
}

// TestPNGNarrowLegendWraps renders a narrow chart whose legend needs two
// rows: both series still show in the legend band, under the labels.
func TestPNGNarrowLegendWraps(t *testing.T) {
	c := report.SeriesChart{Categories: []string{"Jan 26", "Feb 26", "Mar 26"}, Unit: "money", Currency: "EUR", Series: []report.Series{
		{Name: "Cumulative plan", Values: []float64{100e3, 200e3, 300e3}},
		{Name: "Cumulative actual + forecast", Values: []float64{90e3, 210e3, 320e3}}}}
	data, err := PNG(c, 50, 54, 300)
	if err != nil {
		t.Fatal(err)
	}
	img := decode(t, "narrow legend", data)
	b := img.Bounds()
	px := func(mm float64) int { return int(mm * 300 / 25.4) }
	lastRow := image.Rect(0, b.Dy()-px(legendRow+0.5), b.Dx(), b.Dy())
	firstRow := image.Rect(0, b.Dy()-px(2*legendRow+0.5), b.Dx(), b.Dy()-px(legendRow+0.5))
	if count(img, firstRow, lineColors[0]) == 0 || count(img, lastRow, lineColors[1]) == 0 {
		t.Error("the legend does not wrap to a second row")
	}
}

func TestPNGMissingValues(t *testing.T) {
	c := hours()
	c.Series[1].Values = []float64{nan, nan, nan, nan, nan, nan}
	c.Series[0].Values = []float64{nan, 3, nan, nan, nan, nan}
	if _, err := PNG(c, 80, 50, 300); err != nil {
		t.Fatalf("a chart with gaps and a lone point: %v", err)
	}
	c.Series[0].Values = []float64{nan, nan, nan, nan, nan, nan}
	if _, err := PNG(c, 80, 50, 300); err != nil {
		t.Fatalf("a chart with no values at all: %v", err)
	}
}

func TestPNGErrors(t *testing.T) {
	tests := []struct {
		name string
		c    report.SeriesChart
		w, h float64
		dpi  int
	}{
		{"no categories", report.SeriesChart{Unit: "number", Series: []report.Series{{Name: "x"}}}, 80, 50, 300},
		{"no series", report.SeriesChart{Categories: []string{"a", "b"}}, 80, 50, 300},
		{"zero width", budget(), 0, 50, 300},
		{"zero dpi", budget(), 80, 50, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := PNG(tc.c, tc.w, tc.h, tc.dpi); err == nil {
				t.Error("no error")
			}
		})
	}
}

func TestTick(t *testing.T) {
	tests := []struct {
		name     string
		v        float64
		unit     string
		currency string
		step     float64
		want     string
	}{
		{"money zero", 0, "money", "USD", 200e3, "USD 0"},
		{"money thousands", 600e3, "money", "USD", 200e3, "USD 600k"},
		{"money half thousands", 2500, "money", "EUR", 500, "EUR 2.5k"},
		{"money millions", 6e6, "money", "USD", 2e6, "USD 6M"},
		{"money fractional millions", 2.5e6, "money", "USD", 500e3, "USD 2.5M"},
		{"money negative", -200e3, "money", "USD", 100e3, "USD -200k"},
		{"money small", 50, "money", "USD", 10, "USD 50"},
		{"percent", 25, "percent", "", 5, "25%"},
		{"percent decimals", 2.5, "percent", "", 0.5, "2.5%"},
		{"hours", 40, "hours", "", 10, "40 h"},
		{"days", 12, "days", "", 2, "12 d"},
		{"number", 8, "number", "", 2, "8"},
		{"number decimals", 0.25, "number", "", 0.25, "0.25"},
		{"negative zero", math.Copysign(0, -1), "number", "", 1, "0"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Tick(tc.v, tc.unit, tc.currency, tc.step); got != tc.want {
				t.Errorf("Tick(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
			}
		})
	}
}

func TestYScale(t *testing.T) {
	lo, hi, step := yScale(budget())
	if lo != 0 || hi != 600e3 || step != 100e3 && step != 200e3 {
		t.Errorf("yScale = %v, %v, %v; want 0 to 600k", lo, hi, step)
	}
	lo, hi, step = yScale(report.SeriesChart{Series: []report.Series{{Values: []float64{-30, 70}}}})
	if lo > -30 || hi < 70 || math.Mod(lo, step) != 0 || math.Mod(hi, step) != 0 {
		t.Errorf("yScale(-30, 70) = %v, %v, %v", lo, hi, step)
	}
}

func BenchmarkPNG(b *testing.B) {
	c := budget()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := PNG(c, 130.5, 54, 300); err != nil {
			b.Fatal(err)
		}
	}
}
