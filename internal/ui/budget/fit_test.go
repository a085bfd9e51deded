package budget

import (
	"testing"

	"fyne.io/fyne/v2"

	"steerco/internal/ui/shots"
	"steerco/internal/ui/uitest"
)

// TestFitsTheWindow shows the demo's budget in the room the screen has in
// the shell at each supported window size: the name and amount columns of
// the lines table and the month form's Save are whole.
func TestFitsTheWindow(t *testing.T) {
	f := newFixture(t)
	for _, size := range []struct {
		name string
		fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		w := f.u.Show(f.s, size.Size)
		f.u.Capture("budget-fit-" + size.name) // with STEERCO_SHOT_DIR set
		shots.Check(t, w, "Budget at "+size.name, KeyTexts())
	}
}
