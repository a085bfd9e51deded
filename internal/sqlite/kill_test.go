//go:build killtest

// The kill harness (make kill-test; not part of make test): it SIGKILLs the
// real steerco binary, and a worker doing what the window does (edits,
// undo, Save As through this package), at random points, many times, and
// after each kill checks the file: Steerco's full check, PRAGMA
// integrity_check, the audit log against the data, and the data against the
// state before and after the interrupted change.

package sqlite

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"steerco/internal/plan"
)

var (
	killBin    = flag.String("kill.bin", "", "the steerco binary to kill (required)")
	killN      = flag.Int("kill.n", 500, "how many kills: rounds go on until this many processes were killed mid-change")
	killSeed   = flag.Uint64("kill.seed", 1, "the seed of the random kill points")
	killReport = flag.String("kill.report", "", "append the figures to this file")
)

// killOp is one kind of write the harness interrupts.
type killOp struct {
	name   string
	worker bool // run by this test binary (TestKillWorker), not the steerco binary
	// args returns the command line for round n on file (and out, Save As's target).
	args func(n int, dir, file, out string) []string
}

var killOps = []killOp{
	{name: "import deployments", args: func(n int, dir, file, out string) []string {
		csv := filepath.Join(dir, fmt.Sprintf("deployments-%d.csv", n))
		var b strings.Builder
		b.WriteString("type,id,time,service\n")
		for i := 0; i < 300; i++ {
			fmt.Fprintf(&b, "deployment,k%d-%d,2026-%02d-%02dT10:%02d:00Z,svc%d\n", n, i, 1+i%11, 1+i%28, i%60, i%5)
		}
		os.WriteFile(csv, []byte(b.String()), 0o644)
		return []string{"import", csv, "--into", file}
	}},
	{name: "snapshot", args: func(n int, dir, file, out string) []string {
		return []string{"snapshot", file, "--name", fmt.Sprintf("Kill %d", n), "--seed", strconv.Itoa(n), "--trials", "300", "--as-of", "2026-12-07"}
	}},
	{name: "import-json --force", args: func(n int, dir, file, out string) []string {
		return []string{"import-json", filepath.Join(dir, fmt.Sprintf("portfolio-%d.json", n%2)), "-o", file, "--force"}
	}},
	{name: "demo --force", args: func(n int, dir, file, out string) []string {
		return []string{"demo", "-o", file, "--force"}
	}},
	{name: "edit", worker: true, args: func(n int, dir, file, out string) []string { return []string{"edit", file, strconv.Itoa(n)} }},
	{name: "undo", worker: true, args: func(n int, dir, file, out string) []string { return []string{"undo", file} }},
	{name: "save as", worker: true, args: func(n int, dir, file, out string) []string { return []string{"saveas", file, out} }},
}

// fileState is what a round compares: the portfolio as JSON ("" when there
// is no file) and its number of batches.
type killState struct {
	json    string
	batches int
}

func TestKillHarness(t *testing.T) {
	if *killBin == "" {
		t.Skip("give -kill.bin BINARY (make kill-test does)")
	}
	bin, err := filepath.Abs(*killBin)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	r := rand.New(rand.NewPCG(*killSeed, 15))
	dir := t.TempDir()
	file := filepath.Join(dir, "board.steerco")
	out := filepath.Join(dir, "copy.steerco")
	refDir := filepath.Join(dir, "ref")
	run := func(op killOp, args []string) *exec.Cmd {
		var cmd *exec.Cmd
		if op.worker {
			cmd = exec.Command(os.Args[0], "-test.run=^TestKillWorker$")
			cmd.Env = append(os.Environ(), "STEERCO_KILL_WORKER="+strings.Join(args, "\x1f"))
		} else {
			cmd = exec.Command(bin, args...)
			cmd.Env = append(os.Environ(), "LANG=en_US.UTF-8")
		}
		cmd.Dir = dir
		return cmd
	}
	mustRun := func(args ...string) {
		if b, err := exec.Command(bin, args...).CombinedOutput(); err != nil {
			t.Fatalf("steerco %v: %v\n%s", args, err, b)
		}
	}
	mustRun("demo", "-o", file)
	mustRun("demo", "--json", "-o", filepath.Join(dir, "portfolio-0.json"))
	// A second portfolio to replace with: the demo renamed, one team fewer.
	f0, err := os.Open(filepath.Join(dir, "portfolio-0.json"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := plan.ReadJSON(f0)
	f0.Close()
	if err != nil {
		t.Fatal(err)
	}
	p.Name = "Second portfolio"
	os.WriteFile(filepath.Join(dir, "portfolio-1.json"), []byte(jsonOf(t, p)), 0o644)

	counts := map[string]int{}
	outcome := map[string]map[string]int{}
	note := func(op, what string) {
		if outcome[op] == nil {
			outcome[op] = map[string]int{}
		}
		outcome[op][what]++
		counts[what]++
	}
	var failures []string
	fail := func(round int, op, format string, args ...any) {
		msg := fmt.Sprintf("round %d (%s): %s", round, op, fmt.Sprintf(format, args...))
		failures = append(failures, msg)
		t.Error(msg)
		note(op, "FAILED")
	}
	start := time.Now()
	kills := 0
	for n := 1; kills < *killN && n <= 3**killN && len(failures) < 10; n++ {
		op := killOps[r.IntN(len(killOps))]
		before := stateOfFile(t, file)
		beforeOut := stateOfFile(t, out)
		if op.name == "undo" && before.batches < 2 {
			op = killOps[4] // nothing to undo: edit instead
		}
		// The reference run: the same change, to completion, on a copy.
		os.RemoveAll(refDir)
		os.MkdirAll(refDir, 0o755)
		refFile, refOut := filepath.Join(refDir, "board.steerco"), filepath.Join(refDir, "copy.steerco")
		copyIfExists(t, file, refFile)
		copyIfExists(t, out, refOut)
		t0 := time.Now()
		ref := run(op, op.args(n, dir, refFile, refOut))
		if b, err := ref.CombinedOutput(); err != nil {
			t.Fatalf("round %d: reference %s: %v\n%s", n, op.name, err, b)
		}
		took := time.Since(t0)
		after, afterOut := stateOfFile(t, refFile), stateOfFile(t, refOut)

		// The real run, killed at a random point of it.
		cmd := run(op, op.args(n, dir, file, out))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(took))))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		killed := false
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed = true
		}
		stale := append(staleTemps(file), staleTemps(out)...)

		// The checks, as the next run of Steerco sees the file.
		now, problem := verifyKilled(ctx, t, file)
		if problem != "" {
			fail(n, op.name, "%s", problem)
			break
		}
		state := "after"
		switch {
		case now.json == before.json && now.batches == before.batches:
			state = "before"
		case now.json == after.json && now.batches == after.batches:
		default:
			fail(n, op.name, "the file is neither as before nor as after the change (batches %d; before %d, after %d)", now.batches, before.batches, after.batches)
			continue
		}
		if op.name == "save as" {
			nowOut, problem := verifyKilled(ctx, t, out)
			switch {
			case problem != "" && nowOut.json != "":
				fail(n, op.name, "the copy: %s", problem)
			case nowOut.json == beforeOut.json:
				counts["save as: the copy as it was"]++
			case nowOut.json == afterOut.json:
				counts["save as: the copy complete and new"]++
			default:
				fail(n, op.name, "the copy is neither the old copy nor a complete new one")
			}
		}
		if left := append(staleTemps(file), staleTemps(out)...); len(left) > 0 {
			fail(n, op.name, "temporary files left after the next open: %v", left)
		}
		what := "finished before the kill"
		if killed {
			kills++
			what = "killed, file " + state
		}
		note(op.name, what)
		if len(stale) > 0 {
			counts["stale temporary files removed by the next open"] += len(stale)
		}
	}
	total := 0
	for _, m := range outcome {
		for _, c := range m {
			total += c
		}
	}
	var lines []string
	lines = append(lines, fmt.Sprintf("kill harness, seed %d: %d rounds, %d processes killed mid-change, in %s", *killSeed, total, kills, time.Since(start).Round(time.Second)))
	ops := make([]string, 0, len(outcome))
	for o := range outcome {
		ops = append(ops, o)
	}
	sort.Strings(ops)
	for _, o := range ops {
		lines = append(lines, fmt.Sprintf("  %-20s %v", o, outcome[o]))
	}
	keys := make([]string, 0, len(counts))
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lines = append(lines, fmt.Sprintf("  total: %-46s %d", k, counts[k]))
	}
	lines = append(lines, fmt.Sprintf("  failures: %d", len(failures)))
	report := strings.Join(lines, "\n") + "\n"
	fmt.Print(report)
	if *killReport != "" {
		f, err := os.OpenFile(*killReport, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
		if err == nil {
			f.WriteString(report)
			f.Close()
		}
	}
}

// verifyKilled checks a file after a kill as the next Steerco run would see
// it, and returns its state, or a problem.
func verifyKilled(ctx context.Context, t *testing.T, path string) (killState, string) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return killState{}, ""
	}
	if err := check(ctx, path, path); err != nil {
		return killState{}, "Steerco's check refused it: " + err.Error()
	}
	db, err := Open(ctx, path)
	if err != nil {
		return killState{}, "it does not open: " + err.Error()
	}
	defer db.Close()
	var ok string
	if err := db.r.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		return killState{}, fmt.Sprintf("integrity_check: %s %v", ok, err)
	}
	if problem := auditMatchesData(ctx, db); problem != "" {
		return killState{}, problem
	}
	p, err := db.Portfolio(ctx)
	if err != nil {
		return killState{}, "it does not read: " + err.Error()
	}
	bs, err := db.Batches(ctx, 0)
	if err != nil {
		return killState{}, err.Error()
	}
	for _, b := range mustBackups(path) {
		if err := check(ctx, b, b); err != nil {
			return killState{}, "a backup does not check: " + err.Error()
		}
	}
	return killState{json: jsonOf(t, p), batches: len(bs)}, ""
}

func mustBackups(path string) []string {
	bs, _ := Backups(path)
	var out []string
	for _, b := range bs {
		out = append(out, b.Path)
	}
	return out
}

// auditMatchesData replays the audit log backwards from the stored data to
// the creation entry: every change has its entries and every entry its
// change. Batches run 1..N with entries in each.
func auditMatchesData(ctx context.Context, db *DB) string {
	var n, maxB, empty, orphans int
	db.r.QueryRowContext(ctx, "SELECT count(*), coalesce(max(batch), 0) FROM batches").Scan(&n, &maxB)
	if n != maxB || n == 0 {
		return fmt.Sprintf("the batches are not numbered 1..%d (%d of them)", maxB, n)
	}
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM batches b WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.batch = b.batch)").Scan(&empty)
	db.r.QueryRowContext(ctx, "SELECT count(*) FROM audit_log a WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE a.batch = b.batch)").Scan(&orphans)
	if empty > 0 || orphans > 0 {
		return fmt.Sprintf("%d batches without entries, %d entries without a batch", empty, orphans)
	}
	p, err := db.Portfolio(ctx)
	if err != nil {
		return err.Error()
	}
	es, err := audit(ctx, db.r, "WHERE batch > 1 ORDER BY seq DESC")
	if err != nil {
		return err.Error()
	}
	for _, e := range es {
		if err := revertEntry(p, e); err != nil {
			return fmt.Sprintf("audit entry %d does not apply to the data: %v", e.Seq, err)
		}
	}
	p.Normalize()
	first, err := audit(ctx, db.r, "WHERE batch = 1 ORDER BY seq")
	if err != nil || len(first) != 1 || first[0].Action != "create" {
		return fmt.Sprintf("the creation entry: %v %v", first, err)
	}
	var created plan.Portfolio
	if err := json.Unmarshal([]byte(first[0].New), &created); err != nil {
		return err.Error()
	}
	created.Normalize()
	var a, b strings.Builder
	plan.WriteJSON(&a, p)
	plan.WriteJSON(&b, &created)
	if a.String() != b.String() {
		return fmt.Sprintf("the data undone entry by entry (%d entries) is not the portfolio the file was created with", len(es))
	}
	return ""
}

func stateOfFile(t *testing.T, path string) killState {
	t.Helper()
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return killState{}
	}
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("state of %s: %v", path, err)
	}
	defer db.Close()
	p := mustPortfolio(t, db)
	bs, _ := db.Batches(context.Background(), 0)
	return killState{json: jsonOf(t, p), batches: len(bs)}
}

func copyIfExists(t *testing.T, from, to string) {
	t.Helper()
	if b, err := os.ReadFile(from); err == nil {
		if err := os.WriteFile(to, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// staleTemps lists the temporary files of path, beside it and in its
// backups folder.
func staleTemps(path string) []string {
	a, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp*"))
	b, _ := filepath.Glob(filepath.Join(BackupDir(path), ".*.tmp*"))
	return append(a, b...)
}

// TestKillWorker does, in a process of its own, what the window does through
// this package: an edit, an undo, a Save As.
func TestKillWorker(t *testing.T) {
	spec := os.Getenv("STEERCO_KILL_WORKER")
	if spec == "" {
		t.Skip("only as a child of TestKillHarness")
	}
	args := strings.Split(spec, "\x1f")
	ctx := context.Background()
	db, err := Open(ctx, args[1])
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	switch args[0] {
	case "edit":
		n, _ := strconv.Atoi(args[2])
		err = db.Update(ctx, fmt.Sprintf("kill edit %d", n), func(p *plan.Portfolio) error {
			p.Name = fmt.Sprintf("Edited %d", n)
			for i := range p.Items {
				p.Items[i].Notes = fmt.Sprintf("edit %d of item %d", n, i)
				if p.Items[i].Rank >= 0 {
					p.Items[i].Rank = (p.Items[i].Rank + n) % 997
				}
			}
			for i := range p.Teams {
				p.Teams[i].WIPLimit = 1 + (p.Teams[i].WIPLimit+n)%7
			}
			return nil
		})
	case "undo":
		_, err = db.Undo(ctx)
	case "saveas":
		err = db.SaveAs(ctx, args[2])
	default:
		err = fmt.Errorf("unknown worker op %q", args[0])
	}
	if err != nil {
		t.Fatal(err)
	}
}
