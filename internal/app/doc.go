// Package app is Steerco's application layer: the one place that decides
// how a forecast is asked for and which date it starts from (Policy,
// Request, Forecaster), how a portfolio file is opened, edited, undone and
// saved (Session, Read), and how files come in and go out (Import, Export,
// Snapshots, Scenarios). The command-line verbs (cmd/steerco) and the
// desktop shell (internal/ui) both call it, so the two quote the same
// figures for the same file and date.
//
// It imports no toolkit and no SQL package: internal/sqlite adapts the
// database, the report renderers write the files, and the shell wraps what
// it needs in fyne.Do.
package app
