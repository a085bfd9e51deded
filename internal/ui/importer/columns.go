package importer

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/ui/field"
)

// notRead is the drop-down choice for a column the import leaves out.
const notRead = "not read"

// fieldLabels name the mapping fields as the drop-downs show them.
var fieldLabels = map[string]string{
	"period":      "Period (date or month)",
	"cost_centre": "Cost centre",
	"category":    "Category",
	"amount":      "Amount",
	"actual":      "Actual amount",
	"plan":        "Plan amount",
	"type":        "Type (actual or plan)",
	"currency":    "Currency",
	"spend":       "Spend (CapEx or OpEx)",
	"line":        "Budget line",
	"team":        "Team",
}

func fieldLabel(f string) string {
	if f == "" || f == "-" {
		return notRead
	}
	if l, ok := fieldLabels[f]; ok {
		return l
	}
	return f
}

// columnGrid is the mapping as a grid of the source's columns: each with
// its header, sample values, a drop-down of what it is read as, and the
// problems the preview found in it, at their column. Choosing another field
// calls onMap, which previews again at once (the preview is beside it).
type columnGrid struct {
	box   *fyne.Container
	rows  *fyne.Container
	onMap func(c app.ImportColumn, field string)
	// header is the row (or rows, "3-4") the headers are read from.
	header *widget.Entry
	// selects and problems are the rows' drop-downs and problem lines by
	// column index.
	selects  map[int]*widget.Select
	problems map[int]*widget.Label
}

func newColumnGrid(onMap func(c app.ImportColumn, field string), onHeader func(rows string)) *columnGrid {
	g := &columnGrid{onMap: onMap, rows: container.NewVBox()}
	hint := field.Caption("Each column of the file and what it is read as; change one and the preview follows.")
	hint.Wrapping = fyne.TextWrapWord
	g.header = widget.NewEntry()
	g.header.SetPlaceHolder("found by the import")
	g.header.OnSubmitted = onHeader
	headerRow := container.NewBorder(nil, nil, widget.NewLabel("Header row"), nil, g.header)
	headerHint := field.Caption("The row the column headers are on (\"3-4\" for a header of two rows); press Enter to preview.")
	headerHint.Wrapping = fyne.TextWrapWord
	g.box = container.NewVBox(field.Bold("Columns"), hint, headerRow, headerHint, g.rows)
	return g
}

func (g *columnGrid) object() fyne.CanvasObject { return g.box }

// set shows pv's columns, the fields they may be read as, and pv's
// problems at the column they are about.
func (g *columnGrid) set(pv *app.ImportPreview) {
	g.rows.Objects = nil
	g.selects, g.problems = map[int]*widget.Select{}, map[int]*widget.Label{}
	if pv == nil {
		g.rows.Refresh()
		return
	}
	if pv.Mapping != nil {
		g.header.SetText(pv.Mapping.Options["header_row"])
	}
	options := []string{notRead}
	byLabel := map[string]string{notRead: "-"}
	for _, f := range pv.Fields {
		options = append(options, fieldLabel(f))
		byLabel[fieldLabel(f)] = f
	}
	for _, c := range pv.Columns {
		g.rows.Add(g.row(c, options, byLabel, problemsAt(pv, c.Index)))
	}
	g.rows.Refresh()
}

func (g *columnGrid) row(c app.ImportColumn, options []string, byLabel map[string]string, probs []app.ImportProblem) fyne.CanvasObject {
	name := c.Name
	if strings.TrimSpace(name) == "" {
		name = "(no header)"
	}
	title := widget.NewLabelWithStyle(bidi.Shaped(app.ColumnName(c.Index)+" · "+name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	var readAs fyne.CanvasObject
	if c.Period != "" {
		// A month's column of amounts (months across the columns): read by
		// the layout, not chosen one by one.
		l := widget.NewLabel(bidi.Shaped(fmt.Sprintf("%s of %s", fieldLabel(c.Field), c.Period)))
		l.Truncation = fyne.TextTruncateEllipsis
		readAs = l
	} else {
		sel := widget.NewSelect(options, nil)
		sel.SetSelected(fieldLabel(c.Field))
		sel.OnChanged = func(label string) { g.onMap(c, byLabel[label]) }
		g.selects[c.Index] = sel
		readAs = sel
	}
	var lines []fyne.CanvasObject
	head := container.NewGridWithColumns(2, title, readAs)
	lines = append(lines, head)
	var about []string
	if len(c.Samples) > 0 {
		samples := make([]string, 0, 3)
		for _, v := range c.Samples[:min(3, len(c.Samples))] {
			samples = append(samples, bidi.Isolate(v)) // each cell on its own, in the file's order
		}
		about = append(about, strings.Join(samples, " · "))
	}
	if c.Hidden {
		about = append(about, "hidden in the workbook")
	}
	if c.Note != "" {
		about = append(about, c.Note)
	}
	if len(about) > 0 {
		l := field.Caption(bidi.Shaped(strings.Join(about, " — ")))
		l.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, l)
	}
	if len(probs) > 0 {
		l := widget.NewLabel(problemsText(probs))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		for _, p := range probs {
			if p.Severity == app.SevError {
				l.Importance = widget.DangerImportance
			}
		}
		g.problems[c.Index] = l
		lines = append(lines, l)
	}
	lines = append(lines, widget.NewSeparator())
	return container.NewVBox(lines...)
}

// problemsAt lists pv's problems located in column col.
func problemsAt(pv *app.ImportPreview, col int) []app.ImportProblem {
	var out []app.ImportProblem
	for _, p := range pv.Problems {
		if p.Column == col {
			out = append(out, p)
		}
	}
	return out
}

// problemsText says how many problems a column has and the first in full.
func problemsText(ps []app.ImportProblem) string {
	first := ps[0]
	where := ""
	if first.Row > 0 {
		where = fmt.Sprintf("row %d: ", first.Row)
	}
	text := "⚠ " + where + first.Message
	if len(ps) > 1 {
		text = fmt.Sprintf("⚠ %d problems in this column; the first, %s%s", len(ps), where, first.Message)
	}
	return text
}

// remap is mapping fields m with column c read as field instead of what it
// was read as ("-": not read). The field c was read as is set to "-", so the
// importer does not choose the column again by itself.
func remap(m map[string]string, c app.ImportColumn, field string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	if c.Field != "" && c.Field != field {
		out[c.Field] = "-"
	}
	if field != "" && field != "-" {
		out[field] = c.Name
	}
	return out
}
