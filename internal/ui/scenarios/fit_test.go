package scenarios

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"steerco/internal/scenario"
	"steerco/internal/ui/shots"
	"steerco/internal/ui/uitest"
)

// TestComparisonFitsTheWindow compares a scenario on the demo and shows it
// in the room the screen has in the shell: at 1280 × 800 nothing runs off
// the right edge (the all-commitments sentence included) and at both sizes
// the key columns are whole.
func TestComparisonFitsTheWindow(t *testing.T) {
	h := newHarness(t)
	h.s.name.SetText("Two more engineers on FHIR API")
	choose(t, h.s.kind, scenario.Headcount.Label())
	choose(t, h.s.team, "FHIR API")
	h.s.fte.SetText("2")
	uitest.Tap(h.s.addBtn)
	h.compare(t)
	for _, size := range []struct {
		name string
		fyne.Size
		all bool
	}{{"1280x800", uitest.Laptop, true}, {"1024x768", uitest.Small, false}} {
		h.w.Resize(size.Size)
		if dir := os.Getenv("STEERCO_SHOTS"); dir != "" {
			write(t, h.w, filepath.Join(dir, "scenarios-fit-"+size.name+".png"))
		}
		shots.Check(t, h.w, "Scenarios at "+size.name, append(KeyTexts(), ComparisonKeyTexts()...))
		if !size.all {
			continue
		}
		// The wheel over a table scrolls the comparison (tables inside a
		// scroll used to take it for themselves).
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(h.s.milestones).AddXY(40, 60)
		before := h.s.scroll.Offset.Y
		test.Scroll(h.w.Canvas(), at, 0, -120)
		if h.s.scroll.Offset.Y <= before {
			t.Errorf("scrolling over the milestones table did not scroll the comparison (offset %v → %v)", before, h.s.scroll.Offset.Y)
		}
		h.s.scroll.ScrollToTop()
		for _, x := range shots.Overflowing(h.w.Canvas()) {
			t.Errorf("at %s %q runs off its pane (drawn to x %.0f, visible up to %.0f)", size.name, x.Text, x.Pos.X+x.Need, x.Right)
		}
	}
}
