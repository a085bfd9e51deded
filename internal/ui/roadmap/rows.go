package roadmap

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Table columns, in order. The last three appear only with a forecast.
const (
	colID = iota
	colTitle
	colTeam
	colProduct
	colStatus
	colCommitment
	colRank
	colLow
	colLikely
	colHigh
	colTarget
	colP50
	colP85
	colProb
	numCols
)

var columns = [numCols]struct {
	title string
	width float32
}{
	colID:         {"Id", 100},
	colTitle:      {"Title", 210},
	colTeam:       {"Team", 125},
	colProduct:    {"Product", 140},
	colStatus:     {"Status", 100},
	colCommitment: {"Commitment", 110},
	colRank:       {"Rank", 65},
	colLow:        {"Low", 60},
	colLikely:     {"Likely", 70},
	colHigh:       {"High", 60},
	colTarget:     {"Target", 95},
	colP50:        {"P50", 95},
	colP85:        {"P85", 95},
	colProb:       {"P(target)", 90},
}

// row is one item of the table, its cells formatted once on Show.
type row struct {
	item  *plan.Item
	fc    *outlook.ItemForecast // nil without a forecast or for a closed item
	team  string                // team name
	cells [numCols]string
	// search is the lower-cased id and title, for the search box.
	search string
	// fit caches each cell's text shortened with an ellipsis to fit fitW
	// (measured once, when the cell is first shown), so the table's labels
	// need no truncation of their own: Fyne's truncation reshapes the text
	// on every refresh, the main cost of scrolling.
	fit  [numCols]string
	fitW [numCols]float32
}

// buildRows formats every item of p (in portfolio order) with its forecast from f (may be nil).
func buildRows(p *plan.Portfolio, f *outlook.Forecast) []row {
	teams := make(map[string]string, len(p.Teams))
	for _, t := range p.Teams {
		teams[t.ID] = t.Name
	}
	products := make(map[string]string, len(p.Products))
	for _, pr := range p.Products {
		products[pr.ID] = pr.Name
	}
	var fcs map[string]*outlook.ItemForecast
	if f != nil {
		fcs = make(map[string]*outlook.ItemForecast, len(f.Items))
		for i := range f.Items {
			fcs[f.Items[i].ID] = &f.Items[i]
		}
	}
	rows := make([]row, len(p.Items))
	for i := range p.Items {
		it := &p.Items[i]
		r := &rows[i]
		r.item = it
		r.team = teams[it.TeamID]
		r.search = strings.ToLower(it.ID + "\x00" + it.Title)
		c := &r.cells
		c[colID] = it.ID
		c[colTitle] = it.Title
		c[colTeam] = r.team
		c[colProduct] = products[it.ProductID]
		c[colStatus] = statusLabel(it.Status)
		c[colCommitment] = it.Commitment
		c[colRank] = strconv.Itoa(it.Rank)
		c[colLow] = num(it.Estimate.Low)
		c[colLikely] = num(it.Estimate.Likely)
		c[colHigh] = num(it.Estimate.High)
		c[colTarget] = it.Target.String()
		if fc := fcs[it.ID]; fc != nil && it.Open() {
			r.fc = fc
			c[colP50] = fc.Finish.P50.String()
			c[colP85] = fc.Finish.P85.String()
			if fc.PTarget >= 0 {
				c[colProb] = percent(fc.PTarget)
			} else {
				c[colProb] = "—"
			}
		} else if f != nil {
			c[colP50], c[colP85], c[colProb] = closedLabel(it), "", ""
		}
	}
	return rows
}

func closedLabel(it *plan.Item) string {
	if !it.Open() {
		return statusLabel(it.Status)
	}
	return "not forecast"
}

// filter says which rows the table and timeline show. Empty fields match everything.
type filter struct {
	team, product, commitment, tag string // ids / values
	text                           string // matched against id and title, case-insensitively
}

func (f filter) match(r *row) bool {
	it := r.item
	if f.team != "" && it.TeamID != f.team {
		return false
	}
	if f.product != "" && it.ProductID != f.product {
		return false
	}
	if f.commitment != "" && it.Commitment != f.commitment {
		return false
	}
	if f.tag != "" && !it.HasTag(f.tag) {
		return false
	}
	if f.text != "" && !strings.Contains(r.search, strings.ToLower(strings.TrimSpace(f.text))) {
		return false
	}
	return true
}

// view returns the indexes of the rows f keeps, sorted by column col
// (ascending, or descending when desc); ties keep portfolio order.
func view(rows []row, f filter, col int, desc bool, dst []int) []int {
	dst = dst[:0]
	for i := range rows {
		if f.match(&rows[i]) {
			dst = append(dst, i)
		}
	}
	less := compareBy(rows, col)
	slices.SortStableFunc(dst, func(a, b int) int {
		c := less(&rows[a], &rows[b])
		if desc {
			return -c
		}
		return c
	})
	return dst
}

// compareBy returns the comparison of column col: numbers as numbers, dates
// as dates (no date last), text case-insensitively.
func compareBy(rows []row, col int) func(a, b *row) int {
	switch col {
	case colRank:
		return func(a, b *row) int {
			if a.item.TeamID != b.item.TeamID {
				return cmp.Compare(a.team, b.team)
			}
			return cmp.Compare(a.item.Rank, b.item.Rank)
		}
	case colLow:
		return func(a, b *row) int { return cmp.Compare(a.item.Estimate.Low, b.item.Estimate.Low) }
	case colLikely:
		return func(a, b *row) int { return cmp.Compare(a.item.Estimate.Likely, b.item.Estimate.Likely) }
	case colHigh:
		return func(a, b *row) int { return cmp.Compare(a.item.Estimate.High, b.item.Estimate.High) }
	case colTarget:
		return func(a, b *row) int { return compareDates(a.item.Target, b.item.Target) }
	case colP50:
		return func(a, b *row) int { return compareDates(fcDate(a, false), fcDate(b, false)) }
	case colP85:
		return func(a, b *row) int { return compareDates(fcDate(a, true), fcDate(b, true)) }
	case colProb:
		return func(a, b *row) int { return cmp.Compare(prob(a), prob(b)) }
	case colStatus:
		return func(a, b *row) int { return cmp.Compare(statusOrder(a.item.Status), statusOrder(b.item.Status)) }
	case colCommitment:
		return func(a, b *row) int {
			return cmp.Compare(commitmentOrder(a.item.Commitment), commitmentOrder(b.item.Commitment))
		}
	}
	return func(a, b *row) int { return cmp.Compare(strings.ToLower(a.cells[col]), strings.ToLower(b.cells[col])) }
}

// compareDates orders dates with the unset date last.
func compareDates(a, b plan.Date) int {
	switch {
	case a == b:
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return cmp.Compare(a, b)
}

func fcDate(r *row, p85 bool) plan.Date {
	if r.fc == nil {
		return 0
	}
	if p85 {
		return r.fc.Finish.P85
	}
	return r.fc.Finish.P50
}

// prob orders by the probability of meeting the target; no target or no forecast last.
func prob(r *row) float64 {
	if r.fc == nil || r.fc.PTarget < 0 {
		return 2
	}
	return r.fc.PTarget
}

func statusOrder(s string) int {
	return slices.Index([]string{plan.InProgress, plan.NotStarted, plan.Done, plan.Cancelled}, s)
}

func commitmentOrder(s string) int {
	return slices.Index([]string{plan.Committed, plan.Planned, plan.Stretch}, s)
}

func statusLabel(s string) string { return strings.ReplaceAll(s, "_", " ") }

// percent formats a probability as a whole percentage rounded down, so the
// number never crosses a colour threshold its colour did not ("49%" for
// 0.4996 is red, like its bar) and 100% means every trial made it.
func percent(p float64) string { return strconv.Itoa(int(math.Floor(p*100+1e-9))) + "%" }

// num formats a number of days without trailing zeros.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
