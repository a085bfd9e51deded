package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

// realdata is /work/shared/realdata seen from this package (shared/ sits beside the repository).
const realdata = "../../../../shared/realdata"

func sample(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(realdata, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data not available (%v); it lives beside the repository in shared/realdata", err)
	}
	return p
}

var today = plan.MustDate("2026-11-21")

// harness is the Import screen over a real portfolio file (uitest: the
// real session, whose edits are the file's single write path).
type harness struct {
	t    *testing.T
	u    *uitest.Harness
	path string // the portfolio file the screen is told is open
	s    *Screen
	w    fyne.Window
	done chan struct{}
}

// openFile names the file the test says is open (File › Open of another
// portfolio changes it).
type openFile struct{ path *string }

func (f openFile) FilePath() string { return *f.path }

func newHarness(t *testing.T) *harness {
	t.Helper()
	u := uitest.Portfolio(t, &plan.Portfolio{Name: "Import test", Currency: "GBP", FiscalYearStart: time.April, PlanningStart: plan.MustDate("2026-11-02")}, today)
	h := &harness{t: t, u: u, path: u.FilePath(), done: make(chan struct{}, 8)}
	h.s = New(u, u, u, u, openFile{&h.path})
	h.s.done = func() { h.done <- struct{}{} }
	h.w = u.Show(h.s, fyne.NewSize(1400, 860))
	return h
}

// wait blocks until the job in flight has shown its result.
func (h *harness) wait() {
	h.t.Helper()
	uitest.Wait(h.t, h.done, 30*time.Second, "the import job did not finish in 30 s")
}

// stored is the portfolio as the file holds it, as JSON.
func (h *harness) stored() []byte {
	h.t.Helper()
	p, err := app.Read(context.Background(), h.u.FilePath())
	if err != nil {
		h.t.Fatal(err)
	}
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		h.t.Fatal(err)
	}
	return b.Bytes()
}

func (h *harness) reopen() *plan.Portfolio {
	h.t.Helper()
	p, err := app.Read(context.Background(), h.u.FilePath())
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

func TestImportFinanceCSVPreviewMappingApply(t *testing.T) {
	h := newHarness(t)
	src := sample(t, "finance/epsrc_spend_aug2015_actuals.csv")
	before := h.stored()

	h.s.Load(src)
	h.wait()
	s := h.s
	if s.kind.Selected != kindLabels["finance"] {
		t.Errorf("detected kind %q", s.kind.Selected)
	}
	if s.sheetRow.Visible() {
		t.Error("a CSV file shows a sheet choice")
	}
	sum := s.summary.Text + "\n" + s.totals.Text
	for _, want := range []string{"1,041 rows read", "1,038 imported", "3 errors", "actual total: GBP 4,097,155.82"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}
	// Three rows say USD or EUR: errors, located, listed first; Apply refused.
	if len(s.problems.rows) != 3 || s.problems.rows[0][0] != "error" || s.problems.rows[0][3] != "23" || !strings.HasPrefix(s.problems.rows[0][4], "I (InvoiceCurrencyUnit)") {
		t.Errorf("problem rows %q", s.problems.rows)
	}
	if !strings.HasPrefix(s.detail.Text, "Error (row 23, column I (InvoiceCurrencyUnit)): The row says its amount is in USD") {
		t.Errorf("the first problem is not shown in full: %q", s.detail.Text)
	}
	if !s.apply.Disabled() || !strings.Contains(s.applyWhy.Text, "3 errors") {
		t.Errorf("Apply enabled=%v with errors; reason %q", !s.apply.Disabled(), s.applyWhy.Text)
	}
	test.Tap(s.apply)
	if !bytes.Equal(before, h.stored()) {
		t.Fatal("tapping a disabled Apply wrote to the portfolio")
	}

	// The amounts are all sterling: tell the mapping there is no currency column, preview again.
	var cur *kvRow
	for _, r := range s.fields.rows {
		if r.key == "currency" {
			cur = r
		}
	}
	if cur == nil || cur.value.Text != "InvoiceCurrencyUnit" {
		t.Fatalf("the mapping does not show the currency column: %+v", s.fields.rows)
	}
	cur.value.SetText("")
	test.Type(cur.value, "-")
	test.Tap(s.rerun)
	h.wait()
	if !strings.Contains(s.totals.Text, "actual total: GBP 4,100,494.91") || !strings.Contains(s.summary.Text, "0 errors") {
		t.Fatalf("after the mapping change:\n%s\n%s\n%s", s.summary.Text, s.totals.Text, s.message.Text)
	}
	if s.apply.Disabled() || len(s.changes.rows) == 0 {
		t.Fatalf("Apply still off (%q) with %d changes", s.applyWhy.Text, len(s.changes.rows))
	}
	n := len(s.changes.rows)

	test.Tap(s.apply)
	if want := "Imported " + count(n, "change") + " from epsrc_spend_aug2015_actuals.csv."; s.message.Text != want {
		t.Errorf("message %q, want %q", s.message.Text, want)
	}
	if len(h.u.Navigated) != 1 || h.u.Navigated[0] != "Budget" {
		t.Errorf("navigated to %v, want Budget", h.u.Navigated)
	}
	p := h.reopen()
	total := plan.Money{Currency: "GBP"}
	for _, b := range p.BudgetLines {
		for _, a := range b.Actual {
			total = total.Add(a.Amount)
		}
	}
	if total.String() != "GBP 4,100,494.91" || len(p.ImportMappings) != 1 || p.ImportMappings[0].Fields["currency"] != "-" {
		t.Errorf("stored actuals %s over %d lines; mappings %+v", total, len(p.BudgetLines), p.ImportMappings)
	}
	if !s.apply.Disabled() || s.data != nil {
		t.Error("the wizard can apply the same preview twice")
	}
}

func TestImportRefusedFileWritesNothing(t *testing.T) {
	h := newHarness(t)
	before := h.stored()
	h.s.Load(sample(t, "dora/fourkeys_events_raw_schema.json"))
	h.wait()
	s := h.s
	if !strings.Contains(s.message.Text, "table schema") || s.message.Importance != widget.DangerImportance {
		t.Errorf("message %q (importance %d)", s.message.Text, s.message.Importance)
	}
	if !s.apply.Disabled() {
		t.Error("Apply enabled for a refused file")
	}
	// Forcing the kind runs the delivery importer, which refuses it too.
	s.kind.SetSelected(kindLabels["delivery"])
	h.wait()
	if !s.apply.Disabled() || s.message.Text == "" {
		t.Errorf("as delivery: apply enabled=%v, message %q", !s.apply.Disabled(), s.message.Text)
	}
	test.Tap(s.apply)
	if !bytes.Equal(before, h.stored()) {
		t.Error("a refused file changed the portfolio")
	}
}

func TestImportCancelWritesNothing(t *testing.T) {
	h := newHarness(t)
	before := h.stored()
	s := h.s
	src := sample(t, "dora/cfkoehler_deployments_tiny.csv")
	h.s.Load(src)
	h.wait()
	if s.apply.Disabled() {
		t.Fatalf("a clean delivery file cannot be applied: %q / %q", s.applyWhy.Text, s.message.Text)
	}
	test.Tap(s.discard)
	if !strings.Contains(s.message.Text, "nothing was written") || !s.apply.Disabled() || s.data != nil {
		t.Errorf("after Cancel import: message %q, apply enabled %v", s.message.Text, !s.apply.Disabled())
	}
	// Cancel while reading: the result is dropped, whenever it arrives.
	s.Load(src)
	test.Tap(s.cancelBtn)
	h.wait()
	if !bytes.Equal(before, h.stored()) {
		t.Error("cancelling changed the portfolio")
	}
}

func TestImportWorkbookListsSheetsWithHiddenFlagged(t *testing.T) {
	h := newHarness(t)
	h.s.Load(sample(t, "finance/dashboard_hidden_sheets_pivots.xlsx"))
	h.wait()
	s := h.s
	if !s.sheetRow.Visible() || len(s.sheet.Options) != 5 || s.sheet.Options[1] != "Area Line  (hidden)" || s.sheet.Selected != "Dashboard" {
		t.Fatalf("sheets %q, selected %q", s.sheet.Options, s.sheet.Selected)
	}
	if !s.apply.Disabled() || len(s.problems.rows) == 0 || s.problems.rows[0][2] != "Dashboard" {
		t.Errorf("the dashboard sheet has no amounts, yet: problems %q", s.problems.rows)
	}
	// Choosing the hidden data sheet previews it instead.
	s.sheet.SetSelected("SafetyData  (hidden)")
	h.wait()
	if !strings.Contains(s.notes.Text, `Sheet "SafetyData" is hidden`) {
		t.Errorf("notes after choosing the hidden sheet:\n%s\nmessage %q", s.notes.Text, s.message.Text)
	}
}

func TestImportDroppedWhenAnotherPortfolioOpens(t *testing.T) {
	h := newHarness(t)
	s := h.s
	h.s.Load(sample(t, "dora/cfkoehler_deployments_tiny.csv"))
	h.wait()
	if s.apply.Disabled() {
		t.Fatalf("a clean delivery file cannot be applied: %q", s.applyWhy.Text)
	}
	h.path = filepath.Join(t.TempDir(), "other.steerco") // File › Open of another portfolio
	s.Show(h.u.Portfolio())
	if s.data != nil || !s.apply.Disabled() || !strings.Contains(s.message.Text, "Another portfolio was opened") {
		t.Errorf("the preview survived opening another portfolio: message %q", s.message.Text)
	}
}

func TestImportMissingFile(t *testing.T) {
	h := newHarness(t)
	h.s.Load(filepath.Join(t.TempDir(), "nope.csv"))
	h.wait()
	if !strings.Contains(h.s.message.Text, "no such file") || !h.s.apply.Disabled() {
		t.Errorf("message %q", h.s.message.Text)
	}
}

// TestChooseFileTakesATypedPath: Choose file… opens a box to type the
// path into; a missing file is said there and nothing is read, a typed
// path (relative to the working folder here) is read and previewed, and
// the next choice starts in its folder.
func TestChooseFileTakesATypedPath(t *testing.T) {
	h := newHarness(t)
	rel := sample(t, "dora/cfkoehler_deployments_tiny.csv")
	src, err := filepath.Abs(rel)
	if err != nil {
		t.Fatal(err)
	}
	test.Tap(h.s.choose)
	pd := h.s.chooser
	if pd == nil || h.w.Canvas().Focused() != pd.Entry {
		t.Fatal("Choose file… did not open a path box with the typing")
	}
	missing := filepath.Join(filepath.Dir(src), "nope.csv")
	pd.Entry.SetText("")
	test.Type(pd.Entry, missing)
	test.Tap(pd.OK)
	if !pd.Problem.Visible() || !strings.Contains(pd.Problem.Text, "There is no file at "+missing) {
		t.Errorf("a missing file: the dialog says %q", pd.Problem.Text)
	}
	if h.s.path != "" || h.w.Canvas().Overlays().Top() == nil {
		t.Errorf("a missing file was read (%q) or closed the dialog", h.s.path)
	}
	pd.Entry.SetText("")
	test.Type(pd.Entry, rel)
	test.Tap(pd.OK)
	h.wait()
	if h.s.path != src || h.s.data == nil {
		t.Fatalf("typed %s: read %q (message %q)", rel, h.s.path, h.s.message.Text)
	}
	if h.w.Canvas().Overlays().Top() != nil {
		t.Error("the dialog is still open after a good path")
	}
	test.Tap(h.s.choose)
	if want := filepath.Dir(src) + string(filepath.Separator); h.s.chooser.Entry.Text != want {
		t.Errorf("the next choice starts at %q, want %q", h.s.chooser.Entry.Text, want)
	}
}

func TestGridSortsByTappedHeader(t *testing.T) {
	uitest.NewApp(t)
	g := newGrid([]column{{title: "Name", width: 100}, {title: "Row", width: 50, num: true}})
	g.set([][]string{{"b", "10"}, {"a", "9"}, {"c", "100"}})
	got := func() string {
		var out []string
		for _, i := range g.order {
			out = append(out, g.rows[i][1])
		}
		return strings.Join(out, ",")
	}
	g.sortBy(1)
	if got() != "9,10,100" {
		t.Errorf("ascending by row: %s", got())
	}
	g.sortBy(1)
	if got() != "100,10,9" {
		t.Errorf("descending by row: %s", got())
	}
	g.sortBy(0)
	if got() != "9,10,100" { // a, b, c
		t.Errorf("by name: %s", got())
	}
}
