package sqlite

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"steerco/internal/plan"
)

// kinds lists every kind of entity in the order changes are written and
// audited. Foreign keys are deferred, so the order is for readability of the
// audit log only.
var kinds = []entityKind{
	settingsKind{},
	&kind[plan.Team]{
		entity: entityTeam,
		list:   func(p *plan.Portfolio) *[]plan.Team { return &p.Teams },
		id:     func(x *plan.Team) string { return x.ID },
		save:   saveTeam,
		del:    deleter("teams"),
	},
	&kind[plan.Product]{
		entity: entityProduct,
		list:   func(p *plan.Portfolio) *[]plan.Product { return &p.Products },
		id:     func(x *plan.Product) string { return x.ID },
		save: func(w *writer, x *plan.Product, _ map[string]bool) error {
			return w.exec(sqlProduct, x.ID, x.Name, x.Description)
		},
		del: deleter("products"),
	},
	&kind[plan.Item]{
		entity: entityItem,
		list:   func(p *plan.Portfolio) *[]plan.Item { return &p.Items },
		id:     func(x *plan.Item) string { return x.ID },
		save:   saveItem,
		del:    deleter("items"),
	},
	&kind[plan.Milestone]{
		entity: entityMilestone,
		list:   func(p *plan.Portfolio) *[]plan.Milestone { return &p.Milestones },
		id:     func(x *plan.Milestone) string { return x.ID },
		save:   saveMilestone,
		del:    deleter("milestones"),
	},
	&kind[plan.Risk]{
		entity: entityRisk,
		list:   func(p *plan.Portfolio) *[]plan.Risk { return &p.Risks },
		id:     func(x *plan.Risk) string { return x.ID },
		save:   saveRisk,
		del:    deleter("risks"),
	},
	&kind[plan.BudgetLine]{
		entity: entityBudgetLine,
		list:   func(p *plan.Portfolio) *[]plan.BudgetLine { return &p.BudgetLines },
		id:     func(x *plan.BudgetLine) string { return x.ID },
		save: func(w *writer, x *plan.BudgetLine, _ map[string]bool) error {
			return w.exec(sqlBudgetLine, x.ID, x.Name, x.Category, x.CostCentre, x.Spend, nullString(x.TeamID))
		},
		del: deleter("budget_lines"),
		fields: func(x *plan.BudgetLine) any {
			c := *x
			c.Plan, c.Actual = nil, nil
			return c
		},
		extra:       diffBudgetAmounts,
		revertField: revertBudgetAmounts,
	},
	&kind[plan.Deployment]{
		entity: entityDeployment,
		list:   func(p *plan.Portfolio) *[]plan.Deployment { return &p.Deployments },
		id:     func(x *plan.Deployment) string { return x.ID },
		save: func(w *writer, x *plan.Deployment, _ map[string]bool) error {
			return w.exec(sqlDeployment, x.ID, x.Service, timeValue(x.DeployedAt), x.Failed)
		},
		del: deleter("deployments"),
	},
	&kind[plan.Change]{
		entity: entityChange,
		list:   func(p *plan.Portfolio) *[]plan.Change { return &p.Changes },
		id:     func(x *plan.Change) string { return x.ID },
		save: func(w *writer, x *plan.Change, _ map[string]bool) error {
			return w.exec(sqlChange, x.ID, x.Service, timeValue(x.CommittedAt), timeValue(x.DeployedAt), x.DeploymentID)
		},
		del: deleter("changes"),
	},
	&kind[plan.Incident]{
		entity: entityIncident,
		list:   func(p *plan.Portfolio) *[]plan.Incident { return &p.Incidents },
		id:     func(x *plan.Incident) string { return x.ID },
		save: func(w *writer, x *plan.Incident, _ map[string]bool) error {
			return w.exec(sqlIncident, x.ID, x.Service, x.Title, x.Severity, timeValue(x.StartedAt), timeValue(x.ResolvedAt), x.DeploymentID)
		},
		del: deleter("incidents"),
	},
	&kind[plan.Snapshot]{
		entity: entitySnapshot,
		list:   func(p *plan.Portfolio) *[]plan.Snapshot { return &p.Snapshots },
		id:     func(x *plan.Snapshot) string { return x.ID },
		save:   saveSnapshot,
		del:    deleter("snapshots"),
	},
	&kind[plan.ImportMapping]{
		entity: entityImportMapping,
		list:   func(p *plan.Portfolio) *[]plan.ImportMapping { return &p.ImportMappings },
		id:     func(x *plan.ImportMapping) string { return x.ID },
		save:   saveImportMapping,
		del:    deleter("import_mappings"),
	},
	&kind[plan.Scenario]{
		entity: entityScenario,
		list:   func(p *plan.Portfolio) *[]plan.Scenario { return &p.Scenarios },
		id:     func(x *plan.Scenario) string { return x.ID },
		save:   saveScenario,
		del:    deleter("scenarios"),
	},
}

// upsert builds INSERT … ON CONFLICT (id) DO UPDATE for a table whose first
// column is id. An update keeps the row (and so the rows that reference it),
// unlike INSERT OR REPLACE, which would delete it and cascade.
func upsert(table string, cols ...string) string {
	set := make([]string, 0, len(cols)-1)
	for _, c := range cols[1:] {
		set = append(set, c+" = excluded."+c)
	}
	return fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s) ON CONFLICT (%s) DO UPDATE SET %s",
		table, strings.Join(cols, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", "), cols[0], strings.Join(set, ", "))
}

var (
	sqlTeam       = upsert("teams", "id", "name", "headcount", "allocation", "focus_factor", "wip_limit", "cost_per_fte_month_minor")
	sqlProduct    = upsert("products", "id", "name", "description")
	sqlItem       = upsert("items", "id", "title", "product_id", "team_id", "estimate_low", "estimate_likely", "estimate_high", "estimate_count", "remaining_days", "rank", "status", "start_no_earlier_than", "target", "commitment", "increment", "notes", "source", "cost_of_delay_per_week_minor", "started_on", "finished_on")
	sqlMilestone  = upsert("milestones", "id", "name", "date", "kind", "penalty", "penalty_lump_sum_minor", "penalty_per_day_minor", "penalty_days")
	sqlRisk       = upsert("risks", "id", "title", "category", "probability", "impact_days", "cost_impact_minor", "owner", "status", "mitigation", "signed_off_by", "signed_off_on")
	sqlBudgetLine = upsert("budget_lines", "id", "name", "category", "cost_centre", "spend", "team_id")
	sqlDeployment = upsert("deployments", "id", "service", "deployed_at", "failed")
	sqlChange     = upsert("changes", "id", "service", "committed_at", "deployed_at", "deployment_id")
	sqlIncident   = upsert("incidents", "id", "service", "title", "severity", "started_at", "resolved_at", "deployment_id")
	sqlSnapshot   = upsert("snapshots", "id", "name", "taken_on", "trials", "seed")
	sqlMapping    = upsert("import_mappings", "id", "kind")
	sqlSettings   = upsert("portfolio", "id", "name", "currency", "fiscal_year_start_month", "planning_start", "workdays", "confidentiality", "hiring_lead_weeks", "ramp_up_weeks", "decision_note")
	sqlScenario   = upsert("scenarios", "id", "name", "description")
)

func deleter(table string) func(w *writer, id string) error {
	q := "DELETE FROM " + table + " WHERE id = ?"
	return func(w *writer, id string) error { return w.exec(q, id) }
}

// children rewrites the child rows of one parent when field changed (or
// always for a new parent, changed == nil).
func children(w *writer, changed map[string]bool, field, del string, id string, n int, insert func(i int) error) error {
	if changed != nil {
		if !changed[field] {
			return nil
		}
		if err := w.exec(del, id); err != nil {
			return err
		}
	}
	for i := 0; i < n; i++ {
		if err := insert(i); err != nil {
			return err
		}
	}
	return nil
}

func saveTeam(w *writer, x *plan.Team, changed map[string]bool) error {
	if err := w.exec(sqlTeam, x.ID, x.Name, x.Headcount, x.Allocation, x.FocusFactor, x.WIPLimit, x.CostPerFTEMonth.Minor); err != nil {
		return err
	}
	return children(w, changed, "headcount_changes", "DELETE FROM headcount_changes WHERE team_id = ?", x.ID, len(x.HeadcountChanges), func(i int) error {
		c := x.HeadcountChanges[i]
		return w.exec("INSERT INTO headcount_changes (team_id, pos, date, delta, note) VALUES (?, ?, ?, ?, ?)", x.ID, i, dateValue(c.Date), c.Delta, c.Note)
	})
}

func saveItem(w *writer, x *plan.Item, changed map[string]bool) error {
	var rem any
	if x.Remaining != nil {
		rem = *x.Remaining
	}
	e := x.Estimate
	if err := w.exec(sqlItem, x.ID, x.Title, nullString(x.ProductID), x.TeamID, e.Low, e.Likely, e.High, e.Count, rem, x.Rank, x.Status,
		dateValue(x.StartNoEarlierThan), dateValue(x.Target), x.Commitment, x.Increment, x.Notes, x.Source, x.CostOfDelayPerWeek.Minor,
		dateValue(x.StartedOn), dateValue(x.FinishedOn)); err != nil {
		return err
	}
	err := children(w, changed, "tags", "DELETE FROM item_tags WHERE item_id = ?", x.ID, len(x.Tags), func(i int) error {
		return w.exec("INSERT INTO item_tags (item_id, pos, tag) VALUES (?, ?, ?)", x.ID, i, x.Tags[i])
	})
	if err != nil {
		return err
	}
	return children(w, changed, "depends_on", "DELETE FROM dependencies WHERE item_id = ?", x.ID, len(x.DependsOn), func(i int) error {
		d := x.DependsOn[i]
		return w.exec("INSERT INTO dependencies (item_id, depends_on, lag_days) VALUES (?, ?, ?)", x.ID, d.ItemID, d.LagDays)
	})
}

func saveMilestone(w *writer, x *plan.Milestone, changed map[string]bool) error {
	if err := w.exec(sqlMilestone, x.ID, x.Name, dateValue(x.Date), x.Kind, x.Penalty, x.PenaltyLumpSum.Minor, x.PenaltyPerDay.Minor, x.PenaltyDays); err != nil {
		return err
	}
	return children(w, changed, "depends_on", "DELETE FROM milestone_items WHERE milestone_id = ?", x.ID, len(x.DependsOn), func(i int) error {
		return w.exec("INSERT INTO milestone_items (milestone_id, pos, item_id) VALUES (?, ?, ?)", x.ID, i, x.DependsOn[i])
	})
}

func saveRisk(w *writer, x *plan.Risk, changed map[string]bool) error {
	if err := w.exec(sqlRisk, x.ID, x.Title, x.Category, x.Probability, x.ImpactDays, x.CostImpact.Minor, x.Owner, x.Status, x.Mitigation,
		x.SignedOffBy, dateValue(x.SignedOffOn)); err != nil {
		return err
	}
	return children(w, changed, "items", "DELETE FROM risk_items WHERE risk_id = ?", x.ID, len(x.Items), func(i int) error {
		return w.exec("INSERT INTO risk_items (risk_id, pos, item_id) VALUES (?, ?, ?)", x.ID, i, x.Items[i])
	})
}

func saveSnapshot(w *writer, x *plan.Snapshot, changed map[string]bool) error {
	if err := w.exec(sqlSnapshot, x.ID, x.Name, dateValue(x.TakenOn), x.Trials, int64(x.Seed)); err != nil {
		return err
	}
	return children(w, changed, "forecast", "DELETE FROM snapshot_results WHERE snapshot_id = ?", x.ID, len(x.Forecast), func(i int) error {
		r := x.Forecast[i]
		return w.exec("INSERT INTO snapshot_results (snapshot_id, kind, id, p50, p85, probability) VALUES (?, ?, ?, ?, ?, ?)",
			x.ID, r.Kind, r.ID, dateValue(r.P50), dateValue(r.P85), r.Probability)
	})
}

func saveImportMapping(w *writer, x *plan.ImportMapping, changed map[string]bool) error {
	if err := w.exec(sqlMapping, x.ID, x.Kind); err != nil {
		return err
	}
	if changed != nil {
		if !changed["fields"] && !changed["values"] && !changed["options"] {
			return nil
		}
		if err := w.exec("DELETE FROM import_mapping_entries WHERE mapping_id = ?", x.ID); err != nil {
			return err
		}
	}
	for _, sec := range []struct {
		name string
		m    map[string]string
	}{{"fields", x.Fields}, {"values", x.Values}, {"options", x.Options}} {
		for k, v := range sec.m {
			if err := w.exec("INSERT INTO import_mapping_entries (mapping_id, section, key, value) VALUES (?, ?, ?, ?)", x.ID, sec.name, k, v); err != nil {
				return err
			}
		}
	}
	return nil
}

func saveScenario(w *writer, x *plan.Scenario, changed map[string]bool) error {
	if err := w.exec(sqlScenario, x.ID, x.Name, x.Description); err != nil {
		return err
	}
	return children(w, changed, "changes", "DELETE FROM scenario_changes WHERE scenario_id = ?", x.ID, len(x.Changes), func(i int) error {
		c := x.Changes[i]
		var item any
		if c.NewItem != nil {
			b, err := json.Marshal(c.NewItem)
			if err != nil {
				return err
			}
			item = string(b)
		}
		return w.exec(`INSERT INTO scenario_changes (scenario_id, pos, kind, team, item, risk, milestone, fte, percent, value, text, date, by_whom, cost_minor, new_item)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			x.ID, i, c.Kind, c.Team, c.Item, c.Risk, c.Milestone, c.FTE, c.Percent, c.Value, c.Text, dateValue(c.Date), c.By, c.Cost.Minor, item)
	})
}

// Budget amounts.
//
// A finance import can change tens of thousands of monthly amounts at once,
// so amounts are compared month by month with a merge of the two sorted
// series and only the months that differ are written. Their audit is
// summarised per budget line and scenario: one "update" entry whose field is
// "plan" or "actual" and whose old and new values are JSON objects holding
// just the months that changed, {"2027-01": "1200.00", "2027-02": null}
// (amounts as decimal strings in the portfolio's currency, null where the
// month had or has no amount). That keeps the audit log the size of the
// change rather than one row per month (100,000 rows for a large import),
// while still recording every old and new value, which is what undo needs.

func diffBudgetAmounts(w *writer, old, x *plan.BudgetLine) error {
	var op, oa []plan.MonthAmount
	if old != nil {
		op, oa = old.Plan, old.Actual
	}
	if err := diffSeries(w, x.ID, scenarioPlan, op, x.Plan, old == nil); err != nil {
		return err
	}
	return diffSeries(w, x.ID, scenarioActual, oa, x.Actual, old == nil)
}

const (
	sqlAmountAdd = "INSERT INTO budget_amounts (line_id, scenario, month, minor) VALUES (?, ?, ?, ?)"
	sqlAmountSet = "UPDATE budget_amounts SET minor = ? WHERE line_id = ? AND scenario = ? AND month = ?"
	sqlAmountDel = "DELETE FROM budget_amounts WHERE line_id = ? AND scenario = ? AND month = ?"
)

// monthText formats a month as 'YYYY-MM' without fmt (hot in big imports).
func monthText(m plan.Month) string {
	y, mo := m.Year(), int(m.Month())
	if y < 0 || y > 9999 {
		return m.String()
	}
	b := [7]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-', byte('0' + mo/10), byte('0' + mo%10)}
	return string(b[:])
}

// diffSeries writes the months of one line and scenario that differ between
// old and new (both sorted by month, months unique) and audits them as one
// entry, unless the line is new (its create entry holds every amount).
func diffSeries(w *writer, id, scenario string, old, new []plan.MonthAmount, created bool) error {
	var ob, nb strings.Builder
	n := 0
	note := func(m plan.Month, o, v *plan.Money) {
		if created {
			return
		}
		sep := ","
		if n == 0 {
			sep = "{"
		}
		n++
		key := sep + `"` + monthText(m) + `":`
		ob.WriteString(key + moneyJSON(o))
		nb.WriteString(key + moneyJSON(v))
	}
	i, j := 0, 0
	for i < len(old) || j < len(new) {
		switch {
		case j == len(new) || i < len(old) && old[i].Month < new[j].Month:
			o := old[i]
			i++
			if err := w.exec(sqlAmountDel, id, scenario, monthText(o.Month)); err != nil {
				return err
			}
			note(o.Month, &o.Amount, nil)
		case i == len(old) || new[j].Month < old[i].Month:
			v := new[j]
			j++
			if err := w.exec(sqlAmountAdd, id, scenario, monthText(v.Month), v.Amount.Minor); err != nil {
				return err
			}
			note(v.Month, nil, &v.Amount)
		default:
			o, v := old[i], new[j]
			i++
			j++
			if o.Amount.Minor == v.Amount.Minor {
				continue
			}
			if err := w.exec(sqlAmountSet, v.Amount.Minor, id, scenario, monthText(v.Month)); err != nil {
				return err
			}
			note(v.Month, &o.Amount, &v.Amount)
		}
	}
	if n == 0 {
		return nil
	}
	ob.WriteString("}")
	nb.WriteString("}")
	return w.audit("update", entityBudgetLine, id, scenario, ob.String(), nb.String())
}

func moneyJSON(m *plan.Money) string {
	if m == nil {
		return "null"
	}
	return strconv.Quote(m.Decimal())
}

// revertBudgetAmounts applies the old months of a summarised plan or actual
// entry to a budget line.
func revertBudgetAmounts(x *plan.BudgetLine, field, old, cur string) (bool, error) {
	var s *[]plan.MonthAmount
	switch field {
	case scenarioPlan:
		s = &x.Plan
	case scenarioActual:
		s = &x.Actual
	default:
		return false, nil
	}
	var patch map[string]*string
	if err := json.Unmarshal([]byte(old), &patch); err != nil {
		return true, fmt.Errorf("budget line %q %s: %w", x.ID, field, err)
	}
	idx := make(map[plan.Month]int, len(*s))
	for i, ma := range *s {
		idx[ma.Month] = i
	}
	drop := map[plan.Month]bool{}
	for ms, v := range patch {
		m, err := plan.ParseMonth(ms)
		if err != nil {
			return true, err
		}
		if v == nil {
			drop[m] = true
			continue
		}
		amt, err := plan.ParseMoney(*v, cur)
		if err != nil {
			return true, err
		}
		if i, ok := idx[m]; ok {
			(*s)[i].Amount = amt
		} else {
			*s = append(*s, plan.MonthAmount{Month: m, Amount: amt})
		}
	}
	if len(drop) > 0 {
		kept := (*s)[:0]
		for _, ma := range *s {
			if !drop[ma.Month] {
				kept = append(kept, ma)
			}
		}
		*s = kept
	}
	return true, nil
}

// Portfolio settings: the single row of the portfolio table plus holidays.

// settings are the portfolio's own fields, audited as entity "portfolio".
type settings struct {
	Name            string        `json:"name"`
	Currency        string        `json:"currency"`
	FiscalYearStart time.Month    `json:"fiscal_year_start_month"`
	PlanningStart   plan.Date     `json:"planning_start"`
	Calendar        plan.Calendar `json:"calendar"`
	Confidentiality string        `json:"confidentiality,omitempty"`
	HiringLeadWeeks int           `json:"hiring_lead_weeks,omitempty"`
	RampUpWeeks     int           `json:"ramp_up_weeks,omitempty"`
	DecisionNote    string        `json:"decision_note,omitempty"`
}

func settingsOf(p *plan.Portfolio) settings {
	return settings{p.Name, p.Currency, p.FiscalYearStart, p.PlanningStart, p.Calendar, p.Confidentiality, p.HiringLeadWeeks, p.RampUpWeeks, p.DecisionNote}
}

func (s settings) applyTo(p *plan.Portfolio) {
	p.Name, p.Currency, p.FiscalYearStart, p.PlanningStart, p.Calendar, p.Confidentiality, p.HiringLeadWeeks, p.RampUpWeeks, p.DecisionNote =
		s.Name, s.Currency, s.FiscalYearStart, s.PlanningStart, s.Calendar, s.Confidentiality, s.HiringLeadWeeks, s.RampUpWeeks, s.DecisionNote
}

type settingsKind struct{}

func (settingsKind) name() string { return entityPortfolio }

func (settingsKind) diff(w *writer, old, p *plan.Portfolio) error {
	a, b := settingsOf(old), settingsOf(p)
	var changed map[string]bool
	if !w.quiet {
		if reflect.DeepEqual(a, b) {
			return nil
		}
		changes, err := fieldDiff(a, b)
		if err != nil {
			return err
		}
		if len(changes) == 0 {
			return nil
		}
		changed = map[string]bool{}
		for _, c := range changes {
			changed[c.field] = true
			if err := w.audit("update", entityPortfolio, "", c.field, c.old, c.new); err != nil {
				return err
			}
		}
	}
	wd := make([]string, len(b.Calendar.Workdays))
	for i, d := range b.Calendar.Workdays {
		wd[i] = strconv.Itoa(int(d))
	}
	if err := w.exec(sqlSettings, 1, b.Name, b.Currency, int(b.FiscalYearStart), dateValue(b.PlanningStart), strings.Join(wd, ","), b.Confidentiality, b.HiringLeadWeeks, b.RampUpWeeks, b.DecisionNote); err != nil {
		return err
	}
	if changed != nil && !changed["calendar"] {
		return nil
	}
	if err := w.exec("DELETE FROM holidays"); err != nil {
		return err
	}
	for _, h := range b.Calendar.Holidays {
		if err := w.exec("INSERT INTO holidays (date, name) VALUES (?, ?)", dateValue(h.Date), h.Name); err != nil {
			return err
		}
	}
	return nil
}

func (settingsKind) revert(p *plan.Portfolio, e plan.AuditEntry) error {
	if e.Action != "update" {
		return fmt.Errorf("the portfolio's %s cannot be undone", e.Action)
	}
	s, err := setField(ptr(settingsOf(p)), e.Field, e.Old)
	if err != nil {
		return fmt.Errorf("portfolio field %s: %w", e.Field, err)
	}
	s.applyTo(p)
	return nil
}

func ptr[T any](v T) *T { return &v }
