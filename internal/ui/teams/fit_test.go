package teams

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/shots"
	"steerco/internal/ui/uitest"
)

// TestHeatMapQuartersFit: with two years of quarters (the first a partial
// one, from the as-of date), the heat map shows at least four whole quarter
// headers beside the team names in the room the screen has in a 1024 × 768
// window and six in a 1280 × 800 one, before any scrolling sideways.
func TestHeatMapQuartersFit(t *testing.T) {
	h := newHarness(t)
	h.Run(app.Request{Trials: 300})
	if h.s.heat == nil {
		t.Fatal("no heat map on the demo")
	}
	// Eight quarters, each team with a row in every one: the demo's rows
	// and cells, repeated, under the headers a longer plan has.
	m := *h.s.heat
	m.Cols, m.ColTitles, m.ColFull = nil, nil, nil
	q := plan.QuarterOf(today)
	from := today.AddDays(2)
	for i := 0; i < 8; i++ {
		tq := app.TeamQuarter{Quarter: q, From: q.First(), To: q.Last()}
		if i == 0 {
			tq.From = from
		}
		m.Cols = append(m.Cols, app.QuarterLabel(tq))
		m.ColTitles = append(m.ColTitles, quarterTitle(tq))
		m.ColFull = append(m.ColFull, app.QuarterLabel(tq))
		q = q.Next()
	}
	m.Cells = nil
	for _, row := range h.s.heat.Cells {
		var r []heatCell
		for len(r) < len(m.Cols) {
			r = append(r, row...)
		}
		m.Cells = append(m.Cells, r[:len(m.Cols)])
	}
	h.s.heat = &m
	h.s.sizeHeat()
	h.s.heatTable.Refresh()

	for _, c := range []struct {
		name string
		size fyne.Size
		want int
	}{{"1280x800", uitest.Laptop, 6}, {"1024x768", uitest.Small, 4}} {
		t.Run(c.name, func(t *testing.T) {
			h.w.Resize(c.size)
			h.s.heatTable.ScrollToLeading()
			h.Capture("teams-quarters-" + c.name)
			whole := 0
			for _, x := range shots.Texts(h.w.Canvas()) {
				for _, title := range m.ColTitles {
					if x.Text == strings.ReplaceAll(title, "\n", " ") && !x.Hidden() {
						whole++
					}
				}
			}
			if whole < c.want {
				t.Errorf("%d quarters of %d in view whole, want at least %d (headers %q)", whole, len(m.Cols), c.want, m.ColTitles)
			}
		})
	}
}
