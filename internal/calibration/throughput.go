package calibration

import (
	"context"
	"fmt"
	"sort"

	"steerco/internal/forecast"
	"steerco/internal/plan"
)

// Throughput backtest settings: each forecast resamples the weekly counts
// of the ThroughputWindow weeks before it and looks ThroughputHorizon weeks
// ahead.
const (
	ThroughputWindow  = 12
	ThroughputHorizon = 4
	throughputTrials  = 4000
)

// ThroughputOutcome is one "how many by when" forecast made at From from
// the weeks before it, against what was finished in the weeks after.
type ThroughputOutcome struct {
	From plan.Date // a Monday: the forecast counts finishes from it for ThroughputHorizon weeks
	// AtLeast50 and AtLeast85 are the counts the forecast was 50 % and 85 %
	// sure to reach.
	AtLeast50, AtLeast85 int
	Actual               int
}

// ThroughputResult scores a throughput backtest.
type ThroughputResult struct {
	Outcomes []ThroughputOutcome
	// P50 and P85 count the forecasts whose actual reached the 50 % and 85 % counts.
	P50, P85 Rate
	Finishes int // finish dates behind it
}

// ThroughputBacktest forecasts, at every Monday with ThroughputWindow weeks
// of history before it and ThroughputHorizon weeks of history after it, how
// many items would finish in the next ThroughputHorizon weeks, by
// resampling the weekly counts of the window (the engine's throughput
// model), and counts how often the actual number reached the count the
// forecast was 85 % (and 50 %) sure of. Successive forecasts overlap, so
// the outcomes are not independent: the interval is optimistic.
func ThroughputBacktest(ctx context.Context, finishes []plan.Date) (*ThroughputResult, error) {
	r := &ThroughputResult{Finishes: len(finishes)}
	if len(finishes) == 0 {
		r.P50, r.P85 = NewRate(0, 0), NewRate(0, 0)
		return r, nil
	}
	ds := append([]plan.Date(nil), finishes...)
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	monday := func(d plan.Date) plan.Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }
	first := monday(ds[0])
	weeks := first.DaysUntil(monday(ds[len(ds)-1]))/7 + 1
	perWeek := make([]int, weeks)
	for _, d := range ds {
		perWeek[first.DaysUntil(d)/7]++
	}
	h50, h85 := 0, 0
	for w := ThroughputWindow; w+ThroughputHorizon <= weeks; w++ {
		hist := make([]float64, ThroughputWindow)
		for k := range hist {
			hist[k] = float64(perWeek[w-ThroughputWindow+k])
		}
		res, err := forecast.Run(ctx, forecast.Model{Throughput: &forecast.Throughput{HistoryPerWeek: hist, Weeks: ThroughputHorizon}},
			forecast.Options{Trials: throughputTrials, Seed: uint64(w) + 1, Workers: 1})
		if err != nil {
			return nil, fmt.Errorf("throughput forecast from week %d: %w", w, err)
		}
		actual := 0
		for k := w; k < w+ThroughputHorizon; k++ {
			actual += perWeek[k]
		}
		o := ThroughputOutcome{From: first.AddDays(7 * w), AtLeast50: atLeast(res.Throughput, 0.50), AtLeast85: atLeast(res.Throughput, 0.85), Actual: actual}
		if o.Actual >= o.AtLeast50 {
			h50++
		}
		if o.Actual >= o.AtLeast85 {
			h85++
		}
		r.Outcomes = append(r.Outcomes, o)
	}
	r.P50, r.P85 = NewRate(h50, len(r.Outcomes)), NewRate(h85, len(r.Outcomes))
	return r, nil
}

// atLeast is the largest count the forecast gives at least probability q
// of reaching: P(X ≥ n) ≥ q.
func atLeast(t *forecast.ThroughputResult, q float64) int {
	cum := 0.0
	for k, p := range t.Histogram {
		if cum+p > 1-q+1e-9 {
			return t.Offset + k
		}
		cum += p
	}
	return t.Offset + len(t.Histogram) - 1
}

// Finishes lists the finish dates of p's done items, of one team ("" = all).
func Finishes(p *plan.Portfolio, team string) []plan.Date {
	var out []plan.Date
	for i := range p.Items {
		it := &p.Items[i]
		if it.Status == plan.Done && !it.FinishedOn.IsZero() && (team == "" || it.TeamID == team) {
			out = append(out, it.FinishedOn)
		}
	}
	return out
}
