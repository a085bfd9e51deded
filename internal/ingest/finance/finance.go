// Package finance imports budget actuals and plans from finance workbooks
// (xlsx) and CSV files into a portfolio's budget lines. It reads workbooks
// with its own streaming reader (xlsx.go: archive/zip and encoding/xml, every
// size bounded, so a hostile file cannot make it hold more than a few
// hundred megabytes), applying the number formats that make a stored number
// read differently (codes such as 101 shown "01-01"), and flagging formulas
// whose result the file does not hold.
//
// It understands long layouts (one row per period × cost centre × category
// with one or more amount columns) and wide ones (months across the
// columns, unpivoted), headers below title rows, merged and two-row
// headers, totals and subtotals (skipped, never double counted), section
// labels, notes and blank rows (skipped with their reason), hidden sheets
// (listed, read only when named), cached formula values, both date systems,
// many ways of writing periods and amounts, and units stated in a title or
// header ("in thousands") or by a number format ("#,##0,"). Actual and
// Budget month blocks side by side under a group header are both read; a
// Variance block is not. The other sheets of a workbook are glanced at
// (sibling.go) so that its sheets agree on years and on what is income.
// Preview.Columns describes each source column for a mapping grid. See
// Preview.
//
// The mapping (plan.ImportMapping, Kind "finance", ID "finance:" + a hash of
// the sheet's header names) records what was understood, and a person may
// edit it and pass it back in ingest.Options.Mapping:
//
//	Fields  period, cost_centre, category, amount | actual | plan, type,
//	        currency, spend → the header text of the column; "-" means
//	        "there is no such column" (e.g. ignore a currency column)
//	Values  "cost centre / category" as the source names a line → budget line id
//	Options sheet, unit (1|1000|1000000), scenario (actual|plan), year (for
//	        months written without one), date_order (dmy|mdy), header_row
//	        ("4", or "3-4" for a two-row header: read from a mapping passed in
//	        Options.Mapping, recorded only in a saved one); layout (long|wide)
//	        is recorded for people, not read back
//
// Applying a preview saves the mapping in p.ImportMappings; the next file
// with the same header reuses it with no questions.
package finance

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// maxListed bounds how many problems of one kind are listed one by one;
// the rest are counted in a closing line.
const maxListed = 50

var _ ingest.PreviewFunc = Preview

// Preview reads a finance workbook or CSV file and describes, without
// changing p, which budget lines it would add and which monthly actuals and
// plan amounts it would set. It returns a *ingest.ParseError only when the
// file cannot be read at all; everything else is in the preview's
// Problems, Skipped and Notes. Applying the preview (ingest.Preview.Apply)
// replaces, for every budget line the file touches, the months the file
// covers, and saves the mapping used in p.ImportMappings.
func Preview(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options) (pv *ingest.Preview, err error) {
	defer func() {
		if r := recover(); r != nil {
			pv, err = nil, &ingest.ParseError{Location: ingest.Location{File: src.Name},
				Msg: "Steerco hit an internal error reading this file; please report it with the file", Err: fmt.Errorf("panic: %v", r)}
		}
	}()
	if err := ingest.CheckSize(src, ""); err != nil {
		return nil, err
	}
	if p == nil || !plan.ValidCurrency(p.Currency) {
		return nil, plan.Errorf(plan.EINVALID, "The portfolio has no valid currency, so amounts cannot be imported into it.")
	}
	if isOLE(src.Data) {
		return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name},
			Msg: "this is an old-style Excel file (.xls); open it in Excel or LibreOffice and save it as .xlsx, then import that"}
	}
	pv = &ingest.Preview{Kind: ingest.Finance, File: src.Name}
	mapping := opts.Mapping
	var t *table
	var book *xbook
	if isXLSX(src.Data) {
		b, err := openXLSX(ctx, src)
		if err != nil {
			return nil, err
		}
		book = b
		var sheets, visible, hidden []string
		for _, s := range b.sheets {
			sheets = append(sheets, s.name)
			if s.hidden {
				hidden = append(hidden, s.name)
			} else {
				visible = append(visible, s.name)
			}
		}
		want := opts.Sheet
		if want == "" && mapping != nil {
			want = mapping.Options["sheet"]
		}
		sheet := ""
		switch {
		case want != "":
			for _, s := range sheets {
				if strings.EqualFold(s, want) {
					sheet = s
				}
			}
			if sheet == "" {
				return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name},
					Msg: fmt.Sprintf("the workbook has no sheet named %q; its sheets are: %s", want, strings.Join(sheets, ", "))}
			}
		case len(visible) > 0:
			sheet = visible[0]
		default:
			return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name},
				Msg: "every sheet of this workbook is hidden; choose the sheet to import by name if you mean to import hidden data"}
		}
		if len(sheets) > 1 {
			pv.Notes = append(pv.Notes, fmt.Sprintf("The workbook has %d sheets (%s); sheet %q was read. Choose another sheet to import a different one.", len(sheets), strings.Join(sheets, ", "), sheet))
		}
		if len(hidden) > 0 {
			pv.Notes = append(pv.Notes, fmt.Sprintf("Hidden sheets, not imported: %s.", strings.Join(without(hidden, sheet), ", ")))
			for _, h := range hidden {
				if h == sheet {
					pv.Notes = append(pv.Notes, fmt.Sprintf("Sheet %q is hidden in the workbook; it is read because you named it.", sheet))
				}
			}
		}
		if t, err = b.readSheet(ctx, sheet, sheetLimits{maxRows: maxRows}); err != nil {
			return nil, err
		}
		t.sheets, t.hidden = sheets, hidden
		if t.date1904 {
			pv.Notes = append(pv.Notes, "The workbook uses the 1904 date system; its dates were read accordingly.")
		}
	} else {
		if t, err = readCSV(ctx, src); err != nil {
			return nil, err
		}
	}
	pv.Notes = append(pv.Notes, t.notes...)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	im := &importer{src: src, p: p, opts: opts, pv: pv, t: t, listed: map[string]int{}}
	if book != nil && len(book.sheets) > 1 {
		im.siblings = glance(ctx, book, src, p, t.sheet)
	}
	im.run(ctx, mapping)
	return pv, ctx.Err()
}

func without(list []string, x string) []string {
	var out []string
	for _, s := range list {
		if s != x {
			out = append(out, s)
		}
	}
	return out
}

// importer holds the state of one preview.
type importer struct {
	src     ingest.Source
	p       *plan.Portfolio
	opts    ingest.Options
	pv      *ingest.Preview
	t       *table
	l       *layout
	pc      periodCtx
	unitExp int
	scen    string // the sheet's scenario from its name, titles or mapping
	year    int    // for months written without a year
	listed  map[string]int
	formula map[[2]int]int // uncached formula cells → index in t.uncached; -1 once reported
	// What other sheets of the workbook say (see glance), and what this one
	// said: the years its months fall in (dated: written in the source, not
	// assumed), and which categories it read as income or as spending.
	siblings     []sibling
	yearKind     string // where im.year came from: "mapping", "title", "sheet"
	yearFrom     string // the sheet whose dates gave im.year
	years, dated map[int]int
	income       map[string]int // norm(category) → first row read as income
	spend        map[string]int // norm(category) → first row imported as spending
	warnedCat    map[string]bool
	lines        map[string]*lineAgg
	order        []string
}

// lineAgg is everything the file says about one source line (cost centre × category).
type lineAgg struct {
	key, cc, cat string
	capex        bool
	amounts      map[string]map[plan.Month]plan.Money // scenario → month → amount
}

func (im *importer) loc(row, col int) ingest.Location {
	l := ingest.Location{File: im.src.Name, Sheet: im.t.sheet, Row: row, Column: col}
	if im.l != nil {
		l.Field = im.l.name(col)
	}
	return l
}

// errorf adds a located error, listing at most maxListed of each kind.
func (im *importer) errorf(kind string, loc ingest.Location, format string, args ...any) {
	im.listed[kind]++
	if im.listed[kind] <= maxListed {
		im.pv.Errorf(loc, format, args...)
	}
}

func (im *importer) run(ctx context.Context, m *plan.ImportMapping) {
	t, pv := im.t, im.pv
	first, last := findHeader(t)
	if m != nil && m == im.opts.Mapping && m.Options["header_row"] != "" {
		// A header row chosen by a person (the wizard's grid): "4", or "3-4" for two rows.
		f, l, ok := headerRows(m.Options["header_row"], len(t.rows))
		if !ok {
			pv.Errorf(ingest.Location{File: im.src.Name, Sheet: t.sheet}, "The mapping's header row %q is not a row of this sheet (1 to %d), nor two rows such as \"3-4\".", m.Options["header_row"], len(t.rows))
			return
		}
		first, last = f, l
	}
	l := &layout{firstHeader: first, header: last}
	im.l = l
	if first == 0 {
		if !im.headerless() {
			pv.Errorf(im.loc(0, 0), "No table of amounts by period was found%s: Steerco looks for a header row (such as Period, Cost centre, Category, Amount, or months across the columns) within the first 40 rows, followed by rows of amounts.", sheetPhrase(t))
			return
		}
	} else {
		l.names = headerNames(t, first, last)
		for r := 1; r < first; r++ {
			if t.rows[r-1] != nil {
				l.titles = append(l.titles, strings.Join(uniq(t.rows[r-1]), " "))
			}
		}
	}
	// The mapping: the one given, else a saved one for this header.
	id := fingerprint(l.names)
	if m == nil {
		for i := range im.p.ImportMappings {
			if im.p.ImportMappings[i].ID == id {
				m = &im.p.ImportMappings[i]
				pv.Notes = append(pv.Notes, "Using the mapping saved when a file with this header was last imported.")
			}
		}
	}
	if m == nil {
		m = &plan.ImportMapping{}
	}
	im.context(m)
	im.columns(m)
	im.describeColumns()
	if pv.HasErrors() {
		return
	}
	im.scaledNote()
	im.rows(ctx)
	if ctx.Err() != nil {
		return
	}
	im.flagUncached()
	im.crossCheck()
	for kind, n := range im.listed {
		if n > maxListed {
			pv.Errorf(ingest.Location{File: im.src.Name, Sheet: t.sheet}, "… and %d more rows with the same problem (%s).", n-maxListed, kind)
		}
	}
	mapping := im.mapping(id, m)
	pv.Mapping = mapping
	im.preview(mapping)
}

func (im *importer) isUncached(r, c int) bool {
	im.uncachedAt(0, 0) // builds the index
	_, ok := im.formula[[2]int{r, c}]
	return ok
}

// colUnit is the power of ten a column's amounts are multiplied by: the
// unit the title or header states, except in columns whose number format
// already shows the full amounts in thousands (the stored value is whole).
func (im *importer) colUnit(c int) int {
	if _, scaled := im.t.scaledCols[c]; scaled {
		return 0
	}
	return im.unitExp
}

// scaledNote says which amount columns are shown scaled by their format.
func (im *importer) scaledNote() {
	var cells []string
	for _, a := range im.l.amounts {
		if where, ok := im.t.scaledCols[a.col]; ok {
			cells = append(cells, where)
		}
	}
	if len(cells) == 0 {
		return
	}
	more := ""
	if len(cells) > 3 {
		more = fmt.Sprintf(" and %d more columns", len(cells)-3)
		cells = cells[:3]
	}
	msg := fmt.Sprintf("Amounts in %s%s are shown in thousands or millions by their number format but hold the full amounts; the full amounts were imported.", strings.Join(cells, ", "), more)
	if im.unitExp > 0 {
		im.pv.Warnf(im.loc(im.l.header, im.l.amounts[0].col), "%s The sheet says its amounts are in %s, which describes how they are shown: they were not multiplied again.", msg, map[int]string{3: "thousands", 6: "millions"}[im.unitExp])
		return
	}
	im.pv.Notes = append(im.pv.Notes, msg)
}

// uncachedAt reports a formula with no saved result at row r, column c,
// and marks it reported.
func (im *importer) uncachedAt(r, c int) bool {
	if im.formula == nil {
		im.formula = map[[2]int]int{}
		for i, f := range im.t.uncached {
			im.formula[[2]int{f.row, f.col}] = i
		}
	}
	i, ok := im.formula[[2]int{r, c}]
	if ok && i >= 0 {
		im.formula[[2]int{r, c}] = -1 - i
	}
	return ok
}

func (im *importer) formulaText(r, c int) string {
	for _, f := range im.t.uncached {
		if f.row == r && f.col == c {
			if f.formula == "" {
				return "a shared formula"
			}
			return "=" + f.formula
		}
	}
	return "a formula"
}

// flagUncached warns of the formulas with no saved result that the rows did
// not already refuse (labels, headers, columns not imported): read as empty.
func (im *importer) flagUncached() {
	n := 0
	for _, f := range im.t.uncached {
		if i, ok := im.formula[[2]int{f.row, f.col}]; ok && i < 0 {
			continue
		}
		if n++; n <= 10 {
			im.pv.Warnf(im.loc(f.row, f.col), "The cell holds a formula (%s) with no saved result in the workbook; it was read as empty. Open the file in Excel or LibreOffice and save it to store the results.", im.formulaText(f.row, f.col))
		}
	}
	if n > 10 {
		im.pv.Warnf(ingest.Location{File: im.src.Name, Sheet: im.t.sheet}, "… and %d more formulas with no saved result, read as empty.", n-10)
	}
}

// headerRows reads "4" or "3-4" as the first and last header rows.
func headerRows(s string, rows int) (first, last int, ok bool) {
	a, b, two := strings.Cut(strings.TrimSpace(s), "-")
	first, err1 := strconv.Atoi(strings.TrimSpace(a))
	last, err2 := first, error(nil)
	if two {
		last, err2 = strconv.Atoi(strings.TrimSpace(b))
	}
	ok = err1 == nil && err2 == nil && first >= 1 && last >= first && last <= first+1 && last <= rows
	return first, last, ok
}

func sheetPhrase(t *table) string {
	if t.sheet == "" {
		return " in this file"
	}
	s := fmt.Sprintf(" on sheet %q", t.sheet)
	if len(t.hidden) > 0 {
		s += fmt.Sprintf(" (hidden sheets: %s; choose one of them by name to import it)", strings.Join(t.hidden, ", "))
	}
	return s
}

func uniq(row []string) []string {
	var out []string
	for _, c := range row {
		if c != "" && (len(out) == 0 || out[len(out)-1] != c) {
			out = append(out, c)
		}
	}
	return out
}

// headerless handles a sheet with no header: a column of dates and a column
// of numbers (a tiny workbook like calamine's). It names the columns.
func (im *importer) headerless() bool {
	t := im.t
	r0 := 0
	for r := 1; r <= len(t.rows); r++ {
		if t.rows[r-1] != nil {
			r0 = r
			break
		}
	}
	if r0 == 0 || !t.serials {
		return false
	}
	for _, c := range t.rows[r0-1] {
		if isText(c) {
			return false
		}
	}
	l := im.l
	l.names = make([]string, len(t.rows[r0-1]))
	for i := range l.names {
		l.names[i] = "Column " + ingest.ColumnName(i+1)
	}
	l.firstHeader, l.header = 0, r0-1
	im.pv.Notes = append(im.pv.Notes, "The sheet has no header row: its columns were recognised by their contents.")
	return true
}

// unitRe finds units stated in titles and headers.
var (
	unitThousands = regexp.MustCompile(`(?i)in thousands|thousands of|\(\s*[$£€₪]?\s*000s?\s*\)|['’]000s?|[$£€₪]\s?000s?\b|\(\s*[$£€₪]?k\s*\)|\bk[$£€]\b`)
	unitMillions  = regexp.MustCompile(`(?i)in millions|millions of|\(\s*[$£€₪]?\s*m{1,2}\s*\)|\(\s*[$£€₪]?\s*mn\s*\)|[$£€₪]m\b`)
	currencyWords = []struct {
		re  *regexp.Regexp
		iso string
	}{
		{regexp.MustCompile(`(?i)\bdollars?\b|\bUSD\b|US\$`), "USD"},
		{regexp.MustCompile(`(?i)\bpounds?\b|\bsterling\b|\bGBP\b|£`), "GBP"},
		{regexp.MustCompile(`(?i)\beuros?\b|\bEUR\b|€`), "EUR"},
		{regexp.MustCompile(`(?i)\bshekels?\b|\bNIS\b|\bILS\b|₪`), "ILS"},
	}
	yearRe = regexp.MustCompile(`\b(19|20)\d{2}\b`)
)

// context reads units, currency, scenario and the year of year-less months
// from the titles, the header, the sheet name and the mapping.
func (im *importer) context(m *plan.ImportMapping) {
	t, l, pv := im.t, im.l, im.pv
	im.pc = periodCtx{fyStart: im.p.FiscalYearStart, date1904: t.date1904, serials: t.serials}
	if im.pc.fyStart < 1 || im.pc.fyStart > 12 {
		im.pc.fyStart = time.January
	}
	if m.Options["date_order"] == "mdy" {
		im.pc.order = monthFirst
	}
	text := strings.Join(l.titles, " ") + " " + strings.Join(l.names, " ")
	switch u := m.Options["unit"]; {
	case u == "1000" || u == "thousands":
		im.unitExp = 3
	case u == "1000000" || u == "millions":
		im.unitExp = 6
	case u == "1":
		im.unitExp = 0
	case unitMillions.MatchString(text):
		im.unitExp = 6
	case unitThousands.MatchString(text):
		im.unitExp = 3
	}
	switch im.unitExp {
	case 3:
		pv.Notes = append(pv.Notes, "Amounts are stated in thousands; they were multiplied by 1,000.")
	case 6:
		pv.Notes = append(pv.Notes, "Amounts are stated in millions; they were multiplied by 1,000,000.")
	}
	for _, cw := range currencyWords {
		if cw.re.MatchString(text) && cw.iso != im.p.Currency {
			row := l.header
			for i, tt := range l.titles {
				if cw.re.MatchString(tt) {
					row = i + 1
				}
			}
			pv.Errorf(im.loc(row, 0), "The file states its amounts are in %s, but this portfolio is in %s. Steerco does not convert currencies: import it into a %s portfolio, or have finance convert it.", cw.iso, im.p.Currency, cw.iso)
			break
		}
	}
	sheetText := norm(t.sheet)
	ctxText := strings.ToLower(sheetText + " " + strings.Join(l.titles, " "))
	switch s := m.Options["scenario"]; {
	case s == scActual || s == scPlan:
		im.scen = s
	case contextPlan.MatchString(sheetText):
		im.scen = scPlan
	case contextAct.MatchString(sheetText):
		im.scen = scActual
	case contextPlan.MatchString(ctxText):
		im.scen = scPlan
	case contextAct.MatchString(ctxText):
		im.scen = scActual
	}
	if y := m.Options["year"]; y != "" {
		im.year, im.yearKind = atoi(y), "mapping"
	} else if y := yearRe.FindString(strings.Join(l.titles, " ")); y != "" {
		im.year, im.yearKind = atoi(y), "title"
	} else if y, from := im.siblingYear(); y > 0 {
		im.year, im.yearKind, im.yearFrom = y, "sheet", from
	}
}

// columns decides what each column means (and whether the layout is wide).
func (im *importer) columns(m *plan.ImportMapping) {
	t, l, pv := im.t, im.l, im.pv
	width := len(l.names)
	for r := l.header + 1; r <= len(t.rows) && r <= l.header+200; r++ {
		if len(t.rows[r-1]) > width {
			width = len(t.rows[r-1])
		}
	}
	for len(l.names) < width {
		l.names = append(l.names, "")
	}
	byName := func(field string) int {
		want := m.Fields[field]
		if want == "" || want == "-" {
			return 0
		}
		for c := 1; c <= width; c++ {
			if strings.EqualFold(l.name(c), want) {
				return c
			}
		}
		pv.Errorf(im.loc(l.header, 0), "The saved mapping says %s is in column %q, but the header has no such column.", field, want)
		return 0
	}
	used := map[int]bool{}
	pick := func(field string, words []string) int {
		if m.Fields[field] == "-" { // the mapping says: no such column
			return 0
		}
		if c := byName(field); c > 0 {
			used[c] = true
			return c
		}
		best, bestRank := 0, len(words)
		for c := 1; c <= width; c++ {
			if used[c] {
				continue
			}
			if r := matchWord(norm(l.name(c)), words); r >= 0 && r < bestRank && hasText(t, l.header, c) {
				best, bestRank = c, r
			}
		}
		if best > 0 {
			used[best] = true
		}
		return best
	}
	// Wide: periods across the columns.
	var periodCols []amountCol
	var derived []string
	for c := 1; c <= width; c++ {
		if p, rest, ok := headerPeriod(l.name(c), im.pc); ok && l.header > 0 {
			if derivedGroup(rest) {
				l.note(c, "derived from other columns (variance): not imported")
				derived = append(derived, l.name(c))
				continue
			}
			periodCols = append(periodCols, amountCol{col: c, name: l.name(c), per: p, measure: rest, scen: scenarioOf(rest)})
		}
	}
	if len(derived) > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d columns are computed from others (%s …) and were not imported.", len(derived), derived[0]))
	}
	if len(periodCols) >= 2 && m.Fields["period"] == "" {
		// Months across with a yearly column beside them ("Jan-27" … "Dec-27", "FY27"):
		// the yearly one is their total, not more money.
		monthly := false
		for _, a := range periodCols {
			monthly = monthly || a.per.months == 1
		}
		if monthly {
			kept := periodCols[:0]
			for _, a := range periodCols {
				if a.per.months == 12 {
					pv.Notes = append(pv.Notes, fmt.Sprintf("Column %q is a yearly total beside monthly columns; it was not imported.", a.name))
					l.note(a.col, "yearly total beside monthly columns")
					continue
				}
				kept = append(kept, a)
			}
			periodCols = kept
		}
		l.wide = true
		l.amounts = periodCols
		for _, a := range periodCols {
			used[a.col] = true
		}
		l.typeCol = pick("type", typeWords)
		l.currCol = pick("currency", currWords)
		l.ccCol = pick("cost_centre", ccWords)
		l.catCol = pick("category", catWords)
		for c := 1; c <= width; c++ {
			if !used[c] && hasText(t, l.header, c) {
				l.labelCols = append(l.labelCols, c)
			}
		}
		if l.catCol == 0 && len(l.labelCols) > 0 {
			l.catCol = l.labelCols[0]
		}
		return
	}
	// Long: a period column and amount columns.
	if c := byName("period"); c > 0 {
		l.periodCol = c
	} else {
		l.periodCol = im.findPeriodColumn(width)
	}
	if l.periodCol == 0 {
		pv.Errorf(im.loc(l.header, 0), "No column holds periods%s: Steerco needs a column of dates or months (such as Date, Period or Month), or months across the columns.", sheetPhrase(t))
		return
	}
	used[l.periodCol] = true
	l.typeCol = pick("type", typeWords)
	l.currCol = pick("currency", currWords)
	l.spendCol = pick("spend", spendWords)
	l.ccCol = pick("cost_centre", ccWords)
	l.catCol = pick("category", catWords)
	// Amount columns: named by the mapping, by a scenario word, or by an amount word.
	for _, f := range []string{scActual, scPlan} {
		if c := byName(f); c > 0 {
			l.amounts = append(l.amounts, amountCol{col: c, name: l.name(c), scen: f})
			used[c] = true
		}
	}
	if len(l.amounts) == 0 {
		if c := byName("amount"); c > 0 {
			l.amounts = append(l.amounts, amountCol{col: c, name: l.name(c)})
			used[c] = true
		}
	}
	if len(l.amounts) == 0 {
		seen := map[string]int{}
		for c := 1; c <= width; c++ {
			if used[c] || !numericColumn(t, l.header, c) {
				continue
			}
			if s := scenarioOf(l.name(c)); s != "" {
				if prev, dup := seen[s]; dup {
					pv.Notes = append(pv.Notes, fmt.Sprintf("Column %q is also %s; only column %q was read as %s. Choose another in the mapping.", l.name(c), s, l.name(prev), s))
					continue
				}
				seen[s] = c
				l.amounts = append(l.amounts, amountCol{col: c, name: l.name(c), scen: s})
			}
		}
	}
	if len(l.amounts) == 0 {
		var cands []int
		for c := 1; c <= width; c++ {
			if !used[c] && numericColumn(t, l.header, c) && !codeLike.MatchString(norm(l.name(c))) {
				cands = append(cands, c)
			}
		}
		named := 0
		for _, c := range cands {
			if matchWord(norm(l.name(c)), amountWords) >= 0 && named == 0 {
				named = c
			}
		}
		switch {
		case named > 0:
			l.amounts = append(l.amounts, amountCol{col: named, name: l.name(named)})
		case len(cands) == 1:
			l.amounts = append(l.amounts, amountCol{col: cands[0], name: l.name(cands[0])})
		case len(cands) == 0:
			pv.Errorf(im.loc(l.header, 0), "No column holds amounts%s: Steerco needs a column such as Amount, Actual or Budget.", sheetPhrase(t))
		default:
			var names []string
			for _, c := range cands {
				names = append(names, fmt.Sprintf("%q", l.name(c)))
			}
			pv.Errorf(im.loc(l.header, 0), "Several columns hold numbers (%s) and none says whether it is the actual or the budget amount; choose the amount column in the mapping.", strings.Join(names, ", "))
		}
	}
	for _, a := range l.amounts {
		used[a.col] = true
	}
	// A currency column that mostly names another currency: one clear refusal
	// rather than an error on every row.
	if l.currCol > 0 {
		counts := map[string]int{}
		n := 0
		for r := l.header + 1; r <= len(t.rows) && r <= l.header+200; r++ {
			if v := strings.ToUpper(t.cell(r, l.currCol)); v != "" {
				counts[v]++
				n++
			}
		}
		for c, k := range counts {
			if k*2 > n && c != im.p.Currency && plan.ValidCurrency(c) {
				pv.Errorf(im.loc(l.header, l.currCol), "The file's amounts are in %s (column %q) but this portfolio is in %s. Steerco does not convert currencies: import it into a %s portfolio, or have finance convert it.", c, l.name(l.currCol), im.p.Currency, c)
			}
		}
	}
}

// fields are the mapping fields a finance column can be set to.
var fields = []string{"period", "cost_centre", "category", "amount", scActual, scPlan, "type", "currency", "spend"}

// describeColumns lists the sheet's columns for the mapping grid: the header
// as read, a sample of values and what each column is read as.
func (im *importer) describeColumns() {
	t, l, pv := im.t, im.l, im.pv
	pv.Fields = fields
	field := map[int]string{}
	set := func(c int, f string) {
		if c > 0 {
			field[c] = f
		}
	}
	set(l.periodCol, "period")
	set(l.ccCol, "cost_centre")
	set(l.catCol, "category")
	set(l.typeCol, "type")
	set(l.currCol, "currency")
	set(l.spendCol, "spend")
	amounts := map[int]amountCol{}
	for _, a := range l.amounts {
		amounts[a.col] = a
	}
	width := len(l.names)
	for c := 1; c <= width; c++ {
		col := ingest.Column{Index: c, Name: l.name(c), Field: field[c], Hidden: t.hiddenCols[c], Note: l.notes[c]}
		if a, ok := amounts[c]; ok {
			col.Field, col.Scenario = "amount", a.scen
			if a.scen != "" && !l.wide {
				col.Field = a.scen
			}
			switch {
			case !l.wide:
			case !a.per.noYear && a.per.months == 1:
				col.Period = a.per.month.String()
			case !a.per.noYear:
				col.Period = a.per.month.String() + "…" + a.per.month.Add(11).String()
			case im.year > 0:
				col.Period = plan.MonthOf(im.year, a.per.mon).String()
			}
		}
		for r := l.header + 1; r <= len(t.rows) && r <= l.header+200 && len(col.Samples) < ingest.ColumnSamples; r++ {
			if v := t.cell(r, c); v != "" {
				col.Samples = append(col.Samples, im.shown(c, v))
			}
		}
		pv.Columns = append(pv.Columns, col)
	}
}

// shown is a cell's value as a person reads it: a date serial in the period
// column as its date, long text cut to 80 characters.
func (im *importer) shown(c int, v string) string {
	if c == im.l.periodCol && im.t.serials {
		if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 1 && f < 2958466 && f == float64(int64(f)) {
			return serialDate(f, im.t.date1904).String()
		}
	}
	if r := []rune(v); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return v
}

func hasText(t *table, header, c int) bool {
	for r := header + 1; r <= len(t.rows) && r <= header+200; r++ {
		if isText(t.cell(r, c)) {
			return true
		}
	}
	return false
}

// numericColumn: most non-empty cells below the header are amounts.
func numericColumn(t *table, header, c int) bool {
	n, num := 0, 0
	for r := header + 1; r <= len(t.rows) && r <= header+200; r++ {
		v := t.cell(r, c)
		if v == "" {
			continue
		}
		n++
		if _, err := parseAmount(v, t.decimalComma); err == nil {
			num++
		}
	}
	return n > 0 && num*10 >= n*8
}

// findPeriodColumn picks the column of periods: a period word in its header
// and mostly periods below (columns whose periods carry a year beat month
// names alone, so Date wins over a "January" Month column), or else a text
// column of mostly periods whatever its header ("FY19" under "FY19").
func (im *importer) findPeriodColumn(width int) int {
	t, l := im.t, im.l
	share := func(c int, serials bool) (ok, dated float64) {
		pc := im.pc
		pc.serials = serials
		n, nok, ndated := 0, 0, 0
		for r := l.header + 1; r <= len(t.rows) && r <= l.header+200; r++ {
			v := t.cell(r, c)
			if v == "" {
				continue
			}
			n++
			if p, err := parsePeriod(v, pc); err == nil {
				nok++
				if !p.noYear {
					ndated++
				}
			}
		}
		if n == 0 {
			return 0, 0
		}
		return float64(nok) / float64(n), float64(ndated) / float64(n)
	}
	for _, needYear := range []bool{true, false} {
		best, bestRank := 0, len(periodWords)+1
		for c := 1; c <= width; c++ {
			h := norm(l.name(c))
			r := matchWord(h, periodWords)
			if strings.HasPrefix(h, "column ") {
				r = len(periodWords) // headerless: judge by content
			}
			if r < 0 || r >= bestRank {
				continue
			}
			ok, dated := share(c, t.serials)
			if needYear && dated >= 0.5 || !needYear && ok >= 0.5 {
				best, bestRank = c, r
			}
		}
		if best > 0 {
			return best
		}
	}
	for c := 1; c <= width; c++ {
		if ok, _ := share(c, false); hasText(t, l.header, c) && ok >= 0.8 {
			return c
		}
	}
	return 0
}

// Row classification.
var (
	totalRe   = regexp.MustCompile(`(?i)^(sub-?\s?totals?|grand\s+totals?|totals?)\b|\btotals?:?$|^sum$|^סה["״]כ`)
	derivedRe = regexp.MustCompile(`(?i)^(net\b|savings|cumulative|surplus|deficit|balance|variance|running total)`)
	incomeRe  = regexp.MustCompile(`(?i)^(income|revenues?|receipts|sales|הכנסות)\b`)
	revenueRe = regexp.MustCompile(`(?i)^(revenue|income|receipts?|הכנסה)`)
	noteRe    = regexp.MustCompile(`(?i)^(note|notes|source|sources|\*|†|‡|¹|²|\(\d\)|\d\)|figures|amounts|prepared|see )`)
)

// rows reads the data rows, classifying and aggregating them.
func (im *importer) rows(ctx context.Context) {
	t, l, pv := im.t, im.l, im.pv
	im.lines = map[string]*lineAgg{}
	section := ""
	inIncome := false
	var block [][]plan.Money // wide: amounts of data rows since the last break, for subtotal detection
	noYearWarned := false
	type periodResult struct {
		p   period
		err error
	}
	periods := map[string]periodResult{} // a long layout repeats its few periods on every row
	annualPlan, annualActual := 0, 0
	// Room for every row to be skipped, made once: growing the list by
	// appending copies it again and again, and on a sheet of a million
	// skipped rows the copies, not the list, take the memory.
	if n := len(t.rows) - l.header; n > cap(pv.Skipped) {
		pv.Skipped = append(make([]ingest.Skip, 0, n), pv.Skipped...)
	}
	reasons := map[string]string{} // one copy of each reason text (a million total rows say the same thing)
	skip := func(r int, reason string) {
		if s, ok := reasons[reason]; ok {
			reason = s
		} else if len(reasons) < 10_000 {
			reasons[reason] = reason
		}
		pv.Skipped = append(pv.Skipped, ingest.Skip{Location: im.loc(r, 0), Reason: reason})
	}
	amountCols := map[int]bool{}
	for _, a := range l.amounts {
		amountCols[a.col] = true
	}
	last := len(t.rows)
	for r := l.header + 1; r <= last; r++ {
		if r%4096 == 0 && ctx.Err() != nil {
			return
		}
		row := t.rows[r-1]
		pv.RowsRead++
		if row == nil {
			skip(r, "blank row")
			block = nil
			continue
		}
		// Label text of the row: the cells that are not amounts.
		var labels []string
		hasAmount := false
		for c := 1; c <= len(row); c++ {
			v := row[c-1]
			if v == "" {
				continue
			}
			if amountCols[c] {
				if a, err := parseAmount(v, t.decimalComma); err != nil || a.kind == amtNumber {
					hasAmount = true
				}
				continue
			}
			if c != l.periodCol {
				labels = append(labels, v)
			}
		}
		if !hasAmount && len(t.uncached) > 0 {
			for _, a := range l.amounts {
				hasAmount = hasAmount || t.cell(r, a.col) == "" && im.isUncached(r, a.col)
			}
		}
		label := strings.Join(labels, " ")
		if label == "" && l.periodCol > 0 {
			label = t.cell(r, l.periodCol)
		}
		first := ""
		if len(labels) > 0 {
			first = labels[0]
		}
		switch {
		case !hasAmount && distinct(row) == 1 && (noteRe.MatchString(first) || len([]rune(first)) > 50):
			skip(r, "note or footnote")
			continue
		case !hasAmount && len(labels) > 0 && (l.periodCol == 0 || t.cell(r, l.periodCol) == "" || distinct(row) == 1):
			section = strings.TrimSuffix(first, ":")
			inIncome = incomeRe.MatchString(section)
			skip(r, fmt.Sprintf("section label %q", clip(first)))
			block = nil
			continue
		case !hasAmount:
			skip(r, "no amount in this row")
			continue
		case l.wide && anyMatch(totalRe, labels) || !l.wide && (totalRe.MatchString(first) || anyMatch(totalRe, []string{t.cell(r, l.ccCol), t.cell(r, l.catCol), t.cell(r, l.periodCol)})):
			skip(r, fmt.Sprintf("total row %q: its amount is the sum of other rows, so importing it would count them twice", clip(label)))
			if inIncome && strings.Contains(strings.ToLower(label), strings.ToLower(section)) {
				inIncome = false
			}
			block = nil
			continue
		case derivedRe.MatchString(first):
			skip(r, fmt.Sprintf("derived row %q, not a spending line", clip(first)))
			continue
		case inIncome:
			skip(r, fmt.Sprintf("income row in section %q: Steerco budgets track spending", clip(section)))
			im.incomeRow(r, first)
			continue
		case l.typeCol > 0 && revenueRe.MatchString(t.cell(r, l.typeCol)):
			skip(r, fmt.Sprintf("revenue row (%s %q): Steerco budgets track spending", l.name(l.typeCol), t.cell(r, l.typeCol)))
			im.incomeRow(r, first)
			continue
		}
		if sheet, row, cat := im.incomeElsewhere(r, first); sheet != "" {
			skip(r, fmt.Sprintf("income row %q: sheet %q of this workbook reads it as income (row %d), so it is not spending here either", cat, sheet, row))
			if key := norm(cat); !im.warnedCat[key] {
				im.warnedCat = setTrue(im.warnedCat, key)
				pv.Warnf(im.loc(r, l.catCol), "%q is income on sheet %q (row %d) but would be spending on this sheet; it was skipped here too, so both sheets agree. Map the category column differently if it really is spending.", cat, sheet, row)
			}
			continue
		}
		if l.currCol > 0 {
			if c := strings.ToUpper(t.cell(r, l.currCol)); c != "" && c != im.p.Currency && plan.ValidCurrency(c) {
				im.errorf("currency", im.loc(r, l.currCol), "The row says its amount is in %s but the portfolio is in %s; Steerco does not convert currencies. Convert or remove this row; or, if the amounts are already in %s, set the mapping's currency column to \"-\" to ignore column %q.", c, im.p.Currency, im.p.Currency, l.name(l.currCol))
				continue
			}
		}
		// Amounts of this row.
		type cellAmt struct {
			a    amountCol
			m    plan.Money
			per  period
			scen string
		}
		var got []cellAmt
		bad := false
		var rowPer period
		if !l.wide {
			v := t.cell(r, l.periodCol)
			pr, seen := periods[v]
			if !seen {
				pr.p, pr.err = parsePeriod(v, im.pc)
				periods[v] = pr
			}
			pp, err := pr.p, pr.err
			if err != nil {
				im.errorf("period", im.loc(r, l.periodCol), "%s.", capitalise(err.Error()))
				continue
			}
			rowPer = pp
		}
		for _, a := range l.amounts {
			v := t.cell(r, a.col)
			if v == "" && im.uncachedAt(r, a.col) {
				im.errorf("formula", im.loc(r, a.col), "The cell holds a formula (%s) but the workbook has no saved result for it, so its amount is unknown: open the file in Excel or LibreOffice, save it, and import it again.", im.formulaText(r, a.col))
				bad = true
				continue
			}
			am, err := parseAmount(v, t.decimalComma)
			if err != nil {
				im.errorf("amount", im.loc(r, a.col), "%q is not an amount: it %s.", v, err.Error())
				bad = true
				continue
			}
			if am.kind == amtNone {
				continue
			}
			if am.currency != "" && am.currency != im.p.Currency {
				im.errorf("currency", im.loc(r, a.col), "The amount %q is in %s but the portfolio is in %s; Steerco does not convert currencies.", v, am.currency, im.p.Currency)
				bad = true
				continue
			}
			money, err := toMoney(am.dec, im.colUnit(a.col), im.p.Currency, t.serials)
			if err != nil {
				im.errorf("amount", im.loc(r, a.col), "%s", plan.ErrorMessage(err))
				bad = true
				continue
			}
			per := rowPer
			if l.wide {
				per = a.per
			}
			scen := a.scen
			if scen == "" {
				scen = im.scen
			}
			if scen == "" {
				scen = scActual
			}
			got = append(got, cellAmt{a: a, m: money, per: per, scen: scen})
		}
		if bad {
			continue
		}
		// Subtotal by arithmetic (wide layouts): equals the sum of the rows above in its block.
		if l.wide {
			vals := make([]plan.Money, len(l.amounts))
			for _, g := range got {
				for i, a := range l.amounts {
					if a.col == g.a.col {
						vals[i] = g.m
					}
				}
			}
			if len(block) >= 2 && equalsSum(vals, block) {
				skip(r, fmt.Sprintf("subtotal row %q: its amounts equal the sum of the %d rows above", clip(label), len(block)))
				block = nil
				continue
			}
			block = append(block, vals)
		}
		// Where it lands.
		cc, cat := "", ""
		if l.ccCol > 0 {
			cc = t.cell(r, l.ccCol)
		}
		if l.catCol > 0 {
			cat = t.cell(r, l.catCol)
		}
		capex := false
		if l.spendCol > 0 {
			capex = strings.Contains(strings.ToLower(t.cell(r, l.spendCol)), "cap")
		}
		imported := false
		for _, g := range got {
			c := cat
			if g.a.measure != "" && g.a.scen == "" {
				c = strings.TrimSpace(cat + " " + g.a.measure)
			}
			per := g.per
			if per.noYear {
				y := im.year
				if y == 0 {
					y = im.p.PlanningStart.Year()
					if !noYearWarned {
						pv.Warnf(im.loc(l.header, g.a.col), "Months are written without a year; they were read as %d (the year of the portfolio's planning start). Set the year in the mapping if that is wrong.", y)
					}
				} else if !noYearWarned && im.yearKind == "sheet" {
					pv.Warnf(im.loc(l.header, g.a.col), "Months are written without a year; they were read as %d, the year of the dates on sheet %q of this workbook. Set the year in the mapping if that is wrong.", y, im.yearFrom)
				} else if !noYearWarned {
					pv.Notes = append(pv.Notes, fmt.Sprintf("Months are written without a year; they were read as %d.", y))
				}
				noYearWarned = true
				per = period{month: plan.MonthOf(y, per.mon), months: 1}
				if im.yearKind == "mapping" || im.yearKind == "title" {
					im.count(&im.dated, y)
				}
			} else {
				im.count(&im.dated, per.month.Year())
			}
			im.count(&im.years, per.month.Year())
			if per.months == 12 {
				if g.scen == scActual {
					annualActual++
					if annualActual == 1 {
						pv.Errorf(im.loc(r, periodColOf(l, g.a)), "This file has yearly amounts (%s), not monthly ones. Steerco records actuals by month, so it cannot place yearly actuals; ask finance for a monthly extract. If the file is a budget, import it as scenario \"plan\": yearly budgets are spread evenly over the fiscal year's months.", periodText(t, l, r, g.a))
					}
					continue
				}
				annualPlan++
				for i, part := range spread(g.m, 12) {
					im.add(cc, c, capex, g.scen, per.month.Add(i), part)
				}
				imported = true
				continue
			}
			im.add(cc, c, capex, g.scen, per.month, g.m)
			imported = true
		}
		if imported {
			pv.RowsImported++
			if key := norm(im.category(r, first)); key != "" && im.spend[key] == 0 {
				if im.spend == nil {
					im.spend = map[string]int{}
				}
				im.spend[key] = r
			}
		}
	}
	if annualPlan > 0 {
		pv.Notes = append(pv.Notes, "Yearly budget amounts were spread evenly over the 12 months of their fiscal year (any remainder cent goes to the first months).")
	}
	if annualActual > 0 {
		pv.RowsImported = 0
	}
}

// clip shortens a label quoted in a reason to 60 characters.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	r := []rune(s)
	if len(r) <= 60 {
		return s
	}
	return string(r[:59]) + "…"
}

func anyMatch(re *regexp.Regexp, cells []string) bool {
	for _, c := range cells {
		if re.MatchString(c) {
			return true
		}
	}
	return false
}

func periodColOf(l *layout, a amountCol) int {
	if l.wide {
		return a.col
	}
	return l.periodCol
}

func periodText(t *table, l *layout, r int, a amountCol) string {
	if l.wide {
		return a.name
	}
	return t.cell(r, l.periodCol)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	if s[0] == '"' {
		return "The period " + s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// equalsSum: vals equals, column by column, the sum of rows, with something non-zero.
func equalsSum(vals []plan.Money, rows [][]plan.Money) bool {
	nonzero := false
	for i, v := range vals {
		var s int64
		for _, row := range rows {
			if i < len(row) {
				s += row[i].Minor
			}
		}
		if s != v.Minor {
			return false
		}
		if v.Minor != 0 {
			nonzero = true
		}
	}
	return nonzero
}

// spread divides m into n parts that add up exactly, remainders first.
func spread(m plan.Money, n int) []plan.Money {
	out := make([]plan.Money, n)
	q, r := m.Minor/int64(n), m.Minor%int64(n)
	for i := range out {
		out[i] = plan.Money{Minor: q, Currency: m.Currency}
		if r > 0 && int64(i) < r {
			out[i].Minor++
		} else if r < 0 && int64(i) < -r {
			out[i].Minor--
		}
	}
	return out
}

func (im *importer) add(cc, cat string, capex bool, scen string, mo plan.Month, m plan.Money) {
	key := lineKey(cc, cat, im.src.Name)
	la := im.lines[key]
	if la == nil {
		la = &lineAgg{key: key, cc: cc, cat: cat, amounts: map[string]map[plan.Month]plan.Money{}}
		im.lines[key] = la
		im.order = append(im.order, key)
	}
	la.capex = la.capex || capex
	if la.amounts[scen] == nil {
		la.amounts[scen] = map[plan.Month]plan.Money{}
	}
	la.amounts[scen][mo] = la.amounts[scen][mo].Add(m)
}

// lineKey is the source's name of a budget line: "cost centre / category".
func lineKey(cc, cat, file string) string {
	switch {
	case cc != "" && cat != "":
		return cc + " / " + cat
	case cc != "":
		return cc
	case cat != "":
		return cat
	}
	base := path.Base(strings.ReplaceAll(file, "\\", "/"))
	return strings.TrimSuffix(base, path.Ext(base))
}

// fingerprint is a short stable id of a header: its sanitised names, hashed.
func fingerprint(names []string) string {
	var parts []string
	for _, n := range names {
		parts = append(parts, norm(n))
	}
	sum := sha256.Sum256([]byte(strings.Join(parts, "|")))
	return "finance:" + hex.EncodeToString(sum[:6])
}

// mapping records what was used, for the user to adjust and for next time.
func (im *importer) mapping(id string, base *plan.ImportMapping) *plan.ImportMapping {
	l := im.l
	m := &plan.ImportMapping{ID: id, Kind: string(ingest.Finance), Fields: map[string]string{}, Values: map[string]string{}, Options: map[string]string{}}
	if base.ID != "" {
		m.ID = base.ID
	}
	for k, v := range base.Values {
		m.Values[k] = v
	}
	for k, v := range base.Options {
		m.Options[k] = v
	}
	set := func(field string, c int) {
		if c > 0 && l.name(c) != "" {
			m.Fields[field] = l.name(c)
		}
	}
	set("period", l.periodCol)
	set("cost_centre", l.ccCol)
	set("category", l.catCol)
	set("type", l.typeCol)
	set("currency", l.currCol)
	set("spend", l.spendCol)
	for k, v := range base.Fields {
		if v == "-" {
			m.Fields[k] = v
		}
	}
	if !l.wide {
		for _, a := range l.amounts {
			f := "amount"
			if a.scen != "" {
				f = a.scen
			}
			set(f, a.col)
		}
	}
	if im.t.sheet != "" {
		m.Options["sheet"] = im.t.sheet
	}
	m.Options["layout"] = map[bool]string{true: "wide", false: "long"}[l.wide]
	m.Options["header_row"] = strconv.Itoa(l.header)
	if l.firstHeader > 0 && l.firstHeader < l.header {
		m.Options["header_row"] = fmt.Sprintf("%d-%d", l.firstHeader, l.header)
	}
	m.Options["unit"] = strconv.Itoa(pow10i(im.unitExp))
	if im.scen != "" {
		m.Options["scenario"] = im.scen
	}
	if im.pc.order == monthFirst {
		m.Options["date_order"] = "mdy"
	}
	return m
}

func pow10i(n int) int {
	p := 1
	for ; n > 0; n-- {
		p *= 10
	}
	return p
}

// preview resolves lines against the portfolio, lists the changes and
// totals, and installs the apply function.
func (im *importer) preview(m *plan.ImportMapping) {
	pv := im.pv
	sort.Strings(im.order)
	lines := make([]*lineAgg, 0, len(im.order))
	for _, k := range im.order {
		lines = append(lines, im.lines[k])
	}
	// Totals per scenario and month.
	for _, scen := range []string{scActual, scPlan} {
		months := map[plan.Month]plan.Money{}
		any := false
		for _, la := range lines {
			for mo, a := range la.amounts[scen] {
				months[mo] = months[mo].Add(a)
				any = true
			}
		}
		if !any {
			continue
		}
		var keys []plan.Month
		for mo := range months {
			keys = append(keys, mo)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		total := plan.Money{Currency: im.p.Currency}
		for _, mo := range keys {
			a := months[mo]
			a.Currency = im.p.Currency
			pv.Totals = append(pv.Totals, ingest.Total{Label: scen + " " + mo.String(), Amount: a})
			total = total.Add(a)
		}
		pv.Totals = append(pv.Totals, ingest.Total{Label: scen + " total", Amount: total})
	}
	if len(lines) == 0 && !pv.HasErrors() {
		pv.Errorf(ingest.Location{File: im.src.Name, Sheet: im.t.sheet}, "No amounts were found to import%s.", sheetPhrase(im.t))
	}
	if pv.HasErrors() {
		return
	}
	// Describe the change against a copy, so the preview states exactly what apply does.
	cp := clonePortfolio(im.p)
	changes, err := applyLines(cp, lines, m)
	if err != nil {
		pv.Errorf(ingest.Location{File: im.src.Name}, "%s", plan.ErrorMessage(err))
		return
	}
	pv.Changes = changes
	pv.SetApply(func(p *plan.Portfolio) error {
		if p.Currency != im.p.Currency {
			return plan.Errorf(plan.EINVALID, "The preview was made for a %s portfolio but this portfolio is in %s; preview the import again.", im.p.Currency, p.Currency)
		}
		mm := cloneMapping(m)
		if _, err := applyLines(p, lines, mm); err != nil {
			return err
		}
		saveMapping(p, mm)
		return nil
	})
}
