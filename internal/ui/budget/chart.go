package budget

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
	"steerco/internal/ui/barchart"
)

// chart draws a barchart.Model with Fyne canvas objects: grid lines with
// value labels, bars, month labels and a legend. Plan bars are neutral,
// actuals solid, forecast bars outlined (open months).
type chart struct {
	widget.BaseWidget
	title  string
	labels []string
	series []barchart.Series
}

func newChart() *chart {
	c := &chart{}
	c.ExtendBaseWidget(c)
	return c
}

// set replaces the data and redraws; the title is drawn through
// bidi.Shaped (a name in it should be bidi.Isolate'd).
func (c *chart) set(title string, labels []string, series []barchart.Series) {
	c.title, c.labels, c.series = title, labels, series
	c.Refresh()
}

func (c *chart) MinSize() fyne.Size { return fyne.NewSize(420, 200) }

func (c *chart) CreateRenderer() fyne.WidgetRenderer { return &chartRenderer{c: c} }

type chartRenderer struct {
	c       *chart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *chartRenderer) Destroy()                     {}
func (r *chartRenderer) MinSize() fyne.Size           { return r.c.MinSize() }
func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *chartRenderer) Refresh()                     { r.build(r.size); canvas.Refresh(r.c) }
func (r *chartRenderer) Layout(s fyne.Size)           { r.size = s; r.build(s) }

// seriesStyle gives the fill and stroke of series i (0 plan, 1 actual, 2 forecast).
func seriesStyle(i int) (fill, stroke color.Color) {
	primary := theme.Color(theme.ColorNamePrimary)
	switch i {
	case 0:
		return withAlpha(theme.Color(theme.ColorNameForeground), 0x50), nil
	case 1:
		return primary, nil
	}
	return withAlpha(primary, 0x55), primary
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

func (r *chartRenderer) build(s fyne.Size) {
	r.objects = r.objects[:0]
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	muted := withAlpha(fg, 0xa0)
	small := theme.CaptionTextSize()
	pad := theme.Padding()

	title := canvas.NewText(r.c.title, fg)
	title.TextStyle.Bold = true
	title.Move(fyne.NewPos(0, 0))
	r.objects = append(r.objects, title)
	// Legend, right-aligned on the title line; the title gives way with an ellipsis.
	x := s.Width
	names := []string{"Forecast (open months)", "Actual", "Plan"}
	for k, name := range names {
		i := 2 - k
		t := canvas.NewText(name, muted)
		t.TextSize = small
		w := t.MinSize().Width
		x -= w
		t.Move(fyne.NewPos(x, 2))
		fill, stroke := seriesStyle(i)
		sw := canvas.NewRectangle(fill)
		if stroke != nil {
			sw.StrokeColor, sw.StrokeWidth = stroke, 1
		}
		x -= small + pad/2
		sw.Move(fyne.NewPos(x, 4))
		sw.Resize(fyne.NewSize(small, small))
		x -= pad * 3
		r.objects = append(r.objects, sw, t)
	}
	title.Text = bidi.Shaped(fitText(r.c.title, x-pad, title.TextSize, title.TextStyle))
	top := title.MinSize().Height + pad + small/2

	m := barchart.Layout(barchart.Input{
		Labels: r.c.labels, Series: r.c.series,
		Width: s.Width, Height: s.Height - top,
		AxisWidth: 48, LabelHeight: small + 2*pad, MaxTicks: 5,
	})
	for _, t := range m.Ticks {
		l := canvas.NewLine(withAlpha(fg, 0x30))
		if t.Value == 0 {
			l.StrokeColor = withAlpha(fg, 0x90)
		}
		l.StrokeWidth = 1
		l.Position1 = fyne.NewPos(m.Plot.X, top+t.Y)
		l.Position2 = fyne.NewPos(m.Plot.X+m.Plot.W, top+t.Y)
		txt := canvas.NewText(t.Label, muted)
		txt.TextSize = small
		txt.Alignment = fyne.TextAlignTrailing
		ts := txt.MinSize()
		txt.Move(fyne.NewPos(m.Plot.X-pad-ts.Width, top+t.Y-ts.Height/2))
		txt.Resize(ts)
		r.objects = append(r.objects, l, txt)
	}
	for _, b := range m.Bars {
		fill, stroke := seriesStyle(b.Series)
		rect := canvas.NewRectangle(fill)
		if stroke != nil {
			rect.StrokeColor, rect.StrokeWidth = stroke, 1
		}
		rect.Move(fyne.NewPos(b.X, top+b.Y))
		rect.Resize(fyne.NewSize(b.W, b.H))
		r.objects = append(r.objects, rect)
	}
	for _, l := range m.Labels {
		txt := canvas.NewText(l.Text, muted)
		txt.TextSize = small
		ts := txt.MinSize()
		txt.Move(fyne.NewPos(l.X-ts.Width/2, top+m.Plot.Y+m.Plot.H+pad/2))
		r.objects = append(r.objects, txt)
	}
}

// fitText cuts s with an ellipsis so it is at most width wide.
func fitText(s string, width, size float32, style fyne.TextStyle) string {
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := strings.TrimRight(string(r), " ,—") + "…"
		if fyne.MeasureText(t, size, style).Width <= width {
			return t
		}
	}
	return ""
}
