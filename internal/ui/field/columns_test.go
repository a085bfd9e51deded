package field

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestFit(t *testing.T) {
	test.NewTempApp(t)
	sep := theme.SeparatorThicknessSize()
	cols := []Column{
		{Title: "Id", Width: 100},
		{Title: "Title", Width: 200, Stretch: true},
		{Title: "Team", Width: 100, Priority: 2},
		{Title: "P85", Width: 100},
		{Title: "Status", Width: 100, Priority: 1},
		{Title: "Chance", Width: 100},
	}
	all := 700 + 5*sep
	for _, c := range []struct {
		name    string
		width   float32
		visible []int
		title   float32 // the stretching column's width
	}{
		{"everything fits exactly", all, []int{0, 1, 2, 3, 4, 5}, 200},
		{"spare width goes to the stretching column", all + 50, []int{0, 1, 2, 3, 4, 5}, 250},
		{"the highest priority gives way first", all - 1, []int{0, 1, 3, 4, 5}, 200 + 100 + sep - 1},
		{"then the next", all - 100 - sep - 1, []int{0, 1, 3, 5}, 200 + 100 + sep - 1},
		{"priority 0 always stays, even when it cannot fit", 100, []int{0, 1, 3, 5}, 200},
	} {
		t.Run(c.name, func(t *testing.T) {
			vis, w := Fit(cols, c.width)
			if !slices.Equal(vis, c.visible) {
				t.Fatalf("visible %v, want %v", vis, c.visible)
			}
			if got := w[slices.Index(vis, 1)]; got != float32(int(c.title)) && got != c.title {
				t.Errorf("title width %v, want %v", got, c.title)
			}
		})
	}
}
