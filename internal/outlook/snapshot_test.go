package outlook

import (
	"reflect"
	"testing"

	"steerco/internal/plan"
)

// snapForecast is a hand-built forecast: two open items (one without a
// target) and two milestones (one done).
func snapForecast() *Forecast {
	d := plan.MustDate
	return &Forecast{Trials: 5000, Seed: 42, Items: []ItemForecast{
		{ID: "b-api", Finish: DateDist{P50: d("2027-03-01"), P85: d("2027-03-12")}, Target: d("2027-03-31"), PTarget: 0.91},
		{ID: "a-dx", Finish: DateDist{P50: d("2027-04-02"), P85: d("2027-04-16")}, PTarget: -1},
	}, Milestones: []MilestoneForecast{
		{ID: "go-live", Target: d("2027-06-30"), Finish: DateDist{P50: d("2027-05-03"), P85: d("2027-05-28")}, PTarget: 0.64},
		{ID: "beta", Target: d("2027-01-15"), Finish: DateDist{P50: d("2026-11-23"), P85: d("2026-11-23")}, PTarget: 1, Done: true},
	}}
}

func TestFreeze(t *testing.T) {
	d := plan.MustDate
	got := Freeze(snapForecast(), "board-march", "Board, March", d("2026-11-21"))
	want := plan.Snapshot{ID: "board-march", Name: "Board, March", TakenOn: d("2026-11-21"), Trials: 5000, Seed: 42,
		Forecast: []plan.SnapshotResult{
			{Kind: "item", ID: "a-dx", P50: d("2027-04-02"), P85: d("2027-04-16"), Probability: -1},
			{Kind: "item", ID: "b-api", P50: d("2027-03-01"), P85: d("2027-03-12"), Probability: 0.91},
			{Kind: "milestone", ID: "beta", P50: d("2026-11-23"), P85: d("2026-11-23"), Probability: 1},
			{Kind: "milestone", ID: "go-live", P50: d("2027-05-03"), P85: d("2027-05-28"), Probability: 0.64},
		}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Freeze:\n got %+v\nwant %+v", got, want)
	}
	// Freezing what Normalize would reorder changes nothing.
	p := &plan.Portfolio{Snapshots: []plan.Snapshot{got}}
	p.Normalize()
	if !reflect.DeepEqual(p.Snapshots[0], want) {
		t.Error("Freeze's order is not the normalised order")
	}
	empty := Freeze(&Forecast{Trials: 1, Seed: 1}, "x", "X", d("2026-11-21"))
	if empty.Forecast == nil || len(empty.Forecast) != 0 {
		t.Errorf("an empty forecast freezes to %#v, want an empty list", empty.Forecast)
	}
}

func TestMoves(t *testing.T) {
	d := plan.MustDate
	// Monday 8 March 2027 is a holiday: 5 March → 12 March is 7 calendar days, 4 working days.
	p := &plan.Portfolio{Calendar: plan.Calendar{Holidays: []plan.Holiday{{Date: d("2027-03-08"), Name: "Holiday"}}}}
	snap := plan.Snapshot{ID: "s", Forecast: []plan.SnapshotResult{
		{Kind: "item", ID: "b-api", P50: d("2027-02-26"), P85: d("2027-03-05"), Probability: 0.97},
		{Kind: "item", ID: "gone", P50: d("2027-01-04"), P85: d("2027-01-08"), Probability: 0.5},
		{Kind: "milestone", ID: "go-live", P50: d("2027-05-03"), P85: d("2027-06-04"), Probability: 0.70},
		{Kind: "milestone", ID: "beta", P50: d("2026-12-01"), P85: d("2026-12-10"), Probability: 0.95},
	}}
	got := Moves(p, snapForecast(), snap)
	want := []Move{
		{Kind: "item", ID: "b-api", P50Then: d("2027-02-26"), P50Now: d("2027-03-01"), P85Then: d("2027-03-05"), P85Now: d("2027-03-12"),
			P85WorkingDays: 4, P85CalendarDays: 7, PThen: 0.97, PNow: 0.91},
		{Kind: "item", ID: "a-dx", New: true, P50Now: d("2027-04-02"), P85Now: d("2027-04-16"), PThen: -1, PNow: -1},
		{Kind: "item", ID: "gone", Closed: true, P50Then: d("2027-01-04"), P85Then: d("2027-01-08"), PThen: 0.5, PNow: -1},
		// 4 June → 28 May: a week earlier, 5 working days.
		{Kind: "milestone", ID: "go-live", P50Then: d("2027-05-03"), P50Now: d("2027-05-03"), P85Then: d("2027-06-04"), P85Now: d("2027-05-28"),
			P85WorkingDays: -5, P85CalendarDays: -7, PThen: 0.70, PNow: 0.64},
		{Kind: "milestone", ID: "beta", P50Then: d("2026-12-01"), P50Now: d("2026-11-23"), P85Then: d("2026-12-10"), P85Now: d("2026-11-23"),
			P85WorkingDays: -13, P85CalendarDays: -17, PThen: 0.95, PNow: 1},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Moves:\n got %+v\nwant %+v", got, want)
	}

	for _, tc := range []struct {
		name  string
		m     Move
		pts   float64
		ok    bool
		moved bool
	}{
		{"later and less likely", got[0], -6, true, true},
		{"new", got[1], 0, false, true},
		{"closed", got[2], 0, false, true},
		{"unchanged", Move{PThen: 0.8, PNow: 0.802, P85CalendarDays: 0}, 0.2, true, false},
		{"half a point", Move{PThen: 0.8, PNow: 0.795}, -0.5, true, true},
		{"target set since", Move{PThen: -1, PNow: 0.4}, 0, false, true},
		{"no target either side", Move{PThen: -1, PNow: -1}, 0, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pts, ok := tc.m.Points()
			if ok != tc.ok || (ok && !near(pts, tc.pts)) {
				t.Errorf("Points() = %v, %v; want %v, %v", pts, ok, tc.pts, tc.ok)
			}
			if tc.m.Moved() != tc.moved {
				t.Errorf("Moved() = %v, want %v", tc.m.Moved(), tc.moved)
			}
		})
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
