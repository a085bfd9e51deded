package calibration

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"steerco/internal/outlook"
	"steerco/internal/plan"
)

func TestWilson(t *testing.T) {
	tests := []struct {
		name          string
		hits, n       int
		wantLo, wantH float64
	}{
		// Reference values computed by hand from the closed form (z = 1.6449).
		{"half of 100", 50, 100, 0.4190, 0.5810},
		{"85 of 100", 85, 100, 0.7821, 0.8994},
		{"all of 10", 10, 10, 0.7870, 1},
		{"none of 10", 0, 10, 0, 0.2130},
		{"no outcomes", 0, 0, 0, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lo, hi := Wilson(tc.hits, tc.n, z90)
			if math.Abs(lo-tc.wantLo) > 0.001 || math.Abs(hi-tc.wantH) > 0.001 {
				t.Errorf("Wilson(%d, %d) = %.4f–%.4f, want %.4f–%.4f", tc.hits, tc.n, lo, hi, tc.wantLo, tc.wantH)
			}
		})
	}
	if r := NewRate(9, 9); r.Enough() {
		t.Errorf("9 outcomes are enough to judge by; MinOutcomes is %d", MinOutcomes)
	}
}

// triangular draws from the triangular distribution low–likely–high.
func triangular(src *rand.Rand, e plan.Estimate) float64 {
	u := src.Float64()
	a, c, b := e.Low, e.Likely, e.High
	if f := (c - a) / (b - a); u < f {
		return a + math.Sqrt(u*(b-a)*(c-a))
	}
	return b - math.Sqrt((1-u)*(b-a)*(b-c))
}

func randomEstimate(src *rand.Rand) plan.Estimate {
	// Long items, so that a finish date's one-day granularity (a P85 date
	// holds for every finish on that day) adds little to the hit rate.
	low := 60 + src.Float64()*60
	likely := low + 30 + src.Float64()*60
	return plan.Estimate{Low: math.Round(low), Likely: math.Round(likely), High: math.Round(likely + 60 + src.Float64()*120)}
}

// history builds n teams of one person with one item each, forecast by a
// snapshot on the same day, whose actual efforts are stretch × a draw from
// exactly the estimate's distribution; the finish dates are where outlook's
// own mapping puts that effort.
func history(t *testing.T, n int, stretch float64) *plan.Portfolio {
	t.Helper()
	src := rand.New(rand.NewPCG(7, 11))
	start := plan.MustDate("2025-01-06")
	p := &plan.Portfolio{Name: "Known answer", Currency: "EUR", FiscalYearStart: 1, PlanningStart: start}
	for i := 0; i < n; i++ {
		tid := fmt.Sprintf("t%03d", i)
		p.Teams = append(p.Teams, plan.Team{ID: tid, Name: tid, Headcount: 1, Allocation: 1, FocusFactor: 1, WIPLimit: 1})
		p.Items = append(p.Items, plan.Item{ID: fmt.Sprintf("i%03d", i), Title: "Item", TeamID: tid, Estimate: randomEstimate(src),
			Rank: 1, Status: plan.NotStarted, Commitment: []string{plan.Committed, plan.Planned, plan.Stretch}[i%3], Target: start.AddDays(60 + i%40)})
	}
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 4000, Seed: 3, AsOf: start})
	if err != nil {
		t.Fatal(err)
	}
	_, m, err := outlook.Compile(p, start, "")
	if err != nil {
		t.Fatal(err)
	}
	p.Snapshots = []plan.Snapshot{outlook.Freeze(f, "board-jan", "Board, January", start)}
	for i := range p.Items {
		it := &p.Items[i]
		it.SetStatus(plan.InProgress, start)
		it.SetStatus(plan.Done, m.FinishDate(stretch*triangular(src, it.Estimate)))
	}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	return p
}

// Actuals drawn from exactly the estimates' distribution score P50 ≈ 50 %
// and P85 ≈ 85 %, each inside its 90 % interval; actuals running 1.5× the
// estimates score far lower and show a late bias.
func TestScoreKnownAnswer(t *testing.T) {
	r := Score(history(t, 300, 1))
	o := r.Overall
	t.Logf("calibrated: P50 %d/%d (%.3f–%.3f), P85 %d/%d (%.3f–%.3f), bias %.1f working days", o.P50.Hits, o.P50.N, o.P50.Low, o.P50.High, o.P85.Hits, o.P85.N, o.P85.Low, o.P85.High, o.MeanBias)
	if o.P50.N != 300 || o.Items != 300 {
		t.Fatalf("scored %d outcomes of %d items, want 300", o.P50.N, o.Items)
	}
	if o.P50.Low > 0.5 || o.P50.High < 0.5 || o.P85.Low > 0.85 || o.P85.High < 0.85 {
		t.Errorf("a calibrated history scored P50 %.3f–%.3f, P85 %.3f–%.3f", o.P50.Low, o.P50.High, o.P85.Low, o.P85.High)
	}
	// The items' actual durations have a spread of about 40 working days,
	// so the mean of 300 has a standard error of about 2.5.
	if math.Abs(o.MeanBias) > 8 {
		t.Errorf("bias %.1f working days, want about 0", o.MeanBias)
	}
	if len(r.Teams) != 300 || len(r.Commitments) != 3 || r.Commitments[0].P85.N != 100 {
		t.Errorf("%d teams, commitments %+v", len(r.Teams), r.Commitments)
	}
	if len(r.Reliability) < 3 || r.Reliability[1].Label != "P85" {
		t.Errorf("reliability %+v", r.Reliability)
	}

	late := Score(history(t, 300, 1.5)).Overall
	t.Logf("1.5×: P50 %d/%d, P85 %d/%d (%.3f–%.3f), bias %.1f working days", late.P50.Hits, late.P50.N, late.P85.Hits, late.P85.N, late.P85.Low, late.P85.High, late.MeanBias)
	if late.P85.High > 0.6 || late.P50.High > 0.2 || late.MeanBias < 30 {
		t.Errorf("a history running 1.5× its estimates scored P50 %.2f, P85 %.2f, bias %.1f", late.P50.Value(), late.P85.Value(), late.MeanBias)
	}
}

// Items are not scored by a snapshot taken after they finished, nor while
// open; a done item without a finish date is listed, not guessed.
func TestScoreCounts(t *testing.T) {
	p := history(t, 12, 1)
	p.Items[0].FinishedOn = 0                              // done, no finish date
	p.Items[1].SetStatus(plan.InProgress, p.PlanningStart) // reopened
	p.Snapshots = append(p.Snapshots, plan.Snapshot{ID: "late", TakenOn: plan.MustDate("2026-12-01"), Forecast: p.Snapshots[0].Forecast})
	r := Score(p)
	if r.Overall.P50.N != 10 || r.Pending != 2 || len(r.DoneWithoutFinish) != 1 || r.DoneWithoutFinish[0] != "i000" {
		t.Errorf("scored %d, pending %d, done without finish %v", r.Overall.P50.N, r.Pending, r.DoneWithoutFinish)
	}
	if !r.Overall.P50.Enough() {
		t.Errorf("10 outcomes should be enough")
	}
}

// The backtest of items whose actuals follow their estimates holds its P85
// about 85 % of the time; the estimate is the one the audit log shows the
// item had on its start day.
func TestBacktestKnownAnswer(t *testing.T) {
	src := rand.New(rand.NewPCG(5, 9))
	p := &plan.Portfolio{Name: "Known answer", Currency: "EUR", FiscalYearStart: 1, PlanningStart: plan.MustDate("2025-01-06"),
		Teams: []plan.Team{{ID: "t", Name: "Team", Headcount: 1, Allocation: 1, FocusFactor: 1, WIPLimit: 1}}}
	for i := 0; i < 200; i++ {
		start := p.PlanningStart.AddDays(i)
		it := plan.Item{ID: fmt.Sprintf("i%03d", i), Title: "Item", TeamID: "t", Estimate: randomEstimate(src), Rank: 1, Status: plan.NotStarted, Commitment: plan.Planned}
		q := &plan.Portfolio{Name: "x", Currency: "EUR", FiscalYearStart: 1, PlanningStart: start, Teams: p.Teams, Items: []plan.Item{it}}
		_, m, err := outlook.Compile(q, start, "")
		if err != nil {
			t.Fatal(err)
		}
		it.SetStatus(plan.InProgress, start)
		it.SetStatus(plan.Done, m.FinishDate(triangular(src, it.Estimate)))
		p.Items = append(p.Items, it)
	}
	r, noStart, err := Backtest(context.Background(), p, nil)
	if err != nil {
		t.Fatal(err)
	}
	o := r.Overall
	t.Logf("backtest: P50 %d/%d (%.3f–%.3f), P85 %d/%d (%.3f–%.3f), bias %.1f", o.P50.Hits, o.P50.N, o.P50.Low, o.P50.High, o.P85.Hits, o.P85.N, o.P85.Low, o.P85.High, o.MeanBias)
	if len(noStart) != 0 || o.P85.N != 200 || o.P85.Low > 0.85 || o.P85.High < 0.85 || o.P50.Low > 0.5 || o.P50.High < 0.5 {
		t.Errorf("backtest P50 %.3f–%.3f, P85 %.3f–%.3f, %d without a start", o.P50.Low, o.P50.High, o.P85.Low, o.P85.High, len(noStart))
	}

	// The estimate on the start day comes from the audit log.
	it := &p.Items[0]
	was := plan.Estimate{Low: 1, Likely: 2, High: 3}
	audit := []plan.AuditEntry{
		{Seq: 9, At: it.FinishedOn.Time(), Action: "update", Entity: "item", EntityID: it.ID, Field: "estimate", Old: `{"low":4,"likely":5,"high":6}`},
		{Seq: 5, At: it.StartedOn.AddDays(1).Time(), Action: "update", Entity: "item", EntityID: it.ID, Field: "estimate", Old: `{"low":1,"likely":2,"high":3}`},
		{Seq: 2, At: it.StartedOn.Time(), Action: "update", Entity: "item", EntityID: it.ID, Field: "estimate", Old: `{"low":7,"likely":8,"high":9}`},
	}
	if got := EstimateOn(it, audit, it.StartedOn); got != was {
		t.Errorf("estimate on the start day %+v, want %+v", got, was)
	}
	if got := EstimateOn(it, nil, it.StartedOn); got != it.Estimate {
		t.Errorf("without an audit log %+v, want the estimate now", got)
	}
}

// Weekly counts drawn independently from one distribution: the count the
// throughput forecast is 85 % sure of is reached about 85 % of the time or
// a little more (counts are whole numbers, so "at least n" holds with at
// least the stated chance).
func TestThroughputKnownAnswer(t *testing.T) {
	src := rand.New(rand.NewPCG(3, 4))
	var finishes []plan.Date
	monday := plan.MustDate("2024-01-01")
	for w := 0; w < 160; w++ {
		n := 0
		for k := 0; k < 10; k++ { // binomial(10, 0.5): mean 5 a week
			if src.Float64() < 0.5 {
				n++
			}
		}
		for k := 0; k < n; k++ {
			finishes = append(finishes, monday.AddDays(7*w+src.IntN(5)))
		}
	}
	r, err := ThroughputBacktest(context.Background(), finishes)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("throughput: P50 %d/%d (%.3f–%.3f), P85 %d/%d (%.3f–%.3f)", r.P50.Hits, r.P50.N, r.P50.Low, r.P50.High, r.P85.Hits, r.P85.N, r.P85.Low, r.P85.High)
	if r.P85.N != 160-ThroughputWindow-ThroughputHorizon+1 || r.P85.Value() < 0.78 || r.P85.Value() > 0.95 || r.P50.Value() < 0.45 || r.P50.Value() > 0.7 {
		t.Errorf("P50 %.2f, P85 %.2f over %d", r.P50.Value(), r.P85.Value(), r.P85.N)
	}
	// Halving the rate after the first year: the forecasts made from the
	// old pace in the weeks after the change overshoot and miss their 85 %
	// count (the window then catches up).
	var slow []plan.Date
	for i, d := range finishes {
		if d < monday.AddDays(7*52) || i%2 == 0 {
			slow = append(slow, d)
		}
	}
	s, err := ThroughputBacktest(context.Background(), slow)
	if err != nil {
		t.Fatal(err)
	}
	change := monday.AddDays(7 * 52)
	hits, n := 0, 0
	for _, o := range s.Outcomes {
		if o.From >= change && o.From < change.AddDays(7*6) {
			n++
			if o.Actual >= o.AtLeast85 {
				hits++
			}
		}
	}
	t.Logf("slowing team: P85 %d/%d overall, %d/%d in the six weeks after the change", s.P85.Hits, s.P85.N, hits, n)
	if n != 6 || hits > 1 {
		t.Errorf("after the rate halved, %d of %d forecasts reached their 85 %% count", hits, n)
	}
}
