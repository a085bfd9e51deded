package pdf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"steerco/internal/figure"
	"steerco/internal/report"
	"steerco/internal/report/chart"
)

// Slide pages: 13.333 × 7.5 in (16:9), the PowerPoint widescreen size.
const (
	slideWmm = 338.667
	slideHmm = 190.5
	slideM   = 12.7 // side margin, 0.5 in
	ptMM     = 25.4 / 72
)

// RenderSlides writes the slides of b (report.Slides) as a PDF of 16:9
// pages to w, one slide a page: titles at 28 pt, body text at 14 pt or
// more, charts as 300 dpi images (the same pictures as the PowerPoint's).
func RenderSlides(w io.Writer, b *report.Briefing) error {
	return renderSlides(context.Background(), w, b)
}

// renderSlides is RenderSlides, stopping with ctx.Err() when ctx is
// cancelled: it looks before each slide.
func renderSlides(ctx context.Context, w io.Writer, b *report.Briefing) error {
	slides := report.Slides(b)
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: slideWmm, Ht: slideHmm}})
	r := &renderer{f: f, b: b, ml: slideM, mr: slideM, bookmarked: map[string]bool{}, lh: lineNormal, py: padNormal,
		imageNames: map[string]bool{}, imageWidths: map[int]bool{}}
	r.pw, r.ph = f.GetPageSize()
	r.top, r.bot = slideM, r.ph-10
	f.SetMargins(r.ml, r.top, r.mr)
	f.SetAutoPageBreak(false, 0)
	document(f, b)
	for i := range slides {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.slide(i+1, len(slides), &slides[i]); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.PageNo() == 0 {
		f.AddPage()
	}
	if f.Err() {
		return fmt.Errorf("render pdf: %w", f.Error())
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// para writes s wrapped in width w at size pt from y; it returns the y under it.
func (r *renderer) para(x, y, w float64, s string, style string, pt float64, c rgb, maxLines int) float64 {
	r.font(style, pt)
	r.color(c)
	lh := pt * ptMM * 1.2
	ls := r.lines(s, w)
	if maxLines > 0 && len(ls) > maxLines {
		ls = append(ls[:maxLines-1], r.fit(strings.Join(ls[maxLines-1:], " "), w))
	}
	for _, l := range ls {
		r.text(x, y, w, lh, l, "L")
		y += lh
	}
	return y
}

func (r *renderer) slide(i, n int, sl *report.Slide) error {
	f := r.f
	f.AddPage()
	if !r.bookmarked[sl.Subtitle] {
		f.Bookmark(valid(sl.Subtitle), 0, 0)
		r.bookmarked[sl.Subtitle] = true
	}
	w := r.pw - 2*slideM
	if sl.Kind == report.SecCover {
		r.fill(navy)
		f.Rect(0, 0, r.pw, r.ph*0.45, "F")
		r.font("B", 44)
		r.color(white)
		r.text(slideM, r.ph*0.45-26, w, 20, sl.Title, "L")
		y := r.ph*0.5 + 4
		y = r.para(slideM, y, w, r.b.Portfolio, "", 24, ink, 2)
		if sl.Cover != nil && sl.Cover.Subtitle != "" {
			y = r.para(slideM, y+2, w, sl.Cover.Subtitle, "", 18, muted, 2)
		}
		r.para(slideM, y+2, w, "As of "+figure.Date(r.b.AsOf), "", 18, muted, 1)
		r.slideFooter(i, n)
		return nil
	}
	r.para(slideM, 7, w, strings.ToUpper(sl.Subtitle), "B", 14, muted, 1)
	y := r.para(slideM, 14, w, sl.Title, "B", 28, navy, 3) + 2
	for _, b := range sl.Body {
		y = r.para(slideM, y, w, b, "", 16, ink, 2) + 1
	}
	if len(sl.KPIs) > 0 {
		k := float64(len(sl.KPIs))
		gap := 3.2
		tw := (w - gap*(k-1)) / k
		th := 28.0
		for j, kp := range sl.KPIs {
			x := slideM + float64(j)*(tw+gap)
			r.fill(zebra)
			f.Rect(x, y+2, tw, th, "F")
			r.fill(navy)
			f.Rect(x, y+2, 1.2, th, "F")
			r.font("", 14)
			r.color(muted)
			r.text(x+3, y+3, tw-4, 7, r.fit(kp.Label, tw-4), "L")
			r.font("B", 28)
			r.color(navy)
			r.text(x+3, y+10, tw-4, 11, r.fit(kp.Value.String(), tw-4), "L")
			r.font("", 14)
			r.color(muted)
			r.text(x+3, y+21.5, tw-4, 7, r.fit(kp.Note, tw-4), "L")
		}
		y += th + 6
	}
	bottom := r.ph - 11
	switch {
	case sl.Decision != nil:
		r.slideDecision(sl.Decision, y, bottom)
	case sl.Chart != nil:
		// (drawn a pixel wider than the next at most, see uniqueWidth;
		// SlideImage's pixels are chartDPI's)
		png, err := chart.SlideImage(sl.Chart, r.uniqueWidth(w), bottom-y)
		if err != nil {
			return fmt.Errorf("slide %d chart %s: %w", i, sl.Chart.Name, err)
		}
		name := fmt.Sprintf("slide-chart-%d", i)
		f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
		f.ImageOptions(name, slideM, y, w, bottom-y, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	case sl.Table != nil:
		r.slideTable(sl.Table, y, bottom)
	}
	r.slideFooter(i, n)
	return nil
}

func (r *renderer) slideFooter(i, n int) {
	foot := report.SlideFooter(r.b, i, n)
	r.font("", 12)
	r.color(muted)
	r.text(slideM, r.ph-9, r.pw-2*slideM, 6, foot, "R")
}

func (r *renderer) slideTable(t *report.Table, y, bottom float64) {
	f := r.f
	w := r.pw - 2*slideM
	var weights []float64
	total := 0.0
	for _, c := range t.Columns {
		wt := c.Width
		if wt <= 0 {
			wt = 1
		}
		weights = append(weights, wt)
		total += wt
	}
	rowH := min(9.5, (bottom-y-8)/float64(len(t.Rows)+1))
	pt := min(14.0, max(14.0, rowH/ptMM/1.25))
	draw := func(cells []string, kinds []report.CellKind, bg []rgb, fg []rgb, bold bool) {
		x := slideM
		for j, s := range cells {
			cw := w * weights[j] / total
			r.fill(bg[j])
			f.Rect(x, y, cw, rowH, "F")
			style := ""
			if bold {
				style = "B"
			}
			r.font(style, pt)
			r.color(fg[j])
			al := "L"
			if kinds[j] == report.KMoney || kinds[j] == report.KNumber || kinds[j] == report.KPercent {
				al = "R"
			}
			r.text(x+1.5, y, cw-3, rowH, r.fit(s, cw-3), al)
			x += cw
		}
		r.draw(rule)
		f.SetLineWidth(0.2)
		f.Line(slideM, y+rowH, slideM+w, y+rowH)
		y += rowH
	}
	nc := len(t.Columns)
	heads, kinds := make([]string, nc), make([]report.CellKind, nc)
	hb, hf := make([]rgb, nc), make([]rgb, nc)
	for j, c := range t.Columns {
		heads[j], kinds[j], hb[j], hf[j] = c.Title, c.Kind, navy, white
	}
	draw(heads, kinds, hb, hf, true)
	for ri, row := range t.Rows {
		cells := make([]string, nc)
		bg, fg := make([]rgb, nc), make([]rgb, nc)
		for j := range t.Columns {
			bg[j], fg[j] = white, ink
			if ri%2 == 1 {
				bg[j] = zebra
			}
			if j < len(row.Cells) {
				c := row.Cells[j]
				cells[j] = c.String()
				if c.Kind == report.KRAG {
					bg[j], fg[j] = ragColours(c.RAG)
					if c.RAG == report.Red {
						fg[j] = white
					}
					cells[j] = ragSymbol(c.RAG) + " " + cells[j]
				}
				if c.Kind == report.KPercent && t.Columns[j].RAGThresholds != nil {
					th := figure.Thresholds{Green: t.Columns[j].RAGThresholds[0], Amber: t.Columns[j].RAGThresholds[1]}
					bg[j], fg[j] = ragColours(th.Of(c.Num))
					if th.Of(c.Num) == report.Red {
						fg[j] = white
					}
				}
			}
		}
		draw(cells, kinds, bg, fg, false)
	}
	if t.Note != "" {
		r.para(slideM, y+1.5, w, t.Note, "", 14, muted, 1)
	}
}

func (r *renderer) slideDecision(d *report.Decision, y, bottom float64) {
	f := r.f
	w := r.pw - 2*slideM
	if len(d.Chain) > 0 {
		y = r.para(slideM, y, w, "The chain that drives the date (working days each link adds at P85)", "B", 14, muted, 1) + 1
		k := float64(len(d.Chain))
		aw := 7.6
		bw := (w - aw*(k-1)) / k
		bh := 33.0
		for j, l := range d.Chain {
			x := slideM + float64(j)*(bw+aw)
			r.fill(zebra)
			if j == len(d.Chain)-1 {
				r.fill(groupBg)
			}
			f.Rect(x, y, bw, bh, "F")
			yy := r.para(x+2, y+1.5, bw-4, l.Label, "B", 14, navy, 2)
			yy = r.para(x+2, yy, bw-4, l.Team, "", 14, muted, 1)
			yy = r.para(x+2, max(yy, y+bh-13), bw-4, "+"+figure.WorkingDays(float64(l.Days)), "B", 14, ink, 1)
			r.para(x+2, yy, bw-4, "P85 "+figure.Date(l.P85), "", 14, muted, 1)
			if j < len(d.Chain)-1 {
				r.fill(barLight)
				cx, cy := x+bw+aw/2, y+bh/2
				f.Polygon([]fpdf.PointType{{X: cx - 2.5, Y: cy - 3}, {X: cx + 2.5, Y: cy}, {X: cx - 2.5, Y: cy + 3}}, "F")
			}
		}
		y += bh + 4
	}
	if len(d.Options) > 0 && y < bottom-12 {
		k := float64(len(d.Options))
		gap := 3.2
		ow := (w - gap*(k-1)) / k
		for j, o := range d.Options {
			x := slideM + float64(j)*(ow+gap)
			r.fill(zebra)
			f.Rect(x, y, ow, bottom-y, "F")
			cost := report.NoPricedCost
			if c := o.CostWords(); c != "" {
				cost = "Cost " + c
			}
			yy := r.para(x+2, y+1.5, ow-4, fmt.Sprintf("Option %d: %s", j+1, o.Short), "B", 14, navy, 3)
			r.para(x+2, yy, ow-4, fmt.Sprintf("%s · chance %s → %s", cost, figure.Percent(o.Before), figure.Percent(o.After))+expectedTail(o), "", 14, ink, 2)
		}
	}
}

// chainDiagram draws the decision's chain at print size in the pre-read:
// a box per link (its name, team, the working days it adds and its P85)
// joined by arrows, above the chain's table.
func (r *renderer) chainDiagram(d *report.Decision) {
	if len(d.Chain) == 0 {
		return
	}
	f := r.f
	w := r.width()
	bh := 21.0
	r.need(bh + 10)
	y := f.GetY() + 1
	y = r.para(r.ml, y, w, "The chain that drives the date (working days each link adds at P85)", "B", 9, muted, 1) + 1
	k := float64(len(d.Chain))
	aw := 6.0
	bw := (w - aw*(k-1)) / k
	for j, l := range d.Chain {
		x := r.ml + float64(j)*(bw+aw)
		r.fill(zebra)
		if j == len(d.Chain)-1 {
			r.fill(groupBg)
		}
		f.Rect(x, y, bw, bh, "F")
		yy := r.para(x+1.5, y+1.2, bw-3, l.Label, "B", 8.5, navy, 2)
		yy = r.para(x+1.5, yy, bw-3, l.Team, "", 8, muted, 1)
		yy = r.para(x+1.5, max(yy, y+bh-8), bw-3, "+"+figure.WorkingDays(float64(l.Days)), "B", 8.5, ink, 1)
		r.para(x+1.5, yy, bw-3, "P85 "+figure.Date(l.P85), "", 8, muted, 1)
		if j < len(d.Chain)-1 {
			r.fill(barLight)
			cx, cy := x+bw+aw/2, y+bh/2
			f.Polygon([]fpdf.PointType{{X: cx - 2, Y: cy - 2.5}, {X: cx + 2, Y: cy}, {X: cx - 2, Y: cy + 2.5}}, "F")
		}
	}
	f.SetY(y + bh + 4)
}

// expectedTail is " · expected penalty −USD 150k" for a saved option whose
// portfolio states a penalty, else "".
func expectedTail(o report.DecisionOption) string {
	if e := o.ExpectedWords(); e != "" {
		return " · expected penalty " + e
	}
	return ""
}
