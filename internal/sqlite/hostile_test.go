package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

// goodFile writes a closed, valid portfolio file at path.
func goodFile(t *testing.T, path string) {
	t.Helper()
	db, err := Create(context.Background(), path, richPortfolio("USD"))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// plainExec runs statements on path with an ordinary connection, as another
// program (or a person with the sqlite3 shell) would.
func plainExec(t *testing.T, path, stmts string) {
	t.Helper()
	register()
	db, err := sql.Open(driverName, dsn(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(stmts); err != nil {
		t.Fatalf("%s: %v", stmts, err)
	}
}

// craftedBuild writes a file at path whose schema is Steerco's migrations
// edited by edit (a crafted file made to look like a portfolio), with the
// rich portfolio's rows in it.
func craftedBuild(t *testing.T, path string, edit func(string) string) {
	t.Helper()
	saved := migrations[0].sql
	migrations[0].sql = edit(saved)
	defer func() { migrations[0].sql = saved }()
	if err := build(context.Background(), path, richPortfolio("USD")); err != nil {
		t.Fatal(err)
	}
}

func mustReplace(t *testing.T, s, old, new string) string {
	t.Helper()
	if !strings.Contains(s, old) {
		t.Fatalf("the migration has no %q", old)
	}
	return strings.Replace(s, old, new, 1)
}

// setHeader32 overwrites a big-endian 32-bit field of the database header.
func setHeader32(t *testing.T, path string, off int, v uint32) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	binary.BigEndian.PutUint32(b[off:off+4], v)
	os.WriteFile(path, b, 0o644)
}

// crashWith leaves path with a -wal holding stmts, as a Steerco (or another
// program) killed after committing them would: the main file alone is
// untouched by them.
func crashWith(t *testing.T, path, stmts string) {
	t.Helper()
	work := filepath.Join(t.TempDir(), "work"+Extension)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(work, b, 0o644)
	register()
	db, err := sql.Open(driverName, dsn(work, url1("_journal_mode", "WAL")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec("PRAGMA wal_autocheckpoint = 0; PRAGMA foreign_keys = OFF; " + stmts); err != nil {
		t.Fatalf("%s: %v", stmts, err)
	}
	for _, s := range []string{"", "-wal"} {
		b, err := os.ReadFile(work + s)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path+s, b, 0o644)
	}
}

// The crafted files of issue 15: each is refused before anything runs or is
// written, with a message for a person, and the file and its folder stay
// exactly as they were.
func TestOpenRefusesCraftedFiles(t *testing.T) {
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		code  string
		wants []string
	}{
		{"a trigger that writes", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, `CREATE TRIGGER quiet AFTER INSERT ON items BEGIN
				DELETE FROM risks; UPDATE teams SET headcount = 0.5; UPDATE items SET title = 'pwned'; END;`)
		}, plan.EINVALID, []string{`an extra trigger "quiet" on "items"`, "did not open or change it"}},
		{"the append-only triggers dropped", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, "DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_no_update;")
		}, plan.EINVALID, []string{`no "audit_log_no_delete" trigger`, `no "audit_log_no_update" trigger`}},
		{"a view named like a table", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, "PRAGMA foreign_keys = OFF; DROP TABLE risk_items; DROP TABLE risks; CREATE VIEW risks AS SELECT * FROM teams;")
		}, plan.EINVALID, []string{`"risks" is a view, not a table`}},
		{"a view that never ends", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, `PRAGMA foreign_keys = OFF; DROP TABLE risk_items; DROP TABLE risks;
				CREATE VIEW risks AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
				SELECT printf('r%d', x) AS id, zeroblob(100000) AS title FROM n ORDER BY x DESC;`)
		}, plan.EINVALID, []string{`"risks" is a view, not a table`}},
		{"a function in a CHECK", func(t *testing.T, path string) {
			craftedBuild(t, path, func(s string) string {
				return mustReplace(t, s, "CHECK (headcount >= 0)", "CHECK (headcount >= 0 AND length(zeroblob(1000000)) > 0)")
			})
		}, plan.EINVALID, []string{`table "teams" is defined differently`}},
		{"a function in a DEFAULT", func(t *testing.T, path string) {
			craftedBuild(t, path, func(s string) string {
				return mustReplace(t, s, "notes                 TEXT    NOT NULL DEFAULT ''", "notes TEXT NOT NULL DEFAULT (hex(zeroblob(1000)))")
			})
		}, plan.EINVALID, []string{`table "items" is defined differently`}},
		{"a different literal in a CHECK", func(t *testing.T, path string) {
			craftedBuild(t, path, func(s string) string {
				return mustReplace(t, s, "'compliance', 'security'", "'compliance', 'Security'")
			})
		}, plan.EINVALID, []string{`table "risks" is defined differently`}},
		{"a recursive trigger", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, `CREATE TRIGGER again AFTER UPDATE ON teams BEGIN
				UPDATE teams SET wip_limit = wip_limit + 1 WHERE id = new.id; END;`)
		}, plan.EINVALID, []string{`an extra trigger "again" on "teams"`}},
		{"an extra index that makes titles unique", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, "CREATE UNIQUE INDEX items_title ON items (title);")
		}, plan.EINVALID, []string{`an extra index "items_title" on "items"`}},
		{"an extra table", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, "CREATE TABLE payload (b BLOB);")
		}, plan.EINVALID, []string{`an extra table "payload"`}},
		{"rows that break the CHECK constraints", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, "PRAGMA ignore_check_constraints = ON; UPDATE items SET status = 'pwned', estimate_low = -5;")
		}, plan.EINVALID, []string{"values Steerco never writes (in items)"}},
		{"a huge page count", func(t *testing.T, path string) {
			goodFile(t, path)
			setHeader32(t, path, 28, 0x7fffffff)
		}, plan.EINVALID, []string{"claims 2147483647 pages", "damaged"}},
		{"a truncated file", func(t *testing.T, path string) {
			goodFile(t, path)
			b, _ := os.ReadFile(path)
			os.WriteFile(path, b[:len(b)/3], 0o644)
		}, plan.EINVALID, []string{"truncated"}},
		{"a newer version", func(t *testing.T, path string) {
			goodFile(t, path)
			setHeader32(t, path, 60, uint32(SchemaVersion+1))
		}, plan.ECONFLICT, []string{"newer Steerco"}},
		{"a version of 0 with Steerco's mark", func(t *testing.T, path string) {
			goodFile(t, path)
			setHeader32(t, path, 60, 0)
		}, plan.EINVALID, []string{"no schema version"}},
		{"UTF-16 text", func(t *testing.T, path string) {
			foreignDB(t, path, "PRAGMA encoding = 'UTF-16le'; PRAGMA application_id = 1398031698; PRAGMA user_version = 2;")
		}, plan.EINVALID, []string{"UTF-8"}},
		{"a stale -wal that adds a trigger", func(t *testing.T, path string) {
			goodFile(t, path)
			crashWith(t, path, "CREATE TRIGGER later AFTER INSERT ON risks BEGIN DELETE FROM audit_log; END;")
		}, plan.EINVALID, []string{`an extra trigger "later" on "risks"`}},
		{"a stale -wal that says a newer version", func(t *testing.T, path string) {
			goodFile(t, path)
			crashWith(t, path, "PRAGMA user_version = 99;")
		}, plan.ECONFLICT, []string{"newer Steerco", "99"}},
		{"a foreign database with the right application id and a -wal", func(t *testing.T, path string) {
			foreignDB(t, path, "PRAGMA application_id = 1398031698; PRAGMA user_version = 1;")
			crashWith(t, path, "INSERT INTO notes (body) VALUES ('more');")
		}, plan.EINVALID, []string{"structure is not that of a Steerco file", `an extra table "notes"`, "none of Steerco's tables"}},
		{"a damaged version 1 file", func(t *testing.T, path string) {
			v1File(t, path)
			damagePages(t, path)
		}, plan.EINVALID, []string{"damaged"}},
		{"a damaged version 1 file with a -wal", func(t *testing.T, path string) {
			v1File(t, path)
			crashWith(t, path, "UPDATE portfolio SET name = 'in the wal';")
			damagePages(t, path)
		}, plan.EINVALID, []string{"damaged"}},
		{"a rollback-journal file that is not a portfolio", func(t *testing.T, path string) {
			foreignDB(t, path, "PRAGMA journal_mode = DELETE; PRAGMA application_id = 1398031698; PRAGMA user_version = 1;")
		}, plan.EINVALID, []string{"structure is not that of a Steerco file"}},
		{"a rollback-journal portfolio with a trigger", func(t *testing.T, path string) {
			goodFile(t, path)
			plainExec(t, path, "PRAGMA journal_mode = DELETE; CREATE TRIGGER j AFTER DELETE ON items BEGIN DELETE FROM teams; END;")
		}, plan.EINVALID, []string{`an extra trigger "j"`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "sent to you.steerco")
			tc.make(t, path)
			past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			os.Chtimes(path, past, past)
			before := stateOf(t, path)
			beforeWAL, _ := os.ReadFile(path + "-wal")
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute) // a hang fails instead of blocking the run
			defer cancel()
			db, err := Open(ctx, path)
			if err == nil {
				db.Close()
				t.Fatal("Open accepted the file")
			}
			if ctx.Err() != nil {
				t.Fatalf("Open ran until the deadline: %v", err)
			}
			t.Log(err)
			if code := plan.ErrorCode(err); code != tc.code {
				t.Errorf("code %s, want %s", code, tc.code)
			}
			for _, w := range append(tc.wants, path) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message lacks %q", w)
				}
			}
			for _, raw := range []string{"already exists", "UPSERT", "sqlite3", "SQL logic error"} {
				if strings.Contains(err.Error(), raw) {
					t.Errorf("message has the raw %q", raw)
				}
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("the file or its folder changed:\nbefore %+v\nafter  %+v", before, after)
			}
			if afterWAL, _ := os.ReadFile(path + "-wal"); string(afterWAL) != string(beforeWAL) {
				t.Error("the -wal changed")
			}
			// Through a symlink: the same refusal, the target untouched.
			link := filepath.Join(t.TempDir(), "link.steerco")
			if err := os.Symlink(path, link); err != nil {
				t.Fatal(err)
			}
			if db, err := Open(ctx, link); err == nil {
				db.Close()
				t.Error("Open accepted the file through a symlink")
			} else if !strings.Contains(err.Error(), link) {
				t.Errorf("the message does not name the link: %v", err)
			}
			if after := stateOf(t, path); after != before {
				t.Error("the file changed when opened through a symlink")
			}
		})
	}
}

// v1File writes a portfolio file of schema version 1, as Steerco 1 did.
func v1File(t *testing.T, path string) {
	t.Helper()
	register()
	db, err := sql.Open(driverName, dsn(path, url1("_journal_mode", "WAL")))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := migrateTo(context.Background(), db, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(fixtureRows); err != nil {
		t.Fatal(err)
	}
}

// damagePages overwrites the contents of every page after the first two.
func damagePages(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ps := int(binary.BigEndian.Uint16(b[16:18]))
	for i := 2 * ps; i+ps <= len(b); i += ps {
		for j := i + 8; j < i+ps/2; j++ {
			b[j] = byte(j * 7)
		}
	}
	os.WriteFile(path, b, 0o644)
}

// A legitimate file in rollback-journal mode (copied by a tool that does not
// keep WAL mode) passes the checks and is then switched to WAL.
func TestOpenRollbackJournalPortfolio(t *testing.T) {
	path := filepath.Join(t.TempDir(), "copied.steerco")
	goodFile(t, path)
	plainExec(t, path, "PRAGMA journal_mode = DELETE;")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var jm string
	db.w.QueryRow("PRAGMA journal_mode").Scan(&jm)
	if jm != "wal" {
		t.Errorf("journal mode %s", jm)
	}
	if p := mustPortfolio(t, db); p.Name != richPortfolio("USD").Name {
		t.Errorf("name %q", p.Name)
	}
}

// A symlink to a good file opens it; the lock is on the real file, so a
// replace through its real name is then refused.
func TestOpenThroughSymlink(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "real.steerco")
	goodFile(t, path)
	link := filepath.Join(t.TempDir(), "link.steerco")
	os.Symlink(path, link)
	db, err := Open(ctx, link)
	if err != nil {
		t.Fatal(err)
	}
	if db.Path() != link {
		t.Errorf("Path %q", db.Path())
	}
	if err := db.Update(ctx, "rename", rename("via link")); err != nil {
		t.Fatal(err)
	}
	if err := Replace(ctx, path, richPortfolio("EUR")); plan.ErrorCode(err) != plan.ECONFLICT || !strings.Contains(err.Error(), "already open in this Steerco") {
		t.Errorf("replace through the real name: %v", err)
	}
	db.Close()
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if p := mustPortfolio(t, db); p.Name != "via link" {
		t.Errorf("name %q", p.Name)
	}
}

func TestNormalizeSQL(t *testing.T) {
	same := [][2]string{
		{"CREATE TABLE t (a INTEGER, -- note\n b TEXT /* x */ )", "create table t(a integer,b text)"},
		{"CREATE  TABLE\tt\n(\n  a TEXT DEFAULT 'x--y'\n)", "CREATE TABLE t (a TEXT DEFAULT 'x--y')"},
	}
	for _, c := range same {
		if a, b := normalizeSQL(c[0]), normalizeSQL(c[1]); a != b {
			t.Errorf("%q and %q differ: %q vs %q", c[0], c[1], a, b)
		}
	}
	differ := [][2]string{
		{"CHECK (s IN ('a', 'b'))", "CHECK (s IN ('a', 'B'))"},
		{"CREATE TABLE t (a TEXT DEFAULT 'it''s')", "CREATE TABLE t (a TEXT DEFAULT 'its')"},
		{"CREATE TABLE t (a)", "CREATE TABLE t (a, b)"},
		{`CREATE TABLE "T" (a)`, `CREATE TABLE "t" (a)`},
	}
	for _, c := range differ {
		if normalizeSQL(c[0]) == normalizeSQL(c[1]) {
			t.Errorf("%q and %q compare equal", c[0], c[1])
		}
	}
}

// A rollback-journal file with a hot -journal beside it (a program killed
// mid-transaction): Steerco checks the file as SQLite will see it after the
// rollback, on a private copy, and leaves the original and its journal
// alone when it refuses it.
func TestOpenHotJournal(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "journal.steerco")
	goodFile(t, path)
	plainExec(t, path, "PRAGMA journal_mode = DELETE;")
	// Crash in the middle of a transaction that spilled to the file: copy the
	// file and its journal while the transaction is open.
	work := filepath.Join(t.TempDir(), "work.steerco")
	copyIfPresent(t, path, work)
	register()
	db, err := sql.Open(driverName, dsn(work, nil))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("PRAGMA cache_size = 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec("UPDATE items SET notes = printf('%0500d', rank); CREATE TRIGGER rolled_back AFTER INSERT ON risks BEGIN DELETE FROM teams; END;"); err != nil {
		t.Fatal(err)
	}
	crash := filepath.Join(dir, "crash.steerco")
	copyIfPresent(t, work, crash)
	copyIfPresent(t, work+"-journal", crash+"-journal")
	tx.Rollback()
	db.Close()
	if _, err := os.Stat(crash + "-journal"); err != nil {
		t.Skip("the transaction did not leave a journal to test with")
	}
	// After the rollback the file is the good file again: it opens, without
	// the trigger the rolled-back transaction added.
	d, err := Open(ctx, crash)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var n int
	d.r.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'rolled_back'").Scan(&n)
	if n != 0 {
		t.Error("the rolled-back trigger is in the file")
	}
	mustPortfolio(t, d)
}

func copyIfPresent(t *testing.T, from, to string) {
	t.Helper()
	if b, err := os.ReadFile(from); err == nil {
		os.WriteFile(to, b, 0o644)
	}
}
