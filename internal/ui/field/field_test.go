package field

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
