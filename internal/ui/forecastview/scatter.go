package forecastview

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// Geometry of the JCL scatter chart, in Fyne units.
const (
	scatterAxis   = 70 // room for the money labels
	scatterBottom = 22 // room for the date labels
	scatterTop    = 20 // room for the line labels
	scatterRight  = 12
	dotSize       = 4
	planSize      = 12
)

// tick is an axis label at a position.
type tick struct {
	Pos   float32
	Label string
}

// scatterModel is the JCL scatter laid out in a box: one dot per trial
// (In: finished by the target date and within the budget), the plan point,
// the target date's and the budget's lines (negative when missing) and the
// frontier. Positions are of the dots' centres.
type scatterModel struct {
	X, Y, W, H       float32 // the plot area
	Dots             []fyne.Position
	In               []bool
	Plan             fyne.Position
	HasPlan          bool
	TargetX, BudgetY float32
	Frontier         []fyne.Position
	XTicks, YTicks   []tick
}

// layoutScatter lays j out in a box of w × h; nil when j has no trials to draw.
func layoutScatter(j *app.JCL, w, h float32) *scatterModel {
	if j == nil || len(j.Scatter) == 0 {
		return nil
	}
	cur := j.Cost.Mean.Currency
	x0, x1 := math.Inf(1), math.Inf(-1)
	y0, y1 := math.Inf(1), math.Inf(-1)
	addX := func(d plan.Date) {
		if !d.IsZero() {
			x0, x1 = math.Min(x0, float64(d)), math.Max(x1, float64(d))
		}
	}
	addY := func(m plan.Money) { y0, y1 = math.Min(y0, float64(m.Minor)), math.Max(y1, float64(m.Minor)) }
	for _, s := range j.Scatter {
		addX(s.Finish)
		addY(s.Cost)
	}
	addX(j.Target)
	addX(j.PlanFinish)
	addY(j.PlanCost)
	if !j.Budget.IsZero() {
		addY(j.Budget)
	}
	for _, f := range j.Frontier {
		addX(f.Date)
		addY(f.Budget)
	}
	if x1 <= x0 {
		x0, x1 = x0-1, x1+1
	}
	if y1 <= y0 {
		y0, y1 = y0-1, y1+1
	}
	padX, padY := (x1-x0)*0.03, (y1-y0)*0.05
	x0, x1, y0, y1 = x0-padX, x1+padX, y0-padY, y1+padY
	m := &scatterModel{X: scatterAxis, Y: scatterTop, W: max(w-scatterAxis-scatterRight, 10), H: max(h-scatterTop-scatterBottom, 10), TargetX: -1, BudgetY: -1}
	px := func(d plan.Date) float32 { return m.X + float32((float64(d)-x0)/(x1-x0))*m.W }
	py := func(minor float64) float32 { return m.Y + m.H - float32((minor-y0)/(y1-y0))*m.H }
	m.Dots = make([]fyne.Position, len(j.Scatter))
	m.In = make([]bool, len(j.Scatter))
	for i, s := range j.Scatter {
		m.Dots[i] = fyne.NewPos(px(s.Finish), py(float64(s.Cost.Minor)))
		m.In[i] = (j.Target.IsZero() || s.Finish <= j.Target) && (j.Budget.IsZero() || s.Cost.Minor <= j.Budget.Minor)
	}
	if !j.PlanFinish.IsZero() {
		m.Plan, m.HasPlan = fyne.NewPos(px(j.PlanFinish), py(float64(j.PlanCost.Minor))), true
	}
	if !j.Target.IsZero() {
		m.TargetX = px(j.Target)
	}
	if !j.Budget.IsZero() {
		m.BudgetY = py(float64(j.Budget.Minor))
	}
	for _, f := range j.Frontier {
		m.Frontier = append(m.Frontier, fyne.NewPos(px(f.Date), py(float64(f.Budget.Minor))))
	}
	// Dates need about 120 units each, so a narrow chart has fewer.
	nx := max(1, min(4, int(m.W/120)))
	for i := 0; i <= nx; i++ {
		d := plan.Date(math.Round(x0 + (x1-x0)*float64(i)/float64(nx)))
		m.XTicks = append(m.XTicks, tick{px(d), figure.Date(d)})
	}
	const ny = 4
	for i := 0; i <= ny; i++ {
		v := y0 + (y1-y0)*float64(i)/ny
		m.YTicks = append(m.YTicks, tick{py(v), figure.MoneyShort(plan.Money{Minor: int64(math.Round(v)), Currency: cur})})
	}
	return m
}

// scatterView draws the JCL scatter chart with canvas objects.
type scatterView struct {
	widget.BaseWidget
	j *app.JCL
}

func newScatterView() *scatterView {
	v := &scatterView{}
	v.ExtendBaseWidget(v)
	return v
}

func (v *scatterView) set(j *app.JCL) {
	v.j = j
	v.Refresh()
}

func (v *scatterView) MinSize() fyne.Size { return fyne.NewSize(320, 300) }

func (v *scatterView) CreateRenderer() fyne.WidgetRenderer { return &scatterRenderer{v: v} }

type scatterRenderer struct {
	v       *scatterView
	dots    []*canvas.Circle
	lines   []*canvas.Line
	texts   []*canvas.Text
	plan    *canvas.Circle
	objects []fyne.CanvasObject
}

func (r *scatterRenderer) Destroy()                     {}
func (r *scatterRenderer) MinSize() fyne.Size           { return r.v.MinSize() }
func (r *scatterRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *scatterRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *scatterRenderer) Layout(size fyne.Size) {
	m := layoutScatter(r.v.j, size.Width, size.Height)
	r.objects = r.objects[:0]
	if m == nil {
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)
	limit := theme.Color(theme.ColorNameSuccess)
	caption := theme.CaptionTextSize()
	li, ti := 0, 0
	line := func(a, b fyne.Position, c color.Color, w float32) {
		r.lines = grow(r.lines, li+1, func() *canvas.Line { return canvas.NewLine(color.Transparent) })
		l := r.lines[li]
		li++
		l.StrokeColor, l.StrokeWidth, l.Position1, l.Position2 = c, w, a, b
		l.Refresh()
		r.objects = append(r.objects, l)
	}
	text := func(s string, c color.Color, x, y float32, align fyne.TextAlign, bold bool) {
		r.texts = grow(r.texts, ti+1, func() *canvas.Text { return canvas.NewText("", fg) })
		t := r.texts[ti]
		ti++
		t.Text, t.Color, t.TextSize, t.TextStyle = s, c, caption, fyne.TextStyle{Bold: bold}
		tw := t.MinSize().Width
		switch align {
		case fyne.TextAlignTrailing:
			x -= tw
		case fyne.TextAlignCenter:
			x -= tw / 2
		}
		t.Move(fyne.NewPos(max(0, min(x, size.Width-tw)), y))
		t.Refresh()
		r.objects = append(r.objects, t)
	}
	grid := theme.Color(theme.ColorNameSeparator)
	for _, tk := range m.YTicks {
		line(fyne.NewPos(m.X, tk.Pos), fyne.NewPos(m.X+m.W, tk.Pos), grid, 1)
	}
	line(fyne.NewPos(m.X, m.Y), fyne.NewPos(m.X, m.Y+m.H), muted, 1)
	line(fyne.NewPos(m.X, m.Y+m.H), fyne.NewPos(m.X+m.W, m.Y+m.H), muted, 1)
	for _, tk := range m.YTicks {
		text(tk.Label, muted, m.X-4, tk.Pos-caption*0.7, fyne.TextAlignTrailing, false)
	}
	for i, tk := range m.XTicks {
		align := fyne.TextAlignCenter
		switch i {
		case 0:
			align = fyne.TextAlignLeading
		case len(m.XTicks) - 1:
			align = fyne.TextAlignTrailing
		}
		text(tk.Label, muted, tk.Pos, m.Y+m.H+3, align, false)
	}
	// One dot per trial: those by the date and within the budget in the
	// primary colour, the others muted.
	in := withAlpha(theme.Color(theme.ColorNamePrimary), 0x90)
	out := withAlpha(muted, 0x90)
	r.dots = grow(r.dots, len(m.Dots), func() *canvas.Circle { return canvas.NewCircle(color.Transparent) })
	for i, d := range m.Dots {
		c := r.dots[i]
		c.FillColor = out
		if m.In[i] {
			c.FillColor = in
		}
		c.Move(fyne.NewPos(d.X-dotSize/2, d.Y-dotSize/2))
		c.Resize(fyne.NewSize(dotSize, dotSize))
		c.Refresh()
		r.objects = append(r.objects, c)
	}
	// The target date and the budget.
	j := r.v.j
	if m.TargetX >= 0 {
		line(fyne.NewPos(m.TargetX, m.Y), fyne.NewPos(m.TargetX, m.Y+m.H), limit, 2)
		text("Target "+figure.Date(j.Target), limit, m.TargetX+4, m.Y-caption-6, fyne.TextAlignLeading, true)
	}
	if m.BudgetY >= 0 {
		line(fyne.NewPos(m.X, m.BudgetY), fyne.NewPos(m.X+m.W, m.BudgetY), limit, 2)
		text("Budget "+figure.MoneyShort(j.Budget), limit, m.X+m.W-4, m.BudgetY-caption-6, fyne.TextAlignTrailing, true)
	}
	// The frontier: the lowest budget reaching the level by each date.
	front := theme.Color(theme.ColorNameForeground)
	for i := 1; i < len(m.Frontier); i++ {
		line(m.Frontier[i-1], m.Frontier[i], front, 2)
	}
	if len(m.Frontier) > 0 {
		last := m.Frontier[len(m.Frontier)-1]
		text(figure.Percent(j.Level)+" frontier", front, last.X-4, last.Y+4, fyne.TextAlignTrailing, true)
	}
	// The plan point on top.
	if m.HasPlan {
		if r.plan == nil {
			r.plan = canvas.NewCircle(color.Transparent)
		}
		r.plan.FillColor = theme.Color(theme.ColorNameWarning)
		r.plan.StrokeColor, r.plan.StrokeWidth = theme.Color(theme.ColorNameBackground), 2
		r.plan.Move(fyne.NewPos(m.Plan.X-planSize/2, m.Plan.Y-planSize/2))
		r.plan.Resize(fyne.NewSize(planSize, planSize))
		r.plan.Refresh()
		r.objects = append(r.objects, r.plan)
		text("Plan", theme.Color(theme.ColorNameWarning), m.Plan.X-planSize/2-2, m.Plan.Y+2, fyne.TextAlignTrailing, true)
	}
}
