package scenarios

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"steerco/internal/scenario"
	"steerco/internal/ui/uitest"
)

// The demo's saved scenarios are listed; a draft saved from the screen is
// in the file (read back on a new connection); a duplicate and a delete are
// each one edit, and Undo brings the deleted one back.
func TestSaveDuplicateDeleteFromTheScreen(t *testing.T) {
	h := newHarness(t)
	saved := len(h.p().Scenarios)
	if saved < 3 || len(h.s.list) != 1+saved {
		t.Fatalf("the screen lists %d scenarios for %d saved ones", len(h.s.list), saved)
	}
	if !strings.Contains(strings.Join(h.s.picker.Options, "\n"), "Two more Patient Data Exchange engineers from January") {
		t.Errorf("picker %v", h.s.picker.Options)
	}
	h.s.name.SetText("Cut the stretch work")
	choose(t, h.s.kind, scenario.Cut.Label())
	choose(t, h.s.item, "api-uscore7")
	test.Tap(h.s.addBtn)
	test.Tap(h.s.saveBtn)
	p := h.u.Reread()
	sc := p.Scenario("cut-the-stretch-work")
	if sc == nil || len(sc.Changes) != 1 || sc.Changes[0].Item != "api-uscore7" {
		t.Fatalf("saved %+v (status %q)", sc, h.s.status.Text)
	}
	if h.s.sc().ID != "cut-the-stretch-work" || len(h.s.list) != saved+1 {
		t.Errorf("after save the current scenario is %q of %d", h.s.sc().ID, len(h.s.list))
	}
	test.Tap(h.s.dupBtn)
	if h.u.Reread().Scenario("copy-of-cut-the-stretch-work") == nil || h.s.sc().ID != "copy-of-cut-the-stretch-work" {
		t.Errorf("duplicate: current %q, status %q", h.s.sc().ID, h.s.status.Text)
	}
	test.Tap(h.s.delBtn)
	if h.u.Reread().Scenario("copy-of-cut-the-stretch-work") != nil {
		t.Errorf("delete did not delete: %q", h.s.status.Text)
	}
	if _, err := h.u.Session.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if h.u.Reread().Scenario("copy-of-cut-the-stretch-work") == nil {
		t.Error("undo did not bring the deleted scenario back")
	}
}

// Promote asks first, listing what it changes; confirmed, it writes the
// changes in one edit and the scenario leaves the list.
func TestPromoteSavedScenario(t *testing.T) {
	h := newHarness(t)
	for i, sc := range h.s.list {
		if sc.ID == "defer-analytics" {
			h.s.picker.SetSelectedIndex(i)
		}
	}
	if h.s.sc().ID != "defer-analytics" {
		t.Fatalf("current %q", h.s.sc().ID)
	}
	edits := h.edits
	test.Tap(h.s.applyBtn)
	if !h.s.confirm.Visible() || !strings.Contains(h.s.confirmText.Text, "Defer api-perf") || h.edits != edits {
		t.Fatalf("confirmation %q (visible %v), %d edits", h.s.confirmText.Text, h.s.confirm.Visible(), h.edits-edits)
	}
	test.Tap(h.s.confirmBtn)
	p := h.u.Reread()
	if h.edits != edits+1 || p.Scenario("defer-analytics") != nil || p.Item("api-perf").StartNoEarlierThan.IsZero() {
		t.Errorf("after promote: %d edits, status %q", h.edits-edits, h.s.status.Text)
	}
	for _, sc := range h.s.list {
		if sc.ID == "defer-analytics" {
			t.Error("the promoted scenario is still listed")
		}
	}
}

// The cost of yes panel names what a big new item on the Patient Data
// Exchange squad hurts (the mandate among them) and what it costs.
func TestCostOfYesPanel(t *testing.T) {
	h := newHarness(t)
	y := h.s.yes
	done := make(chan struct{}, 1)
	y.onDone = func() { done <- struct{}{} }
	test.Type(y.title, "Member portal")
	choose(t, y.team, "Patient Data Exchange")
	test.Type(y.low, "40")
	test.Type(y.likely, "60")
	test.Type(y.high, "90")
	y.commitment.SetSelected("planned")
	test.Tap(y.run)
	uitest.Wait(t, done, 2*time.Minute, "the cost of yes did not finish")
	t.Log(y.headline.Text)
	t.Log(y.detail.Text)
	if !strings.HasPrefix(y.headline.Text, "If we say yes to Member portal: ") || !strings.Contains(y.detail.Text, "CMS Interoperability mandate go-live: ") {
		t.Errorf("headline %q (error %q)", y.headline.Text, y.errLabel.Text)
	}
	if !strings.Contains(y.detail.Text, "costs USD") {
		t.Errorf("detail %q", y.detail.Text)
	}
	// A committed item without a target is refused, said in words.
	y.commitment.SetSelected("committed")
	test.Tap(y.run)
	uitest.Wait(t, done, 2*time.Minute, "the cost of yes did not finish")
	if !y.errLabel.Visible() || !strings.Contains(y.errLabel.Text, "target") {
		t.Errorf("error %q", y.errLabel.Text)
	}
}

// Three saved scenarios side by side: a row each under the plan of
// record's, the exchange hires lifting the mandate.
func TestCompareSeveralSaved(t *testing.T) {
	h := newHarness(t)
	v := h.s.several
	done := make(chan struct{}, 1)
	v.onDone = func() { done <- struct{}{} }
	v.checks.SetSelected([]string{"Two more FHIR API engineers from January", "Two more Patient Data Exchange engineers from January", "Accept the audit-trail risk"})
	test.Tap(v.run)
	uitest.Wait(t, done, 2*time.Minute, "the comparison did not finish")
	if len(v.cells) != 4 || v.cells[0][0] != "Plan of record" {
		t.Fatalf("cells %v (status %q)", v.cells, v.status.Text)
	}
	for _, row := range v.cells {
		t.Log(strings.Join(row, " | "))
	}
	var exch []string
	for _, row := range v.cells {
		if strings.HasPrefix(row[0], "Two more Patient Data Exchange") {
			exch = row
		}
	}
	if exch == nil || !strings.Contains(exch[1]+exch[2]+exch[3]+exch[4], "+") || !strings.HasPrefix(exch[len(exch)-3], "+USD") {
		t.Errorf("the exchange hires' row %v", exch)
	}
}
