package scenarios

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/uithread"
)

// yesPanel is the cost of yes: a proposed item (team, three-point
// estimate, a dependency, a target) forecast beside the plan of record on
// the same random numbers, naming the commitments and milestones that drop
// a RAG band or lose more than a few points, and what the item costs.
type yesPanel struct {
	s                 *Screen
	title             *widget.Entry
	team, dep         *widget.Select
	commitment        *widget.Select
	low, likely, high *widget.Entry
	target, points    *widget.Entry
	run, cancelBtn    *widget.Button
	errLabel          *widget.Label
	headline, detail  *widget.Label
	progress          *widget.ProgressBar
	runner            *uithread.Runner
	depIDs            []string
	answer            *app.YesAnswer
	onDone            func() // tests
	root              fyne.CanvasObject
}

var commitments = []string{plan.Committed, plan.Planned, plan.Stretch}

func newYesPanel(s *Screen) *yesPanel {
	y := &yesPanel{s: s}
	y.title = widget.NewEntry()
	y.title.SetPlaceHolder("e.g. Member portal")
	y.team = widget.NewSelect(nil, nil)
	y.dep = widget.NewSelect(nil, nil)
	y.commitment = widget.NewSelect(commitments, nil)
	y.commitment.SetSelected(plan.Committed)
	y.low, y.likely, y.high = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	y.low.SetPlaceHolder("low")
	y.likely.SetPlaceHolder("most likely")
	y.high.SetPlaceHolder("high")
	y.target = widget.NewEntry()
	y.target.SetPlaceHolder("YYYY-MM-DD (committed items need one)")
	y.points = widget.NewEntry()
	y.points.SetText(strconv.Itoa(app.DefaultYesPoints))
	y.errLabel = field.ErrorLabel()
	y.run = widget.NewButtonWithIcon("What does yes cost?", theme.MediaPlayIcon(), func() { y.Run() })
	y.run.Importance = widget.HighImportance
	y.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { y.Cancel() })
	y.progress = widget.NewProgressBar()
	y.runner = uithread.NewRunner(y.run, y.cancelBtn, y.progress)
	y.headline = widget.NewLabel("Describe the item someone asks for, then press What does yes cost?")
	y.headline.Wrapping = fyne.TextWrapWord
	y.detail = widget.NewLabel("")
	y.detail.Wrapping = fyne.TextWrapWord
	lab := func(t string) fyne.CanvasObject {
		l := widget.NewLabel(t)
		return container.NewGridWrap(fyne.NewSize(130, l.MinSize().Height), l)
	}
	row := func(t string, o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewBorder(nil, nil, lab(t), nil, o)
	}
	form := container.NewVBox(
		field.Bold("If we say yes to…"),
		row("Title", y.title),
		row("Team", y.team),
		row("Effort (days)", container.NewGridWithColumns(3, y.low, y.likely, y.high)),
		row("Waits for", y.dep),
		row("Commitment", y.commitment),
		row("Target", y.target),
		row("Name if it loses", container.NewBorder(nil, nil, nil, widget.NewLabel("points or a RAG band"), y.points)),
		y.errLabel,
		container.NewHBox(y.run, y.cancelBtn),
		y.progress,
		y.headline,
		y.detail,
	)
	y.root = container.NewVScroll(form)
	return y
}

// show offers p's teams and open items.
func (y *yesPanel) show(p *plan.Portfolio) {
	var teams []string
	deps := []string{"(nothing)"}
	y.depIDs = []string{""}
	if p != nil {
		for _, t := range p.Teams {
			teams = append(teams, t.Name)
		}
		for _, it := range p.Items {
			if it.Open() {
				deps, y.depIDs = append(deps, it.ID+" · "+it.Title), append(y.depIDs, it.ID)
			}
		}
	}
	y.team.SetOptions(teams)
	y.dep.SetOptions(deps)
	if y.dep.SelectedIndex() < 0 {
		y.dep.SetSelectedIndex(0)
	}
}

func (y *yesPanel) fail(msg string) {
	y.errLabel.SetText(msg)
	y.errLabel.Show()
}

// item reads the form; ok is false when a field could not be read (the
// problem is shown).
func (y *yesPanel) item(p *plan.Portfolio) (plan.Item, float64, bool) {
	y.errLabel.Hide()
	it := plan.Item{Title: strings.TrimSpace(y.title.Text), Status: plan.NotStarted, Commitment: y.commitment.Selected}
	if it.Title == "" {
		y.fail("Give the item a title.")
		return it, 0, false
	}
	if i := y.team.SelectedIndex(); i >= 0 && i < len(p.Teams) {
		it.TeamID = p.Teams[i].ID
	} else {
		y.fail("Choose the team that would do it.")
		return it, 0, false
	}
	var est [3]float64
	for i, e := range []*widget.Entry{y.low, y.likely, y.high} {
		v, err := strconv.ParseFloat(strings.TrimSpace(e.Text), 64)
		if err != nil {
			y.fail("Give the effort in person-days: low, most likely and high, for example 20, 30, 50.")
			return it, 0, false
		}
		est[i] = v
	}
	it.Estimate = plan.Estimate{Low: est[0], Likely: est[1], High: est[2]}
	if i := y.dep.SelectedIndex(); i > 0 && i < len(y.depIDs) {
		it.DependsOn = []plan.Dependency{{ItemID: y.depIDs[i]}}
	}
	if t := strings.TrimSpace(y.target.Text); t != "" {
		d, err := plan.ParseDate(t)
		if err != nil {
			y.fail(plan.ErrorMessage(err))
			return it, 0, false
		}
		it.Target = d
	}
	pts, err := strconv.ParseFloat(strings.TrimSpace(y.points.Text), 64)
	if err != nil || pts <= 0 || pts > 100 {
		y.fail("Give the points a commitment may lose before it is named, from 1 to 100.")
		return it, 0, false
	}
	return it, pts, true
}

// Run forecasts the plan with the item added, off the UI goroutine.
func (y *yesPanel) Run() {
	p := y.s.p
	if y.runner.Running() || p == nil {
		return
	}
	it, pts, ok := y.item(p)
	if !ok {
		return
	}
	y.headline.SetText("Forecasting the plan of record, then the plan with the item…")
	y.detail.SetText("")
	runs, req := y.s.runs, y.s.req
	uithread.Run(y.runner, func(ctx context.Context, _ func(done, total int)) (*app.YesAnswer, error) {
		return app.CostOfYes(ctx, runs, p, it, pts, req) // no progress: the bar stays at 0 while it runs
	}, y.done)
}

// Cancel stops a run in flight.
func (y *yesPanel) Cancel() { y.runner.Cancel() }

func (y *yesPanel) done(a *app.YesAnswer, err error) {
	if y.onDone != nil {
		defer y.onDone()
	}
	switch {
	case errors.Is(err, context.Canceled):
		y.headline.SetText("Cancelled.")
		return
	case err != nil:
		y.headline.SetText("")
		y.fail(plan.ErrorMessage(err))
		return
	}
	y.answer = a
	y.headline.SetText(bidi.Shaped(a.Headline))
	var lines []string
	for _, h := range a.Hurt {
		band := ""
		if h.AltRAG != h.BaseRAG {
			band = fmt.Sprintf(", %s → %s", h.BaseRAG.Label(), h.AltRAG.Label())
		}
		lines = append(lines, fmt.Sprintf("• %s: %s → %s (%s%s), P85 %s", bidi.Isolate(h.Name), figure.Percent(h.Base), figure.Percent(h.Alt),
			figure.Points(h.Points/100), band, figure.DaysEffect(h.P85Days, 0)))
	}
	cost := fmt.Sprintf("Its most likely effort, %s person-days, costs %s at the team's loaded rate.", figure.Effort(a.Item.Estimate.Likely), figure.Money(a.Effort))
	if md := a.Result.Money(a.Base); !md.ExpectedBase.IsZero() || !md.ExpectedAlt.IsZero() {
		cost += fmt.Sprintf(" The expected penalty and cost of delay go from %s to %s.", figure.MoneyShort(md.ExpectedBase), figure.MoneyShort(md.ExpectedAlt))
	}
	lines = append(lines, cost)
	y.detail.SetText(bidi.Shaped(strings.Join(lines, "\n"))) // names isolated: the lines stay left to right, in order
}
