package app

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"steerco/internal/ingest"
	"steerco/internal/ingest/delivery"
	"steerco/internal/ingest/finance"
	"steerco/internal/ingest/gantt"
	"steerco/internal/ingest/jira"
	"steerco/internal/ingest/msproject"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// Importers maps each kind of source file to its importer. The command
// line and the Import screen both import through this table.
type Importers map[ingest.Kind]ingest.PreviewFunc

// AllImporters returns a copy of the table of every importer this build
// has (a caller may remove an entry, as a test of the refusal does).
func AllImporters() Importers {
	return Importers{
		ingest.Finance:   finance.Preview,
		ingest.Jira:      jira.Preview,
		ingest.MSProject: msproject.Preview,
		ingest.Gantt:     gantt.Preview,
		ingest.Delivery:  delivery.Preview,
	}
}

// Importer returns the importer for kind, or false when this build has none.
func (im Importers) Importer(kind ingest.Kind) (ingest.PreviewFunc, bool) {
	f, ok := im[kind]
	return f, ok && f != nil
}

// Kinds lists the kinds im imports, in ingest.Kinds order.
func (im Importers) Kinds() []ingest.Kind {
	var out []ingest.Kind
	for _, k := range ingest.Kinds {
		if _, ok := im.Importer(k); ok {
			out = append(out, k)
		}
	}
	return out
}

// ImportRequest is one file to preview for import.
type ImportRequest struct {
	Source string // the path (or name) shown in messages
	Data   []byte // the file's content (ReadImportFile)
	// Kind is the kind of file; "" detects it from the name and content.
	Kind    ingest.Kind
	Sheet   string              // finance: the workbook sheet
	Mapping *plan.ImportMapping // nil: the portfolio's saved mapping
	Spread  *ingest.Spread      // nil: the default spread for single estimates
	Today   plan.Date
}

// Preview reads req's file into a preview of what importing it into p
// would change; nothing is written. Apply the preview with ApplyImport.
// It returns the kind read. A file that cannot be read, detected or
// imported is an error that says so and that nothing was written.
func (im Importers) Preview(ctx context.Context, p *plan.Portfolio, req ImportRequest) (*ingest.Preview, ingest.Kind, error) {
	name := filepath.Base(req.Source)
	kind := req.Kind
	if kind == "" {
		k, err := DetectKind(req.Source, req.Data)
		if err != nil {
			return nil, "", err
		}
		kind = k
	}
	preview, ok := im.Importer(kind)
	if !ok {
		return nil, kind, fmt.Errorf("importing %s files is not available in this build of Steerco; nothing was written", kind)
	}
	opts := ingest.Options{Sheet: req.Sheet, Mapping: req.Mapping, Spread: req.Spread, Today: req.Today}
	pv, err := preview(ctx, ingest.Source{Name: name, Data: req.Data}, p, opts)
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return nil, kind, err
		}
		return nil, kind, fmt.Errorf("%s cannot be imported as %s; nothing was written.\n%w", req.Source, kind, err)
	}
	return pv, kind, nil
}

// DetectKind tells the kind of the file at source from its name and data,
// or says it cannot be imported.
func DetectKind(source string, data []byte) (ingest.Kind, error) {
	k, err := ingest.Detect(filepath.Base(source), data)
	if err != nil {
		return "", fmt.Errorf("%s cannot be imported; nothing was written.\n%w", source, err)
	}
	return k, nil
}

// ApplyImport writes a preview to the portfolio through ed (a Session, or
// the screens' edit path) as one undoable action. A preview with errors is
// refused and nothing is written.
func ApplyImport(ctx context.Context, ed Editor, pv *ingest.Preview) error {
	if pv.HasErrors() {
		return plan.Errorf(plan.EINVALID, "%s has errors; nothing was written. Fix them and import it again.", pv.File)
	}
	// A copy of the portfolio as it was, before the import changes it (kept
	// beside the file; steerco restore or File › Restore bring it back).
	if b, ok := ed.(Backer); ok {
		if _, err := b.Backup(ctx, sqlite.ReasonImport); err != nil {
			return fmt.Errorf("back up before the import (nothing was written): %w", err)
		}
	}
	return pv.Apply(ctx, ed)
}

// Backer can back its portfolio file up: a Session, and the store under it
// (sqlite.DB), which Session.Backup asks.
type Backer interface {
	Backup(ctx context.Context, reason string) (string, error)
}

// ReadImportFile reads the file to import at path, refusing a folder or a
// file over ingest.MaxFileSize with a message that says what to do.
func ReadImportFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no such file: %s", path)
		}
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("%s is a folder; give the file to import", path)
	} else if err == nil && fi.Size() > ingest.MaxFileSize {
		return nil, fmt.Errorf("%s is %d MB, more than the %d MB Steerco imports from one file; split it (by month or by project) and import the parts", path, fi.Size()>>20, ingest.MaxFileSize>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, ingest.MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if len(data) > ingest.MaxFileSize {
		return nil, fmt.Errorf("%s is more than the %d MB Steerco imports from one file; split it and import the parts", path, ingest.MaxFileSize>>20)
	}
	return data, nil
}

// ReadMapping reads a saved import mapping (plan.ImportMapping as JSON) for
// files of kind; a mapping for another kind is refused.
func ReadMapping(path string, kind ingest.Kind) (*plan.ImportMapping, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("no such mapping file: %s", path)
		}
		return nil, fmt.Errorf("cannot read mapping %s: %w", path, err)
	}
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	var m plan.ImportMapping
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("mapping %s is not a Steerco import mapping (JSON with \"id\", \"kind\", \"fields\", \"values\", \"options\"): %v", path, err)
	}
	if m.Kind != "" && m.Kind != string(kind) {
		return nil, fmt.Errorf("mapping %s is for %s files, but this is a %s file; nothing was written", path, m.Kind, kind)
	}
	if m.Kind == "" {
		m.Kind = string(kind)
	}
	return &m, nil
}

// Sheet is one sheet of a workbook, in workbook order.
type Sheet = finance.Sheet

// Sheets lists the sheets of an Excel workbook (.xlsx) as the finance
// importer reads them (finance.Sheets), so a person can choose one before
// it reads it. It returns nil and no error for data that is not a workbook
// (a CSV), and an error for a workbook it cannot read.
func Sheets(data []byte) ([]Sheet, error) { return finance.Sheets(data) }
