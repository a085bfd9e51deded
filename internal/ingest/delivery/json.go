package delivery

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

const layoutJSON = "json"

// jsonFields are the names each record type may carry (plan's JSON names).
var jsonFields = map[string][]string{
	"deployments": {"id", "service", "deployed_at", "failed"},
	"changes":     {"id", "service", "committed_at", "deployed_at", "deployment"},
	"incidents":   {"id", "service", "title", "severity", "started_at", "resolved_at", "deployment"},
}

// readJSON reads {"deployments":[…],"changes":[…],"incidents":[…]}. Problems
// are located by element and field, with the line the element starts on.
func (r *reader) readJSON(ctx context.Context, data []byte) error {
	r.shape = layoutJSON
	fail := func(line int, msg string, err error) error {
		return &ingest.ParseError{Location: ingest.Location{File: r.file, Field: fmt.Sprintf("line %d", line)}, Msg: msg, Err: err}
	}
	if data[0] == '[' {
		return r.refuseJSONArray(data)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	lines := &lineCounter{data: data}
	if _, err := dec.Token(); err != nil {
		return fail(1, "the file is not valid JSON", err)
	}
	found := false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return r.jsonSyntax(lines, dec, err)
		}
		key, _ := tok.(string)
		list := strings.ToLower(key)
		if _, ok := jsonFields[list]; !ok {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return r.jsonSyntax(lines, dec, err)
			}
			if key == "format" && bytes.Contains(skip, []byte("steerco-portfolio")) {
				return fail(1, "this is a whole Steerco portfolio in JSON, not delivery data; open it with \"steerco import-json\" instead", nil)
			}
			r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("Key %q is not deployments, changes or incidents and is ignored.", key))
			continue
		}
		found = true
		start := dec.InputOffset()
		tok, err = dec.Token()
		if err != nil {
			return r.jsonSyntax(lines, dec, err)
		}
		if d, ok := tok.(json.Delim); !ok || d != '[' {
			if tok == nil {
				continue // "incidents": null
			}
			return fail(lines.at(start), fmt.Sprintf("%q must be a list: [ … ]", key), nil)
		}
		for k := 0; dec.More(); k++ {
			off := dec.InputOffset()
			var elem map[string]json.RawMessage
			if err := dec.Decode(&elem); err != nil {
				var te *json.UnmarshalTypeError
				if errors.As(err, &te) {
					return fail(lines.at(off), fmt.Sprintf("element %d of %q is not an object { … }", k+1, key), nil)
				}
				return r.jsonSyntax(lines, dec, err)
			}
			r.pv.RowsRead++
			r.jsonRecord(list, k, lines.at(skipSpace(data, off)), elem)
			if k%4096 == 4095 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
		}
		if _, err := dec.Token(); err != nil { // ]
			return r.jsonSyntax(lines, dec, err)
		}
	}
	if _, err := dec.Token(); err != nil { // }
		return r.jsonSyntax(lines, dec, err)
	}
	if !found {
		return fail(1, "this JSON has no \"deployments\", \"changes\" or \"incidents\" list, so it holds no delivery data; see \"Importing delivery data\" in the README for the shape", nil)
	}
	r.fields = map[string]string{"deployments": "deployments", "changes": "changes", "incidents": "incidents"}
	return nil
}

// refuseJSONArray explains why a top-level JSON array is not importable,
// recognising the Four Keys events_raw BigQuery schema.
func (r *reader) refuseJSONArray(data []byte) error {
	var elems []map[string]any
	loc := ingest.Location{File: r.file}
	if err := json.Unmarshal(data, &elems); err != nil {
		return &ingest.ParseError{Location: loc, Msg: "this JSON is a list, not the delivery shape {\"deployments\":[…],\"changes\":[…],\"incidents\":[…]}", Err: err}
	}
	schema, events := len(elems) > 0, len(elems) > 0
	var cols []string
	for _, e := range elems {
		_, n := e["name"]
		_, t := e["type"]
		if !n || !t || len(e) > 4 {
			schema = false
		}
		if s, ok := e["name"].(string); ok {
			cols = append(cols, s)
		}
		_, et := e["event_type"]
		_, tc := e["time_created"]
		if !et || !tc {
			events = false
		}
	}
	switch {
	case schema:
		return &ingest.ParseError{Location: loc, Msg: fmt.Sprintf("this is a table schema (a BigQuery schema: column names and types — %s), not data: it contains no deployments, changes or incidents. "+
			"If it is Four Keys' events_raw schema, export the rows of Four Keys' deployments, changes and incidents tables instead, or write them in Steerco's delivery shape (README, \"Importing delivery data\")", strings.Join(cols, ", "))}
	case events:
		return &ingest.ParseError{Location: loc, Msg: "these are Four Keys raw events (webhook payloads); Steerco does not derive deployments from raw events. Export Four Keys' deployments, changes and incidents tables, or write them in Steerco's delivery shape (README, \"Importing delivery data\")"}
	}
	return &ingest.ParseError{Location: loc, Msg: "this JSON is a list, not the delivery shape {\"deployments\":[…],\"changes\":[…],\"incidents\":[…]}"}
}

func (r *reader) jsonSyntax(lines *lineCounter, dec *json.Decoder, err error) error {
	var se *json.SyntaxError
	off := dec.InputOffset()
	if errors.As(err, &se) {
		off = se.Offset
	}
	msg := "the JSON is malformed here"
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		msg = "the JSON ends too early"
	}
	return &ingest.ParseError{Location: ingest.Location{File: r.file, Field: fmt.Sprintf("line %d", lines.at(off))}, Msg: msg, Err: err}
}

func (r *reader) jsonRecord(list string, k, line int, elem map[string]json.RawMessage) {
	where := func(field string) ingest.Location {
		f := fmt.Sprintf("%s[%d]", list, k)
		if field != "" {
			f += "." + field
		}
		return ingest.Location{File: r.file, Field: fmt.Sprintf("%s (line %d)", f, line)}
	}
	known := map[string]bool{}
	for _, f := range jsonFields[list] {
		known[f] = true
	}
	for _, f := range sortedKeys(elem) {
		if !known[f] {
			r.pv.Warnf(where(f), "unknown field %q is ignored (expected %s)", f, strings.Join(jsonFields[list], ", "))
		}
	}
	bad := false
	str := func(f string) string {
		raw, ok := elem[f]
		if !ok || string(raw) == "null" {
			return ""
		}
		var s string
		if err := json.Unmarshal(raw, &s); err == nil {
			return strings.TrimSpace(s)
		}
		var n json.Number
		if err := json.Unmarshal(raw, &n); err == nil {
			return n.String()
		}
		r.pv.Errorf(where(f), "%s should be text, not %s", f, clipText(string(raw)))
		bad = true
		return ""
	}
	tm := func(f string) time.Time {
		s := str(f)
		if blank(s) {
			return time.Time{}
		}
		t, _, err := parseTime(s, orderMonthFirst)
		if err != nil {
			r.pv.Errorf(where(f), "%v", err)
			bad = true
		}
		return t
	}
	id, service := str("id"), str("service")
	dep := str("deployment")
	if dep != "" {
		dep = cleanID("", dep)
	}
	at := where("")
	switch list {
	case "deployments":
		t := tm("deployed_at")
		failed := false
		if raw, ok := elem["failed"]; ok && string(raw) != "null" {
			var b bool
			if err := json.Unmarshal(raw, &b); err == nil {
				failed = b
			} else if v, ok := parseBool(strings.Trim(string(raw), `"`)); ok {
				failed = v
			} else {
				r.pv.Errorf(where("failed"), "failed should be true or false, not %s", clipText(string(raw)))
				bad = true
			}
		}
		if bad {
			return
		}
		if t.IsZero() {
			r.pv.Errorf(where("deployed_at"), "the deployment has no deployed_at time")
			return
		}
		if id == "" {
			id = rowID("dep-", service, t.String())
		}
		r.addDeployment(plan.Deployment{ID: cleanID("", id), Service: service, DeployedAt: t, Failed: failed}, at)
	case "changes":
		c, d := tm("committed_at"), tm("deployed_at")
		if bad {
			return
		}
		if c.IsZero() {
			r.pv.Errorf(where("committed_at"), "the change has no committed_at time")
			return
		}
		if id == "" {
			id = rowID("chg-", service, c.String(), d.String(), dep)
		}
		r.addChange(plan.Change{ID: cleanID("", id), Service: service, CommittedAt: c, DeployedAt: d, DeploymentID: dep}, at)
	case "incidents":
		s, e := tm("started_at"), tm("resolved_at")
		title, sev := str("title"), str("severity")
		if bad {
			return
		}
		if s.IsZero() {
			r.pv.Errorf(where("started_at"), "the incident has no started_at time")
			return
		}
		if !e.IsZero() && e.Before(s) {
			r.pv.Errorf(where("resolved_at"), "the incident was resolved (%s) before it started (%s)", stamp(e), stamp(s))
			return
		}
		if id == "" {
			id = rowID("inc-", service, s.String(), title)
		}
		r.addIncident(plan.Incident{ID: cleanID("", id), Service: service, Title: title, Severity: sev, StartedAt: s, ResolvedAt: e, DeploymentID: dep}, at)
	}
}

func clipText(s string) string {
	if len(s) > 40 {
		return strconv.Quote(s[:40]) + "…"
	}
	return s
}

func skipSpace(data []byte, off int64) int64 {
	for off < int64(len(data)) && (data[off] == ' ' || data[off] == '\n' || data[off] == '\r' || data[off] == '\t' || data[off] == ',') {
		off++
	}
	return off
}

// lineCounter turns increasing byte offsets into 1-based line numbers.
type lineCounter struct {
	data []byte
	off  int64
	line int
}

func (l *lineCounter) at(off int64) int {
	if l.line == 0 {
		l.line = 1
	}
	if off < l.off {
		l.off, l.line = 0, 1
	}
	off = min(off, int64(len(l.data)))
	l.line += bytes.Count(l.data[l.off:off], []byte{'\n'})
	l.off = off
	return l.line
}
