package teams

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
	"steerco/internal/report/reporttest"
	"steerco/internal/ui/screen"
)

// BenchmarkTeamsShow2000 measures Show and ShowForecast (the heat map
// built through report.Build) on a 2,000-item portfolio of ten teams.
func BenchmarkTeamsShow2000(b *testing.B) {
	test.NewTempApp(b)
	p, f := reporttest.Large(2000)
	s := New(&screen.Env{Today: func() plan.Date { return reporttest.AsOf }})
	w := test.NewTempWindow(b, s.Object())
	w.Resize(fyne.NewSize(1400, 860))
	b.ReportAllocs()
	for b.Loop() {
		s.Show(p)
		s.ShowForecast(f, false)
	}
}

// BenchmarkTeamsSelect selects teams in turn (the form and the headcount
// changes are filled).
func BenchmarkTeamsSelect(b *testing.B) {
	test.NewTempApp(b)
	p, f := reporttest.Large(2000)
	s := New(&screen.Env{Today: func() plan.Date { return reporttest.AsOf }})
	w := test.NewTempWindow(b, s.Object())
	w.Resize(fyne.NewSize(1400, 860))
	s.Show(p)
	s.ShowForecast(f, false)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.table.Select(widget.TableCellID{Row: i % len(p.Teams), Col: 0})
		i++
	}
}
