package uithread

import (
	"context"

	"fyne.io/fyne/v2/widget"
)

// Runner is one cancellable run at a time behind a Run button, a Cancel
// button and a progress bar (the Forecast screen's run, the Scenarios
// screen's comparisons and its cost of yes). While a run is in flight Run
// is disabled, Cancel enabled and the bar shown from 0; when it ends they
// go back. Its methods are called on the UI goroutine.
type Runner struct {
	run, cancelBtn *widget.Button
	progress       *widget.ProgressBar
	cancel         context.CancelFunc
}

// NewRunner drives run, cancel and progress; it disables cancel and hides
// progress until a run begins.
func NewRunner(run, cancel *widget.Button, progress *widget.ProgressBar) *Runner {
	cancel.Disable()
	progress.Hide()
	return &Runner{run: run, cancelBtn: cancel, progress: progress}
}

// Running reports whether a run is in flight.
func (r *Runner) Running() bool { return r.cancel != nil }

// Begin starts a run and returns its context; ok is false (and nothing
// changes) while another run is in flight.
func (r *Runner) Begin() (ctx context.Context, ok bool) {
	if r.cancel != nil {
		return nil, false
	}
	ctx, r.cancel = context.WithCancel(context.Background())
	r.run.Disable()
	r.cancelBtn.Enable()
	r.progress.SetValue(0)
	r.progress.Show()
	return ctx, true
}

// Progress moves the bar to done out of total (nothing while total is 0).
func (r *Runner) Progress(done, total int) {
	if total > 0 {
		r.progress.SetValue(float64(done) / float64(total))
	}
}

// Cancel asks the run in flight to stop and disables Cancel; it reports
// false when no run is in flight. The run still ends through End.
func (r *Runner) Cancel() bool {
	if r.cancel == nil {
		return false
	}
	r.cancelBtn.Disable()
	r.cancel()
	return true
}

// End puts the controls back once a run has ended: Run enabled, Cancel
// disabled, the bar hidden.
func (r *Runner) End() {
	if r.cancel != nil {
		r.cancel() // releases the context's resources
		r.cancel = nil
	}
	r.run.Enable()
	r.cancelBtn.Disable()
	r.progress.Hide()
}

// Run begins a run of work on its own goroutine (Go): its progress moves
// the bar and, once it returns, End is called and then done with what it
// returned, both on the UI goroutine (Do). It reports false, and does
// nothing, while another run is in flight.
func Run[T any](r *Runner, work func(ctx context.Context, progress func(done, total int)) (T, error), done func(T, error)) bool {
	ctx, ok := r.Begin()
	if !ok {
		return false
	}
	progress := func(d, t int) { Do(func() { r.Progress(d, t) }) }
	Go(func() {
		v, err := work(ctx, progress)
		Do(func() {
			r.End()
			done(v, err)
		})
	})
	return true
}
