package chart

// Every chart of a briefing on its own, for a slide or for pasting into
// another document: Image gives a PNG (axis charts through go-chart, the
// timeline, heat map and risk matrix drawn here), SVG gives a vector file
// of any chart. Both draw the timeline, heat map and risk matrix through one
// small canvas, so the PNG and the SVG of a chart show the same thing.

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/math/fixed"

	"steerco/assets"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/typeface"
)

// canvas is what the vector charts are drawn on, in millimetres from the top
// left.
type canvas interface {
	rect(x, y, w, h float64, fill color.RGBA)
	line(x1, y1, x2, y2, width float64, c color.RGBA)
	// text draws s in the box (x, y, w, h), vertically centred, aligned
	// 'l', 'c' or 'r'.
	text(x, y, w, h float64, s string, pt float64, bold bool, c color.RGBA, align byte)
	measure(s string, pt float64, bold bool) float64 // width in mm
}

var (
	cInk     = color.RGBA{33, 37, 41, 255}
	cMuted   = color.RGBA{108, 117, 125, 255}
	cRule    = color.RGBA{200, 205, 212, 255}
	cWhite   = color.RGBA{255, 255, 255, 255}
	cNavy    = color.RGBA{24, 52, 92, 255}
	cLight   = color.RGBA{160, 175, 195, 255}
	cNone    = color.RGBA{240, 240, 240, 255}
	cRed     = color.RGBA{176, 32, 32, 255}
	cGreenBg = color.RGBA{214, 236, 212, 255}
	cAmberBg = color.RGBA{250, 190, 90, 255}
)

func ragFill(r report.RAG) (bg, fg color.RGBA) {
	switch r {
	case report.Green:
		return cGreenBg, color.RGBA{30, 110, 45, 255}
	case report.Amber:
		return cAmberBg, color.RGBA{140, 80, 0, 255}
	case report.Red:
		return cRed, cWhite
	}
	return cLight, cNavy
}

// Image renders chart c as a PNG of widthMM × heightMM at dpi dots per inch.
func Image(c *report.Chart, widthMM, heightMM float64, dpi int) ([]byte, error) {
	if c == nil {
		return nil, fmt.Errorf("no chart")
	}
	if c.Series != nil {
		return PNG(*c.Series, widthMM, heightMM, dpi)
	}
	if widthMM <= 0 || heightMM <= 0 || dpi <= 0 {
		return nil, fmt.Errorf("chart %s: the size must be positive", c.Name)
	}
	pc, err := newPNGCanvas(widthMM, heightMM, dpi)
	if err != nil {
		return nil, err
	}
	if err := drawVector(pc, c, widthMM, heightMM); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, pc.img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// SlideImage renders chart c for a slide area of widthMM × heightMM: an
// axis chart is drawn at half the size and twice the resolution (600 dpi),
// so its labels read at slide distance (twice their print size); the other
// charts, whose type is sized for the area, at 300 dpi.
func SlideImage(c *report.Chart, widthMM, heightMM float64) ([]byte, error) {
	if c != nil && c.Series != nil {
		return Image(c, widthMM/2, heightMM/2, 600)
	}
	return Image(c, widthMM, heightMM, 300)
}

// SVG renders chart c as an SVG document of widthMM × heightMM.
func SVG(c *report.Chart, widthMM, heightMM float64) ([]byte, error) {
	if c == nil {
		return nil, fmt.Errorf("no chart")
	}
	if widthMM <= 0 || heightMM <= 0 {
		return nil, fmt.Errorf("chart %s: the size must be positive", c.Name)
	}
	sc, err := newSVGCanvas()
	if err != nil {
		return nil, err
	}
	if c.Series != nil {
		if len(c.Series.Categories) == 0 {
			return nil, fmt.Errorf("chart %s has no categories", c.Name)
		}
		drawSeries(sc, c.Series, widthMM, heightMM)
	} else if err := drawVector(sc, c, widthMM, heightMM); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="%smm" height="%smm" viewBox="0 0 %s %s" font-family="Go, Helvetica, Arial, sans-serif">
<title>%s</title>
<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>
`, n(widthMM), n(heightMM), n(widthMM), n(heightMM), xmlEsc(c.Title), n(widthMM), n(heightMM))
	b.WriteString(sc.b.String())
	b.WriteString("</svg>\n")
	return b.Bytes(), nil
}

func drawVector(cv canvas, c *report.Chart, w, h float64) error {
	switch {
	case c.Timeline != nil:
		drawTimeline(cv, c.Timeline, w, h)
	case c.Heat != nil:
		drawHeat(cv, c.Heat, w, h)
	case c.Matrix != nil:
		drawMatrix(cv, c.Matrix, w, h)
	case c.Scatter != nil:
		drawScatter(cv, c.Scatter, w, h)
	default:
		return fmt.Errorf("chart %s has no data", c.Name)
	}
	return nil
}

func fitText(cv canvas, s string, pt float64, bold bool, w float64) string {
	if cv.measure(s, pt, bold) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && cv.measure(string(r)+"…", pt, bold) > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

func drawTimeline(cv canvas, tl *report.Timeline, w, h float64) {
	span := float64(tl.From.DaysUntil(tl.To) + 1)
	if span <= 0 {
		return
	}
	labelW := w * 0.3
	x0, plotW := labelW, w-labelW
	xOf := func(d plan.Date) float64 {
		return x0 + math.Max(0, math.Min(1, float64(tl.From.DaysUntil(d))/span))*plotW
	}
	lines := len(tl.Markers) + len(tl.Rows)
	axisH, legendH := 7.0, 7.0
	rowH := math.Min(9, (h-axisH-legendH)/math.Max(1, float64(lines)))
	pt := math.Min(11, rowH*2.2)
	yEnd := axisH + rowH*float64(lines)
	// Month grid and labels.
	months := 0
	for m := tl.From.MonthOf(); m <= tl.To.MonthOf(); m++ {
		months++
	}
	step := 1
	for float64(months)/float64(step)*16 > plotW {
		step++
	}
	for m := tl.From.MonthOf(); m <= tl.To.MonthOf(); m++ {
		x := xOf(m.First())
		cv.line(x, axisH-1, x, yEnd, 0.15, cRule)
		if int(m-tl.From.MonthOf())%step == 0 {
			label := m.First().Time().Format("Jan")
			if m.Month() == 1 || m == tl.From.MonthOf() {
				label = m.First().Time().Format("Jan 06")
			}
			cv.text(x, 0, xOf(m.Add(step).First())-x, axisH-1.5, label, 9, false, cMuted, 'c')
		}
	}
	cv.line(x0, axisH-1, x0+plotW, axisH-1, 0.3, cInk)
	y := axisH
	for _, m := range tl.Markers {
		_, fg := ragFill(m.RAG)
		if m.RAG == report.RAGNone {
			fg = cNavy
		}
		cv.text(1, y, labelW-2, rowH, fitText(cv, m.Label, pt, true, labelW-2), pt, true, cInk, 'l')
		x := xOf(m.Date)
		cv.line(x, y, x, yEnd, 0.5, fg)
		bg, _ := ragFill(m.RAG)
		cv.rect(x-1.2, y+rowH/2-1.2, 2.4, 2.4, bg)
		y += rowH
	}
	for _, r := range tl.Rows {
		cv.text(1, y, labelW-2, rowH, fitText(cv, r.Label, pt, false, labelW-2), pt, false, cInk, 'l')
		mid := y + rowH/2
		if !r.Start.IsZero() && r.Start < r.P50 {
			cv.line(xOf(r.Start), mid, xOf(r.P50), mid, 0.6, cLight)
		}
		bg, _ := ragFill(r.RAG)
		xa, xb := xOf(r.P50), xOf(r.P85)
		if xb-xa < 0.8 {
			xb = xa + 0.8
		}
		cv.rect(xa, y+rowH*0.2, xb-xa, rowH*0.6, bg)
		cv.line(xa, y+rowH*0.12, xa, y+rowH*0.88, 0.4, cInk)
		if !r.Target.IsZero() {
			xt := xOf(r.Target)
			cv.rect(xt-0.9, mid-0.9, 1.8, 1.8, cInk)
		}
		y += rowH
	}
	if !tl.Today.IsZero() && tl.Today >= tl.From && tl.Today <= tl.To {
		xt := xOf(tl.Today)
		cv.line(xt, axisH-1, xt, yEnd, 0.35, cRed)
	}
	legend := fmt.Sprintf("Bar: P50 to P%d finish · ■ target · red line: today", tl.Confidence)
	cv.text(x0, yEnd+1, plotW, legendH-1, legend, 9, false, cMuted, 'l')
}

func drawHeat(cv canvas, hm *report.HeatMap, w, h float64) {
	cols := len(hm.ColLabels)
	if hm.PDFCols > 0 {
		cols = min(cols, hm.PDFCols) // as the PDF: the nearest quarters
	}
	if cols == 0 || len(hm.RowLabels) == 0 {
		return
	}
	labelW := w * 0.28
	cellW := (w - labelW) / float64(cols)
	headH := 7.0
	cellH := math.Min(14, (h-headH)/float64(len(hm.RowLabels)))
	pt := math.Min(14, cellH*1.6)
	for j, c := range hm.ColLabels[:cols] {
		cv.text(labelW+float64(j)*cellW, 0, cellW, headH, c, math.Min(12, pt), true, cInk, 'c')
	}
	for i, rl := range hm.RowLabels {
		y := headH + float64(i)*cellH
		cv.text(0, y, labelW-1, cellH, fitText(cv, rl, pt, false, labelW-1), pt, false, cInk, 'l')
		for j := range cols {
			x := labelW + float64(j)*cellW
			v := math.NaN()
			if i < len(hm.Values) && j < len(hm.Values[i]) {
				v = hm.Values[i][j]
			}
			label := "–"
			if i < len(hm.Labels) && j < len(hm.Labels[i]) && hm.Labels[i][j] != "" {
				label = hm.Labels[i][j]
			}
			bg, fg := cNone, cMuted
			if !math.IsNaN(v) {
				rag := report.Green
				switch {
				case figure.AtLeast(v, hm.Thresholds[0]):
					rag = report.Red
				case figure.AtLeast(v, hm.Thresholds[1]):
					rag = report.Amber
				}
				bg, fg = ragFill(rag)
				if rag == report.Green {
					fg = cInk
				}
			}
			cv.rect(x+0.3, y+0.3, cellW-0.6, cellH-0.6, bg)
			cv.text(x, y, cellW, cellH, label, pt, false, fg, 'c')
		}
	}
}

func drawMatrix(cv canvas, m *report.RiskMatrix, w, h float64) {
	keyW := w * 0.45
	gridW := math.Min(w-keyW-12, h-14)
	cell := gridW / 5
	x0, y0 := 12.0, 2.0
	pt := math.Min(12, cell*1.2)
	for l := 5; l >= 1; l-- {
		y := y0 + float64(5-l)*cell
		cv.text(0, y, x0-1, cell, fmt.Sprint(l), pt, true, cMuted, 'r')
		for i := 1; i <= 5; i++ {
			x := x0 + float64(i-1)*cell
			bg := cGreenBg // the colours of the board pack's matrix (report.RiskRAG)
			switch report.RiskRAG(l, i) {
			case report.Red:
				bg = cRed
			case report.Amber:
				bg = cAmberBg
			}
			cv.rect(x+0.3, y+0.3, cell-0.6, cell-0.6, bg)
			fg := cInk
			if bg == cRed {
				fg = cWhite
			}
			ids := m.Cells[l-1][i-1]
			label := strings.Join(ids, ",")
			if cv.measure(label, pt, true) > cell-1 {
				label = fmt.Sprintf("%d risks", len(ids)) // more numbers than the cell holds
			}
			cv.text(x, y, cell, cell, fitText(cv, label, pt, true, cell-1), pt, true, fg, 'c')
		}
	}
	for i := 1; i <= 5; i++ {
		cv.text(x0+float64(i-1)*cell, y0+gridW, cell, 5, fmt.Sprint(i), pt, true, cMuted, 'c')
	}
	cv.text(x0, y0+gridW+5, gridW, 5, "Impact →", 10, false, cMuted, 'c')
	cv.text(0, y0+gridW+5, x0, 5, "Likelihood ↑", 8, false, cMuted, 'l')
	kx := x0 + gridW + 8
	kw := w - kx
	rowH := math.Min(7, (h-2)/math.Max(1, float64(len(m.Key))))
	kpt := math.Min(12, rowH*2)
	for j, k := range m.Key {
		y := y0 + float64(j)*rowH
		cv.text(kx, y, 8, rowH, k[0], kpt, true, cNavy, 'l')
		cv.text(kx+8, y, kw-8, rowH, fitText(cv, k[1], kpt, false, kw-8), kpt, false, cInk, 'l')
	}
}

// drawScatter draws the joint cost–schedule chart: a dot per trial, the
// plan point, the date and budget lines and the frontier.
func drawScatter(cv canvas, sc *report.ScatterChart, w, h float64) {
	if len(sc.Points) == 0 {
		return
	}
	lo, hi := sc.Points[0].Date, sc.Points[0].Date
	clo, chi := sc.Points[0].Amount.Float(), sc.Points[0].Amount.Float()
	grow := func(d plan.Date, m plan.Money) {
		if d.IsZero() {
			return
		}
		lo, hi = min(lo, d), max(hi, d)
		if !m.IsZero() {
			clo, chi = math.Min(clo, m.Float()), math.Max(chi, m.Float())
		}
	}
	for _, p := range sc.Points {
		grow(p.Date, p.Amount)
	}
	grow(sc.Target, sc.Budget)
	grow(sc.PlanFinish, sc.PlanCost)
	if chi <= clo {
		chi = clo + 1
	}
	step := niceStep((chi - clo) / 5)
	clo = math.Floor(clo/step) * step
	chi = math.Ceil(chi/step) * step
	span := float64(lo.DaysUntil(hi)) + 1
	axisW, xLabH := 24.0, 8.0
	x0, pw, ph := axisW, w-axisW-2, h-xLabH-4
	xOf := func(d plan.Date) float64 { return x0 + pw*float64(lo.DaysUntil(d))/span }
	yOf := func(v float64) float64 { return 2 + ph*(1-(v-clo)/(chi-clo)) }
	for v := clo; v <= chi+step/1e6; v += step {
		cv.line(x0, yOf(v), x0+pw, yOf(v), 0.15, cRule)
		cv.text(0, yOf(v)-3, axisW-2, 6, Tick(v, "money", sc.Currency, step), 9, false, cMuted, 'r')
	}
	for m := lo.MonthOf(); m <= hi.MonthOf(); m++ {
		if d := m.First(); d >= lo {
			cv.line(xOf(d), 2, xOf(d), 2+ph, 0.15, cRule)
			cv.text(xOf(d)-8, 2+ph+1, 16, xLabH-2, d.Time().Format("Jan 06"), 9, false, cMuted, 'c')
		}
	}
	dot := color.RGBA{90, 150, 210, 255}
	for _, p := range sc.Points {
		cv.rect(xOf(p.Date)-0.35, yOf(p.Amount.Float())-0.35, 0.7, 0.7, dot)
	}
	if !sc.Target.IsZero() {
		cv.line(xOf(sc.Target), 2, xOf(sc.Target), 2+ph, 0.4, cRed)
	}
	if !sc.Budget.IsZero() {
		cv.line(x0, yOf(sc.Budget.Float()), x0+pw, yOf(sc.Budget.Float()), 0.4, cRed)
	}
	for i := 1; i < len(sc.Frontier); i++ {
		a, b := sc.Frontier[i-1], sc.Frontier[i]
		cv.line(xOf(a.Date), yOf(a.Amount.Float()), xOf(b.Date), yOf(b.Amount.Float()), 0.5, cNavy)
	}
	if !sc.PlanFinish.IsZero() {
		cv.rect(xOf(sc.PlanFinish)-1.2, yOf(sc.PlanCost.Float())-1.2, 2.4, 2.4, cInk)
	}
}

// drawSeries draws an axis chart for the SVG (the PNG goes through
// go-chart): bars and lines over the categories, ticks from the same scale.
func drawSeries(cv canvas, c *report.SeriesChart, w, h float64) {
	lo, hi, step := yScale(*c)
	if hi <= lo {
		hi = lo + 1
	}
	axisW, legendH, xLabH := 22.0, 7.0, 7.0
	x0, pw := axisW, w-axisW-2
	ph := h - legendH - xLabH - 2
	yOf := func(v float64) float64 { return 2 + ph*(1-(v-lo)/(hi-lo)) }
	for v := lo; v <= hi+step/1e6; v += step {
		y := yOf(v)
		cv.line(x0, y, x0+pw, y, 0.15, cRule)
		cv.text(0, y-3, axisW-2, 6, Tick(v, c.Unit, c.Currency, step), 9, false, cMuted, 'r')
	}
	nc := len(c.Categories)
	cw := pw / float64(nc)
	every := max(1, int(math.Ceil(float64(nc)*14/pw)))
	for i, cat := range c.Categories {
		if i%every == 0 {
			cv.text(x0+float64(i)*cw-cw*float64(every)/2+cw/2, 2+ph+0.5, cw*float64(every), xLabH-1, cat, 9, false, cMuted, 'c')
		}
	}
	var bars []report.Series
	for _, s := range c.Series {
		if s.Bar {
			bars = append(bars, s)
		}
	}
	bi, li := 0, 0
	lx := x0
	for _, s := range c.Series {
		var col color.RGBA
		if s.Bar {
			col = rgba(barColors[bi%len(barColors)])
			bw := cw * 0.8 / float64(len(bars))
			for i, v := range s.Values {
				if math.IsNaN(v) {
					continue
				}
				x := x0 + float64(i)*cw + cw*0.1 + float64(bi)*bw
				y1, y2 := yOf(math.Max(v, lo)), yOf(math.Max(0, lo))
				cv.rect(x, math.Min(y1, y2), bw, math.Abs(y2-y1), col)
			}
			bi++
		} else {
			col = rgba(lineColors[li%len(lineColors)])
			px, py := math.NaN(), math.NaN()
			for i, v := range s.Values {
				if math.IsNaN(v) {
					px = math.NaN()
					continue
				}
				x, y := x0+float64(i)*cw+cw/2, yOf(v)
				if !math.IsNaN(px) {
					cv.line(px, py, x, y, 0.6, col)
				}
				px, py = x, y
			}
			li++
		}
		cv.rect(lx, h-legendH+2, 4, 2.6, col)
		cv.text(lx+5, h-legendH, 60, legendH, s.Name, 9, false, cInk, 'l')
		lx += 8 + cv.measure(s.Name, 9, false)
	}
	cv.line(x0, yOf(math.Max(0, lo)), x0+pw, yOf(math.Max(0, lo)), 0.3, cInk)
}

func rgba(c interface{ RGBA() (r, g, b, a uint32) }) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// ---- PNG ----

type pngCanvas struct {
	img      *image.RGBA
	px       float64 // pixels per mm
	reg, bld *truetype.Font
	faces    map[[2]float64]font.Face
}

func newPNGCanvas(wMM, hMM float64, dpi int) (*pngCanvas, error) {
	reg, err := goRegular()
	if err != nil {
		return nil, err
	}
	bld, err := truetype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	px := float64(dpi) / 25.4
	img := image.NewRGBA(image.Rect(0, 0, int(math.Round(wMM*px)), int(math.Round(hMM*px))))
	draw.Draw(img, img.Bounds(), image.NewUniform(cWhite), image.Point{}, draw.Src)
	return &pngCanvas{img: img, px: px, reg: reg, bld: bld, faces: map[[2]float64]font.Face{}}, nil
}

func (c *pngCanvas) face(pt float64, bold bool) font.Face {
	k := [2]float64{pt, 0}
	f := c.reg
	if bold {
		k[1], f = 1, c.bld
	}
	if fc, ok := c.faces[k]; ok {
		return fc
	}
	fc := truetype.NewFace(f, &truetype.Options{Size: pt, DPI: c.px * 25.4, Hinting: font.HintingNone})
	c.faces[k] = fc
	return fc
}

// The Go fonts have no Hebrew: a label with Hebrew (an item's title) is
// drawn in display order (bidi.Visual), its Hebrew letters in Noto Sans
// Hebrew, as the PDF draws them.
var hebrewFonts = sync.OnceValues(func() ([2]*truetype.Font, error) {
	reg, err := truetype.Parse(assets.HebrewRegular)
	if err != nil {
		return [2]*truetype.Font{}, err
	}
	bld, err := truetype.Parse(assets.HebrewBold)
	return [2]*truetype.Font{reg, bld}, err
})

// hebFace is the Hebrew face at pt points, nil when the fonts do not parse.
func (c *pngCanvas) hebFace(pt float64, bold bool) font.Face {
	k := [2]float64{pt, 2}
	if bold {
		k[1] = 3
	}
	if fc, ok := c.faces[k]; ok {
		return fc
	}
	fs, err := hebrewFonts()
	if err != nil {
		return nil
	}
	f := fs[0]
	if bold {
		f = fs[1]
	}
	fc := truetype.NewFace(f, &truetype.Options{Size: pt, DPI: c.px * 25.4, Hinting: font.HintingNone})
	c.faces[k] = fc
	return fc
}

// piece is a part of a label in display order, drawn in one face.
type piece struct {
	s  string
	fc font.Face
}

// pieces cuts s into the pieces to draw, left to right: s itself in the
// Go face when it has no right-to-left text and nothing only the Hebrew
// font has, else s in display order cut where the face changes
// (bidi.Runs).
func (c *pngCanvas) pieces(s string, pt float64, bold bool) []piece {
	goFace := c.face(pt, bold)
	if typeface.Plain(s) {
		return []piece{{s, goFace}}
	}
	hf := c.hebFace(pt, bold)
	var out []piece
	for _, r := range bidi.Runs(s, typeface.Hebrew) {
		fc := goFace
		if r.Alt {
			fc = hf
		}
		out = append(out, piece{r.Text, fc})
	}
	return out
}

func (c *pngCanvas) rect(x, y, w, h float64, fill color.RGBA) {
	r := image.Rect(int(math.Round(x*c.px)), int(math.Round(y*c.px)), int(math.Round((x+w)*c.px)), int(math.Round((y+h)*c.px)))
	draw.Draw(c.img, r, image.NewUniform(fill), image.Point{}, draw.Over)
}

func (c *pngCanvas) line(x1, y1, x2, y2, width float64, col color.RGBA) {
	half := math.Max(0.5, width*c.px/2)
	dx, dy := (x2-x1)*c.px, (y2-y1)*c.px
	steps := int(math.Max(math.Abs(dx), math.Abs(dy))) + 1
	u := image.NewUniform(col)
	for s := 0; s <= steps; s++ {
		t := float64(s) / float64(steps)
		cx, cy := x1*c.px+dx*t, y1*c.px+dy*t
		r := image.Rect(int(cx-half), int(cy-half), int(math.Ceil(cx+half)), int(math.Ceil(cy+half)))
		draw.Draw(c.img, r, u, image.Point{}, draw.Src)
	}
}

func (c *pngCanvas) measure(s string, pt float64, bold bool) float64 {
	return width(c.pieces(s, pt, bold)) / c.px
}

// width is the width of pieces in pixels.
func width(ps []piece) float64 {
	w := fixed.Int26_6(0)
	for _, p := range ps {
		w += font.MeasureString(p.fc, p.s)
	}
	return float64(w) / 64
}

func (c *pngCanvas) text(x, y, w, h float64, s string, pt float64, bold bool, col color.RGBA, align byte) {
	ps := c.pieces(s, pt, bold)
	tw := width(ps) / c.px
	tx := x
	switch align {
	case 'c':
		tx = x + (w-tw)/2
	case 'r':
		tx = x + w - tw
	}
	c.draw(ps, c.face(pt, bold), tx, y, h, col)
}

// draw draws pieces from x on, vertically centred in the line (y, h) by
// the metrics of face m.
func (c *pngCanvas) draw(ps []piece, m font.Face, x, y, h float64, col color.RGBA) {
	fm := m.Metrics()
	asc, desc := float64(fm.Ascent)/64/c.px, float64(fm.Descent)/64/c.px
	base := y + h/2 + (asc-desc)/2
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col),
		Dot: fixed.Point26_6{X: fixed.Int26_6(x * c.px * 64), Y: fixed.Int26_6(base * c.px * 64)}}
	for _, p := range ps {
		d.Face = p.fc
		d.DrawString(p.s) // (moves Dot to the end of the piece)
	}
}

// ---- SVG ----

type svgCanvas struct {
	b        strings.Builder
	measurer *pngCanvas // text widths from the same font
}

func newSVGCanvas() (*svgCanvas, error) {
	m, err := newPNGCanvas(1, 1, 254)
	if err != nil {
		return nil, err
	}
	return &svgCanvas{measurer: m}, nil
}

func hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func n(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func (c *svgCanvas) rect(x, y, w, h float64, fill color.RGBA) {
	fmt.Fprintf(&c.b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"/>`+"\n", x, y, w, h, hex(fill))
}

func (c *svgCanvas) line(x1, y1, x2, y2, width float64, col color.RGBA) {
	fmt.Fprintf(&c.b, `<line x1="%.2f" y1="%.2f" x2="%.2f" y2="%.2f" stroke="%s" stroke-width="%.2f"/>`+"\n", x1, y1, x2, y2, hex(col), width)
}

func (c *svgCanvas) measure(s string, pt float64, bold bool) float64 {
	return c.measurer.measure(s, pt, bold)
}

func (c *svgCanvas) text(x, y, w, h float64, s string, pt float64, bold bool, col color.RGBA, align byte) {
	anchor, tx := "start", x
	switch align {
	case 'c':
		anchor, tx = "middle", x+w/2
	case 'r':
		anchor, tx = "end", x+w
	}
	weight := ""
	if bold {
		weight = ` font-weight="bold"`
	}
	size := pt * 25.4 / 72
	fmt.Fprintf(&c.b, `<text x="%.2f" y="%.2f" font-size="%.2f"%s fill="%s" text-anchor="%s">%s</text>`+"\n", tx, y+h/2+size*0.35, size, weight, hex(col), anchor, xmlEsc(s))
}

func xmlEsc(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	return r.Replace(s)
}
