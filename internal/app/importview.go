package app

// What the Import screen reads of a preview, named here so the screen
// imports app and not ingest (aliases: a value from ingest is the same value
// here).

import (
	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
)

type (
	// ImportKind is a kind of source file (finance, jira, msproject, gantt,
	// delivery).
	ImportKind = ingest.Kind
	// ImportPreview is what an import would do, for a person to check
	// before applying it (ApplyImport).
	ImportPreview = ingest.Preview
	// ImportProblem is something wrong or doubtful in the source, located.
	ImportProblem = ingest.Problem
	// ImportChange is one change an import makes.
	ImportChange = ingest.Change
	// ImportSkip is a source row an import leaves out, and why.
	ImportSkip = ingest.Skip
	// ImportColumn is one column of the source as read, with the mapping
	// field it is read as (the mapping grid's row).
	ImportColumn = ingest.Column
)

// The kinds of source file.
const (
	KindFinance   = ingest.Finance
	KindJira      = ingest.Jira
	KindMSProject = ingest.MSProject
	KindGantt     = ingest.Gantt
	KindDelivery  = ingest.Delivery
)

// SevError is the severity of a problem that stops an import (the others
// are warnings).
const SevError = ingest.SevError

// ColumnName is a spreadsheet column's letters: 1 → "A", 28 → "AB".
func ColumnName(n int) string { return ingest.ColumnName(n) }

// ImportLocation says where in a source a problem is: file, sheet, row,
// column, field.
type ImportLocation = ingest.Location

// OptionDefaultEstimateDays is the mapping option that gives the items a
// roadmap source leaves without an estimate (empty or 0) that many
// person-days, spread like the other estimates.
const OptionDefaultEstimateDays = roadmap.OptionDefaultDays
