// Package screen is the contract between Steerco's shell and its screens:
// what a screen must offer (Screen, ForecastViewer) and what it may use of
// the application around it: a few small interfaces onto internal/app
// (Editor, Forecaster, Navigator, Dialogs, Files), each screen's
// constructor taking only the ones it uses. Screens live in sibling
// packages (overview, roadmap, teams, budget, risks, forecastview,
// scenarios, reports, importer) and import this package, never the shell.
//
// The shell implements them (ui's services, over app.Session and
// app.Forecaster); screen tests use uitest.Harness, the same services over a
// temporary portfolio file. (They replaced Env, a struct of functions:
// Portfolio and Edit are Editor's, Forecast and Today Forecaster's — with an
// app.Request, AsOf left zero following app's as-of rule — Navigate
// Navigator's, Window and ShowError Dialogs', FilePath Files'.)
//
// What internal/app offers behind them (for the screens still to port):
// app.Forecaster (Run, Result, Sequence; keyed results), app.Request
// (Check, with field-named errors) and app.Default (Policy: RAG, P85,
// over-commitment 0.5, preview/full trials, seed) with app.AsOf; app.Session
// and app.Editor; import through app.AllImporters() (Kinds, Importer,
// Preview), app.ReadImportFile, app.Sheets, app.ReadMapping,
// app.ApplyImport; export through app.Export, app.ReportName,
// app.CheckFolders, app.ExportJSON; app.CompareScenario (one request for
// plan and scenario, with outlook's delta); app.TakeSnapshot,
// app.DeleteSnapshot, app.Snapshots, app.Moves.
package screen

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"

	"steerco/internal/app"
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
	ShowForecast(f *app.Forecast, stale bool)
}

// Clock says what day it is.
type Clock interface {
	// Today is the date the app considers today.
	Today() plan.Date
}

// Editor reads and changes the open portfolio.
type Editor interface {
	// Portfolio returns the portfolio currently shown (nil when none is open).
	Portfolio() *plan.Portfolio
	// Edit applies one user action through the portfolio file's single
	// write path (load, change, validate, write with audit, one
	// transaction). On success the portfolio is reloaded and every screen's
	// Show called before Edit returns. On failure nothing was written and
	// the error is returned for the screen to show next to the field in
	// words (plan.ErrorMessage, or the *plan.Error's Problems by field);
	// Edit shows no dialog itself. action is a short phrase for the audit
	// log and the Undo menu ("change estimate of FHIR-12").
	Edit(action string, fn func(p *plan.Portfolio) error) error
}

// Forecaster runs forecasts of the open portfolio, through app.Forecaster:
// results are keyed by (portfolio version, resolved request), so a run
// reaches the other screens (every ForecastViewer) only when it asks for
// what the shell shows (app.Request{RiskImpacts: true, Curves: true}); any
// other run (the board pack's export, a what-if) goes back to done alone.
type Forecaster interface {
	Clock
	// Policy is the application's policy: RAG thresholds, the confidence
	// quoted, the over-commitment level, default trials and seed.
	Policy() app.Policy
	// Forecast runs r on the current portfolio off the UI goroutine
	// (defaults and the as-of date resolved by app's rule); progress (may be
	// nil) and done are called on the UI goroutine, done with a nil result
	// and the error on failure or cancellation. Cancel ctx to stop it.
	Forecast(ctx context.Context, r app.Request, progress func(done, total int), done func(*app.Forecast, error))
}

// Navigator switches screens.
type Navigator interface {
	// Navigate switches to the screen with the given title.
	Navigate(title string)
}

// Dialogs is the window dialogs open over.
type Dialogs interface {
	// Window is the main window, the parent of dialogs.
	Window() fyne.Window
	// ShowError shows an error in a dialog (person-facing message) and logs the chain.
	ShowError(err error)
}

// Files names the open portfolio file.
type Files interface {
	// FilePath returns the open portfolio file's path ("" when none).
	FilePath() string
}

// Services is every interface at once: what the shell (and uitest) hand
// to the constructors, each of which keeps only what it uses.
type Services interface {
	Editor
	Forecaster
	Navigator
	Dialogs
	Files
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
