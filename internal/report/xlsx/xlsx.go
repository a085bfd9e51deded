// Package xlsx renders a report.Briefing as an Excel workbook with
// excelize: one sheet per section plus "Forecast (raw)", every table an
// Excel table (filters, banding) under a frozen header, money in the
// portfolio's currency format, dates as real dates, native charts where
// Excel can draw them, RAG conditional formatting on probabilities, and
// variance and total cells as formulas so finance can change a number and
// see the effect. Text that came from users is always written as text:
// a title such as "=HYPERLINK(...)" is never a formula.
package xlsx

import (
	"context"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
)

type writer struct {
	f      *excelize.File
	b      *report.Briefing
	styles map[string]int
	sheets map[string]bool
	tables map[string]bool
	frozen map[string]bool // sheets whose header row is frozen already
	ctx    context.Context
}

// Render writes briefing b as an .xlsx workbook to w.
func Render(w io.Writer, b *report.Briefing) error {
	return RenderContext(context.Background(), w, b)
}

// checkRows is how many table rows the writer writes between looks at its
// context.
const checkRows = 500

// RenderContext is Render, stopping with ctx.Err() (and writing nothing)
// when ctx is cancelled: it looks between sheets and every checkRows rows.
func RenderContext(ctx context.Context, w io.Writer, b *report.Briefing) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &writer{f: f, b: b, styles: map[string]int{}, sheets: map[string]bool{}, tables: map[string]bool{}, frozen: map[string]bool{}, ctx: ctx}
	if err := x.render(); err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("render workbook: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	data, err := normalise(buf.Bytes())
	if err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write workbook: %w", err)
	}
	return nil
}

func (x *writer) render() error {
	f := x.f
	created := x.b.AsOf.Time().Add(12 * time.Hour).Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{
		Title: x.b.Title + " — " + x.b.Portfolio, Subject: x.b.Confidentiality, Creator: "Steerco",
		LastModifiedBy: "Steerco", Created: created, Modified: created, Category: x.b.Confidentiality,
	}); err != nil {
		return err
	}
	full := true
	if err := f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &full}); err != nil {
		return err
	}
	first := true
	for i := range x.b.Sections {
		if err := x.ctx.Err(); err != nil {
			return err
		}
		s := &x.b.Sections[i]
		name, err := x.sheetName(s.Sheet, s.Title)
		if err != nil {
			return err
		}
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := x.section(name, s); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	if x.b.Raw != nil {
		name, err := x.sheetName(x.b.RawSheet, "Forecast (raw)")
		if err != nil {
			return err
		}
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := x.sheetTop(name, "Forecast (raw)"); err != nil {
			return err
		}
		if _, err := x.table(name, 4, x.b.Raw, true); err != nil {
			return err
		}
	}
	// Print each sheet landscape, one page wide, on the briefing's paper.
	size := 9 // A4
	if x.b.Paper == "Letter" {
		size = 1
	}
	land, one, any, fit := "landscape", 1, 0, true
	for _, name := range f.GetSheetList() {
		if err := f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &size, Orientation: &land, FitToWidth: &one, FitToHeight: &any}); err != nil {
			return err
		}
		if err := f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			return err
		}
		esc := func(s string) string { return strings.ReplaceAll(s, "&", "&&") }
		footer := "&L" + esc(x.b.Title) + "&C" + esc(x.b.Confidentiality) + "&RPage &P of &N"
		if err := f.SetHeaderFooter(name, &excelize.HeaderFooterOptions{OddFooter: footer}); err != nil {
			return err
		}
	}
	f.SetActiveSheet(0)
	return nil
}

// sheetName checks the sheet name report.Build gave a section (the name
// the board pack's "see the workbook, sheet …" lines use): set and not
// taken by another sheet.
func (x *writer) sheetName(name, title string) (string, error) {
	if name == "" || x.sheets[strings.ToLower(name)] {
		return "", fmt.Errorf("section %q: sheet name %q is empty or taken (the briefing's sheet names come from report.SheetNames)", title, name)
	}
	x.sheets[strings.ToLower(name)] = true
	return name, nil
}

// sheetTop writes the title and the confidentiality line in rows 1–2.
func (x *writer) sheetTop(sheet, title string) error {
	if err := x.f.SetCellStr(sheet, "A1", title); err != nil {
		return err
	}
	if err := x.f.SetCellStyle(sheet, "A1", "A1", x.style("title")); err != nil {
		return err
	}
	line := fmt.Sprintf("%s · %s · as of %s", x.b.Portfolio, x.b.Title, figure.Date(x.b.AsOf))
	if x.b.Confidentiality != "" {
		line = x.b.Confidentiality + " · " + line
	}
	if err := x.f.SetCellStr(sheet, "A2", line); err != nil {
		return err
	}
	return x.f.SetCellStyle(sheet, "A2", "A2", x.style("label"))
}

func (x *writer) section(sheet string, s *report.Section) error {
	if err := x.sheetTop(sheet, s.Title); err != nil {
		return err
	}
	row := 4
	if s.Cover != nil {
		c := s.Cover
		kv := [][2]string{{"Report", c.Title}, {"Portfolio", c.Portfolio}, {"Date", ""}, {"Forecast as of", ""},
			{"Confidentiality", c.Confidentiality}, {"Forecast", c.Subtitle}, {"Template", x.b.Template}}
		for i, p := range kv {
			r := row + i
			if err := x.str(sheet, 1, r, p[0]); err != nil {
				return err
			}
			x.f.SetCellStyle(sheet, cellName(1, r), cellName(1, r), x.style("bold"))
			switch p[0] {
			case "Date":
				x.cell(sheet, 2, r, report.DateCell(c.Date), nil)
			case "Forecast as of":
				x.cell(sheet, 2, r, report.DateCell(c.AsOf), nil)
			default:
				if err := x.str(sheet, 2, r, p[1]); err != nil {
					return err
				}
			}
		}
		x.f.SetColWidth(sheet, "A", "A", 18)
		x.f.SetColWidth(sheet, "B", "B", 70)
		return nil
	}
	frozen := false
	// Native charts sit to the right of the widest table.
	chartCol := 2
	for _, bl := range s.Blocks {
		switch {
		case bl.Table != nil:
			chartCol = max(chartCol, len(bl.Table.Columns)+2)
		case bl.Chart != nil:
			chartCol = max(chartCol, chartColumns(bl.Chart)+2)
		}
	}
	if len(s.KPIs) > 0 {
		end, err := x.table(sheet, row, kpiTable(s), true)
		if err != nil {
			return err
		}
		frozen = true
		row = end + 2
	}
	chartRow := 4
	for _, bl := range s.Blocks {
		var end int
		var err error
		switch {
		case bl.Table != nil:
			end, err = x.table(sheet, row, bl.Table, !frozen)
			frozen = true
		case bl.Chart != nil:
			end, err = x.chart(sheet, row, chartCol, &chartRow, bl.Chart)
			if bl.Chart.Kind != report.ChartRiskMatrix {
				frozen = true
			}
		default:
			continue
		}
		if err != nil {
			return err
		}
		row = end + 2
	}
	// Findings and notes last.
	if len(s.Headlines) > 0 || len(s.Notes) > 0 {
		if err := x.str(sheet, 1, row, "Findings"); err != nil {
			return err
		}
		x.f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), x.style("h2"))
		row++
		for _, h := range append(append([]string{}, s.Headlines...), s.Notes...) {
			if err := x.str(sheet, 1, row, h); err != nil {
				return err
			}
			row++
		}
	}
	return nil
}

func kpiTable(s *report.Section) *report.Table {
	t := &report.Table{Name: "KPI" + strings.Map(alnum, s.Kind), Title: "Key figures",
		Columns: []report.Column{{Title: "Figure", Kind: report.KText}, {Title: "Value", Kind: report.KText}, {Title: "Note", Kind: report.KText}}}
	for _, k := range s.KPIs {
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Text(k.Label), k.Value, report.Text(k.Note)}})
	}
	return t
}

func alnum(r rune) rune {
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return r
	}
	return -1
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

func colName(col int) string {
	n, _ := excelize.ColumnNumberToName(col)
	return n
}

// str writes user or generated text as a string cell, never a formula.
func (x *writer) str(sheet string, col, row int, s string) error {
	return x.f.SetCellStr(sheet, cellName(col, row), s)
}

// table writes t with its title at row, returning the last row used.
func (x *writer) table(sheet string, row int, t *report.Table, freeze bool) (int, error) {
	f := x.f
	if err := x.str(sheet, 1, row, t.Title); err != nil {
		return 0, err
	}
	f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), x.style("h2"))
	head := row + 1
	seen := map[string]int{}
	for i, c := range t.Columns {
		title := c.Title
		if title == "" {
			title = fmt.Sprintf("Column %d", i+1)
		}
		// Excel table headers must be unique.
		if n := seen[strings.ToLower(title)]; n > 0 {
			seen[strings.ToLower(title)]++
			title = fmt.Sprintf("%s (%d)", title, n+1)
		} else {
			seen[strings.ToLower(title)] = 1
		}
		if err := x.str(sheet, i+1, head, title); err != nil {
			return 0, err
		}
	}
	f.SetCellStyle(sheet, cellName(1, head), cellName(len(t.Columns), head), x.style("header"))
	r := head
	for k, rw := range t.Rows {
		if k%checkRows == checkRows-1 {
			if err := x.ctx.Err(); err != nil {
				return 0, err
			}
		}
		r++
		for i, c := range rw.Cells {
			if i >= len(t.Columns) {
				break
			}
			if err := x.cell(sheet, i+1, r, c, &t.Columns[i]); err != nil {
				return 0, err
			}
			if fm := t.Columns[i].Formula; fm != "" && c.Kind != report.KEmpty {
				if err := x.formula(sheet, i+1, r, fm); err != nil {
					return 0, err
				}
			}
		}
	}
	last := r
	if len(t.Rows) == 0 {
		// A table needs a data row.
		last = head + 1
		x.str(sheet, 1, last, "(none)")
	}
	if t.Total != nil {
		tr := last + 1
		for i, c := range t.Total.Cells {
			if i >= len(t.Columns) {
				break
			}
			col := t.Columns[i]
			switch {
			case col.Formula != "" && c.Kind != report.KEmpty:
				x.cell(sheet, i+1, tr, c, &col)
				if err := x.formula(sheet, i+1, tr, col.Formula); err != nil {
					return 0, err
				}
			case (col.Kind == report.KMoney || col.Kind == report.KNumber) && c.Kind == col.Kind && len(t.Rows) > 0:
				x.cell(sheet, i+1, tr, c, &col)
				ref := fmt.Sprintf("SUM(%s:%s)", cellName(i+1, head+1), cellName(i+1, last))
				if err := f.SetCellFormula(sheet, cellName(i+1, tr), ref); err != nil {
					return 0, err
				}
			default:
				x.cell(sheet, i+1, tr, c, &col)
			}
			if sid, err := f.GetCellStyle(sheet, cellName(i+1, tr)); err == nil {
				x.boldOf(sheet, i+1, tr, sid)
			}
		}
		last = tr
		if err := x.addTable(sheet, t, head, last-1); err != nil {
			return 0, err
		}
	} else if err := x.addTable(sheet, t, head, last); err != nil {
		return 0, err
	}
	// RAG conditional formatting on probability columns.
	for i, c := range t.Columns {
		if c.RAGThresholds == nil || len(t.Rows) == 0 {
			continue
		}
		ref := fmt.Sprintf("%s:%s", cellName(i+1, head+1), cellName(i+1, head+len(t.Rows)))
		// Compare the value as shown (figure.ExcelShown), like every other
		// surface: a cell that displays 80% is green.
		g, a := fmt.Sprint(c.RAGThresholds[0]), fmt.Sprint(c.RAGThresholds[1])
		top := cellName(i+1, head+1)
		shown := figure.ExcelShown(top)
		green, amber, red := x.cond("green"), x.cond("amber"), x.cond("red")
		if err := f.SetConditionalFormat(sheet, ref, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", top, shown, g), Format: &green, StopIfTrue: true},
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", top, shown, a), Format: &amber, StopIfTrue: true},
			{Type: "formula", Criteria: fmt.Sprintf("ISNUMBER(%s)", top), Format: &red},
		}); err != nil {
			return 0, err
		}
	}
	if freeze && !x.frozen[sheet] {
		x.frozen[sheet] = true
		if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: head, TopLeftCell: cellName(1, head+1), ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: cellName(1, head+1), ActiveCell: cellName(1, head+1), Pane: "bottomLeft"}}}); err != nil {
			return 0, err
		}
	}
	x.widths(sheet, t)
	x.rowHeights(sheet, t, head)
	return last, nil
}

// rowHeights makes rows with wrapped text tall enough to show it: Excel
// grows them itself, LibreOffice does not for a file it did not write.
func (x *writer) rowHeights(sheet string, t *report.Table, head int) {
	for ri, rw := range t.Rows {
		lines := 1
		for i, c := range rw.Cells {
			if i >= len(t.Columns) || c.Kind != report.KText || t.Columns[i].Width < 2 {
				continue
			}
			w, err := x.f.GetColWidth(sheet, colName(i+1))
			if err != nil || w <= 2 {
				continue
			}
			perLine := int(w * 1.05)
			n := 0
			for _, para := range strings.Split(c.Text, "\n") {
				n += max(1, (utf8.RuneCountInString(para)+perLine-1)/perLine)
			}
			lines = max(lines, n)
		}
		if lines > 1 {
			x.f.SetRowHeight(sheet, head+1+ri, float64(lines)*15)
		}
	}
}

func (x *writer) boldOf(sheet string, col, row, _ int) {
	// Totals stand out by a top border and bold, applied over the number format.
	c := cellName(col, row)
	sid, _ := x.f.GetCellStyle(sheet, c)
	st, err := x.f.GetStyle(sid)
	if err != nil || st == nil {
		return
	}
	st.Font = &excelize.Font{Bold: true}
	st.Border = []excelize.Border{{Type: "top", Color: "18345C", Style: 1}}
	if id, err := x.f.NewStyle(st); err == nil {
		x.f.SetCellStyle(sheet, c, c, id)
	}
}

func (x *writer) addTable(sheet string, t *report.Table, head, last int) error {
	name := "T_" + strings.Map(alnum, t.Name)
	for n := 2; x.tables[strings.ToLower(name)]; n++ {
		name = fmt.Sprintf("T_%s%d", strings.Map(alnum, t.Name), n)
	}
	x.tables[strings.ToLower(name)] = true
	stripes := true
	return x.f.AddTable(sheet, &excelize.Table{
		Range:          fmt.Sprintf("%s:%s", cellName(1, head), cellName(len(t.Columns), last)),
		Name:           name,
		StyleName:      "TableStyleLight9",
		ShowRowStripes: &stripes,
	})
}

// formulaRef is a column reference {i} in a Column.Formula.
var formulaRef = regexp.MustCompile(`\{(\d+)\}`)

// formula writes a column's formula for one row: each {i} becomes the cell
// of column i in the same row.
func (x *writer) formula(sheet string, col, row int, fm string) error {
	expr := formulaRef.ReplaceAllStringFunc(fm, func(m string) string {
		i, _ := strconv.Atoi(m[1 : len(m)-1])
		return cellName(i+1, row)
	})
	return x.f.SetCellFormula(sheet, cellName(col, row), expr)
}

// cell writes a typed cell.
func (x *writer) cell(sheet string, col, row int, c report.Cell, column *report.Column) error {
	f := x.f
	ref := cellName(col, row)
	switch c.Kind {
	case report.KText:
		if err := f.SetCellStr(sheet, ref, c.Text); err != nil {
			return err
		}
		if column != nil && column.Width >= 2 {
			f.SetCellStyle(sheet, ref, ref, x.style("wrap"))
		} else if column != nil {
			f.SetCellStyle(sheet, ref, ref, x.style("top"))
		}
	case report.KDate:
		if err := f.SetCellValue(sheet, ref, c.Date.Time()); err != nil {
			return err
		}
		f.SetCellStyle(sheet, ref, ref, x.style("date"))
	case report.KMoney:
		// Full precision in the cell; the format shows whole units (board
		// tables) or cents (finance tables), a variance red when it is an
		// overspend.
		d := plan.Decimals(c.Money.Currency)
		if err := f.SetCellFloat(sheet, ref, c.Money.Float(), d, 64); err != nil {
			return err
		}
		if c.Short {
			f.SetCellStyle(sheet, ref, ref, x.style(fmt.Sprintf("short:%t:%s", c.Signed, figure.ExcelMoneyShortFormat(c.Money, c.Signed))))
			break
		}
		kind := "money"
		if c.Signed {
			kind = "variance"
		}
		f.SetCellStyle(sheet, ref, ref, x.style(fmt.Sprintf("%s:%s:%t", kind, c.Money.Currency, c.Cents)))
	case report.KPercent:
		if err := f.SetCellFloat(sheet, ref, c.Num, -1, 64); err != nil {
			return err
		}
		f.SetCellStyle(sheet, ref, ref, x.style("percent:"+figure.ExcelPercentFormat(c.Num)))
	case report.KNumber:
		if math.IsNaN(c.Num) || math.IsInf(c.Num, 0) {
			return nil
		}
		if err := f.SetCellFloat(sheet, ref, c.Num, -1, 64); err != nil {
			return err
		}
		f.SetCellStyle(sheet, ref, ref, x.style(fmt.Sprintf("number:%d:%t", c.Decimals, c.Signed)))
	case report.KRAG:
		if err := f.SetCellStr(sheet, ref, c.RAG.Label()); err != nil {
			return err
		}
		switch c.RAG {
		case report.Green:
			f.SetCellStyle(sheet, ref, ref, x.style("rag-green"))
		case report.Amber:
			f.SetCellStyle(sheet, ref, ref, x.style("rag-amber"))
		case report.Red:
			f.SetCellStyle(sheet, ref, ref, x.style("rag-red"))
		}
	}
	return nil
}

func (x *writer) widths(sheet string, t *report.Table) {
	for i, c := range t.Columns {
		w := float64(utf8.RuneCountInString(c.Title)) + 2
		for _, r := range t.Rows {
			if i < len(r.Cells) {
				s := r.Cells[i].String()
				if r.Cells[i].Kind == report.KMoney {
					s += "  € "
				}
				w = max(w, float64(utf8.RuneCountInString(s))+2)
			}
		}
		w = math.Min(w, 60)
		if c.Width >= 2 {
			w = math.Min(w, 50)
		}
		col := colName(i + 1)
		cur, _ := x.f.GetColWidth(sheet, col)
		if w > cur {
			x.f.SetColWidth(sheet, col, col, w)
		}
	}
}

func (x *writer) style(name string) int {
	if id, ok := x.styles[name]; ok {
		return id
	}
	var st excelize.Style
	switch {
	case name == "title":
		st = excelize.Style{Font: &excelize.Font{Bold: true, Size: 16, Color: "18345C"}}
	case name == "label":
		st = excelize.Style{Font: &excelize.Font{Italic: true, Color: "B02020"}}
	case name == "h2":
		st = excelize.Style{Font: &excelize.Font{Bold: true, Size: 12, Color: "18345C"}}
	case name == "top":
		st = excelize.Style{}
	case name == "bold":
		st = excelize.Style{Font: &excelize.Font{Bold: true}}
	case name == "header":
		st = excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	case name == "wrap":
		st = excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}
	case name == "date":
		f := figure.ExcelDateFormat
		st = excelize.Style{CustomNumFmt: &f}
	case strings.HasPrefix(name, "percent:"):
		f := strings.TrimPrefix(name, "percent:")
		st = excelize.Style{CustomNumFmt: &f}
	case strings.HasPrefix(name, "number:"):
		var d int
		var signed bool
		fmt.Sscanf(strings.ReplaceAll(name, ":", " "), "number %d %t", &d, &signed)
		f := figure.ExcelNumberFormat(d, signed)
		st = excelize.Style{CustomNumFmt: &f}
	case strings.HasPrefix(name, "short:"):
		f := name[strings.Index(name[len("short:"):], ":")+len("short:")+1:]
		st = excelize.Style{CustomNumFmt: &f}
	case strings.HasPrefix(name, "money:"), strings.HasPrefix(name, "variance:"):
		parts := strings.Split(name, ":") // kind:currency:cents
		f := figure.ExcelMoneyFormat(parts[1], parts[2] == "true")
		if parts[0] == "variance" {
			f = figure.ExcelVarianceFormat(parts[1], parts[2] == "true")
		}
		st = excelize.Style{CustomNumFmt: &f}
	case name == "rag-green":
		st = excelize.Style{Font: &excelize.Font{Bold: true, Color: "1E6E2D"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D6ECD4"}}}
	case name == "rag-amber":
		st = excelize.Style{Font: &excelize.Font{Bold: true, Color: "5A3A00"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FABE5A"}}}
	case name == "rag-red":
		st = excelize.Style{Font: &excelize.Font{Bold: true, Color: "FFFFFF"}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"B02020"}}}
	case name == "heat-none":
		st = excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F0F0F0"}}}
	}
	switch name {
	case "title", "label", "h2", "bold", "header", "wrap":
	default:
		// Table cells sit at the top of rows made tall by wrapped text.
		if st.Alignment == nil {
			st.Alignment = &excelize.Alignment{}
		}
		st.Alignment.Vertical = "top"
	}
	id, err := x.f.NewStyle(&st)
	if err != nil {
		return 0
	}
	x.styles[name] = id
	return id
}

// cond returns a conditional-format style for RAG colouring.
func (x *writer) cond(name string) int {
	key := "cond-" + name
	if id, ok := x.styles[key]; ok {
		return id
	}
	var st excelize.Style
	switch name {
	case "green":
		st = excelize.Style{Font: &excelize.Font{Color: "1E6E2D", Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D6ECD4"}}}
	case "amber":
		st = excelize.Style{Font: &excelize.Font{Color: "5A3A00", Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FABE5A"}}}
	case "red":
		st = excelize.Style{Font: &excelize.Font{Color: "FFFFFF", Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"B02020"}}}
	}
	id, _ := x.f.NewConditionalStyle(&st)
	x.styles[key] = id
	return id
}

// chartColumns is how many columns a chart's data table takes.
func chartColumns(c *report.Chart) int {
	switch {
	case c.Series != nil:
		return 1 + len(c.Series.Series)
	case c.Heat != nil:
		return 1 + len(c.Heat.ColLabels)
	case c.Matrix != nil:
		return 6
	case c.Timeline != nil:
		return 8
	}
	return 1
}
