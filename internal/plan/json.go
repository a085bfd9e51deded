package plan

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// FormatName and FormatVersion identify Steerco's JSON interchange format.
const (
	FormatName    = "steerco-portfolio"
	FormatVersion = 1
)

// document is the JSON envelope: {"format":..., "version":..., "portfolio":{...}}.
type document struct {
	Format    string     `json:"format"`
	Version   int        `json:"version"`
	Portfolio *Portfolio `json:"portfolio"`
}

// MarshalJSON writes {"amount":"1234.50","currency":"USD"}.
func (m Money) MarshalJSON() ([]byte, error) {
	return json.Marshal(moneyJSON{Amount: m.Decimal(), Currency: m.Currency})
}

// UnmarshalJSON reads {"amount":"1234.50","currency":"USD"}; the amount is a
// decimal string so that no float rounding can happen.
func (m *Money) UnmarshalJSON(b []byte) error {
	var j moneyJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return Errorf(EINVALID, "an amount must look like {\"amount\": \"1234.50\", \"currency\": \"USD\"}")
	}
	c := j.Currency
	if j.Amount == "" {
		j.Amount = "0"
	}
	v, err := ParseMoney(j.Amount, c)
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// Normalize puts a portfolio in canonical form: every list sorted by id (items
// too; priority is the Rank field), times in UTC, holidays by date, monthly
// amounts by month, and zero amounts given the portfolio's currency. Storage
// and JSON export both normalise, which makes exports deterministic.
func (p *Portfolio) Normalize() {
	cur := p.Currency
	fix := func(m *Money) {
		if m.Currency == "" {
			m.Currency = cur
		}
	}
	p.Calendar.SortHolidays()
	sort.Slice(p.Calendar.Workdays, func(i, j int) bool { return p.Calendar.Workdays[i] < p.Calendar.Workdays[j] })
	sort.Slice(p.Teams, func(i, j int) bool { return p.Teams[i].ID < p.Teams[j].ID })
	for i := range p.Teams {
		t := &p.Teams[i]
		fix(&t.CostPerFTEMonth)
		sort.SliceStable(t.HeadcountChanges, func(a, b int) bool { return t.HeadcountChanges[a].Date < t.HeadcountChanges[b].Date })
	}
	sort.Slice(p.Products, func(i, j int) bool { return p.Products[i].ID < p.Products[j].ID })
	sort.Slice(p.Items, func(i, j int) bool { return p.Items[i].ID < p.Items[j].ID })
	for i := range p.Items {
		it := &p.Items[i]
		fix(&it.CostOfDelayPerWeek)
		sort.SliceStable(it.DependsOn, func(a, b int) bool { return it.DependsOn[a].ItemID < it.DependsOn[b].ItemID })
		sort.Strings(it.Tags)
	}
	sort.Slice(p.Milestones, func(i, j int) bool { return p.Milestones[i].ID < p.Milestones[j].ID })
	for i := range p.Milestones {
		sort.Strings(p.Milestones[i].DependsOn)
		fix(&p.Milestones[i].PenaltyLumpSum)
		fix(&p.Milestones[i].PenaltyPerDay)
	}
	sort.Slice(p.Risks, func(i, j int) bool { return p.Risks[i].ID < p.Risks[j].ID })
	for i := range p.Risks {
		sort.Strings(p.Risks[i].Items)
		fix(&p.Risks[i].CostImpact)
	}
	sort.Slice(p.BudgetLines, func(i, j int) bool { return p.BudgetLines[i].ID < p.BudgetLines[j].ID })
	for i := range p.BudgetLines {
		b := &p.BudgetLines[i]
		for _, s := range [][]MonthAmount{b.Plan, b.Actual} {
			sort.SliceStable(s, func(x, y int) bool { return s[x].Month < s[y].Month })
			for k := range s {
				fix(&s[k].Amount)
			}
		}
	}
	sort.Slice(p.Deployments, func(i, j int) bool { return p.Deployments[i].ID < p.Deployments[j].ID })
	for i := range p.Deployments {
		p.Deployments[i].DeployedAt = p.Deployments[i].DeployedAt.UTC()
	}
	sort.Slice(p.Changes, func(i, j int) bool { return p.Changes[i].ID < p.Changes[j].ID })
	for i := range p.Changes {
		p.Changes[i].CommittedAt = p.Changes[i].CommittedAt.UTC()
		p.Changes[i].DeployedAt = p.Changes[i].DeployedAt.UTC()
	}
	sort.Slice(p.Incidents, func(i, j int) bool { return p.Incidents[i].ID < p.Incidents[j].ID })
	for i := range p.Incidents {
		p.Incidents[i].StartedAt = p.Incidents[i].StartedAt.UTC()
		if !p.Incidents[i].ResolvedAt.IsZero() {
			p.Incidents[i].ResolvedAt = p.Incidents[i].ResolvedAt.UTC()
		}
	}
	sort.Slice(p.Snapshots, func(i, j int) bool { return p.Snapshots[i].ID < p.Snapshots[j].ID })
	for i := range p.Snapshots {
		s := p.Snapshots[i].Forecast
		sort.Slice(s, func(a, b int) bool {
			if s[a].Kind != s[b].Kind {
				return s[a].Kind < s[b].Kind
			}
			return s[a].ID < s[b].ID
		})
	}
	sort.Slice(p.ImportMappings, func(i, j int) bool { return p.ImportMappings[i].ID < p.ImportMappings[j].ID })
	sort.Slice(p.Scenarios, func(i, j int) bool { return p.Scenarios[i].ID < p.Scenarios[j].ID })
	for i := range p.Scenarios {
		for k := range p.Scenarios[i].Changes {
			if c := &p.Scenarios[i].Changes[k]; c.Cost.Minor != 0 {
				fix(&c.Cost)
			}
		}
	}
	p.nonNil()
}

// nonNil makes empty lists [] rather than null in JSON, so exports are stable.
func (p *Portfolio) nonNil() {
	if p.Teams == nil {
		p.Teams = []Team{}
	}
	if p.Products == nil {
		p.Products = []Product{}
	}
	if p.Items == nil {
		p.Items = []Item{}
	}
	if p.Milestones == nil {
		p.Milestones = []Milestone{}
	}
	for i := range p.Milestones {
		if p.Milestones[i].DependsOn == nil {
			p.Milestones[i].DependsOn = []string{}
		}
	}
	if p.Risks == nil {
		p.Risks = []Risk{}
	}
	if p.BudgetLines == nil {
		p.BudgetLines = []BudgetLine{}
	}
	for i := range p.BudgetLines {
		if p.BudgetLines[i].Plan == nil {
			p.BudgetLines[i].Plan = []MonthAmount{}
		}
		if p.BudgetLines[i].Actual == nil {
			p.BudgetLines[i].Actual = []MonthAmount{}
		}
	}
	if p.Deployments == nil {
		p.Deployments = []Deployment{}
	}
	if p.Changes == nil {
		p.Changes = []Change{}
	}
	if p.Incidents == nil {
		p.Incidents = []Incident{}
	}
	if p.ImportMappings == nil {
		p.ImportMappings = []ImportMapping{}
	}
	if p.Snapshots == nil {
		p.Snapshots = []Snapshot{}
	}
	for i := range p.Snapshots {
		if p.Snapshots[i].Forecast == nil {
			p.Snapshots[i].Forecast = []SnapshotResult{}
		}
	}
}

// WriteJSON writes p in the interchange format, normalised and indented, to w.
// The same portfolio always gives the same bytes.
func WriteJSON(w io.Writer, p *Portfolio) error {
	cp := *p
	cp.Normalize()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(document{Format: FormatName, Version: FormatVersion, Portfolio: &cp}); err != nil {
		return fmt.Errorf("write json: %w", err)
	}
	return nil
}

// ReadJSON reads a portfolio in the interchange format and validates it.
// Errors: EINVALID with the line and column of malformed JSON, an unknown
// field, a wrong format or version, or the problems Validate finds.
func ReadJSON(r io.Reader) (*Portfolio, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read json: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var doc document
	if err := dec.Decode(&doc); err != nil {
		return nil, jsonError(data, err)
	}
	if doc.Format != FormatName {
		return nil, Errorf(EINVALID, "This is not a Steerco portfolio: \"format\" should be %q.", FormatName)
	}
	if doc.Version > FormatVersion {
		return nil, Errorf(ECONFLICT, "This portfolio was written by a newer Steerco (format version %d; this one reads up to %d). Update Steerco.", doc.Version, FormatVersion)
	}
	if doc.Version < 1 {
		return nil, Errorf(EINVALID, "\"version\" is missing or not a positive number.")
	}
	if doc.Portfolio == nil {
		return nil, Errorf(EINVALID, "\"portfolio\" is missing.")
	}
	p := doc.Portfolio
	p.Normalize()
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var pe *Error
	off := int64(-1)
	msg := err.Error()
	switch {
	case errors.As(err, &se):
		off = se.Offset
		msg = se.Error()
	case errors.As(err, &te):
		off = te.Offset
		msg = fmt.Sprintf("field %q should be %s, not a JSON %s", te.Field, te.Type.String(), te.Value)
	case errors.As(err, &pe):
		return &Error{Code: EINVALID, Message: "Bad value in the JSON: " + pe.Message, Err: err}
	case strings.HasPrefix(msg, "json: unknown field"):
		msg = strings.TrimPrefix(msg, "json: ") + " (check the spelling against the format in the README)"
	case errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF):
		msg = "the file is empty or ends too early"
	}
	if off >= 0 {
		line, col := 1, 1
		for _, c := range data[:min(int(off), len(data))] {
			if c == '\n' {
				line++
				col = 1
			} else {
				col++
			}
		}
		return &Error{Code: EINVALID, Message: fmt.Sprintf("Malformed JSON at line %d, column %d: %s.", line, col, msg), Err: err}
	}
	return &Error{Code: EINVALID, Message: "Malformed JSON: " + msg + ".", Err: err}
}
