// Package registry knows every importer this build of Steerco has, so the
// command line and the desktop app import through the same table. It also
// reads an import file from disk with the size limit every importer shares,
// and lists a workbook's sheets (with the hidden ones flagged) so a person can
// choose one before the finance importer reads it.
package registry

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"

	"steerco/internal/ingest"
	"steerco/internal/ingest/delivery"
	"steerco/internal/ingest/finance"
	"steerco/internal/ingest/gantt"
	"steerco/internal/ingest/jira"
	"steerco/internal/ingest/msproject"
)

// importers maps each kind of source file to its importer.
var importers = map[ingest.Kind]ingest.PreviewFunc{
	ingest.Finance:   finance.Preview,
	ingest.Jira:      jira.Preview,
	ingest.MSProject: msproject.Preview,
	ingest.Gantt:     gantt.Preview,
	ingest.Delivery:  delivery.Preview,
}

// Preview returns the importer for kind, or false when this build has none.
func Preview(kind ingest.Kind) (ingest.PreviewFunc, bool) {
	f, ok := importers[kind]
	return f, ok && f != nil
}

// Kinds lists the kinds this build imports, in ingest.Kinds order.
func Kinds() []ingest.Kind {
	var out []ingest.Kind
	for _, k := range ingest.Kinds {
		if _, ok := Preview(k); ok {
			out = append(out, k)
		}
	}
	return out
}

// ReadFile reads the file to import at path, refusing a folder or a file
// over ingest.MaxFileSize with a message that says what to do.
func ReadFile(path string) ([]byte, error) {
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

// Sheet is one sheet of a workbook, in workbook order.
type Sheet struct {
	Name   string
	Hidden bool // hidden or very hidden in Excel
}

// Sheets lists the sheets of an Excel workbook (.xlsx) from its
// xl/workbook.xml. It returns nil and no error for data that is not a
// workbook (a CSV), and an error for a workbook it cannot read.
func Sheets(data []byte) ([]Sheet, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, nil
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("the workbook cannot be opened: %w", err)
	}
	for _, zf := range zr.File {
		if zf.Name != "xl/workbook.xml" {
			continue
		}
		if zf.UncompressedSize64 > 16<<20 {
			return nil, errors.New("the workbook's sheet list is too large to read")
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("the workbook's sheet list cannot be read: %w", err)
		}
		defer rc.Close()
		var wb struct {
			Sheets []struct {
				Name  string `xml:"name,attr"`
				State string `xml:"state,attr"`
			} `xml:"sheets>sheet"`
		}
		dec := xml.NewDecoder(io.LimitReader(rc, 16<<20))
		dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
		if err := dec.Decode(&wb); err != nil {
			return nil, fmt.Errorf("the workbook's sheet list cannot be read: %w", err)
		}
		out := make([]Sheet, 0, len(wb.Sheets))
		for _, s := range wb.Sheets {
			out = append(out, Sheet{Name: s.Name, Hidden: s.State == "hidden" || s.State == "veryHidden"})
		}
		return out, nil
	}
	return nil, errors.New("this ZIP file has no workbook sheet list (xl/workbook.xml); it is not an Excel workbook")
}

// All returns a copy of the kind → importer table, for a caller that keeps
// its own (the command line's tests remove an entry to test the refusal).
func All() map[ingest.Kind]ingest.PreviewFunc {
	out := make(map[ingest.Kind]ingest.PreviewFunc, len(importers))
	for k, f := range importers {
		out[k] = f
	}
	return out
}
