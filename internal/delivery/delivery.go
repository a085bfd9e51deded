// Package delivery computes the four DORA keys — deployment frequency, lead
// time for changes, change failure rate and time to restore service — per
// calendar month from a portfolio's deployments, changes and incidents, and
// rates each against the performance tiers of the 2023 Accelerate State of
// DevOps report (DORA, Google Cloud, 2023, "How do we compare?" table).
//
// The 2023 report describes its clusters as:
//
//	                     elite            high                         medium                        low
//	deployment frequency on demand        once per day – once per week once per week – once per month (see below)
//	lead time for changes < 1 day         1 day – 1 week               1 week – 1 month              (see below)
//	change failure rate   5 %             10 %                         15 %                          64 %
//	failed deployment     < 1 hour        < 1 day                      1 day – 1 week                1 month – 6 months
//	recovery time (time to restore service)
//
// The report's low cluster overlaps the medium one for frequency and lead
// time, and it gives cluster centres rather than cut-offs for the change
// failure rate, so Steerco uses these contiguous thresholds. The change
// failure rate cut-offs (5, 10, 15 %) and the lead time and restore bands are
// those Apache DevLake's DORA dashboard applies to the 2023 report
// (devlake.apache.org, Metrics › DORA); for frequency DevLake counts
// deployment days per week, whereas Steerco rates the average rate:
//
//	deployment frequency  elite ≥ 1 per day on average ("on demand"), high ≥ 1 per week,
//	                      medium ≥ 1 per month, low < 1 per month
//	lead time (median)    elite < 24 h, high < 7 days, medium < 30 days, low ≥ 30 days
//	change failure rate   elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %, low > 15 %
//	time to restore       elite < 1 h, high < 24 h, medium < 7 days, low ≥ 7 days
//	(median)
//
// A month with no records for a key reports that key as NoData, never as a
// zero: "no deployments recorded" is not the same as "deployed zero times".
// Months are calendar months in UTC. Rating one month on a rate has an edge:
// four weekly deployments in a 30-day month are 0.93 a week, so medium. The
// package is pure: standard library and plan only.
package delivery

import (
	"math"
	"sort"
	"time"

	"steerco/internal/figure"
	"steerco/internal/plan"
)

// Tier is a DORA performance tier. The zero value is NoData.
type Tier int

const (
	NoData Tier = iota // no records to compute the key from
	Low
	Medium
	High
	Elite
)

var tierNames = [...]string{"no data", "low", "medium", "high", "elite"}

// String returns "elite", "high", "medium", "low" or "no data".
func (t Tier) String() string {
	if t < NoData || t > Elite {
		return "no data"
	}
	return tierNames[t]
}

// MarshalText writes the tier's name, so JSON shows "no data" rather than 0.
func (t Tier) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads a tier name.
func (t *Tier) UnmarshalText(b []byte) error {
	for i, n := range tierNames {
		if n == string(b) {
			*t = Tier(i)
			return nil
		}
	}
	return plan.Errorf(plan.EINVALID, "%q is not a DORA tier (elite, high, medium, low, no data).", b)
}

// Frequency is deployment frequency: how often the organisation deploys to
// production. Every deployment counts, including those that failed.
type Frequency struct {
	Deployments int     `json:"deployments"`
	Days        float64 `json:"days"`    // length of the period measured
	PerDay      float64 `json:"per_day"` // Deployments ÷ Days
	PerWeek     float64 `json:"per_week"`
	PerMonth    float64 `json:"per_month"` // per average month of 365.25/12 days
	Tier        Tier    `json:"tier"`
}

// HasData reports whether any deployment was recorded.
func (f Frequency) HasData() bool { return f.Tier != NoData }

// Duration is a median elapsed time over Count records (changes for lead
// time, resolved incidents for time to restore).
type Duration struct {
	Count       int     `json:"count"`
	MedianHours float64 `json:"median_hours"`
	Tier        Tier    `json:"tier"`
}

// HasData reports whether any record was there to take the median of.
func (d Duration) HasData() bool { return d.Count > 0 }

// Rate is the change failure rate: failed deployments ÷ deployments. A
// deployment failed when it is marked Failed or an incident names it as
// its cause.
type Rate struct {
	Deployments int     `json:"deployments"`
	Failed      int     `json:"failed"`
	Rate        float64 `json:"rate"` // 0–1
	Tier        Tier    `json:"tier"`
}

// HasData reports whether any deployment was recorded.
func (r Rate) HasData() bool { return r.Deployments > 0 }

// Metrics are the four keys over a period, with the overall tier.
type Metrics struct {
	Frequency     Frequency `json:"deployment_frequency"`
	LeadTime      Duration  `json:"lead_time_for_changes"`
	ChangeFailure Rate      `json:"change_failure_rate"`
	Restore       Duration  `json:"time_to_restore"`
	// OpenIncidents counts incidents started in the period and not resolved:
	// they are not part of the time to restore until they are.
	OpenIncidents int `json:"open_incidents"`
	// Overall is the tier of the four keys together: the mean of the
	// available keys' tiers (elite 4, high 3, medium 2, low 1) rounded to the
	// nearest tier, a tie going to the lower one. It needs at least two keys
	// with data; with fewer it is NoData.
	Overall Tier `json:"overall"`
	// Keys is how many of the four keys had data.
	Keys int `json:"keys_with_data"`
}

// HasData reports whether any key has data.
func (m Metrics) HasData() bool { return m.Keys > 0 }

// MonthMetrics are the four keys for one calendar month.
type MonthMetrics struct {
	Month plan.Month `json:"month"`
	Metrics
}

// PeriodMetrics are the four keys over a range of months.
type PeriodMetrics struct {
	From plan.Month `json:"from"`
	To   plan.Month `json:"to"`
	// Months is how many months the deployment frequency was measured over:
	// from the first to the last month in the range that has a deployment
	// (months before the first and after the last record are not counted, as
	// they may simply be outside what was imported; months in between are).
	Months int `json:"months_measured"`
	Metrics
}

// daysPerMonth is the length of an average month.
const daysPerMonth = 365.25 / 12

// Monthly returns the four keys for each month from `from` to `to`
// inclusive, in order. Records are placed by their UTC time: deployments and
// changes by when they were deployed, incidents by when they were resolved
// (an incident still open counts in OpenIncidents of the month it started).
// It returns nil when to is before from.
func Monthly(p *plan.Portfolio, from, to plan.Month) []MonthMetrics {
	if to < from || p == nil {
		return nil
	}
	n := int(to-from) + 1
	type bucket struct {
		deps, failed int
		lead, ttr    []float64
		open         int
	}
	bs := make([]bucket, n)
	index := func(t time.Time) int {
		if t.IsZero() {
			return -1
		}
		m := monthOf(t)
		if m < from || m > to {
			return -1
		}
		return int(m - from)
	}
	failed := failedDeployments(p)
	for _, d := range p.Deployments {
		if i := index(d.DeployedAt); i >= 0 {
			bs[i].deps++
			if failed[d.ID] {
				bs[i].failed++
			}
		}
	}
	for _, c := range p.Changes {
		if i := index(c.DeployedAt); i >= 0 && !c.CommittedAt.IsZero() {
			bs[i].lead = append(bs[i].lead, hours(c.DeployedAt.Sub(c.CommittedAt)))
		}
	}
	for _, in := range p.Incidents {
		if in.ResolvedAt.IsZero() {
			if i := index(in.StartedAt); i >= 0 {
				bs[i].open++
			}
			continue
		}
		if i := index(in.ResolvedAt); i >= 0 && !in.StartedAt.IsZero() {
			bs[i].ttr = append(bs[i].ttr, hours(in.ResolvedAt.Sub(in.StartedAt)))
		}
	}
	out := make([]MonthMetrics, n)
	for i := range out {
		m := from.Add(i)
		b := bs[i]
		days := float64(m.First().DaysUntil(m.Add(1).First()))
		out[i] = MonthMetrics{Month: m, Metrics: compute(b.deps, b.failed, days, b.lead, b.ttr, b.open)}
	}
	return out
}

// Summary returns the four keys over the months from `from` to `to`
// inclusive, each key computed over all its records in the range (medians of
// all changes and all resolved incidents, not a median of monthly medians).
func Summary(p *plan.Portfolio, from, to plan.Month) PeriodMetrics {
	months := Monthly(p, from, to)
	pm := PeriodMetrics{From: from, To: to}
	if len(months) == 0 {
		return pm
	}
	first, last := -1, -1
	deps, failed, open := 0, 0, 0
	for i, m := range months {
		if m.Frequency.Deployments > 0 {
			if first < 0 {
				first = i
			}
			last = i
		}
		deps += m.Frequency.Deployments
		failed += m.ChangeFailure.Failed
		open += m.OpenIncidents
	}
	days := 0.0
	if first >= 0 {
		pm.Months = last - first + 1
		a, b := from.Add(first), from.Add(last+1)
		days = float64(a.First().DaysUntil(b.First()))
	}
	var lead, ttr []float64
	lo, hi := from.First().Time(), to.Add(1).First().Time()
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(lo) && t.Before(hi) }
	for _, c := range p.Changes {
		if in(c.DeployedAt) && !c.CommittedAt.IsZero() {
			lead = append(lead, hours(c.DeployedAt.Sub(c.CommittedAt)))
		}
	}
	for _, x := range p.Incidents {
		if in(x.ResolvedAt) && !x.StartedAt.IsZero() {
			ttr = append(ttr, hours(x.ResolvedAt.Sub(x.StartedAt)))
		}
	}
	pm.Metrics = compute(deps, failed, days, lead, ttr, open)
	return pm
}

// Span returns the first and last month holding any deployment, change or
// incident, and false when there are none: the natural range for Monthly.
func Span(p *plan.Portfolio) (from, to plan.Month, ok bool) {
	see := func(t time.Time) {
		if t.IsZero() {
			return
		}
		m := monthOf(t)
		if !ok || m < from {
			from = m
		}
		if !ok || m > to {
			to = m
		}
		ok = true
	}
	for _, d := range p.Deployments {
		see(d.DeployedAt)
	}
	for _, c := range p.Changes {
		see(c.DeployedAt)
	}
	for _, in := range p.Incidents {
		see(in.StartedAt)
		see(in.ResolvedAt)
	}
	return from, to, ok
}

func compute(deps, failed int, days float64, lead, ttr []float64, open int) Metrics {
	var m Metrics
	m.OpenIncidents = open
	if deps > 0 && days > 0 {
		f := Frequency{Deployments: deps, Days: days, PerDay: float64(deps) / days}
		f.PerWeek = f.PerDay * 7
		f.PerMonth = f.PerDay * daysPerMonth
		f.Tier = FrequencyTier(f.PerDay)
		m.Frequency = f
		m.ChangeFailure = Rate{Deployments: deps, Failed: failed, Rate: float64(failed) / float64(deps)}
		m.ChangeFailure.Tier = ChangeFailureTier(m.ChangeFailure.Rate)
	}
	if len(lead) > 0 {
		h := median(lead)
		m.LeadTime = Duration{Count: len(lead), MedianHours: h, Tier: LeadTimeTier(h)}
	}
	if len(ttr) > 0 {
		h := median(ttr)
		m.Restore = Duration{Count: len(ttr), MedianHours: h, Tier: RestoreTier(h)}
	}
	sum := 0
	for _, t := range []Tier{m.Frequency.Tier, m.LeadTime.Tier, m.ChangeFailure.Tier, m.Restore.Tier} {
		if t != NoData {
			m.Keys++
			sum += int(t)
		}
	}
	m.Overall = overall(sum, m.Keys)
	return m
}

// overall rounds the mean tier sum/keys to the nearest tier, a tie going to
// the lower one: ceil(sum/keys − ½) = floor((2·sum + keys − 1) / (2·keys)).
func overall(sum, keys int) Tier {
	if keys < 2 {
		return NoData
	}
	return Tier((2*sum + keys - 1) / (2 * keys))
}

// FrequencyTier rates a deployment rate given in deployments per day:
// elite at one or more a day on average (on demand), high at one a week or
// more, medium at one a month (365.25/12 days) or more, low below that.
// A rate of zero is NoData: callers decide whether "none" means "none recorded".
//
// The elite and high boundaries are decided on the rate per week as shown,
// to one decimal (0.96 a week reads "1.0" and is high).
func FrequencyTier(perDay float64) Tier {
	week := figure.Rounded(perDay*7, ShownDecimals)
	switch {
	case !(perDay > 0):
		return NoData
	case week >= 7:
		return Elite
	case week >= 1:
		return High
	case perDay*daysPerMonth >= 1-1e-9:
		return Medium
	default:
		return Low
	}
}

// LeadTimeTier rates a median lead time for changes in hours: elite under
// one day, high under one week, medium under 30 days, low from 30 days,
// decided on the hours as shown to one decimal (23.96 h reads "24.0" and is
// high).
func LeadTimeTier(h float64) Tier {
	h = figure.Rounded(h, ShownDecimals)
	switch {
	case math.IsNaN(h):
		return NoData
	case h < 24:
		return Elite
	case h < 7*24:
		return High
	case h < 30*24:
		return Medium
	default:
		return Low
	}
}

// ChangeFailureTier rates a change failure rate (0–1): elite up to 5 %,
// high up to 10 %, medium up to 15 %, low above 15 %, decided on the rate as
// shown (figure.Shown): 0.1549 reads "15%" and is medium.
func ChangeFailureTier(r float64) Tier {
	r = figure.Shown(r)
	switch {
	case math.IsNaN(r):
		return NoData
	case r <= 0.05+1e-12:
		return Elite
	case r <= 0.10+1e-12:
		return High
	case r <= 0.15+1e-12:
		return Medium
	default:
		return Low
	}
}

// ShownDecimals is how many decimals the deployments per week and the
// median hours are shown with; their tiers are decided on that value.
const ShownDecimals = figure.HoursDecimals

// RestoreTier rates a median time to restore service in hours: elite under
// one hour, high under one day, medium under one week, low from one week,
// decided on the hours as shown to one decimal.
func RestoreTier(h float64) Tier {
	h = figure.Rounded(h, ShownDecimals)
	switch {
	case math.IsNaN(h):
		return NoData
	case h < 1:
		return Elite
	case h < 24:
		return High
	case h < 7*24:
		return Medium
	default:
		return Low
	}
}

// failedDeployments returns the ids of deployments marked failed or named as
// the cause of an incident.
func failedDeployments(p *plan.Portfolio) map[string]bool {
	f := make(map[string]bool)
	for _, d := range p.Deployments {
		if d.Failed {
			f[d.ID] = true
		}
	}
	for _, in := range p.Incidents {
		if in.DeploymentID != "" {
			f[in.DeploymentID] = true
		}
	}
	return f
}

func monthOf(t time.Time) plan.Month {
	u := t.UTC()
	return plan.MonthOf(u.Year(), u.Month())
}

func hours(d time.Duration) float64 { return d.Hours() }

// median of xs (sorted in place); the mean of the middle two for an even count.
func median(xs []float64) float64 {
	sort.Float64s(xs)
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// WindowMonths is how many complete months of records the DORA keys are
// rated over, on the Overview and in the board pack alike.
const WindowMonths = 6

// Window returns the last n complete months with delivery records as of the
// date asOf. The month asOf falls in counts only when asOf is its last day: a
// month still in progress would understate deployment frequency and make a
// few days look like a trend on a board slide. ok is false when no complete
// month has records.
func Window(p *plan.Portfolio, asOf plan.Date, n int) (from, to plan.Month, ok bool) {
	from, to, ok = Span(p)
	if !ok || n < 1 {
		return 0, 0, false
	}
	last := asOf.MonthOf()
	if asOf != last.Last() {
		last = last.Add(-1)
	}
	if to > last {
		to = last
	}
	if from < to.Add(-(n - 1)) {
		from = to.Add(-(n - 1))
	}
	return from, to, from <= to
}
