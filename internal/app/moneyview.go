package app

import (
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
)

// Money on the schedule, as the screens read it: the types outlook
// computes and the words report writes for them (the board pack and the
// command line say the same).
type (
	Exposure        = outlook.Exposure
	PenaltyExposure = outlook.PenaltyExposure
	MoneyDist       = outlook.MoneyDist
	JCL             = outlook.JCL
	FrontierPoint   = outlook.FrontierPoint
	ScatterPoint    = outlook.ScatterPoint
)

// FrontierNote is the sentence shown beside the 70% frontier (outlook's).
const FrontierNote = outlook.FrontierNote

// ExposureSentence is the board pack's sentence on what lateness costs
// (report.ExposureSentence); "" when nothing has a price.
func ExposureSentence(p *plan.Portfolio, f *Forecast) string {
	if p == nil || f == nil {
		return ""
	}
	return report.ExposureSentence(p, f)
}

// JCLSentence is the board pack's sentence on the joint cost–schedule
// confidence (report.JCLSentence); "" without a date or a budget.
func JCLSentence(f *Forecast) string {
	if f == nil {
		return ""
	}
	return report.JCLSentence(f)
}

// PenaltyTerms says a milestone's penalty in money (report.PenaltyTerms).
func PenaltyTerms(m *plan.Milestone) string { return report.PenaltyTerms(m) }

// CostOfDelayTerms says an item's cost of delay (report.CostOfDelayTerms).
func CostOfDelayTerms(it *plan.Item) string { return report.CostOfDelayTerms(it) }
