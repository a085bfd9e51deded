package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

func TestDataDir(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("XDG_DATA_HOME", tmp)
	if d, err := DataDir(); err != nil || d != filepath.Join(tmp, "steerco") {
		t.Errorf("with XDG_DATA_HOME: %q, %v", d, err)
	}
	if runtime.GOOS != "linux" {
		return
	}
	t.Setenv("XDG_DATA_HOME", "relative/ignored") // the XDG spec says relative paths are invalid
	t.Setenv("HOME", tmp)
	if d, err := DataDir(); err != nil || d != filepath.Join(tmp, ".local", "share", "steerco") {
		t.Errorf("without XDG_DATA_HOME: %q, %v", d, err)
	}
}

// TestEnsureDemoFile: the first call creates the file with the demo dated
// for today, read back identical through storage; later calls leave it alone.
func TestEnsureDemoFile(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data", "steerco")
	today := plan.MustDate("2027-03-10")
	path, err := EnsureDemoFile(ctx, dir, today)
	if err != nil {
		t.Fatal(err)
	}
	if path != filepath.Join(dir, FileName) {
		t.Errorf("path %s", path)
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Portfolio(ctx)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, got), jsonOf(t, mustPortfolio(t, today)); !bytes.Equal(a, b) {
		t.Error("the demo file does not read back as the demo portfolio")
	}

	before, _ := os.ReadFile(path)
	if p2, err := EnsureDemoFile(ctx, dir, today.AddDays(2)); err != nil || p2 != path {
		t.Fatalf("second call: %s, %v", p2, err)
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(before, after) {
		t.Error("EnsureDemoFile changed the file within the same week")
	}
}

// readFile returns the portfolio stored at path as JSON.
func readFile(t *testing.T, path string) []byte {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Portfolio(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return jsonOf(t, p)
}

// TestEnsureDemoFileRefresh: an unchanged demo from an earlier week is
// replaced by today's; an edited one, or one open elsewhere, is kept.
func TestEnsureDemoFileRefresh(t *testing.T) {
	ctx := context.Background()
	first := plan.MustDate("2026-11-18")
	later := plan.MustDate("2027-01-20")
	create := func(t *testing.T) (dir, path string) {
		dir = t.TempDir()
		path, err := EnsureDemoFile(ctx, dir, first)
		if err != nil {
			t.Fatal(err)
		}
		return dir, path
	}

	t.Run("unchanged and stale: refreshed", func(t *testing.T) {
		dir, path := create(t)
		if _, err := EnsureDemoFile(ctx, dir, later); err != nil {
			t.Fatal(err)
		}
		if got, want := readFile(t, path), jsonOf(t, mustPortfolio(t, later)); !bytes.Equal(got, want) {
			t.Error("the stale demo was not replaced by today's")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 1 {
			t.Errorf("%d files in the folder, want 1", len(entries))
		}
	})

	t.Run("edited: kept", func(t *testing.T) {
		dir, path := create(t)
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(ctx, "rename item", func(p *plan.Portfolio) error {
			p.Item("x-p2p").Title = "Payer-to-payer, our way"
			return nil
		})
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		before := readFile(t, path)
		if _, err := EnsureDemoFile(ctx, dir, later); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(readFile(t, path), before) {
			t.Error("an edited demo was replaced")
		}
	})

	t.Run("open elsewhere: kept", func(t *testing.T) {
		dir, path := create(t)
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Portfolio(ctx); err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := os.Stat(path + "-wal"); err != nil {
			t.Skip("this SQLite build keeps no -wal file while open")
		}
		if _, err := EnsureDemoFile(ctx, dir, later); err != nil {
			t.Fatal(err)
		}
		p, err := db.Portfolio(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if p.PlanningStart != plan.MustDate("2026-11-16") {
			t.Errorf("a demo open in another process was replaced (planning start %s)", p.PlanningStart)
		}
	})

	t.Run("not a portfolio: error", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, FileName)
		os.WriteFile(path, []byte("hello"), 0o644)
		_, err := EnsureDemoFile(ctx, dir, later)
		if err == nil || !strings.Contains(err.Error(), "delete it") {
			t.Errorf("error %v", err)
		}
		if b, _ := os.ReadFile(path); string(b) != "hello" {
			t.Error("the foreign file was changed")
		}
	})
}

func TestEnsureDemoFileConcurrent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = EnsureDemoFile(ctx, dir, plan.MustDate("2026-12-01"))
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("files left in the folder: %v", names)
	}
}

func TestEnsureDemoFileUnwritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write anywhere")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	if _, err := EnsureDemoFile(context.Background(), filepath.Join(dir, "sub"), plan.MustDate("2026-12-01")); err == nil {
		t.Error("no error for a folder that cannot be created")
	}
}
