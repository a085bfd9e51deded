// Package chart renders the briefing's axis charts — bars and lines over
// categories (the budget by month, cumulative spend, the DORA trends) — as
// PNG images with go-chart, for the PDF to place at print size. It is the
// only package that imports go-chart.
//
// The image is drawn for its printed size: text sizes are given in points
// and go-chart scales them with the DPI, while strokes, dot sizes and
// paddings (which go-chart takes in pixels) are converted here from
// millimetres, so a chart looks the same at any resolution. Ticks and
// their labels are explicit, the font is Go Regular (the PDF's font) and
// the colours are the PDF's palette. The same chart gives the same bytes.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
	"strings"
	"sync"

	"github.com/golang/freetype/truetype"
	gochart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"

	"steerco/internal/report"
)

// Colours, kept equal to report/pdf's palette so a chart matches the page
// around it.
var (
	ink   = drawing.Color{R: 33, G: 37, B: 41, A: 255}
	muted = drawing.Color{R: 108, G: 117, B: 125, A: 255}
	rule  = drawing.Color{R: 200, G: 205, B: 212, A: 255}
	white = drawing.ColorWhite
	clear = drawing.ColorTransparent

	// barColors are the fills of the bar series, in order (plan, actual, …).
	barColors = []drawing.Color{{R: 160, G: 175, B: 195, A: 255}, {R: 24, G: 52, B: 92, A: 255}, {R: 90, G: 150, B: 210, A: 255}}
	// lineColors are the strokes of the line series, in order.
	lineColors = []drawing.Color{{R: 230, G: 120, B: 30, A: 255}, {R: 120, G: 60, B: 140, A: 255}, {R: 90, G: 150, B: 210, A: 255}}
	// The forecast bars of a plan/actual/forecast money chart: light, outlined.
	forecastFill   = drawing.Color{R: 200, G: 220, B: 240, A: 255}
	forecastStroke = drawing.Color{R: 90, G: 150, B: 210, A: 255}
	// Line dashes in millimetres (nil = solid).
	lineDash = [][]float64{nil, {1.5, 1}, {0.5, 0.8}}
)

// Sizes at print, in points (text) and millimetres (everything else).
const (
	tickPt     = 6.5
	legendPt   = 7
	gridMM     = 0.15
	baseMM     = 0.3
	lineMM     = 0.6
	dotMM      = 0.6
	outlineMM  = 0.2
	legendRow  = 4.0 // mm per legend row
	swatchW    = 4.0
	swatchH    = 2.6
	labelGapMM = 2.5 // least room between two category labels
	xLabelsMM  = 4.2 // the band of category labels under the plot
)

// gcPt converts a text size in points to go-chart's: its raster renderer
// scales glyphs by points × dpi / 64 instead of / 72, so text would come
// out 12.5% too large.
func gcPt(pt float64) float64 { return pt * 64 / 72 }

var goRegular = sync.OnceValues(func() (*truetype.Font, error) { return truetype.Parse(goregular.TTF) })

// PNG renders c as a PNG image of widthMM × heightMM at dpi dots per inch
// (300 for print; at least 200). The image holds the plot, its axes and a
// legend under it; the title is the caller's to print. It returns an error
// when the chart has no categories or the size is not positive.
func PNG(c report.SeriesChart, widthMM, heightMM float64, dpi int) ([]byte, error) {
	if len(c.Categories) == 0 {
		return nil, errors.New("chart: no categories to draw")
	}
	if widthMM <= 0 || heightMM <= 0 || dpi <= 0 {
		return nil, fmt.Errorf("chart: size %gmm × %gmm at %d dpi is not positive", widthMM, heightMM, dpi)
	}
	f, err := goRegular()
	if err != nil {
		return nil, fmt.Errorf("chart: parse Go Regular: %w", err)
	}
	d := float64(dpi)
	px := func(mm float64) float64 { return mm * d / 25.4 }
	ipx := func(mm float64) int { return int(math.Round(px(mm))) }
	w, h := ipx(widthMM), ipx(heightMM)

	n := len(c.Categories)
	lo, hi, step := yScale(c)
	var yTicks []gochart.Tick
	var grid []gochart.GridLine
	for v := lo; v <= hi+step/2; v += step {
		v = math.Round(v/step) * step // no drift: 0.30000000000000004
		yTicks = append(yTicks, gochart.Tick{Value: v, Label: Tick(v, c.Unit, c.Currency, step)})
		grid = append(grid, gochart.GridLine{Value: v, Style: gochart.Style{StrokeColor: rule, StrokeWidth: px(gridMM)}})
	}

	// The category axis: one tick per category, and the half slots at both
	// ends that give the axis its range.
	xTicks := []gochart.Tick{{Value: -0.5}}
	for k, s := range c.Categories {
		xTicks = append(xTicks, gochart.Tick{Value: float64(k), Label: s})
	}
	xTicks = append(xTicks, gochart.Tick{Value: float64(n) - 0.5})

	// Series: bars first (drawn under the lines), each in its slot.
	var series []gochart.Series
	var legend []legendItem
	var bars []report.Series
	for _, s := range c.Series {
		if s.Bar {
			bars = append(bars, s)
		}
	}
	// Plan, actual, forecast: actuals and forecasts never share a month, so
	// the forecast takes the actual's place beside the plan.
	planActual := len(bars) == 3 && c.Unit == "money"
	slots := max(1, len(bars))
	if planActual {
		slots = 2
	}
	bi, li := 0, 0
	for _, s := range c.Series {
		if !s.Bar {
			continue
		}
		b := &barSeries{name: s.Name, values: s.Values, slot: bi, slots: slots, fill: barColors[bi%len(barColors)]}
		if planActual && bi == 2 {
			b.slot, b.fill, b.stroke, b.strokeW = 1, forecastFill, forecastStroke, px(outlineMM)
		}
		series = append(series, b)
		legend = append(legend, legendItem{name: s.Name, bar: b})
		bi++
	}
	for _, s := range c.Series {
		if s.Bar {
			continue
		}
		l := &lineSeries{name: s.Name, values: s.Values, color: lineColors[li%len(lineColors)], width: px(lineMM), dot: px(dotMM)}
		for _, v := range lineDash[li%len(lineDash)] {
			l.dash = append(l.dash, px(v))
		}
		series = append(series, l)
		legend = append(legend, legendItem{name: s.Name, line: l})
		li++
	}
	if len(series) == 0 {
		return nil, errors.New("chart: no series to draw")
	}

	// Legend rows, laid out now so the plot leaves room for them.
	legendFace := truetype.NewFace(f, &truetype.Options{Size: legendPt, DPI: d, Hinting: font.HintingNone})
	// It starts under the plot, right of the value labels.
	tickFace := truetype.NewFace(f, &truetype.Options{Size: tickPt, DPI: d, Hinting: font.HintingNone})
	left := px(0.5) + gochart.DefaultYAxisMargin
	for _, t := range yTicks {
		left = math.Max(left, px(0.5)+gochart.DefaultYAxisMargin+float64(font.MeasureString(tickFace, t.Label))/64)
	}
	x, row := 0.0, 0
	for i := range legend {
		tw := float64(font.MeasureString(legendFace, legend[i].name)) / 64
		adv := px(swatchW+1) + tw + px(6)
		if x > 0 && left+x+px(swatchW+1)+tw > float64(w)-px(1.5) {
			x, row = 0, row+1
		}
		legend[i].x, legend[i].row = x, row
		x += adv
	}
	legendH := float64(row+1) * px(legendRow)

	tickStyle := gochart.Style{FontSize: gcPt(tickPt), FontColor: muted, StrokeColor: clear, StrokeWidth: 1}
	ch := gochart.Chart{
		Width: w, Height: h, DPI: d, Font: f,
		Background: gochart.Style{FillColor: backdrop, StrokeColor: clear, Padding: gochart.Box{
			Top: ipx(2), Left: ipx(0.5), Right: ipx(1.5), Bottom: int(math.Round(legendH + px(xLabelsMM+0.5))), IsSet: true}},
		Canvas: gochart.Style{FillColor: backdrop, StrokeColor: clear},
		// The x axis gives the category range (its ticks); its labels are
		// drawn below with one baseline (go-chart would set each label by
		// its own glyph height, so "Jun" would sit lower than "Mar").
		XAxis: gochart.XAxis{
			Style:          gochart.Hidden(),
			Ticks:          xTicks,
			ValueFormatter: func(v interface{}) string { return categoryAt(c.Categories, v) },
		},
		// go-chart puts the primary axis on the right; the series use the
		// secondary (left) axis, the primary is hidden. The primary carries
		// the same ticks because go-chart reads the secondary range from them.
		YAxis: gochart.YAxis{Style: gochart.Hidden(), Ticks: yTicks},
		YAxisSecondary: gochart.YAxis{
			Style:          tickStyle,
			Ticks:          yTicks,
			GridLines:      grid,
			GridMajorStyle: gochart.Style{StrokeColor: rule, StrokeWidth: px(gridMM)},
			GridMinorStyle: gochart.Style{StrokeColor: rule, StrokeWidth: px(gridMM)},
			ValueFormatter: func(v interface{}) string { return Tick(toFloat(v), c.Unit, c.Currency, step) },
		},
		Series: series,
	}
	ch.Elements = []gochart.Renderable{
		// The zero line over the bars, as in the PDF's vector charts.
		func(r gochart.Renderer, box gochart.Box, _ gochart.Style) {
			y := box.Bottom - int(math.Round((0-lo)/(hi-lo)*float64(box.Height())))
			r.SetStrokeColor(ink)
			r.SetStrokeWidth(px(baseMM))
			r.SetStrokeDashArray(nil)
			r.MoveTo(box.Left, y)
			r.LineTo(box.Right, y)
			r.Stroke()
		},
		func(r gochart.Renderer, box gochart.Box, _ gochart.Style) {
			r.SetFont(f)
			r.SetFontSize(gcPt(tickPt))
			r.SetFontColor(ink)
			xr := gochart.ContinuousRange{Min: -0.5, Max: float64(n) - 0.5, Domain: box.Width()}
			// Every k-th label, so that labels never touch.
			widest := 0
			for _, s := range c.Categories {
				widest = max(widest, r.MeasureText(s).Width())
			}
			slot := float64(box.Width()) / float64(n)
			every := 1
			for every < n && slot*float64(every) < float64(widest)+px(labelGapMM) {
				every++
			}
			base := box.Bottom + int(math.Round(px(1)+capHeight(tickFace)))
			for k, s := range c.Categories {
				if k%every != 0 {
					continue
				}
				tw := r.MeasureText(s).Width()
				r.Text(s, box.Left+xr.Translate(float64(k))-tw/2, base)
			}
		},
		func(r gochart.Renderer, box gochart.Box, _ gochart.Style) {
			top := float64(h) - legendH - px(0.5)
			for _, it := range legend {
				x := float64(box.Left) + it.x
				y := top + float64(it.row)*px(legendRow)
				mid := y + px(legendRow)/2
				switch {
				case it.bar != nil:
					b := it.bar
					r.SetFillColor(b.fill)
					r.SetStrokeColor(b.stroke)
					r.SetStrokeWidth(b.strokeW)
					r.SetStrokeDashArray(nil)
					rect(r, x, mid-px(swatchH)/2, x+px(swatchW), mid+px(swatchH)/2)
					if b.strokeW > 0 {
						r.FillStroke()
					} else {
						r.Fill()
					}
				case it.line != nil:
					l := it.line
					r.SetStrokeColor(l.color)
					r.SetStrokeWidth(l.width)
					r.SetStrokeDashArray(l.dash)
					r.MoveTo(int(x), int(mid))
					r.LineTo(int(x+px(swatchW)), int(mid))
					r.Stroke()
					r.SetStrokeDashArray(nil)
				}
				r.SetFont(f)
				r.SetFontSize(gcPt(legendPt))
				r.SetFontColor(ink)
				r.Text(it.name, int(x+px(swatchW+1)), int(math.Round(mid+capHeight(legendFace)/2)))
			}
		},
	}
	var img collector
	if err := ch.Render(fastPNG, &img); err != nil {
		return nil, fmt.Errorf("chart: render: %w", err)
	}
	if img.rgba == nil {
		return nil, errors.New("chart: render: no image")
	}
	onWhite(img.rgba)
	var buf bytes.Buffer
	// Fastest deflate: a third of the default's time for 3% more bytes
	// (the images are mostly white).
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img.rgba); err != nil {
		return nil, fmt.Errorf("chart: encode png: %w", err)
	}
	return buf.Bytes(), nil
}

// backdrop marks the background and canvas boxes, which go-chart paints
// pixel by pixel over the whole image (a third of the render time). The
// image starts transparent instead and is laid on white at the end (the
// same pixels: drawing over white and over nothing then white agree).
var backdrop = drawing.Color{R: 255, G: 255, B: 254, A: 0}

// fastPNG is go-chart's raster renderer, skipping the backdrop boxes.
func fastPNG(w, h int) (gochart.Renderer, error) {
	r, err := gochart.PNG(w, h)
	if err != nil {
		return nil, err
	}
	return &skipBackdrop{Renderer: r}, nil
}

type skipBackdrop struct {
	gochart.Renderer
	fill drawing.Color
}

func (s *skipBackdrop) ResetStyle() { s.fill = drawing.Color{}; s.Renderer.ResetStyle() }
func (s *skipBackdrop) SetFillColor(c drawing.Color) {
	s.fill = c
	s.Renderer.SetFillColor(c)
}
func (s *skipBackdrop) FillStroke() {
	if s.fill == backdrop {
		// End the path without painting its inside.
		s.Renderer.SetStrokeColor(clear)
		s.Renderer.SetStrokeWidth(0)
		s.Renderer.Stroke()
		return
	}
	s.Renderer.FillStroke()
}

// collector receives the rendered image instead of go-chart's PNG.
type collector struct{ rgba *image.RGBA }

func (c *collector) SetRGBA(i *image.RGBA)       { c.rgba = i }
func (c *collector) Write(p []byte) (int, error) { return len(p), nil }

// onWhite lays the (premultiplied) image over white, making it opaque, so
// the PNG has no alpha channel (which fpdf would have to split out).
func onWhite(m *image.RGBA) {
	p := m.Pix
	for i := 0; i+3 < len(p); i += 4 {
		a := 255 - p[i+3]
		p[i] += a
		p[i+1] += a
		p[i+2] += a
		p[i+3] = 255
	}
}

type legendItem struct {
	name string
	bar  *barSeries
	line *lineSeries
	x    float64 // px from the plot's left edge
	row  int
}

// yScale returns the value axis: from lo to hi (both multiples of step,
// zero included) in about five steps.
func yScale(c report.SeriesChart) (lo, hi, step float64) {
	for _, s := range c.Series {
		for _, v := range s.Values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if hi <= lo {
		hi = lo + 1
	}
	step = niceStep((hi - lo) / 5)
	lo = math.Floor(lo/step+1e-9) * step
	hi = math.Ceil(hi/step-1e-9) * step
	return lo, hi, step
}

func niceStep(raw float64) float64 {
	if raw <= 0 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if raw <= m*mag*(1+1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// Tick formats a value-axis label: money in the currency's short form
// ("USD 600k", "USD 1.5M"), percentages ("25%"), hours ("40 h"), days
// ("12 d"), plain numbers otherwise, with as many decimals as step needs.
func Tick(v float64, unit, currency string, step float64) string {
	if v == 0 {
		v = 0 // no "-0"
	}
	dec := 0
	for s := step; dec < 3 && math.Abs(s-math.Round(s)) > 1e-9; s *= 10 {
		dec++
	}
	num := func(x float64, d int) string { return trimZero(fmt.Sprintf("%.*f", d, x)) }
	switch unit {
	case "money":
		a := math.Abs(v)
		cur := strings.TrimSpace(currency + " ")
		if cur != "" {
			cur += " "
		}
		switch {
		case v == 0:
			return cur + "0"
		case a >= 1e6 || step >= 1e6:
			return cur + num(v/1e6, 2) + "M"
		case a >= 1e3 || step >= 1e3:
			return cur + num(v/1e3, 1) + "k"
		}
		return cur + num(v, dec)
	case "percent":
		return num(v, dec) + "%"
	case "hours":
		return num(v, dec) + " h"
	case "days":
		return num(v, dec) + " d"
	}
	return num(v, dec)
}

func trimZero(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// capHeight returns the height of a capital letter in face, in pixels.
func capHeight(face font.Face) float64 {
	b, _, ok := face.GlyphBounds('H')
	if !ok {
		return float64(face.Metrics().Ascent) / 64 * 0.7
	}
	return float64(-b.Min.Y) / 64
}

func toFloat(v interface{}) float64 {
	if f, ok := v.(float64); ok {
		return f
	}
	return math.NaN()
}

func categoryAt(cats []string, v interface{}) string {
	k := int(math.Round(toFloat(v)))
	if k < 0 || k >= len(cats) {
		return ""
	}
	return cats[k]
}

func rect(r gochart.Renderer, x0, y0, x1, y1 float64) {
	r.MoveTo(int(math.Round(x0)), int(math.Round(y0)))
	r.LineTo(int(math.Round(x1)), int(math.Round(y0)))
	r.LineTo(int(math.Round(x1)), int(math.Round(y1)))
	r.LineTo(int(math.Round(x0)), int(math.Round(y1)))
	r.Close()
}

// barSeries draws one series as columns in its slot of each category.
type barSeries struct {
	name        string
	values      []float64
	slot, slots int
	fill        drawing.Color
	stroke      drawing.Color
	strokeW     float64
}

func (b *barSeries) GetName() string             { return b.name }
func (b *barSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisSecondary }
func (b *barSeries) GetStyle() gochart.Style     { return gochart.Style{FillColor: b.fill} }
func (b *barSeries) Validate() error             { return nil }
func (b *barSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	slotW := float64(box.Width()) / (xr.GetMax() - xr.GetMin())
	bw := slotW * 0.7 / float64(b.slots)
	yOf := func(v float64) float64 { return float64(box.Bottom - yr.Translate(v)) }
	for k, v := range b.values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		x := float64(box.Left) + float64(xr.Translate(float64(k))) - slotW*0.35 + float64(b.slot)*bw
		ya, yb := yOf(math.Max(v, 0)), yOf(math.Min(v, 0))
		r.SetFillColor(b.fill)
		r.SetStrokeDashArray(nil)
		rect(r, x, ya, x+bw, yb)
		if b.strokeW > 0 {
			r.SetStrokeColor(b.stroke)
			r.SetStrokeWidth(b.strokeW)
			r.FillStroke()
		} else {
			r.Fill()
		}
	}
}

// lineSeries draws one series as a line with a dot at each value; a
// missing value breaks the line.
type lineSeries struct {
	name   string
	values []float64
	color  drawing.Color
	width  float64
	dash   []float64
	dot    float64
}

func (l *lineSeries) GetName() string             { return l.name }
func (l *lineSeries) GetYAxis() gochart.YAxisType { return gochart.YAxisSecondary }
func (l *lineSeries) GetStyle() gochart.Style     { return gochart.Style{StrokeColor: l.color} }
func (l *lineSeries) Validate() error             { return nil }
func (l *lineSeries) Render(r gochart.Renderer, box gochart.Box, xr, yr gochart.Range, _ gochart.Style) {
	type pt struct{ x, y int }
	var run []pt
	flush := func() {
		if len(run) > 1 {
			r.SetStrokeColor(l.color)
			r.SetStrokeWidth(l.width)
			r.SetStrokeDashArray(l.dash)
			r.MoveTo(run[0].x, run[0].y)
			for _, p := range run[1:] {
				r.LineTo(p.x, p.y)
			}
			r.Stroke()
			r.SetStrokeDashArray(nil)
		}
		for _, p := range run {
			r.SetFillColor(l.color)
			r.Circle(l.dot, p.x, p.y)
			r.Fill()
		}
		run = run[:0]
	}
	for k, v := range l.values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			flush()
			continue
		}
		run = append(run, pt{box.Left + xr.Translate(float64(k)), box.Bottom - yr.Translate(v)})
	}
	flush()
}
