// Package overview is the Overview screen: the portfolio at a glance,
// leading with what matters. Under the title one sentence names the
// principal threat with its chain (the most exposed milestone, what it
// waits on, the risk that hurts it most); six tiles — commitments,
// milestones by exposure, budget, capacity hot spots, top risks and
// delivery (DORA) — each open their screen; and a table ranks the
// milestones and commitments by exposure (a penalty first, then the lowest
// chance). Every figure comes through internal/app and is formatted by
// internal/figure; the status colours follow app.Policy's RAG thresholds
// in both themes.
package overview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
)

// running is what forecast tiles say before the first forecast arrives.
const running = "Forecast running…"

// Screen is the Overview screen.
type Screen struct {
	fc    screen.Forecaster
	nav   screen.Navigator
	p     *plan.Portfolio
	f     *app.Forecast // nil before the first forecast
	stale bool

	title, subtitle *widget.Label
	threat          *widget.Label // the principal threat, one sentence
	exposure        *widget.Label // what lateness is expected to cost (app.ExposureSentence)
	commitments     *tile
	milestones      *tile
	budget          *tile
	capacity        *tile
	risks           *tile
	dora            *tile
	atRiskTitle     *widget.Label
	atRisk          *widget.Table
	rowDetail       *widget.Label  // the selected row in full
	cols            *columnsLayout // lays the table out and sizes its columns
	atRiskRows      [][]string
	atRiskData      []atRiskRow // parallel to atRiskRows, for sorting
	sortCol         int         // -1: by exposure
	sortDesc        bool
	root            fyne.CanvasObject
}

// atRiskRow is one milestone or commitment of the table with the values it sorts by.
type atRiskRow struct {
	cells       []string
	milestone   bool
	penalty     bool
	target, p85 plan.Date
	chance      float64
	rag         figure.RAG
	full        string // the row in words, for the detail line (names bidi.Isolate'd)
}

// atRiskCols are the table's columns at their narrowest; the columns that
// stretch share the width left over, so the table fills its width without
// a horizontal scroll bar down to a 1024-wide window. Name, P85 and Chance
// are the ones that matter; the name and "Why" give way (their full text is
// in the detail line under the table).
var atRiskCols = []struct {
	title   string
	width   float32
	stretch bool
}{{"Milestone or commitment", 230, true}, {"Team", 120, false}, {"Target", 100, false}, {"P85", 100, false},
	{"Chance", 72, false}, {"Penalty or waiting on", 150, true}}

const (
	colName = iota
	colTeam
	colTarget
	colP85
	colChance
	colWhy
)

// New builds the screen: fc gives today and the policy, nav opens the
// screen a tile names.
func New(fc screen.Forecaster, nav screen.Navigator) *Screen {
	s := &Screen{fc: fc, nav: nav, sortCol: -1}
	s.title = widget.NewLabelWithStyle("No portfolio open", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameHeadingText
	s.subtitle = widget.NewLabel("Use File › Open to open a .steerco portfolio.")
	s.subtitle.Wrapping = fyne.TextWrapWord
	s.threat = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.threat.Wrapping = fyne.TextWrapWord
	s.threat.Hide()
	s.exposure = widget.NewLabel("")
	s.exposure.Wrapping = fyne.TextWrapWord
	s.exposure.Hide()
	s.commitments = newTile("Commitments", "Roadmap", func() { s.open("Roadmap") })
	s.milestones = newTile("Milestones", "Forecast", func() { s.open("Forecast") })
	s.budget = newTile("Budget", "Budget", func() { s.open("Budget") })
	s.capacity = newTile("Capacity hot spots", "Teams", func() { s.open("Teams") })
	s.risks = newTile("Top risks", "Risks", func() { s.open("Risks") })
	// The four DORA keys by month are a section of the board pack; there is
	// no delivery screen, so the link says where the details are.
	s.dora = newTile("Delivery (DORA)", "Reports", func() { s.open("Reports") })
	s.dora.link.SetText("Details in Reports ›")
	s.atRiskTitle = widget.NewLabelWithStyle("Milestones and commitments by exposure", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.atRiskTitle.Wrapping = fyne.TextWrapWord
	s.atRisk = s.newTable()
	s.rowDetail = field.Caption("Select a row to read it in full.")
	s.rowDetail.Wrapping = fyne.TextWrapWord
	s.rowDetail.Hide() // until a row is selected: the title says to select one

	// The story's tiles first (what is promised, what is at stake, what
	// threatens it), then capacity, money and delivery.
	// Two grids, not one: a grid's rows all take its tallest tile's
	// height, which left the shorter second row half empty.
	tiles := container.NewVBox(container.NewGridWithColumns(3, s.commitments, s.milestones, s.risks),
		container.NewGridWithColumns(3, s.capacity, s.budget, s.dora))
	s.cols = &columnsLayout{t: s.atRisk}
	table := container.New(s.cols, s.atRisk)
	// The story's tiles say their headline and two lines (the table above
	// has every milestone) and capacity too, budget and delivery their
	// headline and one, so all six fit the first screen with the table.
	for _, t := range []*tile{s.commitments, s.milestones, s.risks, s.capacity} {
		t.shown = 2
	}
	for _, t := range []*tile{s.budget, s.dora} {
		t.shown = 1
	}
	// What matters leads: the threat, then the ranked milestones and
	// commitments, then the tiles, all on the first screen at 1280 × 800:
	// the table takes the height the rest leaves (at least tableRows rows)
	// and scrolls inside. Tiles wrap rather than cut their lines, so on a
	// window too small for even that the screen scrolls down (never sideways).
	// Lines of one story sit close together (a label pads its text above
	// and below), and the hint under the table shows only once a row is
	// selected: with the exposure sentence the tiles' last lines were cut
	// at the bottom of a 1024 × 768 window.
	tight := func(objs ...fyne.CanvasObject) fyne.CanvasObject {
		return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), objs...)
	}
	top := container.NewVBox(tight(s.title, s.subtitle), tight(s.threat, s.exposure), s.atRiskTitle)
	body := container.New(storyLayout{}, top, table, s.rowDetail, tiles)
	s.root = container.NewVScroll(body)
	return s
}

func (s *Screen) open(title string) {
	if s.nav != nil {
		s.nav.Navigate(title)
	}
}

func (s *Screen) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(s.atRiskRows), len(atRiskCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { s.updateCell(id, o.(*widget.Label)) },
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { s.updateHeader(id, o.(*widget.Button)) }
	t.OnSelected = func(id widget.TableCellID) { s.selectRow(id.Row) }
	for i, c := range atRiskCols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

func (s *Screen) updateCell(id widget.TableCellID, l *widget.Label) {
	if id.Row < 0 || id.Row >= len(s.atRiskData) || id.Col < 0 || id.Col >= len(atRiskCols) {
		l.SetText("")
		return
	}
	r := &s.atRiskData[id.Row]
	imp := widget.MediumImportance
	if id.Col == colChance {
		imp = ragImportance[r.rag]
	}
	style := fyne.TextStyle{Bold: r.milestone && id.Col == colName}
	if l.Importance != imp || l.TextStyle != style {
		l.Importance, l.TextStyle = imp, style
	}
	l.SetText(bidi.Shaped(r.cells[id.Col]))
}

// selectRow shows the selected row in full under the table.
func (s *Screen) selectRow(i int) {
	if i < 0 || i >= len(s.atRiskData) {
		return
	}
	s.rowDetail.SetText(bidi.Shaped(s.atRiskData[i].full))
	s.rowDetail.Show()
}

// columnsLayout gives its table the whole space and shares the width the
// fixed columns leave among the stretching ones.
type columnsLayout struct {
	t      *widget.Table
	widths []float32 // last widths set
}

// tableRows is how many rows the table shows at least.
const tableRows = 3

// storyLayout stacks its objects (the heading, the table, the detail
// line, the tiles) like a VBox, but gives the table (the second) all the
// height the others leave, so the tiles sit at the bottom of the first
// screen rather than a scroll away.
type storyLayout struct{}

func (storyLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height
		n++
	}
	return fyne.NewSize(w, h+float32(max(n-1, 0))*theme.Padding())
}

func (l storyLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	extra := size.Height - l.MinSize(objs).Height
	y := float32(0)
	for i, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		if i == 1 && extra > 0 {
			h += extra
		}
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h + theme.Padding()
	}
}

func (l *columnsLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	sep := theme.SeparatorThicknessSize()
	row := widget.NewLabel("x").MinSize().Height + sep
	head := widget.NewButton("x", nil).MinSize().Height + sep
	return fyne.NewSize(l.t.MinSize().Width, head+row*tableRows+1)
}

func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := columnWidths(size.Width - theme.Padding() - theme.ScrollBarSize())
	for i := range w {
		if len(l.widths) != len(w) || l.widths[i] != w[i] {
			l.t.SetColumnWidth(i, w[i])
		}
	}
	l.widths = w
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// columnWidths returns the widths of atRiskCols in a table width wide: the
// narrowest widths, plus an equal share of what is left for each stretching
// column (separators between columns count as padding). When even the
// narrowest widths do not fit, the stretching columns give way first (down
// to 90 px), so the name, P85 and Chance stay in view.
func columnWidths(width float32) []float32 {
	out := make([]float32, len(atRiskCols))
	used, n := float32(len(atRiskCols)-1)*theme.SeparatorThicknessSize(), float32(0)
	for i, c := range atRiskCols {
		out[i] = c.width
		used += c.width
		if c.stretch {
			n++
		}
	}
	extra := width - used
	for i, c := range atRiskCols {
		if c.stretch {
			out[i] = max(90, out[i]+float32(math.Floor(float64(extra/n))))
		}
	}
	return out
}

func (s *Screen) updateHeader(id widget.TableCellID, b *widget.Button) {
	if id.Col < 0 {
		return
	}
	b.SetText(field.SortTitle(atRiskCols[id.Col].title, id.Col == s.sortCol, s.sortDesc))
	col := id.Col
	b.OnTapped = func() { s.sortBy(col) }
}

// sortBy sorts the rows by column col; tapping it again reverses the order.
func (s *Screen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	s.sortAtRisk()
	s.atRisk.Refresh()
}

// exposed reports whether a comes before b by exposure: a penalty first,
// then the lower chance (as shown), then milestones before items.
func exposed(a, b atRiskRow) (less, equal bool) {
	if a.penalty != b.penalty {
		return a.penalty, false
	}
	if x, y := figure.Shown(a.chance), figure.Shown(b.chance); x != y {
		return x < y, false
	}
	if a.milestone != b.milestone {
		return a.milestone, false
	}
	return false, true
}

func (s *Screen) sortAtRisk() {
	col, desc := s.sortCol, s.sortDesc
	less := func(a, b atRiskRow) (bool, bool) { // less, equal
		switch col {
		case -1:
			return exposed(a, b)
		case colChance:
			return a.chance < b.chance, a.chance == b.chance
		case colTarget:
			return a.target < b.target, a.target == b.target
		case colP85:
			return a.p85 < b.p85, a.p85 == b.p85
		}
		x, y := strings.ToLower(a.cells[col]), strings.ToLower(b.cells[col])
		return x < y, x == y
	}
	sort.SliceStable(s.atRiskData, func(i, j int) bool {
		l, eq := less(s.atRiskData[i], s.atRiskData[j])
		return !eq && l != desc
	})
	s.atRiskRows = s.atRiskRows[:0]
	for _, r := range s.atRiskData {
		s.atRiskRows = append(s.atRiskRows, r.cells)
	}
}

// Title is the navigation label.
func (s *Screen) Title() string { return "Overview" }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.HomeIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// asOf is the date the numbers are as of: the forecast's, else the date a
// forecast would start from (app's rule).
func (s *Screen) asOf() plan.Date {
	if s.f != nil {
		return s.f.AsOf
	}
	return app.AsOf(s.p, s.fc.Today(), 0)
}

// Show displays p.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	s.title.SetText(bidi.Shaped(p.Name))
	s.showSubtitle()
	s.showBudget()
	s.showDORA()
	s.showForecast()
}

func (s *Screen) showSubtitle() {
	parts := []string{s.p.Currency, "fiscal year starts in " + s.p.FiscalYearStart.String(), "as of " + figure.Date(s.asOf())}
	if s.p.Confidentiality != "" {
		parts = append(parts, bidi.Isolate(s.p.Confidentiality))
	}
	s.subtitle.SetText(bidi.Shaped(strings.Join(parts, " · ")))
}

// ShowForecast shows forecast results; stale marks them as being recomputed.
func (s *Screen) ShowForecast(f *app.Forecast, stale bool) {
	s.f, s.stale = f, stale
	if s.p != nil {
		s.showSubtitle()
		s.showForecast()
	}
}

func (s *Screen) showForecast() {
	s.showAtRisk()
	s.showThreat()
	s.showExposure()
	s.showCommitments()
	s.showMilestones()
	s.showCapacity()
	s.showRisks()
	s.relayout()
}

// relayout lays the screen out again: a wrapped line knows its height
// only once it has its width, so new texts take a second pass.
func (s *Screen) relayout() {
	s.root.Refresh()
}

// rag classifies a chance by the policy's thresholds (from the value shown).
func (s *Screen) rag(p float64) figure.RAG {
	if p < 0 {
		return figure.None
	}
	return s.fc.Policy().RAG.Of(p)
}

// ragImportance colours a status the same way in both themes.
var ragImportance = map[figure.RAG]widget.Importance{
	figure.None:  widget.MediumImportance,
	figure.Green: widget.SuccessImportance,
	figure.Amber: widget.WarningImportance,
	figure.Red:   widget.DangerImportance,
}

// --- tiles ---

// commitmentBands counts open committed items with a target by their
// status (the policy's thresholds on the chance as shown).
func (s *Screen) commitmentBands() (onTrack, atRisk, offTrack int) {
	for _, it := range s.p.Items {
		if !it.Open() || it.Commitment != plan.Committed || it.Target.IsZero() {
			continue
		}
		fi := s.f.Item(it.ID)
		if fi == nil || fi.PTarget < 0 {
			continue
		}
		switch s.rag(fi.PTarget) {
		case figure.Green:
			onTrack++
		case figure.Amber:
			atRisk++
		default:
			offTrack++
		}
	}
	return onTrack, atRisk, offTrack
}

// bands says the policy's thresholds in words: "on track ≥ 80%, at risk 50–80%, off track < 50%".
func (s *Screen) bands() (green, amber string) {
	t := s.fc.Policy().RAG
	return figure.Percent(t.Green), figure.Percent(t.Amber)
}

func (s *Screen) showCommitments() {
	t := s.commitments
	g, a := s.bands()
	if s.f == nil {
		t.set(running, []string{"On track ≥ " + g + ", at risk " + a + "–" + g + ", off track < " + a + ": the chance of meeting each committed date."}, false)
		return
	}
	on, risk, off := s.commitmentBands()
	n := on + risk + off
	if n == 0 {
		t.set("No open commitments", []string{"No open committed item has a target date."}, s.stale)
		return
	}
	t.set(fmt.Sprintf("%s of %s on track", figure.Number(float64(on), 0), figure.Number(float64(n), 0)), []string{
		fmt.Sprintf("%d at risk (%s–%s) · %d off track (< %s)", risk, a, g, off, a),
		fmt.Sprintf("%s chance that all %d land on time", figure.Percent(s.f.Committed), n),
	}, s.stale)
	switch {
	case off > 0:
		t.colour(widget.DangerImportance)
	case risk > 0:
		t.colour(widget.WarningImportance)
	default:
		t.colour(widget.SuccessImportance)
	}
}

// exposedMilestones returns the milestones not yet done whose date is on
// or after the as-of date, by exposure: a penalty first, then the lowest
// chance (before a forecast: by date).
func (s *Screen) exposedMilestones() []plan.Milestone {
	var out []plan.Milestone
	asOf := s.asOf()
	for _, m := range s.p.Milestones {
		if m.Date < asOf {
			continue
		}
		if s.f != nil {
			if mf := s.f.Milestone(m.ID); mf != nil && mf.Done {
				continue
			}
		}
		out = append(out, m)
	}
	chance := func(m plan.Milestone) float64 {
		if s.f != nil {
			if mf := s.f.Milestone(m.ID); mf != nil {
				return figure.Shown(mf.PTarget)
			}
		}
		return 2
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Penalty != "") != (b.Penalty != "") {
			return a.Penalty != ""
		}
		if ca, cb := chance(a), chance(b); ca != cb {
			return ca < cb
		}
		return a.Date < b.Date
	})
	return out
}

// milestoneLine is one milestone of the tile: "47% · CMS mandate (22 Apr 2027)".
func (s *Screen) milestoneLine(m plan.Milestone) string {
	if s.f != nil {
		if mf := s.f.Milestone(m.ID); mf != nil {
			return fmt.Sprintf("%s · %s (%s)", figure.Percent(mf.PTarget), bidi.Isolate(m.Name), figure.Date(m.Date))
		}
	}
	return bidi.Isolate(m.Name) + " (" + figure.Date(m.Date) + ")"
}

func (s *Screen) showMilestones() {
	t := s.milestones
	ms := s.exposedMilestones()
	if len(ms) == 0 {
		t.set("No milestones ahead", []string{"Add dated commitments (a mandate, a launch) to see their odds here."}, false)
		return
	}
	lines := make([]string, 0, maxLines)
	for _, m := range ms[:min(maxLines, len(ms))] {
		lines = append(lines, s.milestoneLine(m))
	}
	if s.f == nil {
		t.set(running, lines, false)
		return
	}
	on := 0
	worst := figure.Green
	for _, m := range ms {
		if mf := s.f.Milestone(m.ID); mf != nil {
			switch r := s.rag(mf.PTarget); {
			case r == figure.Green:
				on++
			case r == figure.Red || worst == figure.Green:
				worst = r
			}
		}
	}
	t.set(fmt.Sprintf("%s of %s ahead on track", figure.Number(float64(on), 0), figure.Number(float64(len(ms)), 0)), lines, s.stale)
	t.colour(ragImportance[worst])
}

// showThreat says the principal threat in one sentence with its chain:
// the most exposed milestone that is not on track, the item that most
// often finishes it last and what that item waits on, and the measured
// risk that costs it the most chance.
func (s *Screen) showThreat() {
	if s.f == nil {
		s.threat.Hide()
		return
	}
	var m *plan.Milestone
	var mf *app.MilestoneForecast
	for _, x := range s.exposedMilestones() {
		if f := s.f.Milestone(x.ID); f != nil && f.PTarget >= 0 && s.rag(f.PTarget) != figure.Green {
			m, mf = &x, f
			break
		}
	}
	if m == nil {
		g, _ := s.bands()
		s.threat.Importance = widget.SuccessImportance
		s.threat.SetText("Every milestone ahead is on track (" + g + " or more).")
		s.threat.Show()
		return
	}
	text := fmt.Sprintf("Principal threat: %s, %s chance of %s", bidi.Isolate(m.Name), figure.Percent(mf.PTarget), figure.Date(m.Date))
	if mf.Driver != "" {
		text += ", held up by " + bidi.Isolate(s.itemName(mf.Driver))
		if fi := s.f.Item(mf.Driver); fi != nil {
			if w := s.waitingOn(fi); w != "" {
				text += ", which waits on " + w
			}
		}
	}
	if r, drop := s.worstRisk(m.ID); r != nil {
		text += "; the risk that costs it most: " + bidi.Isolate(r.Title) + " (" + figure.Points(drop) + ")"
	}
	s.threat.Importance = ragImportance[s.rag(mf.PTarget)]
	s.threat.SetText(bidi.Shaped(text + "."))
	s.threat.Show()
}

// penaltyExposure is milestone id's penalty across the trials, or nil
// when it has no penalty in money (or the forecast has no exposure).
func (s *Screen) penaltyExposure(id string) *app.PenaltyExposure {
	if s.f == nil || s.f.Exposure == nil {
		return nil
	}
	for i := range s.f.Exposure.Milestones {
		if e := &s.f.Exposure.Milestones[i]; e.ID == id {
			return e
		}
	}
	return nil
}

// showExposure says, under the threat, what lateness is expected to cost
// (the board pack's sentence); hidden when nothing has a price.
func (s *Screen) showExposure() {
	text := ""
	if s.f != nil {
		text = app.ExposureSentence(s.p, s.f)
	}
	s.exposure.SetText(bidi.Shaped(text))
	if text == "" {
		s.exposure.Hide()
	} else {
		s.exposure.Show()
	}
}

// worstRisk is the measured risk that lowers milestone id's chance the
// most, with the change (negative), or nil when none measurably does.
func (s *Screen) worstRisk(id string) (*plan.Risk, float64) {
	var best *plan.Risk
	worst := 0.0
	for _, ri := range s.f.Risks {
		if d := ri.MilestonePTarget[id]; d < worst && figure.Shown(-d) >= 0.01 {
			if r := s.p.Risk(ri.RiskID); r != nil {
				best, worst = r, d
			}
		}
	}
	return best, worst
}

func (s *Screen) itemName(id string) string {
	if it := s.p.Item(id); it != nil {
		return it.Title
	}
	return id
}

func (s *Screen) showBudget() {
	t := s.budget
	today := s.fc.Today()
	fy := s.p.FiscalYearOf(today)
	y := s.p.BudgetYear(fy, today)
	if len(s.p.BudgetLines) == 0 {
		t.set("No budget lines", []string{fmt.Sprintf("FY%d has no plan yet.", fy)}, false)
		return
	}
	tot := y.Total
	if y.ClosedThrough.IsZero() {
		t.set(fmt.Sprintf("FY%d plan %s", fy, figure.MoneyShort(tot.Plan)), []string{"No actuals are in for this fiscal year yet."}, false)
		return
	}
	t.set(capital(overUnder(tot.VarianceToDate(), ratio(tot.VarianceToDatePct)))+" year to date", []string{
		fmt.Sprintf("Actual %s vs plan %s, through %s", figure.MoneyShort(tot.Actual), figure.MoneyShort(tot.PlanToDate), y.ClosedThrough.Label()),
		"Projected at year end: " + overUnder(tot.VarianceYearEnd(), ratio(tot.VarianceYearEndPct)),
		fmt.Sprintf("Projection %s vs FY%d plan %s", figure.MoneyShort(tot.Forecast), fy, figure.MoneyShort(tot.Plan)),
	}, false)
	if tot.VarianceToDate().Minor > 0 {
		t.colour(widget.DangerImportance) // overspend: red on every surface
	}
}

// hotSpot is a team-quarter likely to be over-committed.
type hotSpot struct {
	team    string
	quarter string
	pOver   float64
}

// hotSpots returns the team-quarters at or above the policy's
// over-commitment level (as shown), most likely first.
func (s *Screen) hotSpots() []hotSpot {
	var out []hotSpot
	level := s.fc.Policy().OverCommitted
	for _, tq := range s.f.Teams {
		if !figure.AtLeast(tq.POver, level) {
			continue
		}
		name := tq.TeamID
		if t := s.p.Team(tq.TeamID); t != nil {
			name = t.Name
		}
		out = append(out, hotSpot{team: name, quarter: app.QuarterLabel(tq), pOver: tq.POver})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pOver > out[j].pOver })
	return out
}

func (s *Screen) showCapacity() {
	t := s.capacity
	level := figure.Percent(s.fc.Policy().OverCommitted)
	if s.f == nil {
		t.set(running, []string{"Team quarters where demand is at least " + level + " likely to exceed capacity."}, false)
		return
	}
	hs := s.hotSpots()
	if len(hs) == 0 {
		t.set("No hot spots", []string{"No team quarter is " + level + " or more likely to be over-committed."}, s.stale)
		t.colour(widget.SuccessImportance)
		return
	}
	lines := make([]string, 0, maxLines)
	for i, h := range hs {
		if i == maxLines-1 && len(hs) > maxLines {
			lines = append(lines, fmt.Sprintf("and %d more", len(hs)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("%s: %s chance over in %s", bidi.Isolate(h.team), figure.Percent(h.pOver), h.quarter))
	}
	t.set(plural(len(hs), "team quarter over-committed", "team quarters over-committed"), lines, s.stale)
	t.colour(widget.WarningImportance)
}

// topRisks returns up to n risk lines: in the forecast's order of harm — the
// one ranking every surface uses, points of chance lost over every
// milestone and commitment (outlook.RiskImpact.PointsLost) — when it
// measured risk impacts, else by probability × schedule impact. measured
// reports which.
func topRisks(p *plan.Portfolio, f *app.Forecast, n int) (lines []string, measured bool) {
	if f != nil && len(f.Risks) > 0 {
		for _, ri := range f.Risks {
			r := p.Risk(ri.RiskID)
			if r == nil {
				continue
			}
			switch {
			case ri.CostOnly:
				lines = append(lines, "cost only · "+bidi.Isolate(r.Title))
			case !ri.Measurable:
				lines = append(lines, "no measurable effect · "+bidi.Isolate(r.Title))
			case ri.Estimated: // points only: see figure.EstimatedNote
				lines = append(lines, fmt.Sprintf("%s pts of chance lost (estimated) · %s", figure.RiskPoints(ri.PointsLost, true), bidi.Isolate(r.Title)))
			case figure.Number(ri.PointsLost, 0) == "0":
				_, days := ri.Harm()
				lines = append(lines, fmt.Sprintf("+%s at P85 · %s", figure.WorkingDays(days), bidi.Isolate(r.Title)))
			default:
				_, days := ri.Harm()
				lines = append(lines, fmt.Sprintf("%s pts of chance lost, +%s · %s", figure.Number(ri.PointsLost, 0), figure.WorkingDays(days), bidi.Isolate(r.Title)))
			}
			if len(lines) == n {
				break
			}
		}
		return lines, true
	}
	var live []plan.Risk
	for _, r := range p.Risks {
		if r.Live() {
			live = append(live, r)
		}
	}
	sort.SliceStable(live, func(i, j int) bool {
		return live[i].Probability*live[i].ImpactDays > live[j].Probability*live[j].ImpactDays
	})
	for _, r := range live[:min(n, len(live))] {
		lines = append(lines, fmt.Sprintf("%s × %s · %s", figure.Percent(r.Probability), figure.WorkingDays(r.ImpactDays), bidi.Isolate(r.Title)))
	}
	return lines, false
}

func (s *Screen) showRisks() {
	t := s.risks
	live := 0
	for _, r := range s.p.Risks {
		if r.Live() {
			live++
		}
	}
	if live == 0 {
		t.set("No live risks", []string{"The register has no open, mitigating or accepted risk."}, false)
		return
	}
	lines, measured := topRisks(s.p, s.f, maxLines)
	if measured {
		t.set(plural(live, "live risk", "live risks")+"; most harmful first", lines, s.stale)
		return
	}
	t.set(plural(live, "live risk", "live risks")+", by probability × impact", lines, s.f != nil && s.stale)
}

func (s *Screen) showDORA() {
	t := s.dora
	m, ok := app.Delivery(s.p, s.fc.Today())
	if !ok {
		t.set("No delivery data", []string{"Import deployments, changes and incidents to rate the four DORA keys."}, false)
		return
	}
	value := fmt.Sprintf("%s tier, %s – %s", capital(m.Overall.String()), m.From.Label(), m.To.Label())
	key := func(ok bool, text string, tier app.DeliveryTier) string {
		if !ok {
			return text + " no data"
		}
		return text + " (" + tier.String() + ")"
	}
	t.set(value, []string{
		key(m.Frequency.HasData(), "Deploys "+figure.Number(m.Frequency.PerWeek, 1)+" a week", m.Frequency.Tier) + " · " +
			key(m.LeadTime.HasData(), "lead time "+figure.Hours(m.LeadTime.MedianHours), m.LeadTime.Tier),
		key(m.ChangeFailure.HasData(), "Change failure "+figure.Percent(m.ChangeFailure.Rate), m.ChangeFailure.Tier) + " · " +
			key(m.Restore.HasData(), "restore "+figure.Hours(m.Restore.MedianHours), m.Restore.Tier),
	}, false)
}

// showAtRisk lists the open milestones and commitments by exposure.
func (s *Screen) showAtRisk() {
	s.atRiskData = s.atRiskData[:0]
	heading := "Milestones and commitments by exposure: penalties first, then the least likely to make their dates"
	switch {
	case s.f == nil:
		heading += " — " + running
	case s.stale:
		heading += " — updating…"
	}
	s.atRiskTitle.SetText(heading)
	if s.f != nil {
		for _, m := range s.p.Milestones {
			mf := s.f.Milestone(m.ID)
			if mf == nil || mf.Done || mf.PTarget < 0 {
				continue
			}
			why := m.Penalty
			ex := s.penaltyExposure(m.ID)
			if ex != nil {
				why = figure.MoneyShort(ex.Expected) + " expected penalty (P85 " + figure.MoneyShort(ex.P85) + ")" // the amount first: a narrow column keeps it
			}
			if why == "" && mf.Driver != "" {
				why = bidi.Isolate(s.itemName(mf.Driver)) + " (" + figure.Percent(mf.DriverShare) + " of trials)"
			}
			r := atRiskRow{
				cells:     []string{m.Name, "Milestone", figure.Date(m.Date), figure.Date(mf.Finish.P85), figure.Percent(mf.PTarget), why},
				milestone: true, penalty: m.Penalty != "" || m.HasPenalty(), target: m.Date, p85: mf.Finish.P85, chance: mf.PTarget, rag: s.rag(mf.PTarget),
			}
			r.full = fmt.Sprintf("%s (milestone): target %s, P85 %s, %s chance.", bidi.Isolate(m.Name), figure.Date(m.Date), figure.Date(mf.Finish.P85), figure.Percent(mf.PTarget))
			if terms := app.PenaltyTerms(&m); terms != "" {
				r.full += " Penalty: " + terms
				if m.Penalty != "" {
					r.full += " (" + bidi.Isolate(m.Penalty) + ")"
				}
				r.full += "."
			} else if m.Penalty != "" {
				r.full += " Penalty: " + bidi.Isolate(m.Penalty) + "."
			}
			if ex != nil {
				r.full += fmt.Sprintf(" Expected penalty %s, P85 %s; %s a week late.", figure.MoneyShort(ex.Expected), figure.MoneyShort(ex.P85), figure.MoneyShort(ex.PerWeek))
			}
			s.atRiskData = append(s.atRiskData, r)
		}
		for i := range s.p.Items {
			it := &s.p.Items[i]
			if !it.Open() || it.Commitment != plan.Committed || it.Target.IsZero() {
				continue
			}
			fi := s.f.Item(it.ID)
			if fi == nil || fi.PTarget < 0 {
				continue
			}
			team := it.TeamID
			if t := s.p.Team(team); t != nil {
				team = t.Name
			}
			why := s.waitingOn(fi)
			r := atRiskRow{
				cells:  []string{it.Title, team, figure.Date(it.Target), figure.Date(fi.Finish.P85), figure.Percent(fi.PTarget), why},
				target: it.Target, p85: fi.Finish.P85, chance: fi.PTarget, rag: s.rag(fi.PTarget),
			}
			r.full = fmt.Sprintf("%s (%s, %s): target %s, P85 %s, %s chance.", bidi.Isolate(it.Title), it.ID, bidi.Isolate(team), figure.Date(it.Target), figure.Date(fi.Finish.P85), figure.Percent(fi.PTarget))
			if why != "" {
				r.full += " Waiting on " + why + "."
			}
			s.atRiskData = append(s.atRiskData, r)
		}
	}
	s.sortAtRisk()
	s.atRisk.Refresh()
}

// waitingOn says what holds an item back: its driving predecessor, or its team's capacity.
func (s *Screen) waitingOn(f *app.ItemForecast) string {
	switch {
	case f.Driver != "" && f.WaitDependencyDays >= f.WaitCapacityDays && f.WaitDependencyDays >= 1:
		return fmt.Sprintf("%s (%s of trials)", bidi.Isolate(s.itemName(f.Driver)), figure.Percent(f.DriverShare))
	case f.WaitCapacityDays >= 1:
		return fmt.Sprintf("team capacity (%s)", figure.WorkingDays(f.WaitCapacityDays))
	}
	return ""
}

// --- formatting ---

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func ratio(f func() (float64, bool)) string {
	v, ok := f()
	if !ok {
		return ""
	}
	return figure.Number(math.Abs(v)*100, 1) + "%"
}

// overUnder writes a variance for people: "USD 76k over (1.7%)", "USD 12k under", "on plan".
func overUnder(v plan.Money, share string) string {
	if v.IsZero() {
		return "on plan"
	}
	word := "over"
	amount := v
	if v.Minor < 0 {
		word, amount = "under", v.Neg()
	}
	s := figure.MoneyShort(amount) + " " + word
	if share != "" {
		s += " (" + share + ")"
	}
	return s
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them in the real shell):
// the ranked table's key headers and every tile, in view without
// scrolling (the tiles' lines wrap, so they are never cut).
func KeyTexts() []string {
	// The links name every tile, the second row's included: all six are
	// on the first screen, never a scroll away.
	return []string{"Milestone or commitment", "P85", "Chance", "Commitments", "Milestones", "Top risks",
		"Open Roadmap ›", "Open Forecast ›", "Open Risks ›", "Open Teams ›", "Open Budget ›", "Details in Reports ›"}
}
