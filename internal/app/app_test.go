package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// day is the date these tests call today.
var day = plan.MustDate("2026-11-23") // a Monday

func TestAsOf(t *testing.T) {
	past := &plan.Portfolio{PlanningStart: plan.MustDate("2026-01-05")}
	future := &plan.Portfolio{PlanningStart: plan.MustDate("2027-03-01")}
	asked := plan.MustDate("2026-12-01")
	tests := []struct {
		name  string
		p     *plan.Portfolio
		asked plan.Date
		want  plan.Date
	}{
		{"planning start passed: today", past, 0, day},
		{"planning start in the future: the planning start", future, 0, future.PlanningStart},
		{"asked wins over a future planning start", future, asked, asked},
		{"asked wins over today", past, asked, asked},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := AsOf(tc.p, day, tc.asked); got != tc.want {
				t.Errorf("AsOf = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestDefaultPolicy(t *testing.T) {
	if Default.RAG != figure.DefaultThresholds || Default.Confidence != 0.85 || Default.OverCommitted != 0.5 ||
		Default.PreviewTrials != 1000 || Default.FullTrials != 10000 || Default.Seed != 1 {
		t.Errorf("policy %+v", Default)
	}
}

func TestRequestResolveAndCheck(t *testing.T) {
	p := &plan.Portfolio{PlanningStart: plan.MustDate("2027-03-01")}
	r, err := Default.Resolve(p, day, Request{})
	if err != nil {
		t.Fatal(err)
	}
	want := Request{Trials: 10000, Seed: 1, Sampling: "mc", Distribution: "triangular", AsOf: p.PlanningStart}
	if r != want {
		t.Errorf("resolved %+v, want %+v", r, want)
	}
	// Asking for a default explicitly is the same request.
	r2, _ := Default.Resolve(p, day, Request{Trials: 10000, Seed: 1, Sampling: "mc", AsOf: p.PlanningStart})
	if r2 != r {
		t.Errorf("explicit defaults resolved to %+v, want %+v", r2, r)
	}
	bad := []struct {
		name, field, says string
		r                 Request
	}{
		{"too few trials", "trials", "from 1 to 1,000,000", Request{Trials: -5}},
		{"too many trials", "trials", "not 2,000,000", Request{Trials: 2_000_000}},
		{"sampling", "sampling", "mc (Monte Carlo) or lhs", Request{Sampling: "sobol"}},
		{"distribution", "distribution", "triangular, betapert or lognormal", Request{Distribution: "normal"}},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Default.Resolve(p, day, tc.r)
			var pe *plan.Error
			if !errors.As(err, &pe) || pe.Code != plan.EINVALID {
				t.Fatalf("error %v, want an EINVALID plan.Error", err)
			}
			if len(pe.Problems) != 1 || pe.Problems[0].Field != tc.field || !strings.Contains(pe.Message, tc.says) {
				t.Errorf("error %q (%v), want field %s saying %q", pe.Message, pe.Problems, tc.field, tc.says)
			}
		})
	}
}

var (
	demoOnce sync.Once
	demoP    *plan.Portfolio
	demoErr  error
)

func demoPortfolio(t *testing.T) *plan.Portfolio {
	t.Helper()
	demoOnce.Do(func() { demoP, demoErr = demo.Portfolio(day) })
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoP
}

// countingRun is outlook.Run at a few trials, counting the runs by trials asked.
type countingRun struct {
	mu   sync.Mutex
	runs []outlook.Options
}

func (c *countingRun) run(ctx context.Context, p *plan.Portfolio, o outlook.Options) (*outlook.Forecast, error) {
	c.mu.Lock()
	c.runs = append(c.runs, o)
	c.mu.Unlock()
	o.Trials = min(o.Trials, 200)
	return outlook.Run(ctx, p, o)
}

// The bug this keying fixes: exporting a board pack (its own trials and
// seed, risk drivers, no curves) replaced what the Forecast screen showed.
func TestForecasterKeepsEachRequestsResult(t *testing.T) {
	p := demoPortfolio(t)
	fc := NewForecaster(Default, func() plan.Date { return day })
	c := &countingRun{}
	fc.SetRun(c.run)
	ctx := context.Background()
	screen := Request{RiskImpacts: true, Curves: true}
	var stages []Stage
	if err := fc.Sequence(ctx, p, screen, func(s Stage, f *outlook.Forecast) { stages = append(stages, s) }); err != nil {
		t.Fatal(err)
	}
	if len(stages) != 3 || stages[0] != Preview || stages[1] != Full || stages[2] != RiskDrivers {
		t.Fatalf("stages %v, want preview, full, risk drivers", stages)
	}
	shown := fc.Result(p, screen)
	if shown == nil {
		t.Fatal("no result for the screen's request")
	}
	export := Request{Trials: 5000, Seed: 7, RiskImpacts: true}
	exported, _, err := fc.Run(ctx, p, export, nil)
	if err != nil {
		t.Fatal(err)
	}
	if exported == shown {
		t.Fatal("the export got the screen's forecast")
	}
	if got := fc.Result(p, screen); got != shown {
		t.Error("the export's run replaced the screen's forecast")
	}
	if got := fc.Result(p, export); got != exported {
		t.Error("the export's forecast is not found under its own request")
	}
	// The same request again is the same forecast, with no new run.
	n := len(c.runs)
	again, _, err := fc.Run(ctx, p, Request{RiskImpacts: true, Curves: true, Trials: 10000, Seed: 1}, nil)
	if err != nil || again != shown || len(c.runs) != n {
		t.Errorf("the same request ran again (%d runs, was %d) or gave another forecast", len(c.runs), n)
	}
	// Another portfolio version has no result yet.
	q := *p
	if fc.Result(&q, screen) != nil {
		t.Error("a result was found for another version of the portfolio")
	}
}

func TestForecasterResolvesAsOfAndCancels(t *testing.T) {
	p := demoPortfolio(t)
	future := *p
	future.PlanningStart = plan.MustDate("2027-03-01")
	fc := NewForecaster(Default, func() plan.Date { return day })
	c := &countingRun{}
	fc.SetRun(c.run)
	f, r, err := fc.Run(context.Background(), &future, Request{Trials: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if r.AsOf != future.PlanningStart || f.AsOf != future.PlanningStart {
		t.Errorf("as of %s (forecast %s), want the planning start %s", r.AsOf, f.AsOf, future.PlanningStart)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := fc.Run(ctx, p, Request{Trials: 100, Seed: 3}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled run: %v", err)
	}
	if fc.Result(p, Request{Trials: 100, Seed: 3}) != nil {
		t.Error("a cancelled run left a result")
	}
}

func TestForecasterProgressEndsAtTotal(t *testing.T) {
	p := demoPortfolio(t)
	fc := NewForecaster(Default, func() plan.Date { return day })
	var mu sync.Mutex
	var calls [][2]int
	_, _, err := fc.Run(context.Background(), p, Request{Trials: 300, Seed: 2}, func(d, tot int) {
		mu.Lock()
		calls = append(calls, [2]int{d, tot})
		mu.Unlock()
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || calls[len(calls)-1][0] != calls[len(calls)-1][1] {
		t.Errorf("progress %v does not end at the total", calls)
	}
}

func TestSessionEditUndoRedoRecent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	prefs := &memPrefs{}
	s := NewSession(DiskFiles(), prefs)
	p := demoPortfolio(t)
	path := filepath.Join(dir, "demo")
	if err := s.Create(ctx, path, p); err != nil {
		t.Fatal(err)
	}
	if s.Path() != path+".steerco" {
		t.Errorf("path %s", s.Path())
	}
	first := s.Portfolio()
	team := first.Teams[0].ID
	if err := s.Edit(ctx, "rename team", func(p *plan.Portfolio) error { p.Team(team).Name = "Renamed"; return nil }); err != nil {
		t.Fatal(err)
	}
	if s.Portfolio() == first || s.Portfolio().Team(team).Name != "Renamed" {
		t.Error("an edit did not give a new portfolio holding the change")
	}
	if u, _, _ := s.UndoRedo(ctx); u != "rename team" {
		t.Errorf("undo names %q", u)
	}
	if a, err := s.Undo(ctx); err != nil || a != "rename team" || s.Portfolio().Team(team).Name == "Renamed" {
		t.Errorf("undo: %q, %v", a, err)
	}
	if a, err := s.Redo(ctx); err != nil || a != "rename team" || s.Portfolio().Team(team).Name != "Renamed" {
		t.Errorf("redo: %q, %v", a, err)
	}
	// A bad edit writes nothing.
	before := s.Portfolio()
	if err := s.Edit(ctx, "blank name", func(p *plan.Portfolio) error { p.Team(team).Name = ""; return nil }); err == nil {
		t.Error("an invalid edit was written")
	}
	if s.Portfolio() != before {
		t.Error("a failed edit replaced the portfolio")
	}
	copyPath, err := s.SaveAs(ctx, filepath.Join(dir, "copy"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Path() != copyPath || filepath.Base(copyPath) != "copy.steerco" {
		t.Errorf("after save as, working on %s (copy %s)", s.Path(), copyPath)
	}
	if got := s.Recent(); len(got) != 2 || filepath.Base(got[0]) != "copy.steerco" || filepath.Base(got[1]) != "demo.steerco" {
		t.Errorf("recent %v", got)
	}
	if MostRecent(prefs) != copyPath {
		t.Errorf("most recent %q", MostRecent(prefs))
	}
	// A failed open keeps the file open.
	if err := s.Open(ctx, filepath.Join(dir, "nope.steerco")); err == nil {
		t.Error("opened a missing file")
	}
	if s.Path() != copyPath {
		t.Error("a failed open closed the open file")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := Read(ctx, copyPath)
	if err != nil || got.Team(team).Name != "Renamed" {
		t.Errorf("read back: %v", err)
	}
	var ee *ExistsError
	if err := WriteNew(ctx, copyPath, p, false); !errors.As(err, &ee) {
		t.Errorf("WriteNew over a file: %v", err)
	}
	if err := WriteNew(ctx, copyPath, p, true); err != nil {
		t.Errorf("WriteNew replacing: %v", err)
	}
}

func TestSnapshots(t *testing.T) {
	ctx := context.Background()
	s := NewSession(DiskFiles(), nil)
	if err := s.Create(ctx, filepath.Join(t.TempDir(), "s.steerco"), demoPortfolio(t)); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before := len(s.Portfolio().Snapshots) // the demo's past snapshots
	fc := NewForecaster(Default, func() plan.Date { return day })
	f, _, err := fc.Run(ctx, s.Portfolio(), Request{Trials: 100}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TakeSnapshot(ctx, s, f, "  "); err == nil {
		t.Error("a blank snapshot name was taken")
	}
	snap, err := TakeSnapshot(ctx, s, f, "Board, March")
	if err != nil {
		t.Fatal(err)
	}
	if snap.TakenOn != f.AsOf || len(Snapshots(s.Portfolio())) != before+1 {
		t.Errorf("snapshot %+v", snap)
	}
	if _, err := DeleteSnapshot(ctx, s, s.Portfolio(), "nope", nil); plan.ErrorCode(err) != plan.ENOTFOUND {
		t.Errorf("deleting a missing snapshot: %v", err)
	}
	name, err := DeleteSnapshot(ctx, s, s.Portfolio(), snap.ID, nil)
	if err != nil || name != "Board, March" || len(s.Portfolio().Snapshots) != before {
		t.Errorf("delete: %q %v", name, err)
	}
}

type memPrefs struct{ m map[string]string }

func (p *memPrefs) String(k string) string { return p.m[k] }
func (p *memPrefs) SetString(k, v string) {
	if p.m == nil {
		p.m = map[string]string{}
	}
	p.m[k] = v
}

// The portfolio's hiring lead time and ramp-up win over the policy's when set.
func TestRecommendReadsPortfolioHiringWeeks(t *testing.T) {
	p := &plan.Portfolio{}
	if s := Default.Recommend(p, Default.RAG); s.HiringLeadWeeks != 8 || s.RampUpWeeks != 4 {
		t.Errorf("unset: %d and %d weeks, want the policy's 8 and 4", s.HiringLeadWeeks, s.RampUpWeeks)
	}
	p.HiringLeadWeeks, p.RampUpWeeks = 12, 6
	if s := Default.Recommend(p, Default.RAG); s.HiringLeadWeeks != 12 || s.RampUpWeeks != 6 {
		t.Errorf("set: %d and %d weeks, want the portfolio's 12 and 6", s.HiringLeadWeeks, s.RampUpWeeks)
	}
}

func TestCompareScenarioUsesOneRequest(t *testing.T) {
	p := demoPortfolio(t)
	fc := NewForecaster(Default, func() plan.Date { return day })
	var risk string
	for _, r := range p.Risks {
		if r.Live() && r.ImpactDays > 0 && r.Probability > 0 {
			risk = r.ID
			break
		}
	}
	if risk == "" {
		t.Fatal("the demo has no live risk")
	}
	sc := &Scenario{Name: "close a risk", Changes: []ScenarioChange{{Kind: CloseRisk, Risk: risk}}}
	var last [2]int
	c, err := CompareScenario(context.Background(), fc, p, sc, Request{Trials: 300}, func(d, tot int) { last = [2]int{d, tot} })
	if err != nil {
		t.Fatal(err)
	}
	if c.Base.Trials != 300 || c.Scenario.Trials != 300 || c.Base.Seed != c.Scenario.Seed || c.Base.AsOf != c.Scenario.AsOf || c.Request.AsOf != c.Base.AsOf {
		t.Errorf("base %d trials seed %d as of %s, scenario %d trials seed %d as of %s", c.Base.Trials, c.Base.Seed, c.Base.AsOf, c.Scenario.Trials, c.Scenario.Seed, c.Scenario.AsOf)
	}
	if last[0] != last[1] || last[1] != 600 {
		t.Errorf("progress ended at %v, want both runs' 600 trials", last)
	}
	if c.Delta == nil || c.Plan.Risk(risk).Live() || !p.Risk(risk).Live() {
		t.Error("no delta, or the scenario changed the plan of record")
	}
	if c.Scenario.Portfolio.P85 > c.Base.Portfolio.P85 {
		t.Errorf("closing a risk moved the P85 later: %s → %s", c.Base.Portfolio.P85, c.Scenario.Portfolio.P85)
	}
}
