package xlsx_test

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"steerco/internal/report"
	"steerco/internal/report/reporttest"
	"steerco/internal/report/xlsx"
)

func build(t testing.TB, tmpl string) *report.Briefing {
	t.Helper()
	p, f := reporttest.Small()
	tp, err := report.LoadTemplate(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func render(t testing.TB, b *report.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Render(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestWriteSamples writes the small fixture's workbook to $STEERCO_SAMPLES, for looking at.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("STEERCO_SAMPLES")
	if dir == "" {
		t.Skip("set STEERCO_SAMPLES to a directory to write a sample workbook")
	}
	if err := os.WriteFile(filepath.Join(dir, "small-board-pack.xlsx"), render(t, build(t, "board-pack")), 0o644); err != nil {
		t.Fatal(err)
	}
}

func open(t *testing.T, data []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot reopen the workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// find returns the cell holding text s in column col of sheet.
func find(t *testing.T, f *excelize.File, sheet, col, s string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	ci, _ := excelize.ColumnNameToNumber(col)
	for i, r := range rows {
		if len(r) >= ci && r[ci-1] == s {
			return i + 1
		}
	}
	t.Fatalf("sheet %s: no %q in column %s", sheet, s, col)
	return 0
}

func TestWorkbook(t *testing.T) {
	b := build(t, "board-pack")
	data := render(t, b)
	f := open(t, data)

	var want []string
	for _, s := range b.Sections {
		want = append(want, s.Title)
	}
	want = append(want, "Forecast (raw)")
	if got := f.GetSheetList(); strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("sheets\n got %q\nwant %q", got, want)
	}

	t.Run("variance formulas", func(t *testing.T) {
		r := find(t, f, "Budget", "A", "Headcount")
		for cell, formula := range map[string]string{"E": "D%d-C%d", "G": "F%d-B%d"} {
			got, err := f.GetCellFormula("Budget", cell+itoa(r))
			w := strings.ReplaceAll(formula, "%d", itoa(r))
			if err != nil || got != w {
				t.Errorf("Budget!%s%d formula %q (%v), want %q", cell, r, got, err, w)
			}
		}
		tot := find(t, f, "Budget", "A", "Total")
		if got, _ := f.GetCellFormula("Budget", "B"+itoa(tot)); !strings.HasPrefix(got, "SUM(B") {
			t.Errorf("total is not a SUM formula: %q", got)
		}
		// Finance can change a cell: the plan value is a plain number.
		if v, _ := f.GetCellValue("Budget", "B"+itoa(r), excelize.Options{RawCellValue: true}); atof(t, v) != 1200000 {
			t.Errorf("headcount plan raw value %q", v)
		}
	})

	t.Run("money format in the currency", func(t *testing.T) {
		r := find(t, f, "Budget", "A", "Headcount")
		sid, _ := f.GetCellStyle("Budget", "B"+itoa(r))
		st, err := f.GetStyle(sid)
		if err != nil || st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, `"EUR "`) {
			t.Errorf("money style %+v (%v)", st, err)
		}
	})

	t.Run("dates are dates", func(t *testing.T) {
		r := find(t, f, "Commitments", "A", "Consumer migration for Müller & Söhne")
		raw, _ := f.GetCellValue("Commitments", "C"+itoa(r), excelize.Options{RawCellValue: true})
		d, err := excelize.ExcelDateToTime(atof(t, raw), false)
		if err != nil || d.Format("2006-01-02") != "2027-03-31" {
			t.Errorf("target cell raw %q = %v (%v), want 2027-03-31", raw, d, err)
		}
		sid, _ := f.GetCellStyle("Commitments", "C"+itoa(r))
		st, _ := f.GetStyle(sid)
		if st.CustomNumFmt == nil || !strings.Contains(*st.CustomNumFmt, "yyyy") {
			t.Errorf("date style %+v", st)
		}
	})

	t.Run("formula injection stays text", func(t *testing.T) {
		r := find(t, f, "Commitments", "A", reporttest.Injection)
		cell := "A" + itoa(r)
		if fm, _ := f.GetCellFormula("Commitments", cell); fm != "" {
			t.Errorf("user text became a formula: %q", fm)
		}
		if ct, _ := f.GetCellType("Commitments", cell); ct != excelize.CellTypeSharedString && ct != excelize.CellTypeInlineString {
			t.Errorf("cell type %v, want a string", ct)
		}
		// and in the raw sheet
		rr := find(t, f, "Forecast (raw)", "B", reporttest.Injection)
		if fm, _ := f.GetCellFormula("Forecast (raw)", "B"+itoa(rr)); fm != "" {
			t.Errorf("raw sheet: user text became a formula: %q", fm)
		}
	})

	t.Run("frozen headers, filters, RAG formatting", func(t *testing.T) {
		p, err := f.GetPanes("Commitments")
		if err != nil || !p.Freeze || p.YSplit != 5 {
			t.Errorf("panes %+v (%v)", p, err)
		}
		tabs, err := f.GetTables("Commitments")
		if err != nil || len(tabs) != 1 || tabs[0].Range != "A5:I8" {
			t.Errorf("tables %+v (%v)", tabs, err)
		}
		cf, _ := f.GetConditionalFormats("Commitments")
		if len(cf["F6:F8"]) != 3 {
			t.Errorf("conditional formats %v", cf)
		}
	})

	t.Run("native charts", func(t *testing.T) {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, zf := range zr.File {
			if strings.HasPrefix(zf.Name, "xl/charts/chart") {
				n++
			}
		}
		// budget by month, cumulative, capacity, 3 delivery charts
		if n != 6 {
			t.Errorf("%d charts, want 6", n)
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		if !bytes.Equal(data, render(t, build(t, "board-pack"))) {
			t.Error("two renders of the same briefing differ")
		}
	})
}

func itoa(n int) string { return strconv.Itoa(n) }

func atof(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("%q is not a number", s)
	}
	return v
}
