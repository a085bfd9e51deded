package delivery

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fixture is a small portfolio whose figures are worked out by hand below.
func fixture() *plan.Portfolio {
	p := &plan.Portfolio{}
	dep := func(id, when string, failed bool) {
		p.Deployments = append(p.Deployments, plan.Deployment{ID: id, DeployedAt: at(when), Failed: failed})
	}
	// January 2027: five deployments, d2 failed, d4 caused incident i1.
	dep("d1", "2027-01-04 10:00", false)
	dep("d2", "2027-01-11 10:00", true)
	dep("d3", "2027-01-18 10:00", false)
	dep("d4", "2027-01-25 10:00", false)
	dep("d5", "2027-01-28 10:00", false)
	// April 2027: one deployment a day, every day (30), none failed.
	for d := 1; d <= 30; d++ {
		dep(fmt.Sprintf("a%02d", d), fmt.Sprintf("2027-04-%02d 12:00", d), false)
	}
	ch := func(id, committed, deployed string) {
		p.Changes = append(p.Changes, plan.Change{ID: id, CommittedAt: at(committed), DeployedAt: at(deployed)})
	}
	ch("c1", "2027-01-03 10:00", "2027-01-04 10:00") // 24 h
	ch("c2", "2027-01-10 22:00", "2027-01-11 10:00") // 12 h
	ch("c3", "2027-01-08 10:00", "2027-01-18 10:00") // 240 h
	ch("c4", "2027-04-02 09:00", "2027-04-02 09:30") // 0.5 h
	p.Incidents = []plan.Incident{
		{ID: "i1", StartedAt: at("2027-01-25 12:00"), ResolvedAt: at("2027-01-25 12:30"), DeploymentID: "d4"}, // 0.5 h, resolved in Jan
		{ID: "i2", StartedAt: at("2027-01-29 23:00"), ResolvedAt: at("2027-02-01 01:00")},                     // 50 h, resolved in Feb
		{ID: "i3", StartedAt: at("2027-02-10 08:00")},                                                         // still open
	}
	return p
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMonthly(t *testing.T) {
	ms := Monthly(fixture(), plan.MustMonth("2027-01"), plan.MustMonth("2027-04"))
	if len(ms) != 4 {
		t.Fatalf("got %d months, want 4", len(ms))
	}
	jan, feb, mar, apr := ms[0], ms[1], ms[2], ms[3]

	// January (31 days): 5 deployments → 5/31 = 0.16129/day = 1.1290/week ≥ 1/week → high.
	if f := jan.Frequency; f.Deployments != 5 || !near(f.PerDay, 5.0/31) || !near(f.PerWeek, 35.0/31) || f.Tier != High {
		t.Errorf("jan frequency = %+v, want 5 deployments, %.5f/day, high", f, 5.0/31)
	}
	// Lead times 24, 12, 240 h → sorted 12, 24, 240 → median 24 h; 24 is not < 24 → high.
	if l := jan.LeadTime; l.Count != 3 || !near(l.MedianHours, 24) || l.Tier != High {
		t.Errorf("jan lead time = %+v, want 3 changes, 24 h, high", l)
	}
	// Failed: d2 (marked) + d4 (caused i1) = 2 of 5 = 40 % > 15 % → low.
	if r := jan.ChangeFailure; r.Deployments != 5 || r.Failed != 2 || !near(r.Rate, 0.4) || r.Tier != Low {
		t.Errorf("jan change failure = %+v, want 2/5 = 40 %%, low", r)
	}
	// Restored in January: i1 only, 30 min = 0.5 h < 1 h → elite (i2 resolves in February).
	if r := jan.Restore; r.Count != 1 || !near(r.MedianHours, 0.5) || r.Tier != Elite {
		t.Errorf("jan restore = %+v, want 1 incident, 0.5 h, elite", r)
	}
	// Overall: high 3 + high 3 + low 1 + elite 4 = 11 over 4 keys = 2.75 → nearest tier 3 → high.
	if jan.Overall != High || jan.Keys != 4 {
		t.Errorf("jan overall = %v from %d keys, want high from 4", jan.Overall, jan.Keys)
	}

	// February: no deployments or changes (no data, not zero); i2 restored after
	// 50 h (from Jan 29 23:00 to Feb 1 01:00 = 2 days + 2 h) → medium; i3 is open.
	if feb.Frequency.HasData() || feb.ChangeFailure.HasData() || feb.LeadTime.HasData() {
		t.Errorf("feb should have no deployment data: %+v", feb.Metrics)
	}
	if feb.Frequency.Tier != NoData || feb.Frequency.Tier.String() != "no data" {
		t.Errorf("feb frequency tier = %q, want \"no data\"", feb.Frequency.Tier)
	}
	if r := feb.Restore; r.Count != 1 || !near(r.MedianHours, 50) || r.Tier != Medium {
		t.Errorf("feb restore = %+v, want 50 h, medium", r)
	}
	if feb.OpenIncidents != 1 {
		t.Errorf("feb open incidents = %d, want 1", feb.OpenIncidents)
	}
	// One key only → no overall tier.
	if feb.Overall != NoData || feb.Keys != 1 {
		t.Errorf("feb overall = %v from %d keys, want no data from 1", feb.Overall, feb.Keys)
	}

	// March: nothing at all.
	if mar.HasData() || mar.Overall != NoData {
		t.Errorf("march should have no data: %+v", mar.Metrics)
	}

	// April (30 days): 30 deployments → 1.0/day → elite; 0 failed → 0 % → elite;
	// one change of 0.5 h → elite; no incidents. Overall (4+4+4)/3 = 4 → elite.
	if f := apr.Frequency; f.Deployments != 30 || !near(f.PerDay, 1) || f.Tier != Elite {
		t.Errorf("apr frequency = %+v, want 30, 1/day, elite", f)
	}
	if r := apr.ChangeFailure; r.Failed != 0 || r.Rate != 0 || r.Tier != Elite {
		t.Errorf("apr change failure = %+v, want 0 %%, elite", r)
	}
	if apr.Overall != Elite || apr.Keys != 3 || apr.Restore.HasData() {
		t.Errorf("apr overall = %v from %d keys, want elite from 3", apr.Overall, apr.Keys)
	}
}

func TestSummary(t *testing.T) {
	tests := []struct {
		name     string
		from, to string
		check    func(t *testing.T, s PeriodMetrics)
	}{
		{"january to april", "2027-01", "2027-04", func(t *testing.T, s PeriodMetrics) {
			// First and last months with deployments: Jan and Apr → 4 months measured,
			// Jan 1 → May 1 = 31 + 28 + 31 + 30 = 120 days; 35 deployments →
			// 35/120 = 0.29167/day = 2.042/week → high.
			if s.Months != 4 || !near(s.Frequency.Days, 120) || s.Frequency.Deployments != 35 || !near(s.Frequency.PerDay, 35.0/120) || s.Frequency.Tier != High {
				t.Errorf("frequency = %+v over %d months, want 35 in 120 days, high", s.Frequency, s.Months)
			}
			// 2 failed of 35 = 5.71 % → over 5 %, at most 10 % → high.
			if s.ChangeFailure.Failed != 2 || !near(s.ChangeFailure.Rate, 2.0/35) || s.ChangeFailure.Tier != High {
				t.Errorf("change failure = %+v, want 2/35, high", s.ChangeFailure)
			}
			// Lead times 0.5, 12, 24, 240 → median (12 + 24)/2 = 18 h → elite.
			if !near(s.LeadTime.MedianHours, 18) || s.LeadTime.Count != 4 || s.LeadTime.Tier != Elite {
				t.Errorf("lead time = %+v, want 18 h over 4, elite", s.LeadTime)
			}
			// Restore 0.5 and 50 h → median 25.25 h → medium.
			if !near(s.Restore.MedianHours, 25.25) || s.Restore.Tier != Medium {
				t.Errorf("restore = %+v, want 25.25 h, medium", s.Restore)
			}
			// Overall (3 + 4 + 3 + 2)/4 = 3 → high.
			if s.Overall != High || s.OpenIncidents != 1 {
				t.Errorf("overall = %v, open %d; want high, 1 open", s.Overall, s.OpenIncidents)
			}
		}},
		{"february and march only", "2027-02", "2027-03", func(t *testing.T, s PeriodMetrics) {
			if s.Frequency.HasData() || s.Months != 0 || s.Restore.Tier != Medium || s.Overall != NoData {
				t.Errorf("got %+v, want no frequency, restore medium, no overall", s)
			}
		}},
		{"reversed range", "2027-04", "2027-01", func(t *testing.T, s PeriodMetrics) {
			if s.HasData() {
				t.Errorf("reversed range has data: %+v", s)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.check(t, Summary(fixture(), plan.MustMonth(tc.from), plan.MustMonth(tc.to)))
		})
	}
}

func TestSummaryLowFrequency(t *testing.T) {
	// One deployment in January and one in June 2027: 6 months measured,
	// Jan 1 → Jul 1 = 181 days; 2/181 per day × 30.4375 = 0.336 per month < 1 → low.
	p := &plan.Portfolio{Deployments: []plan.Deployment{
		{ID: "a", DeployedAt: at("2027-01-15 10:00")},
		{ID: "b", DeployedAt: at("2027-06-15 10:00")},
	}}
	s := Summary(p, plan.MustMonth("2026-10"), plan.MustMonth("2027-12"))
	if s.Months != 6 || !near(s.Frequency.Days, 181) || s.Frequency.Tier != Low {
		t.Errorf("got %+v over %d months, want 181 days, low", s.Frequency, s.Months)
	}
	if !near(s.Frequency.PerMonth, 2.0/181*365.25/12) {
		t.Errorf("per month = %v", s.Frequency.PerMonth)
	}
}

func TestTiers(t *testing.T) {
	tests := []struct {
		name string
		got  Tier
		want Tier
	}{
		{"frequency none", FrequencyTier(0), NoData},
		{"frequency daily", FrequencyTier(1), Elite},
		{"frequency weekly", FrequencyTier(1.0 / 7), High},
		{"frequency 0.94 a week shows 0.9", FrequencyTier(0.94 / 7), Medium},
		{"frequency 0.96 a week shows 1.0", FrequencyTier(0.96 / 7), High},
		{"frequency 6.96 a week shows 7.0", FrequencyTier(6.96 / 7), Elite},
		{"frequency monthly", FrequencyTier(12 / 365.25), Medium},
		{"frequency under monthly", FrequencyTier(0.9 / 30.4375), Low},
		{"lead 23.94 h", LeadTimeTier(23.94), Elite},
		{"lead 23.96 h shows 24.0", LeadTimeTier(23.96), High},
		{"lead 24 h", LeadTimeTier(24), High},
		{"lead 168 h", LeadTimeTier(168), Medium},
		{"lead 719 h", LeadTimeTier(719), Medium},
		{"lead 720 h", LeadTimeTier(720), Low},
		{"lead NaN", LeadTimeTier(math.NaN()), NoData},
		{"cfr 0", ChangeFailureTier(0), Elite},
		{"cfr 5 %", ChangeFailureTier(0.05), Elite},
		{"cfr 5.01 % shows 5%", ChangeFailureTier(0.0501), Elite},
		{"cfr 5.5 % shows 6%", ChangeFailureTier(0.055), High},
		{"cfr 10 %", ChangeFailureTier(0.10), High},
		{"cfr 15 %", ChangeFailureTier(0.15), Medium},
		{"cfr 15.01 % shows 15%", ChangeFailureTier(0.1501), Medium},
		{"cfr 15.49 % shows 15%", ChangeFailureTier(0.1549), Medium},
		{"cfr 15.5 % shows 16%", ChangeFailureTier(0.155), Low},
		{"restore 56 min", RestoreTier(56.0 / 60), Elite},
		{"restore 59 min shows 1.0 h", RestoreTier(59.0 / 60), High},
		{"restore 1 h", RestoreTier(1), High},
		{"restore 24 h", RestoreTier(24), Medium},
		{"restore 168 h", RestoreTier(168), Low},
		{"overall 2 keys 3.5 rounds down", overall(7, 2), High},
		{"overall 3.75", overall(15, 4), Elite},
		{"overall 1 key", overall(4, 1), NoData},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func TestJSONSaysNoData(t *testing.T) {
	ms := Monthly(fixture(), plan.MustMonth("2027-03"), plan.MustMonth("2027-03"))
	b, err := json.Marshal(ms[0])
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"tier":"no data"`) || !strings.Contains(string(b), `"month":"2027-03"`) {
		t.Errorf("JSON = %s", b)
	}
	var back MonthMetrics
	if err := json.Unmarshal(b, &back); err != nil || back.Overall != NoData {
		t.Errorf("round trip: %v %+v", err, back)
	}
}

func TestSpan(t *testing.T) {
	from, to, ok := Span(fixture())
	if !ok || from != plan.MustMonth("2027-01") || to != plan.MustMonth("2027-04") {
		t.Errorf("Span = %v %v %v", from, to, ok)
	}
	if _, _, ok := Span(&plan.Portfolio{}); ok {
		t.Error("empty portfolio has a span")
	}
}

func TestWindowLeavesOutTheMonthInProgress(t *testing.T) {
	at := func(s string) time.Time { tm, _ := time.Parse(time.RFC3339, s); return tm }
	p := &plan.Portfolio{Deployments: []plan.Deployment{
		{ID: "a", DeployedAt: at("2026-01-10T10:00:00Z")},
		{ID: "b", DeployedAt: at("2026-09-10T10:00:00Z")},
		{ID: "c", DeployedAt: at("2026-11-10T10:00:00Z")},
	}}
	tests := []struct {
		asOf     string
		n        int
		from, to string
		ok       bool
	}{
		{"2026-11-21", 6, "2026-05", "2026-10", true}, // November is in progress
		{"2026-11-30", 6, "2026-06", "2026-11", true}, // the last day completes it
		{"2026-11-21", 1, "2026-10", "2026-10", true}, // one month
		{"2026-02-01", 6, "2026-01", "2026-01", true}, // only January is complete
		{"2026-01-15", 6, "", "", false},              // nothing complete yet
	}
	for _, tc := range tests {
		from, to, ok := Window(p, plan.MustDate(tc.asOf), tc.n)
		if ok != tc.ok || (ok && (from.String() != tc.from || to.String() != tc.to)) {
			t.Errorf("Window(%s, %d) = %s..%s %v, want %s..%s %v", tc.asOf, tc.n, from, to, ok, tc.from, tc.to, tc.ok)
		}
	}
}
