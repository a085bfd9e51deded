// Package roadmap is the Roadmap screen: the portfolio's items in a sortable,
// filterable table with a side form to edit the selected item, and a
// timeline of each open item's forecast (P50–P85 bar, target, today, the
// dependency that drives the slip). Every change goes through screen.Editor.Edit
// as one action; validation errors are shown next to their fields.
package roadmap

import (
	"fmt"
	"slices"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
)

const (
	allTeams       = "All teams"
	allProducts    = "All products"
	allCommitments = "All commitments"
	allTags        = "All tags"
)

// Screen is the Roadmap screen.
type Screen struct {
	ed  screen.Editor
	fcr screen.Forecaster
	nav screen.Navigator
	dlg screen.Dialogs
	p   *plan.Portfolio
	fc  *app.Forecast
	// stale: the forecast shown predates the portfolio shown (a new one is running).
	stale bool

	rows     []row
	order    []int     // table column → column (colID …): the columns that fit
	widths   []float32 // width of each column (colID …) as laid out
	tableW   float32   // the width the columns were fitted to
	idx      []int     // rows shown, in display order
	flt      filter
	sortCol  int
	sortDesc bool
	selected string // id of the item in the form ("" for none)
	tableRow int    // the table row highlighted (-1 for none)
	updating bool   // set while Show resets the filter widgets

	teamIDs    []string // team filter option i+1 → team id
	productIDs []string // product filter option i+1 → product id

	search     *widget.Entry
	teamSel    *widget.Select
	productSel *widget.Select
	commitSel  *widget.Select
	tagSel     *widget.Select
	count      *widget.Label
	fcStatus   *widget.Label
	table      *widget.Table
	tabs       *container.AppTabs
	timeline   *timelineView
	tl         *Timeline
	form       *form
	split      *container.Split
	left       fyne.CanvasObject
	root       *fyne.Container // the table alone, or the table beside the open form
}

// New builds the screen: ed reads and edits the portfolio, fc gives today
// and the policy, nav and dlg the window. When dlg has a window, Ctrl+F
// (Cmd+F) focuses the search box.
func New(ed screen.Editor, fc screen.Forecaster, nav screen.Navigator, dlg screen.Dialogs) *Screen {
	s := &Screen{ed: ed, fcr: fc, nav: nav, dlg: dlg, sortCol: colRank, tl: &Timeline{TodayX: -1}, tableRow: -1}
	s.widths = make([]float32, numCols)
	for i, c := range columns {
		s.widths[i] = c.Width
	}
	s.search = widget.NewEntry()
	s.search.SetPlaceHolder("Search id or title (Ctrl+F)")
	s.search.OnChanged = func(string) { s.filterChanged() }
	s.teamSel = widget.NewSelect(nil, func(string) { s.filterChanged() })
	s.productSel = widget.NewSelect(nil, func(string) { s.filterChanged() })
	s.commitSel = widget.NewSelect([]string{allCommitments, plan.Committed, plan.Planned, plan.Stretch}, func(string) { s.filterChanged() })
	s.tagSel = widget.NewSelect(nil, func(string) { s.filterChanged() })
	s.updating = true
	s.commitSel.SetSelectedIndex(0)
	s.updating = false
	s.count = widget.NewLabel("No portfolio open.")
	s.fcStatus = widget.NewLabel("No forecast yet.")
	s.fcStatus.Truncation = fyne.TextTruncateEllipsis

	s.table = widget.NewTableWithHeaders(s.tableSize, newCell, s.updateCell)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = newHeader
	s.table.UpdateHeader = s.updateHeader
	s.table.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }
	s.setOrder()
	s.timeline = newTimelineView(func(id string) { s.selectItem(id) })
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Table", theme.ListIcon(), container.New(fitLayout{s}, s.table)),
		container.NewTabItemWithIcon("Timeline", theme.ViewFullScreenIcon(), s.timeline.Object()),
	)
	s.tabs.OnSelected = func(*container.TabItem) { s.tabChanged() }
	s.form = newForm(s)

	add := widget.NewButtonWithIcon("Add item", theme.ContentAddIcon(), func() { s.addItem() })
	// Search and Add on one row, the four filters under it: on one row the
	// bar was so wide that the item form beside it got a sliver.
	filters := container.NewGridWithColumns(4, s.teamSel, s.productSel, s.commitSel, s.tagSel)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, add, s.search),
		filters,
		container.NewBorder(nil, nil, s.count, nil, s.fcStatus),
	)
	s.left = container.NewBorder(top, nil, nil, nil, s.tabs)
	// The form opens beside the table when an item is selected and closes
	// with its ✕, so the table has the whole width while reading; either
	// way the id, title, P85 and chance columns stay in view.
	s.split = container.NewHSplit(s.left, s.form.Object())
	s.split.Offset = 0.6
	s.root = container.NewStack(s.left)

	if w := s.window(); w != nil {
		w.Canvas().AddShortcut(findShortcut(), func(fyne.Shortcut) { s.focusSearch() })
	}
	return s
}

func (s *Screen) window() fyne.Window {
	if s.dlg == nil {
		return nil
	}
	return s.dlg.Window()
}

// FormOpen reports whether the item form is shown beside the table.
func (s *Screen) FormOpen() bool { return s.root.Objects[0] == s.split }

// openForm shows the item form beside the table.
func (s *Screen) openForm() {
	if s.FormOpen() {
		return
	}
	s.split.Leading = s.left
	s.root.Objects = []fyne.CanvasObject{s.split}
	s.root.Refresh()
}

// closeForm gives the table the whole width (the selection stays).
func (s *Screen) closeForm() {
	if !s.FormOpen() {
		return
	}
	s.root.Objects = []fyne.CanvasObject{s.left}
	s.root.Refresh()
}

// fitLayout gives the table its whole space and fits the columns to it
// by their priorities.
type fitLayout struct{ s *Screen }

func (l fitLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return objs[0].MinSize() }

func (l fitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	w := size.Width - theme.Padding() - theme.ScrollBarSize()
	if w != l.s.tableW {
		l.s.tableW = w
		l.s.setOrder()
	}
}

// findShortcut is Ctrl+F (Cmd+F on macOS).
func findShortcut() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
}

// Title is the navigation label.
func (s *Screen) Title() string { return "Roadmap" }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.ListIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show displays p: it formats every row once, refreshes the filter choices,
// keeps the selection (refilling the form from p) and rebuilds the timeline.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p // the shell marks the forecast stale right after (ShowForecast(last, true))
	s.rows = buildRows(p, s.fc)
	s.refreshFilterOptions()
	if s.selected != "" && p.Item(s.selected) == nil {
		s.selected = ""
	}
	s.refreshView()
	s.form.fill(p.Item(s.selected))
}

// ShowForecast shows forecast f (nil for none); stale marks it out of date
// while a new run is under way.
func (s *Screen) ShowForecast(f *app.Forecast, stale bool) {
	same := f == s.fc
	s.fc, s.stale = f, stale
	if s.p != nil && !same {
		s.rows = buildRows(s.p, f)
		s.refreshView()
	} else {
		s.setOrder()
		s.table.Refresh()
		s.refreshForecastStatus()
	}
}

func (s *Screen) refreshFilterOptions() {
	p := s.p
	s.updating = true
	defer func() { s.updating = false }()

	teams := slices.Clone(p.Teams)
	sort.SliceStable(teams, func(i, j int) bool { return teams[i].Name < teams[j].Name })
	s.teamIDs = s.teamIDs[:0]
	opts := []string{allTeams}
	for _, t := range teams {
		s.teamIDs = append(s.teamIDs, t.ID)
		opts = append(opts, t.Name)
	}
	s.teamSel.SetOptions(opts)
	s.teamSel.SetSelectedIndex(slices.Index(s.teamIDs, s.flt.team) + 1)

	s.productIDs = s.productIDs[:0]
	opts = []string{allProducts}
	for _, pr := range p.Products {
		s.productIDs = append(s.productIDs, pr.ID)
		opts = append(opts, pr.Name)
	}
	s.productSel.SetOptions(opts)
	s.productSel.SetSelectedIndex(slices.Index(s.productIDs, s.flt.product) + 1)

	seen := map[string]bool{}
	var tags []string
	for i := range p.Items {
		for _, t := range p.Items[i].Tags {
			if !seen[t] {
				seen[t] = true
				tags = append(tags, t)
			}
		}
	}
	sort.Strings(tags)
	s.tagSel.SetOptions(append([]string{allTags}, tags...))
	s.tagSel.SetSelectedIndex(slices.Index(tags, s.flt.tag) + 1)
	if s.flt.tag != "" && !seen[s.flt.tag] {
		s.flt.tag = ""
	}
}

// filterChanged reads the filter widgets and shows the matching rows.
func (s *Screen) filterChanged() {
	if s.updating {
		return
	}
	f := filter{text: s.search.Text}
	if i := s.teamSel.SelectedIndex(); i > 0 {
		f.team = s.teamIDs[i-1]
	}
	if i := s.productSel.SelectedIndex(); i > 0 {
		f.product = s.productIDs[i-1]
	}
	if i := s.commitSel.SelectedIndex(); i > 0 {
		f.commitment = s.commitSel.Selected
	}
	if i := s.tagSel.SelectedIndex(); i > 0 {
		f.tag = s.tagSel.Selected
	}
	s.flt = f
	if s.p != nil {
		s.refreshView()
	}
}

// sortBy sorts the table by column col; tapping the same header again reverses the order.
func (s *Screen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	s.refreshView()
}

// refreshView recomputes the rows shown and the timeline, and keeps the selected row highlighted.
func (s *Screen) refreshView() {
	if s.p == nil {
		return
	}
	s.setOrder()
	s.idx = view(s.rows, s.flt, s.sortCol, s.sortDesc, s.idx)
	if len(s.idx) == len(s.rows) {
		s.count.SetText(plural(len(s.rows), "item", "items"))
	} else {
		s.count.SetText(fmt.Sprintf("%d of %s", len(s.idx), plural(len(s.rows), "item", "items")))
	}
	s.table.Refresh()
	s.markSelection()

	keep := func(string) bool { return true }
	if s.flt != (filter{}) {
		shown := make(map[string]bool, len(s.idx))
		for _, i := range s.idx {
			shown[s.rows[i].item.ID] = true
		}
		keep = func(id string) bool { return shown[id] }
	}
	today := app.AsOf(s.p, s.fcr.Today(), 0)
	if s.fc != nil {
		today = s.fc.AsOf
	}
	s.tl = BuildTimeline(s.p, s.fc, today, s.fcr.Policy().RAG, keep)
	s.timeline.show(s.tl, s.selected, s.emptyTimelineText())
	s.refreshForecastStatus()
}

func (s *Screen) emptyTimelineText() string {
	switch {
	case s.fc == nil:
		return "The timeline appears when the forecast has run (it starts by itself after opening or editing; Ctrl+R runs it now)."
	case len(s.idx) == 0:
		return "No items match the filters."
	}
	return "No open items match the filters: done and cancelled items have no forecast."
}

// markSelection highlights the selected item's row without moving the view when it is already highlighted.
func (s *Screen) markSelection() {
	k := -1
	for i, r := range s.idx {
		if s.rows[r].item.ID == s.selected {
			k = i
			break
		}
	}
	if k == s.tableRow {
		return // already highlighted: do not scroll the table back to it
	}
	if k >= 0 && s.table.Size().IsZero() {
		return // never laid out (shown in the background): Select would scroll by a zero-size view
	}
	s.tableRow = k
	if k < 0 {
		s.table.UnselectAll()
		return
	}
	s.table.Select(widget.TableCellID{Row: k, Col: colID})
}

func (s *Screen) refreshForecastStatus() {
	text, imp := "No forecast yet: it runs by itself after opening and after each edit.", widget.MediumImportance
	switch {
	case s.fc == nil:
	case s.stale:
		// Also a quick preview run's: "before the last change" was wrong after opening.
		text = fmt.Sprintf("Updating the forecast: figures in italics may be out of date (%s trials, as of %s).",
			plan.Group(fmt.Sprint(s.fc.Trials)), figure.Date(s.fc.AsOf))
		imp = widget.WarningImportance
	default:
		text = fmt.Sprintf("Forecast: %s trials as of %s. Chance: of finishing by the target.",
			plan.Group(fmt.Sprint(s.fc.Trials)), figure.Date(s.fc.AsOf))
	}
	if text != s.fcStatus.Text || imp != s.fcStatus.Importance {
		s.fcStatus.Importance = imp
		s.fcStatus.SetText(text)
	}
}

// ---- table ----

// Column orders: what a director reads first comes first (dates and
// chances), estimates and product after.
var (
	orderPlain    = []int{colID, colTitle, colTeam, colTarget, colStatus, colCommitment, colRank, colLow, colLikely, colHigh, colProduct}
	orderForecast = []int{colID, colTitle, colTeam, colTarget, colP50, colP85, colProb, colStatus, colCommitment, colRank, colLow, colLikely, colHigh, colProduct}
)

// setOrder shows the forecast columns or not, and of those the ones that
// fit the table's width (field.Fit: the lowest priorities give way).
func (s *Screen) setOrder() {
	order := orderPlain
	if s.fc != nil {
		order = orderForecast
	}
	cols := make([]field.Column, len(order))
	for i, c := range order {
		cols[i] = columns[c]
	}
	width := s.tableW
	if width <= 0 {
		width = 1e6 // not laid out yet: everything
	}
	vis, w := field.Fit(cols, width)
	shown := make([]int, len(vis))
	for i, v := range vis {
		shown[i] = order[v]
	}
	same := slices.Equal(shown, s.order)
	for i, c := range shown {
		if !same || s.widths[c] != w[i] {
			s.widths[c] = w[i]
			s.table.SetColumnWidth(i, w[i])
		}
	}
	if !same {
		s.order = shown
		s.table.Refresh()
	}
}

func (s *Screen) tableSize() (int, int) { return len(s.idx), len(s.order) }

func newCell() fyne.CanvasObject { return widget.NewLabel("") }

func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if id.Row < 0 || id.Row >= len(s.idx) {
		l.SetText("")
		return
	}
	col := s.order[id.Col]
	r := &s.rows[s.idx[id.Row]]
	switch col {
	case colRank, colLow, colLikely, colHigh, colProb:
		l.Alignment = fyne.TextAlignTrailing
	default:
		l.Alignment = fyne.TextAlignLeading
	}
	l.Importance = widget.MediumImportance
	if col == colProb && r.fc != nil {
		l.Importance = ragImportance[s.fcr.Policy().RAG.Of(r.fc.PTarget)]
	}
	// Forecast figures in italics while a new forecast runs (the line above the table says so).
	l.TextStyle.Italic = col >= colP50 && s.stale
	text := r.cells[col]
	switch col {
	case colID, colTitle, colTeam, colProduct:
		w := s.widths[col] - 2*theme.InnerPadding()
		if r.fitW[col] != w {
			// Shortened, then put in display order for Fyne (bidi.Shaped), once.
			r.fit[col], r.fitW[col] = bidi.Shaped(s.timeline.measure.fit(text, w, theme.TextSize())), w
		}
		text = r.fit[col]
	}
	l.SetText(text)
}

// ragImportance colours the probability like the timeline's bars (the number is the text label).
var ragImportance = map[figure.RAG]widget.Importance{
	figure.None:  widget.MediumImportance,
	figure.Green: widget.SuccessImportance,
	figure.Amber: widget.WarningImportance,
	figure.Red:   widget.DangerImportance,
}

func newHeader() fyne.CanvasObject {
	b := widget.NewButton("", nil)
	b.Importance = widget.LowImportance
	b.Alignment = widget.ButtonAlignLeading
	return b
}

func (s *Screen) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	b := o.(*widget.Button)
	if id.Col < 0 || id.Col >= len(s.order) {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	col := s.order[id.Col]
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

// ---- selection ----

// selectRow puts the item of table row r in the form.
func (s *Screen) selectRow(r int) {
	if r < 0 || r >= len(s.idx) {
		return
	}
	s.tableRow = r
	id := s.rows[s.idx[r]].item.ID
	if id == s.selected {
		return
	}
	s.selected = id
	s.form.fill(s.p.Item(id))
	s.openForm()
	s.timeline.markSelected(id)
}

// selectItem puts item id in the form and highlights its table row (from the timeline).
func (s *Screen) selectItem(id string) {
	if s.p == nil || s.p.Item(id) == nil || id == s.selected {
		return
	}
	s.selected = id
	s.form.fill(s.p.Item(id))
	s.openForm()
	s.markSelection()
}

// tabChanged highlights the selected item in the view just shown (a hidden view is not laid out, so it could not be).
func (s *Screen) tabChanged() {
	if s.tabs.SelectedIndex() == 0 {
		s.markSelection()
	} else {
		s.timeline.markSelected(s.selected)
	}
}

func (s *Screen) focusSearch() {
	if s.nav != nil {
		s.nav.Navigate(s.Title())
	}
	if w := s.window(); w != nil {
		w.Canvas().Focus(s.search)
	}
}

// ---- actions that change the portfolio ----

// addItem adds a new item to the team being filtered on (or the selected
// item's team, or the first team) at the end of its priorities, and selects it.
func (s *Screen) addItem() {
	p := s.p
	if p == nil {
		return
	}
	if len(p.Teams) == 0 {
		s.form.setGeneral("Add a team first (Teams screen): every item needs an owning team.")
		return
	}
	team := s.flt.team
	if team == "" {
		if it := p.Item(s.selected); it != nil {
			team = it.TeamID
		} else {
			team = s.teamIDs[0]
		}
	}
	id := plan.NewID("new item", func(x string) bool { return p.Item(x) != nil })
	rank := 1
	for _, i := range p.TeamItems(team) {
		rank = max(rank, p.Items[i].Rank+1)
	}
	prev := s.selected
	s.selected = id
	s.search.SetText("")
	err := s.ed.Edit("add item "+id, func(p *plan.Portfolio) error {
		if p.Item(id) != nil {
			return plan.Errorf(plan.ECONFLICT, "An item with id %q already exists.", id)
		}
		p.Items = append(p.Items, plan.Item{ID: id, Title: "New item", TeamID: team, Rank: rank,
			Estimate: plan.Estimate{Low: 5, Likely: 10, High: 20}, Status: plan.NotStarted, Commitment: plan.Planned})
		return nil
	})
	if err != nil {
		s.selected = prev
		s.form.setGeneral(plan.ErrorMessage(err))
		return
	}
	s.tabs.SelectIndex(0)
	s.openForm()
	if w := s.window(); w != nil {
		w.Canvas().Focus(s.form.title)
	}
}

// move moves the selected item up (-1) or down (+1) in its team's priorities, in one edit.
func (s *Screen) move(delta int) {
	id := s.selected
	it := s.p.Item(id)
	if it == nil {
		return
	}
	dir := "down"
	if delta < 0 {
		dir = "up"
	}
	err := s.ed.Edit(fmt.Sprintf("move %s %s in %s's priorities", id, dir, teamName(s.p, it.TeamID)), func(p *plan.Portfolio) error {
		return p.MoveItem(id, delta)
	})
	if err != nil {
		s.form.showErrors(err)
	}
}

// deleteSelected deletes the selected item; when others still refer to it,
// validation refuses and the error names them.
func (s *Screen) deleteSelected() {
	id := s.selected
	if id == "" {
		return
	}
	err := s.ed.Edit("delete item "+id, func(p *plan.Portfolio) error { return p.DeleteItem(id) })
	if err != nil {
		if s.dlg != nil {
			s.dlg.ShowError(err)
		}
		s.form.setGeneral(plan.ErrorMessage(err))
	}
}

func teamName(p *plan.Portfolio, id string) string {
	if t := p.Team(id); t != nil {
		return t.Name
	}
	return id
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return plan.Group(fmt.Sprint(n)) + " " + many
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them in the real shell):
// the columns that never give way.
func KeyTexts() []string { return []string{"Id", "Title", "P85", "Chance"} }
