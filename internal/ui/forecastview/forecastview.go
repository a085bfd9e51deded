// Package forecastview is the Forecast screen: run the forecast with
// chosen trials, seed, sampling and effort distribution (with a progress
// bar and Cancel), read every milestone's and item's finish distribution
// (an S-curve and a histogram with P50, P85 and the target), why an item
// waits, and the risks that move the dates most, in days. It shows the
// shell's automatic forecasts too, marked when out of date. (The package is
// not called forecast, which is the Monte Carlo engine.)
package forecastview

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/distchart"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/uithread"
)

// Bounds of the trials a person may ask for (app's, the CLI's too).
const (
	minTrials = app.MinTrials
	maxTrials = app.MaxTrials
)

var (
	samplings     = []string{"Monte Carlo", "Latin hypercube"}
	samplingCode  = map[string]string{"Monte Carlo": app.SamplingMonteCarlo, "Latin hypercube": app.SamplingLHS}
	distributions = []string{app.DistTriangular, app.DistBetaPERT, app.DistLognormal}
)

// Screen is the Forecast screen.
type Screen struct {
	fc screen.Forecaster
	p  *plan.Portfolio
	f  *app.Forecast // the forecast shown (nil before the first)

	trials, seed       *widget.Entry
	trialsErr, seedErr *widget.Label
	sampling, dist     *widget.Select
	riskDrivers        *widget.Check
	runBtn, cancelBtn  *widget.Button
	progress           *widget.ProgressBar
	banner             *widget.Label // stale / cancelled / failed
	meta               *widget.Label

	table    *widget.Table
	cols     *field.Columns // which columns fit, and their widths
	rows     []row          // in display order
	all      []row          // in forecast order
	sortCol  int
	sortDesc bool
	selected string // kind + "/" + id of the selected row

	title, facts, chance, measure *widget.Label
	chart                         *distView
	waitBar                       *barsView
	waitText, driver              *widget.Label
	waitBox                       fyne.CanvasObject

	risks     *widget.List
	riskRows  []riskRow
	riskBars  []float32
	riskEmpty *widget.Label
	riskFull  *widget.Label // the selected risk's line in full (the list cuts long ones)

	// The Money tab: what lateness costs and the JCL (money.go).
	tabs                                *container.AppTabs
	moneyEmpty, exposureSentence, total *widget.Label
	exposure                            *fyne.Container // one exposureLine each: name, terms, facts
	jclHead, jcl, jclFacts              *widget.Label
	scatter                             *scatterView
	scatterLegend, frontierNote         *widget.Label
	money                               moneyModel
	moneyScroll                         *container.Scroll

	runner  *uithread.Runner // Run, Cancel and the progress bar
	started time.Time
	// onFinished, when set, is called after a run from this screen ends (tests).
	onFinished func()
	// editedDuringRun: the portfolio changed while a run from this screen
	// was in flight, so its results are already out of date.
	editedDuringRun bool
	// Elapsed is how long the last run from this screen took, from Run to
	// results shown (zero before the first).
	Elapsed time.Duration
	root    fyne.CanvasObject
}

// New builds the screen; fc runs its forecasts and gives the policy (the
// default trials and seed, the RAG thresholds).
func New(fc screen.Forecaster) *Screen {
	s := &Screen{fc: fc, sortCol: -1}
	pol := fc.Policy()
	s.trials = widget.NewEntry()
	s.trials.SetText(plan.Group(strconv.Itoa(pol.FullTrials)))
	s.trials.OnSubmitted = func(string) { s.Run() }
	s.seed = widget.NewEntry()
	s.seed.SetText(strconv.FormatUint(pol.Seed, 10))
	s.seed.OnSubmitted = func(string) { s.Run() }
	s.trialsErr, s.seedErr = field.ErrorLabel(), field.ErrorLabel()
	s.sampling = widget.NewSelect(samplings, nil)
	s.sampling.SetSelected(samplings[0])
	s.dist = widget.NewSelect(distributions, nil)
	s.dist.SetSelected(app.DistTriangular)
	s.riskDrivers = widget.NewCheck("Risk drivers", nil) // one extra run per risk (the pane's heading says what they are)
	s.riskDrivers.SetChecked(true)
	s.runBtn = widget.NewButtonWithIcon("Run", theme.MediaPlayIcon(), func() { s.Run() })
	s.runBtn.Importance = widget.HighImportance
	s.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { s.Cancel() })
	s.progress = widget.NewProgressBar()
	// The bar is shown only while a run is in flight: an idle "0%" bar reads as a stuck run.
	s.runner = uithread.NewRunner(s.runBtn, s.cancelBtn, s.progress)
	s.banner = widget.NewLabel("")
	s.banner.Wrapping = fyne.TextWrapWord
	s.banner.Hide()
	s.meta = widget.NewLabel("No forecast yet.")
	s.meta.Truncation = fyne.TextTruncateEllipsis
	s.meta.SizeName = theme.SizeNameCaptionText

	labelled := func(label string, w fyne.CanvasObject, width float32, errLabel *widget.Label) fyne.CanvasObject {
		box := container.NewGridWrap(fyne.NewSize(width, w.MinSize().Height), w)
		if errLabel == nil {
			return container.NewVBox(widget.NewLabel(label), box)
		}
		return container.NewVBox(widget.NewLabel(label), box, errLabel)
	}
	controls := container.NewHBox(
		labelled("Trials", s.trials, 100, nil),
		labelled("Seed", s.seed, 80, nil),
		labelled("Sampling", s.sampling, 160, nil),
		labelled("Effort distribution", s.dist, 140, nil),
		container.NewVBox(widget.NewLabel(" "), s.riskDrivers),
		container.NewVBox(widget.NewLabel(" "), container.NewHBox(s.runBtn, s.cancelBtn)),
	)
	s.trialsErr.Wrapping, s.seedErr.Wrapping = fyne.TextWrapOff, fyne.TextWrapOff
	top := container.NewVBox(controls, container.NewHBox(s.trialsErr, s.seedErr), s.progress, s.banner)

	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(s.cols.Visible) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateCell(id, o.(*widget.Label)) },
	)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = newHeader
	s.table.UpdateHeader = s.updateHeader
	s.table.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }
	s.cols = field.NewColumns(s.table, columns)

	s.title = widget.NewLabelWithStyle("Select a row to see its distribution.", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.Wrapping = fyne.TextWrapWord
	s.chance = widget.NewLabel("")
	s.facts = field.Caption("")
	s.measure = field.Caption("")
	s.chart = newDistView()
	s.chart.set(nil, 0, 0, 0, "No forecast yet: press Run.")
	legend := field.Caption("Bars: share of trials finishing in each period (the latest 1% are off the chart) · line: chance of finishing by that day · P50 (blue), P85 (orange), target (green when P85 meets it, red when not).")
	s.waitBar = newBarsView(10)
	s.waitText, s.driver = field.Caption(""), field.Caption("")
	waitLegend := field.Caption("Mean working days it waits: dark for upstream items to finish, light for a free slot in its team once it is ready.")
	s.waitBox = container.NewVBox(field.Bold("Why it waits"), s.waitBar, s.waitText, waitLegend)
	detail := container.NewVBox(s.title, s.chance, s.chart, legend, s.facts, s.measure, s.waitBox, s.driver)

	s.risks = widget.NewList(func() int { return len(s.riskRows) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("")
			name.Truncation = fyne.TextTruncateEllipsis
			text := field.Caption("")
			text.Wrapping, text.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
			return container.New(layout.NewCustomPaddedVBoxLayout(0), name, newBarsView(0), text)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { s.updateRisk(i, o.(*fyne.Container)) })
	s.riskEmpty = field.Caption("")
	s.riskFull = field.Caption("")
	s.riskFull.Hide()
	s.risks.OnSelected = func(i widget.ListItemID) { s.selectRisk(i) }
	riskHead := field.Bold("Risk drivers: working days each risk adds to P85 dates (run with and without it)")
	riskHead.Wrapping = fyne.TextWrapWord
	riskPane := container.NewBorder(container.NewVBox(riskHead, s.riskEmpty), s.riskFull, nil, nil, s.risks)

	left := container.NewVSplit(container.New(s.cols, s.table), riskPane)
	left.Offset = 0.62
	s.moneyEmpty = field.Caption("")
	s.exposureSentence = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.exposureSentence.Wrapping = fyne.TextWrapWord
	s.exposure = container.NewVBox()
	s.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.total.Wrapping = fyne.TextWrapWord
	s.jclHead = field.Bold("Joint cost–schedule confidence")
	s.jcl = widget.NewLabel("")
	s.jcl.Wrapping = fyne.TextWrapWord
	s.jclFacts = field.Caption("")
	s.scatter = newScatterView()
	s.scatterLegend = field.Caption("One dot per trial (the first 2,000): its finish date across, its cost to complete up; in colour when by the target date and within the budget, grey when not. The large dot is the plan point (the median finish and the median cost); the straight lines are the target date and the budget; the other line is the frontier, the lowest budget that reaches its chance by each date.")
	s.frontierNote = field.Caption(app.FrontierNote)
	money := container.NewVBox(s.moneyEmpty, s.exposureSentence, s.exposure, s.total,
		s.jclHead, s.jcl, s.jclFacts, s.scatter, s.scatterLegend, s.frontierNote)
	s.moneyScroll = container.NewVScroll(money)
	s.tabs = container.NewAppTabs(container.NewTabItem("Distribution", container.NewVScroll(detail)),
		container.NewTabItem("Money", s.moneyScroll))
	body := container.NewHSplit(left, s.tabs)
	body.Offset = 0.55
	s.root = container.NewBorder(top, s.meta, nil, nil, body)
	return s
}

func newHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

// Title implements screen.Screen.
func (s *Screen) Title() string { return "Forecast" }

// Icon implements screen.Screen.
func (s *Screen) Icon() fyne.Resource { return theme.MediaPlayIcon() }

// Object implements screen.Screen.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show implements screen.Screen: names in the table follow the portfolio.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	s.refresh()
}

// ShowForecast implements screen.ForecastViewer: it shows f (the shell's
// automatic forecasts and this screen's own runs), marked when stale.
func (s *Screen) ShowForecast(f *app.Forecast, stale bool) {
	if f != nil {
		s.f = f
	}
	if stale && s.runner.Running() {
		s.editedDuringRun = true
	}
	switch {
	case stale && s.f != nil:
		s.setBanner("Out of date: the portfolio changed since this forecast. A new one is running.", widget.WarningImportance)
	case stale:
		s.setBanner("Forecasting…", widget.MediumImportance)
	case !s.runner.Running():
		s.banner.Hide()
		s.relayout()
	}
	if f != nil {
		s.refresh()
	}
}

func (s *Screen) setBanner(msg string, imp widget.Importance) {
	s.banner.Importance = imp
	s.banner.SetText(msg)
	s.banner.Show()
	s.relayout()
}

// relayout lays the screen out again after a line appeared or went away
// (a banner, an error under a field).
func (s *Screen) relayout() {
	if s.root != nil {
		s.root.Refresh()
	}
}

// refresh rebuilds every row and the detail from s.p and s.f.
func (s *Screen) refresh() {
	s.all = buildRows(s.p, s.f, s.fc.Policy().RAG)
	s.order()
	s.riskRows = buildRisks(s.p, s.f)
	days := make([]float64, len(s.riskRows))
	for i, r := range s.riskRows {
		days[i] = r.Days
	}
	s.riskBars = distchart.Bars(days, 1)
	if s.f != nil && len(s.riskRows) == 0 {
		setText(s.riskEmpty, "No risk drivers in this forecast: no live risk delays an open item, or the run skipped them (tick Risk drivers and run).")
	} else {
		setText(s.riskEmpty, "")
	}
	s.risks.UnselectAll()
	setText(s.riskFull, "")
	s.risks.Refresh()
	if s.f != nil {
		s.meta.SetText(metadata(s.f))
	}
	s.showMoney()
	if s.selected == "" && len(s.all) > 1 {
		s.selected = key(s.all[1]) // the first milestone, or the first item
	}
	s.showDetail()
}

func key(r row) string { return r.kind + "/" + r.id }

func (s *Screen) order() {
	if s.sortCol < 0 {
		s.rows = s.all
	} else {
		s.rows = sortRows(s.all, s.sortCol, s.sortDesc)
	}
	s.table.Refresh()
}

func (s *Screen) updateCell(id widget.TableCellID, l *widget.Label) {
	col := s.cols.Col(id.Col)
	if id.Row < 0 || id.Row >= len(s.rows) || col < 0 {
		l.SetText("")
		return
	}
	r := &s.rows[id.Row]
	imp := widget.MediumImportance
	if col == colChance && r.p >= 0 {
		imp = ragImportance[r.rag]
	}
	style := fyne.TextStyle{Bold: r.kind != kindItem && col == colName}
	if l.Importance != imp || l.TextStyle != style {
		l.Importance, l.TextStyle = imp, style
	}
	l.SetText(bidi.Shaped(r.cells[col]))
}

func (s *Screen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	col := s.cols.Col(id.Col)
	if col < 0 {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	title := columns[col].Title
	if col == s.sortCol {
		if s.sortDesc {
			title += " ▼"
		} else {
			title += " ▲"
		}
	}
	b.OnTapped = func() { s.sortBy(col) }
	b.SetText(title)
}

// sortBy sorts by col, reversing on a second tap.
func (s *Screen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	s.order()
}

func (s *Screen) selectRow(r int) {
	if r < 0 || r >= len(s.rows) {
		return
	}
	s.selected = key(s.rows[r])
	s.showDetail()
}

// Select shows the distribution of the milestone or item with id (tests, other screens).
func (s *Screen) Select(id string) {
	for _, r := range s.all {
		if r.id == id {
			s.selected = key(r)
		}
	}
	s.showDetail()
}

func (s *Screen) showDetail() {
	var r *row
	for i := range s.all {
		if key(s.all[i]) == s.selected {
			r = &s.all[i]
		}
	}
	if s.f == nil || r == nil {
		s.title.SetText("Select a row to see its distribution.")
		for _, l := range []*widget.Label{s.chance, s.facts, s.measure, s.driver} {
			setText(l, "")
		}
		s.waitBox.Hide()
		empty := "No forecast yet: press Run."
		if s.f != nil {
			empty = "Select a milestone or an item."
		}
		s.chart.set(nil, 0, 0, 0, empty)
		return
	}
	d := buildDetail(s.p, s.f, *r, s.fc.Policy().RAG)
	s.title.SetText(bidi.Shaped(d.Title))
	s.chance.Importance = ragImportance[d.RAG]
	setText(s.chance, d.Chance)
	setText(s.facts, d.Facts)
	setText(s.measure, d.Measure)
	setText(s.driver, bidi.Shaped(d.DriverText))
	empty := "This forecast has no distribution curve (it was run without curves); press Run to see it."
	s.chart.set(d.Points, d.Dist.P50, d.Dist.P85, d.Target, empty)
	if r.kind == kindItem {
		a, b := distchart.Split(d.WaitDep, d.WaitCap, 1)
		if d.WaitDep+d.WaitCap <= 0 {
			s.waitBar.set(nil, nil, nil, "No waiting: it starts as soon as work can begin.")
		} else {
			p := theme.Color(theme.ColorNamePrimary)
			s.waitBar.set([]float32{a, b}, []color.Color{p, withAlpha(p, 0x70)},
				[]string{"Dependencies " + figure.WorkingDays(d.WaitDep), "Capacity " + figure.WorkingDays(d.WaitCap)}, "")
		}
		s.waitText.SetText(d.WaitText)
		s.waitBox.Show()
	} else {
		s.waitBox.Hide()
	}
}

// selectRisk shows the selected risk driver's line in full under the list.
func (s *Screen) selectRisk(i int) {
	if i < 0 || i >= len(s.riskRows) {
		return
	}
	setText(s.riskFull, bidi.Shaped(bidi.Isolate(s.riskRows[i].Title)+": "+s.riskRows[i].Text+"."))
	s.relayout()
}

func (s *Screen) updateRisk(i int, c *fyne.Container) {
	if i < 0 || i >= len(s.riskRows) {
		return
	}
	r := s.riskRows[i]
	c.Objects[0].(*widget.Label).SetText(bidi.Shaped(r.Title))
	c.Objects[1].(*barsView).set([]float32{s.riskBars[i]}, []color.Color{theme.Color(theme.ColorNameError)}, nil, "")
	c.Objects[2].(*widget.Label).SetText(bidi.Shaped(r.Text))
}

// request reads the run settings, showing each problem next to its
// field. Its as-of date is left to app's rule (today, or the planning
// start when that is later), as for every other forecast.
func (s *Screen) request() (app.Request, bool) {
	ok := true
	o := app.Request{Sampling: samplingCode[s.sampling.Selected], Distribution: s.dist.Selected,
		RiskImpacts: s.riskDrivers.Checked, Curves: true}
	n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s.trials.Text), ",", ""))
	switch {
	case err != nil:
		showErr(s.trialsErr, fmt.Sprintf("Write a whole number from %s to %s.", plan.Group(strconv.Itoa(minTrials)), plan.Group(strconv.Itoa(maxTrials))))
		ok = false
	case n < minTrials || n > maxTrials:
		showErr(s.trialsErr, fmt.Sprintf("Trials must be %s to %s, not %s.", plan.Group(strconv.Itoa(minTrials)), plan.Group(strconv.Itoa(maxTrials)), plan.Group(strconv.Itoa(n))))
		ok = false
	default:
		s.trialsErr.Hide()
		o.Trials = n
	}
	seed, err := strconv.ParseUint(strings.TrimSpace(s.seed.Text), 10, 64)
	if err != nil || seed == 0 {
		showErr(s.seedErr, "The seed is a whole number of at least 1.")
		ok = false
	} else {
		s.seedErr.Hide()
		o.Seed = seed
	}
	return o, ok
}

// setText sets l's text and hides it when there is none, so empty lines take no room.
func setText(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func showErr(l *widget.Label, msg string) {
	l.SetText(msg)
	l.Show()
}

// Run starts a forecast with the settings on screen. The previous results
// stay on screen until the new ones arrive.
func (s *Screen) Run() {
	if s.runner.Running() {
		return // already running
	}
	o, ok := s.request()
	s.relayout()
	if !ok {
		return
	}
	ctx, _ := s.runner.Begin()
	s.started = time.Now()
	s.editedDuringRun = false
	s.setBanner(fmt.Sprintf("Running %s trials…", plan.Group(strconv.Itoa(o.Trials))), widget.MediumImportance)
	s.fc.Forecast(ctx, o, s.runner.Progress, s.finished)
}

// Cancel stops the run in flight; the previous results stay, marked as such.
func (s *Screen) Cancel() {
	if !s.runner.Running() {
		return
	}
	// Say so before asking: the run may end (and say "Cancelled") at once.
	s.setBanner("Cancelling…", widget.WarningImportance)
	s.runner.Cancel()
}

// Running reports whether a run from this screen is in flight.
func (s *Screen) Running() bool { return s.runner.Running() }

// Progress returns the progress bar's value, 0–1.
func (s *Screen) Progress() float64 { return s.progress.Value }

func (s *Screen) finished(f *app.Forecast, err error) {
	if s.onFinished != nil {
		defer s.onFinished()
	}
	s.runner.End()
	switch {
	case errors.Is(err, context.Canceled):
		if s.f != nil {
			s.setBanner("Cancelled. The results below are the previous forecast's, not the run you cancelled.", widget.WarningImportance)
		} else {
			s.setBanner("Cancelled. There are no results yet: press Run.", widget.WarningImportance)
		}
		return
	case err != nil:
		s.setBanner("The forecast could not run: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.progress.SetValue(1)
	if f != s.f {
		s.ShowForecast(f, false)
	}
	s.Elapsed = time.Since(s.started)
	s.banner.Hide()
	if s.editedDuringRun {
		s.setBanner("Out of date: the portfolio changed while this forecast ran. A new one is running.", widget.WarningImportance)
	}
	s.relayout()
	s.meta.SetText(metadata(f) + " · ran in " + figure.Number(s.Elapsed.Seconds(), 1) + " s")
}

// ragImportance colours a probability like the other screens do.
var ragImportance = map[figure.RAG]widget.Importance{
	figure.None:  widget.MediumImportance,
	figure.Green: widget.SuccessImportance,
	figure.Amber: widget.WarningImportance,
	figure.Red:   widget.DangerImportance,
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them in the real shell):
// the columns that never give way, the Run button and the Money tab.
func KeyTexts() []string { return []string{"Name", "P85", "Chance", "Run", "Cancel", "Money"} }
