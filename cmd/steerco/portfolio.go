package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"steerco/internal/app"
	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "export", usage: "export FILE.steerco [-o OUT.json]",
		summary: "Write the whole portfolio as JSON (the interchange format) to standard output or OUT.json.", run: runExport})
	register(verb{name: "import-json", usage: "import-json FILE.json -o NEW.steerco [--force]",
		summary: "Create a portfolio file from JSON in the interchange format (\"-\" reads standard input).", run: runImportJSON})
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "export")
	out := fs.String("o", "", "write the JSON to this `file` instead of standard output")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	file, err := oneFile(pos, "portfolio", "Give the .steerco file to export")
	if err != nil {
		return err
	}
	if *out != "" && *out != "-" {
		if strings.EqualFold(filepath.Ext(*out), app.Extension) || sameFile(*out, file) {
			return usageError("-o %s would overwrite a portfolio file with JSON; give a name ending in .json", *out)
		}
	}
	p, err := app.Read(ctx, file)
	if err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		return plan.WriteJSON(e.stdout, p)
	}
	return atomicfile.Write(*out, func(w io.Writer) error { return plan.WriteJSON(w, p) })
}

func runImportJSON(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import-json")
	out := fs.String("o", "", "the new portfolio `file` to create (.steerco)")
	force := fs.Bool("force", false, "replace OUT if it already exists")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	in, err := oneFile(pos, "JSON file", "Give the file to import (\"-\" for standard input)")
	if err != nil {
		return err
	}
	if *out == "" {
		return usageError("where to? Give the new portfolio file with -o NEW.steerco")
	}
	if strings.EqualFold(filepath.Ext(*out), ".json") || sameFile(*out, in) {
		return usageError("-o %s would overwrite the JSON; give the new portfolio a name ending in %s", *out, app.Extension)
	}
	var r io.Reader
	if in == "-" {
		if e.stdin == nil {
			return usageError("no standard input to read")
		}
		r, in = e.stdin, "standard input"
	} else {
		f, err := os.Open(in)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("no such file: %s", in)
			}
			return fmt.Errorf("cannot read %s: %w", in, err)
		}
		defer f.Close()
		r = f
	}
	p, err := plan.ReadJSON(r)
	if err != nil {
		return fmt.Errorf("%s cannot be imported; nothing was written.\n%w", in, err)
	}
	if err := writeNew(ctx, *out, p, *force, "Choose another name, or add --force to replace it"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s: %q, %d teams, %d items, %d milestones, %d risks, %d budget lines.\n",
		*out, p.Name, len(p.Teams), len(p.Items), len(p.Milestones), len(p.Risks), len(p.BudgetLines))
	return nil
}

// writeNew writes p to a new portfolio file at path (app.WriteNew); when
// the file exists and force is not given, the error ends with hint.
func writeNew(ctx context.Context, path string, p *plan.Portfolio, force bool, hint string) error {
	err := app.WriteNew(ctx, path, p, force)
	var ee *app.ExistsError
	if errors.As(err, &ee) {
		return fmt.Errorf("%w. %s", err, hint)
	}
	return err
}

// sameFile reports whether a and b are the same existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
