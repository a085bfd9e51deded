package finance

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"steerco/internal/ingest"
)

func TestFormatCode(t *testing.T) {
	for _, tc := range []struct {
		code string
		n    int64
		kind fmtKind
		want string
	}{
		{`00\-00`, 101, fmtCode, "01-01"},
		{`00\-00\-00`, 101, fmtCode, "00-01-01"},
		{`00`, 0, fmtCode, "00"},
		{`000`, 7, fmtCode, "007"},
		{`0000`, 123456, fmtCode, "123456"},
		{`"FY"00`, 27, fmtCode, "FY27"},
		{`00-000`, 1234, fmtCode, "01-234"},
		{`0`, 7, fmtPlain, ""},
		{`#,##0`, 7, fmtPlain, ""},
		{`0.00`, 7, fmtPlain, ""},
		{`yyyy-mm-dd`, 7, fmtDate, ""},
		{`mmm-yy`, 7, fmtDate, ""},
		{`d-mmm`, 7, fmtDate, ""},
		{`[$-409]mmmm yyyy;@`, 7, fmtDate, ""},
		{`[hh]:mm:ss`, 7, fmtPlain, ""},
		{`h:mm`, 7, fmtPlain, ""},
		{`mm:ss`, 7, fmtPlain, ""},
		{`#,##0_);\(#,##0\);\-\-_)`, 7, fmtPlain, ""},
		{`"$"#,##0_);[Red]\("$"#,##0\)`, 7, fmtPlain, ""},
		{`0%`, 7, fmtPlain, ""},
		{`General`, 7, fmtPlain, ""},
		{`#,##0,`, 7, fmtScaled, ""},
		{`#,##0.0,,"m"`, 7, fmtScaled, ""},
		{`#,##0,_);(#,##0,)`, 7, fmtScaled, ""},
	} {
		if got := classifyFormat(tc.code); got != tc.kind {
			t.Errorf("classify %q = %v, want %v", tc.code, got, tc.kind)
			continue
		}
		if tc.kind == fmtCode {
			if got := formatCode(tc.code, tc.n); got != tc.want {
				t.Errorf("format %d with %q = %q, want %q", tc.n, tc.code, got, tc.want)
			}
		}
	}
}

// Codes stored as numbers and shown through a format import as shown;
// a formula with no saved result is refused at its cell when it is an
// amount, and warned about elsewhere; hidden columns are listed.
func TestCellFormatsAndFormulas(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	f.SetSheetRow(sh, "A1", &[]any{"Cost centre", "Category", "Period", "Amount", "Check"})
	f.SetSheetRow(sh, "A2", &[]any{101, "Licences", "2027-01", 10.5})
	f.SetSheetRow(sh, "A3", &[]any{7, "Cloud", "2027-01", 20})
	f.SetSheetRow(sh, "A4", &[]any{101, "Cloud", "2027-02", 30})
	code := `00\-00`
	st, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		t.Fatal(err)
	}
	f.SetCellStyle(sh, "A2", "A4", st)
	f.SetCellFormula(sh, "E2", "D2*2") // no cached value: excelize does not calculate
	f.SetColVisible(sh, "E", false)
	var buf bytes.Buffer
	f.Write(&buf)
	data := buf.Bytes()

	p := newPortfolio("USD", time.January)
	pv := preview(t, "codes.xlsx", data, p, ingest.Options{})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatal(errs)
	}
	after := applyTo(t, pv, p)
	var names []string
	for _, b := range after.BudgetLines {
		names = append(names, b.CostCentre+" "+b.Name)
	}
	sort.Strings(names)
	if got := strings.Join(names, ", "); got != "00-07 00-07 / Cloud, 01-01 01-01 / Cloud, 01-01 01-01 / Licences" {
		t.Errorf("lines: %s", got)
	}
	if !strings.Contains(strings.Join(pv.Notes, " "), `Cell A2 stores 101 but shows "01-01" (number format 00\-00)`) {
		t.Errorf("notes: %q", pv.Notes)
	}
	warned := false
	for _, pr := range pv.Problems {
		if pr.Severity == ingest.SevWarning && pr.Row == 2 && pr.Column == 5 && strings.Contains(pr.Message, "formula (=D2*2) with no saved result") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning at E2: %+v", pv.Problems)
	}
	if c := pv.Columns[4]; !c.Hidden || c.Name != "Check" {
		t.Errorf("column E: %+v", c)
	}

	// The same formula in the amount column: refused at its cell.
	f.SetSheetRow(sh, "A5", &[]any{101, "Tools", "2027-02"})
	f.SetCellFormula(sh, "D5", "D2*2")
	buf.Reset()
	f.Write(&buf)
	pv = preview(t, "codes.xlsx", buf.Bytes(), p, ingest.Options{})
	errs := errorsOf(pv)
	if len(errs) != 1 || !strings.Contains(errs[0], "codes.xlsx, sheet Sheet1, row 5, column D (Amount): The cell holds a formula (=D2*2) but the workbook has no saved result") {
		t.Errorf("errors %q", errs)
	}
}

// Month columns headed by real dates (formatted "mmm-yy"), under Actual and
// Budget groups: the dates read as the months they show.
func TestDateMonthHeaders(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	mmmyy := "mmm-yy"
	st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &mmmyy})
	f.SetSheetRow(sh, "A1", &[]any{"Category", "Actual", nil, "Budget", nil})
	f.MergeCell(sh, "B1", "C1")
	f.MergeCell(sh, "D1", "E1")
	jan, feb := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)
	f.SetSheetRow(sh, "A2", &[]any{nil, jan, feb, jan, feb})
	f.SetCellStyle(sh, "B2", "E2", st)
	f.SetSheetRow(sh, "A3", &[]any{"Cloud", 10.01, 20.02, 15, 15})
	f.SetSheetRow(sh, "A4", &[]any{"Tools", 1, 2, 3, 4})
	var buf bytes.Buffer
	f.Write(&buf)
	pv := preview(t, "dates.xlsx", buf.Bytes(), newPortfolio("USD", time.January), ingest.Options{})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatal(errs)
	}
	for label, want := range map[string]string{"actual 2027-01": "11.01", "actual 2027-02": "22.02", "plan 2027-02": "19.00", "plan total": "37.00"} {
		if got := total(pv, label); got != want {
			t.Errorf("%s = %s, want %s", label, got, want)
		}
	}
}

// A sheet "in thousands" whose amounts are full values shown in thousands by
// their format ("#,##0,"): the full amounts import, not a thousand times them.
func TestScaledFormats(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	sh := "Sheet1"
	f.SetSheetRow(sh, "A1", &[]any{"Spend by category ($000)"})
	f.SetSheetRow(sh, "A3", &[]any{"Category", "Jan-27", "Feb-27"})
	f.SetSheetRow(sh, "A4", &[]any{"Cloud", 1500000, 2500000})
	f.SetSheetRow(sh, "A5", &[]any{"Tools", 12000, 13000})
	code := "#,##0,"
	st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	f.SetCellStyle(sh, "B4", "C5", st)
	var buf bytes.Buffer
	f.Write(&buf)
	pv := preview(t, "k.xlsx", buf.Bytes(), newPortfolio("USD", time.January), ingest.Options{})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := total(pv, "actual total"); got != "4025000.00" {
		t.Errorf("total %s, want 4025000.00", got)
	}
	found := false
	for _, p := range pv.Problems {
		found = found || p.Severity == ingest.SevWarning && strings.Contains(p.String(), "k.xlsx, sheet Sheet1, row 3, column B (Jan-27): Amounts in B4 (format #,##0,), C4 (format #,##0,) are shown in thousands")
	}
	if !found {
		t.Errorf("no warning: %+v", pv.Problems)
	}
}
