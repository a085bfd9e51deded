package calibration

import (
	"fmt"
	"strings"

	"steerco/internal/figure"
)

// Sentence is the one sentence every surface quotes about how
// the P85 dates held: "Steerco's P85 dates for this portfolio held 81% of
// the time over 146 items (90% interval 75–86%)." Below the minimum it says
// there is too little history to judge, with the count.
func Sentence(g Group, what string) string {
	r := g.P85
	if r.N == 0 {
		return fmt.Sprintf("No %s can be scored yet: no item forecast has since finished with a recorded finish date.", what)
	}
	if !r.Enough() {
		return fmt.Sprintf("Too little history to judge the %s: %s scored, %d needed.", what, outcomes(r.N), MinOutcomes)
	}
	return fmt.Sprintf("Steerco's P85 dates for this portfolio held %s of the time over %s (%s interval %s).",
		figure.Percent(r.Value()), outcomes(r.N), figure.Percent(Confidence), IntervalText(r))
}

// IntervalText formats a hit rate's interval: "75–86%".
func IntervalText(r Rate) string {
	return strings.TrimSuffix(figure.Percent(r.Low), "%") + "–" + figure.Percent(r.High)
}

// RateText formats a hit rate for a table cell: "81% (119 of 146)", or
// "too little history (4 of 10)" below the minimum.
func RateText(r Rate) string {
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
