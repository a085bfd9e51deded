package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/xuri/excelize/v2"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/ui"
	"steerco/internal/ui/reports"
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
	b, err := json.Marshal(&c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The board pack from the Reports screen (in the real shell) and from
// steerco report, on the same file and day, hold the same figures: every
// cell of every sheet of the workbook is the same.
func TestBoardPackSameInTheWindowAndOnTheCommandLine(t *testing.T) {
	ctx := context.Background()
	today := plan.MustDate("2026-11-18")
	dir := t.TempDir()
	path, err := demo.EnsureDemoFile(ctx, dir, plan.MustDate("2027-01-13")) // plans from after today
	if err != nil {
		t.Fatal(err)
	}
	cliOut := filepath.Join(t.TempDir(), "cli.xlsx")
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: func() time.Time { return today.Time().Add(9 * time.Hour) }}
	if code := run(ctx, e, []string{"report", path, "--template", app.DefaultTemplate, "--xlsx", cliOut}); code != 0 {
		t.Fatalf("steerco report: exit %d: %s", code, errb.String())
	}

	a := test.NewTempApp(t)
	sh := ui.New(a, app.DiskFiles(), func() plan.Date { return today })
	t.Cleanup(func() { sh.Window().Close() })
	idle := make(chan struct{}, 8)
	sh.OnForecastIdle(func() { idle <- struct{}{} })
	if err := sh.Open(path); err != nil {
		t.Fatal(err)
	}
	select { // let the window's own forecast finish first: one thing at a time on the UI
	case <-idle:
	case <-time.After(2 * time.Minute):
		t.Fatal("the window's forecast did not finish within two minutes")
	}
	svc := sh.Services()
	rs := reports.New(svc, svc, svc, svc)
	rs.Show(sh.Portfolio())
	rs.SelectTemplate(app.DefaultTemplate)
	rs.Export() // into the portfolio's folder, under the name the screen proposes
	p := sh.Portfolio()
	winOut := filepath.Join(dir, app.ReportName(p.Name, app.DefaultTemplate, app.AsOf(p, today, 0))+".xlsx")
	deadline := time.Now().Add(2 * time.Minute)
	for {
		if _, err := os.Stat(winOut); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the Reports screen wrote no %s within two minutes", filepath.Base(winOut))
		}
		time.Sleep(50 * time.Millisecond)
	}
	cli, win := workbookCells(t, cliOut), workbookCells(t, winOut)
	if len(cli) == 0 {
		t.Fatal("the command line's workbook is empty")
	}
	for sheet, rows := range cli {
		if got := win[sheet]; strings.Join(got, "\n") != strings.Join(rows, "\n") {
			t.Errorf("sheet %s differs between the window and the command line", sheet)
		}
	}
	if len(win) != len(cli) {
		t.Errorf("the window's workbook has %d sheets, the command line's %d", len(win), len(cli))
	}
}

// workbookCells reads every sheet of the workbook at path: sheet → rows of cells joined by tabs.
func workbookCells(t *testing.T, path string) map[string][]string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			out[sh] = append(out[sh], strings.Join(r, "\t"))
		}
	}
	return out
}
