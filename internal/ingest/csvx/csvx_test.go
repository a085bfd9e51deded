package csvx

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func utf16le(s string, bom bool) []byte {
	var b []byte
	if bom {
		b = append(b, 0xFF, 0xFE)
	}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	b := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestReader(t *testing.T) {
	long := strings.Repeat("x", 100<<10)
	tests := []struct {
		name  string
		data  []byte
		comma rune
		enc   string
		want  [][]string
	}{
		{"comma", []byte("a,b\n1,2\n"), ',', "UTF-8", [][]string{{"a", "b"}, {"1", "2"}}},
		{"semicolon with decimal commas", []byte("Period;Amount\n2027-01;1.234,56\n2027-02;-7,5\n"), ';', "UTF-8",
			[][]string{{"Period", "Amount"}, {"2027-01", "1.234,56"}, {"2027-02", "-7,5"}}},
		{"tab", []byte("a\tb\tc\n1\t2\t3\n"), '\t', "UTF-8", [][]string{{"a", "b", "c"}, {"1", "2", "3"}}},
		{"pipe", []byte("a|b\n1|2\n"), '|', "UTF-8", [][]string{{"a", "b"}, {"1", "2"}}},
		{"utf-8 bom", []byte("\xEF\xBB\xBFIssue Type,Key\nEpic,A-1\n"), ',', "UTF-8 with BOM", [][]string{{"Issue Type", "Key"}, {"Epic", "A-1"}}},
		{"utf-16le bom", utf16le("Cost centre\tAmount\nCC-1\t£10\n", true), '\t', "UTF-16LE", [][]string{{"Cost centre", "Amount"}, {"CC-1", "£10"}}},
		{"utf-16le no bom", utf16le("Cost centre,Amount\nCC-1,10\n", false), ',', "UTF-16LE", [][]string{{"Cost centre", "Amount"}, {"CC-1", "10"}}},
		{"utf-16be bom", utf16be("a;b\n€1;2\n"), ';', "UTF-16BE", [][]string{{"a", "b"}, {"€1", "2"}}},
		{"windows-1252 pound", []byte("Supplier,Amount\nAcme,\xA3120\nCaf\xE9,\x80 5\n"), ',', "Windows-1252", [][]string{{"Supplier", "Amount"}, {"Acme", "£120"}, {"Café", "€ 5"}}},
		{"quoted multi-line cell", []byte("a,b\n\"line 1\nline 2, with comma\",2\n"), ',', "UTF-8", [][]string{{"a", "b"}, {"line 1\nline 2, with comma", "2"}}},
		{"100 KB field", []byte("a,b\n\"" + long + "\",2\n"), ',', "UTF-8", [][]string{{"a", "b"}, {long, "2"}}},
		{"ragged rows", []byte("title only\na,b,c\n1,2,3\n"), ',', "UTF-8", [][]string{{"title only"}, {"a", "b", "c"}, {"1", "2", "3"}}},
		{"crlf", []byte("a;b\r\n1;2\r\n"), ';', "UTF-8", [][]string{{"a", "b"}, {"1", "2"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader(tc.data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if r.Comma() != tc.comma {
				t.Errorf("comma %q, want %q", r.Comma(), tc.comma)
			}
			if r.Encoding() != tc.enc {
				t.Errorf("encoding %q, want %q", r.Encoding(), tc.enc)
			}
			got, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("%d records, want %d: %q", len(got), len(tc.want), got)
			}
			for i := range got {
				if strings.Join(got[i], "\x00") != strings.Join(tc.want[i], "\x00") {
					t.Errorf("record %d: %q, want %q", i, trunc(got[i]), trunc(tc.want[i]))
				}
			}
		})
	}
}

func trunc(rec []string) []string {
	out := make([]string, len(rec))
	for i, s := range rec {
		if len(s) > 40 {
			s = s[:40] + "…"
		}
		out[i] = s
	}
	return out
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		opts Options
		line int
		is   error
		msg  string
	}{
		{"bad quote", "a,b\n1,2\n3,\"x\"y\n", Options{}, 3, nil, "quote"},
		{"unclosed quote", "a,b\n1,\"never closed\n", Options{}, 2, nil, "quote"},
		{"row limit", "a\n1\n2\n3\n", Options{MaxRows: 3}, 4, ErrTooManyRows, "more than 3 rows"},
		{"field limit", "a,b\n1," + strings.Repeat("y", 50) + "\n", Options{MaxFieldBytes: 10}, 2, ErrFieldTooLong, "50 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader([]byte(tc.data), tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.ReadAll()
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("want *Error, got %v", err)
			}
			if e.Line != tc.line {
				t.Errorf("line %d, want %d (%v)", e.Line, tc.line, err)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v is not %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("%q does not say %q", err, tc.msg)
			}
		})
	}
}

func TestLineOfMultiLineRecord(t *testing.T) {
	r, _ := NewReader([]byte("a,b\n\"x\ny\",1\nz,2\n"), Options{})
	want := []int{1, 2, 4}
	for _, w := range want {
		if _, err := r.Read(); err != nil {
			t.Fatal(err)
		}
		if r.Line() != w {
			t.Errorf("line %d, want %d", r.Line(), w)
		}
	}
	if _, err := r.Read(); err != io.EOF {
		t.Errorf("want EOF, got %v", err)
	}
}

// realdata is the shared folder of real files beside the repository.
func realdata(t testing.TB) string {
	dir := filepath.Join("..", "..", "..", "..", "shared", "realdata")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data folder %s is missing: %v", dir, err)
	}
	return dir
}

// Every real CSV in the shared set reads without error with the sniffed
// delimiter, and the ones with known record counts have them.
func TestRealFiles(t *testing.T) {
	dir := realdata(t)
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.csv"))
	if len(files) == 0 {
		t.Skip("no CSV files in " + dir)
	}
	wantRecords := map[string]int{ // data rows, header excluded
		"epsrc_spend_aug2015_actuals.csv":            1041,
		"gearset_deployments_with_prs.csv":           518,
		"devlake_github_cicd_deployment_commits.csv": 100,
		"gazeus_JIRA_pt-BR_213cols.csv":              219,
		"codebook666_Jira_bom_minimal.csv":           20,
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			r, err := NewReader(data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			recs, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if r.Comma() != ',' {
				t.Errorf("sniffed %q", r.Comma())
			}
			if n, ok := wantRecords[name]; ok && len(recs)-1 != n {
				t.Errorf("%d data records, want %d", len(recs)-1, n)
			}
			if name == "codebook666_Jira_bom_minimal.csv" && recs[0][0] != "Issue Type" {
				t.Errorf("BOM leaked into the first header: %q", recs[0][0])
			}
			if name == "gazeus_JIRA_pt-BR_213cols.csv" && len(recs[0]) != 213 {
				t.Errorf("%d columns, want 213", len(recs[0]))
			}
		})
	}
}

func FuzzReader(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "x;y\n\"q\n\";2\n", "\xEF\xBB\xBFa\tb\n", "\xFF\xFEa\x00,\x00b\x00", "caf\xE9,\xA3\n", "\"unterminated"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(data, Options{MaxRows: 1000, MaxFieldBytes: 1 << 16})
		if err != nil {
			return
		}
		for {
			rec, err := r.Read()
			if err != nil {
				return
			}
			for _, s := range rec {
				if len(s) > 1<<16 {
					t.Fatalf("field of %d bytes passed the limit", len(s))
				}
			}
		}
	})
}

// A cell over the limit is refused before encoding/csv reads it, at the
// line its record starts on and its field, with its value's size.
func TestLongFieldRefusedEarly(t *testing.T) {
	tests := []struct {
		name, text        string
		line, field, size int
	}{
		{"plain", "a,b\n1," + strings.Repeat("x", 40) + "\n", 2, 2, 40},
		{"quoted multi-line", "a,b\n1,2\n\"" + strings.Repeat("x\n", 10) + strings.Repeat("y", 20) + "\",3\n", 3, 1, 40},
		{"doubled quotes", "a,\"" + strings.Repeat(`""`, 40) + "\"\n", 1, 2, 40},
		{"crlf and last line", "a,b\r\n1,2\r\n3," + strings.Repeat("z", 33), 3, 2, 33},
		{"unterminated", "a,b\n\"" + strings.Repeat("q", 40), 2, 1, 40},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := NewReader([]byte(tc.text), Options{Comma: ',', MaxFieldBytes: 32})
			if err != nil {
				t.Fatal(err)
			}
			_, err = r.Read()
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, ErrFieldTooLong) || e.Line != tc.line || e.Field != tc.field || !strings.Contains(e.Msg, fmt.Sprintf("a cell holds %d bytes, more than the 32", tc.size)) {
				t.Fatalf("err = %v, want line %d field %d, %d bytes", err, tc.line, tc.field, tc.size)
			}
		})
	}
	// Exactly at the limit, with quotes and doubled quotes around it, is fine.
	r, err := NewReader([]byte("a,\""+strings.Repeat("x", 30)+`""`+"\"\n"+strings.Repeat("b", 32)+",c\n"), Options{Comma: ',', MaxFieldBytes: 32})
	if err != nil {
		t.Fatal(err)
	}
	if recs, err := r.ReadAll(); err != nil || len(recs) != 2 || len(recs[0][1]) != 31 {
		t.Fatalf("%q, %v", recs, err)
	}
}

// FuzzLongField checks the no-allocation scan against encoding/csv: on
// text encoding/csv reads without error, both find the same first field
// over the limit (line, position, size), or both find none.
func FuzzLongField(f *testing.F) {
	for _, s := range []string{"a,b\n1,xxxxxxxxxx\n", "a,\"x\ny\"\"zzzzzzz\"\n", "\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\",b\r\n", "a,b\n\n\nccccccccccccccccc", "a;bbbbbbbbbbbbbbbbbbbb"} {
		f.Add([]byte(s), uint8(8))
	}
	f.Fuzz(func(t *testing.T, data []byte, m uint8) {
		max := int(m%32) + 1
		cr := csv.NewReader(bytes.NewReader(data))
		cr.FieldsPerRecord = -1
		wantFound := false
		var wantLine, wantField, wantSize int
		for !wantFound {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return // malformed: encoding/csv reports it
			}
			for i, v := range rec {
				if len(v) > max {
					wantLine, _ = cr.FieldPos(i)
					wantLine0, _ := cr.FieldPos(0)
					wantLine, wantField, wantSize, wantFound = wantLine0, i+1, len(v), true
					break
				}
			}
		}
		line, field, size, found := longField(data, ',', max)
		if found != wantFound || found && (line != wantLine || field != wantField || size != wantSize) {
			t.Fatalf("longField = line %d field %d size %d found %v; encoding/csv: line %d field %d size %d found %v", line, field, size, found, wantLine, wantField, wantSize, wantFound)
		}
	})
}

// Many short rows of many columns are bounded by the cell limit.
func TestCellLimit(t *testing.T) {
	data := strings.Repeat(strings.Repeat(",", 9)+"\n", 5)
	r, err := NewReader([]byte(data), Options{Comma: ',', MaxCells: 30})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.ReadAll()
	var e *Error
	if !errors.As(err, &e) || e.Line != 4 || !strings.Contains(e.Msg, "more than 30 cells") {
		t.Fatalf("err = %v, want a refusal at line 4", err)
	}
}
