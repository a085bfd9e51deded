package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"steerco/internal/plan"
)

// SaveAs writes a consistent copy of the portfolio, audit log and undo
// history included, to path, replacing a file already there (the caller asks
// the person first; a valid portfolio replaced this way is backed up). The
// copy is made with VACUUM INTO under a temporary name in path's directory,
// checked like any file Steerco opens, synced, and renamed into place, so a
// failure leaves any existing file at path untouched. It refuses a file
// another Steerco has open (ECONFLICT). db stays open on its own file.
func (db *DB) SaveAs(ctx context.Context, path string) error {
	if same(db.real, path) {
		return plan.Errorf(plan.ECONFLICT, "%s is the file already open; choose another name to save a copy.", path)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return plan.Errorf(plan.EINVALID, "%s is a folder; give a file name ending in %s.", path, Extension)
	}
	return replaceWith(ctx, path, ReasonReplace, func(tmp string) error {
		// VACUUM INTO runs on the writer connection, so it copies a
		// committed state with no Update half-way through.
		if _, err := db.w.ExecContext(ctx, "VACUUM INTO ?", tmp); err != nil {
			return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot save a copy as %s: %v.", path, err), Err: err}
		}
		if err := syncFile(tmp); err != nil {
			return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot save a copy as %s: %v.", path, err), Err: err}
		}
		if err := check(ctx, tmp, path); err != nil {
			return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("The copy for %s did not verify: %v", path, err), Err: err}
		}
		return nil
	})
}

// same reports whether a and b name the same file.
func same(a, b string) bool {
	if fa, err := os.Stat(a); err == nil {
		if fb, err := os.Stat(b); err == nil {
			return os.SameFile(fa, fb)
		}
	}
	aa, err1 := filepath.Abs(a)
	bb, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == bb
}
