package overview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
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
			{ID: "cms", Name: "CMS mandate", Date: plan.MustDate("2027-03-31"), DependsOn: []string{"b", "c"}, Penalty: "USD 25,000 a day"},
			{ID: "go", Name: "Go-live", Date: plan.MustDate("2027-01-20"), DependsOn: []string{"a"}},
		},
		Risks: []plan.Risk{
			{ID: "r1", Title: "Vendor sandbox differs", Status: plan.RiskOpen, Probability: 0.6, ImpactDays: 10, Category: plan.RiskVendor, Items: []string{"b"}},
			{ID: "r2", Title: "Audit trail late", Status: plan.RiskMitigating, Probability: 0.5, ImpactDays: 30, Category: plan.RiskCompliance, Items: []string{"c"}},
			{ID: "r3", Title: "Closed one", Status: plan.RiskClosed, Category: plan.RiskPeople},
		},
		BudgetLines: []plan.BudgetLine{{ID: "hc", Name: "Salaries", Category: plan.BudgetHeadcount, Spend: plan.OpEx,
			Plan:   []plan.MonthAmount{{Month: plan.MustMonth("2026-10"), Amount: plan.Amount(100000, "EUR")}, {Month: plan.MustMonth("2026-11"), Amount: plan.Amount(100000, "EUR")}},
			Actual: []plan.MonthAmount{{Month: plan.MustMonth("2026-10"), Amount: plan.Amount(95000, "EUR")}}}},
	}
}

// forecast is a hand-built forecast of portfolio(): a 90%, b 60%, c 30%.
func forecast() *app.Forecast {
	fin := func(p50, p85 string) app.DateDist {
		return app.DateDist{P50: plan.MustDate(p50), P85: plan.MustDate(p85)}
	}
	return &app.Forecast{
		Trials: 1000, Committed: 0.12,
		Items: []app.ItemForecast{
			{ID: "a", PTarget: 0.9, Finish: fin("2026-11-25", "2026-11-30")},
			{ID: "b", PTarget: 0.6, Finish: fin("2027-01-10", "2027-01-25")},
			{ID: "c", PTarget: 0.3, Finish: fin("2027-02-10", "2027-02-28"), Driver: "b", DriverShare: 0.7, WaitDependencyDays: 6},
			{ID: "d", PTarget: 0.1, Finish: fin("2027-03-10", "2027-03-28")},
		},
		Milestones: []app.MilestoneForecast{
			{ID: "past", Done: true, PTarget: 1},
			{ID: "cms", PTarget: 0.64, Finish: fin("2027-03-01", "2027-04-12")},
			{ID: "go", PTarget: 0.9, Finish: fin("2026-11-25", "2026-11-30")},
		},
		Teams: []app.TeamQuarter{
			{TeamID: "api", Quarter: plan.Quarter{Year: 2027, Q: 1}, POver: 0.72},
			{TeamID: "api", Quarter: plan.Quarter{Year: 2027, Q: 2}, POver: 0.2},
			{TeamID: "ops", Quarter: plan.Quarter{Year: 2026, Q: 4}, POver: 0.5},
		},
		Risks: []app.RiskImpact{
			{RiskID: "r2", PortfolioP85Days: 12, MilestoneP85Days: map[string]float64{"cms": 14}, WorstMilestone: "cms", MilestonePTarget: map[string]float64{"cms": -0.09},
				PointsLost: 9, Measurable: true},
			{RiskID: "r1", PortfolioP85Days: 3, Measurable: true},
		},
	}
}

func newScreen(t *testing.T) (*Screen, *uitest.Harness) {
	t.Helper()
	h := uitest.Portfolio(t, portfolio(), today)
	s := New(h, h)
	h.Show(s, fyne.NewSize(1100, 760))
	return s, h
}

func TestOverviewBeforeTheForecast(t *testing.T) {
	s, _ := newScreen(t)
	checks := []struct{ name, got, want string }{
		{"title", s.title.Text, "Müller & Söhne Integration"},
		{"as of", s.subtitle.Text, "EUR · fiscal year starts in January · as of 21 Nov 2026"},
		{"commitments", s.commitments.value.Text, running},
		{"capacity", s.capacity.value.Text, running},
		{"milestones", s.milestones.value.Text, running},
		// Milestone names and dates are real data: shown, without odds,
		// the one with a penalty first.
		{"milestone list", s.milestones.detail(), "CMS mandate (31 Mar 2027)\nGo-live (20 Jan 2027)"},
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
	if s.risks.detail() != "50% × 30 working days · Audit trail late\n60% × 10 working days · Vendor sandbox differs" {
		t.Errorf("risk detail %q", s.risks.detail())
	}
	for _, tl := range []*tile{s.commitments, s.milestones, s.capacity, s.risks} {
		if tl.status.Text != "" {
			t.Errorf("%s shows %q before any forecast", tl.caption.Text, tl.status.Text)
		}
	}
	if len(s.atRiskRows) != 0 || !strings.Contains(s.atRiskTitle.Text, running) || s.threat.Visible() {
		t.Errorf("at-risk table before the forecast: %d rows, %q", len(s.atRiskRows), s.atRiskTitle.Text)
	}
}

func TestOverviewForecastTiles(t *testing.T) {
	s, _ := newScreen(t)
	s.ShowForecast(forecast(), false)
	checks := []struct{ name, got, want string }{
		{"commitments", s.commitments.value.Text, "1 of 3 on track"},
		{"commitment detail", s.commitments.detail(), "1 at risk (50%–80%) · 1 off track (< 50%)\n12% chance that all 3 land on time"},
		// The milestone with a penalty leads, whatever its date.
		{"milestones", s.milestones.value.Text, "1 of 2 ahead on track"},
		{"milestone lines", s.milestones.detail(), "64% · CMS mandate (31 Mar 2027)\n90% · Go-live (20 Jan 2027)"},
		{"hot spots", s.capacity.value.Text, "2 team quarters over-committed"},
		{"hot spot lines", s.capacity.detail(), "FHIR API: 72% chance over in 2027-Q1\nPlatform: 50% chance over in 2026-Q4"},
		{"risk lines", s.risks.detail(), "9 pts of chance lost, +14 working days · Audit trail late\n+3 working days at P85 · Vendor sandbox differs"},
		{"threat", s.threat.Text, "Principal threat: CMS mandate, 64% chance of 31 Mar 2027; the risk that costs it most: Audit trail late (−9 pts)."},
		{"status", s.commitments.status.Text, ""},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	// Both themes colour by the same RAG rule: the threat is amber, the
	// commitments headline red (one is off track).
	if s.threat.Importance != widget.WarningImportance || s.commitments.value.Importance != widget.DangerImportance {
		t.Errorf("colours: threat %v, commitments %v", s.threat.Importance, s.commitments.value.Importance)
	}
	// By exposure: the milestone with a penalty, then the lowest chance.
	names := func() []string {
		var out []string
		for _, r := range s.atRiskRows {
			out = append(out, r[colName])
		}
		return out
	}
	if got := strings.Join(names(), ", "); got != "CMS mandate, Consent API, Bulk export, Go-live, Patient search" {
		t.Errorf("by exposure: %s", got)
	}
	if r := s.atRiskRows[1]; r[colChance] != "30%" || r[colWhy] != "Bulk export (70% of trials)" {
		t.Errorf("Consent API row %v", r)
	}
	s.selectRow(0)
	if !strings.Contains(s.rowDetail.Text, "Penalty: USD 25,000 a day.") {
		t.Errorf("row detail %q", s.rowDetail.Text)
	}

	// Tapping a header sorts by it; tapping again reverses.
	s.sortBy(colP85)                                                               // P85, earliest first
	if s.atRiskRows[0][0] != "Go-live" || s.atRiskRows[1][0] != "Patient search" { // same P85: the table order
		t.Errorf("by P85: %v", names())
	}
	s.sortBy(colP85)
	if s.atRiskRows[0][0] != "CMS mandate" {
		t.Errorf("by P85 descending: %v", names())
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
	s, h := newScreen(t)
	want := map[*tile]string{s.commitments: "Roadmap", s.milestones: "Forecast", s.budget: "Budget", s.capacity: "Teams", s.risks: "Risks", s.dora: "Reports"}
	for tl, title := range want {
		h.Navigated = nil
		test.Tap(tl)
		if len(h.Navigated) != 1 || h.Navigated[0] != title {
			t.Errorf("tapping %s navigated to %v, want %s", tl.caption.Text, h.Navigated, title)
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
// tile has real numbers, the CMS mandate (the milestone with a penalty
// window) leads, and nothing is cut off. With STEERCO_SHOT_DIR set it also
// writes overview-light.png and overview-dark.png there at both sizes.
func TestOverviewOnDemo(t *testing.T) {
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		t.Run(size.name, func(t *testing.T) {
			s, h := demoScreen(t, size.size)
			for _, tl := range []*tile{s.commitments, s.milestones, s.budget, s.capacity, s.risks, s.dora} {
				// No demo team is over-committed (work due by a quarter's end
				// against the capacity to it, see the outlook package doc), so
				// the capacity tile may rightly say "No hot spots".
				if tl.value.Text == "" || tl.value.Text == running || (tl != s.capacity && strings.HasPrefix(tl.value.Text, "No ")) {
					t.Errorf("%s: %q on the demo", tl.caption.Text, tl.value.Text)
				}
			}
			if len(s.atRiskRows) == 0 || !strings.HasPrefix(s.atRiskRows[0][colName], "CMS ") || !strings.Contains(s.milestones.lines[0].Text, "· CMS ") {
				t.Errorf("the CMS mandate does not lead: tile %q, rows %v", s.milestones.value.Text, s.atRiskRows[:min(2, len(s.atRiskRows))])
			}
			if !strings.HasPrefix(s.threat.Text, "Principal threat: ") {
				t.Errorf("threat %q", s.threat.Text)
			}
			// The exposure line quotes the forecast's figures, formatted by figure.
			ex := h.Last().Exposure
			if ex == nil || len(ex.Milestones) == 0 {
				t.Fatal("the demo's forecast has no penalty exposure (the CMS mandate's penalty is structured)")
			}
			want := "(P85 " + figure.MoneyShort(ex.Total.P85) + ")"
			if !s.exposure.Visible() || !strings.Contains(s.exposure.Text, figure.MoneyShort(ex.Total.Mean)+" "+want) || s.exposure.Text != app.ExposureSentence(h.Portfolio(), h.Last()) {
				t.Errorf("exposure line %q, want the expected penalty %s %s", s.exposure.Text, figure.MoneyShort(ex.Total.Mean), want)
			}
			// The CMS mandate's row says its expected penalty and P85.
			found := 0
			for _, e := range ex.Milestones {
				for i, r := range s.atRiskData {
					if r.milestone && r.target == e.Target && strings.HasPrefix(r.cells[colName], "CMS ") {
						found++
						if want := figure.MoneyShort(e.Expected) + " expected penalty (P85 " + figure.MoneyShort(e.P85) + ")"; r.cells[colWhy] != want || !strings.Contains(r.full, "Expected penalty "+figure.MoneyShort(e.Expected)+", P85 "+figure.MoneyShort(e.P85)) {
							t.Errorf("row %d: %q, full %q, want %q", i, r.cells[colWhy], r.full, want)
						}
					}
				}
			}
			if found != 1 {
				t.Errorf("%d rows of the CMS mandate with a penalty exposure, want 1", found)
			}
			checkNothingClipped(t, s)
			for _, th := range uitest.Themes {
				test.ApplyTheme(t, th.Theme)
				h.Capture("overview-" + th.Name + "-" + size.name)
			}
		})
	}
}

// checkNothingClipped: every tile line and headline is shown whole (they
// wrap, never cut), the threat sentence too, and the table's columns fit
// its width (no horizontal scroll bar) with at least 3 rows in view.
func checkNothingClipped(t *testing.T, s *Screen) {
	t.Helper()
	// Every tile is on the first screen, whole: none is a scroll away.
	view := s.root.Size().Height
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	top := abs(s.root).Y
	for _, tl := range []*tile{s.commitments, s.milestones, s.budget, s.capacity, s.risks, s.dora} {
		if bottom := abs(tl).Y - top + tl.MinSize().Height; bottom > view+1 {
			t.Errorf("%s: the tile ends at y %.0f, below the first screen (%.0f high)", tl.caption.Text, bottom, view)
		}
	}
	for _, tl := range []*tile{s.commitments, s.milestones, s.budget, s.capacity, s.risks, s.dora} {
		for _, l := range append([]*widget.Label{tl.value}, tl.lines[:]...) {
			if l.Text == "" {
				continue
			}
			if l.Truncation != fyne.TextTruncateOff || l.Wrapping == fyne.TextWrapOff {
				t.Errorf("%s: %q can be cut", tl.caption.Text, l.Text)
			}
			if l.Size().Height < l.MinSize().Height-1 {
				t.Errorf("%s: %q is %.0f high, needs %.0f", tl.caption.Text, l.Text, l.Size().Height, l.MinSize().Height)
			}
		}
	}
	sep := theme.SeparatorThicknessSize()
	tw := s.atRisk.Size().Width
	sum := float32(len(atRiskCols)-1) * sep
	for _, w := range s.cols.widths {
		sum += w
	}
	if sum > tw-theme.ScrollBarSize() {
		t.Errorf("columns take %.0f of a %.0f-wide table: a horizontal scroll bar", sum, tw)
	}
	l := widget.NewLabel("x")
	h := widget.NewButton("x", nil)
	if rows := (s.atRisk.Size().Height - h.MinSize().Height - sep) / (l.MinSize().Height + sep); rows < 3 {
		t.Errorf("the table is %.0f high: %.1f rows show, want at least 3", s.atRisk.Size().Height, rows)
	}
}

// TestTableFitsALaptopWindow: the columns fit the table's width at both
// window sizes; wider, the stretching columns take the extra width.
func TestTableFitsALaptopWindow(t *testing.T) {
	for _, size := range []fyne.Size{uitest.Small, uitest.Laptop, {Width: 1600, Height: 765}} {
		s, _ := demoScreen(t, size)
		if len(s.cols.widths) != len(atRiskCols) {
			t.Fatalf("%v: column widths never set: %v", size, s.cols.widths)
		}
		tw := s.atRisk.Size().Width
		sum := float32(len(atRiskCols)-1) * theme.SeparatorThicknessSize()
		for _, w := range s.cols.widths {
			sum += w
		}
		if sum > tw-theme.ScrollBarSize() {
			t.Errorf("%v: columns take %.0f of a %.0f-wide table: a horizontal scroll bar", size, sum, tw)
		}
		if size.Width > 1200 && sum < tw-theme.Padding()-theme.ScrollBarSize()-float32(len(atRiskCols)) {
			t.Errorf("%v: columns take %.0f of a %.0f-wide table: they should stretch", size, sum, tw)
		}
	}
}

// demoScreen shows the demo portfolio with a small real forecast in a window of size.
func demoScreen(t *testing.T, size fyne.Size) (*Screen, *uitest.Harness) {
	t.Helper()
	h := uitest.Demo(t, today)
	s := New(h, h)
	h.Show(s, size)
	h.Run(app.Request{Trials: 500, RiskImpacts: true})
	return s, h
}
