package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

func init() {
	register(verb{name: "export", usage: "export FILE.steerco [-o OUT.json]",
		summary: "Write the whole portfolio as JSON (the interchange format) to standard output or OUT.json.", run: runExport})
	register(verb{name: "import-json", usage: "import-json FILE.json -o NEW.steerco [--force]",
		summary: "Create a portfolio file from JSON in the interchange format (\"-\" reads standard input).", run: runImportJSON})
}

func runExport(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "write the JSON to this `file` instead of standard output")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usageError("which portfolio? Give the .steerco file to export")
	case len(pos) > 1:
		return usageError("one portfolio file at a time (got %d)", len(pos))
	}
	if *out != "" && *out != "-" {
		if strings.EqualFold(filepath.Ext(*out), sqlite.Extension) || sameFile(*out, pos[0]) {
			return usageError("-o %s would overwrite a portfolio file with JSON; give a name ending in .json", *out)
		}
	}
	db, err := sqlite.Open(ctx, pos[0])
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.Portfolio(ctx)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := plan.WriteJSON(&buf, p); err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return writeFileAtomic(*out, buf.Bytes())
}

func runImportJSON(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("import-json", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "the new portfolio `file` to create (.steerco)")
	force := fs.Bool("force", false, "replace OUT if it already exists")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(pos) == 0:
		return usageError("which JSON file? Give the file to import (\"-\" for standard input)")
	case len(pos) > 1:
		return usageError("one JSON file at a time (got %d)", len(pos))
	case *out == "":
		return usageError("where to? Give the new portfolio file with -o NEW.steerco")
	}
	in := pos[0]
	if strings.EqualFold(filepath.Ext(*out), ".json") || sameFile(*out, in) {
		return usageError("-o %s would overwrite the JSON; give the new portfolio a name ending in %s", *out, sqlite.Extension)
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
	if _, err := os.Stat(*out); err == nil {
		if !*force {
			return fmt.Errorf("%s already exists; nothing was written. Choose another name, or add --force to replace it", *out)
		}
		if err := replacePortfolio(ctx, *out, p); err != nil {
			return err
		}
	} else {
		db, err := sqlite.Create(ctx, *out, p)
		if err != nil {
			return err
		}
		if err := db.Close(); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "Created %s: %q, %d teams, %d items, %d milestones, %d risks, %d budget lines.\n",
		*out, p.Name, len(p.Teams), len(p.Items), len(p.Milestones), len(p.Risks), len(p.BudgetLines))
	return nil
}

// replacePortfolio builds the new file beside path and renames it over path
// only when it is complete, so a failure leaves the old file as it was.
func replacePortfolio(ctx context.Context, path string, p *plan.Portfolio) error {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("%s is a folder; give a file name ending in %s", path, sqlite.Extension)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.new")
	if err != nil {
		return fmt.Errorf("cannot write beside %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	os.Remove(tmp) // Create refuses an existing file, even an empty one
	db, err := sqlite.Create(ctx, tmp, p)
	if err != nil {
		return err
	}
	if err := db.Close(); err != nil {
		os.Remove(tmp)
		return err
	}
	// A portfolio left open elsewhere keeps its -wal/-shm; they belong to the
	// old file and must not be applied to the new one.
	for _, s := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + s); err == nil {
			os.Remove(tmp)
			return fmt.Errorf("%s is open in another Steerco (its %s file exists); close it first, nothing was written", path, s)
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	return nil
}

// sameFile reports whether a and b are the same existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

// writeFileAtomic writes data to a temporary file beside path and renames it
// into place, so readers never see half a file and a failure leaves no file.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp, 0o644)
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

// parseFlagsAnywhere parses flags that may come before, between or after the
// positional arguments ("export a.steerco -o a.json") and returns the
// positional ones. "--" ends the flags.
func parseFlagsAnywhere(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, usageError("see the flags above")
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
