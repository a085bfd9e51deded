// Package calibration is the Calibration screen: how often this
// portfolio's own forecasts held. It scores every snapshot against the
// items' actual finish dates through internal/app (app.ScoreSnapshots) and
// shows the one sentence every surface quotes, the hit rates of the P50 and
// P85 dates per team and commitment level with their counts and 90 %
// intervals, the bias, a reliability diagram (predicted chance against
// what happened, each point with its interval) and the done items that have
// no finish date, which are listed rather than given a guessed one.
package calibration

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// Screen is the Calibration screen.
type Screen struct {
	r *app.Calibration

	sentence *widget.Label
	table    *fyne.Container
	diagram  *reliability
	notes    *widget.Label
	left     *fyne.Container // laid out again when the table's rows change
	root     fyne.CanvasObject
}

// New builds the screen; it needs nothing but the portfolio Show gives it.
func New() *Screen {
	s := &Screen{
		sentence: widget.NewLabel(""),
		table:    container.NewGridWithColumns(len(columns)),
		diagram:  newReliability(),
		notes:    widget.NewLabel(""),
	}
	s.sentence.Wrapping = fyne.TextWrapWord
	s.sentence.TextStyle = fyne.TextStyle{Bold: true}
	s.notes.Wrapping = fyne.TextWrapWord
	title := widget.NewLabelWithStyle("Calibration: did our dates hold?", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	how := widget.NewLabel(fmt.Sprintf("Every snapshot's P50 and P85 dates against the items' actual finish dates. A hit rate is quoted from %d scored forecasts; the interval is a Wilson 90%% interval. Bias: actual finish minus P50, in working days (positive is late).", app.CalibrationMinimum))
	how.Wrapping = fyne.TextWrapWord
	s.left = container.NewVBox(title, s.sentence, how, s.table, s.notes)
	s.root = container.NewHSplit(container.NewVScroll(s.left), container.NewBorder(widget.NewLabel("Reliability: predicted against observed"), nil, nil, nil, s.diagram))
	s.root.(*container.Split).Offset = 0.72
	return s
}

// Title names the screen in the navigation.
func (s *Screen) Title() string { return "Calibration" }

// Icon is the screen's navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.ConfirmIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

var columns = []string{"", "Items", "P50 held", "P85 held", "P85 90% interval", "Bias"}

// Show scores p's snapshots and refreshes every part of the screen.
func (s *Screen) Show(p *plan.Portfolio) {
	if p == nil {
		return
	}
	s.r = app.ScoreSnapshots(p)
	s.sentence.SetText(app.CalibrationSentence(s.r.Overall, "snapshots"))
	s.table.Objects = nil
	for _, c := range columns {
		s.table.Add(widget.NewLabelWithStyle(c, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	}
	row := func(g app.CalibrationGroup) {
		iv := ""
		if g.P85.Enough() {
			iv = app.RateInterval(g.P85)
		}
		for _, v := range []string{g.Name, fmt.Sprint(g.Items), app.RateText(g.P50), app.RateText(g.P85), iv, figure.WorkingDays(g.MeanBias)} {
			l := widget.NewLabel(bidi.Shaped(v)) // a team's name
			l.Truncation = fyne.TextTruncateEllipsis
			s.table.Add(l)
		}
	}
	if s.r.Overall.P85.N > 0 {
		row(s.r.Overall)
		for _, g := range s.r.Teams {
			row(g)
		}
		for _, g := range s.r.Commitments {
			row(g)
		}
	}
	s.table.Refresh()
	s.left.Refresh()
	var notes []string
	if s.r.Pending > 0 {
		notes = append(notes, fmt.Sprintf("Not scored yet: %d forecasts of items still open.", s.r.Pending))
	}
	if n := len(s.r.DoneWithoutFinish); n > 0 {
		notes = append(notes, fmt.Sprintf("Done without a finish date (not scored, no date guessed): %s.", strings.Join(s.r.DoneWithoutFinish, ", ")))
	}
	s.notes.SetText(strings.Join(notes, "\n"))
	s.diagram.set(s.r.Reliability)
}

// reliability draws predicted chance (across) against observed share (up):
// the diagonal is a perfectly calibrated forecast; each point is one bin
// with a vertical bar for its interval, hollow when it has too little history.
type reliability struct {
	widget.BaseWidget
	bins []app.CalibrationBin
}

func newReliability() *reliability {
	r := &reliability{}
	r.ExtendBaseWidget(r)
	return r
}

func (r *reliability) set(bins []app.CalibrationBin) {
	r.bins = bins
	r.Refresh()
}

func (r *reliability) MinSize() fyne.Size { return fyne.NewSize(240, 240) }

func (r *reliability) CreateRenderer() fyne.WidgetRenderer {
	return &reliabilityRenderer{r: r}
}

type reliabilityRenderer struct {
	r       *reliability
	objects []fyne.CanvasObject
}

func (rr *reliabilityRenderer) Layout(size fyne.Size) { rr.build(size) }
func (rr *reliabilityRenderer) MinSize() fyne.Size    { return rr.r.MinSize() }
func (rr *reliabilityRenderer) Refresh()              { rr.build(rr.r.Size()); canvas.Refresh(rr.r) }
func (rr *reliabilityRenderer) Objects() []fyne.CanvasObject {
	return rr.objects
}
func (rr *reliabilityRenderer) Destroy() {}

func (rr *reliabilityRenderer) build(size fyne.Size) {
	const pad = 28
	side := min(size.Width, size.Height) - 2*pad
	if side <= 0 {
		rr.objects = nil
		return
	}
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNameDisabled)
	accent := theme.Color(theme.ColorNamePrimary)
	at := func(px, py float64) fyne.Position {
		return fyne.NewPos(pad+float32(px)*side, pad+float32(1-py)*side)
	}
	line := func(a, b fyne.Position, c color.Color, w float32) *canvas.Line {
		l := canvas.NewLine(c)
		l.StrokeWidth = w
		l.Position1, l.Position2 = a, b
		return l
	}
	objs := []fyne.CanvasObject{
		line(at(0, 0), at(1, 0), fg, 1), line(at(0, 0), at(0, 1), fg, 1), // axes
		line(at(0, 0), at(1, 1), muted, 1), // perfect calibration
	}
	for _, t := range []float64{0, 0.5, 1} {
		x := canvas.NewText(figure.Percent(t), fg)
		x.TextSize = 10
		x.Move(at(t, 0).AddXY(-8, 4))
		y := canvas.NewText(figure.Percent(t), fg)
		y.TextSize = 10
		y.Move(at(0, t).AddXY(-pad+2, -7))
		objs = append(objs, x, y)
	}
	for _, b := range rr.r.bins {
		if b.Observed.N == 0 {
			continue
		}
		c := accent
		if !b.Observed.Enough() {
			c = muted
		}
		objs = append(objs, line(at(b.Predicted, b.Observed.Low), at(b.Predicted, b.Observed.High), c, 2))
		dot := canvas.NewCircle(c)
		if !b.Observed.Enough() {
			dot.FillColor, dot.StrokeColor, dot.StrokeWidth = color.Transparent, c, 2
		}
		p := at(b.Predicted, b.Observed.Value())
		dot.Move(p.AddXY(-5, -5))
		dot.Resize(fyne.NewSize(10, 10))
		label := canvas.NewText(strings.TrimPrefix(b.Label, "target "), fg)
		label.TextSize = 10
		label.Move(p.AddXY(8, -14))
		objs = append(objs, dot, label)
	}
	rr.objects = objs
}
