// Package budget is the Budget screen: the budget lines of a fiscal year
// with plan, actuals to date, variance and year-end projection; the month
// grid of the selected line with a side form to edit a month's plan and
// actual; adding and deleting lines; and a chart of plan, actual and
// forecast by month. Every amount comes from plan.BudgetYear and
// plan.Portfolio.LineMonths; the screen only formats them.
package budget

import (
	"fmt"
	"image/color"
	"math"
	"sort"
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
	"steerco/internal/ui/barchart"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/settle"
)

// Screen is the Budget screen.
type Screen struct {
	ed    screen.Editor
	clock screen.Clock
	dl    screen.Dialogs
	p     *plan.Portfolio
	fy    int   // fiscal year shown
	fys   []int // fiscal years offered
	year  plan.BudgetYear

	lineID   string // selected line ("" for none)
	monthIdx int    // month of the fiscal year in the side form, 0–11
	rows     []lineRow
	sortCol  int
	sortDesc bool
	grid     [3][12]gridCell
	filling  bool // true while Show fills widgets (their change callbacks do nothing)
	scope    string

	yearSel    *widget.Select
	summary    *widget.Label
	closedNote *widget.Label
	lines      *widget.Table
	lineFit    *field.Columns // which of lineCols fit, and their widths
	monthForm  *widget.Form
	formBox    *fyne.Container // the month form, laid out again when error lines come and go
	gridTitle  *widget.Label
	months     *widget.Table
	chart      *chart
	chartScope *widget.RadioGroup
	addBtn     *widget.Button
	deleteBtn  *widget.Button
	editBtn    *widget.Button

	// Side form for one month of the selected line.
	formTitle   *widget.Label
	monthSel    *widget.Select
	planEntry   *field.Entry
	actualEntry *field.Entry
	planErr     *widget.Label
	actualErr   *widget.Label
	formErr     *widget.Label
	saveBtn     *widget.Button
	cancelBtn   *widget.Button

	add *addForm // the add-line dialog's fields, while it is open

	// confirm asks a yes/no question (a dialog; tests replace it).
	confirm func(title, message string, fn func(bool))

	root fyne.CanvasObject
}

type lineRow struct {
	id    string
	cells []string
	row   plan.BudgetRow
	line  *plan.BudgetLine
	over  [2]bool // variance to date, at year end: over plan
}

type gridCell struct {
	text   string
	closed bool
	over   bool
}

const (
	scopeAll  = "Whole budget"
	scopeLine = "Selected line"
)

// lineCols are the lines table's columns at their narrowest: the name
// stretches; in a narrow window the columns of highest Priority give way
// first (the Edit line dialog shows them all), the amounts stay.
var lineCols = []field.Column{
	{Title: "Budget line", Width: 150, Stretch: true}, {Title: "Category", Width: 110, Priority: 5}, {Title: "Cost centre", Width: 96, Priority: 4},
	{Title: "Spend", Width: 58, Priority: 6}, {Title: "Team", Width: 90, Priority: 3}, {Title: "FY plan", Width: 92}, {Title: "Actual YTD", Width: 92},
	{Title: "Var. YTD", Width: 82}, {Title: "Var. %", Width: 70, Priority: 1}, {Title: "Year-end", Width: 92}, {Title: "Var. YE", Width: 82, Priority: 2},
}

// rightAligned reports whether column c of lineCols holds amounts.
func rightAligned(c int) bool { return c >= 5 }

// gridRowNames head the month grid's rows, each with the line's total
// beside it: the plan for the year, the actual and variance to date.
var gridRowNames = [3]string{"Plan (FY)", "Actual (YTD)", "Variance (YTD)"}

// New builds the screen.
// New builds the screen: ed reads and changes the budget lines, clock picks
// the fiscal year and the closed months, dl is the window dialogs open over.
func New(ed screen.Editor, clock screen.Clock, dl screen.Dialogs) *Screen {
	s := &Screen{ed: ed, clock: clock, dl: dl, scope: scopeAll, sortCol: -1}
	s.confirm = func(title, message string, fn func(bool)) {
		dialog.ShowConfirm(title, message, fn, dl.Window())
	}
	s.yearSel = widget.NewSelect(nil, func(string) { s.yearChanged() })
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.closedNote = widget.NewLabel("")
	s.closedNote.SizeName = theme.SizeNameCaptionText
	s.closedNote.TextStyle.Italic = true
	s.closedNote.Wrapping = fyne.TextWrapWord
	s.addBtn = widget.NewButtonWithIcon("Add line…", theme.ContentAddIcon(), func() { s.showAddDialog() })
	s.editBtn = widget.NewButtonWithIcon("Edit line…", theme.DocumentCreateIcon(), func() { s.showEditDialog() })
	s.deleteBtn = widget.NewButtonWithIcon("Delete line", theme.DeleteIcon(), func() { s.askDelete() })

	s.lines = s.newLinesTable()
	s.months = s.newMonthGrid()
	s.gridTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.gridTitle.Truncation = fyne.TextTruncateEllipsis
	s.chart = newChart()
	s.chartScope = widget.NewRadioGroup([]string{scopeAll, scopeLine}, func(string) { s.scopeChanged() })
	s.chartScope.Required = true
	s.chartScope.Horizontal = true
	s.chartScope.SetSelected(scopeAll)

	s.formTitle = widget.NewLabelWithStyle("Edit a month", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.monthSel = widget.NewSelect(nil, func(string) { s.monthChanged() })
	s.planEntry = field.NewEntry(func() { s.fillForm() })
	s.planEntry.SetPlaceHolder("0.00")
	s.actualEntry = field.NewEntry(func() { s.fillForm() })
	s.actualEntry.SetPlaceHolder("empty: not reported")
	s.planEntry.OnSubmitted = func(string) { s.saveMonth() }
	s.actualEntry.OnSubmitted = func(string) { s.saveMonth() }
	s.planErr, s.actualErr, s.formErr = field.ErrorLabel(), field.ErrorLabel(), field.ErrorLabel()
	s.saveBtn = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), func() { s.saveMonth() })
	s.saveBtn.Importance = widget.HighImportance
	s.cancelBtn = widget.NewButton("Cancel", func() { s.fillForm() })

	s.root = s.layout()
	s.setEnabled(false)
	return s
}

func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

func (s *Screen) layout() fyne.CanvasObject {
	heading := widget.NewLabelWithStyle("Budget", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	bar := container.NewBorder(nil, nil,
		container.NewHBox(heading, widget.NewLabel("Fiscal year"), container.NewStack(fixedWidth(270), s.yearSel)),
		container.NewHBox(s.addBtn, s.editBtn, s.deleteBtn))
	top := settle.VBox(bar, s.summary)

	caption := func(t string) *widget.Label {
		l := widget.NewLabel(t)
		l.SizeName = theme.SizeNameCaptionText
		return l
	}
	s.monthForm = widget.NewForm(
		widget.NewFormItem("Month", s.monthSel),
		widget.NewFormItem("Plan", container.NewVBox(s.planEntry, s.planErr)),
		widget.NewFormItem("Actual", container.NewVBox(s.actualEntry, s.actualErr)),
	)
	form := container.NewVBox(
		s.formTitle,
		s.monthForm,
		s.formErr,
		container.NewHBox(s.saveBtn, s.cancelBtn),
		s.closedNote,
	)
	s.formBox = form
	formBox := container.NewStack(fixedWidth(300), container.NewVScroll(form))

	gridBox := container.NewStack(fixedHeight(4*rowHeight()+3*theme.Padding()), s.months)
	titleRow := container.NewBorder(nil, nil, nil, container.NewHBox(caption("Chart"), s.chartScope), s.gridTitle)
	lower := container.NewBorder(container.NewVBox(titleRow, gridBox), nil, nil, nil,
		container.NewBorder(nil, nil, formBox, nil, container.NewPadded(s.chart)))
	split := container.NewVSplit(container.New(s.lineFit, s.lines), lower)
	split.Offset = 0.34
	return container.NewBorder(top, nil, nil, nil, split)
}

func fixedWidth(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}

func fixedHeight(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

func rowHeight() float32 {
	return widget.NewLabel("Ag").MinSize().Height
}

// Title is the navigation label.
func (s *Screen) Title() string { return "Budget" }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.GridIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show displays p (after every load and edit).
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	today := s.clock.Today()
	s.fys = p.BudgetFiscalYears(today)
	if !containsInt(s.fys, s.fy) {
		s.fy = p.FiscalYearOf(today)
		s.monthIdx = s.defaultMonth()
	}
	s.filling = true
	opts := make([]string, len(s.fys))
	for i, y := range s.fys {
		opts[i] = s.yearLabel(y)
	}
	s.yearSel.SetOptions(opts)
	s.yearSel.SetSelected(s.yearLabel(s.fy))
	s.filling = false
	s.recompute()
}

func (s *Screen) yearLabel(fy int) string {
	ms := s.p.FiscalYearMonths(fy)
	return fmt.Sprintf("FY%d (%s – %s)", fy, ms[0].Label(), ms[11].Label())
}

func containsInt(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// recompute rebuilds every view of the selected fiscal year.
func (s *Screen) recompute() {
	p := s.p
	today := s.clock.Today()
	s.year = p.BudgetYear(s.fy, today)
	t := s.year.Total
	summary := fmt.Sprintf("FY%d plan %s · actual to date %s (variance %s) · year-end projection at plan for the open months %s (variance %s)",
		s.fy, figure.Money(t.Plan), figure.Money(t.Actual), signedPct(t.VarianceToDate(), pctOf(t.VarianceToDatePct)),
		figure.Money(t.Forecast), signedPct(t.VarianceYearEnd(), pctOf(t.VarianceYearEndPct)))
	if !s.year.ClosedThrough.IsZero() && !s.year.RunRate.IsZero() {
		summary += fmt.Sprintf(" · at the run rate of the last %d closed months %s (variance %s)",
			s.year.RunRateMonths, figure.Money(s.year.RunRate), signed(s.year.RunRate.Sub(t.Plan)))
	}
	s.summary.SetText(summary)
	if s.year.ClosedThrough.IsZero() {
		s.closedNote.SetText("No actuals in for this year yet: every month is forecast at plan.")
	} else {
		s.closedNote.SetText(fmt.Sprintf("Shaded: closed, actuals through %s. Italics: open, forecast at plan.", s.year.ClosedThrough.Label()))
	}

	teamName := map[string]string{}
	for _, tm := range p.Teams {
		teamName[tm.ID] = tm.Name
	}
	s.rows = s.rows[:0]
	for i := range p.BudgetLines {
		b := &p.BudgetLines[i]
		r := s.year.ByLine[i]
		s.rows = append(s.rows, lineRow{id: b.ID, row: r, line: b,
			over: [2]bool{r.VarianceToDate().Minor > 0, r.VarianceYearEnd().Minor > 0},
			cells: []string{b.Name, label(b.Category), b.CostCentre, spendLabel(b.Spend),
				teamName[b.TeamID], figure.Units(r.Plan), figure.Units(r.Actual), signed(r.VarianceToDate()), pctOf(r.VarianceToDatePct),
				figure.Units(r.Forecast), signed(r.VarianceYearEnd())}})
	}
	s.sortRows()
	if p.BudgetLine(s.lineID) == nil {
		s.lineID = ""
		if len(s.rows) > 0 {
			s.lineID = s.rows[0].id
		}
	}
	s.lines.Refresh()
	s.selectLineRow()

	s.filling = true
	opts := make([]string, len(s.year.Months))
	for i, m := range s.year.Months {
		opts[i] = m.Label()
		if s.year.ByMonth[i].Closed {
			opts[i] += " (closed)"
		}
	}
	s.monthSel.SetOptions(opts)
	s.filling = false
	s.refreshLine()
}

// refreshLine shows the selected line's months, the chart and the form.
func (s *Screen) refreshLine() {
	b := s.p.BudgetLine(s.lineID)
	s.setEnabled(b != nil)
	var rows []plan.BudgetRow
	if b == nil {
		s.gridTitle.SetText("Months — no budget line selected")
		s.formTitle.SetText("Edit a month")
	} else {
		rows = s.p.LineMonths(s.fy, s.clock.Today(), s.lineID)
		s.gridTitle.SetText(bidi.Shaped(fmt.Sprintf("Months of %s, FY%d (%s)", bidi.Isolate(b.Name), s.fy, s.p.Currency)))
		s.formTitle.SetText(bidi.Shaped("Edit a month of " + b.Name))
	}
	for i := 0; i < 12; i++ {
		for r := range s.grid {
			s.grid[r][i] = gridCell{}
		}
		if i >= len(rows) {
			continue
		}
		m := rows[i]
		v := m.VarianceToDate()
		// The month grid is a finance sheet: cents, as finance reports them.
		s.grid[0][i] = gridCell{text: figure.Cents(m.Plan), closed: m.Closed}
		if m.Closed {
			s.grid[1][i] = gridCell{text: figure.Cents(m.Actual), closed: true}
			s.grid[2][i] = gridCell{text: signedCents(v), closed: true, over: v.Minor > 0}
		} else {
			s.grid[1][i] = gridCell{text: "—"}
			s.grid[2][i] = gridCell{text: ""}
		}
	}
	s.months.Refresh()
	s.refreshChart()
	s.fillForm()
}

func (s *Screen) setEnabled(on bool) {
	for _, w := range []fyne.Disableable{s.monthSel, s.planEntry, s.actualEntry, s.saveBtn, s.cancelBtn, s.deleteBtn, s.editBtn} {
		if on {
			w.Enable()
		} else {
			w.Disable()
		}
	}
}

func (s *Screen) refreshChart() {
	rows := s.year.ByMonth
	title := fmt.Sprintf("Whole budget by month, FY%d, %s", s.fy, s.p.Currency)
	if s.scope == scopeLine {
		if b := s.p.BudgetLine(s.lineID); b != nil {
			rows = s.p.LineMonths(s.fy, s.clock.Today(), s.lineID)
			title = fmt.Sprintf("%s by month, FY%d, %s", bidi.Isolate(b.Name), s.fy, s.p.Currency)
		}
	}
	labels := make([]string, len(rows))
	planned := make([]float64, len(rows))
	actual := make([]float64, len(rows))
	forecast := make([]float64, len(rows))
	for i, r := range rows {
		labels[i] = s.year.Months[i].First().Time().Format("Jan")
		planned[i] = r.Plan.Float()
		actual[i], forecast[i] = math.NaN(), math.NaN()
		if r.Closed {
			actual[i] = r.Actual.Float()
		} else {
			forecast[i] = r.Forecast.Float()
		}
	}
	s.chart.set(title, labels, []barchart.Series{
		{Name: "Plan", Values: planned},
		{Name: "Actual", Values: actual, Slot: 1},
		{Name: "Forecast", Values: forecast, Slot: 1},
	})
}

// fillForm shows the selected month of the selected line in the side form
// (also Cancel: it reverts what was typed).
func (s *Screen) fillForm() {
	defer s.relayoutForm()
	setError(s.planErr, "")
	setError(s.actualErr, "")
	setError(s.formErr, "")
	b := s.p.BudgetLine(s.lineID)
	if b == nil || len(s.year.Months) == 0 {
		s.planEntry.SetText("")
		s.actualEntry.SetText("")
		return
	}
	s.filling = true
	s.monthSel.SetSelectedIndex(s.monthIdx)
	s.filling = false
	m := s.year.Months[s.monthIdx]
	s.planEntry.SetText(plan.Group(b.PlanOf(m).Decimal()))
	if b.HasActual(m) {
		s.actualEntry.SetText(plan.Group(b.ActualOf(m).Decimal()))
	} else {
		s.actualEntry.SetText("")
	}
}

func (s *Screen) yearChanged() {
	if s.filling || s.p == nil {
		return
	}
	i := indexOf(s.yearSel.Options, s.yearSel.Selected)
	if i < 0 {
		return
	}
	s.fy = s.fys[i]
	s.monthIdx = s.defaultMonth()
	s.recompute()
}

// defaultMonth is the month the side form opens on for the fiscal year
// shown: the first month after the last closed one (the next actuals finance
// will send), or the first month when none is closed.
func (s *Screen) defaultMonth() int {
	y := s.p.BudgetYear(s.fy, s.clock.Today())
	for i, r := range y.ByMonth {
		if !r.Closed {
			if i > 0 && !y.ByMonth[i-1].Closed {
				return 0
			}
			return i
		}
	}
	return len(y.ByMonth) - 1
}

func (s *Screen) monthChanged() {
	if s.filling || s.p == nil {
		return
	}
	if i := s.monthSel.SelectedIndex(); i >= 0 {
		s.monthIdx = i
		s.fillForm()
	}
}

func (s *Screen) scopeChanged() {
	s.scope = s.chartScope.Selected
	if s.p != nil {
		s.refreshChart()
	}
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// saveMonth writes the side form's plan and actual for the selected month
// of the selected line: one edit, or the errors next to the fields.
// relayoutForm lays the month form out again: an error line shown after
// being hidden has no size until then, and is drawn over its entry.
func (s *Screen) relayoutForm() {
	if s.formBox != nil {
		s.monthForm.Refresh()
		s.formBox.Refresh()
	}
}

func (s *Screen) saveMonth() {
	defer s.relayoutForm()
	setError(s.planErr, "")
	setError(s.actualErr, "")
	setError(s.formErr, "")
	b := s.p.BudgetLine(s.lineID)
	if b == nil {
		setError(s.formErr, "Select a budget line first.")
		return
	}
	cur := s.p.Currency
	m := s.year.Months[s.monthIdx]
	planned, err := plan.ParseMoneyInput(s.planEntry.Text, cur)
	if err != nil {
		setError(s.planErr, plan.ErrorMessage(err))
		return
	}
	var actual *plan.Money
	if strings.TrimSpace(s.actualEntry.Text) != "" {
		a, err := plan.ParseMoneyInput(s.actualEntry.Text, cur)
		if err != nil {
			setError(s.actualErr, plan.ErrorMessage(err))
			return
		}
		actual = &a
	}
	if planned.Minor == b.PlanOf(m).Minor && (actual == nil && !b.HasActual(m) || actual != nil && b.HasActual(m) && actual.Minor == b.ActualOf(m).Minor) {
		setError(s.formErr, "Nothing to save: "+m.Label()+" already has these amounts.")
		return
	}
	id := s.lineID
	err = s.ed.Edit(fmt.Sprintf("set %s plan and actual of %s", m.Label(), b.Name), func(p *plan.Portfolio) error {
		line := p.BudgetLine(id)
		if line == nil {
			return plan.Errorf(plan.ENOTFOUND, "The budget line %q no longer exists.", id)
		}
		line.SetMonth(m, planned, actual)
		return nil
	})
	if err != nil {
		s.showEditError(err)
	}
}

func (s *Screen) showEditError(err error) {
	planMsg, actualMsg := screen.Problem(err, "plan"), screen.Problem(err, "actual")
	setError(s.planErr, planMsg)
	setError(s.actualErr, actualMsg)
	if planMsg == "" && actualMsg == "" {
		setError(s.formErr, plan.ErrorMessage(err))
	}
}

func (s *Screen) askDelete() {
	b := s.p.BudgetLine(s.lineID)
	if b == nil {
		return
	}
	id, name := b.ID, b.Name
	s.confirm("Delete budget line", bidi.Shaped(fmt.Sprintf("Delete %q with its monthly plan and actuals? Edit › Undo brings it back.", name)),
		func(ok bool) {
			if ok {
				s.deleteLine(id, name)
			}
		})
}

func (s *Screen) deleteLine(id, name string) {
	if err := s.ed.Edit("delete budget line "+name, func(p *plan.Portfolio) error { return p.RemoveBudgetLine(id) }); err != nil {
		s.dl.ShowError(err)
	}
}

// --- tables ---

func (s *Screen) newLinesTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(s.rows), len(s.lineFit.Visible) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateLineCell(id, o.(*widget.Label)) },
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { s.updateLineHeader(id, o.(*widget.Button)) }
	s.lineFit = field.NewColumns(t, lineCols)
	t.OnSelected = func(id widget.TableCellID) { s.selectLine(id.Row) }
	return t
}

func (s *Screen) updateLineCell(id widget.TableCellID, l *widget.Label) {
	if id.Row < 0 || id.Row >= len(s.rows) {
		return
	}
	col := s.lineFit.Col(id.Col)
	if col < 0 {
		return
	}
	r := s.rows[id.Row]
	l.Text = bidi.Shaped(r.cells[col])
	l.Alignment = fyne.TextAlignLeading
	if rightAligned(col) {
		l.Alignment = fyne.TextAlignTrailing
	}
	imp := widget.MediumImportance
	switch col {
	case 7, 8:
		if r.over[0] {
			imp = widget.DangerImportance
		}
	case 10:
		if r.over[1] {
			imp = widget.DangerImportance
		}
	}
	l.Importance = imp
	l.Refresh()
}

func (s *Screen) updateLineHeader(id widget.TableCellID, b *widget.Button) {
	col := s.lineFit.Col(id.Col)
	if col < 0 {
		return
	}
	b.SetText(field.SortTitle(lineCols[col].Title, col == s.sortCol, s.sortDesc))
	b.OnTapped = func() { s.sortBy(col) }
}

// sortBy sorts the lines by column col; tapping the same column again reverses the order.
func (s *Screen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, col >= 5 // amounts: largest first
	}
	s.sortRows()
	s.lines.Refresh()
	s.selectLineRow()
}

func (s *Screen) sortRows() {
	col, desc := s.sortCol, s.sortDesc
	if col < 0 {
		return // portfolio order
	}
	key := func(r lineRow) (int64, bool) {
		switch col {
		case 5:
			return r.row.Plan.Minor, true
		case 6:
			return r.row.Actual.Minor, true
		case 7:
			return r.row.VarianceToDate().Minor, true
		case 8:
			p, ok := r.row.VarianceToDatePct()
			if !ok {
				return math.MinInt64, true
			}
			return int64(p * 1e6), true
		case 9:
			return r.row.Forecast.Minor, true
		case 10:
			return r.row.VarianceYearEnd().Minor, true
		}
		return 0, false
	}
	sort.SliceStable(s.rows, func(i, j int) bool {
		a, b := s.rows[i], s.rows[j]
		if ka, num := key(a); num {
			kb, _ := key(b)
			if ka != kb {
				return (ka < kb) != desc
			}
			return false
		}
		x, y := strings.ToLower(a.cells[col]), strings.ToLower(b.cells[col])
		if x != y {
			return (x < y) != desc
		}
		return false
	})
}

func (s *Screen) selectLine(row int) {
	if row < 0 || row >= len(s.rows) {
		return
	}
	if s.rows[row].id == s.lineID {
		return
	}
	s.lineID = s.rows[row].id
	s.refreshLine()
}

// selectLineRow highlights the selected line in the table (after a sort or reload).
func (s *Screen) selectLineRow() {
	for i, r := range s.rows {
		if r.id == s.lineID {
			s.lines.Select(widget.TableCellID{Row: i, Col: 0})
			if s.lines.Size().Height <= 0 {
				// Not laid out yet: Select scrolled against a zero-height
				// view, which would leave the first rows under the header.
				s.lines.ScrollToTop()
				s.lines.ScrollToLeading()
			}
			return
		}
	}
	s.lines.UnselectAll()
}

func (s *Screen) newMonthGrid() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return 3, 12 },
		func() fyne.CanvasObject {
			bg := canvas.NewRectangle(color.Transparent)
			l := widget.NewLabel("")
			l.Alignment = fyne.TextAlignTrailing
			return container.NewStack(bg, l)
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateGridCell(id, o.(*fyne.Container)) },
	)
	// A header is a name on the left and a figure on the right: the row
	// headers (which do not scroll) carry the line's fiscal-year totals,
	// so they stay in view while the months scroll sideways at 1024 px.
	t.CreateHeader = func() fyne.CanvasObject {
		name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		total := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		return container.NewBorder(nil, nil, name, nil, total)
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		c := o.(*fyne.Container)
		s.updateGridHeader(id, c.Objects[1].(*widget.Label), c.Objects[0].(*widget.Label))
	}
	t.SetColumnWidth(-1, 210)
	for i := 0; i < 12; i++ {
		t.SetColumnWidth(i, 80)
	}
	t.OnSelected = func(id widget.TableCellID) { s.pickMonth(id.Col) }
	return t
}

func (s *Screen) updateGridCell(id widget.TableCellID, c *fyne.Container) {
	if id.Row < 0 || id.Row >= 3 || id.Col < 0 || id.Col >= 12 {
		return
	}
	g := s.grid[id.Row][id.Col]
	bg := c.Objects[0].(*canvas.Rectangle)
	l := c.Objects[1].(*widget.Label)
	if g.closed {
		bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x22)
	} else {
		bg.FillColor = color.Transparent
	}
	bg.Refresh()
	l.TextStyle = fyne.TextStyle{Italic: !g.closed}
	l.Importance = widget.MediumImportance
	if g.over {
		l.Importance = widget.DangerImportance
	}
	l.Text = g.text
	l.Refresh()
}

// updateGridHeader writes a header of the month grid: a month over its
// column; a row's name and the line's total for the year (plan, actual to
// date, variance to date, as the lines table has them) before its row.
func (s *Screen) updateGridHeader(id widget.TableCellID, name, total *widget.Label) {
	switch {
	case id.Row < 0 && id.Col >= 0 && id.Col < len(s.year.Months):
		name.SetText("")
		total.SetText(s.year.Months[id.Col].First().Time().Format("Jan 06"))
	case id.Col < 0 && id.Row >= 0:
		name.SetText(gridRowNames[id.Row])
		total.SetText(s.lineTotal(id.Row))
	default:
		name.SetText("")
		total.SetText("")
	}
}

// lineTotal is row r's total for the selected line: FY plan, actual year
// to date or variance year to date, as the lines table shows them.
func (s *Screen) lineTotal(r int) string {
	for _, row := range s.rows {
		if row.id == s.lineID && len(row.cells) > 7 {
			return row.cells[5+r]
		}
	}
	return ""
}

// pickMonth puts month i of the fiscal year in the side form.
func (s *Screen) pickMonth(i int) {
	if i < 0 || i >= 12 {
		return
	}
	s.monthIdx = i
	s.fillForm()
}

// --- formatting (display only; the amounts come from plan) ---

// label turns a category code into words: "vendor_contracts" → "Vendor contracts".
func label(code string) string {
	if code == "" {
		return ""
	}
	w := strings.ReplaceAll(code, "_", " ")
	return strings.ToUpper(w[:1]) + w[1:]
}

func spendLabel(s string) string {
	switch s {
	case plan.CapEx:
		return "CapEx"
	case plan.OpEx:
		return "OpEx"
	}
	return s
}

// signed writes a variance in whole units with its sign: "+12,000" over
// plan, "−3,500" under.
func signed(m plan.Money) string { return figure.SignedUnits(m) }

// signedCents is a variance in the month grid, with its cents: "+318.40".
func signedCents(m plan.Money) string {
	if m.Minor > 0 {
		return "+" + figure.Cents(m)
	}
	return figure.Cents(m)
}

func pctOf(f func() (float64, bool)) string {
	v, ok := f()
	if !ok {
		return "—"
	}
	return figure.Signed(v*100, 1) + "%"
}

func signedPct(m plan.Money, pct string) string {
	if pct == "—" {
		return signed(m)
	}
	return signed(m) + ", " + pct
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them): its key column
// headers and the lines that matter.
func KeyTexts() []string {
	return []string{"Budget line", "FY plan", "Actual YTD", "Var. YTD", "Year-end", "Save",
		gridRowNames[0], gridRowNames[1], gridRowNames[2]}
}
