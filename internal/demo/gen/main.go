// Command gen writes the built-in demo portfolio, assets/demo.json.
//
// The demo is authored in Go (content.go, budget.go, delivery.go) relative to
// a fixed anchor date, a Monday that is both the demo's "today" and its
// planning start; steerco/internal/demo moves every date to the current week
// when the demo is opened. Randomness (budget variance, delivery records)
// comes from a fixed seed through a generator written out in rng.go, so the
// output is the same on every machine and every Go version.
//
// Regenerate after changing the content, from the repository root:
//
//	go run ./internal/demo/gen            # writes assets/demo.json
//	go run ./internal/demo/gen -o -       # prints it instead
//
// A test in this package fails when the committed file differs from what the
// generator produces, so the two never drift.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"

	"steerco/internal/plan"
)

func main() {
	out := flag.String("o", "assets/demo.json", "where to write the demo portfolio (- for standard output)")
	flag.Parse()
	b, err := render()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *out == "-" {
		_, err = os.Stdout.Write(b)
	} else {
		err = os.WriteFile(*out, b, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// render builds the demo portfolio, checks it and returns its JSON.
func render() ([]byte, error) {
	p := build()
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("the demo portfolio is invalid: %w", err)
	}
	var buf bytes.Buffer
	if err := plan.WriteJSON(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
