package ui

import (
	"context"
	"testing"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// File › Restore from Backup: an edit made after a backup is undone by
// restoring it, the window shows the restored portfolio, and the file as it
// was before the restore is kept as a backup too.
func TestRestoreFromBackup(t *testing.T) {
	s, _, path := openDemo(t)
	name := s.Portfolio().Name
	backup, err := s.sess.Backup(context.Background(), sqlite.ReasonImport)
	if err != nil || backup == "" {
		t.Fatalf("backup %q: %v", backup, err)
	}
	if err := s.edit("rename portfolio", func(p *plan.Portfolio) error { p.Name = "Renamed after the backup"; return nil }); err != nil {
		t.Fatal(err)
	}
	before, _ := app.Backups(path)
	if err := s.RestoreFrom(backup); err != nil {
		t.Fatal(err)
	}
	if got := s.Portfolio().Name; got != name {
		t.Errorf("after the restore the window shows %q, want %q", got, name)
	}
	if p, err := app.Read(context.Background(), path); err != nil || p.Name != name {
		t.Errorf("the file holds %v (%v), want %q", p, err, name)
	}
	after, _ := app.Backups(path)
	if len(after) <= len(before) {
		t.Errorf("backups %d before the restore, %d after: the file as it was is not kept", len(before), len(after))
	}
	if !s.open() {
		t.Error("the file is not open after the restore")
	}
}
