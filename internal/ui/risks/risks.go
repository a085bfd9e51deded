// Package risks is the Risks screen: the risk register (sortable), a side
// form to edit the selected risk, the 5 × 5 likelihood × impact heat map
// (tap a cell to filter the register), and acceptance with sign-off: a risk
// becomes accepted only with the name of who signed it off and the date.
package risks

import (
	"errors"
	"fmt"
	"image/color"
	"math"
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
	"steerco/internal/ui/settle"
)

// Screen is the Risks screen.
type Screen struct {
	ed    screen.Editor
	clock screen.Clock
	dl    screen.Dialogs
	p     *plan.Portfolio

	impact map[string]app.RiskImpact // what each risk does to the dates, by risk id (nil: not measured)
	rank   map[string]int            // each measured risk's place in the forecast's ranking (most harmful first)
	stale  bool

	all     []row // every risk, in portfolio order
	view    []int // indexes into all: filtered and sorted
	sortCol int   // -1: portfolio order
	sortAsc bool
	filter  *[2]int // (likelihood, impact) cell the register is filtered to; nil for none
	mx      matrix

	selected string // id of the risk in the form
	table    *widget.Table
	form     riskForm
	tiles    [5][5]*tile // [l-1][i-1]
	lLabels  [5]*widget.Label
	iLabels  [5]*widget.Label
	filtered *widget.Label
	showAll  *widget.Button
	state    *widget.Label

	// The sign-off dialog, while it is open.
	signDialog *dialog.FormDialog
	signName   *widget.Entry
	signDate   *widget.Entry

	formScroll *container.Scroll // re-laid out when error lines appear or go
	side       *container.AppTabs
	costLine   *widget.Label  // the cost-only risks, on a cost axis beside the matrix
	cols       *field.Columns // which columns fit, and their widths
	root       fyne.CanvasObject
}

// row is one register line: its text and its sort keys.
type row struct {
	id    string
	cells []string
	num   []float64 // per column: the numeric sort key, NaN for text columns
}

// The columns, most telling first: the P85 impact is what a risk does to
// the dates, measured; probability and impact are the owner's estimates.
// Widths are the narrowest; in a narrow window the columns of highest
// Priority are left out first (the form shows them all) and the title
// takes what is left: at least enough for most names on two lines, so at
// 1280 px the most delayed milestone gives way to the names (the form
// says it), and at 1024 the title, points lost and probability stay.
var cols = []field.Column{
	{Title: "Risk", Width: 260, Stretch: true}, {Title: "Points lost", Width: 165}, {Title: "Portfolio P85", Width: 170, Priority: 2},
	{Title: "Most delayed milestone", Width: 220, Priority: 1}, {Title: "Prob.", Width: 75},
	{Title: "Impact (days)", Width: 125, Priority: 3}, {Title: "Status", Width: 95, Priority: 3},
	{Title: "Category", Width: 110, Priority: 5}, {Title: "Owner", Width: 150, Priority: 6}, {Title: "Cost impact", Width: 130, Priority: 4},
	{Title: "Items affected", Width: 160, Priority: 7}}

// Column indexes.
const (
	cTitle = iota
	cLost
	cP85
	cWorst
	cProb
	cDays
	cStatus
	cCategory
	cOwner
	cCost
	cItems
)

// Categories and statuses: the plan's values and their labels, in menu order.
var (
	categories = [][2]string{{plan.RiskCompliance, "Compliance"}, {plan.RiskSecurity, "Security"}, {plan.RiskVendor, "Vendor"},
		{plan.RiskTechDebt, "Technical debt"}, {plan.RiskPeople, "People"}, {plan.RiskDelivery, "Delivery"}}
	statuses = [][2]string{{plan.RiskOpen, "Open"}, {plan.RiskMitigating, "Mitigating"}, {plan.RiskAccepted, "Accepted"}, {plan.RiskClosed, "Closed"}}
)

func labelOf(list [][2]string, v string) string {
	for _, x := range list {
		if x[0] == v {
			return x[1]
		}
	}
	return v
}

func valueOf(list [][2]string, label string) string {
	for _, x := range list {
		if x[1] == label {
			return x[0]
		}
	}
	return label
}

func labels(list [][2]string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = x[1]
	}
	return out
}

// New builds the screen.
// New builds the screen: ed reads and changes the risks, clock dates a
// sign-off and picks the budget year costs are banded against, dl is the
// window the sign-off dialog opens over.
func New(ed screen.Editor, clock screen.Clock, dl screen.Dialogs) *Screen {
	s := &Screen{ed: ed, clock: clock, dl: dl, sortCol: -1, sortAsc: true}
	s.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(s.view), len(s.cols.Visible) },
		newCell,
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if c := s.cols.Col(id.Col); c >= 0 {
				cellLabel(o).SetText(bidi.Shaped(s.all[s.view[id.Row]].cells[c]))
			}
		},
	)
	s.table.ShowHeaderColumn = false
	s.table.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	s.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { s.updateHeader(id, o.(*widget.Button)) }
	s.cols = field.NewColumns(s.table, cols)
	s.table.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }

	s.buildForm()
	s.filtered = widget.NewLabel("")
	s.filtered.Wrapping = fyne.TextWrapWord
	s.showAll = widget.NewButtonWithIcon("Show all", theme.ContentClearIcon(), func() { s.setFilter(nil) })
	s.showAll.Disable()
	s.state = widget.NewLabel("")
	s.state.Wrapping = fyne.TextWrapWord

	banner := container.NewBorder(nil, nil, nil, s.showAll, s.filtered)
	register := container.NewBorder(
		settle.VBox(field.Bold("Risk register"), s.state, banner),
		nil, nil, nil, container.New(s.cols, s.table))
	s.costLine = widget.NewLabel("")
	s.costLine.Wrapping = fyne.TextWrapWord
	heatTitle := field.Bold("Likelihood × impact of the live risks (tap a cell to filter the register)")
	heatTitle.Wrapping = fyne.TextWrapWord
	heat := container.NewBorder(heatTitle, nil, nil, nil,
		container.NewVScroll(container.NewVBox(s.matrixObject(), s.costLine)))
	s.formScroll = container.NewVScroll(s.formObject())
	// The register has the whole height (every row of a typical register
	// in view); the selected risk and the heat map share the side.
	s.side = container.NewAppTabs(container.NewTabItem("Selected risk", s.formScroll), container.NewTabItem("Heat map", heat))
	split := container.NewHSplit(register, s.side)
	split.Offset = 0.62
	s.root = split
	return s
}

// newCell is a register cell: a label over a spacer two lines tall, so
// every row (one height for all, which keeps the table fast) has room for
// a risk's name on two lines; what runs past the second line is shortened
// with "…" (the form shows the whole name).
func newCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Truncation = fyne.TextTruncateEllipsis
	tall := canvas.NewRectangle(color.Transparent)
	tall.SetMinSize(fyne.NewSize(0, widget.NewLabel("Two\nlines").MinSize().Height))
	return container.NewStack(tall, l)
}

// cellLabel is the label of a cell newCell made.
func cellLabel(o fyne.CanvasObject) *widget.Label {
	return o.(*fyne.Container).Objects[1].(*widget.Label)
}

func (s *Screen) updateHeader(id widget.TableCellID, b *widget.Button) {
	col := s.cols.Col(id.Col)
	if col < 0 {
		b.SetText("")
		b.OnTapped = nil
		return
	}
	b.SetText(field.SortTitle(cols[col].Title, col == s.sortCol, !s.sortAsc))
	b.OnTapped = func() { s.sortBy(col) }
}

// Title is the navigation label.
func (s *Screen) Title() string { return "Risks" }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.WarningIcon() }

// Object is the screen's content. The shell asks for it when the screen
// comes into view: once it is laid out, the selected row is highlighted.
func (s *Screen) Object() fyne.CanvasObject {
	fyne.Do(s.markSelection)
	return s.root
}

// Show displays p, keeping the selection, sort and filter.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	s.mx = buildMatrix(p, s.clock.Today())
	s.form.costLabel.SetText("Cost impact, " + p.Currency)
	s.rebuildRows()
	s.renderMatrix()
	if p.Risk(s.selected) == nil {
		s.selected = ""
		if len(s.view) > 0 {
			s.selected = s.all[s.view[0]].id
		}
	}
	s.fill()
}

// ShowForecast takes the days of P85 impact each risk adds, when the run
// measured them. A quick run without them keeps the last measured figures,
// marked as out of date.
func (s *Screen) ShowForecast(f *app.Forecast, stale bool) {
	s.stale = stale
	if f != nil && (len(f.Risks) > 0 || !stale) {
		s.impact = map[string]app.RiskImpact{}
		s.rank = map[string]int{}
		for k, ri := range f.Risks {
			s.impact[ri.RiskID] = ri
			s.rank[ri.RiskID] = k
		}
	}
	switch {
	case s.impact == nil && stale:
		s.state.SetText("Forecasting… the P85 impact of each risk appears when the full run finishes.")
	case s.impact == nil:
		s.state.SetText("No forecast yet: run the forecast to measure each risk's P85 impact.")
	case stale:
		s.state.SetText("Updating… P85 impacts are from the previous forecast and may be out of date.")
	default:
		s.state.SetText("Ranked by points lost: chance taken from milestone and commitment dates, added up (100 pts ≈ one more missed date). Days: what the risk adds to P85 dates.")
		for _, ri := range s.impact {
			if ri.Estimated {
				s.state.SetText(s.state.Text + " " + figure.EstimatedNote)
				break
			}
		}
	}
	if s.p != nil {
		s.rebuildRows()
	}
}

// rebuildRows precomputes the register's text and sort keys.
func (s *Screen) rebuildRows() {
	s.all = s.all[:0]
	for i := range s.p.Risks {
		r := &s.p.Risks[i]
		lost, lostn := "", math.NaN()
		p85, p85n := "", math.NaN()
		worst, worstn := "", math.NaN()
		if ri, ok := s.impact[r.ID]; ok {
			switch {
			case ri.CostOnly:
				lost, p85, worst = costOnly, costOnly, costOnly
				lostn, p85n, worstn = -1, -1, -1
			case ri.Estimated: // points only: see figure.EstimatedNote
				lost, lostn = noEffect, 0
				if ri.Measurable {
					lost, lostn = figure.RiskPoints(ri.PointsLost, true)+" pts", ri.PointsLost
				}
				p85, worst, p85n, worstn = figure.NotComputed, figure.NotComputed, 0, 0
			case !ri.Measurable:
				lost, p85, worst = noEffect, noEffect, noEffect
				lostn, p85n, worstn = 0, 0, 0
			default:
				lost, lostn = pointsLost(ri.PointsLost), ri.PointsLost
				p85, p85n = effect(ri.PortfolioP85Days), ri.PortfolioP85Days
				if d, ok := ri.MilestoneP85Days[ri.WorstMilestone]; ok && ri.WorstMilestone != "" {
					worst, worstn = effect(d), d
					if figure.Measurable(d, 0) {
						worst += " · " + bidi.Isolate(s.milestoneName(ri.WorstMilestone)) // shown only: it sorts by worstn
					}
				}
			}
		} else if s.impact != nil && r.Live() {
			lost, p85, lostn, p85n = "–", "–", 0, 0
		}
		nan := math.NaN()
		s.all = append(s.all, row{id: r.ID,
			cells: []string{r.Title, lost, p85, worst, figure.Percent(r.Probability), strconv.FormatFloat(r.ImpactDays, 'f', -1, 64), labelOf(statuses, r.Status),
				labelOf(categories, r.Category), r.Owner, moneyText(r.CostImpact), strings.Join(r.Items, ", ")},
			num: []float64{nan, lostn, p85n, worstn, r.Probability, r.ImpactDays, nan, nan, nan, r.CostImpact.Float(), float64(len(r.Items))}})
	}
	s.applyView()
	s.showMeasured()
	s.describeView()
}

// moneyText is a cost impact in whole units, as the board pack says it.
func moneyText(m plan.Money) string {
	if m.IsZero() {
		return ""
	}
	return figure.Money(m)
}

// effect is what a risk does to a P85 date: "+6 working days", or "no
// measurable effect" under half a day (the runs share their random numbers,
// so there is no sampling error to allow for beyond that).
// TODO(app): the standard error of a risk's effect, when outlook measures it.
func effect(d float64) string { return figure.DaysEffect(d, 0) }

// What the effect columns say of a risk whose effect is within the
// simulation's noise, and of one with a cost and no schedule impact.
const (
	noEffect = "no measurable effect"
	costOnly = "cost only"
)

// pointsLost is the ranking measure as the register says it: "23 pts".
func pointsLost(p float64) string { return figure.Number(p, 0) + " pts" }

func (s *Screen) milestoneName(id string) string {
	for _, m := range s.p.Milestones {
		if m.ID == id {
			return m.Name
		}
	}
	return id
}

// applyView filters and sorts the rows into view and refreshes the table.
func (s *Screen) applyView() {
	s.view = s.view[:0]
	for i, r := range s.all {
		if s.filter != nil {
			if c, ok := s.mx.Cell[r.id]; !ok || c != *s.filter {
				continue
			}
		}
		s.view = append(s.view, i)
	}
	if s.sortCol < 0 && s.rank != nil {
		// The forecast's ranking (points lost, then days), the order of the
		// board pack's Risks page; risks not measured follow, in portfolio
		// order.
		sort.SliceStable(s.view, func(a, b int) bool {
			x, xok := s.rank[s.all[s.view[a]].id]
			y, yok := s.rank[s.all[s.view[b]].id]
			return xok && (!yok || x < y)
		})
	}
	if c := s.sortCol; c >= 0 {
		sort.SliceStable(s.view, func(a, b int) bool {
			x, y := s.all[s.view[a]], s.all[s.view[b]]
			var less, greater bool
			if !math.IsNaN(x.num[c]) || !math.IsNaN(y.num[c]) {
				// Missing numbers sort last either way.
				switch {
				case math.IsNaN(x.num[c]):
					return false
				case math.IsNaN(y.num[c]):
					return true
				}
				less, greater = x.num[c] < y.num[c], x.num[c] > y.num[c]
			} else {
				xs, ys := strings.ToLower(x.cells[c]), strings.ToLower(y.cells[c])
				less, greater = xs < ys, xs > ys
			}
			if s.sortAsc {
				return less
			}
			return greater
		})
	}
	s.table.Refresh()
	s.markSelection()
}

// markSelection highlights the selected risk's row when it is in view.
func (s *Screen) markSelection() {
	for k, i := range s.view {
		if s.all[i].id == s.selected {
			// Table.Select scrolls; on a table never laid out (the screen
			// not shown yet) that scroll would hide the first rows.
			if sz := s.table.Size(); sz.Width > 0 && sz.Height > 0 && s.table.OnSelected != nil {
				on := s.table.OnSelected
				s.table.OnSelected = nil
				s.table.Select(widget.TableCellID{Row: k, Col: 0})
				s.table.OnSelected = on
			}
			return
		}
	}
	s.table.UnselectAll()
}

// sortBy sorts the register by column col; tapping the same column again reverses it.
func (s *Screen) sortBy(col int) {
	if s.sortCol == col {
		s.sortAsc = !s.sortAsc
	} else {
		s.sortCol, s.sortAsc = col, !(col == cProb || col == cDays || col == cCost || col == cItems || col == cP85 || col == cLost || col == cWorst)
	}
	s.applyView()
}

func (s *Screen) selectRow(r int) {
	if r < 0 || r >= len(s.view) {
		return
	}
	s.selected = s.all[s.view[r]].id
	s.fill()
}

// ---- heat map ----

// tile is one heat-map cell: a coloured square with the count; tapping it filters the register.
type tile struct {
	widget.BaseWidget
	rect  *canvas.Rectangle
	text  *canvas.Text
	onTap func()
}

func newTile(onTap func()) *tile {
	t := &tile{rect: canvas.NewRectangle(fills[0]), text: canvas.NewText("", ink), onTap: onTap}
	t.rect.SetMinSize(fyne.NewSize(56, 44)) // narrow enough for the side pane of a 1024 window
	t.rect.CornerRadius = 3
	t.rect.StrokeWidth = 0
	t.text.TextStyle.Bold = true
	t.text.Alignment = fyne.TextAlignCenter
	t.text.TextSize = theme.TextSubHeadingSize()
	t.ExtendBaseWidget(t)
	return t
}

func (t *tile) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.rect, container.NewCenter(t.text)))
}

// Tapped filters the register to the tile's cell.
func (t *tile) Tapped(*fyne.PointEvent) { t.onTap() }

func (s *Screen) matrixObject() fyne.CanvasObject {
	grid := container.NewGridWithColumns(6)
	for l := 5; l >= 1; l-- {
		lab := widget.NewLabel("")
		lab.Alignment = fyne.TextAlignTrailing
		lab.SizeName = theme.SizeNameCaptionText
		lab.Wrapping = fyne.TextWrapWord
		s.lLabels[l-1] = lab
		grid.Add(lab)
		for i := 1; i <= 5; i++ {
			l, i := l, i
			s.tiles[l-1][i-1] = newTile(func() { s.tapCell(l, i) })
			grid.Add(s.tiles[l-1][i-1])
		}
	}
	grid.Add(widget.NewLabel(""))
	for i := 1; i <= 5; i++ {
		lab := widget.NewLabel("")
		lab.Alignment = fyne.TextAlignCenter
		lab.SizeName = theme.SizeNameCaptionText
		lab.Wrapping = fyne.TextWrapWord // the bands' words are long: they wrap under their column
		s.iLabels[i-1] = lab
		grid.Add(lab)
	}
	axis := widget.NewLabelWithStyle("Likelihood ↑   ·   Impact if it happens →   ·   red: likelihood × impact ≥ 12, amber 5–11, green ≤ 4",
		fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	axis.SizeName = theme.SizeNameCaptionText
	axis.Wrapping = fyne.TextWrapWord
	return container.NewVBox(grid, axis)
}

// twoLines breaks a band description before its parenthesis: "Likely\n(50–70%)".
func twoLines(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		return s[:i] + "\n" + s[i+1:]
	}
	return s
}

func (s *Screen) renderMatrix() {
	var cost []string
	for i := range s.p.Risks {
		r := &s.p.Risks[i]
		if c, ok := s.mx.CostOnly[r.ID]; ok {
			cost = append(cost, fmt.Sprintf("• %s — %s, cost %s", bidi.Isolate(r.Title), s.mx.Likelihood[c[0]-1], s.mx.Cost[c[1]-1]))
		}
	}
	if len(cost) == 0 {
		s.costLine.SetText("")
		s.costLine.Hide()
	} else {
		s.costLine.SetText(bidi.Shaped("Cost only (no schedule impact, so not in a cell measured in days):\n" + strings.Join(cost, "\n")))
		s.costLine.Show()
	}
	for l := 1; l <= 5; l++ {
		s.lLabels[l-1].SetText(twoLines(s.mx.Likelihood[l-1]))
		s.iLabels[l-1].SetText(twoLines(s.mx.Impact[l-1]))
		for i := 1; i <= 5; i++ {
			n := s.mx.Count[l-1][i-1]
			t := s.tiles[l-1][i-1]
			fill, text := cellColours(l, i, n)
			if s.filter != nil && *s.filter == [2]int{l, i} {
				t.rect.StrokeColor = theme.Color(theme.ColorNameForeground)
				t.rect.StrokeWidth = 3
			} else {
				t.rect.StrokeWidth = 0
			}
			t.rect.FillColor = fill
			t.text.Text = strconv.Itoa(n)
			t.text.Color = text
			t.rect.Refresh()
			t.text.Refresh()
		}
	}
}

// tapCell filters the register to the risks in cell (l, i); tapping the
// cell it is already filtered to shows every risk again.
func (s *Screen) tapCell(l, i int) {
	c := [2]int{l, i}
	if s.filter != nil && *s.filter == c {
		s.setFilter(nil)
		return
	}
	s.setFilter(&c)
}

func (s *Screen) setFilter(c *[2]int) {
	s.filter = c
	if c == nil {
		s.showAll.Disable()
	} else {
		s.showAll.Enable()
	}
	s.renderMatrix()
	s.applyView()
	s.describeView()
}

// describeView says what the register shows: every risk, or one heat-map cell's.
func (s *Screen) describeView() {
	if c := s.filter; c != nil {
		s.filtered.SetText(fmt.Sprintf("Showing %s with likelihood %s and impact %s.", plural(len(s.view), "live risk", "live risks"),
			strings.ToLower(s.mx.Likelihood[c[0]-1]), strings.ToLower(s.mx.Impact[c[1]-1])))
		return
	}
	s.filtered.SetText(fmt.Sprintf("All %s. Tap a heat-map cell to show only its risks.", plural(len(s.all), "risk", "risks")))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ---- errors ----

// showErrors puts err's problems about the selected risk next to their
// fields and anything else under the form; nil clears them.
func (s *Screen) showErrors(err error) {
	s.clearErrors()
	defer s.relayout()
	if err == nil {
		return
	}
	mine, others := split(err, "risk", s.selected)
	shown := false
	for field, l := range s.form.errs {
		if msg := screen.Problem(mine, field); msg != "" {
			l.SetText(msg)
			l.Show()
			shown = true
		}
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

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them): its key column
// headers and the lines that matter.
func KeyTexts() []string {
	return []string{cols[cTitle].Title, cols[cLost].Title, cols[cProb].Title}
}
