package app

import (
	"context"
	"fmt"
	"strings"
	"time"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/scenario"
)

// Saved scenarios: the what-ifs kept in the portfolio file. Every change
// to them (save, duplicate, rename, delete, promote) is one audited,
// undoable action through an Editor (a Session), like any other edit.

// SavedScenarios returns p's saved scenarios in id order.
func SavedScenarios(p *plan.Portfolio) []Scenario {
	out := make([]Scenario, 0, len(p.Scenarios))
	for _, s := range p.Scenarios {
		out = append(out, scenario.FromPlan(s))
	}
	return out
}

// SavedScenario returns the saved scenario with id; ENOTFOUND listing the
// ones there are when p has none with that id.
func SavedScenario(p *plan.Portfolio, id string) (Scenario, error) {
	if s := p.Scenario(id); s != nil {
		return scenario.FromPlan(*s), nil
	}
	return Scenario{}, scenarioNotFound(p, id)
}

func scenarioNotFound(p *plan.Portfolio, id string) error {
	var ids []string
	for _, s := range p.Scenarios {
		ids = append(ids, s.ID)
	}
	if len(ids) == 0 {
		return plan.Errorf(plan.ENOTFOUND, "There is no saved scenario with id %q (the file has none).", id)
	}
	return plan.Errorf(plan.ENOTFOUND, "There is no saved scenario with id %q (there are: %s).", id, strings.Join(ids, ", "))
}

// SaveScenario writes sc through ed as one undoable action: a new scenario
// when sc.ID is empty or unknown (an id is made from its name when empty),
// else it replaces the saved one of that id. It returns the id. The changes
// are not checked against the plan here (see CompareSaved); the name is
// required.
func SaveScenario(ctx context.Context, ed Editor, sc Scenario) (string, error) {
	sc.Name = strings.TrimSpace(sc.Name)
	if sc.Name == "" {
		return "", plan.Errorf(plan.EINVALID, "Give the scenario a name.")
	}
	id := sc.ID
	err := ed.Update(ctx, fmt.Sprintf("save scenario %q", sc.Name), func(p *plan.Portfolio) error {
		if id == "" {
			id = p.NewScenarioID(sc.Name)
		}
		sc.ID = id
		stored := sc.Plan()
		if old := p.Scenario(id); old != nil {
			*old = stored
			return nil
		}
		p.Scenarios = append(p.Scenarios, stored)
		return nil
	})
	return id, err
}

// DuplicateScenario saves a copy of the scenario with id under name
// ("Copy of …" when empty) and returns the copy's id.
func DuplicateScenario(ctx context.Context, ed Editor, p *plan.Portfolio, id, name string) (string, error) {
	sc, err := SavedScenario(p, id)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(name) == "" {
		name = "Copy of " + sc.Name
	}
	cp := scenario.FromPlan((&plan.Portfolio{Scenarios: []plan.Scenario{sc.Plan()}}).Clone().Scenarios[0])
	cp.ID, cp.Name = "", name
	return SaveScenario(ctx, ed, cp)
}

// RenameScenario renames the scenario with id and sets its description
// (description nil keeps it) as one undoable action.
func RenameScenario(ctx context.Context, ed Editor, id, name string, description *string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return plan.Errorf(plan.EINVALID, "Give the scenario a name.")
	}
	return ed.Update(ctx, fmt.Sprintf("rename scenario %s to %q", id, name), func(p *plan.Portfolio) error {
		s := p.Scenario(id)
		if s == nil {
			return scenarioNotFound(p, id)
		}
		s.Name = name
		if description != nil {
			s.Description = *description
		}
		return nil
	})
}

// DeleteScenario deletes the scenario with id as one undoable action and
// returns its name.
func DeleteScenario(ctx context.Context, ed Editor, p *plan.Portfolio, id string) (string, error) {
	sc, err := SavedScenario(p, id)
	if err != nil {
		return "", err
	}
	err = ed.Update(ctx, fmt.Sprintf("delete scenario %q", sc.Name), func(p *plan.Portfolio) error {
		for i := range p.Scenarios {
			if p.Scenarios[i].ID == id {
				p.Scenarios = append(p.Scenarios[:i], p.Scenarios[i+1:]...)
				return nil
			}
		}
		return scenarioNotFound(p, id)
	})
	return sc.Name, err
}

// PromoteList is what promoting the scenario with id would do to the plan
// of record, one line per change, for the confirmation a person reads
// before saying yes; the last line says the scenario leaves the list. A
// change that no longer applies is an error locating it (nothing is
// promoted).
func PromoteList(p *plan.Portfolio, id string) ([]string, error) {
	sc, err := SavedScenario(p, id)
	if err != nil {
		return nil, err
	}
	if _, err := sc.Apply(p); err != nil {
		return nil, err
	}
	out := make([]string, 0, len(sc.Changes)+1)
	for _, c := range sc.Changes {
		out = append(out, c.Describe(p))
	}
	return append(out, fmt.Sprintf("The saved scenario %q becomes the plan of record and leaves the list of scenarios.", sc.Name)), nil
}

// PromoteScenario writes the scenario with id into the plan of record as
// one audited, undoable action ("promote scenario NAME"): every change is
// applied and the saved scenario is removed (it is now the plan; Undo
// brings both back). Errors: ENOTFOUND, or the located problems of a change
// that no longer applies (nothing written).
func PromoteScenario(ctx context.Context, ed Editor, id string) error {
	action := "promote scenario " + id
	return ed.Update(ctx, action, func(p *plan.Portfolio) error {
		sc, err := SavedScenario(p, id)
		if err != nil {
			return err
		}
		for i := range p.Scenarios {
			if p.Scenarios[i].ID == id {
				p.Scenarios = append(p.Scenarios[:i], p.Scenarios[i+1:]...)
				break
			}
		}
		return sc.ApplyTo(p)
	})
}

// HireChange is the change that hires fte engineers for team from date
// (zero: the hiring lead time from asOf, on a Monday or later), half
// productive for the ramp-up weeks of p (or pol's), at full cost from the
// hire date.
func HireChange(p *plan.Portfolio, pol Policy, team string, fte float64, from, asOf plan.Date) ScenarioChange {
	lead, ramp := pol.HiringLeadWeeks, pol.RampUpWeeks
	if p.HiringLeadWeeks > 0 {
		lead = p.HiringLeadWeeks
	}
	if p.RampUpWeeks > 0 {
		ramp = p.RampUpWeeks
	}
	if from.IsZero() {
		from = asOf.AddDays(7 * lead)
		for from.Weekday() != time.Monday {
			from = from.AddDays(1)
		}
	}
	return ScenarioChange{Kind: Headcount, Team: team, FTE: fte, Value: float64(ramp), Date: from}
}

// ScenarioResult is one scenario beside the plan of record.
type ScenarioResult struct {
	Scenario Scenario
	// Err is set when the scenario no longer applies (a change names what
	// has gone, located); the other fields are then empty.
	Err      error
	Plan     *plan.Portfolio // the plan with the scenario applied
	Forecast *Forecast
	Delta    *ForecastComparison
	// Budget is the cost of the scenario's hires and stated costs, by
	// fiscal year, through Comparisons.Through.
	Budget scenario.BudgetEffect
}

// Comparisons sets several scenarios beside the plan of record, every
// forecast on the same request (same seed, trials and as-of date: common
// random numbers, so the differences are the scenarios', not noise).
type Comparisons struct {
	Request Request
	Base    *Forecast
	// Through is the last month costed: the end of the fiscal year in which
	// the latest P85 finish of any forecast falls.
	Through plan.Month
	Results []ScenarioResult
}

// CompareSaved compares the saved scenarios with ids (every saved one when
// ids is empty) with the plan of record p; see CompareScenarios.
func CompareSaved(ctx context.Context, fc *Forecaster, p *plan.Portfolio, ids []string, r Request, progress Progress) (*Comparisons, error) {
	var scs []Scenario
	if len(ids) == 0 {
		scs = SavedScenarios(p)
	}
	for _, id := range ids {
		sc, err := SavedScenario(p, id)
		if err != nil {
			return nil, err
		}
		scs = append(scs, sc)
	}
	return CompareScenarios(ctx, fc, p, scs, r, progress)
}

// CompareScenarios forecasts p and each scenario applied to p with r
// through fc (the plan of record once), and costs each. A scenario that no
// longer applies gets its Err and the others are still compared. progress
// sees all the runs as one. Errors: the request's, the runs', ctx's.
func CompareScenarios(ctx context.Context, fc *Forecaster, p *plan.Portfolio, scs []Scenario, r Request, progress Progress) (*Comparisons, error) {
	rr, err := fc.Resolve(p, r)
	if err != nil {
		return nil, err
	}
	runs := 1 + len(scs)
	step := func(k int) Progress {
		if progress == nil {
			return nil
		}
		return func(done, total int) { progress(k*total+done, runs*total) }
	}
	base, _, err := fc.Run(ctx, p, rr, step(0))
	if err != nil {
		return nil, err
	}
	c := &Comparisons{Request: rr, Base: base}
	last := base.Portfolio.P85
	for k, sc := range scs {
		res := ScenarioResult{Scenario: sc}
		q, err := sc.Apply(p)
		if err != nil {
			res.Err = err
			c.Results = append(c.Results, res)
			continue
		}
		f, _, err := fc.Run(ctx, q, rr, step(k+1))
		if err != nil {
			return nil, err
		}
		res.Plan, res.Forecast, res.Delta = q, f, outlook.Compare(base, f)
		if f.Portfolio.P85 > last {
			last = f.Portfolio.P85
		}
		c.Results = append(c.Results, res)
	}
	c.Through = fiscalYearEnd(p, last)
	for i := range c.Results {
		res := &c.Results[i]
		if res.Err != nil {
			continue
		}
		if res.Budget, err = res.Scenario.Budget(p, c.Through); err != nil {
			res.Err = err
		}
	}
	return c, nil
}

// fiscalYearEnd is the last month of p's fiscal year holding d.
func fiscalYearEnd(p *plan.Portfolio, d plan.Date) plan.Month {
	m := d.MonthOf()
	fy := m.FiscalYear(p.FiscalYearStart)
	for m.Add(1).FiscalYear(p.FiscalYearStart) == fy {
		m = m.Add(1)
	}
	return m
}

// DeltaRow is what a scenario moves for one milestone or commitment (a
// committed item with a target): the probability of meeting its date
// before and after, the change in the points a reader sees, and the moves
// of its P50 and P85 finish in working days (negative: earlier).
type DeltaRow struct {
	Kind       string // "milestone" or "commitment"
	ID, Name   string
	Target     plan.Date
	Base, Alt  float64 // probability of meeting the date (-1: no target)
	Points     float64 // figure.PointsBetween(Base, Alt)
	BaseRAG    figure.RAG
	AltRAG     figure.RAG
	P50Days    float64
	P85Days    float64
	BaseP85    plan.Date
	AltP85     plan.Date
	OnlyInBase bool // the scenario drops it (cut, cancelled)
}

// Rows lists the milestones, then the commitments, of the plan of record
// with what the scenario moves, under rag. Empty when the scenario did not
// apply.
func (res *ScenarioResult) Rows(p *plan.Portfolio, rag figure.Thresholds) []DeltaRow {
	if res.Delta == nil {
		return nil
	}
	var out []DeltaRow
	row := func(kind, id, name string, target plan.Date, b, a float64, bf, af outlook.DateDist, inAlt bool) DeltaRow {
		r := DeltaRow{Kind: kind, ID: id, Name: name, Target: target, Base: b, Alt: a, BaseRAG: rag.Of(b), AltRAG: rag.Of(a),
			BaseP85: bf.P85, AltP85: af.P85, OnlyInBase: !inAlt}
		if inAlt {
			r.P50Days, r.P85Days = af.P50Days-bf.P50Days, af.P85Days-bf.P85Days
			if b >= 0 && a >= 0 {
				r.Points = figure.PointsBetween(b, a)
			}
		}
		return r
	}
	for _, m := range res.Delta.Milestones {
		if !m.InBase {
			continue
		}
		name := m.ID
		for _, pm := range p.Milestones {
			if pm.ID == m.ID {
				name = pm.Name
			}
		}
		out = append(out, row("milestone", m.ID, name, m.Base.Target, m.Base.PTarget, m.Alt.PTarget, m.Base.Finish, m.Alt.Finish, m.InAlt))
	}
	for _, it := range res.Delta.Items {
		pi := p.Item(it.ID)
		if !it.InBase || pi == nil || pi.Commitment != plan.Committed || it.Base.Target.IsZero() {
			continue
		}
		out = append(out, row("commitment", it.ID, pi.Title, it.Base.Target, it.Base.PTarget, it.Alt.PTarget, it.Base.Finish, it.Alt.Finish, it.InAlt))
	}
	return out
}

// TeamRow is what a scenario moves for one team quarter: the probability
// that the team is over-committed, before and after, in points.
type TeamRow struct {
	TeamID, Team string
	Quarter      string // figure.Quarter of the row
	Base, Alt    float64
	Points       float64
}

// TeamRows lists every team quarter of the plan of record with its
// over-commitment before and after.
func (res *ScenarioResult) TeamRows(p *plan.Portfolio) []TeamRow {
	if res.Delta == nil {
		return nil
	}
	var out []TeamRow
	for _, q := range res.Delta.Teams {
		if !q.InBase {
			continue
		}
		name := q.Base.TeamID
		if t := p.Team(name); t != nil {
			name = t.Name
		}
		alt := q.Alt.POver
		if !q.InAlt {
			alt = 0
		}
		out = append(out, TeamRow{TeamID: q.Base.TeamID, Team: name, Quarter: figure.Quarter(q.Base.Quarter, q.Base.From, q.Base.To),
			Base: q.Base.POver, Alt: alt, Points: figure.PointsBetween(q.Base.POver, alt)})
	}
	return out
}

// MoneyDelta is what a scenario moves in money, plan of record then
// scenario: the expected penalty and cost of delay and its P85 (of the
// per-trial total, from the trials' finish dates), and the joint
// cost–schedule confidence (JCL: finishing by the programme's date within
// its budget) with the mean cost to complete.
type MoneyDelta struct {
	ExpectedBase, ExpectedAlt plan.Money
	P85Base, P85Alt           plan.Money
	JCLBase, JCLAlt           float64 // -1 when the programme has no date or no budget
	CostBase, CostAlt         plan.Money
}

// Expected is the change of the expected penalty (negative: less to pay).
func (d MoneyDelta) Expected() plan.Money { return d.ExpectedAlt.Sub(d.ExpectedBase) }

// P85 is the change of the P85 penalty.
func (d MoneyDelta) P85() plan.Money { return d.P85Alt.Sub(d.P85Base) }

// Cost is the change of the mean cost to complete.
func (d MoneyDelta) Cost() plan.Money { return d.CostAlt.Sub(d.CostBase) }

// Money returns what the scenario moves in money against base (the
// comparison's Base); the zero MoneyDelta when it did not apply.
func (res *ScenarioResult) Money(base *Forecast) MoneyDelta {
	var d MoneyDelta
	if res.Forecast == nil || base == nil {
		return d
	}
	if base.Exposure != nil && res.Forecast.Exposure != nil {
		d.ExpectedBase, d.ExpectedAlt = base.Exposure.Total.Mean, res.Forecast.Exposure.Total.Mean
		d.P85Base, d.P85Alt = base.Exposure.Total.P85, res.Forecast.Exposure.Total.P85
	}
	d.JCLBase, d.JCLAlt = -1, -1
	if base.JCL != nil && res.Forecast.JCL != nil {
		d.JCLBase, d.JCLAlt = base.JCL.PJoint, res.Forecast.JCL.PJoint
		d.CostBase, d.CostAlt = base.JCL.Cost.Mean, res.Forecast.JCL.Cost.Mean
	}
	return d
}
