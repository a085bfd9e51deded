package app

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/report/reporttest"
)

// pdfWords is the text of the PDF at path as pdftotext reads it, its
// whitespace folded to single spaces.
func pdfWords(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(reporttest.PDFText(t, data)), " ")
}

// The demo's decision sheet quotes what its option costs honestly: the
// fiscal year it starts in and what it costs a year once the hires are on
// board ("USD 17k in FY2027, then USD 403k a year"), in the ask, the
// recommendation and the options, read back from the PDF.
func TestDemoDecisionSheetCost(t *testing.T) {
	p, f := exportFixture(t)
	p = p.Clone()
	p.Scenarios = nil // recommend's options, not the saved scenarios
	tm, err := report.LoadTemplate("decision")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "decision.pdf")
	if _, err := ExportTo(context.Background(), p, f, *tm, exportDay, Outputs{PDF: path}); err != nil {
		t.Fatal(err)
	}
	text := pdfWords(t, path)
	// Two engineers at the team's loaded cost: USD 403k a year; the first
	// fiscal year holds only the weeks from their start to its end.
	cost := `USD [0-9,.]+k? in FY2027, then USD 403k a year`
	for _, want := range []string{
		`Recommendation: Hire 2 engineers for [^—]+— it lifts the [^.]+ for ` + cost + `\.`,
		`The ask: approve this option now, at ` + cost + `; the expected penalty is`,
		`Option 1: Hire 2 engineers [^·]+ Cost ` + cost + ` · chance`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the decision sheet lacks %q:\n%s", want, text)
		}
	}
	if regexp.MustCompile(`approve USD [0-9,.]+k? for`).MatchString(text) {
		t.Errorf("the ask still quotes the first year's cost alone:\n%s", text)
	}
}

// With saved scenarios (the demo ships four), the sheet's options are the
// saved scenarios that help the picked milestone most, measured as
// CompareSaved measures them on the report's request: the best first, its
// chance, cost by fiscal year and change of the expected penalty.
func TestDemoDecisionSheetSavedOptions(t *testing.T) {
	p, f := exportFixture(t)
	if len(p.Scenarios) < 2 {
		t.Fatalf("the demo has %d saved scenarios", len(p.Scenarios))
	}
	tm, err := report.LoadTemplate("decision")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "decision.pdf")
	if _, err := ExportTo(context.Background(), p, f, *tm, exportDay, Outputs{PDF: path}); err != nil {
		t.Fatal(err)
	}
	text := pdfWords(t, path)

	fc := NewForecaster(Default, func() plan.Date { return f.AsOf })
	c, err := CompareSaved(context.Background(), fc, p, nil, Request{Trials: f.Trials, Seed: f.Seed, Sampling: f.Sampling, Distribution: f.Distribution, AsOf: f.AsOf}, nil)
	if err != nil {
		t.Fatal(err)
	}
	const subject = "m-cms" // the demo's milestone with the largest expected penalty
	if c.Base.Milestone(subject).PTarget != f.Milestone(subject).PTarget {
		t.Fatalf("the comparison's plan of record is %s, the report's %s", figure.Percent(c.Base.Milestone(subject).PTarget), figure.Percent(f.Milestone(subject).PTarget))
	}
	var best *ScenarioResult
	for i := range c.Results {
		res := &c.Results[i]
		if res.Forecast == nil {
			continue
		}
		if best == nil || res.Forecast.Milestone(subject).PTarget > best.Forecast.Milestone(subject).PTarget {
			best = res
		}
	}
	before, after := f.Milestone(subject).PTarget, best.Forecast.Milestone(subject).PTarget
	for _, want := range []string{
		"Option 1: " + best.Scenario.Name,
		"chance " + figure.Percent(before) + " → " + figure.Percent(after) + " · expected penalty " + figure.SignedMoneyShort(best.Money(c.Base).Expected()),
		"The ask: approve it now, at " + figure.MoneyShort(best.Budget.ByFiscalYear[0].Amount) + " in FY" + fmt.Sprint(best.Budget.ByFiscalYear[0].FiscalYear) + ", then",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the decision sheet lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Hire 2 engineers for") {
		t.Errorf("the sheet shows recommend's options although the portfolio has saved scenarios:\n%s", text)
	}
}

// The director's note, when set, is the sheet's ask, headed as theirs.
func TestDemoDecisionSheetNote(t *testing.T) {
	p, f := exportFixture(t)
	p = p.Clone()
	p.DecisionNote = "Approve the two Patient Data Exchange hires today; I will report on the mandate in January."
	tm, err := report.LoadTemplate("decision")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "decision.pdf")
	if _, err := ExportTo(context.Background(), p, f, *tm, exportDay, Outputs{PDF: path}); err != nil {
		t.Fatal(err)
	}
	text := pdfWords(t, path)
	if want := DecisionNotePrefix + p.DecisionNote; !strings.Contains(text, want) {
		t.Errorf("the decision sheet lacks %q:\n%s", want, text)
	}
	if strings.Contains(text, "The ask: approve") {
		t.Errorf("the generated ask is printed beside the director's:\n%s", text)
	}
}
