// Package recommend proposes the decisions a board would take seriously.
// Every option is a scenario (internal/scenario) that can really be done —
// engineers are hired after the hiring lead time and count for half until
// they have ramped up; a target is moved only when the move is a week or
// more — and its effect is measured by forecasting the portfolio again with
// the change applied, on the same random numbers (same seed, same trials),
// never estimated by a ratio. Options whose measured effect is smaller than
// a few points are not proposed.
//
// It imports plan, outlook, scenario, figure and bidi: a pure layer over the
// forecast, called by the application layer before a briefing is built.
package recommend

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/scenario"
)

// Settings steer what is proposed. Zero fields take the defaults.
type Settings struct {
	// HiringLeadWeeks: weeks from today until a new engineer starts (default 8).
	HiringLeadWeeks int
	// RampUpWeeks: weeks a new engineer counts for half (default 4).
	RampUpWeeks int
	// Engineers proposed in a capacity option (default 2).
	Engineers float64
	// MinTargetMoveDays: a target is only proposed to move by at least this
	// many working days (default 5, a week).
	MinTargetMoveDays int
	// MinEffect: an option is proposed only when it lifts some commitment or
	// milestone by at least this much (default 0.05, five points).
	MinEffect float64
	// Green: commitments and milestones below it need a decision (default 0.80).
	Green float64
	// MaxRiskRuns bounds the risks measured (the most harmful first; default 4).
	MaxRiskRuns int
	// MaxTeams bounds the teams whose hires and stretch work are measured:
	// those the most late commitments and milestones wait on (default 4).
	// Each option is a whole forecast run, so a programme of forty teams
	// would otherwise measure eighty; the board sees the best few anyway.
	MaxTeams int
	// MeasureItemTrials bounds the simulation spent measuring options, in
	// items × trials (default 4 × 10⁸: four runs of a 10,000-item programme
	// at 10,000 trials, a hundred of a 1,000-item one). Options are
	// measured in turn, one of each kind per round (hire, scope, risk),
	// until the next would pass it; a count, not a time, so the same seed
	// gives the same options on every machine.
	MeasureItemTrials int64
}

func (s Settings) withDefaults() Settings {
	if s.HiringLeadWeeks <= 0 {
		s.HiringLeadWeeks = 8
	}
	if s.RampUpWeeks <= 0 {
		s.RampUpWeeks = 4
	}
	if s.Engineers <= 0 {
		s.Engineers = 2
	}
	if s.MinTargetMoveDays <= 0 {
		s.MinTargetMoveDays = 5
	}
	if s.MinEffect <= 0 {
		s.MinEffect = 0.05
	}
	if s.Green <= 0 {
		s.Green = figure.DefaultThresholds.Green
	}
	if s.MaxRiskRuns <= 0 {
		s.MaxRiskRuns = 4
	}
	if s.MaxTeams <= 0 {
		s.MaxTeams = 4
	}
	if s.MeasureItemTrials <= 0 {
		s.MeasureItemTrials = 4e8
	}
	return s
}

// Option kinds.
const (
	Capacity = "Capacity"
	Scope    = "Scope"
	Risk     = "Risk"
	Schedule = "Schedule"
)

// Effect is what an option does to one commitment or milestone.
type Effect struct {
	Milestone     bool // a milestone; otherwise an item
	ID, Name      string
	Before, After float64 // chance of meeting the target or date, without and with the option
}

// Option is one proposed decision with its measured effect.
type Option struct {
	Kind  string
	Ask   string // "Hire 2 engineers for FHIR API to start 1 Feb 2027 (…)."
	Owner string
	// Scenario holds the changes the option makes (empty for a target move,
	// which changes no forecast, only what is promised).
	Scenario scenario.Scenario
	// Cost is what the option costs in the fiscal year it starts in
	// (headcount at the team's loaded cost from the start date); zero for
	// options that cost nothing Steerco can price.
	Cost plan.Money
	// FiscalYear is the fiscal year Cost is for; PerYear is what the option
	// costs a full year once it is entirely in place (the hires on board),
	// zero when it costs nothing recurring Steerco can price.
	FiscalYear int
	PerYear    plan.Money
	// Effects lists the commitments and milestones below green that the
	// option moves by at least Settings.MinEffect, largest lift first.
	Effects []Effect
}

// Evidence says in words what the option does, from its measured effects:
// "CMS mandate 64% → 73%; Coverage 22% → 35%" (each name isolated,
// bidi.Isolate: a Hebrew name would take the figures after it into its
// right-to-left run and show "73% → 64%").
func (o Option) Evidence() string {
	var parts []string
	for i, e := range o.Effects {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("%d more", len(o.Effects)-3))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %s → %s", bidi.Isolate(e.Name), figure.Percent(e.Before), figure.Percent(e.After)))
	}
	return strings.Join(parts, "; ")
}

// Score orders options: the lifts of every commitment and milestone it
// moves, a milestone (an external date) counting double.
func (o Option) Score() float64 {
	sc := 0.0
	for _, e := range o.Effects {
		w := 1.0
		if e.Milestone {
			w = 2
		}
		sc += w * (e.After - e.Before)
	}
	return sc
}

// Lift is the option's largest measured lift.
func (o Option) Lift() float64 {
	best := 0.0
	for _, e := range o.Effects {
		best = max(best, e.After-e.Before)
	}
	return best
}

// target is a commitment or milestone below green.
type target struct {
	milestone bool
	id, name  string
	p         float64
	date      plan.Date
	teams     map[string]bool // teams whose work it waits on
}

// Propose returns the options for p, given base, its forecast with opts
// (the same options are used for every measuring run, so the comparison is
// on common random numbers). Options are ordered by Score.
// Errors: the context's, or a forecast's.
func Propose(ctx context.Context, p *plan.Portfolio, base *outlook.Forecast, opts outlook.Options, s Settings) ([]Option, error) {
	s = s.withDefaults()
	opts.RiskImpacts, opts.Curves, opts.Progress = false, false, nil
	if opts.AsOf.IsZero() {
		opts.AsOf = base.AsOf
	}
	targets := belowGreen(p, base, s.Green)
	if len(targets) == 0 {
		return nil, nil
	}
	var out []Option
	// Each candidate is one forecast run: they are collected by kind, then
	// measured one of each kind a round within s.MeasureItemTrials.
	var pending [3][]Option
	measure := func(o Option) error {
		k := map[string]int{Capacity: 0, Scope: 1, Risk: 2}[o.Kind]
		pending[k] = append(pending[k], o)
		return nil
	}
	run := func(o Option) error {
		alt, err := o.Scenario.Apply(p)
		if err != nil {
			return err
		}
		f, err := outlook.Run(ctx, alt, opts)
		if err != nil {
			return err
		}
		o.Effects = effects(targets, f, s.MinEffect)
		if len(o.Effects) > 0 {
			out = append(out, o)
		}
		return nil
	}
	cal := p.Calendar.Compile()
	teams := teamsOf(p, targets, s.MaxTeams)

	// 1. Engineers for each team the late work waits on, from the first
	// working Monday after the hiring lead time, at half strength until they
	// have ramped up.
	for _, teamID := range teams {
		t := p.Team(teamID)
		start := mondayOnOrAfter(opts.AsOf.AddDays(7*s.HiringLeadWeeks), cal)
		if !helpsBefore(targets, teamID, start) {
			continue // the hires would start after every date they could save
		}
		ramped := start.AddDays(7 * s.RampUpWeeks)
		half := s.Engineers / 2
		sc := scenario.Scenario{Name: fmt.Sprintf("+%s engineers for %s", fteText(s.Engineers), t.Name), Changes: []scenario.Change{
			{Kind: scenario.Headcount, Team: teamID, FTE: half, Date: start},
			{Kind: scenario.Headcount, Team: teamID, FTE: s.Engineers - half, Date: ramped},
		}}
		fy := start.MonthOf().FiscalYear(p.FiscalYearStart)
		cost := costInYear(p, sc, fy)
		year := t.CostPerFTEMonth.MulFloat(12 * s.Engineers)
		ask := fmt.Sprintf("Hire %s engineers for %s to start %s (%d-week hiring lead time, half productive for their first %d weeks)",
			fteText(s.Engineers), bidi.Isolate(t.Name), figure.Date(start), s.HiringLeadWeeks, s.RampUpWeeks)
		if cost.Minor > 0 {
			ask += fmt.Sprintf("; %s in FY%d, %s a year once they are on board", figure.MoneyShort(cost), fy, figure.MoneyShort(year))
		}
		if err := measure(Option{Kind: Capacity, Ask: ask + ".", Owner: t.Name, Scenario: sc, Cost: cost, FiscalYear: fy, PerYear: year}); err != nil {
			return nil, err
		}
	}

	// 2. Stretch work off the plan of the teams the late work waits on.
	for _, teamID := range teams {
		var changes []scenario.Change
		var titles []string
		for _, i := range p.TeamItems(teamID) {
			it := &p.Items[i]
			if it.Open() && it.Commitment == plan.Stretch {
				changes = append(changes, scenario.Change{Kind: scenario.Cut, Item: it.ID})
				titles = append(titles, "‘"+bidi.Isolate(it.Title)+"’")
			}
		}
		if len(changes) == 0 {
			continue
		}
		t := p.Team(teamID)
		what := titles[0]
		if len(titles) > 1 {
			what = fmt.Sprintf("its %d stretch items (%s)", len(titles), listSome(titles, maxNamed))
		}
		sc := scenario.Scenario{Name: "Stretch work off " + t.Name, Changes: changes}
		ask := fmt.Sprintf("Take %s off %s's plan until the commitments are safe", what, bidi.Isolate(t.Name))
		if err := measure(Option{Kind: Scope, Ask: ask + ".", Owner: t.Name, Scenario: sc}); err != nil {
			return nil, err
		}
	}

	// 3. The live risks on the late work, the most harmful first: what a
	// full mitigation would be worth (the upper bound of any mitigation).
	runs := 0
	for _, r := range risksOn(p, base, targets) {
		if runs == s.MaxRiskRuns {
			break
		}
		runs++
		sc := scenario.Scenario{Name: "Mitigate " + r.Title, Changes: []scenario.Change{{Kind: scenario.CloseRisk, Risk: r.ID}}}
		ask := fmt.Sprintf("Fund the mitigation of ‘%s’ (the lift shown is for a full mitigation: the risk no longer happens)", bidi.Isolate(r.Title))
		if err := measure(Option{Kind: Risk, Ask: ask + ".", Owner: r.Owner, Scenario: sc}); err != nil {
			return nil, err
		}
	}

	trials := opts.Trials
	if trials <= 0 {
		trials = outlook.DefaultTrials
	}
	cost := int64(max(len(p.Items), 1)) * int64(trials)
	spent := int64(0)
measuring:
	for round := 0; ; round++ {
		any := false
		for k := range pending {
			if round >= len(pending[k]) {
				continue
			}
			any = true
			if spent+cost > s.MeasureItemTrials {
				break measuring
			}
			spent += cost
			if err := run(pending[k][round]); err != nil {
				return nil, err
			}
		}
		if !any {
			break
		}
	}

	// 4. Reset a commitment's target to its P85 date, when that is a week or
	// more later: the same trials say the chance at the new date.
	for _, it := range base.Items {
		pi := p.Item(it.ID)
		if pi == nil || pi.Commitment != plan.Committed || it.PTarget < 0 || figure.AtLeast(it.PTarget, s.Green) {
			continue
		}
		p85 := it.Finish.P85
		if cal.WorkdaysBetween(it.Target, p85) < s.MinTargetMoveDays {
			continue
		}
		ask := fmt.Sprintf("Move the target of ‘%s’ from %s to %s, its P85 date (%s later)", bidi.Isolate(pi.Title), figure.Date(it.Target), figure.Date(p85),
			figure.WorkingDays(float64(cal.WorkdaysBetween(it.Target, p85))))
		out = append(out, Option{Kind: Schedule, Ask: ask + ".", Owner: teamName(p, pi.TeamID),
			Effects: []Effect{{ID: it.ID, Name: pi.Title, Before: it.PTarget, After: 0.85}}})
	}

	sort.SliceStable(out, func(i, j int) bool { return out[i].Score() > out[j].Score() })
	return out, nil
}

// belowGreen lists the open commitments and the milestones whose chance, as
// shown, is below green, with the teams whose work each waits on.
func belowGreen(p *plan.Portfolio, f *outlook.Forecast, green float64) []target {
	var ts []target
	for _, it := range f.Items {
		pi := p.Item(it.ID)
		if pi == nil || pi.Commitment != plan.Committed || it.PTarget < 0 || figure.AtLeast(it.PTarget, green) {
			continue
		}
		ts = append(ts, target{id: it.ID, name: pi.Title, p: it.PTarget, date: it.Target, teams: upstreamTeams(p, []string{it.ID})})
	}
	names := map[string]*plan.Milestone{}
	for i := range p.Milestones {
		names[p.Milestones[i].ID] = &p.Milestones[i]
	}
	for _, m := range f.Milestones {
		pm := names[m.ID]
		if pm == nil || m.Done || figure.AtLeast(m.PTarget, green) {
			continue
		}
		ts = append(ts, target{milestone: true, id: m.ID, name: pm.Name, p: m.PTarget, date: m.Target, teams: upstreamTeams(p, pm.DependsOn)})
	}
	return ts
}

// upstreamTeams returns the teams owning the open items ids and everything
// they wait on, transitively.
func upstreamTeams(p *plan.Portfolio, ids []string) map[string]bool {
	teams := map[string]bool{}
	seen := map[string]bool{}
	var walk func(id string)
	walk = func(id string) {
		if seen[id] {
			return
		}
		seen[id] = true
		it := p.Item(id)
		if it == nil || !it.Open() {
			return
		}
		teams[it.TeamID] = true
		for _, d := range it.DependsOn {
			walk(d.ItemID)
		}
	}
	for _, id := range ids {
		walk(id)
	}
	return teams
}

// maxNamed is how many items an option names before "and N more": a board
// reads three titles, not eighty-three.
const maxNamed = 3

// listSome joins the first max of names and says how many more there are.
func listSome(names []string, max int) string {
	if len(names) <= max {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %s more", strings.Join(names[:max], ", "), figure.Number(float64(len(names)-max), 0))
}

// teamsOf lists, in portfolio order, the teams any target waits on: at most
// max of them, those the most targets wait on (ties to the earlier team).
func teamsOf(p *plan.Portfolio, ts []target, max int) []string {
	type ranked struct{ at, waits int }
	var rs []ranked
	for k, t := range p.Teams {
		n := 0
		for _, tg := range ts {
			if tg.teams[t.ID] {
				n++
			}
		}
		if n > 0 {
			rs = append(rs, ranked{k, n})
		}
	}
	if len(rs) > max {
		sort.SliceStable(rs, func(i, j int) bool { return rs[i].waits > rs[j].waits })
		rs = rs[:max]
		sort.Slice(rs, func(i, j int) bool { return rs[i].at < rs[j].at })
	}
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = p.Teams[r.at].ID
	}
	return ids
}

// helpsBefore reports whether some target waiting on team is dated after start.
func helpsBefore(ts []target, team string, start plan.Date) bool {
	for _, t := range ts {
		if t.teams[team] && t.date > start {
			return true
		}
	}
	return false
}

// risksOn lists the live risks with a schedule impact on an item some
// target waits on, most harmful first (the forecast's order when it
// measured risk drivers, else by probability × impact).
func risksOn(p *plan.Portfolio, f *outlook.Forecast, ts []target) []*plan.Risk {
	late := map[string]bool{}
	for _, t := range ts {
		if t.milestone {
			for i := range p.Milestones {
				if p.Milestones[i].ID == t.id {
					for _, id := range p.Milestones[i].DependsOn {
						late[id] = true
					}
				}
			}
		} else {
			late[t.id] = true
		}
	}
	// Everything upstream of a late item counts too.
	for changed := true; changed; {
		changed = false
		for i := range p.Items {
			it := &p.Items[i]
			if !late[it.ID] {
				continue
			}
			for _, d := range it.DependsOn {
				if !late[d.ItemID] {
					late[d.ItemID], changed = true, true
				}
			}
		}
	}
	order := map[string]int{}
	for i, ri := range f.Risks {
		order[ri.RiskID] = i + 1
	}
	var rs []*plan.Risk
	for i := range p.Risks {
		r := &p.Risks[i]
		if !r.Live() || r.ImpactDays <= 0 || r.Probability <= 0 {
			continue
		}
		for _, id := range r.Items {
			if late[id] {
				rs = append(rs, r)
				break
			}
		}
	}
	sort.SliceStable(rs, func(i, j int) bool {
		oi, oj := order[rs[i].ID], order[rs[j].ID]
		if oi > 0 && oj > 0 {
			return oi < oj
		}
		if (oi > 0) != (oj > 0) {
			return oi > 0
		}
		return rs[i].Probability*rs[i].ImpactDays > rs[j].Probability*rs[j].ImpactDays
	})
	return rs
}

// effects measures what alt does to every target, keeping the lifts of at
// least min, largest first.
func effects(ts []target, alt *outlook.Forecast, min float64) []Effect {
	items := map[string]float64{}
	for _, it := range alt.Items {
		items[it.ID] = it.PTarget
	}
	ms := map[string]float64{}
	for _, m := range alt.Milestones {
		ms[m.ID] = m.PTarget
	}
	var es []Effect
	for _, t := range ts {
		after, ok := items[t.id]
		if t.milestone {
			after, ok = ms[t.id]
		}
		if !ok {
			// An item taken off the plan has no chance to report; it is not a lift.
			continue
		}
		if figure.Shown(after)-figure.Shown(t.p) >= min-1e-9 {
			es = append(es, Effect{Milestone: t.milestone, ID: t.id, Name: t.name, Before: t.p, After: after})
		}
	}
	sort.SliceStable(es, func(i, j int) bool {
		if es[i].Milestone != es[j].Milestone {
			return es[i].Milestone // milestones (external dates) first
		}
		return es[i].After-es[i].Before > es[j].After-es[j].Before
	})
	return es
}

// costInYear is what the scenario's headcount costs in fiscal year fy.
func costInYear(p *plan.Portfolio, sc scenario.Scenario, fy int) plan.Money {
	last := plan.FiscalYearStart(fy+1, p.FiscalYearStart) - 1
	be, err := sc.Budget(p, last)
	if err != nil {
		return plan.Money{Currency: p.Currency}
	}
	for _, y := range be.ByFiscalYear {
		if y.FiscalYear == fy {
			return y.Amount
		}
	}
	return plan.Money{Currency: p.Currency}
}

func mondayOnOrAfter(d plan.Date, cal *plan.WorkCalendar) plan.Date {
	for d.Weekday() != time.Monday {
		d = d.AddDays(1)
	}
	for i := 0; i < 14 && !cal.IsWorkday(d); i++ {
		d = d.AddDays(1)
	}
	return d
}

func teamName(p *plan.Portfolio, id string) string {
	if t := p.Team(id); t != nil {
		return t.Name
	}
	return id
}

func fteText(f float64) string {
	if f == float64(int(f)) {
		return fmt.Sprint(int(f))
	}
	return fmt.Sprintf("%.1f", f)
}
