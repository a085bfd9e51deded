// Package grid is a small table that never scrolls (see Grid).
package grid

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
	"steerco/internal/ui/field"
)

// A Grid is a small table that never scrolls: every row is laid out, the
// columns fit the width given (as field.Fit decides for tables: the
// columns of highest priority give way, the stretching ones share what is
// left), headers wrap onto a
// second line rather than being cut, and a scroll container around it
// scrolls smoothly over it (a widget.Table inside a scroll takes the wheel
// for itself). For the few rows of a comparison, not for long lists.
type Grid struct {
	widget.BaseWidget
	cols  []field.Column
	cells [][]string
	imp   [][]widget.Importance
	shown []int
}

// New returns an empty grid with cols.
func New(cols []field.Column) *Grid {
	g := &Grid{cols: cols}
	g.ExtendBaseWidget(g)
	return g
}

// SetRows shows cells (a row per line, a cell per column of cols), each
// with its importance (imp may be nil, or shorter: medium). Cells and
// column titles are drawn through bidi.Shaped, so a Hebrew name reads in
// order; cells keeps the text as given.
func (g *Grid) SetRows(cells [][]string, imp [][]widget.Importance) {
	g.cells, g.imp = cells, imp
	g.Refresh()
}

// Rows is the number of rows shown.
func (g *Grid) Rows() int { return len(g.cells) }

// Shown lists the indexes of the columns shown at the last layout.
func (g *Grid) Shown() []int { return append([]int(nil), g.shown...) }

func (g *Grid) CreateRenderer() fyne.WidgetRenderer {
	r := &gridRenderer{g: g, bg: canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))}
	r.rebuild()
	return r
}

type gridRenderer struct {
	g       *Grid
	bg      *canvas.Rectangle
	head    []*widget.Label
	rows    [][]*widget.Label
	lines   []*canvas.Rectangle
	objects []fyne.CanvasObject
}

func (r *gridRenderer) rebuild() {
	g := r.g
	r.head = r.head[:0]
	for _, c := range g.cols {
		l := widget.NewLabelWithStyle(bidi.Shaped(c.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Wrapping = fyne.TextWrapWord
		r.head = append(r.head, l)
	}
	r.rows = r.rows[:0]
	r.lines = r.lines[:0]
	for i, row := range g.cells {
		var ls []*widget.Label
		for j := range g.cols {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			if j < len(row) {
				l.Text = bidi.Shaped(row[j]) // Fyne places a line's runs in typing order (fyne-io/fyne#90)
			}
			if i < len(g.imp) && j < len(g.imp[i]) {
				l.Importance = g.imp[i][j]
			}
			ls = append(ls, l)
		}
		r.rows = append(r.rows, ls)
		line := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
		r.lines = append(r.lines, line)
	}
	r.objects = []fyne.CanvasObject{r.bg}
	for _, l := range r.head {
		r.objects = append(r.objects, l)
	}
	for i, ls := range r.rows {
		r.objects = append(r.objects, r.lines[i])
		for _, l := range ls {
			r.objects = append(r.objects, l)
		}
	}
}

// heights returns the header's height (two lines, so a header wraps
// rather than being cut, whatever the width) and a row's height.
func heights() (head, row float32) {
	two := widget.NewLabelWithStyle("X\nX", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return two.MinSize().Height, widget.NewLabel("X").MinSize().Height
}

func (r *gridRenderer) Layout(size fyne.Size) {
	g := r.g
	shown, widths := field.Fit(g.cols, size.Width)
	g.shown = shown
	for _, l := range r.head {
		l.Hide()
	}
	for _, ls := range r.rows {
		for _, l := range ls {
			l.Hide()
		}
	}
	head, rowH := heights()
	r.bg.Move(fyne.NewPos(0, 0))
	r.bg.Resize(fyne.NewSize(size.Width, head))
	sep := theme.SeparatorThicknessSize()
	x := float32(0)
	for j, i := range shown {
		r.head[i].Show()
		r.head[i].Move(fyne.NewPos(x, 0))
		r.head[i].Resize(fyne.NewSize(widths[j], head))
		y := head
		for k, ls := range r.rows {
			if j == 0 {
				r.lines[k].Move(fyne.NewPos(0, y))
				r.lines[k].Resize(fyne.NewSize(size.Width, sep))
			}
			ls[i].Show()
			ls[i].Move(fyne.NewPos(x, y+sep))
			ls[i].Resize(fyne.NewSize(widths[j], rowH))
			y += rowH + sep
		}
		x += widths[j] + sep
	}
}

func (r *gridRenderer) MinSize() fyne.Size {
	head, rowH := heights()
	sep := theme.SeparatorThicknessSize()
	return fyne.NewSize(0, head+float32(len(r.rows))*(rowH+sep))
}

func (r *gridRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	r.rebuild()
	r.Layout(r.g.Size())
	canvas.Refresh(r.g)
}

func (r *gridRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *gridRenderer) Destroy()                     {}
