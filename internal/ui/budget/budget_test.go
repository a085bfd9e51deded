package budget

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

// fixture is the Budget screen over a fresh copy of the demo portfolio file
// (uitest: the real session, whose edits go through the file's write path
// and reload, as the shell's do).
type fixture struct {
	u     *uitest.Harness
	s     *Screen
	path  string
	edits int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{u: uitest.Demo(t, today)}
	f.path = f.u.FilePath()
	f.s = New(counting{f.u, &f.edits}, f.u, f.u)
	f.u.Show(f.s, fyne.NewSize(1200, 800))
	t.Cleanup(func() {
		for _, err := range f.u.Errors {
			t.Errorf("error dialog: %v", err)
		}
	})
	return f
}

// counting is an Editor that counts the edits asked of it.
type counting struct {
	screen.Editor
	n *int
}

func (c counting) Edit(action string, fn func(p *plan.Portfolio) error) error {
	*c.n++
	return c.Editor.Edit(action, fn)
}

// reread opens the file again, as a second reader, and returns the budget line.
func (f *fixture) reread(t *testing.T, id string) *plan.BudgetLine {
	t.Helper()
	p, err := app.Read(context.Background(), f.path)
	if err != nil {
		t.Fatal(err)
	}
	return p.BudgetLine(id)
}

func TestEditMonthActualWritesExactMinorUnits(t *testing.T) {
	f := newFixture(t)
	s := f.s
	if s.lineID == "" {
		t.Fatal("no line selected on show")
	}
	id := s.lineID
	m := s.year.Months[2]
	s.months.Select(widget.TableCellID{Row: 1, Col: 2}) // a cell of the March column
	if s.monthIdx != 2 || s.monthSel.SelectedIndex() != 2 {
		t.Fatalf("tapping the grid column did not pick the month: %d", s.monthIdx)
	}
	s.actualEntry.SetText("")
	test.Type(s.actualEntry, "$123,456.78")
	test.Tap(s.saveBtn)
	if s.actualErr.Visible() || s.formErr.Visible() || s.planErr.Visible() {
		t.Fatalf("errors after a valid save: %q %q %q", s.planErr.Text, s.actualErr.Text, s.formErr.Text)
	}
	if f.edits != 1 {
		t.Errorf("%d edits for one save, want 1", f.edits)
	}
	got := f.reread(t, id).ActualOf(m)
	if got.Minor != 12345678 || got.Currency != s.p.Currency {
		t.Errorf("actual in the file: %d %s, want 12345678 minor units", got.Minor, got.Currency)
	}
	if s.actualEntry.Text != "123,456.78" {
		t.Errorf("form after save shows %q", s.actualEntry.Text)
	}
}

func TestInvalidAmountShowsErrorAndWritesNothing(t *testing.T) {
	f := newFixture(t)
	s := f.s
	id := s.lineID
	before := f.reread(t, id)
	s.pickMonth(0)
	s.actualEntry.SetText("")
	test.Type(s.actualEntry, "12,34.5x")
	test.Tap(s.saveBtn)
	if !s.actualErr.Visible() || !strings.Contains(s.actualErr.Text, "12,34.5x") {
		t.Errorf("actual error %q (visible %v)", s.actualErr.Text, s.actualErr.Visible())
	}
	if s.planErr.Visible() {
		t.Errorf("plan error shown for a good plan: %q", s.planErr.Text)
	}
	if f.edits != 0 {
		t.Errorf("an edit was attempted with an invalid amount")
	}
	after := f.reread(t, id)
	if len(after.Actual) != len(before.Actual) || len(after.Plan) != len(before.Plan) {
		t.Error("the file changed")
	}
	for i := range before.Actual {
		if after.Actual[i] != before.Actual[i] {
			t.Errorf("actual %d changed: %v → %v", i, before.Actual[i], after.Actual[i])
		}
	}
	// Escape in the field, like Cancel, reverts the form.
	s.actualEntry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.actualErr.Visible() || strings.Contains(s.actualEntry.Text, "x") {
		t.Errorf("escape left %q, error %q", s.actualEntry.Text, s.actualErr.Text)
	}
	test.Type(s.planEntry, "zz")
	test.Tap(s.cancelBtn)
	if strings.Contains(s.planEntry.Text, "zz") {
		t.Errorf("cancel left %q", s.planEntry.Text)
	}
}

func TestFiscalYearSwitchChangesMonths(t *testing.T) {
	f := newFixture(t)
	s := f.s
	if len(s.fys) < 2 {
		t.Fatalf("the demo spans one fiscal year only: %v", s.fys)
	}
	first := s.year.Months[0]
	cur := s.fy
	other := s.fys[0]
	if other == cur {
		other = s.fys[len(s.fys)-1]
	}
	s.yearSel.SetSelected(s.yearLabel(other))
	if s.fy != other {
		t.Fatalf("fiscal year %d after choosing %d", s.fy, other)
	}
	if s.year.Months[0] == first || s.year.Months[0] != s.p.FiscalYearMonths(other)[0] {
		t.Errorf("grid months start %v, want %v", s.year.Months[0], s.p.FiscalYearMonths(other)[0])
	}
	if want := s.p.LineMonths(other, today, s.lineID); s.grid[0][0].text != figure.Cents(want[0].Plan) {
		t.Errorf("grid plan %q, want %q (the month grid keeps cents)", s.grid[0][0].text, figure.Cents(want[0].Plan))
	}
	if !strings.HasPrefix(s.gridTitle.Text, "Months of ") || !strings.Contains(s.gridTitle.Text, "FY") {
		t.Errorf("grid title %q", s.gridTitle.Text)
	}
}

func TestYearEndProjectionMatchesDomain(t *testing.T) {
	f := newFixture(t)
	s := f.s
	y := s.p.BudgetYear(s.p.FiscalYearOf(today), today)
	if !strings.Contains(s.summary.Text, "year-end projection at plan for the open months "+figure.Money(y.Total.Forecast)) {
		t.Errorf("summary %q lacks the projection %s", s.summary.Text, figure.Money(y.Total.Forecast))
	}
	if !strings.Contains(s.summary.Text, fmt.Sprintf("at the run rate of the last %d closed months ", y.RunRateMonths)+figure.Money(y.RunRate)) {
		t.Errorf("summary %q lacks the run-rate projection %s", s.summary.Text, figure.Money(y.RunRate))
	}
	for _, r := range s.rows {
		var want plan.BudgetRow
		for i, b := range s.p.BudgetLines {
			if b.ID == r.id {
				want = y.ByLine[i]
			}
		}
		if r.cells[9] != want.Forecast.Whole() || r.cells[5] != want.Plan.Whole() {
			t.Errorf("line %s: projection %q plan %q, want %q %q", r.id, r.cells[9], r.cells[5], want.Forecast.Whole(), want.Plan.Whole())
		}
	}
}

func TestAddAndDeleteLine(t *testing.T) {
	f := newFixture(t)
	s := f.s
	n := len(s.p.BudgetLines)
	test.Tap(s.addBtn)
	if s.add == nil {
		t.Fatal("no add form")
	}
	// Without a name the dialog stays open with the error next to the name.
	s.add.category.SetSelectedIndex(2)
	test.Tap(s.add.ok)
	if s.add == nil || !s.add.nameErr.Visible() {
		t.Fatal("missing name not reported next to the field")
	}
	test.Type(s.add.name, "Observability SaaS")
	s.add.costCentre.SetText("CC-4200")
	s.add.spend.SetSelected("CapEx")
	test.Tap(s.add.ok)
	if s.add != nil {
		t.Fatalf("dialog still open: %q", s.add.err.Text)
	}
	b := f.reread(t, "observability-saas")
	if b == nil || b.Category != plan.BudgetTooling || b.CostCentre != "CC-4200" || b.Spend != plan.CapEx {
		t.Fatalf("line in the file: %+v", b)
	}
	if s.lineID != "observability-saas" {
		t.Errorf("new line not selected: %q", s.lineID)
	}
	s.confirm = func(_, _ string, fn func(bool)) { fn(true) }
	test.Tap(s.deleteBtn)
	if f.reread(t, "observability-saas") != nil || len(s.p.BudgetLines) != n {
		t.Error("line not deleted")
	}
}

func TestSortByHeader(t *testing.T) {
	f := newFixture(t)
	s := f.s
	s.sortBy(9) // year-end projection, largest first
	for i := 1; i < len(s.rows); i++ {
		if s.rows[i-1].row.Forecast.Minor < s.rows[i].row.Forecast.Minor {
			t.Fatalf("not sorted by projection at %d", i)
		}
	}
	s.sortBy(9)
	if s.rows[0].row.Forecast.Minor > s.rows[len(s.rows)-1].row.Forecast.Minor {
		t.Error("second tap did not reverse")
	}
}

func TestSavingUnchangedMonthWritesNothing(t *testing.T) {
	f := newFixture(t)
	s := f.s
	s.pickMonth(1)
	test.Tap(s.saveBtn)
	if f.edits != 0 || !s.formErr.Visible() {
		t.Errorf("edits %d, message %q", f.edits, s.formErr.Text)
	}
}

// BenchmarkShow200Lines measures Show (budget year, rows, month grid, chart
// data) on a portfolio with 200 budget lines of 24 months each.
//
//	go test -tags migrated_fynedo,sqlite_omit_load_extension -run '^$' -bench Show200 ./internal/ui/budget
func BenchmarkShow200Lines(b *testing.B) {
	p := &plan.Portfolio{Name: "Big", Currency: "USD", FiscalYearStart: 1, PlanningStart: today}
	for i := 0; i < 200; i++ {
		line := plan.BudgetLine{Name: fmt.Sprintf("Line %03d", i), Category: plan.BudgetTooling, Spend: plan.OpEx}
		for m := plan.MustMonth("2026-01"); m <= plan.MustMonth("2027-12"); m++ {
			line.Plan = append(line.Plan, plan.MonthAmount{Month: m, Amount: plan.Amount(int64(1000+i), "USD")})
			if m < today.MonthOf() {
				line.Actual = append(line.Actual, plan.MonthAmount{Month: m, Amount: plan.Amount(int64(990+i), "USD")})
			}
		}
		p.AddBudgetLine(line)
	}
	u := uitest.Portfolio(b, p, today)
	s := New(u, u, u)
	u.Show(s, fyne.NewSize(1200, 800))
	b.ReportAllocs()
	for b.Loop() {
		s.Show(p)
	}
}

func TestEditLineDialog(t *testing.T) {
	f := newFixture(t)
	s := f.s
	orig := s.p.BudgetLines[0]
	s.lineID = orig.ID
	test.Tap(s.editBtn)
	if s.add == nil || s.add.editID != orig.ID {
		t.Fatal("no edit form for the selected line")
	}
	if s.add.name.Text != orig.Name || s.add.costCentre.Text != orig.CostCentre || s.add.spend.Selected != spendLabel(orig.Spend) {
		t.Fatalf("form not filled from the line: %q %q %q", s.add.name.Text, s.add.costCentre.Text, s.add.spend.Selected)
	}
	// An empty name stays in the dialog, next to the field, and writes nothing.
	s.add.name.SetText("")
	test.Tap(s.add.ok)
	if s.add == nil || !s.add.nameErr.Visible() {
		t.Fatal("missing name not reported next to the field")
	}
	if got := f.reread(t, orig.ID); got == nil || got.Name != orig.Name {
		t.Fatalf("an invalid edit reached the file: %+v", got)
	}
	test.Type(s.add.name, "Contractors, renamed")
	s.add.costCentre.SetText("CC-9999")
	s.add.spend.SetSelected("OpEx")
	s.add.team.SetSelectedIndex(0) // (no team)
	test.Tap(s.add.ok)
	if s.add != nil {
		t.Fatalf("dialog still open: %q", s.add.err.Text)
	}
	b := f.reread(t, orig.ID)
	if b == nil || b.Name != "Contractors, renamed" || b.CostCentre != "CC-9999" || b.Spend != plan.OpEx || b.TeamID != "" || b.Category != orig.Category {
		t.Fatalf("line in the file: %+v", b)
	}
	if len(b.Plan) != len(orig.Plan) || len(b.Actual) != len(orig.Actual) {
		t.Error("editing the line's details changed its months")
	}
	if s.lineID != orig.ID {
		t.Errorf("edited line not selected: %q", s.lineID)
	}
}

// pressEscape sends Escape as the window does: to the focused widget, or to
// the canvas's key handler when nothing has the focus.
func pressEscape(c fyne.Canvas) {
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	if o := c.Focused(); o != nil {
		o.TypedKey(esc)
	} else if h := c.OnTypedKey(); h != nil {
		h(esc)
	}
}

func TestEscapeClosesTheLineDialogs(t *testing.T) {
	cases := []struct {
		name  string
		open  func(s *Screen) *widget.Button
		focus func(c fyne.Canvas, f *addForm) // where Escape is pressed
	}{
		{"add, in the name", func(s *Screen) *widget.Button { return s.addBtn }, func(fyne.Canvas, *addForm) {}},
		{"add, nothing focused", func(s *Screen) *widget.Button { return s.addBtn }, func(c fyne.Canvas, _ *addForm) { c.Unfocus() }},
		{"edit, in the spend drop-down", func(s *Screen) *widget.Button { return s.editBtn }, func(c fyne.Canvas, f *addForm) { c.Focus(f.spend) }},
		{"edit, in the cost centre", func(s *Screen) *widget.Button { return s.editBtn }, func(c fyne.Canvas, f *addForm) { c.Focus(f.costCentre) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			s := f.s
			orig := s.p.BudgetLines[0]
			s.lineID = orig.ID
			c := s.dl.Window().Canvas()
			test.Tap(tc.open(s))
			if s.add == nil || c.Overlays().Top() == nil {
				t.Fatal("no dialog")
			}
			form := s.add
			test.Type(form.name, " typed")
			tc.focus(c, form)
			pressEscape(c)
			if s.add != nil || c.Overlays().Top() != nil {
				t.Fatal("Escape left the dialog open")
			}
			if f.edits != 0 {
				t.Errorf("Escape wrote %d edits", f.edits)
			}
			if b := f.reread(t, orig.ID); b == nil || b.Name != orig.Name {
				t.Errorf("line after Escape: %+v, want %q unchanged", b, orig.Name)
			}
			// The window's key handler is back to what it was: a later
			// Escape (no dialog) does nothing, and the screen still works.
			if h := c.OnTypedKey(); h != nil {
				t.Error("the dialog's key handler outlived the dialog")
			}
			test.Tap(s.addBtn)
			if s.add == nil {
				t.Fatal("the dialog does not open again")
			}
			test.Tap(s.add.cancel)
			if s.add != nil || c.Overlays().Top() != nil {
				t.Error("Cancel left the dialog open")
			}
		})
	}
}
