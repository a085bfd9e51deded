package forecastview

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/uitest"
	"steerco/internal/ui/uithread"
)

var today = plan.MustDate("2026-11-21")

// harness is the screen over a copy of the demo portfolio file, through
// uitest (the real session and forecaster, run off the UI goroutine as
// the shell does).
type harness struct {
	*uitest.Harness
	s *Screen
	w fyne.Window
	p *plan.Portfolio
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	u := uitest.Demo(t, today)
	h := &harness{Harness: u, s: New(u), p: u.Portfolio()}
	h.w = u.Show(h.s, fyne.NewSize(1500, 950))
	return h
}

func (h *harness) wait(t *testing.T, within time.Duration) error {
	t.Helper()
	return h.WaitForecast(within)
}

// progressed waits until the screen's progress bar moved.
func (h *harness) progressed(t *testing.T, within time.Duration) {
	t.Helper()
	if !uithread.Until(within, func() bool { return h.s.Progress() > 0 }) {
		t.Fatal("no progress reported")
	}
}

func retype(e interface{ SetText(string) }, s string) { e.SetText(s) }

func TestRunShowsResults(t *testing.T) {
	h := newHarness(t)
	retype(h.s.trials, "500")
	retype(h.s.seed, "7")
	h.s.sampling.SetSelected("Latin hypercube")
	h.s.dist.SetSelected(app.DistBetaPERT)
	if h.s.progress.Visible() {
		t.Error("the progress bar shows before any run (an idle 0% bar reads as a stuck run)")
	}
	test.Tap(h.s.runBtn)
	if !h.s.progress.Visible() {
		t.Error("the progress bar is hidden while the run is in flight")
	}
	if err := h.wait(t, 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := h.s.Progress(); got != 1 {
		t.Errorf("progress after the run = %v, want 1 (100%%)", got)
	}
	if h.s.progress.Visible() {
		t.Error("the progress bar stays on screen after the run finished")
	}
	f := h.s.f
	if f == nil || f.Trials != 500 || f.Seed != 7 || f.Sampling != "lhs" || f.Distribution != app.DistBetaPERT {
		t.Fatalf("forecast %+v", f)
	}
	if h.s.Running() || h.s.runBtn.Disabled() || !h.s.cancelBtn.Disabled() || h.s.banner.Visible() {
		t.Error("the controls did not return to rest after the run")
	}
	// One row for the portfolio, each milestone and each open item.
	if want := 1 + len(f.Milestones) + len(f.Items); len(h.s.rows) != want {
		t.Errorf("%d rows, want %d", len(h.s.rows), want)
	}
	for _, want := range []string{"500 trials", "seed 7", "Latin hypercube", "betapert", "standard error", "ran in"} {
		if !strings.Contains(h.s.meta.Text, want) {
			t.Errorf("metadata %q lacks %q", h.s.meta.Text, want)
		}
	}
	// The CMS mandate milestone: its S-curve, P50/P85 and target.
	h.s.Select("m-cms")
	if !strings.Contains(h.s.title.Text, "CMS") || len(h.s.chart.in.Points) < 2 || h.s.chart.in.Target.IsZero() {
		t.Fatalf("milestone detail: title %q, %d points, target %s", h.s.title.Text, len(h.s.chart.in.Points), h.s.chart.in.Target)
	}
	if !strings.Contains(h.s.chance.Text, "chance of meeting") || h.s.waitBox.Visible() {
		t.Errorf("milestone chance %q; why-it-waits shown for a milestone: %v", h.s.chance.Text, h.s.waitBox.Visible())
	}
	// An item that waits for a dependency: why it waits, and its driver.
	var waiting *app.ItemForecast
	for i := range f.Items {
		if f.Items[i].Driver != "" && f.Items[i].WaitDependencyDays > 0 {
			waiting = &f.Items[i]
			break
		}
	}
	if waiting == nil {
		t.Fatal("no item of the demo waits for a dependency")
	}
	h.s.Select(waiting.ID)
	if !h.s.waitBox.Visible() || !strings.Contains(h.s.waitText.Text, "for dependencies") || !strings.Contains(h.s.driver.Text, waiting.Driver) {
		t.Errorf("why it waits: %q / %q", h.s.waitText.Text, h.s.driver.Text)
	}
	if len(h.s.waitBar.fracs) != 2 {
		t.Errorf("the wait bar has %d parts, want dependency and capacity", len(h.s.waitBar.fracs))
	}
	// Risk drivers, most harmful first, in days.
	if len(h.s.riskRows) == 0 || !strings.Contains(h.s.riskRows[0].Text, "on the portfolio's P85") {
		t.Errorf("risk rows %+v", h.s.riskRows)
	}
	// A risk's line is cut in the list on a narrow window; selected, it is
	// shown whole under it.
	h.s.risks.Select(0)
	if !h.s.riskFull.Visible() || !strings.Contains(h.s.riskFull.Text, h.s.riskRows[0].Text) {
		t.Errorf("selected risk: %q", h.s.riskFull.Text)
	}
	// Sorting by chance puts the least likely first.
	h.s.sortBy(colChance)
	for i := 1; i < len(h.s.rows); i++ {
		if h.s.rows[i].num[colChance] < h.s.rows[i-1].num[colChance] {
			t.Fatalf("rows not sorted by chance at %d", i)
		}
	}
}

func TestInvalidSettingsDoNotRun(t *testing.T) {
	cases := []struct {
		name, trials, seed string
		trialsErr, seedErr bool
	}{
		{"too few trials", "0", "1", true, false},
		{"too many trials", "1000001", "1", true, false},
		{"not a number", "lots", "1", true, false},
		{"seed zero", "500", "0", false, true},
		{"seed negative", "500", "-3", false, true},
	}
	h := newHarness(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			retype(h.s.trials, c.trials)
			retype(h.s.seed, c.seed)
			test.Tap(h.s.runBtn)
			if h.Runs() != 0 || h.s.Running() {
				t.Fatal("a run started with invalid settings")
			}
			if h.s.trialsErr.Visible() != c.trialsErr || h.s.seedErr.Visible() != c.seedErr {
				t.Errorf("errors shown: trials %v (%q), seed %v (%q)", h.s.trialsErr.Visible(), h.s.trialsErr.Text, h.s.seedErr.Visible(), h.s.seedErr.Text)
			}
		})
	}
	retype(h.s.trials, "1,000")
	retype(h.s.seed, "1")
	if _, ok := h.s.request(); !ok || h.s.trialsErr.Visible() {
		t.Errorf("1,000 trials refused: %q", h.s.trialsErr.Text)
	}
}

func TestCancelKeepsPreviousResults(t *testing.T) {
	h := newHarness(t)
	retype(h.s.trials, "500")
	test.Tap(h.s.runBtn)
	if err := h.wait(t, 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	previous := h.s.f

	retype(h.s.trials, "1000000")
	test.Tap(h.s.runBtn)
	if !h.s.Running() || !h.s.runBtn.Disabled() || h.s.cancelBtn.Disabled() {
		t.Fatal("the run did not start")
	}
	h.progressed(t, time.Minute)
	start := time.Now()
	test.Tap(h.s.cancelBtn)
	err := h.wait(t, 30*time.Second)
	t.Logf("cancelled after %s", time.Since(start))
	if err == nil {
		t.Fatal("a million trials finished before Cancel took effect")
	}
	if h.s.f != previous || h.s.f.Trials != 500 {
		t.Error("the previous results were replaced")
	}
	if !h.s.banner.Visible() || !strings.Contains(h.s.banner.Text, "previous forecast") {
		t.Errorf("banner %q (visible %v): the previous results must be marked as such", h.s.banner.Text, h.s.banner.Visible())
	}
	if h.s.Running() || h.s.runBtn.Disabled() {
		t.Error("Run is not available again after Cancel")
	}
	if h.s.Progress() >= 1 {
		t.Error("the progress bar claims the cancelled run finished")
	}
}

func TestStaleAutomaticForecast(t *testing.T) {
	h := newHarness(t)
	f := h.Run(app.Request{Trials: 300})
	if h.s.banner.Visible() || len(h.s.rows) == 0 {
		t.Fatal("an up-to-date forecast was not shown plainly")
	}
	// Without curves (as the shell's automatic runs may be): a sentence, not an empty chart.
	h.s.Select("m-cms")
	if len(h.s.chart.in.Points) != 0 || !strings.Contains(h.s.chart.empty, "press Run") {
		t.Errorf("chart without curves: %d points, %q", len(h.s.chart.in.Points), h.s.chart.empty)
	}
	h.s.ShowForecast(f, true)
	if !h.s.banner.Visible() || !strings.Contains(h.s.banner.Text, "Out of date") || h.s.f != f {
		t.Errorf("stale forecast: banner %q, still shown %v", h.s.banner.Text, h.s.f == f)
	}
	h.s.ShowForecast(nil, true) // the shell passes nil when it had no forecast yet
	if h.s.f != f {
		t.Error("a nil stale forecast replaced the one shown")
	}
}

// TestAsOfFollowsTheAppRule: a run from the screen starts from the date
// app's rule gives (the planning start when it is later than today), the
// date the command line and the board pack use, not the screen's own.
func TestAsOfFollowsTheAppRule(t *testing.T) {
	h := newHarness(t)
	h.Day = h.p.PlanningStart.AddDays(-30)
	retype(h.s.trials, "200")
	test.Tap(h.s.runBtn)
	if err := h.wait(t, 2*time.Minute); err != nil {
		t.Fatal(err)
	}
	if want := app.AsOf(h.p, h.Day, 0); h.s.f.AsOf != want || want != h.p.PlanningStart {
		t.Errorf("as of %s, want the planning start %s", h.s.f.AsOf, want)
	}
}

// TestKeyColumnsFit: at 1280 × 800 and 1024 × 768 the name, P85 and
// chance columns are shown and fit the table (no horizontal scroll bar),
// the others giving way; the Chance header is never cut ("Chan").
func TestKeyColumnsFit(t *testing.T) {
	h := newHarness(t)
	h.Run(app.Request{Trials: 500, RiskImpacts: true, Curves: true})
	h.s.Select("m-cms")
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		h.w.Resize(size.size)
		for _, col := range []int{colName, colP85, colChance} {
			if !h.s.cols.Shown(col) {
				t.Errorf("%s: column %s is hidden", size.name, columns[col].Title)
			}
		}
		var sum float32
		for _, w := range h.s.cols.Widths() {
			sum += w
		}
		if tw := h.s.table.Size().Width; sum > tw {
			t.Errorf("%s: columns take %.0f of a %.0f-wide table", size.name, sum, tw)
		}
		for i, col := range h.s.cols.Visible {
			title := field.SortTitle(columns[col].Title, true, false)
			if w := fyne.MeasureText(title, theme.TextSize(), fyne.TextStyle{}).Width + 4*theme.InnerPadding(); w > h.s.cols.Widths()[i] {
				t.Errorf("%s: header %q needs %.0f, has %.0f", size.name, title, w, h.s.cols.Widths()[i])
			}
		}
		for _, th := range uitest.Themes {
			test.ApplyTheme(t, th.Theme)
			h.Capture("forecast-" + th.Name + "-" + size.name)
		}
	}
}
