package demo

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"steerco/assets"
	"steerco/internal/plan"
)

func mustAnchor(t *testing.T) plan.Date {
	t.Helper()
	a, err := Anchor()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func mustPortfolio(t *testing.T, today plan.Date) *plan.Portfolio {
	t.Helper()
	p, err := Portfolio(today)
	if err != nil {
		t.Fatalf("Portfolio(%s): %v", today, err)
	}
	return p
}

func jsonOf(t *testing.T, p *plan.Portfolio) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// todays are the dates the demo is checked at: the anchor itself, month
// and year ends, a leap day, weekends, and dates years away in both directions.
var todays = []string{
	"2026-11-16", "2026-11-21", "2026-11-30", "2026-12-01", "2026-12-31", "2027-01-01",
	"2027-02-28", "2028-02-29", "2026-03-15", "2025-06-07", "2031-10-05", "2040-01-31",
}

func TestAnchorIsMonday(t *testing.T) {
	if a := mustAnchor(t); a.Weekday() != time.Monday {
		t.Errorf("the demo's planning start %s is a %s; author it on a Monday", a, a.Weekday())
	}
}

// TestAnchorUnchanged: dated at its own anchor, the demo is the embedded file
// byte for byte (the shift is the identity and holidays recompute the same).
func TestAnchorUnchanged(t *testing.T) {
	p := mustPortfolio(t, mustAnchor(t))
	if got := jsonOf(t, p); !bytes.Equal(got, assets.DemoJSON) {
		t.Error("Portfolio(anchor) differs from assets/demo.json; the shift or the holiday rule changed something")
	}
}

func TestValidAndDeterministic(t *testing.T) {
	for _, s := range todays {
		t.Run(s, func(t *testing.T) {
			today := plan.MustDate(s)
			p := mustPortfolio(t, today)
			if err := p.Validate(); err != nil {
				t.Fatal(err)
			}
			a, b := jsonOf(t, p), jsonOf(t, mustPortfolio(t, today))
			if !bytes.Equal(a, b) {
				t.Error("two calls with the same date gave different portfolios")
			}
			// Reading the JSON back gives the same portfolio (what the verb and storage rely on).
			back, err := plan.ReadJSON(bytes.NewReader(a))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(jsonOf(t, back), a) {
				t.Error("JSON round trip changed the demo")
			}
		})
	}
}

func TestDatedToToday(t *testing.T) {
	anchor := mustAnchor(t)
	base := mustPortfolio(t, anchor)
	for _, s := range todays {
		t.Run(s, func(t *testing.T) {
			today := plan.MustDate(s)
			p := mustPortfolio(t, today)
			ps := p.PlanningStart
			if ps.Weekday() != time.Monday || ps > today || today.AddDays(-7) >= ps {
				t.Errorf("planning start %s (%s) should be the Monday of today's week", ps, ps.Weekday())
			}
			// Every item keeps its place relative to the planning start.
			for i, it := range p.Items {
				b := base.Items[i]
				if !it.Target.IsZero() && ps.DaysUntil(it.Target) != base.PlanningStart.DaysUntil(b.Target) {
					t.Errorf("item %s target moved relative to the planning start", it.ID)
				}
				if !it.Target.IsZero() && it.Target.Weekday() != b.Target.Weekday() {
					t.Errorf("item %s target changed weekday", it.ID)
				}
			}
			// Nothing recorded lies in the future.
			now := today.Time()
			for _, d := range p.Deployments {
				if !d.DeployedAt.Before(now) {
					t.Fatalf("deployment %s at %s is not before today %s", d.ID, d.DeployedAt, today)
				}
			}
			for _, in := range p.Incidents {
				if !in.ResolvedAt.Before(now) {
					t.Fatalf("incident %s resolved at %s, not before today %s", in.ID, in.ResolvedAt, today)
				}
			}
			// Holidays cover the years around the planning start.
			hs := p.Calendar.Holidays
			if len(hs) == 0 || hs[0].Date.Year() != ps.Year()-1 || hs[len(hs)-1].Date.Year() != ps.Year()+2 {
				t.Errorf("holidays should run from %d to %d", ps.Year()-1, ps.Year()+2)
			}
		})
	}
}

// TestActualsForPastMonthsOnly: every budget line has actuals for exactly
// the months of the fiscal year before today's month, and a plan for the
// current month and the whole of the next fiscal year.
func TestActualsForPastMonthsOnly(t *testing.T) {
	for _, s := range todays {
		t.Run(s, func(t *testing.T) {
			today := plan.MustDate(s)
			cur := today.MonthOf()
			p := mustPortfolio(t, today)
			fyFirst := plan.FiscalYearStart(cur.FiscalYear(p.FiscalYearStart), p.FiscalYearStart)
			if n := int(cur - fyFirst); n != 9 {
				t.Errorf("today's month should be the tenth of the fiscal year (which starts in %s); it is number %d", p.FiscalYearStart, n+1)
			}
			for _, b := range p.BudgetLines {
				if len(b.Actual) != int(cur-fyFirst) {
					t.Errorf("line %s has %d months of actuals, want %d", b.ID, len(b.Actual), cur-fyFirst)
				}
				for k, a := range b.Actual {
					if a.Month != fyFirst.Add(k) {
						t.Errorf("line %s: actual %d is for %s, want %s", b.ID, k, a.Month, fyFirst.Add(k))
					}
				}
				if last := b.Plan[len(b.Plan)-1].Month; last != fyFirst.Add(23) {
					t.Errorf("line %s: plan ends %s, want the end of next fiscal year %s", b.ID, last, fyFirst.Add(23))
				}
			}
		})
	}
}

func TestContent(t *testing.T) {
	p := mustPortfolio(t, mustAnchor(t))
	if p.Currency != "USD" || p.Confidentiality == "" {
		t.Errorf("currency %q, confidentiality %q", p.Currency, p.Confidentiality)
	}
	if n := len(p.Teams); n < 4 {
		t.Errorf("%d teams, want at least 4", n)
	}
	programme := 0 // the items of the story, not the year of history ("h-…")
	for _, it := range p.Items {
		if !strings.HasPrefix(it.ID, "h-") {
			programme++
		}
	}
	if programme < 36 || programme > 46 {
		t.Errorf("%d items, want about 40", programme)
	}
	status := map[string]int{}
	for _, it := range p.Items {
		status[it.Status]++
		if it.Estimate.Low <= 0 || it.Estimate.High <= it.Estimate.Low {
			t.Errorf("item %s needs a three-point estimate, has %+v", it.ID, it.Estimate)
		}
	}
	if status[plan.Done] < 5 || status[plan.InProgress] < 3 || status[plan.NotStarted] < 20 {
		t.Errorf("status mix %v: want done, in-progress and not-started items", status)
	}
	crossTeam := 0
	for _, it := range p.Items {
		for _, d := range it.DependsOn {
			if p.Item(d.ItemID).TeamID != it.TeamID {
				crossTeam++
			}
		}
	}
	if crossTeam < 10 {
		t.Errorf("%d cross-team dependencies, want at least 10", crossTeam)
	}
	if n := len(p.Risks); n < 12 {
		t.Errorf("%d risks, want at least 12", n)
	}
	cats, accepted, closed := map[string]bool{}, 0, 0
	for _, r := range p.Risks {
		cats[r.Category] = true
		switch r.Status {
		case plan.RiskAccepted:
			accepted++
			if r.SignedOffBy == "" || r.SignedOffOn.IsZero() {
				t.Errorf("accepted risk %s has no sign-off", r.ID)
			}
		case plan.RiskClosed:
			closed++
		}
	}
	if accepted != 1 || closed != 1 {
		t.Errorf("%d accepted and %d closed risks, want exactly one of each", accepted, closed)
	}
	if len(cats) != 6 {
		t.Errorf("risk categories %v, want all six", cats)
	}
	if len(p.Milestones) != 4 {
		t.Errorf("%d milestones, want 4", len(p.Milestones))
	}
	if m := milestoneByID(p, "m-cms"); m.Kind != "regulatory" || m.Penalty == "" {
		t.Errorf("the CMS milestone should be regulatory with a penalty: %+v", m)
	}
	if len(p.BudgetLines) < 10 {
		t.Errorf("%d budget lines, want at least 10", len(p.BudgetLines))
	}

	// Delivery: six months, three services, a believable failure rate.
	var first, last time.Time
	failed, services := 0, map[string]int{}
	for _, d := range p.Deployments {
		if first.IsZero() || d.DeployedAt.Before(first) {
			first = d.DeployedAt
		}
		if d.DeployedAt.After(last) {
			last = d.DeployedAt
		}
		if d.Failed {
			failed++
		}
		services[d.Service]++
	}
	if span := last.Sub(first); span < 24*7*24*time.Hour || span > 27*7*24*time.Hour {
		t.Errorf("deployments span %s, want about six months", span)
	}
	if len(services) != 3 {
		t.Errorf("deployments of %v, want three services", services)
	}
	if cfr := float64(failed) / float64(len(p.Deployments)); cfr < 0.08 || cfr > 0.17 {
		t.Errorf("change failure rate %.1f%%, want 10–15%%", 100*cfr)
	}
	if len(p.Changes) < 2*len(p.Deployments) || len(p.Incidents) < 10 {
		t.Errorf("%d changes for %d deployments, %d incidents", len(p.Changes), len(p.Deployments), len(p.Incidents))
	}
}

// BenchmarkPortfolio: reading, shifting and validating the embedded demo.
func BenchmarkPortfolio(b *testing.B) {
	today := plan.MustDate("2027-03-10")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Portfolio(today); err != nil {
			b.Fatal(err)
		}
	}
}

// The demo carries a year of history for calibration: finished items with
// both actual dates, every done item with its finish date, and two past
// snapshots of items that have since finished.
func TestHistory(t *testing.T) {
	today := mustAnchor(t).AddDays(23)
	p := mustPortfolio(t, today)
	finished := 0
	for _, it := range p.Items {
		if it.Status != plan.Done {
			continue
		}
		if it.FinishedOn.IsZero() || it.StartedOn.IsZero() || it.FinishedOn > today || it.StartedOn > it.FinishedOn {
			t.Errorf("done item %s: started %s, finished %s", it.ID, it.StartedOn, it.FinishedOn)
		}
		if it.FinishedOn >= p.PlanningStart.AddDays(-365) {
			finished++
		}
	}
	if finished < 80 {
		t.Errorf("%d items finished in the last year, want at least 80", finished)
	}
	if len(p.Snapshots) != 2 {
		t.Fatalf("%d snapshots, want two past ones", len(p.Snapshots))
	}
	for _, s := range p.Snapshots {
		if s.TakenOn >= p.PlanningStart || len(s.Forecast) < 20 {
			t.Errorf("snapshot %s of %s with %d forecasts", s.ID, s.TakenOn, len(s.Forecast))
		}
	}
}
