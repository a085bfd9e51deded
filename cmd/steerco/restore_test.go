package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
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

// Two Steercos on one file: while another process has the file open, every
// verb that would open, replace or restore it is refused with a clear
// message and the file is left as it was; once that process is gone, they
// work.
func TestSecondProcessIsRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.steerco")
	if code, _, stderr := demoRun(t, dir, "demo", "-o", path); code != 0 {
		t.Fatal(stderr)
	}
	js := filepath.Join(dir, "p.json")
	if code, _, stderr := demoRun(t, dir, "demo", "--json", "-o", js); code != 0 {
		t.Fatal(stderr)
	}
	other := filepath.Join(dir, "other.steerco")
	if code, _, stderr := demoRun(t, dir, "import-json", js, "-o", other); code != 0 {
		t.Fatal(stderr)
	}
	holder := exec.Command(os.Args[0], "-test.run=^TestHoldFileProcess$")
	holder.Env = append(os.Environ(), "STEERCO_HOLD="+path)
	stdin, _ := holder.StdinPipe()
	stdout, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.Contains(line, "holding") {
		stdin.Close()
		t.Fatalf("the holder did not open the file: %q %v", line, err)
	}
	before, _ := os.ReadFile(path)
	for _, args := range [][]string{
		{"snapshot", path, "--name", "Board, March"},
		{"import-json", js, "-o", path, "--force"},
		{"demo", "-o", path, "--force"},
		{"restore", path, "--from", other},
	} {
		code, _, stderr := demoRun(t, dir, args...)
		if code != exitFailure || !strings.Contains(stderr, "open in another Steerco") || !strings.Contains(stderr, "Close it there first") {
			t.Errorf("%v while another Steerco has the file: exit %d, %q", args, code, stderr)
		}
	}
	// The read-only verbs read beside the other Steerco (the director keeps
	// the window open and runs a report from the terminal), writing nothing.
	for _, args := range [][]string{
		{"export", path},
		{"forecast", path, "--trials", "200", "--no-risks"},
	} {
		if code, _, stderr := demoRun(t, dir, args...); code != 0 {
			t.Errorf("%v while another Steerco has the file: exit %d, %q", args, code, stderr)
		}
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("a refused or read-only verb changed the file")
	}
	stdin.Close()
	holder.Wait()
	if code, _, stderr := demoRun(t, dir, "snapshot", path, "--name", "Board, March"); code != 0 {
		t.Errorf("after the other Steerco closed the file: %q", stderr)
	}
}

// TestHoldFileProcess is the other Steerco of TestSecondProcessIsRefused:
// it holds the file open until its standard input closes.
func TestHoldFileProcess(t *testing.T) {
	path := os.Getenv("STEERCO_HOLD")
	if path == "" {
		t.Skip("only as a child of TestSecondProcessIsRefused")
	}
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fmt.Println("holding")
	io.Copy(io.Discard, os.Stdin)
}
