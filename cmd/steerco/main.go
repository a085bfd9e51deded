// Command steerco is the Steerco desktop app and its command-line verbs.
package main

import (
	"context"
	"os"
	"os/signal"
)

// This main links no GUI toolkit unless built with the tag "window" (see
// window.go and gui.go): the command-line verbs never initialise Fyne, so
// under LANG=C they print nothing of Fyne's on stderr (its lang package
// logged "Error parsing user locale C" from its init, before main ran).
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, stdEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
