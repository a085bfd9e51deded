package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

const simulateTestdata = "../../internal/forecast/testdata/"

// simulateRun runs "steerco simulate args..." through the real command-line
// wiring and returns the exit code, stdout and stderr.
func simulateRun(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, now: time.Now}
	code := run(context.Background(), e, append([]string{"simulate"}, args...))
	return code, out.String(), errb.String()
}

func TestSimulateSummary(t *testing.T) {
	code, out, errs := simulateRun(t, "", simulateTestdata+"pert_textbook.json", "--trials", "4000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"4000 trials, seed 1, Monte Carlo", "Portfolio finish", "ITEM", "P(MEET)", "N "} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestSimulateJSONTwoTeams(t *testing.T) {
	code, out, errs := simulateRun(t, "", "--json", "--period", "1", simulateTestdata+"two_teams.json", "--trials", "500", "--workers", "3")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r struct {
		Trials int `json:"trials"`
		Items  []struct {
			ID     string `json:"id"`
			Finish struct {
				Mean, P50, P85 float64
			} `json:"finish"`
			Criticality float64 `json:"criticality"`
			Sensitivity float64 `json:"sensitivity"`
		} `json:"items"`
		Portfolio struct {
			Finish struct {
				P85 float64 `json:"p85"`
				SE  struct {
					P85 float64 `json:"p85"`
				} `json:"se"`
			} `json:"finish"`
		} `json:"portfolio"`
		Teams []struct {
			ID      string `json:"id"`
			Periods []struct {
				Capacity float64 `json:"capacity"`
				POver    float64 `json:"p_over"`
			} `json:"periods"`
		} `json:"teams"`
		Committed struct {
			P float64 `json:"p_all_meet"`
		} `json:"committed"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Trials != 500 || len(r.Items) != 9 || r.Portfolio.Finish.P85 != 5 {
		t.Errorf("trials %d, %d items, portfolio P85 %v", r.Trials, len(r.Items), r.Portfolio.Finish.P85)
	}
	if r.Items[0].ID != "X1" || r.Items[0].Finish.P50 != 3 || r.Items[0].Criticality != 1 {
		t.Errorf("X1: %+v", r.Items[0])
	}
	if len(r.Teams) != 2 || r.Teams[0].Periods[1].Capacity != 0 || r.Teams[0].Periods[1].POver != 1 {
		t.Errorf("teams: %+v", r.Teams)
	}
	if r.Committed.P != 1 {
		t.Errorf("committed: %v", r.Committed.P)
	}
}

func TestSimulateSamplesCSV(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "trials.csv")
	code, _, errs := simulateRun(t, "", simulateTestdata+"pert_textbook.json", "--trials", "300", "--samples", path, "--sampling", "lhs", "--seed", "9")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 301 || rows[0][0] != "trial" || rows[0][1] != "A.start" || rows[0][2] != "A.finish" ||
		rows[0][len(rows[0])-1] != "portfolio.finish" || len(rows[0]) != 2+2*14 {
		t.Fatalf("%d rows, header %v", len(rows), rows[0])
	}
	for k, row := range rows[1:] {
		if row[0] != strconv.Itoa(k) {
			t.Fatalf("row %d is trial %s: trials out of order", k, row[0])
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	// Same seed, other worker count: the same file.
	path2 := filepath.Join(dir, "again.csv")
	simulateRun(t, "", simulateTestdata+"pert_textbook.json", "--trials", "300", "--samples", path2, "--sampling", "lhs", "--seed", "9", "--workers", "1")
	a, _ := os.ReadFile(path)
	b, _ := os.ReadFile(path2)
	if !bytes.Equal(a, b) {
		t.Error("samples differ between worker counts")
	}
}

func TestSimulateThroughputFromStdin(t *testing.T) {
	code, out, errs := simulateRun(t, `{"throughput_history_per_week":[2,3,5],"weeks":4}`, "-", "--json", "--trials", "1000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, `"kind": "how_many"`) {
		t.Errorf("output:\n%s", out)
	}
	code, out, _ = simulateRun(t, "", simulateTestdata+"throughput_when.json")
	if code != 0 || !strings.Contains(out, "When will 40 items be done?") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestSimulateErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cycle := write("cycle.json", `{"items":[{"id":"A","duration":1,"depends_on":["B"]},{"id":"B","duration":1,"depends_on":["A"]}]}`)
	bad := write("bad.json", "{\"items\": [\n  {\"id\": \"A\",, }\n]}")
	unknown := write("unknown.json", `{"items":[{"id":"A","duration":1,"depends_on":["Z"]}]}`)
	lowhigh := write("lowhigh.json", `{"items":[{"id":"A","duration":{"dist":"triangular","low":4,"mode":3,"high":2}}]}`)
	negative := write("negative.json", `{"teams":[{"id":"T","capacity_per_week":-5}],"items":[{"id":"A","effort":3,"team":"T"}]}`)
	for _, c := range []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"no file", nil, 2, []string{"which model?", "usage: steerco simulate"}},
		{"two files", []string{cycle, bad}, 2, []string{"one model file at a time"}},
		{"bad flag", []string{cycle, "--trails", "5"}, 2, []string{"flag provided but not defined: -trails"}},
		{"bad sampling", []string{cycle, "--sampling", "sobol"}, 2, []string{"--sampling must be mc or lhs"}},
		{"bad trials", []string{cycle, "--trials", "0"}, 2, []string{"--trials must be at least 1"}},
		{"missing file", []string{filepath.Join(dir, "nope.json")}, 1, []string{"no model file"}},
		{"cycle", []string{cycle}, 1, []string{"dependency cycle: A → B → A"}},
		{"malformed", []string{bad}, 1, []string{"bad.json: model JSON, line 2, column 14"}},
		{"unknown id", []string{unknown}, 1, []string{`depends on unknown item "Z"`}},
		{"low > high", []string{lowhigh}, 1, []string{"low (4) is greater than high (2)"}},
		{"negative", []string{negative}, 1, []string{"capacity_per_week must be a number ≥ 0, not -5"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, out, errs := simulateRun(t, "", c.args...)
			if code != c.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, c.code, errs)
			}
			if out != "" {
				t.Errorf("stdout not empty: %q", out)
			}
			for _, w := range c.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q lacks %q", errs, w)
				}
			}
		})
	}
}

func TestSimulateCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	dir := t.TempDir()
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: time.Now}
	code := run(ctx, e, []string{"simulate", simulateTestdata + "pert_textbook.json", "--samples", filepath.Join(dir, "s.csv")})
	if code != 130 {
		t.Errorf("exit %d, want 130 (%s)", code, errb.String())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left after cancel: %v", entries)
	}
}
