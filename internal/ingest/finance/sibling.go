package finance

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// Other sheets of one workbook: a Budget sheet and an Actual sheet are read
// one at a time, but a director reconciles them together. Before a sheet is
// read, glance reads the others (their first glanceRows rows, as they would
// be imported) to learn the years they cover and which categories they hold
// as income, so that the sheet's year-less months take the year of the
// others' dates, a category is income on both or on neither, and sheets that
// cover different years say so.

const (
	glanceRows   = 5000 // rows of another sheet looked at
	glanceSheets = 8    // other sheets looked at
)

// sibling is what another sheet of the workbook says.
type sibling struct {
	name   string
	scens  map[string]bool
	dated  map[int]int    // months by year, from dates written in the sheet (or its title or mapping)
	income map[string]int // norm(category) → row
	spend  map[string]int
	labels map[string]string // norm(category) → as written
}

// glance reads the other sheets of b as they would be imported; sheets that
// cannot be imported are left out.
func glance(ctx context.Context, b *xbook, src ingest.Source, p *plan.Portfolio, except string) []sibling {
	var out []sibling
	for _, sh := range b.sheets {
		if sh.name == except || sh.chart || len(out) >= glanceSheets || ctx.Err() != nil {
			continue
		}
		t, err := b.readSheet(ctx, sh.name, sheetLimits{maxRows: glanceRows, quiet: true})
		if err != nil {
			continue
		}
		t.sheets = []string{sh.name}
		im := &importer{src: src, p: p, pv: &ingest.Preview{Kind: ingest.Finance, File: src.Name}, t: t, listed: map[string]int{}}
		im.run(ctx, nil)
		if im.pv.HasErrors() || len(im.lines) == 0 {
			continue
		}
		s := sibling{name: sh.name, scens: map[string]bool{}, dated: im.dated, income: im.income, spend: im.spend, labels: map[string]string{}}
		for _, la := range im.lines {
			for sc := range la.amounts {
				s.scens[sc] = true
			}
		}
		for r := 1; r <= len(t.rows); r++ {
			if im.l != nil && im.l.catCol > 0 {
				if v := t.cell(r, im.l.catCol); v != "" {
					s.labels[norm(v)] = v
				}
			}
		}
		out = append(out, s)
	}
	return out
}

func (im *importer) count(m *map[int]int, y int) {
	if *m == nil {
		*m = map[int]int{}
	}
	(*m)[y]++
}

func setTrue(m map[string]bool, k string) map[string]bool {
	if m == nil {
		m = map[string]bool{}
	}
	m[k] = true
	return m
}

// siblingYear is the year of the dates on the other sheets (the year most
// of their dated months fall in), and the sheet it comes from.
func (im *importer) siblingYear() (int, string) {
	best, bestN, from := 0, 0, ""
	for _, s := range im.siblings {
		for y, n := range s.dated {
			if n > bestN || n == bestN && y < best {
				best, bestN, from = y, n, s.name
			}
		}
	}
	return best, from
}

// category is the text a row's category is known by on every sheet.
func (im *importer) category(r int, first string) string {
	if im.l.catCol > 0 {
		if v := im.t.cell(r, im.l.catCol); v != "" {
			return v
		}
	}
	return first
}

func (im *importer) incomeRow(r int, first string) {
	key := norm(im.category(r, first))
	if key == "" {
		return
	}
	if im.income == nil {
		im.income = map[string]int{}
	}
	if im.income[key] == 0 {
		im.income[key] = r
	}
}

// incomeElsewhere: another sheet reads this row's category as income.
func (im *importer) incomeElsewhere(r int, first string) (sheet string, row int, cat string) {
	cat = im.category(r, first)
	key := norm(cat)
	if key == "" {
		return "", 0, ""
	}
	for _, s := range im.siblings {
		// A name that sheet uses for income and for spending (an "Other"
		// line in both sections) says nothing about this row.
		if row := s.income[key]; row > 0 && s.spend[key] == 0 {
			return s.name, row, cat
		}
	}
	return "", 0, ""
}

// crossCheck warns where this sheet and another disagree: a category that is
// income here and spending there, and plan and actuals in different years.
func (im *importer) crossCheck() {
	if len(im.siblings) == 0 {
		return
	}
	pv, l := im.pv, im.l
	keys := make([]string, 0, len(im.income))
	for k := range im.income {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if im.spend[k] > 0 {
			continue // income and spending on this sheet too: the other sheet keeps it as spending
		}
		for _, s := range im.siblings {
			if row := s.spend[k]; row > 0 {
				pv.Warnf(im.loc(im.income[k], l.catCol), "%q is income on this sheet (skipped) but sheet %q of this workbook lists it as spending (row %d); importing that sheet skips it as income too, so the two agree.", s.labels[k], s.name, row)
				break
			}
		}
	}
	mine := map[string]bool{}
	for _, la := range im.lines {
		for sc := range la.amounts {
			mine[sc] = true
		}
	}
	col := l.periodCol
	if col == 0 && len(l.amounts) > 0 {
		col = l.amounts[0].col
	}
	for _, s := range im.siblings {
		if len(s.dated) == 0 || sameKeys(mine, s.scens) {
			continue // plan beside plan or actuals beside actuals may cover any years
		}
		overlap := false
		for y := range im.years {
			overlap = overlap || s.dated[y] > 0
		}
		if !overlap && len(im.years) > 0 {
			pv.Warnf(im.loc(l.header, col), "This sheet's %s is read as %s but sheet %q of this workbook holds %s for %s: they will not reconcile. Set the year in the mapping if either is wrong.",
				scenNames(mine), yearList(im.years), s.name, scenNames(s.scens), yearList(s.dated))
		}
	}
}

func sameKeys(a, b map[string]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

func scenNames(m map[string]bool) string {
	var out []string
	for _, sc := range []string{scPlan, scActual} {
		if m[sc] {
			out = append(out, map[string]string{scPlan: "budget", scActual: "actuals"}[sc])
		}
	}
	return strings.Join(out, " and ")
}

func yearList(m map[int]int) string {
	var ys []int
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	var out []string
	for _, y := range ys {
		out = append(out, fmt.Sprint(y))
	}
	return strings.Join(out, ", ")
}
