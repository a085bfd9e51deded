package report_test

import (
	"strings"
	"testing"

	"steerco/internal/report"
	"steerco/internal/report/reporttest"
)

// A programme with more team quarters than the PDF lists: the capacity
// table holds every one, most likely over-committed first, and the PDF
// shows the first 25 and says how many more the workbook has.
func TestCapacityTableOfALargeProgrammeIsCapped(t *testing.T) {
	p, f := reporttest.Large(2000) // 10 teams × 6 quarters
	extra := f.Teams
	{ // another 60 team quarters, on the same teams, six quarters on
		for _, tq := range extra {
			tq.Quarter = tq.Quarter.Next().Next().Next().Next().Next().Next()
			tq.From, tq.To = tq.Quarter.First(), tq.Quarter.Last()
			f.Teams = append(f.Teams, tq)
		}
	}
	tp, _ := report.LoadTemplate("board-pack")
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	var tab *report.Table
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			if bl.Table != nil && bl.Table.Name == "Capacity" {
				tab = bl.Table
			}
		}
	}
	if tab == nil {
		t.Fatal("no capacity table")
	}
	if len(tab.Rows) != len(f.Teams) || tab.PDFRows != 25 {
		t.Fatalf("%d rows, %d in the PDF; want %d and 25", len(tab.Rows), tab.PDFRows, len(f.Teams))
	}
	last := 2.0
	for _, r := range tab.Rows {
		v := r.Cells[len(r.Cells)-1].Num
		if v > last {
			t.Fatalf("rows not in decreasing P(over-commitment): %v after %v", v, last)
		}
		last = v
	}
	if !strings.Contains(tab.Note, "Most likely to be over-committed first") || !strings.Contains(tab.Note, report.MoreLine(len(f.Teams)-25, "Capacity")) {
		t.Errorf("note %q does not say which team quarters the PDF shows", tab.Note)
	}
}
