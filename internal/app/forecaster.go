package app

import (
	"context"
	"sync"
	"time"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Stage names one pass of Forecaster.Sequence.
type Stage int

// The passes of Sequence, in order.
const (
	Preview     Stage = iota // Policy.PreviewTrials, no risk drivers: numbers move while the user types
	Full                     // the request's trials, no risk drivers
	RiskDrivers              // the request itself, risk drivers included (only with live risks)
)

// Progress is told the trials done so far and the total of one run.
type Progress func(done, total int)

// keep is how many results a Forecaster remembers.
const keep = 8

// A Forecaster runs forecasts and remembers the last few results, each
// under its key: the portfolio it was computed from (a *plan.Portfolio is
// never modified once loaded, so the pointer is its version; Session hands
// out a new one at every load and edit) and the resolved Request. A result
// is only ever found again by the same key, so an export's run cannot stand
// in for what a screen shows unless the screen asked for the same thing.
//
// Its methods may be called from any goroutine.
type Forecaster struct {
	Policy Policy
	// Today is the date a Request without AsOf starts from (see AsOf).
	Today func() plan.Date
	// ProgressEvery is the shortest time between two progress calls (the
	// last call, done == total, always comes); 0 means 50 ms.
	ProgressEvery time.Duration

	mu      sync.Mutex
	run     func(ctx context.Context, p *plan.Portfolio, opts outlook.Options) (*outlook.Forecast, error)
	trials  int      // ForceTrials
	results []result // most recent last
}

type key struct {
	p *plan.Portfolio
	r Request
}

type result struct {
	k key
	f *outlook.Forecast
}

// NewForecaster returns a Forecaster with policy pol whose requests start
// from today() unless they name a date.
func NewForecaster(pol Policy, today func() plan.Date) *Forecaster {
	return &Forecaster{Policy: pol, Today: today, run: outlook.Run}
}

// SetRun replaces outlook.Run (tests and tools: a fixed number of trials, a
// count of runs). fn receives the resolved options.
func (fc *Forecaster) SetRun(fn func(ctx context.Context, p *plan.Portfolio, opts outlook.Options) (*outlook.Forecast, error)) {
	fc.mu.Lock()
	fc.run = fn
	fc.mu.Unlock()
}

// ForceTrials makes every run use n trials whatever it asks for (n = 0
// undoes it), so tools and tests get real forecasts quickly. Results stay
// keyed by the request as asked.
func (fc *Forecaster) ForceTrials(n int) {
	fc.mu.Lock()
	fc.trials = n
	fc.mu.Unlock()
}

func (fc *Forecaster) today() plan.Date {
	if fc.Today == nil {
		return plan.DateOf(time.Now())
	}
	return fc.Today()
}

// Resolve fills r's defaults and the as-of date for p (Policy.Resolve with
// the forecaster's today).
func (fc *Forecaster) Resolve(p *plan.Portfolio, r Request) (Request, error) {
	return fc.Policy.Resolve(p, fc.today(), r)
}

// Result returns the remembered forecast of p for r (resolved first), or
// nil when there is none.
func (fc *Forecaster) Result(p *plan.Portfolio, r Request) *outlook.Forecast {
	rr, err := fc.Resolve(p, r)
	if err != nil {
		return nil
	}
	return fc.lookup(key{p, rr})
}

func (fc *Forecaster) lookup(k key) *outlook.Forecast {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for i := len(fc.results) - 1; i >= 0; i-- {
		if fc.results[i].k == k {
			return fc.results[i].f
		}
	}
	return nil
}

func (fc *Forecaster) remember(k key, f *outlook.Forecast) {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	for i, r := range fc.results {
		if r.k == k {
			fc.results = append(fc.results[:i], fc.results[i+1:]...)
			break
		}
	}
	fc.results = append(fc.results, result{k, f})
	if len(fc.results) > keep {
		fc.results = fc.results[len(fc.results)-keep:]
	}
}

// Run forecasts p as r asks (defaults filled, as-of resolved, checked) and
// returns the forecast and the resolved request. A result remembered under
// the same key is returned without running again. progress, when set, is
// called from the run's goroutines, one call at a time, at most every
// ProgressEvery and always at the end. Errors: a plan.Error (EINVALID) for a
// request out of bounds, ctx's error when cancelled, or the run's error.
func (fc *Forecaster) Run(ctx context.Context, p *plan.Portfolio, r Request, progress Progress) (*outlook.Forecast, Request, error) {
	if p == nil {
		return nil, Request{}, plan.Errorf(plan.EINVALID, "No portfolio is open.")
	}
	rr, err := fc.Resolve(p, r)
	if err != nil {
		return nil, Request{}, err
	}
	k := key{p, rr}
	if f := fc.lookup(k); f != nil {
		if progress != nil {
			progress(f.Trials, f.Trials)
		}
		return f, rr, nil
	}
	opts := rr.Options()
	opts.Progress = fc.throttle(progress)
	fc.mu.Lock()
	run := fc.run
	if fc.trials > 0 {
		opts.Trials = fc.trials
	}
	fc.mu.Unlock()
	if run == nil {
		run = outlook.Run
	}
	f, err := run(ctx, p, opts)
	if err != nil {
		return nil, rr, err
	}
	if err := ctx.Err(); err != nil {
		return nil, rr, err
	}
	fc.remember(k, f)
	return f, rr, nil
}

// Sequence forecasts p in the passes the window shows, each handed to show
// as soon as it is done: a Preview (Policy.PreviewTrials trials, no risk
// drivers), the Full run (no risk drivers), then, when r asks for risk
// drivers and p has a live risk that can move a date, the RiskDrivers run
// (r itself). Risk drivers re-run the simulation once per risk with the same
// random numbers, so their base figures equal the Full run's. With no live
// risk, the Full run is also remembered as r's result. It stops at the first
// error (ctx's when cancelled).
func (fc *Forecaster) Sequence(ctx context.Context, p *plan.Portfolio, r Request, show func(Stage, *outlook.Forecast)) error {
	rr, err := fc.Resolve(p, r)
	if err != nil {
		return err
	}
	preview, full := rr, rr
	preview.Trials, preview.RiskImpacts, full.RiskImpacts = fc.Policy.PreviewTrials, false, false
	if preview.Trials > 0 && preview.Trials < full.Trials {
		f, _, err := fc.Run(ctx, p, preview, nil)
		if err != nil {
			return err
		}
		show(Preview, f)
	}
	f, _, err := fc.Run(ctx, p, full, nil)
	if err != nil {
		return err
	}
	if !rr.RiskImpacts || !HasLiveRisks(p) {
		if rr.RiskImpacts {
			fc.remember(key{p, rr}, f)
		}
		show(Full, f)
		return nil
	}
	show(Full, f)
	f, _, err = fc.Run(ctx, p, rr, nil)
	if err != nil {
		return err
	}
	show(RiskDrivers, f)
	return nil
}

// HasLiveRisks reports whether p has a risk that can still move a date (the
// ones a risk-driver run measures).
func HasLiveRisks(p *plan.Portfolio) bool {
	for i := range p.Risks {
		r := &p.Risks[i]
		if r.Live() && r.ImpactDays > 0 && r.Probability > 0 {
			return true
		}
	}
	return false
}

// throttle wraps progress so it is called at most every ProgressEvery, and
// always for the last trial.
func (fc *Forecaster) throttle(progress Progress) func(done, total int) {
	if progress == nil {
		return nil
	}
	every := fc.ProgressEvery
	if every <= 0 {
		every = 50 * time.Millisecond
	}
	var mu sync.Mutex
	var last time.Time
	return func(done, total int) {
		mu.Lock()
		defer mu.Unlock()
		if now := time.Now(); done == total || now.Sub(last) >= every {
			last = now
			progress(done, total)
		}
	}
}
