package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The real binary, built as make build builds it, prints nothing on stderr
// under the C and POSIX locales and with no locale at all: the command line
// links no GUI toolkit, so nothing of Fyne's initialises (it used to log
// "Fyne error: Error parsing user locale C" three lines long on every verb).
func TestVerbsQuietUnderTheCLocale(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "steerco")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo,sqlite_omit_load_extension", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	base := slices.DeleteFunc(os.Environ(), func(kv string) bool {
		return strings.HasPrefix(kv, "LANG=") || strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "DISPLAY=") || strings.HasPrefix(kv, "WAYLAND_DISPLAY=")
	})
	file := filepath.Join(dir, "p.steerco")
	for _, loc := range []struct{ name, env string }{
		{"LANG=C", "LANG=C"}, {"LANG=C.UTF-8", "LANG=C.UTF-8"}, {"LC_ALL=POSIX", "LC_ALL=POSIX"}, {"no locale", ""},
	} {
		t.Run(loc.name, func(t *testing.T) {
			env := base
			if loc.env != "" {
				env = append(slices.Clip(base), loc.env)
			}
			steerco := func(args ...string) (string, string, int) {
				cmd := exec.Command(bin, args...)
				cmd.Env, cmd.Dir = env, dir
				var out, errb bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &errb
				err := cmd.Run()
				code := 0
				if ee, ok := err.(*exec.ExitError); ok {
					code = ee.ExitCode()
				} else if err != nil {
					t.Fatal(err)
				}
				return out.String(), errb.String(), code
			}
			for _, args := range [][]string{
				{"version"},
				{"help"},
				{"new", file, "--name", "Quiet", "--currency", "GBP", "--force"},
				{"demo", "-o", file, "--force"},
				{"export", file},
				{"forecast", file, "--trials", "200", "--no-risks"},
			} {
				if _, errs, code := steerco(args...); code != 0 || errs != "" {
					t.Errorf("steerco %s: exit %d, stderr %q; want 0 and nothing", strings.Join(args, " "), code, errs)
				}
			}
			// With no display, open says so, and only that.
			_, errs, code := steerco("open", file)
			if code != 1 || !strings.HasPrefix(errs, "steerco open: no display") || strings.Contains(errs, "Fyne") {
				t.Errorf("steerco open without a display: exit %d, stderr %q", code, errs)
			}
		})
	}

	// With a display, open hands over to steerco-window beside it (here a
	// script that says how it was called), with an English locale.
	stand := filepath.Join(dir, "steerco-window")
	if err := os.WriteFile(stand, []byte("#!/bin/sh\necho \"$0 $* LANG=$LANG LC_ALL=$LC_ALL\"\nexit 3\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "open", file)
	cmd.Env = append(slices.Clip(base), "DISPLAY=:99", "LC_ALL=C")
	out, err := cmd.Output()
	ee, _ := err.(*exec.ExitError)
	if ee == nil || ee.ExitCode() != 3 {
		t.Errorf("the window's exit status is not passed on: %v", err)
	}
	if want := stand + " open " + file + " LANG=en_US.UTF-8 LC_ALL=\n"; string(out) != want {
		t.Errorf("steerco open ran %q, want %q", out, want)
	}
	// Without steerco-window, open says how to get it.
	os.Remove(stand)
	cmd = exec.Command(bin, "open", file)
	cmd.Env = append(slices.Clip(base), "DISPLAY=:99", "PATH=/nonexistent")
	if msg, _ := cmd.CombinedOutput(); !strings.Contains(string(msg), "make build") {
		t.Errorf("steerco open without steerco-window: %s", msg)
	}
}
