package report

import (
	"fmt"
	"strings"

	"steerco/internal/figure"
)

// What the PDF prints of a long list. A large programme's board pack stays
// a board pack (about 30 pages: the items that matter and the summaries);
// its workbook has every row. The caps are written here once and every long
// table and the roadmap follow the same rule: the rows are put in order of
// what matters most first, the PDF prints the first ones, and a line under
// them says how many more the workbook has and on which sheet (MoreLine).
const (
	// pdfTableRows is the most rows a table prints in the PDF.
	pdfTableRows = 25
	// pdfTimelineRows is the most items the PDF's roadmap draws (about two
	// pages); each team keeps at least one.
	pdfTimelineRows = 40
	// pdfHeatColumns is the most quarters the PDF's capacity heat map
	// draws: the nearest ones.
	pdfHeatColumns = 8
)

// capRows limits the rows t prints in the PDF to pdfTableRows (t's rows, or
// its PDFRows first rows, are in order of what matters most first) and
// returns the line that says what was left out (MoreLine), or "" when t
// prints no more than that.
func capRows(t *Table, sheet string) string {
	shown := len(t.Rows)
	if t.PDFRows > 0 {
		shown = min(shown, t.PDFRows)
	}
	if shown <= pdfTableRows {
		return ""
	}
	t.PDFRows = pdfTableRows
	return MoreLine(len(t.Rows)-pdfTableRows, sheet)
}

// MoreLine is the line under a capped list: "… and 975 more — see the
// workbook, sheet Risks." sheet is the workbook sheet that holds the list:
// its section's Sheet (SheetNames decided it).
func MoreLine(more int, sheet string) string {
	return fmt.Sprintf("… and %s more — see the workbook, sheet %s.", figure.Number(float64(more), 0), named(sheet))
}

// maxSheetName is Excel's limit on a sheet name, in UTF-16 code units (what
// Excel and excelize count).
const maxSheetName = 31

// SheetNames decides the workbook sheet name of every section of a report,
// given their titles in section order (the workbook's sheets, in its order):
// the one rule that the workbook writer and every "see the workbook, sheet
// …" line follow, so a note always names the sheet that holds its table.
// A name is the title with []:*?/\ made "-", cut to at most 31 characters
// (whole characters: never in the middle of one), without leading or
// trailing apostrophes or trailing spaces ("Sheet" when nothing is left);
// a name already taken (Excel compares them ignoring case) gets " (2)",
// " (3)"…, cut again so that it still fits in 31.
func SheetNames(titles []string) []string {
	names := make([]string, len(titles))
	taken := make(map[string]bool, len(titles))
	for i, title := range titles {
		base := sheetBase(title)
		s := base
		for n := 2; taken[strings.ToLower(s)]; n++ {
			suffix := fmt.Sprintf(" (%d)", n)
			s = strings.TrimRight(cutUTF16(base, maxSheetName-len(suffix)), " ") + suffix
		}
		taken[strings.ToLower(s)] = true
		names[i] = s
	}
	return names
}

// sheetBase is a sheet name for title before de-duplication (SheetNames).
func sheetBase(title string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, title)
	s = strings.Trim(cutUTF16(strings.Trim(s, "' "), maxSheetName), "' ")
	if s == "" {
		s = "Sheet"
	}
	return s
}

// cutUTF16 is the longest prefix of s made of whole characters that is at
// most n UTF-16 code units long (a character outside the Basic Multilingual
// Plane, such as an emoji, counts two, as in Excel).
func cutUTF16(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}
