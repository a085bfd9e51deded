package budget

import (
	"image/png"
	"os"
	"path/filepath"
	"steerco/internal/ui/uitest"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// TestScreenshot renders the screen on the demo in light and dark themes to
// $STEERCO_SHOT_DIR/budget-{light,dark}.png with the software painter, for
// people to look at. It is skipped unless the variable is set.
func TestScreenshot(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" {
		t.Skip("set STEERCO_SHOT_DIR to write screenshots")
	}
	f := newFixture(t)
	for _, v := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck
		test.ApplyTheme(t, v.th)
		w := f.u.Show(f.s, uitest.Laptop)
		img := w.Canvas().Capture()
		out, err := os.Create(filepath.Join(dir, "budget-"+v.name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if err := png.Encode(out, img); err != nil {
			t.Fatal(err)
		}
		out.Close()
	}
	// The earliest fiscal year, charting the selected line.
	f.s.yearSel.SetSelected(f.s.yearLabel(f.s.fys[0]))
	f.s.chartScope.SetSelected(scopeLine)
	w := f.u.Show(f.s, uitest.Laptop)
	out, err := os.Create(filepath.Join(dir, "budget-first-year-line.png"))
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
