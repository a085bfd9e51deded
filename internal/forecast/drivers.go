package forecast

import (
	"context"
	"fmt"
	"math"
	"sort"
)

// The risk drivers of a large portfolio. Re-simulating the trials where a
// risk fired (impact.go) costs, over all risks, Σ p × trials corrected
// trials: about 300 base runs for 1,000 risks of 5–55 %. Drivers bounds that
// work. From the base run alone it estimates, for every risk, how many
// targets it makes missed: risks fire independently of every other random
// number of a trial, so with common random numbers the trials where a risk
// did not fire are a random sample of the run without it, and
//
//	P(on time | risk excluded) = P(on time | risk did not fire).
//
// Summed over the counted targets, the estimate needs one number per trial
// (how many counted targets it hits, H) and the trials each risk fired in:
// with F of N trials fired, mean Hf over them and Hn over the others,
//
//	Lost = Σ P(on time without) − P(on time with) ≈ F/N × (Hn − Hf)
//	SE   = F/N × √(s²f/F + s²n/(N−F))
//
// (s² the sample variances of H in each group): unbiased for the sum of
// the changes, which is the ranking measure (points lost) when the risk
// makes no target likelier, as a delay rarely does. Then the most harmful
// risks by that estimate are re-simulated exactly, as RiskImpacts does, as
// long as their corrected trials fit the budget; the others keep the
// estimate, marked Estimated. The budget is a count of simulated
// item-trials, so the same model, options and seed give the same impacts
// on every machine, whatever its speed or number of cores.

// DriverOptions say what the risk drivers' estimates count and how much
// re-simulation Drivers may do.
type DriverOptions struct {
	// Counted marks, in model order, the items whose chances of meeting
	// their target the estimates add up (items without a target are never
	// counted). Nil counts every item with a target.
	Counted []bool
	// Budget bounds the exact impacts' work, in simulated item-trials (a
	// corrected trial simulates every item once, or twice when the base
	// run could not keep its bins; see impact.go). Zero is DefaultBudget;
	// negative means no bound: every impact is exact, as RiskImpacts.
	Budget int64
}

// DriverBudgetRuns and DriverBudgetFloor make the default budget: the
// larger of DriverBudgetRuns base runs' item-trials and DriverBudgetFloor
// item-trials (a few seconds' work), so that every small portfolio gets
// exact impacts for all its risks. One base run: a run with drivers takes
// at most about twice as long as one without (on the 10,000-item scale
// programme with 1,000 risks, 13 s instead of 20 s with two runs; the most
// harmful risk is exact, the others estimated). Up to 10,000 nodes at
// 10,000 trials the floor decides, as before.
const (
	DriverBudgetRuns  = 1
	DriverBudgetFloor = 100_000_000
)

// DefaultBudget is the budget Drivers uses for a model of n items (network
// nodes, as compiled) and that many trials when DriverOptions.Budget is zero.
func DefaultBudget(n, trials int) int64 {
	return max(DriverBudgetRuns*int64(n)*int64(trials), DriverBudgetFloor)
}

// estimate is one risk's impact estimated from the base run.
type estimate struct {
	fires    int
	lost, se float64
}

// Drivers is RiskImpacts with a bounded amount of work: it runs the model
// with every risk (the base result, which also gets opt.Samples and
// opt.Observe), estimates every risk's impact from it (see above), then
// computes exactly, in the order of their estimated Lost (most first, then
// Model.Risks order), the impacts of as many risks as fit d.Budget. A
// risk that fired in no trial is exact at no cost; one that fired in every
// trial cannot be estimated and is always re-run. When every risk fits,
// every impact is the same as RiskImpacts'. Impacts come in Model.Risks
// order; progress counts the base run's trials and those of each exact
// impact. Errors are those of Run, or a wrong d.Counted.
func Drivers(ctx context.Context, m Model, opt Options, d DriverOptions) (*Result, []RiskImpact, error) {
	if len(opt.Exclude) > 0 {
		return nil, nil, fmt.Errorf("risk impacts: exclude must be empty")
	}
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	if err := opt.normalize(); err != nil {
		return nil, nil, err
	}
	if d.Counted != nil && len(d.Counted) != len(m.Items) {
		return nil, nil, fmt.Errorf("risk impacts: %d counted flags for %d items", len(d.Counted), len(m.Items))
	}
	if m.Throughput != nil {
		r, err := Run(ctx, m, opt)
		return r, nil, err
	}
	risks := m.Risks()
	be, err := newEngine(compile(m), opt)
	if err != nil {
		return nil, nil, err
	}
	c := be.c
	rk := make([]int, len(risks)) // compiled index of each risk
	for k, id := range risks {
		for rk[k] < len(c.risks) && c.risks[rk[k]] != id {
			rk[k]++
		}
	}
	// The exact impacts are picked after the base run: until then the
	// base run counts as one run among 1 + every risk when they are
	// expected to fit the budget, else as half of the work.
	runs := len(risks) + 1
	if d.Budget >= 0 {
		exp := 0.0
		for _, p := range c.riskP {
			exp += 2 * p * float64(opt.Trials) * float64(c.n)
		}
		if b := d.Budget; b == 0 && exp > float64(DefaultBudget(c.n, opt.Trials)) || b > 0 && exp > float64(b) {
			runs = 2
		}
	}
	progress := opt.Progress
	step := func(k int) func(done, total int) {
		if progress == nil {
			return nil
		}
		return func(done, total int) { progress(k*total+done, runs*total) }
	}
	o := opt
	o.Progress = step(0)
	be.opt = o
	if err := be.pilot(ctx); err != nil {
		return nil, nil, err
	}
	if len(risks) > 0 {
		be.track = be.newRiskTrack()
		be.track.count(c, d.Counted)
	}
	base, err := be.run(ctx)
	if err != nil {
		return nil, nil, err
	}
	be.opt = opt
	if len(risks) == 0 {
		return base, []RiskImpact{}, nil
	}
	tr := be.track
	est := tr.estimates()
	exact := pickExact(tr, est, rk, opt.Trials, c.n, d.Budget)
	nExact := 0
	for _, x := range exact {
		if x {
			nExact++
		}
	}
	// From here on the total is known: the base run and the exact impacts.
	runs = 1 + nExact
	out := make([]RiskImpact, 0, len(risks))
	accs := make([]*skipAcc, opt.Workers)
	done := 0
	for k, id := range risks {
		r := rk[k]
		if !exact[k] {
			e := est[r]
			out = append(out, RiskImpact{Risk: id, Estimated: true, Lost: e.lost, LostSE: e.se})
			continue
		}
		done++
		// fewer trials to correct than to re-run: see impact.go
		f := est[r].fires
		whole := 2*f >= opt.Trials
		if tr.keep {
			whole = f == opt.Trials // a corrected trial is simulated once
		}
		var ri RiskImpact
		switch impactMode {
		case fullRuns:
			o := opt
			o.Progress = step(done)
			ri, err = fullImpact(ctx, be, base, id, o)
		case correctAll, wholeAll:
			whole = impactMode == wholeAll
			fallthrough
		default:
			ri, err = be.correctedImpact(ctx, tr, r, whole, accs, base, step(done))
		}
		if err != nil {
			return nil, nil, err
		}
		out = append(out, ri)
	}
	return base, out, nil
}

// count makes the base run note, per trial, how many of the counted items
// (model order; nil: every item with a target) met their target.
func (tr *riskTrack) count(c *net, counted []bool) {
	tr.counted = tr.counted[:0]
	for mi, ii := range c.inv {
		if i := int(ii); c.hasTgt[i] && (counted == nil || counted[mi]) {
			tr.counted = append(tr.counted, int32(i))
		}
	}
	tr.hits = make([]int32, len(tr.fired)/max(tr.R, 1))
}

// noteHits records trial t's count of counted items on time.
func (tr *riskTrack) noteHits(c *net, s *sim, t int) {
	if tr.hits == nil {
		return
	}
	h := int32(0)
	for _, i := range tr.counted {
		if s.finish[i] <= c.target[i] {
			h++
		}
	}
	tr.hits[t] = h
}

// estimates returns every compiled risk's estimate (see above), from the
// base run's firings and counts, in integers summed in trial order: the
// same bits whatever the number of workers.
func (tr *riskTrack) estimates() []estimate {
	R := tr.R
	N := len(tr.hits)
	f := make([]int, R)
	s1, s2 := make([]int64, R), make([]int64, R)
	var S1, S2 int64
	for t := 0; t < N; t++ {
		h := int64(tr.hits[t])
		S1 += h
		S2 += h * h
		for r, x := range tr.fired[t*R : (t+1)*R] {
			if x {
				f[r]++
				s1[r] += h
				s2[r] += h * h
			}
		}
	}
	out := make([]estimate, R)
	for r := range out {
		F := f[r]
		out[r].fires = F
		if F == 0 || F == N {
			continue // exact at no cost, or not estimable (always re-run)
		}
		mf, vf := meanVar(s1[r], s2[r], F)
		mn, vn := meanVar(S1-s1[r], S2-s2[r], N-F)
		w := float64(F) / float64(N)
		out[r].lost = w * (mn - mf)
		out[r].se = w * math.Sqrt(vf/float64(F)+vn/float64(N-F))
	}
	return out
}

// meanVar returns the mean and the sample variance (n−1; 0 for one value)
// of n values whose sum is s1 and sum of squares s2.
func meanVar(s1, s2 int64, n int) (mean, v float64) {
	mean = float64(s1) / float64(n)
	if n > 1 {
		v = max((float64(s2)-float64(s1)*mean)/float64(n-1), 0)
	}
	return mean, v
}

// pickExact says, per risk in Model.Risks order (compiled index rk[k]),
// whether its impact is computed exactly within budget (see Drivers).
func pickExact(tr *riskTrack, est []estimate, rk []int, N, n int, budget int64) []bool {
	exact := make([]bool, len(rk))
	cost := make([]int64, len(rk))
	var total int64
	for k, r := range rk {
		f := est[r].fires
		switch {
		case f == 0:
		case tr.keep && f < N:
			cost[k] = int64(f) * int64(n)
		case !tr.keep && 2*f < N:
			cost[k] = 2 * int64(f) * int64(n)
		default: // re-run whole
			cost[k] = int64(N) * int64(n)
		}
		total += cost[k]
	}
	if budget == 0 {
		budget = DefaultBudget(n, N)
	}
	if budget < 0 || total <= budget {
		for k := range exact {
			exact[k] = true
		}
		return exact
	}
	order := make([]int, 0, len(rk))
	for k, r := range rk {
		switch f := est[r].fires; {
		case f == 0, f == N:
			exact[k] = true // free, or not estimable
			budget -= cost[k]
		default:
			order = append(order, k)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return est[rk[order[a]]].lost > est[rk[order[b]]].lost })
	for _, k := range order {
		if cost[k] > budget {
			break // the next most harmful does not fit: the rest are estimated
		}
		exact[k] = true
		budget -= cost[k]
	}
	return exact
}
