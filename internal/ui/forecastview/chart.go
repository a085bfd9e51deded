package forecastview

import (
	"image/color"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
	"steerco/internal/ui/distchart"
)

// Geometry of the distribution chart, in Fyne units.
const (
	chartAxis   = 44 // room for the percentage labels
	chartLabels = 22 // room for the date labels
	chartTop    = 34 // room for two rows of marker labels
)

// distView draws a distchart.Model: histogram bars, the S-curve, the P50
// and P85 lines, the target line and the axes. It lays the model out again
// at every size, so it is always drawn at the widget's size.
type distView struct {
	widget.BaseWidget
	in    distchart.Input
	empty string
	late  bool // P85 after the target: the target line is drawn in the error colour
}

func newDistView() *distView {
	v := &distView{}
	v.ExtendBaseWidget(v)
	return v
}

// set shows points (one per working day) with their P50, P85 and target;
// empty is the sentence shown when there are no points.
func (v *distView) set(points []distchart.Point, p50, p85, target plan.Date, empty string) {
	v.in = distchart.Input{Points: points, P50: p50, P85: p85, Target: target, AxisWidth: chartAxis, LabelHeight: chartLabels}
	v.empty = empty
	v.late = !target.IsZero() && p85 > target
	v.Refresh()
}

func (v *distView) MinSize() fyne.Size { return fyne.NewSize(280, 220) }

func (v *distView) CreateRenderer() fyne.WidgetRenderer {
	return &distRenderer{v: v, empty: canvas.NewText("", color.Black)}
}

type distRenderer struct {
	v       *distView
	bins    []*canvas.Rectangle
	curve   []*canvas.Line
	marks   []*canvas.Line
	texts   []*canvas.Text
	grid    []*canvas.Line
	empty   *canvas.Text
	objects []fyne.CanvasObject
}

func (r *distRenderer) Destroy()                     {}
func (r *distRenderer) MinSize() fyne.Size           { return r.v.MinSize() }
func (r *distRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *distRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

// grow returns a pool slice with at least n elements, made by mk.
func grow[T any](pool []T, n int, mk func() T) []T {
	for len(pool) < n {
		pool = append(pool, mk())
	}
	return pool[:n]
}

func (r *distRenderer) Layout(size fyne.Size) {
	in := r.v.in
	in.Width, in.Height = size.Width, size.Height-chartTop
	m := distchart.Layout(in)
	for i := range m.Curve {
		m.Curve[i].Y += chartTop
	}
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNameDisabled)
	caption := theme.CaptionTextSize()
	newLine := func() *canvas.Line { return canvas.NewLine(color.Transparent) }
	newText := func() *canvas.Text { return canvas.NewText("", fg) }
	var texts []*canvas.Text
	r.texts = grow(r.texts, len(m.PTicks)+len(m.DateTicks)+4, newText)
	ti := 0
	text := func(s string, c color.Color, x, y float32, align fyne.TextAlign, bold bool) {
		t := r.texts[ti]
		ti++
		t.Text, t.Color, t.TextSize, t.TextStyle = s, c, caption, fyne.TextStyle{Bold: bold}
		w := t.MinSize().Width
		switch align {
		case fyne.TextAlignTrailing:
			x -= w
		case fyne.TextAlignCenter:
			x -= w / 2
		}
		x = max(0, min(x, size.Width-w))
		t.Move(fyne.NewPos(x, y))
		t.Refresh()
		texts = append(texts, t)
	}
	// Grid lines and percentage labels.
	r.grid = grow(r.grid, len(m.PTicks)+1, newLine)
	for i, tk := range m.PTicks {
		g := r.grid[i]
		g.StrokeColor, g.StrokeWidth = theme.Color(theme.ColorNameSeparator), 1
		y := tk.Pos + chartTop
		g.Position1, g.Position2 = fyne.NewPos(m.Plot.X, y), fyne.NewPos(m.Plot.X+m.Plot.W, y)
		g.Refresh()
		text(tk.Label, muted, m.Plot.X-4, y-caption*0.7, fyne.TextAlignTrailing, false)
	}
	axis := r.grid[len(m.PTicks)]
	axis.StrokeColor, axis.StrokeWidth = muted, 1
	axis.Position1, axis.Position2 = fyne.NewPos(m.Plot.X, chartTop), fyne.NewPos(m.Plot.X, chartTop+m.Plot.H)
	axis.Refresh()
	for _, tk := range m.DateTicks {
		text(tk.Label, muted, tk.Pos, chartTop+m.Plot.H+3, fyne.TextAlignCenter, false)
	}
	// Histogram.
	barFill := withAlpha(theme.Color(theme.ColorNamePrimary), 0x60)
	r.bins = grow(r.bins, len(m.Bins), func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) })
	for i, b := range m.Bins {
		rc := r.bins[i]
		rc.FillColor = barFill
		rc.Move(fyne.NewPos(b.X+0.5, b.Y+chartTop))
		rc.Resize(fyne.NewSize(max(b.W-1, 1), b.H))
		rc.Refresh()
	}
	// S-curve.
	n := max(len(m.Curve)-1, 0)
	if len(m.Curve) == 1 {
		n = 1
	}
	r.curve = grow(r.curve, n, newLine)
	for i, l := range r.curve {
		a, b := m.Curve[min(i, len(m.Curve)-1)], m.Curve[min(i+1, len(m.Curve)-1)]
		if len(m.Curve) == 1 { // one day: a short flat step
			a.X, b.X = a.X-3, a.X+3
		}
		l.StrokeColor, l.StrokeWidth = fg, 2
		l.Position1, l.Position2 = fyne.NewPos(a.X, a.Y), fyne.NewPos(b.X, b.Y)
		l.Refresh()
	}
	// Markers: P50, P85, target, each with its colour.
	type mark struct {
		distchart.Marker
		c color.Color
	}
	var marks []mark
	if len(m.Curve) > 0 {
		cs := []color.Color{theme.Color(theme.ColorNamePrimary), theme.Color(theme.ColorNameWarning)}
		for i, mk := range m.Markers {
			marks = append(marks, mark{mk, cs[min(i, 1)]})
		}
		if m.Target != nil {
			c := theme.Color(theme.ColorNameSuccess)
			if r.v.late {
				c = theme.Color(theme.ColorNameError)
			}
			marks = append(marks, mark{*m.Target, c})
		}
	}
	sort.SliceStable(marks, func(i, j int) bool { return marks[i].X < marks[j].X })
	r.marks = grow(r.marks, len(marks), newLine)
	rowEnd := []float32{-1e9, -1e9} // right end of the last label in each row
	for i, mk := range marks {
		l := r.marks[i]
		l.StrokeColor, l.StrokeWidth = mk.c, 2
		l.Position1, l.Position2 = fyne.NewPos(mk.X, chartTop-2), fyne.NewPos(mk.X, chartTop+m.Plot.H)
		l.Refresh()
		label := mk.Label + " " + mk.Date.Time().Format("2 Jan")
		switch mk.Side {
		case -1:
			label = "◀ " + label
		case 1:
			label += " ▶"
		}
		// Two rows of labels: a label goes in the first row where it does
		// not overlap the one before it.
		w := measure(label, caption)
		x := max(0, min(mk.X-w/2, size.Width-w))
		row := 0
		if x < rowEnd[0]+6 {
			row = 1
		}
		rowEnd[row] = x + w
		text(label, mk.c, x, float32(row)*(caption+4), fyne.TextAlignLeading, true)
	}
	r.empty.Text, r.empty.Color, r.empty.TextSize = r.v.empty, muted, theme.TextSize()
	r.empty.Move(fyne.NewPos(m.Plot.X+8, chartTop+m.Plot.H/2-theme.TextSize()))
	r.empty.Refresh()
	// Objects, back to front.
	objs := make([]fyne.CanvasObject, 0, len(r.grid)+len(r.bins)+len(r.curve)+len(r.marks)+len(texts)+1)
	for _, g := range r.grid {
		objs = append(objs, g)
	}
	for _, b := range r.bins {
		objs = append(objs, b)
	}
	for _, l := range r.curve {
		objs = append(objs, l)
	}
	for _, l := range r.marks {
		objs = append(objs, l)
	}
	for _, t := range texts {
		objs = append(objs, t)
	}
	if len(m.Curve) == 0 {
		objs = append(objs, r.empty)
	}
	r.objects = objs
}

func withAlpha(c color.Color, a uint8) color.Color {
	cr, cg, cb, _ := c.RGBA()
	return color.NRGBA{R: uint8(cr >> 8), G: uint8(cg >> 8), B: uint8(cb >> 8), A: a}
}

// barsView draws one horizontal bar made of segments (fractions of the
// width available after the value text), with the text after the bar: a
// risk driver's days, or an item's wait split into dependency and capacity.
type barsView struct {
	widget.BaseWidget
	fracs   []float32
	colours []color.Color
	labels  []string // written inside each segment when it fits
	text    string
	textW   float32 // width reserved for the text
}

func newBarsView(textWidth float32) *barsView {
	b := &barsView{textW: textWidth}
	b.ExtendBaseWidget(b)
	return b
}

func (b *barsView) set(fracs []float32, colours []color.Color, labels []string, text string) {
	b.fracs, b.colours, b.labels, b.text = fracs, colours, labels, text
	b.Refresh()
}

func (b *barsView) MinSize() fyne.Size { return fyne.NewSize(b.textW+80, 22) }

func (b *barsView) CreateRenderer() fyne.WidgetRenderer {
	return &barsRenderer{b: b, text: canvas.NewText("", color.Black)}
}

type barsRenderer struct {
	b       *barsView
	rects   []*canvas.Rectangle
	inner   []*canvas.Text
	text    *canvas.Text
	objects []fyne.CanvasObject
}

func (r *barsRenderer) Destroy()                     {}
func (r *barsRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *barsRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *barsRenderer) Refresh() {
	r.Layout(r.b.Size())
	canvas.Refresh(r.b)
}

func (r *barsRenderer) Layout(size fyne.Size) {
	avail := max(size.Width-r.b.textW-6, 10)
	r.rects = grow(r.rects, len(r.b.fracs), func() *canvas.Rectangle { return canvas.NewRectangle(color.Transparent) })
	r.inner = grow(r.inner, len(r.b.fracs), func() *canvas.Text { return canvas.NewText("", color.White) })
	x := float32(0)
	h := size.Height * 0.7
	objs := make([]fyne.CanvasObject, 0, 2*len(r.rects)+1)
	for i, rc := range r.rects {
		w := r.b.fracs[i] * avail
		fill := r.b.colours[min(i, len(r.b.colours)-1)]
		rc.FillColor = fill
		rc.Move(fyne.NewPos(x, (size.Height-h)/2))
		rc.Resize(fyne.NewSize(w, h))
		rc.Refresh()
		objs = append(objs, rc)
		if i < len(r.b.labels) && r.b.labels[i] != "" {
			t := r.inner[i]
			t.Text, t.TextSize, t.Color = r.b.labels[i], theme.CaptionTextSize(), inkOn(fill)
			if tw := t.MinSize().Width; tw+8 <= w {
				t.Move(fyne.NewPos(x+4, (size.Height-t.MinSize().Height)/2))
				t.Refresh()
				objs = append(objs, t)
			}
		}
		x += w
	}
	r.text.Text, r.text.Color, r.text.TextSize = r.b.text, theme.Color(theme.ColorNameForeground), theme.CaptionTextSize()
	r.text.Move(fyne.NewPos(x+6, (size.Height-r.text.MinSize().Height)/2))
	r.text.Refresh()
	r.objects = append(objs, r.text)
}

// measure is the width of s in bold at size.
func measure(s string, size float32) float32 {
	w, _ := fyne.CurrentApp().Driver().RenderedTextSize(s, size, fyne.TextStyle{Bold: true}, nil)
	return w.Width
}

// inkOn returns black or white, whichever reads better on c (c is drawn
// over the background, so a translucent c counts as mixed with it).
func inkOn(c color.Color) color.Color {
	bg := theme.Color(theme.ColorNameBackground)
	cr, cg, cb, ca := c.RGBA()
	br, bgg, bb, _ := bg.RGBA()
	a := float64(ca) / 0xffff
	r := float64(cr)/0xffff + float64(br)/0xffff*(1-a)
	g := float64(cg)/0xffff + float64(bgg)/0xffff*(1-a)
	b := float64(cb)/0xffff + float64(bb)/0xffff*(1-a)
	if 0.299*r+0.587*g+0.114*b > 0.6 {
		return color.Black
	}
	return color.White
}
