package main

import (
	"context"
	"errors"
	"flag"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/forecast"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// requestFlags are the flags of a verb that forecasts: they build one
// app.Request, checked by app's rules, so every verb asks for a forecast
// the same way the window does.
type requestFlags struct {
	trials   int
	seed     uint64
	sampling string
	dist     string
	asOf     string
}

// addRequestFlags registers --trials, --seed and --as-of on fs (with
// choices, also --sampling and --dist); what is the verb's word in the
// help ("forecast", "report", "snapshot").
func addRequestFlags(fs *flag.FlagSet, choices bool, asOfHelp string) *requestFlags {
	r := &requestFlags{}
	fs.IntVar(&r.trials, "trials", app.Default.FullTrials, "number of Monte Carlo trials")
	fs.Uint64Var(&r.seed, "seed", app.Default.Seed, "random seed: the same seed gives the same forecast")
	if choices {
		fs.StringVar(&r.sampling, "sampling", forecast.MonteCarlo, "sampling: mc (Monte Carlo) or lhs (Latin hypercube)")
		fs.StringVar(&r.dist, "dist", outlook.DistTriangular, "effort distribution: triangular, betapert or lognormal")
	}
	fs.StringVar(&r.asOf, "as-of", "", asOfHelp+" as of this date, YYYY-MM-DD: work starts no earlier (default: today, or the planning start if later)")
	return r
}

// request returns the app.Request the flags ask for; a value out of app's
// bounds is a usage error naming the flag.
func (r *requestFlags) request() (app.Request, error) {
	if err := app.CheckTrials(r.trials); err != nil {
		return app.Request{}, usageError("--trials: %s", err.(*plan.Error).Message)
	}
	req := app.Request{Trials: r.trials, Seed: r.seed, Sampling: r.sampling, Distribution: r.dist}
	if err := req.Check(); err != nil {
		var pe *plan.Error
		if errors.As(err, &pe) && len(pe.Problems) > 0 {
			flagOf := map[string]string{"sampling": "--sampling", "distribution": "--dist", "trials": "--trials"}
			return app.Request{}, usageError("%s: %s", flagOf[pe.Problems[0].Field], pe.Problems[0].Message)
		}
		return app.Request{}, usageError("%s", plan.ErrorMessage(err))
	}
	if r.asOf != "" {
		d, err := plan.ParseDate(r.asOf)
		if err != nil {
			return app.Request{}, usageError("--as-of %q is not a date; write it as YYYY-MM-DD", r.asOf)
		}
		req.AsOf = d
	}
	return req, nil
}

// forecaster is the app's forecaster on the verb's clock.
func (e *env) forecaster() *app.Forecaster {
	return app.NewForecaster(app.Default, func() plan.Date { return plan.DateOf(e.now()) })
}

// runForecastFor forecasts p as req asks, with progress on stderr, and
// returns the forecast and the resolved request (its as-of date decided by
// app.AsOf).
func runForecastFor(ctx context.Context, e *env, p *plan.Portfolio, req app.Request) (*outlook.Forecast, app.Request, error) {
	pr := newForecastProgress(e)
	f, rr, err := e.forecaster().Run(ctx, p, req, pr.update)
	pr.end()
	return f, rr, err
}

// Figures in tables and sentences, through internal/figure.

// pct is a probability as a percentage ("—" with no target).
func pct(p float64) string {
	if s := figure.Percent(p); s != "" {
		return s
	}
	return "—"
}

// date is a date for people ("—" when unset).
func date(d plan.Date) string {
	if d.IsZero() {
		return "—"
	}
	return figure.Date(d)
}

// count is a whole number grouped: 10,000.
func count(n int) string { return figure.Number(float64(n), 0) }

// status is a probability's status in words, from the policy's thresholds.
func status(p float64) string {
	switch app.Default.RAG.Of(p) {
	case figure.Green:
		return "on track"
	case figure.Amber:
		return "at risk"
	case figure.Red:
		return "off track"
	}
	return "no target"
}
