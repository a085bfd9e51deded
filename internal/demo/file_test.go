package demo

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
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
	if p2, err := EnsureDemoFile(ctx, dir, today.AddDays(40)); err != nil || p2 != path {
		t.Fatalf("second call: %s, %v", p2, err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("EnsureDemoFile changed an existing file")
	}
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
