// Package columns fits a table's columns to the width it is given, so the
// columns that matter stay whole without a horizontal scroll bar: stretching
// columns share what is left over or give way down to their minimum, and
// columns of lesser priority are left out, the least important first, when
// even that is too wide. What is left out stays in the detail pane.
package columns

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A Col is one column of a table.
type Col struct {
	Title string
	// Width is the column's natural width; Min is how narrow a stretching
	// column may become (0: Width).
	Width, Min float32
	// Stretch columns share the width left over, and give way first.
	Stretch bool
	// Drop orders the columns that may be left out when the table is too
	// narrow: the highest goes first. 0 is never left out.
	Drop int
}

// Fit lays out one table and sets its column widths at every resize. The
// table's callbacks count and address the columns shown: Len is their
// number, Col maps a shown column to its index in cols.
type Fit struct {
	t     *widget.Table
	cols  []Col
	shown []int
	width []float32
	box   *fitBox
}

// New returns the fitting of t's columns cols; put Object() on screen
// instead of t. Until it is laid out, every column is shown.
func New(t *widget.Table, cols []Col) *Fit {
	f := &Fit{t: t, cols: cols}
	for i := range cols {
		f.shown = append(f.shown, i)
	}
	f.box = &fitBox{f: f}
	f.box.ExtendBaseWidget(f.box)
	return f
}

// Object is the table in its fitting container.
func (f *Fit) Object() fyne.CanvasObject { return f.box }

// Len is the number of columns shown.
func (f *Fit) Len() int { return len(f.shown) }

// Col returns the index in cols of shown column i (-1 for a header column or
// out of range).
func (f *Fit) Col(i int) int {
	if i < 0 || i >= len(f.shown) {
		return -1
	}
	return f.shown[i]
}

// Shown lists the indexes in cols of the columns shown, in order.
func (f *Fit) Shown() []int { return append([]int(nil), f.shown...) }

// Widths returns which of cols are shown and their widths in a table width
// wide (separators between columns count).
func Widths(cols []Col, width float32) (shown []int, widths []float32) {
	sep := theme.SeparatorThicknessSize()
	keep := make([]bool, len(cols))
	for i := range cols {
		keep[i] = true
	}
	for {
		shown, widths = shown[:0], widths[:0]
		var used, natural, least float32
		for i, c := range cols {
			if !keep[i] {
				continue
			}
			shown = append(shown, i)
			natural += c.Width + sep
			least += minOf(c) + sep
		}
		used = natural - sep
		switch {
		case used <= width: // room to spare: the stretching columns share it
			return shown, share(cols, shown, width-used, func(c Col) float32 { return c.Width }, true)
		case least-sep <= width: // the stretching columns give way
			return shown, share(cols, shown, width-(least-sep), minOf, false)
		}
		drop := -1
		for i, c := range cols {
			if keep[i] && c.Drop > 0 && (drop < 0 || c.Drop > cols[drop].Drop) {
				drop = i
			}
		}
		if drop < 0 { // nothing left to leave out
			return shown, share(cols, shown, 0, minOf, false)
		}
		keep[drop] = false
	}
}

func minOf(c Col) float32 {
	if c.Stretch && c.Min > 0 {
		return c.Min
	}
	return c.Width
}

// share sets each shown column to base and gives extra to the stretching
// ones: equally when spare, else in proportion to what each can give.
func share(cols []Col, shown []int, extra float32, base func(Col) float32, spare bool) []float32 {
	out := make([]float32, len(shown))
	var n, give float32
	for j, i := range shown {
		out[j] = base(cols[i])
		if cols[i].Stretch {
			n++
			give += cols[i].Width - minOf(cols[i])
		}
	}
	if n == 0 || extra <= 0 {
		return out
	}
	for j, i := range shown {
		c := cols[i]
		if !c.Stretch {
			continue
		}
		if spare || give == 0 {
			out[j] += float32(int(extra / n))
		} else {
			out[j] += float32(int(extra * (c.Width - minOf(c)) / give))
		}
	}
	return out
}

type fitBox struct {
	widget.BaseWidget
	f *Fit
}

func (b *fitBox) CreateRenderer() fyne.WidgetRenderer {
	return &fitRenderer{b: b}
}

type fitRenderer struct{ b *fitBox }

func (r *fitRenderer) Layout(size fyne.Size) {
	f := r.b.f
	shown, widths := Widths(f.cols, size.Width-theme.Padding()-theme.ScrollBarSize())
	changed := len(shown) != len(f.shown)
	for j := range shown {
		changed = changed || shown[j] != f.shown[j]
	}
	f.shown = shown
	for j, w := range widths {
		if changed || j >= len(f.width) || f.width[j] != w {
			f.t.SetColumnWidth(j, w)
		}
	}
	f.width = widths
	f.t.Move(fyne.NewPos(0, 0))
	f.t.Resize(size)
	if changed {
		f.t.Refresh()
	}
}

func (r *fitRenderer) MinSize() fyne.Size {
	m := r.b.f.t.MinSize()
	return fyne.NewSize(0, m.Height)
}
func (r *fitRenderer) Refresh()                     { r.Layout(r.b.Size()) }
func (r *fitRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.b.f.t} }
func (r *fitRenderer) Destroy()                     {}
