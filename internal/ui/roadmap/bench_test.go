package roadmap

import (
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

// bigPortfolio returns a valid portfolio of n items over 20 teams and 8
// products, every fifth item waiting for an item of the previous team, with
// a hand-made forecast of every open item (dates spread over two years).
func bigPortfolio(n int) (*plan.Portfolio, *app.Forecast) {
	start := plan.MustDate("2026-11-02")
	p := &plan.Portfolio{Name: "Large", Currency: "USD", FiscalYearStart: time.January, PlanningStart: start}
	for t := 0; t < 20; t++ {
		p.Teams = append(p.Teams, plan.Team{ID: fmt.Sprintf("team-%02d", t), Name: fmt.Sprintf("Team %02d", t),
			Headcount: 6, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 3})
	}
	for k := 0; k < 8; k++ {
		p.Products = append(p.Products, plan.Product{ID: fmt.Sprintf("prod-%d", k), Name: fmt.Sprintf("Product %d", k)})
	}
	f := &app.Forecast{AsOf: start, Trials: 10000, Seed: 1, Day0: start}
	for i := 0; i < n; i++ {
		team := i % 20
		it := plan.Item{ID: fmt.Sprintf("it-%04d", i), Title: fmt.Sprintf("Roadmap item number %d with a longish title", i),
			TeamID: p.Teams[team].ID, ProductID: p.Products[i%8].ID, Rank: i/20 + 1, Status: plan.NotStarted,
			Commitment: []string{plan.Committed, plan.Planned, plan.Stretch}[i%3],
			Estimate:   plan.Estimate{Low: 5, Likely: 10, High: 20}, Tags: []string{[]string{plan.TagFeature, plan.TagCompliance, plan.TagTechDebt}[i%3]}}
		s := start.AddDays(i % 600)
		it.Target = s.AddDays(60 + i%40)
		if i%7 == 6 {
			it.Status = plan.Done
		}
		if i%5 == 4 && i >= 20 {
			it.DependsOn = []plan.Dependency{{ItemID: fmt.Sprintf("it-%04d", i-21)}}
		}
		p.Items = append(p.Items, it)
		if it.Open() {
			f.Items = append(f.Items, app.ItemForecast{ID: it.ID, Target: it.Target, PTarget: float64(i%100) / 100,
				Start:  app.DateDist{P50: s},
				Finish: app.DateDist{P50: s.AddDays(40 + i%30), P85: s.AddDays(55 + i%50)},
				Driver: fmt.Sprintf("it-%04d", max(0, i-21)), WaitDependencyDays: float64(i % 6)})
		}
	}
	return p, f
}

// benchScreen shows p (written to a temporary portfolio file, opened
// through uitest) with the hand-made forecast f.
func benchScreen(b testing.TB, p *plan.Portfolio, f *app.Forecast) (*Screen, fyne.Window, *plan.Portfolio) {
	h := uitest.Portfolio(b, p, p.PlanningStart)
	h.NewWindow(fyne.NewSize(1600, 950))
	s := New(h, h, h, h)
	w := h.Show(s, fyne.NewSize(1600, 950))
	s.ShowForecast(f, false)
	return s, w, h.Portfolio()
}

// BenchmarkRoadmapShow2000 measures Show of a 2,000-item portfolio with a
// forecast on display: rows formatted, filters, sort, timeline model, the
// visible cells refreshed.
func BenchmarkRoadmapShow2000(b *testing.B) {
	p, f := bigPortfolio(2000)
	s, _, p := benchScreen(b, p, f)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		s.Show(p)
	}
}

// BenchmarkRoadmapScroll2000 scrolls the 2,000-row table by ten rows per
// step through the test driver (a wheel event), top to bottom and back.
func BenchmarkRoadmapScroll2000(b *testing.B) {
	p, f := bigPortfolio(2000)
	s, w, _ := benchScreen(b, p, f)
	scrollBench(b, w, s.table, func() float32 { return s.table.Size().Height })
}

// BenchmarkRoadmapTimelineScroll2000 does the same on the timeline (about 2,000 rows).
func BenchmarkRoadmapTimelineScroll2000(b *testing.B) {
	p, f := bigPortfolio(2000)
	s, w, _ := benchScreen(b, p, f)
	s.tabs.SelectIndex(1)
	scrollBench(b, w, s.timeline.list, func() float32 { return s.timeline.list.Size().Height })
}

func scrollBench(b *testing.B, w fyne.Window, o fyne.CanvasObject, height func() float32) {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).Add(fyne.NewPos(200, 200))
	step := float32(-10 * rowHeight)
	moved := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		test.Scroll(w.Canvas(), pos, 0, step)
		moved++
		if moved == 150 { // past the end of 2,000 rows: turn round
			step, moved = -step, 0
		}
	}
}

// BenchmarkRoadmapSelect2000 selects rows in turn: the form is filled
// (with the 2,000 choices of the dependency picker) and the timeline marked.
func BenchmarkRoadmapSelect2000(b *testing.B) {
	p, f := bigPortfolio(2000)
	s, _, _ := benchScreen(b, p, f)
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		s.table.Select(widget.TableCellID{Row: i % 20, Col: colTitle})
		i++
	}
}

// BenchmarkRoadmapSave2000 is one Save of the form on a 2,000-item
// portfolio file: the write through sqlite's Update (validation, diff,
// audit), the reload and Show, as the shell does after every edit.
func BenchmarkRoadmapSave2000(b *testing.B) {
	p, f := bigPortfolio(2000)
	s, _, _ := benchScreen(b, p, f)
	s.table.Select(widget.TableCellID{Row: 3, Col: colTitle})
	b.ReportAllocs()
	b.ResetTimer()
	i := 0
	for b.Loop() {
		s.form.likely.SetText(fmt.Sprint(10 + i%5))
		s.save()
		if s.form.general.Text != "" || s.form.errs["estimate.likely"].Text != "" {
			b.Fatal(s.form.general.Text, s.form.errs["estimate.likely"].Text)
		}
		i++
	}
}

// BenchmarkBuildTimeline2000 is the timeline's row model alone.
func BenchmarkBuildTimeline2000(b *testing.B) {
	p, f := bigPortfolio(2000)
	b.ReportAllocs()
	for b.Loop() {
		BuildTimeline(p, f, p.PlanningStart, figure.DefaultThresholds, nil)
	}
}
