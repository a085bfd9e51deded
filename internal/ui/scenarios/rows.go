package scenarios

import (
	"fmt"
	"math"

	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
)

// table is a comparison table's precomputed text and colour per cell.
type table struct {
	cols  []field.Column
	cells [][]string
	imp   [][]widget.Importance
}

func (g *table) add(cells []string, imp []widget.Importance) {
	g.cells = append(g.cells, cells)
	g.imp = append(g.imp, imp)
}

var (
	// The comparison's columns at their narrowest: headers wrap onto two
	// lines; in a narrow window the columns of highest Priority go first
	// (the chances and the scenario's P85 always stay) and the names take
	// what is left.
	milestoneCols = []field.Column{{Title: "Milestone", Width: 130, Stretch: true}, {Title: "Date", Width: 106, Priority: 4},
		{Title: "P85 plan", Width: 106, Priority: 2}, {Title: "P85 scenario", Width: 106}, {Title: "Δ working days", Width: 96, Priority: 1},
		{Title: "Chance plan", Width: 70}, {Title: "Chance scenario", Width: 80}, {Title: "Δ points", Width: 66, Priority: 3}}
	itemCols = []field.Column{{Title: "Commitment", Width: 140, Stretch: true}, {Title: "Target", Width: 106, Priority: 1},
		{Title: "Plan", Width: 120}, {Title: "Scenario", Width: 120}, {Title: "Change", Width: 160}}
	teamCols = []field.Column{{Title: "Team", Width: 120, Stretch: true}, {Title: "Quarter", Width: 80},
		{Title: "Capacity plan", Width: 80, Priority: 2}, {Title: "Capacity scenario", Width: 80, Priority: 1}, {Title: "P(over) plan", Width: 80},
		{Title: "P(over) scenario", Width: 80}, {Title: "Δ points", Width: 66, Priority: 3}}
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

// points is a change of probability (in percentage points, as the
// comparison measures it) the way every figure says it: "+17 pts".
func points(d float64) string { return figure.Points(d / 100) }

// days is a change of a date in working days, rounded to nearest: "−6".
func days(d float64) string { return figure.Signed(d, 0) }

// comparison is what the side-by-side view shows.
type comparison struct {
	milestones, items, teams table
	joint                    string
	jointImp                 widget.Importance
	portfolio                string
	// money: what the scenario does to the expected penalties and costs of
	// delay, the cost to complete and the joint cost–schedule confidence.
	money    string
	moneyImp widget.Importance
}

// buildComparison lays the plan of record's forecast (base, of p) beside the
// scenario's (alt, of q). Items list only commitments whose RAG changes
// (or that the scenario cuts); teams only quarters whose chance of
// over-commitment moves by at least a point or whose capacity changes.
func buildComparison(rag figure.Thresholds, p, q *plan.Portfolio, base, alt *app.Forecast) comparison {
	c := app.CompareForecasts(base, alt)
	out := comparison{milestones: table{cols: milestoneCols}, items: table{cols: itemCols}, teams: table{cols: teamCols}}
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
			[]string{name, figure.Date(date), figure.Date(m.Base.Finish.P85), figure.Date(m.Alt.Finish.P85), days(m.P85Days), pct(m.Base.PTarget), pct(m.Alt.PTarget), points(m.PTargetPoint)},
			[]widget.Importance{med, med, med, med, better(m.P85Days <= -0.5, m.P85Days >= 0.5), ragImp(rag, m.Base.PTarget), ragImp(rag, m.Alt.PTarget), better(m.PTargetPoint >= 0.5, m.PTargetPoint <= -0.5)})
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
			out.items.add([]string{title, figure.Date(it.Base.Target), ragText(rag, it.Base.PTarget), "cut or done", "no longer forecast"},
				[]widget.Importance{med, med, ragImp(rag, it.Base.PTarget), med, med})
		case it.InBase && it.InAlt && b != a:
			change := b.Label() + " → " + a.Label()
			out.items.add([]string{title, figure.Date(it.Alt.Target), ragText(rag, it.Base.PTarget), ragText(rag, it.Alt.PTarget), change},
				[]widget.Importance{med, med, ragImp(rag, it.Base.PTarget), ragImp(rag, it.Alt.PTarget), better(a > b, a < b)}) // Red < Amber < Green
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
		out.teams.add([]string{name(t.Base.TeamID), app.QuarterLabel(t.Base), figure.Number(t.Base.Capacity, 0) + " d", figure.Number(t.Alt.Capacity, 0) + " d",
			pct(t.Base.POver), pct(t.Alt.POver), points(d)},
			[]widget.Importance{med, med, med, better(t.Alt.Capacity > t.Base.Capacity+0.05, t.Alt.Capacity < t.Base.Capacity-0.05), med, med, better(d <= -1, d >= 1)})
	}
	dj := (c.CommittedAlt - c.Committed) * 100
	out.joint = fmt.Sprintf("Chance that all committed items meet their targets together: %s (%d items) in the plan → %s (%d items) in the scenario (%s).",
		pct(c.Committed), c.CommittedItems, pct(c.CommittedAlt), c.CommittedItemsAlt, points(dj))
	out.jointImp = better(dj >= 0.5, dj <= -0.5)
	out.portfolio = fmt.Sprintf("Whole portfolio P85: %s → %s (%s working days).", figure.Date(base.Portfolio.P85), figure.Date(alt.Portfolio.P85), days(c.PortfolioP85Days))
	if base.Exposure != nil && alt.Exposure != nil && (base.Exposure.Total.Mean.Minor != 0 || alt.Exposure.Total.Mean.Minor != 0 || c.CostDelta.Minor != 0) {
		out.money = fmt.Sprintf("Money: expected penalties and costs of delay %s (P85 %s); cost to complete %s",
			figure.SignedMoneyShort(c.ExposureDelta), figure.SignedMoneyShort(c.ExposureP85Delta), figure.SignedMoneyShort(c.CostDelta))
		if base.JCL != nil && alt.JCL != nil && base.JCL.PJoint >= 0 && alt.JCL.PJoint >= 0 {
			out.money += fmt.Sprintf("; joint cost–schedule confidence %s → %s (%s)", pct(base.JCL.PJoint), pct(alt.JCL.PJoint), figure.Points(c.JCLPoints/100))
		}
		out.money += "."
		out.moneyImp = better(c.ExposureDelta.Minor < 0, c.ExposureDelta.Minor > 0)
	}
	return out
}

func ragText(rag figure.Thresholds, p float64) string {
	if p < 0 {
		return "no target"
	}
	return pct(p) + " " + rag.Of(p).Label()
}

func ragImp(rag figure.Thresholds, p float64) widget.Importance {
	switch rag.Of(p) {
	case figure.Green:
		return widget.SuccessImportance
	case figure.Amber:
		return widget.WarningImportance
	case figure.Red:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// budgetText describes the budget effect of the scenario's headcount changes.
func budgetText(p *plan.Portfolio, s *app.Scenario, today plan.Date) (string, error) {
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

// signed is a change of money in whole units, as board-facing views say it.
func signed(m plan.Money) string {
	if m.Minor > 0 {
		return "+" + figure.Money(m)
	}
	return figure.Money(m)
}
