// Package overview is the Overview screen: the portfolio at a glance.
// Six tiles — commitments on track, next milestones, budget, capacity hot
// spots, top risks and delivery (DORA) — each open their screen, and a
// table lists the commitments least likely to make their dates. Forecast
// numbers come from outlook, budget numbers from plan.BudgetYear and
// delivery numbers from delivery.Summary; the screen only formats them.
package overview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/delivery"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
)

// Probability bands of a commitment meeting its target.
const (
	onTrackP = 0.8 // on track at or above
	atRiskP  = 0.5 // at risk at or above, off track below
	hotPOver = 0.5 // a team-quarter is a hot spot when over-commitment is at least this likely
)

// deliveryMonths is how many months of delivery records the DORA tile rates.
const deliveryMonths = 6

// running is what forecast tiles say before the first forecast arrives.
const running = "Forecast running…"

// Screen is the Overview screen.
type Screen struct {
	env   *screen.Env
	p     *plan.Portfolio
	f     *outlook.Forecast // nil before the first forecast
	stale bool

	title, subtitle *widget.Label
	commitments     *tile
	milestones      *tile
	budget          *tile
	capacity        *tile
	risks           *tile
	dora            *tile
	atRiskTitle     *widget.Label
	atRisk          *widget.Table
	cols            *columnsLayout // lays the table out and sizes its columns
	atRiskRows      [][]string
	atRiskData      []atRiskRow // parallel to atRiskRows, for sorting
	sortCol         int         // -1: by chance, lowest first
	sortDesc        bool
	root            fyne.CanvasObject
}

// atRiskRow is one commitment of the table with the values it sorts by.
type atRiskRow struct {
	cells            []string
	target, p50, p85 plan.Date
	chance           float64
}

// atRiskCols are the table's columns at their narrowest; the columns that
// stretch share the width left over, so the table fills its width without
// a horizontal scroll bar down to a 1280-wide window.
var atRiskCols = []struct {
	title   string
	width   float32
	stretch bool
}{{"Commitment", 240, true}, {"Team", 135, false}, {"Target", 100, false}, {"P50", 100, false}, {"P85", 100, false},
	{"Chance", 70, false}, {"Waiting on", 190, true}}

// New builds the screen.
func New(env *screen.Env) *Screen {
	s := &Screen{env: env, sortCol: -1}
	s.title = widget.NewLabelWithStyle("No portfolio open", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameHeadingText
	s.subtitle = widget.NewLabel("Use File › Open to open a .steerco portfolio.")
	s.commitments = newTile("Commitments", "Roadmap", func() { s.open("Roadmap") })
	s.milestones = newTile("Next milestones", "Forecast", func() { s.open("Forecast") })
	s.budget = newTile("Budget", "Budget", func() { s.open("Budget") })
	s.capacity = newTile("Capacity hot spots", "Teams", func() { s.open("Teams") })
	s.risks = newTile("Top risks", "Risks", func() { s.open("Risks") })
	// The four DORA keys by month are a section of the board pack; there is
	// no delivery screen, so the link says where the details are.
	s.dora = newTile("Delivery (DORA)", "Reports", func() { s.open("Reports") })
	s.dora.link.SetText("Details in Reports ›")
	s.atRiskTitle = widget.NewLabelWithStyle("Commitments least likely to make their dates", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.atRisk = s.newTable()

	tiles := container.NewGridWithColumns(3, s.commitments, s.milestones, s.budget, s.capacity, s.risks, s.dora)
	top := container.NewVBox(s.title, s.subtitle, tiles)
	s.cols = &columnsLayout{t: s.atRisk}
	table := container.New(s.cols, s.atRisk)
	s.root = container.NewBorder(top, nil, nil, nil, container.NewBorder(s.atRiskTitle, nil, nil, nil, table))
	return s
}

func (s *Screen) open(title string) {
	if s.env.Navigate != nil {
		s.env.Navigate(title)
	}
}

func (s *Screen) newTable() *widget.Table {
	rows := &s.atRiskRows
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(*rows), len(atRiskCols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText((*rows)[id.Row][id.Col])
		},
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButton("", nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) { s.updateHeader(id, o.(*widget.Button)) }
	for i, c := range atRiskCols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// columnsLayout gives its table the whole space and shares the width the
// fixed columns leave among the stretching ones.
type columnsLayout struct {
	t      *widget.Table
	widths []float32 // last widths set
}

func (l *columnsLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.t.MinSize() }

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
// column (separators between columns count as padding).
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
	if extra := width - used; extra > 0 {
		for i, c := range atRiskCols {
			if c.stretch {
				out[i] += float32(math.Floor(float64(extra / n)))
			}
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

// sortBy sorts the commitments by column col; tapping it again reverses the order.
func (s *Screen) sortBy(col int) {
	if col == s.sortCol {
		s.sortDesc = !s.sortDesc
	} else {
		s.sortCol, s.sortDesc = col, false
	}
	s.sortAtRisk()
	s.atRisk.Refresh()
}

func (s *Screen) sortAtRisk() {
	col, desc := s.sortCol, s.sortDesc
	less := func(a, b atRiskRow) (bool, bool) { // less, equal
		switch col {
		case -1, 5:
			return a.chance < b.chance, a.chance == b.chance
		case 2:
			return a.target < b.target, a.target == b.target
		case 3:
			return a.p50 < b.p50, a.p50 == b.p50
		case 4:
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

// Show displays p.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	s.title.SetText(p.Name)
	parts := []string{p.Currency, "fiscal year starts in " + p.FiscalYearStart.String(), "as of " + s.env.Today().String()}
	if p.Confidentiality != "" {
		parts = append(parts, p.Confidentiality)
	}
	s.subtitle.SetText(strings.Join(parts, " · "))
	s.showBudget()
	s.showDORA()
	s.showForecast()
}

// ShowForecast shows forecast results; stale marks them as being recomputed.
func (s *Screen) ShowForecast(f *outlook.Forecast, stale bool) {
	s.f, s.stale = f, stale
	if s.p != nil {
		s.showForecast()
	}
}

func (s *Screen) showForecast() {
	s.showCommitments()
	s.showMilestones()
	s.showCapacity()
	s.showRisks()
	s.showAtRisk()
}

// --- tiles ---

// commitmentBands counts open committed items with a target by their
// chance of meeting it.
func commitmentBands(p *plan.Portfolio, f *outlook.Forecast) (onTrack, atRisk, offTrack int) {
	for _, it := range p.Items {
		if !it.Open() || it.Commitment != plan.Committed || it.Target.IsZero() {
			continue
		}
		fi := f.Item(it.ID)
		if fi == nil || fi.PTarget < 0 {
			continue
		}
		switch {
		case fi.PTarget >= onTrackP:
			onTrack++
		case fi.PTarget >= atRiskP:
			atRisk++
		default:
			offTrack++
		}
	}
	return onTrack, atRisk, offTrack
}

func (s *Screen) showCommitments() {
	t := s.commitments
	if s.f == nil {
		t.set(running, []string{"On track ≥ 80%, at risk 50–80%, off track < 50%:", "the chance of meeting each committed date."}, false)
		return
	}
	on, risk, off := commitmentBands(s.p, s.f)
	n := on + risk + off
	if n == 0 {
		t.set("No open commitments", []string{"No open committed item has a target date."}, s.stale)
		return
	}
	value := fmt.Sprintf("%d of %d on track", on, n)
	t.set(value, []string{
		fmt.Sprintf("%d at risk (50–80%%) · %d off track (< 50%%)", risk, off),
		fmt.Sprintf("%s chance that all %d land on time", pct(s.f.Committed), n),
	}, s.stale)
}

// nextMilestones returns up to n milestones not yet done whose date is on
// or after today, soonest first.
func nextMilestones(p *plan.Portfolio, f *outlook.Forecast, today plan.Date, n int) []plan.Milestone {
	var out []plan.Milestone
	for _, m := range p.Milestones {
		if m.Date < today {
			continue
		}
		if f != nil {
			if mf := f.Milestone(m.ID); mf != nil && mf.Done {
				continue
			}
		}
		out = append(out, m)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// milestoneLine is one milestone of the tile, numbers first so a long name
// is what gets cut: "31 Mar · 64% · P85 12 Apr · CMS mandate".
func milestoneLine(m plan.Milestone, f *outlook.Forecast) string {
	if f != nil {
		if mf := f.Milestone(m.ID); mf != nil {
			return fmt.Sprintf("%s · %s · P85 %s · %s", shortDay(m.Date), pct(mf.PTarget), dayBeside(m.Date, mf.Finish.P85), m.Name)
		}
	}
	return fmt.Sprintf("%s · %s", day(m.Date), m.Name)
}

func (s *Screen) showMilestones() {
	t := s.milestones
	ms := nextMilestones(s.p, s.f, s.env.Today(), 3)
	if len(ms) == 0 {
		t.set("No milestones ahead", []string{"Add dated commitments (a mandate, a launch)", "to see their odds here."}, false)
		return
	}
	lines := make([]string, len(ms))
	for i, m := range ms {
		lines[i] = milestoneLine(m, s.f)
	}
	if s.f == nil {
		t.set(running, lines, false)
		return
	}
	value := "Next on " + day(ms[0].Date)
	if mf := s.f.Milestone(ms[0].ID); mf != nil {
		value = fmt.Sprintf("%s chance to hold %s", pct(mf.PTarget), day(ms[0].Date))
	}
	t.set(value, lines, s.stale)
}

func (s *Screen) showBudget() {
	t := s.budget
	today := s.env.Today()
	fy := s.p.FiscalYearOf(today)
	y := s.p.BudgetYear(fy, today)
	if len(s.p.BudgetLines) == 0 {
		t.set("No budget lines", []string{fmt.Sprintf("FY%d has no plan yet.", fy)}, false)
		return
	}
	tot := y.Total
	if y.ClosedThrough.IsZero() {
		t.set(fmt.Sprintf("FY%d plan %s", fy, compact(tot.Plan)), []string{"No actuals are in for this fiscal year yet."}, false)
		return
	}
	t.set(capital(overUnder(tot.VarianceToDate(), ratio(tot.VarianceToDatePct)))+" year to date", []string{
		fmt.Sprintf("Actual %s vs plan %s, through %s", compact(tot.Actual), compact(tot.PlanToDate), y.ClosedThrough.Label()),
		"Projected at year end: " + overUnder(tot.VarianceYearEnd(), ratio(tot.VarianceYearEndPct)),
		fmt.Sprintf("Projection %s vs FY%d plan %s", compact(tot.Forecast), fy, compact(tot.Plan)),
	}, false)
}

// hotSpot is a team-quarter likely to be over-committed.
type hotSpot struct {
	team    string
	quarter plan.Quarter
	pOver   float64
}

// hotSpots returns the team-quarters with POver ≥ 0.5, most likely first.
func hotSpots(p *plan.Portfolio, f *outlook.Forecast) []hotSpot {
	var out []hotSpot
	for _, tq := range f.Teams {
		if tq.POver < hotPOver {
			continue
		}
		name := tq.TeamID
		if t := p.Team(tq.TeamID); t != nil {
			name = t.Name
		}
		out = append(out, hotSpot{team: name, quarter: tq.Quarter, pOver: tq.POver})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pOver > out[j].pOver })
	return out
}

func (s *Screen) showCapacity() {
	t := s.capacity
	if s.f == nil {
		t.set(running, []string{"Team quarters where demand is at least", "50% likely to exceed capacity."}, false)
		return
	}
	hs := hotSpots(s.p, s.f)
	if len(hs) == 0 {
		t.set("No hot spots", []string{"No team quarter is 50% or more likely", "to be over-committed."}, s.stale)
		return
	}
	lines := make([]string, 0, maxLines)
	for i, h := range hs {
		if i == maxLines-1 && len(hs) > maxLines {
			lines = append(lines, fmt.Sprintf("and %d more", len(hs)-i))
			break
		}
		lines = append(lines, fmt.Sprintf("%s · %s chance over · %s", h.quarter, pct(h.pOver), h.team))
	}
	t.set(plural(len(hs), "team quarter over-committed", "team quarters over-committed"), lines, s.stale)
}

// topRisks returns up to n risk lines: in the forecast's order of harm (the
// largest drop in a milestone's odds, then the most days added to a P85
// date) when it measured risk impacts, else by probability × schedule impact.
// measured reports which.
func topRisks(p *plan.Portfolio, f *outlook.Forecast, n int) (lines []string, measured bool) {
	if f != nil && len(f.Risks) > 0 {
		for _, ri := range f.Risks {
			r := p.Risk(ri.RiskID)
			if r == nil {
				continue
			}
			drop, days := ri.Harm()
			if drop >= 0.005 {
				lines = append(lines, fmt.Sprintf("+%s, −%s odds · %s", daysText(days), pct(drop), r.Title))
			} else {
				lines = append(lines, fmt.Sprintf("+%s at P85 · %s", daysText(days), r.Title))
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
		lines = append(lines, fmt.Sprintf("%s × %s · %s", pct(r.Probability), daysText(r.ImpactDays), r.Title))
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
	from, to, ok := delivery.Window(s.p, s.env.Today(), deliveryMonths)
	if !ok {
		t.set("No delivery data", []string{"Import deployments, changes and incidents", "to rate the four DORA keys."}, false)
		return
	}
	m := delivery.Summary(s.p, from, to)
	value := fmt.Sprintf("%s tier, %s – %s", capital(m.Overall.String()), from.Label(), to.Label())
	key := func(ok bool, text string, tier delivery.Tier) string {
		if !ok {
			return text + " no data"
		}
		return text + " (" + tier.String() + ")"
	}
	t.set(value, []string{
		key(m.Frequency.HasData(), fmt.Sprintf("Deploys %.1f a week", m.Frequency.PerWeek), m.Frequency.Tier) + " · " +
			key(m.LeadTime.HasData(), "lead time "+hoursText(m.LeadTime.MedianHours), m.LeadTime.Tier),
		key(m.ChangeFailure.HasData(), fmt.Sprintf("Change failure %.0f%%", m.ChangeFailure.Rate*100), m.ChangeFailure.Tier) + " · " +
			key(m.Restore.HasData(), "restore "+hoursText(m.Restore.MedianHours), m.Restore.Tier),
	}, false)
}

// showAtRisk lists open commitments by their chance of meeting the target, lowest first.
func (s *Screen) showAtRisk() {
	s.atRiskData = s.atRiskData[:0]
	heading := "Commitments least likely to make their dates"
	switch {
	case s.f == nil:
		heading += " — " + running
	case s.stale:
		heading += " — updating…"
	}
	s.atRiskTitle.SetText(heading)
	if s.f != nil {
		type row struct {
			it *plan.Item
			f  *outlook.ItemForecast
		}
		var rows []row
		for i := range s.p.Items {
			it := &s.p.Items[i]
			if !it.Open() || it.Commitment != plan.Committed || it.Target.IsZero() {
				continue
			}
			if fi := s.f.Item(it.ID); fi != nil && fi.PTarget >= 0 {
				rows = append(rows, row{it, fi})
			}
		}
		for _, r := range rows {
			team := r.it.TeamID
			if t := s.p.Team(team); t != nil {
				team = t.Name
			}
			s.atRiskData = append(s.atRiskData, atRiskRow{
				cells: []string{r.it.Title, team, day(r.it.Target), day(r.f.Finish.P50), day(r.f.Finish.P85),
					pct(r.f.PTarget), s.waitingOn(r.f)},
				target: r.it.Target, p50: r.f.Finish.P50, p85: r.f.Finish.P85, chance: r.f.PTarget,
			})
		}
	}
	s.sortAtRisk()
	s.atRisk.Refresh()
}

// waitingOn says what holds an item back: its driving predecessor, or its team's capacity.
func (s *Screen) waitingOn(f *outlook.ItemForecast) string {
	switch {
	case f.Driver != "" && f.WaitDependencyDays >= f.WaitCapacityDays && f.WaitDependencyDays >= 1:
		name := f.Driver
		if it := s.p.Item(f.Driver); it != nil {
			name = it.Title
		}
		return fmt.Sprintf("%s (%s of runs)", name, pct(f.DriverShare))
	case f.WaitCapacityDays >= 1:
		return fmt.Sprintf("team capacity (%s days)", trimFloat(f.WaitCapacityDays))
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

func shortDay(d plan.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time().Format("2 Jan")
}

// dayBeside is d without its year when the nearest such day to ref is d
// (within half a year of it), with its year otherwise: a P85 that slips
// most of a year must not read as a date before the target ("12 Jan ·
// P85 9 Nov").
func dayBeside(ref, d plan.Date) string {
	if !d.IsZero() && !ref.IsZero() && math.Abs(d.Time().Sub(ref.Time()).Hours()) > 182*24 {
		return day(d)
	}
	return shortDay(d)
}

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func day(d plan.Date) string {
	if d.IsZero() {
		return "—"
	}
	return d.Time().Format("2 Jan 2006")
}

func daysText(d float64) string {
	if d == 1 {
		return "1 day"
	}
	return trimFloat(d) + " days"
}

func trimFloat(f float64) string {
	if f >= 10 || f == math.Trunc(f) {
		return fmt.Sprintf("%.0f", f)
	}
	return fmt.Sprintf("%.1f", f)
}

func hoursText(h float64) string {
	if h < 48 {
		return trimFloat(h) + " h"
	}
	return trimFloat(h/24) + " days"
}

func ratio(f func() (float64, bool)) string {
	v, ok := f()
	if !ok {
		return ""
	}
	return fmt.Sprintf("%.1f%%", math.Abs(v)*100)
}

// overUnder writes a variance for people: "USD 76K over (1.7%)", "USD 12K under", "on plan".
func overUnder(v plan.Money, share string) string {
	if v.IsZero() {
		return "on plan"
	}
	word := "over"
	amount := v
	if v.Minor < 0 {
		word, amount = "under", v.Neg()
	}
	s := compact(amount) + " " + word
	if share != "" {
		s += " (" + share + ")"
	}
	return s
}

// compact formats money for a headline: "USD 4.2M", "USD 950K". Display only.
func compact(m plan.Money) string {
	v := m.Float()
	a := math.Abs(v)
	switch {
	case a >= 1e6:
		return fmt.Sprintf("%s %.2fM", m.Currency, v/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%s %.0fK", m.Currency, v/1e3)
	}
	return m.Currency + " " + m.Whole()
}
