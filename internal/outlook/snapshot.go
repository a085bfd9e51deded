package outlook

import (
	"math"
	"sort"

	"steerco/internal/plan"
)

// Freeze turns a forecast into a snapshot named name, taken on takenOn:
// for every open item and every milestone its P50 and P85 finish dates and
// its probability of meeting the target (-1 when it has none), with the
// run's trials and seed. Results are ordered as plan.Portfolio.Normalize
// orders them (items, then milestones, each by id).
func Freeze(f *Forecast, id, name string, takenOn plan.Date) plan.Snapshot {
	s := plan.Snapshot{ID: id, Name: name, TakenOn: takenOn, Trials: f.Trials, Seed: f.Seed,
		Forecast: make([]plan.SnapshotResult, 0, len(f.Items)+len(f.Milestones))}
	for _, it := range f.Items {
		s.Forecast = append(s.Forecast, plan.SnapshotResult{Kind: plan.SnapshotItem, ID: it.ID,
			P50: it.Finish.P50, P85: it.Finish.P85, Probability: it.PTarget})
	}
	for _, m := range f.Milestones {
		s.Forecast = append(s.Forecast, plan.SnapshotResult{Kind: plan.SnapshotMilestone, ID: m.ID,
			P50: m.Finish.P50, P85: m.Finish.P85, Probability: m.PTarget})
	}
	sort.SliceStable(s.Forecast, func(a, b int) bool {
		x, y := s.Forecast[a], s.Forecast[b]
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.ID < y.ID
	})
	return s
}

// Move is what changed for one item or milestone between a snapshot and a
// forecast ("then" is the snapshot, "now" the forecast).
type Move struct {
	Kind string `json:"kind"` // plan.SnapshotItem or plan.SnapshotMilestone
	ID   string `json:"id"`
	// New: forecast now but not in the snapshot (added, or reopened, since).
	// Closed: in the snapshot but no longer forecast (done, cancelled or
	// deleted since). Either way the missing side's dates are zero and its
	// probability is -1.
	New    bool `json:"new,omitempty"`
	Closed bool `json:"closed,omitempty"`
	// P50 and P85 finish dates then and now.
	P50Then plan.Date `json:"p50_then,omitempty"`
	P50Now  plan.Date `json:"p50_now,omitempty"`
	P85Then plan.Date `json:"p85_then,omitempty"`
	P85Now  plan.Date `json:"p85_now,omitempty"`
	// P85WorkingDays is how far the P85 date moved in working days of the
	// portfolio's calendar, P85CalendarDays the same in calendar days;
	// positive is later (worse). Both are zero for a new or closed entry.
	P85WorkingDays  int `json:"p85_working_days"`
	P85CalendarDays int `json:"p85_calendar_days"`
	// PThen and PNow: probability of meeting the target, 0–1; -1 when there
	// was no target (or no forecast) on that side.
	PThen float64 `json:"p_then"`
	PNow  float64 `json:"p_now"`
}

// Points returns how the probability of meeting the target changed, in
// percentage points (now − then, positive is better, unrounded), and false
// when either side has no probability.
func (m Move) Points() (float64, bool) {
	if m.PThen < 0 || m.PNow < 0 {
		return 0, false
	}
	return (m.PNow - m.PThen) * 100, true
}

// Moved reports whether the entry is worth showing: it is new or closed, its
// P85 date moved, or its probability changed by half a point or more.
func (m Move) Moved() bool {
	if m.New || m.Closed || m.P85CalendarDays != 0 {
		return true
	}
	pts, ok := m.Points()
	if !ok {
		return (m.PThen < 0) != (m.PNow < 0) // a target set or removed
	}
	return math.Abs(pts) >= 0.5
}

// Moves lines up the forecast f of portfolio p with snapshot s: every open
// item (in f's order), then items only the snapshot has, then every
// milestone likewise. Working days are counted on p's calendar. Entries
// that did not move are included; filter with Move.Moved.
func Moves(p *plan.Portfolio, f *Forecast, s plan.Snapshot) []Move {
	cal := p.Calendar.Compile()
	out := make([]Move, 0, len(f.Items)+len(f.Milestones))
	add := func(kind, id string, p50, p85 plan.Date, prob float64) {
		m := Move{Kind: kind, ID: id, P50Now: p50, P85Now: p85, PNow: prob, PThen: -1}
		if r := s.Result(kind, id); r != nil {
			m.P50Then, m.P85Then, m.PThen = r.P50, r.P85, r.Probability
			if !r.P85.IsZero() && !p85.IsZero() {
				m.P85CalendarDays = r.P85.DaysUntil(p85)
				m.P85WorkingDays = cal.WorkdaysBetween(r.P85, p85)
			}
		} else {
			m.New = true
		}
		out = append(out, m)
	}
	closed := func(kind string, now func(id string) bool) {
		for _, r := range s.Forecast {
			if r.Kind == kind && !now(r.ID) {
				out = append(out, Move{Kind: kind, ID: r.ID, Closed: true, P50Then: r.P50, P85Then: r.P85, PThen: r.Probability, PNow: -1})
			}
		}
	}
	for _, it := range f.Items {
		add(plan.SnapshotItem, it.ID, it.Finish.P50, it.Finish.P85, it.PTarget)
	}
	closed(plan.SnapshotItem, func(id string) bool { return f.Item(id) != nil })
	for _, m := range f.Milestones {
		add(plan.SnapshotMilestone, m.ID, m.Finish.P50, m.Finish.P85, m.PTarget)
	}
	closed(plan.SnapshotMilestone, func(id string) bool { return f.Milestone(id) != nil })
	return out
}
