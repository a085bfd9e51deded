package outlook

import (
	"encoding/json"
	"strings"
	"testing"

	"steerco/internal/plan"
)

// TestCurveAgreesWithPercentiles checks that the S-curve is built from the
// same counts as the percentiles: monotone, one point per working day from
// P1 to P99, and the P50/P85 dates are the first points reaching 0.5/0.85.
func TestCurveAgreesWithPercentiles(t *testing.T) {
	x := item("x", "a", 1, 10, 20, 40)
	y := item("y", "a", 2, 5, 10, 30)
	y.DependsOn = []plan.Dependency{{ItemID: "x"}}
	p := portfolio([]plan.Team{team("a", 1, 1)}, x, y)
	p.Milestones = []plan.Milestone{{ID: "m", Name: "M", Date: d("2026-05-01"), DependsOn: []string{"y"}}}
	f := run(t, p, Options{Trials: 3000, Curves: true})
	cases := []struct {
		name string
		dd   DateDist
	}{
		{"item x", f.Item("x").Finish},
		{"item y", f.Item("y").Finish},
		{"milestone m", f.Milestone("m").Finish},
		{"portfolio", f.Portfolio},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cv := c.dd.Curve
			if len(cv) < 2 {
				t.Fatalf("curve has %d points", len(cv))
			}
			if cv[len(cv)-1].P < 0.99 {
				t.Errorf("last point P = %v, want ≥ 0.99", cv[len(cv)-1].P)
			}
			if cv[0].P > 0.05 {
				t.Errorf("first point P = %v: the curve should start near P1", cv[0].P)
			}
			first := func(q float64) plan.Date {
				for _, pt := range cv {
					if pt.P >= q-1e-9 {
						return pt.Date
					}
				}
				return 0
			}
			for k, pt := range cv {
				if k > 0 {
					if pt.Day != cv[k-1].Day+1 {
						t.Fatalf("point %d: day %d after %d, want every working day", k, pt.Day, cv[k-1].Day)
					}
					if pt.P < cv[k-1].P {
						t.Fatalf("point %d: P %v below %v: not monotone", k, pt.P, cv[k-1].P)
					}
				}
				if wd := pt.Date.Weekday(); wd == 0 || wd == 6 {
					t.Fatalf("point %d falls on a weekend: %s", k, pt.Date)
				}
			}
			if got := first(0.5); got != c.dd.P50 {
				t.Errorf("curve reaches 0.5 on %s, P50 is %s", got, c.dd.P50)
			}
			if got := first(0.85); got != c.dd.P85 {
				t.Errorf("curve reaches 0.85 on %s, P85 is %s", got, c.dd.P85)
			}
		})
	}
}

// TestCurvesOnlyWhenAsked keeps the JSON of a forecast compact: no curves
// unless Options.Curves is set.
func TestCurvesOnlyWhenAsked(t *testing.T) {
	p := portfolio([]plan.Team{team("a", 1, 1)}, item("x", "a", 1, 10, 20, 40))
	b, err := json.Marshal(run(t, p, Options{Trials: 200}))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"curve"`) {
		t.Error("curves written without Options.Curves")
	}
	if f := run(t, p, Options{Trials: 200, Curves: true}); len(f.Item("x").Finish.Curve) == 0 || f.Item("x").Start.Curve != nil {
		t.Error("Options.Curves should fill finish curves only")
	}
}
