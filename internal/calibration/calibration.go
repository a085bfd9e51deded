// Package calibration scores Steerco's forecasts against what happened: how
// often the P50 and P85 dates held. It is pure: it reads a plan.Portfolio
// (its snapshots and its items' actual dates) and returns figures; it does
// no I/O and draws no widgets.
//
// Score takes every snapshot and every item it forecast that has since
// finished (plan.Item.FinishedOn after the snapshot's date) and asks: was
// the actual finish on or before the snapshot's P50, and its P85? The hit
// rates come per team, per commitment level and overall, each with the
// number of outcomes behind it and a Wilson score interval at 90 %, and
// "too little history to judge" (Rate.Enough) below MinOutcomes. The bias
// is the mean of actual − P50 in working days of the portfolio's calendar
// (positive: later than forecast).
//
// Backtest rebuilds, for each finished item with both actual dates, the
// forecast Steerco would have made on the day work started with the
// estimate the item had then (the audit log's, when given), and scores it
// the same way.
//
// One item scored by two snapshots counts twice: outcomes of one item are
// not independent, so with many snapshots per item the interval is narrower
// than the evidence. Items counts the distinct items behind each figure.
package calibration

import (
	"math"
	"sort"

	"steerco/internal/plan"
)

// MinOutcomes is the least number of scored outcomes behind a hit rate
// before it is quoted; below it a figure says "too little history to judge".
const MinOutcomes = 10

// Confidence is the coverage of the quoted intervals, and z its normal quantile.
const (
	Confidence = 0.90
	z90        = 1.6448536269514722
)

// Rate is a hit rate: Hits of N outcomes, with its Wilson interval.
type Rate struct {
	Hits, N   int
	Low, High float64 // the Wilson score interval at Confidence; 0 and 1 when N = 0
}

// NewRate returns hits out of n with its Wilson interval.
func NewRate(hits, n int) Rate {
	lo, hi := Wilson(hits, n, z90)
	return Rate{Hits: hits, N: n, Low: lo, High: hi}
}

// Value is the observed share, 0–1 (0 when there are no outcomes).
func (r Rate) Value() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.Hits) / float64(r.N)
}

// Enough reports whether there are at least MinOutcomes outcomes to judge by.
func (r Rate) Enough() bool { return r.N >= MinOutcomes }

// Wilson returns the Wilson score interval for hits successes in n trials
// at the normal quantile z (1.645 for 90 %). It is (0, 1) when n is 0.
func Wilson(hits, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(hits) / nf
	z2 := z * z
	den := 1 + z2/nf
	mid := (p + z2/(2*nf)) / den
	half := z / den * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	return math.Max(0, mid-half), math.Min(1, mid+half)
}

// Outcome is one forecast of one item scored against its actual finish.
type Outcome struct {
	Snapshot   string    // the snapshot's id; "" for a backtest
	ForecastOn plan.Date // the snapshot's date, or the day work started (backtest)
	Item       string
	Team       string
	Commitment string
	P50, P85   plan.Date
	Actual     plan.Date
	// BiasDays is actual − P50 in working days (positive: later than the P50).
	BiasDays int
}

// HitP50 reports whether the item finished on or before its P50.
func (o Outcome) HitP50() bool { return o.Actual <= o.P50 }

// HitP85 reports whether the item finished on or before its P85.
func (o Outcome) HitP85() bool { return o.Actual <= o.P85 }

// Group is the score of a set of outcomes.
type Group struct {
	Name     string // team name, commitment level, or "All"
	P50, P85 Rate
	Items    int     // distinct items behind the outcomes
	MeanBias float64 // mean of BiasDays, working days; 0 without outcomes
}

// Bin is one point of the reliability diagram: outcomes whose forecast gave
// them about Predicted chance of finishing by a date, and how many did.
type Bin struct {
	Label     string  // "P50", "P85", or a band of target probability such as "60–80 %"
	Predicted float64 // the mean predicted probability, 0–1
	Observed  Rate
}

// Result is a whole scoring: every outcome, the groups, and what could not
// be scored.
type Result struct {
	Outcomes    []Outcome
	Overall     Group
	Teams       []Group // by team name
	Commitments []Group // committed, planned, stretch (those with outcomes)
	Reliability []Bin
	// Pending counts forecasts of items not finished yet (not scored).
	Pending int
	// DoneWithoutFinish lists the done items with no finish date recorded:
	// they cannot be scored and are not given a guessed date.
	DoneWithoutFinish []string
	// Snapshots counts the snapshots looked at.
	Snapshots int
}

// Score scores every snapshot of p against its items' actual finishes.
func Score(p *plan.Portfolio) *Result {
	cal := p.Calendar.Compile()
	r := &Result{Snapshots: len(p.Snapshots), DoneWithoutFinish: DoneWithoutFinish(p)}
	var target []targetOutcome
	for _, s := range p.Snapshots {
		for _, f := range s.Forecast {
			if f.Kind != plan.SnapshotItem {
				continue
			}
			it := p.Item(f.ID)
			if it == nil || it.Status == plan.Cancelled {
				continue
			}
			if it.Status != plan.Done || it.FinishedOn.IsZero() {
				if it.Status != plan.Done {
					r.Pending++
				}
				continue
			}
			if it.FinishedOn < s.TakenOn {
				continue // already done when the snapshot was taken
			}
			o := Outcome{Snapshot: s.ID, ForecastOn: s.TakenOn, Item: it.ID, Team: it.TeamID, Commitment: it.Commitment,
				P50: f.P50, P85: f.P85, Actual: it.FinishedOn, BiasDays: cal.WorkdaysBetween(f.P50, it.FinishedOn)}
			r.Outcomes = append(r.Outcomes, o)
			if f.Probability >= 0 && !it.Target.IsZero() {
				target = append(target, targetOutcome{f.Probability, it.FinishedOn <= it.Target})
			}
		}
	}
	r.group(p)
	r.Reliability = append(r.Reliability, targetBins(target)...)
	return r
}

// DoneWithoutFinish lists the ids of done items that have no finish date.
func DoneWithoutFinish(p *plan.Portfolio) []string {
	var out []string
	for i := range p.Items {
		if it := &p.Items[i]; it.Status == plan.Done && it.FinishedOn.IsZero() {
			out = append(out, it.ID)
		}
	}
	return out
}

// group fills the groups and the P50/P85 reliability points from Outcomes.
func (r *Result) group(p *plan.Portfolio) {
	r.Overall = summarize("All", r.Outcomes)
	byTeam := map[string][]Outcome{}
	byCommit := map[string][]Outcome{}
	for _, o := range r.Outcomes {
		byTeam[o.Team] = append(byTeam[o.Team], o)
		byCommit[o.Commitment] = append(byCommit[o.Commitment], o)
	}
	for id, os := range byTeam {
		name := id
		if t := p.Team(id); t != nil {
			name = t.Name
		}
		r.Teams = append(r.Teams, summarize(name, os))
	}
	sort.Slice(r.Teams, func(i, j int) bool { return r.Teams[i].Name < r.Teams[j].Name })
	for _, c := range []string{plan.Committed, plan.Planned, plan.Stretch} {
		if os := byCommit[c]; len(os) > 0 {
			r.Commitments = append(r.Commitments, summarize(c, os))
		}
	}
	if r.Overall.P50.N > 0 {
		r.Reliability = []Bin{{Label: "P50", Predicted: 0.50, Observed: r.Overall.P50}, {Label: "P85", Predicted: 0.85, Observed: r.Overall.P85}}
	}
}

func summarize(name string, os []Outcome) Group {
	h50, h85, bias := 0, 0, 0
	items := map[string]bool{}
	for _, o := range os {
		if o.HitP50() {
			h50++
		}
		if o.HitP85() {
			h85++
		}
		bias += o.BiasDays
		items[o.Item] = true
	}
	g := Group{Name: name, P50: NewRate(h50, len(os)), P85: NewRate(h85, len(os)), Items: len(items)}
	if len(os) > 0 {
		g.MeanBias = float64(bias) / float64(len(os))
	}
	return g
}

type targetOutcome struct {
	p   float64
	met bool
}

// targetBins bins the snapshots' probabilities of meeting the target into
// five bands of 20 points and counts how often the target was met in each.
func targetBins(ts []targetOutcome) []Bin {
	var out []Bin
	labels := [5]string{"0–20 %", "20–40 %", "40–60 %", "60–80 %", "80–100 %"}
	for b := 0; b < 5; b++ {
		n, met, sum := 0, 0, 0.0
		for _, t := range ts {
			k := min(int(t.p*5), 4)
			if k != b {
				continue
			}
			n++
			sum += t.p
			if t.met {
				met++
			}
		}
		if n > 0 {
			out = append(out, Bin{Label: "target " + labels[b], Predicted: sum / float64(n), Observed: NewRate(met, n)})
		}
	}
	return out
}
