package plan

import (
	"fmt"
	"strings"
)

// WorkdaysPerWeek returns how many days of the week are working days
// (5 when the calendar leaves the working week unset). Holidays are not
// counted: this is the nominal week.
func (c Calendar) WorkdaysPerWeek() int {
	if len(c.Workdays) == 0 {
		return 5
	}
	seen := [7]bool{}
	n := 0
	for _, d := range c.Workdays {
		if d >= 0 && d <= 6 && !seen[d] {
			seen[d] = true
			n++
		}
	}
	return n
}

// WeeklyCapacity returns the team's roadmap capacity in person-days per
// nominal week of calendar c on date d: Capacity(d) × working days per week.
func (t *Team) WeeklyCapacity(d Date, c Calendar) float64 {
	return t.Capacity(d) * float64(c.WorkdaysPerWeek())
}

// RemoveTeam deletes the team with the given id. It refuses, with an
// EINVALID error naming what still refers to the team, while roadmap items
// or budget lines belong to it, and returns ENOTFOUND for an unknown id.
func (p *Portfolio) RemoveTeam(id string) error {
	idx := -1
	for i := range p.Teams {
		if p.Teams[i].ID == id {
			idx = i
		}
	}
	if idx < 0 {
		return Errorf(ENOTFOUND, "There is no team %q.", id)
	}
	var items, lines []string
	for _, it := range p.Items {
		if it.TeamID == id {
			items = append(items, it.ID)
		}
	}
	for _, b := range p.BudgetLines {
		if b.TeamID == id {
			lines = append(lines, b.Name)
		}
	}
	name := p.Teams[idx].Name
	switch {
	case len(items) > 0:
		e := Errorf(EINVALID, "Team %q still owns %s (%s); move them to another team or delete them first.", name, countNoun(len(items), "roadmap item", "roadmap items"), listSome(items, 3))
		e.Problems = []Problem{{Entity: "team", ID: id, Field: "id", Message: e.Message}}
		return e
	case len(lines) > 0:
		e := Errorf(EINVALID, "Team %q is named on %s (%s); change their team first.", name, countNoun(len(lines), "budget line", "budget lines"), listSome(lines, 3))
		e.Problems = []Problem{{Entity: "team", ID: id, Field: "id", Message: e.Message}}
		return e
	}
	p.Teams = append(p.Teams[:idx], p.Teams[idx+1:]...)
	return nil
}

// RemoveRisk deletes the risk with the given id (ENOTFOUND when there is none).
func (p *Portfolio) RemoveRisk(id string) error {
	for i := range p.Risks {
		if p.Risks[i].ID == id {
			p.Risks = append(p.Risks[:i], p.Risks[i+1:]...)
			return nil
		}
	}
	return Errorf(ENOTFOUND, "There is no risk %q.", id)
}

func countNoun(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func listSome(s []string, n int) string {
	if len(s) <= n {
		return strings.Join(s, ", ")
	}
	return strings.Join(s[:n], ", ") + fmt.Sprintf(" and %d more", len(s)-n)
}
