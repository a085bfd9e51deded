package plan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Scenario is a saved what-if: a named, described list of changes kept in
// the portfolio file beside the plan of record and never applied to it
// unless promoted. What each change does is internal/scenario's; plan holds
// the stored form only, so a scenario travels in the file and the JSON
// interchange and survives restarts. A change may name an item, team, risk
// or milestone that has since gone: the scenario is still kept, and
// applying it reports the change that no longer applies.
type Scenario struct {
	ID          string           `json:"id"`
	Name        string           `json:"name"`
	Description string           `json:"description,omitempty"`
	Changes     []ScenarioChange `json:"changes"`
}

// ScenarioChange is one stored change of a scenario. Kind says which of
// the other fields matter (see internal/scenario).
type ScenarioChange struct {
	Kind      string  `json:"kind"`
	Team      string  `json:"team,omitempty"`
	Item      string  `json:"item,omitempty"`
	Risk      string  `json:"risk,omitempty"`
	Milestone string  `json:"milestone,omitempty"`
	FTE       float64 `json:"fte,omitempty"`
	Percent   float64 `json:"percent,omitempty"`
	Value     float64 `json:"value,omitempty"` // a rank, a probability, impact or lag days
	Text      string  `json:"text,omitempty"`  // a commitment level, an item depended on, a note
	Date      Date    `json:"date,omitempty"`
	By        string  `json:"by,omitempty"`
	Cost      Money   `json:"cost,omitzero"`      // a cost change the scenario states
	NewItem   *Item   `json:"new_item,omitempty"` // an item the scenario adds
}

// MaxScenarioChanges bounds the changes of one saved scenario.
const MaxScenarioChanges = 1_000

// Scenario returns the saved scenario with id, or nil.
func (p *Portfolio) Scenario(id string) *Scenario {
	for i := range p.Scenarios {
		if p.Scenarios[i].ID == id {
			return &p.Scenarios[i]
		}
	}
	return nil
}

// NewScenarioID returns an id no saved scenario has, made from name
// ("Defer analytics" → "defer-analytics", then "defer-analytics-2" …).
func (p *Portfolio) NewScenarioID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if ok {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= MaxID-8 {
			break
		}
	}
	base := strings.Trim(b.String(), "-")
	if base == "" {
		base = "scenario"
	}
	id := base
	for n := 2; p.Scenario(id) != nil; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

func cloneScenarios(in []Scenario) []Scenario {
	out := slices.Clone(in)
	for i := range out {
		out[i].Changes = slices.Clone(out[i].Changes)
		for k := range out[i].Changes {
			if it := out[i].Changes[k].NewItem; it != nil {
				c := cloneItem(*it)
				out[i].Changes[k].NewItem = &c
			}
		}
	}
	return out
}

// cloneItem returns a copy of it that shares no slice or pointer with it
// (Clone's, for the portfolio's items and a scenario's new ones).
func cloneItem(it Item) Item {
	if it.Remaining != nil {
		v := *it.Remaining
		it.Remaining = &v
	}
	it.Tags = slices.Clone(it.Tags)
	it.DependsOn = slices.Clone(it.DependsOn)
	return it
}

// validateScenarios checks what can be checked of a stored scenario without
// applying it: ids, names, text lengths and finite numbers. References to
// other entities are checked when it is applied (they may go stale).
func (p *Portfolio) validateScenarios(v *validator) {
	v.ids("scenario", len(p.Scenarios), func(i int) string { return p.Scenarios[i].ID })
	for _, s := range p.Scenarios {
		if strings.TrimSpace(s.Name) == "" {
			v.add("scenario", s.ID, "name", "Scenario name is required.")
		}
		v.title("scenario", s.ID, "name", s.Name)
		v.text("scenario", s.ID, "description", s.Description, MaxText)
		if len(s.Changes) > MaxScenarioChanges {
			v.add("scenario", s.ID, "changes", fmt.Sprintf("A scenario can hold at most %d changes, not %d.", MaxScenarioChanges, len(s.Changes)))
		}
		for k, c := range s.Changes {
			field := "changes[" + strconv.Itoa(k+1) + "]"
			if strings.TrimSpace(c.Kind) == "" {
				v.add("scenario", s.ID, field, "A change needs a kind.")
			}
			for _, t := range []string{c.Kind, c.Team, c.Item, c.Risk, c.Milestone, c.By} {
				v.title("scenario", s.ID, field, t)
			}
			v.text("scenario", s.ID, field, c.Text, MaxText)
			for _, f := range []float64{c.FTE, c.Percent, c.Value} {
				if math.IsNaN(f) || math.IsInf(f, 0) {
					v.add("scenario", s.ID, field, "A change's numbers must be finite.")
				}
			}
			if !c.Date.IsZero() {
				v.date("scenario", s.ID, field, c.Date)
			}
			v.money("scenario", s.ID, field, c.Cost)
		}
	}
}

// ReadScenarioJSON reads one scenario written as JSON (the object a
// portfolio's "scenarios" list holds: name, description, changes; id
// optional). Errors: EINVALID with the line and column of malformed JSON or
// an unknown field, or a missing name.
func ReadScenarioJSON(r io.Reader) (*Scenario, error) {
	var s Scenario
	if err := readStrict(r, &s); err != nil {
		return nil, err
	}
	if strings.TrimSpace(s.Name) == "" {
		return nil, &Error{Code: EINVALID, Message: "The scenario has no \"name\".", Problems: []Problem{{Entity: "scenario", Field: "name", Message: "Scenario name is required."}}}
	}
	if s.Changes == nil {
		s.Changes = []ScenarioChange{}
	}
	return &s, nil
}

// ReadItemJSON reads one roadmap item written as JSON (the object a
// portfolio's "items" list holds). Errors: EINVALID with the line and
// column of malformed JSON or an unknown field. Whether it fits a
// portfolio is checked where it is added.
func ReadItemJSON(r io.Reader) (*Item, error) {
	var it Item
	if err := readStrict(r, &it); err != nil {
		return nil, err
	}
	return &it, nil
}

func readStrict(r io.Reader, v any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return fmt.Errorf("read json: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(data, err)
	}
	return nil
}
