package scenarios

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2/widget"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
	"steerco/internal/scenario"
)

// rag classifies probabilities with the report templates' default
// thresholds, so the app and the board pack agree.
var rag = figure.DefaultThresholds

// column is one column of a comparison table.
type column struct {
	title string
	width float32
}

// grid is a table's precomputed text and colour per cell.
type grid struct {
	cols  []column
	cells [][]string
	imp   [][]widget.Importance
}

func (g *grid) add(cells []string, imp []widget.Importance) {
	g.cells = append(g.cells, cells)
	g.imp = append(g.imp, imp)
}

var (
	milestoneCols = []column{{"Milestone", 230}, {"Date", 92}, {"P85 plan", 92}, {"P85 scenario", 100}, {"Δ working days", 122}, {"Chance plan", 100}, {"Chance scenario", 128}, {"Δ points", 80}}
	itemCols      = []column{{"Commitment", 300}, {"Target", 92}, {"Plan", 110}, {"Scenario", 110}, {"Change", 150}}
	teamCols      = []column{{"Team", 210}, {"Quarter", 80}, {"Capacity plan", 110}, {"Capacity scenario", 140}, {"P(over) plan", 110}, {"P(over) scenario", 130}, {"Δ points", 80}}
)

// better colours a difference: good news green, bad news red, none plain.
func better(good, bad bool) widget.Importance {
	switch {
	case good:
		return widget.SuccessImportance
	case bad:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

func pct(p float64) string {
	if p < 0 {
		return "–"
	}
	return figure.Percent(p)
}

func points(d float64) string {
	if math.Abs(d) < 0.05 {
		return "0"
	}
	return fmt.Sprintf("%+.1f", d)
}

// comparison is what the side-by-side view shows.
type comparison struct {
	milestones, items, teams grid
	joint                    string
	jointImp                 widget.Importance
	portfolio                string
}

// buildComparison lays the plan of record's forecast (base, of p) beside the
// scenario's (alt, of q). Items list only commitments whose RAG changes
// (or that the scenario cuts); teams only quarters whose chance of
// over-commitment moves by at least a point or whose capacity changes.
func buildComparison(p, q *plan.Portfolio, base, alt *outlook.Forecast) comparison {
	c := outlook.Compare(base, alt)
	out := comparison{milestones: grid{cols: milestoneCols}, items: grid{cols: itemCols}, teams: grid{cols: teamCols}}
	med := widget.MediumImportance
	for _, m := range c.Milestones {
		name, date := m.ID, m.Base.Target
		for _, pm := range q.Milestones {
			if pm.ID == m.ID {
				name, date = pm.Name, pm.Date
			}
		}
		if !m.InBase || !m.InAlt {
			continue
		}
		out.milestones.add(
			[]string{name, date.String(), m.Base.Finish.P85.String(), m.Alt.Finish.P85.String(), points(m.P85Days), pct(m.Base.PTarget), pct(m.Alt.PTarget), points(m.PTargetPoint)},
			[]widget.Importance{med, med, med, med, better(m.P85Days < -0.05, m.P85Days > 0.05), ragImp(m.Base.PTarget), ragImp(m.Alt.PTarget), better(m.PTargetPoint > 0.05, m.PTargetPoint < -0.05)})
	}
	for _, it := range c.Items {
		title := it.ID
		if pi := p.Item(it.ID); pi != nil {
			title = it.ID + " · " + pi.Title
			if pi.Commitment != plan.Committed {
				continue
			}
		}
		b, a := rag.Of(it.Base.PTarget), rag.Of(it.Alt.PTarget)
		switch {
		case it.InBase && !it.InAlt:
			out.items.add([]string{title, it.Base.Target.String(), ragText(it.Base.PTarget), "cut or done", "no longer forecast"},
				[]widget.Importance{med, med, ragImp(it.Base.PTarget), med, med})
		case it.InBase && it.InAlt && b != a:
			change := b.Label() + " → " + a.Label()
			out.items.add([]string{title, it.Alt.Target.String(), ragText(it.Base.PTarget), ragText(it.Alt.PTarget), change},
				[]widget.Importance{med, med, ragImp(it.Base.PTarget), ragImp(it.Alt.PTarget), better(a < b, a > b)}) // Green < Amber < Red
		}
	}
	name := func(id string) string {
		if t := q.Team(id); t != nil {
			return t.Name
		}
		return id
	}
	for _, t := range c.Teams {
		if !t.InBase || !t.InAlt {
			continue
		}
		d := (t.Alt.POver - t.Base.POver) * 100
		capChanged := math.Abs(t.Alt.Capacity-t.Base.Capacity) >= 0.05
		if math.Abs(d) < 1 && !capChanged {
			continue
		}
		out.teams.add([]string{name(t.Base.TeamID), t.Base.Quarter.String(), fmt.Sprintf("%.0f d", t.Base.Capacity), fmt.Sprintf("%.0f d", t.Alt.Capacity),
			pct(t.Base.POver), pct(t.Alt.POver), points(d)},
			[]widget.Importance{med, med, med, better(t.Alt.Capacity > t.Base.Capacity+0.05, t.Alt.Capacity < t.Base.Capacity-0.05), med, med, better(d <= -1, d >= 1)})
	}
	dj := (c.CommittedAlt - c.Committed) * 100
	out.joint = fmt.Sprintf("Chance that all committed items meet their targets together: %s (%d items) in the plan → %s (%d items) in the scenario (%s points).",
		fine(c.Committed), c.CommittedItems, fine(c.CommittedAlt), c.CommittedItemsAlt, points(dj))
	out.jointImp = better(dj > 0.05, dj < -0.05)
	out.portfolio = fmt.Sprintf("Whole portfolio P85: %s → %s (%s working days).", base.Portfolio.P85, alt.Portfolio.P85, points(c.PortfolioP85Days))
	return out
}

func ragText(p float64) string {
	if p < 0 {
		return "no target"
	}
	return pct(p) + " " + rag.Of(p).Label()
}

func ragImp(p float64) widget.Importance {
	switch rag.Of(p) {
	case report.Green:
		return widget.SuccessImportance
	case report.Amber:
		return widget.WarningImportance
	case report.Red:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// budgetText describes the budget effect of the scenario's headcount changes.
func budgetText(p *plan.Portfolio, s *scenario.Scenario, today plan.Date) (string, error) {
	fy := p.FiscalYearOf(today)
	months := p.FiscalYearMonths(fy + 1)
	e, err := s.Budget(p, months[len(months)-1])
	if err != nil {
		return "", err
	}
	if len(e.Costs) == 0 {
		return "No headcount change: the budget is unchanged.", nil
	}
	text := ""
	for _, c := range e.Costs {
		text += fmt.Sprintf("%s: %s a month.\n", s.Changes[c.Change].Describe(p), signed(c.PerMonth))
	}
	for _, y := range e.ByFiscalYear {
		text += fmt.Sprintf("FY%d: %s.  ", y.FiscalYear, signed(y.Amount))
	}
	text += fmt.Sprintf("Total through %s: %s (loaded cost per FTE-month; the first month pro rata).", months[len(months)-1].Label(), signed(e.Total))
	return text, nil
}

func signed(m plan.Money) string {
	if m.Minor > 0 {
		return "+" + m.String()
	}
	return m.String()
}

// fine writes a probability with a decimal below 10%, where whole percents
// hide the difference ("0.4%" rather than "0%").
func fine(p float64) string {
	if p >= 0 && p < 0.1 {
		return fmt.Sprintf("%.1f%%", p*100)
	}
	return pct(p)
}
