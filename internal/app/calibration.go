package app

import (
	"context"
	"fmt"
	"strings"

	"steerco/internal/calibration"
	"steerco/internal/figure"
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

// CalibrationSentence is the one sentence every surface quotes about how
// the P85 dates held: "Steerco's P85 dates for this portfolio held 81% of
// the time over 146 items (90% interval 75–86%)." Below the minimum it says
// there is too little history to judge, with the count.
func CalibrationSentence(g CalibrationGroup, what string) string {
	r := g.P85
	if r.N == 0 {
		return fmt.Sprintf("No %s can be scored yet: no item forecast has since finished with a recorded finish date.", what)
	}
	if !r.Enough() {
		return fmt.Sprintf("Too little history to judge the %s: %s scored, %d needed.", what, outcomes(r.N), CalibrationMinimum)
	}
	return fmt.Sprintf("Steerco's P85 dates for this portfolio held %s of the time over %s (%s interval %s).",
		figure.Percent(r.Value()), outcomes(r.N), figure.Percent(calibration.Confidence), RateInterval(r))
}

// RateInterval formats a hit rate's interval: "75–86%".
func RateInterval(r calibration.Rate) string {
	return strings.TrimSuffix(figure.Percent(r.Low), "%") + "–" + figure.Percent(r.High)
}

// RateText formats a hit rate for a table cell: "81% (119 of 146)", or
// "too little history (4 of 10)" below the minimum.
func RateText(r calibration.Rate) string {
	if !r.Enough() {
		return fmt.Sprintf("too little history (%d scored)", r.N)
	}
	return fmt.Sprintf("%s (%d of %d)", figure.Percent(r.Value()), r.Hits, r.N)
}

func outcomes(n int) string {
	if n == 1 {
		return "1 item forecast"
	}
	return fmt.Sprintf("%d item forecasts", n)
}

// CalibrationBin is one point of the reliability diagram.
type CalibrationBin = calibration.Bin
