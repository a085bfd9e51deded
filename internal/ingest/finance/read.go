package finance

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"steerco/internal/ingest"
	"steerco/internal/ingest/csvx"
)

// Limits on what one import reads. Beyond them the file is refused with a
// message saying which limit and where.
const (
	MaxRows       = 1_000_000 // rows of one sheet or CSV file
	MaxCellBytes  = 1 << 20   // one cell (Excel itself stops at 32,767 characters)
	unzipXMLLimit = 16 << 20  // worksheet XML held in memory; larger parts go to a temp file
	mergeRowLimit = 50_000    // merged ranges are expanded on sheets up to this many rows
)

// The limits in force; tests lower them.
var (
	maxRows      = MaxRows
	maxCellBytes = MaxCellBytes
	unzipLimit   = int64(1 << 30) // total uncompressed size of a workbook (a zip bomb stops here)
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
	hiddenCols     map[int]bool // 1-based columns hidden in the sheet
}

// isXLSX reports whether data is a zip archive (an Office Open XML workbook).
func isXLSX(data []byte) bool { return bytes.HasPrefix(data, []byte("PK\x03\x04")) }

// isOLE reports a legacy binary Office file (.xls), which Steerco does not read.
func isOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// readCSV reads a delimited text file.
func readCSV(src ingest.Source) (*table, error) {
	r, err := csvx.NewReader(src.Data, csvx.Options{MaxRows: maxRows, MaxFieldBytes: maxCellBytes})
	if err != nil {
		return nil, csvError(src.Name, err)
	}
	t := &table{decimalComma: r.Comma() == ';'}
	if r.Encoding() != "UTF-8" && r.Encoding() != "UTF-8 with BOM" {
		t.notes = append(t.notes, "The file's text is "+r.Encoding()+"; it was converted to Unicode.")
	}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(src.Name, err)
		}
		line := r.Line()
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

// openWorkbook opens an xlsx with limits on decompression.
func openWorkbook(src ingest.Source) (*excelize.File, error) {
	f, err := excelize.OpenReader(bytes.NewReader(src.Data), excelize.Options{UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: min(unzipXMLLimit, unzipLimit)})
	if err != nil {
		msg := "the workbook could not be opened (is it damaged, or protected with a password?)"
		if errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(err.Error(), "zip") {
			msg = "the file is not an Excel workbook (.xlsx) that Steerco can read"
		}
		if strings.Contains(err.Error(), "size") || strings.Contains(err.Error(), "limit") {
			msg = fmt.Sprintf("the workbook unpacks to more than %d bytes (%d MB), the most Steerco reads; is it really a finance workbook?", unzipLimit, unzipLimit>>20)
		}
		return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name}, Msg: msg, Err: err}
	}
	return f, nil
}

// readSheet streams one sheet of f into a table, expanding merged ranges.
func readSheet(f *excelize.File, data []byte, file, sheet string) (*table, error) {
	t := &table{sheet: sheet, serials: true}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil && *props.Date1904 {
		t.date1904 = true
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		return nil, &ingest.ParseError{Location: ingest.Location{File: file, Sheet: sheet}, Msg: "the sheet could not be read", Err: err}
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
		if n > maxRows {
			return nil, &ingest.ParseError{Location: ingest.Location{File: file, Sheet: sheet, Row: n},
				Msg: fmt.Sprintf("the sheet has more than %d rows, the most Steerco reads from one sheet; split it", maxRows)}
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, &ingest.ParseError{Location: ingest.Location{File: file, Sheet: sheet, Row: n}, Msg: "the row could not be read", Err: err}
		}
		for i, c := range cols {
			if len(c) > maxCellBytes {
				return nil, &ingest.ParseError{Location: ingest.Location{File: file, Sheet: sheet, Row: n, Column: i + 1},
					Msg: fmt.Sprintf("a cell holds %d bytes, more than the %d Steerco accepts", len(c), maxCellBytes)}
			}
		}
		t.rows = append(t.rows, trimRow(cols))
	}
	if err := rows.Error(); err != nil {
		return nil, &ingest.ParseError{Location: ingest.Location{File: file, Sheet: sheet, Row: n}, Msg: "the sheet is damaged", Err: err}
	}
	for len(t.rows) > 0 && t.rows[len(t.rows)-1] == nil {
		t.rows = t.rows[:len(t.rows)-1]
	}
	if len(t.rows) <= mergeRowLimit && hasMerges(data) {
		t.expandMerges(f)
	}
	return t, nil
}

// expandMerges copies each merged range's value into all its cells, as a
// person sees it. Below the first 50 rows only text is copied, so a merged
// amount is never counted twice.
func (t *table) expandMerges(f *excelize.File) {
	merges, err := f.GetMergeCells(t.sheet)
	if err != nil {
		return
	}
	for _, m := range merges {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil || r1 < 1 || r1 > len(t.rows) || c1 < 1 {
			continue
		}
		v := t.cell(r1, c1)
		if v == "" {
			continue
		}
		if r1 > 50 {
			if _, err := strconv.ParseFloat(v, 64); err == nil {
				continue
			}
		}
		if r2 > len(t.rows) {
			r2 = len(t.rows)
		}
		if c2-c1 > 16384 {
			continue
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				t.set(r, c, v)
			}
		}
	}
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

// hasMerges reports whether any worksheet of the workbook has merged cells,
// by scanning the compressed parts (far cheaper than excelize's GetMergeCells,
// which parses the whole sheet).
func hasMerges(data []byte) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return true
	}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || zf.UncompressedSize64 > uint64(unzipLimit) {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			return true
		}
		b, err := io.ReadAll(io.LimitReader(rc, unzipLimit))
		rc.Close()
		if err != nil || bytes.Contains(b, []byte("<mergeCell ")) {
			return true
		}
	}
	return false
}
