package forecast

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Model is the neutral simulation model: a network of items, the teams that
// work on them, correlation between items, or a throughput forecast. Time is
// a plain number measured from t = 0 in the model's unit (a week, when the
// model is compiled from a portfolio); effort is in person-days and a team's
// capacity in person-days per unit of time.
//
// A model is either a network (Items, Teams, CorrelationGroups) or a
// throughput forecast (Throughput), never both.
type Model struct {
	Items             []Item             `json:"items,omitempty"`
	Teams             []Team             `json:"teams,omitempty"`
	CorrelationGroups []CorrelationGroup `json:"correlation_groups,omitempty"`
	Throughput        *Throughput        `json:"-"`
}

// Item is one unit of work. It has either a Duration (it takes that long,
// needs no team and starts as soon as it is ready) or an Effort in
// person-days done by Team. An item is ready when every item in DependsOn has
// finished (finish-to-start, zero lag) and EarliestStart has been reached.
type Item struct {
	ID        string   `json:"id"`
	Duration  *Dist    `json:"duration,omitempty"`
	Effort    *Dist    `json:"effort,omitempty"`
	Team      string   `json:"team,omitempty"`
	DependsOn []string `json:"depends_on,omitempty"`
	Risks     []Risk   `json:"risks,omitempty"`
	// EarliestStart is a start-no-earlier-than constraint in model time.
	EarliestStart float64 `json:"earliest_start,omitempty"`
	// Target, when set, makes Run count the trials in which the item
	// finishes at or before it (ItemResult.PTarget).
	Target *float64 `json:"target,omitempty"`
	// Committed items with a Target take part in the joint probability
	// Result.Committed.
	Committed bool `json:"committed,omitempty"`
}

// Dist is a probability distribution of a duration or an effort.
//
//   - "triangular": Low, Mode, High (Low ≤ Mode ≤ High).
//   - "betapert": Beta on [Low, High] with α = 1+4(Mode−Low)/(High−Low) and
//     β = 1+4(High−Mode)/(High−Low); mean (Low+4·Mode+High)/6.
//   - "lognormal": Low and High are the 5th and 95th percentiles (a 90%
//     range, 0 < Low < High): μ = (ln Low + ln High)/2 and
//     σ = (ln High − ln Low)/(2·1.6448536); Mode is ignored. The median is
//     √(Low·High).
//   - "fixed": always Value.
//
// In JSON a Dist is an object such as {"dist":"triangular","low":1,"mode":2,
// "high":4}, or a bare number, which means {"dist":"fixed","value":n}.
type Dist struct {
	Kind  string  `json:"dist"`
	Low   float64 `json:"low,omitempty"`
	Mode  float64 `json:"mode,omitempty"`
	High  float64 `json:"high,omitempty"`
	Value float64 `json:"value,omitempty"`
}

// Distribution kinds accepted in Dist.Kind.
const (
	Triangular = "triangular"
	BetaPERT   = "betapert"
	Lognormal  = "lognormal"
	Fixed      = "fixed"
)

// UnmarshalJSON accepts a distribution object or a bare number (fixed).
func (d *Dist) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')) {
		v, err := strconv.ParseFloat(string(b), 64)
		if err != nil {
			return fmt.Errorf("bad number %s", b)
		}
		*d = Dist{Kind: Fixed, Value: v}
		return nil
	}
	type plain Dist
	var p plain
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return err
	}
	*d = Dist(p)
	return nil
}

// Mean returns the distribution's mean.
func (d Dist) Mean() float64 {
	switch d.Kind {
	case Triangular:
		return (d.Low + d.Mode + d.High) / 3
	case BetaPERT:
		return (d.Low + 4*d.Mode + d.High) / 6
	case Lognormal:
		mu, s := d.lognormalParams()
		return math.Exp(mu + s*s/2)
	default:
		return d.Value
	}
}

func (d Dist) lognormalParams() (mu, sigma float64) {
	mu = (math.Log(d.Low) + math.Log(d.High)) / 2
	sigma = (math.Log(d.High) - math.Log(d.Low)) / (2 * z95)
	return mu, sigma
}

// z95 is the standard normal 95th percentile.
const z95 = 1.6448536269514722

// Risk is an event that, independently of other risks, happens in a trial
// with probability P and then adds Impact to the item's duration (or effort,
// for an effort item). Risks that share an ID on several items are one event:
// it fires or not for all of them together, so they must share P.
type Risk struct {
	ID     string  `json:"id"`
	P      float64 `json:"p"`
	Impact float64 `json:"impact"`
}

// Team works on effort items. CapacityPerWeek is in person-days per unit of
// time; CapacityByWeek, when given, overrides it: entry w applies to
// [w, w+1), and CapacityPerWeek applies after the list. Slots is the WIP
// limit (default 1): the capacity is split equally across slots, and an idle
// slot's share is lost. Priority lists item IDs, highest first; the team's
// items not listed follow in model order.
type Team struct {
	ID              string    `json:"id"`
	CapacityPerWeek float64   `json:"capacity_per_week"`
	CapacityByWeek  []float64 `json:"capacity_by_week,omitempty"`
	Slots           int       `json:"slots,omitempty"`
	Priority        []string  `json:"priority,omitempty"`
}

// CorrelationGroup correlates the sampling uniforms of its items through a
// one-factor Gaussian copula: Zᵢ = √ρ·F + √(1−ρ)·εᵢ, Uᵢ = Φ(Zᵢ). Rho is in
// [0, 1]; Rho = 1 makes the items comonotonic. An item belongs to at most one
// group.
type CorrelationGroup struct {
	Items []string `json:"items"`
	Rho   float64  `json:"rho"`
}

// Throughput is a throughput forecast. Each simulated week draws one value
// uniformly, with replacement, from HistoryPerWeek. With BacklogItems > 0 it
// answers "when": the first week at which the cumulative count reaches
// BacklogItems. With Weeks > 0 it answers "how many": the sum of Weeks draws.
type Throughput struct {
	HistoryPerWeek []float64 `json:"throughput_history_per_week"`
	BacklogItems   int       `json:"backlog_items,omitempty"`
	Weeks          int       `json:"weeks,omitempty"`
}

// modelJSON is the JSON form of a Model: the throughput fields sit at the top
// level.
type modelJSON struct {
	Items             []Item             `json:"items,omitempty"`
	Teams             []Team             `json:"teams,omitempty"`
	CorrelationGroups []CorrelationGroup `json:"correlation_groups,omitempty"`
	History           []float64          `json:"throughput_history_per_week,omitempty"`
	BacklogItems      int                `json:"backlog_items,omitempty"`
	Weeks             int                `json:"weeks,omitempty"`
}

// MarshalJSON writes the model in the form ParseModel reads.
func (m Model) MarshalJSON() ([]byte, error) {
	j := modelJSON{Items: m.Items, Teams: m.Teams, CorrelationGroups: m.CorrelationGroups}
	if m.Throughput != nil {
		j.History = m.Throughput.HistoryPerWeek
		j.BacklogItems = m.Throughput.BacklogItems
		j.Weeks = m.Throughput.Weeks
	}
	return json.Marshal(j)
}

// ParseError is a malformed model file: the position (1-based line and
// column) and the cause.
type ParseError struct {
	Line, Column int
	Err          error
}

func (e *ParseError) Error() string {
	return fmt.Sprintf("model JSON, line %d, column %d: %v", e.Line, e.Column, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// ParseModel reads a model in JSON form and validates it. It returns a
// *ParseError for malformed JSON (with line and column, including unknown
// fields and wrong types), or an *InvalidModelError listing every problem
// Validate found, or the reader's error.
func ParseModel(r io.Reader) (Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Model{}, fmt.Errorf("read model: %w", err)
	}
	var j modelJSON
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return Model{}, parseError(data, dec, err)
	}
	if dec.More() {
		off := dec.InputOffset()
		l, c := lineCol(data, off)
		return Model{}, &ParseError{Line: l, Column: c, Err: errors.New("unexpected data after the model object")}
	}
	m := Model{Items: j.Items, Teams: j.Teams, CorrelationGroups: j.CorrelationGroups}
	if j.History != nil || j.BacklogItems != 0 || j.Weeks != 0 {
		m.Throughput = &Throughput{HistoryPerWeek: j.History, BacklogItems: j.BacklogItems, Weeks: j.Weeks}
	}
	if err := m.Validate(); err != nil {
		return Model{}, err
	}
	return m, nil
}

func parseError(data []byte, dec *json.Decoder, err error) error {
	off := dec.InputOffset()
	msg := err
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		off = se.Offset - 1 // the offset is just past the offending byte
		if off < 0 {
			off = 0
		}
	case errors.As(err, &te):
		off = te.Offset
		if te.Field != "" {
			msg = fmt.Errorf("field %s: cannot use a JSON %s as %s", te.Field, te.Value, te.Type)
		}
	case errors.Is(err, io.EOF):
		msg = errors.New("empty file: expected a JSON object")
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = errors.New("unexpected end of file")
		off = int64(len(data))
	}
	l, c := lineCol(data, off)
	return &ParseError{Line: l, Column: c, Err: msg}
}

func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, b := range data[:off] {
		if b == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// InvalidModelError lists every problem found in a model, each written for a
// person ("item \"B\" depends on unknown item \"X\"").
type InvalidModelError struct {
	Problems []string
}

func (e *InvalidModelError) Error() string {
	if len(e.Problems) == 1 {
		return "invalid model: " + e.Problems[0]
	}
	return "invalid model:\n  - " + strings.Join(e.Problems, "\n  - ")
}

// Validate checks the model and returns nil or an *InvalidModelError naming
// every problem: missing or duplicate ids, unknown teams and dependencies,
// dependency cycles (named, e.g. "dependency cycle: A → B → C → A"), bad
// distributions (low > high, mode outside [low, high], negative values),
// bad risks, teams without capacity, bad correlation groups or a bad
// throughput forecast.
func (m Model) Validate() error {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if m.Throughput != nil {
		if len(m.Items) > 0 || len(m.Teams) > 0 || len(m.CorrelationGroups) > 0 {
			add("a model is either a network of items or a throughput forecast, not both")
		}
		validateThroughput(*m.Throughput, add)
		return problems(p)
	}
	if len(m.Items) == 0 {
		add("the model has no items")
	}
	teams := make(map[string]int, len(m.Teams))
	for i, t := range m.Teams {
		name := fmt.Sprintf("team %q", t.ID)
		switch {
		case t.ID == "":
			add("team #%d has no id", i+1)
		case teams[t.ID] != 0:
			add("%s is defined twice", name)
		default:
			teams[t.ID] = i + 1
		}
		if !finite(t.CapacityPerWeek) || t.CapacityPerWeek < 0 {
			add("%s: capacity_per_week must be a number ≥ 0, not %v", name, t.CapacityPerWeek)
		}
		for w, c := range t.CapacityByWeek {
			if !finite(c) || c < 0 {
				add("%s: capacity_by_week[%d] must be a number ≥ 0, not %v", name, w, c)
			}
		}
		if t.Slots < 0 {
			add("%s: slots must be ≥ 1 (or omitted for 1), not %d", name, t.Slots)
		}
	}
	items := make(map[string]int, len(m.Items))
	for i, it := range m.Items {
		switch {
		case it.ID == "":
			add("item #%d has no id", i+1)
		case items[it.ID] != 0:
			add("item %q is defined twice", it.ID)
		default:
			items[it.ID] = i + 1
		}
	}
	riskP := map[string]float64{}
	teamWork := map[string]bool{}
	for i, it := range m.Items {
		name := fmt.Sprintf("item %q", it.ID)
		if it.ID == "" {
			name = fmt.Sprintf("item #%d", i+1)
		}
		switch {
		case it.Duration != nil && it.Effort != nil:
			add("%s has both a duration and an effort; give one", name)
		case it.Duration == nil && it.Effort == nil:
			add("%s has neither a duration nor an effort", name)
		case it.Duration != nil:
			if it.Team != "" {
				add("%s has a duration and a team; a team's item takes an effort in person-days", name)
			}
			validateDist(*it.Duration, name+" duration", add)
		default:
			validateDist(*it.Effort, name+" effort", add)
			if it.Team == "" {
				add("%s has an effort but no team", name)
			} else if teams[it.Team] == 0 {
				add("%s: unknown team %q", name, it.Team)
			} else {
				teamWork[it.Team] = true
			}
		}
		if !finite(it.EarliestStart) || it.EarliestStart < 0 {
			add("%s: earliest_start must be a number ≥ 0, not %v", name, it.EarliestStart)
		}
		if it.Target != nil && !finite(*it.Target) {
			add("%s: target must be a number", name)
		}
		seen := map[string]bool{}
		for _, d := range it.DependsOn {
			switch {
			case d == it.ID:
				add("%s depends on itself", name)
			case items[d] == 0:
				add("%s depends on unknown item %q", name, d)
			case seen[d]:
				add("%s lists dependency %q twice", name, d)
			}
			seen[d] = true
		}
		seenRisk := map[string]bool{}
		for _, r := range it.Risks {
			rn := fmt.Sprintf("%s risk %q", name, r.ID)
			if r.ID == "" {
				add("%s has a risk without an id", name)
			}
			if seenRisk[r.ID] {
				add("%s lists risk %q twice", name, r.ID)
			}
			seenRisk[r.ID] = true
			if !finite(r.P) || r.P < 0 || r.P > 1 {
				add("%s: p must be between 0 and 1, not %v", rn, r.P)
			}
			if !finite(r.Impact) || r.Impact < 0 {
				add("%s: impact must be a number ≥ 0, not %v", rn, r.Impact)
			}
			if q, ok := riskP[r.ID]; ok && q != r.P && r.ID != "" {
				add("risk %q has p %v on one item and %v on another; a shared risk is one event with one probability", r.ID, q, r.P)
			}
			riskP[r.ID] = r.P
		}
	}
	for _, t := range m.Teams {
		name := fmt.Sprintf("team %q", t.ID)
		seen := map[string]bool{}
		for _, id := range t.Priority {
			k := items[id]
			switch {
			case k == 0:
				add("%s: priority lists unknown item %q", name, id)
			case m.Items[k-1].Team != t.ID || m.Items[k-1].Effort == nil:
				add("%s: priority lists item %q, which is not the team's effort item", name, id)
			case seen[id]:
				add("%s: priority lists item %q twice", name, id)
			}
			seen[id] = true
		}
		if teamWork[t.ID] && t.CapacityPerWeek <= 0 {
			add("%s has no capacity after its capacity_by_week list (capacity_per_week is %v), so its work would never finish", name, t.CapacityPerWeek)
		}
	}
	inGroup := map[string]int{}
	for g, cg := range m.CorrelationGroups {
		name := fmt.Sprintf("correlation group #%d", g+1)
		if !finite(cg.Rho) || cg.Rho < 0 || cg.Rho > 1 {
			add("%s: rho must be between 0 and 1, not %v", name, cg.Rho)
		}
		for _, id := range cg.Items {
			if items[id] == 0 {
				add("%s lists unknown item %q", name, id)
				continue
			}
			if h, ok := inGroup[id]; ok {
				add("item %q is in correlation groups #%d and #%d; an item may be in one group", id, h+1, g+1)
			}
			inGroup[id] = g
		}
	}
	if len(p) == 0 {
		if c := findCycle(m.Items, items); c != nil {
			add("dependency cycle: %s (each item must finish before the next one starts)", strings.Join(c, " → "))
		}
	}
	return problems(p)
}

func problems(p []string) error {
	if len(p) == 0 {
		return nil
	}
	return &InvalidModelError{Problems: p}
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

func validateDist(d Dist, name string, add func(string, ...any)) {
	bad := func(vs ...float64) bool {
		for _, v := range vs {
			if !finite(v) {
				return true
			}
		}
		return false
	}
	switch d.Kind {
	case Triangular, BetaPERT:
		switch {
		case bad(d.Low, d.Mode, d.High):
			add("%s: low, mode and high must be numbers", name)
		case d.Low < 0:
			add("%s: low must be ≥ 0, not %v", name, d.Low)
		case d.Low > d.High:
			add("%s: low (%v) is greater than high (%v)", name, d.Low, d.High)
		case d.Mode < d.Low || d.Mode > d.High:
			add("%s: mode (%v) must lie between low (%v) and high (%v)", name, d.Mode, d.Low, d.High)
		}
	case Lognormal:
		switch {
		case bad(d.Low, d.High):
			add("%s: low and high must be numbers", name)
		case d.Low <= 0:
			add("%s: a lognormal's low (its 5th percentile) must be > 0, not %v", name, d.Low)
		case d.Low >= d.High:
			add("%s: a lognormal's low (%v) must be less than its high (%v)", name, d.Low, d.High)
		}
	case Fixed:
		if bad(d.Value) || d.Value < 0 {
			add("%s: value must be a number ≥ 0, not %v", name, d.Value)
		}
	case "":
		add("%s: missing \"dist\" (triangular, betapert, lognormal or fixed)", name)
	default:
		add("%s: unknown dist %q (use triangular, betapert, lognormal or fixed)", name, d.Kind)
	}
}

func validateThroughput(t Throughput, add func(string, ...any)) {
	if len(t.HistoryPerWeek) == 0 {
		add("throughput_history_per_week is empty")
	}
	pos := false
	for w, v := range t.HistoryPerWeek {
		if !finite(v) || v < 0 {
			add("throughput_history_per_week[%d] must be a number ≥ 0, not %v", w, v)
		}
		if v > 0 {
			pos = true
		}
		if v != math.Trunc(v) {
			add("throughput_history_per_week[%d] must be a whole number of items, not %v", w, v)
		}
	}
	switch {
	case t.BacklogItems < 0 || t.Weeks < 0:
		add("backlog_items and weeks must be ≥ 0")
	case t.BacklogItems > 0 && t.Weeks > 0:
		add("give backlog_items (when?) or weeks (how many?), not both")
	case t.BacklogItems == 0 && t.Weeks == 0:
		add("a throughput forecast needs backlog_items (when?) or weeks (how many?)")
	case t.BacklogItems > 0 && !pos && len(t.HistoryPerWeek) > 0:
		add("throughput_history_per_week has no week with a positive count, so the backlog would never be done")
	}
}

// findCycle returns the ids of a dependency cycle in precedence order (each
// item finishes before the next starts), first id repeated at the end, or nil.
func findCycle(items []Item, index map[string]int) []string {
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(items))
	// succ edges: predecessor → dependant, which is the order we report.
	succ := make([][]int, len(items))
	for i, it := range items {
		for _, d := range it.DependsOn {
			succ[index[d]-1] = append(succ[index[d]-1], i)
		}
	}
	parent := make([]int, len(items))
	type frame struct{ node, next int }
	for root := range items {
		if color[root] != white {
			continue
		}
		stack := []frame{{root, 0}}
		color[root] = grey
		parent[root] = -1
		for len(stack) > 0 {
			f := &stack[len(stack)-1]
			if f.next == len(succ[f.node]) {
				color[f.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			s := succ[f.node][f.next]
			f.next++
			switch color[s] {
			case white:
				color[s] = grey
				parent[s] = f.node
				stack = append(stack, frame{s, 0})
			case grey:
				// cycle s → … → f.node → s
				var path []string
				for n := f.node; n != s; n = parent[n] {
					path = append(path, items[n].ID)
				}
				path = append(path, items[s].ID)
				for i, j := 0, len(path)-1; i < j; i, j = i+1, j-1 {
					path[i], path[j] = path[j], path[i]
				}
				return append(path, items[s].ID)
			}
		}
	}
	return nil
}
