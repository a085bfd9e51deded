package outlook

import (
	"math"
	"slices"
	"sort"

	"steerco/internal/forecast"
	"steerco/internal/plan"
)

// Money on the schedule: exposure and joint cost–schedule confidence.
//
// Both are computed from the trials, like the date percentiles: every
// trial's finish dates give that trial's penalties and its cost to
// complete, and the figures below are statistics of those per-trial
// amounts (never a rate times a percentile date).
//
// Penalty of a milestone in one trial (plan.Milestone): nothing when its
// items finish on or before its date; otherwise its lump sum plus its
// amount per day times the days late: working days of the portfolio's
// calendar from the day after the date to the finish date, both
// included, or calendar days (finish date − date) when the milestone
// says PenaltyDays "calendar". Cost of delay of an open item with a
// target (plan.Item.CostOfDelayPerWeek): calendar days late ÷ 7 × the
// amount, pro rata.
//
// Scope of the JCL: the items the programme's date needs — the open
// committed items with a target, the milestones' open items, and every
// open item they wait on, directly or not (every open item when there are
// none). Its finish in a trial is the last of theirs; its date (JCL.Target)
// the latest date of the milestones not done and of the committed targets;
// its budget the plan of every budget line for the months from the as-of
// date's month to the date's month, a team's line counted in the share of
// the team's allocation (the share of its time the roadmap has, the share
// its cost to complete counts: the rest pays for support and KTLO).
//
// Cost to complete of one trial (JCL): for each team with items in scope,
// its loaded run-rate (headcount on each working day × allocation × cost
// per FTE-month × 12 ÷ WorkingDaysPerYear) from Day0 until the last of its
// items in scope finishes in that trial; plus the plan, for the same
// months as the budget, of the budget lines not tied to a team; plus
// the cost impact of every live risk that fired in that trial (a risk with
// a schedule impact fires with the schedule draw that delayed its items; a
// risk without one, or on done items only, is drawn on its own, from the
// seed, with its probability); plus, when Options.CostWithPenalties, the
// trial's penalties and costs of delay.

// WorkingDaysPerYear turns a monthly loaded cost into a cost per working
// day (52 weeks of 5 days): a team's run-rate per working day is headcount
// × allocation × cost per FTE-month × 12 ÷ 260.
const WorkingDaysPerYear = 260

// JCLLevel is the confidence a programme commitment needs (NASA's 70 %).
const JCLLevel = 0.70

// maxScatter bounds the trials kept for the scatter chart (the first ones).
const maxScatter = 2000

// Exposure is what lateness is expected to cost: per milestone with a
// penalty in money and per item with a cost of delay, and in total.
type Exposure struct {
	// Milestones: every milestone with a penalty in money (lump sum or per
	// day), in portfolio order.
	Milestones []PenaltyExposure `json:"milestones"`
	// Items: every open item with a cost of delay and a target, in
	// portfolio order.
	Items []PenaltyExposure `json:"items"`
	// Total is the distribution of the per-trial sum of every penalty and
	// cost of delay (so its P85 is the P85 of the sum, not the sum of the
	// P85s).
	Total MoneyDist `json:"total"`
	// PerWeekLate: what one more week late costs once everything listed is
	// late, the sum of PerWeek — the "every week late costs USD 175k" of
	// the board pack's summary.
	PerWeekLate plan.Money `json:"per_week_late"`
}

// PenaltyExposure is one milestone's penalty or one item's cost of delay
// across the trials.
type PenaltyExposure struct {
	ID     string    `json:"id"`
	Target plan.Date `json:"target"`
	// PLate is the share of trials that finish after Target (1 − PTarget).
	PLate float64 `json:"p_late"`
	// Expected is the mean over the trials of what is due (zero in the
	// trials on time), P50/P85/P95 its percentiles.
	Expected plan.Money `json:"expected"`
	P50      plan.Money `json:"p50"`
	P85      plan.Money `json:"p85"`
	P95      plan.Money `json:"p95"`
	// LumpSum, PerDay (and CalendarDays: which days it counts) restate the
	// terms; PerWeek is what one more week late costs (5 working days or 7
	// calendar days of PerDay; an item's cost of delay per week).
	LumpSum      plan.Money `json:"lump_sum,omitzero"`
	PerDay       plan.Money `json:"per_day,omitzero"`
	CalendarDays bool       `json:"calendar_days,omitempty"`
	PerWeek      plan.Money `json:"per_week"`
}

// MoneyDist is an amount's distribution across the trials.
type MoneyDist struct {
	Mean plan.Money `json:"mean"`
	P10  plan.Money `json:"p10"`
	P50  plan.Money `json:"p50"`
	P85  plan.Money `json:"p85"`
	P95  plan.Money `json:"p95"`
}

// JCL is the joint cost–schedule confidence of the portfolio: the chance
// that a trial finishes by Target and costs no more than Budget.
type JCL struct {
	// Target is the date the programme is committed to: the latest date
	// of the milestones not yet done and the targets of the open committed
	// items (zero when there is none).
	Target plan.Date `json:"target"`
	// Budget is the plan of every budget line for the months from the
	// as-of date's month to Target's (every later month without a Target;
	// zero when there is none); a team's line counts × the team's
	// allocation, as the team's cost to complete does.
	Budget plan.Money `json:"budget"`
	// Level is the confidence asked for, JCLLevel.
	Level float64 `json:"level"`
	// PJoint: P(finish ≤ Target and cost ≤ Budget); PDate: P(finish ≤
	// Target); PCost: P(cost ≤ Budget). -1 when the Target (PDate, PJoint)
	// or the Budget (PCost, PJoint) is missing. The finish is the
	// portfolio's (Forecast.Portfolio: the last open item).
	PJoint float64 `json:"p_joint"`
	PDate  float64 `json:"p_date"`
	PCost  float64 `json:"p_cost"`
	// Cost is the cost to complete (see the comment on money in the
	// package): its mean and percentiles; Teams, Lines and Risks the means
	// of its three parts (Penalties the fourth, when WithPenalties).
	Cost          MoneyDist  `json:"cost"`
	Teams         plan.Money `json:"teams_mean"`
	Lines         plan.Money `json:"lines"`
	Risks         plan.Money `json:"risks_mean"`
	Penalties     plan.Money `json:"penalties_mean,omitzero"`
	WithPenalties bool       `json:"with_penalties,omitempty"`
	// CostCurve is the S-curve of the cost: the cost not exceeded in a
	// share P of the trials, P = 0.05, 0.10 … 0.95.
	CostCurve []MoneyPoint `json:"cost_curve"`
	// Frontier: for dates from the first one by which Level of the trials
	// have finished, every 5 working days up to the P99 finish (and
	// Target when in that range), the lowest budget that reaches Level
	// jointly with that date. The points are not a menu of trades: each is
	// the same forecast read against a different pair of limits, and
	// moving along it buys nothing (FrontierNote says so in words).
	Frontier []FrontierPoint `json:"frontier"`
	// PlanFinish and PlanCost are the plan point of the scatter chart: the
	// median finish and the median cost of the trials.
	PlanFinish plan.Date  `json:"plan_finish"`
	PlanCost   plan.Money `json:"plan_cost"`
	// Scatter: one point per trial (the first maxScatter trials), for the
	// scatter chart of the screens and reports. It is not in the JSON (the
	// command line's --json stays compact).
	Scatter []ScatterPoint `json:"-"`
}

// FrontierNote is the sentence every surface showing the frontier prints
// beside it.
const FrontierNote = "Points on the 70% frontier are not a menu of trades: each pairs a date with the lowest budget that reaches 70% by it in the same forecast; choosing a later date does not save money, and more money does not buy an earlier date."

// MoneyPoint is a point of a cost S-curve: the cost not exceeded in a share P of the trials.
type MoneyPoint struct {
	P      float64    `json:"p"`
	Amount plan.Money `json:"amount"`
}

// FrontierPoint is one point of the JCL frontier.
type FrontierPoint struct {
	Date   plan.Date  `json:"date"`
	Budget plan.Money `json:"budget"`
}

// ScatterPoint is one trial: its finish and its cost to complete.
type ScatterPoint struct {
	Finish plan.Date  `json:"finish"`
	Cost   plan.Money `json:"cost"`
}

// moneyTrack keeps, streaming, what exposure and the JCL need from each trial.
type moneyTrack struct {
	mp       *Mapping
	cur      string
	seed     uint64
	withPen  bool
	pens     []penaltyTerm // milestones with a penalty, then items with a cost of delay
	scope    []int         // finish nodes of the items in scope
	target   plan.Date     // the JCL's date
	teams    []teamCost
	lines    float64 // non-team budget lines' remaining plan, minor units
	budget   float64 // every line's remaining plan, minor units
	nodes    []riskNode
	risks    []riskCost // live risks with a cost impact
	indepRsk []int      // indexes into risks drawn on their own
	// per trial, written by the workers at the trial's index
	T, cost, pen, teamsV, risksV []float64
	sumTeams, sumRisks           float64 // summed in trial order by sum
}

// moneyWorker is one worker's part of a moneyTrack: its scratch and its
// own caches of the penalties by day.
type moneyWorker struct {
	mt    *moneyTrack
	pens  []penaltyTerm
	fired []bool // scratch, per risk
}

// worker returns a worker's part of mt.
func (mt *moneyTrack) worker() *moneyWorker {
	w := &moneyWorker{mt: mt, pens: slices.Clone(mt.pens), fired: make([]bool, len(mt.risks))}
	for i := range w.pens {
		w.pens[i].byDay = nil
	}
	return w
}

// sum takes the sums of the per-trial totals, in trial order.
func (mt *moneyTrack) sum() {
	mt.sumTeams, mt.sumRisks = 0, 0
	for k := range mt.teamsV {
		mt.sumTeams += mt.teamsV[k]
		mt.sumRisks += mt.risksV[k]
	}
}

type penaltyTerm struct {
	id       string
	item     bool
	target   plan.Date
	node     int
	end      int     // working days from Day0 to the day after target (may be negative)
	lump     float64 // minor units
	perDay   float64
	calendar bool
	byDay    []float64 // penalty by finish working day, filled lazily
}

type teamCost struct {
	nodes []int    // finish nodes of its open items
	rate  capCurve // cost per working day, minor units
}

type riskNode struct {
	node  int
	risks []int // indexes into moneyTrack.risks, or -1 for a risk without cost
	imp   []float64
}

type riskCost struct {
	id   string
	p    float64
	cost float64
}

func newMoneyTrack(p *plan.Portfolio, m forecast.Model, mp *Mapping, opts Options) *moneyTrack {
	mt := &moneyTrack{mp: mp, cur: p.Currency, seed: opts.Seed, withPen: opts.CostWithPenalties}
	finish := map[string]int{}
	for _, in := range mp.Items {
		finish[in.ID] = in.Finish
	}
	for _, mn := range mp.Milestones {
		pm := milestoneOf(p, mn.ID)
		if pm == nil || !pm.HasPenalty() || mn.Done || len(mn.Items) == 0 {
			continue
		}
		mt.pens = append(mt.pens, penaltyTerm{id: mn.ID, target: pm.Date, node: mn.Node, end: int(mp.Time(pm.Date + 1)),
			lump: float64(pm.PenaltyLumpSum.Minor), perDay: float64(pm.PenaltyPerDay.Minor), calendar: pm.PenaltyCalendarDays()})
	}
	items := itemsByID(p)
	for _, in := range mp.Items {
		it := items[in.ID]
		if it == nil || it.CostOfDelayPerWeek.Minor <= 0 || it.Target.IsZero() {
			continue
		}
		mt.pens = append(mt.pens, penaltyTerm{id: in.ID, item: true, target: it.Target, node: in.Finish, end: int(mp.Time(it.Target + 1)),
			perDay: float64(it.CostOfDelayPerWeek.Minor) / 7, calendar: true})
	}
	// The scope: what the programme's date needs — the committed items with
	// a target, the milestones' items, and everything they wait on; every
	// open item when nothing is committed or dated.
	scope := map[string]bool{}
	var add func(id string)
	byID := map[string]*ItemNodes{}
	for k := range mp.Items {
		byID[mp.Items[k].ID] = &mp.Items[k]
	}
	add = func(id string) {
		if scope[id] || byID[id] == nil {
			return
		}
		scope[id] = true
		for _, pr := range byID[id].Preds {
			add(pr.ItemID)
		}
	}
	for _, in := range mp.Items {
		if in.Committed {
			add(in.ID)
		}
	}
	for _, mn := range mp.Milestones {
		for _, id := range mn.Items {
			add(id)
		}
	}
	if len(scope) == 0 {
		for _, in := range mp.Items {
			scope[in.ID] = true
		}
	}
	for _, in := range mp.Items {
		if scope[in.ID] {
			mt.scope = append(mt.scope, in.Finish)
		}
	}
	// Teams' run-rates, until their last item in scope finishes.
	for _, tn := range mp.Teams {
		t := p.Team(tn.ID)
		if t == nil {
			continue
		}
		var nodes []int
		for _, in := range mp.Items {
			if in.Team == tn.ID && scope[in.ID] {
				nodes = append(nodes, in.Finish)
			}
		}
		if len(nodes) == 0 {
			continue
		}
		perFTEDay := float64(t.CostPerFTEMonth.Minor) * 12 / WorkingDaysPerYear
		rate := func(d plan.Date) float64 { return math.Max(0, t.HeadcountOn(d)) * t.Allocation * perFTEDay }
		last := mp.Day0
		for _, h := range t.HeadcountChanges {
			last = max(last, h.Date)
		}
		K := min(int(mp.Time(last)), maxDays)
		ft := forecast.Team{CapacityPerWeek: rate(mp.Date(K))}
		for k := 0; k < K; k++ {
			ft.CapacityByWeek = append(ft.CapacityByWeek, rate(mp.Date(k)))
		}
		mt.teams = append(mt.teams, teamCost{nodes: nodes, rate: newCapCurve(ft)})
	}
	mt.target = jclTarget(p, mp, items)
	// Budget: the plan of the months from the as-of date's to the
	// target's (every later month when there is no target).
	from := mp.AsOf.MonthOf()
	for i := range p.BudgetLines {
		b := &p.BudgetLines[i]
		share := 1.0 // a team's line funds the roadmap in the share of its allocation, as its cost counts
		if t := p.Team(b.TeamID); t != nil {
			share = t.Allocation
		}
		for _, a := range b.Plan {
			if a.Month < from || !mt.target.IsZero() && a.Month > mt.target.MonthOf() {
				continue
			}
			mt.budget += share * float64(a.Amount.Minor)
			if b.TeamID == "" {
				mt.lines += float64(a.Amount.Minor)
			}
		}
	}
	// Risks with a cost impact; those the model simulates fire with it.
	index := map[string]int{}
	for i := range p.Risks {
		rk := &p.Risks[i]
		if rk.Live() && rk.CostImpact.Minor > 0 && rk.Probability > 0 {
			index[rk.ID] = len(mt.risks)
			mt.risks = append(mt.risks, riskCost{id: rk.ID, p: rk.Probability, cost: float64(rk.CostImpact.Minor)})
		}
	}
	simulated := map[int]bool{}
	for i, it := range m.Items {
		if len(it.Risks) == 0 {
			continue
		}
		rn := riskNode{node: i}
		for _, r := range it.Risks {
			k, ok := index[r.ID]
			if !ok {
				k = -1
			} else {
				simulated[k] = true
			}
			rn.risks = append(rn.risks, k)
			rn.imp = append(rn.imp, r.Impact)
		}
		mt.nodes = append(mt.nodes, rn)
	}
	for k := range mt.risks {
		if !simulated[k] {
			mt.indepRsk = append(mt.indepRsk, k)
		}
	}
	N := opts.Trials
	mt.T, mt.cost, mt.pen, mt.teamsV, mt.risksV = make([]float64, N), make([]float64, N), make([]float64, N), make([]float64, N), make([]float64, N)
	return mt
}

func milestoneOf(p *plan.Portfolio, id string) *plan.Milestone {
	for i := range p.Milestones {
		if p.Milestones[i].ID == id {
			return &p.Milestones[i]
		}
	}
	return nil
}

// penaltyAt is what the term costs when its node finishes on working day k.
func (mt *moneyTrack) penaltyAt(pt *penaltyTerm, k int) float64 {
	if k < len(pt.byDay) {
		return pt.byDay[k]
	}
	for len(pt.byDay) <= k {
		d := len(pt.byDay)
		v := 0.0
		if late := d + 1 - pt.end; late > 0 {
			days := float64(late)
			if pt.calendar {
				days = float64(mt.mp.Date(d) - pt.target)
			}
			v = pt.lump + pt.perDay*days
		}
		pt.byDay = append(pt.byDay, v)
	}
	return pt.byDay[k]
}

// observe folds in one trial.
func (mw *moneyWorker) observe(trial int, start, finish []float64) {
	mt := mw.mt
	T := 0.0
	for _, n := range mt.scope {
		T = runMax(T, finish[n])
	}
	pen := 0.0
	for i := range mw.pens {
		pen += mt.penaltyAt(&mw.pens[i], finishDay(finish[mw.pens[i].node]))
	}
	teams := 0.0
	for _, tc := range mt.teams {
		last := 0.0
		// from the team's last item: a team's later items in the
		// portfolio tend to finish later, so this way round the running
		// maximum rarely changes (the maximum is the same either way)
		for k := len(tc.nodes) - 1; k >= 0; k-- {
			last = runMax(last, finish[tc.nodes[k]])
		}
		teams += tc.rate.at(last)
	}
	fired := mw.fired
	clear(fired)
	for _, rn := range mt.nodes {
		decode(rn, finish[rn.node]-start[rn.node], fired)
	}
	for _, k := range mt.indepRsk {
		if uniform(mt.seed, uint64(trial), uint64(k)) < mt.risks[k].p {
			fired[k] = true
		}
	}
	risks := 0.0
	for k, f := range fired {
		if f {
			risks += mt.risks[k].cost
		}
	}
	cost := teams + mt.lines + risks
	if mt.withPen {
		cost += pen
	}
	mt.teamsV[trial], mt.risksV[trial] = teams, risks
	mt.T[trial], mt.cost[trial], mt.pen[trial] = T, cost, pen
}

// decode marks the risks of a risk node that fired in a trial, from the
// delay the node added (the sum of the impacts of the risks that fired):
// the subset of its risks whose impacts add up to delay, the one with the
// fewest risks when several do (equal impacts: the first ones).
func decode(rn riskNode, delay float64, fired []bool) {
	if delay <= eps {
		return
	}
	n := len(rn.risks)
	if n > 8 { // too many to enumerate quickly: greedily, in order
		left := delay
		for j := range n {
			if rn.imp[j] <= left+eps {
				left -= rn.imp[j]
				if rn.risks[j] >= 0 {
					fired[rn.risks[j]] = true
				}
			}
		}
		return
	}
	best, bestN := -1, n+1
	for s := 1; s < 1<<n; s++ {
		sum, c := 0.0, 0
		for j := range n {
			if s&(1<<j) != 0 {
				sum += rn.imp[j]
				c++
			}
		}
		if math.Abs(sum-delay) <= 1e-6*max(1, delay) && c < bestN {
			best, bestN = s, c
		}
	}
	for j := range n {
		if best > 0 && best&(1<<j) != 0 && rn.risks[j] >= 0 {
			fired[rn.risks[j]] = true
		}
	}
}

// uniform is a uniform number in [0, 1) from the seed, the trial and the
// risk (SplitMix64), so a risk drawn on its own is the same whatever the
// number of workers.
func uniform(seed, trial, k uint64) float64 {
	z := seed*0x9E3779B97F4A7C15 ^ (trial+1)*0xBF58476D1CE4E5B9 ^ (k+1)*0x94D049BB133111EB
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}

func (mt *moneyTrack) money(minor float64) plan.Money {
	return plan.Money{Minor: int64(math.Round(minor)), Currency: mt.cur}
}

// quantile of sorted values: the smallest value reached by a share q of them.
func quantile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(q*float64(len(sorted))-1e-9)) - 1
	return sorted[min(max(k, 0), len(sorted)-1)]
}

func (mt *moneyTrack) dist(v []float64) MoneyDist {
	s := slices.Clone(v)
	sort.Float64s(s)
	sum := 0.0
	for _, x := range v {
		sum += x
	}
	N := float64(max(len(v), 1))
	return MoneyDist{Mean: mt.money(sum / N), P10: mt.money(quantile(s, 0.10)), P50: mt.money(quantile(s, 0.50)),
		P85: mt.money(quantile(s, 0.85)), P95: mt.money(quantile(s, 0.95))}
}

// exposure builds the Exposure from the per-day finish counts (each
// term's penalty depends only on its node's finish day) and the per-trial
// totals.
func (mt *moneyTrack) exposure(tr *trials) *Exposure {
	ex := &Exposure{Milestones: []PenaltyExposure{}, Items: []PenaltyExposure{}, Total: mt.dist(mt.pen), PerWeekLate: mt.money(0)}
	N := float64(max(tr.N, 1))
	perWeek := 0.0
	for i := range mt.pens {
		pt := &mt.pens[i]
		h := tr.dayF[pt.node]
		sum, late := 0.0, 0.0
		for k, c := range h {
			if c == 0 {
				continue
			}
			v := mt.penaltyAt(pt, k)
			sum += float64(c) * v
			if k+1-pt.end > 0 {
				late += float64(c)
			}
		}
		q := func(p float64) plan.Money { return mt.money(mt.penaltyAt(pt, dayQuantile(h, tr.N, p))) }
		e := PenaltyExposure{ID: pt.id, Target: pt.target, PLate: late / N, Expected: mt.money(sum / N), P50: q(0.5), P85: q(0.85), P95: q(0.95)}
		if pt.item {
			e.PerWeek = mt.money(pt.perDay * 7)
			ex.Items = append(ex.Items, e)
		} else {
			e.LumpSum, e.PerDay, e.CalendarDays = mt.money(pt.lump), mt.money(pt.perDay), pt.calendar
			days := 5.0
			if pt.calendar {
				days = 7
			}
			e.PerWeek = mt.money(pt.perDay * days)
			ex.Milestones = append(ex.Milestones, e)
		}
		perWeek += float64(e.PerWeek.Minor)
	}
	ex.PerWeekLate = mt.money(perWeek)
	return ex
}

// jcl builds the JCL.
func (mt *moneyTrack) jcl() *JCL {
	mp := mt.mp
	N := len(mt.T)
	j := &JCL{Level: JCLLevel, Budget: mt.money(mt.budget), PJoint: -1, PDate: -1, PCost: -1, Cost: mt.dist(mt.cost),
		Lines: mt.money(mt.lines), CostCurve: []MoneyPoint{}, Frontier: []FrontierPoint{}, WithPenalties: mt.withPen}
	if N == 0 {
		return j
	}
	j.Teams, j.Risks = mt.money(mt.sumTeams/float64(N)), mt.money(mt.sumRisks/float64(N))
	if mt.withPen {
		s := 0.0
		for _, v := range mt.pen {
			s += v
		}
		j.Penalties = mt.money(s / float64(N))
	}
	j.Target = mt.target
	days := make([]int, N)
	for i, t := range mt.T {
		days[i] = finishDay(t)
	}
	costs := slices.Clone(mt.cost)
	sort.Float64s(costs)
	for q := 1; q <= 19; q++ {
		P := float64(q) / 20
		j.CostCurve = append(j.CostCurve, MoneyPoint{P: P, Amount: mt.money(quantile(costs, P))})
	}
	sortedDays := slices.Clone(days)
	sort.Ints(sortedDays)
	dq := func(q float64) int {
		k := int(math.Ceil(q*float64(N)-1e-9)) - 1
		return sortedDays[min(max(k, 0), N-1)]
	}
	j.PlanFinish, j.PlanCost = mp.Date(dq(0.5)), mt.money(quantile(costs, 0.5))
	end := 0
	if !j.Target.IsZero() {
		end = int(mp.Time(j.Target + 1))
	}
	var onDate, inBudget, both int
	for i := range N {
		d := days[i] <= end-1
		c := float64(mt.budget) >= mt.cost[i]-0.5
		if d {
			onDate++
		}
		if c {
			inBudget++
		}
		if d && c {
			both++
		}
	}
	if !j.Target.IsZero() {
		j.PDate = float64(onDate) / float64(N)
	}
	if mt.budget > 0 {
		j.PCost = float64(inBudget) / float64(N)
		if !j.Target.IsZero() {
			j.PJoint = float64(both) / float64(N)
		}
	}
	// The frontier: dates from the Level finish to the P99 finish.
	need := int(math.Ceil(JCLLevel*float64(N) - 1e-9))
	first, last := dq(JCLLevel), dq(0.99)
	grid := []int{}
	for d := first; d <= last; d += 5 {
		grid = append(grid, d)
	}
	if len(grid) == 0 || grid[len(grid)-1] != last {
		grid = append(grid, last)
	}
	if end-1 >= first && end-1 <= last && !slices.Contains(grid, end-1) {
		grid = append(grid, end-1)
		sort.Ints(grid)
	}
	order := make([]int, N)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return days[order[a]] < days[order[b]] })
	var in []float64
	k := 0
	for _, d := range grid {
		for k < N && days[order[k]] <= d {
			in = append(in, mt.cost[order[k]])
			k++
		}
		if len(in) < need {
			continue
		}
		s := slices.Clone(in)
		sort.Float64s(s)
		j.Frontier = append(j.Frontier, FrontierPoint{Date: mp.Date(d), Budget: mt.money(s[need-1])})
	}
	for i := range min(N, maxScatter) {
		j.Scatter = append(j.Scatter, ScatterPoint{Finish: mp.Date(days[i]), Cost: mt.money(mt.cost[i])})
	}
	return j
}

// jclTarget is the programme's date: the latest of the dates of the
// milestones not done and the targets of the open committed items.
func jclTarget(p *plan.Portfolio, mp *Mapping, items map[string]*plan.Item) plan.Date {
	var t plan.Date
	for i := range p.Milestones {
		if ms := &p.Milestones[i]; !milestoneDone(mp, ms.ID) {
			t = max(t, ms.Date)
		}
	}
	for _, in := range mp.Items {
		if it := items[in.ID]; it != nil && in.Committed {
			t = max(t, it.Target)
		}
	}
	return t
}

func milestoneDone(mp *Mapping, id string) bool {
	for _, mn := range mp.Milestones {
		if mn.ID == id {
			return mn.Done || len(mn.Items) == 0
		}
	}
	return true
}
