package plan

import (
	"strings"
	"testing"
)

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

func TestCheckSnapshotName(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		ok             bool
	}{
		{"plain", "Board, March", "Board, March", true},
		{"trimmed", "  Steering committee, November 2026 ", "Steering committee, November 2026", true},
		{"accents", "Zoë's review", "Zoë's review", true},
		{"empty", "", "", false},
		{"blank", " \t ", "", false},
		{"line break", "Board\nMarch", "", false},
		{"too long", strings.Repeat("é", MaxSnapshotName+1), "", false},
		{"longest", strings.Repeat("é", MaxSnapshotName), strings.Repeat("é", MaxSnapshotName), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := CheckSnapshotName(tc.in)
			if (err == nil) != tc.ok || got != tc.want {
				t.Errorf("CheckSnapshotName(%q) = %q, %v", tc.in, got, err)
			}
			if err != nil && ErrorCode(err) != EINVALID {
				t.Errorf("code %q", ErrorCode(err))
			}
		})
	}
}

func TestNewAndDeleteSnapshot(t *testing.T) {
	p := &Portfolio{Snapshots: []Snapshot{{ID: "board-march"}, {ID: "other"}}}
	if got := p.NewSnapshotID("Board, März"); got != "board-marz" {
		t.Errorf("NewSnapshotID = %q", got)
	}
	if got := p.NewSnapshotID("Board, March"); got != "board-march-2" {
		t.Errorf("NewSnapshotID of a taken id = %q", got)
	}
	if !p.DeleteSnapshot("board-march") || len(p.Snapshots) != 1 || p.Snapshots[0].ID != "other" {
		t.Errorf("DeleteSnapshot: %v", p.Snapshots)
	}
	if p.DeleteSnapshot("board-march") {
		t.Error("deleted a snapshot twice")
	}
}
