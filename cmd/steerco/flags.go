package main

import (
	"errors"
	"flag"
	"fmt"
)

// newFlagSet returns the flag set of the verb name: its messages go to
// e.stderr, and -h prints the verb's usage line and its flags.
func newFlagSet(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: steerco %s\n", verbs[name].usage)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlagsAnywhere parses flags that may come before, between or after the
// positional arguments ("export a.steerco -o a.json") and returns the
// positional ones. "--" ends the flags. For -h it returns flag.ErrHelp (the
// flag set has printed the usage; run treats it as success); any other
// mistake is a usage error.
func parseFlagsAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > 0 && len(rest) < len(args) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}
