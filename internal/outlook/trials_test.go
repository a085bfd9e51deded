package outlook

import (
	"reflect"
	"testing"

	"steerco/internal/outlook/scaletest"
)

// The workers count the trials into tables of their own, added up after
// the run, and the order-dependent sums (the team quarters' means, the
// money totals) are merged block by block in trial order: a generated
// programme with teams, quarters, risks, penalties and curves forecasts
// the same, to the bit, for any number of workers.
func TestWorkersGiveTheSameForecast(t *testing.T) {
	p := scaletest.Portfolio(scaletest.Options{Items: 600, Teams: 8, Risks: 30, BudgetLines: 20, Deployments: 10})
	opt := func(w int) Options {
		return Options{Trials: 1300, Seed: 3, Workers: w, AsOf: scaletest.AsOf, Curves: true, CostWithPenalties: true}
	}
	want := run(t, p, opt(1))
	if len(want.Teams) == 0 || want.JCL == nil {
		t.Fatal("the generated programme has no team quarters or no JCL")
	}
	for _, w := range []int{2, 3, 5} {
		if got := run(t, p, opt(w)); !reflect.DeepEqual(got, want) {
			t.Errorf("%d workers: the forecast differs from one worker's", w)
		}
	}
}
