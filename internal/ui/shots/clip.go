// Package shots checks and renders the desktop app's screens headless, with
// the Fyne test driver's software painter.
//
// Clipped and Check measure what a person sees: every text the painter
// would draw, where it is drawn, and what the scroll containers around it
// cut off. A screen declares the texts that matter on it (its key column
// headers, the tile lines a director reads) and a test fails when one of
// them is missing, cut ("P85 impa"), truncated ("EHR vendor productio…") or
// scrolled partly out of view, at each of the window Sizes.
//
// `make screens` renders every screen at both sizes and in both themes
// (shots_test.go).
package shots

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Sizes are the window sizes every screen must work at: the default window
// of a 13-inch laptop and a small one. (A screen tested alone, without the
// shell, gets the room it has inside them: uitest.Laptop and uitest.Small.)
var Sizes = []fyne.Size{{Width: 1280, Height: 800}, {Width: 1024, Height: 768}}

// SizeName is "1280x800".
func SizeName(s fyne.Size) string { return fmt.Sprintf("%.0fx%.0f", s.Width, s.Height) }

// A Text is one run of text the painter draws, with where it is drawn.
type Text struct {
	Text string
	// Pos and Size are the text's box in canvas coordinates.
	Pos  fyne.Position
	Size fyne.Size
	// Need is the width the text needs to show whole.
	Need float32
	// Left and Right are the horizontal bounds of what the scroll
	// containers around it (and the canvas) leave visible.
	Left, Right float32
	// Top and Bottom are the vertical bounds of what is visible.
	Top, Bottom float32
	// Editable is set for the text of an entry, which scrolls within its
	// box by design (a long path typed in a field).
	Editable bool
	// Scrollable is set for a text in a container a person can scroll
	// sideways (a table's cells, a wide chart): what is out of view can be
	// reached. Key texts must be in view all the same.
	Scrollable bool
}

// Truncated reports whether the text was shortened with an ellipsis.
func (t Text) Truncated() bool { return strings.HasSuffix(t.Text, "…") }

// Hidden reports whether part of the text is scrolled or laid out beyond
// the visible bounds, left or right.
func (t Text) Hidden() bool {
	end := t.Pos.X + min(t.Need, t.Size.Width)
	return t.Pos.X < t.Left-1 || end > t.Right+1
}

// Whole reports whether a person sees the whole text.
func (t Text) Whole() bool { return !t.Truncated() && !t.Hidden() }

// CutBelow reports whether part of the text is scrolled or laid out
// beyond the visible bounds, above or below (a tile's link at the bottom
// edge of the first screen, the rest a scroll away).
func (t Text) CutBelow() bool {
	return t.Pos.Y < t.Top-1 || t.Pos.Y+t.Size.Height > t.Bottom+1
}

// Texts lists every visible text of the canvas (its content and overlays)
// in drawing order, with where it is drawn and what is visible of it. Texts
// entirely outside the visible area (scrolled away) are left out.
func Texts(c fyne.Canvas) []Text {
	var out []Text
	size := c.Size()
	all := bounds{right: size.Width, bottom: size.Height}
	walk(c.Content(), fyne.NewPos(0, 0), all, flags{}, &out)
	for _, o := range c.Overlays().List() {
		walk(o, fyne.NewPos(0, 0), all, flags{}, &out)
	}
	return out
}

// flags are what a text inherits from the objects around it.
type flags struct{ editable, scrollable bool }

// bounds is the visible part of the canvas at some depth of the tree.
type bounds struct{ left, top, right, bottom float32 }

func (b bounds) within(pos fyne.Position, size fyne.Size) bounds {
	return bounds{max(b.left, pos.X), max(b.top, pos.Y), min(b.right, pos.X+size.Width), min(b.bottom, pos.Y+size.Height)}
}

func walk(o fyne.CanvasObject, parent fyne.Position, vis bounds, fl flags, out *[]Text) {
	if o == nil || !o.Visible() {
		return
	}
	pos := parent.Add(o.Position())
	size := o.Size()
	switch v := o.(type) {
	case *canvas.Text:
		if strings.TrimSpace(v.Text) == "" || pos.Y >= vis.bottom || pos.Y+size.Height <= vis.top ||
			pos.X >= vis.right || pos.X+size.Width <= vis.left {
			return
		}
		need := fyne.MeasureText(v.Text, v.TextSize, v.TextStyle).Width
		*out = append(*out, Text{Text: v.Text, Pos: pos, Size: size, Need: need, Left: vis.left, Right: vis.right,
			Top: vis.top, Bottom: vis.bottom, Editable: fl.editable, Scrollable: fl.scrollable})
		return
	case *container.Scroll:
		vis = vis.within(pos, size)
		if v.Direction == container.ScrollBoth || v.Direction == container.ScrollHorizontalOnly {
			fl.scrollable = true
		}
	case *widget.Table:
		fl.scrollable = true // its cells scroll inside it, whatever its clips say
	}
	if rt, ok := o.(*widget.RichText); ok {
		walkLines(rt, parent, vis, fl, out)
		return
	}
	if _, ok := o.(interface{ SetPlaceHolder(string) }); ok { // an entry, or a widget built on one
		fl.editable = true
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	// A container's size does not clip what is in it (a table's header row
	// sits in one of size zero): only scroll containers and splits do.
	_, split := o.(*container.Split)
	for _, c := range children {
		cv := vis
		if split { // the panes of a split do not clip, but each is drawn over by the other
			cv = vis.within(pos.Add(c.Position()), c.Size())
		}
		walk(c, pos, cv, fl, out)
	}
}

// walkLines adds a wrapped text (a label's or a rich text's lines) as one
// Text, its lines joined with spaces, so a header wrapped onto two lines
// ("Chance" / "scenario") still reads as the text it is.
func walkLines(rt *widget.RichText, parent fyne.Position, vis bounds, fl flags, out *[]Text) {
	var lines []Text
	pos := parent.Add(rt.Position())
	for _, c := range test.WidgetRenderer(rt).Objects() {
		walk(c, pos, vis, fl, &lines)
	}
	if len(lines) <= 1 {
		*out = append(*out, lines...)
		return
	}
	t := lines[0]
	words := []string{t.Text}
	end := t.Pos.X + t.Need
	for _, l := range lines[1:] {
		words = append(words, l.Text)
		t.Pos.X = min(t.Pos.X, l.Pos.X)
		end = max(end, l.Pos.X+l.Need)
		t.Left, t.Right = max(t.Left, l.Left), min(t.Right, l.Right)
		t.Top, t.Bottom = max(t.Top, l.Top), min(t.Bottom, l.Bottom)
		t.Size.Height = max(t.Size.Height, l.Pos.Y+l.Size.Height-t.Pos.Y)
	}
	t.Text = strings.Join(words, " ")
	t.Need = end - t.Pos.X
	t.Size.Width = max(t.Size.Width, t.Need)
	*out = append(*out, t)
}

// Clipped returns, in words, each key text of the canvas a person does not
// see whole: not on screen, truncated with "…" or clipped ("Chan" for
// "Chance"), or partly scrolled out of view. A key matches a visible text
// equal to it, or shortened from it ("EHR vendor productio…" for "EHR vendor
// production cut-over"); a key shown several times must be whole at least
// once. The painter draws a text's whole string whatever its box: Fyne
// shortens the string itself, so what is drawn is what a person reads.
func Clipped(c fyne.Canvas, keys []string) []string {
	texts := Texts(c)
	var problems []string
	for _, k := range keys {
		var seen []Text
		whole := false
		for _, t := range texts {
			switch {
			case t.Text == k:
				seen = append(seen, t)
				whole = whole || !t.Hidden() && !t.CutBelow()
			case shortened(t.Text, k):
				seen = append(seen, t)
			}
		}
		switch {
		case whole:
		case len(seen) == 0:
			problems = append(problems, fmt.Sprintf("%q is not on screen", k))
		default:
			problems = append(problems, fmt.Sprintf("%q is %s", k, describe(seen[0])))
		}
	}
	return problems
}

// shortened reports whether text is key cut short, with an ellipsis or
// without (a text of at least 3 characters that key starts with). A bare
// "…" cannot be told apart from any other key's, so it matches none.
func shortened(text, key string) bool {
	cut := strings.TrimSuffix(text, "…")
	return cut != "" && len(cut) < len(key) && (cut != text || len([]rune(cut)) >= 3) && strings.HasPrefix(key, cut)
}

func describe(t Text) string {
	switch {
	case t.Truncated() || !t.Hidden() && !t.CutBelow():
		return fmt.Sprintf("shortened to %q", t.Text)
	case !t.Hidden():
		return fmt.Sprintf("partly out of view: drawn at y %.0f–%.0f, visible %.0f–%.0f", t.Pos.Y, t.Pos.Y+t.Size.Height, t.Top, t.Bottom)
	default:
		return fmt.Sprintf("partly out of view: drawn at x %.0f–%.0f, visible %.0f–%.0f", t.Pos.X, t.Pos.X+t.Need, t.Left, t.Right)
	}
}

// Check fails t for each key text of w's canvas that is not seen whole
// (see Clipped), naming what, where (the screen and size in what), and why.
func Check(t testing.TB, w fyne.Window, what string, keys []string) {
	t.Helper()
	for _, p := range Clipped(w.Canvas(), keys) {
		t.Errorf("%s: %s", what, p)
	}
}

// Overflowing lists the texts of the canvas drawn partly beyond what is
// visible, left or right, with no way to scroll to the rest: a line running
// off the edge of its pane (the text of an entry, which scrolls in its box,
// and text a person can scroll sideways to are not counted).
func Overflowing(c fyne.Canvas) []Text {
	var out []Text
	for _, t := range Texts(c) {
		if t.Hidden() && !t.Editable && !t.Scrollable {
			out = append(out, t)
		}
	}
	return out
}

// Truncations lists the texts of the canvas shortened with "…": not
// failures by themselves (a long title in a table cell gives
// way, its full text is in the detail pane), but worth a look.
func Truncations(c fyne.Canvas) []string {
	var out []string
	for _, t := range Texts(c) {
		if t.Truncated() {
			out = append(out, t.Text)
		}
	}
	return out
}

// A Box is a field (an entry, a select) as drawn, with what is visible of it.
type Box struct {
	Pos         fyne.Position
	Size        fyne.Size
	Left, Right float32
}

// CutFields lists the entries of the canvas whose box runs past what is
// visible, left or right (the third estimate box of a form cut by the
// window's edge): a person cannot see or reach all of the field.
func CutFields(c fyne.Canvas) []Box {
	var out []Box
	size := c.Size()
	walkFields(c.Content(), fyne.NewPos(0, 0), bounds{right: size.Width, bottom: size.Height}, &out)
	return out
}

func walkFields(o fyne.CanvasObject, parent fyne.Position, vis bounds, out *[]Box) {
	if o == nil || !o.Visible() {
		return
	}
	pos := parent.Add(o.Position())
	size := o.Size()
	if _, ok := o.(interface{ SetPlaceHolder(string) }); ok {
		if pos.Y < vis.bottom && pos.Y+size.Height > vis.top && (pos.X < vis.left-1 || pos.X+size.Width > vis.right+1) {
			*out = append(*out, Box{Pos: pos, Size: size, Left: vis.left, Right: vis.right})
		}
		return
	}
	switch v := o.(type) {
	case *container.Scroll:
		vis = vis.within(pos, size)
	case *widget.Table:
		return
	case *container.Split:
		for _, c := range []fyne.CanvasObject{v.Leading, v.Trailing} {
			walkFields(c, pos, vis.within(pos.Add(c.Position()), c.Size()), out)
		}
		return
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(v).Objects()
	}
	for _, c := range children {
		walkFields(c, pos, vis, out)
	}
}
