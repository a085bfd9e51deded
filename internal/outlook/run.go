package outlook

import (
	"context"
	"fmt"
	"math"
	"sort"

	"steerco/internal/figure"
	"steerco/internal/forecast"
	"steerco/internal/plan"
)

// enginePeriod is the period of the engine's own team statistics, which
// Run turns off (forecast.Options.NoTeamPeriods: it computes calendar
// quarters from the trials).
const enginePeriod = 65

// Run forecasts the portfolio: it compiles it (see Compile), runs the Monte
// Carlo engine and maps the results back to dates, quarters and ids. With
// Options.RiskImpacts it runs the model once more per simulated risk, with
// that risk switched off and the same random numbers otherwise, and reports
// the P85 days each risk adds.
//
// Errors: those of Compile (a *plan.Error, EINVALID when the portfolio or an
// option is wrong), ctx.Err() when ctx is cancelled (context.Canceled on
// Ctrl-C), or an internal error from the engine.
func Run(ctx context.Context, p *plan.Portfolio, opts Options) (*Forecast, error) {
	if opts.Trials == 0 {
		opts.Trials = DefaultTrials
	}
	if opts.Trials < 0 {
		return nil, plan.Errorf(plan.EINVALID, "The number of trials must be positive, not %d.", opts.Trials)
	}
	if opts.Seed == 0 {
		opts.Seed = DefaultSeed
	}
	switch opts.Sampling {
	case "":
		opts.Sampling = forecast.MonteCarlo
	case forecast.MonteCarlo, forecast.LatinHypercube:
	default:
		return nil, plan.Errorf(plan.EINVALID, "Sampling %q is not one of mc (Monte Carlo) or lhs (Latin hypercube).", opts.Sampling)
	}
	if opts.Workers < 0 {
		return nil, plan.Errorf(plan.EINVALID, "The number of workers cannot be negative.")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	m, mp, err := CompileContext(ctx, p, opts.AsOf, opts.Distribution)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil { // Compile is bounded (see horizon) but may take a moment
		return nil, err
	}
	tr := newTrials(m, mp)
	tr.money = newMoneyTrack(p, m, mp, opts)
	fo := forecast.Options{Trials: opts.Trials, Seed: opts.Seed, Sampling: opts.Sampling, Workers: opts.Workers,
		Period: enginePeriod, NoTeamPeriods: true, Observers: tr, Progress: opts.Progress}
	var (
		res     *forecast.Result
		impacts []forecast.RiskImpact
	)
	if opts.RiskImpacts && len(m.Risks()) > 0 {
		res, impacts, err = forecast.Drivers(ctx, m, fo, forecast.DriverOptions{Counted: counted(m, mp), Budget: driverBudget})
	} else {
		res, err = forecast.Run(ctx, m, fo)
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &plan.Error{Code: plan.EINTERNAL, Message: "The forecast could not be run.", Err: fmt.Errorf("forecast: %w", err)}
	}
	tr.fold()
	if tr.err == nil && tr.N != res.Trials {
		tr.err = fmt.Errorf("observed %d trials, want %d", tr.N, res.Trials)
	}
	if tr.err != nil {
		return nil, &plan.Error{Code: plan.EINTERNAL, Message: "The forecast could not be run.", Err: tr.err}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f := build(p, m, mp, res, tr, opts)
	f.Risks = []RiskImpact{}
	if opts.RiskImpacts {
		f.Risks = riskImpacts(p, mp, res, impacts)
	}
	if err := ctx.Err(); err != nil { // cancelled while mapping: no forecast
		return nil, err
	}
	return f, nil
}

// build maps the engine's result back to the portfolio.
func build(p *plan.Portfolio, m forecast.Model, mp *Mapping, res *forecast.Result, tr *trials, opts Options) *Forecast {
	items := itemsByID(p)
	f := &Forecast{AsOf: mp.AsOf, Day0: mp.Day0, Trials: res.Trials, Seed: res.Seed, Sampling: res.Sampling,
		Distribution: mp.Distribution, Items: []ItemForecast{}, Milestones: []MilestoneForecast{},
		Notes: append([]string{}, mp.Notes...)}
	for k, in := range mp.Items {
		w, fin := &res.Items[in.Work], &res.Items[in.Finish]
		it := ItemForecast{ID: in.ID, Start: tr.dist(in.Work, w.Start, false), Finish: tr.dist(in.Finish, fin.Finish, true), PTarget: -1,
			Criticality: w.Criticality, Sensitivity: w.Sensitivity,
			WaitDependencyDays: w.WaitDependency, WaitCapacityDays: w.WaitCapacity}
		if in.ZeroEffort && len(m.Items[in.Finish].Risks) == 0 {
			it.Start = it.Finish // starts and finishes the moment it is ready
		}
		if pi := items[in.ID]; pi != nil && !pi.Target.IsZero() {
			it.Target = pi.Target
		}
		if fin.PTarget != nil {
			it.PTarget = *fin.PTarget
		}
		if j, share := driver(tr.predCount[k], tr.N); j >= 0 {
			it.Driver, it.DriverShare = in.Preds[j].ItemID, share
		}
		if opts.Curves {
			it.Finish.Curve = tr.curve(tr.dayF[in.Finish])
		}
		f.Items = append(f.Items, it)
	}
	for k, mn := range mp.Milestones {
		r := &res.Items[mn.Node]
		ms := MilestoneForecast{ID: mn.ID, Finish: tr.dist(mn.Node, r.Finish, true), PTarget: -1, Done: mn.Done}
		for i := range p.Milestones {
			if p.Milestones[i].ID == mn.ID {
				ms.Target = p.Milestones[i].Date
			}
		}
		if r.PTarget != nil {
			ms.PTarget = *r.PTarget
		}
		if mn.Done {
			ms.PTarget = 1
		}
		if j, share := driver(tr.msCount[k], tr.N); j >= 0 {
			ms.Driver, ms.DriverShare = mn.Items[j], share
		}
		if opts.Curves {
			ms.Finish.Curve = tr.curve(tr.dayF[mn.Node])
		}
		f.Milestones = append(f.Milestones, ms)
	}
	// The engine's portfolio finish is the last node's finish, which is the
	// last open item's: lag nodes finish before their successors, milestone
	// nodes with their last item.
	f.Portfolio = tr.dateDist(tr.dayT, res.Portfolio.Finish, true)
	if opts.Curves {
		f.Portfolio.Curve = tr.curve(tr.dayT)
	}
	if res.Committed != nil {
		f.Committed = res.Committed.Probability
		f.CommittedItems = len(res.Committed.Items)
	} else {
		f.Committed = 1 // nothing committed: vacuously all met
	}
	f.Teams = tr.quarters()
	f.Exposure = tr.money.exposure(tr)
	f.JCL = tr.money.jcl()
	return f
}

// itemsByID indexes the portfolio's items by id (plan.Portfolio.Item
// searches, which in a loop over every item is quadratic).
func itemsByID(p *plan.Portfolio) map[string]*plan.Item {
	m := make(map[string]*plan.Item, len(p.Items))
	for i := range p.Items {
		if _, dup := m[p.Items[i].ID]; !dup { // the first, as Portfolio.Item
			m[p.Items[i].ID] = &p.Items[i]
		}
	}
	return m
}

// dist is the date distribution of node i's start or finish.
func (s *trials) dist(i int, sum forecast.Summary, finish bool) DateDist {
	if finish {
		return s.dateDist(s.dayF[i], sum, true)
	}
	return s.dateDist(s.dayS[i], sum, false)
}

// dateDist builds a DateDist: exact date percentiles from the per-day
// counts h (the earliest working day by which that share of trials had
// happened), the mean date and the standard errors from the engine's
// summary of the same times.
func (s *trials) dateDist(h []uint32, sum forecast.Summary, finish bool) DateDist {
	mp := s.mp
	q := func(p float64) plan.Date { return mp.Date(dayQuantile(h, s.N, p)) }
	dd := DateDist{P10: q(0.10), P50: q(0.50), P85: q(0.85), P95: q(0.95),
		SEP50Days: sum.SE.P50, SEP85Days: sum.SE.P85, P50Days: sum.P50, P85Days: sum.P85}
	if finish {
		dd.Mean = mp.FinishDate(sum.Mean)
	} else {
		dd.Mean = mp.StartDate(sum.Mean)
	}
	return dd
}

// driverBudget is forecast.DriverOptions.Budget for Run (0: the default;
// tests set it to compare estimated impacts with exact ones).
var driverBudget int64

// counted marks the model's nodes whose chances the ranking measure adds
// up (see RiskImpact): open milestones and committed items.
func counted(m forecast.Model, mp *Mapping) []bool {
	c := make([]bool, len(m.Items))
	for _, mn := range mp.Milestones {
		if !mn.Done {
			c[mn.Node] = true
		}
	}
	for _, it := range mp.Items {
		if it.Committed {
			c[it.Finish] = true
		}
	}
	return c
}

// EstimateSEs is how many of its standard errors an estimated risk's points
// lost must reach to count as a measurable effect (an exact re-run needs
// one).
const EstimateSEs = 2

// riskImpacts turns the engine's per-risk differences into RiskImpacts,
// in the order of the ranking rule (see RiskImpact), and adds the live
// cost-only risks after them.
func riskImpacts(p *plan.Portfolio, mp *Mapping, base *forecast.Result, in []forecast.RiskImpact) []RiskImpact {
	out := []RiskImpact{}
	N := float64(max(base.Trials, 1))
	lose := func(r *RiskImpact, dp float64) {
		if d := -dp; d > 0 {
			r.PointsLost += 100 * d
			r.PointsLostSE += 100 * math.Sqrt(d*(1-d)/N)
		}
	}
	for _, ri := range in {
		if ri.Estimated {
			// estimated from the base run: the points lost only (see
			// RiskImpact.Estimated)
			r := RiskImpact{RiskID: ri.Risk, Estimated: true,
				PointsLost: math.Round(100*max(ri.Lost, 0)*1e4) / 1e4, PointsLostSE: math.Round(100*ri.LostSE*1e4) / 1e4}
			// An estimate is noisier than an exact re-run and there are
			// many of them (a large portfolio's hundreds of risks): one
			// standard error would call one in six harmless risks
			// measurable by chance, so an estimate must clear two.
			r.Measurable = r.PointsLost >= math.Max(EstimateSEs*r.PointsLostSE, 0.5)
			out = append(out, r)
			continue
		}
		r := RiskImpact{RiskID: ri.Risk, PortfolioP85Days: round(ri.PortfolioP85)}
		worst := 0.0
		measurable := figure.Measurable(ri.PortfolioP85, base.Portfolio.Finish.SE.P85)
		for _, mn := range mp.Milestones {
			d := round(ri.ItemP85[mn.Node])
			if d != 0 {
				if r.MilestoneP85Days == nil {
					r.MilestoneP85Days = map[string]float64{}
				}
				r.MilestoneP85Days[mn.ID] = d
			}
			if d > worst {
				worst, r.WorstMilestone = d, mn.ID
			}
			if !mn.Done && figure.Measurable(ri.ItemP85[mn.Node], base.Items[mn.Node].Finish.SE.P85) {
				measurable = true
			}
			if base.Items[mn.Node].PTarget == nil || mn.Done {
				continue
			}
			if dp := math.Round(ri.PTarget[mn.Node]*1e4) / 1e4; dp != 0 {
				if r.MilestonePTarget == nil {
					r.MilestonePTarget = map[string]float64{}
				}
				r.MilestonePTarget[mn.ID] = dp
			}
			lose(&r, ri.PTarget[mn.Node])
		}
		for _, it := range mp.Items {
			if d := round(ri.ItemP85[it.Finish]); math.Abs(d) >= 0.1 {
				if r.ItemP85Days == nil {
					r.ItemP85Days = map[string]float64{}
				}
				r.ItemP85Days[it.ID] = d
			}
			if !it.Committed || base.Items[it.Finish].PTarget == nil {
				continue
			}
			if dp := math.Round(ri.PTarget[it.Finish]*1e4) / 1e4; dp != 0 {
				if r.CommittedPTarget == nil {
					r.CommittedPTarget = map[string]float64{}
				}
				r.CommittedPTarget[it.ID] = dp
			}
			lose(&r, ri.PTarget[it.Finish])
		}
		r.PointsLost, r.PointsLostSE = math.Round(r.PointsLost*1e4)/1e4, math.Round(r.PointsLostSE*1e4)/1e4
		r.Measurable = measurable || r.PointsLost >= math.Max(r.PointsLostSE, 0.5)
		out = append(out, r)
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].ranksBefore(&out[b]) })
	var costOnly []*plan.Risk
	for i := range p.Risks {
		if rk := &p.Risks[i]; rk.Live() && rk.ImpactDays <= 0 && !rk.CostImpact.IsZero() {
			costOnly = append(costOnly, rk)
		}
	}
	sort.SliceStable(costOnly, func(a, b int) bool {
		if ca, cb := costOnly[a].CostImpact.Float(), costOnly[b].CostImpact.Float(); ca != cb {
			return ca > cb
		}
		return costOnly[a].ID < costOnly[b].ID
	})
	for _, rk := range costOnly {
		out = append(out, RiskImpact{RiskID: rk.ID, CostOnly: true})
	}
	return out
}

// ranksBefore is the ranking rule of simulated risks (see RiskImpact).
func (r *RiskImpact) ranksBefore(o *RiskImpact) bool {
	if r.Measurable != o.Measurable {
		return r.Measurable
	}
	if r.PointsLost != o.PointsLost {
		return r.PointsLost > o.PointsLost
	}
	if a, b := r.worstDays(), o.worstDays(); a != b {
		return a > b
	}
	if r.PortfolioP85Days != o.PortfolioP85Days {
		return r.PortfolioP85Days > o.PortfolioP85Days
	}
	return r.RiskID < o.RiskID
}

// worstDays is the working days added to the P85 of the most affected milestone.
func (r *RiskImpact) worstDays() float64 {
	if r.WorstMilestone == "" {
		return 0
	}
	return r.MilestoneP85Days[r.WorstMilestone]
}

// Harm returns two of the other measures: the largest drop the risk causes
// in a milestone's probability of meeting its date (0–1, 0 when none), and
// the most working days it adds to the portfolio's or a milestone's P85.
// Risks are not ranked by these but by PointsLost (see RiskImpact).
func (r RiskImpact) Harm() (pDrop, days float64) {
	for _, dp := range r.MilestonePTarget {
		pDrop = math.Max(pDrop, -dp)
	}
	days = r.PortfolioP85Days
	for _, d := range r.MilestoneP85Days {
		days = math.Max(days, d)
	}
	return pDrop, days
}

// round keeps two decimals of a number of days: differences below that are
// histogram noise.
func round(d float64) float64 { return math.Round(d*100) / 100 }
