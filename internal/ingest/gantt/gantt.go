// Package gantt imports GanttProject plans (.gan, or a .gan saved as .xml)
// as roadmap items: leaf tasks become items, top-level summary tasks name
// their product, milestones become portfolio milestones, and dependencies —
// stored on the predecessor, the opposite of MS Project — become
// finish-to-start dependencies.
package gantt

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
	"steerco/internal/plan"
)

// Preview reads a GanttProject file and previews it as roadmap items. It
// returns a *ingest.ParseError when the file is not a GanttProject XML document.
func Preview(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options) (*ingest.Preview, error) {
	if err := ingest.CheckSize(src, ""); err != nil {
		return nil, err
	}
	pr, err := parse(ctx, src.Name, src.Data)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return build(ctx, src, p, opts, pr)
}

// workCalendar is the file's calendar: its working week and holidays
// (recurring ones expanded over the years the plan spans).
type workCalendar struct {
	weekend  [7]bool
	holidays map[plan.Date]string
}

func (c *workCalendar) working(d plan.Date) bool {
	_, h := c.holidays[d]
	return !c.weekend[d.Weekday()] && !h
}

// end returns the last working day of a task that starts on start and
// lasts n working days (GanttProject stores no end date). A zero-length
// task (a milestone) ends on its start.
func (c *workCalendar) end(start plan.Date, n int) plan.Date {
	if n <= 0 {
		return start
	}
	d := start
	for guard := 0; !c.working(d) && guard < 3660; guard++ {
		d++
	}
	for left, guard := n-1, 0; left > 0 && guard < 100000; guard++ {
		d++
		if c.working(d) {
			left--
		}
	}
	return d
}

func build(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options, pr *project) (*ingest.Preview, error) {
	pv := &ingest.Preview{Kind: ingest.Gantt, File: src.Name}
	if n := utf8.RuneCountInString(pr.Name); n > plan.MaxTitle {
		pv.Errorf(ingest.Location{File: src.Name, Field: "project name"}, "the project's name is %d characters long; at most %d are allowed.", n, plan.MaxTitle)
		return pv, nil
	}
	base := strings.TrimSuffix(src.Name, filepath.Ext(src.Name))
	name := pr.Name
	if name == "" || strings.EqualFold(name, "Untitled Gantt Project") {
		name = base
	}
	m := roadmap.MappingFor(p, opts, "gantt:"+name, ingest.Gantt)
	spread := roadmap.SpreadFor(opts, &m)
	prefix := "gantt:" + name + "#"
	loc := func(t *task, field string) ingest.Location {
		return ingest.Location{File: src.Name, Row: t.Line, Field: strings.TrimSpace("task " + t.ID + " " + field)}
	}

	byID := map[string]*task{}
	var tasks []*task
	for _, t := range pr.Tasks {
		pv.RowsRead++
		if len(t.ID) > plan.MaxID {
			pv.Errorf(ingest.Location{File: src.Name, Row: t.Line, Field: "task id"}, "a task id of %d characters; GanttProject ids are numbers.", len(t.ID))
			continue
		}
		if n := utf8.RuneCountInString(t.Name); n > plan.MaxTitle {
			pv.Errorf(loc(t, "name"), "the task name is %d characters long; at most %d are allowed. Shorten it in GanttProject and save again.", n, plan.MaxTitle)
			continue
		}
		if t.completeRaw != "" {
			pv.Warnf(loc(t, "complete"), "complete %.20q is not a percentage; the task is read as not started. Correct it in GanttProject and save again.", t.completeRaw)
		}
		if t.durationErr {
			pv.Errorf(loc(t, "duration"), "duration %.20q is not a whole number of working days from 0 to %d (about 20 years, the most a plan can mean). Correct it in GanttProject and save again.", t.durationRaw, plan.MaxDays)
		}
		for _, d := range t.Depends {
			if d.err {
				pv.Errorf(ingest.Location{File: src.Name, Row: d.Line, Field: "task " + t.ID + " depend difference"}, "lag %.20q is not a whole number of working days from -%d to %d (about 20 years, the most a plan can mean). Correct it in GanttProject and save again.", d.raw, plan.MaxDays, plan.MaxDays)
			}
		}
		if t.ID == "" || byID[t.ID] != nil {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, "id"), Reason: "task without an id, or with an id used before"})
			continue
		}
		byID[t.ID] = t
		tasks = append(tasks, t)
	}
	isSummary := func(t *task) bool { return len(t.children) > 0 }

	// Calendar: working week, holidays with recurring ones expanded over the plan's years.
	cal := &workCalendar{weekend: pr.Weekend, holidays: map[plan.Date]string{}}
	if cal.weekend == [7]bool{true, true, true, true, true, true, true} {
		pv.Warnf(ingest.Location{File: src.Name, Field: "calendars default-week"}, "the file's working week has no working day; end dates are computed with Saturday and Sunday off.")
		cal.weekend = [7]bool{time.Sunday: true, time.Saturday: true}
	}
	minY, maxY := 0, 0
	for _, t := range tasks {
		if !t.hasStart {
			continue
		}
		y := t.Start.Year()
		if minY == 0 || y < minY {
			minY = y
		}
		// a generous end: duration in calendar days × 2
		ey := t.Start.AddDays(t.Duration*2 + 14).Year()
		if ey > maxY {
			maxY = ey
		}
	}
	recurring, neutral := 0, 0
	for _, h := range pr.Holidays {
		if h.Type != "" && !strings.EqualFold(h.Type, "HOLIDAY") {
			neutral++
			continue
		}
		if h.Month < 1 || h.Month > 12 || h.Day < 1 || h.Day > 31 {
			continue
		}
		if h.Year == 0 {
			recurring++
			for y := minY; y > 0 && y <= maxY && y-minY < 50; y++ {
				d := plan.NewDate(y, time.Month(h.Month), h.Day)
				if d.Day() == h.Day {
					cal.holidays[d] = h.Name
				}
			}
			continue
		}
		d := plan.NewDate(h.Year, time.Month(h.Month), h.Day)
		if d.Day() == h.Day {
			cal.holidays[d] = h.Name
		}
	}

	// Teams from allocations: the responsible resource, else the one with the highest load.
	teamOf := map[string]string{}
	best := map[string]allocation{}
	for _, a := range pr.Allocations {
		n := pr.Resources[a.ResourceID]
		if n == "" {
			continue
		}
		b, seen := best[a.TaskID]
		if !seen || a.Responsible && !b.Responsible || a.Responsible == b.Responsible && a.Load > b.Load {
			best[a.TaskID] = a
			teamOf[a.TaskID] = n
		}
	}
	oneTeam := strings.EqualFold(m.Fields["team"], "project")
	if oneTeam {
		teamOf = map[string]string{}
	} else {
		m.Fields["team"] = "resource"
	}

	// Links: stored on the predecessor; id is the successor.
	outline := roadmap.NewOutline()
	for _, t := range tasks {
		parent := ""
		if t.parent != nil {
			parent = t.parent.ID
		}
		outline.AddTask(t.ID, parent, isSummary(t), t.Meeting)
	}
	typeCount := map[int]int{}
	for _, t := range tasks {
		for _, d := range t.Depends {
			lc := ingest.Location{File: src.Name, Row: d.Line, Field: "task " + t.ID + " depend"}
			typeCount[d.Type]++
			if byID[d.Successor] == nil {
				pv.Warnf(lc, "task %s links to task %s, which is not in the file; the dependency is dropped.", t.ID, d.Successor)
				continue
			}
			lag := d.Difference
			if lag < 0 {
				pv.Warnf(lc, "link from %s to %s has a lead of %d day(s) (negative lag), which Steerco does not support; lag 0 is used.", t.ID, d.Successor, -lag)
				lag = 0
			}
			kind, ok := linkKinds[d.Type]
			if !ok {
				pv.Warnf(lc, "link from %s to %s has unknown type %d; it is dropped.", t.ID, d.Successor, d.Type)
				continue
			}
			outline.AddLinkOf(pv, kind, t.ID, d.Successor, lag, lc)
		}
	}
	rs := &roadmap.Source{
		Kind: ingest.Gantt, File: src.Name, Spread: spread, Prefixes: []string{prefix},
		RemoveMissing: roadmap.Option(&m, "remove_missing"), DefaultTeam: name,
		DefaultTeamSize: max(1, len(pr.Resources)), TeamSize: map[string]int{},
	}
	for _, n := range teamOf {
		rs.TeamSize[n] = 1
	}
	var first, last plan.Date
	products := 0
	nItems := 0
	for i, t := range tasks {
		if i&255 == 255 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if !t.hasStart {
			pv.Warnf(loc(t, "start"), "task %s has no readable start date (%q).", t.ID, t.startProblem)
		} else {
			e := cal.end(t.Start, t.Duration)
			if first.IsZero() || t.Start < first {
				first = t.Start
			}
			if e > last {
				last = e
			}
		}
		switch {
		case isSummary(t):
			if t.parent == nil {
				products++
			}
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, ""), Reason: fmt.Sprintf("summary task %q (a container; its tasks are imported)", t.Name)})
			continue
		case t.Meeting:
			ms := roadmap.Milestone{Key: t.ID, Name: nameOr(t), Date: t.Start, Loc: loc(t, "")}
			for _, d := range outline.Deps(t.ID) {
				ms.Deps = append(ms.Deps, d.Key)
			}
			rs.Milestones = append(rs.Milestones, ms)
			continue
		}
		nItems++
		rt := roadmap.Task{Key: t.ID, SourceKey: prefix + t.ID, Title: nameOr(t), Team: teamOf[t.ID], Loc: loc(t, ""), EstimateLoc: loc(t, "duration")}
		switch {
		case t.durationErr:
		case t.Duration > 0:
			rt.Days, rt.HasEstimate = float64(t.Duration), true
		case t.durationRaw == "":
			rt.NoEstimate = "it has no duration"
		case t.Duration == 0:
			rt.NoEstimate = "its duration is 0 but it is not a milestone"
		default:
			rt.NoEstimate = fmt.Sprintf("its duration is negative (%d)", t.Duration)
		}
		switch {
		case t.Complete >= 100:
			rt.Status = plan.Done
		case t.Complete > 0:
			rt.Status = plan.InProgress
			rt.Remaining = roadmap.RemainingAt(rt.Days, t.Complete)
		default:
			rt.Status = plan.NotStarted
		}
		top := t
		for top.parent != nil {
			top = top.parent
		}
		if top != t {
			rt.Product = nameOr(top)
		}
		if t.ThirdConstr == "1" && !t.ThirdDate.IsZero() {
			rt.StartNET = t.ThirdDate
		}
		rt.Deps = outline.Deps(t.ID)
		rs.Tasks = append(rs.Tasks, rt)
	}
	pv.RowsImported = nItems + len(rs.Milestones)

	// Proposed holidays: only those within the plan's span matter, but all dated ones are listed.
	for d, n := range cal.holidays {
		rs.Holidays = append(rs.Holidays, plan.Holiday{Date: d, Name: n})
	}
	sort.Slice(rs.Holidays, func(i, j int) bool { return rs.Holidays[i].Date < rs.Holidays[j].Date })
	rs.ApplyHolidays = roadmap.Option(&m, "holidays")

	pv.Notes = append(pv.Notes, fmt.Sprintf("Read %d tasks (GanttProject %s): %d become roadmap items, %d milestones; summary tasks are containers (top-level summaries name the items' product, %d products).", len(tasks), orUnknown(pr.Version), nItems, len(rs.Milestones), products))
	pv.Notes = append(pv.Notes, "Each task's duration (working days) is its effort in person-days.")
	if !first.IsZero() {
		pv.Notes = append(pv.Notes, fmt.Sprintf("By the file's calendar the plan runs %s → %s.", first, last))
	}
	if len(pr.Holidays) > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("The file's calendar lists %d holiday(s), %d of them recurring every year (expanded over %d–%d).", len(pr.Holidays), recurring, minY, maxY))
	}
	if neutral > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d calendar day(s) are marked NEUTRAL or WORKING (holidays switched off) and are not proposed.", neutral))
	}
	total := 0
	for _, n := range typeCount {
		total += n
	}
	if total > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("Dependencies (stored on the predecessor in GanttProject): %d finish-to-start, %d start-to-start, %d finish-to-finish, %d start-to-finish. Finish-to-start links keep their lag in working days; start-to-start and finish-to-finish become finish-to-start with lag 0 (pessimistic); start-to-finish links are dropped. Links on summary tasks apply to every task under them; links through a milestone pass to its predecessors.", typeCount[2]+typeCount[0], typeCount[1], typeCount[3], typeCount[4]))
	}
	if oneTeam || len(teamOf) == 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("All items go to one team named after the project, %q (no allocations, or the mapping says team=project).", name))
	} else {
		pv.Notes = append(pv.Notes, fmt.Sprintf("A task's team is its responsible resource (else the one with the highest load); unallocated tasks go to a team named after the project, %q. Set the mapping field team=project for one team.", name))
	}
	if len(pr.Vacations) > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d resource vacation(s) are not imported: Steerco plans team capacity, not each person's leave.", len(pr.Vacations)))
	}
	rs.DefaultDays = roadmap.DefaultDaysFor(pv, &m)
	rs.Mapping = m
	if pv.HasErrors() {
		// Values beyond the limits are reported at their element; a trial
		// merge would only repeat them as portfolio problems.
		return pv, nil
	}
	roadmap.Build(pv, p, rs)
	return pv, nil
}

func nameOr(t *task) string {
	if t.Name != "" {
		return t.Name
	}
	return "Task " + t.ID
}

func orUnknown(s string) string {
	if s == "" {
		return "version unknown"
	}
	return s
}

// linkKinds maps GanttProject's link types: 0 (very old files) and 2 FS, 1 SS, 3 FF, 4 SF.
var linkKinds = map[int]roadmap.LinkKind{0: roadmap.FinishToStart, 1: roadmap.StartToStart, 2: roadmap.FinishToStart,
	3: roadmap.FinishToFinish, 4: roadmap.StartToFinish}
