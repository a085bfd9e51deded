package settle

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestWrappedTextTakesItsHeightAfterAResize: after a window narrows, the
// line under a wrapping label starts below the label's last line in a
// settled box; in a plain box it overlaps it (the bug this package fixes).
func TestWrappedTextTakesItsHeightAfterAResize(t *testing.T) {
	test.NewTempApp(t)
	for _, c := range []struct {
		name    string
		box     func(objs ...fyne.CanvasObject) *fyne.Container
		overlap bool
	}{{"plain", container.NewVBox, true}, {"settled", VBox, false}} {
		t.Run(c.name, func(t *testing.T) {
			l := widget.NewLabel("Export the board pack (or another template) from a fresh forecast: a PDF for the meeting and an Excel workbook for finance.")
			l.Wrapping = fyne.TextWrapWord
			below := widget.NewLabel("Template")
			w := test.NewTempWindow(t, c.box(l, below))
			w.Resize(fyne.NewSize(1200, 400))
			w.Resize(fyne.NewSize(300, 400))
			overlap := below.Position().Y < l.Position().Y+l.MinSize().Height-1
			if overlap != c.overlap {
				t.Errorf("overlap %v, want %v (label %v tall at %v, next line at y %v)", overlap, c.overlap, l.MinSize().Height, l.Position().Y, below.Position().Y)
			}
		})
	}
}
