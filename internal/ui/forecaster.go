package ui

import (
	"context"
	"errors"
	"log"
	"strconv"
	"sync"
	"time"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/uithread"
)

// debounce is the pause after an edit before the shell forecasts again, so
// a burst of edits costs one run.
const debounce = 400 * time.Millisecond

// shown is the request behind what the screens show: the policy's full
// trials and seed, as of app.AsOf's date, with risk drivers and S-curves.
var shown = app.Request{RiskImpacts: true, Curves: true}

// forecaster keeps the forecast on screen in step with the portfolio,
// through app.Forecaster. Every edit cancels the run in flight, marks the
// shown forecast stale, and (after a short pause) starts app's sequence —
// a preview, the full run, then the risk-driver runs — on a goroutine.
// Results reach screens through uithread.Do (fyne.Do in the app). Only
// results of the shown request reach the ForecastViewers: a screen's own
// run with other settings (the board pack's export) goes back to that
// screen alone. All fields but mu's are touched on the UI goroutine only.
type forecaster struct {
	s      *Shell
	app    *app.Forecaster
	gen    int
	cancel context.CancelFunc
	timer  *uithread.Timer
	mu     sync.Mutex // guards stopped, read from timer goroutines
	// stopped is set when the window closes.
	stopped bool
	// running counts the goroutines this forecaster started (the pending
	// timer, the sequence and screens' own runs); stop waits for them, so
	// nothing of a closed window's forecast runs afterwards.
	running sync.WaitGroup
	// lastFull is the last full forecast shown, of the portfolio lastOf (this
	// one or an earlier one), shown as stale while the next one runs. It is
	// kept here, not only in app.Forecaster's few remembered results, so
	// that screens' own runs (what-ifs, exports) never push it out.
	lastFull *app.Forecast
	lastOf   *plan.Portfolio
	// onIdle, when set, is called after a full automatic run has been shown (tests).
	onIdle func()
}

func newForecaster(s *Shell) *forecaster {
	return &forecaster{s: s, app: app.NewForecaster(app.Default, s.today)}
}

func (f *forecaster) viewers(fn func(v screen.ForecastViewer)) {
	for _, sc := range f.s.screens {
		if v, ok := sc.(screen.ForecastViewer); ok {
			fn(v)
		}
	}
}

// current returns the full forecast of the portfolio on display (with risk
// drivers when they are done), or nil while there is none yet.
func (f *forecaster) current() *app.Forecast {
	if f.s.p == nil || f.lastOf != f.s.p {
		return nil
	}
	return f.lastFull
}

// invalidate marks the forecast stale and schedules a new one after the debounce.
func (f *forecaster) invalidate() {
	f.schedule(debounce)
}

// invalidateNow re-runs at once (the Run Forecast shortcut).
func (f *forecaster) invalidateNow() { f.schedule(0) }

func (f *forecaster) schedule(after time.Duration) {
	last := f.lastFull
	f.gen++
	if f.cancel != nil {
		f.cancel()
		f.cancel = nil
	}
	f.stopTimer()
	f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(last, true) })
	if f.s.p == nil {
		return
	}
	gen := f.gen
	f.running.Add(1)
	f.timer = uithread.AfterFunc(after, func() {
		defer f.running.Done()
		f.mu.Lock()
		stopped := f.stopped
		f.mu.Unlock()
		if !stopped {
			uithread.Do(func() { f.start(gen) })
		}
	})
}

func (f *forecaster) start(gen int) {
	f.mu.Lock()
	stopped := f.stopped
	f.mu.Unlock()
	if stopped || gen != f.gen || f.s.p == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	f.cancel = cancel
	p := f.s.p // never modified: every edit replaces s.p with a freshly loaded portfolio
	f.s.setStatus("Forecasting…")
	measuring := app.HasLiveRisks(p)
	f.running.Add(1)
	uithread.Go(func() {
		defer f.running.Done()
		err := f.app.Sequence(ctx, p, shown, func(stage app.Stage, res *app.Forecast) {
			uithread.Do(func() {
				if gen != f.gen {
					return
				}
				if stage != app.Preview {
					f.lastFull, f.lastOf = res, p
				}
				f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(res, stage == app.Preview) })
				seed := strconv.FormatUint(res.Seed, 10)
				switch {
				case stage == app.Preview:
				case stage == app.Full && measuring:
					f.s.setStatus("Forecast up to date: " + plural(res.Trials, "trial") + ", seed " + seed + "; measuring what each risk does to the dates…")
				case stage == app.Full:
					f.s.setStatus("Forecast up to date: " + plural(res.Trials, "trial") + ", seed " + seed + ".")
				default:
					f.s.setStatus("Forecast up to date: " + plural(res.Trials, "trial") + ", seed " + seed + ", with risk drivers.")
				}
				if (stage == app.Full && !measuring) || stage == app.RiskDrivers {
					if f.onIdle != nil {
						f.onIdle()
					}
				}
			})
		})
		if err != nil {
			f.failed(gen, err)
		}
	})
}

func (f *forecaster) failed(gen int, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	log.Printf("steerco: forecast: %v", err)
	uithread.Do(func() {
		if gen == f.gen {
			f.s.setStatus("The forecast could not run: " + plan.ErrorMessage(err))
		}
	})
}

// runRequest is screen.Forecaster.Forecast: a run with a screen's own
// request, through app.Forecaster (its defaults, bounds and as-of rule).
// progress is called on the UI goroutine, throttled by app. The result goes
// to done; it reaches the other screens only when it is the shown request's.
func (f *forecaster) runRequest(ctx context.Context, req app.Request, progress func(done, total int), done func(*app.Forecast, error)) {
	p := f.s.p
	var pr app.Progress
	if progress != nil {
		pr = func(d, t int) { uithread.Do(func() { progress(d, t) }) }
	}
	gen := f.gen
	f.running.Add(1)
	uithread.Go(func() {
		defer f.running.Done()
		res, rr, err := f.app.Run(ctx, p, req, pr)
		uithread.Do(func() {
			if err == nil && gen == f.gen {
				if want, werr := f.app.Resolve(p, shown); werr == nil && want == rr {
					f.lastFull, f.lastOf = res, p
					f.viewers(func(v screen.ForecastViewer) { v.ShowForecast(res, false) })
				}
			}
			done(res, err)
		})
	})
}

// stopTimer stops the pending timer; when it had not fired, its goroutine
// will never run, so it no longer counts as running.
func (f *forecaster) stopTimer() {
	if f.timer != nil && f.timer.Stop() {
		f.running.Done()
	}
	f.timer = nil
}

// stop cancels everything (window closing) and waits until the runs it
// started have returned: runs honour cancellation within a second, and
// what they handed back waits on the UI goroutine's queue (a pending start
// does nothing once stopped), so no forecast of this window runs afterwards.
// Screens' own runs started with a context of their own are not cancelled
// here; they are waited for too.
func (f *forecaster) stop() {
	f.mu.Lock()
	f.stopped = true
	f.mu.Unlock()
	f.stopTimer()
	if f.cancel != nil {
		f.cancel()
	}
	f.running.Wait()
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
