package finance

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"steerco/internal/ingest"
)

// The workbook reader. It reads an xlsx with archive/zip and encoding/xml,
// streaming each part it needs (the workbook, its relationships, the styles,
// the shared strings and one sheet) with a bound on every size, so that what
// it holds in memory is bounded whatever the file says: a part never
// unpacks past its limit, no XML token (text or tag) is longer than
// maxTokenBytes, elements nest at most maxDepth deep, a sheet holds at most
// maxSlots cells (empty ones inside a row count) and all text held (shared
// strings and cells) is at most maxTextBytes. Every refusal names the part,
// sheet, row or cell where the limit was met.

// Limits of the workbook reader (variables so tests can lower them).
var (
	unzipLimit    = int64(512 << 20) // one part unpacked (a zip bomb stops here; maxSlots cells need less)
	smallPart     = int64(16 << 20)  // workbook.xml, relationships, styles
	maxSlots      = 5_000_000        // cells of one sheet held, counting the empty ones inside each row
	maxTextBytes  = int64(128 << 20) // text held: shared strings plus cell text
	maxColumns    = 4096             // the rightmost column holding a value
	maxMerges     = 100_000
	maxTokenBytes = 8 << 20 // one XML token: a cell of maxCellBytes escaped fits
	maxDepth      = 64
)

// xlsxError locates a failure in the workbook.
func xlsxError(loc ingest.Location, format string, args ...any) error {
	return &ingest.ParseError{Location: loc, Msg: fmt.Sprintf(format, args...)}
}

// xbook is an open workbook.
type xbook struct {
	file     string
	zr       *zip.Reader
	parts    map[string]*zip.File // by lower-case name
	sheets   []xsheet
	date1904 bool
	strings  []string    // shared strings, loaded on first use
	tooLong  map[int]int // shared strings longer than maxCellBytes: their length
	interned map[string]string
	loaded   bool
	text     int64    // bytes of text held
	formats  []numFmt // by cell style index
}

type xsheet struct {
	name, part string
	hidden     bool
	chart      bool
}

// numFmt is what a cell style's number format means for reading.
type numFmt struct {
	code string
	kind fmtKind
}

type fmtKind int

const (
	fmtPlain  fmtKind = iota // general, amounts, percentages, dates: the stored value is read
	fmtCode                  // digits with literals or padding ("00\-00", "000"): read as shown
	fmtDate                  // a date (day, month or year shown): a serial day
	fmtScaled                // an amount shown in thousands or millions ("#,##0,"): the stored value is the full amount
)

// openXLSX reads the workbook's directory: its sheets, their visibility,
// the date system and the number formats.
func openXLSX(ctx context.Context, src ingest.Source) (*xbook, error) {
	b, err := openDirectory(ctx, src)
	if err != nil {
		return nil, err
	}
	if err := b.readStyles(ctx); err != nil {
		return nil, err
	}
	return b, nil
}

// Sheet is one sheet of a workbook, in workbook order.
type Sheet struct {
	Name   string
	Hidden bool // hidden or very hidden in Excel
}

// Sheets lists the sheets of an Excel workbook (.xlsx) as Preview reads
// them, so a person can choose one before importing. It returns nil and no
// error for data that is not a ZIP archive (a CSV), and a *ingest.ParseError
// for a workbook it cannot read.
func Sheets(data []byte) ([]Sheet, error) {
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, nil
	}
	b, err := openDirectory(context.Background(), ingest.Source{Data: data})
	if err != nil {
		return nil, err
	}
	out := make([]Sheet, 0, len(b.sheets))
	for _, sh := range b.sheets {
		out = append(out, Sheet{Name: sh.name, Hidden: sh.hidden})
	}
	return out, nil
}

// openDirectory reads the workbook's sheets, their visibility and the date
// system.
func openDirectory(ctx context.Context, src ingest.Source) (*xbook, error) {
	loc := ingest.Location{File: src.Name}
	zr, err := zip.NewReader(bytes.NewReader(src.Data), int64(len(src.Data)))
	if err != nil {
		return nil, &ingest.ParseError{Location: loc, Msg: "the file is not an Excel workbook (.xlsx) that Steerco can read (the ZIP archive is damaged)", Err: err}
	}
	b := &xbook{file: src.Name, zr: zr, parts: map[string]*zip.File{}}
	for _, f := range zr.File {
		b.parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if b.parts["xl/workbook.xml"] == nil {
		if b.parts["encryptioninfo"] != nil {
			return nil, xlsxError(loc, "the workbook is protected with a password; open it in Excel, remove the password (File › Info › Protect Workbook) and save it, then import that")
		}
		return nil, xlsxError(loc, "the file is a ZIP archive but has no xl/workbook.xml: it is not an Excel workbook (.xlsx) that Steerco can read")
	}
	rels := map[string]string{}
	relsType := map[string]string{}
	if err := b.scan(ctx, "xl/_rels/workbook.xml.rels", smallPart, func(d *xdec, se xml.StartElement) error {
		if se.Name.Local == "Relationship" {
			id, target, typ := attr(se, "Id"), attr(se, "Target"), attr(se, "Type")
			if strings.HasPrefix(target, "/") {
				target = strings.TrimPrefix(target, "/")
			} else {
				target = path.Join("xl", target)
			}
			rels[id] = strings.ToLower(target)
			relsType[id] = typ
		}
		return nil
	}); err != nil && !errors.Is(err, errNoPart) {
		return nil, err
	}
	if err := b.scan(ctx, "xl/workbook.xml", smallPart, func(d *xdec, se xml.StartElement) error {
		switch se.Name.Local {
		case "workbookPr":
			v := strings.ToLower(attr(se, "date1904"))
			b.date1904 = v == "1" || v == "true"
		case "sheet":
			id := ""
			for _, a := range se.Attr {
				if a.Name.Local == "id" && a.Name.Space != "" {
					id = a.Value
				}
			}
			st := attr(se, "state")
			b.sheets = append(b.sheets, xsheet{name: attr(se, "name"), part: rels[id], hidden: st == "hidden" || st == "veryHidden",
				chart: strings.HasSuffix(relsType[id], "/chartsheet")})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	if len(b.sheets) == 0 {
		return nil, xlsxError(loc, "the workbook has no sheets")
	}
	return b, nil
}

var errNoPart = errors.New("no such part")

// readStyles maps each cell style to its number format.
func (b *xbook) readStyles(ctx context.Context) error {
	custom := map[int]string{}
	var xfs []int
	inXfs := false
	err := b.scan(ctx, "xl/styles.xml", smallPart, func(d *xdec, se xml.StartElement) error {
		switch se.Name.Local {
		case "numFmt":
			id, err := strconv.Atoi(attr(se, "numFmtId"))
			if err == nil {
				custom[id] = attr(se, "formatCode")
			}
		case "cellXfs":
			inXfs = true
		case "cellStyleXfs", "dxfs":
			inXfs = false
		case "xf":
			if inXfs {
				id, _ := strconv.Atoi(attr(se, "numFmtId"))
				xfs = append(xfs, id)
			}
		}
		return nil
	})
	if err != nil && !errors.Is(err, errNoPart) {
		return err
	}
	b.formats = make([]numFmt, len(xfs))
	for i, id := range xfs {
		code, ok := custom[id]
		if !ok {
			code = builtinFormats[id]
		}
		b.formats[i] = numFmt{code: code, kind: classifyFormat(code)}
	}
	return nil
}

// builtinFormats are the built-in number formats a code can use without
// declaring them (only those that change how a whole number reads matter here).
var builtinFormats = map[int]string{0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@",
	14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yy h:mm"}

// classifyFormat tells a code format (digit placeholders with literals, or
// zero padding: "00\-00", "000", `"FY"00`) from every other format.
func classifyFormat(code string) fmtKind {
	sec := code
	if i := strings.IndexByte(code, ';'); i >= 0 {
		sec = code[:i]
	}
	if isDateFormat(sec) {
		return fmtDate
	}
	if scaledFormat(sec) {
		return fmtScaled
	}
	zeros, holders, literals := 0, 0, 0
	for i := 0; i < len(sec); i++ {
		switch c := sec[i]; c {
		case '0':
			zeros++
			holders++
		case '#':
			holders++
		case '\\':
			i++
			literals++
		case '"':
			j := strings.IndexByte(sec[i+1:], '"')
			if j < 0 {
				return fmtPlain
			}
			i += j + 1
			literals++
		case '-', ' ', '/', '(', ')', ':':
			literals++
		default: // decimal point, grouping, %, exponent, dates, colours, conditions
			return fmtPlain
		}
	}
	if holders == 0 || literals == 0 && zeros < 2 {
		return fmtPlain
	}
	return fmtCode
}

// isDateFormat: the format shows a day, month or year (not only a time or a
// duration such as [hh]:mm:ss). Quoted text, escapes and [..] are ignored.
func isDateFormat(sec string) bool {
	for i := 0; i < len(sec); i++ {
		switch c := sec[i] | 0x20; {
		case sec[i] == '\\':
			i++
		case sec[i] == '"':
			j := strings.IndexByte(sec[i+1:], '"')
			if j < 0 {
				return false
			}
			i += j + 1
		case sec[i] == '[':
			j := strings.IndexByte(sec[i:], ']')
			if j < 0 {
				return false
			}
			i += j
		case c == 'y' || c == 'd':
			return true
		case c == 'm': // month unless it follows h or precedes s (minutes)
			before := strings.TrimRight(strings.ToLower(sec[:i]), "m")
			after := strings.TrimLeft(strings.ToLower(sec[i:]), "m")
			if !strings.HasSuffix(strings.TrimRight(before, ":"), "h") && !strings.HasPrefix(strings.TrimLeft(after, ":"), "s") {
				return true
			}
		}
	}
	return false
}

// scaledFormat: commas after the last digit placeholder divide what is
// shown by 1,000 each ("#,##0," shows 1500000 as "1,500").
func scaledFormat(sec string) bool {
	last := strings.LastIndexAny(sec, "0#?")
	if last < 0 {
		return false
	}
	rest := sec[last+1:]
	for len(rest) > 0 && (rest[0] == '.' || rest[0] == '0' || rest[0] == '#') {
		rest = rest[1:]
	}
	return strings.HasPrefix(rest, ",") && !strings.Contains(sec, `"`+rest)
}

// formatCode renders a whole number through a code format as Excel shows it:
// 101 through 00\-00 is "01-01", 7 through 000 is "007".
func formatCode(code string, n int64) string {
	sec := code
	if i := strings.IndexByte(code, ';'); i >= 0 {
		sec = code[:i]
	}
	neg := n < 0
	if neg {
		n = -n
	}
	type tok struct {
		holder byte // '0' or '#'; 0 for a literal
		lit    string
	}
	var toks []tok
	for i := 0; i < len(sec); i++ {
		switch c := sec[i]; c {
		case '0', '#':
			toks = append(toks, tok{holder: c})
		case '\\':
			if i+1 < len(sec) {
				toks = append(toks, tok{lit: sec[i+1 : i+2]})
			}
			i++
		case '"':
			j := strings.IndexByte(sec[i+1:], '"')
			toks = append(toks, tok{lit: sec[i+1 : i+1+j]})
			i += j + 1
		default:
			toks = append(toks, tok{lit: string(c)})
		}
	}
	digits := strconv.FormatInt(n, 10)
	if n == 0 {
		digits = ""
	}
	out := make([]string, len(toks))
	firstHolder := -1
	for i := len(toks) - 1; i >= 0; i-- {
		t := toks[i]
		if t.holder == 0 {
			out[i] = t.lit
			continue
		}
		firstHolder = i
		if len(digits) > 0 {
			out[i] = digits[len(digits)-1:]
			digits = digits[:len(digits)-1]
		} else if t.holder == '0' {
			out[i] = "0"
		}
	}
	if firstHolder >= 0 && digits != "" {
		out[firstHolder] = digits + out[firstHolder]
	}
	s := strings.Join(out, "")
	if neg {
		s = "-" + s
	}
	return s
}

// sharedStrings loads the shared strings table once, within the text budget.
func (b *xbook) sharedStrings(ctx context.Context) error {
	if b.loaded {
		return nil
	}
	b.loaded = true
	var cur strings.Builder
	in, inT, phonetic := false, false, false
	tooLong := 0
	const part = "xl/sharedstrings.xml"
	err := b.walk(ctx, part, unzipLimit, func(d *xdec, tok xml.Token) error {
		switch tk := tok.(type) {
		case xml.StartElement:
			switch tk.Name.Local {
			case "si":
				in = true
				cur.Reset()
			case "rPh":
				phonetic = true
			case "t":
				inT = in && !phonetic
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "si":
				in = false
				s := cur.String()
				if tooLong > 0 {
					if b.tooLong == nil {
						b.tooLong = map[int]int{}
					}
					b.tooLong[len(b.strings)] = tooLong
					s, tooLong = "", 0
				}
				b.strings = append(b.strings, s)
				if len(b.strings) > maxSlots {
					return xlsxError(ingest.Location{File: b.file, Field: "xl/sharedStrings.xml"}, "the workbook has more than %d shared strings, the most Steerco reads", maxSlots)
				}
			case "rPh":
				phonetic = false
			case "t":
				inT = false
			}
		case xml.CharData:
			if inT {
				if tooLong > 0 || cur.Len()+len(tk) > maxCellBytes {
					// Refused at the cell that uses it (if any does).
					tooLong = max(tooLong, cur.Len()) + len(tk)
					cur.Reset()
					return nil
				}
				b.text += int64(len(tk))
				if b.text > maxTextBytes {
					return b.textLimit(ingest.Location{File: b.file, Field: "xl/sharedStrings.xml"})
				}
				cur.Write(tk)
			}
		}
		return nil
	})
	if errors.Is(err, errNoPart) {
		return nil
	}
	return err
}

func (b *xbook) textLimit(loc ingest.Location) error {
	return xlsxError(loc, "the workbook holds more than %d MB of text, the most Steerco reads; import a smaller extract", maxTextBytes>>20)
}

// sheetLimits bound one sheet read; a summary read stops quietly at maxRows.
type sheetLimits struct {
	maxRows int
	quiet   bool // stop at maxRows without an error (a glance at another sheet)
}

// readSheet streams one sheet into a table: values as read (numbers raw,
// codes as shown), merged ranges expanded, hidden columns and formulas
// without a saved value recorded.
func (b *xbook) readSheet(ctx context.Context, name string, lim sheetLimits) (*table, error) {
	t := &table{sheet: name, serials: true, date1904: b.date1904}
	var sh *xsheet
	for i := range b.sheets {
		if b.sheets[i].name == name {
			sh = &b.sheets[i]
		}
	}
	loc := ingest.Location{File: b.file, Sheet: name}
	if sh == nil || sh.part == "" || b.parts[sh.part] == nil {
		return nil, xlsxError(loc, "the sheet's data is missing from the workbook")
	}
	if sh.chart {
		return t, nil // a chart sheet has no cells
	}
	var (
		row, col    int // current 1-based position
		cells       []string
		slots       int
		typ, style  string
		val         []byte
		inV, inT    bool
		inIs, inRPh bool
		hasF, hasV  bool
		formula     strings.Builder
		inF         bool
		merges      [][4]int
		codeNotes   = map[string]bool{}
		errStop     = errors.New("stop")
		rowHasCell  bool
		colEls      int // <col> elements seen: each marks up to maxColumns columns, so only the first maxColumns count
	)
	flush := func() error {
		if row == 0 {
			return nil
		}
		for len(t.rows) < row-1 {
			t.rows = append(t.rows, nil)
		}
		t.rows = append(t.rows, trimRow(cells))
		cells = nil
		return nil
	}
	err := b.walk(ctx, sh.part, unzipLimit, func(d *xdec, tok xml.Token) error {
		switch tk := tok.(type) {
		case xml.StartElement:
			switch tk.Name.Local {
			case "row":
				if err := flush(); err != nil {
					return err
				}
				r := row + 1
				if s := attr(tk, "r"); s != "" {
					n, err := strconv.Atoi(s)
					if err != nil || n <= row {
						return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: row + 1}, "the sheet is damaged: row number %q is out of order", s)
					}
					r = n
				}
				if r > lim.maxRows {
					if lim.quiet {
						return errStop
					}
					return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: r}, "the sheet has more than %d rows, the most Steerco reads from one sheet; split it", lim.maxRows)
				}
				row, col, rowHasCell = r, 0, false
			case "c":
				c := col + 1
				if ref := attr(tk, "r"); ref != "" {
					cc, rr, ok := cellRef(ref)
					if !ok || rr != row && row > 0 {
						return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: row}, "the sheet is damaged: cell reference %q", ref)
					}
					c = cc
				}
				if c <= col && rowHasCell {
					return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: row, Column: c}, "the sheet is damaged: cells out of order")
				}
				col, rowHasCell = c, true
				typ, style = attr(tk, "t"), attr(tk, "s")
				val = val[:0]
				formula.Reset()
				hasF, hasV = false, false
			case "v":
				inV, hasV = true, true
			case "f":
				inF, hasF = true, true
			case "is":
				inIs = true
				hasV = true
			case "rPh":
				inRPh = true
			case "t":
				inT = inIs && !inRPh
			case "col":
				if colEls++; colEls <= maxColumns && (attr(tk, "hidden") == "1" || attr(tk, "hidden") == "true") {
					lo, _ := strconv.Atoi(attr(tk, "min"))
					hi, _ := strconv.Atoi(attr(tk, "max"))
					for c := max(lo, 1); c <= min(hi, maxColumns); c++ {
						if t.hiddenCols == nil {
							t.hiddenCols = map[int]bool{}
						}
						t.hiddenCols[c] = true
					}
				}
			case "dimension": // room for the rows, made once (growing the list copies it)
				if m, ok := rangeRef(attr(tk, "ref")); ok && m[3] > 1 && len(t.rows) == 0 {
					t.rows = make([][]string, 0, min(m[3], lim.maxRows))
				}
			case "mergeCell":
				if len(merges) >= maxMerges {
					return xlsxError(loc, "the sheet has more than %d merged ranges, the most Steerco reads", maxMerges)
				}
				if m, ok := rangeRef(attr(tk, "ref")); ok {
					merges = append(merges, m)
				}
			}
		case xml.CharData:
			switch {
			case inV || inT:
				if len(val)+len(tk) > maxCellBytes {
					return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: row, Column: col},
						"a cell holds more than %d bytes, the most Steerco accepts", maxCellBytes)
				}
				val = append(val, tk...)
			case inF && formula.Len() < 200:
				formula.Write(tk)
			}
		case xml.EndElement:
			switch tk.Name.Local {
			case "v":
				inV = false
			case "f":
				inF = false
			case "is":
				inIs = false
			case "rPh":
				inRPh = false
			case "t":
				inT = false
			case "c":
				v, err := b.value(ctx, typ, style, b.intern(val), hasV, loc, row, col, codeNotes, t)
				if err != nil {
					return err
				}
				if hasF && !hasV {
					t.uncached = append(t.uncached, formulaCell{row: row, col: col, formula: formula.String()})
				}
				if v == "" {
					return nil
				}
				if col > maxColumns {
					return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: row, Column: col}, "a value lies in column %s, beyond the %d columns Steerco reads", ingest.ColumnName(col), maxColumns)
				}
				slots += col - len(cells)
				if slots > maxSlots {
					return xlsxError(ingest.Location{File: b.file, Sheet: name, Row: row, Column: col}, "the sheet has more than %d cells, the most Steerco reads from one sheet; import a smaller extract", maxSlots)
				}
				b.text += int64(len(v))
				if b.text > maxTextBytes {
					return b.textLimit(ingest.Location{File: b.file, Sheet: name, Row: row, Column: col})
				}
				for len(cells) < col-1 {
					cells = append(cells, "")
				}
				cells = append(cells, v)
			}
		}
		return nil
	})
	if err != nil && err != errStop {
		return nil, err
	}
	flush()
	for len(t.rows) > 0 && t.rows[len(t.rows)-1] == nil {
		t.rows = t.rows[:len(t.rows)-1]
	}
	t.expandMerges(merges)
	return t, nil
}

// intern returns the text of b as a string, one copy per distinct short
// value (periods, codes, categories and small numbers repeat on every row).
func (x *xbook) intern(b []byte) string {
	if len(b) > 32 {
		return string(b)
	}
	if s, ok := x.interned[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(x.interned) < 1<<16 {
		if x.interned == nil {
			x.interned = map[string]string{}
		}
		x.interned[s] = s
	}
	return s
}

// formulaCell is a formula whose result the file does not hold.
type formulaCell struct {
	row, col int
	formula  string
}

// value turns a cell's stored form into the text the table holds.
func (b *xbook) value(ctx context.Context, typ, style, raw string, hasV bool, loc ingest.Location, row, col int, notes map[string]bool, t *table) (string, error) {
	if !hasV {
		return "", nil
	}
	switch typ {
	case "s":
		here := ingest.Location{File: loc.File, Sheet: loc.Sheet, Row: row, Column: col}
		if err := b.sharedStrings(ctx); err != nil {
			var pe *ingest.ParseError
			if errors.As(err, &pe) { // located at the first cell that needed the table
				pe.Sheet, pe.Row, pe.Column = here.Sheet, here.Row, here.Column
			}
			return "", err
		}
		i, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || i < 0 || i >= len(b.strings) {
			return "", xlsxError(here, "the cell refers to shared string %q, which the workbook does not have", raw)
		}
		if n, ok := b.tooLong[i]; ok {
			return "", xlsxError(here, "a cell holds %d bytes, more than the %d Steerco accepts", n, maxCellBytes)
		}
		return strings.TrimSpace(b.strings[i]), nil
	case "b":
		if strings.TrimSpace(raw) == "1" {
			return "TRUE", nil
		}
		return "FALSE", nil
	case "str", "inlineStr", "e", "d":
		return strings.TrimSpace(raw), nil
	}
	raw = strings.TrimSpace(raw)
	if style == "" || raw == "" {
		return raw, nil
	}
	si, err := strconv.Atoi(style)
	if err != nil || si < 0 || si >= len(b.formats) || b.formats[si].kind == fmtPlain {
		return raw, nil
	}
	if b.formats[si].kind == fmtScaled {
		if t.scaledCols == nil {
			t.scaledCols = map[int]string{}
		}
		if _, seen := t.scaledCols[col]; !seen && len(t.scaledCols) < maxColumns {
			t.scaledCols[col] = fmt.Sprintf("%s%d (format %s)", ingest.ColumnName(col), row, b.formats[si].code)
		}
		return raw, nil
	}
	if b.formats[si].kind == fmtDate {
		if f, err := strconv.ParseFloat(raw, 64); err == nil && row <= headDateRows && f >= 1 && f < 2958466 {
			if t.headDates == nil {
				t.headDates = map[[2]int]string{}
			}
			t.headDates[[2]int{row, col}] = serialDate(f, b.date1904).String()
		}
		return raw, nil
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || f != float64(int64(f)) || f > 1e15 || f < -1e15 {
		return raw, nil
	}
	shown := formatCode(b.formats[si].code, int64(f))
	if code := b.formats[si].code; !notes[code] && shown != raw && len(notes) < 5 {
		notes[code] = true
		t.notes = append(t.notes, fmt.Sprintf("Cell %s%d stores %s but shows %q (number format %s); cells with that format were read as shown.", ingest.ColumnName(col), row, raw, shown, code))
	}
	return shown, nil
}

// expandMerges copies each merged range's value into all its cells, as a
// person sees it. Below the first 50 rows only text is copied, so a merged
// amount is never counted twice. The copies count against the cell limit.
func (t *table) expandMerges(merges [][4]int) {
	slots := 0
	for _, m := range merges {
		c1, r1, c2, r2 := m[0], m[1], m[2], m[3]
		if r1 < 1 || r1 > len(t.rows) || c1 < 1 {
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
		r2 = min(r2, len(t.rows))
		c2 = min(c2, maxColumns)
		if slots += (r2 - r1 + 1) * (c2 - c1 + 1); slots > maxSlots {
			return
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				t.set(r, c, v)
			}
		}
	}
}

// cellRef reads "AB12" as column 28, row 12.
func cellRef(s string) (col, row int, ok bool) {
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		c := int(s[i]|0x20) - 'a' + 1
		col = col*26 + c
		if col > 1<<20 {
			return 0, 0, false
		}
		i++
	}
	if i == 0 || i > 3 || i == len(s) {
		return 0, 0, false
	}
	s = strings.TrimLeft(s[i:], "$")
	row, err := strconv.Atoi(s)
	return col, row, err == nil && row >= 1
}

// rangeRef reads "A1:C3" (or a single cell) as c1, r1, c2, r2.
func rangeRef(s string) ([4]int, bool) {
	a, b, found := strings.Cut(strings.ReplaceAll(s, "$", ""), ":")
	if !found {
		b = a
	}
	c1, r1, ok1 := cellRef(a)
	c2, r2, ok2 := cellRef(b)
	if !ok1 || !ok2 || c2 < c1 || r2 < r1 {
		return [4]int{}, false
	}
	return [4]int{c1, r1, c2, r2}, true
}

func attr(se xml.StartElement, name string) string {
	for _, a := range se.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// xdec is the bounded XML reader of one part.
type xdec struct {
	*xml.Decoder
	part string
}

// scan calls fn for every start element of a small part.
func (b *xbook) scan(ctx context.Context, part string, limit int64, fn func(*xdec, xml.StartElement) error) error {
	return b.walk(ctx, part, limit, func(d *xdec, tok xml.Token) error {
		if se, ok := tok.(xml.StartElement); ok {
			return fn(d, se)
		}
		return nil
	})
}

// walk streams part's tokens to fn, within limit unpacked bytes, tokens of
// at most maxTokenBytes and nesting of at most maxDepth, checking ctx as it goes.
func (b *xbook) walk(ctx context.Context, part string, limit int64, fn func(*xdec, xml.Token) error) error {
	zf := b.parts[strings.ToLower(part)]
	loc := ingest.Location{File: b.file, Field: zf0name(zf, part)}
	if zf == nil {
		return errNoPart
	}
	if zf.UncompressedSize64 > uint64(limit) {
		return xlsxError(loc, "this part of the workbook unpacks to %s, more than the %s Steerco reads; is it really a finance workbook?", size(int64(zf.UncompressedSize64)), size(limit))
	}
	rc, err := zf.Open()
	if err != nil {
		return &ingest.ParseError{Location: loc, Msg: "the workbook is damaged", Err: err}
	}
	defer rc.Close()
	g := &guard{r: rc, limit: limit, ctx: ctx, loc: loc}
	d := &xdec{Decoder: xml.NewDecoder(g), part: part}
	d.Strict = true
	depth, n := 0, 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			switch {
			case g.err != nil:
				return g.err
			case ctx.Err() != nil:
				return ctx.Err()
			}
			return &ingest.ParseError{Location: loc, Msg: "the workbook is damaged (its XML does not parse)", Err: err}
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth++; depth > maxDepth {
				return xlsxError(loc, "the XML nests more than %d elements deep; this is not a workbook Steerco reads", maxDepth)
			}
		case xml.EndElement:
			depth--
		}
		if n++; n&0xFFF == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := fn(d, tok); err != nil {
			return err
		}
	}
}

func zf0name(zf *zip.File, part string) string {
	if zf != nil {
		return zf.Name
	}
	return part
}

// guard bounds what a part unpacks to (whatever its header claims), how
// long any run between two '<' may be (so no XML token, text or tag, is
// longer than maxTokenBytes), and stops when ctx is done.
type guard struct {
	r     io.Reader
	limit int64
	n     int64
	run   int
	ctx   context.Context
	loc   ingest.Location
	err   error
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	if err := g.ctx.Err(); err != nil {
		g.err = err
		return 0, err
	}
	if len(p) > 64<<10 {
		p = p[:64<<10]
	}
	n, err := g.r.Read(p)
	g.n += int64(n)
	if g.n > g.limit {
		g.err = xlsxError(g.loc, "this part of the workbook unpacks to more than %s, the most Steerco reads; is it really a finance workbook?", size(g.limit))
		return 0, g.err
	}
	b := p[:n]
	if i := bytes.IndexByte(b, '<'); i < 0 {
		g.run += n
	} else {
		g.run += i
		if g.run <= maxTokenBytes {
			g.run = n - 1 - bytes.LastIndexByte(b, '<')
		}
	}
	if g.run > maxTokenBytes {
		g.err = xlsxError(g.loc, "the XML holds a single value or tag longer than %s, more than any cell Steerco accepts (%s)", size(int64(maxTokenBytes)), size(int64(maxCellBytes)))
		return 0, g.err
	}
	return n, err
}

// size writes a byte count for a message: "2000 bytes", "16 MB".
func size(n int64) string {
	if n < 1<<20 {
		return fmt.Sprintf("%d bytes", n)
	}
	return fmt.Sprintf("%d MB", n>>20)
}
