package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"steerco/internal/plan"
)

// queryer is what loading needs: a *sql.Tx or *sql.DB.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Portfolio returns the whole portfolio, normalised (lists sorted by id), as
// of the last committed change. It reads in one transaction, so it never sees
// half of an Update.
func (db *DB) Portfolio(ctx context.Context) (*plan.Portfolio, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db.path, err)
	}
	defer tx.Rollback()
	p, err := load(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db.path, err)
	}
	return p, nil
}

// each runs query and calls scan for every row.
func each(ctx context.Context, q queryer, query string, scan func(rows *sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// load reads the portfolio from q. Every list comes out sorted by id, as
// Normalize would leave it.
func load(ctx context.Context, q queryer) (*plan.Portfolio, error) {
	p := &plan.Portfolio{}
	var fy int
	var start, workdays string
	err := q.QueryRowContext(ctx, "SELECT name, currency, fiscal_year_start_month, planning_start, workdays, confidentiality, hiring_lead_weeks, ramp_up_weeks FROM portfolio WHERE id = 1").
		Scan(&p.Name, &p.Currency, &fy, &start, &workdays, &p.Confidentiality, &p.HiringLeadWeeks, &p.RampUpWeeks)
	if err == sql.ErrNoRows {
		return nil, plan.Errorf(plan.EINVALID, "The file has no portfolio settings; it may be damaged.")
	}
	if err != nil {
		return nil, fmt.Errorf("portfolio: %w", err)
	}
	p.FiscalYearStart = time.Month(fy)
	if p.PlanningStart, err = parseDate(start); err != nil {
		return nil, err
	}
	if workdays != "" {
		for _, s := range strings.Split(workdays, ",") {
			d, err := strconv.Atoi(s)
			if err != nil {
				return nil, fmt.Errorf("portfolio workdays %q: %w", workdays, err)
			}
			p.Calendar.Workdays = append(p.Calendar.Workdays, time.Weekday(d))
		}
	}
	cur := p.Currency
	money := func(minor int64) plan.Money { return plan.Money{Minor: minor, Currency: cur} }

	err = each(ctx, q, "SELECT date, name FROM holidays ORDER BY date", func(r *sql.Rows) error {
		var h plan.Holiday
		var d string
		if err := r.Scan(&d, &h.Name); err != nil {
			return err
		}
		var err error
		h.Date, err = parseDate(d)
		p.Calendar.Holidays = append(p.Calendar.Holidays, h)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("holidays: %w", err)
	}

	// Teams and their headcount changes.
	teams := map[string]int{}
	err = each(ctx, q, "SELECT id, name, headcount, allocation, focus_factor, wip_limit, cost_per_fte_month_minor FROM teams ORDER BY id", func(r *sql.Rows) error {
		var t plan.Team
		var cost int64
		if err := r.Scan(&t.ID, &t.Name, &t.Headcount, &t.Allocation, &t.FocusFactor, &t.WIPLimit, &cost); err != nil {
			return err
		}
		t.CostPerFTEMonth = money(cost)
		teams[t.ID] = len(p.Teams)
		p.Teams = append(p.Teams, t)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("teams: %w", err)
	}
	err = each(ctx, q, "SELECT team_id, date, delta, note FROM headcount_changes ORDER BY team_id, pos", func(r *sql.Rows) error {
		var id, d string
		var c plan.HeadcountChange
		if err := r.Scan(&id, &d, &c.Delta, &c.Note); err != nil {
			return err
		}
		var err error
		if c.Date, err = parseDate(d); err != nil {
			return err
		}
		i, ok := teams[id]
		if !ok {
			return orphan("team", id)
		}
		t := &p.Teams[i]
		t.HeadcountChanges = append(t.HeadcountChanges, c)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("headcount changes: %w", err)
	}

	err = each(ctx, q, "SELECT id, name, description FROM products ORDER BY id", func(r *sql.Rows) error {
		var x plan.Product
		if err := r.Scan(&x.ID, &x.Name, &x.Description); err != nil {
			return err
		}
		p.Products = append(p.Products, x)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("products: %w", err)
	}

	// Items, their tags and dependencies.
	items := map[string]int{}
	err = each(ctx, q, `SELECT id, title, coalesce(product_id, ''), team_id, estimate_low, estimate_likely, estimate_high, estimate_count,
		remaining_days, rank, status, coalesce(start_no_earlier_than, ''), coalesce(target, ''), commitment, increment, notes, source, cost_of_delay_per_week_minor,
		coalesce(started_on, ''), coalesce(finished_on, '')
		FROM items ORDER BY id`, func(r *sql.Rows) error {
		var it plan.Item
		var rem sql.NullFloat64
		var snet, target, started, finished string
		var cod int64
		if err := r.Scan(&it.ID, &it.Title, &it.ProductID, &it.TeamID, &it.Estimate.Low, &it.Estimate.Likely, &it.Estimate.High, &it.Estimate.Count,
			&rem, &it.Rank, &it.Status, &snet, &target, &it.Commitment, &it.Increment, &it.Notes, &it.Source, &cod, &started, &finished); err != nil {
			return err
		}
		it.CostOfDelayPerWeek = money(cod)
		if rem.Valid {
			v := rem.Float64
			it.Remaining = &v
		}
		var err error
		if it.StartNoEarlierThan, err = parseDate(snet); err != nil {
			return err
		}
		if it.Target, err = parseDate(target); err != nil {
			return err
		}
		if it.StartedOn, err = parseDate(started); err != nil {
			return err
		}
		if it.FinishedOn, err = parseDate(finished); err != nil {
			return err
		}
		items[it.ID] = len(p.Items)
		p.Items = append(p.Items, it)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("items: %w", err)
	}
	err = each(ctx, q, "SELECT item_id, tag FROM item_tags ORDER BY item_id, pos", func(r *sql.Rows) error {
		var id, tag string
		if err := r.Scan(&id, &tag); err != nil {
			return err
		}
		i, ok := items[id]
		if !ok {
			return orphan("item", id)
		}
		it := &p.Items[i]
		it.Tags = append(it.Tags, tag)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("item tags: %w", err)
	}
	err = each(ctx, q, "SELECT item_id, depends_on, lag_days FROM dependencies ORDER BY item_id, depends_on", func(r *sql.Rows) error {
		var id string
		var d plan.Dependency
		if err := r.Scan(&id, &d.ItemID, &d.LagDays); err != nil {
			return err
		}
		i, ok := items[id]
		if !ok {
			return orphan("item", id)
		}
		it := &p.Items[i]
		it.DependsOn = append(it.DependsOn, d)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("dependencies: %w", err)
	}

	milestones := map[string]int{}
	err = each(ctx, q, "SELECT id, name, date, kind, penalty, penalty_lump_sum_minor, penalty_per_day_minor, penalty_days FROM milestones ORDER BY id", func(r *sql.Rows) error {
		var m plan.Milestone
		var d string
		var lump, perDay int64
		if err := r.Scan(&m.ID, &m.Name, &d, &m.Kind, &m.Penalty, &lump, &perDay, &m.PenaltyDays); err != nil {
			return err
		}
		m.PenaltyLumpSum, m.PenaltyPerDay = money(lump), money(perDay)
		var err error
		m.Date, err = parseDate(d)
		m.DependsOn = []string{}
		milestones[m.ID] = len(p.Milestones)
		p.Milestones = append(p.Milestones, m)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("milestones: %w", err)
	}
	err = each(ctx, q, "SELECT milestone_id, item_id FROM milestone_items ORDER BY milestone_id, pos", func(r *sql.Rows) error {
		var id, item string
		if err := r.Scan(&id, &item); err != nil {
			return err
		}
		i, ok := milestones[id]
		if !ok {
			return orphan("milestone", id)
		}
		m := &p.Milestones[i]
		m.DependsOn = append(m.DependsOn, item)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("milestone items: %w", err)
	}

	risks := map[string]int{}
	err = each(ctx, q, `SELECT id, title, category, probability, impact_days, cost_impact_minor, owner, status, mitigation,
		signed_off_by, coalesce(signed_off_on, '') FROM risks ORDER BY id`, func(r *sql.Rows) error {
		var x plan.Risk
		var cost int64
		var signed string
		if err := r.Scan(&x.ID, &x.Title, &x.Category, &x.Probability, &x.ImpactDays, &cost, &x.Owner, &x.Status, &x.Mitigation, &x.SignedOffBy, &signed); err != nil {
			return err
		}
		x.CostImpact = money(cost)
		var err error
		x.SignedOffOn, err = parseDate(signed)
		risks[x.ID] = len(p.Risks)
		p.Risks = append(p.Risks, x)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("risks: %w", err)
	}
	err = each(ctx, q, "SELECT risk_id, item_id FROM risk_items ORDER BY risk_id, pos", func(r *sql.Rows) error {
		var id, item string
		if err := r.Scan(&id, &item); err != nil {
			return err
		}
		i, ok := risks[id]
		if !ok {
			return orphan("risk", id)
		}
		x := &p.Risks[i]
		x.Items = append(x.Items, item)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("risk items: %w", err)
	}

	lines := map[string]int{}
	err = each(ctx, q, "SELECT id, name, category, cost_centre, spend, coalesce(team_id, '') FROM budget_lines ORDER BY id", func(r *sql.Rows) error {
		var b plan.BudgetLine
		if err := r.Scan(&b.ID, &b.Name, &b.Category, &b.CostCentre, &b.Spend, &b.TeamID); err != nil {
			return err
		}
		b.Plan, b.Actual = []plan.MonthAmount{}, []plan.MonthAmount{}
		lines[b.ID] = len(p.BudgetLines)
		p.BudgetLines = append(p.BudgetLines, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("budget lines: %w", err)
	}
	// One row per line and scenario, its months packed by SQLite as
	// "YYYY-MM=minor,…" in month order: a big budget crosses from C to Go a
	// few hundred times instead of once per month.
	err = each(ctx, q, `SELECT line_id, scenario, count(*), group_concat(month || '=' || minor, ',' ORDER BY month)
		FROM budget_amounts GROUP BY line_id, scenario ORDER BY line_id, scenario`, func(r *sql.Rows) error {
		var id, scen string
		var n int
		var packed []byte
		if err := r.Scan(&id, &scen, &n, &packed); err != nil {
			return err
		}
		i, ok := lines[id]
		if !ok {
			return orphan("budget line", id)
		}
		series, err := unpackAmounts(packed, n, cur)
		if err != nil {
			return fmt.Errorf("budget line %q %s: %w", id, scen, err)
		}
		if scen == scenarioPlan {
			p.BudgetLines[i].Plan = series
		} else {
			p.BudgetLines[i].Actual = series
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("budget amounts: %w", err)
	}

	err = each(ctx, q, "SELECT id, service, deployed_at, failed FROM deployments ORDER BY id", func(r *sql.Rows) error {
		var d plan.Deployment
		var at string
		if err := r.Scan(&d.ID, &d.Service, &at, &d.Failed); err != nil {
			return err
		}
		var err error
		d.DeployedAt, err = parseTime(at)
		p.Deployments = append(p.Deployments, d)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("deployments: %w", err)
	}
	err = each(ctx, q, "SELECT id, service, committed_at, deployed_at, deployment_id FROM changes ORDER BY id", func(r *sql.Rows) error {
		var c plan.Change
		var committed, deployed string
		if err := r.Scan(&c.ID, &c.Service, &committed, &deployed, &c.DeploymentID); err != nil {
			return err
		}
		var err error
		if c.CommittedAt, err = parseTime(committed); err != nil {
			return err
		}
		c.DeployedAt, err = parseTime(deployed)
		p.Changes = append(p.Changes, c)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("changes: %w", err)
	}
	err = each(ctx, q, "SELECT id, service, title, severity, started_at, coalesce(resolved_at, ''), deployment_id FROM incidents ORDER BY id", func(r *sql.Rows) error {
		var in plan.Incident
		var started, resolved string
		if err := r.Scan(&in.ID, &in.Service, &in.Title, &in.Severity, &started, &resolved, &in.DeploymentID); err != nil {
			return err
		}
		var err error
		if in.StartedAt, err = parseTime(started); err != nil {
			return err
		}
		in.ResolvedAt, err = parseTime(resolved)
		p.Incidents = append(p.Incidents, in)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("incidents: %w", err)
	}

	snaps := map[string]int{}
	err = each(ctx, q, "SELECT id, name, coalesce(taken_on, ''), trials, seed FROM snapshots ORDER BY id", func(r *sql.Rows) error {
		var s plan.Snapshot
		var taken string
		var seed int64
		if err := r.Scan(&s.ID, &s.Name, &taken, &s.Trials, &seed); err != nil {
			return err
		}
		s.Seed = uint64(seed)
		s.Forecast = []plan.SnapshotResult{}
		var err error
		s.TakenOn, err = parseDate(taken)
		snaps[s.ID] = len(p.Snapshots)
		p.Snapshots = append(p.Snapshots, s)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("snapshots: %w", err)
	}
	err = each(ctx, q, "SELECT snapshot_id, kind, id, coalesce(p50, ''), coalesce(p85, ''), probability FROM snapshot_results ORDER BY snapshot_id, kind, id", func(r *sql.Rows) error {
		var sid, p50, p85 string
		var x plan.SnapshotResult
		if err := r.Scan(&sid, &x.Kind, &x.ID, &p50, &p85, &x.Probability); err != nil {
			return err
		}
		var err error
		if x.P50, err = parseDate(p50); err != nil {
			return err
		}
		if x.P85, err = parseDate(p85); err != nil {
			return err
		}
		i, ok := snaps[sid]
		if !ok {
			return orphan("snapshot", sid)
		}
		s := &p.Snapshots[i]
		s.Forecast = append(s.Forecast, x)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("snapshot results: %w", err)
	}
	if err := loadImportMappings(ctx, q, p); err != nil {
		return nil, err
	}
	if err := loadScenarios(ctx, q, p); err != nil {
		return nil, err
	}
	p.Normalize()
	return p, nil
}

func loadScenarios(ctx context.Context, q queryer, p *plan.Portfolio) error {
	idx := map[string]int{}
	err := each(ctx, q, "SELECT id, name, description FROM scenarios ORDER BY id", func(r *sql.Rows) error {
		var s plan.Scenario
		if err := r.Scan(&s.ID, &s.Name, &s.Description); err != nil {
			return err
		}
		s.Changes = []plan.ScenarioChange{}
		idx[s.ID] = len(p.Scenarios)
		p.Scenarios = append(p.Scenarios, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("scenarios: %w", err)
	}
	err = each(ctx, q, `SELECT scenario_id, kind, team, item, risk, milestone, fte, percent, value, text, coalesce(date, ''), by_whom, cost_minor, coalesce(new_item, '')
FROM scenario_changes ORDER BY scenario_id, pos`, func(r *sql.Rows) error {
		var id, date, item string
		var c plan.ScenarioChange
		if err := r.Scan(&id, &c.Kind, &c.Team, &c.Item, &c.Risk, &c.Milestone, &c.FTE, &c.Percent, &c.Value, &c.Text, &date, &c.By, &c.Cost.Minor, &item); err != nil {
			return err
		}
		i, ok := idx[id]
		if !ok {
			return orphan("scenario", id)
		}
		var err error
		if c.Date, err = parseDate(date); err != nil {
			return err
		}
		if c.Cost.Minor != 0 {
			c.Cost.Currency = p.Currency
		}
		if item != "" {
			c.NewItem = new(plan.Item)
			if err := json.Unmarshal([]byte(item), c.NewItem); err != nil {
				return fmt.Errorf("scenario %s: the added item: %w", id, err)
			}
		}
		s := &p.Scenarios[i]
		s.Changes = append(s.Changes, c)
		return nil
	})
	if err != nil {
		return fmt.Errorf("scenario changes: %w", err)
	}
	return nil
}

func loadImportMappings(ctx context.Context, q queryer, p *plan.Portfolio) error {
	idx := map[string]int{}
	err := each(ctx, q, "SELECT id, kind FROM import_mappings ORDER BY id", func(r *sql.Rows) error {
		var m plan.ImportMapping
		if err := r.Scan(&m.ID, &m.Kind); err != nil {
			return err
		}
		idx[m.ID] = len(p.ImportMappings)
		p.ImportMappings = append(p.ImportMappings, m)
		return nil
	})
	if err != nil {
		return fmt.Errorf("import mappings: %w", err)
	}
	err = each(ctx, q, "SELECT mapping_id, section, key, value FROM import_mapping_entries", func(r *sql.Rows) error {
		var id, sec, k, v string
		if err := r.Scan(&id, &sec, &k, &v); err != nil {
			return err
		}
		i, ok := idx[id]
		if !ok {
			return orphan("import mapping", id)
		}
		m := &p.ImportMappings[i]
		var dst *map[string]string
		switch sec {
		case "fields":
			dst = &m.Fields
		case "values":
			dst = &m.Values
		default:
			dst = &m.Options
		}
		if *dst == nil {
			*dst = map[string]string{}
		}
		(*dst)[k] = v
		return nil
	})
	if err != nil {
		return fmt.Errorf("import mappings: %w", err)
	}
	return nil
}

const (
	scenarioPlan   = "plan"
	scenarioActual = "actual"
)

// orphan reports rows that belong to an entity the file does not have: the
// file was changed by something other than Steerco.
func orphan(entity, id string) error {
	return plan.Errorf(plan.EINVALID, "The file is damaged: it has rows for %s %q, which it does not contain.", entity, id)
}

// parseDate reads a stored date; ” is the zero Date.
func parseDate(s string) (plan.Date, error) {
	d, err := plan.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("stored date %q: %w", s, err)
	}
	return d, nil
}

// parseMonth reads a stored 'YYYY-MM' without going through time.Parse
// (budgets hold many thousands of them).
func parseMonth(b []byte) (plan.Month, error) {
	if len(b) != 7 || b[4] != '-' {
		return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
	}
	y, m := 0, 0
	for _, c := range b[:4] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
		}
		y = y*10 + int(c-'0')
	}
	for _, c := range b[5:] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
		}
		m = m*10 + int(c-'0')
	}
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
	}
	return plan.MonthOf(y, time.Month(m)), nil
}

// unpackAmounts reads n "YYYY-MM=minor" pairs separated by commas.
func unpackAmounts(b []byte, n int, cur string) ([]plan.MonthAmount, error) {
	out := make([]plan.MonthAmount, 0, n)
	for len(b) > 0 {
		if len(b) < 9 || b[7] != '=' {
			return nil, fmt.Errorf("stored amounts %q are malformed", b)
		}
		m, err := parseMonth(b[:7])
		if err != nil {
			return nil, err
		}
		b = b[8:]
		end := bytes.IndexByte(b, ',')
		if end < 0 {
			end = len(b)
		}
		v, err := strconv.ParseInt(string(b[:end]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("stored amount %q: %w", b[:end], err)
		}
		out = append(out, plan.MonthAmount{Month: m, Amount: plan.Money{Minor: v, Currency: cur}})
		if end < len(b) {
			end++
		}
		b = b[end:]
	}
	if len(out) != n {
		return nil, fmt.Errorf("stored amounts: read %d of %d", len(out), n)
	}
	return out, nil
}

// parseTime reads a stored RFC 3339 timestamp; ” is the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// Stored forms.

func dateValue(d plan.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func timeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
