package plan

import (
	"strings"
	"testing"
	"time"
)

func TestWeeklyCapacity(t *testing.T) {
	team := Team{Headcount: 5, Allocation: 0.8, FocusFactor: 0.5,
		HeadcountChanges: []HeadcountChange{{Date: MustDate("2027-01-04"), Delta: 1}}}
	cases := []struct {
		name string
		cal  Calendar
		on   Date
		want float64
	}{
		{"default week", Calendar{}, MustDate("2026-12-01"), 10},
		{"after a hire", Calendar{}, MustDate("2027-01-04"), 12},
		{"four-day week", Calendar{Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday}}, MustDate("2026-12-01"), 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := team.WeeklyCapacity(c.on, c.cal); got < c.want-1e-9 || got > c.want+1e-9 {
				t.Errorf("WeeklyCapacity = %v, want %v", got, c.want)
			}
		})
	}
}

func TestRemoveTeam(t *testing.T) {
	p := func() *Portfolio {
		return &Portfolio{
			Teams:       []Team{{ID: "api", Name: "API"}, {ID: "ops", Name: "Ops"}, {ID: "idle", Name: "Idle"}},
			Items:       []Item{{ID: "a", TeamID: "api"}, {ID: "b", TeamID: "api"}},
			BudgetLines: []BudgetLine{{ID: "l", Name: "Ops cloud", TeamID: "ops"}},
		}
	}
	cases := []struct {
		name, id, code, msg string
		teams               int
	}{
		{"owns items", "api", EINVALID, `Team "API" still owns 2 roadmap items (a, b)`, 3},
		{"named on a budget line", "ops", EINVALID, `budget line (Ops cloud)`, 3},
		{"unknown", "nope", ENOTFOUND, `no team "nope"`, 3},
		{"free", "idle", "", "", 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			pf := p()
			err := pf.RemoveTeam(c.id)
			if ErrorCode(err) != c.code || (c.msg != "" && !strings.Contains(err.Error(), c.msg)) {
				t.Errorf("RemoveTeam(%q) = %v, want code %q containing %q", c.id, err, c.code, c.msg)
			}
			if len(pf.Teams) != c.teams {
				t.Errorf("%d teams left, want %d", len(pf.Teams), c.teams)
			}
		})
	}
}

func TestRemoveRisk(t *testing.T) {
	p := &Portfolio{Risks: []Risk{{ID: "r1"}, {ID: "r2"}}}
	if err := p.RemoveRisk("r1"); err != nil || len(p.Risks) != 1 || p.Risks[0].ID != "r2" {
		t.Fatalf("RemoveRisk: %v, %v", err, p.Risks)
	}
	if err := p.RemoveRisk("r1"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("removing twice: %v", err)
	}
}
