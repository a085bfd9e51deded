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
	"strings"

	"steerco/internal/plan"
)

// sqliteMagic starts every SQLite 3 database file.
const sqliteMagic = "SQLite format 3\x00"

// requiredTables must exist in a Steerco portfolio of any schema version.
var requiredTables = []string{"portfolio", "teams", "items", "audit_log"}

// howToCreate tells a person how to get a portfolio file.
const howToCreate = "Create one with \"steerco demo -o FILE.steerco\" (the demo portfolio) or \"steerco import-json FILE.json -o FILE.steerco\"."

// check decides, without writing anything, whether path is a Steerco
// portfolio this version can open. It reads the 100-byte database header
// with plain file I/O, then (when no WAL file is pending) runs SQLite's
// quick_check on an immutable, read-only connection, which takes no locks and
// creates no -wal or -shm file.
func check(ctx context.Context, path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return &plan.Error{Code: plan.ENOTFOUND, Message: fmt.Sprintf("No such file: %s. %s", path, howToCreate), Err: err}
	case err != nil:
		return &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", path, err), Err: err}
	case fi.IsDir():
		return plan.Errorf(plan.EINVALID, "%s is a folder, not a portfolio file. Give the path of a .steerco file.", path)
	case fi.Size() == 0:
		return plan.Errorf(plan.EINVALID, "%s is empty: it is not a Steerco portfolio. %s", path, howToCreate)
	}
	notOurs := func(why string) error {
		return plan.Errorf(plan.EINVALID, "%s is not a Steerco portfolio (%s). Open a .steerco file, or %s", path, why, lowerFirst(howToCreate))
	}
	f, err := os.Open(path)
	if err != nil {
		return &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", path, err), Err: err}
	}
	var h [100]byte
	n, err := io.ReadFull(f, h[:])
	f.Close()
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", path, err), Err: err}
	}
	if n < len(sqliteMagic) || string(h[:len(sqliteMagic)]) != sqliteMagic {
		return notOurs("it is not a SQLite database")
	}
	if n < 100 {
		return damaged(path, "it ends inside its header")
	}
	appID := binary.BigEndian.Uint32(h[68:72])
	userVersion := int(int32(binary.BigEndian.Uint32(h[60:64])))
	switch {
	case appID == 0:
		return notOurs("it is a SQLite database of another application; it has no Steerco mark")
	case appID != ApplicationID:
		return notOurs(fmt.Sprintf("it is a SQLite database of another application, id 0x%08X", appID))
	}
	if userVersion > SchemaVersion {
		return plan.Errorf(plan.ECONFLICT, "%s was written by a newer Steerco (file schema version %d; this Steerco reads up to %d). Update Steerco to open it.", path, userVersion, SchemaVersion)
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return damaged(path, "its header is damaged")
	}
	walPending := false
	if wi, err := os.Stat(path + "-wal"); err == nil && wi.Size() > 0 {
		// Another process has it open, or Steerco stopped without closing it:
		// committed changes may live in the WAL, so the main file alone may
		// legitimately look short. SQLite recovers it on the real open.
		walPending = true
	}
	if !walPending {
		pages := int64(binary.BigEndian.Uint32(h[28:32]))
		valid := binary.BigEndian.Uint32(h[92:96]) == binary.BigEndian.Uint32(h[24:28])
		if fi.Size()%pageSize != 0 || (valid && pages > 0 && fi.Size() < pages*pageSize) {
			return damaged(path, "it is truncated: part of the file is missing")
		}
		if err := quickCheck(ctx, path); err != nil {
			return err
		}
	}
	return nil
}

// quickCheck runs PRAGMA quick_check and looks for Steerco's tables on an
// immutable read-only connection.
func quickCheck(ctx context.Context, path string) error {
	register()
	db, err := sql.Open(driverName, dsn(path, url.Values{"mode": {"ro"}, "immutable": {"1"}, "_query_only": {"1"}}))
	if err != nil {
		return damaged(path, err.Error())
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check(5)")
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return damaged(path, err.Error())
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return damaged(path, err.Error())
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return damaged(path, err.Error())
	}
	rows.Close()
	if len(problems) > 0 {
		return damaged(path, "SQLite's integrity check found: "+strings.Join(problems, "; "))
	}
	for _, t := range requiredTables {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", t).Scan(&n); err != nil {
			return damaged(path, err.Error())
		}
		if n == 0 {
			return plan.Errorf(plan.EINVALID, "%s is not a Steerco portfolio: it carries Steerco's mark but has no %q table. It may be damaged; open a backup copy.", path, t)
		}
	}
	return nil
}

func damaged(path, why string) error {
	return plan.Errorf(plan.EINVALID, "%s is damaged or incomplete (%s). Steerco did not change it. Open a backup copy, or re-create the portfolio from a JSON export with \"steerco import-json\".", path, why)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
