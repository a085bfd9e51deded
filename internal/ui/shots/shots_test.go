package shots

// TestRenderScreens shows every screen of the desktop app, on the demo
// portfolio with a real forecast, at each of Sizes and in both themes, and
// fails when a screen's key texts (keys below) are not seen whole. With a
// folder it also writes each to PNG with the Fyne test driver's software
// painter (no display needed): `make screens`, or
//
//	STEERCO_SHOTS=DIR go test -tags … -run TestRenderScreens ./internal/ui/shots
//	go test -tags … -run TestRenderScreens ./internal/ui/shots -args -shots DIR
//
// Each screen is written as DIR/<screen>-<theme>-<size>.png, e.g.
// risks-dark-1024x768.png; STEERCO_SHOTS_SIZE (e.g. 1400x860) renders one
// other size instead.

import (
	"context"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui"
	"steerco/internal/ui/budget"
	"steerco/internal/ui/forecastview"
	"steerco/internal/ui/importer"
	"steerco/internal/ui/overview"
	"steerco/internal/ui/reports"
	"steerco/internal/ui/risks"
	"steerco/internal/ui/roadmap"
	"steerco/internal/ui/scenarios"
	"steerco/internal/ui/teams"
	"steerco/internal/ui/uitest"
	"steerco/internal/ui/uithread"
)

var shotsDir = flag.String("shots", "", "write a PNG of every screen to this `folder`")

// Trials of the forecast behind the pictures: enough for stable numbers, quick to run.
const trials = 2000

var today = plan.MustDate("2026-11-21")

func TestRenderScreens(t *testing.T) {
	dir := *shotsDir
	if dir == "" {
		dir = os.Getenv("STEERCO_SHOTS")
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	a := uitest.NewApp(t)
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	files := ui.Files{
		Open: func(ctx context.Context, path string) (ui.Store, error) {
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				return nil, err
			}
			return db, nil
		},
		Create: func(ctx context.Context, path string, p *plan.Portfolio) (ui.Store, error) {
			db, err := sqlite.Create(ctx, path, p)
			if err != nil {
				return nil, err
			}
			return db, nil
		},
	}
	s := ui.New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	idle := make(chan struct{}, 1)
	s.SetForecastTrials(trials)
	s.OnForecastIdle(func() {
		select {
		case idle <- struct{}{}:
		default:
		}
	})
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	uitest.Wait(t, idle, 5*time.Minute, "the forecast did not finish in 5 minutes")
	w := s.Window()
	sizes := Sizes
	if v := os.Getenv("STEERCO_SHOTS_SIZE"); v != "" {
		var wd, ht float32
		if _, err := fmt.Sscanf(v, "%fx%f", &wd, &ht); err != nil || wd < 100 || ht < 100 {
			t.Fatalf("STEERCO_SHOTS_SIZE=%q: want WIDTHxHEIGHT, e.g. 1280x800", v)
		}
		sizes = []fyne.Size{fyne.NewSize(wd, ht)}
	}
	for _, size := range sizes {
		w.Resize(size)
		for _, variant := range []string{"light", "dark"} {
			setTheme(t, w, variant)
			for _, title := range s.ScreenTitles() {
				s.Services().Navigate(title)
				settle(t) // let screens that lay out on a goroutine settle
				what := fmt.Sprintf("%s at %s (%s theme)", title, SizeName(size), variant)
				name := ""
				if dir != "" {
					name = filepath.Join(dir, fileName(title)+"-"+variant+"-"+SizeName(size)+".png")
				}
				if err := capture(w, name); err != nil {
					t.Errorf("%s: %v", what, err)
					continue
				}
				if name != "" {
					t.Logf("wrote %s", name)
				}
				if variant == "light" {
					if cut := Truncations(w.Canvas()); len(cut) > 0 {
						t.Logf("%s: shortened (not key texts): %q", what, cut)
					}
				}
				Check(t, w, what, keys[title])
				for _, b := range CutFields(w.Canvas()) {
					t.Errorf("%s: a field at x %.0f–%.0f runs past what is visible (%.0f–%.0f)", what, b.Pos.X, b.Pos.X+b.Size.Width, b.Left, b.Right)
				}
				if firstScreen[title] {
					for _, x := range Texts(w.Canvas()) {
						if x.CutBelow() && !x.Scrollable {
							t.Errorf("%s: %q is cut at the bottom of the first screen (drawn to y %.0f, visible to %.0f)", what, x.Text, x.Pos.Y+x.Size.Height, x.Bottom)
						}
					}
				}
				if title == "Roadmap" {
					checkRoadmapForm(t, w, what, dir, variant, size)
				}
				if title == "Teams" {
					checkQuarters(t, w, what, 4)
				}
				for _, x := range Overflowing(w.Canvas()) {
					if whole[title] {
						t.Errorf("%s: %q runs off its pane (drawn to x %.0f, visible to %.0f)", what, x.Text, x.Pos.X+x.Need, x.Right)
					} else if variant == "light" {
						t.Logf("%s: %q runs off its pane", what, x.Text)
					}
				}
			}
		}
	}
}

// whole lists the screens on which no text may run off the edge of its pane
// without a way to scroll to it (a screen joins once it passes).
var whole = map[string]bool{"Budget": true, "Risks": true, "Scenarios": true, "Reports": true, "Import": true}

// firstScreen lists the screens whose whole story is on the first screen:
// no text may be cut at the bottom edge (a tile's last lines), outside a
// table that scrolls.
var firstScreen = map[string]bool{"Overview": true}

// keys are the texts each screen declares must be seen whole at every size:
// the headers of its key columns, the lines of its tiles that matter.
var keys = map[string][]string{
	"Overview":  overview.KeyTexts(),
	"Roadmap":   roadmap.KeyTexts(),
	"Teams":     teams.KeyTexts(),
	"Forecast":  forecastview.KeyTexts(),
	"Budget":    budget.KeyTexts(),
	"Risks":     risks.KeyTexts(),
	"Scenarios": scenarios.KeyTexts(),
	"Reports":   reports.KeyTexts(),
	"Import":    importer.KeyTexts(),
}

// capture paints the window with the software painter and writes it as
// PNG to name (nothing is written when name is ""). A screen that makes the painter panic (an object with a negative
// size, say) is reported as an error, and the other screens still render.
func capture(w fyne.Window, name string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the screen cannot be painted: %v\n%s", r, debug.Stack())
		}
	}()
	img := w.Canvas().Capture()
	if name == "" {
		return nil
	}
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// setTheme switches the theme the way a user does: View › Light/Dark Theme.
func setTheme(t *testing.T, w fyne.Window, variant string) {
	t.Helper()
	want := strings.ToUpper(variant[:1]) + variant[1:] + " Theme"
	for _, m := range w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == want {
				it.Action()
				return
			}
		}
	}
	t.Fatalf("no %q menu item", want)
}

func fileName(title string) string {
	return strings.ToLower(strings.NewReplacer(" ", "-", "/", "-").Replace(title))
}

// checkRoadmapForm selects the first item of the Roadmap's table, so its
// form opens beside it, renders that too (roadmap-form-…png) and fails
// when a field of the form runs past the window's edge.
func checkRoadmapForm(t *testing.T, w fyne.Window, what, dir, variant string, size fyne.Size) {
	t.Helper()
	var table *widget.Table
	find(w.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if tb, ok := o.(*widget.Table); ok && tb.Visible() {
			table = tb
			return true
		}
		return false
	})
	if table == nil {
		t.Errorf("%s: no table to select an item in", what)
		return
	}
	table.Select(widget.TableCellID{Row: 0, Col: 0})
	settle(t)
	name := ""
	if dir != "" {
		name = filepath.Join(dir, "roadmap-form-"+variant+"-"+SizeName(size)+".png")
	}
	if err := capture(w, name); err != nil {
		t.Errorf("%s with the form: %v", what, err)
	}
	for _, b := range CutFields(w.Canvas()) {
		t.Errorf("%s with the form open: a field at x %.0f–%.0f runs past what is visible (%.0f–%.0f)", what, b.Pos.X, b.Pos.X+b.Size.Width, b.Left, b.Right)
	}
	table.UnselectAll()
}

// checkQuarters fails when fewer than want quarter headers of the heat map
// ("2027-Q1", "2026-Q4 from 23 Nov") are in view whole: the demo plans
// four quarters, and each must show without scrolling sideways at every
// size (teams' TestHeatMapQuartersFit checks six at 1280 on a longer plan).
func checkQuarters(t *testing.T, w fyne.Window, what string, want int) {
	t.Helper()
	var whole []string
	for _, x := range Texts(w.Canvas()) {
		if quarterHeader.MatchString(x.Text) && !x.Hidden() && !x.Truncated() {
			whole = append(whole, x.Text)
		}
	}
	if len(whole) < want {
		t.Errorf("%s: %d quarters of the heat map in view whole (%q), want %d", what, len(whole), whole, want)
	}
}

var quarterHeader = regexp.MustCompile(`^\d{4}-Q\d( |$)`)

// find walks o's tree depth first until fn says stop.
func find(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return false
	}
	if fn(o) {
		return true
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		if find(c, fn) {
			return true
		}
	}
	return false
}

// settle runs what the screens handed back to the UI goroutine until their
// goroutines have ended.
func settle(t *testing.T) {
	t.Helper()
	if err := uithread.Settle(time.Minute); err != nil {
		t.Fatal(err)
	}
}
