//go:build !window

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// The command line is built without the window (no build tag "window"), so
// it links no GUI toolkit: nothing of Fyne initialises, and no verb prints
// Fyne's locale complaint under LANG=C. "steerco open" hands over to the
// same program built with the window, steerco-window, which make build puts
// beside steerco (make package ships that one build, under the name steerco).

// windowBinary is the name of the build with the window.
const windowBinary = "steerco-window"

// openWindow replaces this process with steerco-window, found beside this
// executable or else on PATH, asked to open path (or, with resume, the last
// file opened, as "steerco open" with no file does).
func openWindow(path string, resume bool) error {
	bin, err := findWindow()
	if err != nil {
		return err
	}
	args := []string{windowBinary, "open"}
	if !resume {
		args = append(args, path)
	}
	env := windowEnv(os.Environ())
	if os.Getenv("STEERCO_TRACE") == "1" {
		env = append(env, startEnv+"="+strconv.FormatInt(processStart.UnixNano(), 10))
	}
	return replaceProcess(bin, args, env)
}

// findWindow looks for steerco-window beside the running executable, then on PATH.
func findWindow() (string, error) {
	name := windowBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if exe, err := os.Executable(); err == nil {
		if exe, err = filepath.EvalSymlinks(exe); err == nil {
			p := filepath.Join(filepath.Dir(exe), name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p, nil
			}
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", errors.New("this steerco is the command line only, and the window, " + windowBinary +
		", is neither beside it nor on PATH. Build both with make build (.build/steerco and .build/" + windowBinary + "), or install the package (make package)")
}

// windowEnv is env with an English locale when it names none or the C/POSIX
// one: Fyne logs an error for "C" (it is not a language tag). The C library's
// own locale is not the window's concern, so only the window gets it.
func windowEnv(env []string) []string {
	get := func(k string) string {
		for _, kv := range env {
			if v, ok := strings.CutPrefix(kv, k+"="); ok {
				return v
			}
		}
		return ""
	}
	loc := get("LC_ALL")
	if loc == "" {
		loc = get("LC_MESSAGES")
	}
	if loc == "" {
		loc = get("LANG")
	}
	if loc != "" && loc != "C" && loc != "POSIX" && !strings.HasPrefix(loc, "C.") {
		return env
	}
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, "LC_ALL=") && !strings.HasPrefix(kv, "LC_MESSAGES=") && !strings.HasPrefix(kv, "LANG=") {
			out = append(out, kv)
		}
	}
	return append(out, "LANG=en_US.UTF-8")
}
