package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/sqlite"
)

// The demo's year of history scores: its two past snapshots and the
// backtest each say how often the P85 dates held, over how many forecasts,
// with the interval; bad command lines exit 2.
func TestCalibrationVerb(t *testing.T) {
	ctx := context.Background()
	anchor, err := demo.Anchor()
	if err != nil {
		t.Fatal(err)
	}
	p, err := demo.Portfolio(anchor)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "demo.steerco")
	db, err := sqlite.Create(ctx, path, p)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	code, out, errOut := snapRun(ctx, anchor, "calibration", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Scored snapshots: 2", "Steerco's P85 dates for this portfolio held ", "(90% interval ", "FHIR API", "committed", "Reliability"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = snapRun(ctx, anchor, "calibration", path, "--backtest", "--json")
	if code != 0 {
		t.Fatalf("--backtest --json: exit %d: %s", code, errOut)
	}
	var got struct {
		Kind       string
		Overall    struct{ P85 struct{ Hits, N int } }
		Throughput []struct{ Team string }
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Kind != "backtest" || got.Overall.P85.N < 80 || len(got.Throughput) != 4 {
		t.Errorf("JSON %v: %s", err, out[:min(len(out), 300)])
	}
	for _, args := range [][]string{{"calibration"}, {"calibration", path, path}, {"calibration", path, "--nope"}} {
		if code, _, _ := snapRun(ctx, anchor, args...); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code, _, _ := snapRun(ctx, anchor, "calibration", path+".missing"); code != 1 {
		t.Errorf("a missing file: exit %d, want 1", code)
	}
}
