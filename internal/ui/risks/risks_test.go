package risks

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

type harness struct {
	u *uitest.Harness
	s *Screen
	w fyne.Window
}

// newHarness opens a fresh copy of the demo portfolio file (uitest: the real
// session, whose edits go through the file's write path and reload) and
// shows the screen on it.
func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{u: uitest.Demo(t, today)}
	h.s = New(h.u, h.u, h.u)
	h.w = h.u.Show(h.s, fyne.NewSize(1400, 900))
	return h
}

// stored reads the portfolio back from the file.
func (h *harness) stored(t *testing.T) *plan.Portfolio {
	t.Helper()
	p, err := app.Read(context.Background(), h.u.FilePath())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// selectOpenRisk selects the first risk that is not accepted.
func (h *harness) selectOpenRisk(t *testing.T) string {
	t.Helper()
	for k, i := range h.s.view {
		if r := h.s.p.Risk(h.s.all[i].id); r.Status == plan.RiskOpen {
			h.s.table.Select(widget.TableCellID{Row: k, Col: 0})
			return r.ID
		}
	}
	t.Fatal("the demo has no open risk")
	return ""
}

// retype replaces an entry's text by typing, as a person would.
func retype(e interface {
	fyne.Focusable
	SetText(string)
}, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestAcceptingARiskAsksWhoSignedItOff(t *testing.T) {
	h := newHarness(t)
	id := h.selectOpenRisk(t)
	f := &h.s.form
	f.status.SetSelected("Accepted")
	if h.s.signDialog == nil {
		t.Fatal("choosing Accepted did not ask for the sign-off")
	}
	if h.s.signDate.Text != today.String() {
		t.Errorf("sign-off date defaults to %q, want today %s", h.s.signDate.Text, today)
	}
	// Without a name the dialog cannot be confirmed.
	h.s.signDialog.Submit()
	if h.s.signDialog == nil {
		t.Fatal("the dialog accepted an empty name")
	}
	if got := h.stored(t).Risk(id); got.Status == plan.RiskAccepted {
		t.Fatal("accepted without a sign-off")
	}
	test.Type(h.s.signName, "Dana Whitfield, CFO")
	retype(h.s.signDate, "2026-11-20")
	h.s.signDialog.Submit()
	r := h.stored(t).Risk(id)
	if r.Status != plan.RiskAccepted || r.SignedOffBy != "Dana Whitfield, CFO" || r.SignedOffOn != plan.MustDate("2026-11-20") {
		t.Fatalf("stored risk: status %q, signed off by %q on %s", r.Status, r.SignedOffBy, r.SignedOffOn)
	}
	if !strings.Contains(f.signOff.Text, "signed off by Dana Whitfield, CFO on 20 Nov 2026") {
		t.Errorf("form shows %q", f.signOff.Text)
	}
	if f.status.Selected != "Accepted" {
		t.Errorf("status shows %q", f.status.Selected)
	}

	// Leaving "accepted" clears the sign-off.
	f.status.SetSelected("Mitigating")
	test.Tap(f.save)
	if r := h.stored(t).Risk(id); r.Status != plan.RiskMitigating || r.SignedOffBy != "" || !r.SignedOffOn.IsZero() {
		t.Errorf("after un-accepting: %+v", r)
	}
}

func TestCancellingTheSignOffChangesNothing(t *testing.T) {
	h := newHarness(t)
	id := h.selectOpenRisk(t)
	before := h.stored(t).Risk(id)
	test.Tap(h.s.form.accept)
	if h.s.signDialog == nil {
		t.Fatal("Accept risk… did not ask for the sign-off")
	}
	test.Type(h.s.signName, "Someone")
	h.s.signDialog.Hide() // Cancel
	if h.s.signDialog != nil {
		t.Error("dialog state kept after cancel")
	}
	if h.s.form.status.Selected != "Open" {
		t.Errorf("status after cancel shows %q, want Open", h.s.form.status.Selected)
	}
	after := h.stored(t).Risk(id)
	if after.Status != before.Status || after.SignedOffBy != "" {
		t.Errorf("cancel wrote %+v", after)
	}
}

func TestInvalidRiskFieldsShownAndNotWritten(t *testing.T) {
	cases := []struct {
		name, field, want string
		edit              func(f *riskForm)
	}{
		{"probability over 100%", fProb, "Probability must be between 0% and 100%.", func(f *riskForm) { retype(f.prob, "150") }},
		{"probability not a number", fProb, "Probability must be a percentage", func(f *riskForm) { retype(f.prob, "high") }},
		{"schedule impact without items", fItems, "must name the items it delays", func(f *riskForm) {
			retype(f.days, "10")
			for k := range f.checked {
				delete(f.checked, k)
			}
		}},
		{"cost not money", fCost, "is not an amount of money", func(f *riskForm) { retype(f.cost, "12k") }},
		{"empty title", fTitle, "Risk title is required.", func(f *riskForm) { retype(f.name, "") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			id := h.selectOpenRisk(t)
			before := h.stored(t).Risk(id)
			c.edit(&h.s.form)
			test.Tap(h.s.form.save)
			l := h.s.form.errs[c.field]
			if !l.Visible() || !strings.Contains(l.Text, c.want) {
				t.Errorf("error next to %s = %q (visible %v), want %q; general %q", c.field, l.Text, l.Visible(), c.want, h.s.form.general.Text)
			}
			after := h.stored(t).Risk(id)
			if after.Probability != before.Probability || after.ImpactDays != before.ImpactDays || after.Title != before.Title || len(after.Items) != len(before.Items) || after.CostImpact != before.CostImpact {
				t.Errorf("invalid input reached the file: %+v", after)
			}
		})
	}
}

func TestEditRiskReachesFile(t *testing.T) {
	h := newHarness(t)
	id := h.selectOpenRisk(t)
	f := &h.s.form
	retype(f.prob, "45")
	retype(f.days, "12")
	retype(f.cost, "250,000")
	retype(f.owner, "VP Engineering")
	f.category.SetSelected("Technical debt")
	f.checked = map[string]bool{h.s.p.Items[1].ID: true, h.s.p.Items[0].ID: true}
	test.Tap(f.save)
	if f.general.Visible() {
		t.Fatalf("save failed: %s", f.general.Text)
	}
	r := h.stored(t).Risk(id)
	if r.Probability != 0.45 || r.ImpactDays != 12 || r.CostImpact.Minor != 25000000 || r.Owner != "VP Engineering" || r.Category != plan.RiskTechDebt {
		t.Errorf("stored %+v", r)
	}
	if strings.Join(r.Items, ",") != h.s.p.Items[0].ID+","+h.s.p.Items[1].ID {
		t.Errorf("items %v", r.Items)
	}
}

func TestAddAndDeleteRisk(t *testing.T) {
	h := newHarness(t)
	n := len(h.s.p.Risks)
	test.Tap(h.s.form.add)
	id := h.s.selected
	if p := h.stored(t); len(p.Risks) != n+1 || p.Risk(id) == nil || p.Risk(id).Title != "New risk" {
		t.Fatalf("new risk %q not stored", id)
	}
	h.s.deleteSelected()
	if p := h.stored(t); len(p.Risks) != n || p.Risk(id) != nil {
		t.Error("risk not deleted")
	}
}

func TestHeatMapCellFiltersTheRegister(t *testing.T) {
	h := newHarness(t)
	if want := "All " + strconv.Itoa(len(h.s.p.Risks)) + " risks."; !strings.HasPrefix(h.s.filtered.Text, want) {
		t.Errorf("banner %q, want %q…", h.s.filtered.Text, want)
	}
	// The busiest cell.
	best, bl, bi := 0, 0, 0
	for l := 1; l <= 5; l++ {
		for i := 1; i <= 5; i++ {
			if n := h.s.mx.Count[l-1][i-1]; n > best {
				best, bl, bi = n, l, i
			}
		}
	}
	if best == 0 {
		t.Fatal("no live risks on the heat map")
	}
	if got := h.s.tiles[bl-1][bi-1].text.Text; got != strconv.Itoa(best) {
		t.Errorf("tile shows %q, want %d", got, best)
	}
	test.Tap(h.s.tiles[bl-1][bi-1])
	if len(h.s.view) != best {
		t.Fatalf("register shows %d risks, want the %d in the cell", len(h.s.view), best)
	}
	for _, i := range h.s.view {
		r := h.s.p.Risk(h.s.all[i].id)
		if report.Likelihood(r.Probability) != bl {
			t.Errorf("%s: likelihood %d, want %d", r.ID, report.Likelihood(r.Probability), bl)
		}
	}
	if h.s.showAll.Disabled() || !strings.Contains(h.s.filtered.Text, "Showing "+strconv.Itoa(best)) {
		t.Errorf("filter banner %q", h.s.filtered.Text)
	}
	test.Tap(h.s.tiles[bl-1][bi-1]) // tapping it again shows all
	if len(h.s.view) != len(h.s.p.Risks) || !h.s.showAll.Disabled() || !strings.HasPrefix(h.s.filtered.Text, "All ") {
		t.Errorf("after the second tap: %d of %d risks", len(h.s.view), len(h.s.p.Risks))
	}
}

// The app's matrix and the briefing's agree on every cell.
func TestMatrixMatchesBriefing(t *testing.T) {
	p, err := demo.Portfolio(today)
	if err != nil {
		t.Fatal(err)
	}
	m := buildMatrix(p, today)
	riskTemplate := report.Template{Name: "risks", Sections: []report.TemplateSection{{Section: report.SecRisks}}}
	b, err := report.Build(p, &app.Forecast{AsOf: today}, riskTemplate, today)
	if err != nil {
		t.Fatal(err)
	}
	var rm *report.RiskMatrix
	for _, bl := range b.Sections[0].Blocks {
		if bl.Chart != nil && bl.Chart.Matrix != nil && bl.Chart.Name == "RiskMatrix" {
			rm = bl.Chart.Matrix
		}
	}
	if rm == nil {
		t.Fatal("the briefing has no risk matrix")
	}
	total := 0
	for l := 0; l < 5; l++ {
		for i := 0; i < 5; i++ {
			if m.Count[l][i] != len(rm.Cells[l][i]) {
				t.Errorf("cell (%d,%d): app %d, briefing %d", l+1, i+1, m.Count[l][i], len(rm.Cells[l][i]))
			}
			total += m.Count[l][i]
		}
	}
	if total == 0 || m.Likelihood[4] != rm.Likelihood[4] || m.Impact[0] != rm.Impact[0] {
		t.Errorf("total %d, labels %q %q", total, m.Likelihood, m.Impact)
	}
}

func TestCellColours(t *testing.T) {
	cases := []struct {
		name string
		l, i int
		n    int
		sev  int
	}{
		{"rare minor", 1, 1, 2, low},
		{"likely minor", 4, 1, 1, low},
		{"possible moderate", 3, 2, 1, medium},
		{"likely significant", 4, 3, 1, high},
		{"almost certain severe", 5, 5, 1, high},
		{"empty high cell", 5, 5, 0, high},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := severity(c.l, c.i); got != c.sev {
				t.Errorf("severity = %d, want %d", got, c.sev)
			}
			fill, text := cellColours(c.l, c.i, c.n)
			want := fills[c.sev]
			if c.n == 0 {
				want.A = fade
				if text != grey {
					t.Errorf("empty cell text %v", text)
				}
			} else if (c.sev == high) != (text == white) {
				t.Errorf("text colour %v on severity %d", text, c.sev)
			}
			if fill != want {
				t.Errorf("fill %v, want %v", fill, want)
			}
		})
	}
}

func TestSortAndP85Column(t *testing.T) {
	h := newHarness(t)
	// Probability sorts high first on the first tap, low first on the second.
	h.s.sortBy(cProb)
	first := h.s.p.Risk(h.s.all[h.s.view[0]].id).Probability
	for _, i := range h.s.view {
		if p := h.s.p.Risk(h.s.all[i].id).Probability; p > first {
			t.Fatalf("not sorted by probability: %v after %v", p, first)
		}
	}
	h.s.sortBy(cProb)
	if h.s.p.Risk(h.s.all[h.s.view[0]].id).Probability > first {
		t.Error("second tap did not reverse")
	}
	// P85 impacts from a forecast; a quick run without them keeps them, stale.
	id := h.s.p.Risks[0].ID
	h.s.ShowForecast(&app.Forecast{Risks: []app.RiskImpact{{RiskID: id, PortfolioP85Days: 7.25, PointsLost: 23.4, Measurable: true}}}, false)
	if got := h.s.all[0].cells[cP85]; got != "+7 working days" {
		t.Errorf("P85 cell %q", got)
	}
	if got := h.s.all[0].cells[cLost]; got != "23 pts" {
		t.Errorf("points lost cell %q", got)
	}
	h.s.ShowForecast(&app.Forecast{}, true)
	if got := h.s.all[0].cells[cP85]; got == "" || !strings.Contains(h.s.state.Text, "Updating") {
		t.Errorf("stale: P85 cell %q, state %q", got, h.s.state.Text)
	}
}

// TestRankedAsTheForecastRanksAndCostOnlyApart: with no column chosen the
// register is in the forecast's ranking order (points lost, the board
// pack's), an effect within the noise says so instead of a number, and a
// risk with a cost and no schedule impact is on the cost line, not in a
// schedule cell.
func TestRankedAsTheForecastRanksAndCostOnlyApart(t *testing.T) {
	h := newHarness(t)
	f := h.u.Run(app.Request{Trials: 500, RiskImpacts: true})
	var order []string
	for i, ri := range f.Risks {
		order = append(order, ri.RiskID)
		if i < len(h.s.view) && h.s.all[h.s.view[i]].id != ri.RiskID {
			t.Errorf("row %d is %s, the forecast ranks %s there", i, h.s.all[h.s.view[i]].id, ri.RiskID)
		}
		r := h.s.all[h.s.view[i]]
		switch {
		case ri.CostOnly:
			if r.cells[cLost] != costOnly {
				t.Errorf("%s is cost only, its points-lost cell says %q", ri.RiskID, r.cells[cLost])
			}
			if _, ok := h.s.mx.Cell[ri.RiskID]; ok {
				t.Errorf("cost-only %s sits in a schedule cell", ri.RiskID)
			}
			if !strings.Contains(h.s.costLine.Text, h.s.p.Risk(ri.RiskID).Title) {
				t.Errorf("cost-only %s is not on the cost line %q", ri.RiskID, h.s.costLine.Text)
			}
		case !ri.Measurable:
			if r.cells[cP85] != noEffect || strings.Contains(r.cells[cP85], "0.0") {
				t.Errorf("%s: not measurable, but the P85 cell says %q", ri.RiskID, r.cells[cP85])
			}
		}
	}
	t.Logf("ranking: %v", order)
}

// An estimated risk's points read "≈ N pts", its days "not computed", and
// the line above the register says once what an estimate is.
func TestEstimatedRiskShownAsEstimate(t *testing.T) {
	h := newHarness(t)
	id := h.s.p.Risks[0].ID
	h.s.ShowForecast(&app.Forecast{Risks: []app.RiskImpact{{RiskID: id, PointsLost: 23.4, PointsLostSE: 4, Measurable: true, Estimated: true}}}, false)
	c := h.s.all[0].cells
	if c[cLost] != "≈ 23 pts" || c[cP85] != figure.NotComputed || c[cWorst] != figure.NotComputed {
		t.Errorf("estimated risk's cells: points %q, P85 %q, milestone %q", c[cLost], c[cP85], c[cWorst])
	}
	if strings.Count(h.s.state.Text, figure.EstimatedNote) != 1 {
		t.Errorf("state line %q does not explain the estimate", h.s.state.Text)
	}
}
