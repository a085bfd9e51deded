package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// demoClock is a Saturday: the demo is dated for the week of Monday 2027-03-08.
var demoClock = time.Date(2027, 3, 13, 16, 0, 0, 0, time.UTC)

func demoRun(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdout: &out, stderr: &errb, now: func() time.Time { return demoClock }}
	t.Chdir(dir)
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func demoJSON(t *testing.T) []byte {
	t.Helper()
	p, err := demo.Portfolio(plan.DateOf(demoClock))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readBack opens a portfolio file and returns its JSON.
func readBack(t *testing.T, path string) []byte {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Portfolio(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDemoVerb(t *testing.T) {
	want := demoJSON(t)
	if !bytes.Contains(want, []byte(`"planning_start": "2027-03-08"`)) {
		t.Fatal("the demo should be dated for the Monday of the clock's week")
	}

	t.Run("default file in the current folder", func(t *testing.T) {
		dir := t.TempDir()
		code, out, errs := demoRun(t, dir, "demo")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if !strings.Contains(out, "Created demo.steerco") || !strings.Contains(out, "8 Mar 2027") {
			t.Errorf("stdout: %s", out)
		}
		if got := readBack(t, filepath.Join(dir, "demo.steerco")); !bytes.Equal(got, want) {
			t.Error("the file does not read back as the demo portfolio")
		}
	})

	t.Run("-o and refusing to overwrite", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "board.steerco")
		if code, _, errs := demoRun(t, dir, "demo", "-o", path); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		before, _ := os.ReadFile(path)
		code, _, errs := demoRun(t, dir, "demo", "-o", path)
		if code != exitFailure || !strings.Contains(errs, "already exists") || !strings.Contains(errs, "--force") {
			t.Errorf("second run: exit %d, stderr %q", code, errs)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
			t.Error("the refused run changed the file")
		}
	})

	t.Run("--force replaces", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "demo.steerco")
		os.WriteFile(path, []byte("not a portfolio"), 0o644)
		if code, _, errs := demoRun(t, dir, "demo", "--force"); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if got := readBack(t, path); !bytes.Equal(got, want) {
			t.Error("the replaced file does not read back as the demo portfolio")
		}
	})

	t.Run("--json to stdout", func(t *testing.T) {
		dir := t.TempDir()
		code, out, errs := demoRun(t, dir, "demo", "--json")
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if out != string(want) {
			t.Error("--json did not write the demo's JSON")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Error("--json wrote a file")
		}
	})

	t.Run("--json -o file", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "demo.json")
		if code, _, errs := demoRun(t, dir, "demo", "--json", "-o", path); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if got, _ := os.ReadFile(path); !bytes.Equal(got, want) {
			t.Error("the JSON file is not the demo")
		}
	})

	for _, tc := range []struct {
		name string
		args []string
		msg  string
	}{
		{"positional file", []string{"demo", "x.steerco"}, "-o x.steerco"},
		{"unknown flag", []string{"demo", "--colour"}, "flag provided but not defined"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := demoRun(t, t.TempDir(), tc.args...)
			if code != exitUsage || !strings.Contains(errs, tc.msg) || !strings.Contains(errs, "usage: steerco demo") {
				t.Errorf("exit %d, stderr %q", code, errs)
			}
		})
	}

	t.Run("unwritable folder", func(t *testing.T) {
		dir := t.TempDir()
		code, _, errs := demoRun(t, dir, "demo", "-o", filepath.Join(dir, "missing", "demo.steerco"))
		if code != exitFailure || errs == "" {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if _, err := os.Stat(filepath.Join(dir, "missing")); err == nil {
			t.Error("a folder was created")
		}
	})
}
