package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// A verb is one command-line command: "steerco NAME args...".
type verb struct {
	name    string // the word typed after steerco
	usage   string // one line: NAME ARGS [FLAGS]
	summary string // one sentence for "steerco help"
	run     func(ctx context.Context, e *env, args []string) error
}

var verbs = map[string]verb{}

// register adds a verb; each verb lives in its own file and registers itself in init.
func register(v verb) {
	if _, dup := verbs[v.name]; dup {
		panic("steerco: verb registered twice: " + v.name)
	}
	verbs[v.name] = v
}

// env is what a verb may touch of the outside world, so tests can run verbs with buffers.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	now            func() time.Time
	// openWindow starts the desktop app on path; with resume, it first
	// reopens the most recently opened file and uses path only when that
	// is gone or no longer opens. nil in tests that never open one.
	openWindow func(path string, resume bool) error
}

// errUsage marks an error in how the command was called (exit code 2).
type errUsage struct{ msg string }

func (e *errUsage) Error() string { return e.msg }

// usageError reports a mistake in the command line itself; the process exits with code 2.
func usageError(format string, args ...any) error {
	return &errUsage{msg: fmt.Sprintf(format, args...)}
}

// oneFile returns the one file argument of a verb: with none, "which
// KIND? HINT"; with more, "one KIND file at a time, not N (a, b)" (kind ""
// says "file"; a kind that ends in " file" keeps it in both). Every verb
// that takes one file says it the same way.
func oneFile(pos []string, kind, hint string) (string, error) {
	which, one := kind, kind+" file"
	switch {
	case kind == "":
		which, one = "file", "file"
	case strings.HasSuffix(kind, " file"):
		one = kind
	}
	switch {
	case len(pos) == 0:
		return "", usageError("which %s? %s", which, hint)
	case len(pos) > 1:
		return "", usageError("one %s at a time, not %d (%s)", one, len(pos), strings.Join(pos, ", "))
	}
	return pos[0], nil
}

// errExit ends the process with a code and no message (the program it
// handed over to, such as the window, has already said what went wrong).
type errExit struct{ code int }

func (e *errExit) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Exit codes.
const (
	exitOK        = 0
	exitFailure   = 1   // the command could not do its work (bad file, invalid data, I/O)
	exitUsage     = 2   // the command line itself is wrong
	exitCancelled = 130 // interrupted (Ctrl-C)
)

// run executes one command line and returns the process exit code. Errors are
// written to e.stderr as "steerco: message".
func run(ctx context.Context, e *env, args []string) int {
	name := ""
	if len(args) > 0 {
		name = args[0]
		args = args[1:]
	}
	switch name {
	case "", "open":
		name = "open"
	case "-h", "--help", "-help":
		name = "help"
	case "--version", "-version":
		name = "version"
	}
	v, ok := verbs[name]
	if !ok {
		if strings.HasSuffix(name, ".steerco") {
			// "steerco my.steerco" opens that file, like double-clicking it.
			v, args = verbs["open"], append([]string{name}, args...)
		} else {
			fmt.Fprintf(e.stderr, "steerco: unknown command %q. Run \"steerco help\" for the list of commands.\n", name)
			return exitUsage
		}
	}
	err := v.run(ctx, e, args)
	return report(e, v, err)
}

func report(e *env, v verb, err error) int {
	if err == nil {
		return exitOK
	}
	var ue *errUsage
	var ex *errExit
	switch {
	case errors.As(err, &ex):
		return ex.code
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(e.stderr, "steerco: cancelled; nothing was written.")
		return exitCancelled
	case errors.Is(err, flag.ErrHelp):
		return exitOK // the flag set has printed the usage
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "steerco %s: %s\nusage: steerco %s\n", v.name, ue.msg, v.usage)
		return exitUsage
	default:
		fmt.Fprintf(e.stderr, "steerco %s: %s\n", v.name, err)
		return exitFailure
	}
}

// helpOrder is the order help lists the verbs in: the file, then what goes
// into it, the forecast and its what-ifs, the outputs, the engine on its
// own, and help last. Every verb is in it (a test checks).
var helpOrder = []string{"open", "new", "demo", "export", "import-json", "import", "status",
	"forecast", "snapshot", "scenario", "cost-of-yes", "calibration", "report", "restore", "simulate", "version", "help"}

// sortedVerbs lists the verbs in the order help shows them (helpOrder).
func sortedVerbs() []verb {
	rank := map[string]int{}
	for i, n := range helpOrder {
		rank[n] = i + 1
	}
	out := make([]verb, 0, len(verbs))
	for _, v := range verbs {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank[out[i].name], rank[out[j].name]
		if ri == 0 {
			ri = 1000
		}
		if rj == 0 {
			rj = 1000
		}
		if ri != rj {
			return ri < rj
		}
		return out[i].name < out[j].name
	})
	return out
}

// stdEnv is the env of the real process.
func stdEnv() *env {
	return &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, now: time.Now, openWindow: openWindow}
}
