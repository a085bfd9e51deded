package sqlite

import (
	"context"
	"fmt"
	"os"

	"steerco/internal/plan"
)

// Replace writes p as a new portfolio file that takes the place of the file
// at path (which may be missing). Like Create it validates p, builds the file
// under a temporary name in path's directory and renames it over path only
// when complete, so a failure leaves the old file exactly as it was. It
// refuses a folder (EINVALID) and a file open in another Steerco (ECONFLICT:
// its -wal or -shm file exists and belongs to the old file, and must not be
// applied to the new one).
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
	for _, side := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(path + side); err == nil {
			return plan.Errorf(plan.ECONFLICT, "%s is open in another Steerco (its %s file exists); close it there first. Nothing was written.", path, side)
		}
	}
	cp := p.Clone()
	cp.Normalize()
	if err := cp.Validate(); err != nil {
		return err
	}
	tmp, err := tempName(path)
	if err != nil {
		return err
	}
	defer removeFile(tmp)
	if err := build(ctx, tmp, cp); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot replace %s: %v.", path, err), Err: err}
	}
	return nil
}
