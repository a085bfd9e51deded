package report

import (
	"fmt"
	"sort"
	"strings"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/recommend"
)

// SecDecision is the one-page decision sheet: the commitment that matters,
// what it costs, the chain behind it, the options and the ask.
const SecDecision = "decision"

// Decision is what the decision sheet shows, as data, for the renderers that
// draw it (the chain as boxes, the options side by side). The section's
// headlines, KPIs and tables carry the same numbers for the pre-read.
type Decision struct {
	// Subject names the milestone or commitment picked as a sentence
	// quotes it, the name isolated (bidi.Isolate); Name is the same without
	// direction controls, for a cell or a box that shows it alone.
	// Milestone says which.
	Subject, Name string
	Milestone     bool
	Target        plan.Date
	Chance        float64
	P85           plan.Date
	// Moved is what moved since the last snapshot ("" when there is none).
	Moved string
	// Expected and P85Money: the penalty or cost of delay (zero when the
	// portfolio states none).
	Expected, P85Money plan.Money
	// Chain runs from the first link (the furthest upstream) to the subject.
	Chain   []ChainLink
	Options []DecisionOption
	// Recommendation and Ask are generated from the numbers.
	Recommendation, Ask string
}

// ChainLink is one link of the chain that drives the subject's date.
type ChainLink struct {
	Label string // item title or milestone name
	Team  string
	P85   plan.Date
	// Days is how many working days this link adds at P85 after the link
	// before it (for the first link: after the forecast's day 0).
	Days int
}

// DecisionOption is one option side by side: what it asks, costs and does.
type DecisionOption struct {
	Ask string
	// Short is the ask without its bracketed detail, for a slide.
	Short string
	// Cost is the total of Years: what the option costs through the last
	// fiscal year costed.
	Cost plan.Money
	// Years is the cost by fiscal year, in order (years costing nothing left
	// out); PerYear what it costs a full year once entirely in place (zero
	// when nothing recurs that Steerco can price).
	Years         []YearCost
	PerYear       plan.Money
	Before, After float64 // chance of the subject without and with it
	// Saved is set for a saved scenario, with the change of the expected
	// penalty when the portfolio states one (HasExpected).
	Saved       bool
	Expected    plan.Money
	HasExpected bool
}

// YearCost is what an option costs in one fiscal year.
type YearCost struct {
	FiscalYear int
	Amount     plan.Money
}

// CostWords is the option's cost as the sheet quotes it, every year it
// falls in and what it costs a year afterwards: "USD 17k in FY2027, then
// USD 403k a year"; "" when it costs nothing Steerco can price.
func (o DecisionOption) CostWords() string {
	var parts []string
	years := o.Years
	// Full years at the yearly cost are what "then … a year" says.
	for len(years) > 1 && !o.PerYear.IsZero() && years[len(years)-1].Amount == o.PerYear {
		years = years[:len(years)-1]
	}
	for _, y := range years {
		if !y.Amount.IsZero() {
			parts = append(parts, fmt.Sprintf("%s in FY%d", shortMoney(y.Amount), y.FiscalYear))
		}
	}
	if o.PerYear.IsZero() {
		return strings.Join(parts, ", ")
	}
	if len(parts) == 0 {
		return shortMoney(o.PerYear) + " a year"
	}
	return strings.Join(parts, ", ") + ", then " + shortMoney(o.PerYear) + " a year"
}

// decisionSheet builds the decision section.
func (b *builder) decisionSheet(s *Section) {
	d := b.pickDecision()
	if d == nil {
		s.Headlines = append(s.Headlines, fmt.Sprintf("No decision is needed: every commitment and milestone is at or above %s.", pct(b.t.RAG.Green)))
		return
	}
	s.Decision = d
	head := fmt.Sprintf("The %s date holds at %s", d.Subject, pct(d.Chance))
	if len(d.Options) > 0 && figure.Shown(d.Options[0].After) > figure.Shown(d.Options[0].Before) {
		head += fmt.Sprintf("; %s lifts it to %s", d.Options[0].what(true), pct(d.Options[0].After))
	}
	s.Headlines = append(s.Headlines, head+".")
	s.Headlines = append(s.Headlines, d.Recommendation, d.Ask)
	s.KPIs = append(s.KPIs, KPI{Label: "Date", Value: DateCell(d.Target), Note: d.Name},
		KPI{Label: "Chance", Value: Percent(d.Chance), Note: "of meeting " + fdate(d.Target)},
		KPI{Label: "P85", Value: DateCell(d.P85), Note: d.Moved})
	if !d.Expected.IsZero() || !d.P85Money.IsZero() {
		s.KPIs = append(s.KPIs, KPI{Label: "Expected penalty", Value: ShortMoneyCell(d.Expected), Note: "P85 " + shortMoney(d.P85Money)})
	}
	ct := &Table{Name: "DecisionChain", Title: "The chain, link by link (working days each adds at P85)",
		Columns: []Column{{Title: "Link", Kind: KText, Width: 3}, {Title: "Team", Kind: KText, Width: 1.5}, {Title: "P85", Kind: KDate}, {Title: "Days added", Kind: KNumber}}}
	for _, l := range d.Chain {
		ct.Rows = append(ct.Rows, Row{Cells: []Cell{Text(l.Label), Text(l.Team), DateCell(l.P85), Number(float64(l.Days), 0)}})
	}
	s.Blocks = append(s.Blocks, Block{Table: ct})
	if len(d.Options) > 0 {
		ot := &Table{Name: "DecisionOptions", Title: "Options, measured with the change applied",
			Columns: []Column{{Title: "Option", Kind: KText, Width: 4}, {Title: "Cost", Kind: KText, Width: 2}, {Title: "Chance now", Kind: KPercent}, {Title: "Chance with it", Kind: KPercent}}}
		if d.Options[0].Saved {
			ot.Title = "Options: the saved scenarios that help most, measured on the same random numbers"
			ot.Columns = append(ot.Columns, Column{Title: "Δ expected penalty", Kind: KText, Width: 1.5})
		}
		for _, o := range d.Options {
			r := Row{Cells: []Cell{Text(o.Ask), Text(costOrNone(o)), Percent(o.Before), Percent(o.After)}}
			if o.Saved {
				r.Cells = append(r.Cells, Text(o.ExpectedWords()))
			}
			ot.Rows = append(ot.Rows, r)
		}
		s.Blocks = append(s.Blocks, Block{Table: ot})
	}
}

// pickDecision chooses the subject: the milestone or commitment with the
// largest expected penalty, else the lowest chance among the committed ones
// and the milestones with a date.
func (b *builder) pickDecision() *Decision {
	var d *Decision
	var ex *outlook.PenaltyExposure
	if b.f.Exposure != nil {
		for _, list := range [][]outlook.PenaltyExposure{b.f.Exposure.Milestones, b.f.Exposure.Items} {
			for i := range list {
				if list[i].Expected.Minor > 0 && (ex == nil || list[i].Expected.Minor > ex.Expected.Minor) {
					ex = &list[i]
				}
			}
		}
	}
	var id string
	milestone := false
	switch {
	case ex != nil:
		id = ex.ID
		milestone = b.f.Milestone(id) != nil && b.milestone(id) != nil
	default:
		lowest := 2.0
		if m := b.weakestMilestone(); m != nil && !m.Done {
			id, milestone, lowest = m.ID, true, m.PTarget
		}
		for _, c := range b.committed() {
			if c.PTarget < lowest {
				id, milestone, lowest = c.ID, false, c.PTarget
			}
		}
		if id == "" || b.onTrack(lowest) {
			return nil
		}
	}
	if milestone {
		m := b.f.Milestone(id)
		name := b.milestoneName(id)
		d = &Decision{Subject: named(name), Name: name, Milestone: true, Target: m.Target, Chance: m.PTarget, P85: m.Finish.P85}
		d.Chain = b.chain(m.Driver, m.Finish.P85, d.Name)
		d.Moved = b.movedSince(plan.SnapshotMilestone, id)
	} else {
		fi := b.fitem(id)
		if fi == nil {
			return nil
		}
		title := b.itemTitle(id)
		d = &Decision{Subject: quoted(title), Name: "‘" + title + "’", Target: fi.Target, Chance: fi.PTarget, P85: fi.Finish.P85}
		d.Chain = b.chain(fi.Driver, fi.Finish.P85, "")
		d.Chain = append(d.Chain, ChainLink{Label: d.Name, Team: b.teamName(b.item(id).TeamID), P85: fi.Finish.P85})
		b.fixChainDays(d.Chain)
		d.Moved = b.movedSince(plan.SnapshotItem, id)
	}
	if ex != nil {
		d.Expected, d.P85Money = ex.Expected, ex.P85
	}
	// The saved scenarios that help this subject most, when any does;
	// otherwise the measured options that move it, best lift first (at most
	// three each).
	d.Options = b.savedOptions(id, milestone, d.Chance)
	if len(d.Options) > 0 {
		d.Recommendation, d.Ask = b.decisionWords(d)
		return d
	}
	type cand struct {
		o             recommend.Option
		before, after float64
	}
	var cs []cand
	for _, o := range b.options {
		for _, e := range o.Effects {
			if e.ID == id && e.Milestone == milestone {
				cs = append(cs, cand{o, e.Before, e.After})
			}
		}
	}
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].after-cs[i].before > cs[j].after-cs[j].before })
	for i := 0; i < len(cs) && i < 3; i++ {
		o := cs[i].o
		do := DecisionOption{Ask: o.Ask, Short: shortAsk(o.Ask), Cost: o.Cost, PerYear: o.PerYear, Before: cs[i].before, After: cs[i].after}
		if !o.Cost.IsZero() {
			do.Years = []YearCost{{FiscalYear: o.FiscalYear, Amount: o.Cost}}
		}
		d.Options = append(d.Options, do)
	}
	d.Recommendation, d.Ask = b.decisionWords(d)
	return d
}

// savedOptions are the saved scenarios that help the subject (milestone
// or item id) most: a higher chance as shown; largest lift first, then the
// larger saving of expected penalty; at most three.
func (b *builder) savedOptions(id string, milestone bool, before float64) []DecisionOption {
	var out []DecisionOption
	for _, so := range b.saved {
		if so.Forecast == nil {
			continue
		}
		after := -1.0
		if milestone {
			if m := so.Forecast.Milestone(id); m != nil {
				after = m.PTarget
			}
		} else if fi := so.Forecast.Item(id); fi != nil {
			after = fi.PTarget
		}
		if after < 0 {
			continue // the scenario drops the subject
		}
		if figure.Shown(after) <= figure.Shown(before) {
			continue // it does not help the subject's date as the sheet shows it
		}
		o := DecisionOption{Ask: so.Name, Short: so.Name, Years: so.Years, PerYear: so.PerYear, Before: before, After: after,
			Saved: true, Expected: so.Expected, HasExpected: so.HasExpected}
		o.Cost = plan.Money{Currency: b.p.Currency}
		for _, y := range so.Years {
			o.Cost = o.Cost.Add(y.Amount)
		}
		out = append(out, o)
	}
	sort.SliceStable(out, func(i, j int) bool {
		li, lj := out[i].After-out[i].Before, out[j].After-out[j].Before
		if li != lj {
			return li > lj
		}
		return out[i].Expected.Minor < out[j].Expected.Minor
	})
	return out[:min(len(out), 3)]
}

// chain follows the drivers upstream from item id and returns the links,
// upstream first, ending with a link for the subject named last (a
// milestone) when last is not "".
func (b *builder) chain(id string, subjectP85 plan.Date, last string) []ChainLink {
	var links []ChainLink
	seen := map[string]bool{}
	for id != "" && !seen[id] && len(links) < 6 {
		seen[id] = true
		fi := b.fitem(id)
		if fi == nil {
			break
		}
		links = append(links, ChainLink{Label: b.itemTitle(id), Team: b.teamName(b.item(id).TeamID), P85: fi.Finish.P85})
		id = fi.Driver
	}
	for i, j := 0, len(links)-1; i < j; i, j = i+1, j-1 {
		links[i], links[j] = links[j], links[i]
	}
	if last != "" {
		links = append(links, ChainLink{Label: last, Team: "milestone", P85: subjectP85})
	}
	b.fixChainDays(links)
	return links
}

// fixChainDays sets each link's Days: working days between the P85 of the
// link before (the forecast's day 0 for the first) and its own.
func (b *builder) fixChainDays(links []ChainLink) {
	prev := b.f.Day0
	if prev.IsZero() {
		prev = b.f.AsOf
	}
	if prev.IsZero() {
		prev = b.asOf
	}
	for i := range links {
		links[i].Days = 0
		if links[i].P85 > prev {
			links[i].Days = b.cal.WorkdaysBetween(prev, links[i].P85)
		}
		if links[i].P85 > prev {
			prev = links[i].P85
		}
	}
}

func (b *builder) movedSince(kind, id string) string {
	m, ok := b.move(kind, id)
	if !ok || b.snap == nil || m.New || m.Closed {
		return ""
	}
	s := fmt.Sprintf("since %s: ", quoted(b.snap.Name))
	switch {
	case m.P85WorkingDays > 0:
		s += fmt.Sprintf("P85 %s later", days(float64(m.P85WorkingDays)))
	case m.P85WorkingDays < 0:
		s += fmt.Sprintf("P85 %s earlier", days(float64(-m.P85WorkingDays)))
	default:
		s += "P85 unchanged"
	}
	if m.PThen >= 0 && m.PNow >= 0 {
		s += fmt.Sprintf(", chance %s → %s", pct(m.PThen), pct(m.PNow))
	}
	return s
}

// AskNotePrefix opens the ask when the director wrote it
// (plan.Portfolio.DecisionNote).
const AskNotePrefix = "The ask (director's words): "

// decisionWords generates the recommendation and the ask from the numbers;
// the portfolio's decision note, when set, is the ask instead.
func (b *builder) decisionWords(d *Decision) (rec, ask string) {
	rec, ask = b.generatedWords(d)
	if note := strings.TrimSpace(b.p.DecisionNote); note != "" {
		ask = AskNotePrefix + note
	}
	return rec, ask
}

func (b *builder) generatedWords(d *Decision) (rec, ask string) {
	if len(d.Options) == 0 {
		rec = fmt.Sprintf("No measured option lifts the %s date; the choice is between accepting %s and resetting the date to the P85, %s.", d.Subject, pct(d.Chance), fdate(d.P85))
		ask = fmt.Sprintf("The ask: agree the %s date at %s or accept the risk.", d.Subject, fdate(d.P85))
		return
	}
	o := d.Options[0]
	if figure.Shown(o.After) > figure.Shown(o.Before) {
		rec = fmt.Sprintf("Recommendation: %s — it lifts the %s chance from %s to %s", o.what(false), d.Subject, pct(o.Before), pct(o.After))
	} else {
		rec = fmt.Sprintf("Recommendation: %s — it keeps the %s chance at %s", o.what(false), d.Subject, pct(o.Before))
	}
	cost := o.CostWords()
	switch {
	case o.Saved && o.HasExpected && o.Expected.Minor < 0:
		rec += fmt.Sprintf(" and cuts the expected penalty by %s", shortMoney(plan.Money{Minor: -o.Expected.Minor, Currency: o.Expected.Currency}))
	case o.Saved && o.HasExpected && o.Expected.Minor > 0:
		rec += fmt.Sprintf(" and adds %s to the expected penalty", shortMoney(o.Expected))
	case cost != "":
		rec += " for " + cost
	}
	rec += "."
	if cost != "" {
		ask = fmt.Sprintf("The ask: approve this option now, at %s.", cost)
		if o.Saved {
			ask = fmt.Sprintf("The ask: approve it now, at %s.", cost)
		}
	} else {
		ask = "The ask: approve this option now."
	}
	if !d.Expected.IsZero() {
		ask = ask[:len(ask)-1] + fmt.Sprintf("; the expected penalty is %s (P85 %s).", shortMoney(d.Expected), shortMoney(d.P85Money))
	}
	return
}

// what names the option in a sentence: the ask without its detail, or the
// saved scenario by name (lower-cased first letter for mid-sentence when
// mid is set and it is an ask).
func (o DecisionOption) what(mid bool) string {
	if o.Saved {
		return quoted(o.Ask)
	}
	if mid {
		return lowerFirst(shortAsk(o.Ask))
	}
	return shortAsk(o.Ask)
}

// ExpectedWords is the change of the expected penalty a saved option
// makes ("−USD 120k"), "" when the portfolio states no penalty.
func (o DecisionOption) ExpectedWords() string {
	if !o.HasExpected {
		return ""
	}
	return signedMoney(o.Expected)
}

// costOrNone is the option's cost in words, or says it has none.
func costOrNone(o DecisionOption) string {
	if c := o.CostWords(); c != "" {
		return c
	}
	return NoPricedCost
}

// NoPricedCost is what the sheet says of an option that costs nothing
// Steerco can price.
const NoPricedCost = "No cost Steerco can price"

// shortAsk is an option's ask without its trailing period and without its
// bracketed detail: the text from the first bracket outside a quotation
// (‘…’) and outside an isolated name (bidi.Isolate) on ("… 1 Feb 2027
// (8-week hiring lead time …); USD 17k …").
func shortAsk(s string) string {
	quote, iso := 0, 0
	r := []rune(s)
	for i, c := range r {
		switch {
		case c == '‘':
			quote++
		case c == '’' && quote > 0:
			quote--
		case bidi.IsolateStart(c):
			iso++
		case bidi.IsolateEnd(c) && iso > 0:
			iso--
		case c == '(' && quote == 0 && iso == 0 && i > 0:
			return strings.TrimRight(string(r[:i]), " .")
		}
	}
	return strings.TrimRight(s, " .")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	if s[0] >= 'A' && s[0] <= 'Z' {
		return string(s[0]+'a'-'A') + s[1:]
	}
	return s
}
