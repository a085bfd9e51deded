package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at build time with -ldflags "-X main.version=..."; otherwise
// it comes from the module's build information.
var version = ""

func init() {
	register(verb{name: "help", usage: "help", summary: "List the commands.", run: runHelp})
	register(verb{name: "version", usage: "version", summary: "Print the version of Steerco.", run: runVersion})
}

func runHelp(ctx context.Context, e *env, args []string) error {
	fmt.Fprintln(e.stdout, "Steerco: portfolio forecasting and board briefings for directors of product engineering.")
	fmt.Fprintln(e.stdout, "\nUsage: steerco [COMMAND] [ARGUMENTS]   (no command opens the desktop app)")
	fmt.Fprintln(e.stdout, "\nCommands:")
	for _, v := range sortedVerbs() {
		fmt.Fprintf(e.stdout, "  steerco %s\n      %s\n", v.usage, v.summary)
	}
	fmt.Fprintln(e.stdout, "\nExit codes: 0 success, 1 the work failed (the message says why), 2 wrong command line, 130 cancelled.")
	fmt.Fprintln(e.stdout, "Run \"steerco COMMAND -h\" for a command's flags.")
	return nil
}

func runVersion(ctx context.Context, e *env, args []string) error {
	v := version
	if v == "" {
		v = "dev"
		if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
	}
	fmt.Fprintf(e.stdout, "steerco %s\n", v)
	return nil
}
