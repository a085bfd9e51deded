package finance

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"steerco/internal/ingest"
)

// bombPart returns the raw DEFLATE stream and CRC-32 of prefix + body×n +
// suffix without compressing all of it: body is compressed once after a
// first copy (a block whose back-references reach only into earlier copies,
// because body is at least the 32 KiB window), and that block is repeated.
// So a part that inflates to a gigabyte costs milliseconds and a megabyte.
func bombPart(t testing.TB, prefix, body []byte, n int, suffix []byte) (raw []byte, crc uint32, size uint64) {
	t.Helper()
	if len(body) < 32<<10 || n < 2 {
		t.Fatal("bombPart: body must be at least 32 KiB, n at least 2")
	}
	var out bytes.Buffer
	w, _ := flate.NewWriter(&out, flate.BestCompression)
	w.Write(prefix)
	w.Write(body)
	w.Flush()
	first := out.Len()
	w.Write(body)
	w.Flush()
	steady := append([]byte(nil), out.Bytes()[first:]...)
	for i := 2; i < n; i++ {
		out.Write(steady)
	}
	w.Write(suffix)
	w.Close()
	h := crc32.NewIEEE()
	h.Write(prefix)
	for i := 0; i < n; i++ {
		h.Write(body)
	}
	h.Write(suffix)
	return out.Bytes(), h.Sum32(), uint64(len(prefix)) + uint64(len(body))*uint64(n) + uint64(len(suffix))
}

// bombXLSX builds a workbook whose parts are given raw (already deflated) or plain.
func bombXLSX(t testing.TB, parts map[string][]byte, raw map[string]rawPart) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	base := map[string]string{
		"[Content_Types].xml":        `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels":                `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml":            `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	}
	for name, s := range base {
		if _, ok := parts[name]; !ok {
			parts[name] = []byte(s)
		}
	}
	for name, b := range parts {
		if _, ok := raw[name]; ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(b)
	}
	for name, p := range raw {
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: p.crc, CompressedSize64: uint64(len(p.data)), UncompressedSize64: p.size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(p.data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

type rawPart struct {
	data []byte
	crc  uint32
	size uint64
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`

// sheetBomb: a sheet of about mib MiB that imports under the row and cell
// limits: a header, then rows of period, category, amount and a 900-byte
// description, written without row numbers (r is optional) so they repeat.
func sheetBomb(t testing.TB, mib int) []byte {
	row := `<row><c t="inlineStr"><is><t>2027-01</t></is></c><c t="inlineStr"><is><t>Tools</t></is></c><c><v>1</v></c><c t="inlineStr"><is><t>` + strings.Repeat("x", 900) + `</t></is></c></row>`
	per := (64 << 10) / len(row)
	body := []byte(strings.Repeat(row, per))
	n := (mib << 20) / len(body)
	head := sheetHead + `<row><c t="inlineStr"><is><t>Period</t></is></c><c t="inlineStr"><is><t>Category</t></is></c><c t="inlineStr"><is><t>Amount</t></is></c><c t="inlineStr"><is><t>Description</t></is></c></row>`
	data, crc, size := bombPart(t, []byte(head), body, n, []byte(`</sheetData></worksheet>`))
	return bombXLSX(t, map[string][]byte{}, map[string]rawPart{"xl/worksheets/sheet1.xml": {data, crc, size}})
}

// stringBomb: one shared string of mib MiB, used by one cell.
func stringBomb(t testing.TB, mib int) []byte {
	body := bytes.Repeat([]byte("a"), 64<<10)
	data, crc, size := bombPart(t, []byte(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>`), body, (mib<<20)/len(body), []byte(`</t></si></sst>`))
	sheet := sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>Period</t></is></c><c r="B1" t="inlineStr"><is><t>Category</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>2027-01</t></is></c><c r="B2" t="s"><v>0</v></c><c r="C2"><v>1</v></c></row></sheetData></worksheet>`
	return bombXLSX(t, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheet)}, map[string]rawPart{"xl/sharedStrings.xml": {data, crc, size}})
}

// BenchmarkBombs previews the two hostile workbooks of issue 15 once each.
// Peak memory is the process's: run one at a time under /usr/bin/time -v:
//
//	go test -c -o /tmp/finance.test ./internal/ingest/finance
//	/usr/bin/time -v /tmp/finance.test -test.run '^$' -test.bench 'BenchmarkBombs/sheet' -test.benchtime 1x
//
// It also reports the peak Go heap sampled every 10 ms.
func BenchmarkBombs(b *testing.B) {
	for _, bc := range []struct {
		name string
		make func(testing.TB, int) []byte
		mib  int
	}{{"sheet1000MiB", sheetBomb, 1000}, {"sharedString900MiB", stringBomb, 900}, {"sheet400MiB", sheetBomb, 400}, {"numbers", numberBomb, 1000}, {"numbers600k", numberBomb, 600}, {"blankRows", sparseBomb, 0}, {"csv200MB", csvBomb, 0}, {"totalRows", totalBomb, 0}, {"emptyCells500MiB", emptyCellBomb, 500}} {
		b.Run(bc.name, func(b *testing.B) {
			data := bc.make(b, bc.mib)
			b.Logf("%s: %d bytes on disk", bc.name, len(data))
			p := newPortfolio("USD", time.January)
			var peak uint64
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				done := make(chan struct{})
				go func() {
					var ms runtime.MemStats
					for {
						select {
						case <-done:
							return
						case <-time.After(10 * time.Millisecond):
							runtime.ReadMemStats(&ms)
							peak = max(peak, ms.HeapInuse)
						}
					}
				}()
				name := "bomb.xlsx"
				if !bytes.HasPrefix(data, []byte("PK")) {
					name = "bomb.csv"
				}
				pv, err := Preview(context.Background(), ingest.Source{Name: name, Data: data}, p, ingest.Options{})
				close(done)
				if err != nil {
					b.Logf("refused: %v", err)
				} else {
					b.Logf("preview: read %d, imported %d, problems %d %v", pv.RowsRead, pv.RowsImported, len(pv.Problems), firstProblem(pv))
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			if s, err := os.ReadFile("/proc/self/status"); err == nil {
				for _, l := range strings.Split(string(s), "\n") {
					if strings.HasPrefix(l, "VmHWM") {
						b.Log(l)
					}
				}
			}
		})
	}
}

func firstProblem(pv *ingest.Preview) string {
	if len(pv.Problems) == 0 {
		return ""
	}
	return pv.Problems[0].String()
}

// emptyCellBomb: mib MiB of rows of value-less styled cells, which hold
// nothing and hit no limit: reading it only takes time (for Ctrl-C).
func emptyCellBomb(t testing.TB, mib int) []byte {
	row := `<row>` + strings.Repeat(`<c s="0"/>`, 100) + `</row>`
	body := []byte(strings.Repeat(row, (64<<10)/len(row)+1))
	n := (mib << 20) / len(body)
	head := sheetHead + `<row><c t="inlineStr"><is><t>Period</t></is></c><c t="inlineStr"><is><t>Amount</t></is></c></row>`
	data, crc, size := bombPart(t, []byte(head), body, n, []byte(`</sheetData></worksheet>`))
	return bombXLSX(t, map[string][]byte{}, map[string]rawPart{"xl/worksheets/sheet1.xml": {data, crc, size}})
}

// numberBomb: krows thousand rows of a period and seven one-digit amounts
// (at 1,000 the reader stops at maxSlots cells).
func numberBomb(t testing.TB, krows int) []byte {
	row := `<row><c t="inlineStr"><is><t>2027-01</t></is></c>` + strings.Repeat(`<c><v>1</v></c>`, 7) + `</row>`
	body := []byte(strings.Repeat(row, (64<<10)/len(row)+1))
	n := krows * 1000 / ((64<<10)/len(row) + 1)
	head := sheetHead + `<row><c t="inlineStr"><is><t>Period</t></is></c>` + strings.Repeat(`<c t="inlineStr"><is><t>Amount</t></is></c>`, 7) + `</row>`
	data, crc, size := bombPart(t, []byte(head), body, n, []byte(`</sheetData></worksheet>`))
	return bombXLSX(t, map[string][]byte{}, map[string]rawPart{"xl/worksheets/sheet1.xml": {data, crc, size}})
}

// sparseBomb: a header, then one row at the last row number allowed: a
// million blank rows in a few hundred bytes.
func sparseBomb(t testing.TB, _ int) []byte {
	sheet := sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>Period</t></is></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row><row r="1000000"><c r="A1000000" t="inlineStr"><is><t>2027-01</t></is></c><c r="B1000000"><v>1</v></c></row></sheetData></worksheet>`
	return bombXLSX(t, map[string][]byte{"xl/worksheets/sheet1.xml": []byte(sheet)}, nil)
}

// totalBomb: a million rows skipped as totals, each with its reason.
func totalBomb(t testing.TB, _ int) []byte {
	row := `<row><c t="inlineStr"><is><t>Total</t></is></c><c t="inlineStr"><is><t>2027-01</t></is></c><c><v>1</v></c></row>`
	body := []byte(strings.Repeat(row, (64<<10)/len(row)+1))
	n := 999_000 / ((64<<10)/len(row) + 1)
	head := sheetHead + `<row><c t="inlineStr"><is><t>Category</t></is></c><c t="inlineStr"><is><t>Period</t></is></c><c t="inlineStr"><is><t>Amount</t></is></c></row>` +
		`<row><c t="inlineStr"><is><t>Tools</t></is></c><c t="inlineStr"><is><t>2027-01</t></is></c><c><v>1</v></c></row>`
	data, crc, size := bombPart(t, []byte(head), body, n, []byte(`</sheetData></worksheet>`))
	return bombXLSX(t, map[string][]byte{}, map[string]rawPart{"xl/worksheets/sheet1.xml": {data, crc, size}})
}

// csvBomb: a CSV file of the largest size read (200 MB), 190-byte rows.
func csvBomb(t testing.TB, _ int) []byte {
	var b bytes.Buffer
	b.Grow(ingest.MaxFileSize)
	b.WriteString("Period,Category,Amount,Description\n")
	row := "2027-01,Tools,1," + strings.Repeat("x", 174) + "\n"
	for b.Len()+len(row) <= ingest.MaxFileSize {
		b.WriteString(row)
	}
	return b.Bytes()
}

// The two workbooks of issue 15 are refused, located, with what they hold
// in memory bounded (BenchmarkBombs measures it); small on disk.
func TestBombs(t *testing.T) {
	p := newPortfolio("USD", time.January)
	for _, tc := range []struct {
		name string
		data []byte
		want string
		lim  func() // lowers a limit (restored after), so the test reads less
	}{
		{"sheet inflating to 1,000 MiB", sheetBomb(t, 1000), "bomb.xlsx, field xl/worksheets/sheet1.xml: this part of the workbook unpacks to 999 MB, more than the 512 MB Steerco reads", nil},
		{"one shared string of 900 MiB", stringBomb(t, 900), "bomb.xlsx, sheet Data, row 2, column B (xl/sharedStrings.xml): this part of the workbook unpacks to 900 MB, more than the 512 MB", nil},
		{"one shared string of 400 MiB", stringBomb(t, 400), "bomb.xlsx, sheet Data, row 2, column B (xl/sharedStrings.xml): the XML holds a single value or tag longer than 8 MB", nil},
		{"text beyond the text limit", sheetBomb(t, 40), "row 9189, column D: the workbook holds more than 8 MB of text, the most Steerco reads", func() { maxTextBytes = 8 << 20 }},
		{"cells beyond the cell limit", numberBomb(t, 100), "row 25001, column A: the sheet has more than 200000 cells, the most Steerco reads from one sheet", func() { maxSlots = 200_000 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if len(tc.data) > 4<<20 {
				t.Fatalf("the bomb is %d bytes on disk", len(tc.data))
			}
			if tc.lim != nil {
				defer func(a int, b int64) { maxSlots, maxTextBytes = a, b }(maxSlots, maxTextBytes)
				tc.lim()
			}
			_, err := Preview(context.Background(), ingest.Source{Name: "bomb.xlsx", Data: tc.data}, p, ingest.Options{})
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want a ParseError with %q", err, tc.want)
			}
			t.Logf("%d bytes: %v", len(tc.data), err)
		})
	}
}

// Cancelling the context stops a long read: the preview returns
// context.Canceled (the reader checks it every 64 KiB of XML).
func TestCancelWhileReading(t *testing.T) {
	data := emptyCellBomb(t, 500)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() {
		_, err := Preview(ctx, ingest.Source{Name: "long.xlsx", Data: data}, newPortfolio("USD", time.January), ingest.Options{})
		done <- err
	}()
	time.Sleep(200 * time.Millisecond)
	cancel()
	cancelled := time.Now()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
	t.Logf("returned %v after the cancel (%v after the start)", time.Since(cancelled), time.Since(start))
}

// A CSV read stops on a cancelled context too.
func TestCancelCSV(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Preview(ctx, ingest.Source{Name: "x.csv", Data: []byte("Period,Amount\n2027-01,1\n")}, newPortfolio("USD", time.January), ingest.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
}

// TestWriteBombs writes the hostile workbooks to $STEERCO_BOMB_DIR, to run
// the real binary on them (skipped otherwise):
//
//	STEERCO_BOMB_DIR=/tmp/bombs go test -run TestWriteBombs ./internal/ingest/finance
//	/usr/bin/time -v steerco import /tmp/bombs/sheet1000MiB.xlsx --into demo.steerco --dry-run
func TestWriteBombs(t *testing.T) {
	dir := os.Getenv("STEERCO_BOMB_DIR")
	if dir == "" {
		t.Skip("set STEERCO_BOMB_DIR to write the bombs")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"sheet1000MiB.xlsx": sheetBomb(t, 1000), "sharedString900MiB.xlsx": stringBomb(t, 900), "sheet400MiB.xlsx": sheetBomb(t, 400),
		"numbers1M.xlsx": numberBomb(t, 1000), "totalRows1M.xlsx": totalBomb(t, 0), "blankRows.xlsx": sparseBomb(t, 0),
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
