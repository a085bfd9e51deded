// Package scenarios is the Scenarios screen: build a what-if ("add two
// engineers to Platform in March", "defer the analytics epic", "accept the
// audit-trail risk") as a list of changes to a copy of the portfolio,
// forecast it beside the plan of record with the same random numbers, and
// compare milestones, commitments, team load and budget side by side.
// Scenarios are saved in the portfolio file (Save; each save, duplicate,
// delete and promotion is one undoable edit) and a draft not yet saved
// lives for the session. "Promote…" lists what the scenario
// changes and, once confirmed, writes it into the plan of record in one
// undoable edit. The cost-of-yes panel says what saying yes to a proposed
// item does to the commitments and milestones.
package scenarios

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	"steerco/internal/ui/grid"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/settle"
	"steerco/internal/ui/uithread"
)

// Screen is the Scenarios screen.
type Screen struct {
	ed screen.Editor
	fc screen.Forecaster
	p  *plan.Portfolio
	// runs forecasts the plan and the scenario for a comparison, with the
	// application's policy and as-of rule (app.CompareScenario); tests may
	// make its runs quicker (SetRun).
	runs *app.Forecaster
	// req is the request of a comparison: the policy's defaults (tests ask
	// for fewer trials).
	req app.Request
	// compared, when set, is called after a comparison ends (tests).
	onCompared func()

	list    []*app.Scenario // drafts (no ID) first, then the saved ones (ID set)
	current int
	dirty   map[*app.Scenario]bool // a saved scenario changed here and not saved again

	picker           *widget.Select
	name             *widget.Entry
	newBtn, delBtn   *widget.Button
	saveBtn, dupBtn  *widget.Button
	value, text      *widget.Entry // a rank, probability, impact, lag or ramp-up; a commitment or an item depended on
	amount           *widget.Entry // a stated cost
	valueLabel       *widget.Label
	textLabel        *widget.Label
	confirm          *fyne.Container // the promotion's confirmation, shown after Promote to plan…
	confirmText      *widget.Label
	confirmBtn       *widget.Button
	yes              *yesPanel
	several          *severalPanel
	changes          *widget.List
	changeText       []string
	noChanges        *widget.Label
	kind             *widget.Select
	team, item, risk *widget.Select
	itemFind         *widget.Entry // filters the item choices by id or title
	allItemIDs       []string      // every open item; itemIDs is the filtered part, parallel to item.Options
	allItems         []string
	milestone        *widget.Select
	fte, percent     *widget.Entry
	date, by         *widget.Entry
	dateLabel        *widget.Label
	fields           map[string]fyne.CanvasObject // field name → its row, shown per kind
	errs             map[string]*widget.Label     // field name → its error label
	formErr          *widget.Label
	addBtn           *widget.Button

	compareBtn, cancelBtn, applyBtn *widget.Button
	progress                        *widget.ProgressBar
	status                          *widget.Label
	teamIDs, itemIDs, riskIDs       []string // ids in the order of the selects' options
	milestoneIDs                    []string

	cmp               comparison
	milestones, items *grid.Grid
	teams             *grid.Grid
	joint, portfolio  *widget.Label
	money             *widget.Label // the scenario in money: expected penalty, cost to complete, JCL
	budget            *widget.Label
	noItems, noTeams  *widget.Label
	left              *fyne.Container   // the scenario and its form, laid out again when errors come and go
	results           *fyne.Container   // the comparison's sections, shown once there is one
	scroll            *container.Scroll // scrolls the results, over the tables too
	compare           *uithread.Runner  // Compare, Cancel and the progress bar
	compared          bool              // the tables show the current scenario's comparison
	root              fyne.CanvasObject
}

// New builds the screen: ed applies a scenario to the plan, fc gives the
// policy and the date a comparison is forecast with (the shell's full run:
// the policy's trials and seed, so the figures match the other screens).
func New(ed screen.Editor, fc screen.Forecaster) *Screen {
	s := &Screen{ed: ed, fc: fc, list: []*app.Scenario{{Name: "Scenario 1"}}, dirty: map[*app.Scenario]bool{}}
	s.runs = app.NewForecaster(fc.Policy(), fc.Today)
	s.picker = widget.NewSelect(nil, func(string) { s.pick() })
	s.name = widget.NewEntry()
	s.name.OnChanged = func(string) { s.rename() }
	s.newBtn = widget.NewButtonWithIcon("New", theme.ContentAddIcon(), func() { s.NewScenario() })
	s.delBtn = widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { s.deleteScenario() })
	s.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.Save() })
	s.dupBtn = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), func() { s.Duplicate() })

	s.changes = widget.NewList(func() int { return len(s.changeText) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			b := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			b.Importance = widget.LowImportance
			return container.NewBorder(nil, nil, nil, b, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { s.updateChange(i, o.(*fyne.Container)) })
	s.noChanges = widget.NewLabel("No changes yet: add one below.")

	kinds := make([]string, len(formKinds))
	for i, k := range formKinds {
		kinds[i] = k.Label()
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.kindChanged() })
	s.team, s.item, s.risk, s.milestone = widget.NewSelect(nil, nil), widget.NewSelect(nil, nil), widget.NewSelect(nil, nil), widget.NewSelect(nil, nil)
	s.fte, s.percent, s.date, s.by = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.value, s.text, s.amount = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	s.valueLabel, s.textLabel = widget.NewLabel("Value"), widget.NewLabel("Text")
	s.itemFind = widget.NewEntry()
	s.itemFind.SetPlaceHolder("Find items by id or title")
	s.itemFind.OnChanged = func(string) { s.filterItems() }
	s.fte.SetPlaceHolder("e.g. 2 or -1")
	s.percent.SetPlaceHolder("e.g. 20 or -25")
	s.date.SetPlaceHolder("YYYY-MM-DD")
	s.by.SetPlaceHolder("who signs it off")
	s.dateLabel = widget.NewLabel("Date")
	s.errs = map[string]*widget.Label{}
	s.fields = map[string]fyne.CanvasObject{}
	row := func(key string, label fyne.CanvasObject, w fyne.CanvasObject) fyne.CanvasObject {
		e := field.ErrorLabel()
		s.errs[key] = e
		r := container.NewVBox(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(130, label.MinSize().Height), label), nil, w), e)
		s.fields[key] = r
		return r
	}
	s.formErr = field.ErrorLabel()
	s.addBtn = widget.NewButtonWithIcon("Add change", theme.ContentAddIcon(), func() { s.AddChange() })
	form := container.NewVBox(
		row("kind", widget.NewLabel("Change"), s.kind),
		row("team", widget.NewLabel("Team"), s.team),
		row("fte", widget.NewLabel("FTE (+/−)"), s.fte),
		row("item", widget.NewLabel("Item"), container.NewVBox(s.itemFind, s.item)),
		row("percent", widget.NewLabel("Estimate ±%"), s.percent),
		row("risk", widget.NewLabel("Risk"), s.risk),
		row("milestone", widget.NewLabel("Milestone"), s.milestone),
		row("by", widget.NewLabel("Signed off by"), s.by),
		row("value", s.valueLabel, s.value),
		row("text", s.textLabel, s.text),
		row("cost", widget.NewLabel("Amount"), s.amount),
		row("date", s.dateLabel, s.date),
		s.formErr, s.addBtn,
	)
	s.kind.SetSelected(app.Headcount.Label())

	head := container.NewBorder(nil, nil, nil, nil, s.picker)
	buttons := container.NewGridWithColumns(4, s.newBtn, s.saveBtn, s.dupBtn, s.delBtn)
	nameRow := container.NewBorder(nil, nil, widget.NewLabel("Name"), nil, s.name)
	top := container.NewVBox(field.Bold("Scenarios (saved in the file)"), head, buttons, nameRow, field.Bold("Changes"), s.noChanges)
	left := container.NewBorder(top, container.NewVBox(widget.NewSeparator(), field.Bold("Add a change"), form), nil, nil, s.changes)
	s.left = left

	s.compareBtn = widget.NewButtonWithIcon("Compare with the plan", theme.MediaPlayIcon(), func() { s.Compare() })
	s.compareBtn.Importance = widget.HighImportance
	s.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { s.Cancel() })
	s.applyBtn = widget.NewButtonWithIcon("Promote…", theme.ConfirmIcon(), func() { s.AskPromote() })
	s.confirmText = widget.NewLabel("")
	s.confirmText.Wrapping = fyne.TextWrapWord
	s.confirmBtn = widget.NewButtonWithIcon("Promote", theme.ConfirmIcon(), func() { s.ApplyToPlan() })
	s.confirmBtn.Importance = widget.WarningImportance
	keep := widget.NewButton("Keep it a scenario", func() { s.confirm.Hide() })
	s.confirm = container.NewVBox(s.confirmText, container.NewHBox(s.confirmBtn, keep))
	s.confirm.Hide()
	s.progress = widget.NewProgressBar()
	s.compare = uithread.NewRunner(s.compareBtn, s.cancelBtn, s.progress) // the bar is shown only while a comparison runs
	s.status = widget.NewLabel(fmt.Sprintf("Add changes on the left, then Compare with the plan. Compare runs the plan of record and the scenario with the same %s trials and seed (common random numbers), so differences are the scenario's, not noise. Save keeps a scenario in the file.", figure.Number(float64(fc.Policy().FullTrials), 0)))
	s.status.Wrapping = fyne.TextWrapWord

	s.cmp = emptyComparison()
	s.milestones = grid.New(milestoneCols)
	s.items = grid.New(itemCols)
	s.teams = grid.New(teamCols)
	s.joint, s.portfolio, s.budget, s.money = widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel(""), widget.NewLabel("")
	for _, l := range []*widget.Label{s.joint, s.portfolio, s.budget, s.money} {
		l.Wrapping = fyne.TextWrapWord
	}
	s.noItems, s.noTeams = field.Caption(""), field.Caption("")
	s.results = settle.VBox(
		field.Bold("Milestones: plan of record vs scenario"), s.milestones,
		s.joint, s.portfolio, s.money,
		field.Bold("Commitments whose status changes"), s.noItems, s.items,
		field.Bold("Team quarters whose over-commitment changes"), s.noTeams, s.teams,
		field.Bold("Budget effect of headcount changes"), s.budget,
	)
	s.results.Hide() // headings over nothing read as broken until there is a comparison
	s.scroll = container.NewVScroll(s.results)
	right := container.NewBorder(
		settle.VBox(container.NewHBox(s.compareBtn, s.cancelBtn, s.applyBtn), s.confirm, s.progress, s.status),
		nil, nil, nil, s.scroll)
	s.yes = newYesPanel(s)
	s.several = newSeveralPanel(s)
	tabs := container.NewAppTabs(
		container.NewTabItem("Compare", right),
		container.NewTabItem("Compare saved", s.several.root),
		container.NewTabItem("The cost of yes", s.yes.root),
	)
	split := container.NewHSplit(left, tabs)
	split.Offset = 0.3
	s.root = split
	s.refreshPicker()
	s.showScenario()
	s.fitTables()
	return s
}

func emptyComparison() comparison {
	return comparison{milestones: table{cols: milestoneCols}, items: table{cols: itemCols}, teams: table{cols: teamCols}}
}

// Title implements screen.Screen.
func (s *Screen) Title() string { return "Scenarios" }

// Icon implements screen.Screen.
func (s *Screen) Icon() fyne.Resource { return theme.ContentCopyIcon() }

// Object implements screen.Screen.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show implements screen.Screen: the selects offer the portfolio's teams,
// items, risks and milestones. A comparison made before an edit is marked
// out of date.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	s.teamIDs, s.allItemIDs, s.riskIDs, s.milestoneIDs = nil, nil, nil, nil
	s.allItems = nil
	var teams, risks, milestones []string
	if p != nil {
		for _, t := range p.Teams {
			s.teamIDs, teams = append(s.teamIDs, t.ID), append(teams, t.Name)
		}
		for _, i := range p.Items {
			if i.Open() {
				s.allItemIDs, s.allItems = append(s.allItemIDs, i.ID), append(s.allItems, i.ID+" · "+i.Title)
			}
		}
		for _, r := range p.Risks {
			s.riskIDs, risks = append(s.riskIDs, r.ID), append(risks, r.ID+" · "+r.Title)
		}
		for _, m := range p.Milestones {
			s.milestoneIDs, milestones = append(s.milestoneIDs, m.ID), append(milestones, m.Name+" ("+m.Date.String()+")")
		}
	}
	s.team.SetOptions(teams)
	s.filterItems()
	s.risk.SetOptions(risks)
	s.milestone.SetOptions(milestones)
	s.sync(p)
	s.yes.show(p)
	s.several.show(p)
	s.refreshPicker()
	s.showScenario()
	if s.compared {
		s.outOfDate("The portfolio changed since this comparison: press Compare again.")
	}
}

func (s *Screen) sc() *app.Scenario { return s.list[s.current] }

// formKinds are the kinds of change the form offers (an item is added on
// the cost-of-yes panel).
var formKinds = func() []app.ScenarioKind {
	var out []app.ScenarioKind
	for _, k := range app.ScenarioKinds {
		if k != app.AddItem {
			out = append(out, k)
		}
	}
	return out
}()

// sync makes the list the drafts of this session followed by the
// scenarios saved in p; a saved one changed here and not saved again keeps
// its changes while it is still in the file. The current scenario stays
// current when it is still there.
func (s *Screen) sync(p *plan.Portfolio) {
	cur := s.list[s.current]
	var next []*app.Scenario
	for _, sc := range s.list {
		if sc.ID == "" {
			next = append(next, sc)
		}
	}
	byID := map[string]*app.Scenario{}
	for _, sc := range s.list {
		if sc.ID != "" {
			byID[sc.ID] = sc
		}
	}
	dirty := map[*app.Scenario]bool{}
	if p != nil {
		for _, saved := range app.SavedScenarios(p) {
			if old := byID[saved.ID]; old != nil && s.dirty[old] {
				next = append(next, old)
				dirty[old] = true
				continue
			}
			if old := byID[saved.ID]; old != nil {
				*old = saved // keep the pointer: it may be the current one
				next = append(next, old)
				continue
			}
			sc := saved
			next = append(next, &sc)
		}
	}
	if len(next) == 0 {
		next = []*app.Scenario{{Name: "Scenario 1"}}
	}
	s.list, s.dirty, s.current = next, dirty, 0
	for i, sc := range next {
		if sc == cur {
			s.current = i
		}
	}
}

// editor adapts the screen's Editor to app's (one call per edit).
type editor struct{ ed screen.Editor }

func (e editor) Update(_ context.Context, action string, fn func(p *plan.Portfolio) error) error {
	return e.ed.Edit(action, fn)
}

// Save writes the current scenario into the portfolio file (one undoable
// edit): a draft becomes a saved scenario, a saved one is replaced.
func (s *Screen) Save() {
	sc := s.sc()
	cp := *sc
	cp.Changes = append([]app.ScenarioChange(nil), sc.Changes...)
	delete(s.dirty, sc)
	id, err := app.SaveScenario(context.Background(), editor{s.ed}, cp)
	if err != nil {
		s.dirty[sc] = sc.ID != ""
		s.setStatus("Nothing was saved: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	if sc.ID == "" {
		// The draft is now the saved scenario the edit's Show listed.
		s.dropDraft(sc, id)
	}
	s.setStatus(fmt.Sprintf("Saved “%s” in the file. Edit › Undo reverts it.", strings.TrimSpace(cp.Name)), widget.SuccessImportance)
}

// dropDraft removes draft sc from the list and makes the saved scenario id current.
func (s *Screen) dropDraft(sc *app.Scenario, id string) {
	for i, x := range s.list {
		if x == sc {
			s.list = append(s.list[:i], s.list[i+1:]...)
			break
		}
	}
	s.current = 0
	for i, x := range s.list {
		if x.ID == id {
			s.current = i
		}
	}
	if len(s.list) == 0 {
		s.list = []*app.Scenario{{Name: "Scenario 1"}}
	}
	s.refreshPicker()
	s.showScenario()
}

// Duplicate saves a copy of the current scenario ("Copy of …") and selects it.
func (s *Screen) Duplicate() {
	sc := s.sc()
	cp := app.Scenario{Name: "Copy of " + strings.TrimSpace(sc.Name), Description: sc.Description,
		Changes: append([]app.ScenarioChange(nil), sc.Changes...)}
	id, err := app.SaveScenario(context.Background(), editor{s.ed}, cp)
	if err != nil {
		s.setStatus("Nothing was saved: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	for i, x := range s.list {
		if x.ID == id {
			s.current = i
		}
	}
	s.refreshPicker()
	s.showScenario()
	s.clearResults()
	s.setStatus(fmt.Sprintf("Saved a copy as “%s”.", cp.Name), widget.SuccessImportance)
}

func (s *Screen) refreshPicker() {
	names := make([]string, len(s.list))
	for i, sc := range s.list {
		names[i] = s.label(i, sc)
	}
	s.picker.SetOptions(names)
	s.picker.SetSelectedIndex(s.current)
}

func (s *Screen) label(i int, sc *app.Scenario) string {
	name := strings.TrimSpace(sc.Name)
	if name == "" {
		name = "Unnamed"
	}
	switch {
	case sc.ID == "":
		name += " (not saved)"
	case s.dirty[sc]:
		name += " (changed, not saved)"
	}
	return fmt.Sprintf("%d. %s", i+1, name)
}

func (s *Screen) pick() {
	if i := s.picker.SelectedIndex(); i >= 0 && i < len(s.list) && i != s.current {
		s.current = i
		s.showScenario()
		s.clearResults()
	}
}

func (s *Screen) rename() {
	if s.sc().Name == s.name.Text {
		return
	}
	s.sc().Name = s.name.Text
	s.touch()
	s.refreshPicker()
}

// touch marks the current scenario, when saved, as changed here.
func (s *Screen) touch() {
	if s.sc().ID != "" {
		s.dirty[s.sc()] = true
	}
}

// NewScenario starts an empty draft and selects it.
func (s *Screen) NewScenario() {
	drafts := 0
	for _, sc := range s.list {
		if sc.ID == "" {
			drafts++
		}
	}
	sc := &app.Scenario{Name: fmt.Sprintf("Scenario %d", len(s.list)+1)}
	s.list = append(s.list[:drafts], append([]*app.Scenario{sc}, s.list[drafts:]...)...)
	s.current = drafts
	s.refreshPicker()
	s.showScenario()
	s.clearResults()
}

func (s *Screen) deleteScenario() {
	if sc := s.sc(); sc.ID != "" {
		// A saved scenario is deleted from the file (one undoable edit);
		// the edit's Show drops it from the list.
		name, err := app.DeleteScenario(context.Background(), editor{s.ed}, s.p, sc.ID)
		if err != nil {
			s.setStatus("Nothing was deleted: "+plan.ErrorMessage(err), widget.DangerImportance)
			return
		}
		s.clearResults()
		s.setStatus(fmt.Sprintf("Deleted “%s” from the file. Edit › Undo brings it back.", name), widget.SuccessImportance)
		return
	}
	s.list = append(s.list[:s.current], s.list[s.current+1:]...)
	if len(s.list) == 0 {
		s.list = []*app.Scenario{{Name: "Scenario 1"}}
	}
	s.current = min(s.current, len(s.list)-1)
	s.refreshPicker()
	s.showScenario()
	s.clearResults()
}

// showScenario fills the name and the list of changes.
func (s *Screen) showScenario() {
	sc := s.sc()
	if s.name.Text != sc.Name {
		s.name.SetText(sc.Name)
	}
	s.changeText = s.changeText[:0]
	for _, c := range sc.Changes {
		if s.p != nil {
			s.changeText = append(s.changeText, c.Describe(s.p))
		} else {
			s.changeText = append(s.changeText, string(c.Kind))
		}
	}
	if len(sc.Changes) == 0 {
		s.noChanges.Show()
	} else {
		s.noChanges.Hide()
	}
	s.changes.Refresh()
	s.applyBtn.Disable()
	if len(sc.Changes) > 0 {
		s.applyBtn.Enable()
	}
}

func (s *Screen) updateChange(i int, c *fyne.Container) {
	if i < 0 || i >= len(s.changeText) {
		return
	}
	c.Objects[0].(*widget.Label).SetText(bidi.Shaped(s.changeText[i]))
	c.Objects[1].(*widget.Button).OnTapped = func() { s.removeChange(i) }
}

func (s *Screen) removeChange(i int) {
	sc := s.sc()
	if i < 0 || i >= len(sc.Changes) {
		return
	}
	sc.Changes = append(sc.Changes[:i], sc.Changes[i+1:]...)
	s.touch()
	s.refreshPicker()
	s.showScenario()
	s.outOfDate("The scenario changed since this comparison: press Compare again.")
}

// kindChanged shows the fields the chosen kind of change needs.
func (s *Screen) kindChanged() {
	k := s.selectedKind()
	need := map[app.ScenarioKind][]string{
		app.Headcount:        {"team", "fte", "date", "value"},
		app.Priority:         {"item", "value"},
		app.Target:           {"item", "date"},
		app.Commitment:       {"item", "text"},
		app.Depend:           {"item", "text", "value"},
		app.Undepend:         {"item", "text"},
		app.RiskProbability:  {"risk", "value"},
		app.ChangeRiskImpact: {"risk", "value"},
		app.StatedCost:       {"cost", "date", "text"},
		app.Defer:            {"item", "date"},
		app.Stretch:          {"item"},
		app.Cut:              {"item"},
		app.Estimate:         {"item", "percent"},
		app.CloseRisk:        {"risk"},
		app.AcceptRisk:       {"risk", "by", "date"},
		app.MoveMilestone:    {"milestone", "date"},
	}[k]
	defer s.relayout()
	for f, o := range s.fields {
		if f == "kind" {
			continue
		}
		o.Hide()
		for _, n := range need {
			if n == f {
				o.Show()
			}
		}
	}
	s.dateLabel.SetText(map[app.ScenarioKind]string{app.Headcount: "From", app.Defer: "Not before",
		app.AcceptRisk: "Signed off on", app.MoveMilestone: "New date", app.Target: "New target", app.StatedCost: "On"}[k])
	s.valueLabel.SetText(map[app.ScenarioKind]string{app.Headcount: "Ramp-up weeks", app.Priority: "Rank",
		app.Depend: "Lag (days)", app.RiskProbability: "Probability", app.ChangeRiskImpact: "Impact (days)"}[k])
	s.textLabel.SetText(map[app.ScenarioKind]string{app.Commitment: "Commitment", app.Depend: "Waits for item",
		app.Undepend: "No longer waits for", app.StatedCost: "What it is"}[k])
	s.value.SetPlaceHolder(map[app.ScenarioKind]string{app.Headcount: "0 counts them fully at once", app.Priority: "1 is first",
		app.Depend: "working days", app.RiskProbability: "0 to 1, e.g. 0.2", app.ChangeRiskImpact: "working days"}[k])
	s.text.SetPlaceHolder(map[app.ScenarioKind]string{app.Commitment: "committed, planned or stretch", app.Depend: "item id, e.g. api-bulk",
		app.Undepend: "item id", app.StatedCost: "e.g. contractor"}[k])
	s.value.SetText("")
	if k == app.Headcount {
		s.value.SetText(strconv.Itoa(s.fc.Policy().RampUpWeeks))
	}
	today := plan.Date(0)
	today = s.fc.Today()
	switch {
	case today.IsZero():
	case k == app.Headcount:
		s.date.SetText(today.MonthOf().Add(1).First().String()) // from next month
	case k == app.AcceptRisk:
		s.date.SetText(today.String())
	default:
		s.date.SetText("")
	}
	s.clearErrors()
}

func (s *Screen) selectedKind() app.ScenarioKind {
	if i := s.kind.SelectedIndex(); i >= 0 {
		return formKinds[i]
	}
	return app.Headcount
}

func (s *Screen) clearErrors() {
	for _, e := range s.errs {
		e.Hide()
	}
	s.formErr.Hide()
	s.relayout()
}

// relayout lays the form out again after a line appeared or went away.
func (s *Screen) relayout() {
	if s.left != nil {
		s.left.Refresh()
	}
}

// filterItems offers the open items whose id or title contains the search
// text; the chosen item stays chosen while it matches, and a search that
// leaves one item chooses it.
func (s *Screen) filterItems() {
	prev := pickID(s.item, s.itemIDs)
	q := strings.ToLower(strings.TrimSpace(s.itemFind.Text))
	s.itemIDs = s.itemIDs[:0]
	var opts []string
	for i, text := range s.allItems {
		if q == "" || strings.Contains(strings.ToLower(text), q) {
			s.itemIDs = append(s.itemIDs, s.allItemIDs[i])
			opts = append(opts, text)
		}
	}
	s.item.SetOptions(opts)
	switch i := slices.Index(s.itemIDs, prev); {
	case i >= 0:
		s.item.SetSelectedIndex(i)
	case len(opts) == 1:
		s.item.SetSelectedIndex(0)
	default:
		s.item.ClearSelected()
	}
}

func pickID(sel *widget.Select, ids []string) string {
	if i := sel.SelectedIndex(); i >= 0 && i < len(ids) {
		return ids[i]
	}
	return ""
}

// AddChange reads the form and adds the change to the scenario when the
// scenario with it still applies to the plan; otherwise it shows each
// problem next to its field and adds nothing.
func (s *Screen) AddChange() {
	s.clearErrors()
	if s.p == nil {
		s.showFormErr("Open a portfolio first.")
		return
	}
	c := app.ScenarioChange{Kind: s.selectedKind(), Team: pickID(s.team, s.teamIDs), Item: pickID(s.item, s.itemIDs),
		Risk: pickID(s.risk, s.riskIDs), Milestone: pickID(s.milestone, s.milestoneIDs), By: s.by.Text}
	if s.fields["text"].Visible() {
		c.Text = strings.TrimSpace(s.text.Text)
	}
	ok := true
	bad := func(field, msg string) {
		s.errs[field].SetText(msg)
		s.errs[field].Show()
		ok = false
	}
	if s.fields["date"].Visible() {
		d, err := plan.ParseDate(strings.TrimSpace(s.date.Text))
		if err != nil {
			bad("date", plan.ErrorMessage(err))
		}
		c.Date = d
	}
	if s.fields["fte"].Visible() {
		f, err := strconv.ParseFloat(strings.TrimSpace(s.fte.Text), 64)
		if err != nil {
			bad("fte", "Write the FTE as a number, for example 2 or -1.5.")
		}
		c.FTE = f
	}
	if s.fields["percent"].Visible() {
		f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s.percent.Text), "%"), 64)
		if err != nil {
			bad("percent", "Write the change in percent, for example 20 or -25.")
		}
		c.Percent = f
	}
	if s.fields["value"].Visible() && strings.TrimSpace(s.value.Text) != "" {
		f, err := strconv.ParseFloat(strings.TrimSpace(s.value.Text), 64)
		if err != nil {
			bad("value", "Write a number, for example 4 or 0.2.")
		}
		c.Value = f
	}
	if s.fields["cost"].Visible() {
		m, err := plan.ParseMoney(strings.TrimSpace(s.amount.Text), s.p.Currency)
		if err != nil {
			bad("cost", "Write the amount in "+s.p.Currency+", for example 25000 or -5000 for a saving.")
		}
		c.Cost = m
	}
	if !ok {
		s.relayout()
		return
	}
	next := &app.Scenario{Name: s.sc().Name, Changes: append(append([]app.ScenarioChange(nil), s.sc().Changes...), c)}
	if _, err := next.Apply(s.p); err != nil {
		s.showProblems(err)
		return
	}
	s.sc().Changes = next.Changes
	s.touch()
	s.refreshPicker()
	s.showScenario()
	s.outOfDate("The scenario changed since this comparison: press Compare again.")
}

// showProblems puts each problem of err next to its field, or under the form.
func (s *Screen) showProblems(err error) {
	shown := false
	for f, l := range s.errs {
		if msg := screen.Problem(err, f); msg != "" && s.fields[f].Visible() {
			l.SetText(msg)
			l.Show()
			shown = true
		}
	}
	if !shown {
		s.showFormErr(plan.ErrorMessage(err))
	}
	s.relayout()
}

func (s *Screen) showFormErr(msg string) {
	s.formErr.SetText(msg)
	s.formErr.Show()
}

// Compare forecasts the plan of record and the scenario with the same
// seed and trials, one after the other, off the UI goroutine.
func (s *Screen) Compare() {
	if s.compare.Running() || s.p == nil {
		return
	}
	p := s.p
	sc := &app.Scenario{Name: s.sc().Name, Changes: append([]app.ScenarioChange(nil), s.sc().Changes...)}
	_, err := sc.Apply(p) // said here, in the scenario's words, before anything runs
	if err != nil {
		s.setStatus("The scenario no longer applies to the plan: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	budget, err := budgetText(p, sc, s.today())
	if err != nil {
		s.setStatus(plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.setStatus("Forecasting the plan of record, then the scenario…", widget.MediumImportance)
	runs, req := s.runs, s.req
	uithread.Run(s.compare, func(ctx context.Context, progress func(done, total int)) (*app.Comparison, error) {
		return app.CompareScenario(ctx, runs, p, sc, req, progress)
	}, func(c *app.Comparison, err error) { s.compareDone(p, c, budget, err) })
}

func (s *Screen) today() plan.Date { return s.fc.Today() }

// Cancel stops a comparison in flight.
func (s *Screen) Cancel() { s.compare.Cancel() }

func (s *Screen) compareDone(p *plan.Portfolio, c *app.Comparison, budget string, err error) {
	if s.onCompared != nil {
		defer s.onCompared()
	}
	switch {
	case errors.Is(err, context.Canceled):
		s.setStatus("Cancelled.", widget.WarningImportance)
		return
	case err != nil:
		s.setStatus("The forecast could not run: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	base := c.Base
	s.cmp = buildComparison(s.fc.Policy().RAG, p, c.Plan, c.Base, c.Scenario)
	s.compared = true
	s.results.Show()
	s.progress.SetValue(1)
	s.joint.SetText(s.cmp.joint)
	s.joint.Importance = s.cmp.jointImp
	s.joint.Refresh()
	s.portfolio.SetText(s.cmp.portfolio)
	s.money.SetText(s.cmp.money)
	s.money.Importance = s.cmp.moneyImp
	s.money.Refresh()
	s.budget.SetText(bidi.Shaped(budget))
	setText(s.noItems, "")
	if len(s.cmp.items.cells) == 0 {
		rag := s.fc.Policy().RAG
		setText(s.noItems, fmt.Sprintf("No commitment changes status (on track at %s or more, at risk at %s or more, off track below).", figure.Percent(rag.Green), figure.Percent(rag.Amber)))
	}
	setText(s.noTeams, "")
	if len(s.cmp.teams.cells) == 0 {
		setText(s.noTeams, "No team quarter's chance of over-commitment moves by a point or more.")
	}
	s.fitTables()
	s.setStatus(fmt.Sprintf("“%s” compared with the plan of record: %s trials each, seed %d, as of %s.",
		bidi.Isolate(strings.TrimSpace(s.sc().Name)), figure.Number(float64(base.Trials), 0), base.Seed, figure.Date(base.AsOf)), widget.MediumImportance)
}

func setText(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// setStatus says msg in the status line, in display order for Fyne
// (bidi.Shaped; a name that leads msg should be bidi.Isolate'd).
func (s *Screen) setStatus(msg string, imp widget.Importance) {
	s.status.Importance = imp
	s.status.SetText(bidi.Shaped(msg))
}

func (s *Screen) outOfDate(msg string) {
	if s.compared {
		s.setStatus(msg, widget.WarningImportance)
	}
}

func (s *Screen) clearResults() {
	s.cmp = emptyComparison()
	s.compared = false
	s.results.Hide()
	for _, l := range []*widget.Label{s.joint, s.portfolio, s.budget} {
		l.SetText("")
	}
	setText(s.noItems, "")
	setText(s.noTeams, "")
	s.fitTables()
	s.progress.SetValue(0)
}

func (s *Screen) fitTables() {
	for i, g := range []*table{&s.cmp.milestones, &s.cmp.items, &s.cmp.teams} {
		t := []*grid.Grid{s.milestones, s.items, s.teams}[i]
		t.SetRows(g.cells, g.imp)
		if len(g.cells) == 0 {
			t.Hide() // a header over nothing reads as broken
		} else {
			t.Show()
		}
	}
}

// AskPromote (Promote…) shows what promoting the current scenario would change, with
// the button that does it.
func (s *Screen) AskPromote() {
	sc := s.sc()
	if len(sc.Changes) == 0 || s.p == nil {
		return
	}
	cp := &app.Scenario{Name: sc.Name, Changes: sc.Changes}
	if _, err := cp.Apply(s.p); err != nil {
		s.setStatus("The scenario no longer applies to the plan: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	lines := []string{fmt.Sprintf("Promoting “%s” changes the plan of record:", bidi.Isolate(strings.TrimSpace(sc.Name)))}
	for _, c := range sc.Changes {
		lines = append(lines, "• "+c.Describe(s.p))
	}
	if sc.ID != "" {
		lines = append(lines, "The saved scenario becomes the plan and leaves the list. One edit: Edit › Undo reverts it.")
	} else {
		lines = append(lines, "One edit: Edit › Undo reverts it.")
	}
	s.confirmText.SetText(bidi.Shaped(strings.Join(lines, "\n"))) // led by English: the lines stay in order
	s.confirm.Show()
}

// ApplyToPlan writes the scenario's changes into the plan of record in one
// edit (one entry in Undo): a saved scenario is promoted (app.PromoteScenario,
// which retires it), a draft applied.
func (s *Screen) ApplyToPlan() {
	s.confirm.Hide()
	sc := s.sc()
	if len(sc.Changes) == 0 {
		return
	}
	if sc.ID != "" && !s.dirty[sc] {
		name, n := strings.TrimSpace(sc.Name), len(sc.Changes)
		if err := app.PromoteScenario(context.Background(), editor{s.ed}, sc.ID); err != nil {
			s.setStatus("Nothing was written: "+plan.ErrorMessage(err), widget.DangerImportance)
			return
		}
		s.setStatus(fmt.Sprintf("Promoted “%s” to the plan of record (%d changes). Edit › Undo reverts it.", name, n), widget.SuccessImportance)
		return
	}
	cp := &app.Scenario{Name: sc.Name, Changes: append([]app.ScenarioChange(nil), sc.Changes...)}
	if err := s.ed.Edit(cp.Action(), cp.ApplyTo); err != nil {
		s.setStatus("Nothing was written: "+plan.ErrorMessage(err), widget.DangerImportance)
		return
	}
	s.setStatus(fmt.Sprintf("Applied “%s” to the plan of record (%d changes). Edit › Undo reverts it.", strings.TrimSpace(sc.Name), len(sc.Changes)), widget.SuccessImportance)
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them): its key column
// headers and the lines that matter.
func KeyTexts() []string {
	return []string{"Compare with the plan"}
}

// ComparisonKeyTexts are the key texts once a scenario is compared.
func ComparisonKeyTexts() []string {
	return []string{"Milestone", "P85 scenario", "Chance plan", "Chance scenario"}
}
