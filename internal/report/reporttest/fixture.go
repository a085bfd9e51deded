// Package reporttest holds hand-built portfolios and forecasts for testing
// and benchmarking the briefing and its renderers. The forecasts are
// constructed by hand (not simulated) so tests can state the expected
// numbers exactly.
package reporttest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// AsOf is the report date of the fixtures.
var AsOf = plan.MustDate("2026-11-23")

// Injection is a title typed by a user that looks like a formula.
const Injection = `=HYPERLINK("http://evil.example","Consumer registry")`

func eur(s string) plan.Money {
	m, err := plan.ParseMoney(s, "EUR")
	if err != nil {
		panic(err)
	}
	return m
}

func dist(p50, p85 string, se50, se85 float64) outlook.DateDist {
	a, b := plan.MustDate(p50), plan.MustDate(p85)
	return outlook.DateDist{P10: a.AddDays(-10), P50: a, P85: b, P95: b.AddDays(7), Mean: a.AddDays(2), SEP50Days: se50, SEP85Days: se85}
}

// Small returns the hand-checked portfolio: 2 teams, 4 items, 1 milestone,
// 2 risks, 2 budget lines, a snapshot and a little delivery data, with its
// hand-built forecast.
func Small() (*plan.Portfolio, *outlook.Forecast) {
	p := &plan.Portfolio{
		Name:            "Interop Programme — Zoë Ødegård",
		Currency:        "EUR",
		FiscalYearStart: time.January,
		PlanningStart:   plan.MustDate("2026-01-05"),
		Confidentiality: "Confidential — Board only",
		Teams: []plan.Team{
			{ID: "api", Name: "FHIR API squad", Headcount: 5, Allocation: 0.8, FocusFactor: 0.75, WIPLimit: 2, CostPerFTEMonth: eur("12000.00")},
			{ID: "dx", Name: "Data exchange squad", Headcount: 4, Allocation: 0.8, FocusFactor: 0.75, WIPLimit: 2, CostPerFTEMonth: eur("11000.00")},
		},
		Items: []plan.Item{
			{ID: "api-1", Title: "Patient resource API", TeamID: "api", Rank: 1, Status: plan.InProgress, Commitment: plan.Committed,
				Estimate: plan.Estimate{Low: 40, Likely: 60, High: 90}, Target: plan.MustDate("2027-02-26")},
			{ID: "api-2", Title: "Bulk export", TeamID: "api", Rank: 2, Status: plan.NotStarted, Commitment: plan.Planned,
				Estimate: plan.Estimate{Low: 20, Likely: 30, High: 50}, Target: plan.MustDate("2027-04-30")},
			{ID: "dx-1", Title: "Consumer migration for Müller & Söhne", TeamID: "dx", Rank: 1, Status: plan.NotStarted, Commitment: plan.Committed,
				Estimate: plan.Estimate{Low: 30, Likely: 45, High: 70}, Target: plan.MustDate("2027-03-31"),
				DependsOn: []plan.Dependency{{ItemID: "api-1"}}},
			{ID: "dx-2", Title: Injection, TeamID: "dx", Rank: 2, Status: plan.NotStarted, Commitment: plan.Committed,
				Estimate: plan.Estimate{Low: 20, Likely: 25, High: 40}, Target: plan.MustDate("2027-05-28")},
		},
		Milestones: []plan.Milestone{
			{ID: "cms", Name: "CMS mandate", Date: plan.MustDate("2027-06-30"), Kind: "regulatory", DependsOn: []string{"dx-1", "dx-2"}, Penalty: "Penalty window opens"},
		},
		Risks: []plan.Risk{
			{ID: "r-sandbox", Title: "EHR sandbox does not match production", Category: plan.RiskVendor, Probability: 0.4, ImpactDays: 15,
				Items: []string{"api-1"}, CostImpact: eur("0.00"), Owner: "Zoë Ødegård", Status: plan.RiskOpen, Mitigation: "Contract test suite against production replica"},
			{ID: "r-audit", Title: "HIPAA audit trail flagged late", Category: plan.RiskCompliance, Probability: 0.6, ImpactDays: 8,
				Items: []string{"dx-1"}, CostImpact: eur("45000.00"), Owner: "Ana Müller", Status: plan.RiskAccepted,
				Mitigation: "Log to the existing SIEM; full trail in Q3", SignedOffBy: "Müller & Söhne (CFO office)", SignedOffOn: plan.MustDate("2026-10-01")},
		},
		Snapshots: []plan.Snapshot{{ID: "s1", Name: "Board, September", TakenOn: plan.MustDate("2026-09-15"), Trials: 10000, Seed: 7,
			Forecast: []plan.SnapshotResult{
				{Kind: "item", ID: "api-1", P50: plan.MustDate("2027-01-29"), P85: plan.MustDate("2027-02-19"), Probability: 0.90},
				{Kind: "item", ID: "dx-1", P50: plan.MustDate("2027-03-05"), P85: plan.MustDate("2027-03-26"), Probability: 0.86},
				{Kind: "milestone", ID: "cms", P50: plan.MustDate("2027-03-26"), P85: plan.MustDate("2027-06-11"), Probability: 0.79},
			}}},
	}
	var plan1, act1, plan2, act2 []plan.MonthAmount
	for m := plan.MustMonth("2026-01"); m <= plan.MustMonth("2026-12"); m++ {
		plan1 = append(plan1, plan.MonthAmount{Month: m, Amount: eur("100000.00")})
		plan2 = append(plan2, plan.MonthAmount{Month: m, Amount: eur("20000.00")})
		if m <= plan.MustMonth("2026-10") {
			act1 = append(act1, plan.MonthAmount{Month: m, Amount: eur("102500.50")})
			act2 = append(act2, plan.MonthAmount{Month: m, Amount: eur("18000.00")})
		}
	}
	p.BudgetLines = []plan.BudgetLine{
		{ID: "b-eng", Name: "Engineers (loaded)", Category: plan.BudgetHeadcount, Spend: plan.OpEx, CostCentre: "CC-4100", Plan: plan1, Actual: act1},
		{ID: "b-cloud", Name: "FHIR server build-out", Category: plan.BudgetInfrastructure, Spend: plan.CapEx, CostCentre: "CC-4200", Plan: plan2, Actual: act2},
	}
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	p.Deployments = []plan.Deployment{
		{ID: "d1", DeployedAt: at("2026-10-05T10:00:00Z")}, {ID: "d2", DeployedAt: at("2026-10-12T10:00:00Z"), Failed: true},
		{ID: "d3", DeployedAt: at("2026-10-19T10:00:00Z")}, {ID: "d4", DeployedAt: at("2026-11-02T10:00:00Z")},
	}
	p.Changes = []plan.Change{{ID: "c1", CommittedAt: at("2026-10-01T10:00:00Z"), DeployedAt: at("2026-10-05T10:00:00Z"), DeploymentID: "d1"}}
	p.Incidents = []plan.Incident{{ID: "i1", StartedAt: at("2026-10-12T11:00:00Z"), ResolvedAt: at("2026-10-12T15:00:00Z"), DeploymentID: "d2"}}

	f := &outlook.Forecast{
		AsOf: AsOf, Trials: 10000, Seed: 42, Sampling: "mc", Distribution: "triangular",
		Items: []outlook.ItemForecast{
			{ID: "api-1", Start: dist("2026-11-23", "2026-11-23", 0, 0), Finish: dist("2027-02-12", "2027-03-05", 0.4, 0.7),
				Target: plan.MustDate("2027-02-26"), PTarget: 0.72, WaitCapacityDays: 0},
			{ID: "api-2", Start: dist("2027-02-12", "2027-03-05", 0.4, 0.7), Finish: dist("2027-04-09", "2027-05-07", 0.5, 0.9),
				Target: plan.MustDate("2027-04-30"), PTarget: 0.81, WaitCapacityDays: 6.5},
			{ID: "dx-1", Start: dist("2027-02-12", "2027-03-05", 0.4, 0.7), Finish: dist("2027-04-16", "2027-05-14", 0.6, 1.1),
				Target: plan.MustDate("2027-03-31"), PTarget: 0.31, WaitDependencyDays: 11.4, Driver: "api-1"},
			{ID: "dx-2", Start: dist("2026-11-23", "2026-11-23", 0, 0), Finish: dist("2027-01-15", "2027-02-05", 0.3, 0.5),
				Target: plan.MustDate("2027-05-28"), PTarget: 0.99},
		},
		Milestones: []outlook.MilestoneForecast{
			{ID: "cms", Target: plan.MustDate("2027-06-30"), Finish: dist("2027-04-16", "2027-07-09", 0.6, 1.2), PTarget: 0.64, Driver: "dx-1"},
		},
		Portfolio:      dist("2027-04-16", "2027-05-14", 0.6, 1.1),
		Committed:      0.22,
		CommittedItems: 3,
		Teams: []outlook.TeamQuarter{
			// The first quarter is the rest of 2026-Q4 from the as-of date; Due
			// is cumulative (work due by the quarter's end), CapacityToEnd runs
			// from the as-of date to the quarter's end.
			{TeamID: "api", Quarter: plan.Quarter{Year: 2026, Q: 4}, From: AsOf, To: plan.MustDate("2026-12-31"), Start: AsOf, End: plan.MustDate("2026-12-31"),
				Capacity: 90, CapacityToEnd: 90, DueP50: 80, DueP85: 95, DemandP50: 80, DemandP85: 95, POver: 0.30},
			{TeamID: "api", Quarter: plan.Quarter{Year: 2027, Q: 1}, From: plan.MustDate("2027-01-01"), To: plan.MustDate("2027-03-31"), Start: plan.MustDate("2027-01-01"), End: plan.MustDate("2027-03-31"),
				Capacity: 180, CapacityToEnd: 270, DueP50: 250, DueP85: 300, DemandP50: 170, DemandP85: 215, POver: 0.62},
			{TeamID: "dx", Quarter: plan.Quarter{Year: 2026, Q: 4}, From: AsOf, To: plan.MustDate("2026-12-31"), Start: AsOf, End: plan.MustDate("2026-12-31"),
				Capacity: 70, CapacityToEnd: 70, DueP50: 40, DueP85: 45, DemandP50: 40, DemandP85: 45, POver: 0.02},
			{TeamID: "dx", Quarter: plan.Quarter{Year: 2027, Q: 1}, From: plan.MustDate("2027-01-01"), To: plan.MustDate("2027-03-31"), Start: plan.MustDate("2027-01-01"), End: plan.MustDate("2027-03-31"),
				Capacity: 145, CapacityToEnd: 215, DueP50: 190, DueP85: 225, DemandP50: 120, DemandP85: 150, POver: 0.41},
		},
		Risks: []outlook.RiskImpact{
			// In outlook's order (most points of chance lost first).
			{RiskID: "r-sandbox", Measurable: true, PointsLost: 27, PointsLostSE: 1.2, PortfolioP85Days: 9.5, MilestoneP85Days: map[string]float64{"cms": 12}, WorstMilestone: "cms",
				MilestonePTarget: map[string]float64{"cms": -0.15}, CommittedPTarget: map[string]float64{"dx-1": -0.12}},
			{RiskID: "r-audit", Measurable: true, PointsLost: 9, PointsLostSE: 0.9, PortfolioP85Days: 4, MilestoneP85Days: map[string]float64{"cms": 5}, WorstMilestone: "cms",
				MilestonePTarget: map[string]float64{"cms": -0.05}, CommittedPTarget: map[string]float64{"dx-1": -0.04}},
		},
		Notes: []string{"1 item is in progress: its remaining effort is scaled from the estimate."},
	}
	return p, f
}

// Large returns a generated portfolio of n items over ten teams, with
// twelve budget lines, twenty risks and a synthetic forecast (for
// benchmarks: the numbers are plausible, not simulated).
func Large(n int) (*plan.Portfolio, *outlook.Forecast) { return Scale(n, 10, 20) }

// Scale is Large with the given numbers of teams and risks (a programme
// of the size of outlook/scaletest's: 10,000 items, 40 teams and
// thousands of risks).
func Scale(n, teams, risks int) (*plan.Portfolio, *outlook.Forecast) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	p := &plan.Portfolio{Name: fmt.Sprintf("Generated portfolio (%d items)", n), Currency: "USD", FiscalYearStart: time.January,
		PlanningStart: plan.MustDate("2026-01-05"), Confidentiality: "Internal"}
	f := &outlook.Forecast{AsOf: AsOf, Trials: 10000, Seed: 1, Sampling: "mc", Distribution: "triangular"}
	for t := 0; t < teams; t++ {
		p.Teams = append(p.Teams, plan.Team{ID: fmt.Sprintf("t%02d", t), Name: fmt.Sprintf("Team %02d", t), Headcount: 6, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 3,
			CostPerFTEMonth: plan.Amount(15000, "USD")})
		for q := 0; q < 6; q++ {
			qq := plan.QuarterOf(AsOf)
			for k := 0; k < q; k++ {
				qq = qq.Next()
			}
			cp := 200 + rng.Float64()*50
			d := cp * (0.6 + rng.Float64()*0.7)
			from := qq.First()
			if q == 0 {
				from = AsOf
			}
			f.Teams = append(f.Teams, outlook.TeamQuarter{TeamID: fmt.Sprintf("t%02d", t), Quarter: qq, From: from, To: qq.Last(), Start: from, End: qq.Last(),
				Capacity: cp, CapacityToEnd: cp * float64(q+1), DueP50: d * float64(q+1), DueP85: d * 1.2 * float64(q+1), DemandP50: d, DemandP85: d * 1.2, POver: rng.Float64()})
		}
	}
	levels := []string{plan.Committed, plan.Planned, plan.Stretch}
	for i := 0; i < n; i++ {
		id := fmt.Sprintf("it%04d", i)
		team := fmt.Sprintf("t%02d", i%teams)
		start := AsOf.AddDays(rng.IntN(400))
		p50 := start.AddDays(20 + rng.IntN(80))
		p85 := p50.AddDays(5 + rng.IntN(40))
		target := p50.AddDays(rng.IntN(60) - 10)
		it := plan.Item{ID: id, Title: fmt.Sprintf("Initiative %04d — integration work", i), TeamID: team, Rank: i/teams + 1, Status: plan.NotStarted,
			Commitment: levels[i%3], Estimate: plan.Estimate{Low: 10, Likely: 20, High: 40}, Target: target}
		fi := outlook.ItemForecast{ID: id, Start: outlook.DateDist{P50: start, P85: start.AddDays(10)},
			Finish: outlook.DateDist{P10: p50.AddDays(-10), P50: p50, P85: p85, P95: p85.AddDays(10), Mean: p50, SEP50Days: 0.5, SEP85Days: 0.8},
			Target: target, PTarget: rng.Float64()}
		if i > 10 && rng.IntN(3) == 0 {
			dep := fmt.Sprintf("it%04d", rng.IntN(i))
			it.DependsOn = []plan.Dependency{{ItemID: dep}}
			fi.Driver, fi.WaitDependencyDays = dep, rng.Float64()*20
		}
		fi.WaitCapacityDays = rng.Float64() * 10
		p.Items = append(p.Items, it)
		f.Items = append(f.Items, fi)
	}
	for m := 0; m < 8; m++ {
		ms := plan.Milestone{ID: fmt.Sprintf("m%d", m), Name: fmt.Sprintf("Milestone %d", m), Date: AsOf.AddDays(60 * (m + 1)), Kind: "launch",
			DependsOn: []string{fmt.Sprintf("it%04d", m*7%n)}}
		p.Milestones = append(p.Milestones, ms)
		f.Milestones = append(f.Milestones, outlook.MilestoneForecast{ID: ms.ID, Target: ms.Date, Finish: outlook.DateDist{P50: ms.Date.AddDays(-5), P85: ms.Date.AddDays(15)},
			PTarget: rng.Float64(), Driver: ms.DependsOn[0]})
	}
	for r := 0; r < risks; r++ {
		rk := plan.Risk{ID: fmt.Sprintf("r%02d", r), Title: fmt.Sprintf("Risk %02d", r), Category: plan.RiskDelivery, Probability: rng.Float64(),
			ImpactDays: float64(rng.IntN(50)), CostImpact: plan.Amount(int64(rng.IntN(200000)), "USD"), Owner: "Owner", Status: plan.RiskOpen, Mitigation: "Mitigation plan"}
		p.Risks = append(p.Risks, rk)
		f.Risks = append(f.Risks, outlook.RiskImpact{RiskID: rk.ID, Measurable: true, PointsLost: float64(200 - 10*r%200), PortfolioP85Days: float64(20 - r%20)})
	}
	cats := plan.BudgetCategories
	for b := 0; b < 12; b++ {
		bl := plan.BudgetLine{ID: fmt.Sprintf("b%02d", b), Name: fmt.Sprintf("Budget line %02d", b), Category: cats[b%len(cats)], Spend: []string{plan.CapEx, plan.OpEx}[b%2]}
		for m := plan.MustMonth("2026-01"); m <= plan.MustMonth("2026-12"); m++ {
			bl.Plan = append(bl.Plan, plan.MonthAmount{Month: m, Amount: plan.Amount(int64(50000+rng.IntN(20000)), "USD")})
			if m <= plan.MustMonth("2026-10") {
				bl.Actual = append(bl.Actual, plan.MonthAmount{Month: m, Amount: plan.Amount(int64(50000+rng.IntN(20000)), "USD")})
			}
		}
		p.BudgetLines = append(p.BudgetLines, bl)
	}
	f.Portfolio = outlook.DateDist{P50: AsOf.AddDays(500), P85: AsOf.AddDays(560), SEP50Days: 1, SEP85Days: 1.5}
	f.CommittedItems = (n + 2) / 3
	f.Committed = 0.01
	return p, f
}
