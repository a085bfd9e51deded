package sqlite

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

// The race of issue 15: "import-json --force" renamed a new file over one
// another Steerco had open, and the old file's -wal was replayed onto the
// new one. Now the replace is refused while the file is open, and a -wal a
// killed Steerco left is never applied to the new file.
func TestReplaceRefusedWhileOpen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.steerco")
	goodFile(t, path)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.w.Exec("PRAGMA wal_autocheckpoint = 0")
	if err := db.Update(ctx, "rename", rename("kept in the -wal")); err != nil {
		t.Fatal(err)
	}
	newer := richPortfolio("EUR")
	newer.Name = "Replacement"
	err = Replace(ctx, path, newer)
	if plan.ErrorCode(err) != plan.ECONFLICT || !strings.Contains(err.Error(), "already open in this Steerco") {
		t.Errorf("Replace while open: %v", err)
	}
	if p := mustPortfolio(t, db); p.Name != "kept in the -wal" {
		t.Errorf("the open file now reads %q", p.Name)
	}
	db.Close()
	if err := Replace(ctx, path, newer); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if p := mustPortfolio(t, db); p.Name != "Replacement" || p.Currency != "EUR" {
		t.Errorf("after the replace: %q %s", p.Name, p.Currency)
	}
}

// A Steerco killed with changes in its -wal: Replace writes them into the
// old file, backs that up, and the new file starts with no -wal at all.
func TestReplaceSettlesAStaleWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.steerco")
	crashAfterUpdate(t, path, "committed before the crash")
	newer := richPortfolio("EUR")
	newer.Name = "Replacement"
	if err := Replace(ctx, path, newer); err != nil {
		t.Fatal(err)
	}
	for _, s := range sideSuffixes {
		if _, err := os.Stat(path + s); err == nil {
			t.Errorf("%s%s is still there", path, s)
		}
	}
	bs, err := Backups(path)
	if err != nil || len(bs) != 1 || bs[0].Reason != ReasonReplace {
		t.Fatalf("backups %+v %v", bs, err)
	}
	old, err := Open(ctx, bs[0].Path)
	if err != nil {
		t.Fatal(err)
	}
	if p := mustPortfolio(t, old); p.Name != "committed before the crash" {
		t.Errorf("the backup of the old file reads %q", p.Name)
	}
	old.Close()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if p := mustPortfolio(t, db); p.Name != "Replacement" {
		t.Errorf("the new file reads %q", p.Name)
	}
}

// The race, many times, between processes: writer processes (this test
// binary run again) open the file, edit it and close it in a loop, with
// their changes left in the -wal, while this process replaces the file with
// another portfolio. Every attempt either succeeds or is refused as a
// conflict, and the file is always a valid portfolio that reads back.
func TestReplaceRacingWriters(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "raced.steerco")
	goodFile(t, path)
	const rounds = 50 // edits per writer
	var writers []*exec.Cmd
	var outs []*strings.Builder
	for w := 0; w < 2; w++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRaceWriterProcess$")
		cmd.Env = append(os.Environ(), "STEERCO_RACE_WRITER="+path, fmt.Sprintf("STEERCO_RACE_ROUNDS=%d", rounds))
		out := &strings.Builder{}
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		writers, outs = append(writers, cmd), append(outs, out)
	}
	done := make(chan struct{})
	go func() {
		for _, c := range writers {
			c.Wait()
		}
		close(done)
	}()
	newer := richPortfolio("USD")
	newer.Name = "Replacement"
	replaced, refused := 0, 0
loop:
	for i := 0; i < 40*rounds; i++ {
		select {
		case <-done:
			break loop
		default:
		}
		switch err := Replace(ctx, path, newer); {
		case err == nil:
			replaced++
		case plan.ErrorCode(err) == plan.ECONFLICT:
			refused++
		default:
			t.Errorf("replace: %v", err)
		}
		time.Sleep(time.Millisecond)
	}
	<-done
	for i, c := range writers {
		if !c.ProcessState.Success() {
			t.Errorf("writer %d: %s", i, outs[i])
		}
		t.Logf("writer %d: %s", i, strings.TrimSpace(lastLine(outs[i].String())))
	}
	if replaced == 0 {
		t.Log("no replace got in between the writers this time")
	}
	t.Logf("replaces: %d done, %d refused", replaced, refused)
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var ok string
	db.r.QueryRow("PRAGMA integrity_check").Scan(&ok)
	if ok != "ok" {
		t.Errorf("integrity_check: %s", ok)
	}
	if p := mustPortfolio(t, db); p.Name != "Replacement" && !strings.HasPrefix(p.Name, "edit ") {
		t.Errorf("the file reads %q", p.Name)
	}
}

// lastLine returns the writer's summary line.
func lastLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " edits, ") {
			return l
		}
	}
	return s
}

// TestRaceWriterProcess is the writer process of TestReplaceRacingWriters;
// it does nothing in a normal test run.
func TestRaceWriterProcess(t *testing.T) {
	path := os.Getenv("STEERCO_RACE_WRITER")
	if path == "" {
		t.Skip("only as a child of TestReplaceRacingWriters")
	}
	rounds, _ := strconv.Atoi(os.Getenv("STEERCO_RACE_ROUNDS"))
	ctx := context.Background()
	edited, refused := 0, 0
	for i := 0; edited < rounds && i < 20*rounds; i++ {
		db, err := Open(ctx, path)
		if plan.ErrorCode(err) == plan.ECONFLICT {
			refused++
			time.Sleep(time.Millisecond)
			continue
		}
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		db.w.Exec("PRAGMA wal_autocheckpoint = 0") // keep the changes in the -wal, as in the report
		if err := db.Update(ctx, "rename", rename(fmt.Sprintf("edit %d.%d", os.Getpid(), i))); err != nil {
			t.Fatalf("edit: %v", err)
		}
		p, err := db.Portfolio(ctx)
		if err != nil || !strings.HasPrefix(p.Name, "edit ") {
			t.Fatalf("read back %v %v", p, err)
		}
		edited++
		if err := db.Close(); err != nil {
			t.Fatalf("close: %v", err)
		}
		time.Sleep(time.Millisecond)
	}
	fmt.Printf("%d edits, %d opens refused\n", edited, refused)
}

// Killed writes leave ".NAME.*.tmp" files; the next Open removes those no
// process is writing, and keeps one that is being written.
func TestOpenRemovesStaleTemporaries(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "p.steerco")
	goodFile(t, path)
	stale := filepath.Join(dir, ".p.steerco.1234.tmp")
	os.WriteFile(stale, []byte("half a database"), 0o644)
	os.WriteFile(stale+"-journal", []byte("x"), 0o644)
	saveAs := filepath.Join(dir, ".copy for the board.steerco.55.tmp") // a Save As to a name never used again
	os.WriteFile(saveAs, []byte("half a copy"), 0o644)
	os.MkdirAll(BackupDir(path), 0o755)
	backup := filepath.Join(BackupDir(path), ".p.backup.77.tmp")
	os.WriteFile(backup, []byte("half a backup"), 0o644)
	notOurs := filepath.Join(dir, ".notes.txt.88.tmp")
	os.WriteFile(notOurs, []byte("another program's"), 0o644)
	live, lk, err := tempFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer lk.release()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(notOurs); err != nil {
		t.Errorf("another program's temporary file was removed: %v", err)
	}
	for _, gone := range []string{stale, stale + "-journal", saveAs, backup} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("%s is still there", gone)
		}
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("the temporary file being written was removed: %v", err)
	}
}

// crashAfterUpdate leaves at path a portfolio whose last Update (a rename to
// name) is only in its -wal, as a Steerco killed right after it would.
func crashAfterUpdate(t *testing.T, path, name string) {
	t.Helper()
	ctx := context.Background()
	work := filepath.Join(t.TempDir(), "work.steerco")
	goodFile(t, work)
	db, err := Open(ctx, work)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.w.Exec("PRAGMA wal_autocheckpoint = 0")
	if err := db.Update(ctx, "rename", rename(name)); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"", "-wal"} {
		b, err := os.ReadFile(work + s)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(path+s, b, 0o644)
	}
}

// While another process has the file open (with its last change only in the
// -wal), Open is refused and OpenReadOnly reads the committed state beside
// it, refusing writes; Save As of that state works.
func TestOpenReadOnlyBesideAnotherSteerco(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.steerco")
	goodFile(t, path)
	holder := exec.Command(os.Args[0], "-test.run=^TestHoldProcess$")
	holder.Env = append(os.Environ(), "STEERCO_HOLD="+path)
	stdin, _ := holder.StdinPipe()
	stdout, _ := holder.StdoutPipe()
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	defer holder.Wait()
	defer stdin.Close()
	buf := make([]byte, 64)
	if n, err := stdout.Read(buf); err != nil || !strings.Contains(string(buf[:n]), "holding") {
		t.Fatalf("the holder: %q %v", buf[:n], err)
	}
	if _, err := Open(ctx, path); !isOpenElsewhere(err) {
		t.Fatalf("Open beside another Steerco: %v", err)
	}
	db, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.ReadOnly() {
		t.Error("not read-only")
	}
	if p := mustPortfolio(t, db); p.Name != "Committed by the other Steerco" {
		t.Errorf("reads %q", p.Name)
	}
	err = db.Update(ctx, "rename", rename("mine"))
	if plan.ErrorCode(err) != plan.ECONFLICT || !strings.Contains(err.Error(), "open read-only here because another Steerco has it open") {
		t.Errorf("Update on a read-only handle: %v", err)
	}
	if _, err := db.Undo(ctx); plan.ErrorCode(err) != plan.ECONFLICT {
		t.Errorf("Undo on a read-only handle: %v", err)
	}
	cp := filepath.Join(dir, "copy.steerco")
	if err := db.SaveAs(ctx, cp); err != nil {
		t.Fatal(err)
	}
	c, err := Open(ctx, cp)
	if err != nil {
		t.Fatal(err)
	}
	if p := mustPortfolio(t, c); p.Name != "Committed by the other Steerco" {
		t.Errorf("the copy reads %q", p.Name)
	}
	c.Close()
	db.Close()
	stdin.Close()
	holder.Wait()
	// Alone again: OpenReadOnly is Open.
	db2, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if db2.ReadOnly() {
		t.Error("read-only with no other Steerco")
	}
	if err := db2.Update(ctx, "rename", rename("mine")); err != nil {
		t.Error(err)
	}
}

// TestHoldProcess is the other Steerco of TestOpenReadOnlyBesideAnotherSteerco.
func TestHoldProcess(t *testing.T) {
	path := os.Getenv("STEERCO_HOLD")
	if path == "" {
		t.Skip("only as a child of TestOpenReadOnlyBesideAnotherSteerco")
	}
	ctx := context.Background()
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.w.Exec("PRAGMA wal_autocheckpoint = 0")
	if err := db.Update(ctx, "rename", rename("Committed by the other Steerco")); err != nil {
		t.Fatal(err)
	}
	fmt.Println("holding")
	io.Copy(io.Discard, os.Stdin)
}
