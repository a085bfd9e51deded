package roadmap

import (
	"bytes"
	"fmt"
	"golang.org/x/text/encoding/charmap"
	"io"
	"strings"

	"steerco/internal/ingest"
)

// Outline is the task tree of a scheduling file (MS Project, GanttProject)
// with the links between its tasks, for turning links into item
// dependencies the way both tools mean them: a link to or from a summary
// task applies to every task under it, and a link through a milestone passes
// to what the milestone waits for.
type Outline struct {
	nodes map[string]*outlineNode
	preds map[string][]Dep // successor key → its links; Dep.Key is the predecessor
}

type outlineNode struct {
	parent             string // "" at the top
	children           []string
	summary, milestone bool
}

// NewOutline returns an empty outline.
func NewOutline() *Outline {
	return &Outline{nodes: map[string]*outlineNode{}, preds: map[string][]Dep{}}
}

func (o *Outline) node(key string) *outlineNode {
	n := o.nodes[key]
	if n == nil {
		n = &outlineNode{}
		o.nodes[key] = n
	}
	return n
}

// AddTask adds the task key under parent ("" for a top-level task). A summary
// task stands for the tasks under it; a milestone for what it waits for.
// Children keep the order in which they are added.
func (o *Outline) AddTask(key, parent string, summary, milestone bool) {
	n := o.node(key)
	n.parent, n.summary, n.milestone = parent, summary, milestone
	if parent != "" {
		p := o.node(parent)
		p.children = append(p.children, key)
	}
}

// AddLink records that succ waits for pred to finish, then lagDays working
// days; loc is where the file states the link.
func (o *Outline) AddLink(pred, succ string, lagDays int, loc ingest.Location) {
	o.preds[succ] = append(o.preds[succ], Dep{Key: pred, LagDays: lagDays, Loc: loc})
}

// LinkKind is how a scheduling tool's link ties two tasks.
type LinkKind int

// The kinds of link. Steerco models finish-to-start only.
const (
	FinishToStart  LinkKind = iota // the successor starts when the predecessor finishes
	StartToStart                   // kept as finish-to-start with lag 0 (pessimistic)
	FinishToFinish                 // kept as finish-to-start with lag 0 (pessimistic)
	StartToFinish                  // dropped: it cannot be expressed
)

// AddLinkOf adds a link of any kind the way Steerco reads it, warning in pv
// when it changes or drops one: finish-to-start keeps its lag, start-to-start
// and finish-to-finish become finish-to-start with lag 0, start-to-finish is
// dropped.
func (o *Outline) AddLinkOf(pv *ingest.Preview, kind LinkKind, pred, succ string, lagDays int, loc ingest.Location) {
	switch kind {
	case StartToStart, FinishToFinish:
		name := map[LinkKind]string{StartToStart: "start-to-start", FinishToFinish: "finish-to-finish"}[kind]
		pv.Warnf(loc, "%s link from %s to %s kept as finish-to-start with lag 0 — Steerco models finish-to-start only, so this is pessimistic; check the forecast.", name, pred, succ)
		lagDays = 0
	case StartToFinish:
		pv.Warnf(loc, "start-to-finish link from %s to %s dropped — Steerco models finish-to-start only and cannot express it; check the forecast.", pred, succ)
		return
	}
	o.AddLink(pred, succ, lagDays, loc)
}

// Deps returns the dependencies of the task key: the links on it and on
// every summary above it, each resolved to the items (tasks that are neither
// summaries nor milestones) it stands for, never key itself.
func (o *Outline) Deps(key string) []Dep {
	var out []Dep
	for a := key; a != ""; a = o.node(a).parent {
		for _, l := range o.preds[a] {
			for _, u := range o.resolve(l.Key, map[string]bool{}) {
				if u != key {
					out = append(out, Dep{Key: u, LagDays: l.LagDays, Loc: l.Loc})
				}
			}
		}
	}
	return out
}

// leaves appends the tasks with nothing under them that key stands for.
func (o *Outline) leaves(key string, out []string) []string {
	n := o.nodes[key]
	if !n.summary {
		return append(out, key)
	}
	for _, c := range n.children {
		out = o.leaves(c, out)
	}
	return out
}

// resolve returns the items a predecessor key stands for.
func (o *Outline) resolve(key string, seen map[string]bool) []string {
	if seen[key] {
		return nil
	}
	seen[key] = true
	if o.nodes[key] == nil {
		return nil
	}
	var out []string
	for _, l := range o.leaves(key, nil) {
		if !o.nodes[l].milestone {
			out = append(out, l)
			continue
		}
		// A milestone stands for what it waits on (its own and its ancestors' links).
		for a := l; a != ""; a = o.node(a).parent {
			for _, e := range o.preds[a] {
				out = append(out, o.resolve(e.Key, seen)...)
			}
		}
	}
	return out
}

// XMLCharsetReader is an xml.Decoder CharsetReader for the encodings
// planning tools write: UTF-8 and ASCII as they are, ISO-8859-1 and
// Windows-1252 read byte by byte as Latin-1. For any other encoding the
// error names it and gives advice ("save the plan from X again").
func XMLCharsetReader(advice string) func(label string, in io.Reader) (io.Reader, error) {
	return func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf-8", "utf8", "us-ascii", "ascii":
			return in, nil
		case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
			// Files that say ISO-8859-1 are in practice Windows-1252 (the
			// WHATWG rule): bytes 0x80–0x9F are €, curly quotes and dashes.
			b, err := io.ReadAll(io.LimitReader(in, ingest.MaxFileSize))
			if err != nil {
				return nil, err
			}
			out, err := charmap.Windows1252.NewDecoder().Bytes(b)
			if err != nil {
				return nil, err
			}
			return bytes.NewReader(out), nil
		}
		return nil, fmt.Errorf("the XML declares encoding %q; %s", label, advice)
	}
}
