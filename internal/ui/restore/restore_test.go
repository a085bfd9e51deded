package restore

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"steerco/internal/app"
	"steerco/internal/plan"
)

// TestRestoreTheChosenBackup makes a portfolio file, edits it and replaces
// it (Steerco keeps the replaced one as a backup), and restores that through
// the dialog:
// the callback gets the chosen backup, and app.Restore with it brings the
// old portfolio back.
func TestRestoreTheChosenBackup(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p"+app.Extension)
	p := &plan.Portfolio{Name: "Before", Currency: "EUR", FiscalYearStart: time.January, PlanningStart: plan.MustDate("2026-11-02")}
	if err := app.WriteNew(ctx, path, p, false); err != nil {
		t.Fatal(err)
	}
	s, err := app.OpenFile(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Edit(ctx, "rename", func(p *plan.Portfolio) error { p.Name = "Edited"; return nil }); err != nil {
		t.Fatal(err)
	}
	s.Close()
	after := *p
	after.Name = "After"
	if err := app.WriteNew(ctx, path, &after, true); err != nil {
		t.Fatal(err)
	}
	backups, err := app.Backups(path)
	if err != nil || len(backups) == 0 {
		t.Fatalf("no backup to restore (%v)", err)
	}
	w := test.NewTempWindow(t, nil)
	var got string
	d := New(w, path, backups, func(from string) { got = from })
	d.confirm = func(_, message string, fn func(bool)) {
		if !strings.Contains(message, "kept as a backup") {
			t.Errorf("the confirmation does not say the file is kept: %q", message)
		}
		fn(true)
	}
	w.Resize(fyne.NewSize(900, 600))
	d.Show()
	d.Choose(0)
	if dir := os.Getenv("STEERCO_SHOT_DIR"); dir != "" {
		if f, err := os.Create(filepath.Join(dir, "restore-dialog.png")); err == nil {
			png.Encode(f, w.Canvas().Capture())
			f.Close()
		}
	}
	d.list.UnselectAll()
	d.restore.Disable()
	if !d.restore.Disabled() {
		t.Error("Restore is on before a backup is chosen")
	}
	d.Choose(0)
	d.Restore()
	if got != backups[0].Path {
		t.Fatalf("restored %q, want the chosen %q", got, backups[0].Path)
	}
	if _, err := app.Restore(ctx, path, got); err != nil {
		t.Fatal(err)
	}
	q, err := app.Read(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if q.Name != "Edited" {
		t.Errorf("after the restore the portfolio is %q, want the backup's %q", q.Name, "Edited")
	}
	if l := Label(backups[0]); !strings.Contains(l, "UTC") || !strings.Contains(l, "first open of the day") && !strings.Contains(l, "before") {
		t.Errorf("label %q", l)
	}
}
