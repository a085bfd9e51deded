package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// snapRun runs a full command line (verb included) with buffers and a clock on today.
func snapRun(ctx context.Context, today plan.Date, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		now: func() time.Time { return today.Time().Add(9 * time.Hour) }}
	code = run(ctx, e, args)
	return code, out.String(), errb.String()
}

func exportedPortfolio(t *testing.T, ctx context.Context, today plan.Date, path string) *plan.Portfolio {
	t.Helper()
	code, out, errOut := snapRun(ctx, today, "export", path)
	if code != 0 {
		t.Fatalf("export: exit %d: %s", code, errOut)
	}
	p, err := plan.ReadJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("export JSON does not read back: %v", err)
	}
	return p
}

func TestSnapshotVerb(t *testing.T) {
	ctx := context.Background()
	path, anchor := fcDemoFile(t)
	asOf := anchor.String()
	shown := figure.Date(anchor) // how the tables and sentences write it

	// Take a snapshot: stored, one undoable action, in the JSON export.
	code, out, errOut := snapRun(ctx, anchor, "snapshot", path, "--name", "Board, March", "--trials", "500", "--as-of", asOf)
	if code != 0 {
		t.Fatalf("snapshot: exit %d: %s", code, errOut)
	}
	if want := `Took snapshot "Board, March" (id board-march) as of ` + shown + ": "; !strings.HasPrefix(out, want) || !strings.Contains(out, "500 trials, seed 1.") {
		t.Errorf("summary %q, want it to start %q", out, want)
	}
	p := exportedPortfolio(t, ctx, anchor, path)
	if len(p.Snapshots) != 1 {
		t.Fatalf("export has %d snapshots, want 1", len(p.Snapshots))
	}
	s := p.Snapshots[0]
	if s.ID != "board-march" || s.Name != "Board, March" || s.TakenOn != anchor || s.Trials != 500 || s.Seed != 1 {
		t.Errorf("snapshot %+v", s)
	}
	f, err := outlook.Run(ctx, p, outlook.Options{Trials: 500, Seed: 1, AsOf: anchor})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Forecast) != len(f.Items)+len(f.Milestones) {
		t.Errorf("snapshot has %d results, the forecast %d items and %d milestones", len(s.Forecast), len(f.Items), len(f.Milestones))
	}
	if r := s.Result(plan.SnapshotItem, "api-coverage"); r == nil || r.P85 != f.Item("api-coverage").Finish.P85 || r.Probability != f.Item("api-coverage").PTarget {
		t.Errorf("api-coverage frozen as %+v, forecast %+v", r, f.Item("api-coverage"))
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	undo, _, err := db.UndoRedo(ctx)
	if err != nil || undo != "take snapshot Board, March" {
		t.Errorf("last action %q, %v; want \"take snapshot Board, March\"", undo, err)
	}

	// An edit: the API coverage work triples. The forecast since the snapshot shows it moved.
	err = db.Update(ctx, "triple api-coverage", func(p *plan.Portfolio) error {
		it := p.Item("api-coverage")
		it.Estimate = plan.Estimate{Low: it.Estimate.Low * 3, Likely: it.Estimate.Likely * 3, High: it.Estimate.High * 3}
		it.Remaining = nil
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errOut = snapRun(ctx, anchor, "forecast", path, "--trials", "500", "--as-of", asOf, "--no-risks", "--since", "board-march")
	if code != 0 {
		t.Fatalf("forecast --since: exit %d: %s", code, errOut)
	}
	_, moves, ok := strings.Cut(out, `Since the snapshot "Board, March" (board-march, taken `+shown)
	if !ok {
		t.Fatalf("no section on what moved:\n%s", out)
	}
	if strings.Contains(moves, "(The snapshot is as of") {
		t.Errorf("same as-of dates, yet a note on different ones:\n%s", moves)
	}
	line := ""
	for _, l := range strings.Split(moves, "\n") {
		if strings.HasPrefix(l, "item ") && strings.Fields(l)[1] == "api-coverage" {
			line = l
		}
	}
	// KIND ID then the two P85 dates ("2 Dec 2026", three words each), then MOVED.
	if fs := strings.Fields(line); len(fs) < 9 || !strings.HasPrefix(fs[8], "+") {
		t.Errorf("api-coverage's P85 did not move later:\n%s", moves)
	}

	code, out, errOut = snapRun(ctx, anchor, "forecast", path, "--trials", "500", "--as-of", asOf, "--no-risks", "--since", "board-march", "--json")
	if code != 0 {
		t.Fatalf("forecast --json --since: exit %d: %s", code, errOut)
	}
	var doc struct {
		Items []outlook.ItemForecast `json:"items"`
		Since struct {
			Snapshot string         `json:"snapshot"`
			Moves    []outlook.Move `json:"moves"`
		} `json:"since"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Items) == 0 || doc.Since.Snapshot != "board-march" {
		t.Errorf("JSON lacks the forecast or the snapshot id: %d items, since %q", len(doc.Items), doc.Since.Snapshot)
	}
	found := false
	for _, m := range doc.Since.Moves {
		if m.Kind == plan.SnapshotItem && m.ID == "api-coverage" {
			found = true
			if m.P85WorkingDays <= 0 || m.P85CalendarDays < m.P85WorkingDays || m.P85Then.IsZero() {
				t.Errorf("api-coverage move %+v", m)
			}
		}
	}
	if !found {
		t.Error("the JSON moves lack api-coverage")
	}

	// List, then a second snapshot of the same name gets its own id, and delete.
	if code, _, errOut = snapRun(ctx, anchor, "snapshot", path, "--name", "Board, March", "--trials", "200"); code != 0 {
		t.Fatalf("second snapshot: exit %d: %s", code, errOut)
	}
	code, out, _ = snapRun(ctx, anchor, "snapshot", "--list", path)
	if code != 0 || !strings.Contains(out, "board-march    Board, March  "+shown+"  500") || !strings.Contains(out, "board-march-2  Board, March  "+shown+"  200") {
		t.Errorf("list (exit %d):\n%s", code, out)
	}
	if code, out, errOut = snapRun(ctx, anchor, "snapshot", path, "--delete", "board-march-2"); code != 0 || !strings.Contains(out, `Deleted snapshot "Board, March" (board-march-2).`) {
		t.Errorf("delete: exit %d: %s%s", code, out, errOut)
	}
	if p := exportedPortfolio(t, ctx, anchor, path); len(p.Snapshots) != 1 || p.Snapshots[0].ID != "board-march" {
		t.Errorf("after delete: %+v", p.Snapshots)
	}
}

func TestSnapshotVerbErrors(t *testing.T) {
	ctx := context.Background()
	path, anchor := fcDemoFile(t)
	if code, _, errOut := snapRun(ctx, anchor, "snapshot", path, "--name", "Board, March", "--trials", "100"); code != 0 {
		t.Fatalf("snapshot: exit %d: %s", code, errOut)
	}
	for _, tc := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"blank name", []string{"snapshot", path, "--name", "  "}, 2, []string{"A snapshot needs a name", "usage: steerco snapshot"}},
		{"name on two lines", []string{"snapshot", path, "--name", "Board\nMarch"}, 2, []string{"one line"}},
		{"name too long", []string{"snapshot", path, "--name", strings.Repeat("x", 81)}, 2, []string{"at most 80 characters"}},
		{"no action", []string{"snapshot", path}, 2, []string{"exactly one of --name NAME"}},
		{"two actions", []string{"snapshot", path, "--list", "--delete", "x"}, 2, []string{"exactly one of"}},
		{"no file", []string{"snapshot", "--list"}, 2, []string{"which portfolio?"}},
		{"zero trials", []string{"snapshot", path, "--name", "x", "--trials", "0"}, 2, []string{"--trials: The number of trials must be from 1"}},
		{"bad date", []string{"snapshot", path, "--name", "x", "--as-of", "March"}, 2, []string{"--as-of \"March\" is not a date"}},
		{"forecast since unknown id", []string{"forecast", path, "--trials", "100", "--since", "board-april"}, 1,
			[]string{`has no snapshot with id "board-april". Its snapshots are: board-march `}},
		{"delete unknown id", []string{"snapshot", path, "--delete", "nope"}, 1, []string{`no snapshot with id "nope"`, "board-march"}},
		{"missing file", []string{"snapshot", path + ".missing", "--list"}, 1, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := snapRun(ctx, anchor, tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d: %s%s", code, tc.code, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
		})
	}
	// Nothing was written by the failures.
	if p := exportedPortfolio(t, ctx, anchor, path); len(p.Snapshots) != 1 {
		t.Errorf("%d snapshots after the failed commands, want 1", len(p.Snapshots))
	}
}

func TestSnapshotListEmpty(t *testing.T) {
	path, anchor := fcDemoFile(t)
	code, out, _ := snapRun(context.Background(), anchor, "snapshot", path, "--list")
	if code != 0 || !strings.HasPrefix(out, "No snapshots yet. Take one with: steerco snapshot ") {
		t.Errorf("exit %d: %q", code, out)
	}
	code, _, errOut := snapRun(context.Background(), anchor, "forecast", path, "--since", "x", "--trials", "50")
	if code != 1 || !strings.Contains(errOut, "has no snapshots") {
		t.Errorf("exit %d: %q", code, errOut)
	}
}
