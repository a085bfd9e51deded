package forecastview

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

// TestMoneyTabOnDemo: on the demo (the CMS mandate has a structured
// penalty) the Money tab shows each priced milestone's expected penalty
// and P85, the total with its P85, the board pack's sentences and one dot
// per trial of the JCL's scatter, each figure as figure formats the
// forecast's field.
func TestMoneyTabOnDemo(t *testing.T) {
	h := newHarness(t)
	f := h.Run(app.Request{Trials: 500, Seed: 7})
	if h.s.f != f {
		t.Fatal("the screen does not show the forecast")
	}
	ex, j := f.Exposure, f.JCL
	if ex == nil || len(ex.Milestones) == 0 || j == nil {
		t.Fatalf("the demo's forecast has no penalty exposure or JCL: %+v %+v", ex, j)
	}
	m := h.s.money
	if len(m.Exposure) != len(ex.Milestones)+len(ex.Items) {
		t.Fatalf("%d exposure lines, want %d", len(m.Exposure), len(ex.Milestones)+len(ex.Items))
	}
	cms := -1
	for i, e := range ex.Milestones {
		l := m.Exposure[i]
		for _, want := range []string{figure.Date(e.Target), figure.Percent(e.PLate) + " chance of being late",
			"expected " + figure.MoneyShort(e.Expected), "P85 " + figure.MoneyShort(e.P85), figure.MoneyShort(e.PerWeek) + " a week late"} {
			if !strings.Contains(l.Facts, want) {
				t.Errorf("%s: %q lacks %q", e.ID, l.Facts, want)
			}
		}
		if ms := milestoneOf(h.p, e.ID); ms == nil || l.Name != ms.Name || l.Terms == "" || l.Terms != app.PenaltyTerms(ms) {
			t.Errorf("%s: name %q, terms %q", e.ID, l.Name, l.Terms)
		}
		if strings.HasPrefix(l.Name, "CMS ") {
			cms = i
		}
	}
	if cms < 0 || ex.Milestones[cms].Expected.IsZero() {
		t.Errorf("the CMS mandate's penalty is not on the Money tab (or expected nothing): %+v", m.Exposure)
	}
	if want := "expected " + figure.MoneyShort(ex.Total.Mean) + " · P85 " + figure.MoneyShort(ex.Total.P85); !strings.Contains(h.s.total.Text, want) || !h.s.total.Visible() {
		t.Errorf("total %q lacks %q", h.s.total.Text, want)
	}
	if got, want := h.s.exposureSentence.Text, app.ExposureSentence(h.p, f); got == "" || got != want {
		t.Errorf("exposure sentence %q, want %q", got, want)
	}
	if got, want := h.s.jcl.Text, app.JCLSentence(f); got == "" || got != want || !strings.Contains(got, figure.Percent(j.PJoint)) {
		t.Errorf("JCL sentence %q, want %q", got, want)
	}
	if !strings.Contains(h.s.jclFacts.Text, "P85 "+figure.MoneyShort(j.Cost.P85)) || !strings.Contains(h.s.jclFacts.Text, figure.Date(j.PlanFinish)) {
		t.Errorf("JCL facts %q", h.s.jclFacts.Text)
	}
	if h.s.frontierNote.Text != app.FrontierNote || len(j.Frontier) == 0 || !h.s.frontierNote.Visible() {
		t.Errorf("frontier note %q shown %v (frontier of %d points)", h.s.frontierNote.Text, h.s.frontierNote.Visible(), len(j.Frontier))
	}

	h.s.tabs.SelectIndex(1)
	h.w.Resize(fyne.NewSize(1500, 950))
	// The chart draws every trial kept, and the plan point, the lines and
	// the frontier inside its plot.
	sm := layoutScatter(j, h.s.scatter.Size().Width, h.s.scatter.Size().Height)
	if sm == nil || len(sm.Dots) != len(j.Scatter) || len(j.Scatter) != min(500, 2000) {
		t.Fatalf("scatter of %d trials draws %v", len(j.Scatter), sm)
	}
	circles := 0
	for _, o := range test.WidgetRenderer(h.s.scatter).Objects() {
		if _, ok := o.(*canvas.Circle); ok && o.Visible() {
			circles++
		}
	}
	if circles != len(j.Scatter)+1 {
		t.Errorf("%d objects drawn for %d trials and the plan point", circles, len(j.Scatter))
	}
	inside := func(p fyne.Position) bool {
		return p.X >= sm.X-0.5 && p.X <= sm.X+sm.W+0.5 && p.Y >= sm.Y-0.5 && p.Y <= sm.Y+sm.H+0.5
	}
	for _, p := range append(append([]fyne.Position{sm.Plan}, sm.Dots...), sm.Frontier...) {
		if !inside(p) {
			t.Fatalf("%v is outside the plot %+v", p, sm)
		}
	}
	if sm.TargetX < sm.X || sm.BudgetY < sm.Y {
		t.Errorf("target line at x %v, budget line at y %v", sm.TargetX, sm.BudgetY)
	}
	joint := 0
	for _, in := range sm.In {
		if in {
			joint++
		}
	}
	if share := float64(joint) / float64(len(sm.In)); figure.Percent(share) != figure.Percent(j.PJoint) {
		t.Errorf("%s of the dots are by the date and within budget; the JCL says %s", figure.Percent(share), figure.Percent(j.PJoint))
	}
	for _, th := range uitest.Themes {
		test.ApplyTheme(t, th.Theme)
		h.s.moneyScroll.ScrollToTop()
		h.Capture("forecast-money-" + th.Name)
		h.s.moneyScroll.ScrollToBottom()
		h.Capture("forecast-money-chart-" + th.Name)
	}
	// At the smallest window the app supports the chart keeps its size
	// (the tab scrolls) and every line wraps rather than cuts.
	h.w.Resize(uitest.Small)
	if sz := h.s.scatter.Size(); sz.Width < h.s.scatter.MinSize().Width || sz.Height < h.s.scatter.MinSize().Height {
		t.Errorf("at %v the scatter is %v, less than its %v", uitest.Small, sz, h.s.scatter.MinSize())
	}
	h.s.moneyScroll.ScrollToBottom()
	h.Capture("forecast-money-chart-small")
}

// TestScatterDateLabelsDoNotOverlap: however narrow the chart, its date
// labels (about 120 units each) have room.
func TestScatterDateLabelsDoNotOverlap(t *testing.T) {
	j := &app.JCL{Scatter: []app.ScatterPoint{{Finish: today, Cost: plan.Amount(1000, "USD")}, {Finish: today.AddDays(200), Cost: plan.Amount(3000, "USD")}}}
	for _, w := range []float32{320, 400, 600, 900} {
		m := layoutScatter(j, w, 300)
		for i := 1; i < len(m.XTicks); i++ {
			if gap := m.XTicks[i].Pos - m.XTicks[i-1].Pos; gap < 110 {
				t.Errorf("%v wide: date labels %.0f apart", w, gap)
			}
		}
	}
}
