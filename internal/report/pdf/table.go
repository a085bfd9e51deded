package pdf

import (
	"strings"

	"steerco/internal/figure"
	"steerco/internal/report"
)

const (
	tableFont = 8.0
	padX      = 1.4
	// Row metrics: normal, and squeezed to keep a table that overflows its
	// page by a row or two on one page.
	lineNormal, padNormal   = 3.6, 0.9
	lineSqueeze, padSqueeze = 3.3, 0.4
)

// table draws t across as many pages as it needs, repeating the header row
// on each; the title, header and first row always stay together.
// table draws t at the current position, breaking it across pages with
// its title and header repeated. after is the height of what must follow
// the table on its last page when it is the last block of its section (the
// section's notes), or -1 when more blocks follow: a table that ends its
// section does not leave a short end on a page of its own (the next
// section starts on a new page) — it breaks early enough to carry at
// least minFill of a page to its last page.
func (r *renderer) table(t *report.Table, after float64) {
	f := r.f
	if r.b.Compact {
		t = withoutDetail(t)
	}
	rows := t.Rows
	if t.PDFRows > 0 && t.PDFRows < len(rows) {
		rows = rows[:t.PDFRows]
	}
	widths := r.colWidths(t)

	r.font("B", tableFont)
	headH := 0.0
	for i, c := range t.Columns {
		headH = max(headH, float64(len(r.lines(c.Title, widths[i]-2*padX)))*r.lh+2*r.py)
	}
	titleH := 7.0
	firstH := headH
	if len(rows) > 0 {
		firstH += r.rowHeight(t, rows[0], widths)
	}
	f.SetY(f.GetY() + 2)
	// Keep a table whole when it fits on one page but not in what is left
	// of this one; a long table starts here only if a few rows fit.
	all := titleH + headH
	for _, row := range rows {
		all += r.rowHeight(t, row, widths)
	}
	if t.Total != nil {
		all += r.rowHeight(t, *t.Total, widths)
	}
	noteH := 0.0
	if t.Note != "" {
		r.font("I", 7.5)
		noteH = float64(len(r.lines(t.Note, r.width())))*3.6 + 1
		all += noteH
	}
	ends := after >= 0
	if ends {
		after += tableBelow
		all += after
	}
	left, full := r.bot-f.GetY(), r.bot-r.top
	if all > left && all > full*0.25 {
		// Squeeze the rows when that keeps the table on this page.
		r.lh, r.py = lineSqueeze, padSqueeze
		if r.tableHeight(t, rows, widths, titleH, noteH+max(after, 0)) > left {
			r.lh, r.py = lineNormal, padNormal
		} else {
			all = left
			defer func() { r.lh, r.py = lineNormal, padNormal }()
			headH = r.headHeight(t, widths)
		}
	}
	minRows := titleH + headH
	for _, row := range rows[:min(3, len(rows))] {
		minRows += r.rowHeight(t, row, widths)
	}
	switch {
	case all <= left:
	case all <= full && left < full*0.45:
		r.need(all) // fits whole on the next page: keep it together
	default:
		r.need(minRows) // start here, break with the header repeated
	}
	r.tableTitle(t.Title, false)
	r.tableHeader(t, widths, headH)

	// rest[i] is the height of rows i… with the total, the note and what
	// follows the table; widow is the last row before which a break still
	// leaves at least a third of a page for the table's last page (0:
	// none).
	rest := make([]float64, len(rows)+1)
	rest[len(rows)] = noteH + max(after, 0)
	if t.Total != nil {
		rest[len(rows)] += r.rowHeight(t, *t.Total, widths)
	}
	for i := len(rows) - 1; i >= 0; i-- {
		rest[i] = rest[i+1] + r.rowHeight(t, rows[i], widths)
		if rows[i].Group != "" && (i == 0 || rows[i-1].Group != rows[i].Group) {
			rest[i] += r.lh + 2*r.py
		}
	}
	widow := 0
	for i := len(rows) - 1; i > 0 && ends; i-- {
		if titleH+headH+rest[i] >= full*minFill {
			widow = i
			break
		}
	}

	group := ""
	for i, row := range rows {
		h := r.rowHeight(t, row, widths)
		gh := 0.0
		if row.Group != "" && row.Group != group {
			gh = r.lh + 2*r.py
		}
		// The last row keeps the note (and the total row) with it.
		tail := 0.0
		if i == len(rows)-1 {
			tail = noteH
			if t.Total != nil {
				tail += r.rowHeight(t, *t.Total, widths)
			}
		}
		// Break before the widow row when the rest does not fit on this
		// page but fits on the next, and this page is full enough.
		early := i == widow && widow > 0 && f.GetY()+rest[i] > r.bot && titleH+headH+rest[i] <= full && f.GetY()-r.top >= full*minFill
		if early || f.GetY()+h+gh+tail > r.bot {
			f.AddPage()
			f.SetY(r.top)
			r.tableTitle(t.Title, true)
			r.tableHeader(t, widths, headH)
			if row.Group != "" && gh == 0 {
				gh = r.lh + 2*r.py // repeat the group on the new page
				group = ""
			}
		}
		if gh > 0 {
			r.groupRow(row.Group, gh, sum(widths))
			group = row.Group
		}
		r.tableRow(t, row, widths, h, i%2 == 1, false)
	}
	if t.Total != nil {
		h := r.rowHeight(t, *t.Total, widths)
		if f.GetY()+h+noteH > r.bot {
			f.AddPage()
			f.SetY(r.top)
			r.tableTitle(t.Title, true)
			r.tableHeader(t, widths, headH)
		}
		r.tableRow(t, *t.Total, widths, h, false, true)
	}
	if len(rows) == 0 {
		r.font("I", tableFont)
		r.color(muted)
		r.text(r.ml, f.GetY()+1, r.width(), r.lh, "Nothing to show.", "L")
		f.SetY(f.GetY() + r.lh + 2)
	}
	if t.Note != "" {
		r.font("I", 7.5)
		r.color(muted)
		ls := r.lines(t.Note, r.width())
		r.need(float64(len(ls))*3.6 + 1)
		y := f.GetY() + 1
		for i, l := range ls {
			r.text(r.ml, y+float64(i)*3.6, r.width(), 3.6, l, "L")
		}
		f.SetY(y + float64(len(ls))*3.6)
	}
	f.SetY(f.GetY() + tableBelow)
}

// tableBelow is the space under a table.
const tableBelow = 3

func (r *renderer) tableTitle(title string, cont bool) {
	f := r.f
	if title == "" {
		return
	}
	if !cont && !r.bookmarked[r.section+"/"+title] {
		f.Bookmark(valid(title), 1, -1)
		r.bookmarked[r.section+"/"+title] = true
	}
	r.font("B", 10)
	r.color(navy)
	if cont {
		title += " (continued)"
	}
	r.text(r.ml, f.GetY(), r.width(), 6, r.fit(title, r.width()), "L")
	f.SetY(f.GetY() + 7)
}

// colWidths gives every column at least the width of its longest header
// word and of its widest number, date or status, then shares the rest of
// the table width by the columns' weights.
func (r *renderer) colWidths(t *report.Table) []float64 {
	total := r.tableWidth(t)
	n := len(t.Columns)
	mins := make([]float64, n)
	for i, c := range t.Columns {
		r.font("B", tableFont)
		for _, w := range strings.Fields(c.Title) {
			mins[i] = max(mins[i], r.strWidth(w))
		}
		r.font("", tableFont)
		for _, row := range t.Rows {
			// A text column is at least as wide as its longest word (up to 26 mm), so words do not break.
			if i < len(row.Cells) && row.Cells[i].Kind == report.KText {
				for _, w := range strings.Fields(row.Cells[i].Text) {
					mins[i] = max(mins[i], min(26, r.strWidth(w)))
				}
			}
		}
		r.font("B", tableFont)
		for _, row := range t.Rows {
			if i < len(row.Cells) && row.Cells[i].Kind != report.KText {
				s := row.Cells[i].String()
				if row.Cells[i].Kind == report.KRAG {
					s = "● " + s
				}
				mins[i] = max(mins[i], r.strWidth(s))
			}
		}
		if t.Total != nil && i < len(t.Total.Cells) && t.Total.Cells[i].Kind != report.KText {
			mins[i] = max(mins[i], r.strWidth(t.Total.Cells[i].String()))
		}
		mins[i] += 2*padX + 2.5 // fpdf adds its own cell margin on both sides
	}
	ws := make([]float64, n)
	// Share by weight; any column below its minimum is pinned to it and the
	// rest is shared again among the others.
	pinned := make([]bool, n)
	for iter := 0; iter < n+1; iter++ {
		free, weight := total, 0.0
		for i, c := range t.Columns {
			if pinned[i] {
				free -= mins[i]
			} else {
				weight += colWeight(c)
			}
		}
		changed := false
		for i, c := range t.Columns {
			if pinned[i] {
				ws[i] = mins[i]
				continue
			}
			ws[i] = free * colWeight(c) / weight
			if ws[i] < mins[i] {
				pinned[i], changed = true, true
			}
		}
		if !changed {
			break
		}
	}
	return ws
}

func (r *renderer) tableWidth(t *report.Table) float64 {
	if t.Width > 0 && t.Width < 1 {
		return r.width() * t.Width
	}
	return r.width()
}

func colWeight(c report.Column) float64 {
	if c.Width > 0 {
		return c.Width
	}
	switch c.Kind {
	case report.KMoney:
		return 1.25
	case report.KDate:
		return 1
	}
	return 1
}

func rightAligned(k report.CellKind) bool {
	return k == report.KMoney || k == report.KNumber || k == report.KPercent
}

func (r *renderer) rowHeight(t *report.Table, row report.Row, widths []float64) float64 {
	n := 1
	for i, c := range row.Cells {
		if i >= len(widths) {
			break
		}
		if c.Kind == report.KText {
			r.font("", tableFont)
			n = max(n, len(r.lines(c.Text, widths[i]-2*padX)))
		}
	}
	return float64(n)*r.lh + 2*r.py
}

func (r *renderer) tableHeader(t *report.Table, widths []float64, h float64) {
	f := r.f
	tw := sum(widths)
	y := f.GetY()
	x := r.ml
	r.fill(navy)
	f.Rect(r.ml, y, tw, h, "F")
	r.font("B", tableFont)
	r.color(white)
	for i, c := range t.Columns {
		align := "L"
		if rightAligned(c.Kind) {
			align = "R"
		}
		ls := r.lines(c.Title, widths[i]-2*padX)
		for k, l := range ls {
			r.text(x+padX, y+r.py+float64(k)*r.lh, widths[i]-2*padX, r.lh, l, align)
		}
		x += widths[i]
	}
	f.SetY(y + h)
}

func (r *renderer) groupRow(g string, h, tw float64) {
	f := r.f
	y := f.GetY()
	r.fill(groupBg)
	f.Rect(r.ml, y, tw, h, "F")
	r.font("B", tableFont)
	r.color(navy)
	r.text(r.ml+padX, y+r.py, tw-2*padX, r.lh, g, "L")
	f.SetY(y + h)
}

func (r *renderer) tableRow(t *report.Table, row report.Row, widths []float64, h float64, stripe, total bool) {
	f := r.f
	tw := sum(widths)
	y := f.GetY()
	if stripe {
		r.fill(zebra)
		f.Rect(r.ml, y, tw, h, "F")
	}
	if total {
		r.draw(navy)
		f.SetLineWidth(0.4)
		f.Line(r.ml, y, r.ml+tw, y)
	}
	x := r.ml
	for i, c := range row.Cells {
		if i >= len(widths) {
			break
		}
		w := widths[i]
		col := t.Columns[i]
		style := ""
		if total {
			style = "B"
		}
		r.font(style, tableFont)
		r.color(ink)
		switch {
		case c.Kind == report.KRAG && c.RAG != report.RAGNone:
			bg, fg := ragColours(c.RAG)
			r.fill(bg)
			f.Rect(x+0.6, y+0.6, w-1.2, h-1.2, "F")
			if c.RAG == report.Red {
				r.color(white)
			} else {
				r.color(fg)
				if c.RAG == report.Amber {
					r.color(ink)
				}
			}
			r.font("B", tableFont)
			r.text(x+padX, y+r.py, w-2*padX, r.lh, r.fit(ragSymbol(c.RAG)+" "+c.RAG.Label(), w-2*padX), "L")
		case c.Kind == report.KText:
			for k, l := range r.lines(c.Text, w-2*padX) {
				r.text(x+padX, y+r.py+float64(k)*r.lh, w-2*padX, r.lh, l, "L")
			}
		default:
			s := c.String()
			if col.RAGThresholds != nil && c.Kind == report.KPercent {
				rag := figure.Thresholds{Green: col.RAGThresholds[0], Amber: col.RAGThresholds[1]}.Of(c.Num)
				_, fg := ragColours(rag)
				r.color(fg)
				r.font("B", tableFont)
			}
			// Overspend red (a variance over plan), as in the workbook and
			// the app; a fall in a signed number (points lost) red too.
			if (c.Kind == report.KMoney && c.Signed && figure.Overspend(c.Money)) || (c.Kind == report.KNumber && c.Signed && figure.Rounded(c.Num, c.Decimals) < 0) {
				r.color(redFg)
			}
			align := "L"
			if rightAligned(c.Kind) {
				align = "R"
			}
			r.text(x+padX, y+r.py, w-2*padX, r.lh, r.fit(s, w-2*padX), align)
		}
		x += w
	}
	r.draw(rule)
	f.SetLineWidth(0.15)
	f.Line(r.ml, y+h, r.ml+tw, y+h)
	f.SetY(y + h)
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// withoutDetail returns t without its detail columns (t itself when it has none).
func withoutDetail(t *report.Table) *report.Table {
	keep := make([]int, 0, len(t.Columns))
	for i, c := range t.Columns {
		if !c.Detail {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(t.Columns) {
		return t
	}
	c := *t
	c.Columns = nil
	for _, i := range keep {
		col := t.Columns[i]
		col.Formula = "" // indexes would shift; the PDF prints values anyway
		c.Columns = append(c.Columns, col)
	}
	pick := func(r report.Row) report.Row {
		out := report.Row{Group: r.Group}
		for _, i := range keep {
			if i < len(r.Cells) {
				out.Cells = append(out.Cells, r.Cells[i])
			}
		}
		return out
	}
	c.Rows = make([]report.Row, len(t.Rows))
	for i, r := range t.Rows {
		c.Rows[i] = pick(r)
	}
	if t.Total != nil {
		tr := pick(*t.Total)
		c.Total = &tr
	}
	return &c
}

func (r *renderer) headHeight(t *report.Table, widths []float64) float64 {
	r.font("B", tableFont)
	h := 0.0
	for i, c := range t.Columns {
		h = max(h, float64(len(r.lines(c.Title, widths[i]-2*padX)))*r.lh+2*r.py)
	}
	return h
}

func (r *renderer) tableHeight(t *report.Table, rows []report.Row, widths []float64, titleH, noteH float64) float64 {
	all := titleH + r.headHeight(t, widths) + noteH
	for _, row := range rows {
		all += r.rowHeight(t, row, widths)
	}
	if t.Total != nil {
		all += r.rowHeight(t, *t.Total, widths)
	}
	return all
}
