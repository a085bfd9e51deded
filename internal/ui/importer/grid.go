package importer

import (
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
	"steerco/internal/ui/field"
)

// column is a table column: its title and narrowest width; in a narrow
// window the columns of highest priority give way first (the detail line
// under the table shows the selected row in full), stretching ones share
// what is left.
type column struct {
	title    string
	width    float32
	num      bool // sort as a number
	priority int
	stretch  bool
}

// grid is a read-only table of precomputed rows, sorted by tapping a header.
type grid struct {
	cols  []column
	rows  [][]string // as given
	order []int      // display order: indexes into rows
	by    int        // sort column, -1 for the order given
	desc  bool
	table *widget.Table
	fit   *field.Columns
	// onSelect, when set, receives the row the user selects.
	onSelect func(row []string)
}

func newGrid(cols []column) *grid {
	g := &grid{cols: cols, by: -1}
	g.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(g.order), len(g.fit.Visible) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		g.updateCell,
	)
	g.table.ShowHeaderColumn = false
	g.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	g.table.UpdateHeader = g.updateHeader
	g.table.OnSelected = g.selected
	fc := make([]field.Column, len(cols))
	for i, c := range cols {
		fc[i] = field.Column{Title: c.title, Width: c.width, Priority: c.priority, Stretch: c.stretch}
	}
	g.fit = field.NewColumns(g.table, fc)
	return g
}

// object is the table in the container that fits its columns to its width.
func (g *grid) object() fyne.CanvasObject { return container.New(g.fit, g.table) }

func (g *grid) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	if c := g.fit.Col(id.Col); c >= 0 {
		o.(*widget.Label).SetText(bidi.Shaped(g.rows[g.order[id.Row]][c])) // cells from the file: a Hebrew one reads in order
	}
}

func (g *grid) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	col := g.fit.Col(id.Col)
	if col < 0 {
		return
	}
	b := o.(*widget.Button)
	title := g.cols[col].title
	if col == g.by {
		title += map[bool]string{false: " ▲", true: " ▼"}[g.desc]
	}
	b.SetText(title)
	b.OnTapped = func() { g.sortBy(col) }
}

func (g *grid) selected(id widget.TableCellID) {
	if g.onSelect != nil && id.Row >= 0 && id.Row < len(g.order) {
		g.onSelect(g.rows[g.order[id.Row]])
	}
}

// set replaces the rows, keeping the sort.
func (g *grid) set(rows [][]string) {
	g.rows = rows
	g.order = make([]int, len(rows))
	for i := range g.order {
		g.order[i] = i
	}
	g.sort()
	g.table.UnselectAll()
	g.table.Refresh()
	g.table.ScrollToTop()
}

// sortBy sorts by column c, reversing the order when c is already the sort column.
func (g *grid) sortBy(c int) {
	if g.by == c {
		g.desc = !g.desc
	} else {
		g.by, g.desc = c, false
	}
	g.sort()
	g.table.Refresh()
}

func (g *grid) sort() {
	if g.by < 0 {
		return
	}
	c, num := g.by, g.cols[g.by].num
	sort.SliceStable(g.order, func(i, j int) bool {
		a, b := g.rows[g.order[i]][c], g.rows[g.order[j]][c]
		cmp := strings.Compare(a, b)
		if num {
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			cmp = x - y
		}
		if g.desc {
			return cmp > 0
		}
		return cmp < 0
	})
}
