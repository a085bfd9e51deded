package report_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/reporttest"
)

// A slide that cuts a list says where the whole list is, truthfully: on a
// large programme the pre-read prints only the items that matter most, so
// the slide must not send the board to the pre-read for all 2,000; and the
// sheet it names is a sheet of the workbook.
func TestSlidesSayWhereTheRestOfAListIs(t *testing.T) {
	p, f := reporttest.Large(2000)
	tp, _ := report.LoadTemplate("board-pack")
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	sheets := map[string]bool{}
	var roadmap *report.Section
	for i := range b.Sections {
		sheets[b.Sections[i].Sheet] = true
		if b.Sections[i].Kind == report.SecRoadmap {
			roadmap = &b.Sections[i]
		}
	}
	if roadmap == nil {
		t.Fatal("no roadmap section")
	}
	var pdf, all int
	for _, bl := range roadmap.Blocks {
		if c := bl.Chart; c != nil && c.Timeline != nil {
			all, pdf = len(c.Timeline.Rows), len(c.Timeline.PDFRows)
		}
	}
	if all != 2000 || pdf == 0 || pdf >= all {
		t.Fatalf("roadmap: %d rows, %d in the PDF; want 2000 and a cut", all, pdf)
	}
	named := regexp.MustCompile(`\(sheet ([^)]*)\)`)
	found := false
	for _, sl := range report.Slides(b) {
		var notes []string
		if sl.Chart != nil {
			notes = append(notes, sl.Chart.Note)
		}
		if sl.Table != nil {
			notes = append(notes, sl.Table.Note)
		}
		for _, n := range notes {
			if strings.Contains(n, "pre-read has all") || strings.Contains(n, "rest are in the pre-read") {
				t.Errorf("slide %q: %q", sl.Title, n)
			}
			for _, m := range named.FindAllStringSubmatch(n, -1) {
				if !sheets[m[1]] {
					t.Errorf("slide %q names sheet %q, which the workbook does not have", sl.Title, m[1])
				}
			}
			if sl.Kind == report.SecRoadmap && sl.Chart != nil {
				want := fmt.Sprintf("the pre-read shows %s of them, the workbook (sheet %s) all %s",
					figure.Number(float64(pdf), 0), roadmap.Sheet, figure.Number(float64(all), 0))
				if !strings.Contains(n, want) {
					t.Errorf("roadmap slide note %q does not say %q", n, want)
				}
				found = true
			}
		}
	}
	if !found {
		t.Error("no roadmap slide with a chart")
	}
}

// The slide footer reads the same in the deck's PDF and PowerPoint, and
// a Hebrew portfolio name keeps the date after it out of it: laid out for
// display, the name's year stays with the name and the date reads "7 Dec
// 2026" (without the isolate the year and the day formed one right-to-left
// run: "7 · 2027 …").
func TestSlideFooter(t *testing.T) {
	b := &report.Briefing{Portfolio: "תיק פרויקטים 2027", Confidentiality: "Confidential", AsOf: plan.MustDate("2026-12-07")}
	got := bidi.Visual(report.SlideFooter(b, 3, 9))
	if want := "Confidential · 2027 םיטקיורפ קית · 7 Dec 2026 · 3 / 9"; got != want {
		t.Errorf("footer laid out %q, want %q", got, want)
	}
	b = &report.Briefing{Portfolio: "Interop Programme", AsOf: plan.MustDate("2026-12-07")}
	if got, want := report.SlideFooter(b, 1, 8), "Interop Programme · 7 Dec 2026 · 1 / 8"; got != want {
		t.Errorf("footer %q, want %q", got, want)
	}
}
