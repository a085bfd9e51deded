package finance

import (
	"regexp"
	"strings"
	"unicode"
)

// Scenarios a column or sheet can hold.
const (
	scActual = "actual"
	scPlan   = "plan"
)

// layout is what the reader found a sheet to be: where the header is, and
// which column means what. Columns are 1-based.
type layout struct {
	firstHeader, header int // header rows (equal for a one-row header; 0 for none)
	names               []string
	wide                bool
	periodCol           int
	ccCol, catCol       int
	typeCol, currCol    int
	spendCol            int
	labelCols           []int // wide: the text columns that name a row
	amounts             []amountCol
	titles              []string       // text above the header (titles, units)
	notes               map[int]string // why a column is not read, for the mapping grid
}

func (l *layout) note(c int, why string) {
	if l.notes == nil {
		l.notes = map[int]string{}
	}
	l.notes[c] = why
}

// amountCol is a column of amounts: in a long layout with its scenario, in
// a wide one with the period its header names (and any measure under it).
type amountCol struct {
	col     int
	name    string
	scen    string // "" = from the sheet's context
	per     period // wide only
	measure string // wide only: "Sales" under "Jan"
}

func (l *layout) name(c int) string {
	if c >= 1 && c <= len(l.names) {
		return l.names[c-1]
	}
	return ""
}

// norm lowercases and keeps letters and digits, single-spaced: "ACCT_CAT" → "acct cat".
func norm(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '"' {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r)
			space = false
		} else {
			space = true
		}
	}
	return b.String()
}

// isText reports a non-empty cell that is not an amount.
func isText(s string) bool {
	if s == "" {
		return false
	}
	_, err := parseAmount(s, false)
	return err != nil
}

func nonEmpty(row []string) (n int) {
	for _, c := range row {
		if c != "" {
			n++
		}
	}
	return n
}

func distinct(row []string) int {
	seen := map[string]bool{}
	for _, c := range row {
		if c != "" {
			seen[c] = true
		}
	}
	return len(seen)
}

// headerLike: at least two different cells, most of them text (a run of
// increasing years such as 1940, 1941 … counts as text: years across the columns).
func headerLike(row []string) bool {
	n, text, prevYear := 0, 0, 0
	for _, c := range row {
		if c == "" {
			continue
		}
		n++
		if isText(c) {
			text++
		} else if reYear.MatchString(c) && atoi(c) > prevYear && atoi(c) >= 1900 && atoi(c) <= 2200 {
			if prevYear > 0 {
				text++
			}
			prevYear = atoi(c)
		}
	}
	return distinct(row) >= 2 && text >= 2 && text*2 >= n
}

// groupRow reports whether row reads as a group header over the next one:
// fewer distinct values than the header below has cells, with gaps or
// repeats (merged or carried-forward groups such as "Jan" over Sales/Profit).
func groupRow(row, below []string) bool {
	if distinct(row) < 1 || distinct(row) >= nonEmpty(below) {
		return false
	}
	first := -1
	for i, c := range row {
		if c != "" {
			if first < 0 {
				first = i
			}
			if i > 0 && row[i-1] == c {
				return true // repeated: an expanded merge
			}
		} else if first >= 0 && i < len(row)-1 {
			return true // a gap inside the group row
		}
	}
	return len(below) > len(row)
}

// findHeader locates the header row (or two rows) in the first 40 rows.
// Dates in header rows (month columns headed by real dates formatted
// "Jan-27") count as the text they show.
func findHeader(t *table) (first, last int) {
	limit := len(t.rows)
	if limit > 40 {
		limit = 40
	}
	for r := 1; r <= limit; r++ {
		row := t.headRow(r)
		if !headerLike(row) || !hasDataBelow(t, r) {
			continue
		}
		first, last = r, r
		if r < len(t.rows) && headerLike(t.headRow(r+1)) && groupRow(row, t.headRow(r+1)) {
			last = r + 1
		} else if r > 1 && t.rows[r-2] != nil && distinct(t.headRow(r-1)) >= 2 && groupRow(t.headRow(r-1), row) {
			first = r - 1
		}
		return first, last
	}
	return 0, 0
}

// headRow is row r as a header reads: date cells as the dates they show.
func (t *table) headRow(r int) []string {
	row := t.rows[r-1]
	if len(t.headDates) == 0 || row == nil {
		return row
	}
	var out []string
	for c := range row {
		if d, ok := t.headDates[[2]int{r, c + 1}]; ok {
			if out == nil {
				out = append([]string(nil), row...)
			}
			out[c] = d
		}
	}
	if out == nil {
		return row
	}
	return out
}

// hasDataBelow: a row within the next four holds a number.
func hasDataBelow(t *table, r int) bool {
	for i := r; i < r+4 && i < len(t.rows); i++ {
		for _, c := range t.rows[i] {
			if c != "" && !isText(c) {
				return true
			}
		}
	}
	return false
}

// headerNames builds one name per column from the header rows, carrying a
// group cell forward to the right over its empty neighbours.
func headerNames(t *table, first, last int) []string {
	width := 0
	for r := first; r <= last; r++ {
		if len(t.rows[r-1]) > width {
			width = len(t.rows[r-1])
		}
	}
	names := make([]string, width)
	for r := first; r <= last; r++ {
		carry := ""
		head := t.headRow(r)
		for c := 1; c <= width; c++ {
			v := ""
			if c <= len(head) {
				v = head[c-1]
			}
			if r < last {
				if v == "" {
					v = carry
				} else {
					carry = v
				}
			}
			switch {
			case v == "" || v == names[c-1]:
			case names[c-1] == "":
				names[c-1] = v
			default:
				names[c-1] += " " + v
			}
		}
	}
	for i := range names {
		names[i] = strings.Join(strings.Fields(names[i]), " ")
	}
	return names
}

// Keyword lists, best first. Matched against norm(header) as whole words.
var (
	periodWords = []string{"period", "month", "date", "fiscal period", "posting date", "transaction date",
		"budget year name", "budget year", "fiscal year", "year", "fy", "שנה", "חודש", "תאריך"}
	ccWords = []string{"cost centre", "cost center", "costcentre", "costcenter", "cost centre code", "expensearea",
		"expense area", "org desc", "org description", "org name", "organisation", "organization", "division",
		"department name", "department", "dept", "team", "unit", "store"}
	catWords = []string{"category", "expense type", "expensetype", "account category", "acct cat", "cost category",
		"spend category", "nature", "gl account", "account description", "acct descr", "account", "line item",
		"description", "type"}
	amountWords = []string{"amount", "value", "cost", "net amount", "amount gbp", "amount usd", "sum", "total", "net",
		"incident cost"}
	actualWords = []string{"actual", "actuals", "spend", "spent", "outturn", "actual spend", "expenditure",
		"executed", "ביצוע"}
	planWords = []string{"budget", "budgeted", "plan", "planned", "forecast", "original budget", "approved budget",
		"revised budget", "proposed", "adopted", "estimate", "תקציב"}
	typeWords   = []string{"acct type", "account type", "line type", "סוג הוצאה", "type"}
	currWords   = []string{"currency", "invoicecurrencyunit", "invoice currency unit", "currency code", "ccy"}
	spendWords  = []string{"capex opex", "opex capex", "spend type", "capex", "opex", "capital or operating"}
	codeLike    = regexp.MustCompile(`(^|\s)(code|codes|id|no|number|ref|reference|fund|key|transactionnumber|transaction number|order|קוד)(\s|$)`)
	contextPlan = regexp.MustCompile(`\b(budget|budgeted|plan|planned|forecast|proposed|adopted|approved)\b|תקציב`)
	contextAct  = regexp.MustCompile(`\b(actual|actuals|spend|outturn|transactions|expenditure)\b|ביצוע`)
)

// matchWord returns the rank of the first keyword that h equals, or that h
// starts or ends with as a whole word; -1 if none.
func matchWord(h string, words []string) int {
	for i, w := range words {
		if h == w || strings.HasPrefix(h, w+" ") || strings.HasSuffix(h, " "+w) {
			return i
		}
	}
	return -1
}

// startsWith is for scenario words: the header must begin with one.
func startsWith(h string, words []string) bool {
	for _, w := range words {
		if h == w || strings.HasPrefix(h, w+" ") {
			return true
		}
	}
	return false
}

// scenarioOf reads a column header's scenario, "" when it names none.
func scenarioOf(h string) string {
	h = norm(h)
	switch {
	case startsWith(h, actualWords):
		return scActual
	case startsWith(h, planWords):
		return scPlan
	}
	return ""
}

// headerPeriod reads a period out of a header such as "Jan", "2013",
// "Jan Sales" or "2013 הוצאה נטו": the period and what else the header says.
// Under a group header the period comes last ("Actual Jan", "Budget 2027 Jan":
// side-by-side blocks); that is accepted when the group names a scenario or
// a derived block (variance), which the caller tells apart.
func headerPeriod(h string, c periodCtx) (period, string, bool) {
	if h == "" {
		return period{}, "", false
	}
	c.serials = false
	if p, err := parsePeriod(h, c); err == nil {
		return p, "", true
	}
	f := strings.Fields(h)
	for n := len(f) - 1; n >= 1; n-- { // the longest leading run of words that is a period
		if p, err := parsePeriod(strings.Join(f[:n], " "), c); err == nil {
			return p, strings.Join(f[n:], " "), true
		}
	}
	for n := 1; n < len(f); n++ { // the longest trailing run, after a group name
		group := strings.Join(f[:n], " ")
		if scenarioOf(group) == "" && !derivedGroup(group) {
			continue
		}
		if p, err := parsePeriod(strings.Join(f[n:], " "), c); err == nil {
			return p, group, true
		}
	}
	return period{}, "", false
}

// derivedRe names blocks of columns computed from others: a variance block
// beside Actual and Budget is not money to import.
var derivedGroupRe = regexp.MustCompile(`(?i)^(variance|var|var\.|diff|difference|delta|change|%|% of|b/\(w\)|better/\(worse\)|fav/\(unfav\))(\s|$)`)

func derivedGroup(h string) bool { return derivedGroupRe.MatchString(strings.TrimSpace(h)) }
