package pdf

import (
	"math"

	"codeberg.org/go-pdf/fpdf"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
)

// scatter draws the joint cost–schedule chart with fpdf's primitives: one
// dot per sampled trial (finish date across, cost to complete up; dots by
// the date and within budget in green), the plan point, the date and
// budget lines (dashed) and the frontier (a stepped line), with the note
// that the frontier is not a menu of trades.
func (r *renderer) scatter(title, note string, sc *report.ScatterChart) {
	f := r.f
	if len(sc.Points) == 0 {
		return
	}
	h := 70.0
	if !r.b.Landscape {
		h = 85
	}
	f.SetY(f.GetY() + 2)
	r.need(7 + h + 16)
	r.chartTitle(title, false)
	top := f.GetY() + 2
	left := r.ml + 22
	w := math.Min(r.width()-24, 190)
	bot := top + h
	// Ranges: the dots, the plan point and the frontier; the date and
	// budget lines only when near (else a label at the edge says where).
	d0, d1 := sc.Points[0].Date, sc.Points[0].Date
	c0, c1 := sc.Points[0].Amount.Float(), sc.Points[0].Amount.Float()
	for _, p := range append(append([]report.ScatterPoint{{Date: sc.PlanFinish, Amount: sc.PlanCost}}, sc.Points...), sc.Frontier...) {
		d0, d1 = min(d0, p.Date), max(d1, p.Date)
		c0, c1 = math.Min(c0, p.Amount.Float()), math.Max(c1, p.Amount.Float())
	}
	span := math.Max(float64(d1-d0), 1)
	if t := sc.Target; !t.IsZero() && float64(t-d1) < span*0.3 && float64(d0-t) < span*0.3 {
		d0, d1 = min(d0, t), max(d1, t)
	}
	cspan := math.Max(c1-c0, 1)
	bud := sc.Budget.Float()
	if !sc.Budget.IsZero() && bud-c1 < cspan*0.3 && c0-bud < cspan*0.3 {
		c0, c1 = math.Min(c0, bud), math.Max(c1, bud)
	}
	pad := (c1 - c0) * 0.05
	c0, c1 = c0-pad, c1+pad
	dpad := math.Max(float64(d1-d0)*0.03, 1)
	x := func(d plan.Date) float64 { return left + (float64(d)-float64(d0)+dpad)/(float64(d1-d0)+2*dpad)*w }
	y := func(c float64) float64 { return bot - (c-c0)/math.Max(c1-c0, 1e-9)*h }
	// Frame and ticks.
	r.draw(rule)
	f.SetLineWidth(0.2)
	f.Rect(left, top, w, h, "D")
	r.font("", 6.5)
	r.color(muted)
	for i := 0; i <= 4; i++ {
		c := c0 + (c1-c0)*float64(i)/4
		yy := y(c)
		f.Line(left-1, yy, left, yy)
		m, _ := plan.RoundMoney(c, sc.Currency)
		r.text(r.ml, yy-2, 21, 4, figure.MoneyShort(m), "R")
		d := plan.Date(math.Round(float64(d0) + float64(d1-d0)*float64(i)/4))
		xx := x(d)
		f.Line(xx, bot, xx, bot+1)
		r.text(xx-15, bot+1, 30, 4, figure.Date(d), "C")
	}
	// Dots: green when by the date and within budget.
	f.SetLineWidth(0.1)
	for _, p := range sc.Points {
		in := (sc.Target.IsZero() || p.Date <= sc.Target) && (sc.Budget.IsZero() || p.Amount.Minor <= sc.Budget.Minor)
		if in {
			r.fill(greenFg)
			r.draw(greenFg)
		} else {
			r.fill(barLight)
			r.draw(barLight)
		}
		f.Circle(x(p.Date), y(p.Amount.Float()), 0.45, "F")
	}
	// The date and budget lines, dashed.
	r.draw(redFg)
	f.SetLineWidth(0.35)
	f.SetDashPattern([]float64{1.2, 0.8}, 0)
	r.font("B", 6.5)
	r.color(redFg)
	if t := sc.Target; !t.IsZero() {
		if t >= d0 && t <= d1 {
			f.Line(x(t), top, x(t), bot)
			r.text(x(t)+0.8, top+0.5, 40, 3.5, "Date "+figure.Date(t), "L")
		} else {
			r.text(left+w-60, top+0.5, 59, 3.5, "Date "+figure.Date(t)+" (off the chart)", "R")
		}
	}
	if !sc.Budget.IsZero() {
		if bud >= c0 && bud <= c1 {
			f.Line(left, y(bud), left+w, y(bud))
			r.text(left+1, y(bud)-4, 60, 3.5, "Budget "+figure.MoneyShort(sc.Budget), "L")
		} else {
			r.text(left+1, top+0.5, 70, 3.5, "Budget "+figure.MoneyShort(sc.Budget)+" (above the chart)", "L")
		}
	}
	f.SetDashPattern([]float64{}, 0)
	// The frontier, stepped.
	if len(sc.Frontier) > 0 {
		r.draw(amberFg)
		f.SetLineWidth(0.5)
		for i, p := range sc.Frontier {
			xx, yy := x(p.Date), y(p.Amount.Float())
			if i > 0 {
				q := sc.Frontier[i-1]
				f.Line(x(q.Date), y(q.Amount.Float()), xx, y(q.Amount.Float()))
				f.Line(xx, y(q.Amount.Float()), xx, yy)
			}
		}
	}
	// The plan point.
	r.fill(navy)
	r.draw(white)
	f.SetLineWidth(0.3)
	px, py := x(sc.PlanFinish), y(sc.PlanCost.Float())
	f.Polygon([]fpdf.PointType{{X: px, Y: py - 1.6}, {X: px + 1.6, Y: py}, {X: px, Y: py + 1.6}, {X: px - 1.6, Y: py}}, "FD")
	// Legend and note.
	ly := bot + 6
	r.font("", 6.5)
	r.color(ink)
	r.text(left, ly, w, 3.5, "● by the date and within budget ("+figure.Percent(sc.InTarget)+" of trials)   ● otherwise   diamond: plan point (median finish and cost) "+
		figure.Date(sc.PlanFinish)+", "+figure.MoneyShort(sc.PlanCost)+"   — frontier", "L")
	f.SetY(ly + 4)
	if note != "" {
		r.font("I", 7)
		r.color(muted)
		ls := r.lines(note, r.width())
		yy := f.GetY()
		for i, l := range ls {
			r.text(r.ml, yy+float64(i)*3.4, r.width(), 3.4, l, "L")
		}
		f.SetY(yy + float64(len(ls))*3.4 + 2)
	}
}
