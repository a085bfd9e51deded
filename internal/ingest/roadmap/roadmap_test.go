package roadmap_test

import (
	"context"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
	"steerco/internal/ingest/roadmap/roadmaptest"
	"steerco/internal/plan"
)

func source(tasks ...roadmap.Task) *roadmap.Source {
	for i := range tasks {
		tasks[i].SourceKey = "test:f#" + tasks[i].Key
		if tasks[i].Status == "" {
			tasks[i].Status = plan.NotStarted
		}
	}
	return &roadmap.Source{
		Kind: ingest.MSProject, File: "f.xml", Prefixes: []string{"test:f#"},
		Mapping: plan.ImportMapping{ID: "test:f", Kind: "msproject"}, DefaultTeam: "Platform", DefaultTeamSize: 3,
		Spread: ingest.DefaultSpread, Tasks: tasks,
	}
}

func build(t *testing.T, p *plan.Portfolio, src *roadmap.Source) (*ingest.Preview, *plan.Portfolio) {
	t.Helper()
	pv := &ingest.Preview{Kind: src.Kind, File: src.File}
	roadmap.Build(pv, p, src)
	if pv.HasErrors() {
		return pv, nil
	}
	u := &roadmaptest.Updater{P: p}
	if err := pv.Apply(context.Background(), u); err != nil {
		t.Fatalf("apply: %v", err)
	}
	return pv, u.P
}

func base() *plan.Portfolio {
	p := roadmaptest.Base()
	p.Teams = []plan.Team{{ID: "plat", Name: "platform", Headcount: 5, Allocation: 1, FocusFactor: 1, WIPLimit: 3}}
	p.Items = []plan.Item{
		{ID: "a", Title: "Hand-made", TeamID: "plat", Rank: 1, Status: plan.NotStarted, Commitment: plan.Committed, Target: plan.MustDate("2026-06-01"), Estimate: plan.Estimate{Low: 1, Likely: 2, High: 3}},
		{ID: "task-1", Title: "Someone else's", TeamID: "plat", Rank: 2, Status: plan.NotStarted, Commitment: plan.Planned, Source: "other:x#1"},
	}
	return p
}

func TestMerge(t *testing.T) {
	src := source(
		roadmap.Task{Key: "1", Title: "Task 1", Days: 4, HasEstimate: true},
		roadmap.Task{Key: "2", Title: "Task 2", Deps: []roadmap.Dep{{Key: "1", LagDays: 2}, {Key: "1", LagDays: 1}, {Key: "9"}}},
	)
	pv, q := build(t, base(), src)
	// The existing team is matched by name, case-insensitively: no new team.
	if len(q.Teams) != 1 || roadmaptest.Count(pv, "add", "team") != 0 {
		t.Fatalf("teams %+v", q.Teams)
	}
	one := q.Items[2]
	if one.ID != "task-1-2" || one.Rank != 3 || one.Estimate != (plan.Estimate{Low: 3, Likely: 4, High: 6}) {
		t.Errorf("first imported item %+v (id must not clash, rank after the team's items)", one)
	}
	two := q.Items[3]
	if len(two.DependsOn) != 1 || two.DependsOn[0] != (plan.Dependency{ItemID: "task-1-2", LagDays: 2}) {
		t.Errorf("deps %+v, want one on task-1-2 with the larger lag", two.DependsOn)
	}
	var missing, noEst bool
	for _, pr := range pv.Problems {
		missing = missing || strings.Contains(pr.Message, "depends on 9, which is not imported")
		noEst = noEst || strings.Contains(pr.Message, "no estimate")
	}
	if !missing || !noEst {
		t.Errorf("problems %v", pv.Problems)
	}

	// The director edits in Steerco: an estimate for Task 2, a dependency on a
	// hand-made item, a new rank and commitment. Re-importing keeps them.
	it := q.Item(two.ID)
	it.Estimate = plan.Estimate{Low: 1, Likely: 2, High: 4}
	it.DependsOn = append(it.DependsOn, plan.Dependency{ItemID: "a"})
	it.Rank = 9
	it.Commitment = plan.Stretch
	pv, r := build(t, q, src)
	if len(pv.Changes) != 0 {
		t.Fatalf("re-import changes %v", pv.Changes)
	}
	got := r.Item(two.ID)
	if got.Estimate.Likely != 2 || len(got.DependsOn) != 2 || got.Rank != 9 || got.Commitment != plan.Stretch {
		t.Errorf("re-import lost edits: %+v", got)
	}

	// Next month: Task 1 grows and is in progress.
	rem := 2.0
	src2 := source(
		roadmap.Task{Key: "1", Title: "Task 1", Days: 8, HasEstimate: true, Status: plan.InProgress, Remaining: &rem},
		roadmap.Task{Key: "2", Title: "Task 2", Deps: []roadmap.Dep{{Key: "1", LagDays: 2}}},
	)
	pv, _ = build(t, r, src2)
	if len(pv.Changes) != 1 || pv.Changes[0].Action != "change" || !strings.Contains(pv.Changes[0].Summary, "3/4/6 days → 6/8/12 days") || !strings.Contains(pv.Changes[0].Summary, "status not_started → in_progress") {
		t.Errorf("changes %v", pv.Changes)
	}
}

func TestNewTeamDefaults(t *testing.T) {
	src := source(roadmap.Task{Key: "1", Title: "x", Team: "홍길동", Days: 1, HasEstimate: true}, roadmap.Task{Key: "2", Title: "y", Days: 1, HasEstimate: true})
	src.TeamSize = map[string]int{"홍길동": 1}
	p := roadmaptest.Base()
	pv, q := build(t, p, src)
	if len(q.Teams) != 2 {
		t.Fatalf("teams %+v", q.Teams)
	}
	for _, tm := range q.Teams {
		if tm.Allocation != 0.8 || tm.FocusFactor != 0.7 || tm.WIPLimit != 2 || tm.CostPerFTEMonth.Currency != "USD" {
			t.Errorf("team %+v", tm)
		}
	}
	if q.Team("team") == nil || q.Team("team").Headcount != 1 || q.Team("platform") == nil || q.Team("platform").Headcount != 3 {
		t.Errorf("teams %+v", q.Teams)
	}
	if !strings.Contains(strings.Join(pv.Notes, " "), "check and correct them") {
		t.Errorf("notes %v", pv.Notes)
	}
}

func TestMilestonesAndRemoval(t *testing.T) {
	src := source(roadmap.Task{Key: "1", Title: "Build", Days: 5, HasEstimate: true}, roadmap.Task{Key: "2", Title: "Test", Days: 5, HasEstimate: true})
	src.Milestones = []roadmap.Milestone{{Key: "m", Name: "Launch", Date: plan.MustDate("2026-09-01"), Deps: []string{"1", "2", "x"}}}
	_, q := build(t, roadmaptest.Base(), src)
	if len(q.Milestones) != 1 || len(q.Milestones[0].DependsOn) != 2 {
		t.Fatalf("milestones %+v", q.Milestones)
	}
	// The milestone moves and Test disappears; with remove_missing it goes, and so do references to it.
	src2 := source(roadmap.Task{Key: "1", Title: "Build", Days: 5, HasEstimate: true})
	src2.Milestones = []roadmap.Milestone{{Key: "m", Name: "Launch", Date: plan.MustDate("2026-10-01"), Deps: []string{"1"}}}
	src2.RemoveMissing = true
	src2.Mapping = q.ImportMappings[0]
	pv, r := build(t, q, src2)
	if roadmaptest.Count(pv, "remove", "item") != 1 || roadmaptest.Count(pv, "change", "milestone") != 1 {
		t.Errorf("changes %v", pv.Changes)
	}
	if len(r.Items) != 1 || len(r.Milestones) != 1 || r.Milestones[0].Date != plan.MustDate("2026-10-01") || len(r.Milestones[0].DependsOn) != 1 {
		t.Errorf("after removal: items %+v milestones %+v", r.Items, r.Milestones)
	}
}

func TestCycleIsAnError(t *testing.T) {
	src := source(
		roadmap.Task{Key: "1", Title: "A", Deps: []roadmap.Dep{{Key: "2"}}},
		roadmap.Task{Key: "2", Title: "B", Deps: []roadmap.Dep{{Key: "1"}}},
	)
	pv, q := build(t, roadmaptest.Base(), src)
	if q != nil || !pv.HasErrors() {
		t.Fatal("a cycle was accepted")
	}
	if msg := pv.Problems[len(pv.Problems)-1].Message; !strings.Contains(msg, "test:f#1") || !strings.Contains(msg, "cycle") {
		t.Errorf("message %q", msg)
	}
}

// An open task with no estimate is never given 0 days silently: it is
// imported without one (0/0/0, which plan and the forecast read as "no
// estimate") with a warning at its estimate cell that offers the mapping
// option, or it gets default_estimate_days, spread like the other estimates.
func TestNoEstimate(t *testing.T) {
	cell := ingest.Location{File: "f.xml", Row: 7, Field: "Task UID 2 Duration"}
	tasks := func() []roadmap.Task {
		return []roadmap.Task{
			{Key: "1", Title: "Sized", Days: 4, HasEstimate: true},
			{Key: "2", Title: "Unsized", EstimateLoc: cell, NoEstimate: "its Duration is PT0H0M0S but it is not a milestone"},
			{Key: "3", Title: "Finished", Status: plan.Done},
		}
	}
	t.Run("warned at the cell", func(t *testing.T) {
		pv, q := build(t, base(), source(tasks()...))
		var located, summary bool
		for _, pr := range pv.Problems {
			if pr.Location == cell && strings.Contains(pr.Message, "2 Unsized: its Duration is PT0H0M0S but it is not a milestone; it is imported without an estimate") && strings.Contains(pr.Message, "default_estimate_days") {
				located = true
			}
			if pr.Location == (ingest.Location{File: "f.xml"}) && strings.Contains(pr.Message, "1 open item(s) have no estimate in the file (empty or 0): 2.") {
				summary = true
			}
			if strings.Contains(pr.Message, "Finished") {
				t.Errorf("a done item is warned about: %s", pr)
			}
		}
		if !located || !summary {
			t.Errorf("problems %v", pv.Problems)
		}
		it := q.Item(itemID(t, q, "test:f#2"))
		if it.Estimate != (plan.Estimate{}) {
			t.Errorf("estimate %+v, want none", it.Estimate)
		}
		for _, c := range pv.Changes {
			if c.ID == it.ID && !strings.Contains(c.Summary, "estimate none") {
				t.Errorf("change %q does not say there is no estimate", c.Summary)
			}
		}
	})
	t.Run("default_estimate_days", func(t *testing.T) {
		src := source(tasks()...)
		src.DefaultDays = 10
		pv, q := build(t, base(), src)
		it := q.Item(itemID(t, q, "test:f#2"))
		if it.Estimate != (plan.Estimate{Low: 7.5, Likely: 10, High: 15}) {
			t.Errorf("estimate %+v, want 7.5/10/15", it.Estimate)
		}
		if d := q.Item(itemID(t, q, "test:f#3")).Estimate; d != (plan.Estimate{}) {
			t.Errorf("a done item got the default %+v", d)
		}
		found := false
		for _, pr := range pv.Problems {
			found = found || pr.Location == cell && strings.Contains(pr.Message, "the default of 10 person-days (mapping option default_estimate_days) is used")
		}
		if !found || !strings.Contains(strings.Join(pv.Notes, "\n"), "1 open item(s) with no estimate in the file get the default of 10 person-days") {
			t.Errorf("problems %v notes %v", pv.Problems, pv.Notes)
		}
		// An estimate entered in Steerco since is kept, not replaced by the default.
		q.Item(it.ID).Estimate = plan.Estimate{Low: 1, Likely: 2, High: 3}
		pv2, q2 := build(t, q, src)
		if e := q2.Item(it.ID).Estimate; e != (plan.Estimate{Low: 1, Likely: 2, High: 3}) {
			t.Errorf("re-import changed the estimate to %+v", e)
		}
		for _, pr := range pv2.Problems {
			if strings.Contains(pr.Message, "Unsized") {
				t.Errorf("warned about an item that has an estimate: %s", pr)
			}
		}
	})
	t.Run("option parsing", func(t *testing.T) {
		for _, tc := range []struct {
			v    string
			want float64
			bad  bool
		}{{"", 0, false}, {"5", 5, false}, {" 2.5 ", 2.5, false}, {"0", 0, true}, {"-1", 0, true}, {"ten", 0, true}, {"1e9", 0, true}, {"NaN", 0, true}} {
			pv := &ingest.Preview{File: "f"}
			m := plan.ImportMapping{Options: map[string]string{roadmap.OptionDefaultDays: tc.v}}
			if got := roadmap.DefaultDaysFor(pv, &m); got != tc.want || pv.HasErrors() != tc.bad {
				t.Errorf("%q: %v (errors %v), want %v (%v)", tc.v, got, pv.Problems, tc.want, tc.bad)
			}
		}
	})
}

func itemID(t *testing.T, p *plan.Portfolio, src string) string {
	t.Helper()
	for _, it := range p.Items {
		if it.Source == src {
			return it.ID
		}
	}
	t.Fatalf("no item from %s", src)
	return ""
}

// Names beyond plan's limits are refused at the task that brings them.
func TestNamesTooLong(t *testing.T) {
	at := ingest.Location{File: "f.xml", Row: 3}
	src := source(roadmap.Task{Key: "1", Title: "ok", Team: strings.Repeat("t", 501), Days: 1, HasEstimate: true, Loc: at})
	pv, _ := build(t, base(), src)
	if len(pv.Problems) != 1 || pv.Problems[0].Location != at || pv.Problems[0].Message != "the team name is 501 characters long; at most 500 are allowed." {
		t.Errorf("problems %v", pv.Problems)
	}
}
