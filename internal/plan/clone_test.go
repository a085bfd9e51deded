package plan

import (
	"encoding/json"
	"testing"
	"time"
)

// TestCloneSharesNothing edits every nested slice, map and pointer of a
// clone and checks that the original did not change.
func TestCloneSharesNothing(t *testing.T) {
	r := 3.0
	p := &Portfolio{Name: "P", Currency: "USD", FiscalYearStart: time.January, PlanningStart: MustDate("2026-01-05"),
		Calendar:   Calendar{Workdays: []time.Weekday{1, 2, 3, 4, 5}, Holidays: []Holiday{{Date: MustDate("2026-12-25"), Name: "Xmas"}}},
		Teams:      []Team{{ID: "t", Name: "T", HeadcountChanges: []HeadcountChange{{Date: MustDate("2026-03-01"), Delta: 1}}}},
		Products:   []Product{{ID: "pr", Name: "Pr"}},
		Items:      []Item{{ID: "a", Remaining: &r, Tags: []string{"x"}, DependsOn: []Dependency{{ItemID: "b"}}}},
		Milestones: []Milestone{{ID: "m", DependsOn: []string{"a"}}},
		Risks:      []Risk{{ID: "r", Items: []string{"a"}}},
		BudgetLines: []BudgetLine{{ID: "b", Plan: []MonthAmount{{Month: MustMonth("2026-01"), Amount: Amount(1, "USD")}},
			Actual: []MonthAmount{{Month: MustMonth("2026-01"), Amount: Amount(1, "USD")}}}},
		Deployments:    []Deployment{{ID: "d"}},
		Changes:        []Change{{ID: "c"}},
		Incidents:      []Incident{{ID: "i"}},
		Snapshots:      []Snapshot{{ID: "s", Forecast: []SnapshotResult{{ID: "a"}}}},
		ImportMappings: []ImportMapping{{ID: "im", Fields: map[string]string{"a": "b"}, Values: map[string]string{"a": "b"}, Options: map[string]string{"a": "b"}}},
	}
	before, _ := json.Marshal(p)
	c := p.Clone()
	c.Calendar.Workdays[0] = 0
	c.Calendar.Holidays[0].Name = "changed"
	c.Teams[0].HeadcountChanges[0].Delta = 9
	c.Products[0].Name = "changed"
	*c.Items[0].Remaining = 99
	c.Items[0].Tags[0] = "changed"
	c.Items[0].DependsOn[0].LagDays = 5
	c.Milestones[0].DependsOn[0] = "changed"
	c.Risks[0].Items[0] = "changed"
	c.BudgetLines[0].Plan[0].Amount = Amount(2, "USD")
	c.BudgetLines[0].Actual[0].Amount = Amount(2, "USD")
	c.Deployments[0].Failed = true
	c.Changes[0].Service = "changed"
	c.Incidents[0].Title = "changed"
	c.Snapshots[0].Forecast[0].ID = "changed"
	c.ImportMappings[0].Fields["a"], c.ImportMappings[0].Values["a"], c.ImportMappings[0].Options["a"] = "z", "z", "z"
	after, _ := json.Marshal(p)
	if string(before) != string(after) {
		t.Errorf("editing the clone changed the original:\nbefore %s\nafter  %s", before, after)
	}
}
