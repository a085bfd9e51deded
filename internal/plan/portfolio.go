package plan

import (
	"time"
)

// Portfolio is everything in one .steerco file.
type Portfolio struct {
	Name            string     `json:"name"`
	Currency        string     `json:"currency"`                  // ISO 4217; every amount in the file uses it
	FiscalYearStart time.Month `json:"fiscal_year_start_month"`   // 1–12
	PlanningStart   Date       `json:"planning_start"`            // t = 0 of the forecast
	Calendar        Calendar   `json:"calendar"`                  // working week and holidays
	Confidentiality string     `json:"confidentiality,omitempty"` // label printed on reports, e.g. "Confidential — Board only"

	Teams       []Team       `json:"teams"`
	Products    []Product    `json:"products"`
	Items       []Item       `json:"items"`
	Milestones  []Milestone  `json:"milestones"`
	Risks       []Risk       `json:"risks"`
	BudgetLines []BudgetLine `json:"budget_lines"`
	Deployments []Deployment `json:"deployments"`
	Changes     []Change     `json:"changes"`
	Incidents   []Incident   `json:"incidents"`
	Snapshots   []Snapshot   `json:"snapshots"`

	// ImportMappings remember how each import source maps onto this
	// portfolio, so next month's file imports with no questions.
	ImportMappings []ImportMapping `json:"import_mappings"`

	// HiringLeadWeeks and RampUpWeeks are this portfolio's hiring
	// assumptions for the Decisions page: weeks from the decision to hire
	// until a new engineer starts, and weeks until they are fully
	// productive. 0 means the policy's default (app.Policy: 8 and 4 weeks).
	HiringLeadWeeks int `json:"hiring_lead_weeks,omitempty"`
	RampUpWeeks     int `json:"ramp_up_weeks,omitempty"`
	// Scenarios are the saved what-ifs, kept beside the plan of record.
	Scenarios []Scenario `json:"scenarios,omitempty"`
	// DecisionNote is the director's own words for the decision sheet's
	// ask (at most MaxDecisionNote characters); "" leaves the generated
	// ask.
	DecisionNote string `json:"decision_note,omitempty"`
}

// MaxDecisionNote is the longest DecisionNote, in characters.
const MaxDecisionNote = 20000

// ImportMapping is a saved mapping for one import source.
type ImportMapping struct {
	ID      string            `json:"id"`                // the source's key, e.g. "finance:actuals-by-cost-centre"
	Kind    string            `json:"kind"`              // finance, jira, msproject, gantt, delivery
	Fields  map[string]string `json:"fields,omitempty"`  // portfolio field → source column or element
	Values  map[string]string `json:"values,omitempty"`  // source value → portfolio id (e.g. "CC-4100/AWS" → a budget line id)
	Options map[string]string `json:"options,omitempty"` // format options (sheet, units, spread ...)
}

// Team is a group of engineers that works roadmap items in priority order.
type Team struct {
	ID               string            `json:"id"`
	Name             string            `json:"name"`
	Headcount        float64           `json:"headcount"`                   // FTE at the planning start
	HeadcountChanges []HeadcountChange `json:"headcount_changes,omitempty"` // hires (+) and departures (−), dated
	Allocation       float64           `json:"allocation"`                  // share of time on the roadmap, 0–1 (the rest is KTLO, support...)
	FocusFactor      float64           `json:"focus_factor"`                // share of allocated time that is productive, 0–1
	WIPLimit         int               `json:"wip_limit"`                   // items worked at once
	CostPerFTEMonth  Money             `json:"cost_per_fte_month"`          // loaded cost
}

// HeadcountChange is a hire or departure effective on a date.
type HeadcountChange struct {
	Date  Date    `json:"date"`
	Delta float64 `json:"delta"` // FTE added (negative for a departure)
	Note  string  `json:"note,omitempty"`
}

// HeadcountOn returns the team's FTE on date d (changes take effect on their date).
func (t *Team) HeadcountOn(d Date) float64 {
	h := t.Headcount
	for _, c := range t.HeadcountChanges {
		if c.Date <= d {
			h += c.Delta
		}
	}
	return h
}

// Capacity returns the team's roadmap capacity in person-days per working day on date d:
// headcount × allocation × focus factor.
func (t *Team) Capacity(d Date) float64 {
	h := t.HeadcountOn(d)
	if h < 0 {
		h = 0
	}
	return h * t.Allocation * t.FocusFactor
}

// Product is a grouping of roadmap items (a product or programme).
type Product struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// Commitment levels of a roadmap item.
const (
	Committed = "committed"
	Planned   = "planned"
	Stretch   = "stretch"
)

// Item statuses.
const (
	NotStarted = "not_started"
	InProgress = "in_progress"
	Done       = "done"
	Cancelled  = "cancelled"
)

// Tags used by reports; any other tag is allowed too.
const (
	TagFeature    = "feature"
	TagCompliance = "compliance"
	TagTechDebt   = "tech_debt"
	TagKTLO       = "ktlo"
)

// Item is a roadmap item: an initiative or epic owned by one team.
type Item struct {
	ID                 string       `json:"id"`
	Title              string       `json:"title"`
	ProductID          string       `json:"product,omitempty"`
	TeamID             string       `json:"team"`
	Estimate           Estimate     `json:"estimate"`                        // total effort, person-days
	Remaining          *float64     `json:"remaining_days,omitempty"`        // most likely remaining effort when in progress; nil = whole estimate
	Rank               int          `json:"rank"`                            // priority within the team, 1 = first
	Status             string       `json:"status"`                          // not_started, in_progress, done, cancelled
	StartNoEarlierThan Date         `json:"start_no_earlier_than,omitempty"` // zero = no constraint
	Target             Date         `json:"target,omitempty"`                // date it is promised for; zero = none
	Commitment         string       `json:"commitment"`                      // committed, planned, stretch
	Increment          string       `json:"increment,omitempty"`             // programme increment or quarter label, e.g. "PI 3" or "2027-Q1"
	Tags               []string     `json:"tags,omitempty"`
	DependsOn          []Dependency `json:"depends_on,omitempty"` // finish-to-start predecessors
	Notes              string       `json:"notes,omitempty"`
	Source             string       `json:"source,omitempty"` // where it was imported from, e.g. "jira:FHIR-12"
	// CostOfDelayPerWeek is what each week the item finishes after its
	// Target costs (a commitment's cost of delay); zero = none stated.
	// It needs a target to count from.
	CostOfDelayPerWeek Money `json:"cost_of_delay_per_week,omitzero"`
	// StartedOn and FinishedOn are the actual dates: the day work began and
	// the day the item was done (zero = not recorded). They are what
	// calibration scores forecasts against; a done item without FinishedOn
	// is reported as such, never given a guessed date.
	StartedOn  Date `json:"started_on,omitempty"`
	FinishedOn Date `json:"finished_on,omitempty"`
}

// Estimate is a three-point effort estimate in person-days. Items sized by
// count for throughput forecasting set Count instead.
type Estimate struct {
	Low    float64 `json:"low"`
	Likely float64 `json:"likely"`
	High   float64 `json:"high"`
	Count  int     `json:"count,omitempty"` // number of stories, for throughput forecasting
}

// Dependency is a finish-to-start link: this item starts after ItemID finishes, plus LagDays working days.
type Dependency struct {
	ItemID  string `json:"item"`
	LagDays int    `json:"lag_days,omitempty"`
}

// HasTag reports whether the item carries tag t.
func (it *Item) HasTag(t string) bool {
	for _, x := range it.Tags {
		if x == t {
			return true
		}
	}
	return false
}

// Open reports whether the item still has work to do.
func (it *Item) Open() bool { return it.Status != Done && it.Status != Cancelled }

// The remaining-effort band: an open item with Remaining set is forecast
// from the three-point estimate RemainingLow × Remaining, Remaining,
// RemainingHigh × Remaining (see RemainingEstimate).
const (
	RemainingLow  = 0.75
	RemainingHigh = 1.5
)

// RemainingEstimate returns the three-point estimate of the effort left,
// the one the forecast samples: the whole estimate while Remaining is not
// set; once it is, 75 %, 100 % and 150 % of Remaining (RemainingLow,
// Remaining, RemainingHigh × Remaining), whatever the whole estimate says.
// Done and cancelled items have none left.
//
// The whole estimate is not rescaled to Remaining: every point of the
// result is non-decreasing in each of Low, Likely, High and Remaining, so
// raising any of them never makes the item's remaining effort smaller,
// which a rescaled estimate did (Low and High × Remaining/Likely fall when
// Likely rises). The band is a fixed policy because no rule that takes its
// width from the estimate can have that property: a relative width shrinks
// when Low (or Likely) rises.
func (it *Item) RemainingEstimate() Estimate {
	if !it.Open() {
		return Estimate{}
	}
	if it.Remaining == nil {
		return it.Estimate
	}
	r := *it.Remaining
	return Estimate{Low: RemainingLow * r, Likely: r, High: RemainingHigh * r}
}

// Milestone is a dated external commitment that depends on items.
//
// Its penalty for being late has two parts, either or both: a lump sum
// due as soon as it is late (finished after Date), and an amount per day
// late, counted in working days of the portfolio's calendar or in calendar
// days (PenaltyDays). Penalty keeps the contract's own words.
type Milestone struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Date      Date     `json:"date"`
	Kind      string   `json:"kind,omitempty"` // regulatory, launch, contract, internal
	DependsOn []string `json:"depends_on"`     // item ids
	Penalty   string   `json:"penalty,omitempty"`

	PenaltyLumpSum Money  `json:"penalty_lump_sum,omitzero"` // due once when the milestone is late
	PenaltyPerDay  Money  `json:"penalty_per_day,omitzero"`  // due per day late
	PenaltyDays    string `json:"penalty_days,omitempty"`    // the days PenaltyPerDay counts: working (default) or calendar
}

// Kinds of day a milestone's penalty per day counts.
const (
	WorkingDays  = "working"
	CalendarDays = "calendar"
)

// HasPenalty reports whether the milestone states a penalty in money.
func (m *Milestone) HasPenalty() bool { return m.PenaltyLumpSum.Minor > 0 || m.PenaltyPerDay.Minor > 0 }

// PenaltyCalendarDays reports whether the penalty per day counts calendar
// days (rather than working days).
func (m *Milestone) PenaltyCalendarDays() bool { return m.PenaltyDays == CalendarDays }

// Risk categories.
const (
	RiskCompliance = "compliance"
	RiskSecurity   = "security"
	RiskVendor     = "vendor"
	RiskTechDebt   = "technical_debt"
	RiskPeople     = "people"
	RiskDelivery   = "delivery"
)

// Risk statuses.
const (
	RiskOpen       = "open"
	RiskMitigating = "mitigating"
	RiskAccepted   = "accepted"
	RiskClosed     = "closed"
)

// Risk is an uncertain event that delays items or costs money.
type Risk struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Category    string   `json:"category"`
	Probability float64  `json:"probability"` // 0–1, chance it happens before the work is done
	ImpactDays  float64  `json:"impact_days"` // working days added to each affected item when it happens
	Items       []string `json:"items,omitempty"`
	CostImpact  Money    `json:"cost_impact"`
	Owner       string   `json:"owner,omitempty"`
	Status      string   `json:"status"`
	Mitigation  string   `json:"mitigation,omitempty"`
	SignedOffBy string   `json:"signed_off_by,omitempty"` // for accepted risks
	SignedOffOn Date     `json:"signed_off_on,omitempty"`
}

// Live reports whether the risk can still happen (it feeds the simulation).
func (r *Risk) Live() bool { return r.Status != RiskClosed }

// Budget categories.
const (
	BudgetHeadcount      = "headcount"
	BudgetContractors    = "contractors"
	BudgetTooling        = "tooling"
	BudgetInfrastructure = "infrastructure"
	BudgetVendor         = "vendor_contracts"
	BudgetOther          = "other"
)

// Spend kinds.
const (
	CapEx = "capex"
	OpEx  = "opex"
)

// BudgetLine is one line of the engineering budget with a monthly plan and
// the actuals finance reported.
type BudgetLine struct {
	ID         string        `json:"id"`
	Name       string        `json:"name"`
	Category   string        `json:"category"`
	CostCentre string        `json:"cost_centre,omitempty"`
	Spend      string        `json:"spend"` // capex or opex
	TeamID     string        `json:"team,omitempty"`
	Plan       []MonthAmount `json:"plan"`
	Actual     []MonthAmount `json:"actual"`
}

// MonthAmount is an amount for one month.
type MonthAmount struct {
	Month  Month `json:"month"`
	Amount Money `json:"amount"`
}

// Deployment is one deployment to production.
type Deployment struct {
	ID         string    `json:"id"`
	Service    string    `json:"service,omitempty"`
	DeployedAt time.Time `json:"deployed_at"`
	Failed     bool      `json:"failed"` // caused a failure in production (needed a rollback, fix or incident)
}

// Change is one change (commit or merged pull request) and when it reached production.
type Change struct {
	ID           string    `json:"id"`
	Service      string    `json:"service,omitempty"`
	CommittedAt  time.Time `json:"committed_at"`
	DeployedAt   time.Time `json:"deployed_at"`
	DeploymentID string    `json:"deployment,omitempty"`
}

// Incident is a production incident and its restoration.
type Incident struct {
	ID           string    `json:"id"`
	Service      string    `json:"service,omitempty"`
	Title        string    `json:"title,omitempty"`
	Severity     string    `json:"severity,omitempty"`
	StartedAt    time.Time `json:"started_at"`
	ResolvedAt   time.Time `json:"resolved_at,omitzero"` // zero while open
	DeploymentID string    `json:"deployment,omitempty"` // the deployment that caused it, if known
}

// Snapshot is a forecast frozen at a date, so later forecasts can show what moved.
type Snapshot struct {
	ID       string           `json:"id"`
	Name     string           `json:"name"` // e.g. "Board, March"
	TakenOn  Date             `json:"taken_on"`
	Trials   int              `json:"trials"`
	Seed     uint64           `json:"seed"`
	Forecast []SnapshotResult `json:"forecast"`
}

// SnapshotResult is the frozen forecast of one item or milestone.
type SnapshotResult struct {
	Kind        string  `json:"kind"` // item or milestone
	ID          string  `json:"id"`
	P50         Date    `json:"p50"`
	P85         Date    `json:"p85"`
	Probability float64 `json:"probability"` // of meeting the target, 0–1; -1 when there is no target
}

// AuditEntry is one recorded change to a portfolio file.
type AuditEntry struct {
	Seq      int64     `json:"seq"`
	At       time.Time `json:"at"`
	Action   string    `json:"action"` // create, update, delete
	Entity   string    `json:"entity"` // team, item, ...
	EntityID string    `json:"entity_id"`
	Field    string    `json:"field,omitempty"`
	Old      string    `json:"old,omitempty"`
	New      string    `json:"new,omitempty"`
	Batch    int64     `json:"batch"` // entries written by one user action share a batch (the unit of undo)
}

// SetStatus changes the item's status and keeps its actual dates in step:
// starting work records StartedOn (when not already set), finishing records
// FinishedOn, both on the day given (the caller's today, or a date the user
// chose); going back to not started clears both, and reopening or
// cancelling clears the finish date. A start date never recorded stays
// unrecorded: it is not guessed from the finish. Setting the status the
// item already has changes nothing (editing an item's other fields never
// stamps a date on it).
func (it *Item) SetStatus(status string, on Date) {
	if status == it.Status {
		return
	}
	switch status {
	case NotStarted:
		it.StartedOn, it.FinishedOn = 0, 0
	case InProgress:
		if it.StartedOn.IsZero() {
			it.StartedOn = on
		}
		it.FinishedOn = 0
	case Done:
		it.FinishedOn = on
		if !it.StartedOn.IsZero() && it.StartedOn > it.FinishedOn {
			it.StartedOn = it.FinishedOn
		}
	case Cancelled:
		it.FinishedOn = 0
	}
	it.Status = status
}
