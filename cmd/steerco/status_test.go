package main

import (
	"strings"
	"testing"

	"steerco/internal/plan"
)

// steerco status records the actual date as the window does, in one audited
// edit; bad input changes nothing.
func TestStatusVerb(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/d.steerco"
	if code, _, stderr := demoRun(t, dir, "demo", "-o", path); code != 0 {
		t.Fatal(stderr)
	}
	before := imAudit(t, path)
	code, out, stderr := demoRun(t, dir, "status", path, "api-coverage", "--set", "done", "--on", "2026-12-04")
	if code != 0 || !strings.Contains(out, "api-coverage is done, finished on 4 Dec 2026.") {
		t.Fatalf("exit %d: %q %q", code, out, stderr)
	}
	it := imLoad(t, path).Item("api-coverage")
	if it.Status != plan.Done || it.FinishedOn != plan.MustDate("2026-12-04") {
		t.Errorf("the file has %s, finished %s", it.Status, it.FinishedOn)
	}
	if imAudit(t, path) <= before {
		t.Error("the change is not in the audit log")
	}
	after := fileBytes(t, path)
	for _, args := range [][]string{
		{"status", path, "nope", "--set", "done"},
		{"status", path, "api-eob", "--set", "finished"},
		{"status", path, "api-eob", "--set", "done", "--on", "2999-01-01"},
		{"status", path},
	} {
		if code, _, stderr := demoRun(t, dir, args...); code == 0 || stderr == "" {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if string(fileBytes(t, path)) != string(after) {
		t.Error("a refused status change wrote to the file")
	}
}
