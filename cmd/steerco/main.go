// Command steerco is the Steerco desktop app and its command-line verbs.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, stdEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
