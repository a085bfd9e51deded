package risks

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/ui/screen"
)

// TestScreenshot renders the screen on the demo portfolio with a real
// forecast (risk impacts measured) to $STEERCO_SHOT_DIR/risks-{light,dark}.png.
func TestScreenshot(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" {
		t.Skip("set STEERCO_SHOT_DIR to render screenshots")
	}
	p, err := demo.Portfolio(today)
	if err != nil {
		t.Fatal(err)
	}
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 2000, Seed: 1, AsOf: today, RiskImpacts: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck
		a := test.NewTempApp(t)
		a.Settings().SetTheme(v.th)
		env := &screen.Env{Today: func() plan.Date { return today }}
		s := New(env)
		w := test.NewTempWindow(t, s.Object())
		env.Window = w
		w.Resize(fyne.NewSize(1120, 760))
		s.Show(p)
		s.ShowForecast(f, false)
		s.sortBy(cP85)
		s.selectRow(0)
		save(t, w, filepath.Join(dir, "risks-"+v.name+".png"))
		s.tapCell(3, 2)
		s.selectRow(1)
		s.askSignOff()
		save(t, w, filepath.Join(dir, "risks-accept-"+v.name+".png"))
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
