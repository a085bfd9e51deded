package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	"steerco/internal/plan"
)

// OpenReadOnly opens a portfolio file for reading, for the commands that
// only read (forecast, report, export): when no other Steerco process has
// the file open it is Open; when one has, instead of refusing, it opens the
// file read-only beside it, seeing its last committed state. The file is
// checked the same way first (header, the whole schema, integrity_check on
// what that Steerco has committed), and nothing is written to it: no
// migration (a file of an older schema version is refused until the Steerco
// that has it open has upgraded it), no backup, and every write method
// (Update, Undo, Redo) returns ECONFLICT saying why. Backup and SaveAs work.
func OpenReadOnly(ctx context.Context, path string) (*DB, error) {
	db, err := Open(ctx, path)
	if err == nil || plan.ErrorCode(err) != plan.ECONFLICT || !isOpenElsewhere(err) {
		return db, err
	}
	real, err := resolve(path)
	if err != nil {
		return nil, err
	}
	fi, err := statRegular(real, path)
	if err != nil {
		return nil, err
	}
	h, err := readHeader(real, path, fi.Size())
	if err != nil {
		return nil, err
	}
	if h.userVersion < SchemaVersion {
		return nil, plan.Errorf(plan.ECONFLICT, "%s is open in another Steerco and was written by an earlier one (schema version %d): close it there and open it here to upgrade it. Nothing was changed.", path, h.userVersion)
	}
	register()
	// Not immutable: the other Steerco is writing, and this connection must
	// take part in its WAL to see one committed state.
	r, err := sql.Open(driverName, dsn(real, url.Values{"mode": {"ro"}, "_txlock": {"deferred"}, "_query_only": {"1"}}))
	if err != nil {
		return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot open %s: %v.", path, err), Err: err}
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(2)
	if err := verifyOpen(ctx, r, path); err != nil {
		r.Close()
		return nil, err
	}
	// The writer pool is a read-only pool too (mode=ro: SQLite refuses any
	// write to the file); without query_only, which would refuse the VACUUM
	// INTO of SaveAs, which writes only the copy.
	w, err := sql.Open(driverName, dsn(real, url.Values{"mode": {"ro"}}))
	if err != nil {
		r.Close()
		return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot open %s: %v.", path, err), Err: err}
	}
	w.SetMaxOpenConns(1)
	return &DB{path: path, real: real, w: w, r: r, now: timeNow, readOnly: true}, nil
}

// verifyOpen runs the identity, schema and integrity checks on an open,
// read-only pool.
func verifyOpen(ctx context.Context, db *sql.DB, shown string) error {
	got, err := openIdentity(ctx, db, shown)
	if err != nil {
		return err
	}
	if got.userVersion != SchemaVersion {
		return plan.Errorf(plan.ECONFLICT, "%s is open in another Steerco and is being upgraded; try again in a moment. Nothing was changed.", shown)
	}
	if err := verifySchema(ctx, db, shown, got.userVersion); err != nil {
		return err
	}
	return integrity(ctx, db, shown)
}

// errReadOnly is what the write methods of a DB from OpenReadOnly return.
func (db *DB) errReadOnly() error {
	return plan.Errorf(plan.ECONFLICT, "%s is open read-only here because another Steerco has it open; make changes there, or close it there and open it again here. Nothing was changed.", db.path)
}

// ReadOnly reports whether db was opened read-only beside another Steerco.
func (db *DB) ReadOnly() bool { return db.readOnly }
