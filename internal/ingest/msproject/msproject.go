// Package msproject imports Microsoft Project XML (MSPDI) plans as roadmap
// items: leaf tasks become items, top-level summary tasks become products,
// milestones become portfolio milestones, finish-to-start links become
// dependencies, and the project calendar's exceptions are proposed as holidays.
package msproject

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
	"steerco/internal/plan"
)

// Namespace is the MSPDI XML namespace.
const Namespace = "http://schemas.microsoft.com/project"

// MaxDepth bounds element nesting; MaxTasks bounds the number of tasks.
const (
	MaxDepth = 64
	MaxTasks = 100_000
)

// MPPMessage is the refusal for a binary .mpp file.
const MPPMessage = "This is a binary .mpp file. In Microsoft Project choose File › Save As › XML (*.xml), then import the XML."

var ole2Magic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// Sniff reports whether the start of a file is an MSPDI document (root
// element <Project>, normally in the MSPDI namespace) or a binary .mpp
// file (OLE2), which Preview refuses with MPPMessage.
func Sniff(head []byte) bool {
	if bytes.HasPrefix(head, ole2Magic) {
		return oleKind(head) == ""
	}
	name, ns := rootElement(head)
	return name == "Project" && (ns == Namespace || ns == "")
}

// oleKind names the Office format of an OLE2 compound file that is not a
// project plan (Excel or Word 97–2003), from the stream names in its
// directory (UTF-16LE); "" means none was recognised (an .mpp, presumably).
func oleKind(data []byte) string {
	u16 := func(s string) []byte {
		b := make([]byte, 0, 2*len(s))
		for _, r := range s {
			b = append(b, byte(r), 0)
		}
		return b
	}
	switch {
	case bytes.Contains(data, u16("TBkndTask")) || bytes.Contains(data, u16("   114")):
		return ""
	case bytes.Contains(data, u16("Workbook")) || bytes.Contains(data, u16("Book\x00")):
		return "Excel 97–2003 (.xls)"
	case bytes.Contains(data, u16("WordDocument")):
		return "Word 97–2003 (.doc)"
	}
	return ""
}

// rootElement returns the local name and namespace of the first element.
func rootElement(head []byte) (string, string) {
	dec := xml.NewDecoder(bytes.NewReader(head))
	dec.Strict = false
	dec.CharsetReader = charsetReader
	for i := 0; i < 1000; i++ {
		tok, err := dec.RawToken()
		if err != nil {
			return "", ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			ns := ""
			for _, a := range se.Attr {
				if a.Name.Space == "" && a.Name.Local == "xmlns" {
					ns = a.Value
				}
			}
			return se.Name.Local, ns
		}
	}
	return "", ""
}

// charsetReader reads the encodings MS Project XML files come in.
var charsetReader = roadmap.XMLCharsetReader("save the plan as XML from MS Project again (it writes UTF-8)")

type link struct {
	PredecessorUID string `xml:"PredecessorUID"`
	Type           int    `xml:"Type"`
	CrossProject   int    `xml:"CrossProject"`
	LinkLag        string `xml:"LinkLag"`
	LagFormat      int    `xml:"LagFormat"`
}

type baseline struct {
	Number string `xml:"Number"`
	Start  string `xml:"Start"`
	Finish string `xml:"Finish"`
}

type task struct {
	UID             string     `xml:"UID"`
	ID              string     `xml:"ID"`
	Name            string     `xml:"Name"`
	IsNull          int        `xml:"IsNull"`
	OutlineLevel    int        `xml:"OutlineLevel"`
	OutlineNumber   string     `xml:"OutlineNumber"`
	Summary         int        `xml:"Summary"`
	Milestone       int        `xml:"Milestone"`
	Manual          int        `xml:"Manual"`
	Active          string     `xml:"Active"`
	Start           string     `xml:"Start"`
	Finish          string     `xml:"Finish"`
	ManualStart     string     `xml:"ManualStart"`
	ManualFinish    string     `xml:"ManualFinish"`
	Duration        string     `xml:"Duration"`
	ManualDuration  string     `xml:"ManualDuration"`
	DurationFormat  int        `xml:"DurationFormat"`
	PercentComplete float64    `xml:"PercentComplete"`
	ActualStart     string     `xml:"ActualStart"`  // when work began (a started task)
	ActualFinish    string     `xml:"ActualFinish"` // when it was done (a complete task)
	ConstraintType  int        `xml:"ConstraintType"`
	ConstraintDate  string     `xml:"ConstraintDate"`
	Deadline        string     `xml:"Deadline"`
	Links           []link     `xml:"PredecessorLink"`
	Baselines       []baseline `xml:"Baseline"`

	line     int
	parent   *task
	children []*task
	days     float64
}

type resource struct {
	UID  string `xml:"UID"`
	Name string `xml:"Name"`
	Type string `xml:"Type"` // 0 material, 1 work, 2 cost (absent = work)
}

type assignment struct {
	TaskUID     string  `xml:"TaskUID"`
	ResourceUID string  `xml:"ResourceUID"`
	Units       float64 `xml:"Units"`
}

// project is what Preview reads from an MSPDI file.
type project struct {
	Name, Title   string
	MinutesPerDay float64
	DaysPerMonth  float64
	CalendarUID   string
	SaveVersion   string
	Tasks         []*task
	Resources     []resource
	Assignments   []assignment
	Calendars     []calendar
}

// parse reads an MSPDI document with a streaming decoder, after
// roadmap.CheckXML has refused what is too large or too deep. It checks ctx
// as it goes.
func parse(ctx context.Context, name string, data []byte) (*project, error) {
	loc := ingest.Location{File: name}
	if bytes.HasPrefix(data, ole2Magic) {
		if k := oleKind(data); k != "" {
			return nil, &ingest.ParseError{Location: loc, Msg: "this is a binary " + k + " file, not a Microsoft Project plan"}
		}
		return nil, &ingest.ParseError{Location: loc, Msg: MPPMessage}
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		return nil, &ingest.ParseError{Location: loc, Msg: "the XML is UTF-16; save it from MS Project again as XML (UTF-8)"}
	}
	lim := roadmap.DefaultXMLLimits
	lim.MaxDepth = MaxDepth
	if err := roadmap.CheckXML(ctx, name, data, lim, "an MS Project plan"); err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	pr := &project{MinutesPerDay: defaultMinutesPerDay, DaysPerMonth: 20}
	depth := 0
	section := ""
	sawRoot := false
	toks := roadmap.NewXMLTokens(ctx, name, dec)
	for {
		tok, line, err := toks.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if t.Name.Local != "Project" {
					return nil, &ingest.ParseError{Location: loc, Msg: fmt.Sprintf("the root element is <%s>, not MS Project's <Project>; this is not an MS Project XML file", t.Name.Local)}
				}
				sawRoot = true
				continue
			}
			if depth == 2 {
				switch t.Name.Local {
				case "Tasks", "Resources", "Assignments", "Calendars":
					section = t.Name.Local
					continue
				case "Name", "Title", "MinutesPerDay", "DaysPerMonth", "CalendarUID", "SaveVersion":
					var v string
					if err := dec.DecodeElement(&v, &t); err != nil {
						return nil, decodeErr(name, dec, err)
					}
					depth--
					v = strings.TrimSpace(v)
					switch t.Name.Local {
					case "Name":
						pr.Name = v
					case "Title":
						pr.Title = v
					case "MinutesPerDay":
						if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f <= 1440 {
							pr.MinutesPerDay = f
						}
					case "DaysPerMonth":
						if f, err := strconv.ParseFloat(v, 64); err == nil && f > 0 && f <= 31 {
							pr.DaysPerMonth = f
						}
					case "CalendarUID":
						pr.CalendarUID = v
					case "SaveVersion":
						pr.SaveVersion = v
					}
					continue
				}
				if err := dec.Skip(); err != nil {
					return nil, decodeErr(name, dec, err)
				}
				depth--
				continue
			}
			if depth == 3 {
				var err error
				switch {
				case section == "Tasks" && t.Name.Local == "Task":
					if len(pr.Tasks) >= MaxTasks {
						return nil, &ingest.ParseError{Location: loc, Msg: fmt.Sprintf("the plan has more than %d tasks", MaxTasks)}
					}
					tk := &task{line: line}
					err = dec.DecodeElement(tk, &t)
					pr.Tasks = append(pr.Tasks, tk)
				case section == "Resources" && t.Name.Local == "Resource":
					var r resource
					err = dec.DecodeElement(&r, &t)
					pr.Resources = append(pr.Resources, r)
				case section == "Assignments" && t.Name.Local == "Assignment":
					var a assignment
					err = dec.DecodeElement(&a, &t)
					pr.Assignments = append(pr.Assignments, a)
				case section == "Calendars" && t.Name.Local == "Calendar":
					var c calendar
					err = dec.DecodeElement(&c, &t)
					pr.Calendars = append(pr.Calendars, c)
				default:
					err = dec.Skip()
				}
				if err != nil {
					return nil, decodeErr(name, dec, err)
				}
				depth--
			}
		case xml.EndElement:
			depth--
			if depth == 1 {
				section = ""
			}
		}
	}
	if !sawRoot {
		return nil, &ingest.ParseError{Location: loc, Msg: "the file holds no XML elements; it is not an MS Project XML file"}
	}
	return pr, nil
}

func decodeErr(name string, dec *xml.Decoder, err error) error {
	line, _ := dec.InputPos()
	return &ingest.ParseError{Location: ingest.Location{File: name, Row: line}, Msg: "the XML is malformed", Err: err}
}

var defaultTitle = regexp.MustCompile(`^(?i)project\s*\d*$`)

// Preview reads an MS Project XML (MSPDI) file and previews it as roadmap
// items. It returns a *ingest.ParseError for a binary .mpp file (with
// MPPMessage) or XML that is not an MS Project plan.
func Preview(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options) (*ingest.Preview, error) {
	if err := ingest.CheckSize(src, ""); err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(src.Data, ole2Magic) && !utf8.Valid(src.Data[:min(len(src.Data), 4096)]) && !bytes.Contains(src.Data[:min(len(src.Data), 200)], []byte("encoding")) {
		return nil, &ingest.ParseError{Location: ingest.Location{File: src.Name}, Msg: "this is not an XML file. In Microsoft Project choose File › Save As › XML (*.xml), then import the XML"}
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

func build(ctx context.Context, src ingest.Source, p *plan.Portfolio, opts ingest.Options, pr *project) (*ingest.Preview, error) {
	pv := &ingest.Preview{Kind: ingest.MSProject, File: src.Name}
	for _, f := range []struct{ v, name string }{{pr.Name, "Name"}, {pr.Title, "Title"}} {
		if n := utf8.RuneCountInString(f.v); n > plan.MaxTitle {
			pv.Errorf(ingest.Location{File: src.Name, Field: "Project/" + f.name}, "the project's %s is %d characters long; at most %d are allowed.", f.name, n, plan.MaxTitle)
			return pv, nil
		}
	}
	key := pr.Name
	if key == "" && pr.Title != "" && !defaultTitle.MatchString(pr.Title) {
		key = pr.Title
	}
	if key == "" {
		key = src.Name
	}
	projName := pr.Title
	if projName == "" || defaultTitle.MatchString(projName) {
		projName = strings.TrimSuffix(strings.TrimSuffix(pr.Name, ".xml"), ".mpp")
	}
	if projName == "" {
		projName = strings.TrimSuffix(src.Name, ".xml")
	}
	m := roadmap.MappingFor(p, opts, "msproject:"+key, ingest.MSProject)
	spread := roadmap.SpreadFor(opts, &m)
	prefix := "msproject:" + key + "#"
	loc := func(t *task, field string) ingest.Location {
		return ingest.Location{File: src.Name, Row: t.line, Field: fmt.Sprintf("Task UID %s %s", t.UID, field)}
	}

	// Tasks, hierarchy by outline level in file order.
	var tasks []*task
	byUID := map[string]*task{}
	var stack []*task
	for i, t := range pr.Tasks {
		if i&1023 == 1023 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		pv.RowsRead++
		if len(t.UID) > plan.MaxID {
			pv.Errorf(ingest.Location{File: src.Name, Row: t.line, Field: "Task UID"}, "a task UID of %d characters; MS Project UIDs are numbers.", len(t.UID))
			continue
		}
		if n := utf8.RuneCountInString(t.Name); n > plan.MaxTitle {
			pv.Errorf(loc(t, "Name"), "the task name is %d characters long; at most %d are allowed. Shorten it in MS Project and save the XML again.", n, plan.MaxTitle)
			continue
		}
		if t.IsNull == 1 {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, ""), Reason: "blank row"})
			continue
		}
		if t.UID == "0" || t.OutlineLevel == 0 && t.UID != "" && t.ID == "0" {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, ""), Reason: "the project summary task (ID 0)"})
			continue
		}
		if t.UID == "" {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, ""), Reason: "task without a UID"})
			continue
		}
		if byUID[t.UID] != nil {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, "UID"), Reason: "UID " + t.UID + " appears twice; the first is kept"})
			continue
		}
		if t.Active == "0" {
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, "Active"), Reason: "inactive task"})
			continue
		}
		if t.OutlineLevel < 1 {
			t.OutlineLevel = 1
		}
		for len(stack) > 0 && stack[len(stack)-1].OutlineLevel >= t.OutlineLevel {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 {
			t.parent = stack[len(stack)-1]
			t.parent.children = append(t.parent.children, t)
		}
		stack = append(stack, t)
		byUID[t.UID] = t
		tasks = append(tasks, t)
	}
	isSummary := func(t *task) bool { return t.Summary == 1 || len(t.children) > 0 }
	topOf := func(t *task) *task {
		for t.parent != nil {
			t = t.parent
		}
		return t
	}

	// Teams: the assigned work resource with the most units, else one team for the project.
	resName := map[string]string{}
	for _, r := range pr.Resources {
		if r.UID != "" && r.UID != "0" && strings.TrimSpace(r.Name) != "" && (r.Type == "" || r.Type == "1") {
			resName[r.UID] = strings.TrimSpace(r.Name)
		}
	}
	teamOf := map[string]string{}
	bestUnits := map[string]float64{}
	for _, a := range pr.Assignments {
		n, ok := resName[a.ResourceUID]
		if !ok || a.ResourceUID == "-65535" {
			continue
		}
		if u, seen := bestUnits[a.TaskUID]; !seen || a.Units > u {
			bestUnits[a.TaskUID] = a.Units
			teamOf[a.TaskUID] = n
		}
	}
	oneTeam := strings.EqualFold(m.Fields["team"], "project")
	if oneTeam {
		teamOf = map[string]string{}
	} else {
		m.Fields["team"] = "resource"
	}

	// Status, effort, dates.
	var ms []roadmap.Milestone
	var items []*task
	products := 0
	for _, t := range tasks {
		switch {
		case isSummary(t):
			if t.parent == nil {
				products++
			}
			pv.Skipped = append(pv.Skipped, ingest.Skip{Location: loc(t, ""), Reason: fmt.Sprintf("summary task %q (a container; its tasks are imported)", t.Name)})
		case t.Milestone == 1:
			ms = append(ms, roadmap.Milestone{Key: t.UID, Name: nameOr(t), Loc: loc(t, "Milestone")})
		default:
			items = append(items, t)
		}
	}
	pv.RowsImported = len(items) + len(ms)

	// Links: resolve summaries to their leaf items and milestones to their predecessors.
	outline := roadmap.NewOutline()
	for _, t := range tasks {
		parent := ""
		if t.parent != nil {
			parent = t.parent.UID
		}
		outline.AddTask(t.UID, parent, isSummary(t), t.Milestone == 1)
	}
	var typeCount [4]int
	rounded := 0
	for _, t := range tasks {
		for _, l := range t.Links {
			lc := loc(t, "PredecessorLink")
			if l.Type >= 0 && l.Type <= 3 {
				typeCount[l.Type]++
			}
			if l.CrossProject == 1 {
				pv.Warnf(lc, "link from %s to task %s is to another project; it is dropped.", l.PredecessorUID, t.UID)
				continue
			}
			if byUID[l.PredecessorUID] == nil {
				pv.Warnf(lc, "task %s depends on task %s, which is not imported; the dependency is dropped.", t.UID, l.PredecessorUID)
				continue
			}
			lag, exact, lerr := lagDays(l, pr.MinutesPerDay)
			if lag > plan.MaxDays {
				pv.Errorf(lc, "link from %s to %s: a lag of %s (%d working days) is more than the %d working days (about 20 years) a plan can mean. Correct it in MS Project and save the XML again.", l.PredecessorUID, t.UID, strings.TrimSpace(l.LinkLag), lag, plan.MaxDays)
				continue
			}
			if lerr != "" {
				pv.Warnf(lc, "link from %s to %s: %s", l.PredecessorUID, t.UID, lerr)
			}
			if !exact {
				rounded++
			}
			kind, ok := linkKinds[l.Type]
			if !ok {
				pv.Warnf(lc, "link from %s to %s has unknown type %d; it is dropped.", l.PredecessorUID, t.UID, l.Type)
				continue
			}
			outline.AddLinkOf(pv, kind, l.PredecessorUID, t.UID, lag, lc)
		}
	}
	if rounded > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d link lag(s) are not whole working days and were rounded up (Steerco lags are whole working days).", rounded))
	}
	linkTotal := typeCount[0] + typeCount[1] + typeCount[2] + typeCount[3]
	if linkTotal > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("Links: %d finish-to-start, %d start-to-start, %d finish-to-finish, %d start-to-finish. Finish-to-start links are dependencies with their lag (LinkLag, tenths of a minute, converted at %g minutes a day, rounded up, leads set to 0); start-to-start and finish-to-finish become finish-to-start with lag 0 (pessimistic); start-to-finish links are dropped. Links to or from a summary task apply to every task under it; links through a milestone pass to the milestone's predecessors.", typeCount[1], typeCount[3], typeCount[0], typeCount[2], pr.MinutesPerDay))
	}
	// Durations and items.
	baselineNo := strings.TrimSpace(m.Options["baseline"])
	if baselineNo == "" {
		baselineNo = "0"
	}
	m.Options["baseline"] = baselineNo
	manual, baselines, deadlines, elapsed := 0, 0, 0, 0
	people := map[string]bool{}
	rs := &roadmap.Source{
		Kind: ingest.MSProject, File: src.Name, Spread: spread, Prefixes: []string{prefix},
		RemoveMissing: roadmap.Option(&m, "remove_missing"), DefaultTeam: projName,
		TeamSize: map[string]int{},
	}
	for _, n := range teamOf {
		people[n] = true
		rs.TeamSize[n] = 1
	}
	rs.DefaultTeamSize = max(1, len(resName))
	for _, t := range items {
		dur := t.Duration
		if t.Manual == 1 && strings.TrimSpace(t.ManualDuration) != "" {
			dur = t.ManualDuration
		}
		rt := roadmap.Task{Key: t.UID, SourceKey: prefix + t.UID, Title: nameOr(t), Team: teamOf[t.UID], Loc: loc(t, ""),
			EstimateLoc: loc(t, "Duration"), NoEstimate: "it has no Duration"}
		if strings.TrimSpace(dur) != "" {
			d, err := Days(dur, t.DurationFormat, pr.MinutesPerDay)
			switch {
			case err != nil:
				pv.Warnf(loc(t, "Duration"), "task %s: %v; it has no estimate.", t.UID, err)
				rt.NoEstimate = "its Duration cannot be read"
			case d < 0:
				pv.Warnf(loc(t, "Duration"), "task %s has a negative duration (%s); it has no estimate.", t.UID, dur)
				rt.NoEstimate = "its Duration is negative"
			case d > plan.MaxDays:
				pv.Errorf(loc(t, "Duration"), "task %s: a duration of %s (%.4g working days) is more than the %d working days (about 20 years) a plan can mean. Correct it in MS Project and save the XML again.", t.UID, strings.TrimSpace(dur), d, plan.MaxDays)
			case d == 0:
				rt.NoEstimate = fmt.Sprintf("its Duration is %s but it is not a milestone", strings.TrimSpace(dur))
			default:
				t.days = d
				rt.Days, rt.HasEstimate = d, true
				if Elapsed(t.DurationFormat) {
					elapsed++
				}
			}
		}
		pc := t.PercentComplete
		switch {
		case pc >= 100:
			rt.Status = plan.Done
		case pc > 0:
			rt.Status = plan.InProgress
			if rt.HasEstimate {
				rt.Remaining = roadmap.RemainingAt(rt.Days, pc)
			}
		default:
			rt.Status = plan.NotStarted
		}
		// Actual dates, when MS Project recorded them; none is guessed.
		if d, err := parseDateTime(t.ActualStart); err == nil {
			rt.StartedOn = d
		}
		if d, err := parseDateTime(t.ActualFinish); err == nil {
			rt.FinishedOn = d
		}
		if top := topOf(t); top != t && isSummary(top) {
			rt.Product = nameOr(top)
		}
		if t.Manual == 1 {
			manual++
			if d, err := parseDateTime(firstNonEmpty(t.ManualStart, t.Start)); err == nil && !d.IsZero() {
				rt.StartNET = d
			}
		} else if t.ConstraintType == 4 || t.ConstraintType == 2 { // start no earlier than / must start on
			if d, err := parseDateTime(t.ConstraintDate); err == nil {
				rt.StartNET = d
			}
		}
		for _, b := range t.Baselines {
			if strings.TrimSpace(b.Number) == baselineNo && strings.TrimSpace(b.Finish) != "" {
				if d, err := parseDateTime(b.Finish); err == nil {
					rt.Target = d
					baselines++
				}
			}
		}
		if rt.Target.IsZero() && strings.TrimSpace(t.Deadline) != "" {
			if d, err := parseDateTime(t.Deadline); err == nil {
				rt.Target = d
				deadlines++
			}
		}
		rt.Deps = outline.Deps(t.UID)
		rs.Tasks = append(rs.Tasks, rt)
	}
	for i := range ms {
		t := byUID[ms[i].Key]
		fin := t.Finish
		if t.Manual == 1 && t.ManualFinish != "" {
			fin = t.ManualFinish
		}
		for _, b := range t.Baselines {
			if strings.TrimSpace(b.Number) == baselineNo && strings.TrimSpace(b.Finish) != "" {
				fin = b.Finish
			}
		}
		if d, err := parseDateTime(fin); err == nil {
			ms[i].Date = d
		}
		for _, d := range outline.Deps(t.UID) {
			ms[i].Deps = append(ms[i].Deps, d.Key)
		}
	}
	rs.Milestones = ms

	// Notes on what was assumed.
	pv.Notes = append(pv.Notes, fmt.Sprintf("Read %d tasks: %d become roadmap items, %d milestones; summary tasks are containers (top-level summaries name the items' product, %d products).", len(tasks), len(items), len(ms), products))
	pv.Notes = append(pv.Notes, fmt.Sprintf("Each task's duration is its effort in person-days, converted at the file's %g minutes a day (elapsed durations at 24 hours a day: %d task(s)).", pr.MinutesPerDay, elapsed))
	if oneTeam || len(teamOf) == 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("All items go to one team named after the project, %q (tasks have no assigned resources or the mapping says team=project).", projName))
	} else {
		pv.Notes = append(pv.Notes, fmt.Sprintf("A task's team is its assigned resource (the one with the most units); unassigned tasks go to a team named after the project, %q. Set the mapping field team=project for one team.", projName))
	}
	if manual > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d manually scheduled task(s) start no earlier than their ManualStart date.", manual))
	}
	if baselines > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("Targets are the Baseline %s finish dates (%d task(s)); set the mapping option baseline to use another baseline.", baselineNo, baselines))
	}
	if deadlines > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d task(s) with no baseline finish take their Deadline as the target.", deadlines))
	}
	calendarNotes(pv, pr, rs)
	rs.ApplyHolidays = roadmap.Option(&m, "holidays")
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

// calendarNotes expands the project calendar's exceptions into proposed holidays.
func calendarNotes(pv *ingest.Preview, pr *project, rs *roadmap.Source) {
	byUID := map[string]*calendar{}
	for i := range pr.Calendars {
		byUID[pr.Calendars[i].UID] = &pr.Calendars[i]
	}
	cal := byUID[pr.CalendarUID]
	if cal == nil {
		return
	}
	seen := map[plan.Date]bool{}
	var unsupported, working []string
	for c, n := cal, 0; c != nil && n < 10; c, n = byUID[c.BaseCalendarUID], n+1 {
		for _, wd := range c.WeekDays {
			// Pre-2007 files list dated exceptions as WeekDay 0; newer files
			// write them again under Exceptions, which wins.
			if wd.DayType != 0 || len(c.Exceptions) > 0 {
				continue
			}
			ex := exception{Name: "", Type: recDaily, TimePeriod: wd.TimePeriod, DayWorking: wd.DayWorking}
			if wd.DayWorking == 1 {
				working = append(working, wd.TimePeriod.FromDate)
				continue
			}
			ds, _ := ex.expand()
			for _, d := range ds {
				if !seen[d] {
					seen[d] = true
					rs.Holidays = append(rs.Holidays, plan.Holiday{Date: d, Name: c.Name + " exception"})
				}
			}
		}
		for _, ex := range c.Exceptions {
			if ex.DayWorking == 1 {
				working = append(working, ex.Name)
				continue
			}
			ds, ok := ex.expand()
			if !ok {
				unsupported = append(unsupported, ex.Name)
				continue
			}
			for _, d := range ds {
				if !seen[d] {
					seen[d] = true
					rs.Holidays = append(rs.Holidays, plan.Holiday{Date: d, Name: ex.Name})
				}
			}
		}
		var workdays []string
		for _, wd := range c.WeekDays {
			if wd.DayType >= 1 && wd.DayType <= 7 && wd.DayWorking == 1 {
				workdays = append(workdays, []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[wd.DayType-1])
			}
		}
		if n == 0 && len(workdays) > 0 && strings.Join(workdays, ",") != "Mon,Tue,Wed,Thu,Fri" {
			pv.Notes = append(pv.Notes, fmt.Sprintf("The project calendar %q works %s; the portfolio's working week is not changed.", c.Name, strings.Join(workdays, ", ")))
		}
	}
	sort.Slice(rs.Holidays, func(i, j int) bool { return rs.Holidays[i].Date < rs.Holidays[j].Date })
	if len(unsupported) > 0 {
		pv.Warnf(ingest.Location{File: pv.File, Field: "Calendar/Exceptions"}, "%d calendar exception(s) use a recurrence Steerco cannot expand and are not proposed as holidays: %s.", len(unsupported), roadmap.ListSome(unsupported, 8))
	}
	if len(working) > 0 {
		pv.Notes = append(pv.Notes, fmt.Sprintf("%d calendar exception(s) make days working (%s); Steerco's calendar only removes days, so they are ignored.", len(working), roadmap.ListSome(working, 5)))
	}
}

// lagDays converts a link's lag (tenths of a minute) to whole working days,
// rounding up; exact is false when it was rounded. A negative lag (a lead)
// becomes 0 with a message; so does a percentage lag.
func lagDays(l link, minutesPerDay float64) (days int, exact bool, msg string) {
	s := strings.TrimSpace(l.LinkLag)
	if s == "" || s == "0" {
		return 0, true, ""
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, true, fmt.Sprintf("lag %q is not a number; lag 0 is used.", s)
	}
	if l.LagFormat == 19 || l.LagFormat == 20 || l.LagFormat == 51 || l.LagFormat == 52 {
		return 0, true, "a percentage lag cannot be converted; lag 0 is used."
	}
	minutes := v / 10
	d := minutes / minutesPer(l.LagFormat, minutesPerDay)
	if d < 0 {
		return 0, true, fmt.Sprintf("a lead of %s day(s) (negative lag) is not supported; lag 0 is used.", roadmap.FormatDays(math.Round(-d*100)/100))
	}
	if d > 1e12 { // beyond any plan; the caller refuses anything over plan.MaxDays
		d = 1e12
	}
	c := math.Ceil(d - 1e-9)
	return int(c), math.Abs(c-d) < 1e-9, ""
}

func nameOr(t *task) string {
	if s := strings.TrimSpace(t.Name); s != "" {
		return s
	}
	return "Task " + t.UID
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// linkKinds maps MS Project's link types: 0 FF, 1 FS, 2 SF, 3 SS.
var linkKinds = map[int]roadmap.LinkKind{0: roadmap.FinishToFinish, 1: roadmap.FinishToStart,
	2: roadmap.StartToFinish, 3: roadmap.StartToStart}
