package forecastview

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
)

// The Money tab: what lateness is expected to cost (each milestone's
// penalty and each commitment's cost of delay, and the total, from the
// trials' finish dates) and the joint cost–schedule confidence with its
// scatter chart. The sentences are the board pack's (through app); every
// figure is formatted by figure.

// exposureLine is one milestone's penalty or one item's cost of delay, in words.
type exposureLine struct {
	Name  string // the milestone's name or the item's title
	Terms string // "USD 250,000 + USD 25,000 per calendar day late"
	Facts string // "Target 22 Apr 2027 · 50% chance late · expected USD 346k · P85 USD 809k · USD 175k a week late"
}

// moneyModel is what the Money tab shows for one forecast.
type moneyModel struct {
	Exposure []exposureLine
	Total    string // "Total expected USD 346k · P85 USD 809k (of the sum in each trial) · USD 175k a week late once all are late"
	Sentence string // app.ExposureSentence
	JCL      string // app.JCLSentence
	JCLFacts string // the cost to complete's P50 / P85 and the plan point
	Empty    string // why there is nothing to show, when there is nothing
}

// buildMoney says f's exposure and JCL for p (p may be nil or older than
// f: unknown ids show as ids).
func buildMoney(p *plan.Portfolio, f *app.Forecast) moneyModel {
	var m moneyModel
	if f == nil {
		m.Empty = "No forecast yet: press Run."
		return m
	}
	facts := func(e app.PenaltyExposure) string {
		return fmt.Sprintf("Date %s · %s chance of being late · expected %s · P85 %s · %s a week late", figure.Date(e.Target),
			figure.Percent(e.PLate), figure.MoneyShort(e.Expected), figure.MoneyShort(e.P85), figure.MoneyShort(e.PerWeek))
	}
	if ex := f.Exposure; ex != nil {
		for _, e := range ex.Milestones {
			l := exposureLine{Name: e.ID, Facts: facts(e)}
			if ms := milestoneOf(p, e.ID); ms != nil {
				l.Name, l.Terms = ms.Name, app.PenaltyTerms(ms)
			}
			m.Exposure = append(m.Exposure, l)
		}
		for _, e := range ex.Items {
			l := exposureLine{Name: e.ID, Facts: facts(e)}
			if p != nil {
				if it := p.Item(e.ID); it != nil {
					l.Name, l.Terms = it.Title, app.CostOfDelayTerms(it)
				}
			}
			m.Exposure = append(m.Exposure, l)
		}
		if len(m.Exposure) > 0 {
			m.Total = fmt.Sprintf("Total: expected %s · P85 %s (of the sum in each trial, not the sum of the P85s) · %s a week once all are late",
				figure.MoneyShort(ex.Total.Mean), figure.MoneyShort(ex.Total.P85), figure.MoneyShort(ex.PerWeekLate))
		}
	}
	if p != nil {
		m.Sentence = app.ExposureSentence(p, f)
	}
	m.JCL = app.JCLSentence(f)
	if j := f.JCL; j != nil && !j.Cost.P85.IsZero() {
		m.JCLFacts = fmt.Sprintf("Cost to complete: P50 %s · P85 %s · mean %s. Plan point: the median finish %s and the median cost %s.",
			figure.MoneyShort(j.Cost.P50), figure.MoneyShort(j.Cost.P85), figure.MoneyShort(j.Cost.Mean), figure.Date(j.PlanFinish), figure.MoneyShort(j.PlanCost))
	}
	if len(m.Exposure) == 0 && m.JCL == "" && m.JCLFacts == "" {
		m.Empty = "Nothing here costs money in this forecast: no milestone states a penalty in money, no open item a cost of delay, and the programme has no date and budget to hold jointly."
	}
	return m
}

func milestoneOf(p *plan.Portfolio, id string) *plan.Milestone {
	if p == nil {
		return nil
	}
	for i := range p.Milestones {
		if p.Milestones[i].ID == id {
			return &p.Milestones[i]
		}
	}
	return nil
}

// showMoney fills the Money tab from s.p and s.f.
func (s *Screen) showMoney() {
	m := buildMoney(s.p, s.f)
	s.money = m
	setText(s.moneyEmpty, m.Empty)
	setText(s.exposureSentence, bidi.Shaped(m.Sentence))
	objs := make([]fyne.CanvasObject, 0, len(m.Exposure))
	for _, l := range m.Exposure {
		head := bidi.Isolate(l.Name)
		if l.Terms != "" {
			head += ": " + l.Terms
		}
		name := field.Bold(bidi.Shaped(head))
		name.Wrapping = fyne.TextWrapWord
		facts := field.Caption(l.Facts)
		facts.Wrapping = fyne.TextWrapWord
		objs = append(objs, container.New(layout.NewCustomPaddedVBoxLayout(0), name, facts))
	}
	s.exposure.Objects = objs
	s.exposure.Refresh()
	setText(s.total, m.Total)
	var j *app.JCL
	if s.f != nil {
		j = s.f.JCL
	}
	text := m.JCL
	if text == "" && s.f != nil {
		text = "No joint confidence: the programme has no date (no milestone ahead, no committed target) or no budget to the date."
	}
	setText(s.jcl, text)
	setText(s.jclFacts, m.JCLFacts)
	if s.f == nil {
		s.jclHead.Hide()
	} else {
		s.jclHead.Show()
	}
	s.scatter.set(j)
	drawn := j != nil && len(j.Scatter) > 0
	for _, o := range []fyne.CanvasObject{s.scatter, s.scatterLegend} {
		if drawn {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if drawn && len(j.Frontier) > 0 {
		s.frontierNote.Show()
	} else {
		s.frontierNote.Hide()
	}
}
