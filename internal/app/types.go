package app

import (
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// Move is what moved for one item or milestone since a snapshot (see
// view.go for the forecast's types).
type Move = outlook.Move

// Moves lists what moved in forecast f of p since snapshot s, every item
// and milestone, moved or not (outlook.Moves).
func Moves(p *plan.Portfolio, f *Forecast, s plan.Snapshot) []Move { return outlook.Moves(p, f, s) }
