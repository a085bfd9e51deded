package field

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestEscapeRunsOnEscapeAndOtherKeysType(t *testing.T) {
	test.NewTempApp(t)
	reverted := 0
	e := NewEntry(func() { reverted++ })
	test.NewTempWindow(t, e)
	test.Type(e, "12")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if e.Text != "1" || reverted != 1 {
		t.Errorf("text %q, reverted %d times; want \"1\" and 1", e.Text, reverted)
	}
	plain := NewEntry(nil)
	test.NewTempWindow(t, plain)
	test.Type(plain, "x")
	plain.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) // no handler: handled as a plain Entry
	if plain.Text != "x" {
		t.Errorf("Escape without a handler changed the text to %q", plain.Text)
	}
}

func TestSelectEscapeRunsOnEscapeAndOtherKeysSelect(t *testing.T) {
	test.NewTempApp(t)
	escaped := 0
	s := NewSelect([]string{"OpEx", "CapEx"}, func() { escaped++ })
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(300, 200))
	s.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if escaped != 1 || s.Selected != "" {
		t.Errorf("escaped %d times, selected %q; want 1 and nothing", escaped, s.Selected)
	}
	s.SetSelected("CapEx")
	if s.SelectedIndex() != 1 {
		t.Errorf("SetSelected: index %d", s.SelectedIndex())
	}
	if NewSelect(nil, nil).PlaceHolder != "(Select one)" {
		t.Error("placeholder differs from widget.NewSelect's")
	}
}

func TestSortTitle(t *testing.T) {
	for _, tc := range []struct {
		sorted, desc bool
		want         string
	}{{false, false, "Target"}, {false, true, "Target"}, {true, false, "Target ▲"}, {true, true, "Target ▼"}} {
		if got := SortTitle("Target", tc.sorted, tc.desc); got != tc.want {
			t.Errorf("SortTitle(sorted=%v, desc=%v) = %q, want %q", tc.sorted, tc.desc, got, tc.want)
		}
	}
	if l := ErrorLabel(); l.Visible() || l.Importance != widget.DangerImportance {
		t.Error("an error label starts hidden and red")
	}
}
