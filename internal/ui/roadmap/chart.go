package roadmap

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
	"steerco/internal/figure"
)

// Geometry of the timeline, in Fyne units.
const (
	labelWidth = 250 // item titles on the left
	rowHeight  = 30
	axisHeight = 40
	plotPad    = 8
	barHeight  = 14
	leadHeight = 4
)

// timelineView draws a Timeline: a fixed month axis above a virtualised
// list of rows (only visible rows exist), so 2,000 items scroll smoothly.
type timelineView struct {
	tl       *Timeline
	measure  *measurer
	selected string
	onSelect func(id string)
	axis     *axis
	list     *widget.List
	empty    *widget.Label
	legend   *widget.Label
	root     fyne.CanvasObject
}

func newTimelineView(onSelect func(id string)) *timelineView {
	v := &timelineView{tl: &Timeline{TodayX: -1}, onSelect: onSelect, measure: newMeasurer(fyne.TextStyle{})}
	v.axis = newAxis(v)
	v.list = widget.NewList(func() int { return len(v.tl.Lines) }, func() fyne.CanvasObject { return newLineWidget(v) },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*lineWidget).set(i) })
	v.list.OnSelected = func(i widget.ListItemID) { v.rowSelected(i) }
	v.empty = widget.NewLabel("")
	v.empty.Wrapping = fyne.TextWrapWord
	v.legend = widget.NewLabel("Bar: finish from P50 to P85 (thin lead-in from the P50 start) · colour and words: chance of meeting the target " +
		"(green ≥ 80%, amber ≥ 50%, red below) · ◆ target, red when P85 is later · vertical line: today · dashed line: a milestone's target date · ← the dependency that drives the slip")
	v.legend.Wrapping = fyne.TextWrapWord
	v.legend.SizeName = theme.SizeNameCaptionText
	chart := container.NewBorder(v.axis, v.legend, nil, nil, v.list)
	v.root = container.NewStack(chart, container.NewVBox(v.empty))
	return v
}

func (v *timelineView) Object() fyne.CanvasObject { return v.root }

// show displays tl, highlighting the selected item; emptyText explains an empty chart.
func (v *timelineView) show(tl *Timeline, selected, emptyText string) {
	v.tl = tl
	v.selected = selected
	if len(tl.Lines) == 0 {
		v.empty.SetText(emptyText)
		v.empty.Show()
	} else {
		v.empty.Hide()
	}
	v.axis.Refresh()
	v.list.Refresh()
}

// markSelected highlights the item's row. The timeline draws its own
// highlight and never scrolls by itself: a List's Select scrolls, and while
// the tab is hidden or still being laid out that lands the view elsewhere.
func (v *timelineView) markSelected(id string) {
	if id != v.selected {
		v.selected = id
		v.list.Refresh()
	}
}

func (v *timelineView) rowSelected(i int) {
	v.list.UnselectAll() // the row's own band shows the selection
	if i < 0 || i >= len(v.tl.Lines) {
		return
	}
	if id := v.tl.Lines[i].ItemID; id != "" {
		v.markSelected(id)
		v.onSelect(id)
	}
}

// plotArea returns where the plot starts and how wide it is in a row of width w.
func plotArea(w float32) (x0, pw float32) {
	lw := min(float32(labelWidth), w*0.35)
	x0 = lw + plotPad
	return x0, max(1, w-x0-plotPad)
}

func probColour(r figure.RAG) color.Color {
	switch r {
	case figure.Green:
		return theme.Color(theme.ColorNameSuccess)
	case figure.Amber:
		return theme.Color(theme.ColorNameWarning)
	case figure.Red:
		return theme.Color(theme.ColorNameError)
	}
	return theme.Color(theme.ColorNameDisabled)
}

func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: a}
}

// ---- one row ----

type lineWidget struct {
	widget.BaseWidget
	v *timelineView
	i int
}

func newLineWidget(v *timelineView) *lineWidget {
	w := &lineWidget{v: v, i: -1}
	w.ExtendBaseWidget(w)
	return w
}

func (w *lineWidget) set(i int) {
	w.i = i
	w.Refresh()
}

func (w *lineWidget) MinSize() fyne.Size { return fyne.NewSize(400, rowHeight) }

func (w *lineWidget) CreateRenderer() fyne.WidgetRenderer {
	r := &lineRenderer{w: w,
		band:   canvas.NewRectangle(color.Transparent),
		title:  canvas.NewText("", color.Black),
		lead:   canvas.NewRectangle(color.Transparent),
		bar:    canvas.NewRectangle(color.Transparent),
		target: &canvas.Polygon{Sides: 4},
		today:  canvas.NewLine(color.Transparent),
		status: canvas.NewText("", color.Black),
	}
	r.bar.CornerRadius = 3
	r.today.StrokeWidth = 2
	return r
}

type lineRenderer struct {
	w                 *lineWidget
	band              *canvas.Rectangle
	grid              []*canvas.Line // month gridlines, grown as needed
	dashes            []*canvas.Line // dashes of the milestone guides, grown as needed
	title             *canvas.Text
	lead, bar         *canvas.Rectangle
	target            *canvas.Polygon
	today             *canvas.Line
	status            *canvas.Text
	objects           []fyne.CanvasObject
	lastGrid, lastObj int
}

func (r *lineRenderer) Destroy() {}

func (r *lineRenderer) MinSize() fyne.Size { return r.w.MinSize() }

func (r *lineRenderer) Objects() []fyne.CanvasObject {
	if r.objects == nil || len(r.grid)+len(r.dashes) != r.lastGrid {
		r.objects = []fyne.CanvasObject{r.band}
		for _, g := range r.grid {
			r.objects = append(r.objects, g)
		}
		for _, g := range r.dashes {
			r.objects = append(r.objects, g)
		}
		r.objects = append(r.objects, r.today, r.lead, r.bar, r.target, r.title, r.status)
		r.lastGrid = len(r.grid) + len(r.dashes)
	}
	return r.objects
}

func (r *lineRenderer) Refresh() {
	r.Layout(r.w.Size())
	canvas.Refresh(r.w)
}

func (r *lineRenderer) Layout(size fyne.Size) {
	tl := r.w.v.tl
	i := r.w.i
	hide := func(objs ...fyne.CanvasObject) {
		for _, o := range objs {
			o.Hide()
		}
	}
	if i < 0 || i >= len(tl.Lines) {
		hide(r.band, r.title, r.lead, r.bar, r.target, r.today, r.status)
		for _, g := range r.grid {
			g.Hide()
		}
		r.layoutGuides(nil, size, 0, 0)
		return
	}
	l := &tl.Lines[i]
	x0, pw := plotArea(size.Width)
	px := func(f float64) float32 { return x0 + float32(f)*pw }
	fg := theme.Color(theme.ColorNameForeground)
	textSize := theme.TextSize()
	midY := size.Height / 2

	// Month gridlines.
	for len(r.grid) < len(tl.Months) {
		r.grid = append(r.grid, canvas.NewLine(color.Transparent))
	}
	gridColour := theme.Color(theme.ColorNameSeparator)
	for k, g := range r.grid {
		if k >= len(tl.Months) {
			g.Hide()
			continue
		}
		x := px(tl.Months[k].X)
		g.StrokeColor = gridColour
		g.StrokeWidth = 1
		g.Position1, g.Position2 = fyne.NewPos(x, 0), fyne.NewPos(x, size.Height)
		g.Show()
		g.Refresh()
	}
	if tl.TodayX >= 0 {
		x := px(tl.TodayX)
		r.today.StrokeColor = theme.Color(theme.ColorNamePrimary)
		r.today.Position1, r.today.Position2 = fyne.NewPos(x, 0), fyne.NewPos(x, size.Height)
		r.today.Show()
		r.today.Refresh()
	} else {
		r.today.Hide()
	}

	r.title.TextSize = textSize
	r.title.Color = fg
	if l.Heading != "" {
		r.band.FillColor = theme.Color(theme.ColorNameHeaderBackground)
		r.band.Resize(size)
		r.band.Move(fyne.NewPos(0, 0))
		r.band.Show()
		r.band.Refresh()
		r.title.Text = bidi.Shaped(l.Heading)
		r.title.TextStyle = fyne.TextStyle{Bold: true}
		r.title.Move(fyne.NewPos(plotPad, midY-r.title.MinSize().Height/2))
		r.title.Refresh()
		r.title.Show()
		hide(r.lead, r.bar, r.target, r.status)
		r.layoutGuides(nil, size, x0, pw)
		return
	}
	if l.MilestoneID != "" {
		r.layoutGuides(nil, size, x0, pw)
	} else {
		r.layoutGuides(tl.Guides, size, x0, pw)
	}
	if l.ItemID == r.w.v.selected {
		r.band.FillColor = theme.Color(theme.ColorNameSelection)
		r.band.Resize(size)
		r.band.Move(fyne.NewPos(0, 0))
		r.band.Show()
		r.band.Refresh()
	} else {
		r.band.Hide()
	}
	r.title.TextStyle = fyne.TextStyle{}
	// The title isolated (bidi.Isolate), so the line stays left to right
	// around a Hebrew one and a cut one ends in "…" on its own side.
	label := l.ItemID + "  " + bidi.Isolate(l.Label)
	if l.MilestoneID != "" {
		label = "◆ " + bidi.Isolate(l.Label)
	}
	r.title.Text = bidi.Shaped(r.w.v.measure.fit(label, x0-2*plotPad, textSize))
	r.title.Move(fyne.NewPos(plotPad, midY-r.title.MinSize().Height/2))
	r.title.Refresh()
	r.title.Show()

	c := probColour(l.RAG)
	ls, end := px(max(0, l.XTarget)), px(max(0, l.XTarget))
	if l.X50 >= 0 { // a done milestone has no bar
		// Lead-in: from the P50 start to the P50 finish.
		var le float32
		ls, le = px(l.XStart), px(l.X50)
		r.lead.FillColor = withAlpha(c, 0x90)
		r.lead.Move(fyne.NewPos(ls, midY-leadHeight/2))
		r.lead.Resize(fyne.NewSize(max(0, le-ls), leadHeight))
		r.lead.Show()
		r.lead.Refresh()
		// Bar: P50 to P85 finish.
		bs, be := px(l.X50), px(l.X85)
		if be-bs < 4 {
			be = bs + 4
		}
		r.bar.FillColor = c
		r.bar.Move(fyne.NewPos(bs, midY-barHeight/2))
		r.bar.Resize(fyne.NewSize(be-bs, barHeight))
		r.bar.Show()
		r.bar.Refresh()
		end = be
	} else {
		hide(r.lead, r.bar)
	}
	// Target diamond.
	if l.XTarget >= 0 {
		d := float32(12)
		tx := px(l.XTarget)
		if l.Late {
			r.target.FillColor = theme.Color(theme.ColorNameError)
		} else {
			r.target.FillColor = fg
		}
		r.target.StrokeColor = theme.Color(theme.ColorNameBackground)
		r.target.StrokeWidth = 1
		r.target.Move(fyne.NewPos(tx-d/2, midY-d/2))
		r.target.Resize(fyne.NewSize(d, d))
		r.target.Show()
		r.target.Refresh()
		end = max(end, tx+d/2)
	} else {
		r.target.Hide()
	}
	// Words: probability and status, and what drives the slip.
	txt := l.Status
	if l.Driver != "" {
		txt += "  ← waits for " + l.DriverID
	}
	r.status.Text = bidi.Shaped(txt)
	r.status.TextSize = theme.CaptionTextSize()
	r.status.Color = fg
	sw := r.status.MinSize().Width
	sx := end + 6
	if sx+sw > size.Width-plotPad && ls-6-sw > x0 {
		sx = ls - 6 - sw // no room on the right: put the words before the bar
	}
	r.status.Move(fyne.NewPos(sx, midY-r.status.MinSize().Height/2))
	r.status.Show()
	r.status.Refresh()
}

// layoutGuides draws each guide as a dashed vertical line over the row
// (Fyne lines have no dash pattern: the dashes are short lines).
func (r *lineRenderer) layoutGuides(guides []Guide, size fyne.Size, x0, pw float32) {
	const dash, gap = 3, 3
	per := int(math.Ceil(float64(size.Height) / (dash + gap)))
	for len(r.dashes) < len(guides)*per {
		r.dashes = append(r.dashes, canvas.NewLine(color.Transparent))
	}
	k := 0
	for _, g := range guides {
		x := x0 + float32(g.X)*pw
		c := withAlpha(probColour(g.RAG), 0xB0)
		for j := 0; j < per; j++ {
			y := float32(j) * (dash + gap)
			ln := r.dashes[k]
			k++
			ln.StrokeColor, ln.StrokeWidth = c, 1
			ln.Position1, ln.Position2 = fyne.NewPos(x, y), fyne.NewPos(x, min(y+dash, size.Height))
			ln.Show()
			ln.Refresh()
		}
	}
	for ; k < len(r.dashes); k++ {
		r.dashes[k].Hide()
	}
}

// measurer shortens text to a width with an ellipsis, from cached widths
// of single characters (kerning ignored, so it keeps a small margin). It is
// much cheaper than shaping each candidate string, which matters when 2,000
// rows scroll past.
type measurer struct {
	size  float32
	style fyne.TextStyle
	w     map[rune]float32
}

func newMeasurer(style fyne.TextStyle) *measurer { return &measurer{style: style} }

func (m *measurer) width(r rune) float32 {
	if w, ok := m.w[r]; ok {
		return w
	}
	w := fyne.MeasureText(string(r), m.size, m.style).Width
	m.w[r] = w
	return w
}

// fit returns s, or its longest prefix followed by "…" that fits width w at text size size.
func (m *measurer) fit(s string, w, size float32) string {
	if m.w == nil || size != m.size {
		m.w, m.size = map[rune]float32{}, size
	}
	const margin = 2
	total := float32(0)
	for _, r := range s {
		total += m.width(r)
	}
	if total <= w-margin {
		return s
	}
	limit := w - margin - m.width('…')
	total = 0
	for i, r := range s {
		total += m.width(r)
		if total > limit {
			return s[:i] + "…"
		}
	}
	return s
}

// ---- the month axis ----

type axis struct {
	widget.BaseWidget
	v *timelineView
}

func newAxis(v *timelineView) *axis {
	a := &axis{v: v}
	a.ExtendBaseWidget(a)
	return a
}

func (a *axis) MinSize() fyne.Size { return fyne.NewSize(400, axisHeight) }

func (a *axis) CreateRenderer() fyne.WidgetRenderer {
	return &axisRenderer{a: a, today: canvas.NewText("today", color.Black), caption: canvas.NewText("", color.Black)}
}

type axisRenderer struct {
	a       *axis
	ticks   []*canvas.Line
	labels  []*canvas.Text
	today   *canvas.Text
	caption *canvas.Text
	objects []fyne.CanvasObject
}

func (r *axisRenderer) Destroy()                     {}
func (r *axisRenderer) MinSize() fyne.Size           { return r.a.MinSize() }
func (r *axisRenderer) Refresh()                     { r.Layout(r.a.Size()); canvas.Refresh(r.a) }
func (r *axisRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *axisRenderer) Layout(size fyne.Size) {
	tl := r.a.v.tl
	for len(r.ticks) < len(tl.Months) {
		r.ticks = append(r.ticks, canvas.NewLine(color.Transparent))
		r.labels = append(r.labels, canvas.NewText("", color.Black))
	}
	x0, pw := plotArea(size.Width)
	fg := theme.Color(theme.ColorNameForeground)
	ts := theme.CaptionTextSize()
	lineY := size.Height / 2
	last := float32(-1e9)
	for k := range r.ticks {
		t, l := r.ticks[k], r.labels[k]
		if k >= len(tl.Months) || len(tl.Lines) == 0 {
			t.Hide()
			l.Hide()
			continue
		}
		m := tl.Months[k]
		x := x0 + float32(m.X)*pw
		t.StrokeColor = theme.Color(theme.ColorNameSeparator)
		t.StrokeWidth = 1
		t.Position1, t.Position2 = fyne.NewPos(x, lineY-2), fyne.NewPos(x, size.Height)
		t.Show()
		t.Refresh()
		// Labels: the month, with the year in January and on the first tick; skip when crowded.
		text := m.Label[:3]
		if k == 0 || m.Month.Month() == 1 {
			text = m.Label
		}
		l.Text, l.TextSize, l.Color = text, ts, fg
		w := l.MinSize().Width
		if x+2 < last || x+2+w > size.Width {
			l.Hide()
			continue
		}
		l.Move(fyne.NewPos(x+2, lineY-l.MinSize().Height))
		l.Show()
		l.Refresh()
		last = x + 2 + w + 6
	}
	r.caption.Text, r.caption.TextSize, r.caption.Color = "", ts, fg
	if len(tl.Lines) > 0 {
		r.caption.Text = "Team / item"
		r.caption.TextStyle = fyne.TextStyle{Bold: true}
	}
	r.caption.Move(fyne.NewPos(plotPad, lineY-r.caption.MinSize().Height))
	r.caption.Refresh()
	if tl.TodayX >= 0 && len(tl.Lines) > 0 {
		x := x0 + float32(tl.TodayX)*pw
		r.today.Color, r.today.TextSize = theme.Color(theme.ColorNamePrimary), ts
		r.today.TextStyle = fyne.TextStyle{Bold: true}
		w := r.today.MinSize().Width
		r.today.Move(fyne.NewPos(float32(math.Max(float64(x0), float64(x-w/2))), lineY+1))
		r.today.Show()
		r.today.Refresh()
	} else {
		r.today.Hide()
	}
	r.objects = r.objects[:0]
	for k := range r.ticks {
		r.objects = append(r.objects, r.ticks[k], r.labels[k])
	}
	r.objects = append(r.objects, r.caption, r.today)
}
