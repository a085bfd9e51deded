package report

import (
	"fmt"
	"strings"
	"unicode/utf8"

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
// workbook, sheet Risks." It names the sheet the workbook gives a section
// of that title (SheetName).
func MoreLine(more int, title string) string {
	return fmt.Sprintf("… and %s more — see the workbook, sheet %s.", figure.Number(float64(more), 0), SheetName(title))
}

// SheetName is the name of the workbook sheet of a section titled title:
// the title with []:*?/\ made "-", without leading or trailing
// apostrophes, at most 31 characters ("Sheet" when nothing is left). The
// workbook renderer adds " (2)", " (3)"… to names already taken.
func SheetName(title string) string {
	s := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, title)
	s = strings.Trim(s, "'")
	if s == "" {
		s = "Sheet"
	}
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	return s
}
