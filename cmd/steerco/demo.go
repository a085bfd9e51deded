package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"steerco/internal/atomicfile"
	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "demo", usage: "demo [-o FILE.steerco] [--force] [--json]",
		summary: "Write the built-in demo portfolio, dated to this week, to FILE (default demo.steerco), or as JSON with --json.", run: runDemo})
}

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "demo")
	out := fs.String("o", "demo.steerco", "the portfolio `file` to create")
	force := fs.Bool("force", false, "replace FILE if it already exists")
	asJSON := fs.Bool("json", false, "write the JSON interchange format instead: to standard output, or to -o's file when -o is given")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError("demo takes no file name as an argument; write -o %s", pos[0])
	}
	outGiven := false
	fs.Visit(func(f *flag.Flag) { outGiven = outGiven || f.Name == "o" })

	if outGiven && *out != "-" {
		if dir := filepath.Dir(*out); dir != "." {
			if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
				return fmt.Errorf("the folder %s does not exist; nothing was written. Create it, or choose another file with -o", dir)
			}
		}
	}
	today := plan.DateOf(e.now())
	p, err := demo.Portfolio(today)
	if err != nil {
		return err
	}
	if *asJSON {
		if !outGiven || *out == "-" {
			return plan.WriteJSON(e.stdout, p)
		}
		if _, err := os.Stat(*out); err == nil && !*force {
			return fmt.Errorf("%s already exists; nothing was written. Choose another name with -o, or add --force to replace it", *out)
		}
		if err := atomicfile.Write(*out, func(w io.Writer) error { return plan.WriteJSON(w, p) }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Wrote %s: the demo portfolio as JSON, dated for the week of %s.\n", *out, figure.Date(p.PlanningStart))
		return nil
	}

	path := *out
	if err := writeNew(ctx, path, p, *force, "Choose another name with -o, or add --force to replace it"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s: %q dated for the week of %s — %d teams, %d items, %d milestones, %d risks, %d budget lines, %d deployments.\nOpen it with: steerco %s\n",
		path, p.Name, figure.Date(p.PlanningStart), len(p.Teams), len(p.Items), len(p.Milestones), len(p.Risks), len(p.BudgetLines), len(p.Deployments), path)
	return nil
}
