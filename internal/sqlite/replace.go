package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"

	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

// Replace writes p as a new portfolio file that takes the place of the file
// at path (which may be missing). Like Create it validates p, builds the file
// under a temporary name in path's directory and renames it over path only
// when complete, so a failure leaves the old file exactly as it was. It
// refuses a folder (EINVALID) and a file another Steerco has open
// (ECONFLICT), and holds the old file for itself while it works, so no other
// Steerco can open it meanwhile. A -wal or -journal file the old file left
// (a Steerco that was killed) is settled into the old file, or removed if
// the old file is not a portfolio, before the rename, so it can never be
// replayed onto the new file. A valid old file that holds changes made in
// Steerco since it was created is backed up first (ReasonReplace; a file
// that is still as it was created, such as last week's unchanged demo, can
// be made again). A symlink at path is replaced, not followed.
//
// This is the whole-file counterpart of internal/atomicfile: SQLite needs a
// path to build the database at, not an io.Writer.
func Replace(ctx context.Context, path string, p *plan.Portfolio) error {
	if p == nil {
		return plan.Errorf(plan.EINVALID, "There is no portfolio to write to %s.", path)
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return plan.Errorf(plan.EINVALID, "%s is a folder; give a file name ending in %s.", path, Extension)
	}
	cp := p.Clone()
	cp.Normalize()
	if err := cp.Validate(); err != nil {
		return err
	}
	return replaceWith(ctx, path, ReasonReplace, func(tmp string) error { return build(ctx, tmp, cp) })
}

// changedSinceCreation reports whether the checked file at real holds more
// than the batch that created it.
func changedSinceCreation(ctx context.Context, real string) bool {
	register()
	db, err := sql.Open(driverName, dsn(real, url.Values{"mode": {"ro"}, "immutable": {"1"}, "_query_only": {"1"}}))
	if err != nil {
		return true
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM batches").Scan(&n); err != nil {
		return true
	}
	return n > 1
}

// replaceWith makes the file at path (if any) the caller's, backs it up with
// reason when it is a valid portfolio, lets fill write the whole new file at
// a temporary name beside path, settles the old file's side files, and
// renames the new file into place.
func replaceWith(ctx context.Context, path, reason string, fill func(tmp string) error) error {
	real := path
	if r, err := resolve(path); err == nil {
		real = r
	}
	old, err := lockIfExists(real, path)
	if err != nil {
		return err
	}
	defer old.release()
	removeStaleTemps(path)
	tmp, tl, err := tempFile(path)
	if err != nil {
		return err
	}
	defer removeFile(tmp)
	defer tl.release()
	if err := fill(tmp); err != nil {
		return err
	}
	if old != nil && check(ctx, real, path) == nil {
		// Pending changes go into the old file first, so the backup has them.
		if err := settleSideFiles(ctx, real, path); err != nil {
			return err
		}
		if reason != ReasonReplace || changedSinceCreation(ctx, real) {
			_, err = backupPath(ctx, real, path, reason)
		}
		if err != nil {
			return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot back up %s before replacing it, so Steerco did not replace it: %v", path, err), Err: err}
		}
	}
	if old != nil && real == path {
		// Whatever is left beside a file that is not a valid portfolio must
		// not meet the new file either. (Behind a symlink the old file stays
		// where it is, with its side files.)
		if err := settleSideFiles(ctx, real, path); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, path); err != nil {
		return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot replace %s: %v.", path, err), Err: err}
	}
	atomicfile.SyncDir(path)
	return nil
}

// settleSideFiles makes sure no -wal, -shm or -journal file of the file at
// real (locked by the caller) remains to be applied to a file renamed over
// it. A valid portfolio's pending changes are first written into it by
// SQLite (the old file then stays complete should the rename not happen);
// a file that is not one just loses them.
func settleSideFiles(ctx context.Context, real, shown string) error {
	pending := false
	for _, s := range sideSuffixes {
		if _, err := os.Lstat(real + s); err == nil {
			pending = true
		}
	}
	if !pending {
		return nil
	}
	if check(ctx, real, shown) == nil {
		if db, err := openPools(real, false); err == nil {
			if _, err := db.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
				db.Close()
				return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot finish the changes pending in %s-wal: %v.", shown, err), Err: err}
			}
			db.Close()
		}
	}
	for _, s := range sideSuffixes {
		if err := os.Remove(real + s); err != nil && !os.IsNotExist(err) {
			return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot remove %s%s, which must not be applied to the new file: %v. Nothing was replaced.", shown, s, err), Err: err}
		}
	}
	return nil
}
