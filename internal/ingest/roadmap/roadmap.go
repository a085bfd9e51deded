// Package roadmap maps tasks read from a planning tool (Jira, MS Project,
// GanttProject) onto a portfolio's teams, products, items and milestones.
// The format readers in internal/ingest/jira, msproject and gantt turn their
// files into a Source; Build previews the change and installs the apply
// function, so every roadmap importer matches, updates and reports the same way.
package roadmap

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// Task is one roadmap item as the source describes it.
type Task struct {
	Key         string  // unique within the source: issue key, task UID, task id
	SourceKey   string  // the item's Source, e.g. "jira:CS4483-54"
	ID          string  // preferred item id on first import ("" = derived from the title)
	Title       string  //
	Team        string  // team name; "" = Source.DefaultTeam
	Product     string  // product name; "" = none
	Days        float64 // single effort estimate in person-days, when HasEstimate
	HasEstimate bool    // false when the source gives no estimate, or an empty or zero one
	// EstimateLoc is where the estimate is (or should be) in the source, for
	// the warning when HasEstimate is false; the zero value means Loc.
	EstimateLoc ingest.Location
	// NoEstimate says why there is none, for that warning, e.g. "Duration is 0"
	// or "no estimate on it or its 6 child issues"; "" means "no estimate".
	NoEstimate string
	Count      int       // stories under an epic, for throughput forecasting
	Status     string    // a plan status
	Remaining  *float64  // most likely remaining effort, person-days
	StartNET   plan.Date // start no earlier than
	Target     plan.Date
	// StartedOn and FinishedOn are the actual dates the source records
	// (zero = it records none; nothing is guessed). A finish date counts
	// only for a done task, a start date only for a started one.
	StartedOn  plan.Date
	FinishedOn plan.Date
	Deps       []Dep
	Tags       []string
	Loc        ingest.Location
}

// Dep is a finish-to-start dependency on another task of the same source, by key.
type Dep struct {
	Key     string
	LagDays int
	Loc     ingest.Location
}

// Milestone is a dated milestone that depends on tasks, by key.
type Milestone struct {
	Key  string
	Name string
	Date plan.Date
	Deps []string
	Loc  ingest.Location
}

// Source is a whole file mapped into neutral tasks, ready to be merged.
type Source struct {
	Kind     ingest.Kind
	File     string
	Prefixes []string // Source prefixes this file owns (for remove_missing), e.g. "jira:CS4483-"
	Mapping  plan.ImportMapping
	// DefaultTeam owns tasks that name no team; DefaultTeamSize is its headcount when created.
	DefaultTeam     string
	DefaultTeamSize int
	TeamSize        map[string]int // team name → distinct people seen (headcount of a created team)
	Tasks           []Task
	Milestones      []Milestone
	Holidays        []plan.Holiday // non-working days the source's calendar proposes
	ApplyHolidays   bool           // add Holidays to the portfolio calendar (mapping option holidays=apply)
	RemoveMissing   bool           // remove items this file owned that it no longer lists
	Spread          ingest.Spread
	// DefaultDays is the effort, in person-days, given to an open task with
	// no estimate (mapping option default_estimate_days, see DefaultDaysFor);
	// 0 leaves such tasks without an estimate, with a warning at each.
	DefaultDays float64
}

// OptionDefaultDays is the mapping option that gives tasks without an
// estimate a default effort in person-days.
const OptionDefaultDays = "default_estimate_days"

// maxLocatedWarnings bounds the warnings written one per task for a rule
// many tasks break at once; the rest are counted in a summary warning.
const maxLocatedWarnings = 25

// DefaultDaysFor returns the default estimate the mapping asks for
// (OptionDefaultDays, person-days, more than 0 and at most
// plan.MaxEstimateDays), or 0 when it is unset. A value that is not such a
// number is reported on pv and ignored.
func DefaultDaysFor(pv *ingest.Preview, m *plan.ImportMapping) float64 {
	s := strings.TrimSpace(m.Options[OptionDefaultDays])
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || !(v > 0) || v > plan.MaxEstimateDays {
		pv.Errorf(ingest.Location{File: pv.File, Field: "mapping option " + OptionDefaultDays}, "%s=%q is not a number of person-days above 0 and at most %d; correct it or remove it from the mapping.", OptionDefaultDays, s, plan.MaxEstimateDays)
		return 0
	}
	return v
}

// Team defaults for a team an import creates: the director should check them.
const (
	NewTeamAllocation = 0.8
	NewTeamFocus      = 0.7
	NewTeamWIP        = 2
)

// MappingFor returns the mapping to use for a source with the given id:
// the one saved in p (or a new empty one) with every field, option and
// value of opts.Mapping laid over it. The result is a copy the caller may change.
func MappingFor(p *plan.Portfolio, opts ingest.Options, id string, kind ingest.Kind) plan.ImportMapping {
	var m plan.ImportMapping
	for _, s := range p.ImportMappings {
		if s.ID == id {
			m = copyMapping(s)
		}
	}
	m.ID = id
	m.Kind = string(kind)
	if m.Fields == nil {
		m.Fields = map[string]string{}
	}
	if m.Options == nil {
		m.Options = map[string]string{}
	}
	if m.Values == nil {
		m.Values = map[string]string{}
	}
	if o := opts.Mapping; o != nil { // what the user sets wins, key by key
		for k, v := range o.Fields {
			m.Fields[k] = v
		}
		for k, v := range o.Options {
			m.Options[k] = v
		}
		for k, v := range o.Values {
			m.Values[k] = v
		}
	}
	return m
}

func copyMapping(m plan.ImportMapping) plan.ImportMapping {
	m.Fields, m.Values, m.Options = maps.Clone(m.Fields), maps.Clone(m.Values), maps.Clone(m.Options)
	return m
}

// SpreadFor returns the spread to apply: opts.Spread, else the mapping's
// spread_low/spread_high options, else ingest.DefaultSpread. It records the
// spread used in the mapping.
func SpreadFor(opts ingest.Options, m *plan.ImportMapping) ingest.Spread {
	s := ingest.DefaultSpread
	if opts.Spread != nil {
		s = *opts.Spread
	} else {
		if v, err := strconv.ParseFloat(m.Options["spread_low"], 64); err == nil && v >= 0 && v < 1 {
			s.Low = v
		}
		if v, err := strconv.ParseFloat(m.Options["spread_high"], 64); err == nil && v >= 0 && v <= 10 {
			s.High = v
		}
	}
	m.Options["spread_low"] = strconv.FormatFloat(s.Low, 'f', -1, 64)
	m.Options["spread_high"] = strconv.FormatFloat(s.High, 'f', -1, 64)
	return s
}

// Option reports whether a boolean mapping option is set ("true", "yes", "1", "apply").
func Option(m *plan.ImportMapping, name string) bool {
	switch strings.ToLower(strings.TrimSpace(m.Options[name])) {
	case "true", "yes", "1", "apply", "on":
		return true
	}
	return false
}

// Build previews merging src into p: it fills pv's changes, problems and
// notes from a trial merge on a copy of p (validated), and installs the
// apply function, which repeats the merge on the portfolio being written.
func Build(pv *ingest.Preview, p *plan.Portfolio, src *Source) {
	if !fits(pv, src) {
		return
	}
	trial := p.Clone()
	res := merge(trial, src)
	pv.Changes = append(pv.Changes, res.changes...)
	pv.Problems = append(pv.Problems, res.problems...)
	pv.Notes = append(pv.Notes, res.notes...)
	m := src.Mapping
	pv.Mapping = &m
	if cyc := trial.DependencyCycle(); cyc != nil {
		pv.Errorf(ingest.Location{File: src.File}, "the file's dependencies form a cycle: %s. Remove one of these links in the source and import again.", describeCycle(trial, cyc))
	}
	if err := trial.Validate(); err != nil {
		if pe, ok := err.(*plan.Error); ok {
			for _, vp := range pe.Problems {
				if strings.HasPrefix(vp.Message, "Dependency cycle") {
					continue
				}
				pv.Errorf(ingest.Location{File: src.File}, "after import, %s", vp.String())
			}
		} else {
			pv.Errorf(ingest.Location{File: src.File}, "after import the portfolio is not valid: %v", err)
		}
	}
	pv.SetApply(func(q *plan.Portfolio) error {
		merge(q, src)
		return nil
	})
}

// fits checks the names a source brings against plan.Validate's limits and
// reports each one that is too long at its task or milestone, so the error
// points at the source rather than at the portfolio after the merge. The
// format readers check their own cells first; this is the net under them.
func fits(pv *ingest.Preview, src *Source) bool {
	ok := true
	check := func(loc ingest.Location, what, s string, max int) {
		if len(s) <= max {
			return
		}
		if n := utf8.RuneCountInString(s); n > max {
			pv.Errorf(loc, "the %s is %d characters long; at most %d are allowed.", what, n, max)
			ok = false
		}
	}
	for i := range src.Tasks {
		t := &src.Tasks[i]
		check(t.Loc, "title", t.Title, plan.MaxTitle)
		check(t.Loc, "team name", t.Team, plan.MaxTitle)
		check(t.Loc, "product name", t.Product, plan.MaxTitle)
		check(t.Loc, "source key", t.SourceKey, plan.MaxTitle)
		for _, tag := range t.Tags {
			check(t.Loc, "label", tag, plan.MaxTitle)
		}
		if t.HasEstimate && !(t.Days >= 0 && t.Days <= plan.MaxEstimateDays) {
			pv.Errorf(t.Loc, "an estimate of %g person-days is more than the %d a plan can mean.", t.Days, plan.MaxEstimateDays)
			ok = false
		}
		for _, d := range t.Deps {
			if d.LagDays > plan.MaxDays {
				pv.Errorf(d.Loc, "a lag of %d working days is more than the %d (about 20 years) a plan can mean.", d.LagDays, plan.MaxDays)
				ok = false
			}
		}
	}
	check(ingest.Location{File: src.File}, "default team name", src.DefaultTeam, plan.MaxTitle)
	for _, m := range src.Milestones {
		check(m.Loc, "milestone name", m.Name, plan.MaxTitle)
	}
	for _, h := range src.Holidays {
		check(ingest.Location{File: src.File, Field: "calendar " + h.Date.String()}, "holiday name", h.Name, plan.MaxTitle)
	}
	return ok
}

func describeCycle(p *plan.Portfolio, cyc []string) string {
	parts := make([]string, len(cyc))
	for i, id := range cyc {
		parts[i] = id
		if it := p.Item(id); it != nil && it.Source != "" {
			parts[i] = fmt.Sprintf("%s (%s)", id, it.Source)
		}
	}
	return strings.Join(parts, " → ")
}

type result struct {
	changes  []ingest.Change
	problems []ingest.Problem
	notes    []string
}

func (r *result) warn(loc ingest.Location, format string, args ...any) {
	r.problems = append(r.problems, ingest.Problem{Location: loc, Severity: ingest.SevWarning, Message: fmt.Sprintf(format, args...)})
}

func (r *result) change(action, entity, id, summary string) {
	r.changes = append(r.changes, ingest.Change{Action: action, Entity: entity, ID: id, Summary: summary})
}

// merge changes p in place to hold src. It is deterministic: the preview
// and the apply run it on equal portfolios and get equal results.
func merge(p *plan.Portfolio, src *Source) *result {
	r := &result{}
	m := copyMapping(src.Mapping)
	if m.Values == nil {
		m.Values = map[string]string{}
	}

	// Teams.
	teamID := map[string]string{} // team name → id
	var created []string
	teamOf := func(t *Task) string {
		if t.Team != "" {
			return t.Team
		}
		return src.DefaultTeam
	}
	for i := range src.Tasks {
		name := teamOf(&src.Tasks[i])
		if _, ok := teamID[name]; ok {
			continue
		}
		if id := findTeam(p, name); id != "" {
			teamID[name] = id
			continue
		}
		size := src.TeamSize[name]
		if name == src.DefaultTeam && src.DefaultTeamSize > size {
			size = src.DefaultTeamSize
		}
		if size < 1 {
			size = 1
		}
		id := newID(name, "team", func(s string) bool { return p.Team(s) != nil })
		p.Teams = append(p.Teams, plan.Team{
			ID: id, Name: name, Headcount: float64(size),
			Allocation: NewTeamAllocation, FocusFactor: NewTeamFocus, WIPLimit: NewTeamWIP,
			CostPerFTEMonth: plan.Money{Currency: p.Currency},
		})
		teamID[name] = id
		created = append(created, name)
		r.change("add", "team", id, fmt.Sprintf("%s: headcount %d, allocation 80%%, focus 70%%, WIP 2, cost 0 %s per FTE-month", name, size, p.Currency))
	}
	if len(created) > 0 {
		r.notes = append(r.notes, fmt.Sprintf("Created %d team(s) (%s) with headcount = people seen in the file (at least 1), allocation 80%%, focus factor 70%%, WIP limit 2 and cost 0 %s: check and correct them on the Teams screen.", len(created), strings.Join(created, ", "), p.Currency))
	}

	// Products.
	productID := map[string]string{}
	for i := range src.Tasks {
		name := src.Tasks[i].Product
		if name == "" {
			continue
		}
		if _, ok := productID[name]; ok {
			continue
		}
		for _, pr := range p.Products {
			if strings.EqualFold(pr.Name, name) {
				productID[name] = pr.ID
			}
		}
		if productID[name] == "" {
			id := newID(name, "product", func(s string) bool { return p.Product(s) != nil })
			p.Products = append(p.Products, plan.Product{ID: id, Name: name})
			productID[name] = id
			r.change("add", "product", id, name)
		}
	}

	// Item ids: existing items are matched by Source.
	bySource := map[string]int{}
	for i, it := range p.Items {
		if it.Source != "" {
			bySource[it.Source] = i
		}
	}
	keyID := map[string]string{} // task key → item id
	owned := map[string]bool{}   // item ids this source owns after the merge
	used := make(map[string]bool, len(p.Items)+len(src.Tasks))
	for _, it := range p.Items {
		used[it.ID] = true
	}
	idTaken := func(s string) bool { return used[s] }
	for i := range src.Tasks {
		t := &src.Tasks[i]
		if j, ok := bySource[t.SourceKey]; ok {
			keyID[t.Key] = p.Items[j].ID
			continue
		}
		want := t.ID
		if !validID(want) {
			name := t.ID
			if name == "" {
				name = t.Title
			}
			want = plan.NewID(name, nil)
			if want == "x" {
				want = plan.NewID("task-"+t.Key, nil)
			}
		}
		id := want
		for n := 2; idTaken(id); n++ {
			id = fmt.Sprintf("%s-%d", want, n)
		}
		used[id] = true
		keyID[t.Key] = id
	}
	for _, id := range keyID {
		owned[id] = true
	}

	// Ranks continue after the items of each team that this source does not own.
	nextRank := map[string]int{}
	for _, it := range p.Items {
		if !owned[it.ID] && it.Rank > nextRank[it.TeamID] {
			nextRank[it.TeamID] = it.Rank
		}
	}

	spread := src.Spread
	var noEstimate, defaulted []*Task
	newItems := 0
	for i := range src.Tasks {
		t := &src.Tasks[i]
		tid := teamID[teamOf(t)]
		est := plan.Estimate{Count: t.Count}
		open := t.Status != plan.Done && t.Status != plan.Cancelled
		days, hasEst := t.Days, t.HasEstimate
		if !hasEst && open && !keepsEstimate(p, bySource, t) {
			if src.DefaultDays > 0 {
				days, hasEst = src.DefaultDays, true
				defaulted = append(defaulted, t)
			} else {
				noEstimate = append(noEstimate, t)
			}
		}
		if hasEst {
			est.Likely = roundDays(days)
			est.Low = roundDays(days * (1 - spread.Low))
			est.High = roundDays(days * (1 + spread.High))
		}
		var deps []plan.Dependency
		seen := map[string]int{}
		for _, d := range t.Deps {
			did, ok := keyID[d.Key]
			if !ok {
				r.warn(d.Loc, "%s depends on %s, which is not imported; the dependency is dropped.", t.Key, d.Key)
				continue
			}
			if did == keyID[t.Key] {
				r.warn(d.Loc, "%s depends on itself; the link is dropped.", t.Key)
				continue
			}
			if k, dup := seen[did]; dup {
				if d.LagDays > deps[k].LagDays {
					deps[k].LagDays = d.LagDays
				}
				continue
			}
			seen[did] = len(deps)
			deps = append(deps, plan.Dependency{ItemID: did, LagDays: max(0, d.LagDays)})
		}
		if j, ok := bySource[t.SourceKey]; ok {
			it := &p.Items[j]
			// Keep dependencies the user added on items this file does not own.
			for _, d := range it.DependsOn {
				if !owned[d.ItemID] {
					if _, dup := seen[d.ItemID]; !dup {
						deps = append(deps, d)
					}
				}
			}
			var diffs []string
			if it.Title != t.Title {
				diffs = append(diffs, fmt.Sprintf("title %q → %q", it.Title, t.Title))
				it.Title = t.Title
			}
			if !hasEst { // keep an estimate set in Steerco
				est.Low, est.Likely, est.High = it.Estimate.Low, it.Estimate.Likely, it.Estimate.High
			}
			if it.Estimate != est {
				diffs = append(diffs, fmt.Sprintf("estimate %s → %s", FormatEstimate(it.Estimate), FormatEstimate(est)))
				it.Estimate = est
			}
			if it.Status != t.Status {
				diffs = append(diffs, fmt.Sprintf("status %s → %s", it.Status, t.Status))
				it.SetStatus(t.Status, 0) // no date guessed: the source's, below, or none
			}
			if st, fin := actualDates(t); (st != 0 && st != it.StartedOn) || (fin != 0 && fin != it.FinishedOn) {
				if st != 0 && st != it.StartedOn {
					diffs = append(diffs, fmt.Sprintf("started %s → %s", orNone(it.StartedOn), st))
					it.StartedOn = st
				}
				if fin != 0 && fin != it.FinishedOn {
					diffs = append(diffs, fmt.Sprintf("finished %s → %s", orNone(it.FinishedOn), fin))
					it.FinishedOn = fin
				}
			}
			if !sameRemaining(it.Remaining, t.Remaining) {
				diffs = append(diffs, fmt.Sprintf("remaining %s → %s", fmtRemaining(it.Remaining), fmtRemaining(t.Remaining)))
				it.Remaining = copyFloat(t.Remaining)
			}
			if !t.Target.IsZero() && it.Target != t.Target {
				diffs = append(diffs, fmt.Sprintf("target %s → %s", orNone(it.Target), t.Target))
				it.Target = t.Target
			}
			if !t.StartNET.IsZero() && it.StartNoEarlierThan != t.StartNET {
				diffs = append(diffs, fmt.Sprintf("start no earlier than %s → %s", orNone(it.StartNoEarlierThan), t.StartNET))
				it.StartNoEarlierThan = t.StartNET
			}
			if !sameDeps(it.DependsOn, deps) {
				diffs = append(diffs, fmt.Sprintf("dependencies %s → %s", fmtDeps(it.DependsOn), fmtDeps(deps)))
				it.DependsOn = deps
			}
			if len(diffs) > 0 {
				r.change("change", "item", it.ID, it.ID+" "+it.Title+": "+strings.Join(diffs, "; "))
			}
			continue
		}
		nextRank[tid]++
		it := plan.Item{
			ID: keyID[t.Key], Title: t.Title, ProductID: productID[t.Product], TeamID: tid,
			Estimate: est, Remaining: copyFloat(t.Remaining), Rank: nextRank[tid], Status: t.Status,
			StartNoEarlierThan: t.StartNET, Target: t.Target, Commitment: plan.Planned,
			Tags: slices.Clone(t.Tags), DependsOn: deps, Source: t.SourceKey,
		}
		it.StartedOn, it.FinishedOn = actualDates(t)
		p.Items = append(p.Items, it)
		newItems++
		sum := fmt.Sprintf("%s %s: team %s, estimate %s, %s", it.ID, it.Title, tid, FormatEstimate(est), it.Status)
		if !it.Target.IsZero() {
			sum += ", target " + it.Target.String()
		}
		if len(deps) > 0 {
			sum += ", after " + fmtDeps(deps)
		}
		r.change("add", "item", it.ID, sum)
	}
	r.estimateWarnings(src, noEstimate, defaulted)
	if spread.Low != 0 || spread.High != 0 {
		r.notes = append(r.notes, fmt.Sprintf("Single estimates are spread into three points: low = likely − %g %%, high = likely + %g %% (change the spread in the mapping).", spread.Low*100, spread.High*100))
	}

	// Items this file owned before but no longer lists.
	var missing []string
	listed := map[string]bool{}
	for i := range src.Tasks {
		listed[src.Tasks[i].SourceKey] = true
	}
	for _, it := range p.Items {
		if it.Source == "" || listed[it.Source] || !hasPrefix(it.Source, src.Prefixes) {
			continue
		}
		missing = append(missing, it.ID)
	}
	if len(missing) > 0 {
		if src.RemoveMissing {
			for _, id := range missing {
				it := p.Item(id)
				r.change("remove", "item", id, fmt.Sprintf("%s %s: no longer in %s", id, it.Title, src.File))
			}
			removeItems(p, missing)
		} else {
			r.warn(ingest.Location{File: src.File}, "%d item(s) imported earlier from this source are no longer in the file and are kept: %s. Set the mapping option remove_missing=true to remove them.", len(missing), listSome(missing, 12))
		}
	}

	// Milestones.
	for _, ms := range src.Milestones {
		var deps []string
		for _, k := range ms.Deps {
			id, ok := keyID[k]
			if !ok {
				r.warn(ms.Loc, "milestone %s depends on %s, which is not imported; the dependency is dropped.", ms.Name, k)
				continue
			}
			if !slices.Contains(deps, id) {
				deps = append(deps, id)
			}
		}
		sort.Strings(deps)
		vkey := "milestone:" + ms.Key
		var cur *plan.Milestone
		if id := m.Values[vkey]; id != "" {
			for i := range p.Milestones {
				if p.Milestones[i].ID == id {
					cur = &p.Milestones[i]
				}
			}
		}
		if ms.Date.IsZero() {
			r.warn(ms.Loc, "milestone %s has no date; it is not imported.", ms.Name)
			continue
		}
		if cur == nil {
			id := newID(ms.Name, plan.NewID("milestone-"+ms.Key, nil), func(s string) bool { return milestoneTaken(p, s) })
			p.Milestones = append(p.Milestones, plan.Milestone{ID: id, Name: ms.Name, Date: ms.Date, DependsOn: deps})
			m.Values[vkey] = id
			sum := fmt.Sprintf("%s: %s", ms.Name, ms.Date)
			if len(deps) > 0 {
				sum += ", after " + strings.Join(deps, ", ")
			}
			r.change("add", "milestone", id, sum)
			continue
		}
		var diffs []string
		if cur.Name != ms.Name {
			diffs = append(diffs, fmt.Sprintf("name %q → %q", cur.Name, ms.Name))
			cur.Name = ms.Name
		}
		if cur.Date != ms.Date {
			diffs = append(diffs, fmt.Sprintf("date %s → %s", cur.Date, ms.Date))
			cur.Date = ms.Date
		}
		old := slices.Clone(cur.DependsOn)
		sort.Strings(old)
		if !slices.Equal(old, deps) {
			diffs = append(diffs, fmt.Sprintf("depends on %s → %s", strings.Join(old, ", "), strings.Join(deps, ", ")))
			cur.DependsOn = deps
		}
		if len(diffs) > 0 {
			r.change("change", "milestone", cur.ID, cur.Name+": "+strings.Join(diffs, "; "))
		}
	}

	// Holidays.
	if len(src.Holidays) > 0 {
		have := map[plan.Date]bool{}
		for _, h := range p.Calendar.Holidays {
			have[h.Date] = true
		}
		var add []plan.Holiday
		for _, h := range src.Holidays {
			if !have[h.Date] {
				have[h.Date] = true
				add = append(add, h)
			}
		}
		switch {
		case len(add) == 0:
		case src.ApplyHolidays:
			p.Calendar.Holidays = append(p.Calendar.Holidays, add...)
			p.Calendar.SortHolidays()
			r.change("add", "holiday", "", fmt.Sprintf("%d non-working day(s) from the file's calendar, %s to %s", len(add), add[0].Date, add[len(add)-1].Date))
		default:
			r.notes = append(r.notes, fmt.Sprintf("The file's calendar has %d non-working day(s) the portfolio calendar lacks (%s to %s, e.g. %s); they are not added. Set the mapping option holidays=apply to add them.", len(add), add[0].Date, add[len(add)-1].Date, describeHolidays(add, 3)))
		}
	}

	// The mapping, saved for next time.
	saveMapping(p, m, r)
	return r
}

// keepsEstimate reports whether t matches an item that already has an
// estimate set in Steerco, which an import without one keeps.
func keepsEstimate(p *plan.Portfolio, bySource map[string]int, t *Task) bool {
	j, ok := bySource[t.SourceKey]
	if !ok {
		return false
	}
	e := p.Items[j].Estimate
	return e.Low > 0 || e.Likely > 0 || e.High > 0
}

// estimateWarnings warns, at each task's estimate in the source, about open
// tasks imported without an estimate (or given the default), and offers the
// mapping option. An item without an estimate is never given 0 days
// silently: plan and the forecast treat 0/0/0 as "no estimate".
func (r *result) estimateWarnings(src *Source, none, defaulted []*Task) {
	where := func(t *Task) ingest.Location {
		if t.EstimateLoc != (ingest.Location{}) {
			return t.EstimateLoc
		}
		return t.Loc
	}
	why := func(t *Task) string {
		if t.NoEstimate != "" {
			return t.NoEstimate
		}
		return "no estimate"
	}
	keys := func(ts []*Task) []string {
		out := make([]string, len(ts))
		for i, t := range ts {
			out[i] = t.Key
		}
		return out
	}
	for i, t := range none {
		if i == maxLocatedWarnings {
			break
		}
		r.warn(where(t), "%s %s: %s; it is imported without an estimate, which the forecast counts as no work (set the mapping option %s to use a default).", t.Key, t.Title, why(t), OptionDefaultDays)
	}
	if n := len(none); n > 0 {
		r.warn(ingest.Location{File: src.File}, "%d open item(s) have no estimate in the file (empty or 0): %s. They are imported without an estimate, so the forecast treats them as no work until they get one. Set the mapping option %s (for example %s=5) to give each of them that many person-days, spread like the other estimates, or enter their estimates on the Roadmap.", n, listSome(keys(none), 12), OptionDefaultDays, OptionDefaultDays)
	}
	for i, t := range defaulted {
		if i == maxLocatedWarnings {
			break
		}
		r.warn(where(t), "%s %s: %s; the default of %s person-days (mapping option %s) is used.", t.Key, t.Title, why(t), FormatDays(src.DefaultDays), OptionDefaultDays)
	}
	if n := len(defaulted); n > 0 {
		r.notes = append(r.notes, fmt.Sprintf("%d open item(s) with no estimate in the file get the default of %s person-days (mapping option %s): %s.", n, FormatDays(src.DefaultDays), OptionDefaultDays, listSome(keys(defaulted), 12)))
	}
}

func saveMapping(p *plan.Portfolio, m plan.ImportMapping, r *result) {
	for i := range p.ImportMappings {
		if p.ImportMappings[i].ID == m.ID {
			if !sameMapping(p.ImportMappings[i], m) {
				p.ImportMappings[i] = m
				r.change("change", "import mapping", m.ID, "saved mapping updated")
			}
			return
		}
	}
	p.ImportMappings = append(p.ImportMappings, m)
	r.change("add", "import mapping", m.ID, "mapping saved for the next import of this source")
}

func sameMapping(a, b plan.ImportMapping) bool {
	eq := func(x, y map[string]string) bool {
		if len(x) != len(y) {
			return false
		}
		for k, v := range x {
			if w, ok := y[k]; !ok || w != v {
				return false
			}
		}
		return true
	}
	return a.ID == b.ID && a.Kind == b.Kind && eq(a.Fields, b.Fields) && eq(a.Values, b.Values) && eq(a.Options, b.Options)
}

// newID derives an id from a name, or from fallback when the name has no
// ASCII letters or digits (Hangul, for instance), unique by taken.
func newID(name, fallback string, taken func(string) bool) string {
	base := plan.NewID(name, nil)
	if base == "x" && !strings.EqualFold(strings.TrimSpace(name), "x") {
		base = fallback
	}
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

func findTeam(p *plan.Portfolio, name string) string {
	for _, t := range p.Teams {
		if strings.EqualFold(strings.TrimSpace(t.Name), strings.TrimSpace(name)) {
			return t.ID
		}
	}
	for _, t := range p.Teams {
		if t.ID == name {
			return t.ID
		}
	}
	return ""
}

func milestoneTaken(p *plan.Portfolio, id string) bool {
	for _, m := range p.Milestones {
		if m.ID == id {
			return true
		}
	}
	return false
}

// removeItems deletes items and every reference to them.
func removeItems(p *plan.Portfolio, ids []string) {
	gone := map[string]bool{}
	for _, id := range ids {
		gone[id] = true
	}
	items := p.Items[:0]
	for _, it := range p.Items {
		if !gone[it.ID] {
			items = append(items, it)
		}
	}
	p.Items = items
	for i := range p.Items {
		p.Items[i].DependsOn = slices.DeleteFunc(p.Items[i].DependsOn, func(d plan.Dependency) bool { return gone[d.ItemID] })
	}
	for i := range p.Milestones {
		p.Milestones[i].DependsOn = slices.DeleteFunc(p.Milestones[i].DependsOn, func(s string) bool { return gone[s] })
	}
	for i := range p.Risks {
		p.Risks[i].Items = slices.DeleteFunc(p.Risks[i].Items, func(s string) bool { return gone[s] })
	}
}

func validID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
			return false
		}
	}
	return true
}

func hasPrefix(s string, ps []string) bool {
	for _, p := range ps {
		if p != "" && strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// roundDays rounds person-days the way every estimate an import makes is
// rounded: to 1/10,000 of a day.
func roundDays(f float64) float64 { return math.Round(f*1e4) / 1e4 }

// RemainingAt is the most likely remaining effort of a task of days
// person-days that a schedule (MS Project, GanttProject) says is pct
// percent complete: days × (1 − pct/100), rounded as roundDays.
func RemainingAt(days, pct float64) *float64 {
	r := roundDays(days * (1 - pct/100))
	return &r
}

// FormatEstimate renders "6/8/12 days", or "none" for an estimate of 0/0/0
// (which plan and the forecast read as no estimate).
func FormatEstimate(e plan.Estimate) string {
	s := fmt.Sprintf("%s/%s/%s days", FormatDays(e.Low), FormatDays(e.Likely), FormatDays(e.High))
	if e.Low == 0 && e.Likely == 0 && e.High == 0 {
		s = "none"
	}
	if e.Count > 0 {
		s += fmt.Sprintf(" (%d stories)", e.Count)
	}
	return s
}

// FormatDays renders a number of days without trailing zeros.
func FormatDays(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func copyFloat(f *float64) *float64 {
	if f == nil {
		return nil
	}
	v := *f
	return &v
}

func sameRemaining(a, b *float64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func fmtRemaining(a *float64) string {
	if a == nil {
		return "whole estimate"
	}
	return FormatDays(*a) + " days"
}

func orNone(d plan.Date) string {
	if d.IsZero() {
		return "none"
	}
	return d.String()
}

func sameDeps(a, b []plan.Dependency) bool {
	x := slices.Clone(a)
	y := slices.Clone(b)
	less := func(p, q plan.Dependency) int { return strings.Compare(p.ItemID, q.ItemID) }
	slices.SortFunc(x, less)
	slices.SortFunc(y, less)
	return slices.Equal(x, y)
}

func fmtDeps(ds []plan.Dependency) string {
	if len(ds) == 0 {
		return "none"
	}
	parts := make([]string, len(ds))
	for i, d := range ds {
		parts[i] = d.ItemID
		if d.LagDays > 0 {
			parts[i] += fmt.Sprintf(" +%dd", d.LagDays)
		}
	}
	return strings.Join(parts, ", ")
}

func listSome(xs []string, n int) string {
	if len(xs) <= n {
		return strings.Join(xs, ", ")
	}
	return strings.Join(xs[:n], ", ") + fmt.Sprintf(" and %d more", len(xs)-n)
}

func describeHolidays(hs []plan.Holiday, n int) string {
	var parts []string
	for i, h := range hs {
		if i == n {
			break
		}
		s := h.Date.String()
		if h.Name != "" {
			s += " " + h.Name
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// ListSome joins up to n strings and says how many more there are.
func ListSome(xs []string, n int) string { return listSome(xs, n) }

// actualDates returns the task's actual dates that fit its status: a start
// for a started or done task, a finish for a done one, and no finish before
// the start (then only the finish is kept).
func actualDates(t *Task) (started, finished plan.Date) {
	if t.Status == plan.InProgress || t.Status == plan.Done {
		started = t.StartedOn
	}
	if t.Status == plan.Done {
		finished = t.FinishedOn
	}
	if started != 0 && finished != 0 && finished < started {
		started = 0
	}
	return started, finished
}
