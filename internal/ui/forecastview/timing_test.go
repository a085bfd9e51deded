package forecastview_test

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui"
	"steerco/internal/ui/forecastview"
	"steerco/internal/ui/uitest"
	"steerco/internal/ui/uithread"
)

// TestTimingInShell measures a 10,000-trial forecast of the demo run from the
// Forecast screen inside the real shell (its Env.Forecast, progress and
// result delivery), from Run to results shown. It is a measurement, not an
// assertion: STEERCO_TIMING=1 go test -run TimingInShell -v.
func TestTimingInShell(t *testing.T) {
	if os.Getenv("STEERCO_TIMING") == "" {
		t.Skip("set STEERCO_TIMING=1 to measure")
	}
	a := uitest.NewApp(t)
	today := plan.MustDate("2026-11-21")
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	files := ui.Files{Open: func(ctx context.Context, p string) (ui.Store, error) { return sqlite.Open(ctx, p) }}
	sh := ui.New(a, files, func() plan.Date { return today })
	t.Cleanup(func() { sh.Window().Close() })
	if err := sh.Open(path); err != nil {
		t.Fatal(err)
	}
	if err := uithread.Settle(time.Minute); err != nil { // let the shell's own preview and full runs finish
		t.Fatal(err)
	}
	s := forecastview.New(sh.Services())
	s.Show(sh.Portfolio())
	done := make(chan struct{}, 1)
	s.OnFinished(func() { done <- struct{}{} })
	for i := 0; i < 3; i++ {
		test.Tap(s.RunButton())
		uitest.Wait(t, done, 5*time.Minute, "the run did not finish in 5 minutes")
		t.Logf("run %d: 10,000 trials with risk drivers, Run → results shown in %s", i+1, s.Elapsed.Round(time.Millisecond))
	}
}
