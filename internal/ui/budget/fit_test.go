package budget

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

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

// TestErrorsTakeTheirOwnLine: a refused month puts each problem under its
// entry, on a line of its own, not drawn over it.
func TestErrorsTakeTheirOwnLine(t *testing.T) {
	f := newFixture(t)
	f.u.Show(f.s, uitest.Laptop)
	f.s.planEntry.SetText("lots")
	test.Tap(f.s.saveBtn)
	f.u.Capture("budget-errors") // with STEERCO_SHOT_DIR set
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	e, l := f.s.planEntry, f.s.planErr
	if !l.Visible() || l.Size().Width <= 0 || abs(l).Y < abs(e).Y+e.Size().Height-1 {
		t.Errorf("the plan's error line (visible %v, %v at y %v) is not below its entry (y %v, %v tall)", l.Visible(), l.Size(), abs(l).Y, abs(e).Y, e.Size().Height)
	}
	if f.edits != 0 {
		t.Errorf("a refused month wrote %d edits", f.edits)
	}
}
