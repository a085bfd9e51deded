package teams

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
// forecast to $STEERCO_SHOT_DIR/teams-{light,dark}.png (skipped without it).
func TestScreenshot(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" {
		t.Skip("set STEERCO_SHOT_DIR to render screenshots")
	}
	p, err := demo.Portfolio(today)
	if err != nil {
		t.Fatal(err)
	}
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 2000, Seed: 1, AsOf: today})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck
		a := test.NewTempApp(t)
		a.Settings().SetTheme(v.th)
		s := New(&screen.Env{Today: func() plan.Date { return today }})
		w := test.NewTempWindow(t, s.Object())
		w.Resize(fyne.NewSize(1120, 760))
		s.Show(p)
		s.ShowForecast(f, false)
		s.heatTable.Select(s.worstCell())
		s.selectID(p.Teams[2].ID)
		save(t, w, filepath.Join(dir, "teams-"+v.name+".png"))
		// How validation errors sit in the form (the words are validation's).
		s.form.alloc.SetText("150")
		s.showErrors(&plan.Error{Code: plan.EINVALID, Message: "x", Problems: []plan.Problem{
			{Entity: "team", ID: s.selected, Field: fAlloc, Message: "Allocation must be more than 0% and at most 100%."}}})
		s.showChangeError("Headcount would be negative (-2.0) after the change on 2027-02-01.")
		save(t, w, filepath.Join(dir, "teams-errors-"+v.name+".png"))
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
