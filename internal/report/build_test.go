package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/recommend"
	"steerco/internal/report"
	"steerco/internal/report/reporttest"
	"steerco/internal/scenario"
	"steerco/reports"
)

func mustTemplate(t *testing.T, name string) report.Template {
	t.Helper()
	tp, err := report.LoadTemplate(name)
	if err != nil {
		t.Fatal(err)
	}
	return *tp
}

func section(t *testing.T, b *report.Briefing, kind string) *report.Section {
	t.Helper()
	for i := range b.Sections {
		if b.Sections[i].Kind == kind {
			return &b.Sections[i]
		}
	}
	t.Fatalf("no section %q", kind)
	return nil
}

func table(t *testing.T, b *report.Briefing, name string) *report.Table {
	t.Helper()
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			if bl.Table != nil && bl.Table.Name == name {
				return bl.Table
			}
		}
	}
	t.Fatalf("no table %q", name)
	return nil
}

func hasHeadline(t *testing.T, s *report.Section, want string) {
	t.Helper()
	for _, h := range s.Headlines {
		if h == want {
			return
		}
	}
	t.Errorf("section %s: no headline\n  %q\nhave:\n  %s", s.Kind, want, strings.Join(s.Headlines, "\n  "))
}

func TestBuildSmall(t *testing.T) {
	p, f := reporttest.Small()
	b, err := report.Build(p, f, mustTemplate(t, "board-pack"), reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, s := range b.Sections {
		kinds = append(kinds, s.Kind)
	}
	if got := strings.Join(kinds, ","); got != strings.Join(report.SectionKinds, ",") {
		t.Errorf("sections %s", got)
	}
	if b.Confidentiality != "Confidential — Board only" || !b.Landscape || b.Paper != "A4" {
		t.Errorf("layout: %q %v %q", b.Confidentiality, b.Landscape, b.Paper)
	}
	sum := section(t, b, report.SecSummary)
	hasHeadline(t, sum, "2 of 3 open commitments are below 80% confidence; the CMS mandate date (30 Jun 2027) holds at 64%.")
	hasHeadline(t, sum, "All 3 committed items make their targets together in 22% of trials.")
	hasHeadline(t, sum, "FHIR API squad’s ‘Patient resource API’ holds up Data exchange squad: ‘Consumer migration for Müller & Söhne’ waits 11 working days for it on average and meets its target with 31% probability.")
	hasHeadline(t, sum, "The most harmful risk, ‘EHR sandbox does not match production’ (owner Zoë Ødegård), takes 27 points of chance from 2 dates (15 from the CMS mandate’s 30 Jun 2027), adds 12 working days to the CMS mandate’s P85 date and adds 10 working days to the portfolio’s P85 finish.")
	hasHeadline(t, sum, "FHIR API squad is over-committed in 2027-Q1 with 62% probability: at P85 300 person-days are due by 31 Mar 2027 against the 270 it can do from 23 Nov 2026.")
	hasHeadline(t, sum, "Actuals through Oct 2026 are EUR 5,005 over plan (0.4%); the FY2026 projection at plan (actuals + plan for the open months) of EUR 1,445,005 is EUR 5,005 over the EUR 1,440,000 plan.")
	hasHeadline(t, sum, "Since the ‘Board, September’ snapshot (15 Sep 2026), 2 commitments lost 5 points or more of confidence and none gained as much; ‘Consumer migration for Müller & Söhne’ fell from 86% to 31%.")

	com := table(t, b, "Commitments")
	if len(com.Rows) != 3 {
		t.Fatalf("commitments: %d rows", len(com.Rows))
	}
	first := com.Rows[0].Cells // lowest probability first: dx-1
	if first[0].Text != "Consumer migration for Müller & Söhne" || first[5].Num != 0.31 || first[6].RAG != report.Red ||
		first[4].Date != plan.MustDate("2027-05-14") || first[7].Num != -55 || first[8].Num != 35 {
		t.Errorf("first commitment row %+v", first)
	}
	if r := com.Rows[1].Cells; r[6].RAG != report.Amber || r[6].Text != "At risk" {
		t.Errorf("api-1 RAG %+v", r[6])
	}
	if r := com.Rows[2].Cells; r[6].RAG != report.Green || r[7].Text != "new" {
		t.Errorf("dx-2 row %+v", r)
	}
	// Milestones show the change since the snapshot too: 79% → 64%, P85 11 Jun → 9 Jul.
	ms := table(t, b, "Milestones")
	if n := len(ms.Columns); ms.Columns[n-2].Title != "Change (points)" || ms.Columns[n-1].Title != "P85 moved (working days)" {
		t.Errorf("milestone columns %+v", ms.Columns)
	}
	if r := ms.Rows[0].Cells; r[len(r)-2].Num != -15 || !r[len(r)-2].Signed || r[len(r)-1].Num != 20 {
		t.Errorf("cms row %+v", r)
	}
	if !strings.Contains(ms.Note, "since the ‘Board, September’ snapshot of 15 Sep 2026") {
		t.Errorf("milestones note %q", ms.Note)
	}

	// Budget, exact money.
	cat := table(t, b, "BudgetCategories")
	tot := cat.Total.Cells
	want := []string{"1440000.00", "1200000.00", "1205005.00", "5005.00", "1445005.00", "5005.00"}
	for i, w := range want {
		if got := tot[i+1].Money.Decimal(); got != w {
			t.Errorf("budget total column %d = %s, want %s", i+1, got, w)
		}
	}
	if f := cat.Columns[4].Formula; f != "{3}-{2}" {
		t.Errorf("variance to date formula %q", f)
	}
	if f := cat.Columns[5].Formula; f != "{3}+{1}-{2}" {
		t.Errorf("projection at plan formula %q", f)
	}
	if f := cat.Columns[6].Formula; f != "{5}-{1}" {
		t.Errorf("year-end variance formula %q", f)
	}
	spend := table(t, b, "BudgetSpend")
	if spend.Rows[0].Cells[0].Text != "CapEx" || spend.Rows[0].Cells[5].Money.Decimal() != "220000.00" {
		t.Errorf("capex row %+v", spend.Rows[0].Cells)
	}
	bud := section(t, b, report.SecBudget)
	// Hand-checked: every closed month ran 500.50 over plan; the last 3
	// ran 1,501.50 over, carried over the 2 open months: 5,005 + 1,001 =
	// 6,006 over the 1,440,000 plan.
	hasHeadline(t, bud, "At the run rate of the last 3 closed months (+EUR 501 a month against plan, carried over the 2 open months left) the year ends at EUR 1,446,006, EUR 6,006 over the EUR 1,440,000 plan.")
	for i, w := range []string{"1501.50", "1446006.00", "6006.00"} {
		if got := tot[7+i].Money.Decimal(); got != w {
			t.Errorf("run-rate total column %d = %s, want %s", 7+i, got, w)
		}
	}
	if f := cat.Columns[8].Formula; f != "{5}+{7}*2/3" {
		t.Errorf("run-rate formula %q", f)
	}

	// Risks: the sandbox risk is likelihood 3 (40%), impact 3 (15 days); the
	// audit risk is likelihood 4 (60%), impact 4 (EUR 45,000 is 3.1% of the plan).
	var mx *report.RiskMatrix
	for _, bl := range section(t, b, report.SecRisks).Blocks {
		if bl.Chart != nil && bl.Chart.Matrix != nil {
			mx = bl.Chart.Matrix
		}
	}
	if mx == nil || len(mx.Cells[2][2]) != 1 || mx.Cells[2][2][0] != "1" || len(mx.Cells[3][3]) != 1 || mx.Cells[3][3][0] != "2" {
		t.Errorf("risk matrix %+v", mx)
	}
	hasHeadline(t, section(t, b, report.SecRisks), "‘HIPAA audit trail flagged late’ is accepted, signed off by Müller & Söhne (CFO office) on 1 Oct 2026; it takes 9 points of chance from 2 dates (5 from the CMS mandate’s 30 Jun 2027), adds 5 working days to the CMS mandate’s P85 date and adds 4 working days to the portfolio’s P85 finish.")
	acc := table(t, b, "AcceptedRisks")
	if acc.Rows[0].Cells[3].Text != "Müller & Söhne (CFO office)" || acc.Rows[0].Cells[4].Date != plan.MustDate("2026-10-01") {
		t.Errorf("accepted %+v", acc.Rows[0].Cells)
	}

	// Decisions without measured options: each late commitment is listed for
	// a decision (no back-of-envelope lever), then the open sandbox risk; no
	// capacity ask is made without a measured hire.
	dec := table(t, b, "Decisions")
	var asks []string
	for _, r := range dec.Rows {
		asks = append(asks, r.Cells[1].Text+": "+r.Cells[2].Text)
	}
	wantAsks := []string{
		"Schedule: Decide how to rescue ‘Consumer migration for Müller & Söhne’: more capacity, less scope or a new target.",
		"Schedule: Decide how to rescue ‘Patient resource API’: more capacity, less scope or a new target.",
		"Risk: Mitigate or formally accept ‘EHR sandbox does not match production’.",
	}
	if strings.Join(asks, "\n") != strings.Join(wantAsks, "\n") {
		t.Errorf("decisions:\n got %q\nwant %q", asks, wantAsks)
	}

	// Delivery: Oct 2026 has 3 deployments, 1 failed.
	del := table(t, b, "Delivery")
	if del.Rows[0].Cells[0].Text != "Oct 2026" || del.Rows[0].Cells[5].Num != 1.0/3 {
		t.Errorf("delivery Oct %+v", del.Rows[0].Cells)
	}
}

func TestBuildMonthlyStatusAndConfidence(t *testing.T) {
	p, f := reporttest.Small()
	tp := mustTemplate(t, "monthly-status")
	tp.Confidence = 95
	tp.Confidentiality = "Internal — steering group"
	b, err := report.Build(p, f, tp, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Sections) != 5 || b.Sections[0].Kind != report.SecSummary || b.Landscape || b.Confidentiality != "Internal — steering group" {
		t.Errorf("monthly status: %d sections, first %s, landscape %v, %q", len(b.Sections), b.Sections[0].Kind, b.Landscape, b.Confidentiality)
	}
	com := table(t, b, "Commitments")
	if com.Columns[4].Title != "P95" || com.Rows[0].Cells[4].Date != plan.MustDate("2027-05-21") {
		t.Errorf("P95 column %q %v", com.Columns[4].Title, com.Rows[0].Cells[4].Date)
	}
	if b.AsOf != reporttest.AsOf {
		t.Errorf("as of %v", b.AsOf)
	}
}

func TestBuildRejects(t *testing.T) {
	p, f := reporttest.Small()
	tp := mustTemplate(t, "board-pack")
	if _, err := report.Build(p, nil, tp, 0); err == nil || !strings.Contains(err.Error(), "run the forecast") {
		t.Errorf("nil forecast: %v", err)
	}
	f.Items = append(f.Items, f.Items[0])
	f.Items[len(f.Items)-1].ID = "ghost"
	if _, err := report.Build(p, f, tp, 0); err == nil || !strings.Contains(err.Error(), `"ghost"`) {
		t.Errorf("foreign forecast: %v", err)
	}
}

func TestBuildEmptyPortfolio(t *testing.T) {
	p := &plan.Portfolio{Name: "Empty", Currency: "USD", PlanningStart: plan.MustDate("2026-01-05")}
	f := &outlookForecast
	b, err := report.Build(p, f, mustTemplate(t, "board-pack"), plan.MustDate("2026-02-01"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range b.Sections {
		if s.Kind != report.SecCover && len(s.Headlines) == 0 && len(s.Notes) == 0 && len(s.Blocks) == 0 {
			t.Errorf("section %s says nothing", s.Kind)
		}
	}
}

func TestLoadTemplate(t *testing.T) {
	for _, n := range reports.Names() {
		if _, err := report.LoadTemplate(n); err != nil {
			t.Errorf("built-in %s: %v", n, err)
		}
	}
	dir := t.TempDir()
	write := func(name, body string) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := []struct {
		name, arg, want string
	}{
		{"unknown name", "board", `no built-in template "board". The built-in templates are board-deck, board-pack, decision, monthly-status, pi-review`},
		{"missing file", filepath.Join(dir, "nope.json"), "does not exist"},
		{"unknown section", write("a.json", `{"sections":[{"section":"cover"},{"section":"finances"}]}`), `unknown section "finances"; the sections are cover, decision, summary, commitments`},
		{"thresholds out of order", write("b.json", `{"rag":{"green":0.5,"amber":0.8},"sections":[{"section":"cover"}]}`), "out of order: amber (0.8) must be below green (0.5)"},
		{"bad paper", write("c.json", `{"paper":"A3","sections":[{"section":"cover"}]}`), `paper "A3" must be "A4" or "Letter"`},
		{"bad confidence", write("d.json", `{"confidence":90,"sections":[{"section":"cover"}]}`), "confidence 90 must be 50, 85 or 95"},
		{"unknown field", write("e.json", `{"colour":"red","sections":[{"section":"cover"}]}`), `unknown field "colour"`},
		{"no sections", write("f.json", `{"title":"x"}`), "sections is empty"},
		{"twice", write("g.json", `{"sections":[{"section":"cover"},{"section":"cover"}]}`), `section "cover" appears twice`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := report.LoadTemplate(c.arg)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want …%s…", err, c.want)
			}
		})
	}
	tp, err := report.LoadTemplate(write("mine.json", `{"title":"Mine","paper":"letter","orientation":"portrait","sections":[{"section":"risks","title":"Threats"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if tp.Name != "mine" || tp.Paper != "Letter" || tp.Confidence != 85 || tp.RAG.Green != 0.8 || tp.RAG.Amber != 0.5 || tp.Sections[0].Title != "Threats" {
		t.Errorf("defaults: %+v", tp)
	}
}

func TestBands(t *testing.T) {
	cases := []struct {
		name       string
		p, days    float64
		cost, plan int64
		l, i       int
	}{
		{"rare minor", 0.05, 2, 0, 0, 1, 1},
		{"edges", 0.10, 5, 0, 0, 2, 2},
		{"possible significant", 0.30, 10, 0, 0, 3, 3},
		{"likely major", 0.50, 20, 0, 0, 4, 4},
		{"certain severe", 0.70, 40, 0, 0, 5, 5},
		{"cost dominates", 0.2, 1, 50_000, 1_000_000, 2, 5},
		{"cost ignored without a budget", 0.2, 1, 50_000, 0, 2, 1},
		{"cost 1%", 0.2, 1, 10_000, 1_000_000, 2, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := report.Likelihood(c.p)
			i := report.Impact(c.days, plan.Amount(c.cost, "USD"), plan.Amount(c.plan, "USD"))
			if l != c.l || i != c.i {
				t.Errorf("got %d×%d, want %d×%d", l, i, c.l, c.i)
			}
		})
	}
}

var outlookForecast = outlook.Forecast{AsOf: plan.MustDate("2026-02-01"), Trials: 1000, Seed: 1}

// With measured options the decisions section proposes exactly those, with
// their measured effects, and the open risk's row quotes its measured mitigation.
func TestDecisionsFromMeasuredOptions(t *testing.T) {
	p, f := reporttest.Small()
	tmpl := mustTemplate(t, "board-pack")
	hire := recommend.Option{Kind: recommend.Capacity, Owner: "FHIR API squad",
		Ask:     "Hire 2 engineers for FHIR API squad to start 1 Feb 2027 (8-week hiring lead time, half productive for their first 4 weeks).",
		Effects: []recommend.Effect{{ID: "api-1", Name: "Patient resource API", Before: 0.42, After: 0.61}}}
	mitigate := recommend.Option{Kind: recommend.Risk, Owner: "Vendor manager", Ask: "Fund the mitigation of ‘EHR sandbox does not match production’.",
		Scenario: scenario.Scenario{Changes: []scenario.Change{{Kind: scenario.CloseRisk, Risk: "r-sandbox"}}},
		Effects:  []recommend.Effect{{ID: "dx-1", Name: "Consumer migration", Before: 0.3, After: 0.5}}}
	b, err := report.Build(p, f, tmpl, reporttest.AsOf, report.WithOptions([]recommend.Option{hire, mitigate}))
	if err != nil {
		t.Fatal(err)
	}
	dec := table(t, b, "Decisions")
	if len(dec.Rows) == 0 || dec.Rows[0].Cells[1].Text != "Capacity" || dec.Rows[0].Cells[2].Text != hire.Ask ||
		dec.Rows[0].Cells[3].Text != "Measured with the change applied: Patient resource API 42% → 61%." {
		t.Fatalf("first decision %+v", dec.Rows)
	}
	for _, r := range dec.Rows {
		if r.Cells[1].Text == "Schedule" {
			t.Errorf("an unmeasured schedule decision was proposed: %q", r.Cells[2].Text)
		}
		if r.Cells[1].Text == "Risk" && !strings.Contains(r.Cells[3].Text, "a full mitigation, measured: Consumer migration 30% → 50%") {
			t.Errorf("risk row %q does not quote its measured mitigation", r.Cells[3].Text)
		}
	}
}
