package roadmap

import (
	"fmt"
	"sort"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// driverWaitDays is how long an item must wait, on average, for its driving
// predecessor before the timeline names it (the report uses the same rule).
const driverWaitDays = 3

// Timeline is the chart model of the timeline view: the report's timeline
// (app.Timeline, the report's model the PDF draws) plus what the app needs to draw
// and select rows — item ids, probabilities and x positions. Positions are
// fractions of the plot width (0 = From, 1 = the end of To), so the widget
// only multiplies them by its width. It is computed without Fyne.
type Timeline struct {
	app.Timeline
	Lines  []Line      // one per team heading and per item, in display order
	Months []MonthTick // one per month in [From, To]
	// Guides are the milestones' target dates, drawn as thin dashed
	// vertical lines across the item rows.
	Guides []Guide
	TodayX float64 // position of today; -1 when today is outside the window
	Span   int     // calendar days in [From, To]
}

// Line is one row of the timeline: a heading (Heading set: "Milestones" or
// a team), a milestone (MilestoneID set) or an item (ItemID set). A
// milestone's bar is its P50–P85 finish, its diamond the target date and its
// Status the target and probability ("22 Apr 2027 · 46%").
type Line struct {
	Heading     string // "Milestones" or a team name, for a heading line
	ItemID      string
	MilestoneID string
	app.TimelineRow
	DriverID string  // the predecessor that drives the slip, when named
	P        float64 // probability of meeting the target; -1 with no target
	// Fractions of the plot width.
	XStart, X50, X85 float64
	XTarget          float64 // -1 when the item has no target
	Late             bool    // the P85 date is after the target
	Status           string  // the probability and its status in words, e.g. "64% · at risk"
}

// Guide is a milestone's target date across the item rows.
type Guide struct {
	X   float64
	RAG figure.RAG
}

// MonthTick is a month gridline: its position and label ("Mar 2027").
type MonthTick struct {
	X     float64
	Label string
	Month plan.Month
}

// BuildTimeline computes the timeline of the open items of p that f
// forecasts and keep accepts (nil keeps all), grouped by team (teams by
// name, items by rank then id), with today's line. It returns a timeline
// with no lines when there is no forecast.
func BuildTimeline(p *plan.Portfolio, f *app.Forecast, today plan.Date, rag figure.Thresholds, keep func(id string) bool) *Timeline {
	tl := &Timeline{Timeline: app.Timeline{Today: today, Confidence: 85}, TodayX: -1}
	if p == nil || f == nil {
		return tl
	}
	items := make(map[string]*plan.Item, len(p.Items))
	for i := range p.Items {
		items[p.Items[i].ID] = &p.Items[i]
	}
	teamName := make(map[string]string, len(p.Teams))
	for _, t := range p.Teams {
		teamName[t.ID] = t.Name
	}
	byTeam := map[string][]*app.ItemForecast{}
	from, to := today, today
	extend := func(d plan.Date) {
		if d.IsZero() {
			return
		}
		if from.IsZero() || d < from {
			from = d
		}
		if d > to {
			to = d
		}
	}
	for i := range f.Items {
		fi := &f.Items[i]
		it := items[fi.ID]
		if it == nil || !it.Open() || (keep != nil && !keep(fi.ID)) {
			continue
		}
		byTeam[it.TeamID] = append(byTeam[it.TeamID], fi)
		extend(fi.Start.P50)
		extend(fi.Finish.P85)
		extend(fi.Target)
	}
	teams := make([]string, 0, len(byTeam))
	for id := range byTeam {
		teams = append(teams, id)
	}
	sort.Slice(teams, func(i, j int) bool {
		a, b := teamName[teams[i]], teamName[teams[j]]
		if a != b {
			return a < b
		}
		return teams[i] < teams[j]
	})
	if len(teams) == 0 {
		return tl
	}
	milestones := shownMilestones(p, f, keep)
	for _, sm := range milestones {
		mf := sm.f
		extend(mf.Target)
		if !mf.Done {
			extend(mf.Finish.P85)
		}
	}
	// Whole months, and one more month of room on the right for the labels.
	tl.From = from.MonthOf().First()
	tl.To = to.MonthOf().Add(1).Last()
	tl.Span = tl.From.DaysUntil(tl.To) + 1
	x := func(d plan.Date) float64 { return float64(tl.From.DaysUntil(d)) / float64(tl.Span) }
	if today >= tl.From && today <= tl.To {
		tl.TodayX = x(today)
	}
	for m := tl.From.MonthOf(); m <= tl.To.MonthOf(); m++ {
		tl.Months = append(tl.Months, MonthTick{X: x(m.First()), Label: m.Label(), Month: m})
	}
	if len(milestones) > 0 {
		tl.Lines = append(tl.Lines, Line{Heading: "Milestones", XTarget: -1, P: -1})
	}
	for _, sm := range milestones {
		mf := sm.f
		row := app.TimelineRow{Group: "Milestones", Label: sm.name, P50: mf.Finish.P50, P85: mf.Finish.P85, Target: mf.Target, RAG: rag.Of(mf.PTarget)}
		l := Line{MilestoneID: mf.ID, P: mf.PTarget, XTarget: x(mf.Target), TimelineRow: row,
			Status: fmt.Sprintf("%s · %s", figure.Date(mf.Target), figure.Percent(mf.PTarget))}
		if mf.Done {
			// Nothing left to forecast: no bar, the diamond and "done".
			l.XStart, l.X50, l.X85 = -1, -1, -1
			l.Status = figure.Date(mf.Target) + " · done"
		} else {
			l.XStart, l.X50, l.X85 = x(mf.Finish.P50), x(mf.Finish.P50), x(mf.Finish.P85)
			l.Late = mf.Finish.P85 > mf.Target
		}
		tl.Lines = append(tl.Lines, l)
		tl.Guides = append(tl.Guides, Guide{X: l.XTarget, RAG: row.RAG})
	}
	for _, tid := range teams {
		list := byTeam[tid]
		sort.SliceStable(list, func(i, j int) bool {
			a, b := items[list[i].ID], items[list[j].ID]
			if a.Rank != b.Rank {
				return a.Rank < b.Rank
			}
			return a.ID < b.ID
		})
		name := teamName[tid]
		if name == "" {
			name = tid
		}
		tl.Lines = append(tl.Lines, Line{Heading: name, XTarget: -1, P: -1})
		for _, fi := range list {
			it := items[fi.ID]
			row := app.TimelineRow{Group: name, Label: it.Title, Start: fi.Start.P50, P50: fi.Finish.P50, P85: fi.Finish.P85,
				Target: fi.Target, RAG: rag.Of(fi.PTarget)}
			l := Line{ItemID: fi.ID, P: fi.PTarget, XStart: x(fi.Start.P50), X50: x(fi.Finish.P50), X85: x(fi.Finish.P85), XTarget: -1}
			if fi.Driver != "" && fi.WaitDependencyDays >= driverWaitDays {
				l.DriverID = fi.Driver
				if d := items[fi.Driver]; d != nil {
					row.Driver = d.Title
				} else {
					row.Driver = fi.Driver
				}
			}
			if !fi.Target.IsZero() {
				l.XTarget = x(fi.Target)
				l.Late = fi.Finish.P85 > fi.Target
				l.Status = fmt.Sprintf("%s · %s", figure.Percent(fi.PTarget), lower(row.RAG.Label()))
			} else {
				l.Status = "no target"
			}
			l.TimelineRow = row
			tl.Rows = append(tl.Rows, row)
			tl.Lines = append(tl.Lines, l)
		}
	}
	for _, m := range p.Milestones {
		if mf := f.Milestone(m.ID); mf != nil {
			tl.Markers = append(tl.Markers, app.TimelineMarker{Date: mf.Target, RAG: rag.Of(mf.PTarget), Label: m.Name})
		}
	}
	return tl
}

type shownMilestone struct {
	name string
	f    *app.MilestoneForecast
}

// shownMilestones returns the forecasts of p's milestones with a target
// that have at least one item keep accepts, by target date then id.
func shownMilestones(p *plan.Portfolio, f *app.Forecast, keep func(id string) bool) []shownMilestone {
	var out []shownMilestone
	for _, m := range p.Milestones {
		mf := f.Milestone(m.ID)
		if mf == nil || mf.Target.IsZero() {
			continue
		}
		shown := keep == nil
		for _, id := range m.DependsOn {
			shown = shown || keep(id)
		}
		if shown {
			out = append(out, shownMilestone{name: m.Name, f: mf})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].f, out[j].f
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.ID < b.ID
	})
	return out
}

func lower(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}
