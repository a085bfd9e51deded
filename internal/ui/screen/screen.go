// Package screen is the contract between Steerco's shell and its screens:
// what a screen must offer (Screen) and what it may use of the application
// around it (Env). Screens live in sibling packages (overview, roadmap,
// teams, budget, risks, forecast, reports, importer) and import this package,
// never the shell.
package screen

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Screen is one page of the navigation.
type Screen interface {
	Title() string
	Icon() fyne.Resource
	Object() fyne.CanvasObject
	// Show displays the portfolio. The shell calls it on the UI goroutine
	// after every load and every successful edit; p must not be modified.
	Show(p *plan.Portfolio)
}

// ForecastViewer is a screen that shows forecast results. The shell calls
// ShowForecast on the UI goroutine whenever a forecast run completes, and
// with stale = true (and the previous forecast, possibly nil) as soon as an
// edit makes the shown forecast out of date.
type ForecastViewer interface {
	ShowForecast(f *outlook.Forecast, stale bool)
}

// Env is what a screen may use of the application around it. Every field is
// set by the shell; tests build an Env over a real portfolio file.
type Env struct {
	// Window is the main window, the parent of dialogs.
	Window fyne.Window
	// Today is the date the app considers today.
	Today func() plan.Date
	// Edit applies one user action through the portfolio file's single write
	// path (load, change, validate, write with audit, one transaction). On
	// success the shell reloads the portfolio and calls Show on every screen
	// before Edit returns. On failure nothing was written and the error is
	// returned for the screen to show next to the field in words
	// (plan.ErrorMessage, or the *plan.Error's Problems by field); Edit shows
	// no dialog itself. action is a short phrase for the audit log and the
	// Undo menu ("change estimate of FHIR-12").
	Edit func(action string, fn func(p *plan.Portfolio) error) error
	// Navigate switches to the screen with the given title.
	Navigate func(title string)
	// ShowError shows an error in a dialog (person-facing message) and logs the chain.
	ShowError func(err error)
	// Forecast runs a forecast of the current portfolio with opts, off the UI
	// goroutine; progress (may be nil) is called on the UI goroutine. The
	// result arrives through done on the UI goroutine (nil result and the
	// error on failure or cancellation). Cancel ctx to stop it. Results of an
	// explicit run are also shown to every ForecastViewer.
	Forecast func(ctx context.Context, opts outlook.Options, progress func(done, total int), done func(*outlook.Forecast, error))
	// Portfolio returns the portfolio currently shown (nil when none is open).
	Portfolio func() *plan.Portfolio
	// FilePath returns the open portfolio file's path ("" when none).
	FilePath func() string
}

// Problem returns the message of the first problem of err about the given
// field (e.g. "estimate.low"), or "" when err says nothing about it. Use it
// to put validation errors next to their fields.
func Problem(err error, field string) string {
	var pe *plan.Error
	if !errors.As(err, &pe) {
		return ""
	}
	for _, p := range pe.Problems {
		if p.Field == field || (len(p.Field) > len(field) && p.Field[:len(field)] == field && p.Field[len(field)] == '.') {
			return p.Message
		}
	}
	return ""
}
