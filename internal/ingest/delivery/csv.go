package delivery

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"steerco/internal/ingest"
	"steerco/internal/ingest/csvx"
	"steerco/internal/plan"
)

// layout names the CSV shapes this package reads.
const (
	layoutSimple    = "csv"               // Steerco's simple shape(s) and hand-kept release sheets
	layoutDevLake   = "devlake-cicd"      // DevLake cicd_deployment_commits
	layoutPagerDuty = "devlake-pagerduty" // DevLake _raw_pagerduty_incidents
	layoutGearset   = "gearset"           // Gearset deployment log with pull requests
)

// headerScan is how many leading records may be titles before the header.
const headerScan = 10

func (r *reader) readCSV(ctx context.Context, data []byte, p *plan.Portfolio) error {
	cr, err := csvx.NewReader(data, csvx.Options{})
	if err != nil {
		return r.csvError(err)
	}
	var records [][]string
	var rows []int // the spreadsheet row of each record
	extra := 0     // line breaks inside quoted cells so far
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return r.csvError(err)
		}
		records = append(records, rec)
		rows = append(rows, cr.Line()-extra)
		for _, f := range rec {
			extra += strings.Count(f, "\n")
		}
		if len(records)%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
	}
	if len(records) == 0 {
		return &ingest.ParseError{Location: ingest.Location{File: r.file}, Msg: "the file is empty"}
	}
	given := r.opts.Mapping
	for h := 0; h < len(records) && h < headerScan; h++ {
		r.opts.Mapping = given
		head := records[h]
		norm := normalizeAll(head)
		body, bodyRows := records[h+1:], rows[h+1:]
		switch {
		case has(norm, "cicddeploymentid") && has(norm, "result") && (has(norm, "starteddate") || has(norm, "finisheddate")):
			r.shape = layoutDevLake
			return r.readDevLake(head, body, bodyRows)
		case has(norm, "params") && has(norm, "data") && has(norm, "createdat"):
			r.shape = layoutPagerDuty
			return r.readPagerDuty(head, body, bodyRows)
		case has(norm, "deploymentid") && has(norm, "timestamp") && has(norm, "pullrequests"):
			r.shape = layoutGearset
			return r.readGearset(head, body, bodyRows)
		}
		r.shape = layoutSimple + "-" + headerKey(head)
		if r.opts.Mapping == nil {
			for i := range p.ImportMappings {
				if p.ImportMappings[i].ID == "delivery:"+r.shape {
					r.opts.Mapping = &p.ImportMappings[i]
				}
			}
		}
		if m := r.mapColumns(head, matchColumns(head), false); m.usable() {
			if h > 0 {
				r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(1, 0, ""), Reason: fmt.Sprintf("%d title row(s) above the header", rows[h]-1)})
			}
			return r.readSimple(head, body, bodyRows, r.mapColumns(head, matchColumns(head), true))
		}
	}
	return &ingest.ParseError{Location: ingest.Location{File: r.file, Row: 1},
		Msg: fmt.Sprintf("the columns (%s) are not a delivery layout Steerco knows. Use the simple layout — a header row type,id,service,time,end_time,failed,deployment — or one of the layouts listed in the README under \"Importing delivery data\"", strings.Join(clip(records[0], 8), ", "))}
}

// headerKey identifies a header row, so a mapping saved for one file is
// found again for next month's file with the same columns.
func headerKey(head []string) string {
	n := make([]string, len(head))
	for i, h := range head {
		n[i] = normalize(h)
	}
	return shortHash(strings.Join(n, ","))
}

func (r *reader) csvError(err error) error {
	var ce *csvx.Error
	if errors.As(err, &ce) {
		return &ingest.ParseError{Location: ingest.Location{File: r.file, Row: ce.Line, Column: ce.Field}, Msg: ce.Msg, Err: ce.Err}
	}
	return &ingest.ParseError{Location: ingest.Location{File: r.file}, Msg: "the file could not be read as CSV", Err: err}
}

func clip(ss []string, n int) []string {
	if len(ss) <= n {
		return ss
	}
	return append(append([]string(nil), ss[:n]...), "…")
}

// normalize lower-cases a header and keeps letters and digits only, so
// "Deployed At", "deployed_at" and "deployedAt" compare equal.
func normalize(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func normalizeAll(head []string) map[string]int {
	m := map[string]int{}
	for i, h := range head {
		n := normalize(h)
		if _, ok := m[n]; !ok {
			m[n] = i
		}
	}
	return m
}

func has(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// cell returns rec[i] trimmed, or "" when the row is short or i < 0.
func cell(rec []string, i int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

func emptyRow(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Simple-shape fields, each with the header names it is known by (after
// normalize), most specific first.
var fieldNames = []struct {
	field string
	names []string
}{
	{"type", []string{"type", "kind", "recordtype", "record", "eventtype", "event", "entity"}},
	{"id", []string{"id", "key", "identifier", "version", "release", "releaseversion", "releaseid", "changeid", "incidentid", "incidentnumber", "sha", "commitsha", "commit", "prnumber", "pullrequest", "pr", "ref"}},
	{"service", []string{"service", "servicename", "repo", "repository", "repourl", "app", "application", "system", "component", "project"}},
	{"deployed_at", []string{"deployedat", "deploytime", "deploymenttime", "deploydate", "deploymentdate", "deployed", "deployedon", "releasedat", "releasedate", "releasetime", "productiondeployment", "primarydeployment", "proddeployment", "productiondate", "golive", "goliveat"}},
	{"committed_at", []string{"committedat", "commitdate", "committime", "commitat", "committed", "authoredat", "mergedat", "merged", "mergedate", "mergetime", "firstcommitat", "firstcommit"}},
	{"started_at", []string{"startedat", "openedat", "opened", "triggeredat", "detectedat", "reportedat", "incidentstart", "outagestart"}},
	{"resolved_at", []string{"resolvedat", "resolved", "restoredat", "restored", "recoveredat", "mitigatedat", "closedat", "resolutiondate", "incidentend", "outageend"}},
	{"time", []string{"time", "timestamp", "datetime", "date", "when", "at", "start", "starttime", "startdate", "createdat", "created"}},
	{"end_time", []string{"endtime", "end", "enddate", "ended", "endedat", "finish", "finishedat", "finishtime"}},
	{"failed", []string{"failed", "failure", "isfailure", "isfailed", "changefailure", "causedfailure", "result", "outcome", "status", "rollback", "rolledback"}},
	{"deployment", []string{"deployment", "deploymentid", "deployid", "causedby", "causedbydeployment", "causingdeployment", "deployedin", "shippedin"}},
	{"title", []string{"title", "summary", "name", "description"}},
	{"severity", []string{"severity", "sev", "urgency", "priority"}},
}

// columns is a resolved simple-shape header: field → column index.
type columns struct {
	idx   map[string]int
	fuzzy map[string]string // field → header matched only approximately
	used  map[int]bool
}

func (c columns) col(field string) int {
	if i, ok := c.idx[field]; ok {
		return i
	}
	return -1
}

func (c columns) has(f string) bool { _, ok := c.idx[f]; return ok }

// usable reports whether the header carries at least one time a record can
// be placed by.
func (c columns) usable() bool {
	for _, f := range []string{"time", "deployed_at", "committed_at", "started_at", "resolved_at"} {
		if c.has(f) {
			return true
		}
	}
	return false
}

// matchColumns maps a header row onto the simple-shape fields: exact names
// first, then names within one or two typing mistakes (pirmaryDeployment).
func matchColumns(head []string) columns {
	c := columns{idx: map[string]int{}, fuzzy: map[string]string{}, used: map[int]bool{}}
	norm := make([]string, len(head))
	for i, h := range head {
		norm[i] = normalize(h)
	}
	for _, f := range fieldNames {
		for _, n := range f.names {
			for i, h := range norm {
				if !c.used[i] && !c.has(f.field) && h == n {
					c.idx[f.field], c.used[i] = i, true
				}
			}
		}
	}
	for _, f := range fieldNames {
		if c.has(f.field) {
			continue
		}
		for i, h := range norm {
			if c.used[i] || c.has(f.field) {
				continue
			}
			for _, n := range f.names {
				if len(n) >= 7 && osa(h, n) <= tolerance(n) {
					c.idx[f.field], c.used[i] = i, true
					c.fuzzy[f.field] = head[i]
					break
				}
			}
		}
	}
	return c
}

func tolerance(name string) int {
	if len(name) >= 14 {
		return 2
	}
	return 1
}

// osa is the optimal string alignment distance: insertions, deletions,
// substitutions and transpositions of adjacent letters each cost one.
func osa(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > 3 || d < -3 {
		return 4
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// mapColumns overrides the detected columns with a saved or given mapping
// (portfolio field → source column header); warn reports mapped columns
// the file lacks.
func (r *reader) mapColumns(head []string, c columns, warn bool) columns {
	m := r.opts.Mapping
	if m == nil || len(m.Fields) == 0 {
		return c
	}
	for field, col := range m.Fields {
		found := false
		for i, h := range head {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(col)) {
				c.idx[field], c.used[i] = i, true
				delete(c.fuzzy, field)
				found = true
				break
			}
		}
		if !found && col != "" && warn {
			r.pv.Warnf(r.loc(1, 0, col), "the mapping reads %s from column %q, which this file does not have", field, col)
		}
	}
	return c
}

type kindOf int

const (
	kindNone kindOf = iota
	kindDeployment
	kindChange
	kindIncident
)

func parseKind(s string) kindOf {
	switch normalize(s) {
	case "deployment", "deployments", "deploy", "release", "releases", "d":
		return kindDeployment
	case "change", "changes", "commit", "commits", "pr", "pullrequest", "mergerequest", "merge", "c":
		return kindChange
	case "incident", "incidents", "outage", "i":
		return kindIncident
	}
	return kindNone
}

// readSimple reads Steerco's simple shapes: one CSV with a type column, or
// one CSV per record type recognised by its time columns.
func (r *reader) readSimple(head []string, body [][]string, rows []int, c columns) error {
	r.fields = map[string]string{}
	for f, i := range c.idx {
		if n := utf8.RuneCountInString(head[i]); n > plan.MaxTitle {
			return &ingest.ParseError{Location: ingest.Location{File: r.file, Row: 1, Column: i + 1},
				Msg: fmt.Sprintf("the header read as %s is %d characters long; a column name may have at most %d", f, n, plan.MaxTitle)}
		}
		r.fields[f] = head[i]
	}
	for _, f := range sortedKeys(c.fuzzy) {
		r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("Column %q (%s) is read as %s: the name is close enough to a known one.", c.fuzzy[f], ingest.ColumnName(c.idx[f]+1), f))
	}
	for i, h := range head {
		if !c.used[i] && strings.TrimSpace(h) != "" {
			r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("Column %q (%s) is not used.", h, ingest.ColumnName(i+1)))
		}
	}
	// The record type when the file has no type column.
	fileKind := kindNone
	switch {
	case c.has("type"):
	case c.has("committed_at"):
		fileKind = kindChange
	case c.has("started_at") || c.has("resolved_at"):
		fileKind = kindIncident
	default:
		fileKind = kindDeployment
	}
	// How to read slash dates, column by column.
	orders := map[string]dayOrder{}
	for _, f := range []string{"time", "end_time", "deployed_at", "committed_at", "started_at", "resolved_at"} {
		i := c.col(f)
		if i < 0 {
			continue
		}
		vals := make([]string, 0, len(body))
		for _, rec := range body {
			vals = append(vals, cell(rec, i))
		}
		o, amb := sniffOrder(vals)
		if mo := r.mappingOption("date_order"); mo != "" {
			o, amb = parseOrderOption(mo), false
		}
		orders[f] = o
		if amb {
			r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("Dates in column %q such as 03/04/23 could be read either way; they are read as %s. Write dates as YYYY-MM-DD to be sure.", head[i], o))
		} else if o == orderDayFirst {
			r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("Dates in column %q are read as day/month/year.", head[i]))
		}
	}

	for n, rec := range body {
		row := rows[n]
		r.pv.RowsRead++
		if emptyRow(rec) {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, 0, ""), Reason: "blank row"})
			continue
		}
		get := func(f string) string { return cell(rec, c.col(f)) }
		at := func(f string) ingest.Location { return r.loc(row, c.col(f)+1, colName(head, c.col(f))) }
		readTime := func(fields ...string) (tm timeValue, bad bool) {
			for _, f := range fields {
				v := get(f)
				if !c.has(f) || blank(v) {
					continue
				}
				t, dateOnly, err := parseTime(v, orders[f])
				if err != nil {
					r.pv.Errorf(at(f), "%v", err)
					return timeValue{}, true
				}
				return timeValue{t: t, dateOnly: dateOnly, field: f}, false
			}
			return timeValue{}, false
		}
		k := fileKind
		if c.has("type") {
			k = parseKind(get("type"))
			if k == kindNone {
				if blank(get("type")) {
					r.pv.Errorf(at("type"), "the type is empty; write deployment, change or incident")
				} else {
					r.pv.Errorf(at("type"), "type %q is not deployment, change or incident", get("type"))
				}
				continue
			}
		}
		id := get("id")
		if blank(id) {
			id = ""
		}
		service := get("service")
		if blank(service) {
			service = ""
		}
		depRef := get("deployment")
		if blank(depRef) {
			depRef = ""
		} else {
			depRef = cleanID("", depRef)
		}
		switch k {
		case kindDeployment:
			tv, bad := readTime("deployed_at", "time", "end_time")
			if bad {
				continue
			}
			if tv.t.IsZero() {
				r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, 0, ""), Reason: "no deployment time" + naText(head, rec, c, "deployed_at", "time") + ": not deployed to production"})
				continue
			}
			failed := false
			if c.has("failed") {
				v := get("failed")
				if skip := notFinished(v); skip != "" {
					r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at("failed"), Reason: "deployment " + skip})
					continue
				}
				f, ok := parseBool(v)
				if !ok && !blank(v) {
					r.pv.Errorf(at("failed"), "%q does not say whether the deployment failed; write true or false", v)
					continue
				}
				failed = f
			}
			if id == "" && depRef != "" {
				id = depRef
			}
			if id == "" {
				id = rowID("dep-", service, tv.t.String())
			} else {
				id = cleanID("", id)
			}
			r.addDeployment(plan.Deployment{ID: id, Service: service, DeployedAt: tv.t, Failed: failed}, r.loc(row, 0, ""))
		case kindChange:
			ct, bad := readTime("committed_at", "time")
			if bad {
				continue
			}
			if ct.t.IsZero() {
				r.pv.Errorf(r.loc(row, 0, ""), "the change has no commit or merge time")
				continue
			}
			dt, bad := readTime("deployed_at", "end_time")
			if bad {
				continue
			}
			if id == "" {
				id = rowID("chg-", service, ct.t.String(), dt.t.String(), depRef)
			} else {
				id = cleanID("", id)
			}
			r.addChange(plan.Change{ID: id, Service: service, CommittedAt: ct.t, DeployedAt: dt.t, DeploymentID: depRef}, r.loc(row, 0, ""))
		case kindIncident:
			st, bad := readTime("started_at", "time")
			if bad {
				continue
			}
			if st.t.IsZero() {
				r.pv.Errorf(r.loc(row, 0, ""), "the incident has no start time")
				continue
			}
			rt, bad := readTime("resolved_at", "end_time")
			if bad {
				continue
			}
			if !rt.t.IsZero() && rt.t.Before(st.t) {
				r.pv.Errorf(r.loc(row, c.col(rt.field)+1, colName(head, c.col(rt.field))), "the incident was resolved (%s) before it started (%s)", stamp(rt.t), stamp(st.t))
				continue
			}
			if id == "" {
				id = rowID("inc-", service, st.t.String(), get("title"))
			} else {
				id = cleanID("", id)
			}
			title, sev := get("title"), get("severity")
			if blank(title) {
				title = ""
			}
			if blank(sev) {
				sev = ""
			}
			r.addIncident(plan.Incident{ID: id, Service: service, Title: title, Severity: sev, StartedAt: st.t, ResolvedAt: rt.t, DeploymentID: depRef}, r.loc(row, 0, ""))
		}
	}
	return nil
}

type timeValue struct {
	t        time.Time
	dateOnly bool
	field    string
}

func (r *reader) mappingOption(k string) string {
	if r.opts.Mapping == nil {
		return ""
	}
	return r.opts.Mapping.Options[k]
}

func parseOrderOption(s string) dayOrder {
	switch normalize(s) {
	case "dmy", "dayfirst", "daymonthyear":
		return orderDayFirst
	}
	return orderMonthFirst
}

func colName(head []string, i int) string {
	if i < 0 || i >= len(head) {
		return ""
	}
	return head[i]
}

// naText says which placeholder stood where a time should be, if any.
func naText(head, rec []string, c columns, fields ...string) string {
	for _, f := range fields {
		if v := cell(rec, c.col(f)); c.has(f) && v != "" && blank(v) {
			return fmt.Sprintf(" (%s is %s)", colName(head, c.col(f)), v)
		}
	}
	return ""
}

// notFinished recognises result words for deployments that never finished.
func notFinished(v string) string {
	switch normalize(v) {
	case "cancelled", "canceled", "aborted", "skipped":
		return "was " + strings.ToLower(strings.TrimSpace(v))
	case "inprogress", "running", "pending", "queued", "waiting":
		return "is still " + strings.ToLower(strings.TrimSpace(v))
	}
	return ""
}
