package teams

import (
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

type harness struct {
	*uitest.Harness
	s *Screen
	w fyne.Window
}

// newHarness opens a copy of the demo portfolio file through uitest (edits
// through the real session, then the reloaded portfolio is shown).
func newHarness(t *testing.T) *harness {
	t.Helper()
	u := uitest.Demo(t, today)
	h := &harness{Harness: u}
	h.w = u.NewWindow(fyne.NewSize(1400, 900))
	h.s = New(u, u, u)
	u.Show(h.s, fyne.NewSize(1400, 900))
	return h
}

// stored reads the portfolio back through a second handle on the file.
func (h *harness) stored(t *testing.T) *plan.Portfolio { return h.Reread() }

// retype replaces an entry's text by typing, as a person would.
func retype(e interface {
	fyne.Focusable
	SetText(string)
}, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestEditTeamReachesFile(t *testing.T) {
	h := newHarness(t)
	h.s.table.Select(widget.TableCellID{Row: 1, Col: 0})
	id := h.s.selected
	f := &h.s.form
	retype(f.alloc, "65")
	retype(f.focus, "72.5%")
	retype(f.wip, "4")
	retype(f.cost, "14,500.50")
	retype(f.name, "Platform squad")
	test.Tap(f.save)
	if f.general.Visible() {
		t.Fatalf("save failed: %s", f.general.Text)
	}
	team := h.stored(t).Team(id)
	if team.Allocation != 0.65 || team.FocusFactor != 0.725 || team.WIPLimit != 4 || team.Name != "Platform squad" {
		t.Errorf("stored team %+v", team)
	}
	if team.CostPerFTEMonth.Minor != 1450050 || team.CostPerFTEMonth.Currency != h.s.p.Currency {
		t.Errorf("stored cost %v", team.CostPerFTEMonth)
	}
	if h.s.rows[1][0] != "Platform squad" || h.s.rows[1][2] != "65%" {
		t.Errorf("table row after save: %v", h.s.rows[1])
	}
}

func TestInvalidTeamFieldsShownAndNotWritten(t *testing.T) {
	cases := []struct {
		name, field, text, want string
		entry                   func(f *teamForm) *field.Entry
	}{
		{"allocation over 100%", fAlloc, "150", "Allocation must be more than 0% and at most 100%.", func(f *teamForm) *field.Entry { return f.alloc }},
		{"allocation not a number", fAlloc, "most", "Allocation must be a percentage, such as 80.", func(f *teamForm) *field.Entry { return f.alloc }},
		{"WIP limit zero", fWIP, "0", "WIP limit must be at least 1.", func(f *teamForm) *field.Entry { return f.wip }},
		{"cost with too many decimals", fCost, "12,000.555", "more decimal places", func(f *teamForm) *field.Entry { return f.cost }},
		{"empty name", fName, "", "Team name is required.", func(f *teamForm) *field.Entry { return f.name }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			before := h.stored(t)
			id := h.s.selected
			f := &h.s.form
			retype(c.entry(f), c.text)
			test.Tap(f.save)
			l := f.errs[c.field]
			if !l.Visible() || !strings.Contains(l.Text, c.want) {
				t.Errorf("error next to %s = %q (visible %v), want %q", c.field, l.Text, l.Visible(), c.want)
			}
			after := h.stored(t).Team(id)
			if after.Allocation != before.Team(id).Allocation || after.WIPLimit != before.Team(id).WIPLimit || after.Name != before.Team(id).Name || after.CostPerFTEMonth != before.Team(id).CostPerFTEMonth {
				t.Errorf("invalid input reached the file: %+v", after)
			}
		})
	}
}

func TestHeadcountChanges(t *testing.T) {
	h := newHarness(t)
	id := h.s.selected
	team := h.s.p.Team(id)
	n := len(team.HeadcountChanges)
	if h.s.hcEmpty.Visible() != (n == 0) {
		t.Errorf("'none' shown %v with %d headcount changes", h.s.hcEmpty.Visible(), n)
	}

	// A departure larger than the team is refused, with validation's words.
	retype(h.s.hcDate, "2027-02-01")
	retype(h.s.hcFTE, "-"+strings.TrimSuffix(fte(team.HeadcountOn(plan.MustDate("2027-02-01"))+3), ".0"))
	test.Tap(h.s.form.addChange)
	if !h.s.hcErr.Visible() || !strings.Contains(h.s.hcErr.Text, "Headcount would be negative") {
		t.Errorf("negative headcount message = %q", h.s.hcErr.Text)
	}
	if got := len(h.stored(t).Team(id).HeadcountChanges); got != n {
		t.Fatalf("refused change reached the file: %d changes, want %d", got, n)
	}

	// A hire is written and listed; removing it takes it out again.
	retype(h.s.hcDate, "2027-03-01")
	retype(h.s.hcFTE, "+2")
	retype(h.s.hcNote, "two seniors")
	test.Tap(h.s.form.addChange)
	if h.s.hcErr.Visible() {
		t.Fatalf("hire refused: %s", h.s.hcErr.Text)
	}
	got := h.stored(t).Team(id).HeadcountChanges
	if len(got) != n+1 {
		t.Fatalf("%d changes stored, want %d", len(got), n+1)
	}
	row := -1
	for i, r := range h.s.hcRows {
		if r[0] == "2027-03-01" && r[1] == "+2" && r[2] == "two seniors" {
			row = i
		}
	}
	if row < 0 {
		t.Fatalf("the hire is not listed: %v", h.s.hcRows)
	}
	if h.s.hcEmpty.Visible() {
		t.Error("'none' still shown over the listed hire")
	}
	h.s.hc.Select(widget.TableCellID{Row: row, Col: 0})
	test.Tap(h.s.form.removeChange)
	if got := len(h.stored(t).Team(id).HeadcountChanges); got != n {
		t.Errorf("after removing: %d changes, want %d", got, n)
	}

	// Bad input never reaches Edit.
	retype(h.s.hcDate, "1 March")
	retype(h.s.hcFTE, "1")
	test.Tap(h.s.form.addChange)
	if !strings.Contains(h.s.hcErr.Text, "YYYY-MM-DD") {
		t.Errorf("bad date message = %q", h.s.hcErr.Text)
	}
}

func TestAddAndDeleteTeam(t *testing.T) {
	h := newHarness(t)
	n := len(h.s.p.Teams)

	// A team that owns items cannot go; the reason shows under the form.
	owner := h.s.p.Items[0].TeamID
	h.s.selectID(owner)
	h.s.deleteSelected()
	if !h.s.form.general.Visible() || !strings.Contains(h.s.form.general.Text, "still owns") {
		t.Errorf("deleting a team with items: %q", h.s.form.general.Text)
	}
	if len(h.stored(t).Teams) != n {
		t.Fatal("a team with items was deleted")
	}

	test.Tap(h.s.form.add)
	id := h.s.selected
	if p := h.stored(t); len(p.Teams) != n+1 || p.Team(id) == nil || p.Team(id).Name != "New team" {
		t.Fatalf("added team not stored (selected %q)", id)
	}
	h.s.deleteSelected()
	if p := h.stored(t); len(p.Teams) != n || p.Team(id) != nil {
		t.Errorf("new team not deleted")
	}
}

// handBuilt is a two-team portfolio with a forecast whose probabilities
// fall in each band.
func handBuilt() (*plan.Portfolio, *app.Forecast) {
	p := &plan.Portfolio{Name: "Heat", Currency: "USD", FiscalYearStart: 1, PlanningStart: plan.MustDate("2026-11-02"),
		Teams: []plan.Team{
			{ID: "ops", Name: "Platform", Headcount: 4, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2},
			{ID: "api", Name: "FHIR API", Headcount: 6, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 2},
		}}
	q1, q2 := plan.Quarter{Year: 2026, Q: 4}, plan.Quarter{Year: 2027, Q: 1}
	f := &app.Forecast{AsOf: today, Trials: 500, Teams: []app.TeamQuarter{
		{TeamID: "ops", Quarter: q1, From: q1.First(), To: q1.Last(), Capacity: 120, CapacityToEnd: 120, DueP50: 60, DueP85: 90, POver: 0.1},
		{TeamID: "api", Quarter: q1, From: q1.First(), To: q1.Last(), Capacity: 200, CapacityToEnd: 200, DueP50: 190, DueP85: 260, POver: 0.3},
		{TeamID: "api", Quarter: q2, From: q2.First(), To: q2.Last(), Capacity: 300, CapacityToEnd: 500, DueP50: 620, DueP85: 770, POver: 0.97},
	}}
	return p, f
}

func TestHeatModel(t *testing.T) {
	p, f := handBuilt()
	m, err := buildHeat(p, f, today)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(m.Rows, "|") != "FHIR API|Platform" || strings.Join(m.Cols, "|") != "2026-Q4|2027-Q1" {
		t.Fatalf("rows %v cols %v (the briefing orders teams by name)", m.Rows, m.Cols)
	}
	if m.Thresholds != [2]float64{0.5, 0.25} {
		t.Errorf("thresholds %v, want the default template's 50%% / 25%%", m.Thresholds)
	}
	cases := []struct {
		name  string
		r, c  int
		label string
		band  int // 0 green, 1 amber, 2 red, -1 no data
	}{
		{"api Q4 amber", 0, 0, "30%", 1},
		{"api Q1 red", 0, 1, "97%", 2},
		{"platform Q4 green", 1, 0, "10%", 0},
		{"platform Q1 no work", 1, 1, "–", -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cell := m.Cells[c.r][c.c]
			if cell.Label != c.label {
				t.Errorf("label %q, want %q", cell.Label, c.label)
			}
			if c.band < 0 {
				if cell.TQ != nil || cell.Fill != noData {
					t.Errorf("empty cell %+v", cell)
				}
				return
			}
			if band := nearestBand(cell.Fill); band != c.band {
				t.Errorf("fill %v is in band %d, want %d", cell.Fill, band, c.band)
			}
			if cell.TQ == nil {
				t.Error("no team quarter behind the cell")
			}
		})
	}
	if m.Cells[0][1].Ink != white || m.Cells[1][0].Ink != ink {
		t.Error("text is not white on deep red and dark on pale green")
	}
	// The shade deepens within a band.
	if a, b := heatColour(0.26, m.Thresholds), heatColour(0.49, m.Thresholds); !(a.G > b.G) {
		t.Errorf("amber does not deepen: %v → %v", a, b)
	}
	if heatColour(0, m.Thresholds) != ramps[0][0] || heatColour(1, m.Thresholds) != ramps[2][1] {
		t.Error("ramp ends")
	}
}

// nearestBand says which band's ramp a colour lies on.
func nearestBand(c interface{ RGBA() (r, g, b, a uint32) }) int {
	best, band := math.Inf(1), -1
	r, g, b, _ := c.RGBA()
	for k, ramp := range ramps {
		for s := 0.0; s <= 1; s += 0.05 {
			x := lerp(ramp, s)
			d := math.Abs(float64(x.R)-float64(r>>8)) + math.Abs(float64(x.G)-float64(g>>8)) + math.Abs(float64(x.B)-float64(b>>8))
			if d < best {
				best, band = d, k
			}
		}
	}
	return band
}

func TestHeatMapOnScreen(t *testing.T) {
	p, f := handBuilt()
	h := uitest.Portfolio(t, p, today)
	s := New(h, h, h)
	h.Show(s, fyne.NewSize(1300, 800))
	s.ShowForecast(nil, true)
	if !strings.Contains(s.heatState.Text, "Forecasting") || s.heat != nil {
		t.Errorf("before the first forecast: %q", s.heatState.Text)
	}
	s.ShowForecast(f, true)
	if !strings.Contains(s.heatState.Text, "Updating") || s.heat == nil {
		t.Errorf("stale forecast: %q", s.heatState.Text)
	}
	s.ShowForecast(f, false)
	if strings.Contains(s.heatState.Text, "Updating") {
		t.Errorf("fresh forecast still marked stale: %q", s.heatState.Text)
	}
	s.heatTable.Select(widget.TableCellID{Row: 0, Col: 1})
	want := "FHIR API, 2027-Q1: work due by 31 Mar 2027 620 person-days at P50, 770 at P85, against a capacity of 500 from the as-of date (300 in the quarter itself); probability of over-commitment 97%."
	if s.heatDetail.Text != want {
		t.Errorf("detail\n got %q\nwant %q", s.heatDetail.Text, want)
	}
	s.heatTable.Select(widget.TableCellID{Row: 1, Col: 1})
	if !strings.Contains(s.heatDetail.Text, "no work is planned") {
		t.Errorf("empty cell detail %q", s.heatDetail.Text)
	}
}

func TestEscapeRevertsTheForm(t *testing.T) {
	h := newHarness(t)
	f := &h.s.form
	stored := f.alloc.Text
	retype(f.alloc, "150")
	retype(f.name, "Half-typed")
	f.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.alloc.Text != stored || f.name.Text != h.s.p.Team(h.s.selected).Name {
		t.Errorf("after Escape: allocation %q (stored %q), name %q", f.alloc.Text, stored, f.name.Text)
	}
}

// TestFirstQuarterNamesItsDatesAndTheDefinitionIsSaid: the first, partial
// quarter's column says which dates it covers, and the screen says what
// over-committed means (app's words, the README's too).
func TestFirstQuarterNamesItsDatesAndTheDefinitionIsSaid(t *testing.T) {
	h := newHarness(t)
	f := h.Run(app.Request{Trials: 300})
	if h.s.heat == nil || len(h.s.heat.ColTitles) == 0 {
		t.Fatal("no heat map on the demo")
	}
	first := f.Teams[0]
	want := first.Quarter.String() + " from " + figure.Date(first.From)
	short := first.Quarter.String() + "\nfrom " + first.From.Time().Format("2 Jan")
	if first.From != first.Quarter.First() && (h.s.heat.ColTitles[0] != short || h.s.heat.ColFull[0] != want) {
		t.Errorf("first column %q (in full %q), want %q (%q)", h.s.heat.ColTitles[0], h.s.heat.ColFull[0], short, want)
	}
	// Its cells carry their team quarter (the column is matched by the
	// briefing's label, not the bare quarter), so a tap says its numbers.
	for r, row := range h.s.heat.Cells {
		if row[0].Label != "–" && row[0].TQ == nil {
			t.Errorf("%s, first quarter: %s shown but no team quarter behind it", h.s.heat.Rows[r], row[0].Label)
		}
	}
	if len(h.s.heat.ColTitles) > 1 && h.s.heat.ColTitles[1] != h.s.heat.Cols[1] {
		t.Errorf("a whole quarter is titled %q", h.s.heat.ColTitles[1])
	}
	if h.s.heatDef.Text != app.OverCommitment || !h.s.heatDef.Visible() {
		t.Errorf("definition %q", h.s.heatDef.Text)
	}
	for _, th := range uitest.Themes {
		test.ApplyTheme(t, th.Theme)
		for _, size := range []struct {
			name string
			size fyne.Size
		}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
			h.w.Resize(size.size)
			h.Capture("teams-" + th.Name + "-" + size.name)
		}
	}
}

// TestCostIsReadStrictly: the cost field reads money as Budget does
// (plan.ParseMoneyInput): a misplaced thousands separator is refused.
func TestCostIsReadStrictly(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		want int64
	}{{"12,500", true, 1250000}, {"USD 12,500.50", true, 1250050}, {"1,25,00", false, 0}, {"", true, 0}} {
		m, err := parseMoney(c.in, "USD")
		if (err == nil) != c.ok || (c.ok && m.Minor != c.want) {
			t.Errorf("parseMoney(%q) = %v, %v", c.in, m, err)
		}
	}
}
