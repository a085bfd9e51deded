// Package scenario is Steerco's what-if: a named list of changes (add two
// engineers to a team from March, defer an epic, cut an item, accept or
// close a risk, move a milestone) applied to a copy of the portfolio, so
// its forecast can be compared with the plan of record's. The plan of
// record is never touched: Apply works on a deep copy, and writing a
// scenario into the plan is the caller's explicit choice (ApplyTo inside
// one storage update). It imports only the standard library and plan.
package scenario

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// Kind is what a change does.
type Kind string

// Kinds of change.
const (
	// Headcount adds FTE (negative: removes) to Team from Date.
	Headcount Kind = "headcount"
	// Defer sets Item's start-no-earlier-than to Date.
	Defer Kind = "defer"
	// Stretch drops Item's commitment to stretch.
	Stretch Kind = "stretch"
	// Cut removes Item from the roadmap (its status becomes cancelled, so
	// dependencies on it are met and milestones no longer wait for it).
	Cut Kind = "cut"
	// Estimate scales Item's estimate (and remaining effort) by Percent.
	Estimate Kind = "estimate"
	// CloseRisk closes Risk: it no longer feeds the simulation.
	CloseRisk Kind = "close_risk"
	// AcceptRisk accepts Risk, signed off by By on Date: it stays in the
	// simulation (accepting a risk does not make it go away).
	AcceptRisk Kind = "accept_risk"
	// MoveMilestone moves Milestone's date to Date.
	MoveMilestone Kind = "move_milestone"
	// AddItem adds NewItem to the roadmap.
	AddItem Kind = "add_item"
	// Priority gives Item the rank Value within its team (1 = first).
	Priority Kind = "priority"
	// Target sets Item's target date to Date.
	Target Kind = "target"
	// Commitment sets Item's commitment level to Text (committed, planned, stretch).
	Commitment Kind = "commitment"
	// Depend makes Item start after Text finishes, plus Value working days.
	Depend Kind = "depend"
	// Undepend removes Item's dependency on Text.
	Undepend Kind = "undepend"
	// RiskProbability sets Risk's probability to Value (0–1).
	RiskProbability Kind = "risk_probability"
	// RiskImpact sets Risk's schedule impact to Value working days.
	RiskImpact Kind = "risk_impact"
	// StatedCost is a cost (negative: a saving) the scenario states on
	// Date, such as a contractor or a licence; Text says what it is.
	StatedCost Kind = "cost"
)

// Kinds lists every kind in the order a person meets them.
var Kinds = []Kind{Headcount, AddItem, Defer, Stretch, Cut, Estimate, Priority, Target, Commitment, Depend, Undepend,
	CloseRisk, AcceptRisk, RiskProbability, RiskImpact, MoveMilestone, StatedCost}

// Label names the kind for people.
func (k Kind) Label() string {
	switch k {
	case Headcount:
		return "Change headcount"
	case Defer:
		return "Defer an item"
	case Stretch:
		return "Make an item stretch"
	case Cut:
		return "Cut an item"
	case Estimate:
		return "Change an estimate"
	case CloseRisk:
		return "Close a risk"
	case AcceptRisk:
		return "Accept a risk"
	case MoveMilestone:
		return "Move a milestone"
	case AddItem:
		return "Add an item"
	case Priority:
		return "Change a priority"
	case Target:
		return "Change a target date"
	case Commitment:
		return "Change a commitment"
	case Depend:
		return "Add a dependency"
	case Undepend:
		return "Remove a dependency"
	case RiskProbability:
		return "Change a risk's probability"
	case RiskImpact:
		return "Change a risk's impact"
	case StatedCost:
		return "State a cost"
	}
	return string(k)
}

// Change is one what-if change. Which fields matter depends on Kind.
type Change struct {
	Kind      Kind
	Team      string     // Headcount
	Item      string     // Defer, Stretch, Cut, Estimate, Priority, Target, Commitment, Depend, Undepend
	Risk      string     // CloseRisk, AcceptRisk, RiskProbability, RiskImpact
	Milestone string     // MoveMilestone
	FTE       float64    // Headcount: FTE added (negative removes), in hundredths at most
	Percent   float64    // Estimate: +20 makes it 20% larger, −25 a quarter smaller
	Value     float64    // Headcount: ramp-up weeks (half productive); Priority: rank; Depend: lag days; RiskProbability: 0–1; RiskImpact: working days
	Text      string     // Commitment: the level; Depend, Undepend: the item depended on; StatedCost: what it is
	Date      plan.Date  // Headcount: hire date; Defer: start no earlier than; Target: new target; AcceptRisk: signed off on; MoveMilestone: new date; StatedCost: when it is spent
	By        string     // AcceptRisk: who signed it off
	Cost      plan.Money // StatedCost: the amount
	NewItem   *plan.Item // AddItem: the item added
}

// Scenario is a named list of changes, applied in order. ID and
// Description are set for a saved one (plan.Scenario is its stored form).
type Scenario struct {
	ID          string
	Name        string
	Description string
	Changes     []Change
}

// FromPlan returns the scenario a saved one describes.
func FromPlan(s plan.Scenario) Scenario {
	out := Scenario{ID: s.ID, Name: s.Name, Description: s.Description, Changes: make([]Change, len(s.Changes))}
	for i, c := range s.Changes {
		out.Changes[i] = Change{Kind: Kind(c.Kind), Team: c.Team, Item: c.Item, Risk: c.Risk, Milestone: c.Milestone, FTE: c.FTE,
			Percent: c.Percent, Value: c.Value, Text: c.Text, Date: c.Date, By: c.By, Cost: c.Cost, NewItem: c.NewItem}
	}
	return out
}

// Plan returns the stored form of s (shares NewItem pointers with s).
func (s *Scenario) Plan() plan.Scenario {
	out := plan.Scenario{ID: s.ID, Name: s.Name, Description: s.Description, Changes: make([]plan.ScenarioChange, len(s.Changes))}
	for i, c := range s.Changes {
		out.Changes[i] = plan.ScenarioChange{Kind: string(c.Kind), Team: c.Team, Item: c.Item, Risk: c.Risk, Milestone: c.Milestone, FTE: c.FTE,
			Percent: c.Percent, Value: c.Value, Text: c.Text, Date: c.Date, By: c.By, Cost: c.Cost, NewItem: c.NewItem}
	}
	return out
}

// Apply returns a deep copy of p with every change applied, validated. p is
// never modified. Errors: a *plan.Error (EINVALID) locating each problem
// on entity "change", id the change's position (1-based) and the field at
// fault (team, item, risk, milestone, fte, percent, date, by), or on the
// portfolio entity the change broke (a headcount that would go negative).
func (s *Scenario) Apply(p *plan.Portfolio) (*plan.Portfolio, error) {
	c := p.Clone()
	if err := s.ApplyTo(c); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return c, nil
}

// ApplyTo applies every change to p in place (for writing a scenario into
// the plan of record inside one storage update, which validates). On error
// p may be partly changed; use Apply for an untouched original.
func (s *Scenario) ApplyTo(p *plan.Portfolio) error {
	var problems []plan.Problem
	note := "scenario"
	if n := strings.TrimSpace(s.Name); n != "" {
		note += ": " + n
	}
	for i, ch := range s.Changes {
		if err := ch.apply(p, note); err != nil {
			problems = append(problems, locate(err, i)...)
		}
	}
	if len(problems) == 0 {
		return nil
	}
	msg := "The scenario has 1 problem:"
	if len(problems) > 1 {
		msg = fmt.Sprintf("The scenario has %d problems:", len(problems))
	}
	return &plan.Error{Code: plan.EINVALID, Message: msg, Problems: problems}
}

// Check reports whether change c can be applied to p, as Apply would, with
// problems on entity "change" by field; nil when it can.
func (c Change) Check(p *plan.Portfolio) error {
	s := Scenario{Changes: []Change{c}}
	_, err := s.Apply(p)
	return err
}

func locate(err error, i int) []plan.Problem {
	pe, ok := err.(*plan.Error)
	if !ok {
		return []plan.Problem{{Entity: "change", ID: strconv.Itoa(i + 1), Message: err.Error()}}
	}
	if len(pe.Problems) == 0 {
		return []plan.Problem{{Entity: "change", ID: strconv.Itoa(i + 1), Message: pe.Message}}
	}
	out := make([]plan.Problem, len(pe.Problems))
	for k, pr := range pe.Problems {
		pr.ID = strconv.Itoa(i + 1)
		out[k] = pr
	}
	return out
}

func problem(field, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	return &plan.Error{Code: plan.EINVALID, Message: msg, Problems: []plan.Problem{{Entity: "change", Field: field, Message: msg}}}
}

// apply makes one change to p in place.
func (c Change) apply(p *plan.Portfolio, note string) error {
	switch c.Kind {
	case Headcount:
		t := p.Team(c.Team)
		if t == nil {
			return problem("team", "Choose a team (%q does not exist).", c.Team)
		}
		if c.FTE == 0 || math.IsNaN(c.FTE) || math.IsInf(c.FTE, 0) || math.Abs(c.FTE) > 1000 {
			return problem("fte", "Give the FTE to add (for example 2) or remove (for example -1); it cannot be zero.")
		}
		if math.Abs(c.FTE*100-math.Round(c.FTE*100)) > 1e-6 {
			return problem("fte", "FTE can have at most two decimals (%g).", c.FTE)
		}
		if c.Date.IsZero() {
			return problem("date", "Give the date the headcount changes.")
		}
		if before := t.HeadcountOn(c.Date); before+c.FTE < -1e-9 {
			return problem("fte", "%s has %s FTE on %s; it cannot lose %s.", t.Name, fte(before), c.Date, fte(-c.FTE))
		}
		if c.Value < 0 || c.Value > 520 || math.IsNaN(c.Value) {
			return problem("value", "Give the ramp-up in weeks, from 0 to 520 (%g).", c.Value)
		}
		if weeks := int(math.Round(c.Value)); weeks > 0 && c.FTE > 0 {
			// Half productive while ramping up: half the FTE from the hire
			// date, the rest once ramped up.
			half := math.Round(c.FTE*50) / 100
			t.HeadcountChanges = append(t.HeadcountChanges,
				plan.HeadcountChange{Date: c.Date, Delta: half, Note: note},
				plan.HeadcountChange{Date: c.Date.AddDays(7 * weeks), Delta: c.FTE - half, Note: note + " (ramped up)"})
			break
		}
		t.HeadcountChanges = append(t.HeadcountChanges, plan.HeadcountChange{Date: c.Date, Delta: c.FTE, Note: note})
	case AddItem:
		if c.NewItem == nil {
			return problem("new_item", "Describe the item to add.")
		}
		if p.Item(c.NewItem.ID) != nil {
			return problem("new_item", "An item with id %q already exists.", c.NewItem.ID)
		}
		it := *c.NewItem
		it.Tags = append([]string(nil), it.Tags...)
		it.DependsOn = append([]plan.Dependency(nil), it.DependsOn...)
		if it.Status == "" {
			it.Status = plan.NotStarted
		}
		if it.Commitment == "" {
			it.Commitment = plan.Committed
		}
		p.Items = append(p.Items, it)
	case Priority, Target, Commitment, Depend, Undepend:
		it := p.Item(c.Item)
		if it == nil {
			return problem("item", "Choose an item (%q does not exist).", c.Item)
		}
		switch c.Kind {
		case Priority:
			if c.Value < 1 || c.Value != math.Trunc(c.Value) || c.Value > plan.MaxCount {
				return problem("value", "Give the rank as a whole number from 1 (%g).", c.Value)
			}
			it.Rank = int(c.Value)
		case Target:
			it.Target = c.Date
		case Commitment:
			switch c.Text {
			case plan.Committed, plan.Planned, plan.Stretch:
				it.Commitment = c.Text
			default:
				return problem("text", "Give the commitment: committed, planned or stretch (not %q).", c.Text)
			}
		case Depend:
			if p.Item(c.Text) == nil {
				return problem("text", "Choose the item %s depends on (%q does not exist).", it.ID, c.Text)
			}
			if c.Value < 0 || c.Value != math.Trunc(c.Value) || c.Value > plan.MaxDays {
				return problem("value", "Give the lag in whole working days (%g).", c.Value)
			}
			for _, d := range it.DependsOn {
				if d.ItemID == c.Text {
					return problem("text", "%s already depends on %s.", it.ID, c.Text)
				}
			}
			it.DependsOn = append(it.DependsOn, plan.Dependency{ItemID: c.Text, LagDays: int(c.Value)})
		case Undepend:
			k := -1
			for i, d := range it.DependsOn {
				if d.ItemID == c.Text {
					k = i
				}
			}
			if k < 0 {
				return problem("text", "%s does not depend on %q.", it.ID, c.Text)
			}
			it.DependsOn = append(it.DependsOn[:k:k], it.DependsOn[k+1:]...)
		}
	case RiskProbability, RiskImpact:
		r := p.Risk(c.Risk)
		if r == nil {
			return problem("risk", "Choose a risk (%q does not exist).", c.Risk)
		}
		if c.Kind == RiskProbability {
			if !(c.Value >= 0 && c.Value <= 1) {
				return problem("value", "Give the probability between 0 and 1 (%g).", c.Value)
			}
			r.Probability = c.Value
		} else {
			if !(c.Value >= 0 && c.Value <= plan.MaxDays) {
				return problem("value", "Give the impact in working days, from 0 (%g).", c.Value)
			}
			r.ImpactDays = c.Value
		}
	case StatedCost:
		if c.Cost.Minor == 0 {
			return problem("cost", "Give the amount the scenario costs (negative for a saving).")
		}
		if c.Cost.Currency != "" && c.Cost.Currency != p.Currency {
			return problem("cost", "The amount is in %s but the portfolio's currency is %s.", c.Cost.Currency, p.Currency)
		}
		if c.Date.IsZero() {
			return problem("date", "Give the date the cost falls on.")
		}
	case Defer, Stretch, Cut, Estimate:
		it := p.Item(c.Item)
		if it == nil {
			return problem("item", "Choose an item (%q does not exist).", c.Item)
		}
		if !it.Open() && c.Kind != Cut {
			return problem("item", "%s is %s; only open items can be changed.", it.ID, strings.ReplaceAll(it.Status, "_", " "))
		}
		switch c.Kind {
		case Defer:
			if c.Date.IsZero() {
				return problem("date", "Give the date %s may start on at the earliest.", it.ID)
			}
			it.StartNoEarlierThan = c.Date
		case Stretch:
			it.Commitment = plan.Stretch
		case Cut:
			if it.Status == plan.Done {
				return problem("item", "%s is already done; there is nothing left to cut.", it.ID)
			}
			it.Status = plan.Cancelled
		case Estimate:
			if !(c.Percent > -100) || c.Percent == 0 || c.Percent > 1000 || math.IsInf(c.Percent, 0) {
				return problem("percent", "Give a change between -99%% and +1000%%, not %g%%.", c.Percent)
			}
			f := 1 + c.Percent/100
			it.Estimate.Low *= f
			it.Estimate.Likely *= f
			it.Estimate.High *= f
			if it.Remaining != nil {
				r := *it.Remaining * f
				it.Remaining = &r
			}
		}
	case CloseRisk, AcceptRisk:
		r := p.Risk(c.Risk)
		if r == nil {
			return problem("risk", "Choose a risk (%q does not exist).", c.Risk)
		}
		if c.Kind == CloseRisk {
			r.Status = plan.RiskClosed
			break
		}
		if r.Status == plan.RiskClosed {
			return problem("risk", "%s is closed; reopen it before accepting it.", r.ID)
		}
		if strings.TrimSpace(c.By) == "" {
			return problem("by", "Say who signs off accepting %s.", r.ID)
		}
		if c.Date.IsZero() {
			return problem("date", "Give the date %s was signed off.", r.ID)
		}
		r.Status, r.SignedOffBy, r.SignedOffOn = plan.RiskAccepted, strings.TrimSpace(c.By), c.Date
	case MoveMilestone:
		var m *plan.Milestone
		for i := range p.Milestones {
			if p.Milestones[i].ID == c.Milestone {
				m = &p.Milestones[i]
			}
		}
		if m == nil {
			return problem("milestone", "Choose a milestone (%q does not exist).", c.Milestone)
		}
		if c.Date.IsZero() {
			return problem("date", "Give the milestone's new date.")
		}
		m.Date = c.Date
	default:
		return problem("kind", "%q is not a kind of change.", c.Kind)
	}
	return nil
}

// Describe says what the change does, in words, naming things as p does:
// "Add 2 FTE to FHIR API from 4 Jan 2027", dates and amounts as figure
// writes them, names isolated (bidi.Isolate: a Hebrew title before "+20%"
// would otherwise take the figure into its right-to-left run).
func (c Change) Describe(p *plan.Portfolio) string {
	item := func() string {
		if it := p.Item(c.Item); it != nil {
			return it.ID + " " + bidi.Isolate(it.Title)
		}
		return c.Item
	}
	switch c.Kind {
	case Headcount:
		name := c.Team
		if t := p.Team(c.Team); t != nil {
			name = bidi.Isolate(t.Name)
		}
		if c.FTE < 0 {
			return fmt.Sprintf("Remove %s FTE from %s from %s", fte(-c.FTE), name, figure.Date(c.Date))
		}
		if c.Value > 0 {
			return fmt.Sprintf("Add %s FTE to %s from %s (half productive for %s weeks)", fte(c.FTE), name, figure.Date(c.Date), fte(c.Value))
		}
		return fmt.Sprintf("Add %s FTE to %s from %s", fte(c.FTE), name, figure.Date(c.Date))
	case AddItem:
		if c.NewItem == nil {
			return "Add an item"
		}
		return fmt.Sprintf("Add %s %s", c.NewItem.ID, bidi.Isolate(c.NewItem.Title))
	case Priority:
		return fmt.Sprintf("Give %s rank %s", item(), fte(c.Value))
	case Target:
		if c.Date.IsZero() {
			return fmt.Sprintf("Remove the target of %s", item())
		}
		return fmt.Sprintf("Set the target of %s to %s", item(), figure.Date(c.Date))
	case Commitment:
		return fmt.Sprintf("Make %s %s", item(), c.Text)
	case Depend:
		return fmt.Sprintf("Make %s wait for %s", item(), c.Text)
	case Undepend:
		return fmt.Sprintf("Let %s start without waiting for %s", item(), c.Text)
	case RiskProbability, RiskImpact:
		name := c.Risk
		if r := p.Risk(c.Risk); r != nil {
			name = r.ID + " " + bidi.Isolate(r.Title)
		}
		if c.Kind == RiskProbability {
			return fmt.Sprintf("Risk %s at probability %s", name, fte(c.Value))
		}
		return fmt.Sprintf("Risk %s with an impact of %s working days", name, fte(c.Value))
	case StatedCost:
		what := bidi.Isolate(strings.TrimSpace(c.Text))
		if what == "" {
			what = "Cost"
		}
		return fmt.Sprintf("%s of %s on %s", what, figure.Money(c.Cost), figure.Date(c.Date))
	case Defer:
		return fmt.Sprintf("Defer %s to start no earlier than %s", item(), figure.Date(c.Date))
	case Stretch:
		return fmt.Sprintf("Make %s stretch", item())
	case Cut:
		return fmt.Sprintf("Cut %s", item())
	case Estimate:
		return fmt.Sprintf("Estimate of %s %+g%%", item(), c.Percent)
	case CloseRisk, AcceptRisk:
		name := c.Risk
		if r := p.Risk(c.Risk); r != nil {
			name = r.ID + " " + bidi.Isolate(r.Title)
		}
		if c.Kind == CloseRisk {
			return "Close risk " + name
		}
		return fmt.Sprintf("Accept risk %s (signed off by %s on %s)", name, c.By, figure.Date(c.Date))
	case MoveMilestone:
		name := c.Milestone
		for _, m := range p.Milestones {
			if m.ID == c.Milestone {
				name = m.Name
			}
		}
		return fmt.Sprintf("Move %s to %s", name, figure.Date(c.Date))
	}
	return string(c.Kind)
}

// Action is a short phrase for the audit log and the Undo menu.
func (s *Scenario) Action() string {
	name := strings.TrimSpace(s.Name)
	if name == "" {
		name = "scenario"
	}
	return fmt.Sprintf("apply scenario %q (%d %s)", name, len(s.Changes), map[bool]string{true: "change", false: "changes"}[len(s.Changes) == 1])
}

func fte(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
