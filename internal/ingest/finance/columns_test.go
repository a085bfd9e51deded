package finance

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"steerco/internal/ingest"
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
