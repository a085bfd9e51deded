package overview

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
)

// tile is a tappable card of the overview: a caption, a headline value, a
// few lines of detail, an "updating…" marker for forecast numbers that are
// being recomputed, and a link beside the caption naming the screen it opens.
type tile struct {
	widget.BaseWidget
	caption, value, status, link *widget.Label
	lines                        [maxLines]*widget.Label // detail, wrapped, never cut
	target                       string                  // screen title it opens
	shown                        int                     // how many detail lines it shows (maxLines unless compact)
	onTap                        func()
	hovered                      bool
}

func newTile(caption, target string, onTap func()) *tile {
	t := &tile{
		caption: widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		value:   widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		status:  widget.NewLabel(""),
		link:    widget.NewLabel("Open " + target + " ›"),
		target:  target,
		onTap:   onTap,
		shown:   maxLines,
	}
	t.caption.Truncation = fyne.TextTruncateEllipsis // never under the link beside it
	// Nothing in a tile is ever cut off: the headline and the lines wrap.
	t.value.Wrapping = fyne.TextWrapWord
	for i := range t.lines {
		t.lines[i] = widget.NewLabel("")
		t.lines[i].Wrapping = fyne.TextWrapWord
	}
	t.status.Importance = widget.WarningImportance
	t.status.TextStyle.Italic = true
	t.status.SizeName = theme.SizeNameCaptionText
	t.link.Importance = widget.HighImportance
	t.link.SizeName = theme.SizeNameCaptionText
	t.ExtendBaseWidget(t)
	return t
}

// maxLines is how many lines of detail a tile shows.
const maxLines = 3

// set shows a headline (in the default colour: colour it after with
// status) and up to maxLines lines of detail, each wrapped rather than cut
// and in display order for Fyne (bidi.Shaped: a name in a line should be
// bidi.Isolate'd); updating marks them as being recomputed.
func (t *tile) set(value string, lines []string, updating bool) {
	t.value.Importance = widget.MediumImportance
	t.value.SetText(bidi.Shaped(value))
	for i, l := range t.lines {
		// An empty line is hidden, so it takes no height: the tiles stay
		// short enough for the Overview to fit its first screen.
		if i < len(lines) && i < t.shown && lines[i] != "" {
			l.SetText(bidi.Shaped(lines[i]))
			l.Show()
		} else {
			l.SetText("")
			l.Hide()
		}
	}
	if updating {
		t.status.SetText("updating…")
	} else {
		t.status.SetText("")
	}
}

// status colours the headline (a RAG importance).
func (t *tile) colour(imp widget.Importance) {
	if t.value.Importance != imp {
		t.value.Importance = imp
		t.value.Refresh()
	}
}

// Tapped opens the tile's screen.
func (t *tile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Cursor shows a pointer: the whole tile is a link.
func (t *tile) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *tile) MouseIn(*desktop.MouseEvent)    { t.hovered = true; t.Refresh() }
func (t *tile) MouseMoved(*desktop.MouseEvent) {}
func (t *tile) MouseOut()                      { t.hovered = false; t.Refresh() }

func (t *tile) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	// The link sits on the caption's row, so the tiles leave the table below room for more rows.
	head := container.NewBorder(nil, nil, nil, container.NewHBox(t.status, t.link), t.caption)
	// Lines close together (a label pads its text above and below): the
	// six tiles and the table share the Overview's first screen.
	body := container.New(layout.NewCustomPaddedVBoxLayout(-1.5*theme.Padding()), head, t.value, t.lines[0], t.lines[1], t.lines[2])
	return &tileRenderer{t: t, bg: bg, body: container.NewPadded(body)}
}

type tileRenderer struct {
	t    *tile
	bg   *canvas.Rectangle
	body fyne.CanvasObject
}

func (r *tileRenderer) Destroy()                     {}
func (r *tileRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.body} }
func (r *tileRenderer) MinSize() fyne.Size           { return r.body.MinSize() }
func (r *tileRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	r.body.Resize(s)
}

func (r *tileRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	if r.t.hovered {
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.Refresh()
	r.body.Refresh()
}

// detail returns the visible detail lines joined by newlines (for tests and accessibility).
func (t *tile) detail() string {
	var out []string
	for _, l := range t.lines {
		if l.Text != "" {
			out = append(out, l.Text)
		}
	}
	return strings.Join(out, "\n")
}
