package roadmap

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
)

// Status and commitment choices in the form, in the order shown.
var (
	statuses    = []string{plan.NotStarted, plan.InProgress, plan.Done, plan.Cancelled}
	commitments = []string{plan.Committed, plan.Planned, plan.Stretch}
)

const noProduct = "(no product)"

// form edits the selected item. Its widgets hold the edit until Save
// applies it in one env.Edit; Revert refills it from the portfolio.
type form struct {
	s *Screen

	heading            *widget.Label
	closeBtn           *widget.Button
	sampled            *widget.Label // the effort the forecast samples
	title              *field.Entry
	team, product      *widget.Select
	low, likely, high  *field.Entry
	rank, remaining    *field.Entry
	status, commitment *widget.Select
	snet, target       *field.Entry
	// started and finished are the actual dates: filled in by a status
	// change (today), editable; loadedStarted/loadedFinished are what the
	// item held when it was shown, so an untouched box follows the status.
	started, finished             *field.Entry
	loadedStarted, loadedFinished plan.Date
	increment, tags, notes        *field.Entry
	deps                          []plan.Dependency
	depBox                        *fyne.Container // one row per dependency, with its Remove button
	depFind                       *widget.Entry   // filters the items offered to wait for
	depPick                       *fyne.Container // the first depOffer items offered, one tappable line each
	depMore                       *widget.Label   // how many more match ("type more to narrow them")
	depPickIDs                    []string        // ids offered (all that match), in order
	depPickText                   []string        // their "id — title" labels
	save, revert, del, up, dn     *widget.Button

	// errs holds the error label under each field, by the field's name in plan.Problem.
	errs    map[string]*widget.Label
	general *widget.Label
	body    *fyne.Container
	empty   *widget.Label
	root    fyne.CanvasObject
}

func newForm(s *Screen) *form {
	f := &form{s: s, errs: map[string]*widget.Label{}}
	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.Wrapping = fyne.TextWrapWord
	f.closeBtn = widget.NewButtonWithIcon("", theme.CancelIcon(), func() { s.closeForm() })
	f.closeBtn.Importance = widget.LowImportance
	f.sampled = field.Caption("")
	f.title = f.newEntry()
	f.team = widget.NewSelect(nil, nil)
	f.product = widget.NewSelect(nil, nil)
	f.low, f.likely, f.high = f.newEntry(), f.newEntry(), f.newEntry()
	f.low.SetPlaceHolder("low")
	f.likely.SetPlaceHolder("likely")
	f.high.SetPlaceHolder("high")
	f.rank = f.newEntry()
	f.remaining = f.newEntry()
	f.remaining.SetPlaceHolder("whole estimate")
	f.status = widget.NewSelect(labels(statuses), nil)
	f.commitment = widget.NewSelect(commitments, nil)
	f.snet = f.newEntry()
	f.snet.SetPlaceHolder("YYYY-MM-DD (none)")
	f.target = f.newEntry()
	f.target.SetPlaceHolder("YYYY-MM-DD (none)")
	f.started = f.newEntry()
	f.started.SetPlaceHolder("set when it starts")
	f.finished = f.newEntry()
	f.finished.SetPlaceHolder("set when it is done")
	f.increment = f.newEntry()
	f.increment.SetPlaceHolder("e.g. PI 3 or 2027-Q1")
	f.tags = f.newEntry()
	f.tags.SetPlaceHolder("e.g. compliance, feature") // a longer placeholder widened the form past its pane at 1024 px
	f.notes = f.newEntry()
	f.notes.MultiLine = true
	f.notes.OnSubmitted = nil
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(4)

	f.depBox = container.NewVBox()
	f.depFind = widget.NewEntry()
	f.depFind.SetPlaceHolder("Find an item it waits for")
	f.depFind.OnChanged = func(string) { f.refreshDepPick(f.s.selected) }
	// A few lines, not a scrolling list: a list scrolling inside the
	// form's scroll ran on below the form (the software painter, which
	// draws the screenshots, does not clip a scroll inside a scroll), and
	// the form ended in a list of every item at all times.
	f.depPick = container.NewVBox()
	for i := 0; i < depOffer; i++ {
		f.depPick.Add(newOffer(func() { f.addDep(i) }))
	}
	f.depMore = widget.NewLabel("")
	f.depMore.Wrapping = fyne.TextWrapWord
	f.depMore.SizeName = theme.SizeNameCaptionText

	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.save() })
	f.save.Importance = widget.HighImportance
	f.revert = widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), func() { s.revert() })
	f.del = widget.NewButtonWithIcon("Delete item…", theme.DeleteIcon(), func() { s.confirmDelete() })
	f.del.Importance = widget.DangerImportance
	// Arrows only: with "Move up"/"Move down" written out the form was so
	// wide that selecting an item widened the whole window.
	f.up = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { s.move(-1) })
	f.dn = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { s.move(+1) })

	for _, k := range []string{"title", "team", "product", "estimate", "estimate.low", "estimate.likely", "estimate.high",
		"rank", "status", "remaining_days", "start_no_earlier_than", "target", "started_on", "finished_on", "commitment", "increment", "tags", "depends_on", "notes"} {
		l := widget.NewLabel("")
		l.Importance = widget.DangerImportance
		l.Wrapping = fyne.TextWrapWord
		l.Hide()
		f.errs[k] = l
	}
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()

	field := func(entry fyne.CanvasObject, keys ...string) fyne.CanvasObject {
		objs := []fyne.CanvasObject{entry}
		for _, k := range keys {
			objs = append(objs, f.errs[k])
		}
		return container.NewVBox(objs...)
	}
	// The three boxes share what width there is (they hold a few digits):
	// at their own minimum they made the form wider than its pane at 1024
	// px, and the window's edge cut the third.
	estimate := container.NewVBox(container.New(narrow(3*64), container.NewGridWithColumns(3, f.low, f.likely, f.high)),
		f.errs["estimate.low"], f.errs["estimate.likely"], f.errs["estimate.high"], f.errs["estimate"])
	rank := container.NewBorder(nil, nil, nil, container.NewHBox(f.up, f.dn), f.rank)
	deps := container.NewVBox(
		f.depBox,
		f.depFind,
		f.depPick,
		f.depMore,
		f.errs["depends_on"],
	)
	grid := container.New(layout.NewFormLayout(),
		label("Title"), field(f.title, "title"),
		label("Team"), field(f.team, "team"),
		label("Product"), field(f.product, "product"),
		label("Estimate (days)"), estimate,
		label("Priority rank"), field(rank, "rank"),
		label("Status"), field(f.status, "status"),
		label("Remaining (days)"), field(f.remaining, "remaining_days"),
		label("Forecast uses"), f.sampled,
		label("Not before"), field(f.snet, "start_no_earlier_than"),
		label("Target"), field(f.target, "target"),
		label("Started on"), field(f.started, "started_on"),
		label("Finished on"), field(f.finished, "finished_on"),
		label("Commitment"), field(f.commitment, "commitment"),
		label("Increment"), field(f.increment, "increment"),
		label("Tags"), field(f.tags, "tags"),
		label("Depends on"), deps,
		label("Notes"), field(f.notes, "notes"),
	)
	buttons := container.NewHBox(f.save, f.revert, layout.NewSpacer(), f.del)
	f.body = container.NewVBox(container.NewBorder(nil, nil, nil, f.closeBtn, f.heading), grid, f.general, buttons)
	f.empty = widget.NewLabel("Select an item in the table or the timeline to edit it, or add one.")
	f.empty.Wrapping = fyne.TextWrapWord
	f.root = container.NewVScroll(container.NewStack(f.body, f.empty))
	f.body.Hide()
	return f
}

func label(s string) *widget.Label { return widget.NewLabel(s) }

// newEntry returns a form field: Enter saves the form, Escape reverts it.
func (f *form) newEntry() *field.Entry {
	e := field.NewEntry(func() { f.s.revert() })
	e.OnSubmitted = func(string) { f.s.save() }
	return e
}

// Object is the form's content.
func (f *form) Object() fyne.CanvasObject { return f.root }

// fill shows item it (nil clears the form) and clears every error.
func (f *form) fill(it *plan.Item) {
	f.clearErrors()
	if it == nil {
		f.body.Hide()
		f.empty.Show()
		return
	}
	p := f.s.p
	f.empty.Hide()
	f.body.Show()
	f.heading.SetText(bidi.Shaped(it.ID + " · " + it.Title))
	f.sampled.SetText(sampledText(it))
	f.title.SetText(it.Title)

	var teams []string
	for _, id := range f.s.teamIDs {
		teams = append(teams, teamName(p, id))
	}
	f.team.SetOptions(teams)
	f.team.SetSelectedIndex(slices.Index(f.s.teamIDs, it.TeamID))

	products := []string{noProduct}
	for _, pr := range p.Products {
		products = append(products, pr.Name)
	}
	f.product.SetOptions(products)
	f.product.SetSelectedIndex(slices.Index(f.s.productIDs, it.ProductID) + 1)

	f.low.SetText(num(it.Estimate.Low))
	f.likely.SetText(num(it.Estimate.Likely))
	f.high.SetText(num(it.Estimate.High))
	f.rank.SetText(strconv.Itoa(it.Rank))
	f.status.SetSelectedIndex(slices.Index(statuses, it.Status))
	if it.Remaining != nil {
		f.remaining.SetText(num(*it.Remaining))
	} else {
		f.remaining.SetText("")
	}
	f.snet.SetText(it.StartNoEarlierThan.String())
	f.target.SetText(it.Target.String())
	f.loadedStarted, f.loadedFinished = it.StartedOn, it.FinishedOn
	f.started.SetText(it.StartedOn.String())
	f.finished.SetText(it.FinishedOn.String())
	f.commitment.SetSelectedIndex(slices.Index(commitments, it.Commitment))
	f.increment.SetText(it.Increment)
	f.tags.SetText(strings.Join(it.Tags, ", "))
	f.notes.SetText(it.Notes)
	f.deps = slices.Clone(it.DependsOn)
	if f.depFind.Text != "" {
		f.depFind.SetText("") // its OnChanged refreshes the offer; refreshDeps does it again, cheaply
	}
	f.refreshDeps()
}

// refreshDepPick offers every other item that is not yet a dependency and
// matches the search text; tapping one adds it.
func (f *form) refreshDepPick(self string) {
	p := f.s.p
	q := strings.ToLower(strings.TrimSpace(f.depFind.Text))
	f.depPickIDs, f.depPickText = f.depPickIDs[:0], f.depPickText[:0]
	for i := range p.Items {
		it := &p.Items[i]
		if it.ID == self || slices.ContainsFunc(f.deps, func(d plan.Dependency) bool { return d.ItemID == it.ID }) {
			continue
		}
		text := it.ID + " — " + it.Title
		if q != "" && !strings.Contains(strings.ToLower(text), q) {
			continue
		}
		f.depPickIDs = append(f.depPickIDs, it.ID)
		f.depPickText = append(f.depPickText, text)
	}
	for i, o := range f.depPick.Objects {
		o := o.(*offer)
		if i < len(f.depPickText) {
			o.label.SetText(bidi.Shaped(f.depPickText[i]))
			o.Show()
		} else {
			o.Hide()
		}
	}
	switch n := len(f.depPickIDs) - depOffer; {
	case len(f.depPickIDs) == 0 && q != "":
		f.depMore.SetText(bidi.Shaped("No other item matches “" + bidi.Isolate(strings.TrimSpace(f.depFind.Text)) + "”."))
	case n > 0:
		f.depMore.SetText(fmt.Sprintf("…and %d more: type more of an id or title to narrow them.", n))
	default:
		f.depMore.SetText("")
	}
	if f.depMore.Text == "" {
		f.depMore.Hide()
	} else {
		f.depMore.Show()
	}
	f.depPick.Refresh()
}

// depOffer is how many matching items the form offers to wait for at once.
const depOffer = 5

// offer is one item offered as a dependency: its "id — title" on one line
// (shortened to the form's width), added when tapped.
type offer struct {
	widget.BaseWidget
	label *widget.Label
	onTap func()
}

func newOffer(onTap func()) *offer {
	o := &offer{label: widget.NewLabel(""), onTap: onTap}
	o.label.Truncation = fyne.TextTruncateEllipsis
	o.ExtendBaseWidget(o)
	return o
}

func (o *offer) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(o.label) }

// Tapped adds the item.
func (o *offer) Tapped(*fyne.PointEvent) { o.onTap() }

// Cursor is a pointer: the line is a button.
func (o *offer) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (f *form) depText(i int) string {
	d := f.deps[i]
	s := d.ItemID
	if it := f.s.p.Item(d.ItemID); it != nil {
		s += " — " + bidi.Isolate(it.Title) // for the label only: bidi.Shaped
	}
	if d.LagDays > 0 {
		s += fmt.Sprintf(" (+%d days lag)", d.LagDays)
	}
	return s
}

// addDep adds the i-th offered item as a dependency (saved with the form).
func (f *form) addDep(i int) {
	if i < 0 || i >= len(f.depPickIDs) {
		return
	}
	f.deps = append(f.deps, plan.Dependency{ItemID: f.depPickIDs[i]})
	f.setError("depends_on", "")
	f.refreshDeps()
}

func (f *form) removeDep(i int) {
	f.deps = slices.Delete(f.deps, i, i+1)
	f.setError("depends_on", "")
	f.refreshDeps()
}

// refreshDeps rebuilds the dependency rows (a handful) and the choices to add.
func (f *form) refreshDeps() {
	rows := make([]fyne.CanvasObject, 0, len(f.deps)+1)
	if len(f.deps) == 0 {
		// Wrapped: on one line it made the form wider than its pane at 1024 px.
		none := widget.NewLabel("None: it can start when its team is free.")
		none.Wrapping = fyne.TextWrapWord
		rows = append(rows, none)
	}
	for i := range f.deps {
		l := widget.NewLabel(bidi.Shaped(f.depText(i)))
		l.Truncation = fyne.TextTruncateEllipsis
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { f.removeDep(i) })
		rows = append(rows, container.NewBorder(nil, nil, nil, rm, l))
	}
	f.depBox.Objects = rows
	f.depBox.Refresh()
	f.refreshDepPick(f.s.selected)
}

// values is what the form says the item should be.
type values struct {
	title, team, product, status, commitment, increment, notes string
	est                                                        plan.Estimate
	rank                                                       int
	remaining                                                  *float64
	snet, target                                               plan.Date
	// started and finished are the actual dates typed, set when the box
	// was changed from what the item held (startedSet, finishedSet).
	started, finished       plan.Date
	startedSet, finishedSet bool
	tags                    []string
	deps                    []plan.Dependency
}

// read parses the widgets; bad input is reported by field in words.
func (f *form) read() (values, map[string]string) {
	bad := map[string]string{}
	v := values{title: strings.TrimSpace(f.title.Text), increment: strings.TrimSpace(f.increment.Text), notes: f.notes.Text,
		deps: slices.Clone(f.deps)}
	if i := f.team.SelectedIndex(); i >= 0 {
		v.team = f.s.teamIDs[i]
	}
	if i := f.product.SelectedIndex(); i > 0 {
		v.product = f.s.productIDs[i-1]
	}
	if i := f.status.SelectedIndex(); i >= 0 {
		v.status = statuses[i]
	}
	if i := f.commitment.SelectedIndex(); i >= 0 {
		v.commitment = commitments[i]
	}
	days := func(e *field.Entry, key, name string) float64 {
		x, err := strconv.ParseFloat(strings.TrimSpace(e.Text), 64)
		switch {
		case strings.TrimSpace(e.Text) == "":
			bad[key] = fmt.Sprintf("%s estimate is required: write person-days, e.g. 12 or 12.5.", name)
		case err != nil:
			bad[key] = fmt.Sprintf("%s estimate %q is not a number: write person-days, e.g. 12 or 12.5.", name, e.Text)
		}
		return x
	}
	v.est = plan.Estimate{Low: days(f.low, "estimate.low", "Low"), Likely: days(f.likely, "estimate.likely", "Likely"), High: days(f.high, "estimate.high", "High")}
	if it := f.s.p.Item(f.s.selected); it != nil {
		v.est.Count = it.Estimate.Count
	}
	if r, err := strconv.Atoi(strings.TrimSpace(f.rank.Text)); err != nil {
		bad["rank"] = fmt.Sprintf("%q is not a whole number: write the priority as 1, 2, 3 … (1 comes first).", f.rank.Text)
	} else {
		v.rank = r
	}
	if t := strings.TrimSpace(f.remaining.Text); t != "" {
		if x, err := strconv.ParseFloat(t, 64); err != nil {
			bad["remaining_days"] = fmt.Sprintf("%q is not a number: write the person-days left, or leave it empty for the whole estimate.", t)
		} else {
			v.remaining = &x
		}
	}
	date := func(e *field.Entry, key string) plan.Date {
		d, err := plan.ParseDate(strings.TrimSpace(e.Text))
		if err != nil {
			bad[key] = plan.ErrorMessage(err) + " Leave it empty for none."
		}
		return d
	}
	v.snet = date(f.snet, "start_no_earlier_than")
	v.target = date(f.target, "target")
	v.started = date(f.started, "started_on")
	v.finished = date(f.finished, "finished_on")
	v.startedSet, v.finishedSet = v.started != f.loadedStarted, v.finished != f.loadedFinished
	for _, t := range strings.Split(f.tags.Text, ",") {
		if t = strings.TrimSpace(t); t != "" && !slices.Contains(v.tags, t) {
			v.tags = append(v.tags, t)
		}
	}
	return v, bad
}

// apply writes v onto it (the portfolio being edited); a status change
// records the actual start or finish date as today (plan.Item.SetStatus),
// and a date typed in Started on or Finished on takes precedence.
func (v *values) apply(it *plan.Item, today plan.Date) {
	it.Title = v.title
	it.TeamID = v.team
	it.ProductID = v.product
	it.Estimate = v.est
	it.Rank = v.rank
	it.SetStatus(v.status, today)
	if v.startedSet {
		it.StartedOn = v.started
	}
	if v.finishedSet {
		it.FinishedOn = v.finished
	}
	it.Remaining = v.remaining
	it.StartNoEarlierThan = v.snet
	it.Target = v.target
	it.Commitment = v.commitment
	it.Increment = v.increment
	it.Tags = v.tags
	it.DependsOn = v.deps
	it.Notes = v.notes
}

func (f *form) clearErrors() {
	for _, l := range f.errs {
		f.setLabel(l, "")
	}
	f.setGeneral("")
}

func (f *form) setError(key, msg string) { f.setLabel(f.errs[key], msg) }

func (f *form) setGeneral(msg string) { f.setLabel(f.general, msg) }

func (f *form) setLabel(l *widget.Label, msg string) {
	if l.Text == msg && l.Visible() == (msg != "") {
		return
	}
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
	// A label that appears or goes changes the form's height: lay it out again.
	f.body.Refresh()
	f.root.Refresh()
}

// showErrors puts each problem of err next to its field; what belongs to
// no field of the form (another item, a milestone, a risk) goes under the
// form, so nothing is hidden.
func (f *form) showErrors(err error) {
	f.clearErrors()
	var pe *plan.Error
	if !errors.As(err, &pe) || len(pe.Problems) == 0 {
		f.setGeneral(plan.ErrorMessage(err))
		return
	}
	var rest []string
	for key, l := range f.errs {
		if key == "estimate" {
			continue
		}
		if msg := screen.Problem(err, key); msg != "" {
			f.setLabel(l, msg)
		}
	}
	for _, p := range pe.Problems {
		switch {
		case p.Field == "estimate":
			f.setError("estimate", p.Message)
		case f.errs[p.Field] != nil && (p.Entity == "item"):
		default:
			rest = append(rest, p.String())
		}
	}
	if len(rest) > 0 {
		f.setGeneral(strings.Join(rest, "\n"))
	}
}

func labels(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = statusLabel(s)
	}
	return out
}

// ---- screen actions on the form ----

// save applies the form to the selected item in one edit; nothing is
// written when the input cannot be read or the result breaks a rule.
func (s *Screen) save() {
	id := s.selected
	if s.p == nil || id == "" {
		return
	}
	v, bad := s.form.read()
	s.form.clearErrors()
	if len(bad) > 0 {
		for k, msg := range bad {
			s.form.setError(k, msg)
		}
		return
	}
	err := s.ed.Edit("edit item "+id, func(p *plan.Portfolio) error {
		it := p.Item(id)
		if it == nil {
			return plan.Errorf(plan.ENOTFOUND, "Item %q no longer exists (it was deleted or undone).", id)
		}
		v.apply(it, s.fcr.Today())
		return nil
	})
	if err != nil {
		s.form.showErrors(err)
	}
}

// revert refills the form from the portfolio, dropping unsaved changes.
func (s *Screen) revert() { s.form.fill(s.p.Item(s.selected)) }

// confirmDelete asks before deleting the selected item.
func (s *Screen) confirmDelete() {
	it := s.p.Item(s.selected)
	if it == nil {
		return
	}
	msg := bidi.Shaped(fmt.Sprintf("Delete %s — %s?", it.ID, bidi.Isolate(it.Title))) + "\nUndo (Ctrl+Z) brings it back."
	dialog.ShowConfirm("Delete item", msg, func(ok bool) {
		if ok {
			s.deleteSelected()
		}
	}, s.window())
}

// sampledText says which effort the forecast samples for it, in app's
// (outlook's) words.
func sampledText(it *plan.Item) string {
	if !it.Open() {
		return "Nothing: the item is " + statusLabel(it.Status) + "."
	}
	_, _, _, why := app.SampledEffort(it)
	return why
}

// narrow is a layout that gives its one object the whole space but asks
// only for width w (and the object's own height): the three estimate
// boxes, which fit a few digits in much less than an entry's minimum.
type narrow float32

func (w narrow) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (w narrow) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(w), h)
}
