package overview

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui/screen"
)

var today = plan.MustDate("2026-11-21")

func portfolio() *plan.Portfolio {
	item := func(id, title string, c string, status string, target string) plan.Item {
		return plan.Item{ID: id, Title: title, TeamID: "api", Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13},
			Status: status, Commitment: c, Target: plan.MustDate(target), Rank: 1}
	}
	return &plan.Portfolio{
		Name: "Müller & Söhne Integration", Currency: "EUR", FiscalYearStart: time.January, PlanningStart: plan.MustDate("2026-01-05"),
		Teams: []plan.Team{
			{ID: "api", Name: "FHIR API", Headcount: 5, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2},
			{ID: "ops", Name: "Platform", Headcount: 3, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2},
		},
		Items: []plan.Item{
			item("a", "Patient search", plan.Committed, plan.InProgress, "2026-12-01"),
			item("b", "Bulk export", plan.Committed, plan.NotStarted, "2027-01-15"),
			item("c", "Consent API", plan.Committed, plan.NotStarted, "2027-02-01"),
			item("d", "Nice to have", plan.Planned, plan.NotStarted, "2027-02-01"),
			item("e", "Shipped", plan.Committed, plan.Done, "2026-10-01"),
		},
		Milestones: []plan.Milestone{
			{ID: "past", Name: "Pilot", Date: plan.MustDate("2026-10-01"), DependsOn: []string{"e"}},
			{ID: "cms", Name: "CMS mandate", Date: plan.MustDate("2027-03-31"), DependsOn: []string{"b", "c"}},
			{ID: "go", Name: "Go-live", Date: plan.MustDate("2027-01-20"), DependsOn: []string{"a"}},
		},
		Risks: []plan.Risk{
			{ID: "r1", Title: "Vendor sandbox differs", Status: plan.RiskOpen, Probability: 0.6, ImpactDays: 10, Category: plan.RiskVendor},
			{ID: "r2", Title: "Audit trail late", Status: plan.RiskMitigating, Probability: 0.5, ImpactDays: 30, Category: plan.RiskCompliance},
			{ID: "r3", Title: "Closed one", Status: plan.RiskClosed, Category: plan.RiskPeople},
		},
		BudgetLines: []plan.BudgetLine{{ID: "hc", Name: "Salaries", Category: plan.BudgetHeadcount, Spend: plan.OpEx,
			Plan:   []plan.MonthAmount{{Month: plan.MustMonth("2026-10"), Amount: plan.Amount(100000, "EUR")}, {Month: plan.MustMonth("2026-11"), Amount: plan.Amount(100000, "EUR")}},
			Actual: []plan.MonthAmount{{Month: plan.MustMonth("2026-10"), Amount: plan.Amount(95000, "EUR")}}}},
	}
}

// forecast is a hand-built forecast of portfolio(): a 90%, b 60%, c 30%.
func forecast() *outlook.Forecast {
	fin := func(p50, p85 string) outlook.DateDist {
		return outlook.DateDist{P50: plan.MustDate(p50), P85: plan.MustDate(p85)}
	}
	return &outlook.Forecast{
		Trials: 1000, Committed: 0.12,
		Items: []outlook.ItemForecast{
			{ID: "a", PTarget: 0.9, Finish: fin("2026-11-25", "2026-11-30")},
			{ID: "b", PTarget: 0.6, Finish: fin("2027-01-10", "2027-01-25")},
			{ID: "c", PTarget: 0.3, Finish: fin("2027-02-10", "2027-02-28"), Driver: "b", DriverShare: 0.7, WaitDependencyDays: 6},
			{ID: "d", PTarget: 0.1, Finish: fin("2027-03-10", "2027-03-28")},
		},
		Milestones: []outlook.MilestoneForecast{
			{ID: "past", Done: true, PTarget: 1},
			{ID: "cms", PTarget: 0.64, Finish: fin("2027-03-01", "2027-04-12")},
			{ID: "go", PTarget: 0.9, Finish: fin("2026-11-25", "2026-11-30")},
		},
		Teams: []outlook.TeamQuarter{
			{TeamID: "api", Quarter: plan.Quarter{Year: 2027, Q: 1}, POver: 0.72},
			{TeamID: "api", Quarter: plan.Quarter{Year: 2027, Q: 2}, POver: 0.2},
			{TeamID: "ops", Quarter: plan.Quarter{Year: 2026, Q: 4}, POver: 0.5},
		},
		Risks: []outlook.RiskImpact{
			{RiskID: "r2", PortfolioP85Days: 12, MilestoneP85Days: map[string]float64{"cms": 14}, WorstMilestone: "cms", MilestonePTarget: map[string]float64{"cms": -0.09}},
			{RiskID: "r1", PortfolioP85Days: 3},
		},
	}
}

func newScreen(t *testing.T, nav *[]string) *Screen {
	t.Helper()
	test.NewTempApp(t)
	env := &screen.Env{Today: func() plan.Date { return today }}
	if nav != nil {
		env.Navigate = func(title string) { *nav = append(*nav, title) }
	}
	s := New(env)
	w := test.NewTempWindow(t, s.Object())
	w.Resize(fyne.NewSize(1100, 760))
	return s
}

func TestOverviewBeforeTheForecast(t *testing.T) {
	s := newScreen(t, nil)
	s.Show(portfolio())
	checks := []struct{ name, got, want string }{
		{"title", s.title.Text, "Müller & Söhne Integration"},
		{"commitments", s.commitments.value.Text, running},
		{"capacity", s.capacity.value.Text, running},
		{"milestones", s.milestones.value.Text, running},
		// Milestone names and dates are real data: shown, without odds.
		{"milestone list", s.milestones.detail(), "20 Jan 2027 · Go-live\n31 Mar 2027 · CMS mandate"},
		{"budget", s.budget.value.Text, "EUR 5,000 under (5.0%) year to date"},
		{"risks", s.risks.value.Text, "2 live risks, by probability × impact"},
		{"dora", s.dora.value.Text, "No delivery data"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	// Without measured impacts, risks rank by probability × impact: 0.5×30 before 0.6×10.
	if s.risks.detail() != "50% × 30 days · Audit trail late\n60% × 10 days · Vendor sandbox differs" {
		t.Errorf("risk detail %q", s.risks.detail())
	}
	for _, tl := range []*tile{s.commitments, s.milestones, s.capacity, s.risks} {
		if tl.status.Text != "" {
			t.Errorf("%s shows %q before any forecast", tl.caption.Text, tl.status.Text)
		}
	}
	if len(s.atRiskRows) != 0 || !strings.Contains(s.atRiskTitle.Text, running) {
		t.Errorf("at-risk table before the forecast: %d rows, %q", len(s.atRiskRows), s.atRiskTitle.Text)
	}
}

func TestOverviewForecastTiles(t *testing.T) {
	s := newScreen(t, nil)
	s.Show(portfolio())
	s.ShowForecast(forecast(), false)
	checks := []struct{ name, got, want string }{
		{"commitments", s.commitments.value.Text, "1 of 3 on track"},
		{"commitment detail", s.commitments.detail(), "1 at risk (50–80%) · 1 off track (< 50%)\n12% chance that all 3 land on time"},
		{"next milestone", s.milestones.value.Text, "90% chance to hold 20 Jan 2027"},
		{"milestone lines", s.milestones.detail(), "20 Jan · 90% · P85 30 Nov · Go-live\n31 Mar · 64% · P85 12 Apr · CMS mandate"},
		{"hot spots", s.capacity.value.Text, "2 team quarters over-committed"},
		{"hot spot lines", s.capacity.detail(), "2027-Q1 · 72% chance over · FHIR API\n2026-Q4 · 50% chance over · Platform"},
		{"risk lines", s.risks.detail(), "+14 days, −9% odds · Audit trail late\n+3 days at P85 · Vendor sandbox differs"},
		{"status", s.commitments.status.Text, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(s.atRiskRows) != 3 || s.atRiskRows[0][0] != "Consent API" || s.atRiskRows[0][5] != "30%" || s.atRiskRows[0][6] != "Bulk export (70% of runs)" {
		t.Errorf("at-risk rows %v", s.atRiskRows)
	}

	// Tapping a header sorts by it; tapping again reverses.
	s.sortBy(4) // P85, earliest first
	if s.atRiskRows[0][0] != "Patient search" || s.atRiskRows[2][0] != "Consent API" {
		t.Errorf("by P85: %v", s.atRiskRows)
	}
	s.sortBy(4)
	if s.atRiskRows[0][0] != "Consent API" {
		t.Errorf("by P85 descending: %v", s.atRiskRows)
	}
	s.sortCol, s.sortDesc = -1, false

	// An edit makes the forecast stale: the numbers stay, marked as updating.
	s.ShowForecast(forecast(), true)
	for _, tl := range []*tile{s.commitments, s.milestones, s.capacity, s.risks} {
		if tl.status.Text != "updating…" {
			t.Errorf("%s status %q while stale", tl.caption.Text, tl.status.Text)
		}
	}
	if s.commitments.value.Text != "1 of 3 on track" || !strings.HasSuffix(s.atRiskTitle.Text, "updating…") {
		t.Errorf("stale view: %q, %q", s.commitments.value.Text, s.atRiskTitle.Text)
	}
	if s.budget.status.Text != "" || s.dora.status.Text != "" {
		t.Error("tiles that do not use the forecast say updating")
	}
}

func TestTilesNavigate(t *testing.T) {
	var nav []string
	s := newScreen(t, &nav)
	s.Show(portfolio())
	want := map[*tile]string{s.commitments: "Roadmap", s.milestones: "Forecast", s.budget: "Budget", s.capacity: "Teams", s.risks: "Risks", s.dora: "Reports"}
	for tl, title := range want {
		nav = nav[:0]
		test.Tap(tl)
		if len(nav) != 1 || nav[0] != title {
			t.Errorf("tapping %s navigated to %v, want %s", tl.caption.Text, nav, title)
		}
		link := "Open " + title + " ›"
		if tl == s.dora {
			link = "Details in Reports ›"
		}
		if tl.link.Text != link {
			t.Errorf("link %q", tl.link.Text)
		}
	}
}

// TestOverviewOnDemo shows the demo file with a real (small) forecast: every
// tile has real numbers. With STEERCO_SHOT_DIR set it also writes
// overview-light.png and overview-dark.png there.
func TestOverviewOnDemo(t *testing.T) {
	s, w, p, f := demoScreen(t, fyne.NewSize(1100, 760))
	for _, tl := range []*tile{s.commitments, s.milestones, s.budget, s.capacity, s.risks, s.dora} {
		if tl.value.Text == "" || tl.value.Text == running || strings.HasPrefix(tl.value.Text, "No ") {
			t.Errorf("%s: %q on the demo", tl.caption.Text, tl.value.Text)
		}
	}
	if len(s.atRiskRows) == 0 {
		t.Error("no commitments listed on the demo")
	}
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" {
		return
	}
	for _, v := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck
		test.ApplyTheme(t, v.th)
		s.Show(p)
		s.ShowForecast(f, false)
		out, err := os.Create(filepath.Join(dir, "overview-"+v.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(out, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
}

// TestTableFitsALaptopWindow: in a 1280×800 window the Overview gets about
// 1090×765 (the navigation and the status bar take the rest, measured on
// the shell's screenshot). The commitments table shows at least 4 rows and
// its columns fit its width (no horizontal scroll bar); wider, the
// stretching columns take the extra width.
func TestTableFitsALaptopWindow(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1090, Height: 765}, {Width: 1600, Height: 765}} {
		s, _, _, _ := demoScreen(t, size)
		if len(s.atRiskRows) < 4 {
			t.Fatalf("%d rows on the demo", len(s.atRiskRows))
		}
		sep := theme.SeparatorThicknessSize()
		tw := s.atRisk.Size().Width
		sum := float32(len(atRiskCols)-1) * sep
		if len(s.cols.widths) != len(atRiskCols) {
			t.Fatalf("%v: column widths never set: %v", size, s.cols.widths)
		}
		for _, w := range s.cols.widths {
			sum += w
		}
		if sum > tw-theme.ScrollBarSize() {
			t.Errorf("%v: columns take %.0f of a %.0f-wide table: a horizontal scroll bar", size, sum, tw)
		}
		if size.Width > 1200 && sum < tw-theme.Padding()-theme.ScrollBarSize()-float32(len(atRiskCols)) {
			t.Errorf("%v: columns take %.0f of a %.0f-wide table: they should stretch", size, sum, tw)
		}
		l := widget.NewLabel("x")
		h := widget.NewButton("x", nil)
		rows := (s.atRisk.Size().Height - h.MinSize().Height - sep) / (l.MinSize().Height + sep)
		if rows < 4 {
			t.Errorf("%v: the table is %.0f high: %.1f rows show, want at least 4", size, s.atRisk.Size().Height, rows)
		}
	}
}

// demoScreen shows the demo portfolio with a small real forecast in a window of size.
func demoScreen(t *testing.T, size fyne.Size) (*Screen, fyne.Window, *plan.Portfolio, *outlook.Forecast) {
	t.Helper()
	test.NewTempApp(t)
	ctx := context.Background()
	path, err := demo.EnsureDemoFile(ctx, t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	p, err := db.Portfolio(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f, err := outlook.Run(ctx, p, outlook.Options{Trials: 500, Seed: 1, AsOf: today, RiskImpacts: true})
	if err != nil {
		t.Fatal(err)
	}
	s := New(&screen.Env{Today: func() plan.Date { return today }, Navigate: func(string) {}})
	w := test.NewTempWindow(t, s.Object())
	w.Resize(size)
	s.Show(p)
	s.ShowForecast(f, false)
	return s, w, p, f
}

func TestDayBesideShowsTheYearWhenTheDayIsAmbiguous(t *testing.T) {
	for _, c := range []struct{ name, ref, d, want string }{
		{"same year", "2027-01-12", "2027-01-20", "20 Jan"},
		{"slips into the next year", "2027-01-12", "2027-11-09", "9 Nov 2027"},
		{"just before, across new year", "2027-01-20", "2026-11-30", "30 Nov"},
		{"just after, across new year", "2026-12-20", "2027-01-05", "5 Jan"},
		{"over half a year before", "2027-12-20", "2027-03-05", "5 Mar 2027"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := dayBeside(plan.MustDate(c.ref), plan.MustDate(c.d)); got != c.want {
				t.Errorf("dayBeside(%s, %s) = %q, want %q", c.ref, c.d, got, c.want)
			}
		})
	}
}
