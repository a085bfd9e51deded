package importer

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"steerco/internal/app"
	"steerco/internal/ui/shots"
	"steerco/internal/ui/uitest"
)

// TestMappingGridLivePreview reads the EPSRC spend file: the mapping is a
// grid of its columns, the currency problems show at column I where they
// are, and choosing "not read" for that column previews again at once,
// without the errors.
func TestMappingGridLivePreview(t *testing.T) {
	h := newHarness(t)
	s := h.s
	s.Load(sample(t, "finance/epsrc_spend_aug2015_actuals.csv"))
	h.wait()
	if !s.columns.object().Visible() || s.fields.object().Visible() {
		t.Fatal("a file with columns shows the text mapping, not the grid")
	}
	cur := s.columns.selects[9]
	if cur == nil || cur.Selected != fieldLabel("currency") {
		t.Fatalf("column I is not read as the currency: %v", cur)
	}
	h.u.Show(s, uitest.Laptop)
	h.u.Capture("import-grid-1280x800") // with STEERCO_SHOT_DIR set
	if l := s.columns.problems[9]; l == nil || !strings.Contains(l.Text, "3 problems in this column") || !strings.Contains(l.Text, "USD") {
		t.Errorf("the currency problems are not shown at column I in the grid: %v", l)
	}
	if len(s.columns.problems) != 1 {
		t.Errorf("problems shown at %d columns, want only I", len(s.columns.problems))
	}
	if !strings.Contains(s.summary.Text, "3 errors") {
		t.Fatalf("summary %q", s.summary.Text)
	}
	cur.SetSelected(notRead)
	h.wait()
	if !strings.Contains(s.summary.Text, "0 errors") || !strings.Contains(s.totals.Text, "actual total: GBP 4,100,494.91") {
		t.Fatalf("after reading column I as nothing:\n%s\n%s\n%s", s.summary.Text, s.totals.Text, s.message.Text)
	}
	if got := s.fields.values()["currency"]; got != "-" {
		t.Errorf("the mapping's currency is %q, want \"-\"", got)
	}
	if s.columns.selects[9].Selected != notRead || s.apply.Disabled() {
		t.Errorf("after the preview: column I read as %q, apply disabled %v (%s)", s.columns.selects[9].Selected, s.apply.Disabled(), s.applyWhy.Text)
	}
	for _, size := range []struct {
		name string
		fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		w := h.u.Show(s, size.Size)
		h.u.Capture("import-grid-after-" + size.name)
		shots.Check(t, w, "Import at "+size.name, append(KeyTexts(), "Action", "Id", "Summary"))
	}
}

func TestWholeFileProblemsSaidUnderTheSheet(t *testing.T) {
	ps := []app.ImportProblem{
		{Location: app.ImportLocation{Sheet: "Actual"}, Severity: "warning", Message: "Sheet Actual covers 2022 but sheet Budget covers 2026: they will not reconcile."},
		{Location: app.ImportLocation{Sheet: "Budget", Row: 4, Column: 2}, Severity: "warning", Message: "at a cell"},
	}
	got := wholeText(ps)
	if got != "⚠ Sheet Actual: Sheet Actual covers 2022 but sheet Budget covers 2026: they will not reconcile." {
		t.Errorf("wholeText = %q", got)
	}
}

// TestOfferADefaultForItemsWithoutAnEstimate reads a Jira export whose
// epics have no estimate: the wizard says so where the mapping is and
// offers a default in person-days; using one previews again with it.
func TestOfferADefaultForItemsWithoutAnEstimate(t *testing.T) {
	h := newHarness(t)
	s := h.s
	s.Load(sample(t, "jira/bellali_agile-delivery_Jira.csv"))
	h.wait()
	if !s.noEstimate.Visible() {
		t.Fatalf("no offer of a default estimate; problems: %v", s.problems.rows)
	}
	s.defaultDays.SetText("5")
	s.useDefaultEstimate()
	h.wait()
	if got := s.options.values()[app.OptionDefaultEstimateDays]; got != "5" {
		t.Errorf("mapping option %q, want 5", got)
	}
	if !strings.Contains(s.notes.Text, "default of 5 person-days") {
		t.Errorf("the preview does not say the default is used: notes %q", s.notes.Text)
	}
	if s.defaultDays.Text != "5" || !s.noEstimate.Visible() {
		t.Errorf("after the preview the default row shows %q (visible %v)", s.defaultDays.Text, s.noEstimate.Visible())
	}
	h.u.Capture("import-default-estimate")
}
