package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

func openSQLite(ctx context.Context, path string) (Store, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return db, nil
}

func TestShellOpensPortfolioAndKeepsItOnBadFile(t *testing.T) {
	a := test.NewTempApp(t)
	today := plan.MustDate("2026-11-21")
	dir := t.TempDir()
	path, err := demo.EnsureDemoFile(context.Background(), dir, today)
	if err != nil {
		t.Fatal(err)
	}
	s := New(a, openSQLite, func() plan.Date { return today })
	t.Cleanup(func() { s.Window().Close() })
	if err := s.Open(path); err != nil {
		t.Fatal(err)
	}
	if got := s.Window().Title(); !strings.HasPrefix(got, s.Portfolio().Name+" — demo.steerco") {
		t.Errorf("title %q", got)
	}
	if len(s.recent()) != 1 || filepath.Base(s.recent()[0]) != "demo.steerco" {
		t.Errorf("recent files %v", s.recent())
	}

	bad := filepath.Join(dir, "bad.steerco")
	if err := os.WriteFile(bad, []byte("SQLite format 3\x00 but truncated"), 0o600); err != nil {
		t.Fatal(err)
	}
	before := s.Portfolio()
	if err := s.Open(bad); err == nil {
		t.Fatal("opening a damaged file succeeded")
	}
	if s.Portfolio() != before || !strings.Contains(s.Window().Title(), "demo.steerco") {
		t.Error("a failed open replaced the portfolio on display")
	}
}
