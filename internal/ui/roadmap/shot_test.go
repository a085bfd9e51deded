package roadmap

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"steerco/internal/app"
)

// TestScreenshots renders the screen on the demo with a real forecast, in
// light and dark, table and timeline, to PNG files in $STEERCO_SHOTS (skipped
// when unset): go test -run Screenshots with STEERCO_SHOTS=/tmp/shots.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOTS")
	if dir == "" {
		t.Skip("set STEERCO_SHOTS to a directory to write screenshots")
	}
	h := newHarness(t)
	f := h.Run(app.Request{Trials: 2000})
	h.w.Resize(fyne.NewSize(1600, 950))
	// A selected item with a dependency, so the form shows its parts.
	_, b := dependentPair(t, h.s.p)
	h.selectItem(b)
	for _, th := range []struct {
		name string
		t    fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck // fixed variants for screenshots
		fyne.CurrentApp().Settings().SetTheme(th.t)
		for i, view := range []string{"table", "timeline"} {
			h.s.tabs.SelectIndex(i)
			write(t, h.w, filepath.Join(dir, "roadmap-"+view+"-"+th.name+".png"))
		}
	}
	// Stale marker and a validation error, in light.
	fyne.CurrentApp().Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck
	h.s.tabs.SelectIndex(0)
	h.s.ShowForecast(f, true)
	retype(h.s.form.low, "500")
	test.Tap(h.s.form.save)
	write(t, h.w, filepath.Join(dir, "roadmap-error-stale-light.png"))
}

func write(t *testing.T, w fyne.Window, path string) {
	t.Helper()
	img := w.Canvas().Capture()
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		t.Fatal(err)
	}
}
