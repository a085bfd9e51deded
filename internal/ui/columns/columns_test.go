package columns

import (
	"reflect"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestWidths(t *testing.T) {
	test.NewTempApp(t)
	sep := theme.SeparatorThicknessSize()
	cols := []Col{{Title: "Title", Width: 200, Min: 100, Stretch: true}, {Title: "P85", Width: 100},
		{Title: "Owner", Width: 100, Drop: 2}, {Title: "Cost", Width: 100, Drop: 1}}
	natural := 500 + 3*sep
	for _, c := range []struct {
		name  string
		width float32
		shown []int
		first float32
	}{
		{"room to spare goes to the stretching column", natural + 50, []int{0, 1, 2, 3}, 250},
		{"exactly enough", natural, []int{0, 1, 2, 3}, 200},
		{"the title gives way first", natural - 60, []int{0, 1, 2, 3}, 140},
		{"then the highest Drop is left out", natural - 150, []int{0, 1, 3}, 150 + sep},
		{"then the next", 210 + 2*sep, []int{0, 1}, 110 + sep},
		{"never below what cannot go", 50, []int{0, 1}, 100},
	} {
		t.Run(c.name, func(t *testing.T) {
			shown, widths := Widths(cols, c.width)
			if !reflect.DeepEqual(shown, c.shown) || widths[0] != c.first {
				t.Errorf("Widths(%v) = %v %v, want %v with the title %v wide", c.width, shown, widths, c.shown, c.first)
			}
		})
	}
}
