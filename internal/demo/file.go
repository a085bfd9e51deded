package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// FileName is the demo portfolio's file name in the data directory.
const FileName = "demo.steerco"

// DataDir returns the folder where Steerco keeps files of its own, such as the
// demo portfolio: $XDG_DATA_HOME/steerco when XDG_DATA_HOME is set to an
// absolute path; otherwise ~/.local/share/steerco on Linux and other Unix
// systems, and the user configuration folder on macOS (~/Library/Application
// Support/steerco) and Windows (%AppData%\steerco). It does not create the
// folder. The error says which environment variable to set when no home
// folder is known.
func DataDir() (string, error) {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "steerco"), nil
	}
	switch runtime.GOOS {
	case "darwin", "ios", "windows", "plan9":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("no folder for Steerco's data: %w; set XDG_DATA_HOME to a folder Steerco may write in", err)
		}
		return filepath.Join(d, "steerco"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("no folder for Steerco's data: %w; set XDG_DATA_HOME or HOME", err)
	}
	return filepath.Join(home, ".local", "share", "steerco"), nil
}

// EnsureDemoFile returns the path of dir/demo.steerco, first creating dir
// (private to the user) and the file, with the demo portfolio dated for
// today, when the file does not exist.
//
// An existing demo file nobody has changed (its history holds only its
// creation) that is dated for an earlier week is replaced by the demo dated
// for today, so the demo never goes stale; a demo someone has edited is
// theirs and stays as it is, as does a file open in another Steerco (its
// -wal file exists). Two processes racing here both succeed and one complete
// file results. An existing file that is not a readable portfolio gives an
// error that says to delete it.
func EnsureDemoFile(ctx context.Context, dir string, today plan.Date) (string, error) {
	path := filepath.Join(dir, FileName)
	p, err := Portfolio(today)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(path); err == nil {
		if err := refresh(ctx, path, p); err != nil {
			return "", err
		}
		return path, nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("cannot check for the demo portfolio %s: %w", path, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot create the folder for the demo portfolio: %w", err)
	}
	db, err := sqlite.Create(ctx, path, p)
	if err != nil {
		if plan.ErrorCode(err) == plan.ECONFLICT {
			if _, serr := os.Stat(path); serr == nil {
				return path, nil // another process created it first
			}
		}
		return "", fmt.Errorf("cannot create the demo portfolio %s: %w", path, err)
	}
	if err := db.Close(); err != nil {
		return "", fmt.Errorf("cannot create the demo portfolio %s: %w", path, err)
	}
	return path, nil
}

// refresh replaces the unchanged demo file at path with p when the file is
// dated for another week (see EnsureDemoFile).
func refresh(ctx context.Context, path string, p *plan.Portfolio) error {
	if open(path) {
		return nil
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return fmt.Errorf("the demo portfolio %s cannot be opened; delete it and Steerco will make a new one: %w", path, err)
	}
	batches, err := db.Batches(ctx, 2)
	var cur *plan.Portfolio
	if err == nil {
		cur, err = db.Portfolio(ctx)
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("the demo portfolio %s cannot be read; delete it and Steerco will make a new one: %w", path, err)
	}
	if len(batches) != 1 || cur.Name != p.Name || cur.PlanningStart == p.PlanningStart || open(path) {
		return nil
	}
	if err := sqlite.Replace(ctx, path, p); err != nil {
		return fmt.Errorf("cannot refresh the demo portfolio %s: %w", path, err)
	}
	return nil
}

// open reports whether a SQLite connection has path open (in WAL mode its
// -wal file exists while it is open).
func open(path string) bool {
	_, err := os.Stat(path + "-wal")
	return err == nil
}
