package risks

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
)

// riskForm is the side form's widgets and the state it edits.
type riskForm struct {
	title                *widget.Label
	measured             *widget.Label // what the forecast measured, the register's columns in words
	name, prob, days     *field.Entry
	cost, owner          *field.Entry
	costLabel            *widget.Label // names the currency
	mitigation           *field.Entry
	category, status     *widget.Select
	signOff              *widget.Label
	items                *widget.List
	itemFilter           *widget.Entry
	itemCount            *widget.Label
	errs                 map[string]*widget.Label // by plan field name
	general              *widget.Label
	save, revert, accept *widget.Button
	add, remove          *widget.Button
	checked              map[string]bool // affected items, as ticked in the form
	itemView             []int           // indexes of the items the filter shows
	filling              bool            // set while fill writes the widgets (no dialogs from it)
	storedStatus         string          // the selected risk's status in the file
	signedBy             string          // and its sign-off
	signedOn             plan.Date
}

// Form fields, by the plan.Problem field that validation reports.
const (
	fTitle    = "title"
	fCategory = "category"
	fProb     = "probability"
	fDays     = "impact_days"
	fItems    = "items"
	fCost     = "cost_impact"
	fStatus   = "status"
	fSignOff  = "signed_off_by"
)

func (s *Screen) buildForm() {
	f := &s.form
	f.title = widget.NewLabelWithStyle("No risk selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.title.SizeName = theme.SizeNameSubHeadingText
	f.title.Truncation = fyne.TextTruncateEllipsis
	f.measured = widget.NewLabel("")
	f.measured.Wrapping = fyne.TextWrapWord
	f.measured.SizeName = theme.SizeNameCaptionText
	f.measured.Hide()
	f.name = field.NewEntry(s.fill)
	f.prob = field.NewEntry(s.fill)
	f.days = field.NewEntry(s.fill)
	f.cost = field.NewEntry(s.fill)
	f.owner = field.NewEntry(s.fill)
	f.mitigation = field.NewEntry(s.fill)
	f.mitigation.MultiLine = true
	f.mitigation.Wrapping = fyne.TextWrapWord
	f.mitigation.SetMinRowsVisible(3)
	f.costLabel = field.Bold("Cost impact")
	f.category = widget.NewSelect(labels(categories), nil)
	f.status = widget.NewSelect(labels(statuses), func(string) { s.statusChanged() })
	f.signOff = widget.NewLabel("")
	f.signOff.Wrapping = fyne.TextWrapWord
	f.errs = map[string]*widget.Label{}
	for _, k := range []string{fTitle, fCategory, fProb, fDays, fItems, fCost, fStatus, fSignOff} {
		f.errs[k] = field.ErrorLabel()
	}
	f.general = field.ErrorLabel()
	f.checked = map[string]bool{}
	f.itemFilter = widget.NewEntry()
	f.itemFilter.SetPlaceHolder("Find items by id or title")
	f.itemFilter.OnChanged = func(string) { s.filterItems() }
	f.itemCount = field.Bold("Affected items")
	f.items = widget.NewList(
		func() int { return len(f.itemView) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewCheck("", nil), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { s.updateItem(id, o.(*fyne.Container)) },
	)
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.save() })
	f.save.Importance = widget.HighImportance
	f.revert = widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), func() { s.fill() })
	f.accept = widget.NewButtonWithIcon("Accept risk…", theme.ConfirmIcon(), func() { s.acceptTapped() })
	f.add = widget.NewButtonWithIcon("Add risk", theme.ContentAddIcon(), func() { s.addRisk() })
	f.remove = widget.NewButtonWithIcon("Delete risk…", theme.DeleteIcon(), func() { s.confirmDelete() })
	for _, e := range []*field.Entry{f.name, f.prob, f.days, f.cost, f.owner} {
		e.OnSubmitted = func(string) { s.save() }
	}
}

func (s *Screen) formObject() fyne.CanvasObject {
	f := &s.form
	labelled := func(label fyne.CanvasObject, e fyne.CanvasObject, key string) fyne.CanvasObject {
		return container.NewVBox(label, e, f.errs[key])
	}
	tall := canvas.NewRectangle(color.Transparent)
	tall.SetMinSize(fyne.NewSize(0, 160))
	items := container.NewVBox(
		f.itemCount,
		f.itemFilter,
		container.NewStack(tall, f.items),
		f.errs[fItems],
	)
	return container.NewVBox(
		f.title, f.measured,
		labelled(field.Bold("Title"), f.name, fTitle),
		container.NewGridWithColumns(2,
			labelled(field.Bold("Category"), f.category, fCategory),
			labelled(field.Bold("Status"), f.status, fStatus)),
		container.NewGridWithColumns(2,
			labelled(field.Bold("Probability %"), f.prob, fProb),
			labelled(field.Bold("Impact (working days)"), f.days, fDays)),
		labelled(f.costLabel, f.cost, fCost),
		container.NewVBox(field.Bold("Owner"), f.owner),
		items,
		container.NewVBox(field.Bold("Mitigation / rationale"), f.mitigation),
		f.signOff, f.errs[fSignOff],
		f.general,
		container.NewHBox(f.save, f.revert, f.accept),
		widget.NewSeparator(),
		container.NewHBox(f.add, f.remove),
	)
}

func (s *Screen) updateItem(id widget.ListItemID, row *fyne.Container) {
	f := &s.form
	it := &s.p.Items[f.itemView[id]]
	var c *widget.Check
	for _, o := range row.Objects {
		switch w := o.(type) {
		case *widget.Check:
			c = w
		case *widget.Label:
			w.SetText(bidi.Shaped(it.ID + " — " + it.Title))
		}
	}
	c.OnChanged = nil
	c.SetChecked(f.checked[it.ID])
	itemID := it.ID
	c.OnChanged = func(on bool) { s.toggleItem(itemID, on) }
}

func (s *Screen) toggleItem(id string, on bool) {
	if on {
		s.form.checked[id] = true
	} else {
		delete(s.form.checked, id)
	}
	s.countItems()
}

func (s *Screen) countItems() {
	s.form.itemCount.SetText(fmt.Sprintf("Affected items (%d selected)", len(s.form.checked)))
}

// filterItems shows the items whose id or title contains the filter text;
// ticked items always stay in view, listed first, so the items a risk
// affects are the ones seen when it is opened.
func (s *Screen) filterItems() {
	f := &s.form
	q := strings.ToLower(strings.TrimSpace(f.itemFilter.Text))
	f.itemView = f.itemView[:0]
	if s.p == nil {
		f.items.Refresh()
		return
	}
	for i := range s.p.Items {
		if f.checked[s.p.Items[i].ID] {
			f.itemView = append(f.itemView, i)
		}
	}
	for i := range s.p.Items {
		it := &s.p.Items[i]
		if !f.checked[it.ID] && (q == "" || strings.Contains(strings.ToLower(it.ID+" "+it.Title), q)) {
			f.itemView = append(f.itemView, i)
		}
	}
	f.items.Refresh()
	f.items.ScrollToTop()
}

// fill loads the selected risk into the form.
func (s *Screen) fill() {
	f := &s.form
	f.filling = true
	defer func() { f.filling = false }()
	s.clearErrors()
	r := s.p.Risk(s.selected)
	for _, w := range []fyne.Disableable{f.save, f.revert, f.accept, f.remove} {
		if r == nil {
			w.Disable()
		} else {
			w.Enable()
		}
	}
	f.checked = map[string]bool{}
	if r == nil {
		f.title.SetText("No risk selected")
		s.showMeasured()
		for _, e := range []*field.Entry{f.name, f.prob, f.days, f.cost, f.owner, f.mitigation} {
			e.SetText("")
		}
		f.category.ClearSelected()
		f.status.ClearSelected()
		f.signOff.SetText("")
		f.storedStatus, f.signedBy, f.signedOn = "", "", 0
		s.countItems()
		s.filterItems()
		return
	}
	f.title.SetText(bidi.Shaped(r.Title))
	s.showMeasured()
	f.name.SetText(r.Title)
	f.prob.SetText(strconv.FormatFloat(r.Probability*100, 'f', -1, 32))
	f.days.SetText(strconv.FormatFloat(r.ImpactDays, 'f', -1, 64))
	f.cost.SetText(plan.Group(r.CostImpact.Decimal()))
	if r.CostImpact.IsZero() {
		f.cost.SetText("")
	}
	f.owner.SetText(r.Owner)
	f.mitigation.SetText(r.Mitigation)
	f.category.SetSelected(labelOf(categories, r.Category))
	f.status.SetSelected(labelOf(statuses, r.Status))
	f.storedStatus, f.signedBy, f.signedOn = r.Status, r.SignedOffBy, r.SignedOffOn
	s.showSignOff()
	for _, id := range r.Items {
		f.checked[id] = true
	}
	s.countItems()
	s.filterItems()
	if r.Status == plan.RiskAccepted {
		f.accept.SetText("Change sign-off…")
	} else {
		f.accept.SetText("Accept risk…")
	}
}

func (s *Screen) showSignOff() {
	f := &s.form
	switch {
	case f.signedBy != "":
		f.signOff.SetText(bidi.Shaped(fmt.Sprintf("Accepted: signed off by %s on %s.", bidi.Isolate(f.signedBy), figure.Date(f.signedOn))))
	case f.storedStatus == plan.RiskAccepted:
		f.signOff.SetText("Accepted, but nobody's sign-off is recorded.")
	default:
		f.signOff.SetText("Not accepted. Accepting asks who signed it off.")
	}
}

// riskInput is what the form holds, parsed.
type riskInput struct {
	title, category, status, owner, mitigation string
	prob, days                                 float64
	cost                                       plan.Money
	items                                      []string
}

// read parses the form; errors are *plan.Error problems on its fields.
func (s *Screen) read() (riskInput, error) {
	f := &s.form
	in := riskInput{
		title:      strings.TrimSpace(f.name.Text),
		category:   valueOf(categories, f.category.Selected),
		status:     valueOf(statuses, f.status.Selected),
		owner:      strings.TrimSpace(f.owner.Text),
		mitigation: strings.TrimSpace(f.mitigation.Text),
	}
	var probs []plan.Problem
	bad := func(field, msg string) {
		probs = append(probs, plan.Problem{Entity: "risk", ID: s.selected, Field: field, Message: msg})
	}
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(f.prob.Text), "%"), 64)
	if err != nil {
		bad(fProb, "Probability must be a percentage, such as 40.")
	}
	in.prob = v / 100
	if t := strings.TrimSpace(f.days.Text); t != "" {
		if in.days, err = strconv.ParseFloat(t, 64); err != nil {
			bad(fDays, "Impact must be a number of working days, such as 10.")
		}
	}
	if in.cost, err = parseMoney(f.cost.Text, s.p.Currency); err != nil {
		bad(fCost, plan.ErrorMessage(err))
	}
	for i := range s.p.Items { // portfolio order, so the stored list is stable
		if f.checked[s.p.Items[i].ID] {
			in.items = append(in.items, s.p.Items[i].ID)
		}
	}
	if len(probs) > 0 {
		return in, &plan.Error{Code: plan.EINVALID, Message: "Some fields need correcting.", Problems: probs}
	}
	return in, nil
}

// parseMoney reads an amount typed by a person: thousands separators,
// spaces and a leading currency code are allowed; empty is zero.
func parseMoney(s, currency string) (plan.Money, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(s, currency))
	s = strings.NewReplacer(",", "", " ", "", "\u00a0", "", "\u202f", "", "'", "").Replace(s)
	if s == "" {
		return plan.Money{Currency: currency}, nil
	}
	return plan.ParseMoney(s, currency)
}

// apply writes the form's values into r.
func (in riskInput) apply(r *plan.Risk) {
	r.Title, r.Category, r.Status, r.Owner, r.Mitigation = in.title, in.category, in.status, in.owner, in.mitigation
	r.Probability, r.ImpactDays, r.CostImpact, r.Items = in.prob, in.days, in.cost, in.items
}

// save applies the form to the selected risk. Choosing "accepted" goes
// through the sign-off dialog instead; leaving "accepted" clears the sign-off.
func (s *Screen) save() {
	f := &s.form
	id := s.selected
	if id == "" {
		return
	}
	in, err := s.read()
	if err != nil {
		s.showErrors(err)
		return
	}
	if in.status == plan.RiskAccepted && f.storedStatus != plan.RiskAccepted {
		s.askSignOff()
		return
	}
	err = s.ed.Edit("edit risk "+in.title, func(p *plan.Portfolio) error {
		r := p.Risk(id)
		if r == nil {
			return plan.Errorf(plan.ENOTFOUND, "The risk was deleted meanwhile.")
		}
		in.apply(r)
		if r.Status != plan.RiskAccepted {
			r.SignedOffBy, r.SignedOffOn = "", 0
		}
		return nil
	})
	s.showErrors(err)
}

// statusChanged opens the sign-off dialog when the user picks "Accepted".
func (s *Screen) statusChanged() {
	f := &s.form
	if f.filling || s.selected == "" {
		return
	}
	if valueOf(statuses, f.status.Selected) == plan.RiskAccepted && f.storedStatus != plan.RiskAccepted {
		s.askSignOff()
	}
}

func (s *Screen) acceptTapped() {
	if s.selected == "" {
		return
	}
	s.askSignOff()
}

// askSignOff asks who signed the acceptance off and when (both required).
func (s *Screen) askSignOff() {
	f := &s.form
	if s.signDialog != nil {
		return
	}
	s.setStatus(plan.RiskAccepted)
	s.signName = widget.NewEntry()
	s.signName.SetText(f.signedBy)
	s.signName.SetPlaceHolder("e.g. Dana Whitfield, CFO")
	s.signName.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("who signed it off is required")
		}
		return nil
	}
	s.signDate = widget.NewEntry()
	on := f.signedOn
	if on.IsZero() {
		on = s.clock.Today()
	}
	s.signDate.SetText(on.String())
	s.signDate.Validator = func(v string) error {
		d, err := plan.ParseDate(strings.TrimSpace(v))
		if err != nil || d.IsZero() {
			return fmt.Errorf("write the date as YYYY-MM-DD")
		}
		return nil
	}
	title := "this risk"
	if r := s.p.Risk(s.selected); r != nil {
		title = "“" + bidi.Isolate(r.Title) + "”"
	}
	intro := widget.NewLabel(bidi.Shaped("Accepting " + title + " records who signed off on living with it, and when. The board pack lists the sign-off."))
	intro.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Accept risk", "Accept", "Cancel", []*widget.FormItem{
		{Widget: intro},
		{Text: "Signed off by", Widget: s.signName, HintText: "Name and role of who accepted the risk"},
		{Text: "Signed off on", Widget: s.signDate, HintText: "YYYY-MM-DD"},
	}, func(ok bool) { s.signOffAnswered(ok) }, s.dl.Window())
	d.Resize(fyne.NewSize(520, 320))
	s.signDialog = d
	d.Show()
	s.dl.Window().Canvas().Focus(s.signName)
}

// signOffAnswered applies the acceptance, or on cancel puts the status back.
func (s *Screen) signOffAnswered(ok bool) {
	name, date := strings.TrimSpace(s.signName.Text), strings.TrimSpace(s.signDate.Text)
	s.signDialog, s.signName, s.signDate = nil, nil, nil
	if !ok {
		s.setStatus(s.form.storedStatus)
		return
	}
	s.accept(name, date)
}

// accept applies the form with status accepted and the sign-off, in one edit.
func (s *Screen) accept(by, date string) {
	id := s.selected
	in, err := s.read()
	if err != nil {
		s.setStatus(s.form.storedStatus)
		s.showErrors(err)
		return
	}
	on, err := plan.ParseDate(date)
	if err != nil {
		s.setStatus(s.form.storedStatus)
		s.showErrors(err)
		return
	}
	in.status = plan.RiskAccepted
	err = s.ed.Edit(fmt.Sprintf("accept risk %s (signed off by %s)", in.title, by), func(p *plan.Portfolio) error {
		r := p.Risk(id)
		if r == nil {
			return plan.Errorf(plan.ENOTFOUND, "The risk was deleted meanwhile.")
		}
		in.apply(r)
		r.SignedOffBy, r.SignedOffOn = by, on
		return nil
	})
	if err != nil {
		s.setStatus(s.form.storedStatus)
	}
	s.showErrors(err)
}

// setStatus sets the status menu without reacting to it.
func (s *Screen) setStatus(v string) {
	f := &s.form
	f.filling = true
	f.status.SetSelected(labelOf(statuses, v))
	f.filling = false
}

// addRisk adds an open risk and selects it.
func (s *Screen) addRisk() {
	if s.p == nil {
		return
	}
	var id string
	err := s.ed.Edit("add risk", func(p *plan.Portfolio) error {
		id = plan.NewID("risk", func(x string) bool { return p.Risk(x) != nil })
		p.Risks = append(p.Risks, plan.Risk{ID: id, Title: "New risk", Category: plan.RiskDelivery, Probability: 0.3,
			Status: plan.RiskOpen, CostImpact: plan.Money{Currency: p.Currency}})
		return nil
	})
	if err != nil {
		s.showErrors(err)
		return
	}
	s.filter = nil
	s.setFilter(nil)
	s.selected = id
	s.fill()
	s.markSelection()
	if s.dl.Window() != nil {
		s.dl.Window().Canvas().Focus(s.form.name)
	}
}

func (s *Screen) confirmDelete() {
	r := s.p.Risk(s.selected)
	if r == nil {
		return
	}
	d := dialog.NewConfirm("Delete risk", bidi.Shaped(fmt.Sprintf("Delete the risk %q? Undo brings it back.", r.Title)),
		func(ok bool) {
			if ok {
				s.deleteSelected()
			}
		}, s.dl.Window())
	d.SetConfirmText("Delete")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

func (s *Screen) deleteSelected() {
	id := s.selected
	r := s.p.Risk(id)
	if r == nil {
		return
	}
	err := s.ed.Edit("delete risk "+r.Title, func(p *plan.Portfolio) error { return p.RemoveRisk(id) })
	s.showErrors(err)
}

// showMeasured says under the form's title what the forecast measured for
// the selected risk: the register's points lost, portfolio P85 and most
// delayed milestone, whichever columns the window's width left out too.
func (s *Screen) showMeasured() {
	l := s.form.measured
	var r *row
	for i := range s.all {
		if s.all[i].id == s.selected {
			r = &s.all[i]
		}
	}
	if r == nil || r.cells[cLost] == "" || r.cells[cLost] == "–" {
		l.SetText("")
		l.Hide()
		return
	}
	parts := []string{cols[cLost].Title + ": " + r.cells[cLost]}
	for _, c := range []int{cP85, cWorst} {
		if r.cells[c] != "" {
			parts = append(parts, cols[c].Title+": "+r.cells[c])
		}
	}
	l.SetText(bidi.Shaped(strings.Join(parts, "; ") + "."))
	l.Show()
}
