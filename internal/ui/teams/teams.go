// Package teams is the Teams screen: the teams with their headcount,
// allocation, focus factor, WIP limit and loaded cost; a side form to edit
// the selected team and its dated headcount changes; and the capacity heat
// map, the probability of over-commitment per team and quarter.
package teams

import (
	"errors"
	"fmt"
	"image/color"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
)

// Screen is the Teams screen.
type Screen struct {
	ed  screen.Editor
	fc  screen.Forecaster
	dlg screen.Dialogs
	p   *plan.Portfolio
	f   *app.Forecast

	selected   string        // id of the team in the form ("" for none)
	ids        []string      // team id of each table row
	rows       [][]string    // the teams table, precomputed in Show
	hcRows     [][]string    // the selected team's headcount changes (date order)
	hcEmpty    *widget.Label // says there are none, over the empty table
	hcChange   []plan.HeadcountChange
	hcSel      int // selected change row, -1 for none
	heat       *heatModel
	heatHolder *rowsHeight // sizes the heat table to its rows

	table    *widget.Table
	teamCols *field.Columns // which of teamCols fit
	form     teamForm
	hc       *widget.Table
	hcDate   *widget.Entry
	hcFTE    *widget.Entry
	hcNote   *widget.Entry
	hcErr    *widget.Label

	heatTable  *widget.Table
	heatPick   [2]string // team and quarter of the tapped cell, kept across forecasts
	heatState  *widget.Label
	heatDetail *widget.Label
	heatLegend *widget.Label
	heatDef    *widget.Label // what over-committed means
	heatBox    *container.Scroll

	formScroll *container.Scroll // re-laid out when error lines appear or go
	root       fyne.CanvasObject
}

// teamForm is the side form's widgets.
type teamForm struct {
	title                                *widget.Label
	name, headcount, alloc, focus, wip   *field.Entry
	cost                                 *field.Entry
	currency                             *widget.Label            // the cost field's label, naming the currency
	errs                                 map[string]*widget.Label // by plan field name
	general                              *widget.Label
	save, revert, add, remove, addChange *widget.Button
	removeChange                         *widget.Button
}

// Form fields, by the plan.Problem field that validation reports.
const (
	fName      = "name"
	fHeadcount = "headcount"
	fAlloc     = "allocation"
	fFocus     = "focus_factor"
	fWIP       = "wip_limit"
	fCost      = "cost_per_fte_month"
	fChanges   = "headcount_changes"
)

// teamCols give way on a narrow window, the least needed first (the form
// shows every value of the selected team).
var teamCols = []field.Column{
	{Title: "Team", Width: 170, Stretch: true},
	{Title: "FTE today", Width: 88},
	{Title: "Allocation", Width: 92, Priority: 2},
	{Title: "Focus", Width: 60, Priority: 3},
	{Title: "WIP", Width: 45, Priority: 4},
	{Title: "Cost / FTE-month", Width: 150, Priority: 5},
	{Title: "Capacity pd/week", Width: 150, Priority: 1},
}

// New builds the screen: ed edits the teams, fc gives today and the
// policy, dlg the window for confirmations.
func New(ed screen.Editor, fc screen.Forecaster, dlg screen.Dialogs) *Screen {
	s := &Screen{ed: ed, fc: fc, dlg: dlg, hcSel: -1}
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(s.teamCols.Visible) },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateTeamCell(id, o) },
	)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = newHeaderLabel
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if c := s.teamCols.Col(id.Col); c >= 0 {
			setHeader(o, id, teamCols[c].Title)
		}
	}
	s.teamCols = field.NewColumns(s.table, teamCols)
	s.table.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }

	s.buildForm()
	s.buildHeat()

	tableBox := container.NewBorder(sectionTitle("Teams"), nil, nil, nil, container.New(s.teamCols, s.table))
	// The heat map is as tall as its rows, with the cell detail and the
	// legend right under it (a table stretched to fill the pane left a blank
	// grid under four teams); the pane scrolls when there are many teams.
	s.heatHolder = &rowsHeight{}
	s.heatBox = container.NewVScroll(container.NewVBox(
		sectionTitle("Capacity vs demand: probability of over-commitment by quarter"), s.heatState,
		container.New(s.heatHolder, s.heatTable), s.heatDetail, s.heatLegend, s.heatDef))
	s.formScroll = container.NewVScroll(s.formObject())
	left := container.NewVSplit(tableBox, s.heatBox)
	left.Offset = 0.36
	split := container.NewHSplit(left, s.formScroll)
	split.Offset = 0.66
	s.root = split
	return s
}

func newCellLabel() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func newHeaderLabel() fyne.CanvasObject {
	l := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func setHeader(o fyne.CanvasObject, id widget.TableCellID, text string) {
	if id.Row < 0 && id.Col >= 0 {
		o.(*widget.Label).SetText(text)
	}
}

func sectionTitle(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func hint(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	l.SizeName = theme.SizeNameCaptionText
	return l
}

func (s *Screen) updateTeamCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	if c := s.teamCols.Col(id.Col); c >= 0 && id.Row < len(s.rows) {
		l.SetText(bidi.Shaped(s.rows[id.Row][c]))
	}
}

func (s *Screen) buildForm() {
	f := &s.form
	f.title = widget.NewLabelWithStyle("No team selected", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.title.SizeName = theme.SizeNameSubHeadingText
	f.title.Truncation = fyne.TextTruncateEllipsis
	f.name = field.NewEntry(s.revert)
	f.headcount = field.NewEntry(s.revert)
	f.alloc = field.NewEntry(s.revert)
	f.focus = field.NewEntry(s.revert)
	f.wip = field.NewEntry(s.revert)
	f.cost = field.NewEntry(s.revert)
	f.cost.SetPlaceHolder("e.g. 14,500")
	f.currency = widget.NewLabelWithStyle("Loaded cost per FTE-month", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.errs = map[string]*widget.Label{}
	for _, k := range []string{fName, fHeadcount, fAlloc, fFocus, fWIP, fCost, fChanges} {
		f.errs[k] = field.ErrorLabel()
	}
	f.general = field.ErrorLabel()
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.save() })
	f.save.Importance = widget.HighImportance
	f.revert = widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), func() { s.revert() })
	f.add = widget.NewButtonWithIcon("Add team", theme.ContentAddIcon(), func() { s.addTeam() })
	f.remove = widget.NewButtonWithIcon("Delete team…", theme.DeleteIcon(), func() { s.confirmDelete() })
	for _, e := range []*field.Entry{f.name, f.headcount, f.alloc, f.focus, f.wip, f.cost} {
		e.OnSubmitted = func(string) { s.save() }
	}

	s.hc = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.hcRows), 3 },
		newCellLabel,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(bidi.Shaped(s.hcRows[id.Row][id.Col]))
		},
	)
	s.hc.ShowHeaderColumn = false
	s.hc.CreateHeader = newHeaderLabel
	s.hc.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		setHeader(o, id, [3]string{"Date", "± FTE", "Note"}[max(id.Col, 0)])
	}
	s.hc.SetColumnWidth(0, 105)
	s.hc.SetColumnWidth(1, 65)
	s.hc.SetColumnWidth(2, 180)
	s.hc.OnSelected = func(id widget.TableCellID) { s.hcSel = id.Row }
	s.hc.OnUnselected = func(widget.TableCellID) { s.hcSel = -1 }
	s.hcEmpty = widget.NewLabel("No dated changes: add a hire or departure below.")
	s.hcDate = widget.NewEntry()
	s.hcDate.SetPlaceHolder("YYYY-MM-DD")
	s.hcFTE = widget.NewEntry()
	s.hcFTE.SetPlaceHolder("+1 or -0.5")
	s.hcNote = widget.NewEntry()
	s.hcNote.SetPlaceHolder("note")
	s.hcErr = f.errs[fChanges]
	f.addChange = widget.NewButtonWithIcon("Add change", theme.ContentAddIcon(), func() { s.addChange() })
	f.removeChange = widget.NewButtonWithIcon("Remove selected", theme.ContentRemoveIcon(), func() { s.removeChange() })
}

func (s *Screen) formObject() fyne.CanvasObject {
	f := &s.form
	field := func(label string, e fyne.CanvasObject, key string) fyne.CanvasObject {
		return container.NewVBox(widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), e, f.errs[key])
	}
	fields := container.NewVBox(
		field("Name", f.name, fName),
		container.NewGridWithColumns(2,
			field("Headcount (FTE)", f.headcount, fHeadcount),
			field("WIP limit", f.wip, fWIP)),
		container.NewGridWithColumns(2,
			field("Allocation %", f.alloc, fAlloc),
			field("Focus factor %", f.focus, fFocus)),
		container.NewVBox(f.currency, f.cost, f.errs[fCost]),
		hint("Headcount at the planning start (dated changes below). Allocation: share of time on the roadmap; focus factor: share of that time that is productive."),
	)
	buttons := container.NewHBox(f.save, f.revert)
	manage := container.NewHBox(f.add, f.remove)
	tall := canvas.NewRectangle(color.Transparent)
	tall.SetMinSize(fyne.NewSize(0, 150))
	hcTable := container.NewStack(tall, s.hc, container.NewVBox(s.hcEmpty))
	hcInputs := container.NewGridWithColumns(3, s.hcDate, s.hcFTE, s.hcNote)
	return container.NewVBox(
		f.title, fields, f.general, buttons,
		widget.NewSeparator(),
		sectionTitle("Headcount changes (hires +, departures −)"),
		hcTable, hcInputs,
		container.NewHBox(f.addChange, f.removeChange),
		s.hcErr,
		widget.NewSeparator(),
		manage,
	)
}

func (s *Screen) buildHeat() {
	s.heatTable = widget.NewTableWithHeaders(
		func() (int, int) {
			if s.heat == nil {
				return 0, 0
			}
			return len(s.heat.Rows), len(s.heat.Cols)
		},
		func() fyne.CanvasObject {
			rect := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
			txt := canvas.NewText("", theme.Color(theme.ColorNameForeground))
			txt.TextStyle.Bold = true
			txt.Alignment = fyne.TextAlignCenter
			return container.NewStack(rect, container.NewCenter(txt))
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateHeatCell(id, o) },
	)
	s.heatTable.CreateHeader = newHeaderLabel
	s.heatTable.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case s.heat == nil:
			l.SetText("")
		case id.Row < 0 && id.Col >= 0 && id.Col < len(s.heat.Cols):
			l.Alignment = fyne.TextAlignCenter // over the centred figures
			l.SetText(s.heat.ColTitles[id.Col])
		case id.Col < 0 && id.Row >= 0 && id.Row < len(s.heat.Rows):
			l.Alignment = fyne.TextAlignLeading
			l.SetText(bidi.Shaped(s.heat.Rows[id.Row]))
		default:
			l.SetText("")
		}
	}
	s.heatTable.OnSelected = func(id widget.TableCellID) { s.showCell(id.Row, id.Col) }
	s.heatState = widget.NewLabel("")
	s.heatState.Wrapping = fyne.TextWrapWord
	s.heatDetail = widget.NewLabel("Tap a cell to see its capacity and demand.")
	s.heatDetail.Wrapping = fyne.TextWrapWord
	s.heatLegend = widget.NewLabel("")
	s.heatLegend.Wrapping = fyne.TextWrapWord
	s.heatDef = field.Caption(app.OverCommitment)
}

func (s *Screen) updateHeatCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := s.heat.Cells[id.Row][id.Col]
	stack := o.(*fyne.Container)
	rect := stack.Objects[0].(*canvas.Rectangle)
	txt := stack.Objects[1].(*fyne.Container).Objects[0].(*canvas.Text)
	rect.FillColor = c.Fill
	rect.Refresh()
	txt.Text = c.Label
	txt.Color = c.Ink
	txt.Refresh()
}

// Title is the navigation label.
func (s *Screen) Title() string { return "Teams" }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.AccountIcon() }

// Object is the screen's content. The shell asks for it when the screen
// comes into view: once it is laid out, the selected row is highlighted.
func (s *Screen) Object() fyne.CanvasObject {
	fyne.Do(s.markSelection)
	return s.root
}

// Show displays p, keeping the selected team when it still exists.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	today := s.fc.Today()
	s.rows = s.rows[:0]
	s.ids = s.ids[:0]
	for i := range p.Teams {
		t := &p.Teams[i]
		s.ids = append(s.ids, t.ID)
		s.rows = append(s.rows, []string{t.Name, fte(t.HeadcountOn(today)), figure.Percent(t.Allocation), figure.Percent(t.FocusFactor),
			strconv.Itoa(t.WIPLimit), figure.Money(t.CostPerFTEMonth), figure.Number(t.WeeklyCapacity(today, p.Calendar), 1)})
	}
	s.form.currency.SetText("Loaded cost per FTE-month, " + p.Currency)
	s.table.Refresh()
	if p.Team(s.selected) == nil {
		s.selected = ""
		if len(s.ids) > 0 {
			s.selected = s.ids[0]
		}
	}
	s.fill()
	s.markSelection()
	s.renderHeat()
}

// ShowForecast shows the capacity heat map of f; stale marks it out of date.
func (s *Screen) ShowForecast(f *app.Forecast, stale bool) {
	s.f = f
	switch {
	case f == nil && stale:
		s.heatState.SetText("Forecasting… the heat map appears when the first run finishes.")
	case f == nil:
		s.heatState.SetText("No forecast yet.")
	case stale:
		s.heatState.SetText(fmt.Sprintf("Updating… showing the previous forecast (%s trials); it may be out of date.", plan.Group(strconv.Itoa(f.Trials))))
	default:
		s.heatState.SetText(fmt.Sprintf("Forecast as of %s, %s trials; the first quarter is what is left of it.",
			figure.Date(f.AsOf), plan.Group(strconv.Itoa(f.Trials))))
	}
	s.renderHeat()
}

func (s *Screen) renderHeat() {
	var m *heatModel
	if s.p != nil && s.f != nil {
		var err error
		m, err = buildHeat(s.p, s.f, s.f.AsOf)
		if err != nil {
			s.heatState.SetText("The heat map could not be built: " + plan.ErrorMessage(err))
		}
	}
	s.heat = m
	s.heatTable.UnselectAll()
	if m == nil {
		s.heatLegend.SetText("")
		s.heatDetail.SetText("")
	} else {
		s.heatLegend.SetText(fmt.Sprintf("Red ≥ %s, amber ≥ %s, green below: the chance that the work due by a quarter's end exceeds the capacity until then. – no work planned.",
			figure.Percent(m.Thresholds[0]), figure.Percent(m.Thresholds[1])))
	}
	s.sizeHeat()
	s.heatTable.Refresh()
	if s.heatBox != nil {
		s.heatBox.Refresh() // wrapped lines take their height on a second pass
	}
	if m != nil {
		pick := s.worstCell()
		for r, team := range m.Rows {
			for c, q := range m.Cols {
				if team == s.heatPick[0] && q == s.heatPick[1] {
					pick = widget.TableCellID{Row: r, Col: c}
				}
			}
		}
		s.showCell(pick.Row, pick.Col)
		if laidOut(s.heatTable) {
			s.heatTable.Select(pick)
			// Select scrolls the cell into view; on a narrow window that hid
			// the first quarters, the ones that matter most.
			s.heatTable.ScrollToLeading()
		}
	}
}

// sizeHeat gives the heat map's columns the width their headers need
// (two short lines: four quarters fit beside the team names at 1024 px,
// six at 1280), the team names theirs up to heatNamesMax (a longer
// name is shortened; the detail line says it whole), and the header row
// the height of its lines.
func (s *Screen) sizeHeat() {
	m := s.heat
	if m == nil {
		s.heatHolder.rows, s.heatHolder.header = 0, 0
		return
	}
	bold := fyne.TextStyle{Bold: true}
	pad := 2*theme.InnerPadding() + 2 // what a label puts around its text, and a little more (at exactly that it shortens it)
	lines := 1
	for c, title := range m.ColTitles {
		w := float32(0)
		for i, line := range strings.Split(title, "\n") {
			w = max(w, fyne.MeasureText(line, theme.TextSize(), bold).Width)
			lines = max(lines, i+1)
		}
		s.heatTable.SetColumnWidth(c, max(heatCellMin, w+pad))
	}
	names := float32(0)
	for _, r := range m.Rows {
		names = max(names, fyne.MeasureText(r, theme.TextSize(), bold).Width+pad)
	}
	s.heatTable.SetColumnWidth(-1, min(heatNamesMax, max(heatNamesMin, names)))
	one := newHeaderLabel().MinSize().Height
	header := widget.NewLabelWithStyle(strings.Repeat("Q\n", lines-1)+"Q", fyne.TextAlignLeading, bold).MinSize().Height
	s.heatTable.SetRowHeight(-1, header)
	s.heatHolder.rows, s.heatHolder.header = len(m.Rows), header-one
}

// Widths of the heat map's columns: a cell ("100%") and the team names.
const (
	heatCellMin  = 64
	heatNamesMin = 120
	heatNamesMax = 200
)

// laidOut reports whether t has a size: Table.Select scrolls, and on a
// table that was never laid out (its screen not shown yet) that scroll
// would hide the first rows.
func (s *Screen) window() fyne.Window {
	if s.dlg == nil {
		return nil
	}
	return s.dlg.Window()
}

func laidOut(t *widget.Table) bool {
	sz := t.Size()
	return sz.Width > 0 && sz.Height > 0
}

// worstCell is the team quarter most likely to be over-committed (the
// detail line starts there).
func (s *Screen) worstCell() widget.TableCellID {
	best, id := -1.0, widget.TableCellID{}
	if s.heat == nil {
		return id
	}
	for r, row := range s.heat.Cells {
		for c, cell := range row {
			if cell.TQ != nil && cell.TQ.POver > best {
				best, id = cell.TQ.POver, widget.TableCellID{Row: r, Col: c}
			}
		}
	}
	return id
}

func (s *Screen) showCell(r, c int) {
	if s.heat == nil || r < 0 || c < 0 || r >= len(s.heat.Rows) || c >= len(s.heat.Cols) {
		return
	}
	s.heatPick = [2]string{s.heat.Rows[r], s.heat.Cols[c]}
	s.heatDetail.SetText(bidi.Shaped(detail(bidi.Isolate(s.heat.Rows[r]), s.heat.Cells[r][c].TQ)))
}

func (s *Screen) selectRow(row int) {
	if row < 0 || row >= len(s.ids) {
		return
	}
	s.selected = s.ids[row]
	s.fill()
}

// fill loads the selected team into the form and clears errors.
func (s *Screen) fill() {
	f := &s.form
	s.clearErrors()
	t := s.p.Team(s.selected)
	s.hcRows, s.hcChange, s.hcSel = s.hcRows[:0], s.hcChange[:0], -1
	s.hc.UnselectAll()
	for _, b := range []*widget.Button{f.save, f.revert, f.remove, f.addChange, f.removeChange} {
		if t == nil {
			b.Disable()
		} else {
			b.Enable()
		}
	}
	if t == nil {
		f.title.SetText("No team selected")
		for _, e := range []*field.Entry{f.name, f.headcount, f.alloc, f.focus, f.wip, f.cost} {
			e.SetText("")
		}
		s.refreshHC()
		return
	}
	f.title.SetText(bidi.Shaped(t.Name))
	f.name.SetText(t.Name)
	f.headcount.SetText(strconv.FormatFloat(t.Headcount, 'f', -1, 64))
	f.alloc.SetText(percentText(t.Allocation))
	f.focus.SetText(percentText(t.FocusFactor))
	f.wip.SetText(strconv.Itoa(t.WIPLimit))
	f.cost.SetText(plan.Group(t.CostPerFTEMonth.Decimal()))
	s.hcChange = append(s.hcChange, t.HeadcountChanges...)
	sort.SliceStable(s.hcChange, func(i, j int) bool { return s.hcChange[i].Date < s.hcChange[j].Date })
	for _, c := range s.hcChange {
		s.hcRows = append(s.hcRows, []string{c.Date.String(), signed(c.Delta), c.Note})
	}
	s.refreshHC()
}

// refreshHC redraws the headcount changes, saying so when there are none.
func (s *Screen) refreshHC() {
	// An empty table drew its column lines over blank space: say so instead.
	if len(s.hcRows) == 0 && s.p.Team(s.selected) != nil {
		s.hcEmpty.Show()
		s.hc.Hide()
	} else {
		s.hcEmpty.Hide()
		s.hc.Show()
	}
	s.hc.Refresh()
}

// markSelection highlights the selected team's row without refilling the form.
func (s *Screen) markSelection() {
	on := s.table.OnSelected
	s.table.OnSelected = nil
	defer func() { s.table.OnSelected = on }()
	for i, id := range s.ids {
		if id == s.selected && laidOut(s.table) {
			s.table.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	s.table.UnselectAll()
}

func (s *Screen) revert() { s.fill() }

func (s *Screen) clearErrors() {
	shown := s.form.general.Visible()
	for _, l := range s.form.errs {
		shown = shown || l.Visible()
		l.SetText("")
		l.Hide()
	}
	s.form.general.SetText("")
	s.form.general.Hide()
	if shown {
		s.relayout()
	}
}

// relayout lays the form out again after error lines appeared or went.
func (s *Screen) relayout() {
	if s.formScroll != nil {
		s.formScroll.Refresh()
	}
}

// teamInput is what the form holds, parsed.
type teamInput struct {
	name                  string
	headcount, alloc, foc float64
	wip                   int
	cost                  plan.Money
}

// read parses the form; errors are *plan.Error problems on the form's fields.
func (s *Screen) read() (teamInput, error) {
	f := &s.form
	var in teamInput
	var probs []plan.Problem
	bad := func(field, msg string) {
		probs = append(probs, plan.Problem{Entity: "team", ID: s.selected, Field: field, Message: msg})
	}
	in.name = strings.TrimSpace(f.name.Text)
	var ok bool
	if in.headcount, ok = number(f.headcount.Text); !ok {
		bad(fHeadcount, "Headcount must be a number of FTE, such as 6 or 6.5.")
	}
	if in.alloc, ok = percent(f.alloc.Text); !ok {
		bad(fAlloc, "Allocation must be a percentage, such as 80.")
	}
	if in.foc, ok = percent(f.focus.Text); !ok {
		bad(fFocus, "Focus factor must be a percentage, such as 70.")
	}
	wip, err := strconv.Atoi(strings.TrimSpace(f.wip.Text))
	if err != nil {
		bad(fWIP, "WIP limit must be a whole number of items, such as 3.")
	}
	in.wip = wip
	cost, err := parseMoney(f.cost.Text, s.p.Currency)
	if err != nil {
		bad(fCost, plan.ErrorMessage(err))
	}
	in.cost = cost
	if len(probs) > 0 {
		return in, &plan.Error{Code: plan.EINVALID, Message: "Some fields need correcting.", Problems: probs}
	}
	return in, nil
}

// save applies the form to the selected team.
func (s *Screen) save() {
	id := s.selected
	if id == "" {
		return
	}
	in, err := s.read()
	if err != nil {
		s.showErrors(err)
		return
	}
	err = s.ed.Edit("edit team "+in.name, func(p *plan.Portfolio) error {
		t := p.Team(id)
		if t == nil {
			return plan.Errorf(plan.ENOTFOUND, "The team was deleted meanwhile.")
		}
		t.Name, t.Headcount, t.Allocation, t.FocusFactor, t.WIPLimit, t.CostPerFTEMonth = in.name, in.headcount, in.alloc, in.foc, in.wip, in.cost
		return nil
	})
	s.showErrors(err)
}

// showErrors puts err's problems about the selected team next to their
// fields and anything else under the form. nil clears them.
func (s *Screen) showErrors(err error) {
	s.clearErrors()
	defer s.relayout()
	if err == nil {
		return
	}
	mine, others := split(err, "team", s.selected)
	shown := false
	for field, l := range s.form.errs {
		if msg := screen.Problem(mine, field); msg != "" {
			l.SetText(msg)
			l.Show()
			shown = true
		}
	}
	if msg := screen.Problem(mine, "id"); msg != "" {
		s.form.general.SetText(msg)
		s.form.general.Show()
		shown = true
	}
	if others != "" || !shown {
		msg := others
		if msg == "" {
			msg = plan.ErrorMessage(err)
		}
		s.form.general.SetText(msg)
		s.form.general.Show()
	}
}

// split separates err's problems about entity id (as a *plan.Error, for
// screen.Problem) from the others (as one message, "" when none).
func split(err error, entity, id string) (error, string) {
	var pe *plan.Error
	if !errors.As(err, &pe) || len(pe.Problems) == 0 {
		return nil, ""
	}
	mine := &plan.Error{Code: pe.Code, Message: pe.Message}
	var others []string
	for _, p := range pe.Problems {
		if p.Entity == entity && p.ID == id {
			mine.Problems = append(mine.Problems, p)
		} else {
			others = append(others, p.String())
		}
	}
	if len(others) == 0 {
		return mine, ""
	}
	return mine, "Elsewhere in the portfolio: " + strings.Join(others, "; ")
}

// addTeam creates a team with workable defaults and selects it.
func (s *Screen) addTeam() {
	if s.p == nil {
		return
	}
	var id string
	err := s.ed.Edit("add team", func(p *plan.Portfolio) error {
		id = plan.NewID("new team", func(x string) bool { return p.Team(x) != nil })
		p.Teams = append(p.Teams, plan.Team{ID: id, Name: "New team", Headcount: 5, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2,
			CostPerFTEMonth: plan.Money{Currency: p.Currency}})
		return nil
	})
	if err != nil {
		s.showErrors(err)
		return
	}
	s.selectID(id)
	if w := s.window(); w != nil {
		w.Canvas().Focus(s.form.name)
	}
}

func (s *Screen) selectID(id string) {
	for i, x := range s.ids {
		if x == id {
			s.table.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
}

func (s *Screen) confirmDelete() {
	t := s.p.Team(s.selected)
	if t == nil {
		return
	}
	d := dialog.NewConfirm("Delete team", bidi.Shaped(fmt.Sprintf("Delete team %q? Its headcount changes go with it. Undo brings it back.", t.Name)),
		func(ok bool) {
			if ok {
				s.deleteSelected()
			}
		}, s.window())
	d.SetConfirmText("Delete")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// deleteSelected removes the selected team (refused while items belong to it).
func (s *Screen) deleteSelected() {
	id := s.selected
	t := s.p.Team(id)
	if t == nil {
		return
	}
	err := s.ed.Edit("delete team "+t.Name, func(p *plan.Portfolio) error { return p.RemoveTeam(id) })
	s.showErrors(err)
}

// addChange adds a dated headcount change to the selected team.
func (s *Screen) addChange() {
	id := s.selected
	if id == "" {
		return
	}
	s.clearErrors()
	d, err := plan.ParseDate(strings.TrimSpace(s.hcDate.Text))
	if err == nil && d.IsZero() {
		err = plan.Errorf(plan.EINVALID, "Enter the date of the change as YYYY-MM-DD.")
	}
	if err != nil {
		s.showChangeError(plan.ErrorMessage(err))
		return
	}
	delta, ok := number(strings.TrimPrefix(strings.TrimSpace(s.hcFTE.Text), "+"))
	if !ok || delta == 0 {
		s.showChangeError("Enter the change in FTE: positive for a hire (+1), negative for a departure (-0.5).")
		return
	}
	c := plan.HeadcountChange{Date: d, Delta: delta, Note: strings.TrimSpace(s.hcNote.Text)}
	err = s.ed.Edit(fmt.Sprintf("add headcount change %s to %s", signed(delta), s.p.Team(id).Name), func(p *plan.Portfolio) error {
		t := p.Team(id)
		if t == nil {
			return plan.Errorf(plan.ENOTFOUND, "The team was deleted meanwhile.")
		}
		t.HeadcountChanges = append(t.HeadcountChanges, c)
		return nil
	})
	if err != nil {
		s.showErrors(err)
		return
	}
	s.hcDate.SetText("")
	s.hcFTE.SetText("")
	s.hcNote.SetText("")
}

func (s *Screen) showChangeError(msg string) {
	s.hcErr.SetText(msg)
	s.hcErr.Show()
	s.relayout()
}

// removeChange removes the selected headcount change.
func (s *Screen) removeChange() {
	id, i := s.selected, s.hcSel
	if id == "" || i < 0 || i >= len(s.hcChange) {
		s.showChangeError("Select a change in the table first.")
		return
	}
	c := s.hcChange[i]
	err := s.ed.Edit(fmt.Sprintf("remove headcount change of %s from %s", c.Date, s.p.Team(id).Name), func(p *plan.Portfolio) error {
		t := p.Team(id)
		if t == nil {
			return plan.Errorf(plan.ENOTFOUND, "The team was deleted meanwhile.")
		}
		for k, x := range t.HeadcountChanges {
			if x == c {
				t.HeadcountChanges = append(t.HeadcountChanges[:k], t.HeadcountChanges[k+1:]...)
				return nil
			}
		}
		return plan.Errorf(plan.ENOTFOUND, "That headcount change is no longer there.")
	})
	s.showErrors(err)
}

// ---- text in and out ----

func fte(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func signed(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if f > 0 {
		s = "+" + s
	}
	return s
}

// percentText shows a share as a percentage without float noise (0.7 → "70").
func percentText(f float64) string {
	return strconv.FormatFloat(f*100, 'f', -1, 32)
}

func number(s string) (float64, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil
}

// percent reads "80" or "80%" as 0.8.
func percent(s string) (float64, bool) {
	v, ok := number(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	return v / 100, ok
}

// parseMoney reads an amount typed by a person with plan.ParseMoneyInput,
// the one strict reading (Budget's too); an empty field is zero.
func parseMoney(s, currency string) (plan.Money, error) {
	if strings.TrimSpace(s) == "" {
		return plan.Money{Currency: currency}, nil
	}
	return plan.ParseMoneyInput(s, currency)
}

// rowsHeight lays out one table at the height of its header and rows (the
// table scrolls itself inside that height when there are more than fit).
// header is what the header row needs beyond one line.
type rowsHeight struct {
	rows   int
	header float32
}

func (l *rowsHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if l.rows == 0 {
		return fyne.NewSize(0, 0)
	}
	row := newHeaderLabel().MinSize().Height + theme.Padding()
	return fyne.NewSize(0, float32(l.rows+1)*row+l.header+theme.Padding())
}

func (l *rowsHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them in the real shell).
func KeyTexts() []string {
	return []string{"Team", "FTE today", "Capacity vs demand: probability of over-commitment by quarter", "Save"}
}
