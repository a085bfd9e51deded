// Package outlook forecasts a portfolio in calendar dates: it compiles a
// plan.Portfolio (teams' headcount changes × allocation × focus factor, the
// working calendar and holidays, remaining effort, start-no-earlier-than
// dates, risks) into a neutral forecast.Model, runs the Monte Carlo engine,
// and maps the results back to dates, quarters and the portfolio's ids.
// Reports and the desktop app read a *Forecast; they never see model time.
//
// The model's unit of time is one working day (see Compile and Mapping for
// the exact rules that turn dates into model time and back). Three results
// are computed here rather than by the engine, from the engine's per-trial
// samples (forecast.Options.Observers, on the workers that simulate them),
// so that they are exact: the date percentiles (trials counted per working
// day, where the engine's histogram interpolates inside bins that straddle
// days), the team load per calendar quarter (the engine only knows periods
// of equal length) and the drivers (which predecessor finished last, which
// item finished a milestone last). Means, standard errors, criticality, sensitivity,
// waiting times and probabilities come from the engine.
//
// Over-commitment. A team is over-committed in a quarter when the remaining
// work that must be finished by the end of that quarter exceeds the
// capacity it has from the as-of date to the quarter's end. The work that
// must be finished by a quarter's end is the remaining effort of the team's
// open items that are due by then, where an item is due by the earliest of
// its own target and the dates of everything that waits on it: the
// milestones that depend on it and the targets of the items that depend on
// it, directly or through other items (an item nothing dated waits on is
// never due). The capacity is headcount × allocation × focus factor summed
// over the working days from the as-of date to the quarter's end. Both are
// cumulative: work due in an earlier quarter still counts, and so does the
// capacity of the earlier quarters. The efforts are the ones sampled in each
// trial, and the probability of over-commitment (TeamQuarter.POver) is the
// share of trials in which the work due exceeds the capacity. The first
// quarter is the rest of the current one, from the as-of date
// (TeamQuarter.From).
//
// Money on the schedule. Forecast.Exposure (each milestone's penalty and
// each commitment's cost of delay, expected and percentiles, and their
// per-trial total) and Forecast.JCL (the joint cost–schedule confidence:
// cost to complete per trial, the chance of finishing by the programme's
// date within its budget, the cost S-curve, the 70 % frontier and a
// scatter of the trials) are computed from the same per-trial samples:
// each trial's finish dates give its penalties and its cost, never a rate
// times a percentile date. money.go states every rule.
package outlook

import (
	"steerco/internal/plan"
)

// Options steer a forecast run.
type Options struct {
	Trials   int    // default 10,000
	Seed     uint64 // default 1; the same seed gives the same forecast
	Sampling string // "mc" (default) or "lhs"
	// Distribution of item effort: "triangular" (default), "betapert" or "lognormal".
	Distribution string
	Workers      int // 0 means all cores; results do not depend on it
	// AsOf is the forecast's "today": work starts no earlier than this date.
	// Zero means the portfolio's planning start.
	AsOf plan.Date
	// RiskImpacts re-runs the simulation once per live risk, excluded, with
	// common random numbers, to measure each risk's days of P85 impact.
	RiskImpacts bool
	// Progress, when set, is called with the trials done so far and the total
	// (over all runs, risk re-runs included), from any goroutine, one call at
	// a time, in increasing order.
	Progress func(done, total int)
	// Curves fills the S-curve (DateDist.Curve) of every item's,
	// milestone's and the portfolio's finish. The desktop app asks for it;
	// the command line leaves it off to keep --json compact.
	Curves bool
	// CostWithPenalties adds each trial's penalties and costs of delay to
	// its cost to complete in the JCL (off: the cost is the work's, the
	// budget lines' and the risks').
	CostWithPenalties bool
}

// Defaults of Options.
const (
	DefaultTrials = 10000
	DefaultSeed   = 1
)

// Forecast is a portfolio's forecast in calendar dates.
type Forecast struct {
	AsOf         plan.Date `json:"as_of"`
	Trials       int       `json:"trials"`
	Seed         uint64    `json:"seed"`
	Sampling     string    `json:"sampling"`
	Distribution string    `json:"distribution"`

	Day0 plan.Date `json:"day0"` // the first working day on or after AsOf: the forecast's day 0

	Items      []ItemForecast      `json:"items"`      // open items, in portfolio order
	Milestones []MilestoneForecast `json:"milestones"` // every milestone
	Portfolio  DateDist            `json:"portfolio"`  // the last open item's finish
	// Committed is the joint probability that every open committed item meets
	// its target in the same trial, and how many items that covers (with
	// none, Committed is 1: nothing committed can be missed).
	Committed      float64 `json:"p_all_committed"`
	CommittedItems int     `json:"committed_items"`

	Teams []TeamQuarter `json:"teams"` // per team (portfolio order) per calendar quarter (in order)
	// Risks lists, when Options.RiskImpacts is set, the simulated risks
	// (live, with a schedule impact on an open item) in the order of the
	// ranking measure (see RiskImpact.PointsLost): measurable ones first,
	// most points lost first; then the live cost-only risks (CostOnly),
	// largest cost first.
	Risks []RiskImpact `json:"risks"`
	// Exposure is what lateness is expected to cost: the penalties of the
	// milestones and the costs of delay of the items, per milestone and
	// item and in total, from the trials' finish dates (see the comment on
	// money in money.go). Never nil; its lists are empty when the
	// portfolio states no penalty in money.
	Exposure *Exposure `json:"exposure"`
	// JCL is the joint cost–schedule confidence: the chance of finishing
	// by the programme's date within its budget, the cost S-curve and the
	// 70 % frontier. Never nil.
	JCL   *JCL     `json:"jcl"`
	Notes []string `json:"notes"` // assumptions and things a person should know ("3 items have no estimate")
}

// DateDist is a finish (or start) date distribution: the dates are working
// days of the portfolio's calendar. A finish date is the working day on
// which the work ends; a start date the working day on which it begins.
type DateDist struct {
	P10  plan.Date `json:"p10"`
	P50  plan.Date `json:"p50"`
	P85  plan.Date `json:"p85"`
	P95  plan.Date `json:"p95"`
	Mean plan.Date `json:"mean"`
	// SEP50Days and SEP85Days: standard error of the P50 and P85 dates in working days.
	SEP50Days float64 `json:"se_p50_days"`
	SEP85Days float64 `json:"se_p85_days"`
	// P50Days and P85Days are the same percentiles in model time: working
	// days from the start of Day0, unrounded (a finish at 4.5 is half-way
	// through working day 4). Useful to measure slips in days.
	P50Days float64 `json:"p50_days"`
	P85Days float64 `json:"p85_days"`
	// Curve is the S-curve of a finish distribution, set only when
	// Options.Curves asks for it (see CurvePoint).
	Curve []CurvePoint `json:"curve,omitempty"`
}

// ItemForecast is the forecast of one open item.
type ItemForecast struct {
	ID     string    `json:"id"`
	Start  DateDist  `json:"start"`
	Finish DateDist  `json:"finish"`
	Target plan.Date `json:"target,omitempty"`
	// PTarget is the probability of finishing on or before Target; -1 when
	// the item has no target.
	PTarget     float64 `json:"p_target"`
	Criticality float64 `json:"criticality"` // share of trials in which it drives the finish (zero float)
	Sensitivity float64 `json:"sensitivity"` // Spearman rank correlation of its effort with the portfolio finish
	// Why it is late: mean working days spent waiting for upstream
	// dependencies, and ready but waiting for its team's capacity (a free WIP slot).
	WaitDependencyDays float64 `json:"wait_dependency_days"`
	WaitCapacityDays   float64 `json:"wait_capacity_days"`
	// Driver is the open predecessor that most often finishes last (its lag
	// included) before this item can start ("" when it has none), and
	// DriverShare the share of trials in which it did.
	Driver      string  `json:"driver,omitempty"`
	DriverShare float64 `json:"driver_share,omitempty"`
}

// MilestoneForecast is the forecast of a milestone: the latest finish of the items it depends on.
type MilestoneForecast struct {
	ID      string    `json:"id"`
	Target  plan.Date `json:"target"`
	Finish  DateDist  `json:"finish"`
	PTarget float64   `json:"p_target"`
	// Driver is the item that most often finishes last among the milestone's
	// open items, and DriverShare the share of trials in which it did.
	Driver      string  `json:"driver,omitempty"`
	DriverShare float64 `json:"driver_share,omitempty"`
	// Done: every item of the milestone is done or cancelled; PTarget is 1
	// and the dates are Day0.
	Done bool `json:"done,omitempty"`
}

// TeamQuarter is one team's load in one calendar quarter, in person-days.
// The first quarter starts at Day0 (it is the rest of the current quarter).
// POver is the probability of over-commitment as the package doc defines
// it: the work due by the quarter's end (Due*) against the capacity from
// Day0 to the quarter's end (CapacityToEnd).
type TeamQuarter struct {
	TeamID  string       `json:"team"`
	Quarter plan.Quarter `json:"quarter"`
	// From and To are the first and last days the row covers: the
	// quarter's, except that the first quarter starts at Day0 ("7–31 Dec
	// 2026" for the rest of 2026-Q4 as of 7 Dec).
	From plan.Date `json:"from"`
	To   plan.Date `json:"to"`
	// Start and End are From and To under their old names.
	//
	// Deprecated: use From and To.
	Start plan.Date `json:"start"`
	End   plan.Date `json:"end"`
	// Capacity: the team's roadmap capacity over the row's working days,
	// From to To (headcount × allocation × focus factor, summed day by day).
	Capacity float64 `json:"capacity_days"`
	// CapacityToEnd: the team's capacity from Day0 to To, what the work due
	// by To has to fit in.
	CapacityToEnd float64 `json:"capacity_to_end_days"`
	// Due: remaining effort of the team's open items that must be finished
	// by To (cumulative from Day0: each item counts in the quarter it falls
	// due and every later one; see the package doc); mean, P50 and P85
	// across trials.
	DueMean float64 `json:"due_mean_days"`
	DueP50  float64 `json:"due_p50_days"`
	DueP85  float64 `json:"due_p85_days"`
	// Demand: effort of the team's items ready (dependencies met, start
	// date reached) before the quarter's end, less the work done before the
	// quarter began; mean, P50 and P85 across trials. This is work that
	// could be done, not work that must be: it is not over-commitment.
	DemandMean float64 `json:"demand_mean_days"`
	DemandP50  float64 `json:"demand_p50_days"`
	DemandP85  float64 `json:"demand_p85_days"`
	// Work: effort done in the quarter; mean, P50 and P85 across trials.
	WorkMean float64 `json:"work_mean_days"`
	WorkP50  float64 `json:"work_p50_days"`
	WorkP85  float64 `json:"work_p85_days"`
	// POver is the probability that the team is over-committed in the
	// quarter: the share of trials in which the work due by To exceeds
	// CapacityToEnd.
	POver float64 `json:"p_over"`
}

// RiskImpact is what one risk does to the forecast: the forecast with the
// risk against the forecast without it, with the same random numbers
// otherwise (common random numbers), so only the risk differs.
//
// Ranking. Risks are ranked by PointsLost: the points of probability the
// risk takes, added up, from the dates it can make missed — every
// milestone's and every committed item's with a target (a risk that only
// eats slack loses none). PointsLost/100 is the number of those dates the
// risk is expected to make missed: 110 points is "about 1.1 more missed
// dates". Ties, and risks that lose no points, go by the
// working days the risk adds to the P85 date of its most affected milestone
// (WorstMilestone), then to the portfolio's P85, then by id. A risk whose
// effect is within the simulation's noise is not Measurable: it loses
// fewer points than max(PointsLostSE, 0.5), and adds no measurable days
// (figure.Measurable against the P85's standard error) to the portfolio or
// a milestone; such risks come after the measurable ones. A risk with a cost
// and no schedule impact is not simulated: it is listed last with CostOnly
// set and every schedule field zero, for a cost axis.
type RiskImpact struct {
	RiskID string `json:"risk"`
	// CostOnly: a live risk with a cost impact and no schedule impact; it
	// is not simulated and has no schedule effect.
	CostOnly bool `json:"cost_only,omitempty"`
	// PointsLost is the ranking measure: the sum, over the milestones and
	// the committed items with a target, of the points of probability of
	// meeting the date the risk takes (P without − P with, when positive,
	// × 100). PointsLostSE is its standard error (each loss's binomial
	// standard error with common random numbers, √(d(1−d)/trials), added
	// up: conservative).
	PointsLost   float64 `json:"points_lost"`
	PointsLostSE float64 `json:"points_lost_se"`
	// Estimated: the risk was not re-simulated, because re-simulating
	// every risk of a large portfolio would take minutes: the forecast
	// re-simulates the most harmful ones (by this estimate) within a fixed
	// amount of work (forecast.Drivers) and estimates the others from the
	// run itself — the chance of a date when the risk is excluded is the
	// chance in the trials where it did not happen. Only PointsLost and
	// PointsLostSE are set (the SE of the estimate, larger than an exact
	// figure's); the P85 days and per-date changes are not computed and
	// stay zero or empty. Surfaces show its points as an estimate
	// (figure.RiskPoints). Every risk of a small portfolio is exact.
	Estimated bool `json:"estimated,omitempty"`
	// Measurable: the effect stands out from the simulation's noise (see
	// the ranking rule above). When false, surfaces say "no measurable
	// effect" rather than a small number of days or points.
	Measurable bool `json:"measurable"`
	// PortfolioP85Days: working days the risk adds to the portfolio's P85 finish.
	PortfolioP85Days float64 `json:"portfolio_p85_days"`
	// MilestoneP85Days: working days added to each milestone's P85 date, by milestone id.
	MilestoneP85Days map[string]float64 `json:"milestone_p85_days,omitempty"`
	// WorstMilestone is the milestone it delays most ("" if none).
	WorstMilestone string `json:"worst_milestone,omitempty"`
	// MilestonePTarget: how the risk changes each milestone's probability
	// of meeting its date (P with − P without; negative when it hurts), by
	// milestone id, for milestones it changes.
	MilestonePTarget map[string]float64 `json:"milestone_p_target,omitempty"`
	// ItemP85Days: working days added to each open item's P85 finish, by
	// item id, for items it moves by at least a tenth of a day.
	ItemP85Days map[string]float64 `json:"item_p85_days,omitempty"`
	// CommittedPTarget: how the risk changes each committed item's
	// probability of meeting its target (P with − P without), by item id,
	// for those it changes.
	CommittedPTarget map[string]float64 `json:"committed_p_target,omitempty"`
}

// Item returns the forecast of the item with id, or nil (done, cancelled or unknown items).
func (f *Forecast) Item(id string) *ItemForecast {
	for i := range f.Items {
		if f.Items[i].ID == id {
			return &f.Items[i]
		}
	}
	return nil
}

// Milestone returns the forecast of the milestone with id, or nil.
func (f *Forecast) Milestone(id string) *MilestoneForecast {
	for i := range f.Milestones {
		if f.Milestones[i].ID == id {
			return &f.Milestones[i]
		}
	}
	return nil
}
