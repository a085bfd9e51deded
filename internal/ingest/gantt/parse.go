package gantt

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
	"steerco/internal/plan"
)

// Limits that keep a hostile file from taking the machine down.
const (
	MaxDepth = 128
	MaxTasks = 100_000
)

// depend is a dependency as GanttProject stores it: on the predecessor,
// naming the successor.
type depend struct {
	Successor  string
	Type       int // 1 SS, 2 FS, 3 FF, 4 SF
	Difference int // lag in working days (negative = lead)
	Hardness   string
	Line       int
	raw        string // the difference attribute as written
	err        bool   // it is not a whole number of days, or beyond plan.MaxDays
}

type task struct {
	ID, Name     string
	Start        plan.Date
	Duration     int // working days
	Complete     float64
	Meeting      bool
	ThirdDate    plan.Date
	ThirdConstr  string
	Depends      []depend
	Line         int
	Depth        int
	parent       *task
	children     []*task
	hasStart     bool
	startProblem string
	durationRaw  string // the duration attribute as written
	durationErr  bool   // it is not a whole number of days, or beyond plan.MaxDays
	completeRaw  string // the complete attribute, when it is not a number (read as 0)
}

// readInt reads a whole number of days from an attribute: "" is 0, and a
// value that is not a whole number, or whose magnitude is more than
// plan.MaxDays, gives bad = true and 0 (so nothing is built from it).
func readInt(s string) (n int, bad bool) {
	if s == "" {
		return 0, false
	}
	if len(s) > 12 {
		return 0, true
	}
	v, err := strconv.Atoi(s)
	if err != nil || v > plan.MaxDays || v < -plan.MaxDays {
		return 0, true
	}
	return v, false
}

type holiday struct {
	Year, Month, Day int // Year 0 = every year
	Name             string
	Type             string
}

type allocation struct {
	TaskID, ResourceID string
	Load               float64
	Responsible        bool
}

type vacation struct {
	Start, End plan.Date
	ResourceID string
}

// project is what Preview reads from a .gan file.
type project struct {
	Name, Version, Locale string
	Weekend               [7]bool // true = non-working (sun..sat)
	WeekSet               bool
	Holidays              []holiday
	Tasks                 []*task // in file (depth-first) order
	Resources             map[string]string
	ResourceOrder         []string
	Allocations           []allocation
	Vacations             []vacation
	DependCount           int
}

var weekdayAttrs = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// parse reads a GanttProject document with a streaming decoder, after
// roadmap.CheckXML has refused what is too large or too deep. It checks ctx
// as it goes.
func parse(ctx context.Context, name string, data []byte) (*project, error) {
	loc := ingest.Location{File: name}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	lim := roadmap.DefaultXMLLimits
	lim.MaxDepth = MaxDepth
	if err := roadmap.CheckXML(ctx, name, data, lim, "a GanttProject plan"); err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	pr := &project{Resources: map[string]string{}}
	pr.Weekend[time.Sunday], pr.Weekend[time.Saturday] = true, true
	var path []string
	var stack []*task
	var text strings.Builder
	var curHoliday *holiday
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
			path = append(path, t.Name.Local)
			if len(path) > MaxDepth {
				return nil, &ingest.ParseError{Location: ingest.Location{File: name, Row: line}, Msg: fmt.Sprintf("elements are nested more than %d deep; this is not a GanttProject plan", MaxDepth)}
			}
			text.Reset()
			a := attrs(t)
			if len(path) == 1 {
				if t.Name.Local != "project" {
					return nil, &ingest.ParseError{Location: loc, Msg: fmt.Sprintf("the root element is <%s>, not GanttProject's <project>; this is not a GanttProject file", t.Name.Local)}
				}
				pr.Name, pr.Version, pr.Locale = strings.TrimSpace(a["name"]), a["version"], a["locale"]
				sawRoot = true
				continue
			}
			switch t.Name.Local {
			case "default-week":
				if in(path, "calendars") {
					for i, d := range weekdayAttrs {
						if v, ok := a[d]; ok {
							pr.Weekend[i] = v == "1"
							pr.WeekSet = true
						}
					}
				}
			case "date":
				if in(path, "calendars") {
					h := holiday{Type: a["type"]}
					h.Year, _ = strconv.Atoi(a["year"])
					h.Month, _ = strconv.Atoi(a["month"])
					h.Day, _ = strconv.Atoi(a["date"])
					pr.Holidays = append(pr.Holidays, h)
					curHoliday = &pr.Holidays[len(pr.Holidays)-1]
				}
			case "task":
				if !in(path, "tasks") || in(path, "previous") {
					continue
				}
				if len(pr.Tasks) >= MaxTasks {
					return nil, &ingest.ParseError{Location: loc, Msg: fmt.Sprintf("the plan has more than %d tasks", MaxTasks)}
				}
				tk := &task{ID: a["id"], Name: strings.TrimSpace(a["name"]), Meeting: a["meeting"] == "true", Line: line, Depth: len(stack) + 1, ThirdConstr: a["thirdDate-constraint"]}
				if d, err := time.Parse(time.DateOnly, strings.TrimSpace(a["start"])); err == nil {
					tk.Start, tk.hasStart = plan.DateOf(d), true
				} else {
					tk.startProblem = a["start"]
				}
				tk.durationRaw = strings.TrimSpace(a["duration"])
				tk.Duration, tk.durationErr = readInt(tk.durationRaw)
				if c := strings.TrimSpace(a["complete"]); c != "" {
					v, err := strconv.ParseFloat(c, 64)
					if err != nil || math.IsNaN(v) {
						tk.completeRaw, v = c, 0
					}
					tk.Complete = v
				}
				if d, err := time.Parse(time.DateOnly, strings.TrimSpace(a["thirdDate"])); err == nil {
					tk.ThirdDate = plan.DateOf(d)
				}
				if len(stack) > 0 {
					tk.parent = stack[len(stack)-1]
					tk.parent.children = append(tk.parent.children, tk)
				}
				stack = append(stack, tk)
				pr.Tasks = append(pr.Tasks, tk)
			case "depend":
				if len(stack) > 0 && !in(path, "previous") {
					d := depend{Successor: a["id"], Hardness: a["hardness"], Line: line}
					d.Type, _ = strconv.Atoi(a["type"])
					d.raw = strings.TrimSpace(a["difference"])
					d.Difference, d.err = readInt(d.raw)
					top := stack[len(stack)-1]
					top.Depends = append(top.Depends, d)
					pr.DependCount++
				}
			case "resource":
				if in(path, "resources") {
					id := a["id"]
					if _, dup := pr.Resources[id]; !dup {
						pr.ResourceOrder = append(pr.ResourceOrder, id)
					}
					pr.Resources[id] = strings.TrimSpace(a["name"])
				}
			case "allocation":
				al := allocation{TaskID: a["task-id"], ResourceID: a["resource-id"], Responsible: a["responsible"] == "true"}
				al.Load, _ = strconv.ParseFloat(a["load"], 64)
				pr.Allocations = append(pr.Allocations, al)
			case "vacation":
				v := vacation{ResourceID: a["resourceid"]}
				if d, err := time.Parse(time.DateOnly, a["start"]); err == nil {
					v.Start = plan.DateOf(d)
				}
				if d, err := time.Parse(time.DateOnly, a["end"]); err == nil {
					v.End = plan.DateOf(d)
				}
				pr.Vacations = append(pr.Vacations, v)
			}
		case xml.CharData:
			if text.Len() < 1<<16 {
				text.Write(t)
			}
		case xml.EndElement:
			if len(path) == 0 {
				continue
			}
			switch path[len(path)-1] {
			case "date":
				if curHoliday != nil {
					curHoliday.Name = strings.TrimSpace(text.String())
					curHoliday = nil
				}
			case "task":
				if len(stack) > 0 && in(path, "tasks") && !in(path, "previous") {
					stack = stack[:len(stack)-1]
				}
			}
			path = path[:len(path)-1]
			text.Reset()
		}
	}
	if !sawRoot {
		return nil, &ingest.ParseError{Location: loc, Msg: "the file holds no XML elements; it is not a GanttProject file"}
	}
	return pr, nil
}

// in reports whether an element named name encloses the current one.
func in(path []string, name string) bool {
	for _, p := range path[:len(path)-1] {
		if p == name {
			return true
		}
	}
	return false
}

func attrs(t xml.StartElement) map[string]string {
	m := make(map[string]string, len(t.Attr))
	for _, a := range t.Attr {
		m[a.Name.Local] = a.Value
	}
	return m
}

// Sniff reports whether the start of a file is a GanttProject document:
// its root element is <project> (lower case) with GanttProject's
// attributes (version, view-date or gantt-divider-location), whatever the
// file's extension. MS Project's root is <Project>.
func Sniff(head []byte) bool {
	dec := xml.NewDecoder(bytes.NewReader(head))
	dec.Strict = false
	dec.CharsetReader = charsetReader
	for i := 0; i < 1000; i++ {
		tok, err := dec.RawToken()
		if err != nil {
			return false
		}
		if se, ok := tok.(xml.StartElement); ok {
			if se.Name.Local != "project" {
				return false
			}
			a := attrs(se)
			_, v := a["version"]
			_, vd := a["view-date"]
			_, gd := a["gantt-divider-location"]
			return v || vd || gd
		}
	}
	return false
}

// charsetReader reads the encodings GanttProject files come in.
var charsetReader = roadmap.XMLCharsetReader("save the plan from GanttProject again (it writes UTF-8)")
