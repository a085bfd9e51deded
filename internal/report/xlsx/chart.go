package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"steerco/internal/figure"
	"steerco/internal/report"
)

// chart writes a chart's data as a table starting at row (column A) and,
// where Excel can draw it, a native chart anchored at (chartCol, *chartRow).
// It returns the last row of the data.
func (x *writer) chart(sheet string, row, chartCol int, chartRow *int, c *report.Chart) (int, error) {
	switch c.Kind {
	case report.ChartSeries:
		if c.Series == nil {
			return row, nil
		}
		return x.seriesChart(sheet, row, chartCol, chartRow, c)
	case report.ChartHeatMap:
		if c.Heat == nil {
			return row, nil
		}
		return x.heatMap(sheet, row, chartCol, chartRow, c)
	case report.ChartRiskMatrix:
		if c.Matrix == nil {
			return row, nil
		}
		return x.riskMatrix(sheet, row, c)
	case report.ChartTimeline:
		if c.Timeline == nil {
			return row, nil
		}
		return x.timeline(sheet, row, c)
	case report.ChartScatter:
		if c.Scatter == nil || len(c.Scatter.Points) == 0 {
			return row, nil
		}
		return x.scatter(sheet, row, chartCol, chartRow, c)
	}
	return row, nil
}

func ref(sheet string, c1, r1, c2, r2 int) string {
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), colName(c1), r1, colName(c2), r2)
}

func (x *writer) seriesChart(sheet string, row, chartCol int, chartRow *int, c *report.Chart) (int, error) {
	sc := c.Series
	t := &report.Table{Name: "Data" + c.Name, Title: c.Title + " — chart data",
		Columns: []report.Column{{Title: "Period", Kind: report.KText}}}
	for _, s := range sc.Series {
		k := report.KNumber
		if sc.Unit == "percent" {
			k = report.KNumber
		}
		t.Columns = append(t.Columns, report.Column{Title: s.Name, Kind: k})
	}
	for i, cat := range sc.Categories {
		r := report.Row{Cells: []report.Cell{report.Text(cat)}}
		for _, s := range sc.Series {
			if i < len(s.Values) && !math.IsNaN(s.Values[i]) {
				v := report.Number(s.Values[i], 1)
				if sc.Unit == "money" {
					v.Decimals = 0
				}
				r.Cells = append(r.Cells, v)
			} else {
				r.Cells = append(r.Cells, report.Empty())
			}
		}
		t.Rows = append(t.Rows, r)
	}
	last, err := x.table(sheet, row, t, true)
	if err != nil {
		return 0, err
	}
	head := row + 1
	first, lastData := head+1, head+len(sc.Categories)
	var bars, lines []excelize.ChartSeries
	for i, s := range sc.Series {
		cs := excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), colName(i+2), head),
			Categories: ref(sheet, 1, first, 1, lastData),
			Values:     ref(sheet, i+2, first, i+2, lastData),
		}
		if s.Bar {
			bars = append(bars, cs)
		} else {
			cs.Marker = excelize.ChartMarker{Symbol: "circle", Size: 4}
			lines = append(lines, cs)
		}
	}
	numFmt := "#,##0"
	if sc.Unit == "percent" {
		numFmt = `0"%"`
	}
	vary := false
	mk := func(typ excelize.ChartType, series []excelize.ChartSeries) *excelize.Chart {
		return &excelize.Chart{
			VaryColors:   &vary,
			Type:         typ,
			Series:       series,
			Title:        excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
			Legend:       excelize.ChartLegend{Position: "bottom"},
			Dimension:    excelize.ChartDimension{Width: 640, Height: 300},
			YAxis:        excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: numFmt}},
			PlotArea:     excelize.ChartPlotArea{ShowVal: false},
			ShowBlanksAs: "gap",
		}
	}
	var primary *excelize.Chart
	var combo []*excelize.Chart
	switch {
	case len(bars) > 0:
		primary = mk(excelize.Col, bars)
		if len(lines) > 0 {
			combo = append(combo, mk(excelize.Line, lines))
		}
	case len(lines) > 0:
		primary = mk(excelize.Line, lines)
	default:
		return last, nil
	}
	if err := x.f.AddChart(sheet, cellName(chartCol, *chartRow), primary, combo...); err != nil {
		return 0, err
	}
	*chartRow += 17
	return last, nil
}

func (x *writer) heatMap(sheet string, row, chartCol int, chartRow *int, c *report.Chart) (int, error) {
	h := c.Heat
	t := &report.Table{Name: "Data" + c.Name, Title: c.Title,
		Columns: []report.Column{{Title: h.RowTitle, Kind: report.KText}}}
	for _, cl := range h.ColLabels {
		t.Columns = append(t.Columns, report.Column{Title: cl, Kind: report.KPercent})
	}
	for i, rl := range h.RowLabels {
		r := report.Row{Cells: []report.Cell{report.Text(rl)}}
		for j := range h.ColLabels {
			if j < len(h.Values[i]) && !math.IsNaN(h.Values[i][j]) {
				r.Cells = append(r.Cells, report.Percent(h.Values[i][j]))
			} else {
				r.Cells = append(r.Cells, report.Empty())
			}
		}
		t.Rows = append(t.Rows, r)
	}
	last, err := x.table(sheet, row, t, true)
	if err != nil {
		return 0, err
	}
	head := row + 1
	if len(h.RowLabels) > 0 && len(h.ColLabels) > 0 {
		// Colour the grid like the PDF: high probability of over-commitment is red.
		rng := fmt.Sprintf("%s:%s", cellName(2, head+1), cellName(1+len(h.ColLabels), head+len(h.RowLabels)))
		red, amber, green := x.cond("red"), x.cond("amber"), x.cond("green")
		// Thresholds compare the value as shown (figure.ExcelShown).
		hi, mid := fmt.Sprint(h.Thresholds[0]), fmt.Sprint(h.Thresholds[1])
		top := cellName(2, head+1)
		shown := figure.ExcelShown(top)
		if err := x.f.SetConditionalFormat(sheet, rng, []excelize.ConditionalFormatOptions{
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", top, shown, hi), Format: &red, StopIfTrue: true},
			{Type: "formula", Criteria: fmt.Sprintf("AND(ISNUMBER(%s),%s>=%s)", top, shown, mid), Format: &amber, StopIfTrue: true},
			{Type: "formula", Criteria: fmt.Sprintf("ISNUMBER(%s)", top), Format: &green},
		}); err != nil {
			return 0, err
		}
		// A native chart: probability of over-commitment by quarter, one series per team.
		var series []excelize.ChartSeries
		for i := range h.RowLabels {
			r := head + 1 + i
			series = append(series, excelize.ChartSeries{
				Name:       fmt.Sprintf("'%s'!$A$%d", strings.ReplaceAll(sheet, "'", "''"), r),
				Categories: ref(sheet, 2, head, 1+len(h.ColLabels), head),
				Values:     ref(sheet, 2, r, 1+len(h.ColLabels), r),
			})
		}
		one, zero := 1.0, 0.0
		vary := false
		if err := x.f.AddChart(sheet, cellName(chartCol, *chartRow), &excelize.Chart{
			Type: excelize.Col, Series: series, VaryColors: &vary,
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
			Legend:    excelize.ChartLegend{Position: "bottom"},
			Dimension: excelize.ChartDimension{Width: 640, Height: 300},
			YAxis:     excelize.ChartAxis{MajorGridLines: true, Maximum: &one, Minimum: &zero, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0%"}},
		}); err != nil {
			return 0, err
		}
		*chartRow += 17
	}
	return last, nil
}

func (x *writer) riskMatrix(sheet string, row int, c *report.Chart) (int, error) {
	m := c.Matrix
	f := x.f
	if err := x.str(sheet, 1, row, c.Title); err != nil {
		return 0, err
	}
	f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), x.style("h2"))
	head := row + 1
	x.str(sheet, 1, head, "Likelihood \\ Impact")
	for i := 1; i <= 5; i++ {
		x.str(sheet, 1+i, head, fmt.Sprintf("%d %s", i, m.Impact[i-1]))
	}
	f.SetCellStyle(sheet, cellName(1, head), cellName(6, head), x.style("header"))
	for l := 5; l >= 1; l-- {
		r := head + 1 + (5 - l)
		x.str(sheet, 1, r, fmt.Sprintf("%d %s", l, m.Likelihood[l-1]))
		f.SetCellStyle(sheet, cellName(1, r), cellName(1, r), x.style("bold"))
		for i := 1; i <= 5; i++ {
			ids := m.Cells[l-1][i-1]
			ref := cellName(1+i, r)
			if len(ids) > 0 {
				x.str(sheet, 1+i, r, "#"+strings.Join(ids, ", #"))
			}
			st := "rag-green"
			switch report.RiskRAG(l, i) {
			case report.Red:
				st = "rag-red"
			case report.Amber:
				st = "rag-amber"
			}
			f.SetCellStyle(sheet, ref, ref, x.style(st))
		}
	}
	last := head + 5
	if c.Note != "" {
		last++
		x.str(sheet, 1, last, c.Note)
	}
	for i := 2; i <= 6; i++ {
		cur, _ := f.GetColWidth(sheet, colName(i))
		if cur < 18 {
			f.SetColWidth(sheet, colName(i), colName(i), 18)
		}
	}
	return last, nil
}

func (x *writer) timeline(sheet string, row int, c *report.Chart) (int, error) {
	tl := c.Timeline
	conf := fmt.Sprintf("P%d", tl.Confidence)
	t := &report.Table{Name: "Data" + c.Name, Title: "Roadmap by team (P50 to " + conf + ")",
		Columns: []report.Column{{Title: "Team", Kind: report.KText}, {Title: "Item", Kind: report.KText, Width: 2.5},
			{Title: "Start P50", Kind: report.KDate}, {Title: "Finish P50", Kind: report.KDate}, {Title: "Finish " + conf, Kind: report.KDate},
			{Title: "Target", Kind: report.KDate}, {Title: "Status", Kind: report.KRAG}, {Title: "Slip driven by", Kind: report.KText, Width: 2.5}}}
	for _, r := range tl.Rows {
		t.Rows = append(t.Rows, report.Row{Cells: []report.Cell{report.Text(r.Group), report.Text(r.Label), report.DateCell(r.Start),
			report.DateCell(r.P50), report.DateCell(r.P85), report.DateCell(r.Target), report.RAGCell(r.RAG), report.Text(r.Driver)}})
	}
	return x.table(sheet, row, t, true)
}

// scatter writes the JCL scatter's data (one row per sampled trial, with
// the frontier and the plan point beside it) and a native scatter chart of
// it: the trials as dots, the frontier as a line, the plan point.
func (x *writer) scatter(sheet string, row, chartCol int, chartRow *int, c *report.Chart) (int, error) {
	sc := c.Scatter
	t := &report.Table{Name: "Data" + c.Name, Title: c.Title + " — chart data",
		Columns: []report.Column{{Title: "Trial finish", Kind: report.KDate}, {Title: "Trial cost to complete", Kind: report.KMoney},
			{Title: "Frontier date", Kind: report.KDate}, {Title: "Frontier budget", Kind: report.KMoney},
			{Title: "Plan point finish", Kind: report.KDate}, {Title: "Plan point cost", Kind: report.KMoney}}}
	for i, p := range sc.Points {
		r := report.Row{Cells: []report.Cell{report.DateCell(p.Date), report.MoneyCell(p.Amount), report.Empty(), report.Empty(), report.Empty(), report.Empty()}}
		if i < len(sc.Frontier) {
			r.Cells[2], r.Cells[3] = report.DateCell(sc.Frontier[i].Date), report.MoneyCell(sc.Frontier[i].Amount)
		}
		if i == 0 {
			r.Cells[4], r.Cells[5] = report.DateCell(sc.PlanFinish), report.MoneyCell(sc.PlanCost)
		}
		t.Rows = append(t.Rows, r)
	}
	last, err := x.table(sheet, row, t, true)
	if err != nil {
		return 0, err
	}
	head := row + 1
	first, lastData := head+1, head+len(sc.Points)
	name := func(col int) string {
		return fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), colName(col), head)
	}
	series := []excelize.ChartSeries{{Name: name(2), Categories: ref(sheet, 1, first, 1, lastData), Values: ref(sheet, 2, first, 2, lastData),
		Marker: excelize.ChartMarker{Symbol: "circle", Size: 2}, Line: excelize.LineOptions{Type: excelize.LineNone}}}
	if n := len(sc.Frontier); n > 0 {
		series = append(series, excelize.ChartSeries{Name: name(4), Categories: ref(sheet, 3, first, 3, first+n-1), Values: ref(sheet, 4, first, 4, first+n-1),
			Marker: excelize.ChartMarker{Symbol: "none"}, Line: excelize.LineOptions{Type: excelize.LineSolid, Width: 2}})
	}
	series = append(series, excelize.ChartSeries{Name: name(6), Categories: ref(sheet, 5, first, 5, first), Values: ref(sheet, 6, first, 6, first),
		Marker: excelize.ChartMarker{Symbol: "diamond", Size: 9}, Line: excelize.LineOptions{Type: excelize.LineNone}})
	vary := false
	ch := &excelize.Chart{
		VaryColors: &vary,
		Type:       excelize.Scatter,
		Series:     series,
		Title:      excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title}}},
		Legend:     excelize.ChartLegend{Position: "bottom"},
		Dimension:  excelize.ChartDimension{Width: 720, Height: 360},
		XAxis:      excelize.ChartAxis{NumFmt: excelize.ChartNumFmt{CustomNumFmt: figure.ExcelDateFormat}},
		YAxis:      excelize.ChartAxis{MajorGridLines: true, NumFmt: excelize.ChartNumFmt{CustomNumFmt: "#,##0"}},
	}
	if err := x.f.AddChart(sheet, cellName(chartCol, *chartRow), ch); err != nil {
		return 0, err
	}
	*chartRow += 20
	return last, nil
}
