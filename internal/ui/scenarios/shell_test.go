package scenarios_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui"
	"steerco/internal/ui/scenarios"
	"steerco/internal/ui/uitest"
)

var files = ui.Files{
	Open: func(ctx context.Context, path string) (ui.Store, error) { return sqlite.Open(ctx, path) },
	Create: func(ctx context.Context, path string, p *plan.Portfolio) (ui.Store, error) {
		return sqlite.Create(ctx, path, p)
	},
}

func headcountOn(t *testing.T, path, team string, d plan.Date) float64 {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Portfolio(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p.Team(team).HeadcountOn(d)
}

// TestApplyToPlanAndUndo applies a scenario through the shell's edit path,
// reads the file back, and undoes it with the shell's Undo shortcut.
func TestApplyToPlanAndUndo(t *testing.T) {
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	sh := ui.New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { sh.Window().Close() })
	if err := sh.Open(path); err != nil {
		t.Fatal(err)
	}
	svc := sh.Services()
	s := scenarios.New(svc, svc)
	s.Show(sh.Portfolio())
	from := today.MonthOf().Add(1).First()
	before := headcountOn(t, path, "fhir-api", from)

	for _, o := range s.Kind().Options {
		if o == app.Headcount.Label() {
			s.Kind().SetSelected(o)
		}
	}
	s.Team().SetSelected("FHIR API")
	test.Type(s.FTE(), "2")
	s.Value().SetText("0") // no ramp-up: both count from the date
	test.Tap(s.AddButton())
	if s.Changes() != 1 {
		t.Fatal("the change was not added")
	}
	if got := headcountOn(t, path, "fhir-api", from); got != before {
		t.Fatalf("adding a change to the scenario wrote to the file: %v FTE", got)
	}
	test.Tap(s.Apply())
	if got := headcountOn(t, path, "fhir-api", from); got != before {
		t.Fatalf("Promote… wrote before it was confirmed: %v FTE", got)
	}
	test.Tap(s.Confirm())
	if got := headcountOn(t, path, "fhir-api", from); got != before+2 {
		t.Fatalf("after Apply to plan the file has %v FTE on %s, want %v (status %q)", got, from, before+2, s.StatusText())
	}
	if !strings.Contains(s.StatusText(), "Undo reverts it") {
		t.Errorf("status %q", s.StatusText())
	}
	undo := &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	sh.Window().Canvas().(fyne.Shortcutable).TypedShortcut(undo)
	if got := headcountOn(t, path, "fhir-api", from); got != before {
		t.Errorf("after Undo the file has %v FTE, want %v", got, before)
	}
	if got := sh.Portfolio().Team("fhir-api").HeadcountOn(from); got != before {
		t.Errorf("after Undo the shell shows %v FTE", got)
	}
}
