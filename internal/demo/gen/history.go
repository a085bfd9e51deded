package main

import (
	"fmt"
	"math"

	"steerco/internal/plan"
)

// The year of history: the work each squad finished in the 52 weeks before
// the anchor, with its actual start and finish dates, and the two snapshots
// the steering committee took on the way ("Board, May" 26 weeks back and
// "Board, August" 13 weeks back), so that the calibration has something
// honest to score.
//
// Each squad runs its WIP slots back to back. A slot works at the squad's
// capacity (headcount × allocation × focus factor) shared by its WIP limit,
// as the forecast does; an item's effort is drawn from its three-point
// estimate and runs historyOverrun times as long (the squads ran about 5 %
// over their estimates). The snapshots' P50 and P85 dates are the
// forecast of each item in its slot from its start: the estimate's
// quantiles at the slot's rate, counted in working days. Targets of
// committed items were set at a quantile between 40 % and 95 %, which is
// the snapshot's probability of meeting them.
const (
	historyWeeks   = 52
	historyOverrun = 1.05
)

var historyTopics = map[string][]string{
	"fhir-api":   {"Search parameters", "Terminology binding", "Bundle paging", "Error OperationOutcome", "Patient $everything", "Provenance", "Capability tests", "Token introspection"},
	"exchange":   {"Partner onboarding", "Member attribution", "Claims mapping", "Clinical data feed", "Retry and dead-letter queue", "Partner certificates"},
	"platform":   {"Terraform modules", "Backup restore drill", "Secrets rotation", "Cost alerts", "Node pool upgrade", "CI pipeline"},
	"compliance": {"Access review", "Policy update", "Vendor assessment", "Evidence collection", "Training records", "Incident runbook"},
}

// quantileTri is the q-quantile of the triangular distribution low–likely–high.
func quantileTri(e plan.Estimate, q float64) float64 {
	a, c, b := e.Low, e.Likely, e.High
	if f := float64(c-a) / float64(b-a); q < f {
		return a + math.Sqrt(float64(q*float64(b-a))*float64(c-a))
	}
	return b - math.Sqrt(float64(float64(1-q)*float64(b-a))*float64(b-c))
}

// finishAfter is the finish date of work of d working days begun on start
// (the date of the working day in which it ends).
func finishAfter(cal *plan.WorkCalendar, start plan.Date, d float64) plan.Date {
	return cal.AddWorkdays(start, max(int(math.Ceil(d))-1, 0))
}

type historyForecast struct {
	item     string
	start    plan.Date
	p50, p85 plan.Date
	prob     float64
}

// history adds the finished work of the past year to p, gives the
// programme's own done items their actual dates, and takes the two
// snapshots.
func history(p *plan.Portfolio) {
	r := &rng{s: 0xca11b8a7e}
	cal := p.Calendar.Compile()
	begin := wk(-historyWeeks)
	end := wk(-1)
	var fc []historyForecast
	forecastOf := func(it *plan.Item, rate float64) {
		q50 := quantileTri(it.Estimate, 0.5) / rate
		q85 := quantileTri(it.Estimate, 0.85) / rate
		h := historyForecast{item: it.ID, start: it.StartedOn, p50: finishAfter(cal, it.StartedOn, q50), p85: finishAfter(cal, it.StartedOn, q85), prob: -1}
		if !it.Target.IsZero() {
			// The probability the forecast gave the target: the share of
			// the effort distribution that finishes on or before it.
			lo, hi := 0.0, 1.0
			for k := 0; k < 40; k++ {
				mid := (lo + hi) / 2
				if finishAfter(cal, it.StartedOn, quantileTri(it.Estimate, mid)/rate) <= it.Target {
					lo = mid
				} else {
					hi = mid
				}
			}
			h.prob = math.Round(lo*1000) / 1000
		}
		fc = append(fc, h)
	}
	for _, t := range p.Teams {
		rate := t.Headcount * t.Allocation * t.FocusFactor / float64(t.WIPLimit)
		topics := historyTopics[t.ID]
		n := 0
		for slot := 0; slot < t.WIPLimit; slot++ {
			day := cal.AddWorkdays(begin, r.intn(10))
			for {
				likely := math.Round(r.between(15, 35))
				e := plan.Estimate{Low: math.Round(likely * 0.7), Likely: likely, High: math.Round(likely * r.between(1.5, 2.2))}
				effort := quantileTri(e, r.float())
				finish := finishAfter(cal, day, float64(historyOverrun*effort)/rate)
				if finish >= end {
					break
				}
				n++
				it := plan.Item{ID: fmt.Sprintf("h-%s-%02d", t.ID, n), Title: fmt.Sprintf("%s (%d)", topics[n%len(topics)], n/len(topics)+1),
					TeamID: t.ID, Estimate: e, Status: plan.Done, Commitment: []string{com, com, pln, pln, str}[r.intn(5)],
					Tags: tags(plan.TagFeature), StartedOn: day, FinishedOn: finish, Source: fmt.Sprintf("jira:%s-H%d", t.ID, n)}
				if it.Commitment == com {
					it.Target = finishAfter(cal, day, quantileTri(e, r.between(0.4, 0.95))/rate)
				}
				forecastOf(&it, rate)
				p.Items = append(p.Items, it)
				day = cal.AddWorkdays(finish, 1)
			}
		}
	}
	// The programme's own done items: started when their squad's capacity
	// says, finished a few days before or after their target.
	for i := range p.Items {
		it := &p.Items[i]
		if it.Status != plan.Done || !it.FinishedOn.IsZero() {
			continue
		}
		t := p.Team(it.TeamID)
		rate := t.Headcount * t.Allocation * t.FocusFactor / float64(t.WIPLimit)
		it.FinishedOn = cal.AddWorkdays(it.Target, r.intn(9)-5)
		it.StartedOn = cal.AddWorkdays(it.FinishedOn, -int(math.Round(historyOverrun*quantileTri(it.Estimate, r.float())/rate)))
		forecastOf(it, rate)
	}
	for _, s := range []struct {
		id, name string
		weeks    int
	}{{"board-may", "Board, May", -26}, {"board-august", "Board, August", -13}} {
		on := wk(s.weeks)
		snap := plan.Snapshot{ID: s.id, Name: s.name, TakenOn: on, Trials: 10000, Seed: 1}
		for _, h := range fc {
			it := p.Item(h.item)
			// Open on the day, and planned to start within the quarter.
			if it.FinishedOn <= on || h.start > on.AddDays(13*7) {
				continue
			}
			snap.Forecast = append(snap.Forecast, plan.SnapshotResult{Kind: plan.SnapshotItem, ID: h.item, P50: h.p50, P85: h.p85, Probability: h.prob})
		}
		p.Snapshots = append(p.Snapshots, snap)
	}
}
