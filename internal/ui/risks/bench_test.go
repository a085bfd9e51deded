package risks

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/report/reporttest"
	"steerco/internal/ui/uitest"
)

// large is a 2,000-item portfolio with 200 risks, each on a few items.
func large() (*plan.Portfolio, *app.Forecast) {
	p, f := reporttest.Large(2000)
	for r := len(p.Risks); r < 200; r++ {
		rk := p.Risks[r%20]
		rk.ID, rk.Title = fmt.Sprintf("r%03d", r), fmt.Sprintf("Risk %03d", r)
		rk.Items = []string{p.Items[r].ID, p.Items[r+200].ID}
		rk.Probability = float64(r%10) / 10
		p.Risks = append(p.Risks, rk)
		f.Risks = append(f.Risks, app.RiskImpact{RiskID: rk.ID, PortfolioP85Days: float64(r % 17)})
	}
	return p, f
}

// BenchmarkRisksShow measures Show and ShowForecast (register rows, the
// heat map through report's bands, the form with its 2,000-item checklist).
func BenchmarkRisksShow(b *testing.B) {
	p, f := large()
	u := uitest.Portfolio(b, p, reporttest.AsOf)
	s := New(u, u, u)
	u.Show(s, fyne.NewSize(1400, 860))
	b.ReportAllocs()
	for b.Loop() {
		s.Show(p)
		s.ShowForecast(f, false)
	}
}

// BenchmarkRisksSelect selects risks in turn (the form is filled).
func BenchmarkRisksSelect(b *testing.B) {
	p, f := large()
	u := uitest.Portfolio(b, p, reporttest.AsOf)
	s := New(u, u, u)
	u.Show(s, fyne.NewSize(1400, 860))
	s.Show(p)
	s.ShowForecast(f, false)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.table.Select(widget.TableCellID{Row: i % len(s.view), Col: 0})
		i++
	}
}

// BenchmarkRisksSort sorts the 200-risk register by P85 impact, alternating direction.
func BenchmarkRisksSort(b *testing.B) {
	p, f := large()
	u := uitest.Portfolio(b, p, reporttest.AsOf)
	s := New(u, u, u)
	u.Show(s, fyne.NewSize(1400, 860))
	s.Show(p)
	s.ShowForecast(f, false)
	b.ReportAllocs()
	for b.Loop() {
		s.sortBy(cP85)
	}
}
