// Package field holds the form widgets Steerco's screens share.
package field

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Entry is a text entry of a side form whose Escape key runs OnEscape (the
// screens revert the form to what is stored, as their Revert button does).
type Entry struct {
	widget.Entry
	OnEscape func()
}

// NewEntry returns an Entry that calls onEscape (which may be nil) on Escape.
func NewEntry(onEscape func()) *Entry {
	e := &Entry{OnEscape: onEscape}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs OnEscape on Escape and otherwise types as a widget.Entry.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}
