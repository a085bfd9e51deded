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
)

func TestOpen(t *testing.T) {
	fixed := func() time.Time { return time.Date(2026, 11, 21, 9, 0, 0, 0, time.UTC) }
	dir := t.TempDir()
	bad := filepath.Join(dir, "notes.steerco")
	if err := os.WriteFile(bad, []byte("not a portfolio"), 0o600); err != nil {
		t.Fatal(err)
	}
	good, err := demo.EnsureDemoFile(context.Background(), filepath.Join(dir, "mine"), plan.DateOf(fixed()))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		display  string
		args     []string
		code     int
		stderr   string
		openedIn string // the window was asked to open a file in this folder
		resume   bool   // the window was asked to reopen the last file first
	}{
		{"no display", "", []string{"open", "--demo"}, exitFailure, "no display: this machine has no graphical session", "", false},
		{"demo created in data folder", ":0", []string{"open", "--demo"}, exitOK, "", "steerco", false},
		{"no command reopens the last file, else the demo", ":0", nil, exitOK, "", "steerco", true},
		{"a named file opens, not the last one", ":0", []string{"open", good}, exitOK, "", "mine", false},
		{"a file named without open", ":0", []string{good}, exitOK, "", "mine", false},
		{"bad file never opens a window", ":0", []string{"open", bad}, exitFailure, "not a Steerco portfolio", "", false},
		{"two files", ":0", []string{"open", "a.steerco", "b.steerco"}, exitUsage, "one portfolio file", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("DISPLAY", tc.display)
			t.Setenv("WAYLAND_DISPLAY", "")
			t.Setenv("XDG_DATA_HOME", filepath.Join(t.TempDir(), "data"))
			var out, errb bytes.Buffer
			opened, resumed := "", false
			e := &env{stdout: &out, stderr: &errb, now: fixed, openWindow: func(p string, resume bool) error { opened, resumed = p, resume; return nil }}
			code := run(context.Background(), e, tc.args)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errb.String())
			}
			if !strings.Contains(errb.String(), tc.stderr) {
				t.Errorf("stderr %q does not contain %q", errb.String(), tc.stderr)
			}
			if resumed != tc.resume {
				t.Errorf("resume = %v, want %v", resumed, tc.resume)
			}
			if tc.openedIn == "" && opened != "" {
				t.Errorf("window opened on %s", opened)
			}
			if tc.openedIn != "" {
				if filepath.Base(filepath.Dir(opened)) != tc.openedIn {
					t.Errorf("opened %q, want a file in a %q folder", opened, tc.openedIn)
				}
				if _, err := os.Stat(opened); err != nil {
					t.Errorf("the demo file was not created: %v", err)
				}
			}
		})
	}
	if b, _ := os.ReadFile(bad); string(b) != "not a portfolio" {
		t.Error("the bad file was modified")
	}
}

func TestHelpListsEveryVerb(t *testing.T) {
	var out bytes.Buffer
	if code := run(context.Background(), &env{stdout: &out, stderr: &out, now: time.Now}, []string{"help"}); code != 0 {
		t.Fatalf("exit %d", code)
	}
	for name := range verbs {
		if !strings.Contains(out.String(), "steerco "+name) {
			t.Errorf("help does not mention %s", name)
		}
	}
	var errb bytes.Buffer
	if code := run(context.Background(), &env{stdout: &out, stderr: &errb, now: time.Now}, []string{"frobnicate"}); code != exitUsage || !strings.Contains(errb.String(), "steerco help") {
		t.Errorf("unknown verb: exit %d, %q", code, errb.String())
	}
}
