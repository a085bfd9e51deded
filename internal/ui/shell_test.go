package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/uitest"
)

var files = Files{
	Open: func(ctx context.Context, path string) (Store, error) {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return db, nil
	},
	Create: func(ctx context.Context, path string, p *plan.Portfolio) (Store, error) {
		db, err := sqlite.Create(ctx, path, p)
		if err != nil {
			return nil, err
		}
		return db, nil
	},
}

func TestShellOpensPortfolioAndKeepsItOnBadFile(t *testing.T) {
	s, dir, _ := openDemo(t)
	if got := s.Window().Title(); !strings.HasPrefix(got, s.Portfolio().Name+" — demo.steerco") {
		t.Errorf("title %q", got)
	}
	if len(s.recent()) != 1 || filepath.Base(s.recent()[0]) != "demo.steerco" {
		t.Errorf("recent files %v", s.recent())
	}

	bad := filepath.Join(dir, "bad.steerco")
	if err := os.WriteFile(bad, []byte("SQLite format 3\x00 but truncated"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := s.Portfolio()
	if err := s.Open(bad); err == nil {
		t.Fatal("opening a damaged file succeeded")
	}
	if s.Portfolio() != before || !strings.Contains(s.Window().Title(), "demo.steerco") {
		t.Error("a failed open replaced the portfolio on display")
	}
}

// viewer records what the forecaster shows. ShowForecast is called on the
// UI goroutine, which under the test driver is the forecaster's own
// goroutine: the test reads through latest, under mu.
type viewer struct {
	mu    sync.Mutex
	shown []bool // stale flags, in order
	last  *outlook.Forecast
	done  chan struct{}
}

// latest returns the last fresh forecast shown.
func (v *viewer) latest() *outlook.Forecast {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.last
}

// staleFlags returns a copy of the stale flags shown so far.
func (v *viewer) staleFlags() []bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return append([]bool(nil), v.shown...)
}

func (v *viewer) Title() string             { return "Viewer" }
func (v *viewer) Icon() fyne.Resource       { return theme.InfoIcon() }
func (v *viewer) Object() fyne.CanvasObject { return widget.NewLabel("viewer") }
func (v *viewer) Show(*plan.Portfolio)      {}
func (v *viewer) ShowForecast(f *outlook.Forecast, stale bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.shown = append(v.shown, stale)
	if !stale {
		v.last = f
		select {
		case v.done <- struct{}{}:
		default:
		}
	}
}

func TestShellEditUndoRedoAndForecast(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	s := New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	v := &viewer{done: make(chan struct{}, 1)}
	s.screens = append(s.screens, v)
	s.fc.app.SetRun(func(ctx context.Context, p *plan.Portfolio, opts outlook.Options) (*outlook.Forecast, error) {
		opts.Trials = 200 // keep the test quick; the numbers are not under test here
		return outlook.Run(ctx, p, opts)
	})
	idle := make(chan struct{}, 8)
	s.fc.onIdle = func() { idle <- struct{}{} }
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	waitForecast(t, v)
	if v.latest() == nil || len(v.latest().Items) == 0 {
		t.Fatal("no forecast shown after opening")
	}
	waitIdle(t, idle)
	if len(v.latest().Risks) == 0 {
		t.Error("the last pass did not add the risk drivers")
	}
	if len(v.staleFlags()) < 2 || !v.staleFlags()[0] {
		t.Errorf("the forecast was not marked stale before the run: %v", v.staleFlags())
	}

	team := s.Portfolio().Teams[0]
	// An invalid edit writes nothing and says why, by field.
	err = s.Services().Edit("set WIP limit", func(p *plan.Portfolio) error { p.Team(team.ID).WIPLimit = 0; return nil })
	if err == nil || screen.Problem(err, "wip_limit") == "" {
		t.Fatalf("invalid edit: %v", err)
	}
	// A valid edit is written, shown, and undoable.
	if err := s.Services().Edit("rename team", func(p *plan.Portfolio) error { p.Team(team.ID).Name = "Renamed"; return nil }); err != nil {
		t.Fatal(err)
	}
	if s.Portfolio().Team(team.ID).Name != "Renamed" {
		t.Fatal("edit not shown")
	}
	// Ctrl+Z and Ctrl+Y reach the canvas as fyne.ShortcutUndo and
	// fyne.ShortcutRedo (that is what the desktop driver makes of them);
	// Ctrl+Shift+Z as a custom shortcut.
	pressShortcut(t, s, &fyne.ShortcutUndo{})
	if s.Portfolio().Team(team.ID).Name != team.Name {
		t.Fatalf("Ctrl+Z: name %q", s.Portfolio().Team(team.ID).Name)
	}
	pressShortcut(t, s, &fyne.ShortcutRedo{})
	if s.Portfolio().Team(team.ID).Name != "Renamed" {
		t.Fatal("Ctrl+Y did not restore the edit")
	}
	pressShortcut(t, s, scUndo)
	if s.Portfolio().Team(team.ID).Name != team.Name {
		t.Fatalf("undo: name %q", s.Portfolio().Team(team.ID).Name)
	}
	pressShortcut(t, s, scRedo)
	if s.Portfolio().Team(team.ID).Name != "Renamed" {
		t.Fatal("redo did not restore the edit")
	}
	// The file itself holds the change (reopen it).
	db, err := sqlite.Open(context.Background(), path+"") // second handle: WAL readers see committed data
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := db.Portfolio(context.Background())
	db.Close()
	if p2.Team(team.ID).Name != "Renamed" {
		t.Error("the edit did not reach the file")
	}
	// Only the newest generation reports idle: this one is the re-run after the edits.
	waitIdle(t, idle)
	if v.latest() == nil || len(v.latest().Risks) == 0 {
		t.Error("no forecast with risk drivers after the edit")
	}
}

func waitIdle(t *testing.T, idle chan struct{}) {
	t.Helper()
	uitest.Wait(t, idle, 60*time.Second, "the forecast did not finish all its passes within a minute")
}

func waitForecast(t *testing.T, v *viewer) {
	t.Helper()
	uitest.Wait(t, v.done, 60*time.Second, "no up-to-date forecast within a minute")
}

func TestSaveAsContinuesOnTheCopyAndNewCreatesEmpty(t *testing.T) {
	s, dir, _ := openDemo(t)
	cp := filepath.Join(dir, "board copy")
	if err := s.SaveAs(cp); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(s.Window().Title(), "board copy.steerco") {
		t.Errorf("title after Save As: %q", s.Window().Title())
	}
	if err := s.CreateAt(filepath.Join(dir, "fresh"), NewPortfolio("Fresh start", "EUR", s.today())); err != nil {
		t.Fatal(err)
	}
	if s.Portfolio().Name != "Fresh start" || len(s.Portfolio().Items) != 0 || s.Portfolio().PlanningStart != plan.MustDate("2026-11-16") {
		t.Errorf("new portfolio: %+v", s.Portfolio())
	}
	if err := s.CreateAt(filepath.Join(dir, "fresh"), NewPortfolio("Again", "EUR", s.today())); err == nil {
		t.Error("New overwrote an existing portfolio file")
	}
}

// pressShortcut delivers a keyboard shortcut to the window's canvas, as the driver does.
func pressShortcut(t *testing.T, s *Shell, sc fyne.Shortcut) {
	t.Helper()
	h, ok := s.Window().Canvas().(fyne.Shortcutable)
	if !ok {
		t.Fatal("the test canvas does not take shortcuts")
	}
	h.TypedShortcut(sc)
}

func TestExportAndImportShortcutsGoToTheirScreens(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	s := New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	// With no portfolio open the shortcuts do nothing, like the disabled menu items.
	pressShortcut(t, s, scExport)
	if s.screens[s.current].Title() == "Reports" {
		t.Error("Ctrl+E went to Reports with no portfolio open")
	}
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	w := s.Window()
	for label, sc := range map[string]fyne.Shortcut{"Import…": scImport, "Export Board Pack…": scExport} {
		if it := menuItem(t, w, "File", label); it.Shortcut != sc || it.Disabled {
			t.Errorf("File › %s: shortcut %v, disabled %v", label, it.Shortcut, it.Disabled)
		}
	}
	pressShortcut(t, s, scExport)
	if got := s.screens[s.current].Title(); got != "Reports" {
		t.Errorf("Ctrl+E shows %q, want Reports", got)
	}
	pressShortcut(t, s, scImport)
	if got := s.screens[s.current].Title(); got != "Import" {
		t.Errorf("Ctrl+I shows %q, want Import", got)
	}
}

// Every screen fits the default window: a screen wider than the window makes
// the window grow past the screen's edge.
func TestEveryScreenFitsTheDefaultWindow(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	s := New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	// Measure with the forecast shown, and after it: results arriving while
	// the test switches screens would touch widgets from two goroutines.
	s.SetForecastTrials(200)
	idle := make(chan struct{}, 8)
	s.OnForecastIdle(func() { idle <- struct{}{} })
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	waitIdle(t, idle)
	for _, title := range s.ScreenTitles() {
		s.navigate(title)
		if w := s.Window().Content().MinSize().Width; w > 1280 {
			t.Errorf("%s needs %.0f px; the default window is 1280", title, w)
		}
	}
}

func TestMostRecentIsTheLastFileOpenedWhileItExists(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	dir := t.TempDir()
	path, err := demo.EnsureDemoFile(context.Background(), dir, today)
	if err != nil {
		t.Fatal(err)
	}
	if got := MostRecent(a); got != "" {
		t.Fatalf("fresh app: MostRecent = %q", got)
	}
	s := New(a, files, func() plan.Date { return today })
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	s.Window().Close()
	if got := MostRecent(a); got != path {
		t.Fatalf("MostRecent = %q, want %q", got, path)
	}
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if got := MostRecent(a); got != "" {
		t.Errorf("a deleted file is still offered: %q", got)
	}
}

// openDemo opens a fresh demo portfolio (dated 2026-11-21) in a shell on a
// test app, and returns the shell, the demo's folder and its path.
func openDemo(t *testing.T) (*Shell, string, string) {
	t.Helper()
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	dir := t.TempDir()
	path, err := demo.EnsureDemoFile(context.Background(), dir, today)
	if err != nil {
		t.Fatal(err)
	}
	s := New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	return s, dir, path
}

// Exporting a board pack runs its own forecast (other trials and seed, no
// S-curves): it must not replace what the Forecast screen and the others
// show, nor what a snapshot would freeze.
func TestAnExportsForecastDoesNotReplaceTheShownOne(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	s := New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	v := &viewer{done: make(chan struct{}, 8)}
	s.screens = append(s.screens, v)
	s.SetForecastTrials(200)
	idle := make(chan struct{}, 8)
	s.fc.onIdle = func() { idle <- struct{}{} }
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	waitIdle(t, idle)
	shown, current := v.latest(), s.fc.current()
	if shown == nil || current != shown {
		t.Fatalf("after the automatic forecast: shown %p, current %p", shown, current)
	}
	n := len(v.staleFlags())
	got := make(chan *outlook.Forecast, 1)
	// What the Reports screen asks for: its trials and seed, risk drivers.
	s.Services().Forecast(context.Background(), app.Request{Trials: 300, Seed: 7, AsOf: today, RiskImpacts: true}, nil,
		func(f *outlook.Forecast, err error) {
			if err != nil {
				t.Error(err)
			}
			got <- f
		})
	var exported *outlook.Forecast
	exported = uitest.Wait(t, got, 60*time.Second, "the export's forecast did not finish")
	if exported == nil || exported == shown || exported.Seed != 7 {
		t.Fatalf("the export got %p (seed %d), the screens show %p", exported, exported.Seed, shown)
	}
	if v.latest() != shown || len(v.staleFlags()) != n {
		t.Error("the export's forecast was shown to the screens")
	}
	if s.fc.current() != shown {
		t.Error("the export's forecast became the one a snapshot would freeze")
	}
	// However many other runs the screens make (what-ifs, exports), the
	// shown forecast stays the one a snapshot freezes.
	for seed := uint64(20); seed < 32; seed++ {
		s.Services().Forecast(context.Background(), app.Request{Trials: 50, Seed: seed}, nil, func(f *outlook.Forecast, err error) { got <- f })
		uitest.Wait(t, got, 60*time.Second, "a screen's forecast did not finish")
	}
	if s.fc.current() != shown || v.latest() != shown {
		t.Error("other runs pushed out the shown forecast")
	}
}
