package risks

import (
	"image/png"
	"os"
	"path/filepath"
	"steerco/internal/app"
	"steerco/internal/ui/uitest"
	"testing"

	"fyne.io/fyne/v2"
)

// TestScreenshot renders the screen on the demo portfolio with a real
// forecast (risk impacts measured) to $STEERCO_SHOT_DIR/risks-{light,dark}.png.
func TestScreenshot(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" {
		t.Skip("set STEERCO_SHOT_DIR to render screenshots")
	}
	for _, v := range uitest.Themes {
		h := newHarness(t)
		fyne.CurrentApp().Settings().SetTheme(v.Theme)
		h.u.Run(app.Request{Trials: 2000, RiskImpacts: true})
		h.w.Resize(uitest.Laptop)
		s := h.s
		s.sortBy(cP85)
		s.selectRow(0)
		save(t, h.w, filepath.Join(dir, "risks-"+v.Name+".png"))
		s.tapCell(3, 2)
		s.selectRow(1)
		s.askSignOff()
		save(t, h.w, filepath.Join(dir, "risks-accept-"+v.Name+".png"))
	}
}

func save(t *testing.T, w fyne.Window, path string) {
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}
