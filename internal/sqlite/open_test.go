package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

// fileState is what must not change when Open rejects a file: its bytes,
// its modification time, and the names in its folder (no -wal or -shm left).
type fileState struct {
	sum   [32]byte
	mtime time.Time
	names string
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	var s fileState
	if b, err := os.ReadFile(path); err == nil {
		s.sum = sha256.Sum256(b)
	}
	if fi, err := os.Stat(path); err == nil {
		s.mtime = fi.ModTime()
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	s.names = strings.Join(names, ",")
	return s
}

// realFile makes a closed, valid portfolio file and returns its bytes.
func realFile(t *testing.T) []byte {
	t.Helper()
	db := newFile(t, largePortfolio(300, 20, 24))
	path := db.Path()
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// foreignDB writes a SQLite database of another application with the plain driver.
func foreignDB(t *testing.T, path string, pragmas string) {
	t.Helper()
	register()
	db, err := sql.Open(driverName, dsn(path, nil))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(pragmas + "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hello');"); err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// Lots of ways a file can fail to be a Steerco portfolio; each must give a
// clear *plan.Error and leave the file exactly as it was.
func TestOpenRejectsBadFilesUntouched(t *testing.T) {
	good := realFile(t)
	rnd := make([]byte, 8192)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range rnd {
		rnd[i] = byte(r.UintN(256))
	}
	tests := []struct {
		name  string
		make  func(t *testing.T, path string)
		code  string
		wants []string
	}{
		{"text file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("Name,Amount\nZoë Ødegård,12\n"), 0o644)
		}, plan.EINVALID, []string{"not a Steerco portfolio", "not a SQLite database"}},
		{"empty file", func(t *testing.T, path string) { os.WriteFile(path, nil, 0o644) }, plan.EINVALID, []string{"is empty"}},
		{"random bytes", func(t *testing.T, path string) { os.WriteFile(path, rnd, 0o644) }, plan.EINVALID, []string{"not a SQLite database"}},
		{"json export", func(t *testing.T, path string) {
			os.WriteFile(path, []byte(`{"format": "steerco-portfolio", "version": 1}`), 0o644)
		}, plan.EINVALID, []string{"not a SQLite database"}},
		{"truncated copy", func(t *testing.T, path string) { os.WriteFile(path, good[:len(good)/2], 0o644) }, plan.EINVALID, []string{"truncated"}},
		{"cut inside a page", func(t *testing.T, path string) { os.WriteFile(path, good[:len(good)-100], 0o644) }, plan.EINVALID, []string{"damaged"}},
		{"header only", func(t *testing.T, path string) { os.WriteFile(path, good[:100], 0o644) }, plan.EINVALID, []string{"damaged"}},
		{"short header", func(t *testing.T, path string) { os.WriteFile(path, good[:40], 0o644) }, plan.EINVALID, []string{"damaged"}},
		{"damaged pages", func(t *testing.T, path string) {
			b := append([]byte(nil), good...)
			for i := 4096; i < len(b)-4096; i += 4096 {
				copy(b[i+8:i+200], rnd) // overwrite page contents after the page header
			}
			os.WriteFile(path, b, 0o644)
		}, plan.EINVALID, []string{"damaged"}},
		{"foreign sqlite database", func(t *testing.T, path string) { foreignDB(t, path, "") }, plan.EINVALID, []string{"another application"}},
		{"foreign database in WAL mode", func(t *testing.T, path string) {
			foreignDB(t, path, "PRAGMA journal_mode = WAL; PRAGMA application_id = 1234;")
		}, plan.EINVALID, []string{"another application", "0x000004D2"}},
		{"our id but no tables", func(t *testing.T, path string) {
			foreignDB(t, path, "PRAGMA application_id = 1398031698; PRAGMA user_version = 1;")
		}, plan.EINVALID, []string{"structure is not that of a Steerco file of schema version 1", "an extra table \"notes\"", "did not open or change it"}},
		{"newer schema version", func(t *testing.T, path string) {
			os.WriteFile(path, good, 0o644)
			db, err := sql.Open(driverName, dsn(path, nil))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99"); err != nil {
				t.Fatal(err)
			}
			db.Close()
		}, plan.ECONFLICT, []string{"newer Steerco", "Update Steerco"}},
		{"a folder", func(t *testing.T, path string) { os.Mkdir(path, 0o755) }, plan.EINVALID, []string{"folder"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "portfolio.steerco")
			tc.make(t, path)
			past := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
			os.Chtimes(path, past, past)
			before := stateOf(t, path)
			db, err := Open(context.Background(), path)
			if err == nil {
				db.Close()
				t.Fatal("Open accepted the file")
			}
			t.Log(err)
			if code := plan.ErrorCode(err); code != tc.code {
				t.Errorf("code %s, want %s: %v", code, tc.code, err)
			}
			for _, w := range tc.wants {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("message %q lacks %q", err.Error(), w)
				}
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("message %q does not name the file", err.Error())
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("the file or its folder changed:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func TestOpenValidFileKeepsNoSideFiles(t *testing.T) {
	b := realFile(t)
	path := filepath.Join(t.TempDir(), "ok.steerco")
	os.WriteFile(path, b, 0o644)
	before := stateOf(t, path)
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Portfolio(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if after := stateOf(t, path); after.names != before.names || after.sum != before.sum {
		t.Errorf("reading a portfolio changed it or left files:\n%+v\n%+v", before, after)
	}
}

// A file whose last session did not close cleanly still has its WAL beside
// it; Open must accept it and see the committed changes.
func TestOpenRecoversPendingWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "a.steerco")
	db, err := Create(ctx, path, richPortfolio("USD"))
	if err != nil {
		t.Fatal(err)
	}
	db.w.Exec("PRAGMA wal_autocheckpoint = 0")
	if err := db.Update(ctx, "rename", func(p *plan.Portfolio) error { p.Name = "Committed in the WAL"; return nil }); err != nil {
		t.Fatal(err)
	}
	// Copy the file and its WAL while open, as a crash would leave them.
	crash := filepath.Join(dir, "crash.steerco")
	for _, s := range []string{"", "-wal"} {
		b, err := os.ReadFile(path + s)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(crash+s, b, 0o644)
	}
	db.Close()
	db2, err := Open(ctx, crash)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if p := mustPortfolio(t, db2); p.Name != "Committed in the WAL" {
		t.Errorf("name %q", p.Name)
	}
}

// Random damage anywhere past the header must give an error or a readable
// portfolio, never a panic, and a rejected file must stay untouched.
func TestOpenRandomDamage(t *testing.T) {
	good := realFile(t)
	r := rand.New(rand.NewPCG(7, 11))
	ctx := context.Background()
	rejected := 0
	for n := 0; n < 60; n++ {
		b := append([]byte(nil), good...)
		for k := 0; k < 1+r.IntN(20); k++ {
			b[100+r.IntN(len(b)-100)] = byte(r.UintN(256))
		}
		path := filepath.Join(t.TempDir(), "damaged.steerco")
		os.WriteFile(path, b, 0o644)
		before := stateOf(t, path)
		db, err := Open(ctx, path)
		if err != nil {
			rejected++
			if plan.ErrorCode(err) == plan.EINTERNAL {
				t.Errorf("case %d: not a person-facing error: %v", n, err)
			}
			if after := stateOf(t, path); after != before {
				t.Errorf("case %d: a rejected file changed", n)
			}
			continue
		}
		db.Portfolio(ctx) // may fail, must not panic
		db.Close()
	}
	t.Logf("%d of 60 damaged files rejected at Open", rejected)
}
