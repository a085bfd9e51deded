package app

import (
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/recommend"
	"steerco/internal/report"
)

// Policy holds the values every surface reads: the same numbers drive the
// window, the command line and the board pack.
type Policy struct {
	// RAG classifies a chance of meeting a target: on track, at risk, off
	// track (figure's thresholds, decided from the percentage shown).
	RAG figure.Thresholds
	// Confidence is the level quoted as "the" date: 0.85, shown as P85.
	Confidence float64
	// OverCommitted flags a team's quarter as over-committed when the chance
	// that demand exceeds capacity is at least this.
	OverCommitted float64
	// PreviewTrials is the quick first run the window shows while the full
	// one (FullTrials, also the command line's default) is computed.
	PreviewTrials, FullTrials int
	// Seed is the default random seed: the same seed gives the same forecast.
	Seed uint64
	// HiringLeadWeeks and RampUpWeeks: a proposed hire starts this many
	// weeks from today and counts for half until ramped up (a decision a
	// board can take, not a sub-week nudge).
	HiringLeadWeeks, RampUpWeeks int
	// HireEngineers is the size of a hire the decisions propose (a pair,
	// which a team can onboard together; a single hire rarely moves a date).
	HireEngineers int
	// MinTargetMoveDays: a target move is proposed only when it is at least
	// this many working days; MinEffect: an option is proposed only when it
	// lifts a commitment or milestone by at least this much.
	MinTargetMoveDays int
	MinEffect         float64
}

// Recommend returns the settings recommend.Propose runs with for p, with the
// RAG thresholds in force. The portfolio's own hiring lead time and ramp-up
// (plan.Portfolio.HiringLeadWeeks, RampUpWeeks) win over the policy's when
// set (non-zero).
func (pol Policy) Recommend(p *plan.Portfolio, rag figure.Thresholds) recommend.Settings {
	lead, ramp := pol.HiringLeadWeeks, pol.RampUpWeeks
	if p != nil && p.HiringLeadWeeks > 0 {
		lead = p.HiringLeadWeeks
	}
	if p != nil && p.RampUpWeeks > 0 {
		ramp = p.RampUpWeeks
	}
	return recommend.Settings{HiringLeadWeeks: lead, RampUpWeeks: ramp, Engineers: float64(pol.HireEngineers),
		MinTargetMoveDays: pol.MinTargetMoveDays, MinEffect: pol.MinEffect, Green: rag.Green}
}

// Default is the policy of this build. Its RAG thresholds, the confidence
// quoted and the over-commitment level are the ones a report template
// resolves to when it names none (report's defaults, figure's thresholds),
// so the window, the command line and the board pack read one rule.
var Default = func() Policy {
	t := reportDefaults()
	return Policy{
		RAG:               t.RAG,
		Confidence:        float64(t.Confidence) / 100,
		OverCommitted:     t.OverCommitment,
		PreviewTrials:     1000,
		FullTrials:        10000,
		Seed:              1,
		HiringLeadWeeks:   8,
		RampUpWeeks:       4,
		HireEngineers:     2,
		MinTargetMoveDays: 5,
		MinEffect:         0.05,
	}
}()

// reportDefaults is a template that sets nothing, with report's defaults filled in.
func reportDefaults() *report.Template {
	t, err := report.ParseTemplate([]byte(`{"name":"policy","sections":[{"section":"cover"}]}`), "policy")
	if err != nil {
		panic("app: report's template defaults: " + err.Error()) // a programmer error, found by any test
	}
	return t
}

// AsOf is the date a forecast of p starts from: asked when it is set, else
// the later of today and p's planning start (work can start before
// neither). Every surface resolves its date through it.
func AsOf(p *plan.Portfolio, today, asked plan.Date) plan.Date {
	if !asked.IsZero() {
		return asked
	}
	if p != nil && p.PlanningStart > today {
		return p.PlanningStart
	}
	return today
}
