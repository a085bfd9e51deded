package finance

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// The preview lists the source's columns with samples and what each is read
// as, for the Import wizard's mapping grid.
func TestPreviewColumns(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(realdata(t), "course_budget_vs_actual.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	pv := preview(t, "course.xlsx", data, newPortfolio("USD", time.January), ingest.Options{Sheet: "Actual"})
	want := []ingest.Column{
		{Index: 2, Name: "Date", Field: "period", Samples: []string{"2022-01-01", "2022-01-01", "2022-01-01", "2022-01-08", "2022-01-11"}},
		{Index: 3, Name: "Month", Samples: []string{"January", "January", "January", "January", "January"}},
		{Index: 4, Name: "Category", Field: "category", Samples: []string{"Rent", "Utilities", "Transport", "Groceries", "Leisure"}},
		{Index: 6, Name: "Amount", Field: "amount", Samples: []string{"1120", "140", "55", "449", "245"}},
	}
	byIndex := map[int]ingest.Column{}
	for _, c := range pv.Columns {
		byIndex[c.Index] = c
	}
	for _, w := range want {
		got := byIndex[w.Index]
		if got.Name != w.Name || got.Field != w.Field || len(got.Samples) != len(w.Samples) {
			t.Errorf("column %d: %+v, want %+v", w.Index, got, w)
			continue
		}
		for i := range w.Samples {
			if got.Samples[i] != w.Samples[i] {
				t.Errorf("column %d sample %d: %q, want %q", w.Index, i, got.Samples[i], w.Samples[i])
			}
		}
	}
	if len(pv.Fields) == 0 || pv.Fields[0] != "period" {
		t.Errorf("fields %q", pv.Fields)
	}
	// A refused sheet still lists its columns, so the user can map them.
	pv = preview(t, "x.xlsx", workbook(t, "S", [][]any{{"When", "What", "Money"}, {"soon", "Tools", 1}}, nil, false), newPortfolio("USD", time.January), ingest.Options{})
	if !pv.HasErrors() || len(pv.Columns) != 3 || pv.Columns[2].Name != "Money" || pv.Columns[2].Samples[0] != "1" {
		t.Errorf("refused sheet: %+v %+v", pv.Problems, pv.Columns)
	}
}

// A header row chosen in the mapping (the grid's "header row" choice) is
// used instead of the one found: here the header sits below the 40 rows
// Steerco searches, under a long preamble. Two-row headers round-trip as "3-4".
func TestHeaderRowFromMapping(t *testing.T) {
	var rows [][]any
	for i := 0; i < 44; i++ {
		rows = append(rows, []any{fmt.Sprintf("Preamble line %d of the finance pack", i+1)})
	}
	rows = append(rows, []any{"Period", "Category", "Amount"}, []any{"2027-01", "Tools", 12.34}, []any{"2027-02", "Tools", 1})
	data := workbook(t, "Data", rows, nil, false)
	p := newPortfolio("USD", time.January)
	if pv := preview(t, "late.xlsx", data, p, ingest.Options{}); !pv.HasErrors() {
		t.Fatalf("found a header by itself: %+v", pv.Mapping)
	}
	pv := preview(t, "late.xlsx", data, p, ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"header_row": "45"}}})
	if errs := errorsOf(pv); len(errs) > 0 || total(pv, "actual total") != "13.34" || pv.RowsRead != 2 {
		t.Fatalf("errors %q, totals %+v, read %d", errs, pv.Totals, pv.RowsRead)
	}
	pv = preview(t, "late.xlsx", data, p, ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"header_row": "99"}}})
	if errs := errorsOf(pv); len(errs) != 1 || !strings.Contains(errs[0], `The mapping's header row "99" is not a row of this sheet (1 to 47)`) {
		t.Errorf("errors %q", errs)
	}
	blocks, _, _ := blockPack(t)
	pv = preview(t, "pack.xlsx", blocks, p, ingest.Options{})
	if got := pv.Mapping.Options["header_row"]; got != "3-4" {
		t.Errorf("header_row %q, want 3-4", got)
	}
	again := preview(t, "pack.xlsx", blocks, p, ingest.Options{Mapping: pv.Mapping})
	if total(again, "plan total") != total(pv, "plan total") || again.HasErrors() {
		t.Errorf("round trip: %+v", again.Problems)
	}
}
