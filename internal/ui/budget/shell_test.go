package budget_test

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui"
	"steerco/internal/ui/uitest"
)

// showsLabel reports whether a visible label under o starts with prefix.
func showsLabel(o fyne.CanvasObject, prefix string) bool {
	if !o.Visible() {
		return false
	}
	switch x := o.(type) {
	case *widget.Label:
		return strings.HasPrefix(x.Text, prefix)
	case *fyne.Container:
		for _, c := range x.Objects {
			if showsLabel(c, prefix) {
				return true
			}
		}
	case *container.Split:
		return showsLabel(x.Leading, prefix) || showsLabel(x.Trailing, prefix)
	}
	return false
}

var files = ui.Files{
	Open: func(ctx context.Context, path string) (ui.Store, error) {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		return db, nil
	},
}

// TestBudgetInTheShell opens the demo in the real shell and navigates to
// Budget (it is registered and renders there). With STEERCO_SHOT_DIR set it
// writes budget-shell-light.png and budget-shell-dark.png of the whole window.
func TestBudgetInTheShell(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	s := ui.New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	// Let the automatic forecast finish first: under the test driver its
	// results arrive from another goroutine and would race with this test.
	idle := make(chan struct{}, 1)
	s.SetForecastTrials(200)
	s.OnForecastIdle(func() {
		select {
		case idle <- struct{}{}:
		default:
		}
	})
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	uitest.Wait(t, idle, 60*time.Second, "no forecast within a minute")
	s.Services().Navigate("Budget")
	w := s.Window()
	w.Resize(fyne.NewSize(1280, 800))
	if !showsLabel(w.Canvas().Content(), "FY2027 plan USD") {
		t.Error("navigating to Budget did not show the budget summary")
	}
	{
		// Nothing has a negative size (Fyne's software painter crashes on
		// one, which a table selected before layout used to produce).
		var walk func(o fyne.CanvasObject, path string)
		walk = func(o fyne.CanvasObject, path string) {
			path += fmt.Sprintf(" > %T%v", o, o.Size())
			if o.Size().Height < 0 || o.Size().Width < 0 {
				t.Errorf("negative size: %s", path)
			}
			switch x := o.(type) {
			case *fyne.Container:
				for _, c := range x.Objects {
					walk(c, path)
				}
			case fyne.Widget:
				for _, c := range test.WidgetRenderer(x).Objects() {
					walk(c, path)
				}
			}
		}
		walk(w.Canvas().Content(), "")
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
		out, err := os.Create(filepath.Join(dir, "budget-shell-"+v.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(out, w.Canvas().Capture()); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
}
