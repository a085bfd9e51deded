package app

// What the Scenarios screen reads, named here so the screen imports app and
// not scenario or outlook (aliases: a value from scenario is the same value
// here).

import (
	"steerco/internal/outlook"
	"steerco/internal/scenario"
)

// A what-if: a named list of changes applied to a copy of the portfolio.
type (
	Scenario       = scenario.Scenario
	ScenarioChange = scenario.Change
	ScenarioKind   = scenario.Kind
	// ForecastComparison lines up the plan of record's forecast and a
	// scenario's, milestone by milestone, item by item, team quarter by
	// team quarter.
	ForecastComparison = outlook.Comparison
)

// The kinds of change a scenario makes, in menu order.
var ScenarioKinds = scenario.Kinds

// The kinds of change.
const (
	Headcount     = scenario.Headcount
	Defer         = scenario.Defer
	Stretch       = scenario.Stretch
	Cut           = scenario.Cut
	Estimate      = scenario.Estimate
	CloseRisk     = scenario.CloseRisk
	AcceptRisk    = scenario.AcceptRisk
	MoveMilestone = scenario.MoveMilestone
	AddItem       = scenario.AddItem
	Priority      = scenario.Priority
	Target        = scenario.Target
	Commitment    = scenario.Commitment
	Depend        = scenario.Depend
	Undepend      = scenario.Undepend
	// RiskProbability and ChangeRiskImpact set a risk's probability and
	// schedule impact (RiskImpact is the forecast's measure of a risk).
	RiskProbability  = scenario.RiskProbability
	ChangeRiskImpact = scenario.RiskImpact
	StatedCost       = scenario.StatedCost
)

// CompareForecasts lines up base (the plan of record) and alt (a scenario)
// forecast with the same request (see CompareScenario).
func CompareForecasts(base, alt *Forecast) *ForecastComparison { return outlook.Compare(base, alt) }
