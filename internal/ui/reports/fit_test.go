package reports

import (
	"testing"

	"fyne.io/fyne/v2"

	"steerco/internal/ui/shots"
	"steerco/internal/ui/uitest"
)

// TestFitsTheWindow shows the form and the template's contents in the room
// the screen has in the shell at each supported window size: the key texts
// are whole and no line runs off the right edge.
func TestFitsTheWindow(t *testing.T) {
	h := newHarness(t)
	h.s.SelectTemplate("board-pack")
	for _, size := range []struct {
		name string
		fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		w := h.u.Show(h.s, size.Size)
		h.u.Capture("reports-fit-" + size.name) // with STEERCO_SHOT_DIR set
		shots.Check(t, w, "Reports at "+size.name, KeyTexts())
		for _, x := range shots.Overflowing(w.Canvas()) {
			t.Errorf("at %s %q runs off its pane (drawn to x %.0f, visible up to %.0f)", size.name, x.Text, x.Pos.X+x.Need, x.Right)
		}
	}
}
