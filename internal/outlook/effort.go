package outlook

import (
	"fmt"
	"strconv"

	"steerco/internal/figure"
	"steerco/internal/plan"
)

// SampledEffort returns the three points of the remaining effort, in
// person-days, that the forecast samples an item's effort from
// (plan.Item.RemainingEstimate: the whole estimate, or once Remaining is
// set 75 %–100 %–150 % of it), and why, in a sentence a form can show:
// "The forecast samples 9–12–18 person-days remaining: 75 % to 150 % of
// the 12 remaining. The estimate 20–28–40 is the whole item's and is not
// used while Remaining is set." The distribution over the three points is
// the forecast's (Options.Distribution; triangular by default).
//
// Done and cancelled items, and open items without an estimate, give
// zeros: the forecast gives them no effort.
func SampledEffort(it *plan.Item) (low, likely, high float64, why string) {
	e := it.RemainingEstimate()
	switch {
	case !it.Open():
		return 0, 0, 0, "The item is " + statusWord(it.Status) + ": the forecast has no effort left for it."
	case it.Remaining != nil && *it.Remaining <= 0:
		return 0, 0, 0, "No effort remains (Remaining is 0): the item finishes as soon as it is ready."
	case it.Remaining != nil:
		why = fmt.Sprintf("The forecast samples %s person-days remaining: %s %% to %s %% of the %s remaining.",
			points(e), pct(plan.RemainingLow), pct(plan.RemainingHigh), figure.Effort(*it.Remaining))
		if w := it.Estimate; w.High > 0 {
			why += fmt.Sprintf(" The estimate %s is the whole item's and is not used while Remaining is set.", points(w))
		}
		return e.Low, e.Likely, e.High, why
	case e.High <= 0 && e.Count > 0:
		return 0, 0, 0, "The item is sized by story count only: the forecast needs effort in person-days and treats it as zero."
	case e.High <= 0:
		return 0, 0, 0, "The item has no effort estimate: the forecast treats it as zero effort."
	}
	return e.Low, e.Likely, e.High, fmt.Sprintf("The forecast samples the whole estimate, %s person-days (no Remaining set).", points(e))
}

func statusWord(s string) string {
	if s == plan.Cancelled {
		return "cancelled"
	}
	return "done"
}

// points writes a three-point estimate as "9–12–18".
func points(e plan.Estimate) string {
	return figure.Effort(e.Low) + "–" + figure.Effort(e.Likely) + "–" + figure.Effort(e.High)
}

func pct(f float64) string { return strconv.FormatFloat(100*f, 'f', -1, 64) }
