package sqlite

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"steerco/internal/plan"
)

// richPortfolio has every kind of entity and every optional field, with
// unicode names, in currency cur.
func richPortfolio(cur string) *plan.Portfolio {
	m := func(units int64) plan.Money { return plan.Amount(units, cur) }
	rem := 12.5
	t0 := time.Date(2026, 9, 1, 14, 30, 5, 123456789, time.UTC)
	return &plan.Portfolio{
		Name:            "FHIR R4 migration — Zoë Ødegård's programme",
		Currency:        cur,
		FiscalYearStart: time.April,
		PlanningStart:   plan.MustDate("2026-11-02"),
		Calendar: plan.Calendar{
			Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
			Holidays: []plan.Holiday{
				{Date: plan.MustDate("2026-12-25"), Name: "Christmas Day"},
				{Date: plan.MustDate("2026-11-26"), Name: "Thanksgiving"},
			},
		},
		Confidentiality: "Confidential — Board only",
		HiringLeadWeeks: 10, RampUpWeeks: 6,
		Teams: []plan.Team{
			{ID: "api", Name: "FHIR API squad", Headcount: 6, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 3, CostPerFTEMonth: m(14500),
				HeadcountChanges: []plan.HeadcountChange{{Date: plan.MustDate("2027-02-01"), Delta: 2, Note: "two hires"}, {Date: plan.MustDate("2027-01-15"), Delta: -1, Note: "Jürgen leaves"}}},
			{ID: "exchange", Name: "Patient data exchange — Müller & Söhne contractors", Headcount: 5.5, Allocation: 0.75, FocusFactor: 0.65, WIPLimit: 2, CostPerFTEMonth: m(13200)},
			{ID: "platform", Name: "Platform & DevOps", Headcount: 4, Allocation: 0.6, FocusFactor: 0.7, WIPLimit: 2, CostPerFTEMonth: m(15000)},
		},
		Products: []plan.Product{
			{ID: "interop", Name: "Interoperability platform", Description: "Payer–provider integration"},
			{ID: "portal", Name: "Provider portal"},
		},
		Items: []plan.Item{
			{ID: "FHIR-1", Title: "Patient resource API", ProductID: "interop", TeamID: "api", Estimate: plan.Estimate{Low: 10, Likely: 15, High: 30},
				Rank: 1, Status: plan.InProgress, Remaining: &rem, Target: plan.MustDate("2027-01-29"), Commitment: plan.Committed,
				Increment: "PI 3", Tags: []string{plan.TagFeature, plan.TagCompliance}, Notes: "Zoë owns the spec", Source: "jira:FHIR-1", StartedOn: plan.MustDate("2026-10-05")},
			{ID: "FHIR-2", Title: "Bulk export ($export)", ProductID: "interop", TeamID: "api", Estimate: plan.Estimate{Low: 20, Likely: 25, High: 45, Count: 12},
				Rank: 2, Status: plan.NotStarted, StartNoEarlierThan: plan.MustDate("2027-01-04"), Target: plan.MustDate("2027-03-31"), Commitment: plan.Committed,
				CostOfDelayPerWeek: m(40000), DependsOn: []plan.Dependency{{ItemID: "FHIR-1", LagDays: 3}}},
			{ID: "EX-1", Title: "Consume Patient API", TeamID: "exchange", Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13},
				Rank: 1, Status: plan.NotStarted, Commitment: plan.Planned, Tags: []string{plan.TagFeature},
				DependsOn: []plan.Dependency{{ItemID: "FHIR-1"}}},
			{ID: "PL-1", Title: "Audit-trail storage (HIPAA)", TeamID: "platform", Estimate: plan.Estimate{Low: 8, Likely: 10, High: 20},
				Rank: 1, Status: plan.Done, Commitment: plan.Stretch, Tags: []string{plan.TagTechDebt},
				StartedOn: plan.MustDate("2026-09-01"), FinishedOn: plan.MustDate("2026-10-16")},
		},
		Milestones: []plan.Milestone{
			{ID: "cms", Name: "CMS interoperability mandate", Date: plan.MustDate("2027-04-01"), Kind: "regulatory", DependsOn: []string{"FHIR-2", "EX-1"}, Penalty: "Penalty window opens",
				PenaltyLumpSum: m(250000), PenaltyPerDay: m(25000), PenaltyDays: plan.WorkingDays},
			{ID: "launch", Name: "Portal launch", Date: plan.MustDate("2027-06-30"), DependsOn: []string{}},
		},
		Risks: []plan.Risk{
			{ID: "R1", Title: "EHR vendor sandbox differs from production", Category: plan.RiskVendor, Probability: 0.4, ImpactDays: 10,
				Items: []string{"EX-1", "FHIR-2"}, CostImpact: m(25000), Owner: "Zoë Ødegård", Status: plan.RiskOpen, Mitigation: "Weekly sync with vendor"},
			{ID: "R2", Title: "Audit trail flagged late", Category: plan.RiskCompliance, Probability: 0.25, Status: plan.RiskAccepted,
				SignedOffBy: "CFO Müller", SignedOffOn: plan.MustDate("2026-10-15"), CostImpact: m(0)},
		},
		BudgetLines: []plan.BudgetLine{
			{ID: "hc-api", Name: "FHIR API squad salaries", Category: plan.BudgetHeadcount, CostCentre: "CC-100", Spend: plan.OpEx, TeamID: "api",
				Plan:   []plan.MonthAmount{{Month: plan.MustMonth("2026-11"), Amount: m(87000)}, {Month: plan.MustMonth("2026-12"), Amount: m(87000)}},
				Actual: []plan.MonthAmount{{Month: plan.MustMonth("2026-11"), Amount: m(88250)}}},
			{ID: "vendor", Name: "EHR vendor contract", Category: plan.BudgetVendor, Spend: plan.CapEx,
				Plan: []plan.MonthAmount{{Month: plan.MustMonth("2027-01"), Amount: m(120000)}}},
		},
		Deployments: []plan.Deployment{
			{ID: "d1", Service: "fhir-api", DeployedAt: t0, Failed: false},
			{ID: "d2", Service: "fhir-api", DeployedAt: t0.Add(26 * time.Hour), Failed: true},
		},
		Changes: []plan.Change{
			{ID: "c1", Service: "fhir-api", CommittedAt: t0.Add(-30 * time.Hour), DeployedAt: t0, DeploymentID: "d1"},
		},
		Incidents: []plan.Incident{
			{ID: "i1", Service: "fhir-api", Title: "Søk feiler for pasienter", Severity: "sev2", StartedAt: t0.Add(27 * time.Hour), ResolvedAt: t0.Add(29 * time.Hour), DeploymentID: "d2"},
			{ID: "i2", Service: "exchange", Title: "Still open", StartedAt: t0.Add(48 * time.Hour)},
		},
		Snapshots: []plan.Snapshot{
			{ID: "board-oct", Name: "Board, October", TakenOn: plan.MustDate("2026-10-20"), Trials: 10000, Seed: 1<<63 + 42,
				Forecast: []plan.SnapshotResult{
					{Kind: "milestone", ID: "cms", P50: plan.MustDate("2027-03-20"), P85: plan.MustDate("2027-04-15"), Probability: 0.64},
					{Kind: "item", ID: "FHIR-1", P50: plan.MustDate("2027-01-20"), P85: plan.MustDate("2027-02-03"), Probability: 0.71},
					{Kind: "item", ID: "EX-1", P50: plan.MustDate("2027-02-20"), P85: plan.MustDate("2027-03-03"), Probability: -1},
				}},
		},
		ImportMappings: []plan.ImportMapping{
			{ID: "finance:actuals by cost centre", Kind: "finance",
				Fields:  map[string]string{"amount": "Betrag (€)", "month": "Periode"},
				Values:  map[string]string{"CC-4100/AWS": "aws", "Müller & Söhne": "vendor"},
				Options: map[string]string{"sheet": "Actuals FY27"}},
			{ID: "jira:FHIR", Kind: "jira", Fields: map[string]string{"team": "Component/s"}},
		},
		Scenarios: []plan.Scenario{
			{ID: "hire-fhir", Name: "Two more FHIR engineers — Zoë's ask", Description: "From January, ramped up by February",
				Changes: []plan.ScenarioChange{
					{Kind: "headcount", Team: "fhir", FTE: 1, Date: plan.MustDate("2027-01-04"), Text: "half while ramping up"},
					{Kind: "probability", Risk: "R1", Value: 0.125},
					{Kind: "cost", Cost: m(25000), Date: plan.MustDate("2027-01-04"), By: "CFO"},
					{Kind: "add", NewItem: &plan.Item{ID: "NEW-1", Title: "Audit export", TeamID: "fhir", Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13},
						Rank: 9, Status: plan.NotStarted, Commitment: plan.Planned, Tags: []string{"x"}, DependsOn: []plan.Dependency{{ItemID: "FHIR-1", LagDays: 2}}}},
				}},
			{ID: "empty", Name: "Nothing changes", Changes: []plan.ScenarioChange{}},
		},
	}
}

func jsonOf(t testing.TB, p *plan.Portfolio) string {
	t.Helper()
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// newFile creates a portfolio file holding p in a temp dir.
func newFile(t testing.TB, p *plan.Portfolio) *DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "test"+Extension)
	db, err := Create(context.Background(), path, p)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func mustPortfolio(t testing.TB, db *DB) *plan.Portfolio {
	t.Helper()
	p, err := db.Portfolio(context.Background())
	if err != nil {
		t.Fatalf("Portfolio: %v", err)
	}
	return p
}

// largePortfolio has nItems items over 10 teams and nLines budget lines with
// months of plan and actuals.
func largePortfolio(nItems, nLines, months int) *plan.Portfolio {
	p := richPortfolio("USD")
	p.Items, p.Milestones, p.Risks, p.BudgetLines, p.Snapshots = nil, nil, nil, nil, nil
	for t := 0; t < 10; t++ {
		p.Teams = append(p.Teams, plan.Team{ID: fmt.Sprintf("t%02d", t), Name: fmt.Sprintf("Team %d", t), Headcount: 5, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 3, CostPerFTEMonth: plan.Amount(12000, "USD")})
	}
	for i := 0; i < nItems; i++ {
		it := plan.Item{ID: fmt.Sprintf("I-%05d", i), Title: fmt.Sprintf("Item %d", i), TeamID: fmt.Sprintf("t%02d", i%10),
			Estimate: plan.Estimate{Low: 5, Likely: 8, High: 13}, Rank: i/10 + 1, Status: plan.NotStarted, Commitment: plan.Planned,
			Tags: []string{plan.TagFeature}}
		if i >= 10 {
			it.DependsOn = []plan.Dependency{{ItemID: fmt.Sprintf("I-%05d", i-10)}}
		}
		p.Items = append(p.Items, it)
	}
	start := plan.MustMonth("2025-01")
	for l := 0; l < nLines; l++ {
		b := plan.BudgetLine{ID: fmt.Sprintf("L-%04d", l), Name: fmt.Sprintf("Line %d", l), Category: plan.BudgetTooling, Spend: plan.OpEx}
		for m := 0; m < months; m++ {
			b.Plan = append(b.Plan, plan.MonthAmount{Month: start.Add(m), Amount: plan.Money{Minor: int64(100000 + l*100 + m), Currency: "USD"}})
			b.Actual = append(b.Actual, plan.MonthAmount{Month: start.Add(m), Amount: plan.Money{Minor: int64(99000 + l*100 + m), Currency: "USD"}})
		}
		p.BudgetLines = append(p.BudgetLines, b)
	}
	return p
}
