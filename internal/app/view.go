package app

// What the screens read. A screen imports app, figure and plan, never the
// forecasting, reporting or delivery packages: the types it shows are
// named here (aliases, so a value from outlook is the same value here), and
// the views it draws are built here by the same code the board pack uses.

import (
	"steerco/internal/delivery"
	"steerco/internal/figure"
	"steerco/internal/forecast"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
)

// Forecast results, as outlook computes them.
type (
	Forecast          = outlook.Forecast
	ItemForecast      = outlook.ItemForecast
	MilestoneForecast = outlook.MilestoneForecast
	DateDist          = outlook.DateDist
	CurvePoint        = outlook.CurvePoint
	TeamQuarter       = outlook.TeamQuarter
	RiskImpact        = outlook.RiskImpact
	// Options are a resolved Request as outlook takes them (Request.Options).
	Options = outlook.Options
)

// The effort distributions and samplings a Request may name.
const (
	DistTriangular     = outlook.DistTriangular
	DistBetaPERT       = outlook.DistBetaPERT
	DistLognormal      = outlook.DistLognormal
	SamplingMonteCarlo = forecast.MonteCarlo
	SamplingLHS        = forecast.LatinHypercube
)

// The chart models the board pack draws and the screens draw too, so both
// show the same rows, labels and colours.
type (
	Timeline       = report.Timeline
	TimelineRow    = report.TimelineRow
	TimelineMarker = report.TimelineMarker
	HeatMap        = report.HeatMap
)

// CapacityHeatMap is the board pack's capacity heat map of f for p as of
// asOf (built by report.Build, the same code), or nil when f has no team
// rows. Only f's team rows are read, so a forecast older than p is usable.
func CapacityHeatMap(p *plan.Portfolio, f *Forecast, asOf plan.Date) (*HeatMap, error) {
	if p == nil || f == nil || len(f.Teams) == 0 {
		return nil, nil
	}
	lean := *f
	lean.Items, lean.Milestones = nil, nil
	charts, err := sectionCharts(p, &lean, report.SecCapacity, asOf)
	if err != nil {
		return nil, err
	}
	for _, c := range charts {
		if c.Kind == report.ChartHeatMap && c.Heat != nil && len(c.Heat.RowLabels) > 0 {
			return c.Heat, nil
		}
	}
	return nil, nil
}

// sectionCharts builds the board pack's section sec alone (report.Build, the
// same code) for p and f as of asOf and returns its charts in order: how a
// screen draws what the board pack draws.
func sectionCharts(p *plan.Portfolio, f *Forecast, sec string, asOf plan.Date) ([]*report.Chart, error) {
	t := report.Template{Name: sec + "-screen", Sections: []report.TemplateSection{{Section: sec}}}
	b, err := report.Build(p, f, t, asOf)
	if err != nil {
		return nil, err
	}
	var out []*report.Chart
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			if bl.Chart != nil {
				out = append(out, bl.Chart)
			}
		}
	}
	return out, nil
}

// Delivery metrics (the four DORA keys) and their tiers.
type (
	DeliveryMetrics = delivery.PeriodMetrics
	DeliveryTier    = delivery.Tier
)

// DeliveryMonths is how many complete months of delivery records the
// Overview rates: the board pack's number (delivery.WindowMonths).
const DeliveryMonths = delivery.WindowMonths

// Delivery returns the DORA keys over the last DeliveryMonths complete
// months with records as of asOf; ok is false when there are none.
func Delivery(p *plan.Portfolio, asOf plan.Date) (m DeliveryMetrics, ok bool) {
	from, to, ok := delivery.Window(p, asOf, DeliveryMonths)
	if !ok {
		return DeliveryMetrics{}, false
	}
	return delivery.Summary(p, from, to), true
}

// QuarterLabel names the quarter a team row covers: "2027-Q1", or, for the
// first, partial quarter (the rest of it from the as-of date), the quarter
// with the day it starts: "2026-Q4 from 7 Dec 2026" (with both dates when
// it also ends early).
func QuarterLabel(tq TeamQuarter) string { return figure.Quarter(tq.Quarter, tq.From, tq.To) }

// SampledEffort is the remaining three-point effort, in person-days, the
// forecast samples for it, and why in a sentence a form can show
// (outlook.SampledEffort): what the Roadmap form shows under the estimate,
// so a person sees which numbers count. Zeros for an item with no effort.
func SampledEffort(it *plan.Item) (low, likely, high float64, why string) {
	return outlook.SampledEffort(it)
}

// OverCommitment says, for a person, what an over-committed team quarter
// means (outlook.TeamQuarter's Due, CapacityToEnd and POver): the board
// pack's definition (its capacity section and method appendix), which the
// Teams screen shows under the heat map.
const OverCommitment = report.OverCommitmentDefinition
