package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/pptx"
	"steerco/internal/report/reporttest"
	"steerco/internal/report/xlsx"
)

// buildTitled builds the briefing of template with the sections of the
// given kinds retitled.
func buildTitled(t *testing.T, p *plan.Portfolio, f *outlook.Forecast, template string, titles map[string]string) *report.Briefing {
	t.Helper()
	tp, err := report.LoadTemplate(template)
	if err != nil {
		t.Fatal(err)
	}
	for i := range tp.Sections {
		if title, ok := titles[tp.Sections[i].Section]; ok {
			tp.Sections[i].Title = title
		}
	}
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Section titles a workbook cannot keep whole: two that differ only after
// their 31st character, one of exactly 31 characters equal to what both
// are cut to, and one of other scripts' letters with a ":" in it
// (TestSheetNames cuts Hebrew titles). Every "see the workbook,
// sheet S" line of the PDF (read back with pdftotext) names a sheet the
// workbook (read back with excelize) has, and that sheet holds the table
// or the roadmap the line is under.
func TestSeeSheetNamesTheSheetThatHoldsTheTable(t *testing.T) {
	const (
		first   = "Commitments and their forecasts — committed items by probability"
		second  = "Commitments and their forecasts — team capacity by quarter"
		exact   = "Commitments and their forecasts" // 31 characters
		accents = "Übersicht: Zoë Ødegård’s Straßen-Fahrplan für alle Teams"
	)
	if n := utf8.RuneCountInString(exact); n != 31 {
		t.Fatalf("exact has %d characters", n)
	}
	p, f := reporttest.Large(2000)
	for r := 20; r < 60; r++ { // more red-zone risks than the PDF prints
		rk := plan.Risk{ID: fmt.Sprintf("r%02d", r), Title: fmt.Sprintf("Risk %02d", r), Category: plan.RiskDelivery, Probability: 0.9,
			ImpactDays: 60, CostImpact: plan.Amount(1000, "USD"), Owner: "Owner", Status: plan.RiskOpen, Mitigation: "Mitigation plan"}
		p.Risks = append(p.Risks, rk)
		f.Risks = append(f.Risks, outlook.RiskImpact{RiskID: rk.ID, Measurable: true, PointsLost: 1, PortfolioP85Days: 0.5})
	}
	b := buildTitled(t, p, f, "board-pack", map[string]string{report.SecCommitments: first, report.SecCapacity: second, report.SecRisks: exact, report.SecRoadmap: accents})
	var buf bytes.Buffer
	if err := xlsx.Render(&buf, b); err != nil {
		t.Fatal(err)
	}
	wb := open(t, buf.Bytes())
	sheets := wb.GetSheetList()
	var pb bytes.Buffer
	if err := pdf.Render(&pb, b); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(reporttest.PDFText(t, pb.Bytes())), " ")

	// The model: each section's lines name its own sheet, and the workbook
	// gives that sheet to that section.
	see := regexp.MustCompile(`see the workbook, sheet (.+?)\.(?: |$)`)
	named := map[string]string{} // sheet named → the section whose line names it
	for _, s := range b.Sections {
		var notes []string
		notes = append(notes, s.Notes...)
		var tables []string
		for _, bl := range s.Blocks {
			if tb := bl.Table; tb != nil && tb.Note != "" {
				notes = append(notes, tb.Note)
				if see.MatchString(tb.Note) {
					tables = append(tables, "T_"+tb.Name)
				}
			}
			if c := bl.Chart; c != nil && c.Note != "" {
				notes = append(notes, c.Note)
			}
		}
		for _, n := range notes {
			for _, m := range see.FindAllStringSubmatch(n, -1) {
				sheet := m[1]
				if sheet != s.Sheet {
					t.Errorf("section %q (sheet %q): a line names sheet %q", s.Title, s.Sheet, sheet)
				}
				if !strings.Contains(text, strings.Join(strings.Fields(m[0]), " ")) {
					t.Errorf("the PDF does not print %q", m[0])
				}
				if other, ok := named[sheet]; ok && other != s.Title {
					t.Errorf("sections %q and %q both send the reader to sheet %q", other, s.Title, sheet)
				}
				named[sheet] = s.Title
				if !slices.Contains(sheets, sheet) {
					t.Errorf("section %q sends the reader to sheet %q; the workbook has %q", s.Title, sheet, sheets)
					continue
				}
				if a1, _ := wb.GetCellValue(sheet, "A1"); a1 != s.Title {
					t.Errorf("sheet %q is titled %q, want the section %q its line is under", sheet, a1, s.Title)
				}
				have, err := wb.GetTables(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for _, want := range tables {
					if !slices.ContainsFunc(have, func(x excelize.Table) bool { return x.Name == want }) {
						t.Errorf("sheet %q does not hold table %s", sheet, want)
					}
				}
			}
		}
	}
	for _, title := range []string{first, second, exact, accents} {
		found := false
		for _, section := range named {
			found = found || section == title
		}
		if !found {
			t.Errorf("no line sends the reader to the sheet of section %q (lines: %q)", title, named)
		}
	}
	// And what the PDF prints, read on its own: every sheet it names is
	// one of the workbook's.
	for _, m := range see.FindAllStringSubmatch(text, -1) {
		if !slices.Contains(sheets, m[1]) {
			t.Errorf("the PDF names sheet %q; the workbook has %q", m[1], sheets)
		}
	}
	want := map[string]string{
		first:   "Commitments and their forecasts",
		second:  "Commitments and their forec (2)",
		exact:   "Commitments and their forec (3)",
		accents: "Übersicht- Zoë Ødegård’s Straße",
	}
	for _, s := range b.Sections {
		if w, ok := want[s.Title]; ok && s.Sheet != w {
			t.Errorf("section %q has sheet %q, want %q", s.Title, s.Sheet, w)
		}
	}
}

// The board deck's slides and speaker notes (PowerPoint, read back from
// the file's XML) send the reader to sheets of the deck's workbook too,
// each to the sheet of the section the line is under: the roadmap's, whose
// title shares its first 31 characters with the commitments', is "… (2)".
func TestDeckSeeSheetNamesTheSheetOfItsSection(t *testing.T) {
	const (
		first  = "Commitments and their forecasts — committed items by probability"
		second = "Commitments and their forecasts — roadmap by team"
		sheet  = "Commitments and their forec (2)" // second's
	)
	p, f := reporttest.Scale(2000, 40, 20)
	b := buildTitled(t, p, f, "board-deck", map[string]string{report.SecCommitments: first, report.SecRoadmap: second})
	var xb, pb bytes.Buffer
	if err := xlsx.Render(&xb, b); err != nil {
		t.Fatal(err)
	}
	if err := pptx.Render(&pb, b); err != nil {
		t.Fatal(err)
	}
	wb := open(t, xb.Bytes())
	sheets := wb.GetSheetList()
	zr, err := zip.NewReader(bytes.NewReader(pb.Bytes()), int64(pb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	para := regexp.MustCompile(`(?s)<a:p>.*?</a:p>`)
	run := regexp.MustCompile(`(?s)<a:t>(.*?)</a:t>`)
	see := regexp.MustCompile(`see the workbook, sheet (.+?)\.(?: |$)`)
	var found []string
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "ppt/slides/slide") && !strings.HasPrefix(zf.Name, "ppt/notesSlides/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		var text []string
		for _, pa := range para.FindAllString(string(data), -1) {
			var b strings.Builder
			for _, m := range run.FindAllStringSubmatch(pa, -1) {
				b.WriteString(html.UnescapeString(m[1]))
			}
			text = append(text, b.String())
		}
		for _, m := range see.FindAllStringSubmatch(strings.Join(text, " "), -1) {
			found = append(found, m[1])
			if !slices.Contains(sheets, m[1]) {
				t.Errorf("%s sends the reader to sheet %q; the workbook has %q", zf.Name, m[1], sheets)
				continue
			}
			a1, _ := wb.GetCellValue(m[1], "A1")
			if !slices.ContainsFunc(b.Sections, func(s report.Section) bool { return s.Sheet == m[1] && s.Title == a1 }) {
				t.Errorf("%s: sheet %q holds section %q, not the section of that name", zf.Name, m[1], a1)
			}
		}
	}
	if !slices.Contains(found, sheet) {
		t.Errorf("no slide or speaker note sends the reader to the roadmap's sheet %q (they name %q)", sheet, found)
	}
}

func TestSheetNames(t *testing.T) {
	for _, c := range []struct {
		name   string
		titles []string
		want   []string
	}{
		{"short and unique", []string{"Summary", "Risks"}, []string{"Summary", "Risks"}},
		{"forbidden characters", []string{`Capacity: [teams] / quarters?*\`}, []string{"Capacity- -teams- - quarters---"}},
		{"same first 31 characters", []string{"Commitments and their forecasts — A", "Commitments and their forecasts — B"},
			[]string{"Commitments and their forecasts", "Commitments and their forec (2)"}},
		{"case does not make two names", []string{"Risks", "RISKS", "risks"}, []string{"Risks", "RISKS (2)", "risks (3)"}},
		{"a title like a suffixed one", []string{"Risks", "Risks (2)", "Risks"}, []string{"Risks", "Risks (2)", "Risks (3)"}},
		{"apostrophes and spaces at the ends", []string{"'Quoted'", "Thirty characters of title ab 'x"}, []string{"Quoted", "Thirty characters of title ab"}},
		{"nothing left", []string{"''", ""}, []string{"Sheet", "Sheet (2)"}},
		{"Hebrew, cut by characters", []string{"תוכנית עבודה רבעונית של כל הצוותים בארגון"}, []string{"תוכנית עבודה רבעונית של כל הצוו"}},
		{"emoji count two", []string{"Risks 🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥"}, []string{"Risks 🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥🔥"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := report.SheetNames(c.titles)
			if !slices.Equal(got, c.want) {
				t.Fatalf("SheetNames(%q) = %q, want %q", c.titles, got, c.want)
			}
			// Excel (and excelize) accept every one of them.
			f := excelize.NewFile()
			defer f.Close()
			for _, n := range got {
				if _, err := f.NewSheet(n); err != nil {
					t.Errorf("%q: %v", n, err)
				}
			}
		})
	}
}
