package plan

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// A saved scenario travels in the JSON interchange, an added item and a
// stated cost included.
func TestScenarioJSONRoundTrip(t *testing.T) {
	p := &Portfolio{Name: "P", Currency: "USD", FiscalYearStart: 1, PlanningStart: MustDate("2026-11-02"),
		Scenarios: []Scenario{{ID: "hire", Name: "Hire", Description: "Two from January", Changes: []ScenarioChange{
			{Kind: "headcount", Team: "api", FTE: 2, Value: 4, Date: MustDate("2027-01-04")},
			{Kind: "cost", Cost: Amount(25000, "USD"), Date: MustDate("2027-01-04"), Text: "recruiter"},
			{Kind: "add_item", NewItem: &Item{ID: "N-1", Title: "Portal", TeamID: "api", Estimate: Estimate{Low: 1, Likely: 2, High: 3}, Tags: []string{"x"}}},
		}}}}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, p); err != nil {
		t.Fatal(err)
	}
	q, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(q.Scenarios, p.Scenarios) {
		t.Errorf("read back\n%+v\nwant\n%+v", q.Scenarios, p.Scenarios)
	}
	c := p.Clone()
	c.Scenarios[0].Changes[2].NewItem.Tags[0] = "changed"
	if p.Scenarios[0].Changes[2].NewItem.Tags[0] != "x" {
		t.Error("Clone shares the added item")
	}
}

func TestReadScenarioJSONLocatesErrors(t *testing.T) {
	_, err := ReadScenarioJSON(strings.NewReader("{\n \"name\": \"X\",\n \"changes\": [{\"kind\": \"cut\", \"itme\": \"a\"}]\n}"))
	if err == nil || !strings.Contains(err.Error(), "itme") {
		t.Errorf("unknown field: %v", err)
	}
	_, err = ReadScenarioJSON(strings.NewReader("{\n \"name\": \"X\",\n \"changes\": [{\"kind\": 3}]}"))
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Errorf("wrong type: %v", err)
	}
	if _, err = ReadScenarioJSON(strings.NewReader(`{"changes": []}`)); err == nil {
		t.Error("a scenario without a name was accepted")
	}
	p := &Portfolio{Name: "P", Currency: "USD", FiscalYearStart: 1, PlanningStart: MustDate("2026-11-02"),
		Scenarios: []Scenario{{ID: "bad id!", Name: ""}}}
	if err := p.Validate(); err == nil || !strings.Contains(err.Error(), "Scenario name is required") {
		t.Errorf("validate: %v", err)
	}
	if id := (&Portfolio{Scenarios: []Scenario{{ID: "defer-analytics"}}}).NewScenarioID("Defer analytics!"); id != "defer-analytics-2" {
		t.Errorf("new id %q", id)
	}
}
