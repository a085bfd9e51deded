package forecastview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/ui/distchart"
)

// rag colours probabilities with the report templates' default thresholds,
// so the app and the board pack agree.
var rag = figure.DefaultThresholds

// Row kinds.
const (
	kindPortfolio = "Portfolio"
	kindMilestone = "Milestone"
	kindItem      = "Item"
)

// column is one column of the results table.
type column struct {
	title string
	width float32
}

var columns = []column{{"Kind", 92}, {"Name", 238}, {"P50", 92}, {"P85", 92}, {"Target", 92}, {"Chance", 70}, {"Critical", 72}, {"Sensitivity", 90}}

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
}

// buildRows lists the portfolio, every milestone and every open item of f,
// named as in p (p may be nil or older than f: unknown ids show as ids).
func buildRows(p *plan.Portfolio, f *outlook.Forecast) []row {
	if f == nil {
		return nil
	}
	nan := math.NaN()
	date := func(d plan.Date) (string, float64) {
		if d.IsZero() {
			return "–", nan
		}
		return d.String(), float64(d)
	}
	mk := func(kind, id, name string, dd outlook.DateDist, target plan.Date, pt, crit, sens float64, hasCrit bool) row {
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
		}
		r.cells[colCritical], r.cells[colSensitivity] = "", ""
		if hasCrit {
			r.cells[colCritical], r.num[colCritical] = figure.Percent(crit), crit
			r.cells[colSensitivity], r.num[colSensitivity] = fmt.Sprintf("%.2f", sens), sens
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
	Dist    outlook.DateDist
	Target  plan.Date
	Points  []distchart.Point
	Chance  string // "64% chance of meeting 2027-06-01", or ""
	RAG     report.RAG
	Measure string // criticality and sensitivity, in words
	// Why it waits (items only).
	WaitDep, WaitCap float64
	WaitText         string
	DriverText       string
}

// buildDetail describes row r of forecast f.
func buildDetail(p *plan.Portfolio, f *outlook.Forecast, r row) detail {
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
			d.Chance = fmt.Sprintf("%s chance of meeting %s", figure.Percent(m.PTarget), m.Target)
		}
		if m.Driver != "" {
			d.DriverText = fmt.Sprintf("Finishes last most often: %s (%s of trials).", itemName(p, m.Driver), figure.Percent(m.DriverShare))
		}
	case kindItem:
		it := f.Item(r.id)
		if it == nil {
			return d
		}
		d.Title, d.Dist, d.Target = itemName(p, it.ID), it.Finish, it.Target
		d.RAG = rag.Of(it.PTarget)
		if it.PTarget >= 0 {
			d.Chance = fmt.Sprintf("%s chance of meeting %s", figure.Percent(it.PTarget), it.Target)
		} else {
			d.Chance = "No target date."
		}
		d.Measure = fmt.Sprintf("Criticality %s: it drives the portfolio's finish in that share of trials. Sensitivity %.2f: rank correlation of its effort with the portfolio's finish.",
			figure.Percent(it.Criticality), it.Sensitivity)
		d.WaitDep, d.WaitCap = it.WaitDependencyDays, it.WaitCapacityDays
		d.WaitText = fmt.Sprintf("Waits %s for dependencies and %s for its team's capacity (mean working days).", days(it.WaitDependencyDays), days(it.WaitCapacityDays))
		if it.Driver != "" {
			d.DriverText = fmt.Sprintf("Driver: %s finishes last among its predecessors in %s of trials.", itemName(p, it.Driver), figure.Percent(it.DriverShare))
		}
	}
	dd := d.Dist
	d.Facts = fmt.Sprintf("P10 %s · P50 %s · P85 %s · P95 %s · mean %s · standard error of P50 ±%.1f, of P85 ±%.1f working days",
		dd.P10, dd.P50, dd.P85, dd.P95, dd.Mean, dd.SEP50Days, dd.SEP85Days)
	for _, c := range dd.Curve {
		d.Points = append(d.Points, distchart.Point{Date: c.Date, P: c.P})
	}
	return d
}

func days(d float64) string {
	if d == 1 {
		return "1.0 day"
	}
	return fmt.Sprintf("%.1f days", d)
}

// riskRow is one line of the risk drivers list.
type riskRow struct {
	Title string
	Days  float64 // bar length: P85 days on the worst milestone, else on the portfolio
	Text  string
}

// buildRisks lists f's risk drivers, most harmful first (the forecast's order).
func buildRisks(p *plan.Portfolio, f *outlook.Forecast) []riskRow {
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
		var parts []string
		if r.WorstMilestone != "" {
			rr.Days = r.MilestoneP85Days[r.WorstMilestone]
			s := fmt.Sprintf("+%.1f d on %s", rr.Days, milestoneName(p, r.WorstMilestone))
			if dp, ok := r.MilestonePTarget[r.WorstMilestone]; ok && dp != 0 {
				s += fmt.Sprintf(" (%+.0f pts)", dp*100)
			}
			parts = append(parts, s)
		}
		parts = append(parts, fmt.Sprintf("+%.1f d portfolio P85", r.PortfolioP85Days))
		rr.Text = strings.Join(parts, " · ")
		out = append(out, rr)
	}
	return out
}

// metadata describes how f was run.
func metadata(f *outlook.Forecast) string {
	if f == nil {
		return ""
	}
	sampling := map[string]string{"mc": "Monte Carlo", "lhs": "Latin hypercube"}[f.Sampling]
	if sampling == "" {
		sampling = f.Sampling
	}
	return fmt.Sprintf("%s trials · seed %d · %s sampling · %s effort · as of %s · portfolio P85 %s ±%.1f working days (standard error)",
		plan.Group(fmt.Sprint(f.Trials)), f.Seed, sampling, f.Distribution, f.AsOf, f.Portfolio.P85, f.Portfolio.SEP85Days)
}
