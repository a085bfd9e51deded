// Package plangen generates valid, varied portfolios from a seed, for
// property and consistency tests: the same seed always gives the same
// portfolio. A generated portfolio has several teams with dated headcount
// changes, items of every commitment level and status (some in progress
// with remaining effort), cross-team dependencies with lags, milestones,
// risks of every status (one cost-only), and budget lines with a year of
// plan and the closed months' actuals. It imports only the standard library
// and plan.
package plangen

import (
	"fmt"
	"math"
	"time"

	"steerco/internal/plan"
)

// Options size a generated portfolio; zero fields take the defaults.
type Options struct {
	Teams int // default 2–4 (from the seed)
	Items int // default 8–24 (from the seed)
	// AsOf is the date the portfolio is generated around: planning start a
	// few months before, targets after it, actuals for the closed months.
	AsOf plan.Date
}

// rng is splitmix64: small, fast and the same on every platform.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns an int in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns an int in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// float returns a float in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.float() < p }

// Portfolio returns the portfolio of seed; it always passes Validate.
func Portfolio(seed uint64, o Options) *plan.Portfolio {
	r := &rng{s: seed*0x2545f4914f6cdd1d + 1}
	asOf := o.AsOf
	if asOf.IsZero() {
		asOf = plan.NewDate(2026, time.December, 7)
	}
	nTeams := o.Teams
	if nTeams <= 0 {
		nTeams = r.between(2, 4)
	}
	nItems := o.Items
	if nItems <= 0 {
		nItems = r.between(8, 24)
	}
	cur := []string{"USD", "EUR", "GBP"}[r.intn(3)]
	start := asOf.AddDays(-7 * r.between(4, 20))
	p := &plan.Portfolio{
		Name:            fmt.Sprintf("Generated portfolio %d", seed),
		Currency:        cur,
		FiscalYearStart: time.Month([]int{1, 4, 7, 10}[r.intn(4)]),
		PlanningStart:   start,
		Confidentiality: "Test data",
	}
	p.Calendar.Holidays = []plan.Holiday{
		{Date: plan.NewDate(asOf.Year(), time.December, 25), Name: "Christmas Day"},
		{Date: plan.NewDate(asOf.Year()+1, time.January, 1), Name: "New Year's Day"},
	}
	p.Products = []plan.Product{{ID: "core", Name: "Core platform"}, {ID: "apps", Name: "Applications"}}

	for t := 0; t < nTeams; t++ {
		team := plan.Team{
			ID:              fmt.Sprintf("team-%d", t+1),
			Name:            fmt.Sprintf("Team %c", 'A'+t),
			Headcount:       float64(r.between(3, 9)),
			Allocation:      []float64{0.6, 0.7, 0.8, 0.9}[r.intn(4)],
			FocusFactor:     []float64{0.6, 0.7, 0.8}[r.intn(3)],
			WIPLimit:        r.between(1, 3),
			CostPerFTEMonth: plan.Amount(int64(r.between(9, 16))*1000, cur),
		}
		if r.chance(0.5) {
			team.HeadcountChanges = append(team.HeadcountChanges, plan.HeadcountChange{
				Date: asOf.AddDays(7 * r.between(2, 12)), Delta: float64(r.between(1, 2)), Note: "hire"})
		}
		if r.chance(0.25) {
			team.HeadcountChanges = append(team.HeadcountChanges, plan.HeadcountChange{
				Date: asOf.AddDays(7 * r.between(4, 20)), Delta: -1, Note: "departure"})
		}
		p.Teams = append(p.Teams, team)
	}

	rank := make([]int, nTeams)
	levels := []string{plan.Committed, plan.Committed, plan.Planned, plan.Stretch}
	for i := 0; i < nItems; i++ {
		t := r.intn(nTeams)
		rank[t]++
		likely := float64(r.between(5, 40))
		low := math.Round(likely * (0.5 + 0.4*r.float()))
		high := math.Round(likely * (1.2 + 1.3*r.float()))
		it := plan.Item{
			ID:         fmt.Sprintf("item-%02d", i+1),
			Title:      fmt.Sprintf("Roadmap item %d", i+1),
			ProductID:  []string{"core", "apps"}[r.intn(2)],
			TeamID:     p.Teams[t].ID,
			Estimate:   plan.Estimate{Low: low, Likely: likely, High: high},
			Rank:       rank[t],
			Status:     plan.NotStarted,
			Commitment: levels[r.intn(len(levels))],
		}
		switch {
		case i < nItems/8:
			it.Status = plan.Done
		case r.chance(0.2):
			it.Status = plan.InProgress
			rem := math.Round(likely * (0.2 + 0.6*r.float()))
			it.Remaining = &rem
		}
		if it.Commitment == plan.Committed || r.chance(0.6) {
			it.Target = asOf.AddDays(7 * r.between(2, 30))
		}
		if r.chance(0.15) {
			it.StartNoEarlierThan = asOf.AddDays(7 * r.between(1, 8))
		}
		if r.chance(0.3) {
			it.Tags = []string{plan.TagCompliance}
		}
		// Dependencies only on earlier items: never a cycle.
		if i > 0 && r.chance(0.5) {
			for k, n := 0, r.between(1, 2); k < n; k++ {
				d := plan.Dependency{ItemID: p.Items[r.intn(i)].ID}
				if r.chance(0.3) {
					d.LagDays = r.between(1, 5)
				}
				if !hasDep(it.DependsOn, d.ItemID) {
					it.DependsOn = append(it.DependsOn, d)
				}
			}
		}
		p.Items = append(p.Items, it)
	}

	for m, n := 0, r.between(1, 3); m < n; m++ {
		ms := plan.Milestone{
			ID:   fmt.Sprintf("ms-%d", m+1),
			Name: fmt.Sprintf("Milestone %d", m+1),
			Date: asOf.AddDays(7 * r.between(6, 32)),
			Kind: []string{"regulatory", "launch", "contract"}[r.intn(3)],
		}
		for k, c := 0, r.between(1, 4); k < c; k++ {
			id := p.Items[r.intn(nItems)].ID
			if !contains(ms.DependsOn, id) {
				ms.DependsOn = append(ms.DependsOn, id)
			}
		}
		if m == 0 {
			ms.Penalty = "Penalty window opens"
		}
		p.Milestones = append(p.Milestones, ms)
	}

	statuses := []string{plan.RiskOpen, plan.RiskMitigating, plan.RiskAccepted, plan.RiskClosed}
	for k, n := 0, r.between(1, 6); k < n; k++ {
		rk := plan.Risk{
			ID:          fmt.Sprintf("risk-%d", k+1),
			Title:       fmt.Sprintf("Risk %d", k+1),
			Category:    []string{plan.RiskVendor, plan.RiskPeople, plan.RiskDelivery, plan.RiskCompliance}[r.intn(4)],
			Probability: float64(r.between(1, 9)) / 10,
			ImpactDays:  float64(r.between(2, 20)),
			Owner:       "Owner",
			Status:      statuses[r.intn(len(statuses))],
			CostImpact:  plan.Amount(0, cur),
		}
		for c, m := 0, r.between(1, 3); c < m; c++ {
			id := p.Items[r.intn(nItems)].ID
			if !contains(rk.Items, id) {
				rk.Items = append(rk.Items, id)
			}
		}
		if k == 0 { // one cost-only risk
			rk.ImpactDays, rk.Items = 0, nil
			rk.CostImpact = plan.Amount(int64(r.between(10, 200))*1000, cur)
			rk.Status = plan.RiskOpen
		}
		if rk.Status == plan.RiskAccepted {
			rk.SignedOffBy, rk.SignedOffOn = "CFO", asOf.AddDays(-14)
		}
		p.Risks = append(p.Risks, rk)
	}

	// Budget: a fiscal year of plan around the as-of date, actuals for the
	// months that have closed, some lines running over.
	current := asOf.MonthOf()
	fyStart := plan.FiscalYearStart(current.FiscalYear(p.FiscalYearStart), p.FiscalYearStart)
	cats := []string{plan.BudgetHeadcount, plan.BudgetTooling, plan.BudgetInfrastructure, plan.BudgetVendor}
	for b, n := 0, r.between(2, 5); b < n; b++ {
		line := plan.BudgetLine{
			ID:       fmt.Sprintf("line-%d", b+1),
			Name:     fmt.Sprintf("Budget line %d", b+1),
			Category: cats[r.intn(len(cats))],
			Spend:    []string{plan.OpEx, plan.CapEx}[r.intn(2)],
		}
		if line.Category == plan.BudgetHeadcount {
			line.TeamID = p.Teams[r.intn(nTeams)].ID
		}
		monthly := int64(r.between(5, 80)) * 1000
		over := 0.9 + 0.3*r.float()
		for m := fyStart; m < fyStart+12; m++ {
			line.Plan = append(line.Plan, plan.MonthAmount{Month: m, Amount: plan.Amount(monthly, cur)})
			if m < current {
				a, _ := plan.RoundMoney(float64(monthly)*over, cur)
				line.Actual = append(line.Actual, plan.MonthAmount{Month: m, Amount: a})
			}
		}
		p.BudgetLines = append(p.BudgetLines, line)
	}
	return p
}

func hasDep(ds []plan.Dependency, id string) bool {
	for _, d := range ds {
		if d.ItemID == id {
			return true
		}
	}
	return false
}

func contains(s []string, x string) bool {
	for _, v := range s {
		if v == x {
			return true
		}
	}
	return false
}
