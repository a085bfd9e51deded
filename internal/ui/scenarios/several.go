package scenarios

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/grid"
	"steerco/internal/ui/uithread"
)

// severalPanel compares several saved scenarios with the plan of record at
// once (app.CompareSaved: one run of the plan, one per scenario, the same
// random numbers): per milestone the chance of meeting it, then the cost,
// the expected penalty and the joint cost–schedule confidence.
type severalPanel struct {
	s         *Screen
	checks    *widget.CheckGroup
	ids       []string // parallel to checks.Options
	run       *widget.Button
	cancelBtn *widget.Button
	progress  *widget.ProgressBar
	status    *widget.Label
	table     *fyne.Container // holds the grid of the last comparison
	cells     [][]string
	runner    *uithread.Runner
	onDone    func() // tests
	root      fyne.CanvasObject
}

func newSeveralPanel(s *Screen) *severalPanel {
	v := &severalPanel{s: s}
	v.checks = widget.NewCheckGroup(nil, nil)
	v.run = widget.NewButtonWithIcon("Compare checked", theme.MediaPlayIcon(), func() { v.Run() })
	v.run.Importance = widget.HighImportance
	v.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { v.Cancel() })
	v.progress = widget.NewProgressBar()
	v.runner = uithread.NewRunner(v.run, v.cancelBtn, v.progress)
	v.status = widget.NewLabel("Check the saved scenarios to set side by side, then Compare checked.")
	v.status.Wrapping = fyne.TextWrapWord
	v.table = container.NewStack()
	v.root = container.NewVScroll(container.NewVBox(field.Bold("Saved scenarios"), v.checks,
		container.NewHBox(v.run, v.cancelBtn), v.progress, v.status, v.table))
	return v
}

// show lists p's saved scenarios, keeping the checks of those still there.
func (v *severalPanel) show(p *plan.Portfolio) {
	checked := map[string]bool{}
	for _, o := range v.checks.Selected {
		for i, x := range v.checks.Options {
			if x == o {
				checked[v.ids[i]] = true
			}
		}
	}
	var opts, sel []string
	v.ids = nil
	if p != nil {
		for _, sc := range app.SavedScenarios(p) {
			opts, v.ids = append(opts, sc.Name), append(v.ids, sc.ID)
			if checked[sc.ID] {
				sel = append(sel, sc.Name)
			}
		}
	}
	v.checks.Options = opts
	v.checks.SetSelected(sel)
	v.checks.Refresh()
}

// Run compares the checked scenarios off the UI goroutine.
func (v *severalPanel) Run() {
	p := v.s.p
	if v.runner.Running() || p == nil {
		return
	}
	var ids []string
	for _, o := range v.checks.Selected {
		for i, x := range v.checks.Options {
			if x == o {
				ids = append(ids, v.ids[i])
			}
		}
	}
	if len(ids) == 0 {
		v.status.SetText("Check at least one saved scenario.")
		return
	}
	v.status.SetText(fmt.Sprintf("Forecasting the plan of record and %d scenarios…", len(ids)))
	runs, req := v.s.runs, v.s.req
	uithread.Run(v.runner, func(ctx context.Context, progress func(done, total int)) (*app.Comparisons, error) {
		return app.CompareSaved(ctx, runs, p, ids, req, progress)
	}, func(c *app.Comparisons, err error) { v.done(p, c, err) })
}

// Cancel stops a comparison in flight.
func (v *severalPanel) Cancel() { v.runner.Cancel() }

func (v *severalPanel) done(p *plan.Portfolio, c *app.Comparisons, err error) {
	if v.onDone != nil {
		defer v.onDone()
	}
	switch {
	case errors.Is(err, context.Canceled):
		v.status.SetText("Cancelled.")
		return
	case err != nil:
		v.status.SetText("The forecast could not run: " + plan.ErrorMessage(err))
		return
	}
	rag := v.s.fc.Policy().RAG
	cols := []field.Column{{Title: "Scenario", Width: 150, Stretch: true}}
	for _, m := range c.Base.Milestones {
		name := m.ID
		for _, pm := range p.Milestones {
			if pm.ID == m.ID {
				name = pm.Name
			}
		}
		cols = append(cols, field.Column{Title: name, Width: 90})
	}
	cols = append(cols, field.Column{Title: "Cost", Width: 90, Priority: 2}, field.Column{Title: "Expected penalty", Width: 90, Priority: 1},
		field.Column{Title: "Joint confidence", Width: 80, Priority: 3})
	var cells [][]string
	var imp [][]widget.Importance
	plain := func(n int) []widget.Importance { return make([]widget.Importance, n) }
	base := []string{"Plan of record"}
	for _, m := range c.Base.Milestones {
		base = append(base, figure.Percent(m.PTarget))
	}
	var exp, jcl string
	if c.Base.Exposure != nil {
		exp = figure.MoneyShort(c.Base.Exposure.Total.Mean)
	}
	if c.Base.JCL != nil && c.Base.JCL.PJoint >= 0 {
		jcl = figure.Percent(c.Base.JCL.PJoint)
	}
	cells, imp = append(cells, append(base, "—", exp, jcl)), append(imp, plain(len(cols)))
	for i := range c.Results {
		r := &c.Results[i]
		row, ri := []string{r.Scenario.Name}, plain(len(cols))
		if r.Err != nil {
			row = append(row, "no longer applies: "+plan.ErrorMessage(r.Err))
			for len(row) < len(cols) {
				row = append(row, "")
			}
			ri[1] = widget.DangerImportance
			cells, imp = append(cells, row), append(imp, ri)
			continue
		}
		rows := r.Rows(p, rag)
		for k, m := range c.Base.Milestones {
			cell := "—"
			for _, d := range rows {
				if d.Kind == "milestone" && d.ID == m.ID {
					cell = fmt.Sprintf("%s (%s)", figure.Percent(d.Alt), figure.Points(d.Points/100))
					switch {
					case d.Points > 0:
						ri[k+1] = widget.SuccessImportance
					case d.Points < 0:
						ri[k+1] = widget.DangerImportance
					}
				}
			}
			row = append(row, cell)
		}
		md := r.Money(c.Base)
		row = append(row, figure.SignedMoneyShort(r.Budget.Total), figure.SignedMoneyShort(md.Expected()))
		if md.JCLAlt >= 0 {
			row = append(row, figure.Percent(md.JCLAlt))
		} else {
			row = append(row, "")
		}
		cells, imp = append(cells, row), append(imp, ri)
	}
	g := grid.New(cols)
	g.SetRows(cells, imp)
	v.cells = cells
	v.table.Objects = []fyne.CanvasObject{g}
	v.table.Refresh()
	v.status.SetText(fmt.Sprintf("%d scenarios beside the plan of record: %s trials each, seed %d, as of %s. Each milestone: the chance of meeting it and the change in points. Cost: the hires and stated costs through %s. Expected penalty: the change.",
		len(c.Results), figure.Number(float64(c.Request.Trials), 0), c.Request.Seed, figure.Date(c.Request.AsOf), c.Through.Label()))
}
