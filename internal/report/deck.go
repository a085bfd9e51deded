package report

import (
	"fmt"
	"strings"

	"steerco/internal/bidi"
	"steerco/internal/figure"
)

// Slide is one 16:9 slide of a deck: its message as the title, a few lines
// of text, at most four KPIs, one visual (a chart, a table of at most
// MaxSlideRows rows, or the decision sheet) and speaker notes carrying the
// numbers behind each claim. Slides are derived from a briefing's sections
// (Slides), so the deck and the pre-read quote the same sentences.
type Slide struct {
	Kind     string // the section kind it comes from
	Title    string // the message
	Subtitle string // the section's name, small, above the title
	Body     []string
	KPIs     []KPI
	Chart    *Chart
	Table    *Table
	Decision *Decision
	Cover    *Cover
	Notes    []string
}

// MaxSlideRows is the most rows a slide's table shows; the rest stay in the
// pre-read.
const MaxSlideRows = 8

// maxTitle is the longest title, in characters, kept whole (two lines at 28 pt).
const maxTitle = 90

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 && r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// maxTimelineRows is the most rows of a roadmap on a slide.
const maxTimelineRows = 10

// SlideFooter is the footer of slide i of n, the same in the deck's PDF
// and PowerPoint: the confidentiality label, the portfolio, the as-of date
// and the slide number. The label and the name are isolated (see
// bidi.Isolate), so a date after a Hebrew name stays out of it.
func SlideFooter(b *Briefing, i, n int) string {
	foot := fmt.Sprintf("%s · %s · %d / %d", bidi.Isolate(b.Portfolio), figure.Date(b.AsOf), i, n)
	if b.Confidentiality != "" {
		foot = bidi.Isolate(b.Confidentiality) + " · " + foot
	}
	return foot
}

// Slides turns a briefing into slides, one per section (the method
// appendix is left to the pre-read).
func Slides(b *Briefing) []Slide {
	var out []Slide
	for i := range b.Sections {
		s := &b.Sections[i]
		if s.Kind == SecMethod {
			continue
		}
		sl := Slide{Kind: s.Kind, Subtitle: s.Title, Cover: s.Cover, Decision: s.Decision}
		if s.Kind == SecCover {
			sl.Title = b.Title
			if s.Cover != nil && s.Cover.Title != "" {
				sl.Title = s.Cover.Title
			}
			sl.Notes = append(sl.Notes, fmt.Sprintf("%s, as of %s; %d%% confidence quoted.", named(b.Portfolio), fdate(b.AsOf), b.Confidence))
			out = append(out, sl)
			continue
		}
		heads := s.Headlines
		if s.Kind == SecSummary {
			// On a deck the summary is "what changed": the sentence on the
			// movement since the last snapshot leads, when there is one.
			for i, h := range heads {
				if i > 0 && strings.HasPrefix(h, "Since the ") {
					heads = append([]string{h}, append(append([]string(nil), heads[:i]...), heads[i+1:]...)...)
					break
				}
			}
		}
		if len(heads) > 0 {
			// One message: a long first sentence keeps its first clause
			// as the title and gives the rest to the body.
			sl.Title = heads[0]
			var rest []string
			if head, tail, ok := strings.Cut(sl.Title, "; "); ok && s.Kind != SecDecision && len([]rune(sl.Title)) > maxTitle && len([]rune(head)) >= 20 {
				sl.Title = head + "."
				rest = append(rest, upperFirst(tail))
			}
			rest = append(rest, heads[1:]...)
			sl.Body = append(sl.Body, rest[:min(len(rest), 2)]...)
		} else {
			sl.Title = s.Title
		}
		sl.KPIs = s.KPIs[:min(len(s.KPIs), 4)]
		if sl.Decision == nil {
			sl.Chart, sl.Table = slideVisual(s)
		}
		// The notes: every sentence and number behind the slide.
		sl.Notes = append(sl.Notes, s.Headlines...)
		for _, k := range s.KPIs {
			n := named(k.Label) + ": " + k.Value.String()
			if k.Note != "" {
				n += " (" + named(k.Note) + ")"
			}
			sl.Notes = append(sl.Notes, n+".")
		}
		if d := s.Decision; d != nil {
			for _, l := range d.Chain {
				sl.Notes = append(sl.Notes, fmt.Sprintf("Chain: %s (%s), P85 %s, adds %s.", named(l.Label), named(l.Team), fdate(l.P85), days(float64(l.Days))))
			}
			for _, o := range d.Options {
				n := fmt.Sprintf("Option: %s Cost: %s; chance %s → %s", named(strings.TrimRight(o.Ask, "."))+".", costOrNone(o), pct(o.Before), pct(o.After))
				if e := o.ExpectedWords(); e != "" {
					n += "; expected penalty " + e
				}
				sl.Notes = append(sl.Notes, n+".")
			}
		}
		if sl.Table != nil && len(sl.Table.Rows) > 0 {
			for _, r := range sl.Table.Rows {
				var cs []string
				for _, c := range r.Cells {
					if v := c.String(); v != "" {
						if c.Kind == KText {
							v = named(v) // a name, in a line of the row's other cells
						}
						cs = append(cs, v)
					}
				}
				sl.Notes = append(sl.Notes, strings.Join(cs, " · "))
			}
		}
		if sl.Chart != nil && sl.Chart.Note != "" {
			sl.Notes = append(sl.Notes, sl.Chart.Note)
		}
		sl.Notes = append(sl.Notes, s.Notes...)
		out = append(out, sl)
	}
	return out
}

// slideVisual picks the section's first chart, or else its first table cut
// to MaxSlideRows rows and its non-detail columns.
func slideVisual(s *Section) (*Chart, *Table) {
	for _, bl := range s.Blocks {
		if bl.Chart != nil {
			c := *bl.Chart
			if c.Timeline != nil && len(c.Timeline.Rows) > maxTimelineRows {
				tl := *c.Timeline
				tl.Rows = worstRows(tl.Rows, maxTimelineRows)
				c.Timeline = &tl
				all := len(bl.Chart.Timeline.Rows)
				pdf := all
				if bl.Chart.Timeline.PDFRows != nil {
					pdf = len(bl.Chart.Timeline.PDFRows)
				}
				c.Note = strings.TrimSpace(fmt.Sprintf("The %d items furthest from their targets; %s. %s", maxTimelineRows, whereRest(pdf, all, s.Sheet), c.Note))
			}
			return &c, nil
		}
	}
	for _, bl := range s.Blocks {
		if t := bl.Table; t != nil && !t.WorkbookOnly && len(t.Rows) > 0 {
			return nil, SlideTable(t, s.Sheet)
		}
	}
	return nil, nil
}

// worstRows keeps the n rows of a roadmap that matter most on a slide — off
// track first, then at risk, then the rest — in their original order.
func worstRows(rows []TimelineRow, n int) []TimelineRow {
	rank := func(r RAG) int {
		switch r {
		case Red:
			return 0
		case Amber:
			return 1
		case Green:
			return 2
		}
		return 3
	}
	keep := make([]bool, len(rows))
	left := n
	for level := 0; level <= 3 && left > 0; level++ {
		for i, r := range rows {
			if left > 0 && !keep[i] && rank(r.RAG) == level {
				keep[i] = true
				left--
			}
		}
	}
	var out []TimelineRow
	for i, r := range rows {
		if keep[i] {
			out = append(out, r)
		}
	}
	return out
}

// SlideTable is t cut for a slide: at most MaxSlideRows rows, detail
// columns left out, a note saying what was left and where it is (sheet:
// the workbook sheet of t's section).
func SlideTable(t *Table, sheet string) *Table {
	out := &Table{Name: t.Name, Title: t.Title}
	var keep []int
	for i, c := range t.Columns {
		if !c.Detail && c.Formula == "" {
			keep = append(keep, i)
		}
	}
	if len(keep) > 6 {
		keep = keep[:6]
	}
	for _, i := range keep {
		out.Columns = append(out.Columns, t.Columns[i])
	}
	n := min(len(t.Rows), MaxSlideRows)
	if t.PDFRows > 0 {
		n = min(n, t.PDFRows)
	}
	for _, r := range t.Rows[:n] {
		var cs []Cell
		for _, i := range keep {
			if i < len(r.Cells) {
				cs = append(cs, r.Cells[i])
			}
		}
		out.Rows = append(out.Rows, Row{Cells: cs, Group: r.Group})
	}
	if n < len(t.Rows) {
		pdf := len(t.Rows)
		if t.PDFRows > 0 {
			pdf = min(pdf, t.PDFRows)
		}
		out.Note = fmt.Sprintf("%s of %s rows; %s.", count(n), count(len(t.Rows)), whereRest(pdf, len(t.Rows), sheet))
	}
	return out
}

// whereRest says where a slide's reader finds all of a list the slide
// cuts: the pre-read when it prints every one of the list's all rows
// (pdf of them), otherwise the workbook's sheet, which always has them.
func whereRest(pdf, all int, sheet string) string {
	if pdf >= all {
		return fmt.Sprintf("the pre-read and the workbook (sheet %s) have all %s", named(sheet), count(all))
	}
	return fmt.Sprintf("the pre-read shows %s of them, the workbook (sheet %s) all %s", count(pdf), named(sheet), count(all))
}
