// Package ingest is the import pipeline every source format shares: read a
// file (detecting its format from the content), map its fields onto the
// portfolio, preview what would change with every problem located, then apply
// the change in one transaction. Format readers live in sub-packages
// (finance, roadmap, delivery); this package holds what they have in common.
package ingest

import (
	"context"
	"fmt"
	"strings"

	"steerco/internal/plan"
)

// Kind names a source format family.
type Kind string

const (
	Finance   Kind = "finance"   // budget actuals / plan workbooks and CSV
	Jira      Kind = "jira"      // Jira CSV (and XML/RSS) exports
	MSProject Kind = "msproject" // MS Project XML (MSPDI)
	Gantt     Kind = "gantt"     // GanttProject .gan
	Delivery  Kind = "delivery"  // deployments, changes, incidents
)

// Location says where in a source something was found. Row and Column are
// 1-based as a spreadsheet shows them; zero means "not applicable".
type Location struct {
	File   string `json:"file"`
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"`
	Column int    `json:"column,omitempty"`
	Field  string `json:"field,omitempty"` // the header or XML element, e.g. "Amount" or "Task/Duration"
}

// String renders "actuals.xlsx, sheet Data, row 12, column C (Amount)".
func (l Location) String() string {
	parts := []string{l.File}
	if l.Sheet != "" {
		parts = append(parts, "sheet "+l.Sheet)
	}
	if l.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", l.Row))
	}
	if l.Column > 0 {
		c := "column " + ColumnName(l.Column)
		if l.Field != "" {
			c += " (" + l.Field + ")"
		}
		parts = append(parts, c)
	} else if l.Field != "" {
		parts = append(parts, "field "+l.Field)
	}
	return strings.Join(parts, ", ")
}

// ColumnName returns the spreadsheet letters of a 1-based column: 1 → A, 28 → AB.
func ColumnName(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('A'+n%26)) + s
		n /= 26
	}
	return s
}

// Severity of a problem: an error blocks the import, a warning does not.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
)

// Problem is something wrong or doubtful in the source, located.
type Problem struct {
	Location
	Severity Severity `json:"severity"`
	Message  string   `json:"message"`
}

func (p Problem) String() string { return p.Location.String() + ": " + p.Message }

// Skip records rows read but deliberately not imported, and why
// (totals, subtotals, blanks, notes, hidden sheets).
type Skip struct {
	Location
	Reason string `json:"reason"`
}

// Change is one entity the import adds, changes or removes.
type Change struct {
	Action  string `json:"action"` // add, change, remove
	Entity  string `json:"entity"` // team, item, budget line, actual, deployment ...
	ID      string `json:"id"`
	Summary string `json:"summary"` // a readable line: "FHIR-12 Patient search API: estimate 8/13/21 days"
}

// Preview is what an import would do, for a person to check before applying.
type Preview struct {
	Kind         Kind      `json:"kind"`
	File         string    `json:"file"`
	RowsRead     int       `json:"rows_read"`
	RowsImported int       `json:"rows_imported"`
	Skipped      []Skip    `json:"skipped"`
	Problems     []Problem `json:"problems"`
	Changes      []Change  `json:"changes"`
	Notes        []string  `json:"notes"` // assumptions made, e.g. "single estimates spread to −25 % / +50 %"
	// Totals a director reconciles against the source, by label
	// (for finance: "actual 2027-01", "actual total", "plan total"), in the portfolio's currency.
	Totals []Total `json:"totals,omitempty"`
	// Mapping is the mapping used (saved or suggested), for the user to adjust;
	// applying the preview saves it in the portfolio under Mapping.ID.
	Mapping *plan.ImportMapping `json:"mapping,omitempty"`
	// Columns are the source's columns as read (header text and a sample of
	// values), each with the mapping field it is read as: what the Import
	// wizard's mapping grid shows. Empty for sources without columns.
	Columns []Column `json:"columns,omitempty"`
	// Fields are the mapping fields a column can be set to (the grid's
	// drop-down), in the order to offer them; "-" (no such column) is implied.
	Fields []string `json:"fields,omitempty"`

	// apply changes the portfolio in memory; Apply runs it inside one transaction.
	apply func(p *plan.Portfolio) error
}

// ColumnSamples is how many values of each column a preview keeps as its sample.
const ColumnSamples = 5

// Column is one column of the source for the mapping grid. Index is 1-based
// (A = 1). Name is the header as read (a group header joined with the one
// below it: "Actual Jan"); a mapping names the column by it. Samples are the
// first non-empty values below the header, as shown to the user (at most
// ColumnSamples). Field is the mapping field the column is read as ("period",
// "cost_centre", "amount", "actual", "plan", …), "" when it is not read.
// Period is, for a column of amounts whose header names a month (months across
// the columns), that month ("2027-01") or fiscal year ("2026-07…2027-06");
// Scenario is its scenario when known.
type Column struct {
	Index    int      `json:"index"`
	Name     string   `json:"name"`
	Samples  []string `json:"samples,omitempty"`
	Field    string   `json:"field,omitempty"`
	Period   string   `json:"period,omitempty"`
	Scenario string   `json:"scenario,omitempty"`
	Hidden   bool     `json:"hidden,omitempty"` // hidden in the workbook
	Note     string   `json:"note,omitempty"`   // why it is not read, e.g. "yearly total beside monthly columns"
}

// Total is a labelled amount in the preview.
type Total struct {
	Label  string     `json:"label"`
	Amount plan.Money `json:"amount"`
}

// SetApply installs the function that makes the previewed change.
func (pv *Preview) SetApply(f func(p *plan.Portfolio) error) { pv.apply = f }

// HasErrors reports whether any problem blocks the import.
func (pv *Preview) HasErrors() bool {
	for _, p := range pv.Problems {
		if p.Severity == SevError {
			return true
		}
	}
	return false
}

// Errorf adds a located error.
func (pv *Preview) Errorf(loc Location, format string, args ...any) {
	pv.Problems = append(pv.Problems, Problem{Location: loc, Severity: SevError, Message: fmt.Sprintf(format, args...)})
}

// Warnf adds a located warning.
func (pv *Preview) Warnf(loc Location, format string, args ...any) {
	pv.Problems = append(pv.Problems, Problem{Location: loc, Severity: SevWarning, Message: fmt.Sprintf(format, args...)})
}

// Updater is the one write path of a portfolio file: it loads the
// portfolio, lets fn change it, validates the result and writes the
// differences with their audit entries in a single transaction (see
// internal/sqlite). A failing fn or validation writes nothing.
type Updater interface {
	Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error
}

// Apply makes the previewed change through u. It refuses a preview with
// errors, and writes nothing if anything fails.
func (pv *Preview) Apply(ctx context.Context, u Updater) error {
	if pv.HasErrors() {
		return &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("%s cannot be imported: %d problem(s) must be fixed first.", pv.File, countErrors(pv.Problems))}
	}
	if pv.apply == nil {
		return plan.Errorf(plan.EINTERNAL, "import %s: nothing to apply", pv.File)
	}
	return u.Update(ctx, "import "+string(pv.Kind)+" "+pv.File, pv.apply)
}

func countErrors(ps []Problem) int {
	n := 0
	for _, p := range ps {
		if p.Severity == SevError {
			n++
		}
	}
	return n
}

// ParseError is a located failure to read a source at all (not a CSV, a
// truncated workbook, XML that does not parse). It wraps its cause.
type ParseError struct {
	Location
	Msg string
	Err error
}

func (e *ParseError) Error() string {
	s := e.Location.String() + ": " + e.Msg
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *ParseError) Unwrap() error { return e.Err }

// Source is a file to import, read whole into memory after a size check
// (see MaxFileSize). Name is what problems are located by.
type Source struct {
	Name string
	Data []byte
}

// MaxFileSize bounds what an importer reads (200 MiB); a larger file is refused with a clear message.
const MaxFileSize = 200 << 20

// CheckSize returns a *ParseError located at src's file when src holds more
// than MaxFileSize bytes: "the file is 250 MB, more than the 200 MB Steerco
// imports from one file", then "; " and advice when advice is not empty
// ("export fewer issues at a time"). Every importer refuses so, first.
func CheckSize(src Source, advice string) error {
	if len(src.Data) <= MaxFileSize {
		return nil
	}
	msg := fmt.Sprintf("the file is %d MB, more than the %d MB Steerco imports from one file", len(src.Data)>>20, MaxFileSize>>20)
	if advice != "" {
		msg += "; " + advice
	}
	return &ParseError{Location: Location{File: src.Name}, Msg: msg}
}

// Spread turns a single estimate into three points: low = likely × (1 − Low),
// high = likely × (1 + High).
type Spread struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// DefaultSpread is applied to sources that carry one estimate per item:
// −25 % / +50 %, the right-skewed range typical of software estimates.
var DefaultSpread = Spread{Low: 0.25, High: 0.50}

// Options steer an import. The zero value means: the first visible sheet or
// the one the saved mapping names, the saved or suggested mapping, DefaultSpread.
type Options struct {
	Sheet   string              // workbook sheet to read
	Mapping *plan.ImportMapping // a mapping to use instead of the saved or suggested one
	Spread  *Spread             // nil means DefaultSpread
	Today   plan.Date           // "now" for relative decisions (past months, open incidents)
}

// PreviewFunc is the shape of every importer: read src, map it onto a copy
// of p, and describe the change. It returns an error only when the source
// cannot be read at all (a *ParseError); row-level trouble goes into the
// preview's Problems.
type PreviewFunc func(ctx context.Context, src Source, p *plan.Portfolio, opts Options) (*Preview, error)
