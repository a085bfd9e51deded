package plan

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// SetStatus keeps the actual dates in step with the status; the start of a
// done item whose start was never recorded stays unrecorded.
func TestSetStatusActualDates(t *testing.T) {
	d1, d2, d3 := MustDate("2026-03-02"), MustDate("2026-04-10"), MustDate("2026-05-01")
	tests := []struct {
		name              string
		from              Item
		to                string
		on                Date
		started, finished Date
	}{
		{"start", Item{Status: NotStarted}, InProgress, d1, d1, 0},
		{"start keeps an earlier start", Item{Status: InProgress, StartedOn: d1}, InProgress, d2, d1, 0},
		{"finish", Item{Status: InProgress, StartedOn: d1}, Done, d2, d1, d2},
		{"finish without a recorded start", Item{Status: NotStarted}, Done, d2, 0, d2},
		{"done again keeps the finish", Item{Status: Done, StartedOn: d1, FinishedOn: d2}, Done, d3, d1, d2},
		{"an unchanged status stamps no date", Item{Status: InProgress}, InProgress, d3, 0, 0},
		{"reopen clears the finish", Item{Status: Done, StartedOn: d1, FinishedOn: d2}, InProgress, d3, d1, 0},
		{"back to not started clears both", Item{Status: InProgress, StartedOn: d1}, NotStarted, d3, 0, 0},
		{"cancel clears the finish", Item{Status: Done, StartedOn: d1, FinishedOn: d2}, Cancelled, d3, d1, 0},
		{"a finish before the start moves the start", Item{Status: InProgress, StartedOn: d3}, Done, d2, d2, d2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			it := tc.from
			it.SetStatus(tc.to, tc.on)
			if it.Status != tc.to || it.StartedOn != tc.started || it.FinishedOn != tc.finished {
				t.Errorf("got %s started %s finished %s, want %s %s %s", it.Status, it.StartedOn, it.FinishedOn, tc.to, tc.started, tc.finished)
			}
		})
	}
}

func TestValidateActualDates(t *testing.T) {
	tests := []struct {
		name        string
		set         func(it *Item)
		field, want string
	}{
		{"finish on an open item", func(it *Item) { it.Status, it.FinishedOn = InProgress, MustDate("2026-04-01") }, "finished_on", "Only a done item has a finish date"},
		{"start on a not-started item", func(it *Item) { it.Status, it.StartedOn = NotStarted, MustDate("2026-04-01") }, "started_on", "has not started"},
		{"finish before start", func(it *Item) {
			it.Status, it.StartedOn, it.FinishedOn = Done, MustDate("2026-04-01"), MustDate("2026-03-01")
		}, "finished_on", "before the start date"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := validPortfolio()
			tc.set(&p.Items[1])
			var pe *Error
			if err := p.Validate(); !errors.As(err, &pe) {
				t.Fatalf("got %v, want a problem with %s", err, tc.field)
			}
			for _, pr := range pe.Problems {
				if pr.Field == tc.field && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want one on %s saying %q", pe.Problems, tc.field, tc.want)
		})
	}
	t.Run("a done item with both dates, or with none, is fine", func(t *testing.T) {
		p := validPortfolio()
		p.Items[1].Status, p.Items[1].StartedOn, p.Items[1].FinishedOn = Done, MustDate("2026-03-01"), MustDate("2026-03-01")
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
		p.Items[1].StartedOn, p.Items[1].FinishedOn = 0, 0
		if err := p.Validate(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestActualDatesJSON(t *testing.T) {
	it := Item{ID: "a", Status: Done, StartedOn: MustDate("2026-03-02"), FinishedOn: MustDate("2026-04-10")}
	b, err := json.Marshal(it)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"started_on":"2026-03-02","finished_on":"2026-04-10"`) {
		t.Errorf("JSON %s", b)
	}
	var back Item
	if err := json.Unmarshal(b, &back); err != nil || back.StartedOn != it.StartedOn || back.FinishedOn != it.FinishedOn {
		t.Errorf("read back %+v, %v", back, err)
	}
	b, _ = json.Marshal(Item{ID: "b"})
	if strings.Contains(string(b), "started_on") || strings.Contains(string(b), "finished_on") {
		t.Errorf("unset dates written: %s", b)
	}
}
