package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/forecast"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// fcDemoFile writes the demo portfolio, dated at its anchor week, to a new
// .steerco file and returns its path and the anchor.
func fcDemoFile(t *testing.T) (string, plan.Date) {
	t.Helper()
	anchor, err := demo.Anchor()
	if err != nil {
		t.Fatal(err)
	}
	p, err := demo.Portfolio(anchor)
	if err != nil {
		t.Fatal(err)
	}
	// The verbs' tests take their own snapshots; the demo's two past ones
	// are calibration's (calibration_test.go).
	p.Snapshots = nil
	path := filepath.Join(t.TempDir(), "demo.steerco")
	db, err := sqlite.Create(context.Background(), path, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, anchor
}

// fcRun runs a command line with buffers; the clock reads the anchor day and
// moves on by a second at each reading, so progress shows.
func fcRun(ctx context.Context, today plan.Date, args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	var mu sync.Mutex
	clock := today.Time().Add(9 * time.Hour)
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Second)
		return clock
	}}
	code = run(ctx, e, append([]string{"forecast"}, args...))
	return code, out.String(), errb.String()
}

func TestForecastVerb(t *testing.T) {
	path, anchor := fcDemoFile(t)
	ctx := context.Background()

	t.Run("table", func(t *testing.T) {
		code, out, errOut := fcRun(ctx, anchor, path, "--trials", "2000")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{
			"Forecast of FHIR Interoperability Programme as of " + figure.Date(anchor) + ": 2,000 trials, seed 1, Monte Carlo sampling, triangular effort.",
			"Committed and planned items", "api-coverage", "Milestones", "CMS Interoperability mandate go-live",
			"committed items meet their targets together", "Team load per quarter", "fhir-api",
			"Risk drivers", "risk-ehr-sandbox", "Notes", "risk-aws-cost", "Precision:",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "api-uscore7") {
			t.Errorf("stretch items should not be in the table")
		}
		// The team-load table says what over-commitment is measured on,
		// before the figures: the work due by the quarter's end against the
		// capacity to that end.
		def, head := strings.Index(out, app.OverCommitment), strings.Index(out, "DUE BY END P50–P85")
		if def < 0 || head < 0 || def > head || !strings.Contains(out[head:], "CAPACITY TO END") || !strings.Contains(out[head:], "P(OVER-COMMITTED)") {
			t.Errorf("the team-load table should state the definition above DUE BY END P50–P85 and CAPACITY TO END:\n%s", out)
		}
		// Progress: plain lines (stderr is not a terminal), at most one per tenth.
		lines := strings.Split(strings.TrimSpace(errOut), "\n")
		if len(lines) < 2 || len(lines) > 11 || !strings.HasPrefix(lines[0], "forecast: ") || !strings.Contains(errOut, "100% (") {
			t.Errorf("progress on stderr:\n%s", errOut)
		}
	})

	t.Run("json", func(t *testing.T) {
		code, out, errOut := fcRun(ctx, anchor, "--json", "--trials", "1000", "--seed", "9", "--no-risks", path, "--as-of", anchor.AddDays(7).String())
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var f outlook.Forecast
		if err := json.Unmarshal([]byte(out), &f); err != nil {
			t.Fatalf("not a forecast: %v\n%s", err, out)
		}
		if f.Trials != 1000 || f.Seed != 9 || f.AsOf != anchor.AddDays(7) || len(f.Risks) != 0 || f.Milestone("m-cms") == nil {
			t.Errorf("forecast: trials %d seed %d as of %s, %d risks", f.Trials, f.Seed, f.AsOf, len(f.Risks))
		}
	})

	t.Run("same seed, same output", func(t *testing.T) {
		_, a, _ := fcRun(ctx, anchor, path, "--trials", "1000", "--sampling", "lhs", "--dist", "lognormal", "--no-risks")
		_, b, _ := fcRun(ctx, anchor, path, "--trials", "1000", "--sampling", "lhs", "--dist", "lognormal", "--no-risks")
		if a != b || !strings.Contains(a, "Latin hypercube sampling, lognormal effort") {
			t.Errorf("two runs differ or lack their options:\n%s\n---\n%s", a, b)
		}
	})

	t.Run("model", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "model.json")
		code, _, errOut := fcRun(ctx, anchor, path, "--trials", "500", "--no-risks", "--model", out)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		fh, err := os.Open(out)
		if err != nil {
			t.Fatal(err)
		}
		defer fh.Close()
		m, err := forecast.ParseModel(fh)
		if err != nil {
			t.Fatalf("the model does not read back: %v", err)
		}
		if len(m.Teams) != 4 || len(m.Risks()) == 0 {
			t.Errorf("model has %d teams and %d risks", len(m.Teams), len(m.Risks()))
		}
	})

	t.Run("cancelled", func(t *testing.T) {
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		code, _, errOut := fcRun(cctx, anchor, path)
		if code != exitCancelled || !strings.Contains(errOut, "cancelled; nothing was written") {
			t.Errorf("exit %d, stderr %q; want 130 and the cancelled message", code, errOut)
		}
	})
}

func TestForecastErrors(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", nil, exitUsage, "which portfolio?"},
		{"two files", []string{"a.steerco", "b.steerco"}, exitUsage, "one portfolio file at a time"},
		{"bad distribution", []string{"a.steerco", "--dist", "normal"}, exitUsage, "--dist: The effort distribution must be triangular, betapert or lognormal"},
		{"bad sampling", []string{"a.steerco", "--sampling", "sobol"}, exitUsage, "--sampling: Sampling must be mc (Monte Carlo) or lhs"},
		{"bad trials", []string{"a.steerco", "--trials", "0"}, exitUsage, "--trials: The number of trials must be from 1 to 1,000,000, not 0."},
		{"bad date", []string{"a.steerco", "--as-of", "21/11/2026"}, exitUsage, "not a date"},
		{"model over a portfolio", []string{"a.steerco", "--model", "b.steerco"}, exitUsage, "looks like a portfolio file"},
		{"unknown flag", []string{"a.steerco", "--fast"}, exitUsage, "flag provided but not defined"},
		{"missing file", []string{filepath.Join(dir, "none.steerco")}, exitFailure, "none.steerco"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, errOut := fcRun(ctx, plan.MustDate("2026-11-16"), c.args...)
			if code != c.code || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr %q; want %d containing %q", code, errOut, c.code, c.want)
			}
		})
	}
}
