package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteReplacesOnlyOnSuccess(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("renderer failed")
	err := Write(path, func(w io.Writer) error {
		io.WriteString(w, "half a repo")
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatalf("failed write changed the file: %q", b)
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Fatalf("content %q", b)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	if err := Write(filepath.Join(dir, "missing", "x.pdf"), func(io.Writer) error { return nil }); err == nil {
		t.Error("writing into a missing folder succeeded")
	}
}

// A write killed half-way leaves ".NAME.*.tmp"; the next write of that file
// removes it, but not a temporary file another writer still holds.
func TestRemoveStaleKeepsLiveTemporaries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "board pack [v2].pdf")
	stale := filepath.Join(dir, ".board pack [v2].pdf.123.tmp")
	os.WriteFile(stale, []byte("half"), 0o644)
	os.WriteFile(stale+"-wal", []byte("x"), 0o644)
	orphan := filepath.Join(dir, ".board pack [v2].pdf.456.tmp-wal")
	os.WriteFile(orphan, []byte("x"), 0o644)
	other := filepath.Join(dir, ".other.pdf.789.tmp")
	os.WriteFile(other, []byte("not ours"), 0o644)
	live, liveName, err := Temp(path)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	got := RemoveStale(path, "-wal")
	if len(got) != 3 {
		t.Errorf("removed %q, want the stale file, its -wal and the orphan -wal", got)
	}
	for _, gone := range []string{stale, stale + "-wal", orphan} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	for _, kept := range []string{liveName, other} {
		if _, err := os.Stat(kept); err != nil {
			t.Errorf("%s was removed: %v", kept, err)
		}
	}
	if err := Write(path, func(w io.Writer) error { _, err := io.WriteString(w, "pdf"); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "pdf" {
		t.Errorf("content %q", b)
	}
}
