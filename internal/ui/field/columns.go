package field

import (
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column is one column of a table that gives way on a narrow window.
type Column struct {
	Title string
	// Width is the column's narrowest width.
	Width float32
	// Priority 0 is always shown; on a narrow table the columns with the
	// highest priority give way first (ties: the rightmost first).
	Priority int
	// Stretch columns share the width the others leave.
	Stretch bool
}

// Columns lays a widget.Table out in its container (container.New(c,
// table)): it shows the columns that fit its width, dropping those of
// the highest Priority first, and shares the spare width among the
// stretching ones, so the columns that matter are never off the right
// edge and there is no horizontal scroll bar. The table's length and
// cell functions read Visible to map a shown column to its index in Cols.
type Columns struct {
	Table *widget.Table
	Cols  []Column
	// Visible lists the indexes in Cols of the columns shown, in order.
	Visible []int
	// OnChange, when set, is called after Visible changes.
	OnChange func()
	widths   []float32
}

// NewColumns returns a layout of t's cols, all visible until laid out
// (the widths are set by the first Layout).
func NewColumns(t *widget.Table, cols []Column) *Columns {
	c := &Columns{Table: t, Cols: cols}
	for i := range cols {
		c.Visible = append(c.Visible, i)
	}
	return c
}

// Col returns the index in Cols of shown column i (-1 when out of range).
func (c *Columns) Col(i int) int {
	if i < 0 || i >= len(c.Visible) {
		return -1
	}
	return c.Visible[i]
}

// Shown reports whether column col of Cols is shown.
func (c *Columns) Shown(col int) bool { return slices.Contains(c.Visible, col) }

// Widths returns the widths last set, one per shown column.
func (c *Columns) Widths() []float32 { return c.widths }

// MinSize is the table's.
func (c *Columns) MinSize([]fyne.CanvasObject) fyne.Size { return c.Table.MinSize() }

// Layout fits the columns to size and gives the table all of it.
func (c *Columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	vis, w := Fit(c.Cols, size.Width-theme.Padding()-theme.ScrollBarSize())
	changed := !slices.Equal(vis, c.Visible)
	for i := range w {
		if changed || len(c.widths) != len(w) || c.widths[i] != w[i] {
			c.Table.SetColumnWidth(i, w[i])
		}
	}
	c.Visible, c.widths = vis, w
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	if changed {
		c.Table.Refresh()
		if c.OnChange != nil {
			c.OnChange()
		}
	}
}

// Fit chooses the columns of cols that fit in width (dropping the highest
// Priority first, the rightmost of equals first; priority 0 always stays)
// and their widths: each its narrowest width, the stretching ones sharing
// what is left (separators between columns count).
func Fit(cols []Column, width float32) (visible []int, widths []float32) {
	sep := theme.SeparatorThicknessSize()
	shown := make([]bool, len(cols))
	for i := range shown {
		shown[i] = true
	}
	need := func() float32 {
		var sum float32
		n := 0
		for i, s := range shown {
			if s {
				sum += cols[i].Width
				n++
			}
		}
		return sum + float32(max(n-1, 0))*sep
	}
	for need() > width {
		drop := -1
		for i := len(cols) - 1; i >= 0; i-- {
			if shown[i] && cols[i].Priority > 0 && (drop < 0 || cols[i].Priority > cols[drop].Priority) {
				drop = i
			}
		}
		if drop < 0 {
			break
		}
		shown[drop] = false
	}
	extra := width - need()
	n := 0
	for i, s := range shown {
		if s && cols[i].Stretch {
			n++
		}
	}
	for i, s := range shown {
		if !s {
			continue
		}
		visible = append(visible, i)
		w := cols[i].Width
		if cols[i].Stretch && extra > 0 {
			w += float32(math.Floor(float64(extra / float32(n))))
		}
		widths = append(widths, w)
	}
	return visible, widths
}
