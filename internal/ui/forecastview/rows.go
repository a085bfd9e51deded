package forecastview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/distchart"
	"steerco/internal/ui/field"
)

// Row kinds.
const (
	kindPortfolio = "Portfolio"
	kindMilestone = "Milestone"
	kindItem      = "Item"
)

// columns of the results table: the name, P85 and chance always show; on
// a narrow window sensitivity, criticality, kind, P50 and the target give
// way in that order (the detail pane has them all).
var columns = []field.Column{
	{Title: "Kind", Width: 92, Priority: 3},
	{Title: "Name", Width: 200, Stretch: true},
	{Title: "P50", Width: 104, Priority: 2},
	{Title: "P85", Width: 104},
	{Title: "Target", Width: 104, Priority: 1},
	{Title: "Chance", Width: 100},
	{Title: "Critical", Width: 84, Priority: 4},
	{Title: "Sensitivity", Width: 100, Priority: 5},
}

const (
	colKind = iota
	colName
	colP50
	colP85
	colTarget
	colChance
	colCritical
	colSensitivity
)

// row is one line of the results table, precomputed when a forecast
// arrives (never in UpdateCell).
type row struct {
	kind, id string
	cells    []string
	num      []float64 // sort keys of numeric columns; NaN for text columns
	p        float64   // probability of meeting the target, -1 for none
	rag      figure.RAG
}

// buildRows lists the portfolio, every milestone and every open item of f,
// named as in p (p may be nil or older than f: unknown ids show as ids).
func buildRows(p *plan.Portfolio, f *app.Forecast, rag figure.Thresholds) []row {
	if f == nil {
		return nil
	}
	nan := math.NaN()
	date := func(d plan.Date) (string, float64) {
		if d.IsZero() {
			return "–", nan
		}
		return figure.Date(d), float64(d)
	}
	mk := func(kind, id, name string, dd app.DateDist, target plan.Date, pt, crit, sens float64, hasCrit bool) row {
		r := row{kind: kind, id: id, p: pt, cells: make([]string, len(columns)), num: make([]float64, len(columns))}
		for i := range r.num {
			r.num[i] = nan
		}
		r.cells[colKind], r.cells[colName] = kind, name
		r.cells[colP50], r.num[colP50] = date(dd.P50)
		r.cells[colP85], r.num[colP85] = date(dd.P85)
		r.cells[colTarget], r.num[colTarget] = date(target)
		r.cells[colChance], r.num[colChance] = "–", -1
		if pt >= 0 {
			r.cells[colChance], r.num[colChance] = figure.Percent(pt), pt
			r.rag = rag.Of(pt)
		}
		r.cells[colCritical], r.cells[colSensitivity] = "", ""
		if hasCrit {
			r.cells[colCritical], r.num[colCritical] = figure.Percent(crit), crit
			r.cells[colSensitivity], r.num[colSensitivity] = figure.Number(sens, 2), sens
		}
		return r
	}
	rows := []row{mk(kindPortfolio, "", "Whole portfolio (last open item)", f.Portfolio, 0, -1, 0, 0, false)}
	for _, m := range f.Milestones {
		rows = append(rows, mk(kindMilestone, m.ID, milestoneName(p, m.ID), m.Finish, m.Target, m.PTarget, 0, 0, false))
	}
	for _, it := range f.Items {
		rows = append(rows, mk(kindItem, it.ID, itemName(p, it.ID), it.Finish, it.Target, it.PTarget, it.Criticality, it.Sensitivity, true))
	}
	return rows
}

// sortRows orders rows by column col (ties keep the original order).
func sortRows(rows []row, col int, desc bool) []row {
	out := append([]row(nil), rows...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		less, greater := false, false
		if x, y := a.num[col], b.num[col]; !math.IsNaN(x) || !math.IsNaN(y) {
			switch {
			case math.IsNaN(x): // blanks last
				return false
			case math.IsNaN(y):
				return true
			}
			less, greater = x < y, x > y
		} else {
			sa, sb := strings.ToLower(a.cells[col]), strings.ToLower(b.cells[col])
			less, greater = sa < sb, sa > sb
		}
		if desc {
			return greater
		}
		return less
	})
	return out
}

func itemName(p *plan.Portfolio, id string) string {
	if p != nil {
		if it := p.Item(id); it != nil {
			return id + " · " + it.Title
		}
	}
	return id
}

func milestoneName(p *plan.Portfolio, id string) string {
	if p != nil {
		for _, m := range p.Milestones {
			if m.ID == id {
				return m.Name
			}
		}
	}
	return id
}

// detail is what the right-hand pane shows for the selected row.
type detail struct {
	Title   string
	Facts   string // percentiles, mean and standard errors
	Dist    app.DateDist
	Target  plan.Date
	Points  []distchart.Point
	Chance  string // "64% chance of meeting 2027-06-01", or ""
	RAG     figure.RAG
	Measure string // criticality and sensitivity, in words
	// Why it waits (items only).
	WaitDep, WaitCap float64
	WaitText         string
	DriverText       string // names in it bidi.Isolate'd, for bidi.Shaped
}

// buildDetail describes row r of forecast f.
func buildDetail(p *plan.Portfolio, f *app.Forecast, r row, rag figure.Thresholds) detail {
	var d detail
	switch r.kind {
	case kindPortfolio:
		d.Title, d.Dist = "Whole portfolio: the finish of the last open item", f.Portfolio
	case kindMilestone:
		m := f.Milestone(r.id)
		if m == nil {
			return d
		}
		d.Title, d.Dist, d.Target = milestoneName(p, m.ID), m.Finish, m.Target
		d.RAG = rag.Of(m.PTarget)
		if m.Done {
			d.Chance = "Done: every item of this milestone is finished."
		} else if m.PTarget >= 0 {
			d.Chance = fmt.Sprintf("%s chance of meeting %s", figure.Percent(m.PTarget), figure.Date(m.Target))
		}
		if m.Driver != "" {
			d.DriverText = fmt.Sprintf("Finishes last most often: %s (%s of trials).", bidi.Isolate(itemName(p, m.Driver)), figure.Percent(m.DriverShare))
		}
	case kindItem:
		it := f.Item(r.id)
		if it == nil {
			return d
		}
		d.Title, d.Dist, d.Target = itemName(p, it.ID), it.Finish, it.Target
		d.RAG = rag.Of(it.PTarget)
		if it.PTarget >= 0 {
			d.Chance = fmt.Sprintf("%s chance of meeting %s", figure.Percent(it.PTarget), figure.Date(it.Target))
		} else {
			d.Chance = "No target date."
		}
		d.Measure = fmt.Sprintf("Criticality %s: it drives the portfolio's finish in that share of trials. Sensitivity %s: rank correlation of its effort with the portfolio's finish.",
			figure.Percent(it.Criticality), figure.Number(it.Sensitivity, 2))
		d.WaitDep, d.WaitCap = it.WaitDependencyDays, it.WaitCapacityDays
		d.WaitText = fmt.Sprintf("Waits %s for dependencies and %s for its team's capacity (means over the trials).", figure.WorkingDays(it.WaitDependencyDays), figure.WorkingDays(it.WaitCapacityDays))
		if it.Driver != "" {
			d.DriverText = fmt.Sprintf("Driver: %s finishes last among its predecessors in %s of trials.", bidi.Isolate(itemName(p, it.Driver)), figure.Percent(it.DriverShare))
		}
	}
	dd := d.Dist
	d.Facts = fmt.Sprintf("P10 %s · P50 %s · P85 %s · P95 %s · mean %s · standard error of P50 ±%s, of P85 ±%s working days",
		figure.Date(dd.P10), figure.Date(dd.P50), figure.Date(dd.P85), figure.Date(dd.P95), figure.Date(dd.Mean), figure.Number(dd.SEP50Days, 1), figure.Number(dd.SEP85Days, 1))
	for _, c := range dd.Curve {
		d.Points = append(d.Points, distchart.Point{Date: c.Date, P: c.P})
	}
	return d
}

// riskRow is one line of the risk drivers list.
type riskRow struct {
	Title string
	Days  float64 // bar length: P85 days on the worst milestone, else on the portfolio
	Text  string  // names in it bidi.Isolate'd, for bidi.Shaped
}

// buildRisks lists f's risk drivers, most harmful first (the forecast's order).
func buildRisks(p *plan.Portfolio, f *app.Forecast) []riskRow {
	if f == nil {
		return nil
	}
	var out []riskRow
	for _, r := range f.Risks {
		title := r.RiskID
		if p != nil {
			if pr := p.Risk(r.RiskID); pr != nil {
				title = pr.Title
			}
		}
		rr := riskRow{Title: title, Days: r.PortfolioP85Days}
		if r.Estimated { // points only: see figure.EstimatedNote
			rr.Text = figure.RiskPoints(r.PointsLost, true) + " pts of chance lost (estimated); P85 days " + figure.NotComputed
			out = append(out, rr)
			continue
		}
		var parts []string
		if r.WorstMilestone != "" {
			rr.Days = r.MilestoneP85Days[r.WorstMilestone]
			se := 0.0
			if mf := f.Milestone(r.WorstMilestone); mf != nil {
				se = mf.Finish.SEP85Days
			}
			s := figure.DaysEffect(rr.Days, se) + " on " + bidi.Isolate(milestoneName(p, r.WorstMilestone))
			if dp, ok := r.MilestonePTarget[r.WorstMilestone]; ok && figure.Shown(math.Abs(dp)) >= 0.01 {
				s += " (" + figure.Points(dp) + ")"
			}
			parts = append(parts, s)
		}
		parts = append(parts, figure.DaysEffect(r.PortfolioP85Days, f.Portfolio.SEP85Days)+" on the portfolio's P85")
		rr.Text = strings.Join(parts, " · ")
		out = append(out, rr)
	}
	return out
}

// metadata describes how f was run.
func metadata(f *app.Forecast) string {
	if f == nil {
		return ""
	}
	sampling := map[string]string{"mc": "Monte Carlo", "lhs": "Latin hypercube"}[f.Sampling]
	if sampling == "" {
		sampling = f.Sampling
	}
	return fmt.Sprintf("%s trials · seed %d · %s sampling · %s effort · as of %s · portfolio P85 %s ±%s working days (standard error)",
		plan.Group(fmt.Sprint(f.Trials)), f.Seed, sampling, f.Distribution, figure.Date(f.AsOf), figure.Date(f.Portfolio.P85), figure.Number(f.Portfolio.SEP85Days, 1))
}
