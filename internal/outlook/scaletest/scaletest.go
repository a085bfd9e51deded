// Package scaletest generates the large portfolio of the scale targets
// (issue 15): by default 10,000 items over 40 teams, 60 % of them with a
// cross-team dependency, 500 budget lines with five years of months,
// 1,000 risks and 100,000 deployments. It is deterministic: the same
// Options give the same portfolio. For benchmarks and tests only.
package scaletest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"steerco/internal/plan"
)

// Options size the generated portfolio. Zero fields take the defaults of
// the scale targets; a negative count means none.
type Options struct {
	Items, Teams, Risks, BudgetLines, Deployments int
	// CrossTeam is the share of items with a dependency on another team's
	// item (default 0.6).
	CrossTeam float64
}

// Defaults are the sizes of the scale targets.
var Defaults = Options{Items: 10000, Teams: 40, Risks: 1000, BudgetLines: 500, Deployments: 100000, CrossTeam: 0.6}

func pick(v, d int) int {
	switch {
	case v < 0:
		return 0
	case v == 0:
		return d
	}
	return v
}

// AsOf is the as-of date the generated portfolio is meant to be read on.
var AsOf = plan.MustDate("2026-03-02")

// Portfolio returns the generated portfolio.
func Portfolio(o Options) *plan.Portfolio {
	n, nt := pick(o.Items, Defaults.Items), pick(o.Teams, Defaults.Teams)
	nr, nb, nd := pick(o.Risks, Defaults.Risks), pick(o.BudgetLines, Defaults.BudgetLines), pick(o.Deployments, Defaults.Deployments)
	cross := o.CrossTeam
	if cross == 0 {
		cross = Defaults.CrossTeam
	}
	rng := rand.New(rand.NewPCG(15, uint64(n)))
	p := &plan.Portfolio{Name: fmt.Sprintf("Generated programme (%d items)", n), Currency: "USD", FiscalYearStart: time.January,
		PlanningStart: plan.MustDate("2026-01-05"), Confidentiality: "Internal"}
	for t := range nt {
		p.Teams = append(p.Teams, plan.Team{ID: fmt.Sprintf("t%02d", t), Name: fmt.Sprintf("Team %02d", t), Headcount: float64(6 + t%5),
			Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 3, CostPerFTEMonth: plan.Amount(15000, "USD")})
	}
	levels := []string{plan.Committed, plan.Planned, plan.Stretch}
	perTeam := make([][]int, nt) // item indexes by team, in order
	for i := range n {
		t := i % nt
		id := fmt.Sprintf("it%05d", i)
		low := float64(3 + rng.IntN(10))
		it := plan.Item{ID: id, Title: fmt.Sprintf("Initiative %05d — integration work", i), TeamID: p.Teams[t].ID,
			Rank: len(perTeam[t]) + 1, Status: plan.NotStarted, Commitment: levels[i%3],
			Estimate: plan.Estimate{Low: low, Likely: low * 2, High: low * 4}}
		if it.Commitment == plan.Committed || i%7 == 0 {
			it.Target = AsOf.AddDays(60 + rng.IntN(900))
		}
		if i%50 == 0 {
			it.Status = plan.InProgress
		}
		// A cross-team dependency on an earlier item of another team
		// (earlier items only, so the graph has no cycle).
		if i >= nt && rng.Float64() < cross {
			for range 4 {
				j := rng.IntN(i)
				if j%nt != t {
					it.DependsOn = []plan.Dependency{{ItemID: fmt.Sprintf("it%05d", j)}}
					break
				}
			}
		}
		perTeam[t] = append(perTeam[t], i)
		p.Items = append(p.Items, it)
	}
	for m := range 20 {
		ms := plan.Milestone{ID: fmt.Sprintf("m%02d", m), Name: fmt.Sprintf("Milestone %02d", m), Date: AsOf.AddDays(90 * (m + 1)), Kind: "launch"}
		for k := range 5 {
			ms.DependsOn = append(ms.DependsOn, p.Items[(m*n/20+k*37)%n].ID)
		}
		p.Milestones = append(p.Milestones, ms)
	}
	cats := []string{plan.RiskDelivery, plan.RiskVendor, plan.RiskPeople, plan.RiskSecurity, plan.RiskTechDebt, plan.RiskCompliance}
	for r := range nr {
		rk := plan.Risk{ID: fmt.Sprintf("r%04d", r), Title: fmt.Sprintf("Risk %04d", r), Category: cats[r%len(cats)],
			Probability: 0.05 + rng.Float64()*0.5, ImpactDays: float64(1 + rng.IntN(20)),
			CostImpact: plan.Amount(int64(rng.IntN(200000)), "USD"), Owner: "Owner", Status: plan.RiskOpen, Mitigation: "Mitigation plan"}
		for k := range 3 {
			rk.Items = append(rk.Items, p.Items[(r*97+k*701)%n].ID)
		}
		p.Risks = append(p.Risks, rk)
	}
	bcats := plan.BudgetCategories
	first := plan.MustMonth("2026-01")
	for b := range nb {
		bl := plan.BudgetLine{ID: fmt.Sprintf("b%03d", b), Name: fmt.Sprintf("Budget line %03d", b), Category: bcats[b%len(bcats)],
			Spend: []string{plan.CapEx, plan.OpEx}[b%2]}
		if b < nt {
			bl.TeamID = p.Teams[b].ID
		}
		for m := first; m < first+60; m++ {
			bl.Plan = append(bl.Plan, plan.MonthAmount{Month: m, Amount: plan.Amount(int64(50000+rng.IntN(20000)), "USD")})
			if m < first+2 {
				bl.Actual = append(bl.Actual, plan.MonthAmount{Month: m, Amount: plan.Amount(int64(50000+rng.IntN(20000)), "USD")})
			}
		}
		p.BudgetLines = append(p.BudgetLines, bl)
	}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for d := range nd {
		p.Deployments = append(p.Deployments, plan.Deployment{ID: fmt.Sprintf("d%06d", d), Service: fmt.Sprintf("svc%02d", d%30),
			DeployedAt: t0.Add(time.Duration(d) * 6 * time.Minute), Failed: rng.IntN(20) == 0})
	}
	return p
}
