package shots

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestClippedSaysWhatAPersonDoesNotSee: a key text truncated with "…", one
// drawn under the other pane of a split, one scrolled out of a table, and
// one missing are each reported; a key drawn whole is not.
func TestClippedSaysWhatAPersonDoesNotSee(t *testing.T) {
	test.NewTempApp(t)
	short := widget.NewLabel("Chance scenario of the CMS mandate")
	short.Truncation = fyne.TextTruncateEllipsis
	long := widget.NewLabel("A sentence far too long for its pane, which does not wrap")
	split := container.NewHSplit(container.NewVBox(widget.NewLabel("P85"), long), short)
	split.Offset = 0.5
	cols := []string{"Milestone", "Date", "P85 plan", "Chance"}
	table := widget.NewTableWithHeaders(func() (int, int) { return 1, len(cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText("x") })
	table.ShowHeaderColumn = false
	table.CreateHeader = func() fyne.CanvasObject { return widget.NewLabel("") }
	table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 {
			o.(*widget.Label).SetText(cols[id.Col])
		}
	}
	for i := range cols {
		table.SetColumnWidth(i, 120)
	}
	w := test.NewTempWindow(t, container.NewVSplit(split, table))
	w.Resize(fyne.NewSize(400, 400))
	w.Canvas().Capture()

	got := strings.Join(Clipped(w.Canvas(), []string{"P85", "Chance scenario of the CMS mandate", "A sentence far too long for its pane, which does not wrap", "Chance", "Missing"}), "\n")
	for _, want := range []string{
		`"Chance scenario of the CMS mandate" is `, // shortened to "…" in its sliver of a pane: not on screen
		`"Chance" is partly out of view`,
		`"A sentence far too long for its pane, which does not wrap" is partly out of view`,
		`"Missing" is not on screen`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Clipped does not say %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, `"P85"`) {
		t.Errorf("P85 is whole but reported:\n%s", got)
	}
	over := Overflowing(w.Canvas())
	if len(over) == 0 || !strings.HasPrefix(over[0].Text, "A sentence far too long") {
		t.Errorf("Overflowing = %+v, want the sentence", over)
	}
	for _, x := range over {
		for _, c := range cols {
			if x.Text == c || x.Text == "x" {
				t.Errorf("Overflowing lists the table's %q, which can be scrolled to", x.Text)
			}
		}
	}
}

func TestClippedSaysShortenedText(t *testing.T) {
	test.NewTempApp(t)
	l := widget.NewLabel("EHR vendor production cut-over")
	l.Truncation = fyne.TextTruncateEllipsis
	w := test.NewTempWindow(t, container.NewGridWrap(fyne.NewSize(140, 40), l))
	w.Resize(fyne.NewSize(300, 100))
	got := Clipped(w.Canvas(), []string{"EHR vendor production cut-over"})
	if len(got) != 1 || !strings.Contains(got[0], `is shortened to "EHR`) {
		t.Errorf("Clipped = %q, want it shortened", got)
	}
	if tr := Truncations(w.Canvas()); len(tr) != 1 {
		t.Errorf("Truncations = %q", tr)
	}
}
