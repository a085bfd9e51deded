package teams

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

// TestScreenshot renders the screen on the demo portfolio with a real
// forecast to $STEERCO_SHOT_DIR/teams-{light,dark}.png (skipped without it).
func TestScreenshot(t *testing.T) {
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" {
		t.Skip("set STEERCO_SHOT_DIR to render screenshots")
	}
	for _, v := range []struct {
		name string
		th   fyne.Theme
	}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} { //nolint:staticcheck
		h := uitest.Demo(t, today)
		fyne.CurrentApp().Settings().SetTheme(v.th)
		s := New(h, h, h)
		w := h.Show(s, fyne.NewSize(1120, 760))
		h.Run(app.Request{Trials: 2000})
		p := h.Portfolio()
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
