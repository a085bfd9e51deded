package uithread

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A run disables Run and shows the bar; Cancel stops it and the controls
// come back before done sees context.Canceled. A second Run while one is
// in flight does nothing.
func TestRunnerCancel(t *testing.T) {
	test.NewTempApp(t)
	Test(t)
	run, cancel, bar := widget.NewButton("Run", nil), widget.NewButton("Cancel", nil), widget.NewProgressBar()
	r := NewRunner(run, cancel, bar)
	if bar.Visible() || !cancel.Disabled() || run.Disabled() {
		t.Fatal("idle controls: bar shown, or Cancel enabled, or Run disabled")
	}
	started := make(chan struct{})
	var got error
	var idle bool
	work := func(ctx context.Context, progress func(done, total int)) (int, error) {
		progress(1, 4)
		close(started)
		<-ctx.Done()
		return 0, ctx.Err()
	}
	if !Run(r, work, func(_ int, err error) { got, idle = err, !run.Disabled() && cancel.Disabled() && !bar.Visible() }) {
		t.Fatal("Run refused with nothing running")
	}
	if !run.Disabled() || cancel.Disabled() || !bar.Visible() || !r.Running() {
		t.Fatal("running: Run enabled, Cancel disabled or the bar hidden")
	}
	if Run(r, work, func(int, error) { t.Error("a second run ran") }) {
		t.Error("a second Run was started while one was in flight")
	}
	<-started
	if !Until(time.Minute, func() bool { return bar.Value == 0.25 }) {
		t.Fatalf("progress %v, want 0.25", bar.Value)
	}
	if !r.Cancel() || !cancel.Disabled() {
		t.Fatal("Cancel refused, or left Cancel enabled")
	}
	if err := Settle(time.Minute); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(got, context.Canceled) || !idle || r.Running() {
		t.Errorf("done got %v, controls idle %v, running %v", got, idle, r.Running())
	}
	if r.Cancel() {
		t.Error("Cancel with nothing running reported true")
	}
}
