package ui

import (
	"context"
	"errors"
	"log"
	"strconv"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/ui/screen"
)

// Forecast runs the shell starts by itself after every load and edit: a
// quick preview so numbers move while the user types, then the full run.
const (
	debounce      = 400 * time.Millisecond
	previewTrials = 1000
	fullTrials    = 10000
)

// forecaster keeps the forecast in step with the portfolio. Every edit
// cancels the run in flight, marks the shown forecast stale, and (after a
// short pause, so a burst of edits costs one run) starts a preview run, the
// full run and then the risk-driver runs on a goroutine. Results reach screens through fyne.Do.
// All fields are touched on the UI goroutine only.
type forecaster struct {
	s       *Shell
	gen     int
	cancel  context.CancelFunc
	timer   *time.Timer
	last    *outlook.Forecast
	lastGen int        // gen of the portfolio last was computed from
	mu      sync.Mutex // guards stopped, read from timer goroutines
	stopped bool
	// run is outlook.Run; tests may replace it.
	run func(ctx context.Context, p *plan.Portfolio, opts outlook.Options) (*outlook.Forecast, error)
	// onIdle, when set, is called after a full automatic run has been shown (tests).
	onIdle func()
}

func newForecaster(s *Shell) *forecaster {
	return &forecaster{s: s, run: outlook.Run}
}

func (f *forecaster) viewers(fn func(v screen.ForecastViewer)) {
	for _, sc := range f.s.screens {
		if v, ok := sc.(screen.ForecastViewer); ok {
			fn(v)
		}
	}
}

// invalidate marks the forecast stale and schedules a new one after the debounce.
func (f *forecaster) invalidate() {
	f.schedule(debounce)
}

// invalidateNow re-runs at once (the Run Forecast shortcut).
func (f *forecaster) invalidateNow() { f.schedule(0) }

func (f *forecaster) schedule(after time.Duration) {
	f.gen++
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	if f.timer != nil {
		f.timer.Stop()
	}
	last := f.last
	f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(last, true) })
	if f.s.p == nil {
		return
	}
	gen := f.gen
	f.timer = time.AfterFunc(after, func() {
		f.mu.Lock()
		stopped := f.stopped
		f.mu.Unlock()
		if !stopped {
			fyne.Do(func() { f.start(gen) })
		}
	})
}

func (f *forecaster) options(trials int, risks bool) outlook.Options {
	return outlook.Options{Trials: trials, Seed: 1, AsOf: f.s.today(), RiskImpacts: risks, Curves: true}
}

func (f *forecaster) start(gen int) {
	if gen != f.gen || f.s.p == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	p := f.s.p // never modified: every edit replaces s.p with a freshly loaded portfolio
	preview, full, risks := f.options(previewTrials, false), f.options(fullTrials, false), f.options(fullTrials, true)
	f.s.setStatus("Forecasting…")
	go func() {
		// Three passes, each shown as soon as it is done: a quick preview, the
		// full run, then the full run again with every live risk switched off
		// in turn (same random numbers, so the base figures are identical and
		// only the risk drivers are added). On a large portfolio the risk
		// re-runs take longest; the dates do not wait for them.
		quick, err := f.run(ctx, p, preview)
		if err != nil {
			f.failed(gen, err)
			return
		}
		fyne.Do(func() {
			if gen == f.gen {
				f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(quick, true) })
			}
		})
		res, err := f.run(ctx, p, full)
		if err != nil {
			f.failed(gen, err)
			return
		}
		measuring := len(liveRisks(p)) > 0
		fyne.Do(func() {
			if gen != f.gen {
				return
			}
			f.last, f.lastGen = res, gen
			f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(res, false) })
			msg := "Forecast up to date: " + plural(res.Trials, "trial") + ", seed 1."
			if measuring {
				msg = "Forecast up to date: " + plural(res.Trials, "trial") + ", seed 1; measuring what each risk does to the dates…"
			} else if f.onIdle != nil {
				f.onIdle()
			}
			f.s.setStatus(msg)
		})
		if !measuring {
			return
		}
		withRisks, err := f.run(ctx, p, risks)
		if err != nil {
			f.failed(gen, err)
			return
		}
		fyne.Do(func() {
			if gen != f.gen {
				return
			}
			f.last, f.lastGen = withRisks, gen
			f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(withRisks, false) })
			f.s.setStatus("Forecast up to date: " + plural(withRisks.Trials, "trial") + ", seed 1, with risk drivers.")
			if f.onIdle != nil {
				f.onIdle()
			}
		})
	}()
}

// liveRisks lists the risks that can still move dates (the ones a risk re-run measures).
func liveRisks(p *plan.Portfolio) []string {
	var ids []string
	for _, r := range p.Risks {
		if r.Live() && r.ImpactDays > 0 && r.Probability > 0 {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func (f *forecaster) failed(gen int, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	log.Printf("steerco: forecast: %v", err)
	fyne.Do(func() {
		if gen == f.gen {
			f.s.setStatus("The forecast could not run: " + plan.ErrorMessage(err))
		}
	})
}

// runExplicit is screen.Env.Forecast: a run with the user's own options.
func (f *forecaster) runExplicit(ctx context.Context, opts outlook.Options, progress func(done, total int), done func(*outlook.Forecast, error)) {
	p := f.s.p
	if p == nil {
		done(nil, plan.Errorf(plan.EINVALID, "No portfolio is open."))
		return
	}
	if opts.AsOf.IsZero() {
		opts.AsOf = f.s.today()
	}
	if progress != nil {
		var mu sync.Mutex
		lastShown := time.Time{}
		opts.Progress = func(d, t int) {
			mu.Lock()
			defer mu.Unlock()
			if now := time.Now(); now.Sub(lastShown) > 50*time.Millisecond || d == t {
				lastShown = now
				fyne.Do(func() { progress(d, t) })
			}
		}
	}
	gen := f.gen
	go func() {
		res, err := f.run(ctx, p, opts)
		fyne.Do(func() {
			if err == nil && gen == f.gen {
				f.last, f.lastGen = res, gen
				f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(res, false) })
			}
			done(res, err)
		})
	}()
}

// stop cancels everything (window closing).
func (f *forecaster) stop() {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
	if f.timer != nil {
		f.timer.Stop()
	}
	if f.cancel != nil {
		f.cancel()
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return formatInt(n) + " " + word + "s"
}

func formatInt(n int) string {
	return plan.Group(strconv.Itoa(n))
}
