package roadmap

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
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

// columns: their narrowest widths, and which give way first on a narrow
// table (priority 0 never does: id, title, P85 and the chance). The form
// and the timeline show everything a hidden column would.
var columns = [numCols]field.Column{
	colID:         {Title: "Id", Width: 110},
	colTitle:      {Title: "Title", Width: 160, Stretch: true},
	colTeam:       {Title: "Team", Width: 125, Priority: 2},
	colProduct:    {Title: "Product", Width: 140, Priority: 9},
	colStatus:     {Title: "Status", Width: 100, Priority: 4},
	colCommitment: {Title: "Commitment", Width: 110, Priority: 5},
	colRank:       {Title: "Rank", Width: 65, Priority: 6},
	colLow:        {Title: "Low", Width: 60, Priority: 8},
	colLikely:     {Title: "Likely", Width: 70, Priority: 7},
	colHigh:       {Title: "High", Width: 60, Priority: 8},
	colTarget:     {Title: "Target", Width: 110, Priority: 1},
	colP50:        {Title: "P50", Width: 110, Priority: 3},
	colP85:        {Title: "P85", Width: 108},
	colProb:       {Title: "Chance", Width: 96},
}

// row is one item of the table, its cells formatted once on Show.
type row struct {
	item  *plan.Item
	fc    *app.ItemForecast // nil without a forecast or for a closed item
	team  string            // team name
	cells [numCols]string
	// search is the lower-cased id and title, for the search box.
	search string
	// fit caches each cell's text shortened with an ellipsis to fit fitW
	// (measured once, when the cell is first shown) and in display order
	// (bidi.Shaped), so the table's labels need no truncation of their
	// own: Fyne's truncation reshapes the text on every refresh, the main
	// cost of scrolling.
	fit  [numCols]string
	fitW [numCols]float32
}

// buildRows formats every item of p (in portfolio order) with its forecast from f (may be nil).
func buildRows(p *plan.Portfolio, f *app.Forecast) []row {
	teams := make(map[string]string, len(p.Teams))
	for _, t := range p.Teams {
		teams[t.ID] = t.Name
	}
	products := make(map[string]string, len(p.Products))
	for _, pr := range p.Products {
		products[pr.ID] = pr.Name
	}
	var fcs map[string]*app.ItemForecast
	if f != nil {
		fcs = make(map[string]*app.ItemForecast, len(f.Items))
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
		c[colTarget] = figure.Date(it.Target)
		if fc := fcs[it.ID]; fc != nil && it.Open() {
			r.fc = fc
			c[colP50] = figure.Date(fc.Finish.P50)
			c[colP85] = figure.Date(fc.Finish.P85)
			if fc.PTarget >= 0 {
				c[colProb] = figure.Percent(fc.PTarget)
			} else {
				c[colProb] = "—"
			}
		} else if f != nil {
			c[colP50], c[colP85], c[colProb] = "", closedLabel(it), "" // in P85, the column that stays
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

// num formats a number of days without trailing zeros.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
