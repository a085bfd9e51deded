package outlook

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"steerco/internal/forecast"
	"steerco/internal/plan"
)

// Model time. One unit of model time is one working day of the portfolio's
// calendar. Time 0 is the start of Day0, the first working day on or after
// AsOf; time k is the start of working day k (Day0 is working day 0), and
// working day k is the interval [k, k+1). Weekends and holidays do not exist
// in model time, so a team's capacity per unit is simply its capacity on that
// working day: headcount on the date × allocation × focus factor, in
// person-days per working day.
//
// Converting back: a start at time s happens on working day ⌊s⌋; a finish at
// time t happens on the working day whose end t reaches, ⌈t⌉−1 (an item that
// finishes at t = 5 finishes at the end of working day 4: five person-days of
// work by one person starting on a Monday finish on Friday). A target date d
// becomes the end of the last working day on or before d, so "finish ≤
// target" in model time is exactly "finish date ≤ target date".
//
// Model nodes. Every open item becomes a node with the item's id, its
// effort and team. Three kinds of helper nodes carry what the engine has no
// field for, and the Mapping remembers them:
//   - "lag:P:S", a fixed duration of L working days between predecessor P and
//     successor S, for a dependency with a lag of L days (the engine's links
//     are finish-to-start with zero lag);
//   - "risks:I", a zero-duration node after item I that carries every live
//     risk on I: when a risk fires it adds its impact in working days to this
//     node's duration, so the item's finish (which is this node's finish) is
//     later by exactly that many working days. The team's slot is free during
//     the delay (a risk is waiting, for a vendor or an audit, not extra work);
//   - "milestone:M", a zero-duration node after the open items of milestone
//     M; its finish is the latest of theirs.
const (
	lagPrefix       = "lag:"
	riskPrefix      = "risks:"
	milestonePrefix = "milestone:"
)

// eps absorbs floating-point noise when model time is turned into working
// days (a finish computed as 4.9999999999 is the end of working day 4).
const eps = 1e-6

// maxCachedDays bounds the growth of the working-day cache in one step.
const maxCachedDays = 20000

// maxDate bounds the working day a model time is turned into (some 10,000
// years: past the last valid date), so that an absurd time still converts
// quickly.
const maxDate = 2_600_000

// Mapping tells how a compiled model relates to its portfolio: how model
// time maps to dates, and which model nodes stand for which items and
// milestones. Its methods are safe for concurrent use.
type Mapping struct {
	AsOf plan.Date // the forecast's "today", as asked
	Day0 plan.Date // the first working day on or after AsOf: model time 0 is its start
	// Distribution is the effort distribution the model uses.
	Distribution string
	Items        []ItemNodes      // open items, in portfolio order
	Milestones   []MilestoneNodes // every milestone, in portfolio order
	Teams        []TeamNodes      // every team, in portfolio order
	// Notes are the assumptions a person should know about, in plain words.
	Notes []string

	cal  *plan.WorkCalendar
	far  *far
	mu   sync.Mutex
	days []plan.Date // days[k] is working day k
}

// ItemNodes is where an open item lives in the model.
type ItemNodes struct {
	ID   string // the item's id, which is also its work node's id
	Team string
	Work int // index in Model.Items of the node that does the work
	// Finish is the index of the node whose finish is the item's finish:
	// Work, or the item's "risks:" node when risks can delay it.
	Finish int
	// Preds are the item's open predecessors, in the item's order.
	Preds      []Pred
	ZeroEffort bool // no effort left: it finishes when it is ready
	Committed  bool // committed with a target: part of the joint probability
}

// Pred is an open predecessor of an item.
type Pred struct {
	ItemID string // the predecessor item
	// Node is the index of the model node whose finish releases the
	// successor: the predecessor's finish node, or the lag node after it.
	Node int
	Lag  int // working days
}

// MilestoneNodes is where a milestone lives in the model.
type MilestoneNodes struct {
	ID    string
	Node  int      // index of the "milestone:" node in Model.Items
	Items []string // its open items
	// Done is true when the milestone has items and all of them are done or
	// cancelled: nothing is left to forecast.
	Done bool
}

// TeamNodes is a team in the model.
type TeamNodes struct {
	ID    string
	Index int   // index in Model.Teams
	Items []int // indexes of the team's work nodes, highest priority first
}

// Node id helpers, for tests and tools that read a compiled model.
func lagID(pred, succ string) string { return lagPrefix + pred + ":" + succ }
func riskNodeID(item string) string  { return riskPrefix + item }
func milestoneID(m string) string    { return milestonePrefix + m }

// Distributions of item effort.
const (
	DistTriangular = forecast.Triangular
	DistBetaPERT   = forecast.BetaPERT
	DistLognormal  = forecast.Lognormal
)

// Compile turns a portfolio into a simulation model in working days from
// asOf (zero means the planning start) with effort distributed as dist
// ("triangular", "betapert" or "lognormal"; "" is triangular). Only open
// items are compiled: done and cancelled items, and dependencies on them,
// count as finished before asOf.
//
// Effort is the item's remaining estimate (plan.Item.RemainingEstimate, as
// SampledEffort shows it: the whole estimate, or 75–100–150 % of Remaining
// once that is set) in person-days. A team gets one model team with WIP-limit slots, its items in
// order of rank (rank 0, "unranked", after every ranked item) then id, and a
// capacity that steps at each headcount change. Start-no-earlier-than dates
// become earliest starts, targets become model targets, committed items with
// a target join the joint probability. See the comment on model time for
// the helper nodes that carry lags, risks and milestones.
//
// Errors: the portfolio's validation error (a *plan.Error with problems), a
// *plan.Error EINVALID for an unknown distribution or a team that has open
// work but no capacity left to ever finish it.
func Compile(p *plan.Portfolio, asOf plan.Date, dist string) (forecast.Model, *Mapping, error) {
	return CompileContext(context.Background(), p, asOf, dist)
}

// CompileContext is Compile, stopping with ctx.Err() when ctx is cancelled
// (it looks between its steps and every checkEvery items).
func CompileContext(ctx context.Context, p *plan.Portfolio, asOf plan.Date, dist string) (forecast.Model, *Mapping, error) {
	if err := ctx.Err(); err != nil {
		return forecast.Model{}, nil, err
	}
	if err := p.Validate(); err != nil {
		return forecast.Model{}, nil, err
	}
	if err := ctx.Err(); err != nil {
		return forecast.Model{}, nil, err
	}
	switch dist {
	case "":
		dist = DistTriangular
	case DistTriangular, DistBetaPERT, DistLognormal:
	default:
		return forecast.Model{}, nil, plan.Errorf(plan.EINVALID,
			"Distribution %q is not one of triangular, betapert, lognormal.", dist)
	}
	if asOf.IsZero() {
		asOf = p.PlanningStart
	}
	cal := p.Calendar.Compile()
	mp := &Mapping{AsOf: asOf, Day0: cal.AddWorkdays(asOf, 0), Distribution: dist, cal: cal, far: newFar(p.Calendar, cal)}
	c := &compiler{ctx: ctx, p: p, mp: mp, dist: dist, node: map[string]int{}}
	if err := c.teams(); err != nil {
		return forecast.Model{}, nil, err
	}
	if err := c.items(); err != nil {
		return forecast.Model{}, nil, err
	}
	for _, step := range []func(){c.risks, c.links, c.milestones, c.priorities, c.notes} {
		if err := ctx.Err(); err != nil {
			return forecast.Model{}, nil, err
		}
		step()
		if c.err != nil {
			return forecast.Model{}, nil, c.err
		}
	}
	if len(c.m.Items) == 0 {
		return forecast.Model{}, nil, plan.Errorf(plan.EINVALID,
			"There is nothing to forecast: the portfolio has no open items and no milestones. Add roadmap items, or reopen one.")
	}
	if err := c.m.Validate(); err != nil {
		// The portfolio was valid, so this is a bug in the compiler.
		return forecast.Model{}, nil, &plan.Error{Code: plan.EINTERNAL, Message: "The forecast model could not be built.",
			Err: fmt.Errorf("compile portfolio: %w", err)}
	}
	return c.m, mp, nil
}

type compiler struct {
	ctx  context.Context
	err  error // ctx.Err() when a step stopped early
	p    *plan.Portfolio
	mp   *Mapping
	dist string
	m    forecast.Model
	node map[string]int        // plan item id → index of its ItemNodes in mp.Items
	team map[string]int        // team id → index in m.Teams
	byID map[string]*plan.Item // items by id, made when needed

	noEstimate, countOnly, lognormalFallback []string
	lags, doneLags, cancelledDeps            int
	riskNoImpact, riskNoP, riskNoOpen        []string
	risksSimulated                           int
	emptyMilestones                          []string
}

func (c *compiler) teams() error {
	c.team = make(map[string]int, len(c.p.Teams))
	open := map[string]bool{}
	for i := range c.p.Items {
		if c.p.Items[i].Open() {
			open[c.p.Items[i].TeamID] = true
		}
	}
	for i := range c.p.Teams {
		t := &c.p.Teams[i]
		ft := forecast.Team{ID: t.ID, Slots: t.WIPLimit}
		// The capacity steps at each headcount change; after the last one
		// it is constant.
		last := c.mp.Day0
		for _, h := range t.HeadcountChanges {
			if h.Date > last {
				last = h.Date
			}
		}
		K := int(c.mp.Time(last))
		// Headcount changes beyond the days the forecast counts (about 40
		// years) take effect at its end: their capacity is the tail.
		for k := 0; k < min(K, maxDays); k++ {
			ft.CapacityByWeek = append(ft.CapacityByWeek, t.Capacity(c.mp.Date(k)))
		}
		ft.CapacityPerWeek = t.Capacity(c.mp.Date(K))
		if open[t.ID] && ft.CapacityPerWeek <= 0 {
			return plan.Errorf(plan.EINVALID,
				"Team %s has open items but no capacity from %s on (headcount × allocation × focus is 0), so its work would never finish. Add headcount, or move its items to another team.",
				t.Name, c.mp.Date(K))
		}
		c.team[t.ID] = len(c.m.Teams)
		c.mp.Teams = append(c.mp.Teams, TeamNodes{ID: t.ID, Index: len(c.m.Teams)})
		c.m.Teams = append(c.m.Teams, ft)
	}
	return nil
}

// effort returns the item's remaining effort distribution.
func (c *compiler) effort(it *plan.Item) (d forecast.Dist, zero bool) {
	e := it.RemainingEstimate()
	switch {
	case e.High <= 0:
		switch {
		case it.Remaining != nil:
			// An explicit remaining effort of 0 is not a missing estimate.
		case e.Count > 0:
			c.countOnly = append(c.countOnly, it.ID)
		default:
			c.noEstimate = append(c.noEstimate, it.ID)
		}
		return forecast.Dist{Kind: forecast.Fixed, Value: 0}, true
	case e.Low == e.High:
		return forecast.Dist{Kind: forecast.Fixed, Value: e.Low}, false
	}
	kind := c.dist
	if kind == DistLognormal && !(e.Low > 0) {
		c.lognormalFallback = append(c.lognormalFallback, it.ID)
		kind = DistTriangular
	}
	if kind == DistLognormal {
		return forecast.Dist{Kind: kind, Low: e.Low, High: e.High}, false
	}
	return forecast.Dist{Kind: kind, Low: e.Low, Mode: e.Likely, High: e.High}, false
}

// checkEvery is how many items the compiler handles between looks at its
// context.
const checkEvery = 1024

// cancelled reports, every checkEvery calls with i, whether the context is
// cancelled, keeping its error in c.err.
func (c *compiler) cancelled(i int) bool {
	if i%checkEvery == checkEvery-1 && c.err == nil {
		c.err = c.ctx.Err()
	}
	return c.err != nil
}

func (c *compiler) items() error {
	for i := range c.p.Items {
		if c.cancelled(i) {
			return c.err
		}
		it := &c.p.Items[i]
		if !it.Open() {
			continue
		}
		eff, zero := c.effort(it)
		if err := c.horizon(it, eff); err != nil {
			return err
		}
		n := forecast.Item{ID: it.ID, Effort: &eff, Team: it.TeamID}
		if !it.StartNoEarlierThan.IsZero() {
			n.EarliestStart = math.Max(0, c.mp.Time(it.StartNoEarlierThan))
		}
		c.node[it.ID] = len(c.mp.Items)
		c.mp.Items = append(c.mp.Items, ItemNodes{ID: it.ID, Team: it.TeamID, Work: len(c.m.Items),
			Finish: len(c.m.Items), ZeroEffort: zero})
		c.m.Items = append(c.m.Items, n)
	}
	// Dependencies and targets attach to finish nodes, which are known only
	// after risks: links sets them.
	return nil
}

// horizon refuses an item that cannot finish within plan.MaxDays working
// days (about 20 years) even at its low effort and its team's highest
// capacity per WIP slot: such a forecast describes no real portfolio, and
// its dates would lie centuries away.
func (c *compiler) horizon(it *plan.Item, eff forecast.Dist) error {
	low := eff.Low
	if eff.Kind == forecast.Fixed {
		low = eff.Value
	}
	k, ok := c.team[it.TeamID]
	if !ok || !(low > 0) {
		return nil
	}
	t := c.m.Teams[k]
	most := t.CapacityPerWeek
	for _, v := range t.CapacityByWeek {
		most = max(most, v)
	}
	perSlot := most / float64(max(t.Slots, 1))
	if days := low / perSlot; days > plan.MaxDays {
		name := it.TeamID
		if tm := c.p.Team(it.TeamID); tm != nil {
			name = tm.Name
		}
		return plan.Errorf(plan.EINVALID,
			"Item %s (%s) would take at least %.0f working days, more than %d (about 20 years): %s person-days at best, and team %s does at most %s person-days a working day per WIP slot (headcount × allocation × focus ÷ WIP limit). Check the estimate, or the team's headcount, allocation, focus factor and WIP limit.",
			it.ID, it.Title, days, plan.MaxDays, sig(low), name, sig(perSlot))
	}
	return nil
}

// risks attaches every live risk with a schedule impact to a "risks:" node
// after each affected open item.
func (c *compiler) risks() {
	for r := range c.p.Risks {
		rk := &c.p.Risks[r]
		if !rk.Live() {
			continue
		}
		switch {
		case rk.ImpactDays <= 0:
			c.riskNoImpact = append(c.riskNoImpact, rk.ID)
			continue
		case rk.Probability <= 0:
			c.riskNoP = append(c.riskNoP, rk.ID)
			continue
		}
		hit := false
		seen := map[string]bool{}
		for _, id := range rk.Items {
			k, ok := c.node[id]
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			in := &c.mp.Items[k]
			if in.Finish == in.Work {
				in.Finish = len(c.m.Items)
				c.m.Items = append(c.m.Items, forecast.Item{ID: riskNodeID(id),
					Duration: &forecast.Dist{Kind: forecast.Fixed, Value: 0}, DependsOn: []string{id}})
			}
			fn := &c.m.Items[in.Finish]
			fn.Risks = append(fn.Risks, forecast.Risk{ID: rk.ID, P: rk.Probability, Impact: rk.ImpactDays})
			hit = true
		}
		if hit {
			c.risksSimulated++
		} else {
			c.riskNoOpen = append(c.riskNoOpen, rk.ID)
		}
	}
}

// links sets dependencies (through lag nodes where there is a lag), targets
// and commitments, now that every item's finish node is known.
func (c *compiler) links() {
	for i := range c.p.Items {
		if c.cancelled(i) {
			return
		}
		it := &c.p.Items[i]
		k, ok := c.node[it.ID]
		if !ok {
			continue
		}
		in := &c.mp.Items[k]
		for _, d := range it.DependsOn {
			pk, ok := c.node[d.ItemID]
			if !ok {
				if c.byID == nil {
					c.byID = itemsByID(c.p)
				}
				if pi := c.byID[d.ItemID]; pi != nil && pi.Status == plan.Cancelled {
					c.cancelledDeps++
				}
				if d.LagDays > 0 {
					c.doneLags++
				}
				continue
			}
			pn := c.mp.Items[pk].Finish
			if d.LagDays > 0 {
				c.lags++
				lag := forecast.Item{ID: lagID(d.ItemID, it.ID),
					Duration:  &forecast.Dist{Kind: forecast.Fixed, Value: float64(d.LagDays)},
					DependsOn: []string{c.m.Items[pn].ID}}
				pn = len(c.m.Items)
				c.m.Items = append(c.m.Items, lag)
			}
			c.m.Items[in.Work].DependsOn = append(c.m.Items[in.Work].DependsOn, c.m.Items[pn].ID)
			in.Preds = append(in.Preds, Pred{ItemID: d.ItemID, Node: pn, Lag: d.LagDays})
		}
		if !it.Target.IsZero() {
			tg := c.mp.EndTime(it.Target)
			fn := &c.m.Items[in.Finish]
			fn.Target = &tg
			if it.Commitment == plan.Committed {
				fn.Committed = true
				in.Committed = true
			}
		}
	}
}

func (c *compiler) milestones() {
	for _, ms := range c.p.Milestones {
		n := forecast.Item{ID: milestoneID(ms.ID), Duration: &forecast.Dist{Kind: forecast.Fixed, Value: 0}}
		mn := MilestoneNodes{ID: ms.ID, Node: len(c.m.Items)}
		seen := map[string]bool{}
		for _, id := range ms.DependsOn {
			k, ok := c.node[id]
			if !ok || seen[id] {
				continue
			}
			seen[id] = true
			n.DependsOn = append(n.DependsOn, c.m.Items[c.mp.Items[k].Finish].ID)
			mn.Items = append(mn.Items, id)
		}
		switch {
		case len(ms.DependsOn) == 0:
			c.emptyMilestones = append(c.emptyMilestones, ms.ID)
		case len(mn.Items) == 0:
			mn.Done = true
		}
		tg := c.mp.EndTime(ms.Date)
		n.Target = &tg
		c.mp.Milestones = append(c.mp.Milestones, mn)
		c.m.Items = append(c.m.Items, n)
	}
}

// priorities orders each team's items by rank (0 = unranked, last), then id.
func (c *compiler) priorities() {
	byTeam := map[string][]*plan.Item{}
	for i := range c.p.Items {
		it := &c.p.Items[i]
		if _, ok := c.node[it.ID]; ok {
			byTeam[it.TeamID] = append(byTeam[it.TeamID], it)
		}
	}
	for ti := range c.mp.Teams {
		tn := &c.mp.Teams[ti]
		its := byTeam[tn.ID]
		sort.SliceStable(its, func(a, b int) bool {
			ra, rb := its[a].Rank, its[b].Rank
			if (ra == 0) != (rb == 0) {
				return rb == 0
			}
			if ra != rb {
				return ra < rb
			}
			return its[a].ID < its[b].ID
		})
		ft := &c.m.Teams[tn.Index]
		for _, it := range its {
			ft.Priority = append(ft.Priority, it.ID)
			tn.Items = append(tn.Items, c.mp.Items[c.node[it.ID]].Work)
		}
	}
}

func (c *compiler) notes() {
	mp := c.mp
	add := func(format string, args ...any) { mp.Notes = append(mp.Notes, fmt.Sprintf(format, args...)) }
	if mp.Day0 != mp.AsOf {
		add("%s is not a working day: the forecast starts on %s.", mp.AsOf, mp.Day0)
	}
	if n := len(c.noEstimate); n > 0 {
		add("%s no effort estimate and %s treated as zero effort (finishing as soon as %s ready): %s.",
			plural(n, "item has", "items have"), plural0(n, "was", "were"), plural0(n, "it is", "they are"), list(c.noEstimate))
	}
	if n := len(c.countOnly); n > 0 {
		add("%s sized by story count only; the forecast needs effort in person-days, so %s treated as zero effort: %s.",
			plural(n, "item is", "items are"), plural0(n, "it was", "they were"), list(c.countOnly))
	}
	if n := len(c.lognormalFallback); n > 0 {
		add("The lognormal distribution needs a low estimate above zero; %s used the triangular distribution instead: %s.",
			plural(n, "item", "items"), list(c.lognormalFallback))
	}
	if c.lags > 0 {
		add("%s with a lag: each lag is a fixed gap of working days between the predecessor's finish and the successor's start.",
			plural(c.lags, "dependency", "dependencies"))
	}
	if c.doneLags > 0 {
		add("%s after finished items %s treated as already elapsed.", plural(c.doneLags, "lag", "lags"), plural0(c.doneLags, "is", "are"))
	}
	if c.cancelledDeps > 0 {
		add("%s on cancelled items %s treated as satisfied.", plural(c.cancelledDeps, "dependency", "dependencies"), plural0(c.cancelledDeps, "is", "are"))
	}
	if c.risksSimulated > 0 {
		add("%s simulated: when one happens, each affected item finishes its impact in working days later; the delay does not use the team's capacity.",
			plural(c.risksSimulated, "risk is", "risks are"))
	}
	if n := len(c.riskNoImpact); n > 0 {
		add("%s no schedule impact and %s not simulated: %s.", plural(n, "risk has", "risks have"), plural0(n, "is", "are"), list(c.riskNoImpact))
	}
	if n := len(c.riskNoP); n > 0 {
		add("%s a probability of 0 and %s not simulated: %s.", plural(n, "risk has", "risks have"), plural0(n, "is", "are"), list(c.riskNoP))
	}
	if n := len(c.riskNoOpen); n > 0 {
		add("%s only finished items and %s not simulated: %s.", plural(n, "risk affects", "risks affect"), plural0(n, "is", "are"), list(c.riskNoOpen))
	}
	if n := len(c.emptyMilestones); n > 0 {
		add("%s on no items and %s forecast as met: %s.", plural(n, "milestone depends", "milestones depend"), plural0(n, "is", "are"), list(c.emptyMilestones))
	}
}

// sig writes a positive number with three significant digits, never in
// exponent form ("0.0125", "6.4", "1250").
func sig(v float64) string {
	if v >= 100 {
		return strconv.FormatFloat(math.Round(v), 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

// plural returns "1 item" or "3 items".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func plural0(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// list joins ids, shortening long lists.
func list(ids []string) string {
	if len(ids) > 8 {
		return strings.Join(ids[:8], ", ") + fmt.Sprintf(" and %d more", len(ids)-8)
	}
	return strings.Join(ids, ", ")
}

// Date returns working day k (Day0 is working day 0; k < 0 counts back).
func (m *Mapping) Date(k int) plan.Date {
	if k < 0 {
		return m.cal.AddWorkdays(m.Day0, k)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if k > len(m.days)+maxCachedDays {
		return m.far.add(m.Day0, k) // far away: do not cache
	}
	if len(m.days) == 0 {
		m.days = append(m.days, m.Day0)
	}
	for len(m.days) <= k {
		m.days = append(m.days, m.cal.AddWorkdays(m.days[len(m.days)-1]+1, 0))
	}
	return m.days[k]
}

// Time returns the model time of the start of the first working day on or
// after d: the number of working days from Day0 to d (negative before Day0).
func (m *Mapping) Time(d plan.Date) float64 {
	return float64(m.far.between(m.Day0, d))
}

// EndTime returns the model time of the end of the last working day on or
// before d, the model target of a date d: a finish at or before it falls on
// a date on or before d. Before Day0 it is negative (no finish can make it).
func (m *Mapping) EndTime(d plan.Date) float64 {
	if d < m.Day0 {
		return -1
	}
	return float64(m.far.between(m.Day0, d+1))
}

// StartDate returns the date of a start at model time s: working day ⌊s⌋.
func (m *Mapping) StartDate(s float64) plan.Date {
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return 0
	}
	return m.Date(int(min(maxDate, max(0, math.Floor(s+eps)))))
}

// FinishDate returns the date of a finish at model time t: the working day
// ⌈t⌉−1 whose end t reaches (working day 0 for t ≤ 1).
func (m *Mapping) FinishDate(t float64) plan.Date {
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return 0
	}
	return m.Date(int(min(maxDate, max(0, math.Ceil(t-eps)-1))))
}
