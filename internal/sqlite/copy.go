package sqlite

import "steerco/internal/plan"

// deepCopy returns a copy of p that shares no slice or pointer with it, so
// an Update's fn can edit it freely while the loaded original stays intact
// for the comparison.
func deepCopy(p *plan.Portfolio) *plan.Portfolio {
	c := *p
	c.Calendar.Workdays = clone(p.Calendar.Workdays)
	c.Calendar.Holidays = clone(p.Calendar.Holidays)
	c.Teams = clone(p.Teams)
	for i := range c.Teams {
		c.Teams[i].HeadcountChanges = clone(c.Teams[i].HeadcountChanges)
	}
	c.Products = clone(p.Products)
	c.Items = clone(p.Items)
	for i := range c.Items {
		it := &c.Items[i]
		if it.Remaining != nil {
			v := *it.Remaining
			it.Remaining = &v
		}
		it.Tags = clone(it.Tags)
		it.DependsOn = clone(it.DependsOn)
	}
	c.Milestones = clone(p.Milestones)
	for i := range c.Milestones {
		c.Milestones[i].DependsOn = clone(c.Milestones[i].DependsOn)
	}
	c.Risks = clone(p.Risks)
	for i := range c.Risks {
		c.Risks[i].Items = clone(c.Risks[i].Items)
	}
	c.BudgetLines = clone(p.BudgetLines)
	for i := range c.BudgetLines {
		c.BudgetLines[i].Plan = clone(c.BudgetLines[i].Plan)
		c.BudgetLines[i].Actual = clone(c.BudgetLines[i].Actual)
	}
	c.Deployments = clone(p.Deployments)
	c.Changes = clone(p.Changes)
	c.Incidents = clone(p.Incidents)
	c.Snapshots = clone(p.Snapshots)
	for i := range c.Snapshots {
		c.Snapshots[i].Forecast = clone(c.Snapshots[i].Forecast)
	}
	c.ImportMappings = clone(p.ImportMappings)
	for i := range c.ImportMappings {
		m := &c.ImportMappings[i]
		m.Fields, m.Values, m.Options = cloneMap(m.Fields), cloneMap(m.Values), cloneMap(m.Options)
	}
	return &c
}

// cloneMap copies a map, keeping nil as nil.
func cloneMap(m map[string]string) map[string]string {
	if m == nil {
		return nil
	}
	c := make(map[string]string, len(m))
	for k, v := range m {
		c[k] = v
	}
	return c
}

// clone copies a slice, keeping nil as nil and empty as empty.
func clone[T any](s []T) []T {
	if s == nil {
		return nil
	}
	return append(make([]T, 0, len(s)), s...)
}
