package plan

import (
	"maps"
	"slices"
)

// Clone returns a deep copy of p: it shares no slice, map or pointer with
// p, so the copy can be edited (a what-if scenario, an edit being checked)
// while p stays as it was.
func (p *Portfolio) Clone() *Portfolio {
	c := *p
	c.Calendar.Workdays = slices.Clone(p.Calendar.Workdays)
	c.Calendar.Holidays = slices.Clone(p.Calendar.Holidays)
	c.Teams = slices.Clone(p.Teams)
	for i := range c.Teams {
		c.Teams[i].HeadcountChanges = slices.Clone(c.Teams[i].HeadcountChanges)
	}
	c.Products = slices.Clone(p.Products)
	c.Items = slices.Clone(p.Items)
	for i := range c.Items {
		c.Items[i] = cloneItem(c.Items[i])
	}
	c.Milestones = slices.Clone(p.Milestones)
	for i := range c.Milestones {
		c.Milestones[i].DependsOn = slices.Clone(c.Milestones[i].DependsOn)
	}
	c.Risks = slices.Clone(p.Risks)
	for i := range c.Risks {
		c.Risks[i].Items = slices.Clone(c.Risks[i].Items)
	}
	c.BudgetLines = slices.Clone(p.BudgetLines)
	for i := range c.BudgetLines {
		c.BudgetLines[i].Plan = slices.Clone(c.BudgetLines[i].Plan)
		c.BudgetLines[i].Actual = slices.Clone(c.BudgetLines[i].Actual)
	}
	c.Deployments = slices.Clone(p.Deployments)
	c.Changes = slices.Clone(p.Changes)
	c.Incidents = slices.Clone(p.Incidents)
	c.Snapshots = slices.Clone(p.Snapshots)
	for i := range c.Snapshots {
		c.Snapshots[i].Forecast = slices.Clone(c.Snapshots[i].Forecast)
	}
	c.ImportMappings = slices.Clone(p.ImportMappings)
	for i := range c.ImportMappings {
		m := &c.ImportMappings[i]
		m.Fields, m.Values, m.Options = maps.Clone(m.Fields), maps.Clone(m.Values), maps.Clone(m.Options)
	}
	c.Scenarios = cloneScenarios(p.Scenarios)
	return &c
}
