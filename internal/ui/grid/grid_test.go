package grid

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/ui/field"
)

// TestGridLaysOutEveryRowAndFitsItsWidth: every row is laid out (no
// scrolling of its own), the height holds the two-line header and the rows,
// and a narrow grid leaves out the columns of highest priority first.
func TestGridLaysOutEveryRowAndFitsItsWidth(t *testing.T) {
	test.NewTempApp(t)
	g := New([]field.Column{{Title: "Name", Width: 100, Stretch: true}, {Title: "Chance", Width: 60},
		{Title: "Date", Width: 90, Priority: 2}, {Title: "Δ points", Width: 60, Priority: 1}})
	rows := [][]string{{"CMS mandate", "47%", "22 Apr 2027", "+17 pts"}, {"HIPAA audit", "59%", "12 Jan 2027", "+17 pts"}, {"Pilot", "54%", "1 Feb 2027", "+12 pts"}}
	g.SetRows(rows, [][]widget.Importance{{widget.MediumImportance, widget.DangerImportance}})
	w := test.NewTempWindow(t, g)
	for _, c := range []struct {
		width float32
		shown []int
	}{{600, []int{0, 1, 2, 3}}, {280, []int{0, 1, 3}}, {170, []int{0, 1}}} {
		w.Resize(fyne.NewSize(c.width, 400))
		g.Resize(fyne.NewSize(c.width, g.MinSize().Height))
		if got := g.Shown(); !slices.Equal(got, c.shown) {
			t.Errorf("at %v px: columns %v shown, want %v", c.width, got, c.shown)
		}
	}
	row := widget.NewLabel("X").MinSize().Height
	if h := g.MinSize().Height; h < float32(len(rows))*row+row {
		t.Errorf("height %v does not hold a header and %d rows of %v", h, len(rows), row)
	}
	if g.Rows() != len(rows) {
		t.Errorf("%d rows", g.Rows())
	}
}
