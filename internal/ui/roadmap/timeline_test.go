package roadmap

import (
	"math"
	"testing"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func d(s string) plan.Date { return plan.MustDate(s) }

// A hand-built portfolio and forecast whose positions are worked out by hand.
func timelineFixture() (*plan.Portfolio, *app.Forecast) {
	p := &plan.Portfolio{
		Teams: []plan.Team{{ID: "api", Name: "FHIR API"}, {ID: "px", Name: "Exchange"}},
		Items: []plan.Item{
			{ID: "a", Title: "Patient search", TeamID: "api", Rank: 2, Status: plan.InProgress, Target: d("2027-03-31")},
			{ID: "b", Title: "Bulk export", TeamID: "api", Rank: 1, Status: plan.NotStarted},
			{ID: "c", Title: "Claims feed", TeamID: "px", Rank: 1, Status: plan.NotStarted, Target: d("2027-02-15"),
				DependsOn: []plan.Dependency{{ItemID: "a"}}},
			{ID: "d", Title: "Old feed", TeamID: "px", Rank: 2, Status: plan.Done},
			{ID: "e", Title: "Consent", TeamID: "px", Rank: 3, Status: plan.NotStarted, Target: d("2027-04-30")},
		},
	}
	f := &app.Forecast{AsOf: d("2026-11-21"), Items: []app.ItemForecast{
		{ID: "a", Start: app.DateDist{P50: d("2026-12-01")}, Finish: app.DateDist{P50: d("2027-02-15"), P85: d("2027-03-15")},
			Target: d("2027-03-31"), PTarget: 0.85},
		{ID: "b", Start: app.DateDist{P50: d("2026-11-23")}, Finish: app.DateDist{P50: d("2027-01-10"), P85: d("2027-01-20")}, PTarget: -1},
		{ID: "c", Start: app.DateDist{P50: d("2027-02-16")}, Finish: app.DateDist{P50: d("2027-03-31"), P85: d("2027-04-30")},
			Target: d("2027-02-15"), PTarget: 0.10, Driver: "a", DriverShare: 0.9, WaitDependencyDays: 40},
		{ID: "e", Start: app.DateDist{P50: d("2027-01-04")}, Finish: app.DateDist{P50: d("2027-04-01"), P85: d("2027-04-20")},
			Target: d("2027-04-30"), PTarget: 0.6, Driver: "c", WaitDependencyDays: 1},
	}}
	return p, f
}

func TestBuildTimeline(t *testing.T) {
	p, f := timelineFixture()
	today := d("2026-11-21")
	tl := BuildTimeline(p, f, today, figure.DefaultThresholds, nil)

	// Window: from the month of the earliest date (today, Nov 2026) to one
	// month after the latest (P85 of c, 30 Apr 2027): 1 Nov 2026 – 31 May 2027.
	if tl.From != d("2026-11-01") || tl.To != d("2027-05-31") || tl.Span != 212 {
		t.Fatalf("window %s – %s (%d days), want 2026-11-01 – 2027-05-31 (212)", tl.From, tl.To, tl.Span)
	}
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.6f, want %.6f", name, got, want)
		}
	}
	near("today", tl.TodayX, 20.0/212)
	if len(tl.Months) != 7 || tl.Months[0].X != 0 || tl.Months[2].Label != "Jan 2027" {
		t.Errorf("months %+v", tl.Months)
	}
	near("Feb gridline", tl.Months[3].X, 92.0/212) // 30 + 31 + 31 days after 1 Nov

	// Teams by name (Exchange before FHIR API), items by rank; done items left out.
	var order []string
	for _, l := range tl.Lines {
		if l.Heading != "" {
			order = append(order, "#"+l.Heading)
		} else {
			order = append(order, l.ItemID)
		}
	}
	want := []string{"#Exchange", "c", "e", "#FHIR API", "b", "a"}
	if len(order) != len(want) {
		t.Fatalf("lines %v, want %v", order, want)
	}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("lines %v, want %v", order, want)
		}
	}
	c, e, b, a := tl.Lines[1], tl.Lines[2], tl.Lines[4], tl.Lines[5]
	near("c start", c.XStart, 107.0/212) // 16 Feb 2027
	near("c P50", c.X50, 150.0/212)      // 31 Mar 2027
	near("c P85", c.X85, 180.0/212)      // 30 Apr 2027
	near("c target", c.XTarget, 106.0/212)
	if !c.Late || c.RAG != figure.Red || c.Status != "10% · off track" {
		t.Errorf("c: late %v, RAG %v, status %q", c.Late, c.RAG, c.Status)
	}
	if c.DriverID != "a" || c.Driver != "Patient search" {
		t.Errorf("c driver %q (%q), want a (Patient search)", c.DriverID, c.Driver)
	}
	if e.RAG != figure.Amber || e.Late || e.Status != "60% · at risk" || e.DriverID != "" {
		t.Errorf("e: RAG %v late %v status %q driver %q (a 1-day wait names no driver)", e.RAG, e.Late, e.Status, e.DriverID)
	}
	if a.RAG != figure.Green || a.Late || a.Status != "85% · on track" {
		t.Errorf("a: RAG %v late %v status %q", a.RAG, a.Late, a.Status)
	}
	if b.RAG != figure.None || b.XTarget != -1 || b.Status != "no target" {
		t.Errorf("b: RAG %v target %v status %q", b.RAG, b.XTarget, b.Status)
	}
	// The embedded report model carries the same rows the PDF draws.
	if len(tl.Rows) != 4 || tl.Rows[0].Label != "Claims feed" || tl.Rows[0].Group != "Exchange" || tl.Rows[0].P85 != d("2027-04-30") {
		t.Errorf("report rows %+v", tl.Rows)
	}
}

func TestBuildTimelineMilestones(t *testing.T) {
	p, f := timelineFixture()
	p.Milestones = []plan.Milestone{
		{ID: "cms", Name: "CMS mandate", Date: d("2027-04-22"), DependsOn: []string{"a", "c"}},
		{ID: "pilot", Name: "Pilot", Date: d("2027-01-15"), DependsOn: []string{"b"}},
		{ID: "unforecast", Name: "Not in the forecast", Date: d("2027-02-01"), DependsOn: []string{"a"}},
	}
	f.Milestones = []app.MilestoneForecast{
		{ID: "cms", Target: d("2027-04-22"), Finish: app.DateDist{P50: d("2027-04-01"), P85: d("2027-04-30")}, PTarget: 0.46},
		{ID: "pilot", Target: d("2027-01-15"), PTarget: 1, Done: true},
	}
	tl := BuildTimeline(p, f, d("2026-11-21"), figure.DefaultThresholds, nil)
	// The milestones stay inside the items' window (1 Nov 2026 – 31 May 2027).
	if tl.From != d("2026-11-01") || tl.Span != 212 {
		t.Fatalf("window from %s, %d days", tl.From, tl.Span)
	}
	if len(tl.Lines) < 3 || tl.Lines[0].Heading != "Milestones" || tl.Lines[1].MilestoneID != "pilot" || tl.Lines[2].MilestoneID != "cms" ||
		tl.Lines[3].Heading != "Exchange" {
		t.Fatalf("lines start %+v, want the Milestones heading, pilot, cms (by target date), then the teams", tl.Lines[:4])
	}
	near := func(name string, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-9 {
			t.Errorf("%s = %.6f, want %.6f", name, got, want)
		}
	}
	pilot, cms := tl.Lines[1], tl.Lines[2]
	near("cms P50", cms.X50, 151.0/212) // 1 Apr 2027
	near("cms P85", cms.X85, 180.0/212) // 30 Apr 2027
	near("cms target", cms.XTarget, 172.0/212)
	if cms.Label != "CMS mandate" || cms.Status != "22 Apr 2027 · 46%" || cms.RAG != figure.Red || !cms.Late || cms.ItemID != "" {
		t.Errorf("cms: label %q status %q RAG %v late %v item %q", cms.Label, cms.Status, cms.RAG, cms.Late, cms.ItemID)
	}
	near("pilot target", pilot.XTarget, 75.0/212)
	if pilot.Status != "15 Jan 2027 · done" || pilot.X50 != -1 || pilot.X85 != -1 || pilot.Late {
		t.Errorf("done milestone: status %q, bar %v–%v, late %v; want no bar", pilot.Status, pilot.X50, pilot.X85, pilot.Late)
	}
	if len(tl.Guides) != 2 || tl.Guides[0].RAG != figure.Green || tl.Guides[1].RAG != figure.Red {
		t.Fatalf("guides %+v", tl.Guides)
	}
	near("cms guide", tl.Guides[1].X, 172.0/212)

	// A filter keeps the milestones that wait for a shown item.
	cases := []struct {
		name string
		keep []string
		want []string
	}{
		{"item of one milestone", []string{"b"}, []string{"pilot"}},
		{"item of the other", []string{"c", "e"}, []string{"cms"}},
		{"item of none", []string{"e"}, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			keep := map[string]bool{}
			for _, id := range c.keep {
				keep[id] = true
			}
			tl := BuildTimeline(p, f, d("2026-11-21"), figure.DefaultThresholds, func(id string) bool { return keep[id] })
			var got []string
			for _, l := range tl.Lines {
				if l.MilestoneID != "" {
					got = append(got, l.MilestoneID)
				}
				if l.Heading == "Milestones" && len(c.want) == 0 {
					t.Error("a Milestones heading with no milestone")
				}
			}
			if len(got) != len(c.want) || len(tl.Guides) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
				t.Errorf("milestones %v (%d guides), want %v", got, len(tl.Guides), c.want)
			}
		})
	}
}

func TestBuildTimelineFilterAndEmpty(t *testing.T) {
	p, f := timelineFixture()
	tl := BuildTimeline(p, f, d("2026-11-21"), figure.DefaultThresholds, func(id string) bool { return id == "b" })
	if len(tl.Lines) != 2 || tl.Lines[1].ItemID != "b" {
		t.Errorf("filtered lines %+v", tl.Lines)
	}
	if tl := BuildTimeline(p, nil, d("2026-11-21"), figure.DefaultThresholds, nil); len(tl.Lines) != 0 || tl.TodayX != -1 {
		t.Errorf("no forecast: %+v", tl)
	}
}

func TestViewFiltersAndSorts(t *testing.T) {
	p, f := timelineFixture()
	p.Items[0].Tags = []string{"compliance"}
	p.Items[2].Commitment = plan.Committed
	rows := buildRows(p, f)
	ids := func(idx []int) string {
		s := ""
		for _, i := range idx {
			s += rows[i].item.ID
		}
		return s
	}
	cases := []struct {
		name string
		f    filter
		col  int
		desc bool
		want string
	}{
		{"all by rank (team name, then rank)", filter{}, colRank, false, "cdeba"},
		{"by target, none last", filter{}, colTarget, false, "caebd"},
		{"by target descending", filter{}, colTarget, true, "bdeac"},
		{"by P(target), no target last", filter{}, colProb, false, "ceabd"},
		{"team filter", filter{team: "api"}, colRank, false, "ba"},
		{"tag filter", filter{tag: "compliance"}, colRank, false, "a"},
		{"commitment filter", filter{commitment: plan.Committed}, colRank, false, "c"},
		{"search by title, any case", filter{text: "FEED"}, colID, false, "cd"},
		{"search by id", filter{text: "b"}, colID, false, "b"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := ids(view(rows, c.f, c.col, c.desc, nil)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
	if rows[3].cells[colP85] != "done" || rows[2].cells[colProb] != "10%" || rows[1].cells[colProb] != "—" {
		t.Errorf("forecast cells: %q %q %q", rows[3].cells[colP85], rows[2].cells[colProb], rows[1].cells[colProb])
	}
}
