package calibration

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// BacktestTrials is the number of trials of each item's rebuilt forecast.
const BacktestTrials = 2000

// Backtest rebuilds, for every done item with both actual dates, the
// forecast made on the day work started with the estimate it had then, and
// scores it against the actual finish. The estimate is the one the audit
// log (newest or oldest first, any order) shows the item had at the end of
// its start day; without a recorded change after that day it is the
// item's estimate now. The forecast is of the item alone with its team's
// capacity, calendar and holidays as the file holds them now, from its
// start date (done items keep no remaining effort: the whole estimate is
// forecast); waits for other work are not rebuilt, so an item that shared
// its team with others shows as late. The done items with a finish but no
// start date cannot be backtested and come back in the second result.
func Backtest(ctx context.Context, p *plan.Portfolio, audit []plan.AuditEntry) (*Result, []string, error) {
	cal := p.Calendar.Compile()
	r := &Result{DoneWithoutFinish: DoneWithoutFinish(p)}
	var noStart []string
	for i := range p.Items {
		it := &p.Items[i]
		if it.Status != plan.Done || it.FinishedOn.IsZero() {
			continue
		}
		if it.StartedOn.IsZero() {
			noStart = append(noStart, it.ID)
			continue
		}
		est := EstimateOn(it, audit, it.StartedOn)
		p50, p85, err := forecastAlone(ctx, p, it, est)
		if err != nil {
			return nil, nil, fmt.Errorf("backtest item %s: %w", it.ID, err)
		}
		r.Outcomes = append(r.Outcomes, Outcome{ForecastOn: it.StartedOn, Item: it.ID, Team: it.TeamID, Commitment: it.Commitment,
			P50: p50, P85: p85, Actual: it.FinishedOn, BiasDays: cal.WorkdaysBetween(p50, it.FinishedOn)})
	}
	r.group(p)
	return r, noStart, nil
}

// EstimateOn returns the estimate item it had at the end of day d: the old
// value of the first estimate change the audit log records after d, or the
// item's estimate now when there is none.
func EstimateOn(it *plan.Item, audit []plan.AuditEntry, d plan.Date) plan.Estimate {
	est := it.Estimate
	var first *plan.AuditEntry
	for i := range audit {
		e := &audit[i]
		if e.Entity != "item" || e.EntityID != it.ID || e.Field != "estimate" || e.Action != "update" || plan.DateOf(e.At) <= d {
			continue
		}
		if first == nil || e.Seq < first.Seq {
			first = e
		}
	}
	if first != nil {
		var old plan.Estimate
		if json.Unmarshal([]byte(first.Old), &old) == nil {
			est = old
		}
	}
	return est
}

// forecastAlone forecasts it, not started, with estimate est, alone in its
// team from its start date.
func forecastAlone(ctx context.Context, p *plan.Portfolio, it *plan.Item, est plan.Estimate) (p50, p85 plan.Date, err error) {
	t := p.Team(it.TeamID)
	if t == nil {
		return 0, 0, plan.Errorf(plan.EINVALID, "Team %q does not exist.", it.TeamID)
	}
	one := plan.Item{ID: it.ID, Title: it.Title, TeamID: it.TeamID, Estimate: est, Rank: 1, Status: plan.NotStarted, Commitment: plan.Planned}
	q := &plan.Portfolio{Name: p.Name, Currency: p.Currency, FiscalYearStart: p.FiscalYearStart, PlanningStart: it.StartedOn,
		Calendar: p.Calendar, Teams: []plan.Team{*t}, Items: []plan.Item{one}}
	f, err := outlook.Run(ctx, q, outlook.Options{Trials: BacktestTrials, Seed: seedOf(it.ID), AsOf: it.StartedOn, Workers: 1})
	if err != nil {
		return 0, 0, err
	}
	for _, x := range f.Items {
		if x.ID == it.ID {
			return x.Finish.P50, x.Finish.P85, nil
		}
	}
	return 0, 0, fmt.Errorf("no forecast for the item")
}

// seedOf gives each item's rebuilt forecast its own fixed seed: with one
// seed for all, every item's percentiles would share the same sampling
// error, and the hit rate would move with it.
func seedOf(id string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(id))
	return h.Sum64() | 1
}
