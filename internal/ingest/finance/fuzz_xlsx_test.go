package finance

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"steerco/internal/ingest"
)

// storedXLSX wraps a sheet, shared strings and styles into a workbook (parts
// stored, not deflated) with a second sheet beside it, so the fuzzer works
// on the XML the reader parses rather than on ZIP framing.
func storedXLSX(sheet, sst, styles []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, b []byte) {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		w.Write(b)
	}
	put("xl/workbook.xml", []byte(`<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="false"/><sheets><sheet name="Budget" sheetId="1" r:id="rId1"/><sheet name="Actual" sheetId="2" r:id="rId2"/></sheets></workbook>`))
	put("xl/_rels/workbook.xml.rels", []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`))
	put("xl/worksheets/sheet1.xml", sheet)
	put("xl/worksheets/sheet2.xml", []byte(sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c><c r="B1" t="inlineStr"><is><t>Category</t></is></c><c r="C1" t="inlineStr"><is><t>Amount</t></is></c></row><row r="2"><c r="A2"><v>46023</v></c><c r="B2" t="s"><v>0</v></c><c r="C2"><v>5</v></c></row></sheetData></worksheet>`))
	put("xl/sharedStrings.xml", sst)
	put("xl/styles.xml", styles)
	zw.Close()
	return buf.Bytes()
}

// FuzzPreviewXLSX feeds arbitrary sheet XML (with fixed shared strings and
// styles: one input keeps the fuzzer's minimising quick) through the whole
// workbook import: it may refuse it, but must never panic.
func FuzzPreviewXLSX(f *testing.F) {
	sst := `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Salaries</t></si><si><r><t>Cloud</t></r><r><t> hosting</t></r><rPh><t>x</t></rPh></si><si><t>Base Salary</t></si></sst>`
	styles := `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="00\-00"/><numFmt numFmtId="165" formatCode="&quot;FY&quot;00"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>`
	cell := func(ref, body string) string { return `<c r="` + ref + `"` + body + `</c>` }
	str := func(ref, s string) string { return cell(ref, ` t="inlineStr"><is><t>`+s+`</t></is>`) }
	num := func(ref, v string) string { return cell(ref, `><v>`+v+`</v>`) }
	// Actual | Budget blocks under a merged two-row header, a code column, a total row.
	blocks := sheetHead +
		`<row r="1">` + str("A1", "Cost centre") + str("B1", "Category") + str("C1", "Actual") + str("E1", "Budget") + str("G1", "Variance") + `</row>` +
		`<row r="2">` + str("C2", "Jan") + str("D2", "Feb") + str("E2", "Jan") + str("F2", "Feb") + str("G2", "Jan") + str("H2", "Feb") + `</row>` +
		`<row r="3">` + cell("A3", ` s="1"><v>101</v>`) + cell("B3", ` t="s"><v>0</v>`) + num("C3", "100.25") + num("D3", "110") + num("E3", "120") + num("F3", "120") + num("G3", "-19.75") + num("H3", "-10") + `</row>` +
		`<row r="4">` + cell("A4", ` s="1"><v>102</v>`) + cell("B4", ` t="s"><v>1</v>`) + cell("C4", `><f>SUM(C1:C3)</f>`) + num("D4", "5") + num("E4", "5") + num("F4", "5") + `</row>` +
		`<row r="5">` + str("A5", "Total") + num("C5", "105.25") + num("D5", "115") + num("E5", "125") + num("F5", "125") + `</row>` +
		`</sheetData><mergeCells count="5"><mergeCell ref="A1:A2"/><mergeCell ref="B1:B2"/><mergeCell ref="C1:D1"/><mergeCell ref="E1:F1"/><mergeCell ref="G1:H1"/></mergeCells></worksheet>`
	income := sheetHead + `<cols><col min="2" max="2" hidden="1"/></cols>` +
		`<row r="2">` + str("B2", "Budget 2027") + `</row><row r="4">` + str("B4", "Line") + str("C4", "January") + str("D4", "February") + `</row>` +
		`<row r="5">` + str("B5", "Income:") + `</row><row r="6">` + cell("B6", ` t="s"><v>2</v>`) + num("C6", "3000") + num("D6", "3000") + `</row>` +
		`<row r="7">` + str("B7", "Expenses:") + `</row><row r="8">` + cell("B8", ` t="s"><v>0</v>`) + num("C8", "1") + num("D8", "2") + `</row></sheetData></worksheet>`
	for _, s := range []string{blocks, income, sheetHead + `<row><c><v>1</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c><c t="d"><v>2027-01-01T00:00:00</v></c></row></sheetData></worksheet>`, `<worksheet><sheetData><row r="0"/><c r="ZZZZ1"/></sheetData></worksheet>`} {
		f.Add([]byte(s))
	}
	p := newPortfolio("USD", time.January)
	f.Fuzz(func(t *testing.T, sheet []byte) {
		data := storedXLSX(sheet, []byte(sst), []byte(styles))
		pv, err := Preview(context.Background(), ingest.Source{Name: "fuzz.xlsx", Data: data}, p, ingest.Options{})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatal(err)
			}
			return
		}
		if !pv.HasErrors() && pv.RowsImported > pv.RowsRead {
			t.Fatalf("imported %d of %d rows", pv.RowsImported, pv.RowsRead)
		}
	})
}

// The seeds above, checked as ordinary tests: the block layout imports both
// blocks, skipping the total row and refusing the formula without a result.
func TestFuzzSeedsXLSX(t *testing.T) {
	data := storedXLSX([]byte(sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>Category</t></is></c><c r="B1" t="inlineStr"><is><t>Actual</t></is></c><c r="D1" t="inlineStr"><is><t>Budget</t></is></c></row><row r="2"><c r="B2" t="inlineStr"><is><t>Jan 2027</t></is></c><c r="C2" t="inlineStr"><is><t>Feb 2027</t></is></c><c r="D2" t="inlineStr"><is><t>Jan 2027</t></is></c><c r="E2" t="inlineStr"><is><t>Feb 2027</t></is></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>1.5</v></c><c r="C3"><v>2</v></c><c r="D3"><v>3</v></c><c r="E3"><v>4</v></c></row></sheetData><mergeCells><mergeCell ref="B1:C1"/><mergeCell ref="D1:E1"/></mergeCells></worksheet>`),
		[]byte(`<sst><si><t>Salaries</t></si><si><r><t>Cloud</t></r><r><t> hosting</t></r></si></sst>`), nil)
	pv := preview(t, "seed.xlsx", data, newPortfolio("USD", time.January), ingest.Options{})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatal(errs)
	}
	if total(pv, "actual total") != "3.50" || total(pv, "plan total") != "7.00" {
		t.Errorf("totals %+v", pv.Totals)
	}
	if pv.Columns[0].Samples[0] != "Cloud hosting" {
		t.Errorf("rich text: %+v", pv.Columns[0])
	}
}
