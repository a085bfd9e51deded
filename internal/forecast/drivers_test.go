package forecast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// genRisky is genRC with nr risks of 5–55 % on three random items each (1–
// 20 days, as the scale portfolio's), and a target on every third item near
// its finish without risks, so that the risks move real chances.
func genRisky(t *testing.T, n, teams, nr int, seed uint64) Model {
	t.Helper()
	m := genRC(n, teams, seed)
	r := rand.New(rand.NewPCG(seed, 3))
	for k := range nr {
		id := "R" + strconv.Itoa(k)
		p, imp := 0.05+0.5*r.Float64(), float64(1+r.IntN(20))/2 // weeks
		for range 3 {
			i := r.IntN(n)
			m.Items[i].Risks = append(m.Items[i].Risks, Risk{ID: id, P: p, Impact: imp})
		}
	}
	base := run(t, m, Options{Trials: 1000, Seed: 9})
	for i := range m.Items {
		if i%3 == 0 {
			m.Items[i].Target = ptr(base.Items[i].Finish.P50)
		}
	}
	return m
}

// signedLost is the exact counterpart of an estimate: the sum over the items
// with a target of the chance the risk takes (P without − P with).
func signedLost(ri RiskImpact) float64 {
	s := 0.0
	for _, d := range ri.PTarget {
		s -= d
	}
	return s
}

// From the base run alone, the estimate of what a risk takes agrees with
// the exact figure (the trials where it fired re-simulated) within its
// standard error for most risks: the estimate is unbiased, and its error
// against the exact figure has about its standard error (the difference of
// two samples of the same chances). Tolerance: at least 60 % within 1 SE
// and 90 % within 2 SE (normal: 68 % and 95 %), with a fixed seed.
func TestDriversEstimateAgreesWithExact(t *testing.T) {
	m := genRisky(t, 300, 5, 60, 11)
	opt := Options{Trials: 4000, Seed: 5}
	_, exact, err := RiskImpacts(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	_, est, err := Drivers(context.Background(), m, opt, DriverOptions{Budget: 1})
	if err != nil {
		t.Fatal(err)
	}
	within1, within2, n, big := 0, 0, 0, 0
	for k := range est {
		e, x := est[k], exact[k]
		if e.Risk != x.Risk {
			t.Fatalf("risk %d: %s estimated, %s exact", k, e.Risk, x.Risk)
		}
		if !e.Estimated || e.ItemP85 != nil || e.PTarget != nil || e.PortfolioP85 != 0 {
			t.Fatalf("%s: want an estimate only, got %+v", e.Risk, e)
		}
		if x.Estimated {
			t.Fatalf("%s: RiskImpacts estimated it", x.Risk)
		}
		d := math.Abs(e.Lost - signedLost(x))
		n++
		if d <= e.LostSE {
			within1++
		}
		if d <= 2*e.LostSE {
			within2++
		}
		if signedLost(x) > 3*e.LostSE {
			big++
		}
	}
	t.Logf("%d risks: %d within 1 SE, %d within 2 SE; %d with an exact effect over 3 SE", n, within1, within2, big)
	if big < 5 {
		t.Errorf("only %d risks have a clear effect: the test does not test much", big)
	}
	if float64(within1) < 0.6*float64(n) || float64(within2) < 0.9*float64(n) {
		t.Errorf("%d of %d within 1 SE and %d within 2 SE, want ≥ 60 %% and ≥ 90 %%", within1, n, within2)
	}
}

// With every risk inside the budget (the default budget on a small model,
// or no bound), Drivers gives the same bits as RiskImpacts; with a small
// budget it re-simulates the most harmful risks by the estimate, exactly
// as RiskImpacts, and the same ones for any number of workers.
func TestDriversBudget(t *testing.T) {
	m := genRisky(t, 200, 4, 30, 12)
	opt := Options{Trials: 2000, Seed: 3}
	js := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	_, exact, err := RiskImpacts(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []int64{0, -1} {
		_, got, err := Drivers(context.Background(), m, opt, DriverOptions{Budget: b})
		if err != nil {
			t.Fatal(err)
		}
		if js(got) != js(exact) {
			t.Errorf("budget %d: impacts differ from RiskImpacts'", b)
		}
	}
	// A budget for about a third of the corrected trials.
	be, err := newEngine(compile(m), Options{Trials: 2000, Seed: 3, Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, p := range be.c.riskP {
		total += p * 2000 * float64(be.c.n)
	}
	budget := int64(total / 3)
	var first string
	for _, w := range []int{1, 2, 3} {
		o := opt
		o.Workers = w
		_, got, err := Drivers(context.Background(), m, o, DriverOptions{Budget: budget})
		if err != nil {
			t.Fatal(err)
		}
		if first == "" {
			first = js(got)
		} else if js(got) != first {
			t.Errorf("%d workers: impacts differ from 1 worker's", w)
		}
		nExact, minExact, maxEst := 0, math.Inf(1), math.Inf(-1)
		for k, ri := range got {
			if ri.Estimated {
				maxEst = max(maxEst, ri.Lost)
				continue
			}
			nExact++
			if js(ri) != js(exact[k]) {
				t.Errorf("%s: exact within the budget but not RiskImpacts' figure", ri.Risk)
			}
		}
		// the exact ones are those with the largest estimates
		_, all, err := Drivers(context.Background(), m, o, DriverOptions{Budget: 1})
		if err != nil {
			t.Fatal(err)
		}
		for k, ri := range got {
			if !ri.Estimated && all[k].Estimated {
				minExact = min(minExact, all[k].Lost)
			}
		}
		if nExact == 0 || nExact == len(got) || minExact < maxEst {
			t.Errorf("%d workers: %d of %d exact, smallest exact estimate %v, largest estimated %v", w, nExact, len(got), minExact, maxEst)
		}
	}
}

// Cancelling while the exact impacts run stops Drivers with ctx's error.
func TestDriversCancel(t *testing.T) {
	m := genRisky(t, 300, 4, 40, 13)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, _, err := Drivers(ctx, m, Options{Trials: 5000, Seed: 1, Workers: 2, Progress: func(done, total int) {
		calls++
		if done > 5000+2000 { // the base run is over: in the exact impacts
			cancel()
		}
	}}, DriverOptions{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// The estimates do not depend on the number of workers or on whether the
// base run kept its bins.
func TestDriversEstimatesDeterministic(t *testing.T) {
	m := genRisky(t, 150, 3, 20, 14)
	defer func(k int) { keepBytes = k }(keepBytes)
	var first []byte
	for _, keep := range []int{1 << 30, 0} {
		keepBytes = keep
		for _, w := range []int{1, 2, 3} {
			_, est, err := Drivers(context.Background(), m, Options{Trials: 1500, Seed: 2, Workers: w}, DriverOptions{Budget: 1})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(est)
			if first == nil {
				first = b
			} else if !bytes.Equal(b, first) {
				t.Errorf("keep %d, %d workers: estimates differ", keep, w)
			}
		}
	}
}
