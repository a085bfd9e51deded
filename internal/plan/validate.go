package plan

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Plausibility limits: values beyond these cannot describe a real
// portfolio and would make forecasts and reports run for minutes, so
// Validate refuses them. They are the one copy of these rules: importers
// check their source cells against the same constants to report the
// problem at its cell, early, and the JSON import and every edit go
// through Validate.
const (
	// MaxDays bounds durations in working days: lags, risk impacts, and the
	// durations planning tools give (about 20 years of working days).
	MaxDays = 5_000
	// MaxEstimateDays bounds an item's effort in person-days (low, likely,
	// high and remaining): 20 years of a team of 20.
	MaxEstimateDays = 100_000
	// MaxHeadcount bounds a team's headcount (FTE) at any date, and each change.
	MaxHeadcount = 10_000
	// MaxCount bounds an item's story count and a team's WIP limit.
	MaxCount    = 100_000
	MaxWIPLimit = 1_000
	// MaxTitle bounds names and titles, and short text such as owners,
	// services and tags, in characters.
	MaxTitle = 500
	// MaxText bounds notes, descriptions, mitigations and penalties, and
	// each key and value of an import mapping, in characters.
	MaxText = 20_000
	// MaxWeeks bounds the portfolio's hiring lead time and ramp-up, in weeks (about 10 years).
	MaxWeeks = 520
	// MaxID bounds ids in characters (an id is letters, digits and -_. only).
	MaxID = 64
)

// Validate checks every rule of a portfolio and returns nil or an *Error
// with code EINVALID listing each problem, located by entity, id and field.
func (p *Portfolio) Validate() error {
	v := &validator{cur: p.Currency}
	p.validatePortfolio(v)
	teams := v.ids("team", len(p.Teams), func(i int) string { return p.Teams[i].ID })
	products := v.ids("product", len(p.Products), func(i int) string { return p.Products[i].ID })
	items := v.ids("item", len(p.Items), func(i int) string { return p.Items[i].ID })
	for i := range p.Teams {
		p.Teams[i].validate(v)
	}
	for i := range p.Products {
		pr := &p.Products[i]
		if strings.TrimSpace(pr.Name) == "" {
			v.add("product", pr.ID, "name", "Product name is required.")
		}
		v.title("product", pr.ID, "name", pr.Name)
		v.text("product", pr.ID, "description", pr.Description, MaxText)
	}
	for i := range p.Items {
		p.Items[i].validate(v, teams, products, items)
	}
	if cyc := p.DependencyCycle(); cyc != nil {
		v.add("item", cyc[0], "depends_on", "Dependency cycle: "+strings.Join(cyc, " → ")+". Remove one of these dependencies.")
	}
	v.ids("milestone", len(p.Milestones), func(i int) string { return p.Milestones[i].ID })
	for _, m := range p.Milestones {
		if strings.TrimSpace(m.Name) == "" {
			v.add("milestone", m.ID, "name", "Milestone name is required.")
		}
		v.title("milestone", m.ID, "name", m.Name)
		v.title("milestone", m.ID, "kind", m.Kind)
		v.text("milestone", m.ID, "penalty", m.Penalty, MaxText)
		v.money("milestone", m.ID, "penalty_lump_sum", m.PenaltyLumpSum)
		if m.PenaltyLumpSum.Minor < 0 {
			v.add("milestone", m.ID, "penalty_lump_sum", "The penalty's lump sum cannot be negative.")
		}
		v.money("milestone", m.ID, "penalty_per_day", m.PenaltyPerDay)
		if m.PenaltyPerDay.Minor < 0 {
			v.add("milestone", m.ID, "penalty_per_day", "The penalty per day late cannot be negative.")
		}
		switch m.PenaltyDays {
		case "", WorkingDays, CalendarDays:
		default:
			v.add("milestone", m.ID, "penalty_days", fmt.Sprintf("The penalty per day counts %q days; say working or calendar.", m.PenaltyDays))
		}
		if m.PenaltyDays != "" && m.PenaltyPerDay.Minor == 0 {
			v.add("milestone", m.ID, "penalty_days", "The penalty says which days it counts but has no amount per day late.")
		}
		if m.Date.IsZero() {
			v.add("milestone", m.ID, "date", "Milestone date is required.")
		}
		v.date("milestone", m.ID, "date", m.Date)
		for _, d := range m.DependsOn {
			if !items[d] {
				v.add("milestone", m.ID, "depends_on", fmt.Sprintf("Depends on item %q, which does not exist.", d))
			}
		}
	}
	v.ids("risk", len(p.Risks), func(i int) string { return p.Risks[i].ID })
	for i := range p.Risks {
		p.Risks[i].validate(v, items)
	}
	v.ids("budget line", len(p.BudgetLines), func(i int) string { return p.BudgetLines[i].ID })
	for i := range p.BudgetLines {
		p.BudgetLines[i].validate(v, teams)
	}
	v.ids("deployment", len(p.Deployments), func(i int) string { return p.Deployments[i].ID })
	for _, d := range p.Deployments {
		if d.DeployedAt.IsZero() {
			v.add("deployment", d.ID, "deployed_at", "Deployment time is required.")
		}
		v.timestamp("deployment", d.ID, "deployed_at", d.DeployedAt)
		v.title("deployment", d.ID, "service", d.Service)
	}
	v.ids("change", len(p.Changes), func(i int) string { return p.Changes[i].ID })
	for _, c := range p.Changes {
		if c.CommittedAt.IsZero() || c.DeployedAt.IsZero() {
			v.add("change", c.ID, "committed_at", "A change needs both its commit time and its deploy time.")
		} else if c.DeployedAt.Before(c.CommittedAt) {
			v.add("change", c.ID, "deployed_at", "Deployed before it was committed.")
		}
		v.timestamp("change", c.ID, "committed_at", c.CommittedAt)
		v.timestamp("change", c.ID, "deployed_at", c.DeployedAt)
		v.title("change", c.ID, "service", c.Service)
	}
	v.ids("incident", len(p.Incidents), func(i int) string { return p.Incidents[i].ID })
	for _, in := range p.Incidents {
		if in.StartedAt.IsZero() {
			v.add("incident", in.ID, "started_at", "Incident start time is required.")
		} else if !in.ResolvedAt.IsZero() && in.ResolvedAt.Before(in.StartedAt) {
			v.add("incident", in.ID, "resolved_at", "Resolved before it started.")
		}
		v.timestamp("incident", in.ID, "started_at", in.StartedAt)
		v.timestamp("incident", in.ID, "resolved_at", in.ResolvedAt)
		v.title("incident", in.ID, "service", in.Service)
		v.title("incident", in.ID, "title", in.Title)
		v.title("incident", in.ID, "severity", in.Severity)
	}
	v.ids("snapshot", len(p.Snapshots), func(i int) string { return p.Snapshots[i].ID })
	for _, sn := range p.Snapshots {
		v.date("snapshot", sn.ID, "taken_on", sn.TakenOn)
		v.title("snapshot", sn.ID, "name", sn.Name)
		for _, r := range sn.Forecast {
			v.date("snapshot", sn.ID, "forecast", r.P50)
			v.date("snapshot", sn.ID, "forecast", r.P85)
		}
	}
	p.validateScenarios(v)
	v.ids("import mapping", len(p.ImportMappings), func(i int) string { return p.ImportMappings[i].ID })
	for _, m := range p.ImportMappings {
		v.text("import mapping", m.ID, "id", m.ID, MaxTitle)
		for _, kv := range []map[string]string{m.Fields, m.Values, m.Options} {
			for k, x := range kv {
				if len(k) > MaxText || len(x) > MaxText {
					v.text("import mapping", m.ID, k, k, MaxText)
					v.text("import mapping", m.ID, k, x, MaxText)
				}
			}
		}
	}
	return v.err()
}

func (p *Portfolio) validatePortfolio(v *validator) {
	if strings.TrimSpace(p.Name) == "" {
		v.add("portfolio", "", "name", "Portfolio name is required.")
	}
	v.title("portfolio", "", "name", p.Name)
	v.title("portfolio", "", "confidentiality", p.Confidentiality)
	for _, w := range []struct {
		field string
		v     int
	}{{"hiring_lead_weeks", p.HiringLeadWeeks}, {"ramp_up_weeks", p.RampUpWeeks}} {
		if w.v < 0 {
			v.add("portfolio", "", w.field, "A number of weeks cannot be negative (0 means the default).")
		} else if w.v > MaxWeeks {
			v.add("portfolio", "", w.field, fmt.Sprintf("%d weeks is more than a hiring plan can mean; at most %d.", w.v, MaxWeeks))
		}
	}
	if n := utf8.RuneCountInString(p.DecisionNote); n > MaxDecisionNote {
		v.add("portfolio", "", "decision_note", fmt.Sprintf("The decision note is %s characters long; at most %s.", Group(strconv.Itoa(n)), Group(strconv.Itoa(MaxDecisionNote))))
	}
	if !ValidCurrency(p.Currency) {
		v.add("portfolio", "", "currency", fmt.Sprintf("Currency %q is not a three-letter ISO 4217 code such as USD or EUR.", p.Currency))
	}
	if p.FiscalYearStart < 1 || p.FiscalYearStart > 12 {
		v.add("portfolio", "", "fiscal_year_start_month", "Fiscal year start month must be 1 (January) to 12 (December).")
	}
	if p.PlanningStart.IsZero() {
		v.add("portfolio", "", "planning_start", "Planning start date is required.")
	}
	v.date("portfolio", "", "planning_start", p.PlanningStart)
	if len(p.Calendar.Workdays) > 0 {
		seen := map[int]bool{}
		for _, d := range p.Calendar.Workdays {
			if d < 0 || d > 6 || seen[int(d)] {
				v.add("portfolio", "", "calendar.workdays", "Working days must be distinct weekdays (0 = Sunday … 6 = Saturday).")
				break
			}
			seen[int(d)] = true
		}
	}
	seen := map[Date]bool{}
	for _, h := range p.Calendar.Holidays {
		if h.Date.IsZero() {
			v.add("portfolio", "", "calendar.holidays", fmt.Sprintf("Holiday %q has no date.", h.Name))
		} else if seen[h.Date] {
			v.add("portfolio", "", "calendar.holidays", fmt.Sprintf("Holiday on %s is listed twice.", h.Date))
		}
		v.date("portfolio", "", "calendar.holidays", h.Date)
		v.title("portfolio", "", "calendar.holidays", h.Name)
		seen[h.Date] = true
	}
}

func (t *Team) validate(v *validator) {
	if strings.TrimSpace(t.Name) == "" {
		v.add("team", t.ID, "name", "Team name is required.")
	}
	v.title("team", t.ID, "name", t.Name)
	if t.Headcount < 0 || !finite(t.Headcount) {
		v.add("team", t.ID, "headcount", "Headcount cannot be negative.")
	} else if t.Headcount > MaxHeadcount {
		v.add("team", t.ID, "headcount", fmt.Sprintf("Headcount %g is more than a portfolio can mean; at most %s FTE.", t.Headcount, thousands(MaxHeadcount)))
	}
	changes := append([]HeadcountChange(nil), t.HeadcountChanges...)
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Date < changes[j].Date })
	h := t.Headcount
	for _, c := range changes {
		if c.Date.IsZero() {
			v.add("team", t.ID, "headcount_changes", "A headcount change has no date.")
			continue
		}
		v.date("team", t.ID, "headcount_changes", c.Date)
		v.text("team", t.ID, "headcount_changes.note", c.Note, MaxTitle)
		if !finite(c.Delta) || math.Abs(c.Delta) > MaxHeadcount {
			v.add("team", t.ID, "headcount_changes", fmt.Sprintf("The change on %s (%g FTE) is more than a portfolio can mean; at most %s FTE.", c.Date, c.Delta, thousands(MaxHeadcount)))
			break
		}
		h += c.Delta
		if h > MaxHeadcount {
			v.add("team", t.ID, "headcount_changes", fmt.Sprintf("Headcount would be %g after the change on %s; at most %s FTE.", h, c.Date, thousands(MaxHeadcount)))
			break
		}
		if h < -1e-9 {
			v.add("team", t.ID, "headcount_changes", fmt.Sprintf("Headcount would be negative (%.1f) after the change on %s.", h, c.Date))
			break
		}
	}
	if !(t.Allocation > 0 && t.Allocation <= 1) {
		v.add("team", t.ID, "allocation", "Allocation must be more than 0% and at most 100%.")
	}
	if !(t.FocusFactor > 0 && t.FocusFactor <= 1) {
		v.add("team", t.ID, "focus_factor", "Focus factor must be more than 0% and at most 100%.")
	}
	if t.WIPLimit < 1 {
		v.add("team", t.ID, "wip_limit", "WIP limit must be at least 1.")
	} else if t.WIPLimit > MaxWIPLimit {
		v.add("team", t.ID, "wip_limit", fmt.Sprintf("WIP limit %d is more than a team can mean; at most %s.", t.WIPLimit, thousands(MaxWIPLimit)))
	}
	v.money("team", t.ID, "cost_per_fte_month", t.CostPerFTEMonth)
	if t.CostPerFTEMonth.Minor < 0 {
		v.add("team", t.ID, "cost_per_fte_month", "Cost per FTE-month cannot be negative.")
	}
}

func (it *Item) validate(v *validator, teams, products, items map[string]bool) {
	if strings.TrimSpace(it.Title) == "" {
		v.add("item", it.ID, "title", "Item title is required.")
	}
	v.title("item", it.ID, "title", it.Title)
	v.text("item", it.ID, "notes", it.Notes, MaxText)
	v.title("item", it.ID, "increment", it.Increment)
	v.title("item", it.ID, "source", it.Source)
	for _, tag := range it.Tags {
		v.title("item", it.ID, "tags", tag)
	}
	switch {
	case it.TeamID == "":
		v.add("item", it.ID, "team", "Every item needs an owning team.")
	case !teams[it.TeamID]:
		v.add("item", it.ID, "team", fmt.Sprintf("Team %q does not exist.", it.TeamID))
	}
	if it.ProductID != "" && !products[it.ProductID] {
		v.add("item", it.ID, "product", fmt.Sprintf("Product %q does not exist.", it.ProductID))
	}
	e := it.Estimate
	switch {
	case e.Low < 0 || e.Likely < 0 || e.High < 0 || !finite(e.Low) || !finite(e.Likely) || !finite(e.High):
		v.add("item", it.ID, "estimate", "Estimates cannot be negative.")
	case e.High > MaxEstimateDays || e.Likely > MaxEstimateDays || e.Low > MaxEstimateDays:
		v.add("item", it.ID, "estimate.high", fmt.Sprintf("An estimate of %g person-days is more than a portfolio can mean; at most %s (20 years of a team of 20).", max(e.Low, e.Likely, e.High), thousands(MaxEstimateDays)))
	case e.Low > e.High:
		v.add("item", it.ID, "estimate.low", fmt.Sprintf("Low estimate (%g days) is more than the high estimate (%g days).", e.Low, e.High))
	case e.Likely < e.Low || e.Likely > e.High:
		v.add("item", it.ID, "estimate.likely", fmt.Sprintf("Likely estimate (%g days) must lie between low (%g) and high (%g).", e.Likely, e.Low, e.High))
	}
	if e.Count < 0 {
		v.add("item", it.ID, "estimate.count", "Item count cannot be negative.")
	} else if e.Count > MaxCount {
		v.add("item", it.ID, "estimate.count", fmt.Sprintf("A count of %d stories is more than one item can mean; at most %s.", e.Count, thousands(MaxCount)))
	}
	if it.Remaining != nil && (*it.Remaining < 0 || !finite(*it.Remaining)) {
		v.add("item", it.ID, "remaining_days", "Remaining effort cannot be negative.")
	} else if it.Remaining != nil && *it.Remaining > MaxEstimateDays {
		v.add("item", it.ID, "remaining_days", fmt.Sprintf("Remaining effort of %g person-days is more than a portfolio can mean; at most %s.", *it.Remaining, thousands(MaxEstimateDays)))
	}
	if it.Rank < 0 {
		v.add("item", it.ID, "rank", "Priority rank cannot be negative.")
	}
	if !oneOf(it.Status, NotStarted, InProgress, Done, Cancelled) {
		v.add("item", it.ID, "status", fmt.Sprintf("Status %q is not one of not_started, in_progress, done, cancelled.", it.Status))
	}
	if !oneOf(it.Commitment, Committed, Planned, Stretch) {
		v.add("item", it.ID, "commitment", fmt.Sprintf("Commitment %q is not one of committed, planned, stretch.", it.Commitment))
	}
	if it.Commitment == Committed && it.Target.IsZero() && it.Open() {
		v.add("item", it.ID, "target", "A committed item needs a target date.")
	}
	v.date("item", it.ID, "target", it.Target)
	v.date("item", it.ID, "start_no_earlier_than", it.StartNoEarlierThan)
	v.date("item", it.ID, "started_on", it.StartedOn)
	v.date("item", it.ID, "finished_on", it.FinishedOn)
	switch {
	case !it.FinishedOn.IsZero() && it.Status != Done:
		v.add("item", it.ID, "finished_on", fmt.Sprintf("Only a done item has a finish date; this one is %s. Clear the date or mark the item done.", strings.ReplaceAll(it.Status, "_", " ")))
	case !it.StartedOn.IsZero() && it.Status == NotStarted:
		v.add("item", it.ID, "started_on", "An item that has not started has no start date. Clear the date or mark the item in progress.")
	case !it.StartedOn.IsZero() && !it.FinishedOn.IsZero() && it.FinishedOn < it.StartedOn:
		v.add("item", it.ID, "finished_on", fmt.Sprintf("The finish date %s is before the start date %s.", it.FinishedOn, it.StartedOn))
	}
	v.money("item", it.ID, "cost_of_delay_per_week", it.CostOfDelayPerWeek)
	if it.CostOfDelayPerWeek.Minor < 0 {
		v.add("item", it.ID, "cost_of_delay_per_week", "The cost of delay per week cannot be negative.")
	} else if it.CostOfDelayPerWeek.Minor > 0 && it.Target.IsZero() {
		v.add("item", it.ID, "cost_of_delay_per_week", "A cost of delay counts from a target date; give the item a target.")
	}
	seen := map[string]bool{}
	for _, d := range it.DependsOn {
		switch {
		case d.ItemID == it.ID:
			v.add("item", it.ID, "depends_on", "An item cannot depend on itself.")
		case !items[d.ItemID]:
			v.add("item", it.ID, "depends_on", fmt.Sprintf("Depends on item %q, which does not exist.", d.ItemID))
		case seen[d.ItemID]:
			v.add("item", it.ID, "depends_on", fmt.Sprintf("Depends on item %q twice.", d.ItemID))
		}
		if d.LagDays < 0 {
			v.add("item", it.ID, "depends_on", fmt.Sprintf("Lag after %q cannot be negative.", d.ItemID))
		} else if d.LagDays > MaxDays {
			v.add("item", it.ID, "depends_on", fmt.Sprintf("A lag of %d working days after %q is more than a plan can mean; at most %s (about 20 years).", d.LagDays, d.ItemID, thousands(MaxDays)))
		}
		seen[d.ItemID] = true
	}
}

func (r *Risk) validate(v *validator, items map[string]bool) {
	if strings.TrimSpace(r.Title) == "" {
		v.add("risk", r.ID, "title", "Risk title is required.")
	}
	v.title("risk", r.ID, "title", r.Title)
	v.title("risk", r.ID, "owner", r.Owner)
	v.title("risk", r.ID, "signed_off_by", r.SignedOffBy)
	v.text("risk", r.ID, "mitigation", r.Mitigation, MaxText)
	if !oneOf(r.Category, RiskCompliance, RiskSecurity, RiskVendor, RiskTechDebt, RiskPeople, RiskDelivery) {
		v.add("risk", r.ID, "category", fmt.Sprintf("Category %q is not one of compliance, security, vendor, technical_debt, people, delivery.", r.Category))
	}
	if !(r.Probability >= 0 && r.Probability <= 1) {
		v.add("risk", r.ID, "probability", "Probability must be between 0% and 100%.")
	}
	if r.ImpactDays < 0 || !finite(r.ImpactDays) {
		v.add("risk", r.ID, "impact_days", "Schedule impact cannot be negative.")
	} else if r.ImpactDays > MaxDays {
		v.add("risk", r.ID, "impact_days", fmt.Sprintf("A schedule impact of %g working days is more than a plan can mean; at most %s (about 20 years).", r.ImpactDays, thousands(MaxDays)))
	}
	if r.ImpactDays > 0 && len(r.Items) == 0 {
		v.add("risk", r.ID, "items", "A risk with a schedule impact must name the items it delays.")
	}
	for _, id := range r.Items {
		if !items[id] {
			v.add("risk", r.ID, "items", fmt.Sprintf("Affects item %q, which does not exist.", id))
		}
	}
	v.money("risk", r.ID, "cost_impact", r.CostImpact)
	if !oneOf(r.Status, RiskOpen, RiskMitigating, RiskAccepted, RiskClosed) {
		v.add("risk", r.ID, "status", fmt.Sprintf("Status %q is not one of open, mitigating, accepted, closed.", r.Status))
	}
	if r.Status == RiskAccepted && (strings.TrimSpace(r.SignedOffBy) == "" || r.SignedOffOn.IsZero()) {
		v.add("risk", r.ID, "signed_off_by", "An accepted risk needs who signed it off and when.")
	}
	v.date("risk", r.ID, "signed_off_on", r.SignedOffOn)
}

func (b *BudgetLine) validate(v *validator, teams map[string]bool) {
	if strings.TrimSpace(b.Name) == "" {
		v.add("budget line", b.ID, "name", "Budget line name is required.")
	}
	v.title("budget line", b.ID, "name", b.Name)
	v.title("budget line", b.ID, "cost_centre", b.CostCentre)
	if !oneOf(b.Category, BudgetHeadcount, BudgetContractors, BudgetTooling, BudgetInfrastructure, BudgetVendor, BudgetOther) {
		v.add("budget line", b.ID, "category", fmt.Sprintf("Category %q is not one of headcount, contractors, tooling, infrastructure, vendor_contracts, other.", b.Category))
	}
	if !oneOf(b.Spend, CapEx, OpEx) {
		v.add("budget line", b.ID, "spend", fmt.Sprintf("Spend %q must be capex or opex.", b.Spend))
	}
	if b.TeamID != "" && !teams[b.TeamID] {
		v.add("budget line", b.ID, "team", fmt.Sprintf("Team %q does not exist.", b.TeamID))
	}
	for _, series := range []struct {
		name string
		ms   []MonthAmount
	}{{"plan", b.Plan}, {"actual", b.Actual}} {
		seen := map[Month]bool{}
		for _, ma := range series.ms {
			if ma.Month.IsZero() {
				v.add("budget line", b.ID, series.name, "An amount has no month.")
				continue
			}
			if !validMonth(ma.Month) {
				v.add("budget line", b.ID, series.name, fmt.Sprintf("Month %s is out of range: the year must be between 1 and 9999.", ma.Month))
			}
			if seen[ma.Month] {
				v.add("budget line", b.ID, series.name, fmt.Sprintf("%s appears twice.", ma.Month))
			}
			seen[ma.Month] = true
			// The field name is built only for a problem: a large import
			// validates hundreds of thousands of amounts.
			if v.foreign(ma.Amount) {
				v.money("budget line", b.ID, series.name+"."+ma.Month.String(), ma.Amount)
			}
		}
	}
}

// DependencyCycle returns one dependency cycle among the items as a list of
// ids whose first and last elements are equal, or nil when there is none.
// Dependencies on unknown items are ignored.
func (p *Portfolio) DependencyCycle() []string {
	idx := make(map[string]int, len(p.Items))
	for i, it := range p.Items {
		idx[it.ID] = i
	}
	const (
		white = iota
		grey
		black
	)
	color := make([]int, len(p.Items))
	var stack []string
	var cycle []string
	var visit func(i int) bool
	visit = func(i int) bool {
		color[i] = grey
		stack = append(stack, p.Items[i].ID)
		for _, d := range p.Items[i].DependsOn {
			j, ok := idx[d.ItemID]
			if !ok {
				continue
			}
			if color[j] == grey {
				for k, id := range stack {
					if id == d.ItemID {
						cycle = append(append([]string(nil), stack[k:]...), d.ItemID)
						return true
					}
				}
			}
			if color[j] == white && visit(j) {
				return true
			}
		}
		stack = stack[:len(stack)-1]
		color[i] = black
		return false
	}
	for i := range p.Items {
		if color[i] == white && visit(i) {
			// Report the cycle in dependency order: X depends on Y → X → Y.
			return cycle
		}
	}
	return nil
}

type validator struct {
	cur      string
	problems []Problem
}

func (v *validator) add(entity, id, field, msg string) {
	v.problems = append(v.problems, Problem{Entity: entity, ID: id, Field: field, Message: msg})
}

func (v *validator) money(entity, id, field string, m Money) {
	if v.foreign(m) {
		v.add(entity, id, field, fmt.Sprintf("Amount is in %s but the portfolio's currency is %s.", m.Currency, v.cur))
	}
}

// foreign reports whether m is in a currency other than the portfolio's.
func (v *validator) foreign(m Money) bool { return m.Currency != "" && m.Currency != v.cur }

// Dates are written as YYYY-MM-DD (JSON, the file, reports), so a date a
// portfolio holds must have a year from 1 to 9999.
var (
	firstDate = NewDate(1, time.January, 1)
	lastDate  = NewDate(9999, time.December, 31)
	lastMonth = MonthOf(9999, time.December)
)

// validDate reports whether d is unset or has a year from 1 to 9999.
func validDate(d Date) bool { return d.IsZero() || d >= firstDate && d <= lastDate }

// validMonth reports whether m has a year from 1 to 9999.
func validMonth(m Month) bool { return m >= MonthOf(1, time.January) && m <= lastMonth }

// date adds a problem when d is set but outside the years 1 to 9999.
func (v *validator) date(entity, id, field string, d Date) {
	if !validDate(d) {
		v.add(entity, id, field, fmt.Sprintf("Date %s is out of range: the year must be between 1 and 9999.", d))
	}
}

// timestamp adds a problem when t is set but outside the years 1 to 9999.
func (v *validator) timestamp(entity, id, field string, t time.Time) {
	if !t.IsZero() && (t.Year() < 1 || t.Year() > 9999) {
		v.add(entity, id, field, fmt.Sprintf("Time %s is out of range: the year must be between 1 and 9999.", t.Format(time.DateOnly)))
	}
}

// ids checks that every id is present and unique and returns the set.
func (v *validator) ids(entity string, n int, id func(int) string) map[string]bool {
	set := make(map[string]bool, n)
	for i := 0; i < n; i++ {
		s := id(i)
		switch {
		case strings.TrimSpace(s) == "":
			v.add(entity, "", "id", fmt.Sprintf("The %s in position %d has no id.", entity, i+1))
		case set[s]:
			v.add(entity, s, "id", fmt.Sprintf("Two %ss have the id %q.", entity, s))
		case entity != "import mapping" && !validID(s):
			v.add(entity, s, "id", fmt.Sprintf("Id %q may use letters, digits, '-', '_' and '.' only.", s))
		}
		set[s] = true
	}
	return set
}

func validID(s string) bool {
	if len(s) > MaxID {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func (v *validator) err() error {
	if len(v.problems) == 0 {
		return nil
	}
	msg := "The portfolio has 1 problem:"
	if len(v.problems) > 1 {
		msg = fmt.Sprintf("The portfolio has %d problems:", len(v.problems))
	}
	return &Error{Code: EINVALID, Message: msg, Problems: v.problems}
}

// title adds a problem when s is longer than MaxTitle characters.
func (v *validator) title(entity, id, field, s string) { v.text(entity, id, field, s, MaxTitle) }

// text adds a problem when s is longer than max characters. Counting
// runes is needed only when s has more bytes than max.
func (v *validator) text(entity, id, field, s string, max int) {
	if len(s) <= max {
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.add(entity, id, field, fmt.Sprintf("This text is %s characters long; at most %s are allowed.", thousands(n), thousands(max)))
	}
}

// thousands renders n with comma separators: 20000 → "20,000" (Group, the
// grouping figure uses too).
func thousands(n int) string { return Group(strconv.Itoa(n)) }

func oneOf(s string, opts ...string) bool {
	for _, o := range opts {
		if s == o {
			return true
		}
	}
	return false
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
