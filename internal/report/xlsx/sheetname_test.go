package xlsx_test

import (
	"bytes"
	"regexp"
	"slices"
	"testing"

	"steerco/internal/report"
	"steerco/internal/report/reporttest"
	"steerco/internal/report/xlsx"
)

// A section title the workbook cannot use as a sheet name (over 31
// characters, with []:/ in it): the board pack's "… and N more — see the
// workbook, sheet S" line names the sheet the workbook really has.
func TestMoreLineNamesASheetOfTheWorkbook(t *testing.T) {
	p, f := reporttest.Large(2000)
	tp, _ := report.LoadTemplate("board-pack")
	const title = "Capacity: teams [by quarter] / over-commitment of the next year"
	for i := range tp.Sections {
		if tp.Sections[i].Section == report.SecCapacity {
			tp.Sections[i].Title = title
		}
	}
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	var named []string
	re := regexp.MustCompile(`see the workbook, sheet (.+)\.`)
	for _, s := range b.Sections {
		if s.Title != title {
			continue
		}
		for _, bl := range s.Blocks {
			if bl.Table != nil {
				if m := re.FindStringSubmatch(bl.Table.Note); m != nil {
					named = append(named, m[1])
				}
			}
		}
	}
	if len(named) == 0 {
		t.Fatal("the capacity section names no sheet")
	}
	var buf bytes.Buffer
	if err := xlsx.Render(&buf, b); err != nil {
		t.Fatal(err)
	}
	wb := open(t, buf.Bytes())
	sheets := wb.GetSheetList()
	for _, n := range named {
		if !slices.Contains(sheets, n) {
			t.Errorf("the board pack names sheet %q; the workbook has %q", n, sheets)
		}
	}
}
