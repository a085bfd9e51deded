package plan

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

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

// MaxSnapshotName is the longest snapshot name, in characters.
const MaxSnapshotName = 80

// CheckSnapshotName returns name without surrounding spaces, or an EINVALID
// error when it is empty, longer than MaxSnapshotName characters, or holds
// control characters (a line break, a tab).
func CheckSnapshotName(name string) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", Errorf(EINVALID, "A snapshot needs a name, such as \"Board, March\".")
	case utf8.RuneCountInString(name) > MaxSnapshotName:
		return "", Errorf(EINVALID, "A snapshot name can have at most %d characters; this one has %d.", MaxSnapshotName, utf8.RuneCountInString(name))
	case strings.IndexFunc(name, unicode.IsControl) >= 0:
		return "", Errorf(EINVALID, "A snapshot name must fit on one line (no line breaks or tabs).")
	}
	return name, nil
}

// NewSnapshotID derives an unused snapshot id from name ("Board, March" →
// "board-march", then "board-march-2" ...).
func (p *Portfolio) NewSnapshotID(name string) string {
	return NewID(name, func(id string) bool { return p.Snapshot(id) != nil })
}

// DeleteSnapshot removes the snapshot with the given id and reports whether there was one.
func (p *Portfolio) DeleteSnapshot(id string) bool {
	for i := range p.Snapshots {
		if p.Snapshots[i].ID == id {
			p.Snapshots = append(p.Snapshots[:i], p.Snapshots[i+1:]...)
			return true
		}
	}
	return false
}
