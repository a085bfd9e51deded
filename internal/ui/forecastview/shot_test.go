package forecastview

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestScreenshots renders the screen on the demo after a real run from the
// screen, in light and dark, to PNG files in $STEERCO_SHOTS (skipped when
// unset): STEERCO_SHOTS=/tmp/shots go test -run Screenshots.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOTS")
	if dir == "" {
		t.Skip("set STEERCO_SHOTS to a directory to write screenshots")
	}
	h := newHarness(t)
	h.w.Resize(fyne.NewSize(1600, 950))
	test.Tap(h.s.runBtn) // the default 10,000 trials with risk drivers
	if err := h.wait(t, 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	t.Logf("10,000 trials with risk drivers: %s from Run to results shown", h.s.Elapsed)
	for _, sel := range []string{"m-cms", "x-p2p"} {
		h.s.Select(sel)
		for _, th := range []struct {
			name string
			t    fyne.Theme
		}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck // fixed variants for screenshots
			fyne.CurrentApp().Settings().SetTheme(th.t)
			write(t, h.w, filepath.Join(dir, "forecast-"+sel+"-"+th.name+".png"))
		}
	}
	fyne.CurrentApp().Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck
	h.s.ShowForecast(h.s.f, true)
	retype(h.s.trials, "50")
	test.Tap(h.s.runBtn)
	write(t, h.w, filepath.Join(dir, "forecast-stale-error-light.png"))
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
