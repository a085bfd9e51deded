package roadmap

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

// harness is the Roadmap screen over a copy of the demo file through
// uitest: edits go through the real session and show the reloaded
// portfolio, as the shell does.
type harness struct {
	*uitest.Harness
	t *testing.T
	s *Screen
	w fyne.Window
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	u := uitest.Demo(t, today)
	h := &harness{Harness: u, t: t}
	h.w = u.NewWindow(fyne.NewSize(1500, 1000))
	h.s = New(u, u, u, u)
	u.Show(h.s, fyne.NewSize(1500, 1000))
	return h
}

// shown is the last error given to ShowError (nil for none).
func (h *harness) shown() error {
	if len(h.Errors) == 0 {
		return nil
	}
	return h.Errors[len(h.Errors)-1]
}

// reopen reads the portfolio back from the file through a new connection.
func (h *harness) reopen() *plan.Portfolio { return h.Reread() }

// selectItem taps the item's row in the table (selecting it as a click does).
func (h *harness) selectItem(id string) {
	h.t.Helper()
	for k, r := range h.s.idx {
		if h.s.rows[r].item.ID == id {
			h.s.table.Select(widget.TableCellID{Row: k, Col: colTitle})
			if h.s.form.title.Text != h.s.p.Item(id).Title {
				h.t.Fatalf("selecting %s: form shows %q", id, h.s.form.title.Text)
			}
			return
		}
	}
	h.t.Fatalf("item %s is not in the table", id)
}

// retype replaces an entry's text by typing, as a user would.
func retype(e interface {
	fyne.Focusable
	SetText(string)
}, s string) {
	e.SetText("")
	test.Type(e, s)
}

func TestSelectRowFillsForm(t *testing.T) {
	h := newHarness(t)
	it := h.s.p.Items[3]
	h.selectItem(it.ID)
	f := h.s.form
	got := map[string]string{
		"title": f.title.Text, "team": f.team.Selected, "low": f.low.Text, "likely": f.likely.Text, "high": f.high.Text,
		"rank": f.rank.Text, "target": f.target.Text, "commitment": f.commitment.Selected, "status": f.status.Selected,
	}
	want := map[string]string{
		"title": it.Title, "team": h.s.p.Team(it.TeamID).Name, "low": num(it.Estimate.Low), "likely": num(it.Estimate.Likely),
		"high": num(it.Estimate.High), "rank": strconv.Itoa(it.Rank), "target": it.Target.String(), "commitment": it.Commitment,
		"status": statusLabel(it.Status),
	}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("%s = %q, want %q", k, got[k], want[k])
		}
	}
	if len(f.depBox.Objects) != max(1, len(it.DependsOn)) {
		t.Errorf("dependency rows %d for %d dependencies", len(f.depBox.Objects), len(it.DependsOn))
	}
}

func TestSaveLikelyEstimateReachesFile(t *testing.T) {
	h := newHarness(t)
	var it plan.Item
	for _, x := range h.s.p.Items {
		if x.Estimate.High-x.Estimate.Low >= 2 {
			it = x
			break
		}
	}
	likely := float64(int(it.Estimate.Low) + 1)
	h.selectItem(it.ID)
	retype(h.s.form.likely, num(likely))
	test.Tap(h.s.form.save)

	if msg := h.s.form.general.Text; msg != "" {
		t.Fatalf("save failed: %s", msg)
	}
	if got := h.reopen().Item(it.ID).Estimate; got.Likely != likely || got.Low != it.Estimate.Low || got.High != it.Estimate.High {
		t.Errorf("file has estimate %+v, want likely %g and the rest unchanged", got, likely)
	}
	if h.s.form.likely.Text != num(likely) || h.s.selected != it.ID {
		t.Errorf("after saving the form shows %q for %s", h.s.form.likely.Text, h.s.selected)
	}
}

func TestInvalidInputShowsErrorNextToFieldAndWritesNothing(t *testing.T) {
	cases := []struct {
		name  string
		type_ func(f *form)
		field string
		want  string
	}{
		{"low above high", func(f *form) { retype(f.low, "500"); retype(f.high, "20") }, "estimate.low", "more than the high estimate"},
		{"likely outside range", func(f *form) { retype(f.low, "5"); retype(f.likely, "50"); retype(f.high, "20") }, "estimate.likely", "between low"},
		{"estimate not a number", func(f *form) { retype(f.high, "twelve") }, "estimate.high", `"twelve" is not a number`},
		{"bad target date", func(f *form) { retype(f.target, "31/12/2027") }, "target", "YYYY-MM-DD"},
		{"empty title", func(f *form) { retype(f.title, "  ") }, "title", "title is required"},
		{"negative remaining", func(f *form) { retype(f.remaining, "-3") }, "remaining_days", "cannot be negative"},
		{"rank not a number", func(f *form) { retype(f.rank, "first") }, "rank", "not a whole number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t)
			it := h.s.p.Items[0]
			h.selectItem(it.ID)
			c.type_(h.s.form)
			test.Tap(h.s.form.save)
			l := h.s.form.errs[c.field]
			if !l.Visible() || !strings.Contains(l.Text, c.want) {
				t.Errorf("error under %s: visible %v, %q; want %q", c.field, l.Visible(), l.Text, c.want)
			}
			if h.Edits != 0 {
				t.Errorf("%d edits went through", h.Edits)
			}
			got := h.reopen().Item(it.ID)
			if got.Estimate != it.Estimate || got.Title != it.Title || got.Target != it.Target || got.Rank != it.Rank {
				t.Errorf("the file changed: %+v", got)
			}
			// Revert puts the stored values back and clears the error.
			test.Tap(h.s.form.revert)
			if l.Visible() || h.s.form.low.Text != num(it.Estimate.Low) {
				t.Errorf("revert left %q visible=%v, low %q", l.Text, l.Visible(), h.s.form.low.Text)
			}
		})
	}
}

// dependentPair finds items a and b where b depends on a.
func dependentPair(t *testing.T, p *plan.Portfolio) (a, b string) {
	for _, it := range p.Items {
		for _, d := range it.DependsOn {
			return d.ItemID, it.ID
		}
	}
	t.Fatal("the demo has no dependencies")
	return "", ""
}

func TestDependencyCycleRefusedWithCycleNamed(t *testing.T) {
	h := newHarness(t)
	a, b := dependentPair(t, h.s.p)
	before := h.s.p.Item(a).DependsOn
	h.selectItem(a)
	f := h.s.form
	test.Type(f.depFind, b)
	k := slices.Index(f.depPickIDs, b)
	if k < 0 || k >= len(f.depPick.Objects) || !f.depPick.Objects[k].Visible() {
		t.Fatalf("%s is not offered as a dependency of %s (offered %v)", b, a, f.depPickIDs)
	}
	test.Tap(f.depPick.Objects[k].(*offer)) // a tap on the offered item adds it
	if len(f.deps) != len(before)+1 {
		t.Fatalf("dependency not added to the form: %v", f.deps)
	}
	test.Tap(f.save)
	msg := f.errs["depends_on"].Text
	if !f.errs["depends_on"].Visible() || !strings.Contains(msg, "Dependency cycle") || !strings.Contains(msg, a) || !strings.Contains(msg, b) {
		t.Errorf("cycle error %q", msg)
	}
	if got := h.reopen().Item(a).DependsOn; !slices.Equal(got, before) {
		t.Errorf("file dependencies of %s: %v, want %v", a, got, before)
	}
	// Removing it again and saving works.
	f.removeDep(len(f.deps) - 1)
	test.Tap(f.save)
	if h.Edits != 1 || f.errs["depends_on"].Visible() {
		t.Errorf("save after removing the cycle: %d edits, error %q", h.Edits, f.errs["depends_on"].Text)
	}
}

func TestMoveUpSwapsRanksInFile(t *testing.T) {
	h := newHarness(t)
	p := h.s.p
	var team string
	for _, tm := range p.Teams {
		if len(p.TeamItems(tm.ID)) >= 3 {
			team = tm.ID
			break
		}
	}
	order := p.TeamItems(team)
	first, second := p.Items[order[0]], p.Items[order[1]]
	h.selectItem(second.ID)
	test.Tap(h.s.form.up)
	got := h.reopen()
	if got.Item(second.ID).Rank >= got.Item(first.ID).Rank {
		t.Errorf("after Move up: %s rank %d, %s rank %d", second.ID, got.Item(second.ID).Rank, first.ID, got.Item(first.ID).Rank)
	}
	if h.Edits != 1 {
		t.Errorf("%d edits, want one", h.Edits)
	}
	if h.s.form.rank.Text != strconv.Itoa(got.Item(second.ID).Rank) {
		t.Errorf("form rank %q", h.s.form.rank.Text)
	}
	// Already first: refused with a reason next to the rank.
	test.Tap(h.s.form.up)
	if !strings.Contains(h.s.form.errs["rank"].Text, "already first") && !strings.Contains(h.s.form.errs["rank"].Text, "Already first") {
		t.Errorf("rank error %q", h.s.form.errs["rank"].Text)
	}
}

func TestFilterByTeamReducesRows(t *testing.T) {
	h := newHarness(t)
	all := len(h.s.idx)
	if all != len(h.s.p.Items) {
		t.Fatalf("unfiltered table shows %d of %d", all, len(h.s.p.Items))
	}
	h.s.teamSel.SetSelectedIndex(1)
	team := h.s.teamIDs[0]
	if len(h.s.idx) == 0 || len(h.s.idx) >= all {
		t.Fatalf("team filter shows %d of %d rows", len(h.s.idx), all)
	}
	for _, r := range h.s.idx {
		if h.s.rows[r].item.TeamID != team {
			t.Errorf("row %s of team %s shown under filter %s", h.s.rows[r].item.ID, h.s.rows[r].item.TeamID, team)
		}
	}
	if !strings.Contains(h.s.count.Text, " of ") {
		t.Errorf("count label %q", h.s.count.Text)
	}
	// Search narrows further; clearing the filters shows everything again.
	id := h.s.rows[h.s.idx[0]].item.ID
	test.Type(h.s.search, strings.ToUpper(id))
	if len(h.s.idx) < 1 || h.s.rows[h.s.idx[0]].item.ID != id {
		t.Errorf("search %q shows %d rows", id, len(h.s.idx))
	}
	h.s.search.SetText("")
	h.s.teamSel.SetSelectedIndex(0)
	if len(h.s.idx) != all {
		t.Errorf("cleared filters show %d rows", len(h.s.idx))
	}
}

func TestSortByTargetTappingHeader(t *testing.T) {
	h := newHarness(t)
	tapHeader(t, h, "Target")
	targets := func() []plan.Date {
		var ds []plan.Date
		for _, r := range h.s.idx {
			ds = append(ds, h.s.rows[r].item.Target)
		}
		return ds
	}
	ds := targets()
	seenZero := false
	for i, d := range ds {
		if d.IsZero() {
			seenZero = true
			continue
		}
		if seenZero || (i > 0 && d < ds[i-1]) {
			t.Fatalf("not ascending with no target last at %d: %v", i, ds)
		}
	}
	tapHeader(t, h, "Target")
	if !h.s.sortDesc || targets()[len(ds)-1] == ds[len(ds)-1] && !ds[0].IsZero() {
		t.Errorf("second tap did not reverse the order")
	}
}

// tapHeader taps the table's header button whose label starts with title.
func tapHeader(t *testing.T, h *harness, title string) {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil || !o.Visible() {
			return
		}
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, title) {
			found = b
			return
		}
		switch x := o.(type) {
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(h.s.table)
	if found == nil {
		t.Fatalf("no header %q", title)
	}
	test.Tap(found)
}

func TestDeleteItem(t *testing.T) {
	h := newHarness(t)
	a, b := dependentPair(t, h.s.p)
	h.selectItem(a)
	h.s.deleteSelected()
	if h.shown() == nil || !strings.Contains(plan.ErrorMessage(h.shown()), b) {
		t.Errorf("deleting %s, on which %s depends: error %v", a, b, h.shown())
	}
	if h.reopen().Item(a) == nil {
		t.Fatal("the item others depend on was deleted")
	}
	// An item nothing refers to goes.
	leaf := ""
	p := h.s.p
	for _, it := range p.Items {
		if refs(p, it.ID) == 0 {
			leaf = it.ID
			break
		}
	}
	h.selectItem(leaf)
	h.s.deleteSelected()
	if h.reopen().Item(leaf) != nil {
		t.Errorf("%s still in the file", leaf)
	}
	if h.s.selected != "" || h.s.form.body.Visible() {
		t.Error("the form still shows the deleted item")
	}
}

func refs(p *plan.Portfolio, id string) int {
	n := 0
	for _, it := range p.Items {
		for _, d := range it.DependsOn {
			if d.ItemID == id {
				n++
			}
		}
	}
	for _, m := range p.Milestones {
		if slices.Contains(m.DependsOn, id) {
			n++
		}
	}
	for _, r := range p.Risks {
		if slices.Contains(r.Items, id) {
			n++
		}
	}
	return n
}

func TestAddItemSelectsIt(t *testing.T) {
	h := newHarness(t)
	h.s.teamSel.SetSelectedIndex(2)
	team := h.s.teamIDs[1]
	n := len(h.s.p.Items)
	h.s.addItem()
	p := h.reopen()
	if len(p.Items) != n+1 {
		t.Fatalf("items %d, want %d", len(p.Items), n+1)
	}
	it := p.Item(h.s.selected)
	if it == nil || it.TeamID != team || it.Title != "New item" || !strings.HasPrefix(it.ID, "new-item") {
		t.Fatalf("new item %+v (selected %q)", it, h.s.selected)
	}
	last := p.Items[p.TeamItems(team)[len(p.TeamItems(team))-1]]
	if last.ID != it.ID {
		t.Errorf("new item is not last in its team's priorities (last is %s)", last.ID)
	}
	retype(h.s.form.title, "Consent registry")
	test.Tap(h.s.form.save)
	if got := h.reopen().Item(it.ID).Title; got != "Consent registry" {
		t.Errorf("title %q", got)
	}
}

func TestCtrlFFocusesSearch(t *testing.T) {
	h := newHarness(t)
	h.w.Canvas().(fyne.Shortcutable).TypedShortcut(findShortcut())
	if h.w.Canvas().Focused() != h.s.search {
		t.Errorf("focused %T", h.w.Canvas().Focused())
	}
}

func TestEnterSavesAndEscapeReverts(t *testing.T) {
	h := newHarness(t)
	it := h.s.p.Items[1]
	h.selectItem(it.ID)
	f := h.s.form
	retype(f.title, "Renamed by Enter")
	f.title.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if got := h.reopen().Item(it.ID).Title; got != "Renamed by Enter" {
		t.Errorf("Enter: title in file %q", got)
	}
	retype(f.target, "2031-01-01")
	f.target.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if f.target.Text != it.Target.String() {
		t.Errorf("Escape left target %q, want %q", f.target.Text, it.Target)
	}
	if h.Edits != 1 {
		t.Errorf("%d edits, want 1", h.Edits)
	}
}

func TestForecastColumnsTimelineAndStaleMarker(t *testing.T) {
	h := newHarness(t)
	if _, cols := h.s.tableSize(); cols != len(orderPlain) {
		t.Fatalf("columns without a forecast: %d", cols)
	}
	f := h.Run(app.Request{Trials: 200})
	h.w.Resize(fyne.NewSize(2400, 1000)) // room for every column
	if _, cols := h.s.tableSize(); cols != len(orderForecast) {
		t.Fatalf("columns with a forecast: %d", cols)
	}
	fi := f.Items[0]
	for _, r := range h.s.rows {
		if r.item.ID == fi.ID && (r.cells[colP50] != figure.Date(fi.Finish.P50) || r.cells[colP85] != figure.Date(fi.Finish.P85)) {
			t.Errorf("row %s shows P50 %s P85 %s, forecast %s %s", fi.ID, r.cells[colP50], r.cells[colP85], fi.Finish.P50, fi.Finish.P85)
		}
	}
	items := 0
	for _, l := range h.s.tl.Lines {
		if l.ItemID != "" {
			items++
		}
	}
	if items != len(f.Items) || h.s.timeline.empty.Visible() {
		t.Errorf("timeline shows %d items of %d forecast", items, len(f.Items))
	}
	if strings.Contains(h.s.fcStatus.Text, "out of date") {
		t.Errorf("fresh forecast marked stale: %q", h.s.fcStatus.Text)
	}
	h.s.ShowForecast(f, true)
	if !strings.Contains(h.s.fcStatus.Text, "may be out of date") {
		t.Errorf("stale forecast not marked: %q", h.s.fcStatus.Text)
	}
	// A row picked on the timeline fills the form and selects the table row.
	for i, l := range h.s.tl.Lines {
		if l.ItemID != "" && l.ItemID != h.s.selected {
			h.s.timeline.list.Select(i)
			if h.s.selected != l.ItemID || h.s.form.title.Text != h.s.p.Item(l.ItemID).Title {
				t.Errorf("timeline pick %s: selected %s, form %q", l.ItemID, h.s.selected, h.s.form.title.Text)
			}
			break
		}
	}
}

func TestDeleteThroughConfirmDialog(t *testing.T) {
	h := newHarness(t)
	var leaf string
	for _, it := range h.s.p.Items {
		if refs(h.s.p, it.ID) == 0 {
			leaf = it.ID
			break
		}
	}
	h.selectItem(leaf)
	test.Tap(h.s.form.del)
	if h.Edits != 0 {
		t.Fatal("deleted before confirming")
	}
	tapOverlayButton(t, h, "Yes")
	if h.reopen().Item(leaf) != nil {
		t.Errorf("%s still in the file after confirming", leaf)
	}
}

func tapOverlayButton(t *testing.T, h *harness, text string) {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog")
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
			return
		}
		switch x := o.(type) {
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("no %q button in the dialog", text)
	}
	test.Tap(found)
}

// With an item selected the screen must still fit the app's windows (1280
// and 1024 wide, less the navigation): a wider form made the window grow.
// The form opens on selection and closes with its ✕; either way the id,
// title, P85 and chance columns are in view, and the form says which
// effort the forecast samples.
func TestSelectedItemFormFitsTheWindow(t *testing.T) {
	h := newHarness(t)
	h.Run(app.Request{Trials: 200})
	if h.s.FormOpen() {
		t.Error("the form is open with nothing selected")
	}
	var inProgress *plan.Item
	for i := range h.s.p.Items {
		if it := &h.s.p.Items[i]; it.Status == plan.InProgress && it.Remaining != nil {
			inProgress = it
			break
		}
	}
	if inProgress == nil {
		t.Fatal("no item of the demo is in progress with a remaining effort")
	}
	h.s.selectItem(inProgress.ID)
	if !h.s.FormOpen() || !h.s.form.body.Visible() {
		t.Fatal("the form is not shown for the selected item")
	}
	if !strings.Contains(h.s.form.sampled.Text, "The forecast samples") || !strings.Contains(h.s.form.sampled.Text, "not used") {
		t.Errorf("what the forecast samples: %q", h.s.form.sampled.Text)
	}
	for _, size := range []struct {
		name string
		size fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		for _, open := range []bool{true, false} {
			if open {
				h.s.openForm()
			} else {
				test.Tap(h.s.form.closeBtn)
			}
			h.w.Resize(size.size)
			if w := h.s.Object().MinSize().Width; w > size.size.Width {
				t.Errorf("%s: the Roadmap screen needs %.0f px", size.name, w)
			}
			for _, col := range []int{colID, colTitle, colP85, colProb} {
				if !slices.Contains(h.s.order, col) {
					t.Errorf("%s, form open %v: column %s is hidden (shown: %v)", size.name, open, columns[col].Title, h.s.order)
				}
			}
			var sum float32
			for _, c := range h.s.order {
				sum += h.s.widths[c]
			}
			if sum > h.s.tableW+1 {
				t.Errorf("%s, form open %v: columns take %.0f of %.0f", size.name, open, sum, h.s.tableW)
			}
			name := "roadmap-" + size.name
			if open {
				name += "-form"
			}
			h.Capture(name)
			h.s.tabs.SelectIndex(1)
			h.Capture(name + "-timeline")
			h.s.tabs.SelectIndex(0)
		}
	}
}

// Marking an item done records today as its finish date in the file; a date
// typed in Finished on takes precedence; a finish date on an item that is
// not done is refused next to the field and nothing is written.
func TestActualDatesOnStatusChangeAndTyped(t *testing.T) {
	h := newHarness(t)
	var it plan.Item
	for _, x := range h.s.p.Items {
		if x.Status == plan.InProgress {
			it = x
			break
		}
	}
	if it.ID == "" {
		t.Fatal("the demo has no item in progress")
	}
	h.selectItem(it.ID)
	h.s.form.status.SetSelectedIndex(slices.Index(statuses, plan.Done))
	test.Tap(h.s.form.save)
	if msg := h.s.form.general.Text; msg != "" {
		t.Fatalf("save failed: %s", msg)
	}
	if got := h.reopen().Item(it.ID); got.Status != plan.Done || got.FinishedOn != today {
		t.Fatalf("after marking it done the file has status %s, finished %s; want done on %s", got.Status, got.FinishedOn, today)
	}
	if h.s.form.finished.Text != today.String() {
		t.Errorf("the form shows finished %q, want %s", h.s.form.finished.Text, today)
	}

	// The director corrects the date: it really finished three days earlier.
	earlier := today.AddDays(-3)
	retype(h.s.form.finished, earlier.String())
	test.Tap(h.s.form.save)
	if got := h.reopen().Item(it.ID); got.FinishedOn != earlier {
		t.Errorf("typed finish date: the file has %s, want %s", got.FinishedOn, earlier)
	}

	// A finish date on an item that is not done is refused at the field.
	var open plan.Item
	for _, x := range h.s.p.Items {
		if x.Status == plan.NotStarted {
			open = x
			break
		}
	}
	h.selectItem(open.ID)
	edits := h.Edits
	retype(h.s.form.finished, earlier.String())
	test.Tap(h.s.form.save)
	if l := h.s.form.errs["finished_on"]; !l.Visible() || !strings.Contains(l.Text, "Only a done item has a finish date") {
		t.Errorf("error under finished on: visible %v, %q", l.Visible(), l.Text)
	}
	if h.Edits != edits || !h.reopen().Item(open.ID).FinishedOn.IsZero() {
		t.Error("a finish date on a not-done item was written")
	}
}

// TestDependencyOfferIsBounded: the form offers a few items to wait for,
// never a list of the whole portfolio: the first matches as lines, how
// many more there are, and what a search that matches nothing found.
func TestDependencyOfferIsBounded(t *testing.T) {
	h := newHarness(t)
	first := h.s.p.Items[0].ID
	h.selectItem(first)
	f := h.s.form
	shown := func() int {
		n := 0
		for _, o := range f.depPick.Objects {
			if o.Visible() {
				n++
			}
		}
		return n
	}
	if len(f.depPickIDs) <= depOffer || shown() != depOffer || len(f.depPick.Objects) != depOffer {
		t.Fatalf("%d items match, %d lines shown (%d made), want %d", len(f.depPickIDs), shown(), len(f.depPick.Objects), depOffer)
	}
	if more := len(f.depPickIDs) - depOffer; !f.depMore.Visible() || !strings.Contains(f.depMore.Text, fmt.Sprintf("and %d more", more)) {
		t.Errorf("the offer says %q (shown %v), want %d more", f.depMore.Text, f.depMore.Visible(), more)
	}
	other := h.s.p.Items[len(h.s.p.Items)-1]
	test.Type(f.depFind, other.ID)
	if shown() < 1 || f.depPick.Objects[0].(*offer).label.Text != other.ID+" — "+other.Title || f.depMore.Visible() {
		t.Errorf("searching %s: %d lines, first %q, more %q", other.ID, shown(), f.depPick.Objects[0].(*offer).label.Text, f.depMore.Text)
	}
	f.depFind.SetText("zzz-nothing")
	if shown() != 0 || !strings.Contains(f.depMore.Text, "No other item matches") {
		t.Errorf("a search that matches nothing: %d lines, says %q", shown(), f.depMore.Text)
	}
}

// TestHebrewTitleIsShapedInTheTable: Fyne places the runs of a line in
// typing order (fyne-io/fyne#90), so a Hebrew title with a number reaches
// the table's label in display order (bidi.Shaped); an English title is
// drawn as it is.
func TestHebrewTitleIsShapedInTheTable(t *testing.T) {
	const hebrew, english = "פרק 3 של הספר", "Chapter 3 of the book"
	h := newHarness(t)
	he, en := h.s.rows[h.s.idx[0]].item.ID, h.s.rows[h.s.idx[1]].item.ID // the first two rows, in view
	err := h.Edit("retitle "+he+" and "+en, func(p *plan.Portfolio) error {
		p.Item(he).Title, p.Item(en).Title = hebrew, english
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if h.s.p.Item(he).Title != hebrew {
		t.Fatalf("the portfolio holds %q: the title must stay as typed", h.s.p.Item(he).Title)
	}
	shown := uitest.Labels(h.s.table)
	if !slices.Contains(shown, bidi.Shaped(hebrew)) || slices.Contains(shown, hebrew) {
		t.Errorf("the table's labels do not show %q in display order %q: %q", hebrew, bidi.Shaped(hebrew), shown)
	}
	if !slices.Contains(shown, english) {
		t.Errorf("the table's labels do not show %q as it is: %q", english, shown)
	}
}
