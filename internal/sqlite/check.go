package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"steerco/internal/plan"
)

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// maxFileSize bounds what Steerco accepts as a portfolio file (and what the
// header of one may claim): a 10,000-item programme with years of history is
// a few hundred megabytes; anything past this is not a portfolio, and
// checking it would take minutes.
const maxFileSize = 4 << 30

// howToCreate tells a person how to get a portfolio file.
const howToCreate = "Create one with \"steerco new FILE.steerco --name NAME --currency USD\" (an empty portfolio) or \"steerco import-json FILE.json -o FILE.steerco\"."

// header is what check reads from a file's first 100 bytes.
type header struct {
	appID       uint32
	userVersion int
}

// check decides, without writing anything to path or its folder, whether
// path is a Steerco portfolio this version can open and trust. shown is the
// name to use in messages (the path the person gave).
//
// In order: the 100-byte header with plain file I/O (SQLite magic,
// application id, a schema version this Steerco knows, page size, UTF-8, a
// plausible size); then, on a connection that cannot write the file, the
// whole schema against the exact schema of that version (verifySchema), and
// only then SQLite's integrity_check, so no view, trigger or CHECK of an
// unverified schema is ever evaluated. When a -wal or -journal file lies
// beside the file, its content is part of the database: the file and its
// side files are copied to a private temporary folder and checked there, as
// SQLite would see them, so a crafted or stale -wal is judged too.
//
// Errors are *plan.Error: ENOTFOUND, EINVALID (not a portfolio, damaged,
// unexpected schema), ECONFLICT (written by a newer Steerco).
func check(ctx context.Context, path, shown string) error {
	fi, err := statRegular(path, shown)
	if err != nil {
		return err
	}
	h, err := readHeader(path, shown, fi.Size())
	if err != nil {
		return err
	}
	var side []string
	for _, s := range []string{"-wal", "-journal"} {
		if si, err := os.Stat(path + s); err == nil && si.Mode().IsRegular() && si.Size() > 0 {
			if si.Size() > maxFileSize {
				return damaged(shown, fmt.Sprintf("its %s file is %d MB", s, si.Size()>>20))
			}
			side = append(side, s)
		}
	}
	if len(side) == 0 {
		// Nothing pending: an immutable connection reads the file as it is,
		// takes no locks and creates no side file.
		return verifyFile(ctx, path, shown, url.Values{"mode": {"ro"}, "immutable": {"1"}, "_query_only": {"1"}}, h, path)
	}
	// A crash (or a session still running elsewhere) left changes in a side
	// file. Check a private copy, as SQLite will see it after recovery.
	dir, err := os.MkdirTemp("", "steerco-check-*")
	if err != nil {
		return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot check %s: no room for a temporary copy (%v).", shown, err), Err: err}
	}
	defer os.RemoveAll(dir)
	cp := filepath.Join(dir, "check"+Extension)
	// Side files first: a checkpoint running meanwhile only moves pages the
	// copied -wal also holds.
	for _, s := range append(side, "") {
		if err := copyFile(path+s, cp+s); err != nil {
			return &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s%s: %v.", shown, s, err), Err: err}
		}
	}
	// A read-write connection on the copy replays the -wal or rolls back the
	// -journal there; the original is not touched.
	return verifyFile(ctx, cp, shown, url.Values{"mode": {"rw"}, "_query_only": {"1"}}, h, "")
}

// statRegular stats path and refuses what cannot be a portfolio file by its
// kind or size alone.
func statRegular(path, shown string) (os.FileInfo, error) {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, &plan.Error{Code: plan.ENOTFOUND, Message: fmt.Sprintf("No such file: %s. %s", shown, howToCreate), Err: err}
	case err != nil:
		return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", shown, err), Err: err}
	case fi.IsDir():
		return nil, plan.Errorf(plan.EINVALID, "%s is a folder, not a portfolio file. Give the path of a .steerco file.", shown)
	case !fi.Mode().IsRegular():
		return nil, plan.Errorf(plan.EINVALID, "%s is not a regular file, so it cannot be a portfolio. Give the path of a .steerco file.", shown)
	case fi.Size() == 0:
		return nil, plan.Errorf(plan.EINVALID, "%s is empty: it is not a Steerco portfolio. %s", shown, howToCreate)
	case fi.Size() > maxFileSize:
		return nil, plan.Errorf(plan.EINVALID, "%s is %d MB, far larger than any portfolio: Steerco will not open it. %s", shown, fi.Size()>>20, howToCreate)
	}
	return fi, nil
}

// readHeader reads and checks the 100-byte database header.
func readHeader(path, shown string, size int64) (header, error) {
	var h header
	notOurs := func(why string) error {
		return plan.Errorf(plan.EINVALID, "%s is not a Steerco portfolio (%s). Open a .steerco file, or %s", shown, why, lowerFirst(howToCreate))
	}
	f, err := os.Open(path)
	if err != nil {
		return h, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", shown, err), Err: err}
	}
	var b [100]byte
	n, err := io.ReadFull(f, b[:])
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return h, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", shown, err), Err: err}
	}
	if n < len(sqliteMagic) || string(b[:len(sqliteMagic)]) != sqliteMagic {
		return h, notOurs("it is not a SQLite database")
	}
	if n < 100 {
		return h, damaged(shown, "it ends inside its header")
	}
	h.appID = binary.BigEndian.Uint32(b[68:72])
	h.userVersion = int(int32(binary.BigEndian.Uint32(b[60:64])))
	if err := checkIdentity(shown, h); err != nil {
		return h, err
	}
	pageSize := int64(binary.BigEndian.Uint16(b[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return h, damaged(shown, "its header is damaged")
	}
	if enc := binary.BigEndian.Uint32(b[56:60]); enc != 1 {
		return h, notOurs("its text is not stored as UTF-8, as Steerco writes it")
	}
	pages := int64(binary.BigEndian.Uint32(b[28:32]))
	valid := binary.BigEndian.Uint32(b[92:96]) == binary.BigEndian.Uint32(b[24:28])
	if valid && pages*pageSize > maxFileSize {
		return h, damaged(shown, fmt.Sprintf("its header claims %d pages of %d bytes, far more than any portfolio", pages, pageSize))
	}
	if wi, err := os.Stat(path + "-wal"); err == nil && wi.Size() > 0 {
		// The -wal may hold pages the main file does not have yet (a
		// checkpoint writes page 1 first): the check of the recovered copy
		// decides.
		return h, nil
	}
	if size%pageSize != 0 || (valid && pages > 0 && size < pages*pageSize) {
		return h, damaged(shown, "it is truncated: part of the file is missing")
	}
	return h, nil
}

// checkIdentity checks the application id and schema version.
func checkIdentity(shown string, h header) error {
	notOurs := func(why string) error {
		return plan.Errorf(plan.EINVALID, "%s is not a Steerco portfolio (%s). Open a .steerco file, or %s", shown, why, lowerFirst(howToCreate))
	}
	switch {
	case h.appID == 0:
		return notOurs("it is a SQLite database of another application; it has no Steerco mark")
	case h.appID != ApplicationID:
		return notOurs(fmt.Sprintf("it is a SQLite database of another application, id 0x%08X", h.appID))
	case h.userVersion > SchemaVersion:
		return plan.Errorf(plan.ECONFLICT, "%s was written by a newer Steerco (file schema version %d; this Steerco reads up to %d). Update Steerco to open it.", shown, h.userVersion, SchemaVersion)
	case h.userVersion < 1:
		return plan.Errorf(plan.EINVALID, "%s is not a Steerco portfolio: it carries Steerco's mark but no schema version, so it was never completed. Open a backup copy, or %s", shown, lowerFirst(howToCreate))
	}
	return nil
}

// openIdentity reads the application id and schema version through the
// open pool db (what SQLite sees, after any -wal recovery) and checks them
// (checkIdentity).
func openIdentity(ctx context.Context, db *sql.DB, shown string) (header, error) {
	var h header
	var appID int64
	if err := db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return h, sqlFailure(ctx, shown, err)
	}
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&h.userVersion); err != nil {
		return h, sqlFailure(ctx, shown, err)
	}
	h.appID = uint32(appID)
	return h, checkIdentity(shown, h)
}

// verifyFile opens path with params (a connection that cannot change the
// original) and runs the identity, schema and integrity checks, in that order.
//
// SQLite's integrity check verifies CHECK and NOT NULL constraints only on a
// connection that could write; on a read-only one it skips them. So when
// rwAfterSchema names the file, the integrity check runs on a second,
// read-write but query-only connection to it, opened only once the schema
// is known to be exactly Steerco's: it writes nothing to the file, and the
// -wal and -shm files it makes while open go with it. Where it cannot be
// opened so (a read-only folder), the read-only check is all there is.
func verifyFile(ctx context.Context, path, shown string, params url.Values, h header, rwAfterSchema string) error {
	register()
	db, err := sql.Open(driverName, dsn(path, params))
	if err != nil {
		return damaged(shown, err.Error())
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// After recovery of a -wal the header may say something else than the
	// main file's bytes did.
	got, err := openIdentity(ctx, db, shown)
	if err != nil {
		return err
	}
	if err := verifySchema(ctx, db, shown, got.userVersion); err != nil {
		return err
	}
	if rwAfterSchema != "" {
		rw, err := sql.Open(driverName, dsn(rwAfterSchema, url.Values{"mode": {"rw"}, "_query_only": {"1"}}))
		if err == nil {
			defer rw.Close()
			rw.SetMaxOpenConns(1)
			if rw.PingContext(ctx) == nil {
				return integrity(ctx, rw, shown)
			}
		}
	}
	return integrity(ctx, db, shown)
}

// sqlFailure turns an error from reading a candidate file into a
// person-facing one (or the context's error when cancelled).
func sqlFailure(ctx context.Context, shown string, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	return damaged(shown, err.Error())
}

// integrity runs PRAGMA integrity_check: every page and b-tree, every index
// against its table (so no row hides from a UNIQUE index), NOT NULL and
// CHECK constraints (which, after verifySchema, are Steerco's own). It costs
// little more than quick_check on a portfolio (BenchmarkOpen).
func integrity(ctx context.Context, db *sql.DB, shown string) error {
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(5)")
	if err != nil {
		return sqlFailure(ctx, shown, err)
	}
	defer rows.Close()
	var problems, tables []string
	seen := map[string]bool{}
	constraintsOnly := true
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return sqlFailure(ctx, shown, err)
		}
		if s == "ok" || seen[s] {
			continue
		}
		seen[s] = true
		problems = append(problems, s)
		if t, ok := strings.CutPrefix(s, "CHECK constraint failed in "); ok {
			tables = append(tables, t)
		} else if t, ok := strings.CutPrefix(s, "NULL value in "); ok {
			tables = append(tables, t)
		} else {
			constraintsOnly = false
		}
	}
	if err := rows.Err(); err != nil {
		return sqlFailure(ctx, shown, err)
	}
	switch {
	case len(problems) == 0:
		return nil
	case constraintsOnly:
		return damaged(shown, "it holds values Steerco never writes (in "+strings.Join(tables, ", ")+"), so it was changed by another program")
	}
	return damaged(shown, "SQLite's integrity check found: "+strings.Join(problems, "; "))
}

// copyFile copies a file's bytes (for the private check copy).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, io.LimitReader(in, maxFileSize+1)); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func damaged(shown, why string) error {
	return plan.Errorf(plan.EINVALID, "%s is damaged or incomplete (%s). Steerco did not change it. Open a backup copy (steerco restore %s --list), or re-create the portfolio from a JSON export with \"steerco import-json\".", shown, why, shown)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
