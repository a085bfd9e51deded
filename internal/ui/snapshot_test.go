package ui

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui/uitest"
)

// overlayObjects lists every object of the top dialog.
func overlayObjects(t *testing.T, w fyne.Window) []fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	var out []fyne.CanvasObject
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		out = append(out, o)
		switch x := o.(type) {
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(top)
	return out
}

func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	for _, o := range overlayObjects(t, w) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	t.Fatalf("no %q button in the dialog", text)
	return nil
}

func overlayText(t *testing.T, w fyne.Window) string {
	t.Helper()
	var b strings.Builder
	for _, o := range overlayObjects(t, w) {
		switch x := o.(type) {
		case *widget.Label:
			b.WriteString(x.Text + "\n")
		case *widget.RichText:
			b.WriteString(x.String() + "\n")
		}
	}
	return b.String()
}

func menuItem(t *testing.T, w fyne.Window, menu, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range w.MainMenu().Items {
		if m.Label != menu {
			continue
		}
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no %s › %s menu item", menu, label)
	return nil
}

func TestShellTakeSnapshot(t *testing.T) {
	a := uitest.NewApp(t)
	ctx := context.Background()
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(ctx, t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	dp, err := demo.Portfolio(today)
	if err != nil {
		t.Fatal(err)
	}
	base := len(dp.Snapshots) // the demo's past snapshots
	s := New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	s.SetForecastTrials(200) // keep the test quick
	idle := make(chan struct{}, 1)
	s.OnForecastIdle(func() {
		select {
		case idle <- struct{}{}:
		default:
		}
	})
	waitIdle := func() {
		t.Helper()
		uitest.Wait(t, idle, 60*time.Second, "no up-to-date forecast within a minute")
	}
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	w := s.Window()
	if rerun := menuItem(t, w, "Forecast", "Re-run Forecast"); rerun.Shortcut != scForecast || rerun.Disabled {
		t.Errorf("Re-run Forecast: shortcut %v, disabled %v", rerun.Shortcut, rerun.Disabled)
	}

	// Straight after opening, the forecast has not run yet (it waits for the debounce).
	if err := s.TakeSnapshot("Board, March"); plan.ErrorCode(err) != plan.ECONFLICT || !strings.Contains(plan.ErrorMessage(err), "The forecast is still running") {
		t.Errorf("TakeSnapshot before the forecast: %v", err)
	}
	menuItem(t, w, "Forecast", "Take Snapshot…").Action()
	if got := overlayText(t, w); !strings.Contains(got, "The forecast is still running; try again when it is up to date.") {
		t.Errorf("dialog says %q", got)
	}
	test.Tap(overlayButton(t, w, "OK"))

	waitIdle()
	last := s.fc.current()
	menuItem(t, w, "Forecast", "Take Snapshot…").Action()
	var name *widget.Entry
	for _, o := range overlayObjects(t, w) {
		if e, ok := o.(*widget.Entry); ok {
			name = e
		}
	}
	if name == nil {
		t.Fatal("no name field in the dialog")
	}
	if name.Text != "Steering committee, November 2026" {
		t.Errorf("default name %q", name.Text)
	}
	take := overlayButton(t, w, "Take Snapshot")
	name.SetText("   ")
	if !take.Disabled() {
		t.Error("a blank name can be confirmed")
	}
	name.SetText("Board, March")
	if take.Disabled() {
		t.Fatal("a good name cannot be confirmed")
	}
	test.Tap(take)
	if got := overlayText(t, w); !strings.Contains(got, "Took snapshot “Board, March”") {
		t.Errorf("confirmation says %q", got)
	}
	test.Tap(overlayButton(t, w, "OK"))

	// The file has the snapshot: the last full forecast, frozen, as one undoable action.
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Portfolio(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Snapshots) != base+1 {
		t.Fatalf("%d snapshots in the file, want %d", len(p.Snapshots), base+1)
	}
	want := outlook.Freeze(last, "board-march", "Board, March", today)
	if got := p.Snapshot("board-march"); got == nil || !reflect.DeepEqual(*got, want) {
		t.Errorf("stored snapshot differs from the frozen forecast:\n got %+v\nwant %+v", got, want)
	}
	if want.Trials != 200 || want.TakenOn != today || len(want.Forecast) != len(last.Items)+len(last.Milestones) {
		t.Errorf("snapshot of %d trials on %s with %d results", want.Trials, want.TakenOn, len(want.Forecast))
	}
	if undo, _, err := db.UndoRedo(ctx); err != nil || undo != "take snapshot Board, March" {
		t.Errorf("last action %q, %v", undo, err)
	}
	if len(s.Portfolio().Snapshots) != base+1 {
		t.Error("the shell does not show the new snapshot")
	}

	// The edit made the forecast stale again until it re-runs.
	if err := s.TakeSnapshot("Board, April"); plan.ErrorCode(err) != plan.ECONFLICT {
		t.Errorf("TakeSnapshot with a stale forecast: %v", err)
	}
	waitIdle()
	if err := s.TakeSnapshot("Board, March"); err != nil {
		t.Fatal(err)
	}
	if got := s.Portfolio().Snapshots; len(got) != base+2 || s.Portfolio().Snapshot("board-march-2") == nil {
		t.Errorf("second snapshot of the same name: %+v", got)
	}
	if err := s.TakeSnapshot("Board\nMarch"); plan.ErrorCode(err) != plan.EINVALID {
		t.Errorf("a name on two lines: %v", err)
	}
}
