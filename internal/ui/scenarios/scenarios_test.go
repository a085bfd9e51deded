package scenarios

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/scenario"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

type harness struct {
	u     *uitest.Harness
	s     *Screen
	w     fyne.Window
	done  chan struct{}
	edits int
}

// newHarness shows the screen over a fresh copy of the demo portfolio file
// (uitest: the real session and forecaster); comparisons run 2,000 trials.
func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{u: uitest.Demo(t, today), done: make(chan struct{}, 1)}
	h.s = New(counting{h.u, &h.edits}, h.u)
	h.s.req = app.Request{Trials: 2000} // quicker; both runs still share seed and trials
	h.s.onCompared = func() { h.done <- struct{}{} }
	h.w = h.u.Show(h.s, fyne.NewSize(1600, 1000))
	return h
}

// p is the portfolio on display.
func (h *harness) p() *plan.Portfolio { return h.u.Portfolio() }

// counting is an Editor that counts the edits asked of it.
type counting struct {
	screen.Editor
	n *int
}

func (c counting) Edit(action string, fn func(p *plan.Portfolio) error) error {
	*c.n++
	return c.Editor.Edit(action, fn)
}

func choose(t *testing.T, sel *widget.Select, prefix string) {
	t.Helper()
	for _, o := range sel.Options {
		if strings.HasPrefix(o, prefix) {
			sel.SetSelected(o)
			return
		}
	}
	t.Fatalf("no option %q in %v", prefix, sel.Options)
}

// compare taps Compare and waits for the comparison.
func (h *harness) compare(t *testing.T) {
	t.Helper()
	test.Tap(h.s.compareBtn)
	uitest.Wait(t, h.done, 2*time.Minute, "the comparison did not finish within two minutes")
}

func TestAddTwoEngineersToFHIRAPI(t *testing.T) {
	h := newHarness(t)
	before, _ := json.Marshal(h.p())
	choose(t, h.s.kind, scenario.Headcount.Label())
	choose(t, h.s.team, "FHIR API")
	test.Type(h.s.fte, "2")
	if want := today.MonthOf().Add(1).First().String(); h.s.date.Text != want {
		t.Errorf("the date defaults to %q, want next month %q", h.s.date.Text, want)
	}
	test.Tap(h.s.addBtn)
	if len(h.s.sc().Changes) != 1 || !strings.HasPrefix(h.s.changeText[0], "Add 2 FTE to FHIR API from 1 Dec 2026") {
		t.Fatalf("changes %v", h.s.changeText)
	}
	h.compare(t)
	if !strings.Contains(h.s.status.Text, "compared with the plan of record") {
		t.Fatalf("status %q", h.s.status.Text)
	}
	var cms []string
	for _, r := range h.s.cmp.milestones.cells {
		if strings.HasPrefix(r[0], "CMS") {
			cms = r
		}
	}
	if cms == nil {
		t.Fatalf("no CMS mandate row in %v", h.s.cmp.milestones.cells)
	}
	t.Logf("CMS mandate: chance %s → %s (%s), P85 %s → %s", cms[5], cms[6], cms[7], cms[2], cms[3])
	pts, err := strconv.ParseFloat(number(strings.TrimSuffix(cms[7], " pts")), 64)
	if err != nil || pts < 0 {
		t.Errorf("two more engineers on FHIR API worsened the CMS mandate: %q", cms[7])
	}
	if d, _ := strconv.ParseFloat(number(cms[4]), 64); d > 0 {
		t.Errorf("the CMS mandate's P85 moved later by %v working days", d)
	}
	if want := "+" + figure.Money(h.p().Team("fhir-api").CostPerFTEMonth.MulFrac(2, 1)) + " a month"; !strings.Contains(h.s.budget.Text, want) {
		t.Errorf("budget %q lacks %q", h.s.budget.Text, want)
	}
	if !strings.Contains(h.s.joint.Text, "all committed items meet their targets") {
		t.Errorf("joint probability %q", h.s.joint.Text)
	}
	// The scenario in money: the demo's CMS mandate carries a penalty, so the
	// comparison says what the hires do to the expected penalties, the cost
	// to complete and the joint cost–schedule confidence.
	if m := h.s.money.Text; !strings.HasPrefix(m, "Money: expected penalties and costs of delay ") || !strings.Contains(m, "cost to complete") || !strings.Contains(m, "joint cost–schedule confidence") {
		t.Errorf("money line %q", m)
	}
	// Nothing reached the plan of record.
	if after, _ := json.Marshal(h.p()); string(after) != string(before) || h.edits != 0 {
		t.Error("comparing a scenario changed the plan of record")
	}
}

func TestInvalidChangesAreNotAdded(t *testing.T) {
	cases := []struct {
		name  string
		fill  func(t *testing.T, s *Screen)
		field string
	}{
		{"no team", func(t *testing.T, s *Screen) {
			choose(t, s.kind, scenario.Headcount.Label())
			s.fte.SetText("2")
		}, "team"},
		{"FTE not a number", func(t *testing.T, s *Screen) {
			choose(t, s.kind, scenario.Headcount.Label())
			choose(t, s.team, "Platform")
			s.fte.SetText("two")
		}, "fte"},
		{"remove more people than the team has", func(t *testing.T, s *Screen) {
			choose(t, s.kind, scenario.Headcount.Label())
			choose(t, s.team, "Platform")
			s.fte.SetText("-50")
		}, "fte"},
		{"bad date", func(t *testing.T, s *Screen) {
			choose(t, s.kind, scenario.Defer.Label())
			choose(t, s.item, "x-p2p")
			s.date.SetText("1 March")
		}, "date"},
		{"estimate -100%", func(t *testing.T, s *Screen) {
			choose(t, s.kind, scenario.Estimate.Label())
			choose(t, s.item, "x-p2p")
			s.percent.SetText("-100")
		}, "percent"},
		{"accept without sign-off", func(t *testing.T, s *Screen) {
			choose(t, s.kind, scenario.AcceptRisk.Label())
			s.risk.SetSelectedIndex(0)
			s.by.SetText(" ")
		}, "by"},
	}
	h := newHarness(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h.s.team.ClearSelected()
			c.fill(t, h.s)
			test.Tap(h.s.addBtn)
			if n := len(h.s.sc().Changes); n != 0 {
				t.Fatalf("an invalid change was added (%d changes)", n)
			}
			if e := h.s.errs[c.field]; !e.Visible() || e.Text == "" {
				t.Errorf("no error next to %s; form error %q", c.field, h.s.formErr.Text)
			}
		})
	}
}

func TestEveryKindFromTheForm(t *testing.T) {
	h := newHarness(t)
	steps := []func(){
		func() {
			choose(t, h.s.kind, scenario.Defer.Label())
			choose(t, h.s.item, "x-p2p")
			h.s.date.SetText("2027-03-01")
		},
		func() { choose(t, h.s.kind, scenario.Stretch.Label()); choose(t, h.s.item, "x-p2p") },
		func() { choose(t, h.s.kind, scenario.Cut.Label()); choose(t, h.s.item, "api-uscore7") },
		func() {
			choose(t, h.s.kind, scenario.Estimate.Label())
			choose(t, h.s.item, "api-bulk")
			h.s.percent.SetText("-20%")
		},
		func() { choose(t, h.s.kind, scenario.CloseRisk.Label()); h.s.risk.SetSelectedIndex(0) },
		func() {
			choose(t, h.s.kind, scenario.AcceptRisk.Label())
			h.s.risk.SetSelectedIndex(1)
			h.s.by.SetText("CFO")
		},
		func() {
			choose(t, h.s.kind, scenario.MoveMilestone.Label())
			choose(t, h.s.milestone, "CMS")
			h.s.date.SetText("2027-06-30")
		},
	}
	for i, step := range steps {
		step()
		test.Tap(h.s.addBtn)
		if len(h.s.sc().Changes) != i+1 {
			t.Fatalf("step %d not added: %q %v", i+1, h.s.formErr.Text, h.s.errs)
		}
	}
	if h.s.results.Visible() {
		t.Error("the comparison's sections show before any comparison")
	}
	h.compare(t)
	if !h.s.results.Visible() {
		t.Error("the comparison's sections are hidden after Compare")
	}
	if h.s.cmp.milestones.cells == nil || !strings.Contains(h.s.cmp.portfolio, "Whole portfolio P85") {
		t.Errorf("comparison %+v", h.s.cmp.portfolio)
	}
	// Remove a change with its button; scenarios are kept per session.
	h.s.removeChange(0)
	if len(h.s.sc().Changes) != len(steps)-1 {
		t.Error("remove did not remove")
	}
	h.s.NewScenario()
	if n := 2 + len(h.p().Scenarios); len(h.s.list) != n || len(h.s.sc().Changes) != 0 || len(h.s.picker.Options) != n {
		t.Errorf("new scenario: %d scenarios, %d changes", len(h.s.list), len(h.s.sc().Changes))
	}
	h.s.picker.SetSelectedIndex(0)
	if len(h.s.sc().Changes) != len(steps)-1 {
		t.Error("the first scenario lost its changes")
	}
}

func TestItemSearchNarrowsTheChoices(t *testing.T) {
	h := newHarness(t)
	s := h.s
	choose(t, s.kind, scenario.Stretch.Label())
	all := len(s.item.Options)
	test.Type(s.itemFind, "bulk data")
	if len(s.item.Options) != 1 || !strings.HasPrefix(s.item.Selected, "api-bulk") {
		t.Fatalf("search 'bulk data' offers %v, selected %q", s.item.Options, s.item.Selected)
	}
	test.Tap(s.addBtn)
	if n := len(s.sc().Changes); n != 1 || s.sc().Changes[0].Item != "api-bulk" {
		t.Fatalf("changes %+v", s.sc().Changes)
	}
	s.itemFind.SetText("API")
	if n := len(s.item.Options); n < 2 || n >= all {
		t.Errorf("search 'API' offers %d of %d items", n, all)
	}
	if !strings.HasPrefix(s.item.Selected, "api-bulk") {
		t.Errorf("the chosen item was dropped while it still matches: %q", s.item.Selected)
	}
	s.itemFind.SetText("no such item")
	if len(s.item.Options) != 0 || s.item.Selected != "" {
		t.Errorf("search with no match: %v, selected %q", s.item.Options, s.item.Selected)
	}
	test.Tap(s.addBtn)
	if len(s.sc().Changes) != 1 || !s.errs["item"].Visible() {
		t.Errorf("a change without an item was added or not reported next to the field: %v", s.errs["item"].Text)
	}
	s.itemFind.SetText("")
	if len(s.item.Options) != all {
		t.Errorf("clearing the search offers %d of %d items", len(s.item.Options), all)
	}
}

// number reads a figure as Go parses it ("−6" has a minus sign, U+2212).
func number(s string) string { return strings.ReplaceAll(s, "−", "-") }
