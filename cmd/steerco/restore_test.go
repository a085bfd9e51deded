package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

func TestRestoreVerb(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "board.steerco")
	if code, _, stderr := demoRun(t, dir, "demo", "-o", path); code != 0 {
		t.Fatal(stderr)
	}
	if code, stdout, _ := demoRun(t, dir, "restore", path, "--list"); code != 0 || !strings.Contains(stdout, "has no backups yet") {
		t.Errorf("list with none: %d %q", code, stdout)
	}
	if code, _, stderr := demoRun(t, dir, "restore", path); code != exitFailure || !strings.Contains(stderr, "has no backups") {
		t.Errorf("restore with none: %d %q", code, stderr)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rename := func(name string) {
		if err := db.Update(ctx, "rename", func(p *plan.Portfolio) error { p.Name = name; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	rename("Good state")
	backup, err := db.Backup(ctx, sqlite.ReasonImport)
	if err != nil {
		t.Fatal(err)
	}
	rename("After a bad import")
	code, _, stderr := demoRun(t, dir, "restore", path)
	if code != exitFailure || !strings.Contains(stderr, "already open") {
		t.Errorf("restore while open: %d %q", code, stderr)
	}
	db.Close()

	code, stdout, stderr := demoRun(t, dir, "restore", path, "--list")
	if code != 0 || !strings.Contains(stdout, "before-import") || !strings.Contains(stdout, backup) {
		t.Errorf("list: %d %q %q", code, stdout, stderr)
	}
	code, stdout, stderr = demoRun(t, dir, "restore", path, "--from", backup)
	if code != 0 || !strings.Contains(stdout, "Restored "+path) {
		t.Fatalf("restore: %d %q %q", code, stdout, stderr)
	}
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Portfolio(ctx)
	db.Close()
	if err != nil || p.Name != "Good state" {
		t.Errorf("after restore: %v %v", p, err)
	}
	// A file that is not a portfolio is refused as a backup, and nothing changes.
	notes := filepath.Join(dir, "notes.steerco")
	if err := os.WriteFile(notes, []byte("not a database"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := demoRun(t, dir, "restore", path, "--from", notes); code != exitFailure || !strings.Contains(stderr, "not a SQLite database") {
		t.Errorf("restore from a text file: %d %q", code, stderr)
	}
	if code, _, _ := demoRun(t, dir, "restore"); code != exitUsage {
		t.Errorf("no file: exit %d", code)
	}
	if code, _, _ := demoRun(t, dir, "restore", path, "--list", "--from", backup); code != exitUsage {
		t.Errorf("--list and --from: exit %d", code)
	}
}
