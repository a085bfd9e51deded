// Package delivery imports deployments, changes and incidents — the
// records the four DORA keys are computed from (internal/delivery) — from
// CSV or JSON files.
//
// It reads Steerco's own simple shapes (documented in the README, "Importing
// delivery data"):
//
//   - one CSV with a type column: type,id,service,time,end_time,failed,deployment
//     (type is deployment, change or incident; time is when it was deployed,
//     committed or started; end_time is when a change was deployed or an
//     incident resolved);
//   - or one CSV per record type, recognised by its columns: deployed_at (+ failed),
//     committed_at + deployed_at (or deployment), started_at + resolved_at;
//   - JSON: {"deployments":[…],"changes":[…],"incidents":[…]} with the field
//     names of plan.Deployment, plan.Change and plan.Incident.
//
// and the shapes real tools write (see shared/realdata/dora): Apache DevLake's
// cicd_deployment_commits table and its raw PagerDuty incidents table, a
// Gearset deployment log with its pull requests (a Python-repr list), and a
// hand-kept release sheet (version, deployment dates, failure flag; headers
// are matched tolerantly, so "pirmaryDeployment" is understood). The
// Four Keys events_raw BigQuery schema is refused: it holds no events.
//
// Ids are stable — the source's own ids, or a hash of the row when it has
// none — so importing the same file twice changes nothing. Records already
// in the portfolio with the same id are replaced; nothing is removed.
package delivery

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	dora "steerco/internal/delivery"
	"steerco/internal/figure"
	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// Preview reads src and describes which deployments, changes and incidents
// it adds to or changes in p. It returns a *ingest.ParseError when src is
// not a delivery file at all (not CSV or JSON, an unknown layout, the Four
// Keys schema); row-level trouble goes into the preview's Problems.
func Preview(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options) (*ingest.Preview, error) {
	if err := ingest.CheckSize(src, "split it into smaller files"); err != nil {
		return nil, err
	}
	if p == nil {
		p = &plan.Portfolio{}
	}
	pv := &ingest.Preview{Kind: ingest.Delivery, File: src.Name}
	r := &reader{pv: pv, file: src.Name, opts: opts, ids: map[string]int{}}
	var err error
	if trimmed := bytes.TrimLeft(bytes.TrimPrefix(src.Data, []byte("\xEF\xBB\xBF")), " \t\r\n"); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		err = r.readJSON(ctx, trimmed)
	} else {
		err = r.readCSV(ctx, src.Data, p)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r.link(p)
	r.countImported()
	r.diff(p)
	r.summarise()
	return pv, nil
}

// reader collects the records of one file.
type reader struct {
	pv    *ingest.Preview
	file  string
	opts  ingest.Options
	shape string // which layout was recognised, e.g. "gearset"

	deps      []plan.Deployment
	changes   []plan.Change
	incidents []plan.Incident
	where     map[string]ingest.Location // record key ("deployment:id") → where it was read
	ids       map[string]int             // record key → index in its list

	fields map[string]string // portfolio field → source column, saved in the mapping
}

func (r *reader) loc(row, col int, field string) ingest.Location {
	return ingest.Location{File: r.file, Row: row, Column: col, Field: field}
}

// addDeployment records d read at loc. A repeated id with identical content
// is skipped as a duplicate; with different content it is an error.
func (r *reader) addDeployment(d plan.Deployment, at ingest.Location) {
	if !r.fits(at, "deployment", d.ID, d.Service) {
		return
	}
	if r.dup("deployment", d.ID, at, func(i int) bool { return sameDeployment(r.deps[i], d) }) {
		return
	}
	r.ids["deployment:"+d.ID] = len(r.deps)
	r.deps = append(r.deps, d)
}

func (r *reader) addChange(c plan.Change, at ingest.Location) {
	if !r.fits(at, "change", c.ID, c.Service) {
		return
	}
	if r.dup("change", c.ID, at, func(i int) bool { return sameChange(r.changes[i], c) }) {
		return
	}
	r.ids["change:"+c.ID] = len(r.changes)
	r.changes = append(r.changes, c)
}

func (r *reader) addIncident(in plan.Incident, at ingest.Location) {
	if !r.fits(at, "incident", in.ID, in.Service, in.Title, in.Severity) {
		return
	}
	if r.dup("incident", in.ID, at, func(i int) bool { return sameIncident(r.incidents[i], in) }) {
		return
	}
	r.ids["incident:"+in.ID] = len(r.incidents)
	r.incidents = append(r.incidents, in)
}

// fits reports whether a record's id and text are within plan.Validate's
// limits, and adds an error at the record's row when they are not.
func (r *reader) fits(at ingest.Location, entity, id string, text ...string) bool {
	if len(id) > plan.MaxID {
		r.pv.Errorf(at, "the %s id %.20q… is %d characters long; at most %d are allowed", entity, id, len(id), plan.MaxID)
		return false
	}
	for _, s := range text {
		if n := utf8.RuneCountInString(s); n > plan.MaxTitle {
			r.pv.Errorf(at, "%s %s: a text of %d characters (%.20q…); at most %d are allowed", entity, id, n, s, plan.MaxTitle)
			return false
		}
	}
	return true
}

func (r *reader) dup(entity, id string, at ingest.Location, same func(i int) bool) bool {
	key := entity + ":" + id
	if r.where == nil {
		r.where = map[string]ingest.Location{}
	}
	if i, ok := r.ids[key]; ok {
		first := r.where[key]
		if same(i) {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: fmt.Sprintf("the same %s %s as %s (duplicate)", entity, id, place(first))})
		} else {
			r.pv.Errorf(at, "%s id %s is used twice with different contents (first at %s); give each %s its own id", entity, id, place(first), entity)
		}
		return true
	}
	r.where[key] = at
	return false
}

// link fills a change's deployment time from the deployment it names (in
// the file or already in the portfolio), then drops changes that still have
// no deploy time or were deployed before they were committed, with a located
// problem each.
func (r *reader) link(p *plan.Portfolio) {
	deployed := map[string]time.Time{}
	for _, d := range p.Deployments {
		deployed[d.ID] = d.DeployedAt
	}
	for _, d := range r.deps {
		deployed[d.ID] = d.DeployedAt
	}
	kept := r.changes[:0]
	for _, c := range r.changes {
		at := r.where["change:"+c.ID]
		if c.DeployedAt.IsZero() && c.DeploymentID != "" {
			c.DeployedAt = deployed[c.DeploymentID]
		}
		switch {
		case c.DeployedAt.IsZero() && c.DeploymentID != "":
			r.pv.Warnf(at, "change %s names deployment %s, which is neither in this file nor in the portfolio, and has no deploy time of its own: not imported", c.ID, c.DeploymentID)
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: "change with no deploy time"})
			continue
		case c.DeployedAt.IsZero():
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: fmt.Sprintf("change %s has not been deployed (no deploy time or deployment)", c.ID)})
			continue
		case c.DeployedAt.Before(c.CommittedAt):
			r.pv.Errorf(at, "change %s was deployed (%s) before it was committed (%s); check both times", c.ID, stamp(c.DeployedAt), stamp(c.CommittedAt))
			continue
		}
		kept = append(kept, c)
	}
	r.changes = kept
}

// countImported sets RowsImported: the rows (or JSON elements) that gave at
// least one record.
func (r *reader) countImported() {
	rows := map[string]bool{}
	see := func(key string) {
		at := r.where[key]
		if at.Row > 0 {
			rows[fmt.Sprint(at.Row)] = true
		} else {
			elem, _, _ := strings.Cut(at.Field, "]") // JSON: "deployments[3].deployed_at (line 9)"
			rows[elem] = true
		}
	}
	for _, d := range r.deps {
		see("deployment:" + d.ID)
	}
	for _, c := range r.changes {
		see("change:" + c.ID)
	}
	for _, in := range r.incidents {
		see("incident:" + in.ID)
	}
	r.pv.RowsImported = len(rows)
}

// diff compares the records with the portfolio's and lists what changes,
// then installs the function that applies them.
func (r *reader) diff(p *plan.Portfolio) {
	pv := r.pv
	var adds, edits [3]int
	oldD := map[string]plan.Deployment{}
	for _, d := range p.Deployments {
		oldD[d.ID] = d
	}
	for _, d := range r.deps {
		summary := fmt.Sprintf("%s%s deployed %s%s", d.ID, svc(d.Service), stamp(d.DeployedAt), flag(d.Failed, ", failed"))
		if o, ok := oldD[d.ID]; !ok {
			pv.Changes = append(pv.Changes, ingest.Change{Action: "add", Entity: "deployment", ID: d.ID, Summary: summary})
			adds[0]++
		} else if !sameDeployment(o, d) {
			pv.Changes = append(pv.Changes, ingest.Change{Action: "change", Entity: "deployment", ID: d.ID, Summary: summary})
			edits[0]++
		}
	}
	oldC := map[string]plan.Change{}
	for _, c := range p.Changes {
		oldC[c.ID] = c
	}
	for _, c := range r.changes {
		summary := fmt.Sprintf("%s%s committed %s, deployed %s (lead time %s)", c.ID, svc(c.Service), stamp(c.CommittedAt), stamp(c.DeployedAt), span(c.DeployedAt.Sub(c.CommittedAt)))
		if o, ok := oldC[c.ID]; !ok {
			pv.Changes = append(pv.Changes, ingest.Change{Action: "add", Entity: "change", ID: c.ID, Summary: summary})
			adds[1]++
		} else if !sameChange(o, c) {
			pv.Changes = append(pv.Changes, ingest.Change{Action: "change", Entity: "change", ID: c.ID, Summary: summary})
			edits[1]++
		}
	}
	oldI := map[string]plan.Incident{}
	for _, in := range p.Incidents {
		oldI[in.ID] = in
	}
	for _, in := range r.incidents {
		res := "still open"
		if !in.ResolvedAt.IsZero() {
			res = "resolved " + stamp(in.ResolvedAt) + " (restored in " + span(in.ResolvedAt.Sub(in.StartedAt)) + ")"
		}
		summary := fmt.Sprintf("%s%s started %s, %s", in.ID, svc(in.Service), stamp(in.StartedAt), res)
		if o, ok := oldI[in.ID]; !ok {
			pv.Changes = append(pv.Changes, ingest.Change{Action: "add", Entity: "incident", ID: in.ID, Summary: summary})
			adds[2]++
		} else if !sameIncident(o, in) {
			pv.Changes = append(pv.Changes, ingest.Change{Action: "change", Entity: "incident", ID: in.ID, Summary: summary})
			edits[2]++
		}
	}
	mapping := &plan.ImportMapping{ID: "delivery:" + r.shape, Kind: string(ingest.Delivery), Fields: r.fields}
	if r.opts.Mapping != nil {
		mapping.Values = r.opts.Mapping.Values
		mapping.Options = r.opts.Mapping.Options
	}
	pv.Mapping = mapping
	saveMapping := true
	for _, m := range p.ImportMappings {
		if m.ID == mapping.ID {
			saveMapping = !maps.Equal(m.Fields, mapping.Fields) || !maps.Equal(m.Values, mapping.Values) || !maps.Equal(m.Options, mapping.Options)
		}
	}
	if len(pv.Changes) == 0 {
		saveMapping = false // nothing to import: leave the portfolio exactly as it is
	}
	if saveMapping {
		pv.Changes = append(pv.Changes, ingest.Change{Action: "add", Entity: "import mapping", ID: mapping.ID, Summary: "remember how this layout maps onto the portfolio (" + mapping.ID + ")"})
	}
	deps, changes, incidents := r.deps, r.changes, r.incidents
	pv.SetApply(func(p *plan.Portfolio) error {
		p.Deployments = upsert(p.Deployments, deps, func(d plan.Deployment) string { return d.ID })
		p.Changes = upsert(p.Changes, changes, func(c plan.Change) string { return c.ID })
		p.Incidents = upsert(p.Incidents, incidents, func(in plan.Incident) string { return in.ID })
		if saveMapping {
			p.ImportMappings = upsert(p.ImportMappings, []plan.ImportMapping{*mapping}, func(m plan.ImportMapping) string { return m.ID })
		}
		return nil
	})
	pv.Notes = append(pv.Notes, fmt.Sprintf("New: %d deployments, %d changes, %d incidents. Updated: %d deployments, %d changes, %d incidents. Already in the portfolio unchanged: %d records.",
		adds[0], adds[1], adds[2], edits[0], edits[1], edits[2],
		len(r.deps)+len(r.changes)+len(r.incidents)-adds[0]-adds[1]-adds[2]-edits[0]-edits[1]-edits[2]))
}

// summarise notes the DORA keys of the file's own records, for the director
// to check against the tool they came from.
func (r *reader) summarise() {
	q := &plan.Portfolio{Deployments: r.deps, Changes: r.changes, Incidents: r.incidents}
	from, to, ok := dora.Span(q)
	if !ok {
		return
	}
	s := dora.Summary(q, from, to)
	parts := []string{}
	if s.Frequency.HasData() {
		parts = append(parts, fmt.Sprintf("deployment frequency %s per week (%d deployments over %d month(s); %s)", figure.Number(s.Frequency.PerWeek, dora.ShownDecimals), s.Frequency.Deployments, s.Months, s.Frequency.Tier))
		parts = append(parts, fmt.Sprintf("change failure rate %s (%d of %d; %s)", figure.Percent(s.ChangeFailure.Rate), s.ChangeFailure.Failed, s.ChangeFailure.Deployments, s.ChangeFailure.Tier))
	} else {
		parts = append(parts, "deployment frequency and change failure rate: no data (no deployments)")
	}
	if s.LeadTime.HasData() {
		parts = append(parts, fmt.Sprintf("lead time for changes %s median over %d changes (%s)", figure.Hours(s.LeadTime.MedianHours), s.LeadTime.Count, s.LeadTime.Tier))
	} else {
		parts = append(parts, "lead time for changes: no data (no changes with commit and deploy times)")
	}
	if s.Restore.HasData() {
		parts = append(parts, fmt.Sprintf("time to restore %s median over %d resolved incidents (%s)", figure.Hours(s.Restore.MedianHours), s.Restore.Count, s.Restore.Tier))
	} else {
		parts = append(parts, "time to restore: no data (no resolved incidents)")
	}
	if s.OpenIncidents > 0 {
		parts = append(parts, fmt.Sprintf("%d incident(s) still open", s.OpenIncidents))
	}
	r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("DORA keys of this file, %s to %s: %s; overall %s.", from, to, strings.Join(parts, "; "), s.Overall))
}

// place is a location without its file name: "row 12" or "changes[3] (line 40)".
func place(l ingest.Location) string {
	l.File = ""
	return strings.TrimPrefix(l.String(), ", ")
}

func upsert[T any](have, add []T, id func(T) string) []T {
	idx := make(map[string]int, len(have))
	out := append([]T(nil), have...)
	for i, x := range out {
		idx[id(x)] = i
	}
	for _, x := range add {
		if i, ok := idx[id(x)]; ok {
			out[i] = x
		} else {
			idx[id(x)] = len(out)
			out = append(out, x)
		}
	}
	return out
}

func sameDeployment(a, b plan.Deployment) bool {
	return a.ID == b.ID && a.Service == b.Service && a.DeployedAt.Equal(b.DeployedAt) && a.Failed == b.Failed
}

func sameChange(a, b plan.Change) bool {
	return a.ID == b.ID && a.Service == b.Service && a.CommittedAt.Equal(b.CommittedAt) && a.DeployedAt.Equal(b.DeployedAt) && a.DeploymentID == b.DeploymentID
}

func sameIncident(a, b plan.Incident) bool {
	return a.ID == b.ID && a.Service == b.Service && a.Title == b.Title && a.Severity == b.Severity &&
		a.StartedAt.Equal(b.StartedAt) && a.ResolvedAt.Equal(b.ResolvedAt) && a.DeploymentID == b.DeploymentID
}

// cleanID turns a source id into a portfolio id (letters, digits, '-', '_'
// and '.', at most 64 characters). An id that needs no change is kept; one
// that does gets a short hash of the original appended, so two source ids
// never collapse into one.
func cleanID(prefix, raw string) string {
	s := prefix + raw
	if validID(s) {
		return s
	}
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r == '-' || r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
			dash = r == '-'
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.Trim(b.String(), "-")
	if len(base) > 54 {
		base = base[:54]
	}
	if base == "" {
		base = strings.TrimSuffix(prefix, "-")
	}
	return base + "-" + shortHash(raw)
}

// rowID derives a stable id from a record's content, for sources without ids.
func rowID(prefix string, parts ...string) string {
	return prefix + shortHash(strings.Join(parts, "\x1f"))
}

func shortHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:4])
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

func stamp(t time.Time) string {
	if t.IsZero() {
		return "(none)"
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04Z")
}

func span(d time.Duration) string { return figure.Hours(d.Hours()) }

func svc(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func flag(b bool, s string) string {
	if b {
		return s
	}
	return ""
}

// sortedKeys returns m's keys in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
