package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/chart"
)

func (r *renderer) chart(c *report.Chart) {
	switch c.Kind {
	case report.ChartTimeline:
		if c.Timeline != nil {
			r.timeline(c.Title, c.Timeline)
		}
	case report.ChartHeatMap:
		if c.Heat != nil {
			r.heatMap(c.Title, c.Heat)
		}
	case report.ChartRiskMatrix:
		if c.Matrix != nil {
			r.riskMatrix(c.Title, c.Matrix)
		}
	case report.ChartSeries:
		if c.Series != nil {
			r.seriesRow([]*report.Chart{c})
		}
	case report.ChartScatter:
		if c.Scatter != nil {
			r.scatter(c.Title, c.Note, c.Scatter)
		}
	}
}

func (r *renderer) chartTitle(title string, cont bool) {
	r.tableTitle(title, cont)
}

// ---- timeline ----

const (
	tlRow    = 5.2
	tlAxis   = 9.0
	tlLegend = 7.0
)

func (r *renderer) timeline(title string, tl *report.Timeline) {
	f := r.f
	labelW := r.width() * 0.27
	if !r.b.Landscape {
		labelW = r.width() * 0.33
	}
	x0 := r.ml + labelW
	plotW := r.width() - labelW
	span := float64(tl.From.DaysUntil(tl.To) + 1)
	if span <= 0 {
		return
	}
	xOf := func(d plan.Date) float64 {
		v := float64(tl.From.DaysUntil(d)) / span
		return x0 + math.Max(0, math.Min(1, v))*plotW
	}

	type line struct {
		group  string
		row    *report.TimelineRow
		marker *report.TimelineMarker
	}
	var ls []line
	if len(tl.Markers) > 0 {
		ls = append(ls, line{group: "Milestones"})
		for i := range tl.Markers {
			ls = append(ls, line{marker: &tl.Markers[i]})
		}
	}
	g := ""
	rows := tl.PDFRows
	if rows == nil {
		rows = make([]int, len(tl.Rows))
		for i := range rows {
			rows[i] = i
		}
	}
	for _, i := range rows {
		if tl.Rows[i].Group != g {
			g = tl.Rows[i].Group
			ls = append(ls, line{group: g})
		}
		ls = append(ls, line{row: &tl.Rows[i]})
	}

	f.SetY(f.GetY() + 2)
	r.need(7 + tlAxis + 6*tlRow + tlLegend)
	first := true
	i := 0
	for i < len(ls) {
		if !first {
			f.AddPage()
			f.SetY(r.top)
		}
		r.chartTitle(title, !first)
		yAxis := f.GetY()
		yRows := yAxis + tlAxis
		// Which lines fit on this page: a group heading is never left alone
		// at the bottom, and a page that starts inside a group repeats it.
		repeat := ""
		if !first && ls[i].group == "" {
			for k := i - 1; k >= 0; k-- {
				if ls[k].group != "" {
					repeat = ls[k].group
					break
				}
			}
		}
		first = false
		limit := r.bot - tlLegend - 1
		y := yRows
		if repeat != "" {
			y += tlRow
		}
		j := i
		for j < len(ls) && y+tlRow <= limit {
			if ls[j].group != "" && y+2*tlRow > limit {
				break
			}
			y += tlRow
			j++
		}
		if j == i { // nothing fits (cannot happen on a fresh page); avoid looping
			j = i + 1
			y += tlRow
		}
		yEnd := y
		r.timeAxis(tl, x0, plotW, yAxis, yEnd, xOf)
		y = yRows
		if repeat != "" {
			r.groupHeading(repeat+" (continued)", y, labelW)
			y += tlRow
		}
		for ; i < j; i++ {
			l := ls[i]
			switch {
			case l.group != "":
				r.groupHeading(l.group, y, labelW)
			case l.marker != nil:
				r.markerRow(l.marker, y, labelW, yEnd, xOf)
			default:
				r.timelineRow(l.row, y, labelW, x0, plotW, xOf)
			}
			y += tlRow
		}
		// Today line over the rows.
		if !tl.Today.IsZero() && tl.Today >= tl.From && tl.Today <= tl.To {
			xt := xOf(tl.Today)
			r.draw(redFg)
			f.SetLineWidth(0.35)
			f.SetDashPattern([]float64{1.2, 0.8}, 0)
			f.Line(xt, yRows-1, xt, yEnd)
			f.SetDashPattern(nil, 0)
		}
		r.timelineLegend(tl, yEnd+1.5)
		f.SetY(yEnd + tlLegend + 1)
	}
}

func (r *renderer) groupHeading(g string, y, labelW float64) {
	r.fill(groupBg)
	r.f.Rect(r.ml, y, r.width(), tlRow, "F")
	r.font("B", 7.5)
	r.color(navy)
	r.text(r.ml+1, y, r.width()-2, tlRow, g, "L")
}

func (r *renderer) timeAxis(tl *report.Timeline, x0, plotW, y, yEnd float64, xOf func(plan.Date) float64) {
	f := r.f
	months := 0
	for m := tl.From.MonthOf(); m <= tl.To.MonthOf(); m++ {
		months++
	}
	step := 1
	for float64(months)/float64(step)*13 > plotW {
		step++
	}
	r.font("", 6.5)
	for m := tl.From.MonthOf(); m <= tl.To.MonthOf(); m++ {
		x := xOf(m.First())
		isQ := (int(m.Month())-1)%3 == 0
		r.draw(rule)
		f.SetLineWidth(0.1)
		if isQ {
			f.SetLineWidth(0.3)
		}
		f.Line(x, y+tlAxis-1, x, yEnd)
		if int(m-tl.From.MonthOf())%step == 0 {
			w := xOf(m.Add(step).First()) - x
			label := m.First().Time().Format("Jan")
			if m.Month() == 1 || m == tl.From.MonthOf() {
				label = m.First().Time().Format("Jan 06")
			}
			r.color(muted)
			if isQ {
				r.color(ink)
			}
			r.text(x, y+tlAxis-5, w, 3.5, label, "C")
		}
	}
	r.draw(ink)
	f.SetLineWidth(0.3)
	f.Line(x0, y+tlAxis-1, x0+plotW, y+tlAxis-1)
}

func (r *renderer) timelineRow(row *report.TimelineRow, y, labelW, x0, plotW float64, xOf func(plan.Date) float64) {
	f := r.f
	r.font("", 7)
	r.color(ink)
	r.text(r.ml+2.5, y, labelW-3, tlRow, r.fit(row.Label, labelW-3.5), "L")
	mid := y + tlRow/2
	if !row.Start.IsZero() && row.Start < row.P50 {
		r.draw(barLight)
		f.SetLineWidth(0.5)
		f.Line(xOf(row.Start), mid, xOf(row.P50), mid)
	}
	bg, fg := ragColours(row.RAG)
	if row.RAG == report.RAGNone {
		bg, fg = barLight, navy
	}
	xa, xb := xOf(row.P50), xOf(row.P85)
	if xb-xa < 0.8 {
		xb = xa + 0.8
	}
	r.fill(bg)
	r.draw(fg)
	f.SetLineWidth(0.25)
	f.Rect(xa, y+1, xb-xa, tlRow-2, "FD")
	// P50 tick.
	r.draw(ink)
	f.SetLineWidth(0.4)
	f.Line(xa, y+0.6, xa, y+tlRow-0.6)
	if !row.Target.IsZero() {
		xt := xOf(row.Target)
		r.fill(ink)
		f.Polygon([]fpdf.PointType{{X: xt, Y: mid - 1.6}, {X: xt + 1.3, Y: mid}, {X: xt, Y: mid + 1.6}, {X: xt - 1.3, Y: mid}}, "F")
	}
	// Symbol for greyscale readers, and the dependency that drives the slip.
	after := math.Max(xb, xOf(row.Target)) + 1.8
	if row.RAG != report.RAGNone {
		r.font("B", 6)
		r.color(fg)
		r.text(after, y, 3, tlRow, ragSymbol(row.RAG), "L")
		after += 3
	}
	if row.Driver != "" {
		r.font("I", 6)
		r.color(muted)
		room := x0 + plotW - after
		if room > 25 {
			r.text(after, y, room, tlRow, r.fit("after "+row.Driver, room), "L")
		} else if xa-x0 > 30 {
			s := r.fit("after "+row.Driver, xa-x0-4)
			r.text(xa-2-r.strWidth(s)-1, y, r.strWidth(s)+1, tlRow, s, "R")
		}
	}
}

func (r *renderer) markerRow(m *report.TimelineMarker, y, labelW, yEnd float64, xOf func(plan.Date) float64) {
	f := r.f
	r.font("", 7)
	r.color(ink)
	r.text(r.ml+2.5, y, labelW-3, tlRow, r.fit(m.Label, labelW-3.5), "L")
	x := xOf(m.Date)
	mid := y + tlRow/2
	bg, fg := ragColours(m.RAG)
	r.fill(bg)
	r.draw(fg)
	f.SetLineWidth(0.3)
	f.Polygon([]fpdf.PointType{{X: x, Y: mid - 2.2}, {X: x + 2, Y: mid}, {X: x, Y: mid + 2.2}, {X: x - 2, Y: mid}}, "FD")
	r.draw(fg)
	f.SetLineWidth(0.2)
	f.SetDashPattern([]float64{0.4, 0.8}, 0)
	f.Line(x, mid+2.2, x, yEnd)
	f.SetDashPattern(nil, 0)
	r.font("", 6.5)
	r.color(fg)
	label := figure.Date(m.Date)
	if m.RAG != report.RAGNone {
		label = ragSymbol(m.RAG) + " " + label
	}
	r.text(x+2.8, y, 40, tlRow, label, "L")
}

func (r *renderer) timelineLegend(tl *report.Timeline, y float64) {
	f := r.f
	x := r.ml
	item := func(draw func(x float64), label string) {
		draw(x)
		r.font("", 6.5)
		r.color(muted)
		r.text(x+6, y, 60, 4, label, "L")
		x += 8 + r.strWidth(label) + 4
	}
	for _, rg := range []report.RAG{report.Green, report.Amber, report.Red} {
		rg := rg
		item(func(x float64) {
			bg, fg := ragColours(rg)
			r.fill(bg)
			r.draw(fg)
			f.SetLineWidth(0.25)
			f.Rect(x, y+0.8, 5, 2.6, "FD")
		}, ragSymbol(rg)+" "+rg.Label())
	}
	item(func(x float64) {
		r.fill(barLight)
		r.draw(navy)
		f.Rect(x, y+0.8, 5, 2.6, "FD")
	}, fmt.Sprintf("bar: P50 to P%d finish (no target)", tl.Confidence))
	item(func(x float64) {
		r.draw(barLight)
		f.SetLineWidth(0.5)
		f.Line(x, y+2, x+5, y+2)
	}, "line: P50 start")
	item(func(x float64) {
		r.fill(ink)
		f.Polygon([]fpdf.PointType{{X: x + 2.5, Y: y + 0.4}, {X: x + 3.8, Y: y + 2}, {X: x + 2.5, Y: y + 3.6}, {X: x + 1.2, Y: y + 2}}, "F")
	}, "target")
	item(func(x float64) {
		r.draw(redFg)
		f.SetLineWidth(0.35)
		f.SetDashPattern([]float64{1.2, 0.8}, 0)
		f.Line(x+2.5, y, x+2.5, y+4)
		f.SetDashPattern(nil, 0)
	}, "today")
}

// ---- heat map ----

func (r *renderer) heatMap(title string, h *report.HeatMap) {
	f := r.f
	labelW := 45.0
	cols := len(h.ColLabels)
	if h.PDFCols > 0 {
		cols = min(cols, h.PDFCols)
	}
	if cols == 0 {
		return
	}
	colLabels := h.ColLabels[:cols]
	cellW := math.Min(24, (r.width()-labelW)/float64(cols))
	cellH := 8.0
	f.SetY(f.GetY() + 2)
	r.need(7 + 6 + cellH*math.Min(4, float64(len(h.RowLabels))) + 8)
	r.chartTitle(title, false)
	y := f.GetY()
	r.font("B", 7.5)
	r.color(ink)
	for j, c := range colLabels {
		r.text(r.ml+labelW+float64(j)*cellW, y, cellW, 5, c, "C")
	}
	y += 5.5
	for i, rl := range h.RowLabels {
		if y+cellH > r.bot-8 {
			f.AddPage()
			f.SetY(r.top)
			r.chartTitle(title, true)
			y = f.GetY()
			r.font("B", 7.5)
			r.color(ink)
			for j, c := range colLabels {
				r.text(r.ml+labelW+float64(j)*cellW, y, cellW, 5, c, "C")
			}
			y += 5.5
		}
		r.font("", 8)
		r.color(ink)
		r.text(r.ml, y, labelW-2, cellH, r.fit(rl, labelW-3), "L")
		for j := range colLabels {
			x := r.ml + labelW + float64(j)*cellW
			v := math.NaN()
			if j < len(h.Values[i]) {
				v = h.Values[i][j]
			}
			r.draw(white)
			f.SetLineWidth(0.6)
			if math.IsNaN(v) {
				r.fill(rgb{240, 240, 240})
				f.Rect(x, y, cellW, cellH, "FD")
				r.font("", 7)
				r.color(muted)
				r.text(x, y, cellW, cellH, "–", "C")
				continue
			}
			rag := report.Green
			switch {
			case figure.AtLeast(v, h.Thresholds[0]):
				rag = report.Red
			case figure.AtLeast(v, h.Thresholds[1]):
				rag = report.Amber
			}
			bg, _ := ragColours(rag)
			r.fill(bg)
			f.Rect(x, y, cellW, cellH, "FD")
			r.font("B", 8)
			r.color(ink)
			if rag == report.Red {
				r.color(white)
			}
			r.text(x, y, cellW, cellH, ragSymbol(rag)+" "+h.Labels[i][j], "C")
		}
		y += cellH
	}
	r.font("", 6.5)
	r.color(muted)
	r.text(r.ml, y+1, r.width(), 4, fmt.Sprintf("■ %s or more   ▲ %s or more   ● below %s   – no work planned", pctS(h.Thresholds[0]), pctS(h.Thresholds[1]), pctS(h.Thresholds[1])), "L")
	f.SetY(y + 7)
}

func pctS(p float64) string { return figure.Percent(p) }

// ---- risk matrix ----

func (r *renderer) riskMatrix(title string, m *report.RiskMatrix) {
	f := r.f
	cell := 14.0
	if !r.b.Landscape {
		cell = 12
	}
	axisW := 36.0
	h := 7 + cell*5 + 18
	f.SetY(f.GetY() + 2)
	r.need(h)
	r.chartTitle(title, false)
	y0 := f.GetY() + 5
	x0 := r.ml + axisW
	for l := 5; l >= 1; l-- {
		y := y0 + float64(5-l)*cell
		r.font("", 6.5)
		r.color(ink)
		ls := r.lines(m.Likelihood[l-1], axisW-3)
		for k, s := range ls {
			r.text(r.ml, y+cell/2-float64(len(ls))*1.5+float64(k)*3, axisW-3, 3, s, "R")
		}
		for i := 1; i <= 5; i++ {
			x := x0 + float64(i-1)*cell
			rag := report.RiskRAG(l, i)
			bg, _ := ragColours(rag)
			r.fill(bg)
			r.draw(white)
			f.SetLineWidth(0.8)
			f.Rect(x, y, cell, cell, "FD")
			ids := m.Cells[l-1][i-1]
			if len(ids) > 0 {
				r.font("B", 7.5)
				r.color(ink)
				if rag == report.Red {
					r.color(white)
				}
				ls := r.lines(strings.Join(ids, ", "), cell-2)
				if float64(len(ls))*3.2 > cell-1 {
					// more numbers than the cell holds: their count (the
					// workbook's matrix lists them)
					ls = r.lines(fmt.Sprintf("%d risks", len(ids)), cell-2)
				}
				for k, s := range ls {
					r.text(x+1, y+cell/2-float64(len(ls))*1.6+float64(k)*3.2, cell-2, 3.2, s, "C")
				}
			}
		}
	}
	yb := y0 + 5*cell
	for i := 1; i <= 5; i++ {
		x := x0 + float64(i-1)*cell
		r.font("", 6)
		r.color(ink)
		ls := r.lines(m.Impact[i-1], cell)
		for k, s := range ls {
			r.text(x, yb+1+float64(k)*2.8, cell, 2.8, s, "C")
		}
	}
	r.font("B", 7)
	r.color(muted)
	r.text(x0, yb+10, cell*5, 4, "Impact if it happens →", "C")
	r.text(r.ml, y0-5, axisW-3, 4, "Likelihood ↑", "R")
	// Key beside the matrix: the colour bands, then the numbered risks.
	kx := x0 + 5*cell + 10
	kw := r.pw - r.mr - kx
	if kw > 60 {
		r.font("", 7.5)
		r.color(ink)
		ky := y0
		for _, s := range []struct {
			rag   report.RAG
			label string
		}{{report.Red, "High: likelihood × impact ≥ 12 — act now"}, {report.Amber, "Medium: 5 to 11 — mitigate and watch"}, {report.Green, "Low: up to 4 — monitor"}} {
			bg, fg := ragColours(s.rag)
			r.fill(bg)
			r.draw(fg)
			f.SetLineWidth(0.2)
			f.Rect(kx, ky+0.5, 6, 4, "FD")
			r.color(ink)
			r.text(kx+8, ky, kw-8, 5, ragSymbol(s.rag)+" "+s.label, "L")
			ky += 6
		}
		ky += 2
		lh := 3.6
		cols := 1
		if len(m.Key)*int(lh*10) > int((yb-ky)*10) && kw > 140 {
			cols = 2
		}
		colW := kw / float64(cols)
		perCol := (len(m.Key) + cols - 1) / cols
		r.font("", 7)
		for i, k := range m.Key {
			c, row := i/perCol, i%perCol
			y := ky + float64(row)*lh
			if y+lh > yb+14 {
				continue
			}
			x := kx + float64(c)*colW
			r.font("B", 7)
			r.color(navy)
			r.text(x, y, 6, lh, k[0], "R")
			r.font("", 7)
			r.color(ink)
			r.text(x+7, y, colW-9, lh, r.fit(k[1], colW-9), "L")
		}
	}
	f.SetY(yb + 16)
}

// ---- bar and line charts ----

// chartDPI is the resolution of the axis charts' images: print quality.
const chartDPI = 300

// seriesRow places up to three axis charts side by side: each title as
// text, each chart as a PNG that report/chart renders for its printed size
// (the charts of a row are rendered at the same time).
func (r *renderer) seriesRow(cs []*report.Chart) {
	f := r.f
	h := 62.0
	if !r.b.Landscape {
		h = 55
	}
	if len(cs) > 1 {
		h = 55
	}
	gap := 8.0
	w := (r.width() - gap*float64(len(cs)-1)) / float64(len(cs))
	// The titles take one or two lines; the charts start under the longest.
	r.font("B", 10)
	lines := 1
	for _, c := range cs {
		lines = max(lines, min(2, len(r.lines(c.Title, w))))
	}
	titleH := float64(lines)*4.5 + 1
	imgH := h - 2
	f.SetY(f.GetY() + 2)
	r.need(titleH + imgH + 2)
	y := f.GetY()
	imgs := r.seriesImages(cs, w, imgH)
	for i, c := range cs {
		x := r.ml + float64(i)*(w+gap)
		if !r.bookmarked[r.section+"/"+c.Title] {
			f.Bookmark(valid(c.Title), 1, y)
			r.bookmarked[r.section+"/"+c.Title] = true
		}
		r.font("B", 10)
		r.color(navy)
		ls := r.lines(c.Title, w)
		for k, l := range ls[:min(2, len(ls))] {
			r.text(x, y+float64(k)*4.5, w, 4.5, l, "L")
		}
		r.placeImage(c, imgs[i], x, y+titleH, w, imgH)
	}
	f.SetY(y + titleH + imgH + 2)
}

// seriesImage is one axis chart rendered for the page.
type seriesImage struct {
	png []byte
	err error
}

// seriesImages renders the charts cs, each w × h mm, concurrently. The
// measuring renderer renders nothing: only the height matters there.
func (r *renderer) seriesImages(cs []*report.Chart, w, h float64) []seriesImage {
	imgs := make([]seriesImage, len(cs))
	if r.measuring {
		return imgs
	}
	var wg sync.WaitGroup
	for i, c := range cs {
		if len(c.Series.Categories) == 0 {
			continue
		}
		pw := r.uniqueWidth(w)
		wg.Go(func() {
			imgs[i].png, imgs[i].err = chart.PNG(*c.Series, pw, h, chartDPI)
		})
	}
	wg.Wait()
	return imgs
}

// uniqueWidth returns the width, w or a few pixels more at chartDPI, at
// which to draw the document's next image. fpdf writes images sorted by
// pixel width, taking equal widths in map order: every image gets its own
// width (invisible at print: it is placed at w) so the PDF's bytes do not
// change between runs.
func (r *renderer) uniqueWidth(w float64) float64 {
	for r.imageWidths[int(math.Round(w*chartDPI/25.4))] {
		w += 25.4 / chartDPI
	}
	r.imageWidths[int(math.Round(w*chartDPI/25.4))] = true
	return w
}

// placeImage puts chart c's image at (x, y), w × h mm, under a stable name.
func (r *renderer) placeImage(c *report.Chart, img seriesImage, x, y, w, h float64) {
	if r.measuring {
		return
	}
	if len(c.Series.Categories) == 0 {
		r.font("I", 8)
		r.color(muted)
		r.text(x, y, w, 5, "No data for this chart.", "L")
		return
	}
	if img.err != nil {
		r.f.SetError(fmt.Errorf("chart %q: %w", c.Title, img.err))
		return
	}
	name := "chart-" + c.Name
	for n := 2; r.imageNames[name]; n++ {
		name = fmt.Sprintf("chart-%s-%d", c.Name, n)
	}
	r.imageNames[name] = true
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	r.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(img.png))
	r.f.ImageOptions(name, x, y, w, h, false, opt, 0, "")
}
