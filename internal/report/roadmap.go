package report

import (
	"fmt"
	"sort"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// teamOrder returns team ids in display order: by name.
func (b *builder) teamOrder() []string {
	ids := make([]string, 0, len(b.p.Teams))
	for _, t := range b.p.Teams {
		ids = append(ids, t.ID)
	}
	sort.SliceStable(ids, func(i, j int) bool { return b.teamName(ids[i]) < b.teamName(ids[j]) })
	return ids
}

// timelinePDFRows picks, in each team's group of rows (rows are grouped by
// team, in rank order), at most k rows: those finishing after their target
// at the confidence level first, then those with a target, then the
// others, each in rank order. It returns their indexes in row order.
func timelinePDFRows(rows []TimelineRow, k int) []int {
	var keep []int
	for lo := 0; lo < len(rows); {
		hi := lo
		for hi < len(rows) && rows[hi].Group == rows[lo].Group {
			hi++
		}
		class := func(r *TimelineRow) int {
			switch {
			case !r.Target.IsZero() && r.P85 > r.Target:
				return 0
			case !r.Target.IsZero():
				return 1
			}
			return 2
		}
		var picked []int
		for c := 0; c <= 2 && len(picked) < k; c++ {
			for i := lo; i < hi && len(picked) < k; i++ {
				if class(&rows[i]) == c {
					picked = append(picked, i)
				}
			}
		}
		sort.Ints(picked)
		keep = append(keep, picked...)
		lo = hi
	}
	return keep
}

// roadmap builds the roadmap section: the timeline by team and its headlines.
func (b *builder) roadmap(s *Section) {
	tl := &Timeline{Today: b.asOf, Confidence: b.t.Confidence}
	from, to := b.asOf, b.asOf
	extend := func(d plan.Date) {
		if d.IsZero() {
			return
		}
		if d < from {
			from = d
		}
		if d > to {
			to = d
		}
	}
	byTeam := map[string][]*outlook.ItemForecast{}
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		it := b.item(fi.ID)
		byTeam[it.TeamID] = append(byTeam[it.TeamID], fi)
	}
	late := 0
	for _, tid := range b.teamOrder() {
		list := byTeam[tid]
		sort.SliceStable(list, func(i, j int) bool {
			a, c := b.item(list[i].ID), b.item(list[j].ID)
			if a.Rank != c.Rank {
				return a.Rank < c.Rank
			}
			return a.ID < c.ID
		})
		for _, fi := range list {
			it := b.item(fi.ID)
			row := TimelineRow{Group: b.teamName(tid), Label: it.Title, Start: fi.Start.P50, P50: fi.Finish.P50, P85: b.conf(fi.Finish), Target: fi.Target, RAG: b.t.RAG.Of(fi.PTarget)}
			if fi.Driver != "" && fi.WaitDependencyDays >= 3 {
				row.Driver = b.itemTitle(fi.Driver)
			}
			if !fi.Target.IsZero() && row.P85 > fi.Target {
				late++
			}
			extend(row.Start)
			extend(row.P85)
			extend(row.Target)
			tl.Rows = append(tl.Rows, row)
		}
	}
	if n := len(tl.Rows); n > pdfTimelineRows {
		tl.PDFRows = timelinePDFRows(tl.Rows, max(1, pdfTimelineRows/max(len(byTeam), 1)))
		s.Notes = append(s.Notes, fmt.Sprintf("The PDF's roadmap shows each team's items that matter most (late against their target first, then those with a target, then by rank): %s of %s. %s",
			figure.Number(float64(len(tl.PDFRows)), 0), figure.Number(float64(n), 0), MoreLine(n-len(tl.PDFRows), s.Sheet)))
	}
	for _, m := range b.f.Milestones {
		tl.Markers = append(tl.Markers, TimelineMarker{Label: b.milestoneName(m.ID), Date: m.Target, RAG: b.t.RAG.Of(m.PTarget)})
		extend(m.Target)
	}
	// Whole months, with a little room.
	tl.From = from.MonthOf().First()
	tl.To = to.MonthOf().Add(1).Last()
	s.Headlines = append(s.Headlines, fmt.Sprintf("%s open across %s; the last finishes by %s at %s (P50 %s).",
		plural(len(b.f.Items), "item is", "items are"), plural(len(byTeam), "team", "teams"), fdate(b.conf(b.f.Portfolio)), b.confLabel(), fdate(b.f.Portfolio.P50)))
	if late > 0 {
		s.Headlines = append(s.Headlines, fmt.Sprintf("%s a %s date after the target.", plural(late, "item has", "items have"), b.confLabel()))
	}
	if h := b.crossTeamHeadline(); h != "" {
		s.Headlines = append(s.Headlines, h)
	}
	s.Blocks = append(s.Blocks, Block{Chart: &Chart{Kind: ChartTimeline, Name: "Roadmap", Title: fmt.Sprintf("Roadmap by team: bars run from P50 to %s finish; a diamond marks the target, the dashed red line today", b.confLabel()), Timeline: tl}})

	// Dependencies that drive slips.
	var waits []*outlook.ItemForecast
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		if fi.WaitDependencyDays >= 1 || fi.WaitCapacityDays >= 1 {
			waits = append(waits, fi)
		}
	}
	sort.SliceStable(waits, func(i, j int) bool {
		return waits[i].WaitDependencyDays+waits[i].WaitCapacityDays > waits[j].WaitDependencyDays+waits[j].WaitCapacityDays
	})
	if len(waits) > 0 {
		tab := &Table{Name: "Waits", Title: "Why items start late: mean working days waiting", PDFRows: 15, Detail: true,
			Columns: []Column{{Title: "Item", Kind: KText, Width: 2.6}, {Title: "Team", Kind: KText, Width: 1.4},
				{Title: "Waits most often for", Kind: KText, Width: 2.6}, {Title: "Its team", Kind: KText, Width: 1.4},
				{Title: "Waiting on dependencies", Kind: KNumber}, {Title: "Waiting for capacity", Kind: KNumber}, b.probColumn("Probability")}}
		for _, fi := range waits {
			it := b.item(fi.ID)
			drv, drvTeam := Empty(), Empty()
			if fi.Driver != "" {
				drv = Text(b.itemTitle(fi.Driver))
				if d := b.item(fi.Driver); d != nil {
					drvTeam = Text(b.teamName(d.TeamID))
				}
			}
			prob := Empty()
			if fi.PTarget >= 0 {
				prob = Percent(fi.PTarget)
			}
			tab.Rows = append(tab.Rows, Row{Cells: []Cell{Text(it.Title), Text(b.teamName(it.TeamID)), drv, drvTeam,
				Number(fi.WaitDependencyDays, 1), Number(fi.WaitCapacityDays, 1), prob}})
		}
		if len(tab.Rows) > tab.PDFRows {
			tab.Note = fmt.Sprintf("The %d longest waits; %s more items wait a working day or more (all are in the workbook).", tab.PDFRows, count(len(tab.Rows)-tab.PDFRows))
		}
		s.Blocks = append(s.Blocks, Block{Table: tab})
	}
}

// crossTeamHeadline finds the largest mean wait of an item for a
// predecessor owned by another team; it speaks only when the wait is at
// least five working days.
func (b *builder) crossTeamHeadline() string {
	// Prefer waits that matter: an item that is not on track for its target.
	var best, bestAtRisk *outlook.ItemForecast
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		if fi.Driver == "" || fi.WaitDependencyDays < 5 {
			continue
		}
		it, dr := b.item(fi.ID), b.item(fi.Driver)
		if it == nil || dr == nil || it.TeamID == dr.TeamID {
			continue
		}
		if best == nil || fi.WaitDependencyDays > best.WaitDependencyDays {
			best = fi
		}
		if fi.PTarget >= 0 && !b.onTrack(fi.PTarget) && (bestAtRisk == nil || fi.WaitDependencyDays > bestAtRisk.WaitDependencyDays) {
			bestAtRisk = fi
		}
	}
	if bestAtRisk != nil {
		best = bestAtRisk
	}
	if best == nil {
		return ""
	}
	it, dr := b.item(best.ID), b.item(best.Driver)
	h := fmt.Sprintf("%s’s %s holds up %s: %s waits %s for it on average",
		named(b.teamName(dr.TeamID)), quoted(dr.Title), named(b.teamName(it.TeamID)), quoted(it.Title), days(best.WaitDependencyDays))
	if best.PTarget >= 0 {
		h += fmt.Sprintf(" and meets its target with %s probability", pct(best.PTarget))
	}
	return h + "."
}
