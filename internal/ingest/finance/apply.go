package finance

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

type changeT = ingest.Change

// Category guesses from the source's category text, first match wins.
var categoryGuesses = []struct {
	re  *regexp.Regexp
	cat string
}{
	{regexp.MustCompile(`(?i)contractor|contingent|temp(orary)? staff|agency staff|freelanc`), plan.BudgetContractors},
	{regexp.MustCompile(`(?i)head ?count|salar|payroll|wage|personnel|staff|employee|fte|pension|benefit|fica|bonus|שכר`), plan.BudgetHeadcount},
	{regexp.MustCompile(`(?i)software|licen[cs]e|saas|subscription|tool`), plan.BudgetTooling},
	{regexp.MustCompile(`(?i)cloud|aws|azure|gcp|hosting|infrastructure|data ?cent(re|er)|server|network|telecom`), plan.BudgetInfrastructure},
	{regexp.MustCompile(`(?i)vendor|consult|professional (fees|services)|outsourc|contract`), plan.BudgetVendor},
}

// guessCategory maps source category text onto a Steerco budget category.
func guessCategory(text string) string {
	for _, g := range categoryGuesses {
		if g.re.MatchString(text) {
			return g.cat
		}
	}
	return plan.BudgetOther
}

var capexRe = regexp.MustCompile(`(?i)\bcapex\b|\bcapital\b`)

// lineIndex finds existing budget lines quickly.
type lineIndex struct {
	byID   map[string]int
	byName map[string]int   // lower(cost centre) + "\x00" + lower(name)
	byCC   map[string][]int // lower(cost centre) + "\x00" + category
}

func indexLines(p *plan.Portfolio) *lineIndex {
	ix := &lineIndex{byID: map[string]int{}, byName: map[string]int{}, byCC: map[string][]int{}}
	for i, b := range p.BudgetLines {
		ix.byID[b.ID] = i
		ix.byName[strings.ToLower(b.CostCentre)+"\x00"+strings.ToLower(b.Name)] = i
		ix.byName["\x00"+strings.ToLower(b.Name)] = i
		k := strings.ToLower(b.CostCentre) + "\x00" + b.Category
		ix.byCC[k] = append(ix.byCC[k], i)
	}
	return ix
}

// find returns the index of the budget line a source line maps to, or -1:
// the mapping's remembered id (this mapping's, then any finance mapping's),
// then a line with the same cost centre and name, then the only line with
// the same cost centre and category.
func (ix *lineIndex) find(p *plan.Portfolio, la *lineAgg, m *plan.ImportMapping) int {
	if id, ok := m.Values[la.key]; ok {
		if i, ok := ix.byID[id]; ok {
			return i
		}
	}
	for _, om := range p.ImportMappings {
		if om.Kind == "finance" {
			if i, ok := ix.byID[om.Values[la.key]]; ok {
				return i
			}
		}
	}
	cc := strings.ToLower(la.cc)
	for _, name := range []string{la.key, la.cat} {
		if name == "" {
			continue
		}
		if i, ok := ix.byName[cc+"\x00"+strings.ToLower(name)]; ok {
			return i
		}
	}
	if la.cc != "" {
		if c := ix.byCC[cc+"\x00"+guessCategory(la.cat)]; len(c) == 1 && la.cat != "" && strings.EqualFold(p.BudgetLines[c[0]].Name, la.cat) {
			return c[0]
		}
	}
	return -1
}

// applyLines sets the file's amounts on p: for every line it touches, the
// months the file covers (per scenario) are replaced; other months stay.
// Lines with no match are created. It returns the changes made.
func applyLines(p *plan.Portfolio, lines []*lineAgg, m *plan.ImportMapping) ([]changeT, error) {
	ix := indexLines(p)
	covered := map[string]map[plan.Month]bool{}
	for _, la := range lines {
		for scen, ms := range la.amounts {
			if covered[scen] == nil {
				covered[scen] = map[plan.Month]bool{}
			}
			for mo := range ms {
				covered[scen][mo] = true
			}
		}
	}
	taken := map[string]bool{}
	for _, b := range p.BudgetLines {
		taken[b.ID] = true
	}
	var changes []changeT
	for _, la := range lines {
		i := ix.find(p, la, m)
		if i < 0 {
			spend := plan.OpEx
			if la.capex || capexRe.MatchString(la.key) {
				spend = plan.CapEx
			}
			name := la.key
			if r := []rune(name); len(r) > 120 {
				name = string(r[:120])
			}
			id := plan.NewID(name, func(s string) bool { return taken[s] })
			taken[id] = true
			p.BudgetLines = append(p.BudgetLines, plan.BudgetLine{ID: id, Name: name, Category: guessCategory(la.cat), CostCentre: la.cc, Spend: spend})
			i = len(p.BudgetLines) - 1
			ix.byID[id] = i
			ix.byName[strings.ToLower(la.cc)+"\x00"+strings.ToLower(name)] = i
			changes = append(changes, changeT{Action: "add", Entity: "budget line", ID: id,
				Summary: fmt.Sprintf("%s (%s, %s)%s", name, p.BudgetLines[i].Category, spend, amountsSummary(la, p.Currency))})
			for _, scen := range []string{scActual, scPlan} {
				setSeries(&p.BudgetLines[i], scen, replaceMonths(nil, covered[scen], la.amounts[scen], p.Currency))
			}
			m.Values[la.key] = id
			continue
		}
		b := &p.BudgetLines[i]
		m.Values[la.key] = b.ID
		for _, scen := range []string{scActual, scPlan} {
			if la.amounts[scen] == nil {
				continue
			}
			old := series(b, scen)
			nw := replaceMonths(old, covered[scen], la.amounts[scen], p.Currency)
			if sameSeries(old, nw) {
				continue
			}
			setSeries(b, scen, nw)
			changes = append(changes, changeT{Action: "change", Entity: "budget line", ID: b.ID,
				Summary: fmt.Sprintf("%s: %s %s (was %s)", b.Name, scen, sumMonths(nw, covered[scen], p.Currency), sumMonths(old, covered[scen], p.Currency))})
		}
	}
	return changes, nil
}

func series(b *plan.BudgetLine, scen string) []plan.MonthAmount {
	if scen == scPlan {
		return b.Plan
	}
	return b.Actual
}

func setSeries(b *plan.BudgetLine, scen string, s []plan.MonthAmount) {
	if scen == scPlan {
		b.Plan = s
	} else {
		b.Actual = s
	}
}

// replaceMonths drops old's covered months and adds the file's amounts.
func replaceMonths(old []plan.MonthAmount, covered map[plan.Month]bool, file map[plan.Month]plan.Money, cur string) []plan.MonthAmount {
	var out []plan.MonthAmount
	for _, ma := range old {
		if !covered[ma.Month] {
			out = append(out, ma)
		}
	}
	for mo, a := range file {
		a.Currency = cur
		out = append(out, plan.MonthAmount{Month: mo, Amount: a})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Month < out[j].Month })
	return out
}

func sameSeries(a, b []plan.MonthAmount) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Month != b[i].Month || a[i].Amount.Minor != b[i].Amount.Minor {
			return false
		}
	}
	return true
}

func sumMonths(s []plan.MonthAmount, covered map[plan.Month]bool, cur string) string {
	t := plan.Money{Currency: cur}
	n := 0
	for _, ma := range s {
		if covered[ma.Month] {
			t.Minor += ma.Amount.Minor
			n++
		}
	}
	return fmt.Sprintf("%s over %d month(s)", t, n)
}

func amountsSummary(la *lineAgg, cur string) string {
	var parts []string
	for _, scen := range []string{scActual, scPlan} {
		if len(la.amounts[scen]) == 0 {
			continue
		}
		t := plan.Money{Currency: cur}
		for _, a := range la.amounts[scen] {
			t.Minor += a.Minor
		}
		parts = append(parts, fmt.Sprintf("%s %s over %d month(s)", scen, t, len(la.amounts[scen])))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, ", ")
}

// saveMapping stores m in p.ImportMappings, replacing one with the same id.
func saveMapping(p *plan.Portfolio, m *plan.ImportMapping) {
	for i := range p.ImportMappings {
		if p.ImportMappings[i].ID == m.ID {
			p.ImportMappings[i] = *m
			return
		}
	}
	p.ImportMappings = append(p.ImportMappings, *m)
}

func cloneMapping(m *plan.ImportMapping) *plan.ImportMapping {
	c := &plan.ImportMapping{ID: m.ID, Kind: m.Kind, Fields: map[string]string{}, Values: map[string]string{}, Options: map[string]string{}}
	for k, v := range m.Fields {
		c.Fields[k] = v
	}
	for k, v := range m.Values {
		c.Values[k] = v
	}
	for k, v := range m.Options {
		c.Options[k] = v
	}
	return c
}

// clonePortfolio copies what applyLines touches (budget lines and mappings).
func clonePortfolio(p *plan.Portfolio) *plan.Portfolio {
	c := *p
	c.BudgetLines = make([]plan.BudgetLine, len(p.BudgetLines))
	for i, b := range p.BudgetLines {
		b.Plan = append([]plan.MonthAmount(nil), b.Plan...)
		b.Actual = append([]plan.MonthAmount(nil), b.Actual...)
		c.BudgetLines[i] = b
	}
	c.ImportMappings = append([]plan.ImportMapping(nil), p.ImportMappings...)
	return &c
}
