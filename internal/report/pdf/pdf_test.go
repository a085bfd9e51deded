package pdf_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/reporttest"
)

func build(t testing.TB, tmpl string) *report.Briefing {
	p, f := reporttest.Small()
	return buildFrom(t, p, f, tmpl)
}

// buildFrom builds the briefing of template tmpl for portfolio p and
// forecast f (the small fixture, changed by the caller).
func buildFrom(t testing.TB, p *plan.Portfolio, f *outlook.Forecast, tmpl string) *report.Briefing {
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

// TestWriteSamples writes the small fixture's PDFs to $STEERCO_SAMPLES, for looking at.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("STEERCO_SAMPLES")
	if dir == "" {
		t.Skip("set STEERCO_SAMPLES to a directory to write sample PDFs")
	}
	for _, n := range []string{"board-pack", "monthly-status", "pi-review"} {
		var buf bytes.Buffer
		if err := pdf.Render(&buf, build(t, n)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "small-"+n+".pdf"), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func render(t testing.TB, b *report.Briefing) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Render(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// pdfText extracts the text of a PDF with pdftotext (reporttest.PDFText),
// with -layout when layout is set.
func pdfText(t *testing.T, data []byte, layout bool) string {
	t.Helper()
	if layout {
		return reporttest.PDFText(t, data, "-layout")
	}
	return reporttest.PDFText(t, data)
}

func TestRenderText(t *testing.T) {
	b := build(t, "board-pack")
	data := render(t, b)
	txt := pdfText(t, data, false)
	flat := strings.Join(strings.Fields(txt), " ")
	p, f := reporttest.Small()
	_ = p
	it := f.Item("dx-1")
	want := []string{
		// every section title
		"Executive summary", "Commitments", "Roadmap", "Milestones", "Capacity", "Budget", "Risks", "Delivery metrics", "Decisions needed", "Method and assumptions",
		// UTF-8 names
		"Zoë Ødegård", "Müller & Söhne",
		// header, footer
		"Page 3 of ", "Confidential — Board only",
		// the numbers: dx-1's dates and probability from the forecast passed in
		figure.Date(it.Target) + " " + figure.Date(it.Finish.P50) + " " + figure.Date(it.Finish.P85) + " " + figure.Percent(it.PTarget),
		"2 of 3 open commitments are below 80% confidence; the CMS mandate date (30 Jun 2027) holds at 64%.",
		// money in whole units: year plan, plan to date, actual to date, variance,
		// projection at plan and its variance, projection at run rate and its variance
		"1,440,000 1,200,000 1,205,005 +5,005 1,445,005 +5,005 +1,502 1,446,006 +6,006",
		// the formula-looking title is printed as typed
		"=HYPERLINK(",
		"■ Off track", "▲ At risk", "● On track",
	}
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
	pages := strings.Count(txt, "\f")
	if pages < 10 || pages > 20 {
		t.Errorf("board pack of the small portfolio has %d pages, want 10–20", pages)
	}
	if !strings.Contains(flat, fmt.Sprintf("Page %d of %d", pages, pages)) {
		t.Errorf("last page footer missing: want Page %d of %d", pages, pages)
	}
	// Bookmarks: one per section at least.
	if n := bytes.Count(data, []byte("/Parent ")); n < len(b.Sections) || !bytes.Contains(data, []byte("/Outlines")) {
		t.Errorf("%d outline entries for %d sections", n, len(b.Sections))
	}
	// Fonts are embedded.
	if !bytes.Contains(data, []byte("/FontFile2")) {
		t.Error("fonts are not embedded")
	}
}

func TestRenderDeterministicGolden(t *testing.T) {
	b := build(t, "board-pack")
	a, c := render(t, b), render(t, build(t, "board-pack"))
	if !bytes.Equal(a, c) {
		t.Fatal("two renders of the same briefing differ")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20261123")) {
		t.Error("creation date is not the as-of date")
	}
	// The golden is the extracted text with whitespace collapsed, one page
	// per line, so a different pdftotext layout heuristic does not matter.
	var pages []string
	for _, pg := range strings.Split(pdfText(t, a, false), "\f") {
		pages = append(pages, strings.Join(strings.Fields(pg), " "))
	}
	got := strings.Join(pages, "\n")
	golden := filepath.Join("testdata", "small-board-pack.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("PDF text differs from %s; if the change is intended, run go test ./internal/report/pdf -update and review the diff", golden)
	}
}

func TestRenderTemplates(t *testing.T) {
	for _, tc := range []struct {
		name     string
		min, max int
	}{{"monthly-status", 2, 4}, {"pi-review", 5, 14}} {
		t.Run(tc.name, func(t *testing.T) {
			b := build(t, tc.name)
			txt := pdfText(t, render(t, b), false)
			pages := strings.Count(txt, "\f")
			if pages < tc.min || pages > tc.max {
				t.Errorf("%d pages, want %d–%d", pages, tc.min, tc.max)
			}
			for _, s := range b.Sections {
				if s.Kind != report.SecCover && !strings.Contains(txt, s.Title) {
					t.Errorf("no section title %q", s.Title)
				}
			}
		})
	}
}

func TestRenderLargeBreaksTables(t *testing.T) {
	p, f := reporttest.Large(300)
	tp, _ := report.LoadTemplate("board-pack")
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range b.Sections { // the builder caps it; the renderer must break a long one
		for _, bl := range s.Blocks {
			if bl.Table != nil && bl.Table.Name == "Commitments" {
				bl.Table.PDFRows = 0
			}
		}
	}
	txt := pdfText(t, render(t, b), false)
	if !strings.Contains(txt, "Committed items: forecast against target (continued)") {
		t.Error("a long table does not repeat its title and header on the next page")
	}
	if !strings.Contains(txt, "(continued)") || strings.Count(txt, "Commitment\n") < 2 && strings.Count(txt, "Commitment") < 3 {
		t.Error("header row not repeated")
	}
}

// TestRenderAxisChartsAsImages checks that every bar and line chart is
// embedded as its own image (rendered by report/chart) and the other charts
// stay vectors.
func TestRenderAxisChartsAsImages(t *testing.T) {
	b := build(t, "board-pack")
	want := 0
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			if bl.Chart != nil && bl.Chart.Kind == report.ChartSeries && len(bl.Chart.Series.Categories) > 0 {
				want++
			}
		}
	}
	if want == 0 {
		t.Fatal("the small board pack has no axis charts to check")
	}
	data := render(t, b)
	if got := bytes.Count(data, []byte("/Subtype /Image")); got != want {
		t.Errorf("%d images in the PDF, want one per axis chart (%d)", got, want)
	}
}

// TestRenderLargeStaysBoardPack: a 10,000-item portfolio's board pack is
// at most about 30 pages (the commitments least likely to be met, each
// team's roadmap items that matter) and says under each capped list how
// many more the workbook has on which sheet; the workbook's tables and
// roadmap keep every row. No table prints more than 25 rows.
func TestRenderLargeStaysBoardPack(t *testing.T) {
	p, f := reporttest.Large(10000)
	tp, _ := report.LoadTemplate("board-pack")
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			if tb := bl.Table; tb != nil && tb.Name == "Commitments" && len(tb.Rows) != (len(p.Items)+2)/3 {
				t.Errorf("the workbook's commitments have %d rows, want every committed item", len(tb.Rows))
			}
			if c := bl.Chart; c != nil && c.Timeline != nil && len(c.Timeline.Rows) != len(p.Items) {
				t.Errorf("the workbook's roadmap has %d rows, want %d", len(c.Timeline.Rows), len(p.Items))
			}
			if c := bl.Chart; c != nil && c.Heat != nil && len(c.Heat.ColLabels) > 8 && c.Heat.PDFCols != 8 {
				t.Errorf("the heat map draws %d of its %d quarters in the PDF, want the next 8", c.Heat.PDFCols, len(c.Heat.ColLabels))
			}
			if tb := bl.Table; tb != nil && !tb.WorkbookOnly && len(tb.Rows) > 25 {
				if tb.PDFRows == 0 || tb.PDFRows > 25 {
					t.Errorf("table %s prints %d of its %d rows in the PDF, want at most 25", tb.Name, tb.PDFRows, len(tb.Rows))
				} else if tb.PDFRows == 25 && !strings.Contains(tb.Note, report.MoreLine(len(tb.Rows)-25, s.Sheet)) {
					t.Errorf("table %s's note %q does not say how many more the workbook's sheet %s has", tb.Name, tb.Note, s.Sheet)
				}
			}
		}
	}
	data := render(t, b)
	if pages := regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(data, -1); len(pages) == 0 || len(pages) > 30 {
		t.Errorf("%d pages, want 1 to 30", len(pages))
	}
	txt := pdfText(t, data, false)
	for _, want := range []string{"Least likely to meet their targets first", "see the workbook, sheet Commitments", "see the workbook, sheet Roadmap"} {
		if !strings.Contains(strings.Join(strings.Fields(txt), " "), want) {
			t.Errorf("the PDF does not say %q", want)
		}
	}
}

// TestHebrewPrintsAsHebrew: Hebrew titles are drawn in the Hebrew font and
// in display order, so that a reader (and pdftotext, which puts a
// right-to-left line back into reading order) gets the words as typed;
// before, the Go font drew boxes in typing order, which reads backwards.
// A briefing without Hebrew embeds no Hebrew font.
func TestHebrewPrintsAsHebrew(t *testing.T) {
	plainPDF := render(t, build(t, "board-pack"))
	if bytes.Contains(plainPDF, []byte("notohebrew")) {
		t.Error("a briefing without Hebrew embeds the Hebrew font")
	}
	p, f := reporttest.Small()
	p.Name = "תיק פרויקטים 2027"
	p.Items[0].Title = "מעבר לענן — שלב 2"
	data := render(t, buildFrom(t, p, f, "board-pack"))
	if !bytes.Contains(data, []byte("/BaseFont /utf8notohebrew")) {
		t.Error("the PDF of a Hebrew briefing does not embed the Hebrew font")
	}
	marks := strings.NewReplacer("\u202a", "", "\u202b", "", "\u202c", "", "\u200e", "", "\u200f", "")
	txt := marks.Replace(pdfText(t, data, false))
	// (pdftotext moves a number out of a Hebrew phrase: "שלב" stands alone)
	for _, want := range []string{"תיק פרויקטים", "מעבר לענן", "שלב"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PDF's text lacks %q in reading order", want)
		}
	}
	if strings.Contains(txt, "םיטקיורפ קית") {
		t.Error("the PDF's text has the portfolio's name backwards")
	}
}

// TestInvalidUTF8DoesNotStopTheReport: a name that ends in a cut UTF-8
// sequence (a damaged source) used to panic inside fpdf's UTF-16
// conversion, in the text, the bookmarks and the document title; it now
// prints with U+FFFD in its place.
func TestInvalidUTF8DoesNotStopTheReport(t *testing.T) {
	p, f := reporttest.Small()
	p.Name = "Interop \xd7"
	p.Items[0].Title = "Patient resource API \xe2\x82"
	for _, tmpl := range []string{"board-pack", "board-deck"} {
		data := render(t, buildFrom(t, p, f, tmpl))
		if txt := pdfText(t, data, false); !strings.Contains(txt, "Interop \ufffd") {
			t.Errorf("%s: the portfolio name is not printed with U+FFFD for the cut sequence", tmpl)
		}
	}
}
