package finance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"steerco/internal/ingest"
	"steerco/internal/ingest/csvx"
)

// Limits on what one import reads. Beyond them the file is refused with a
// message saying which limit and where. The workbook reader's bounds on
// unpacked size, cells, text, columns and XML are in xlsx.go; CSV files get
// the same cell and text bounds.
const (
	MaxRows      = 1_000_000 // rows of one sheet or CSV file
	MaxCellBytes = 1 << 20   // one cell (Excel itself stops at 32,767 characters)
)

// The limits in force; tests lower them.
var (
	maxRows      = MaxRows
	maxCellBytes = MaxCellBytes
)

// table is a sheet or CSV file read into memory as text cells.
type table struct {
	sheet    string     // "" for CSV
	rows     [][]string // rows[i] is spreadsheet row i+1; nil for a blank row
	serials  bool       // numeric cells may be date serials (xlsx)
	date1904 bool
	// decimalComma: a lone comma in an amount is a decimal separator (semicolon CSV).
	decimalComma bool
	notes        []string
	// For workbooks: every sheet and which are hidden.
	sheets, hidden []string
	hiddenCols     map[int]bool  // 1-based columns hidden in the sheet
	uncached       []formulaCell // formulas whose result the workbook does not hold
	// headDates: date-formatted numbers in the first headDateRows rows, as
	// the ISO dates they show (for month columns headed by real dates).
	headDates map[[2]int]string
	// scaledCols: columns holding amounts shown in thousands or millions by
	// their number format, with the first such cell.
	scaledCols map[int]string
}

// headDateRows bounds the rows whose date cells are kept for header reading.
const headDateRows = 60

// isXLSX reports whether data is a zip archive (an Office Open XML workbook).
func isXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// isOLE reports a legacy binary Office file (.xls), which Steerco does not read.
func isOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// readCSV reads a delimited text file, stopping when ctx is done.
func readCSV(ctx context.Context, src ingest.Source) (*table, error) {
	r, err := csvx.NewReader(src.Data, csvx.Options{MaxRows: maxRows, MaxFieldBytes: maxCellBytes})
	if err != nil {
		return nil, csvError(src.Name, err)
	}
	t := &table{decimalComma: r.Comma() == ';'}
	if r.Encoding() != "UTF-8" && r.Encoding() != "UTF-8 with BOM" {
		t.notes = append(t.notes, "The file's text is "+r.Encoding()+"; it was converted to Unicode.")
	}
	var text int64
	slots := 0
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(src.Name, err)
		}
		line := r.Line()
		if len(t.rows)&0xFFF == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		// The same bounds as a workbook's: cells and text held.
		slots += len(rec)
		for _, f := range rec {
			text += int64(len(f))
		}
		if slots > maxSlots {
			return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name, Row: line},
				Msg: fmt.Sprintf("the file has more than %d cells, the most Steerco reads; import a smaller extract", maxSlots)}
		}
		if text > maxTextBytes {
			return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name, Row: line},
				Msg: fmt.Sprintf("the file holds more than %d MB of text, the most Steerco reads; import a smaller extract", maxTextBytes>>20)}
		}
		for len(t.rows) < line-1 {
			t.rows = append(t.rows, nil) // blank lines keep row numbers equal to line numbers
		}
		t.rows = append(t.rows, trimRow(rec))
	}
	return t, nil
}

func csvError(file string, err error) error {
	var ce *csvx.Error
	if errors.As(err, &ce) {
		return &ingest.ParseError{Location: ingest.Location{File: file, Row: ce.Line, Column: ce.Field}, Msg: ce.Msg, Err: ce.Err}
	}
	return &ingest.ParseError{Location: ingest.Location{File: file}, Msg: "the file could not be read as CSV", Err: err}
}

// trimRow trims spaces and drops trailing empty cells; an all-empty row becomes nil.
func trimRow(rec []string) []string {
	n := 0
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
		if rec[i] != "" {
			n = i + 1
		}
	}
	if n == 0 {
		return nil
	}
	return rec[:n]
}

// cell returns the text at 1-based row r, column c ("" outside the data).
func (t *table) cell(r, c int) string {
	if r < 1 || r > len(t.rows) || c < 1 || c > len(t.rows[r-1]) {
		return ""
	}
	return t.rows[r-1][c-1]
}

func (t *table) set(r, c int, v string) {
	row := t.rows[r-1]
	for len(row) < c {
		row = append(row, "")
	}
	row[c-1] = v
	t.rows[r-1] = row
}
