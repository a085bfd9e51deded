package report_test

import (
	"fmt"
	"strings"
	"testing"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/reporttest"
)

// TestRiskRanking checks the one risk ranking on a small portfolio with four
// more risks: the "most harmful" of the summary is the first row of the
// top-risks table and the first number of the matrix; a risk that takes 20
// points of chance from the CMS mandate outranks one that adds more days to
// the portfolio; a cost-only risk (0 days) sits in the cost matrix, never in
// a schedule cell; a red-zone risk ranked below the top-risks limit is still
// in the PDF's table; a −0.03-day effect reads "no measurable effect".
func TestRiskRanking(t *testing.T) {
	p, f := reporttest.Small()
	eur := func(u int64) plan.Money { return plan.Amount(u, "EUR") }
	p.Risks = append(p.Risks,
		plan.Risk{ID: "r-points", Title: "Payer test data late", Probability: 0.3, ImpactDays: 6, Items: []string{"dx-1"}, CostImpact: eur(0), Owner: "Ana", Status: plan.RiskOpen},
		plan.Risk{ID: "r-cost", Title: "Cloud bill overrun", Probability: 0.9, ImpactDays: 0, CostImpact: eur(100000), Owner: "Finance", Status: plan.RiskOpen},
		plan.Risk{ID: "r-noise", Title: "Minor tooling change", Probability: 0.2, ImpactDays: 1, Items: []string{"api-2"}, CostImpact: eur(0), Owner: "Ops", Status: plan.RiskOpen},
	)
	// outlook's order (PointsLost): the points risk first (40 points), then
	// the sandbox (27), the audit risk (9), the noise (not measurable), the
	// cost-only risk last.
	f.Risks = append([]outlook.RiskImpact{{RiskID: "r-points", Measurable: true, PointsLost: 40, PointsLostSE: 1, PortfolioP85Days: 2,
		MilestoneP85Days: map[string]float64{"cms": 4}, WorstMilestone: "cms",
		MilestonePTarget: map[string]float64{"cms": -0.2}, CommittedPTarget: map[string]float64{"dx-1": -0.2}}}, f.Risks...)
	f.Risks = append(f.Risks, outlook.RiskImpact{RiskID: "r-noise", PortfolioP85Days: -0.03}, outlook.RiskImpact{RiskID: "r-cost", CostOnly: true})
	tp := mustTemplate(t, "board-pack")
	tp.TopRisks = 1
	b, err := report.Build(p, f, tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	hasHeadline(t, section(t, b, report.SecSummary), "The most harmful risk, ‘Payer test data late’ (owner Ana), takes 40 points of chance from 2 dates (20 from the CMS mandate’s 30 Jun 2027), adds 4 working days to the CMS mandate’s P85 date and adds 2 working days to the portfolio’s P85 finish.")

	tab := table(t, b, "Risks")
	var order []string
	for _, r := range tab.Rows {
		order = append(order, fmt.Sprintf("%s %s", r.Cells[0].String(), r.Cells[1].Text))
	}
	// Top 1 by the ranking, then every red-zone risk (the audit risk:
	// likelihood 4 × cost band 4; the cost overrun: likelihood 5 × cost band
	// 5), then the rest; the numbers follow outlook's order.
	want := []string{"1 Payer test data late", "3 HIPAA audit trail flagged late", "5 Cloud bill overrun", "2 EHR sandbox does not match production", "4 Minor tooling change"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("risk table order\n got %q\nwant %q", order, want)
	}
	if tab.PDFRows != 3 {
		t.Errorf("PDF rows %d, want 3 (the top one and the two red-zone ones)", tab.PDFRows)
	}
	noise := tab.Rows[4].Cells
	if noise[11].Text != "no measurable effect" || noise[10].Text != "no measurable effect" {
		t.Errorf("noise row %v", noise)
	}
	if tab.Rows[0].Cells[8].String() != "40" || tab.Rows[0].Cells[10].Text != "+4 working days" {
		t.Errorf("points row %v", tab.Rows[0].Cells)
	}

	var schedule, cost *report.RiskMatrix
	for _, bl := range section(t, b, report.SecRisks).Blocks {
		if c := bl.Chart; c != nil && c.Matrix != nil {
			switch c.Name {
			case "RiskMatrix":
				schedule = c.Matrix
			case "CostRiskMatrix":
				cost = c.Matrix
			}
		}
	}
	if schedule == nil || cost == nil {
		t.Fatalf("matrices: schedule %v cost %v", schedule, cost)
	}
	for l := range schedule.Cells {
		for i := range schedule.Cells[l] {
			for _, n := range schedule.Cells[l][i] {
				if n == "5" {
					t.Errorf("the cost-only risk sits in the schedule cell %d×%d", l+1, i+1)
				}
			}
		}
	}
	if got := cost.Cells[4][4]; len(got) != 1 || got[0] != "5" || len(cost.Key) != 1 {
		t.Errorf("cost matrix %+v", cost)
	}
	if !strings.Contains(schedule.Impact[2], "10–20 d") || strings.Contains(cost.Impact[2], " d") {
		t.Errorf("axis labels: schedule %q, cost %q", schedule.Impact[2], cost.Impact[2])
	}
}

// The matrix's colours are one rule for every surface (the PDF, the
// workbook and the slides' pictures used to differ: red from 15 on the
// slides, from 12 in the board pack).
func TestRiskRAG(t *testing.T) {
	for _, c := range []struct {
		l, i int
		want report.RAG
	}{{1, 1, report.Green}, {2, 2, report.Green}, {1, 4, report.Green}, {1, 5, report.Amber}, {2, 3, report.Amber},
		{3, 3, report.Amber}, {2, 5, report.Amber}, {3, 4, report.Red}, {4, 3, report.Red}, {5, 5, report.Red}} {
		if got := report.RiskRAG(c.l, c.i); got != c.want {
			t.Errorf("RiskRAG(%d, %d) = %v, want %v", c.l, c.i, got, c.want)
		}
	}
}

// An estimated risk (a large portfolio's risk the forecast did not
// re-simulate) shows its points as "≈ N" and its P85 days as not computed,
// and the table says once what that means; the summary calls its points
// an estimate.
func TestEstimatedRisk(t *testing.T) {
	p, f := reporttest.Small()
	p.Risks = append(p.Risks, plan.Risk{ID: "r-est", Title: "Payer test data late", Probability: 0.3, ImpactDays: 6, Items: []string{"dx-1"},
		CostImpact: plan.Amount(0, "EUR"), Owner: "Ana", Status: plan.RiskOpen})
	f.Risks = append([]outlook.RiskImpact{{RiskID: "r-est", Estimated: true, Measurable: true, PointsLost: 41.6, PointsLostSE: 4.2}}, f.Risks...)
	b, err := report.Build(p, f, mustTemplate(t, "board-pack"), reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	tab := table(t, b, "Risks")
	row := tab.Rows[0].Cells
	if row[1].Text != "Payer test data late" || row[8].String() != "≈ 42" || row[10].Text != figure.NotComputed || row[11].Text != figure.NotComputed {
		t.Errorf("estimated row %v", row)
	}
	if strings.Count(tab.Note, figure.EstimatedNote) != 1 {
		t.Errorf("the table's note does not explain the estimate once: %q", tab.Note)
	}
	for _, r := range tab.Rows[1:] {
		if strings.HasPrefix(r.Cells[8].String(), figure.Approx) {
			t.Errorf("exact row %v shown as an estimate", r.Cells)
		}
	}
	hasHeadline(t, section(t, b, report.SecSummary), "The most harmful risk, ‘Payer test data late’ (owner Ana), takes an estimated 42 points of chance.")
}
