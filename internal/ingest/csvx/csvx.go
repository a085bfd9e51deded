// Package csvx reads delimited text files the way people really export them.
// It is shared by every Steerco importer that reads CSV (finance, Jira,
// delivery data); it knows nothing about what the columns mean.
//
// On top of encoding/csv it adds:
//   - encoding detection: UTF-8 with or without a byte-order mark, UTF-16
//     little or big endian (with a BOM, or recognised by its NUL bytes), and
//     Windows-1252 as the fallback for bytes that are not valid UTF-8
//     (so "£" from an old Excel export survives);
//   - delimiter sniffing among comma, semicolon, tab and pipe;
//   - quoted cells spanning several lines and fields of any length (there is
//     no bufio.Scanner 64 KB token limit), with strict quoting;
//   - a row limit and a field-length limit, so a hostile file is refused
//     with a clear message instead of exhausting memory; a field over the
//     limit is found by a scan that allocates nothing, before encoding/csv
//     would read it into a string (an 8 MB cell costs 5 KB, not 58 MB).
//
// Records may have different numbers of fields; callers decide what a short
// or long row means. Errors are *Error values carrying the line and field.
package csvx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Default limits.
const (
	DefaultMaxRows = 1_000_000 // records, including the header
	// DefaultMaxCells bounds the cells of a whole file: each costs a string
	// header (16 bytes) once read, so 10 million keep a reader near 200 MB
	// even when the rows are short and the columns many.
	DefaultMaxCells      = 10_000_000
	DefaultMaxFieldBytes = 8 << 20 // one field; the longest real field seen is 217 KB
)

// Options steer a Reader. The zero value sniffs the delimiter and applies the
// default limits.
type Options struct {
	Comma         rune // field delimiter; 0 means sniff
	MaxRows       int  // 0 means DefaultMaxRows
	MaxCells      int  // 0 means DefaultMaxCells
	MaxFieldBytes int  // 0 means DefaultMaxFieldBytes
}

// Error is a failure to read a delimited file, located by line (1-based,
// where the record starts) and field (1-based; 0 when not applicable).
type Error struct {
	Line  int
	Field int
	Msg   string // a sentence for a person
	Err   error  // the cause, if any (e.g. a *csv.ParseError)
}

func (e *Error) Error() string {
	s := ""
	if e.Line > 0 {
		s = fmt.Sprintf("line %d", e.Line)
		if e.Field > 0 {
			s += fmt.Sprintf(", field %d", e.Field)
		}
		s += ": "
	}
	s += e.Msg
	if e.Err != nil {
		s += " (" + e.Err.Error() + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// ErrTooManyRows (rows or cells) and ErrFieldTooLong are wrapped by the *Error returned
// when a limit is hit.
var (
	ErrTooManyRows  = errors.New("too many rows")
	ErrFieldTooLong = errors.New("field too long")
)

// Reader reads records from a decoded, sniffed delimited file.
type Reader struct {
	cr       *csv.Reader
	comma    rune
	encoding string
	maxRows  int
	maxCells int
	cells    int
	maxField int
	rows     int
	line     int
	tooLong  *Error // a field over the limit found before reading, reported by Read
}

// NewReader detects data's encoding and delimiter and returns a Reader over
// it. It fails only when the data is empty or cannot be decoded.
func NewReader(data []byte, opts Options) (*Reader, error) {
	text, enc, err := Decode(data)
	if err != nil {
		return nil, err
	}
	comma := opts.Comma
	if comma == 0 {
		comma = Sniff(text)
	}
	maxField := opts.MaxFieldBytes
	if maxField <= 0 {
		maxField = DefaultMaxFieldBytes
	}
	var tooLong *Error
	if comma < utf8.RuneSelf && len(text) > maxField {
		// Find a huge cell before encoding/csv reads it into a string;
		// the first Read reports it.
		if line, field, size, found := longField(text, byte(comma), maxField); found {
			tooLong = &Error{Line: line, Field: field, Msg: fmt.Sprintf("a cell holds %d bytes, more than the %d Steerco accepts; is this really a CSV export?", size, maxField), Err: ErrFieldTooLong}
		}
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = false
	r := &Reader{cr: cr, comma: comma, encoding: enc, maxRows: opts.MaxRows, maxField: opts.MaxFieldBytes, tooLong: tooLong}
	if r.maxRows <= 0 {
		r.maxRows = DefaultMaxRows
	}
	r.maxCells = opts.MaxCells
	if r.maxCells <= 0 {
		r.maxCells = DefaultMaxCells
	}
	if r.maxField <= 0 {
		r.maxField = DefaultMaxFieldBytes
	}
	return r, nil
}

// longField finds the first field of text longer than max bytes without
// allocating: the line its record starts on, its 1-based position in the
// record and its size (the bytes of its value: a quoted field's quotes and
// doubled quotes are not counted). It follows the quoting rules of
// encoding/csv well enough to measure; malformed quoting is left to it.
func longField(text []byte, comma byte, max int) (line, field, size int, found bool) {
	line, field = 1, 1
	recLine := 1
	// skip counts the bytes of the current field that are not in its value:
	// its quotes, one of each doubled quote, the \r of each \r\n.
	start, skip := 0, 0
	inQuotes := false
	outside := string([]byte{comma, '\n', '"'})
	inside := "\"\r\n"
	for i := 0; i < len(text); i++ {
		// Jump to the next byte that matters.
		set := outside
		if inQuotes {
			set = inside
		}
		j := bytes.IndexAny(text[i:], set)
		if j < 0 {
			break
		}
		i += j
		c := text[i]
		if inQuotes {
			switch {
			case c == '"' && i+1 < len(text) && text[i+1] == '"':
				i++
				skip++
			case c == '"':
				inQuotes = false
				skip++
			case c == '\r' && i+1 < len(text) && text[i+1] == '\n':
				skip++
			case c == '\n':
				line++
			}
			continue
		}
		switch c {
		case '"':
			if i == start {
				inQuotes = true
				skip++
			}
		case comma, '\n':
			w := i
			if c == '\n' && w > start && text[w-1] == '\r' {
				w--
			}
			if n := w - start - skip; n > max {
				return recLine, field, n, true
			}
			start, skip = i+1, 0
			if c == '\n' {
				line++
				recLine, field = line, 1
			} else {
				field++
			}
		}
	}
	w := len(text)
	if !inQuotes && w > start && text[w-1] == '\r' {
		w--
	}
	if n := w - start - skip; n > max {
		return recLine, field, n, true
	}
	return 0, 0, 0, false
}

// Comma returns the delimiter in use (given or sniffed).
func (r *Reader) Comma() rune { return r.comma }

// Encoding names the detected encoding: "UTF-8", "UTF-8 with BOM",
// "UTF-16LE", "UTF-16BE" or "Windows-1252".
func (r *Reader) Encoding() string { return r.encoding }

// Line returns the line on which the last record read starts (1-based).
func (r *Reader) Line() int { return r.line }

// Read returns the next record, or io.EOF after the last one. Blank lines are
// skipped (as encoding/csv does). It returns an *Error for malformed quoting
// and when a limit is exceeded.
func (r *Reader) Read() ([]string, error) {
	if r.tooLong != nil {
		return nil, r.tooLong
	}
	rec, err := r.cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			msg := "the file is not valid CSV here"
			if errors.Is(pe.Err, csv.ErrQuote) || errors.Is(pe.Err, csv.ErrBareQuote) {
				msg = "a quote character is misplaced or a quoted cell is never closed"
			}
			return nil, &Error{Line: pe.StartLine, Field: pe.Column, Msg: msg, Err: pe.Err}
		}
		return nil, &Error{Msg: "the file could not be read", Err: err}
	}
	r.line, _ = r.cr.FieldPos(0)
	r.rows++
	if r.rows > r.maxRows {
		return nil, &Error{Line: r.line, Msg: fmt.Sprintf("the file has more than %d rows, the most Steerco reads from one file; split it into smaller files", r.maxRows), Err: ErrTooManyRows}
	}
	r.cells += len(rec)
	if r.cells > r.maxCells {
		return nil, &Error{Line: r.line, Msg: fmt.Sprintf("the file has more than %d cells (rows × columns), the most Steerco reads from one file; export fewer columns or split it", r.maxCells), Err: ErrTooManyRows}
	}
	for i, f := range rec {
		if len(f) > r.maxField {
			return nil, &Error{Line: r.line, Field: i + 1, Msg: fmt.Sprintf("a cell holds %d bytes, more than the %d Steerco accepts; is this really a CSV export?", len(f), r.maxField), Err: ErrFieldTooLong}
		}
	}
	return rec, nil
}

// ReadAll reads every remaining record.
func (r *Reader) ReadAll() ([][]string, error) {
	var out [][]string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		out = append(out, rec)
	}
}

// Decode returns data as UTF-8 text without a byte-order mark, and the name
// of the encoding it was in. UTF-16 needs a BOM or a NUL byte pattern that
// gives it away; bytes that are not valid UTF-8 are read as Windows-1252.
func Decode(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return data[3:], "UTF-8 with BOM", nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return decodeUTF16(data, unicode.LittleEndian, "UTF-16LE")
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return decodeUTF16(data, unicode.BigEndian, "UTF-16BE")
	}
	if le, be := nulPattern(data); le {
		return decodeUTF16(data, unicode.LittleEndian, "UTF-16LE")
	} else if be {
		return decodeUTF16(data, unicode.BigEndian, "UTF-16BE")
	}
	if utf8.Valid(data) {
		return data, "UTF-8", nil
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &Error{Msg: "the file's text encoding is not UTF-8, UTF-16 or Windows-1252; save it as CSV UTF-8", Err: err}
	}
	return out, "Windows-1252", nil
}

func decodeUTF16(data []byte, e unicode.Endianness, name string) ([]byte, string, error) {
	out, err := unicode.UTF16(e, unicode.UseBOM).NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", &Error{Msg: "the file looks like UTF-16 text but does not decode; save it as CSV UTF-8", Err: err}
	}
	out = bytes.TrimPrefix(out, []byte{0xEF, 0xBB, 0xBF})
	return out, name, nil
}

// nulPattern recognises BOM-less UTF-16 of mostly ASCII text: in the first
// bytes, NULs sit at every odd (LE) or every even (BE) offset.
func nulPattern(data []byte) (le, be bool) {
	n := len(data)
	if n > 200 {
		n = 200
	}
	n &^= 1
	if n < 4 {
		return false, false
	}
	odd, even := 0, 0
	for i := 0; i < n; i += 2 {
		if data[i] == 0 {
			even++
		}
		if data[i+1] == 0 {
			odd++
		}
	}
	half := n / 2
	return odd*10 >= half*9 && even == 0, even*10 >= half*9 && odd == 0
}

// candidates are the delimiters Sniff considers, in order of preference on a tie.
var candidates = []rune{',', ';', '\t', '|'}

// Sniff guesses the delimiter of UTF-8 text from its first 64 KB. Each
// candidate parses the sample with strict quoting until the first error;
// its score is the number of records that share the most common field count
// (more than one) times that count. The best score wins; ',' when nothing fits.
func Sniff(text []byte) rune {
	sample := text
	if len(sample) > 64<<10 {
		sample = sample[:64<<10]
		if i := bytes.LastIndexByte(sample, '\n'); i > 0 {
			sample = sample[:i+1]
		}
	}
	best, bestScore := ',', 0
	for _, c := range candidates {
		if !bytes.ContainsRune(sample, c) {
			continue
		}
		cr := csv.NewReader(bytes.NewReader(sample))
		cr.Comma = c
		cr.FieldsPerRecord = -1
		counts := map[int]int{}
		for i := 0; i < 50; i++ {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			counts[len(rec)]++
		}
		score := 0
		for n, k := range counts {
			if n > 1 && k*n > score {
				score = k * n
			}
		}
		if score > bestScore {
			best, bestScore = c, score
		}
	}
	return best
}
