package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScenarioVerbs(t *testing.T) {
	ctx := context.Background()
	path, anchor := fcDemoFile(t)
	run := func(args ...string) (int, string, string) { return snapRun(ctx, anchor, args...) }

	code, out, errOut := run("scenario", "list", path)
	if code != 0 || !strings.Contains(out, "hire-exchange") || !strings.Contains(out, "Two more FHIR API engineers from January") {
		t.Fatalf("list: exit %d\n%s%s", code, out, errOut)
	}

	// new --from: a bad file is refused at its line and column, nothing written.
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"name\": \"X\",\n  \"chanegs\": []\n}"), 0o644)
	code, _, errOut = run("scenario", "new", path, "--from", bad)
	if code != exitFailure || !strings.Contains(errOut, "bad.json") || !strings.Contains(errOut, "chanegs") {
		t.Errorf("bad JSON: exit %d: %s", code, errOut)
	}
	stale := filepath.Join(dir, "stale.json")
	os.WriteFile(stale, []byte(`{"name": "Stale", "changes": [{"kind": "cut", "item": "nope"}]}`), 0o644)
	code, _, errOut = run("scenario", "new", path, "--from", stale)
	if code != exitFailure || !strings.Contains(errOut, "nope") {
		t.Errorf("a change that does not apply: exit %d: %s", code, errOut)
	}
	good := filepath.Join(dir, "cut.json")
	os.WriteFile(good, []byte(`{"name": "Cut the dashboard", "description": "After go-live", "changes": [{"kind": "cut", "item": "x-dashboard"}]}`), 0o644)
	code, out, errOut = run("scenario", "new", path, "--from", good)
	if code != 0 || !strings.Contains(out, "cut-the-dashboard") {
		t.Fatalf("new: exit %d: %s%s", code, out, errOut)
	}
	code, out, _ = run("scenario", "show", path, "cut-the-dashboard")
	if code != 0 || !strings.Contains(out, "Cut x-dashboard Exchange operations dashboard") {
		t.Errorf("show: %s", out)
	}
	if code, out, errOut = run("scenario", "duplicate", path, "cut-the-dashboard", "--name", "Cut more"); code != 0 || !strings.Contains(out, "cut-more") {
		t.Errorf("duplicate: exit %d: %s%s", code, out, errOut)
	}
	if code, _, errOut = run("scenario", "rename", path, "cut-more", "--name", "Cut even more"); code != 0 {
		t.Errorf("rename: exit %d: %s", code, errOut)
	}
	if code, _, errOut = run("scenario", "delete", path, "cut-more"); code != 0 {
		t.Errorf("delete: exit %d: %s", code, errOut)
	}
	if code, _, errOut = run("scenario", "delete", path, "cut-more"); code != exitFailure || !strings.Contains(errOut, "no saved scenario") {
		t.Errorf("delete twice: exit %d: %s", code, errOut)
	}

	// promote lists what it would do and writes nothing without --yes.
	code, out, _ = run("scenario", "promote", path, "cut-the-dashboard")
	if code != 0 || !strings.Contains(out, "Nothing was written") || !strings.Contains(out, "Cut x-dashboard") {
		t.Errorf("promote without --yes: %s", out)
	}
	if _, out, _ = run("scenario", "list", path); !strings.Contains(out, "cut-the-dashboard") {
		t.Error("promote without --yes removed the scenario")
	}
	if code, out, errOut = run("scenario", "promote", path, "cut-the-dashboard", "--yes"); code != 0 || !strings.Contains(out, "Promoted") {
		t.Errorf("promote: exit %d: %s%s", code, out, errOut)
	}
	p := exportedPortfolio(t, ctx, anchor, path)
	if p.Item("x-dashboard").Status != "cancelled" || p.Scenario("cut-the-dashboard") != nil {
		t.Errorf("after promote: %s, scenario %v", p.Item("x-dashboard").Status, p.Scenario("cut-the-dashboard"))
	}

	// compare --json: every scenario, the exchange hires lift the mandate
	// and cost money; the empty-effect one costs nothing.
	code, out, errOut = run("scenario", "compare", path, "--trials", "500", "--json")
	if code != 0 {
		t.Fatalf("compare: exit %d: %s", code, errOut)
	}
	var c comparisonJSON
	if err := json.Unmarshal([]byte(out), &c); err != nil {
		t.Fatal(err)
	}
	if len(c.Scenarios) != 4 || c.Trials != 500 {
		t.Fatalf("compared %d scenarios at %d trials", len(c.Scenarios), c.Trials)
	}
	for _, s := range c.Scenarios {
		if s.ID == "hire-exchange" {
			if s.CostSum.Minor <= 0 || len(s.Cost) == 0 {
				t.Errorf("hire costs %+v", s.Cost)
			}
			for _, r := range s.Rows {
				if r.ID == "m-cms" && r.Points <= 0 {
					t.Errorf("the mandate does not move: %+v", r)
				}
			}
		}
	}
	if code, out, _ = run("scenario", "compare", path, "hire-exchange", "--trials", "500"); code != 0 || !strings.Contains(out, "Cost through") || !strings.Contains(out, "m-cms") {
		t.Errorf("compare table:\n%s", out)
	}
	if code, _, _ = run("scenario", "frobnicate", path); code != exitUsage {
		t.Errorf("unknown sub-command: exit %d", code)
	}
}

func TestCostOfYesVerb(t *testing.T) {
	ctx := context.Background()
	path, anchor := fcDemoFile(t)
	dir := t.TempDir()
	item := filepath.Join(dir, "portal.json")
	os.WriteFile(item, []byte(`{"title": "Member portal", "team": "exchange", "rank": 1, "status": "not_started", "commitment": "committed",
  "estimate": {"low": 40, "likely": 60, "high": 90}, "target": "`+anchor.AddDays(150).String()+`"}`), 0o644)
	code, out, errOut := snapRun(ctx, anchor, "cost-of-yes", path, "--item", item, "--trials", "500")
	if code != 0 || !strings.HasPrefix(out, "If we say yes to Member portal: CMS Interoperability mandate go-live falls from ") || !strings.Contains(out, "m-cms") || !strings.Contains(out, "costs USD") ||
		!strings.Contains(out, "The expected penalty and cost of delay go from ") {
		t.Errorf("cost-of-yes: exit %d\n%s%s", code, out, errOut)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"title": "X", "team": "nope", "estimate": {"low": 1, "likely": 2, "high": 3}}`), 0o644)
	if code, _, errOut = snapRun(ctx, anchor, "cost-of-yes", path, "--item", bad, "--trials", "500"); code != exitFailure || !strings.Contains(errOut, "bad.json") {
		t.Errorf("unknown team: exit %d: %s", code, errOut)
	}
	if code, _, _ = snapRun(ctx, anchor, "cost-of-yes", path); code != exitUsage {
		t.Errorf("no --item: exit %d", code)
	}
}
