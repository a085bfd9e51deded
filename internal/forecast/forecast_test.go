package forecast

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// Statistical tests use fixed seeds, so they are deterministic; their
// tolerances are still set from standard errors (z = 4.5 unless stated), so
// that a change of seed or sampler would pass with overwhelming probability
// when the engine is right.
const z = 4.5

func run(t *testing.T, m Model, opt Options) *Result {
	t.Helper()
	r, err := Run(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func load(t *testing.T, path string) Model {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	m, err := ParseModel(f)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func tri(a, m, b float64) *Dist  { return &Dist{Kind: Triangular, Low: a, Mode: m, High: b} }
func pert(a, m, b float64) *Dist { return &Dist{Kind: BetaPERT, Low: a, Mode: m, High: b} }
func fixed(v float64) *Dist      { return &Dist{Kind: Fixed, Value: v} }
func ptr(v float64) *float64     { return &v }

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.IsNaN(got) || math.Abs(got-want) > tol {
		t.Errorf("%s = %.6g, want %.6g ± %.3g", what, got, want, tol)
	}
}

// Exact moments and CDFs of the distributions.
func triMoments(a, m, b float64) (mean, variance float64) {
	return (a + m + b) / 3, (a*a + m*m + b*b - a*m - a*b - m*b) / 18
}

func triCDF(a, m, b, x float64) float64 {
	switch {
	case x <= a:
		return 0
	case x >= b:
		return 1
	case x <= m:
		return (x - a) * (x - a) / ((b - a) * (m - a))
	default:
		return 1 - (b-x)*(b-x)/((b-a)*(b-m))
	}
}

func triQuantile(a, m, b, q float64) float64 {
	fc := (m - a) / (b - a)
	if q < fc {
		return a + math.Sqrt(q*(b-a)*(m-a))
	}
	return b - math.Sqrt((1-q)*(b-a)*(b-m))
}

func pertMoments(a, m, b float64) (mean, variance float64) {
	al := 1 + 4*(m-a)/(b-a)
	be := 1 + 4*(b-m)/(b-a)
	mean = (a + 4*m + b) / 6
	variance = al * be / ((al + be) * (al + be) * (al + be + 1)) * (b - a) * (b - a)
	return mean, variance
}

// checkMoments compares a simulated summary with an exact mean and
// variance. SE(mean) = σ/√n; SE(variance) ≈ σ²·√((κ−1)/n) with the kurtosis
// κ bounded by 4 for the distributions used here (3 for a normal).
func checkMoments(t *testing.T, what string, s Summary, n int, mean, variance float64) {
	t.Helper()
	sd := math.Sqrt(variance)
	near(t, what+" mean", s.Mean, mean, z*sd/math.Sqrt(float64(n))+1e-9)
	near(t, what+" variance", s.SD*s.SD, variance, z*variance*math.Sqrt(3/float64(n))+1e-9)
}

// checkQuantile compares a simulated percentile with an exact one, within
// z standard errors of the order statistic (reported by the engine) plus the
// histogram resolution.
func checkQuantile(t *testing.T, what string, got, se, want, res float64) {
	t.Helper()
	near(t, what, got, want, z*se+res)
}

func TestTriangularMomentsAndQuantiles(t *testing.T) {
	// The sampler inverts the CDF exactly.
	s := newSampler(Dist{Kind: Triangular, Low: 2, Mode: 5, High: 12}, nil)
	for k := 1; k < 1000; k++ {
		u := float64(k) / 1000
		near(t, "F(Q(u))", triCDF(2, 5, 12, s.quantile(u)), u, 1e-12)
	}
	// Simulated moments and percentiles of a single item.
	const n = 200000
	a, m, b := 2.0, 5.0, 12.0
	r := run(t, Model{Items: []Item{{ID: "A", Duration: tri(a, m, b)}}}, Options{Trials: n, Seed: 7})
	f := r.Item("A").Finish
	mean, variance := triMoments(a, m, b)
	checkMoments(t, "triangular", f, n, mean, variance)
	res := 2 * (b - a) / histBins
	for _, c := range []struct {
		q       float64
		got, se float64
	}{{0.10, f.P10, f.SE.P10}, {0.50, f.P50, f.SE.P50}, {0.85, f.P85, f.SE.P85}, {0.95, f.P95, f.SE.P95}} {
		checkQuantile(t, "triangular P"+strconv.Itoa(int(c.q*100)), c.got, c.se, triQuantile(a, m, b, c.q), res)
	}
	// The reported SE of the median agrees with the asymptotic formula
	// √(q(1−q)/n)/f(x_q).
	x50 := triQuantile(a, m, b, 0.5)
	dens := 2 * (b - x50) / ((b - a) * (b - m))
	near(t, "SE(P50)", f.SE.P50, math.Sqrt(0.25/n)/dens, 0.3*math.Sqrt(0.25/n)/dens)
}

func TestOtherDistributions(t *testing.T) {
	const n = 100000
	m := Model{Items: []Item{
		{ID: "P", Duration: pert(1, 3, 10)},
		{ID: "L", Duration: &Dist{Kind: Lognormal, Low: 2, High: 8}},
		{ID: "F", Duration: fixed(4)},
	}}
	r := run(t, m, Options{Trials: n, Seed: 3})
	pm, pv := pertMoments(1, 3, 10)
	checkMoments(t, "betapert", r.Item("P").Finish, n, pm, pv)
	// lognormal: low and high are the 5th and 95th percentiles.
	mu, sg := (math.Log(2)+math.Log(8))/2, (math.Log(8)-math.Log(2))/(2*z95)
	lm := math.Exp(mu + sg*sg/2)
	lv := (math.Exp(sg*sg) - 1) * lm * lm
	l := r.Item("L").Finish
	checkMoments(t, "lognormal", l, n, lm, lv)
	checkQuantile(t, "lognormal P50", l.P50, l.SE.P50, 4, 0.01)
	checkQuantile(t, "lognormal P95", l.P95, l.SE.P95, 8, 0.02)
	near(t, "lognormal CDF(2)", l.CDF(2), 0.05, z*math.Sqrt(0.05*0.95/n)+0.001)
	f := r.Item("F").Finish
	if f.P10 != 4 || f.P95 != 4 || f.Mean != 4 || f.SD != 0 {
		t.Errorf("fixed: %+v", f)
	}
}

func TestSerialChainMeansAndVariancesAdd(t *testing.T) {
	const n = 100000
	dists := []*Dist{tri(1, 2, 6), pert(2, 3, 9), tri(0, 4, 4), {Kind: Lognormal, Low: 1, High: 3}, fixed(2.5)}
	var m Model
	var mean, variance float64
	for k, d := range dists {
		it := Item{ID: "S" + strconv.Itoa(k), Duration: d}
		if k > 0 {
			it.DependsOn = []string{"S" + strconv.Itoa(k-1)}
		}
		m.Items = append(m.Items, it)
		var mu, v float64
		switch d.Kind {
		case Triangular:
			mu, v = triMoments(d.Low, d.Mode, d.High)
		case BetaPERT:
			mu, v = pertMoments(d.Low, d.Mode, d.High)
		case Lognormal:
			lmu, sg := d.lognormalParams()
			mu = math.Exp(lmu + sg*sg/2)
			v = (math.Exp(sg*sg) - 1) * mu * mu
		case Fixed:
			mu = d.Value
		}
		mean += mu
		variance += v
	}
	r := run(t, m, Options{Trials: n, Seed: 11})
	checkMoments(t, "chain end", r.Item("S4").Finish, n, mean, variance)
	checkMoments(t, "portfolio", r.Portfolio.Finish, n, mean, variance)
	// every item of a chain is critical in every trial
	for _, it := range r.Items {
		if it.Criticality != 1 {
			t.Errorf("%s criticality %v, want 1", it.ID, it.Criticality)
		}
	}
}

func TestParallelBranchesJoin(t *testing.T) {
	// Three independent branches joining a milestone: P(max ≤ x) is the
	// product of the branch CDFs, so the milestone is later than every
	// branch's median (the merge bias).
	const n = 100000
	br := [][3]float64{{5, 8, 14}, {6, 7, 12}, {4, 9, 11}}
	m := Model{Items: []Item{{ID: "M", Duration: fixed(0), DependsOn: []string{"B0", "B1", "B2"}}}}
	for k, b := range br {
		m.Items = append(m.Items, Item{ID: "B" + strconv.Itoa(k), Duration: tri(b[0], b[1], b[2])})
	}
	r := run(t, m, Options{Trials: n, Seed: 5})
	ms := r.Item("M").Finish
	for x := 6.0; x <= 13.5; x += 0.5 {
		want := 1.0
		for _, b := range br {
			want *= triCDF(b[0], b[1], b[2], x)
		}
		near(t, "P(M ≤ "+strconv.FormatFloat(x, 'g', -1, 64)+")", ms.CDF(x), want, z*math.Sqrt(want*(1-want)/n)+1e-3)
	}
	for _, b := range br {
		if med := triQuantile(b[0], b[1], b[2], 0.5); ms.P50 <= med {
			t.Errorf("milestone P50 %v not later than branch median %v", ms.P50, med)
		}
	}
	// criticality of the branches sums to 1 (exactly one drives the join)
	sum := 0.0
	for k := range br {
		sum += r.Item("B" + strconv.Itoa(k)).Criticality
	}
	near(t, "Σ branch criticality", sum, 1, 1e-9)
}

func TestRiskEventMixture(t *testing.T) {
	// duration = triangular + Bernoulli(p)·impact: mean μ + p·I, variance
	// σ² + p(1−p)·I².
	const n = 200000
	a, mo, b, p, imp := 10.0, 12.0, 20.0, 0.3, 8.0
	m := Model{Items: []Item{{ID: "A", Duration: tri(a, mo, b), Risks: []Risk{{ID: "R", P: p, Impact: imp}}}}}
	r := run(t, m, Options{Trials: n, Seed: 13})
	mu, v := triMoments(a, mo, b)
	checkMoments(t, "mixture", r.Item("A").Finish, n, mu+p*imp, v+p*(1-p)*imp*imp)
	x := 21.0
	want := (1-p)*triCDF(a, mo, b, x) + p*triCDF(a, mo, b, x-imp)
	near(t, "mixture CDF(21)", r.Item("A").Finish.CDF(x), want, z*math.Sqrt(want*(1-want)/n)+1e-3)
}

func TestCorrelationRhoOne(t *testing.T) {
	// With ρ = 1 the items are comonotonic: they use the same uniform, so
	// F_A(a) = F_B(b) in every trial, and the standard deviations of a
	// serial pair add (instead of the variances).
	const n = 20000
	m := Model{
		Items: []Item{
			{ID: "A", Duration: tri(1, 2, 6)},
			{ID: "B", Duration: tri(10, 11, 30), DependsOn: []string{"A"}},
			{ID: "C", Duration: tri(1, 2, 6)},
		},
		CorrelationGroups: []CorrelationGroup{{Items: []string{"A", "B"}, Rho: 1}},
	}
	var csv bytes.Buffer
	r := run(t, m, Options{Trials: n, Seed: 17, Samples: &csv})
	rows := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if len(rows) != n+1 {
		t.Fatalf("%d CSV rows, want %d", len(rows), n+1)
	}
	for _, row := range rows[1:] {
		f := strings.Split(row, ",")
		aFin, _ := strconv.ParseFloat(f[2], 64)
		bSt, _ := strconv.ParseFloat(f[3], 64)
		bFin, _ := strconv.ParseFloat(f[4], 64)
		ua, ub := triCDF(1, 2, 6, aFin), triCDF(10, 11, 30, bFin-bSt)
		if math.Abs(ua-ub) > 1e-9 {
			t.Fatalf("trial %s: F_A = %v, F_B = %v", f[0], ua, ub)
		}
	}
	_, va := triMoments(1, 2, 6)
	mb, vb := triMoments(10, 11, 30)
	ma, _ := triMoments(1, 2, 6)
	sd := math.Sqrt(va) + math.Sqrt(vb)
	checkMoments(t, "comonotonic sum", r.Item("B").Finish, n, ma+mb, sd*sd)
	if s := r.Item("A").Sensitivity; s < 0.95 {
		t.Errorf("sensitivity of A = %v, want ≈ 1 (comonotonic with the finish)", s)
	}
	if s := r.Item("C").Sensitivity; math.Abs(s) > z/math.Sqrt(n) {
		t.Errorf("sensitivity of independent C = %v, want ≈ 0", s)
	}
}

// TestPERTTextbook uses the Reliable Construction Company project of
// F. S. Hillier and G. J. Lieberman, Introduction to Operations Research
// (McGraw-Hill), chapter "Project Management with PERT/CPM", section
// "Dealing with Uncertain Activity Durations": 14 activities with
// optimistic, most likely and pessimistic durations in weeks. The book's
// answer: the mean critical path START→A→B→C→E→F→J→L→N→FINISH has length
// 44 weeks and PERT variance σ² = Σ((b−a)/6)² = 9, so PERT's approximation
// gives P(T ≤ 47) = Φ(1) ≈ 0.84. Simulation shows the merge bias that
// approximation ignores: the near-critical path through D, G, H and M makes
// the real probability lower.
func TestPERTTextbook(t *testing.T) {
	m := load(t, "testdata/pert_textbook.json")
	// 1. The published answer, from the model's own numbers.
	path := []string{"A", "B", "C", "E", "F", "J", "L", "N"}
	byID := map[string]Item{}
	for _, it := range m.Items {
		byID[it.ID] = it
	}
	var pathMean, pertVar, betaVar float64
	for _, id := range path {
		d := byID[id].Duration
		pathMean += (d.Low + 4*d.Mode + d.High) / 6
		pertVar += (d.High - d.Low) * (d.High - d.Low) / 36
		_, v := pertMoments(d.Low, d.Mode, d.High)
		if d.High == d.Low {
			v = 0
		}
		betaVar += v
	}
	near(t, "critical path mean", pathMean, 44, 1e-12)
	near(t, "critical path PERT variance", pertVar, 9, 1e-12)
	// 2. With every activity at its mean, the engine's CPM gives 44 weeks
	// and exactly that critical path.
	det := Model{}
	for _, it := range m.Items {
		it.Duration = fixed(it.Duration.Mean())
		det.Items = append(det.Items, it)
	}
	r := run(t, det, Options{Trials: 300, Seed: 1})
	near(t, "deterministic finish", r.Portfolio.Finish.Mean, 44, 1e-9)
	onPath := map[string]bool{}
	for _, id := range path {
		onPath[id] = true
	}
	for _, it := range r.Items {
		want := 0.0
		if onPath[it.ID] {
			want = 1
		}
		if it.Criticality != want {
			t.Errorf("deterministic criticality of %s = %v, want %v", it.ID, it.Criticality, want)
		}
	}
	// 3. Simulated: the chain alone has the analytic mean 44 and the
	// Beta-PERT variance; the whole network is later (merge bias).
	const n = 100000
	chain := Model{}
	for k, id := range path {
		it := byID[id]
		it.DependsOn = nil
		if k > 0 {
			it.DependsOn = []string{path[k-1]}
		}
		it.Target = nil
		chain.Items = append(chain.Items, it)
	}
	rc := run(t, chain, Options{Trials: n, Seed: 2})
	checkMoments(t, "critical path", rc.Portfolio.Finish, n, 44, betaVar)
	rn := run(t, m, Options{Trials: n, Seed: 2})
	pf := rn.Portfolio.Finish
	if pf.Mean <= 44+z*math.Sqrt(betaVar/n) {
		t.Errorf("network mean %v shows no merge bias over 44", pf.Mean)
	}
	p47 := *rn.Item("N").PTarget
	if p47 >= normCDF(47-44) || p47 >= rc.Portfolio.Finish.CDF(47) {
		t.Errorf("P(N ≤ 47) = %v, want below the single-path answers %v and %v", p47, normCDF(1), rc.Portfolio.Finish.CDF(47))
	}
	for _, id := range path {
		if c := rn.Item(id).Criticality; c < 0.5 {
			t.Errorf("criticality of %s = %v, want > 0.5", id, c)
		}
	}
}

// Throughput: "how many in k weeks" is a sum of k draws, whose distribution
// is the k-fold convolution of the history's empirical distribution; "when"
// is the first week w with S_w ≥ n, so P(W ≤ w) = P(S_w ≥ n).
func TestThroughputAgainstDynamicProgramming(t *testing.T) {
	hist := []float64{0, 1, 2, 2, 3, 5, 4}
	pmf := func(k int) []float64 { // distribution of S_k
		p := []float64{1}
		for range k {
			q := make([]float64, len(p)+5)
			for s, ps := range p {
				for _, h := range hist {
					q[s+int(h)] += ps / float64(len(hist))
				}
			}
			p = q
		}
		return p
	}
	const n = 100000
	t.Run("how many", func(t *testing.T) {
		k := 6
		r := run(t, Model{Throughput: &Throughput{HistoryPerWeek: hist, Weeks: k}}, Options{Trials: n, Seed: 21})
		p := pmf(k)
		mean := 0.0
		for s, ps := range p {
			mean += float64(s) * ps
		}
		v := r.Throughput.Value
		near(t, "mean", v.Mean, mean, z*v.SD/math.Sqrt(n))
		cum := 0.0
		for s, ps := range p {
			cum += ps
			near(t, "P(S ≤ "+strconv.Itoa(s)+")", v.CDF(float64(s)), cum, z*math.Sqrt(cum*(1-cum)/n)+1e-12)
		}
		checkDiscreteQuantiles(t, v, p, 0, n)
	})
	t.Run("when", func(t *testing.T) {
		backlog := 20
		r := run(t, Model{Throughput: &Throughput{HistoryPerWeek: hist, BacklogItems: backlog}}, Options{Trials: n, Seed: 22})
		v := r.Throughput.Value
		var w []float64 // P(W = w)
		prev := 0.0
		for k := 0; prev < 1-1e-12; k++ {
			p := pmf(k)
			ge := 0.0
			for s := backlog; s < len(p); s++ {
				ge += p[s]
			}
			w = append(w, ge-prev)
			prev = ge
			near(t, "P(W ≤ "+strconv.Itoa(k)+")", v.CDF(float64(k)), ge, z*math.Sqrt(ge*(1-ge)/n)+1e-12)
		}
		checkDiscreteQuantiles(t, v, w, 0, n)
	})
}

// checkDiscreteQuantiles checks that each reported percentile v_q of a whole
// number distribution satisfies CDF(v_q − 1) < q ≤ CDF(v_q) for the exact
// distribution, allowing z standard errors for the simulated CDF.
func checkDiscreteQuantiles(t *testing.T, v Summary, pmf []float64, offset int, n int) {
	t.Helper()
	cdf := func(x int) float64 {
		c := 0.0
		for s := 0; s <= x-offset && s < len(pmf); s++ {
			c += pmf[s]
		}
		return c
	}
	for _, c := range []struct{ q, got float64 }{{0.1, v.P10}, {0.5, v.P50}, {0.85, v.P85}, {0.95, v.P95}} {
		tol := z * math.Sqrt(c.q*(1-c.q)/float64(n))
		x := int(c.got)
		if !(cdf(x-1) < c.q+tol && cdf(x) >= c.q-tol) {
			t.Errorf("P%d = %v, but exact CDF there is %v (and %v one below)", int(c.q*100), c.got, cdf(x), cdf(x-1))
		}
	}
}

// TestTwoTeamsByHand checks a fixed-effort schedule worked out by hand
// (testdata/two_teams.json).
//
// Team X: 10 person-days a week over two slots (5 each), except week 1
// ([1, 2)), a holiday with capacity 0. Team Y: 5 a week, one slot.
//
//	X1 (10): slot 1 from 0; 5 done in week 0, none in week 1, 5 in week 2 → 3.
//	X2 (5):  slot 2 from 0 → 1.
//	X3 (7.5): ready at 0, waits for a slot; gets X2's at 1 (holiday), works
//	         from 2 at 5 a week → 3.5. Capacity wait 1.
//	X4 (5):  earliest start 4; slots are free then → 4 to 5.
//	Y3 (7.5): Y1 (higher priority) is not ready at 0, so Y3 starts → 1.5.
//	Y1 (5):  ready at 1 (after X2), waits for Y3 → 1.5 to 2.5.
//	Y2 (10): after X1 → 3 to 5.
//	D (duration 1) after X3 → 3.5 to 4.5; M (milestone) after X3, Y2 → 5.
func TestTwoTeamsByHand(t *testing.T) {
	m := load(t, "testdata/two_teams.json")
	want := map[string]struct{ start, finish, waitDep, waitCap, crit float64 }{
		"X1": {0, 3, 0, 0, 1},
		"X2": {0, 1, 0, 0, 0},
		"X3": {1, 3.5, 0, 1, 0},
		"X4": {4, 5, 0, 0, 1},
		"Y1": {1.5, 2.5, 1, 0.5, 0},
		"Y2": {3, 5, 3, 0, 1},
		"Y3": {0, 1.5, 0, 0, 0},
		"D":  {3.5, 4.5, 3.5, 0, 0},
		"M":  {5, 5, 5, 0, 1},
	}
	for _, workers := range []int{1, 3} {
		r := run(t, m, Options{Trials: 300, Seed: 1, Period: 1, Workers: workers})
		for id, w := range want {
			it := r.Item(id)
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"start P50", it.Start.P50, w.start}, {"finish P95", it.Finish.P95, w.finish},
				{"finish mean", it.Finish.Mean, w.finish},
				{"dependency wait", it.WaitDependency, w.waitDep}, {"capacity wait", it.WaitCapacity, w.waitCap},
				{"criticality", it.Criticality, w.crit},
			} {
				near(t, id+" "+c.what, c.got, c.want, 1e-9)
			}
		}
		near(t, "portfolio finish", r.Portfolio.Finish.P85, 5, 1e-9)
		near(t, "P(Y2 ≤ 5)", *r.Item("Y2").PTarget, 1, 0)
		near(t, "P(M ≤ 4.5)", *r.Item("M").PTarget, 0, 0)
		near(t, "P(all committed meet)", r.Committed.Probability, 1, 0)
		// Team X by week: capacity, work done, demand (ready effort not
		// yet done), over-commitment.
		x := r.Teams[0]
		wantX := []struct{ capacity, work, demand, over float64 }{
			{10, 10, 22.5, 1}, // X1, X2 and X3 ready: 22.5 > 10
			{0, 0, 12.5, 1},   // holiday: any demand exceeds 0
			{10, 10, 12.5, 1}, // X1 and X3 at 5 each
			{10, 2.5, 2.5, 0}, // X3 finishes at 3.5
			{10, 5, 5, 0},     // X4
		}
		if len(x.Periods) != len(wantX) {
			t.Fatalf("team X has %d periods, want %d", len(x.Periods), len(wantX))
		}
		for p, w := range wantX {
			got := x.Periods[p]
			name := "X week " + strconv.Itoa(p)
			near(t, name+" capacity", got.Capacity, w.capacity, 1e-9)
			near(t, name+" work", got.Work.Mean, w.work, 1e-9)
			near(t, name+" work P85", got.Work.P85, w.work, 1e-9)
			near(t, name+" demand", got.Demand.Mean, w.demand, 1e-9)
			near(t, name+" demand P50", got.Demand.P50, w.demand, 1e-9)
			near(t, name+" P(over)", got.POver, w.over, 0)
		}
	}
}

func TestSameSeedSameResultForAnyWorkers(t *testing.T) {
	m := genRC(120, 4, 1)
	m.Items[3].Risks = []Risk{{ID: "vendor", P: 0.3, Impact: 5}}
	m.Items[50].Risks = []Risk{{ID: "vendor", P: 0.3, Impact: 2}, {ID: "audit", P: 0.2, Impact: 4}}
	m.Items[10].Target = ptr(20)
	m.Items[10].Committed = true
	m.Items[70].Target = ptr(30)
	m.Items[70].Committed = true
	m.CorrelationGroups = []CorrelationGroup{{Items: []string{m.Items[1].ID, m.Items[2].ID, m.Items[60].ID}, Rho: 0.6}}
	plain := genPlain(200, 1.5, 2)
	for _, c := range []struct {
		name     string
		m        Model
		sampling string
	}{{"resource-constrained mc", m, MonteCarlo}, {"resource-constrained lhs", m, LatinHypercube}, {"plain lhs", plain, LatinHypercube}} {
		t.Run(c.name, func(t *testing.T) {
			var ref, refCSV []byte
			for _, w := range []int{1, 2, 3, 8} {
				var csv bytes.Buffer
				r := run(t, c.m, Options{Trials: 3000, Seed: 99, Workers: w, Sampling: c.sampling, Samples: &csv, Period: 4})
				b, err := json.Marshal(r)
				if err != nil {
					t.Fatal(err)
				}
				if ref == nil {
					ref, refCSV = b, csv.Bytes()
					continue
				}
				if !bytes.Equal(b, ref) {
					t.Errorf("%d workers: result differs from 1 worker", w)
				}
				if !bytes.Equal(csv.Bytes(), refCSV) {
					t.Errorf("%d workers: samples differ from 1 worker", w)
				}
			}
		})
	}
}

func TestLatinHypercubeReducesError(t *testing.T) {
	// Within every block of 256 trials each item's uniform is stratified,
	// so the error of the mean is far below Monte Carlo's σ/√n.
	const n = 25600
	m := Model{Items: []Item{{ID: "A", Duration: tri(2, 5, 12)}}}
	r := run(t, m, Options{Trials: n, Seed: 1, Sampling: LatinHypercube})
	mean, v := triMoments(2, 5, 12)
	near(t, "LHS mean", r.Item("A").Finish.Mean, mean, 0.1*math.Sqrt(v/n))
	near(t, "LHS P50", r.Item("A").Finish.P50, triQuantile(2, 5, 12, 0.5), 0.02)
}

func TestRiskImpactsCommonRandomNumbers(t *testing.T) {
	m := Model{Items: []Item{
		{ID: "A", Duration: tri(5, 6, 9), Risks: []Risk{{ID: "big", P: 0.5, Impact: 4}}},
		{ID: "B", Duration: tri(5, 6, 9), Risks: []Risk{{ID: "small", P: 0.1, Impact: 1}}},
		{ID: "C", Duration: tri(1, 2, 3), DependsOn: []string{"A", "B"}},
		{ID: "D", Duration: tri(1, 2, 3), Risks: []Risk{{ID: "big", P: 0.5, Impact: 1}}},
	}}
	opt := Options{Trials: 20000, Seed: 4}
	base, imp, err := RiskImpacts(context.Background(), m, opt)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp) != 2 || imp[0].Risk != "big" || imp[1].Risk != "small" {
		t.Fatalf("impacts %+v", imp)
	}
	if !(imp[0].PortfolioP85 > 2 && imp[0].PortfolioP85 > imp[1].PortfolioP85 && imp[1].PortfolioP85 >= 0) {
		t.Errorf("P85 impacts big %v, small %v", imp[0].PortfolioP85, imp[1].PortfolioP85)
	}
	// Excluding "small" (on B) leaves A and D exactly as they were: same
	// random numbers.
	var with, without bytes.Buffer
	o := opt
	o.Samples = &with
	run(t, m, o)
	o.Samples, o.Exclude = &without, []string{"small"}
	run(t, m, o)
	a, b := strings.Split(with.String(), "\n"), strings.Split(without.String(), "\n")
	diff := 0
	for k := 1; k < len(a)-1; k++ {
		fa, fb := strings.Split(a[k], ","), strings.Split(b[k], ",")
		if fa[2] != fb[2] || fa[8] != fb[8] { // A.finish, D.finish
			t.Fatalf("trial %d: A or D changed when excluding a risk of B", k-1)
		}
		if fa[4] != fb[4] {
			diff++
		}
	}
	if diff == 0 {
		t.Error("excluding the risk on B changed nothing")
	}
	if base.Item("A").Finish.P85 != base.Items[0].Finish.P85 {
		t.Error("Item lookup")
	}
	if _, err := Run(context.Background(), m, Options{Exclude: []string{"nope"}}); err == nil {
		t.Error("excluding an unknown risk: no error")
	}
}

func TestThroughputSamples(t *testing.T) {
	var csv bytes.Buffer
	m := Model{Throughput: &Throughput{HistoryPerWeek: []float64{1, 2}, BacklogItems: 3}}
	r := run(t, m, Options{Trials: 600, Seed: 2, Samples: &csv, Workers: 3})
	rows := strings.Split(strings.TrimSpace(csv.String()), "\n")
	if rows[0] != "trial,weeks" || len(rows) != 601 {
		t.Fatalf("header %q, %d rows", rows[0], len(rows))
	}
	sum := 0.0
	for k, row := range rows[1:] {
		f := strings.Split(row, ",")
		if f[0] != strconv.Itoa(k) {
			t.Fatalf("row %d is trial %s", k, f[0])
		}
		w, _ := strconv.Atoi(f[1])
		if w < 2 || w > 3 {
			t.Fatalf("trial %d: %d weeks for 3 items at 1 or 2 a week", k, w)
		}
		sum += float64(w)
	}
	near(t, "mean weeks", r.Throughput.Value.Mean, sum/600, 1e-12)
}

func TestSharedRiskIsOneEvent(t *testing.T) {
	// The same risk on two items fires for both or neither.
	m := Model{Items: []Item{
		{ID: "A", Duration: fixed(1), Risks: []Risk{{ID: "R", P: 0.4, Impact: 10}}},
		{ID: "B", Duration: fixed(1), Risks: []Risk{{ID: "R", P: 0.4, Impact: 10}}},
	}}
	r := run(t, m, Options{Trials: 10000, Seed: 8})
	near(t, "P(A ≤ 1)", r.Item("A").Finish.CDF(1.5), 0.6, z*math.Sqrt(0.24/10000))
	near(t, "P(max ≤ 1)", r.Portfolio.Finish.CDF(1.5), 0.6, z*math.Sqrt(0.24/10000))
}

func TestCancelAndProgress(t *testing.T) {
	m := genPlain(100, 1.5, 3)
	var calls []int
	_, err := Run(context.Background(), m, Options{Trials: 2000, Workers: 2, Progress: func(done, total int) {
		if total != 2000 {
			t.Errorf("total %d", total)
		}
		calls = append(calls, done)
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) == 0 || calls[len(calls)-1] != 2000 {
		t.Errorf("progress calls %v", calls)
	}
	for k := 1; k < len(calls); k++ {
		if calls[k] <= calls[k-1] {
			t.Errorf("progress not increasing: %v", calls)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	_, err = Run(ctx, m, Options{Trials: 1000000, Workers: 2, Progress: func(done, total int) {
		if done > 5000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled run: %v", err)
	}
}

func TestZeroEffortNeedsNoSlot(t *testing.T) {
	// A done item (zero remaining effort) finishes when ready, even while
	// its team's only slot is busy.
	m := Model{
		Teams: []Team{{ID: "T", CapacityPerWeek: 5}},
		Items: []Item{
			{ID: "Busy", Team: "T", Effort: fixed(50)},
			{ID: "Done", Team: "T", Effort: fixed(0), EarliestStart: 2},
			{ID: "Next", Duration: fixed(1), DependsOn: []string{"Done"}},
		},
	}
	r := run(t, m, Options{Trials: 10, Seed: 1})
	near(t, "Done finish", r.Item("Done").Finish.Mean, 2, 1e-9)
	near(t, "Next finish", r.Item("Next").Finish.Mean, 3, 1e-9)
	near(t, "Busy finish", r.Item("Busy").Finish.Mean, 10, 1e-9)
}

// Observe sees every trial once, in trial order, with starts and finishes
// in model order: formatted like the samples CSV, it gives the same bytes,
// for any number of workers (items listed against the topological order so
// that model order and the engine's order differ).
func TestObserveMatchesSamples(t *testing.T) {
	plain := genPlain(150, 1.5, 4)
	slices.Reverse(plain.Items)
	rc := genRC(120, 4, 3)
	rc.Items[5].Risks = []Risk{{ID: "vendor", P: 0.4, Impact: 3}}
	for _, c := range []struct {
		name     string
		m        Model
		sampling string
	}{{"plain reversed mc", plain, MonteCarlo}, {"resource-constrained lhs", rc, LatinHypercube}} {
		t.Run(c.name, func(t *testing.T) {
			for _, w := range []int{1, 2, 3, 8} {
				var csv bytes.Buffer
				var got []byte
				want := 0
				opt := Options{Trials: 1300, Seed: 5, Workers: w, Sampling: c.sampling, Samples: &csv,
					Observe: func(trial int, start, finish []float64) {
						// called from a worker goroutine: Errorf, not Fatalf
						if trial != want {
							t.Errorf("%d workers: trial %d observed, want %d", w, trial, want)
						}
						want++
						if len(start) != len(c.m.Items) || len(finish) != len(c.m.Items) {
							t.Errorf("%d workers: %d starts, %d finishes, want %d", w, len(start), len(finish), len(c.m.Items))
							return
						}
						got = strconv.AppendInt(got, int64(trial), 10)
						T := 0.0
						for i := range start {
							got = append(got, ',')
							got = strconv.AppendFloat(got, start[i], 'g', -1, 64)
							got = append(got, ',')
							got = strconv.AppendFloat(got, finish[i], 'g', -1, 64)
							T = max(T, finish[i])
						}
						got = append(got, ',')
						got = strconv.AppendFloat(got, T, 'g', -1, 64)
						got = append(got, '\n')
					}}
				run(t, c.m, opt)
				if want != opt.Trials {
					t.Fatalf("%d workers: %d trials observed, want %d", w, want, opt.Trials)
				}
				rows := csv.Bytes()
				rows = rows[bytes.IndexByte(rows, '\n')+1:] // header
				if !bytes.Equal(got, rows) {
					t.Errorf("%d workers: observed trials differ from the samples CSV", w)
				}
			}
		})
	}
}

// RiskImpacts gives Observe the base run only.
func TestRiskImpactsObserveBaseOnly(t *testing.T) {
	m := genPlain(40, 1.5, 6)
	m.Items[3].Risks = []Risk{{ID: "a", P: 0.5, Impact: 4}}
	m.Items[9].Risks = []Risk{{ID: "b", P: 0.5, Impact: 4}}
	calls := 0
	if _, _, err := RiskImpacts(context.Background(), m, Options{Trials: 700, Seed: 1,
		Observe: func(int, []float64, []float64) { calls++ }}); err != nil {
		t.Fatal(err)
	}
	if calls != 700 {
		t.Errorf("Observe called %d times, want 700 (the base run's trials)", calls)
	}
}

// Correcting the base run's counts in the trials where a risk fired, or
// re-running every trial counting only finishes, gives the same bits as
// re-running every trial with the risk excluded and every statistic, for any
// number of workers, with teams and without, whatever the risk's p.
func TestCorrectedRiskImpactsEqualFullRuns(t *testing.T) {
	rc := genRC(150, 4, 5)
	rc.Items[3].Risks = []Risk{{ID: "vendor", P: 0.3, Impact: 5}}
	rc.Items[60].Risks = []Risk{{ID: "vendor", P: 0.3, Impact: 2}, {ID: "audit", P: 0.7, Impact: 9}}
	rc.Items[90].Risks = []Risk{{ID: "rare", P: 0.02, Impact: 40}}
	rc.Items[10].Target = ptr(25)
	rc.Items[120].Target = ptr(40)
	plain := genPlain(200, 1.5, 7)
	plain.Items[5].Risks = []Risk{{ID: "big", P: 0.1, Impact: 60}}
	plain.Items[150].Risks = []Risk{{ID: "often", P: 0.6, Impact: 3}}
	plain.Items[199].Target = ptr(50)
	defer func(v, k int) { impactMode, keepBytes = v, k }(impactMode, keepBytes)
	for _, c := range []struct {
		name     string
		m        Model
		sampling string
	}{{"teams mc", rc, MonteCarlo}, {"teams lhs", rc, LatinHypercube}, {"plain mc", plain, MonteCarlo}} {
		t.Run(c.name, func(t *testing.T) {
			impacts := func(mode, workers int) []byte {
				impactMode = mode
				_, ri, err := RiskImpacts(context.Background(), c.m, Options{Trials: 2100, Seed: 3, Workers: workers, Sampling: c.sampling})
				if err != nil {
					t.Fatal(err)
				}
				b, err := json.Marshal(ri)
				if err != nil {
					t.Fatal(err)
				}
				return b
			}
			full := impacts(fullRuns, 2)
			for _, keep := range []int{1 << 30, 0} { // base bins kept or not
				keepBytes = keep
				for _, mode := range []int{byFiring, correctAll, wholeAll} {
					for _, w := range []int{1, 2, 3} {
						if got := impacts(mode, w); !bytes.Equal(got, full) {
							t.Errorf("keep %d, mode %d, %d workers: impacts differ from full runs:\n%s\n%s", keep, mode, w, got, full)
						}
					}
				}
			}
		})
	}
}

// NoTeamPeriods leaves out the team periods and changes nothing else.
func TestNoTeamPeriodsChangesNothingElse(t *testing.T) {
	m := genRC(200, 4, 3)
	a := run(t, m, Options{Trials: 2000, Seed: 5})
	b := run(t, m, Options{Trials: 2000, Seed: 5, NoTeamPeriods: true})
	if len(a.Teams) == 0 || len(b.Teams) != 0 {
		t.Fatalf("teams: %d with periods, %d without (want some, then none)", len(a.Teams), len(b.Teams))
	}
	a.Teams = nil
	if !reflect.DeepEqual(a.Items, b.Items) || !reflect.DeepEqual(a.Portfolio, b.Portfolio) || !reflect.DeepEqual(a.Committed, b.Committed) {
		t.Error("NoTeamPeriods changed the items' or the portfolio's results")
	}
}

// Cancelling in the middle of the trials stops the run with ctx's error,
// long before its end (workers check within a block).
func TestCancelStopsTheTrials(t *testing.T) {
	m := genRC(300, 4, 4)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := Run(ctx, m, Options{Trials: 100000, Seed: 1, Observe: func(trial int, _, _ []float64) {
		calls++
		if trial == 2000 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if calls > 2000+8*blockSize {
		t.Errorf("%d trials observed after a cancel at trial 2000", calls)
	}
}

// A large network's pilot is smaller (a tenth of a 10,000-trial run of
// 10,000 items was its pilot), a small one's is unchanged, and a pilot is
// never longer than the run.
func TestPilotSize(t *testing.T) {
	for _, c := range []struct{ trials, n, want int }{
		{10000, 500, 1024}, {10000, 2500, 1024}, {10000, 5000, 512}, {10000, 10020, 256}, {10000, 100000, 256}, {300, 10020, 256}, {100, 50, 100},
	} {
		if got := pilotSize(c.trials, c.n); got != c.want {
			t.Errorf("pilotSize(%d trials, %d items) = %d, want %d", c.trials, c.n, got, c.want)
		}
	}
}

// A team's items that its priority list leaves out follow in model order
// (Team), not in the order the engine walks the network: A comes first in
// the model, but its predecessor P is listed after B's predecessor Q, so a
// walk from the network's roots in model order meets B first. Both become
// ready at 1; with one slot, A must go first.
func TestUnlistedItemsFollowModelOrder(t *testing.T) {
	m := Model{
		Teams: []Team{{ID: "T", CapacityPerWeek: 1, Slots: 1}},
		Items: []Item{
			{ID: "A", Team: "T", Effort: fixed(1), DependsOn: []string{"P"}},
			{ID: "B", Team: "T", Effort: fixed(1), DependsOn: []string{"Q"}},
			{ID: "Q", Duration: fixed(1)},
			{ID: "P", Duration: fixed(1)},
		},
	}
	r := run(t, m, Options{Trials: 10, Seed: 1})
	near(t, "A's finish", r.Item("A").Finish.Mean, 2, 1e-12)
	near(t, "B's finish", r.Item("B").Finish.Mean, 3, 1e-12)
	m.Teams[0].Priority = []string{"B"} // listed first, then A
	r = run(t, m, Options{Trials: 10, Seed: 1})
	near(t, "A's finish after B", r.Item("A").Finish.Mean, 3, 1e-12)
}

// Slots are given at 0 only once everything that happens at 0 has: A has
// the team's top priority and is ready at 0 (its predecessor P takes no
// time), so it starts at 0 and B, ready from the start, waits for its slot.
func TestSlotsAtZeroGoToItemsReadyAtZero(t *testing.T) {
	m := Model{
		Teams: []Team{{ID: "T", CapacityPerWeek: 1, Slots: 1, Priority: []string{"A", "B"}}},
		Items: []Item{
			{ID: "P", Duration: fixed(0)},
			{ID: "A", Team: "T", Effort: fixed(1), DependsOn: []string{"P"}},
			{ID: "B", Team: "T", Effort: fixed(1)},
		},
	}
	r := run(t, m, Options{Trials: 10, Seed: 1})
	near(t, "A's finish", r.Item("A").Finish.Mean, 1, 1e-12)
	near(t, "B's finish", r.Item("B").Finish.Mean, 2, 1e-12)
	near(t, "B's wait for capacity", r.Item("B").WaitCapacity, 1, 1e-12)
}
