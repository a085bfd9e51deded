// Package overview is the Overview screen: the portfolio at a glance.
package overview

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
	"steerco/internal/ui/screen"
)

// Screen shows the portfolio's name, teams with headcount, budget, open
// risks and the roadmap items.
type Screen struct {
	env   *screen.Env
	today func() plan.Date
	p     *plan.Portfolio

	title    *widget.Label
	subtitle *widget.Label
	kpis     [4]*kpi
	teams    *widget.Table
	risks    *widget.Table
	items    *widget.Table
	root     fyne.CanvasObject

	teamRows [][]string
	riskRows [][]string
	itemRows [][]string
}

type kpi struct {
	caption, value, detail *widget.Label
	card                   fyne.CanvasObject
}

func newKPI(caption string) *kpi {
	k := &kpi{
		caption: widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		value:   widget.NewLabelWithStyle("—", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		detail:  widget.NewLabel(""),
	}
	k.value.SizeName = theme.SizeNameSubHeadingText
	k.detail.Wrapping = fyne.TextWrapWord
	k.card = widget.NewCard("", "", container.NewVBox(k.caption, k.value, k.detail))
	return k
}

var (
	teamCols = []column{{"Team", 190}, {"FTE today", 80}, {"Allocation", 85}, {"Focus", 60}, {"WIP", 45}}
	riskCols = []column{{"Risk", 300}, {"Category", 105}, {"Prob.", 55}, {"Impact", 75}, {"Status", 95}, {"Owner", 170}}
	itemCols = []column{{"Id", 120}, {"Item", 340}, {"Team", 170}, {"Status", 95}, {"Commitment", 100}, {"Target", 100}, {"Estimate (days)", 130}}
)

type column struct {
	title string
	width float32
}

// New builds the screen; env.Today gives the date used for "headcount today" and the fiscal year.
func New(env *screen.Env) *Screen {
	s := &Screen{env: env, today: env.Today}
	s.title = widget.NewLabelWithStyle("No portfolio open", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.title.SizeName = theme.SizeNameHeadingText
	s.subtitle = widget.NewLabel("Use File › Open to open a .steerco portfolio.")
	for i, c := range []string{"Teams", "Roadmap", "Budget", "Open risks"} {
		s.kpis[i] = newKPI(c)
	}
	s.teams = newTable(teamCols, &s.teamRows)
	s.risks = newTable(riskCols, &s.riskRows)
	s.items = newTable(itemCols, &s.itemRows)

	header := container.NewVBox(s.title, s.subtitle)
	cards := container.NewGridWithColumns(4, s.kpis[0].card, s.kpis[1].card, s.kpis[2].card, s.kpis[3].card)
	middle := container.NewHSplit(
		section("Teams", s.teams),
		section("Open risks", s.risks),
	)
	middle.Offset = 0.38
	lower := container.NewVSplit(middle, section("Roadmap items", s.items))
	lower.Offset = 0.45
	s.root = container.NewBorder(container.NewVBox(header, cards), nil, nil, nil, lower)
	return s
}

func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewBorder(l, nil, nil, nil, body)
}

func newTable(cols []column, rows *[][]string) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(*rows), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText((*rows)[id.Row][id.Col])
		},
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(cols[id.Col].title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// Title is the navigation label.
func (s *Screen) Title() string { return "Overview" }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.HomeIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show displays p.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	today := s.today()
	s.title.SetText(p.Name)
	parts := []string{p.Currency, "fiscal year starts in " + p.FiscalYearStart.String(), "planning from " + p.PlanningStart.String()}
	if p.Confidentiality != "" {
		parts = append(parts, p.Confidentiality)
	}
	s.subtitle.SetText(strings.Join(parts, " · "))

	// Teams.
	s.teamRows = s.teamRows[:0]
	fte := 0.0
	for _, t := range p.Teams {
		h := t.HeadcountOn(today)
		fte += h
		s.teamRows = append(s.teamRows, []string{t.Name, fmtFTE(h), pct(t.Allocation), pct(t.FocusFactor), fmt.Sprint(t.WIPLimit)})
	}
	s.kpis[0].value.SetText(plural(len(p.Teams), "team", "teams"))
	s.kpis[0].detail.SetText(fmt.Sprintf("%s FTE today", fmtFTE(fte)))

	// Items, in team order then priority.
	items := make([]plan.Item, len(p.Items))
	copy(items, p.Items)
	teamName := map[string]string{}
	for _, t := range p.Teams {
		teamName[t.ID] = t.Name
	}
	sort.SliceStable(items, func(i, j int) bool {
		if items[i].TeamID != items[j].TeamID {
			return teamName[items[i].TeamID] < teamName[items[j].TeamID]
		}
		return items[i].Rank < items[j].Rank
	})
	s.itemRows = s.itemRows[:0]
	open, committed := 0, 0
	for _, it := range items {
		if it.Open() {
			open++
			if it.Commitment == plan.Committed {
				committed++
			}
		}
		e := it.Estimate
		s.itemRows = append(s.itemRows, []string{it.ID, it.Title, teamName[it.TeamID], statusLabel(it.Status), it.Commitment,
			it.Target.String(), fmt.Sprintf("%g / %g / %g", e.Low, e.Likely, e.High)})
	}
	s.kpis[1].value.SetText(plural(open, "open item", "open items"))
	s.kpis[1].detail.SetText(fmt.Sprintf("%d committed · %d in all · %d milestones", committed, len(p.Items), len(p.Milestones)))

	// Budget for the current fiscal year.
	fy := p.FiscalYearOf(today)
	ms := p.FiscalYearMonths(fy)
	planned, _ := p.BudgetTotals(ms[0], ms[11])
	thisMonth := today.MonthOf()
	planTD, actualTD := p.BudgetTotals(ms[0], thisMonth.Add(-1))
	s.kpis[2].value.SetText(fmt.Sprintf("FY%d plan %s", fy%100, compact(planned)))
	if actualTD.IsZero() {
		s.kpis[2].detail.SetText("No actuals recorded for this fiscal year yet")
	} else {
		s.kpis[2].detail.SetText(fmt.Sprintf("Actual to end of %s: %s vs plan %s", thisMonth.Add(-1).Label(), compact(actualTD), compact(planTD)))
	}

	// Open risks, most exposed first.
	risks := make([]plan.Risk, 0, len(p.Risks))
	for _, r := range p.Risks {
		if r.Status != plan.RiskClosed {
			risks = append(risks, r)
		}
	}
	sort.SliceStable(risks, func(i, j int) bool {
		return risks[i].Probability*risks[i].ImpactDays > risks[j].Probability*risks[j].ImpactDays
	})
	s.riskRows = s.riskRows[:0]
	accepted := 0
	for _, r := range risks {
		if r.Status == plan.RiskAccepted {
			accepted++
		}
		s.riskRows = append(s.riskRows, []string{r.Title, strings.ReplaceAll(r.Category, "_", " "), pct(r.Probability),
			fmt.Sprintf("%g days", r.ImpactDays), r.Status, r.Owner})
	}
	s.kpis[3].value.SetText(plural(len(risks), "open risk", "open risks"))
	s.kpis[3].detail.SetText(fmt.Sprintf("%d accepted with sign-off · %d in the register", accepted, len(p.Risks)))

	s.teams.Refresh()
	s.risks.Refresh()
	s.items.Refresh()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

func fmtFTE(f float64) string { return fmt.Sprintf("%.1f", f) }

func pct(f float64) string { return fmt.Sprintf("%.0f%%", f*100) }

func statusLabel(s string) string { return strings.ReplaceAll(s, "_", " ") }

// compact formats money for a headline: "USD 4.2M", "USD 950K". Display only.
func compact(m plan.Money) string {
	v := m.Float()
	a := math.Abs(v)
	switch {
	case a >= 1e6:
		return fmt.Sprintf("%s %.2fM", m.Currency, v/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%s %.0fK", m.Currency, v/1e3)
	}
	return m.String()
}
