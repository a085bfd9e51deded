package teams

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/report/reporttest"
	"steerco/internal/ui/uitest"
)

// BenchmarkTeamsShow2000 measures Show and ShowForecast (the heat map
// built through report.Build) on a 2,000-item portfolio of ten teams.
func BenchmarkTeamsShow2000(b *testing.B) {
	p, f := reporttest.Large(2000)
	h := uitest.Portfolio(b, p, reporttest.AsOf)
	s := New(h, h, h)
	h.Show(s, fyne.NewSize(1400, 860))
	b.ReportAllocs()
	for b.Loop() {
		s.Show(p)
		s.ShowForecast(f, false)
	}
}

// BenchmarkTeamsSelect selects teams in turn (the form and the headcount
// changes are filled).
func BenchmarkTeamsSelect(b *testing.B) {
	p, f := reporttest.Large(2000)
	h := uitest.Portfolio(b, p, reporttest.AsOf)
	s := New(h, h, h)
	h.Show(s, fyne.NewSize(1400, 860))
	s.Show(p)
	s.ShowForecast(f, false)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.table.Select(widget.TableCellID{Row: i % len(p.Teams), Col: 0})
		i++
	}
}
