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
//
// The main pieces:
//
//	Default (Policy)       RAG thresholds, the confidence quoted (P85), the over-commitment
//	                       level, preview and full trials, the seed; AsOf(p, today, asked):
//	                       asked, else the later of today and the planning start
//	Request                Trials, Seed, Sampling, Distribution, AsOf, RiskImpacts, Curves;
//	                       Check (person-facing errors by field), Policy.Resolve, Options
//	Forecaster             Run(ctx, p, req, progress) → forecast and resolved request,
//	                       Sequence (preview, full, risk drivers), Result(p, req): results
//	                       keyed by (portfolio version, resolved request)
//	Session                Open, Create, SaveAs, Edit/Update, Undo, Redo, UndoRedo, Recent,
//	                       Warnings over a Store (DiskFiles: internal/sqlite); OpenFile, Read
//	                       and WriteNew for the command line
//	Importers              AllImporters().Kinds/Importer/Preview(ImportRequest); ReadImportFile,
//	                       Sheets, ReadMapping, DetectKind, ApplyImport(ctx, Editor, preview)
//	Export                 the board pack (PDF, workbook) written atomically; ReportName,
//	                       CheckFolders; ExportJSON
//	TakeSnapshot, DeleteSnapshot, Snapshots, Moves; CompareScenario; Backups, Restore
//
// The result types screens read (Forecast, ItemForecast, TeamQuarter, …,
// Timeline, HeatMap, Scenario) are aliases here, so a screen imports app,
// figure and plan only (cmd/steerco/arch_test.go keeps it so).
package app
