// Command steerco is the Steerco desktop app and its command-line verbs.
package main

import (
	"context"
	"os"
	"os/signal"
	"strconv"
	"time"
)

// This main links no GUI toolkit unless built with the tag "window" (see
// window.go and gui.go): the command-line verbs never initialise Fyne, so
// under LANG=C they print nothing of Fyne's on stderr (its lang package
// logged "Error parsing user locale C" from its init, before main ran).
// processStart is as close to the process's start as Go code gets (package
// variables are set before main), for STEERCO_TRACE=1. When steerco open has
// handed over to steerco-window, it is the command line's start, passed on
// in STEERCO_START_NS, so the trace counts the hand-over too.
var processStart = func() time.Time {
	if ns, err := strconv.ParseInt(os.Getenv(startEnv), 10, 64); err == nil && ns > 0 {
		return time.Unix(0, ns)
	}
	return time.Now()
}()

// startEnv carries processStart to the window.
const startEnv = "STEERCO_START_NS"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, stdEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
