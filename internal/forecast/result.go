package forecast

import (
	"encoding/json"
	"math"
)

// Result is what Run reports. Times are in model time.
type Result struct {
	Trials   int     `json:"trials"`
	Seed     uint64  `json:"seed"`
	Sampling string  `json:"sampling"`
	Period   float64 `json:"period"`
	// Excluded lists the risks that were switched off (Options.Exclude).
	Excluded []string `json:"excluded,omitempty"`

	// Network models.
	Items     []ItemResult `json:"items,omitempty"`
	Portfolio *Portfolio   `json:"portfolio,omitempty"`
	Teams     []TeamResult `json:"teams,omitempty"`
	Committed *Joint       `json:"committed,omitempty"`

	// Throughput models.
	Throughput *ThroughputResult `json:"throughput,omitempty"`

	index map[string]int
}

// Item returns the result of the item with the given id, or nil.
func (r *Result) Item(id string) *ItemResult {
	if k, ok := r.index[id]; ok {
		return &r.Items[k]
	}
	return nil
}

// Summary describes a distribution: exact mean and standard deviation,
// percentiles from a fine histogram (see histBins), the standard error of
// each percentile (binomial order-statistic method) and the extremes (exact
// for the portfolio finish and for values outside the histogram's range,
// otherwise to within a histogram bin).
type Summary struct {
	Mean float64     `json:"mean"`
	SD   float64     `json:"sd"`
	P10  float64     `json:"p10"`
	P50  float64     `json:"p50"`
	P85  float64     `json:"p85"`
	P95  float64     `json:"p95"`
	SE   Percentiles `json:"se"`
	Min  float64     `json:"min"`
	Max  float64     `json:"max"`
	d    quantiler
}

type quantiler interface {
	quantile(q float64) float64
	cdf(x float64) float64
}

// Percentiles holds one number per reported percentile.
type Percentiles struct {
	P10 float64 `json:"p10"`
	P50 float64 `json:"p50"`
	P85 float64 `json:"p85"`
	P95 float64 `json:"p95"`
}

// Quantile returns the q-quantile (0 ≤ q ≤ 1) from the histogram, NaN if the
// summary holds no data.
func (s Summary) Quantile(q float64) float64 {
	if s.d == nil {
		return math.NaN()
	}
	return s.d.quantile(q)
}

// CDF returns the estimated probability that the value is ≤ x, for any x the
// caller chooses (interpolated inside a histogram bin), NaN without data.
func (s Summary) CDF(x float64) float64 {
	if s.d == nil {
		return math.NaN()
	}
	return s.d.cdf(x)
}

// ItemResult is the forecast of one item.
type ItemResult struct {
	ID     string  `json:"id"`
	Start  Summary `json:"start"`
	Finish Summary `json:"finish"`
	// Duration is the mean sampled duration (or effort), risks included.
	Duration float64 `json:"duration_mean"`
	// Criticality is the share of trials in which the item had zero total
	// float (a backward pass over dependency links and, under resource
	// constraints, slot hand-overs).
	Criticality float64 `json:"criticality"`
	// Sensitivity is the Spearman rank correlation of the item's duration
	// (or effort) with the portfolio finish.
	Sensitivity float64 `json:"sensitivity"`
	// WaitDependency is the mean time the item waited for predecessors
	// beyond its earliest start: max(0, last predecessor finish − earliest
	// start).
	WaitDependency float64 `json:"wait_dependency"`
	// WaitCapacity is the mean time the item was ready but had no free slot
	// on its team: start − max(earliest start, last predecessor finish).
	WaitCapacity float64 `json:"wait_capacity"`
	// Target and PTarget: P(finish ≤ target), when the item has a target.
	Target  *float64 `json:"target,omitempty"`
	PTarget *float64 `json:"p_target,omitempty"`
}

// Portfolio is the forecast of the whole model: its finish is the last
// item's finish.
type Portfolio struct {
	Finish Summary `json:"finish"`
}

// TeamResult is a team's load over consecutive periods [k·P, (k+1)·P).
type TeamResult struct {
	ID      string         `json:"id"`
	Periods []PeriodResult `json:"periods"`
}

// PeriodResult is one team period. Work is the effort done in the period.
// Demand is the effort of the team's items that were ready by the period's
// end, less the work completed before the period began. POver is the share of
// trials in which demand exceeded capacity.
type PeriodResult struct {
	Start    float64 `json:"start"`
	End      float64 `json:"end"`
	Capacity float64 `json:"capacity"`
	Work     Band    `json:"work"`
	Demand   Band    `json:"demand"`
	POver    float64 `json:"p_over"`
}

// Band is a mean with a P50–P85 band.
type Band struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P85  float64 `json:"p85"`
}

// Joint is the probability that every committed item with a target meets it
// in the same trial.
type Joint struct {
	Items       []string `json:"items"`
	Probability float64  `json:"p_all_meet"`
}

// ThroughputResult is a throughput forecast: Kind is "when" (Value counts
// weeks) or "how_many" (Value counts items). Percentiles of these whole
// numbers are the smallest value whose CDF reaches the level. In JSON, Value
// is named "weeks" or "items".
type ThroughputResult struct {
	Kind  string
	Value Summary
	// Histogram lists P(value = v) for v = Offset, Offset+1, …
	Offset    int
	Histogram []float64
}

// MarshalJSON names the value after its unit.
func (t ThroughputResult) MarshalJSON() ([]byte, error) {
	j := struct {
		Kind      string    `json:"kind"`
		Weeks     *Summary  `json:"weeks,omitempty"`
		Items     *Summary  `json:"items,omitempty"`
		Offset    int       `json:"offset"`
		Histogram []float64 `json:"histogram"`
	}{Kind: t.Kind, Offset: t.Offset, Histogram: t.Histogram}
	if t.Kind == "when" {
		j.Weeks = &t.Value
	} else {
		j.Items = &t.Value
	}
	return json.Marshal(j)
}
