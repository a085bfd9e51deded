package main

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/ui"
)

// The same request through the command line (steerco forecast --json) and
// through the window (the shell's own forecast, on the Fyne test driver),
// on the same file and the same day, gives the same figures. The portfolio
// plans to start after that day, so both must start from its planning start
// (app.AsOf): the window used to forecast from today.
func TestForecastSameInTheWindowAndOnTheCommandLine(t *testing.T) {
	ctx := context.Background()
	today := plan.MustDate("2026-11-18")
	path, err := demo.EnsureDemoFile(ctx, t.TempDir(), plan.MustDate("2027-01-13")) // plans from Monday 11 Jan 2027
	if err != nil {
		t.Fatal(err)
	}
	p, err := app.Read(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if p.PlanningStart <= today {
		t.Fatalf("the fixture plans from %s, not after %s", p.PlanningStart, today)
	}

	// The command line, with its defaults: 10,000 trials, seed 1, risk drivers.
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: func() time.Time { return today.Time().Add(9 * time.Hour) }}
	if code := run(ctx, e, []string{"forecast", path, "--json"}); code != 0 {
		t.Fatalf("steerco forecast: exit %d: %s", code, errb.String())
	}
	var cli outlook.Forecast
	if err := json.Unmarshal(out.Bytes(), &cli); err != nil {
		t.Fatal(err)
	}

	// The window, with its defaults, on the same file and day.
	a := test.NewTempApp(t)
	sh := ui.New(a, app.DiskFiles(), func() plan.Date { return today })
	t.Cleanup(func() { sh.Window().Close() })
	idle := make(chan struct{}, 8)
	sh.OnForecastIdle(func() { idle <- struct{}{} })
	if err := sh.Open(path); err != nil {
		t.Fatal(err)
	}
	select {
	case <-idle:
	case <-time.After(2 * time.Minute):
		t.Fatal("the window's forecast did not finish within two minutes")
	}
	win := sh.ShownForecast()
	if win == nil {
		t.Fatal("the window shows no full forecast")
	}

	if cli.AsOf != p.PlanningStart || win.AsOf != p.PlanningStart {
		t.Errorf("as of: command line %s, window %s; want the planning start %s", cli.AsOf, win.AsOf, p.PlanningStart)
	}
	if len(win.Risks) == 0 {
		t.Error("the window's forecast has no risk drivers")
	}
	// The window also draws S-curves; every other figure must match.
	if got, want := figures(t, win), figures(t, &cli); got != want {
		t.Errorf("the window and the command line disagree:\nwindow:       %.600s\ncommand line: %.600s", got, want)
	}
	if win.Portfolio.P85 != cli.Portfolio.P85 {
		t.Errorf("portfolio P85: window %s, command line %s", win.Portfolio.P85, cli.Portfolio.P85)
	}
}

// figures is f as JSON without its S-curves.
func figures(t *testing.T, f *outlook.Forecast) string {
	t.Helper()
	c := *f
	c.Items = append([]outlook.ItemForecast(nil), f.Items...)
	c.Milestones = append([]outlook.MilestoneForecast(nil), f.Milestones...)
	for i := range c.Items {
		c.Items[i].Finish.Curve = nil
	}
	for i := range c.Milestones {
		c.Milestones[i].Finish.Curve = nil
	}
	c.Portfolio.Curve = nil
	if f.JCL != nil { // the scatter comes with the curves
		j := *f.JCL
		j.Scatter = nil
		c.JCL = &j
	}
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
