// Package roadmaptest holds helpers the roadmap importers' tests share:
// where the real sample files are, a small base portfolio, and applying a
// preview in memory.
package roadmaptest

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// RealData returns the path of a file under shared/realdata (beside the
// repository), skipping the test when the folder is missing.
func RealData(t testing.TB, rel string) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	// file is <repo>/internal/ingest/roadmap/roadmaptest/roadmaptest.go; shared/ sits beside <repo>.
	repo := filepath.Join(filepath.Dir(file), "..", "..", "..", "..")
	dir := filepath.Join(repo, "..", "shared", "realdata")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real sample files not found at %s: %v", dir, err)
	}
	return filepath.Join(dir, rel)
}

// Source reads a file as an import source.
func Source(t testing.TB, path string) ingest.Source {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ingest.Source{Name: filepath.Base(path), Data: data}
}

// Base returns a small valid portfolio with nothing in it.
func Base() *plan.Portfolio {
	return &plan.Portfolio{Name: "Test", Currency: "USD", FiscalYearStart: 1, PlanningStart: plan.MustDate("2026-01-05")}
}

// Updater applies a preview to an in-memory portfolio and validates the
// result, as the storage layer's Update does.
type Updater struct{ P *plan.Portfolio }

// Update runs fn on a copy of u.P and keeps the copy when fn succeeds and
// the result is valid.
func (u *Updater) Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error {
	q := u.P.Clone()
	if err := fn(q); err != nil {
		return err
	}
	if err := q.Validate(); err != nil {
		return err
	}
	u.P = q
	return nil
}

// Apply applies pv to p and returns the new portfolio, failing the test on any error.
func Apply(t testing.TB, p *plan.Portfolio, pv *ingest.Preview) *plan.Portfolio {
	t.Helper()
	u := &Updater{P: p}
	if err := pv.Apply(context.Background(), u); err != nil {
		t.Fatalf("apply: %v\nproblems: %v", err, pv.Problems)
	}
	return u.P
}

// Count returns how many changes have the action and entity.
func Count(pv *ingest.Preview, action, entity string) int {
	n := 0
	for _, c := range pv.Changes {
		if c.Action == action && c.Entity == entity {
			n++
		}
	}
	return n
}

// CheckSniff checks that sniff recognises every real sample file under
// realdata/own from its first 4 KB, and none of the samples of the other
// roadmap formats, finance, DORA and TaskJuggler.
func CheckSniff(t *testing.T, sniff func(head []byte) bool, own string) {
	t.Helper()
	for _, dir := range []string{"jira", "msproject", "gantt", "finance", "dora", "taskjuggler"} {
		files, _ := filepath.Glob(filepath.Join(RealData(t, dir), "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			head := data[:min(len(data), 4096)]
			if got, want := sniff(head), dir == own; got != want {
				t.Errorf("Sniff(%s) = %v, want %v", filepath.Base(f), got, want)
			}
		}
	}
}
