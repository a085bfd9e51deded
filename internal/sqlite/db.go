// Package sqlite stores a Steerco portfolio in a SQLite file (extension
// .steerco): one portfolio per file, a relational schema built by embedded,
// ordered migrations, every write in one transaction with its audit entries,
// and undo/redo that survives closing the file. It is the only package that
// imports database/sql and the SQLite driver; everything else speaks plan.
//
// A file identifies itself with PRAGMA application_id (ApplicationID) and
// records its schema version in PRAGMA user_version. Open checks both, the
// whole schema against the exact schema of that version and the file's
// integrity, -wal included, before anything writes to it (check.go,
// schema.go), so a file that is not a Steerco portfolio, or one that was
// altered to run code, is never modified and nothing in it runs.
//
// One Steerco process at a time has a file open (lock.go); Replace, SaveAs
// onto a file and Restore are refused while it is open anywhere. Backups are
// taken before a migration, before a replace and once a day, and on request
// before an import (backup.go). Files are built under locked temporary names
// and renamed into place; the next run removes what a killed write left.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

// ApplicationID is written in every portfolio file's header
// (PRAGMA application_id): the bytes "STER".
const ApplicationID = 0x53544552

// Extension is the file name extension of a portfolio file.
const Extension = ".steerco"

// driverName is the database/sql driver registered with a ConnectHook that
// hardens every connection.
const driverName = "steerco_sqlite3"

var registerOnce sync.Once

// timeNow is the default clock of a DB.
var timeNow = time.Now

func register() {
	registerOnce.Do(func() {
		sql.Register(driverName, &sqlite3.SQLiteDriver{
			ConnectHook: func(c *sqlite3.SQLiteConn) error {
				// A schema may not call functions with side effects (defence against
				// crafted files), foreign keys are enforced, and a second process
				// writing the same file makes us wait instead of failing at once.
				_, err := c.Exec("PRAGMA trusted_schema = OFF; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;", nil)
				return err
			},
		})
	})
}

// DB is an open portfolio file. Its methods are safe for concurrent use: all
// writes go through one connection (one writer), reads use their own
// connections and see the last committed state (WAL).
type DB struct {
	path     string    // as given to Open or Create
	real     string    // path with symlinks resolved: where SQLite and the lock are
	lock     *fileLock // this Steerco's hold on the file; nil while being built
	warnings []string
	readOnly bool    // opened by OpenReadOnly beside another Steerco: no writes
	w        *sql.DB // the single writer connection; transactions BEGIN IMMEDIATE
	r        *sql.DB // read-only connections; transactions BEGIN DEFERRED
	now      func() time.Time
}

// Path returns the file's path as it was given to Open or Create.
func (db *DB) Path() string { return db.path }

// SetClock replaces the clock used to time audit entries (tests pin it).
func (db *DB) SetClock(now func() time.Time) { db.now = now }

// Close closes the file. The last connection to close checkpoints the WAL
// and removes the -wal and -shm files.
func (db *DB) Close() error {
	errR := db.r.Close()
	errW := db.w.Close()
	// Only now: closing the lock's descriptor would drop SQLite's locks.
	db.lock.release()
	return errors.Join(errR, errW)
}

// dsn builds a go-sqlite3 data source name for path.
func dsn(path string, params url.Values) string {
	u := url.URL{Scheme: "file", Opaque: url.PathEscape(path)}
	// url.PathEscape escapes '/', which SQLite's URI parser decodes again; it
	// keeps names with '?', '#' or '%' intact.
	u.RawQuery = params.Encode()
	return u.String()
}

// openPools opens the writer and reader pools on an existing or new file.
func openPools(path string, create bool) (*DB, error) {
	register()
	mode := "rw"
	if create {
		mode = "rwc"
	}
	// synchronous=FULL: a change the person saw succeed (and its audit
	// entries) survives a power cut, at the price of one fsync per Update.
	wp := url.Values{"mode": {mode}, "_txlock": {"immediate"}, "_journal_mode": {"WAL"}, "_synchronous": {"FULL"}}
	w, err := sql.Open(driverName, dsn(path, wp))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// Make the writer connect first so the file exists in WAL mode before
	// readers (which may not create or convert anything) arrive.
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rp := url.Values{"mode": {"ro"}, "_txlock": {"deferred"}, "_query_only": {"1"}}
	r, err := sql.Open(driverName, dsn(path, rp))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r.SetMaxOpenConns(4)
	r.SetMaxIdleConns(2)
	return &DB{path: path, real: path, w: w, r: r, now: timeNow}, nil
}

// Create writes p to a new portfolio file at path and opens it. It refuses
// to overwrite an existing file (ECONFLICT) and an invalid portfolio
// (EINVALID with every problem). The file is built under a temporary name in
// the same directory and appears under path only when complete, so a failure
// leaves nothing behind.
func Create(ctx context.Context, path string, p *plan.Portfolio) (*DB, error) {
	if p == nil {
		return nil, plan.Errorf(plan.EINVALID, "There is no portfolio to write to %s.", path)
	}
	if _, err := os.Lstat(path); err == nil {
		return nil, plan.Errorf(plan.ECONFLICT, "%s already exists; Steerco will not overwrite it. Choose another file name or remove it first.", path)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot create %s: %v.", path, err), Err: err}
	}
	cp := p.Clone()
	cp.Normalize()
	if err := cp.Validate(); err != nil {
		return nil, err
	}
	if err := createFile(ctx, path, cp); err != nil {
		return nil, err
	}
	return Open(ctx, path)
}

// createFile builds the file for Create and links it into place.
func createFile(ctx context.Context, path string, p *plan.Portfolio) error {
	removeStaleTemps(path)
	tmp, tl, err := tempFile(path)
	if err != nil {
		return err
	}
	defer removeFile(tmp)
	defer tl.release()
	if err := build(ctx, tmp, p); err != nil {
		return err
	}
	// os.Link fails when path exists, so a file that appeared meanwhile is
	// never clobbered.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return plan.Errorf(plan.ECONFLICT, "%s already exists; Steerco will not overwrite it.", path)
		}
		if err := renameNoClobber(tmp, path); err != nil {
			return err
		}
	}
	atomicfile.SyncDir(path)
	return nil
}

// renameNoClobber renames where hard links are not supported (some network
// and FAT file systems), checking first that the target does not exist.
func renameNoClobber(from, to string) error {
	if _, err := os.Lstat(to); err == nil {
		return plan.Errorf(plan.ECONFLICT, "%s already exists; Steerco will not overwrite it.", to)
	}
	if err := os.Rename(from, to); err != nil {
		return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot write %s: %v.", to, err), Err: err}
	}
	return nil
}

// build creates a complete portfolio file at path (a new, empty file):
// schema, application id, and p's content in one audited batch, synced.
func build(ctx context.Context, path string, p *plan.Portfolio) error {
	db, err := openPools(path, true)
	if err != nil {
		return err
	}
	if err := migrate(ctx, db.w); err != nil {
		db.Close()
		return err
	}
	if err := db.create(ctx, p); err != nil {
		db.Close()
		return err
	}
	if err := db.Close(); err != nil {
		return fmt.Errorf("create %s: %w", path, err)
	}
	return syncFile(path)
}

// syncFile flushes a file to disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// removeFile removes a database file and its side files, ignoring errors.
func removeFile(path string) {
	for _, s := range append([]string{""}, sideSuffixes...) {
		os.Remove(path + s)
	}
}

// resolve follows symlinks to the file a path names: SQLite keeps the -wal
// beside the real file, so the checks and the lock must look there too.
func resolve(path string) (string, error) {
	real, err := filepath.EvalSymlinks(path)
	if err == nil {
		return real, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return "", &plan.Error{Code: plan.ENOTFOUND, Message: fmt.Sprintf("No such file: %s. %s", path, howToCreate), Err: err}
	}
	return "", &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", path, err), Err: err}
}

// Open opens an existing portfolio file, migrating its schema if it was
// written by an older Steerco (after backing it up), and backs it up once a
// day. Errors (all *plan.Error): ENOTFOUND when there is no file, EINVALID
// when the file is not a Steerco portfolio Steerco can trust (not SQLite,
// empty, truncated or damaged, another application's database, a schema
// that is not exactly Steerco's), ECONFLICT when a newer Steerco wrote it or
// another Steerco has it open. In each of these cases the file is left
// exactly as it was: nothing writes to it before check has passed.
//
// The DB holds the file until Close: Open in another process is refused
// with ECONFLICT, and so are Replace, Restore and SaveAs onto it in any
// process. (A second Open in this process shares the hold.)
func Open(ctx context.Context, path string) (*DB, error) {
	real, err := resolve(path)
	if err != nil {
		return nil, err
	}
	lk, err := lockFile(real, path, true)
	if err != nil {
		return nil, err
	}
	db, err := openLocked(ctx, real, path, lk.shared)
	if err != nil {
		lk.release()
		return nil, err
	}
	db.lock = lk
	return db, nil
}

// openLocked opens real (locked by the caller) once check has passed. A
// file this process already has open was checked when it was first opened,
// and only this process has written it since.
func openLocked(ctx context.Context, real, shown string, again bool) (*DB, error) {
	if !again {
		if err := check(ctx, real, shown); err != nil {
			return nil, err
		}
		removeStaleTempsNear(real)
	}
	db, err := openPools(real, false)
	if err != nil {
		return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot open %s: %v.", shown, err), Err: err}
	}
	db.path = shown
	var v int
	if err := db.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", shown, err)
	}
	if v < SchemaVersion {
		if _, err := db.Backup(ctx, ReasonMigration); err != nil {
			db.Close()
			return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("%s was written by an earlier Steerco and needs upgrading, but Steerco could not back it up first, so it did not change it: %v", shown, err), Err: err}
		}
	}
	if err := migrate(ctx, db.w); err != nil {
		db.Close()
		return nil, err
	}
	if v == SchemaVersion {
		db.dailyBackup(ctx)
	}
	return db, nil
}
