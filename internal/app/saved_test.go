package app

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// demoSession opens a copy of the demo portfolio in a real file in a temp dir.
func demoSession(t *testing.T) *Session {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "demo.steerco")
	if err := WriteNew(ctx, path, demoPortfolio(t), false); err != nil {
		t.Fatal(err)
	}
	s, err := OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestDemoShipsThreeScenarios(t *testing.T) {
	s := demoSession(t)
	var names []string
	for _, sc := range SavedScenarios(s.Portfolio()) {
		names = append(names, sc.Name)
	}
	if len(names) < 3 {
		t.Fatalf("saved scenarios %q, want at least three", names)
	}
}

// Save, duplicate, rename, delete: each one undoable action, read back
// from the file after it is closed and opened again.
func TestSavedScenarioLifecycle(t *testing.T) {
	ctx := context.Background()
	s := demoSession(t)
	id, err := SaveScenario(ctx, s, Scenario{Name: "Cut the dashboard", Changes: []ScenarioChange{{Kind: Cut, Item: "x-dashboard"}}})
	if err != nil {
		t.Fatal(err)
	}
	if id != "cut-the-dashboard" {
		t.Errorf("id %q", id)
	}
	cp, err := DuplicateScenario(ctx, s, s.Portfolio(), id, "")
	if err != nil {
		t.Fatal(err)
	}
	desc := "A copy to try things on"
	if err := RenameScenario(ctx, s, cp, "Cut the dashboard, then more", &desc); err != nil {
		t.Fatal(err)
	}
	if undo, _, _ := s.UndoRedo(ctx); !strings.Contains(undo, "rename scenario") {
		t.Errorf("undo names %q", undo)
	}
	path := s.Path()
	s.Close()
	if err := s.Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	got, err := SavedScenario(s.Portfolio(), cp)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Cut the dashboard, then more" || got.Description != desc || len(got.Changes) != 1 || got.Changes[0].Item != "x-dashboard" {
		t.Errorf("read back %+v", got)
	}
	if _, err := DeleteScenario(ctx, s, s.Portfolio(), cp); err != nil {
		t.Fatal(err)
	}
	if s.Portfolio().Scenario(cp) != nil {
		t.Error("deleted scenario still there")
	}
	if _, err := s.Undo(ctx); err != nil || s.Portfolio().Scenario(cp) == nil {
		t.Errorf("undo of delete: %v", err)
	}
	_, err = SavedScenario(s.Portfolio(), "nope")
	var pe *plan.Error
	if !errors.As(err, &pe) || pe.Code != plan.ENOTFOUND || !strings.Contains(pe.Message, "hire-fhir-api") {
		t.Errorf("unknown id: %v", err)
	}
}

// Promote is one audited edit: the plan takes the changes and the scenario
// leaves the list; one Undo brings back both.
func TestPromoteIsOneUndoableEdit(t *testing.T) {
	ctx := context.Background()
	s := demoSession(t)
	before := s.Portfolio()
	lines, err := PromoteList(before, "defer-analytics")
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "Defer api-perf") {
		t.Errorf("confirmation %q", lines)
	}
	if err := PromoteScenario(ctx, s, "defer-analytics"); err != nil {
		t.Fatal(err)
	}
	p := s.Portfolio()
	if p.Scenario("defer-analytics") != nil || p.Item("api-perf").StartNoEarlierThan.IsZero() {
		t.Errorf("after promote: scenario %v, api-perf starts no earlier than %s", p.Scenario("defer-analytics"), p.Item("api-perf").StartNoEarlierThan)
	}
	if undo, _, _ := s.UndoRedo(ctx); undo != "promote scenario defer-analytics" {
		t.Errorf("undo names %q", undo)
	}
	if _, err := s.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Portfolio(), before) {
		t.Error("one undo did not bring the plan and the scenario back")
	}
	// A scenario naming what has gone is refused, located, nothing written.
	if _, err := SaveScenario(ctx, s, Scenario{ID: "stale", Name: "Stale", Changes: []ScenarioChange{{Kind: Defer, Item: "gone", Date: day}}}); err != nil {
		t.Fatal(err)
	}
	err = PromoteScenario(ctx, s, "stale")
	var pe *plan.Error
	if !errors.As(err, &pe) || len(pe.Problems) != 1 || pe.Problems[0].Entity != "change" || pe.Problems[0].Field != "item" {
		t.Errorf("stale promote: %v", err)
	}
	if s.Portfolio().Scenario("stale") == nil {
		t.Error("the refused promote removed the scenario")
	}
}

// An empty scenario compares as exactly zero everywhere: same random
// numbers, same plan.
func TestEmptyScenarioComparesAsZero(t *testing.T) {
	p := demoPortfolio(t)
	fc := NewForecaster(Default, func() plan.Date { return day })
	fc.ForceTrials(300)
	c, err := CompareScenarios(context.Background(), fc, p, []Scenario{{Name: "Nothing"}}, Request{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res := c.Results[0]
	rows := res.Rows(p, Default.RAG)
	if len(rows) == 0 {
		t.Fatal("no rows")
	}
	for _, r := range rows {
		if r.Points != 0 || r.P50Days != 0 || r.P85Days != 0 || r.Base != r.Alt || r.BaseP85 != r.AltP85 {
			t.Errorf("%s %s moved: %+v", r.Kind, r.ID, r)
		}
	}
	teams := res.TeamRows(p)
	if len(teams) == 0 {
		t.Fatal("no team rows")
	}
	for _, r := range teams {
		if r.Points != 0 || r.Base != r.Alt {
			t.Errorf("%s %s moved: %+v", r.Team, r.Quarter, r)
		}
	}
	if res.Budget.Total.Minor != 0 || len(res.Budget.ByFiscalYear) != 0 || res.Delta.PortfolioP85Days != 0 || res.Delta.Committed != res.Delta.CommittedAlt {
		t.Errorf("budget %+v, portfolio %v", res.Budget, res.Delta.PortfolioP85Days)
	}
	md := res.Money(c.Base)
	if md.Expected().Minor != 0 || md.P85().Minor != 0 || md.Cost().Minor != 0 || md.JCLBase != md.JCLAlt {
		t.Errorf("money moved: %+v", md)
	}
}

// The demo's three comparisons, on common random numbers: hiring helps
// the mandate and costs money in the fiscal years it spans; accepting a
// risk moves no date.
func TestDemoComparisons(t *testing.T) {
	p := demoPortfolio(t)
	fc := NewForecaster(Default, func() plan.Date { return day })
	fc.ForceTrials(2000)
	c, err := CompareSaved(context.Background(), fc, p, nil, Request{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*ScenarioResult{}
	for i := range c.Results {
		r := &c.Results[i]
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Scenario.ID, r.Err)
		}
		byID[r.Scenario.ID] = r
		for _, row := range r.Rows(p, Default.RAG) {
			if row.Kind == "milestone" {
				t.Logf("%s: %s %s → %s (%+g points, P85 %+.1f days)", r.Scenario.ID, row.Name, figure.Percent(row.Base), figure.Percent(row.Alt), row.Points, row.P85Days)
			}
		}
		for _, y := range r.Budget.ByFiscalYear {
			t.Logf("%s: FY%d %s", r.Scenario.ID, y.FiscalYear, figure.Money(y.Amount))
		}
	}
	hire := byID["hire-exchange"]
	cms := rowOf(hire.Rows(p, Default.RAG), "m-cms")
	if cms == nil || cms.Points < 10 {
		t.Errorf("two more Patient Data Exchange engineers do not lift the mandate: %+v", cms)
	}
	if api := rowOf(byID["hire-fhir-api"].Rows(p, Default.RAG), "m-cms"); api == nil || api.Points >= cms.Points {
		t.Errorf("the FHIR API hires lift the mandate as much as the exchange ones: %+v", api)
	}
	// Two engineers at the squad's loaded cost from the hire date, full
	// cost while ramping up.
	team := p.Team("exchange")
	if hire.Budget.Total.Minor <= 0 || len(hire.Budget.ByFiscalYear) == 0 {
		t.Errorf("hire costs %+v", hire.Budget)
	} else if first := hire.Budget.Costs[0]; first.PerMonth != team.CostPerFTEMonth.MulFrac(200, 100) {
		t.Errorf("a month costs %v, want 2 × %v", first.PerMonth, team.CostPerFTEMonth)
	}
	for _, row := range byID["accept-audit-risk"].Rows(p, Default.RAG) {
		if row.Points != 0 || row.P85Days != 0 {
			t.Errorf("accepting a risk moved %s: %+v", row.ID, row)
		}
	}
}

func rowOf(rows []DeltaRow, id string) *DeltaRow {
	for i := range rows {
		if rows[i].ID == id {
			return &rows[i]
		}
	}
	return nil
}

// The cost of yes: a big new committed item on the FHIR API squad, ranked
// first, hurts the mandate; its effort is costed at the squad's rate.
func TestCostOfYes(t *testing.T) {
	p := demoPortfolio(t)
	fc := NewForecaster(Default, func() plan.Date { return day })
	fc.ForceTrials(1000)
	item := plan.Item{Title: "Member portal", TeamID: "fhir-api", Rank: 1, Estimate: plan.Estimate{Low: 40, Likely: 60, High: 100},
		Commitment: plan.Committed, Target: day.AddDays(120)}
	a, err := CostOfYes(context.Background(), fc, p, item, 5, Request{})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(a.Headline)
	if len(a.Hurt) == 0 || !strings.HasPrefix(a.Headline, "If we say yes to Member portal: ") {
		t.Errorf("hurt %+v, headline %q", a.Hurt, a.Headline)
	}
	for _, h := range a.Hurt {
		if !(h.AltRAG < h.BaseRAG || -h.Points > 5) {
			t.Errorf("%s listed but neither dropped a band nor lost 5 points: %+v", h.ID, h)
		}
	}
	want := p.Team("fhir-api").CostPerFTEMonth.MulFloat(60.0 / WorkingDaysPerMonth)
	if a.Effort != want {
		t.Errorf("effort costs %v, want %v", a.Effort, want)
	}
	// A dependency on an item that does not exist is located.
	item.DependsOn = []plan.Dependency{{ItemID: "nope"}}
	if _, err := CostOfYes(context.Background(), fc, p, item, 5, Request{}); err == nil {
		t.Error("an unknown dependency was accepted")
	}
}

// BenchmarkCompareThreeScenarios is the board's question: the plan of
// record and three of the demo's saved scenarios, 10,000 trials each.
//
//	go test -tags=migrated_fynedo,sqlite_omit_load_extension -run XXX -bench CompareThree ./internal/app
func BenchmarkCompareThreeScenarios(b *testing.B) {
	p, err := demo.Portfolio(day)
	if err != nil {
		b.Fatal(err)
	}
	ids := []string{"hire-fhir-api", "defer-analytics", "accept-audit-risk"}
	for b.Loop() {
		fc := NewForecaster(Default, func() plan.Date { return day }) // nothing remembered between loops
		if _, err := CompareSaved(context.Background(), fc, p, ids, Request{}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
