package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "board.steerco")
	goodFile(t, path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ctx, "rename", rename("Before the import")); err != nil {
		t.Fatal(err)
	}
	b, err := db.Backup(ctx, ReasonImport)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(b) != BackupDir(path) || !strings.HasSuffix(b, ".before-import.steerco") {
		t.Errorf("backup at %s", b)
	}
	if err := db.Update(ctx, "import", rename("After a bad import")); err != nil {
		t.Fatal(err)
	}
	// Refused while the file is open.
	if _, err := Restore(ctx, path, b); plan.ErrorCode(err) != plan.ECONFLICT {
		t.Errorf("restore while open: %v", err)
	}
	db.Close()
	used, err := Restore(ctx, path, "")
	if err != nil {
		t.Fatal(err)
	}
	if used != b {
		t.Errorf("restored %s, want the newest backup %s", used, b)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if p := mustPortfolio(t, db); p.Name != "Before the import" {
		t.Errorf("after restore: %q", p.Name)
	}
	// The audit log came back with it.
	if bs, _ := db.Batches(ctx, 0); len(bs) != 2 || bs[0].Action != "rename" {
		t.Errorf("batches after restore: %+v", bs)
	}
	db.Close()
	// The file as it was before the restore is itself a backup.
	bs, err := Backups(path)
	if err != nil || len(bs) != 2 || bs[0].Reason != ReasonRestore || bs[1].Path != b {
		t.Fatalf("backups %+v %v", bs, err)
	}
	old, err := Open(ctx, bs[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if p := mustPortfolio(t, old); p.Name != "After a bad import" {
		t.Errorf("the before-restore backup reads %q", p.Name)
	}
	old.Close()
	for _, e := range mustReadDir(t, dir) {
		if strings.HasSuffix(e, ".tmp") || strings.HasSuffix(e, "-wal") || strings.HasSuffix(e, "-journal") {
			t.Errorf("left behind: %s", e)
		}
	}
}

func mustReadDir(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != dir {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestRestoreRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.steerco")
	goodFile(t, path)
	crafted := filepath.Join(dir, "crafted.steerco")
	goodFile(t, crafted)
	plainExec(t, crafted, "CREATE TRIGGER x AFTER INSERT ON items BEGIN DELETE FROM risks; END;")
	before := stateOf(t, path)
	for name, tc := range map[string]struct {
		from, code, want string
	}{
		"no backups yet":     {"", plan.ENOTFOUND, "has no backups"},
		"a crafted file":     {crafted, plan.EINVALID, `an extra trigger "x"`},
		"a missing file":     {filepath.Join(dir, "gone.steerco"), plan.ENOTFOUND, "No such file"},
		"the file itself":    {path, plan.EINVALID, "the file itself"},
		"a file not SQLite ": {writeText(t, dir, "notes.txt"), plan.EINVALID, "not a SQLite database"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Restore(ctx, path, tc.from)
			if plan.ErrorCode(err) != tc.code || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Restore: %v, want %s with %q", err, tc.code, tc.want)
			}
		})
	}
	if after := stateOf(t, path); after.sum != before.sum {
		t.Error("a refused restore changed the file")
	}
}

func writeText(t *testing.T, dir, name string) string {
	p := filepath.Join(dir, name)
	os.WriteFile(p, []byte("hello"), 0o644)
	return p
}

// Backups are bounded: the oldest beyond MaxBackups go.
func TestBackupsAreBounded(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.steerco")
	goodFile(t, path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)
	var first string
	for i := 0; i < MaxBackups+3; i++ {
		b, err := writeBackup(ctx, db.r, db.real, db.path, ReasonImport, start.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b
		}
	}
	bs, err := Backups(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != MaxBackups {
		t.Errorf("%d backups kept, want %d", len(bs), MaxBackups)
	}
	if !bs[0].Taken.Equal(start.Add(time.Duration(MaxBackups+2) * time.Hour)) {
		t.Errorf("newest %v", bs[0].Taken)
	}
	if _, err := os.Stat(first); err == nil {
		t.Error("the oldest backup was kept")
	}
	// Each backup is a complete, checked portfolio.
	if err := check(ctx, bs[0].Path, bs[0].Path); err != nil {
		t.Error(err)
	}
}

// The first open of a day backs up a file that was created earlier and has
// no backup from the last day; later opens that day do not.
func TestDailyBackup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.steerco")
	b, err := os.ReadFile(fixturePath(SchemaVersion))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, b, 0o644) // created on 2026-01-05
	for i := 0; i < 3; i++ {
		db, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if w := db.Warnings(); len(w) > 0 {
			t.Error(w)
		}
		db.Close()
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 1 || bs[0].Reason != ReasonDaily {
		t.Errorf("backups %+v %v", bs, err)
	}
}
