package plan

import "testing"

func TestSnapshotLookups(t *testing.T) {
	p := &Portfolio{Snapshots: []Snapshot{
		{ID: "b", TakenOn: MustDate("2026-03-01"), Forecast: []SnapshotResult{{Kind: SnapshotItem, ID: "x"}, {Kind: SnapshotMilestone, ID: "x", P85: 5}}},
		{ID: "a", TakenOn: MustDate("2026-03-01")},
		{ID: "c", TakenOn: MustDate("2026-06-01")},
	}}
	for _, tc := range []struct {
		name string
		on   string
		want string
	}{
		{"before every snapshot", "2026-02-28", ""},
		{"same date: later id", "2026-03-01", "b"},
		{"between", "2026-05-31", "b"},
		{"after the last", "2027-01-01", "c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ""
			if s := p.LatestSnapshot(MustDate(tc.on)); s != nil {
				got = s.ID
			}
			if got != tc.want {
				t.Errorf("LatestSnapshot(%s) = %q, want %q", tc.on, got, tc.want)
			}
		})
	}
	if p.Snapshot("c") != &p.Snapshots[2] || p.Snapshot("zz") != nil {
		t.Error("Snapshot by id")
	}
	s := p.Snapshot("b")
	if r := s.Result(SnapshotMilestone, "x"); r == nil || r.P85 != 5 {
		t.Errorf("Result(milestone, x) = %v", r)
	}
	if s.Result(SnapshotItem, "y") != nil {
		t.Error("Result of an unknown id is not nil")
	}
}
