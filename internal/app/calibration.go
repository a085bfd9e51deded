package app

import (
	"context"

	"steerco/internal/calibration"
	"steerco/internal/plan"
)

// Calibration is how often the portfolio's own forecasts held (see
// internal/calibration): scored snapshots or backtests.
type Calibration = calibration.Result

// CalibrationGroup is the score of one team, commitment level or the whole.
type CalibrationGroup = calibration.Group

// CalibrationMinimum is the least number of outcomes a hit rate is quoted on.
const CalibrationMinimum = calibration.MinOutcomes

// ScoreSnapshots scores every snapshot of p against its items' actual finishes.
func ScoreSnapshots(p *plan.Portfolio) *Calibration { return calibration.Score(p) }

// auditor is the part of a Store that reads its audit log (internal/sqlite's DB).
type auditor interface {
	Audit(ctx context.Context, limit int) ([]plan.AuditEntry, error)
}

// Backtest rebuilds each finished item's forecast from the day it started,
// with the estimate the file's audit log shows it had then, and scores it
// (calibration.Backtest). The second result lists done items with a finish
// but no start date, which cannot be backtested.
func (s *Session) Backtest(ctx context.Context) (*Calibration, []string, error) {
	if s.store == nil {
		return nil, nil, errNoFile
	}
	var log []plan.AuditEntry
	if a, ok := s.store.(auditor); ok {
		var err error
		if log, err = a.Audit(ctx, 0); err != nil {
			return nil, nil, err
		}
	}
	return calibration.Backtest(ctx, s.p, log)
}

// CalibrationSentence is calibration.Sentence: the one sentence every
// surface quotes about how the P85 dates held.
func CalibrationSentence(g CalibrationGroup, what string) string {
	return calibration.Sentence(g, what)
}

// RateInterval formats a hit rate's interval: "75–86%".
func RateInterval(r calibration.Rate) string { return calibration.IntervalText(r) }

// RateText formats a hit rate for a table cell: "81% (119 of 146)".
func RateText(r calibration.Rate) string { return calibration.RateText(r) }

// CalibrationBin is one point of the reliability diagram.
type CalibrationBin = calibration.Bin

// TeamThroughput is one team's throughput backtest (calibration.ThroughputBacktest
// over the finish dates of its done items).
type TeamThroughput struct {
	Team string // the team's name
	*calibration.ThroughputResult
}

// ThroughputBacktests backtests the "how many by when" forecast of every
// team whose finish dates span enough weeks to make at least one forecast.
func ThroughputBacktests(ctx context.Context, p *plan.Portfolio) ([]TeamThroughput, error) {
	var out []TeamThroughput
	for _, t := range p.Teams {
		r, err := calibration.ThroughputBacktest(ctx, calibration.Finishes(p, t.ID))
		if err != nil {
			return nil, err
		}
		if len(r.Outcomes) > 0 {
			out = append(out, TeamThroughput{Team: t.Name, ThroughputResult: r})
		}
	}
	return out, nil
}
