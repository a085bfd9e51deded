package app

import (
	"context"
	"fmt"
	"sort"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/scenario"
)

// WorkingDaysPerMonth converts a team's loaded cost per FTE-month into a
// cost per person-day for the cost of a proposed item's effort.
// TODO(app): one home for this conversion if another surface needs it.
const WorkingDaysPerMonth = 21

// DefaultYesPoints is how many points a commitment or milestone must lose
// for the cost of yes to name it when it keeps its RAG band.
const DefaultYesPoints = 5

// YesAnswer is the cost of saying yes to a proposed item: what it does to
// the existing commitments and milestones, and what it costs.
type YesAnswer struct {
	Item plan.Item
	// Result compares the plan with the item added (a one-change
	// scenario) with the plan of record, on common random numbers.
	Result ScenarioResult
	Base   *Forecast // the plan of record's forecast (for Result.Money)
	// Hurt are the milestones, then the commitments, that drop a RAG band
	// or lose more than Points points, each worst first; Rows holds every one.
	Hurt, Rows []DeltaRow
	Points     float64
	// Effort is the item's most likely effort at its team's loaded cost
	// (person-days ÷ WorkingDaysPerMonth × cost per FTE-month).
	Effort plan.Money
	// Headline says it in one sentence: "If we say yes to X: the CMS
	// mandate falls from 64% to 51%."
	Headline string
}

// CostOfYes forecasts p with item added and says which existing
// milestones and commitments drop a RAG band (pol.RAG) or lose more than
// points (DefaultYesPoints when 0), by how much, and what the item costs.
// Errors: EINVALID locating what is wrong with the item (unknown team,
// dependency, a cycle, a bad estimate), the request's, the runs'.
func CostOfYes(ctx context.Context, fc *Forecaster, p *plan.Portfolio, item plan.Item, points float64, r Request) (*YesAnswer, error) {
	if points <= 0 {
		points = DefaultYesPoints
	}
	if item.ID == "" {
		item.ID = newItemID(p)
	}
	if item.Rank == 0 {
		item.Rank = len(p.TeamItems(item.TeamID)) + 1
	}
	sc := Scenario{Name: "Yes to " + item.Title, Changes: []ScenarioChange{{Kind: scenario.AddItem, NewItem: &item}}}
	c, err := CompareScenarios(ctx, fc, p, []Scenario{sc}, r, nil)
	if err != nil {
		return nil, err
	}
	res := c.Results[0]
	if res.Err != nil {
		return nil, res.Err
	}
	a := &YesAnswer{Item: item, Result: res, Base: c.Base, Points: points, Rows: res.Rows(p, fc.Policy.RAG)}
	for _, row := range a.Rows {
		if row.AltRAG < row.BaseRAG && row.AltRAG != figure.None || -row.Points > points {
			a.Hurt = append(a.Hurt, row)
		}
	}
	sort.SliceStable(a.Hurt, func(i, j int) bool {
		if mi, mj := a.Hurt[i].Kind == "milestone", a.Hurt[j].Kind == "milestone"; mi != mj {
			return mi // milestones first: the dates the board promised outside
		}
		return a.Hurt[i].Points < a.Hurt[j].Points
	})
	if t := p.Team(item.TeamID); t != nil {
		a.Effort = t.CostPerFTEMonth.MulFloat(item.Estimate.Likely / WorkingDaysPerMonth)
	}
	a.Headline = yesHeadline(item, a.Hurt)
	return a, nil
}

// yesHeadline is YesAnswer.Headline; the names are isolated (bidi.Isolate),
// so a Hebrew name keeps "from 64% to 51%" out of its right-to-left run.
func yesHeadline(item plan.Item, hurt []DeltaRow) string {
	if len(hurt) == 0 {
		return fmt.Sprintf("If we say yes to %s: no commitment or milestone drops a band or loses more than a few points.", bidi.Isolate(item.Title))
	}
	h := hurt[0]
	s := fmt.Sprintf("If we say yes to %s: %s falls from %s to %s", bidi.Isolate(item.Title), bidi.Isolate(h.Name), figure.Percent(h.Base), figure.Percent(h.Alt))
	if n := len(hurt) - 1; n == 1 {
		s += " and one more is hurt"
	} else if n > 1 {
		s += fmt.Sprintf(" and %d more are hurt", n)
	}
	return s + "."
}

func newItemID(p *plan.Portfolio) string {
	for n := 1; ; n++ {
		id := fmt.Sprintf("NEW-%d", n)
		if p.Item(id) == nil {
			return id
		}
	}
}
