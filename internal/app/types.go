package app

import (
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// More result types the screens read (see view.go for the forecast's).
type (
	// Move is what moved for one item or milestone since a snapshot.
	Move = outlook.Move
	// ScenarioDelta is what a scenario moves against the plan of record.
	ScenarioDelta = outlook.Comparison
)

// Moves lists what moved in forecast f of p since snapshot s, every item
// and milestone, moved or not (outlook.Moves).
func Moves(p *plan.Portfolio, f *Forecast, s plan.Snapshot) []Move { return outlook.Moves(p, f, s) }
