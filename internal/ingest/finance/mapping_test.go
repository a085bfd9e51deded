package finance

import (
	"testing"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// A mapping saved in the portfolio (same header fingerprint) is reused with
// no questions: here the user has mapped the source line "CC1 / AWS" onto
// an existing budget line, and next month's file lands there.
func TestSavedMappingReused(t *testing.T) {
	data := []byte("Period,Cost centre,Category,Amount\n2027-01,CC1,AWS,100\n2027-01,CC1,Laptops,5\n")
	p := newPortfolio("USD", time.January)
	p.BudgetLines = []plan.BudgetLine{{ID: "cloud", Name: "Cloud hosting", Category: plan.BudgetInfrastructure, Spend: plan.OpEx}}
	first := preview(t, "jan.csv", data, p, ingest.Options{})
	if len(first.Changes) != 2 || first.Changes[0].Action != "add" {
		t.Fatalf("first import: %+v", first.Changes)
	}
	m := *first.Mapping
	m.Values = map[string]string{"CC1 / AWS": "cloud"}
	p.ImportMappings = []plan.ImportMapping{m}
	pv := preview(t, "feb.csv", data, p, ingest.Options{})
	if pv.Mapping.ID != m.ID || pv.Mapping.Values["CC1 / AWS"] != "cloud" {
		t.Fatalf("saved mapping not used: %+v", pv.Mapping)
	}
	after := applyTo(t, pv, p)
	var cloud *plan.BudgetLine
	for i := range after.BudgetLines {
		if after.BudgetLines[i].ID == "cloud" {
			cloud = &after.BudgetLines[i]
		}
	}
	if len(after.BudgetLines) != 2 || cloud == nil || len(cloud.Actual) != 1 || cloud.Actual[0].Amount.Decimal() != "100.00" {
		t.Errorf("lines after: %+v", after.BudgetLines)
	}
	if len(after.ImportMappings) != 1 || after.ImportMappings[0].Values["CC1 / Laptops"] == "" {
		t.Errorf("mapping saved: %+v", after.ImportMappings)
	}
}

// opts.Mapping overrides what was detected: units, scenario, the year of
// year-less months, the amount column and the date order.
func TestMappingOverrides(t *testing.T) {
	data := []byte("Month,Category,Budget,Forecast\n03/04/2027,Tools,1,2\n")
	p := newPortfolio("USD", time.January)
	pv := preview(t, "x.csv", data, p, ingest.Options{})
	if got := total(pv, "plan 2027-04"); got != "1.00" {
		t.Errorf("detected: %s (%+v)", got, pv.Totals)
	}
	m := &plan.ImportMapping{Fields: map[string]string{"plan": "Forecast"}, Options: map[string]string{"unit": "1000", "date_order": "mdy"}}
	pv = preview(t, "x.csv", data, p, ingest.Options{Mapping: m})
	if got := total(pv, "plan 2027-03"); got != "2000.00" {
		t.Errorf("overridden: %s (%+v %+v)", got, pv.Totals, pv.Problems)
	}
	wide := []byte("Line,Jan,Feb\nTools,1,2\n")
	pv = preview(t, "w.csv", wide, p, ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"year": "2030", "scenario": "plan"}}})
	if got := total(pv, "plan 2030-02"); got != "2.00" || pv.HasErrors() {
		t.Errorf("year and scenario: %s %+v", got, pv.Problems)
	}
}
