package plan

// Kinds of SnapshotResult.
const (
	SnapshotItem      = "item"
	SnapshotMilestone = "milestone"
)

// Snapshot returns the snapshot with the given id, or nil.
func (p *Portfolio) Snapshot(id string) *Snapshot {
	for i := range p.Snapshots {
		if p.Snapshots[i].ID == id {
			return &p.Snapshots[i]
		}
	}
	return nil
}

// LatestSnapshot returns the snapshot taken last on or before d (the later
// id when two share a date), or nil when there is none.
func (p *Portfolio) LatestSnapshot(d Date) *Snapshot {
	var last *Snapshot
	for i := range p.Snapshots {
		s := &p.Snapshots[i]
		if s.TakenOn > d {
			continue
		}
		if last == nil || s.TakenOn > last.TakenOn || (s.TakenOn == last.TakenOn && s.ID > last.ID) {
			last = s
		}
	}
	return last
}

// Result returns the frozen forecast of the item or milestone (kind
// SnapshotItem or SnapshotMilestone) with the given id, or nil.
func (s *Snapshot) Result(kind, id string) *SnapshotResult {
	for i := range s.Forecast {
		if r := &s.Forecast[i]; r.Kind == kind && r.ID == id {
			return r
		}
	}
	return nil
}
