package scenarios

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"steerco/internal/app"
	"steerco/internal/scenario"
)

// TestScreenshots renders the screen on the demo with a compared scenario,
// in light and dark, to PNG files in $STEERCO_SHOTS (skipped when unset).
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOTS")
	if dir == "" {
		t.Skip("set STEERCO_SHOTS to a directory to write screenshots")
	}
	h := newHarness(t)
	h.s.req = app.Request{} // the policy's trials
	h.s.name.SetText("Two more engineers on FHIR API")
	choose(t, h.s.kind, scenario.Headcount.Label())
	choose(t, h.s.team, "FHIR API")
	h.s.fte.SetText("2")
	test.Tap(h.s.addBtn)
	choose(t, h.s.kind, scenario.CloseRisk.Label())
	choose(t, h.s.risk, "risk-ehr-sandbox")
	test.Tap(h.s.addBtn)
	h.compare(t)
	choose(t, h.s.kind, scenario.Defer.Label())
	for _, th := range []struct {
		name string
		t    fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck // fixed variants for screenshots
		fyne.CurrentApp().Settings().SetTheme(th.t)
		write(t, h.w, filepath.Join(dir, "scenarios-"+th.name+".png"))
	}
	fyne.CurrentApp().Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck
	h.s.date.SetText("next March")
	test.Tap(h.s.addBtn)
	write(t, h.w, filepath.Join(dir, "scenarios-error-light.png"))
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
