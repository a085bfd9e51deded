package app

import (
	"steerco/internal/figure"
	"steerco/internal/plan"
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
}

// Default is the policy of this build.
var Default = Policy{
	RAG:           figure.DefaultThresholds,
	Confidence:    0.85,
	OverCommitted: 0.5,
	PreviewTrials: 1000,
	FullTrials:    10000,
	Seed:          1,
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
