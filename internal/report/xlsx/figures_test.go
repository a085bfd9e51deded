package xlsx_test

import (
	"math"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"steerco/internal/figure"
	"steerco/internal/report"
)

// TestWorkbookShowsTheFigures reads the workbook back: every probability
// cell keeps full precision and displays what figure.Percent (the PDF, the
// app) says; the budget's projections are formulas over the cells they come
// from; variances colour overspend, not underspend.
func TestWorkbookShowsTheFigures(t *testing.T) {
	b := build(t, "board-pack")
	f := open(t, render(t, b))

	t.Run("percent cells display figure.Percent", func(t *testing.T) {
		com := findTable(t, b, "Commitments")
		for _, rw := range com.Rows {
			r := find(t, f, "Commitments", "A", rw.Cells[0].Text)
			ref := "F" + itoa(r)
			raw, _ := f.GetCellValue("Commitments", ref, excelizeRaw)
			if atof(t, raw) != rw.Cells[5].Num {
				t.Errorf("%s raw %s, want full precision %v", ref, raw, rw.Cells[5].Num)
			}
			sid, _ := f.GetCellStyle("Commitments", ref)
			st, _ := f.GetStyle(sid)
			if st.CustomNumFmt == nil || *st.CustomNumFmt != figure.ExcelPercentFormat(rw.Cells[5].Num) {
				t.Errorf("%s format %v, want %q", ref, st.CustomNumFmt, figure.ExcelPercentFormat(rw.Cells[5].Num))
			}
			if got, _ := f.GetCellValue("Commitments", ref); got != figure.Percent(rw.Cells[5].Num) {
				t.Errorf("%s displays %q, PDF says %q", ref, got, figure.Percent(rw.Cells[5].Num))
			}
		}
	})

	t.Run("projections are formulas", func(t *testing.T) {
		r := find(t, f, "Budget", "A", "Headcount")
		// B plan, C plan to date, D actual, E variance, F projection at plan,
		// G its variance, H last-3-month variance, I run rate, J its variance.
		for cell, fm := range map[string]string{"E": "D#-C#", "F": "D#+B#-C#", "G": "F#-B#", "I": "F#+H#*2/3", "J": "I#-B#"} {
			ref := cell + itoa(r)
			got, _ := f.GetCellFormula("Budget", ref)
			if w := strings.ReplaceAll(fm, "#", itoa(r)); got != w {
				t.Errorf("Budget!%s formula %q, want %q", ref, got, w)
			}
		}
		// Excel's computation of each formula gives the briefing's value.
		cat := findTable(t, b, "BudgetCategories")
		for ci, col := range []string{"E", "F", "G", "I", "J"} {
			idx := []int{4, 5, 6, 8, 9}[ci]
			v, err := f.CalcCellValue("Budget", col+itoa(r), excelizeRaw)
			if err != nil || math.Abs(atof(t, v)-cat.Rows[0].Cells[idx].Money.Float()) > 0.005 {
				t.Errorf("Budget!%s%d computes %q (%v), the briefing says %v", col, r, v, err, cat.Rows[0].Cells[idx].Money)
			}
		}
	})

	t.Run("overspend is red, underspend is not", func(t *testing.T) {
		r := find(t, f, "Budget", "A", "Headcount")
		sid, _ := f.GetCellStyle("Budget", "E"+itoa(r))
		st, _ := f.GetStyle(sid)
		if st.CustomNumFmt == nil || !strings.HasPrefix(*st.CustomNumFmt, "[Red]\"+\"") || strings.Contains(strings.SplitN(*st.CustomNumFmt, ";", 2)[1], "[Red]") {
			t.Errorf("variance format %v: want overspend (positive) red and nothing else", st.CustomNumFmt)
		}
	})
}

var excelizeRaw = excelize.Options{RawCellValue: true}

func findTable(t *testing.T, b *report.Briefing, name string) *report.Table {
	t.Helper()
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			if bl.Table != nil && bl.Table.Name == name {
				return bl.Table
			}
		}
	}
	t.Fatalf("no table %q", name)
	return nil
}
