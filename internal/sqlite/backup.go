package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	sqlite3 "github.com/mattn/go-sqlite3"

	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

// Why a backup was taken; the word is part of the backup's file name.
const (
	ReasonDaily     = "daily"          // the first open of the day
	ReasonMigration = "before-upgrade" // before an older file's schema is migrated
	ReasonImport    = "before-import"  // before an import changes the portfolio
	ReasonReplace   = "before-replace" // before Replace or SaveAs writes over a portfolio
	ReasonRestore   = "before-restore" // before Restore puts a backup in its place
)

// MaxBackups is how many backups of one file are kept; the oldest go first.
const MaxBackups = 10

// backupStamp is the UTC time in a backup's name; names sort by time.
const backupStamp = "2006-01-02T150405.000Z"

// BackupInfo is one backup of a portfolio file.
type BackupInfo struct {
	Path   string
	Taken  time.Time // UTC
	Reason string    // one of the Reason constants
	Size   int64     // bytes
}

// BackupDir is the folder holding the backups of the portfolio file at
// path: "NAME.steerco.backups" beside it.
func BackupDir(path string) string { return path + ".backups" }

// backupStem is the part of a backup's name before its time stamp.
func backupStem(path string) string {
	return strings.TrimSuffix(filepath.Base(path), Extension)
}

// Backup writes a consistent copy of the portfolio's last committed state,
// through SQLite's backup API, to a new file in BackupDir, and keeps the
// MaxBackups newest backups of the file. reason is one of the Reason
// constants (the app layer calls it with ReasonImport before an import). It
// returns the new backup's path.
func (db *DB) Backup(ctx context.Context, reason string) (string, error) {
	return writeBackup(ctx, db.r, db.real, db.path, reason, time.Now())
}

// backupPath backs up the closed, checked file at real (locked by the caller).
func backupPath(ctx context.Context, real, shown, reason string) (string, error) {
	register()
	src, err := sql.Open(driverName, dsn(real, url.Values{"mode": {"ro"}, "immutable": {"1"}, "_query_only": {"1"}}))
	if err != nil {
		return "", err
	}
	defer src.Close()
	return writeBackup(ctx, src, real, shown, reason, time.Now())
}

func writeBackup(ctx context.Context, src *sql.DB, real, shown, reason string, now time.Time) (string, error) {
	dir := BackupDir(real)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("cannot make the backups folder %s: %w", dir, err)
	}
	stem := backupStem(real)
	work := filepath.Join(dir, stem+".backup")
	atomicfile.RemoveStale(work, sideSuffixes...)
	tmp, tl, err := tempFile(work)
	if err != nil {
		return "", err
	}
	defer removeFile(tmp)
	defer tl.release()
	os.Chmod(tmp, 0o600) // a board-confidential copy nobody asked for: for its owner only
	if err := copyDatabase(ctx, src, tmp); err != nil {
		return "", fmt.Errorf("back up %s: %w", shown, err)
	}
	if err := syncFile(tmp); err != nil {
		return "", fmt.Errorf("back up %s: %w", shown, err)
	}
	name := filepath.Join(dir, fmt.Sprintf("%s.%s.%s%s", stem, now.UTC().Format(backupStamp), reason, Extension))
	if _, err := os.Lstat(name); err == nil {
		// Two backups within a millisecond: keep the first.
		return name, nil
	}
	if err := os.Rename(tmp, name); err != nil {
		return "", fmt.Errorf("back up %s: %w", shown, err)
	}
	atomicfile.SyncDir(name)
	pruneBackups(real, name)
	return name, nil
}

// copyDatabase copies the database behind src into the empty file dest with
// SQLite's backup API, in one step: one read transaction, so the copy is one
// committed state.
func copyDatabase(ctx context.Context, src *sql.DB, dest string) error {
	dst, err := sql.Open(driverName, dsn(dest, url.Values{"mode": {"rw"}}))
	if err != nil {
		return err
	}
	defer dst.Close()
	dc, err := dst.Conn(ctx)
	if err != nil {
		return err
	}
	defer dc.Close()
	sc, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer sc.Close()
	return dc.Raw(func(d any) error {
		return sc.Raw(func(s any) error {
			dconn, ok1 := d.(*sqlite3.SQLiteConn)
			sconn, ok2 := s.(*sqlite3.SQLiteConn)
			if !ok1 || !ok2 {
				return errors.New("not a SQLite connection")
			}
			b, err := dconn.Backup("main", sconn, "main")
			if err != nil {
				return err
			}
			if _, err := b.Step(-1); err != nil {
				b.Finish()
				return err
			}
			return b.Finish()
		})
	})
}

// pruneBackups removes the oldest backups of the file at real beyond
// MaxBackups, never keep.
func pruneBackups(real, keep string) {
	bs, err := Backups(real)
	if err != nil {
		return
	}
	for i, b := range bs {
		if i >= MaxBackups && b.Path != keep {
			os.Remove(b.Path)
		}
	}
}

// Backups lists the backups of the portfolio file at path, newest first.
// A missing backups folder is no backups, not an error.
func Backups(path string) ([]BackupInfo, error) {
	real := path
	if r, err := filepath.EvalSymlinks(path); err == nil {
		real = r
	}
	dir := BackupDir(real)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list the backups of %s: %w", path, err)
	}
	prefix := backupStem(real) + "."
	var out []BackupInfo
	for _, e := range ents {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(n, prefix) || !strings.HasSuffix(n, Extension) {
			continue
		}
		rest := strings.TrimSuffix(strings.TrimPrefix(n, prefix), Extension)
		stamp, reason, ok := strings.Cut(rest, "Z.")
		if !ok {
			continue
		}
		t, err := time.Parse(backupStamp, stamp+"Z")
		if err != nil {
			continue
		}
		var size int64
		if fi, err := e.Info(); err == nil {
			size = fi.Size()
		}
		out = append(out, BackupInfo{Path: filepath.Join(dir, n), Taken: t, Reason: reason, Size: size})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Taken.After(out[j].Taken) })
	return out, nil
}

// dailyBackup backs the file up when its newest backup is more than a day
// old, or, for a file with no backup yet, when it was created more than a
// day ago (a file made today has nothing a backup would save that its
// creation cannot repeat, and the imports into it are backed up anyway).
// A failure does not stop the file opening; it is kept for Warnings.
func (db *DB) dailyBackup(ctx context.Context) {
	bs, err := Backups(db.real)
	if err == nil && len(bs) > 0 && time.Since(bs[0].Taken) < 24*time.Hour {
		return
	}
	if err == nil && len(bs) == 0 {
		var at string
		if db.r.QueryRowContext(ctx, "SELECT at FROM batches ORDER BY batch LIMIT 1").Scan(&at) == nil {
			if t, perr := parseTime(at); perr == nil && time.Since(t) < 24*time.Hour {
				return
			}
		}
	}
	if err == nil {
		_, err = db.Backup(ctx, ReasonDaily)
	}
	if err != nil {
		db.warnings = append(db.warnings, fmt.Sprintf("Steerco could not make today's backup of %s (%v); your changes are still saved in the file.", db.path, err))
	}
}

// Warnings returns what went wrong on the side while the file opened (a
// daily backup that could not be written), for the UI to show; nil when all
// went well.
func (db *DB) Warnings() []string { return db.warnings }

// Restore puts a backup in the place of the portfolio file at path: from
// names the backup (one of Backups(path), or any portfolio file); "" takes
// the newest. The backup is checked like any file Steerco opens; the current
// file, when it is a valid portfolio, is itself backed up first
// (ReasonRestore), so a restore can be undone by another. It refuses while
// another Steerco has the file open (ECONFLICT). It returns the backup used.
func Restore(ctx context.Context, path, from string) (string, error) {
	if from == "" {
		bs, err := Backups(path)
		if err != nil {
			return "", err
		}
		if len(bs) == 0 {
			return "", plan.Errorf(plan.ENOTFOUND, "%s has no backups (Steerco keeps them in %s). Nothing was changed.", path, BackupDir(path))
		}
		from = bs[0].Path
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", plan.Errorf(plan.EINVALID, "%s is a folder; give the portfolio file to restore.", path)
	}
	if same(from, path) {
		return "", plan.Errorf(plan.EINVALID, "%s is the file itself; give one of its backups (steerco restore %s --list).", from, path)
	}
	realFrom, err := resolve(from)
	if err != nil {
		return "", err
	}
	// The backup may be one a later backup would prune: hold it meanwhile.
	fl, err := lockFile(realFrom, from, false)
	if err != nil {
		return "", err
	}
	defer fl.release()
	if err := check(ctx, realFrom, from); err != nil {
		return "", err
	}
	err = replaceWith(ctx, path, ReasonRestore, func(tmp string) error {
		register()
		src, err := sql.Open(driverName, dsn(realFrom, url.Values{"mode": {"ro"}, "immutable": {"1"}, "_query_only": {"1"}}))
		if err != nil {
			return err
		}
		defer src.Close()
		if err := copyDatabase(ctx, src, tmp); err != nil {
			return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot copy %s: %v.", from, err), Err: err}
		}
		return syncFile(tmp)
	})
	if err != nil {
		return "", err
	}
	return from, nil
}
