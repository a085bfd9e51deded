// Package field holds the form widgets Steerco's screens share.
package field

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
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

// Select is a drop-down of a form whose Escape key runs OnEscape (a dialog
// closes on Escape whichever of its fields has the focus).
type Select struct {
	widget.Select
	OnEscape func()
}

// NewSelect returns a Select of options that calls onEscape (which may be
// nil) on Escape; its placeholder is Fyne's "(Select one)".
func NewSelect(options []string, onEscape func()) *Select {
	s := &Select{OnEscape: onEscape}
	s.Options = options
	s.PlaceHolder = "(Select one)"
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey runs OnEscape on Escape and otherwise acts as a widget.Select.
func (s *Select) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && s.OnEscape != nil {
		s.OnEscape()
		return
	}
	s.Select.TypedKey(k)
}

// ErrorLabel is the red line under a form field that says, in words, what is
// wrong with it; hidden until it has something to say.
func ErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// Caption is small explanatory text that wraps.
func Caption(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

// Bold is a bold label, for section and field headings.
func Bold(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// SortTitle is a column header's text: the title, with ▲ or ▼ when the
// table is sorted by that column.
func SortTitle(title string, sorted, descending bool) string {
	switch {
	case !sorted:
		return title
	case descending:
		return title + " ▼"
	}
	return title + " ▲"
}
