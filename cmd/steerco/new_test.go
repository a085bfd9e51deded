package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steerco/internal/app"
	"steerco/internal/plan"
)

func TestNew(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := demoRun(t, dir, "new", "plan.steerco", "--name", "Platform 2027", "--currency", "eur", "--fiscal-year-start", "Apr")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "Created plan.steerco") || !strings.Contains(out, "8 Mar 2027") {
		t.Errorf("stdout: %s", out)
	}
	p, err := app.Read(context.Background(), filepath.Join(dir, "plan.steerco"))
	if err != nil {
		t.Fatal(err)
	}
	// demoClock is Saturday 13 Mar 2027: the plan starts that week's Monday.
	if p.Name != "Platform 2027" || p.Currency != "EUR" || p.FiscalYearStart != time.April || p.PlanningStart != plan.MustDate("2027-03-08") {
		t.Errorf("got %q %s fiscal %s start %s", p.Name, p.Currency, p.FiscalYearStart, p.PlanningStart)
	}
	if len(p.Teams)+len(p.Items)+len(p.Milestones)+len(p.Risks) != 0 {
		t.Error("a new portfolio is empty")
	}

	// An existing file is refused, and left as it was; --force replaces it.
	code, _, errs = demoRun(t, dir, "new", "plan.steerco", "--name", "Other", "--currency", "USD")
	if code != 1 || !strings.Contains(errs, "already exists") || !strings.Contains(errs, "--force") {
		t.Errorf("overwrite without --force: exit %d: %s", code, errs)
	}
	if p, _ := app.Read(context.Background(), filepath.Join(dir, "plan.steerco")); p == nil || p.Name != "Platform 2027" {
		t.Error("the refused overwrite changed the file")
	}
	code, _, errs = demoRun(t, dir, "new", "plan.steerco", "--name", "Other", "--currency", "USD", "--planning-start", "2027-01-04", "--force")
	if code != 0 {
		t.Fatalf("--force: exit %d: %s", code, errs)
	}
	if p, _ := app.Read(context.Background(), filepath.Join(dir, "plan.steerco")); p == nil || p.Name != "Other" || p.PlanningStart != plan.MustDate("2027-01-04") {
		t.Errorf("--force did not replace the file: %+v", p)
	}
}

func TestNewRefusesBadInput(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"--name", "X", "--currency", "USD"}, 2, "which file?"},
		{"no name", []string{"a.steerco", "--currency", "USD"}, 2, "--name"},
		{"no currency", []string{"a.steerco", "--name", "X"}, 2, "--currency"},
		{"bad month", []string{"a.steerco", "--name", "X", "--currency", "USD", "--fiscal-year-start", "13"}, 2, "1 to 12"},
		{"bad date", []string{"a.steerco", "--name", "X", "--currency", "USD", "--planning-start", "next week"}, 2, "--planning-start"},
		{"bad currency", []string{"a.steerco", "--name", "X", "--currency", "dollars"}, 1, "nothing was written"},
		{"no folder", []string{"nowhere/a.steerco", "--name", "X", "--currency", "USD"}, 1, "does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			code, _, errs := demoRun(t, dir, append([]string{"new"}, c.args...)...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, want %d; stderr %q, want it to say %q", code, c.code, errs, c.want)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("%d files written", len(ents))
			}
		})
	}
}

// The message for a missing file says how to create one with steerco new.
func TestMissingFileSuggestsNew(t *testing.T) {
	code, _, errs := demoRun(t, t.TempDir(), "forecast", "gone.steerco")
	if code != 1 || !strings.Contains(errs, "steerco new FILE.steerco") || strings.Contains(errs, "steerco demo") {
		t.Errorf("exit %d: %s", code, errs)
	}
}
