package reports

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"steerco/internal/ui/uitest"
)

// TestErrorsTakeTheirOwnLine: a refused export puts each problem under its
// field, on a line of its own, not drawn over the entry (a label shown after
// being hidden had no size until the form was laid out again).
func TestErrorsTakeTheirOwnLine(t *testing.T) {
	h := newHarness(t)
	h.u.Show(h.s, uitest.Laptop)
	h.s.folder.SetText(filepath.Join(h.dir, "missing"))
	h.s.trials.SetText("many")
	test.Tap(h.s.export)
	h.wait()
	h.u.Capture("reports-errors") // with STEERCO_SHOT_DIR set
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject
	for _, c := range []struct {
		name       string
		err, field fyne.CanvasObject
	}{{"folder", h.s.folderErr, h.s.folder}, {"trials and seed", h.s.runErr, h.s.seed}} {
		if !c.err.Visible() || c.err.Size().Width <= 0 {
			t.Errorf("%s: the error line is not laid out (%v)", c.name, c.err.Size())
			continue
		}
		if abs(c.err).Y < abs(c.field).Y+c.field.Size().Height-1 {
			t.Errorf("%s: the error line (y %v) is drawn over its field (y %v, %v tall)", c.name, abs(c.err).Y, abs(c.field).Y, c.field.Size().Height)
		}
	}
}
