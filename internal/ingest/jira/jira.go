// Package jira imports Jira exports — CSV ("all fields" or "current fields",
// company- or team-managed projects) and the XML (RSS) export — as roadmap
// items: epics (or, when the file has no epics, top-level issues) with their
// children's estimates rolled up, statuses mapped, and "blocks" links turned
// into finish-to-start dependencies.
package jira

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
	"steerco/internal/plan"
)

type customField struct {
	Name   string
	Values []string
}

// issue is one Jira issue as read from either export format.
type issue struct {
	Line                            int // CSV line or XML line where it starts
	Key, ID, Type, Summary          string
	Status, StatusCategory          string
	Project, ProjectName            string
	Parent, ParentKey, EpicLink     string
	Due                             string
	Resolved                        string // when it was resolved: a done item's actual finish
	Points, Orig, Rem, SigmaOrig    string
	Assignee                        string
	Components, FixVersions, Labels []string
	BlocksOut, BlockedBy            []string
	Custom                          []customField
	get                             func(col string) string // value of a named column (for the team mapping)
	col                             func(col string) int    // 1-based column of a name, 0 if none
	parent                          *issue
	children                        []*issue
	item                            *issue // the roadmap item this issue rolls into
	days                            float64
	hasDays                         bool
	remaining                       float64
	status                          string
}

func (is *issue) loc(file, field string) ingest.Location {
	l := ingest.Location{File: file, Row: is.Line, Field: field}
	if is.col != nil && field != "" {
		l.Column = is.col(field)
	}
	if is.col == nil {
		l.Field = strings.TrimSpace("item " + is.Key + " " + field)
	}
	return l
}

// Preview reads a Jira CSV or XML export and previews it as roadmap items.
// It returns a *ingest.ParseError when the file cannot be read as a Jira
// export at all (including a status-change history, which is refused).
func Preview(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options) (*ingest.Preview, error) {
	if err := ingest.CheckSize(src, "export fewer issues at a time"); err != nil {
		return nil, err
	}
	var issues []*issue
	format := "CSV"
	trim := bytes.TrimSpace(bytes.TrimPrefix(src.Data, []byte("\xef\xbb\xbf")))
	if bytes.HasPrefix(trim, []byte("<")) {
		format = "XML (RSS)"
		var err error
		if issues, err = readRSS(ctx, src.Name, src.Data); err != nil {
			return nil, err
		}
		for _, is := range issues {
			finishRSS(is)
		}
	} else {
		h, rows, _, err := readCSVContext(ctx, src.Name, src.Data)
		if err != nil {
			return nil, err
		}
		if h.has("Status Change Date") && h.has("Status Changed To", "Status Changed From") {
			return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name, Row: 1}, Msg: "this is a status-change history, not an issue export; it lists status transitions, not epics and estimates. In Jira, open the issue search, choose Export › Export Excel CSV (all fields), and import that file"}
		}
		if !h.has("Issue key", "Issue id") || !h.has("Summary") {
			return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name, Row: 1}, Msg: "this CSV has no \"Issue key\" and \"Summary\" columns, so it is not a Jira issue export. In Jira choose Export › Export Excel CSV (all fields)"}
		}
		issues = csvIssues(h, rows)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return build(src, p, opts, issues, format)
}

func csvIssues(h *header, rows [][]string) []*issue {
	one := func(rec []string, names ...string) string {
		for _, n := range names {
			for _, i := range h.all(n) {
				if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
					return strings.TrimSpace(rec[i])
				}
			}
		}
		return ""
	}
	many := func(rec []string, names ...string) []string {
		var out []string
		for _, i := range h.all(names...) {
			if i < len(rec) {
				for _, v := range strings.Split(rec[i], ",") {
					if v = strings.TrimSpace(v); v != "" {
						out = append(out, v)
					}
				}
			}
		}
		return out
	}
	out := make([]*issue, 0, len(rows))
	for n, rec := range rows {
		rec := rec
		is := &issue{
			Line:           n + 2, // the row a spreadsheet shows: the header is row 1
			Key:            one(rec, "Issue key"),
			ID:             one(rec, "Issue id"),
			Type:           one(rec, "Issue Type"),
			Summary:        one(rec, "Summary"),
			Status:         one(rec, "Status"),
			StatusCategory: one(rec, "Status Category"),
			Project:        one(rec, "Project key"),
			ProjectName:    one(rec, "Project name"),
			Parent:         one(rec, "Parent", "Parent id"),
			ParentKey:      one(rec, "Parent key"),
			EpicLink:       one(rec, "Custom field (Epic Link)", "Epic Link"),
			Due:            one(rec, "Due date", "Due Date"),
			Resolved:       one(rec, "Resolved"),
			Points:         one(rec, "Custom field (Story Points)", "Custom field (Story point estimate)", "Story Points", "Story point estimate"),
			Orig:           one(rec, "Original Estimate"),
			Rem:            one(rec, "Remaining Estimate"),
			SigmaOrig:      one(rec, "Σ Original Estimate"),
			Assignee:       one(rec, "Assignee"),
			Components:     many(rec, "Component/s", "Components"),
			FixVersions:    many(rec, "Fix Version/s", "Fix versions"),
			Labels:         many(rec, "Labels"),
			BlocksOut:      many(rec, "Outward issue link (Blocks)"),
			BlockedBy:      many(rec, "Inward issue link (Blocks)"),
		}
		if is.Key == "" && is.ID != "" {
			is.Key = is.ID
		}
		is.get = func(col string) string { return one(rec, col, "Custom field ("+col+")") }
		is.col = func(col string) int {
			if i := h.col(col); i >= 0 {
				return i + 1
			}
			return 0
		}
		out = append(out, is)
	}
	return out
}

func finishRSS(is *issue) {
	cf := func(names ...string) string {
		for _, n := range names {
			for _, c := range is.Custom {
				if strings.EqualFold(c.Name, n) && len(c.Values) > 0 && strings.TrimSpace(c.Values[0]) != "" {
					return strings.TrimSpace(c.Values[0])
				}
			}
		}
		return ""
	}
	is.Points = cf("Story Points", "Story point estimate")
	is.EpicLink = cf("Epic Link")
	is.get = func(col string) string {
		c := strings.TrimSuffix(strings.TrimPrefix(col, "Custom field ("), ")")
		switch normName(c) {
		case "assignee":
			return is.Assignee
		case "component/s", "components":
			if len(is.Components) > 0 {
				return is.Components[0]
			}
			return ""
		case "project", "project key":
			return is.Project
		case "project name":
			return is.ProjectName
		}
		return cf(c)
	}
}

// defaultStatus maps Jira status names (lower case) to Steerco statuses.
var defaultStatus = map[string]string{
	"to do": plan.NotStarted, "backlog": plan.NotStarted, "open": plan.NotStarted, "new": plan.NotStarted,
	"selected for development": plan.NotStarted, "ready": plan.NotStarted, "reopened": plan.NotStarted,
	"in progress": plan.InProgress, "in review": plan.InProgress, "in development": plan.InProgress,
	"code review": plan.InProgress, "in qa": plan.InProgress, "testing": plan.InProgress, "in test": plan.InProgress,
	"done": plan.Done, "closed": plan.Done, "resolved": plan.Done, "complete": plan.Done, "completed": plan.Done,
	"won't do": plan.Cancelled, "wont do": plan.Cancelled, "cancelled": plan.Cancelled, "canceled": plan.Cancelled,
	"won't fix": plan.Cancelled, "rejected": plan.Cancelled, "aborted": plan.Cancelled, "duplicate": plan.Cancelled,
	// Portuguese (pt-BR) Jira
	"a fazer": plan.NotStarted, "em andamento": plan.InProgress, "concluído": plan.Done, "itens concluídos": plan.Done, "cancelado": plan.Cancelled,
}

var categoryStatus = map[string]string{"to do": plan.NotStarted, "in progress": plan.InProgress, "done": plan.Done}

func build(src ingest.Source, p *plan.Portfolio, opts ingest.Options, issues []*issue, format string) (*ingest.Preview, error) {
	pv := &ingest.Preview{Kind: ingest.Jira, File: src.Name, RowsRead: len(issues)}
	if len(issues) == 0 {
		return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name}, Msg: "the export holds no issues"}
	}
	// Projects and the mapping.
	projSet := map[string]string{}
	for _, is := range issues {
		if is.Project == "" {
			if i := strings.LastIndexByte(is.Key, '-'); i > 0 {
				is.Project = is.Key[:i]
			}
		}
		if is.Project != "" && projSet[is.Project] == "" {
			projSet[is.Project] = is.ProjectName
		}
	}
	var projects []string
	for k := range projSet {
		projects = append(projects, k)
	}
	sort.Strings(projects)
	mid := "jira:" + strings.Join(projects, "+")
	if len(projects) == 0 {
		mid = "jira:" + src.Name
	}
	m := roadmap.MappingFor(p, opts, mid, ingest.Jira)
	spread := roadmap.SpreadFor(opts, &m)
	factor := 1.0
	if v, err := strconv.ParseFloat(m.Options["points_to_days"], 64); err == nil && v > 0 && v < 1000 {
		factor = v
	}
	m.Options["points_to_days"] = strconv.FormatFloat(factor, 'f', -1, 64)
	teamCol := strings.TrimSpace(m.Fields["team"])

	// De-duplicate (users merge several capped exports) and index.
	byKey := map[string]*issue{}
	byID := map[string]*issue{}
	kept := issues[:0]
	for _, is := range issues {
		if is.Key == "" {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: is.loc(src.Name, ""), Reason: "no issue key"})
			continue
		}
		if prev, dup := byKey[is.Key]; dup {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: is.loc(src.Name, "Issue key"), Reason: fmt.Sprintf("%s appears again (first at row %d); the first is kept", is.Key, prev.Line)})
			continue
		}
		byKey[is.Key] = is
		if is.ID != "" {
			byID[is.ID] = is
		}
		kept = append(kept, is)
	}
	issues = kept

	// Hierarchy: Parent key, else Parent (numeric id or key), else Epic Link.
	for _, is := range issues {
		var par *issue
		for _, ref := range []string{is.ParentKey, is.Parent, is.EpicLink} {
			if ref == "" {
				continue
			}
			if q := byKey[ref]; q != nil {
				par = q
			} else if q := byID[ref]; q != nil {
				par = q
			}
			if par != nil {
				break
			}
		}
		if par == is {
			par = nil
		}
		// Refuse parent cycles (malformed exports): walk up.
		for q := par; q != nil; q = q.parent {
			if q == is {
				pv.Warnf(is.loc(src.Name, "Parent"), "%s is its own ancestor; its parent link is ignored.", is.Key)
				par = nil
				break
			}
		}
		is.parent = par
		if par != nil {
			par.children = append(par.children, is)
		}
	}

	// Statuses.
	unknown := map[string]int{}
	for _, is := range issues {
		st, ok := m.Values["status:"+is.Status]
		if !ok || !validStatus(st) {
			st, ok = defaultStatus[strings.ToLower(strings.TrimSpace(is.Status))]
		}
		if !ok {
			if c, ok2 := categoryStatus[strings.ToLower(is.StatusCategory)]; ok2 {
				st = c
			} else {
				st = plan.NotStarted
			}
			unknown[is.Status]++
		}
		is.status = st
	}
	var unk []string
	for s := range unknown {
		unk = append(unk, s)
	}
	sort.Strings(unk)
	for _, s := range unk {
		how := "not started"
		for _, is := range issues {
			if is.Status == s {
				how = strings.ReplaceAll(is.status, "_", " ")
				if is.StatusCategory != "" {
					how += " (from its status category " + is.StatusCategory + ")"
				}
				break
			}
		}
		pv.Warnf(ingest.Location{File: src.Name, Field: "Status"}, "status %q (%d issue(s)) is not a status Steerco knows; it is read as %s. Map it in the import mapping (status:%s) if that is wrong.", s, unknown[s], how, s)
	}

	// Text and keys within the limits of plan.Validate, reported at their cell.
	for _, is := range issues {
		if len(is.Key) > plan.MaxID {
			pv.Errorf(is.loc(src.Name, "Issue key"), "the issue key is %d characters long; Jira keys are short (at most %d characters here). Is this really a Jira export?", len(is.Key), plan.MaxID)
		}
		if n := utf8.RuneCountInString(is.Summary); n > plan.MaxTitle {
			pv.Errorf(is.loc(src.Name, "Summary"), "%.20s…: the summary is %d characters long; a title may have at most %d (Jira allows 255). Shorten it in Jira and export again.", is.Key, n, plan.MaxTitle)
		}
	}

	// Own estimates.
	pointsCol := "Custom field (Story Points)"
	if len(issues) > 0 && issues[0].col != nil && issues[0].col(pointsCol) == 0 && issues[0].col("Custom field (Story point estimate)") > 0 {
		pointsCol = "Custom field (Story point estimate)"
	}
	var pointsUsed, secondsUsed int
	for _, is := range issues {
		if rem, ok, err := ParseSeconds(is.Rem); err == nil && ok {
			is.remaining = rem
		} else {
			is.remaining = -1
		}
		if v, ok, err := ParsePoints(is.Points); err != nil {
			if errors.Is(err, ErrImplausible) {
				pv.Errorf(is.loc(src.Name, pointsCol), "%s: %v. Correct the estimate in Jira and export again.", is.Key, plainLimit(err))
			} else {
				pv.Warnf(is.loc(src.Name, pointsCol), "%s: %v; ignored.", is.Key, err)
			}
		} else if ok && v > 0 {
			if v*factor > plan.MaxEstimateDays {
				pv.Errorf(is.loc(src.Name, pointsCol), "%s: %g story points × %g days is more than the %d person-days a plan can mean. Correct the estimate in Jira and export again.", is.Key, v, factor, plan.MaxEstimateDays)
			}
			is.days, is.hasDays = v*factor, true
			pointsUsed++
			continue
		}
		for _, f := range []struct{ v, col string }{{is.Orig, "Original Estimate"}, {is.SigmaOrig, "Σ Original Estimate"}} {
			d, ok, err := ParseSeconds(f.v)
			if errors.Is(err, ErrImplausible) {
				pv.Errorf(is.loc(src.Name, f.col), "%s: %v. Correct the estimate in Jira and export again.", is.Key, plainLimit(err))
				continue
			}
			if err != nil {
				pv.Warnf(is.loc(src.Name, f.col), "%s: %v; ignored.", is.Key, err)
				continue
			}
			if ok && d > 0 {
				is.days, is.hasDays = d, true
				secondsUsed++
				break
			}
		}
	}

	// Roadmap items: epics, or top-level issues when there are none.
	var items []*issue
	epics := false
	for _, is := range issues {
		if isEpic(is.Type) {
			epics = true
			break
		}
	}
	switch strings.ToLower(m.Options["items"]) {
	case "top_level", "top-level", "toplevel":
		epics = false
	}
	orphans := 0
	for _, is := range issues {
		if epics && isEpic(is.Type) || !epics && is.parent == nil {
			items = append(items, is)
		}
		if is.parent == nil && (is.ParentKey != "" || is.Parent != "" || is.EpicLink != "") {
			orphans++
		}
	}
	if orphans > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d issue(s) name a parent that is not in this file; they are treated as having no parent.", orphans))
	}
	if epics {
		pv.Notes = append(pv.Notes, fmt.Sprintf("Roadmap items are the file's %d epics; stories, tasks and sub-tasks roll up into their epic's estimate. Issues under no epic are listed as skipped (set the mapping option items=top_level to import top-level issues instead).", len(items)))
	} else {
		pv.Notes = append(pv.Notes, fmt.Sprintf("The file has no epics, so roadmap items are its %d top-level issues (issues with no parent in the file); sub-tasks roll up into them.", len(items)))
	}
	for _, it := range items {
		var mark func(is *issue)
		mark = func(is *issue) {
			is.item = it
			for _, c := range is.children {
				if !isEpic(c.Type) || c == it {
					mark(c)
				}
			}
		}
		mark(it)
	}
	for _, is := range issues {
		if is.item == nil {
			reason := "not under an epic (roadmap items are epics)"
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: is.loc(src.Name, "Issue key"), Reason: is.Key + ": " + reason})
		}
	}
	pv.RowsImported = len(issues) - len(pv.Skipped)

	// Teams: a mapped column, else one team per project.
	rs := &roadmap.Source{
		Kind: ingest.Jira, File: src.Name, Spread: spread,
		RemoveMissing: roadmap.Option(&m, "remove_missing"),
		TeamSize:      map[string]int{},
	}
	for _, pk := range projects {
		rs.Prefixes = append(rs.Prefixes, "jira:"+pk+"-")
	}
	teamOf := func(it *issue) string {
		if teamCol != "" {
			if v := strings.TrimSpace(it.get(teamCol)); v != "" {
				if i := strings.IndexByte(v, ','); i > 0 { // several components: the first
					v = strings.TrimSpace(v[:i])
				}
				return v
			}
		}
		if it.ProjectName != "" {
			return it.ProjectName
		}
		if it.Project != "" {
			return it.Project
		}
		return "Jira"
	}
	if teamCol != "" {
		pv.Notes = append(pv.Notes, fmt.Sprintf("Each item's team is its %q column; items with it empty go to a team named after their project.", teamCol))
	} else {
		pv.Notes = append(pv.Notes, "No team column is mapped, so each Jira project becomes one team named after the project (set the mapping field team to a column such as Team or Component/s to change this).")
	}
	people := map[string]map[string]bool{}
	for _, is := range issues {
		if is.item == nil || is.Assignee == "" {
			continue
		}
		t := teamOf(is.item)
		if people[t] == nil {
			people[t] = map[string]bool{}
		}
		people[t][is.Assignee] = true
	}
	for t, ps := range people {
		rs.TeamSize[t] = len(ps)
	}

	// Effort: own estimate, else the sum of children's.
	var effort func(is *issue) (days, rem float64, has bool)
	effort = func(is *issue) (float64, float64, bool) {
		if is.hasDays {
			r := is.days
			switch {
			case is.status == plan.Done || is.status == plan.Cancelled:
				r = 0
			case is.remaining >= 0 && is.status == plan.InProgress:
				r = min(is.remaining, is.days)
			}
			return is.days, r, true
		}
		var sum, rem float64
		has := false
		for _, c := range is.children {
			if c.item != is.item {
				continue
			}
			d, r, ok := effort(c)
			if ok {
				sum += d
				if is.status != plan.Done && is.status != plan.Cancelled {
					rem += r
				}
				has = true
			}
		}
		return sum, rem, has
	}
	var countDesc func(is *issue) int
	countDesc = func(is *issue) int {
		n := 0
		for _, c := range is.children {
			if c.item == is.item {
				if !isSubtask(c.Type) {
					n++
				}
				n += countDesc(c)
			}
		}
		return n
	}

	// Dependencies: A blocks B → B depends on A, mapped to the items they roll into.
	deps := map[*issue][]roadmap.Dep{}
	addDep := func(succ, pred *issue, loc ingest.Location) {
		if succ.item == nil || pred.item == nil || succ.item == pred.item {
			return
		}
		for _, d := range deps[succ.item] {
			if d.Key == pred.item.Key {
				return
			}
		}
		deps[succ.item] = append(deps[succ.item], roadmap.Dep{Key: pred.item.Key, Loc: loc})
	}
	var dangling []string
	for _, is := range issues {
		for _, k := range is.BlocksOut {
			if q := byKey[k]; q != nil {
				addDep(q, is, is.loc(src.Name, "Outward issue link (Blocks)"))
			} else if is.item != nil {
				dangling = append(dangling, fmt.Sprintf("%s blocks %s", is.Key, k))
			}
		}
		for _, k := range is.BlockedBy {
			if q := byKey[k]; q != nil {
				addDep(is, q, is.loc(src.Name, "Inward issue link (Blocks)"))
			} else if is.item != nil {
				dangling = append(dangling, fmt.Sprintf("%s is blocked by %s", is.Key, k))
			}
		}
	}
	if len(dangling) > 0 {
		pv.Warnf(ingest.Location{File: src.Name, Field: "issue links (Blocks)"}, "%d blocking link(s) point to issues that are not in this file and are dropped: %s.", len(dangling), roadmap.ListSome(dangling, 8))
	}

	// Where an item's estimate belongs, for the warning when it has none.
	estCol := "Original Estimate"
	if len(issues) > 0 && issues[0].col != nil {
		for _, c := range []string{"Custom field (Story Points)", "Custom field (Story point estimate)", "Story Points", "Story point estimate", "Original Estimate"} {
			if issues[0].col(c) > 0 {
				estCol = c
				break
			}
		}
	}
	var rolled func(is *issue) int
	rolled = func(is *issue) int {
		n := 0
		for _, c := range is.children {
			if c.item == is.item {
				n += 1 + rolled(c)
			}
		}
		return n
	}

	anyTarget := false
	for _, it := range items {
		t := roadmap.Task{
			Key: it.Key, SourceKey: "jira:" + it.Key, ID: it.Key, Title: it.Summary,
			Team: teamOf(it), Status: it.status, Deps: deps[it], Loc: it.loc(src.Name, "Issue key"),
		}
		if strings.TrimSpace(t.Title) == "" {
			t.Title = it.Key
		}
		d, rem, has := effort(it)
		if has && d > plan.MaxEstimateDays {
			pv.Errorf(it.loc(src.Name, "Issue key"), "%s: its children's estimates add up to %.4g person-days, more than the %d a plan can mean. Correct the estimates in Jira and export again.", it.Key, d, plan.MaxEstimateDays)
			has = false
		}
		if has {
			t.Days, t.HasEstimate = d, true
			if it.status == plan.InProgress && rem < d {
				r := rem
				t.Remaining = &r
			}
		}
		if !has {
			t.EstimateLoc = it.loc(src.Name, estCol)
			t.NoEstimate = "no estimate (empty or 0)"
			if n := rolled(it); n > 0 {
				t.NoEstimate = fmt.Sprintf("no estimate (empty or 0) on it or on its %d child issue(s)", n)
			}
		}
		if epics {
			t.Count = countDesc(it)
		}
		if due, err := ParseDate(it.Due); err != nil {
			pv.Warnf(it.loc(src.Name, "Due date"), "%s: %v; no target is set.", it.Key, err)
		} else if !due.IsZero() {
			t.Target = due
			anyTarget = true
		}
		if it.status == plan.Done {
			if fin, err := ParseDate(it.Resolved); err != nil {
				pv.Warnf(it.loc(src.Name, "Resolved"), "%s: %v; no finish date is set.", it.Key, err)
			} else {
				t.FinishedOn = fin // zero when Jira has none: listed as done without a finish date
			}
		}
		for _, l := range it.Labels {
			t.Tags = append(t.Tags, l)
		}
		rs.Tasks = append(rs.Tasks, t)
	}
	switch {
	case pointsUsed > 0 && secondsUsed > 0:
		pv.Notes = append(pv.Notes, fmt.Sprintf("Estimates: story points × %g person-day(s) per point (%d issues), time estimates in seconds at %d hours a day (%d issues).", factor, pointsUsed, HoursPerDay, secondsUsed))
	case pointsUsed > 0:
		pv.Notes = append(pv.Notes, fmt.Sprintf("Estimates: story points × %g person-day(s) per point (mapping option points_to_days), from %d issues.", factor, pointsUsed))
	case secondsUsed > 0:
		pv.Notes = append(pv.Notes, fmt.Sprintf("Estimates: Jira time estimates (seconds) at %d hours a day, from %d issues.", HoursPerDay, secondsUsed))
	}
	pv.Notes = append(pv.Notes, "An item's estimate is its own estimate, or the sum of its children's. Commitment is \"planned\"; rank is the order in the file within each team.")
	if anyTarget {
		pv.Notes = append(pv.Notes, "Targets are the issues' Due dates.")
	}
	pv.Notes = append(pv.Notes, fmt.Sprintf("Read %d issues from the Jira %s export.", len(issues), format))
	rs.DefaultDays = roadmap.DefaultDaysFor(pv, &m)
	rs.Mapping = m
	roadmap.Build(pv, p, rs)
	return pv, nil
}

// plainLimit drops ErrImplausible's own words from a message.
func plainLimit(err error) string {
	return strings.TrimPrefix(err.Error(), ErrImplausible.Error()+": ")
}

func isEpic(t string) bool {
	switch strings.ToLower(strings.TrimSpace(t)) {
	case "epic", "épico", "epico", "épica":
		return true
	}
	return false
}

func isSubtask(t string) bool {
	t = strings.ToLower(strings.TrimSpace(t))
	return t == "sub-task" || t == "subtask" || t == "subtarefa" || t == "sub-tarefa"
}

func validStatus(s string) bool {
	switch s {
	case plan.NotStarted, plan.InProgress, plan.Done, plan.Cancelled:
		return true
	}
	return false
}
