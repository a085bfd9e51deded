package report

import (
	"fmt"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// snapshotHeadline tells what moved since the last snapshot.
func (b *builder) snapshotHeadline() string {
	if b.snap == nil {
		return ""
	}
	worse, better := 0, 0
	var worst *outlook.ItemForecast
	var worstDrop float64
	for _, c := range b.committed() {
		m, ok := b.move(plan.SnapshotItem, c.ID)
		if !ok || m.PThen < 0 {
			continue
		}
		d := figure.PointsBetween(m.PThen, c.PTarget) / 100 // as the reader subtracts the shown percentages
		if d <= -0.05 {
			worse++
		} else if d >= 0.05 {
			better++
		}
		if d < worstDrop {
			worstDrop, worst = d, c
		}
	}
	gained := "none gained as much"
	if better > 0 {
		gained = fmt.Sprintf("%s gained as much", count(better))
	}
	h := fmt.Sprintf("Since the %s snapshot (%s), %s lost 5 points or more of confidence and %s",
		quoted(b.snap.Name), fdate(b.snap.TakenOn), plural(worse, "commitment", "commitments"), gained)
	if worst != nil && worstDrop <= -0.05 {
		m, _ := b.move(plan.SnapshotItem, worst.ID)
		h += fmt.Sprintf("; %s fell from %s to %s", quoted(b.itemTitle(worst.ID)), pct(m.PThen), pct(worst.PTarget))
	}
	return h + "."
}

// move returns what moved for an item or milestone since the last
// snapshot; false when there is no snapshot or it did not have the entry.
func (b *builder) move(kind, id string) (outlook.Move, bool) {
	m, ok := b.moves[[2]string{kind, id}]
	return m, ok && !m.New
}

// snapColumns are the columns of the change since the last snapshot, and
// snapCells their cells for an item or milestone (shown as new when the
// snapshot did not have it, or had no target for it).
func (b *builder) snapColumns() []Column {
	return []Column{{Title: "Change (points)", Kind: KNumber, Width: 0.9}, {Title: "P85 moved (working days)", Kind: KNumber, Width: 0.9}}
}

func (b *builder) snapCells(kind, id string) []Cell {
	m, ok := b.move(kind, id)
	_, hasPts := m.Points()
	if !ok || !hasPts {
		return []Cell{Text("new"), Empty()}
	}
	ch := Number(figure.PointsBetween(m.PThen, m.PNow), 0)
	ch.Signed = true
	mv := Number(float64(m.P85WorkingDays), 0)
	mv.Signed = true
	return []Cell{ch, mv}
}

// snapNote explains the snapshot columns of a table.
func (b *builder) snapNote() string {
	return fmt.Sprintf("Change: points of probability since the %s snapshot of %s; positive is better. P85 moved: working days, positive is later.", quoted(b.snap.Name), fdate(b.snap.TakenOn))
}
