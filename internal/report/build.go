package report

import (
	"context"
	"fmt"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/recommend"
)

// Build turns a portfolio and its forecast into a briefing laid out by
// template t, as of date asOf (the date printed on the report and the
// "today" line; zero means the forecast's as-of date). It generates every
// sentence from the numbers. It returns ctx.Err() when the context of
// WithContext is cancelled, and an error when an input is missing or
// the forecast does not belong to the portfolio. Extras add what is measured
// outside the forecast (WithOptions).
func Build(p *plan.Portfolio, f *outlook.Forecast, t Template, asOf plan.Date, extras ...Extra) (*Briefing, error) {
	if p == nil {
		return nil, plan.Errorf(plan.EINVALID, "No portfolio to report on.")
	}
	if f == nil {
		return nil, plan.Errorf(plan.EINVALID, "No forecast to report on: run the forecast first.")
	}
	if err := t.normalise(t.Name); err != nil {
		return nil, err
	}
	items := itemsByID(p)
	for _, it := range f.Items {
		if items[it.ID] == nil {
			return nil, plan.Errorf(plan.EINVALID, "The forecast mentions item %q, which is not in portfolio %q: re-run the forecast on this portfolio.", it.ID, p.Name)
		}
	}
	if asOf.IsZero() {
		asOf = f.AsOf
	}
	if asOf.IsZero() {
		asOf = p.PlanningStart
	}
	b := newBuilder(p, f, t, asOf, items)
	for _, x := range extras {
		x(b)
	}
	out := &Briefing{
		Title:           t.Title,
		Template:        t.Name,
		Portfolio:       p.Name,
		AsOf:            asOf,
		Currency:        p.Currency,
		Confidentiality: b.confidentiality(),
		Paper:           Paper(p, t),
		Landscape:       t.Orientation == "landscape",
		Confidence:      t.Confidence,
		Compact:         t.Compact,
		Slides:          t.Slides,
	}
	// The sections the briefing has (a section with nothing to show is
	// left out), then the sheet name of each: the workbook's sheets and
	// the PDF's "see the workbook, sheet …" lines both follow these.
	var secs []TemplateSection
	for _, ts := range t.Sections {
		if ts.Section == SecDelivery && !b.hasDelivery() {
			continue
		}
		secs = append(secs, ts)
	}
	titles := make([]string, 0, len(secs)+1)
	for _, ts := range secs {
		titles = append(titles, ts.Title)
	}
	sheets := SheetNames(append(titles, rawTitle))
	out.RawSheet = sheets[len(secs)]
	for i, ts := range secs {
		if err := b.ctx.Err(); err != nil {
			return nil, err
		}
		s := Section{Kind: ts.Section, Title: ts.Title, Sheet: sheets[i]}
		switch ts.Section {
		case SecCover:
			b.cover(&s)
		case SecSummary:
			b.summary(&s)
		case SecCommitments:
			b.commitments(&s)
		case SecRoadmap:
			b.roadmap(&s)
		case SecMilestones:
			b.milestones(&s)
		case SecCapacity:
			b.capacity(&s)
		case SecBudget:
			b.budget(&s)
		case SecRisks:
			b.riskSection(&s)
		case SecDelivery:
			b.delivery(&s)
		case SecDecisions:
			b.decisions(&s)
		case SecMethod:
			b.method(&s)
		case SecDecision:
			b.decisionSheet(&s)
		}
		out.Sections = append(out.Sections, s)
	}
	if err := b.ctx.Err(); err != nil {
		return nil, err
	}
	out.Raw = b.raw()
	return out, nil
}

// rawTitle is the title of the workbook's sheet of every open item's
// forecast (Briefing.Raw).
const rawTitle = "Forecast (raw)"

// raw is every open item's forecast, for people who want the numbers.
func (b *builder) raw() *Table {
	t := &Table{Name: "ForecastRaw", Title: "Forecast per open item (dates on the portfolio calendar; SE in working days; waits are mean working days)",
		Columns: []Column{{Title: "Item id", Kind: KText}, {Title: "Item", Kind: KText, Width: 3}, {Title: "Team", Kind: KText}, {Title: "Commitment", Kind: KText},
			{Title: "Target", Kind: KDate}, {Title: "Start P50", Kind: KDate}, {Title: "Finish P10", Kind: KDate}, {Title: "Finish P50", Kind: KDate},
			{Title: "Finish P85", Kind: KDate}, {Title: "Finish P95", Kind: KDate}, {Title: "Finish mean", Kind: KDate},
			{Title: "SE P50", Kind: KNumber}, {Title: "SE P85", Kind: KNumber}, b.probColumn("P(target)"), {Title: "Criticality", Kind: KPercent},
			{Title: "Sensitivity", Kind: KNumber}, {Title: "Wait dependencies", Kind: KNumber}, {Title: "Wait capacity", Kind: KNumber}, {Title: "Driver", Kind: KText}}}
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		it := b.item(fi.ID)
		prob := Empty()
		if fi.PTarget >= 0 {
			prob = Percent(fi.PTarget)
		}
		t.Rows = append(t.Rows, Row{Cells: []Cell{Text(fi.ID), Text(it.Title), Text(b.teamName(it.TeamID)), Text(it.Commitment),
			DateCell(fi.Target), DateCell(fi.Start.P50), DateCell(fi.Finish.P10), DateCell(fi.Finish.P50), DateCell(fi.Finish.P85),
			DateCell(fi.Finish.P95), DateCell(fi.Finish.Mean), Number(fi.Finish.SEP50Days, 2), Number(fi.Finish.SEP85Days, 2), prob,
			Percent(fi.Criticality), Number(fi.Sensitivity, 3), Number(fi.WaitDependencyDays, 1), Number(fi.WaitCapacityDays, 1), Text(fi.Driver)}})
	}
	return t
}

type builder struct {
	p    *plan.Portfolio
	f    *outlook.Forecast
	t    Template
	asOf plan.Date
	cal  *plan.WorkCalendar
	snap *plan.Snapshot
	// moves: what moved since snap, by kind and id (see outlook.Moves)
	moves map[[2]string]outlook.Move
	by    plan.BudgetYear
	// risk numbering: live risks in report order, numbered from 1
	risks []riskRow
	// options: the decisions measured by runs with the change applied
	// (recommend.Propose); nil when none were measured.
	options []recommend.Option
	saved   []SavedOption
	ctx     context.Context // see WithContext
	// the portfolio's items and the forecast's by id (Portfolio.Item and
	// Forecast.Item search: in loops over every item, quadratic)
	items  map[string]*plan.Item
	fitems map[string]*outlook.ItemForecast
}

// item is b.p.Item, indexed.
func (b *builder) item(id string) *plan.Item { return b.items[id] }

// fitem is b.f.Item, indexed.
func (b *builder) fitem(id string) *outlook.ItemForecast { return b.fitems[id] }

// itemsByID indexes p's items by id (the first of a duplicate id, as
// Portfolio.Item).
func itemsByID(p *plan.Portfolio) map[string]*plan.Item {
	m := make(map[string]*plan.Item, len(p.Items))
	for i := range p.Items {
		if _, dup := m[p.Items[i].ID]; !dup {
			m[p.Items[i].ID] = &p.Items[i]
		}
	}
	return m
}

// Extra is something a briefing shows that is measured outside the
// forecast, or a way of building it (WithContext).
type Extra func(*builder)

// WithContext makes Build stop with ctx.Err() when ctx is cancelled (it
// looks before each section).
func WithContext(ctx context.Context) Extra {
	return func(b *builder) { b.ctx = ctx }
}

// WithOptions gives the decisions section the options measured by
// recommend.Propose on the same forecast: the section proposes only those
// (feasible, material, each with its measured effect).
func WithOptions(os []recommend.Option) Extra { return func(b *builder) { b.options = os } }

// SavedOption is one saved scenario measured for the decision sheet: the
// plan with it applied, forecast on the same request (the same random
// numbers) as the briefing's forecast, with what it costs and moves in
// money.
type SavedOption struct {
	Name, Description string
	Forecast          *outlook.Forecast
	// Years is its cost by fiscal year through the last year costed;
	// PerYear what its headcount costs a full year afterwards (zero when
	// none).
	Years   []YearCost
	PerYear plan.Money
	// Expected is the change of the expected penalty and cost of delay
	// (negative: less to pay); HasExpected is false when the portfolio
	// states none.
	Expected    plan.Money
	HasExpected bool
}

// WithSavedOptions gives the decision sheet the portfolio's saved
// scenarios, measured: when one helps the subject, the sheet's options are
// the saved scenarios that help it most instead of recommend's.
func WithSavedOptions(os []SavedOption) Extra { return func(b *builder) { b.saved = os } }

func newBuilder(p *plan.Portfolio, f *outlook.Forecast, t Template, asOf plan.Date, items map[string]*plan.Item) *builder {
	b := &builder{ctx: context.Background(), p: p, f: f, t: t, asOf: asOf, cal: p.Calendar.Compile(), items: items,
		fitems: make(map[string]*outlook.ItemForecast, len(f.Items))}
	for i := range f.Items {
		if _, dup := b.fitems[f.Items[i].ID]; !dup {
			b.fitems[f.Items[i].ID] = &f.Items[i]
		}
	}
	if b.snap = p.LatestSnapshot(asOf); b.snap != nil {
		b.moves = map[[2]string]outlook.Move{}
		for _, m := range outlook.Moves(p, f, *b.snap) {
			b.moves[[2]string{m.Kind, m.ID}] = m
		}
	}
	b.by = p.BudgetYear(p.FiscalYearOf(asOf), asOf)
	b.risks = b.rankRisks()
	return b
}

func (b *builder) confidentiality() string {
	if b.t.Confidentiality != "" {
		return b.t.Confidentiality
	}
	return b.p.Confidentiality
}

// conf returns the quoted percentile of d.
func (b *builder) conf(d outlook.DateDist) plan.Date {
	switch b.t.Confidence {
	case 50:
		return d.P50
	case 95:
		return d.P95
	}
	return d.P85
}

func (b *builder) confLabel() string { return fmt.Sprintf("P%d", b.t.Confidence) }

func (b *builder) teamName(id string) string {
	if t := b.p.Team(id); t != nil && t.Name != "" {
		return t.Name
	}
	return id
}

func (b *builder) itemTitle(id string) string {
	if it := b.item(id); it != nil && it.Title != "" {
		return it.Title
	}
	return id
}

func (b *builder) milestone(id string) *plan.Milestone {
	for i := range b.p.Milestones {
		if b.p.Milestones[i].ID == id {
			return &b.p.Milestones[i]
		}
	}
	return nil
}

func (b *builder) milestoneName(id string) string {
	if m := b.milestone(id); m != nil && m.Name != "" {
		return m.Name
	}
	return id
}

// commitmentsOpen returns the forecasts of open committed items with a target.
func (b *builder) committed() []*outlook.ItemForecast {
	var out []*outlook.ItemForecast
	for i := range b.f.Items {
		fi := &b.f.Items[i]
		it := b.item(fi.ID)
		if it != nil && it.Commitment == plan.Committed && fi.PTarget >= 0 {
			out = append(out, fi)
		}
	}
	return out
}

// ---- formatting for sentences (every figure through figure) ----

// fdate is figure.Date, "no date" when unset (a sentence needs a word).
func fdate(d plan.Date) string {
	if d.IsZero() {
		return "no date"
	}
	return figure.Date(d)
}

func pct(p float64) string { return figure.Percent(p) }

func days(v float64) string { return figure.WorkingDays(v) }

// personDays formats an amount of work or capacity: "169".
func personDays(v float64) string { return figure.PersonDays(v) }

// quoted puts a name in quotes for a sentence, isolated (bidi.Isolate) so
// that a Hebrew name keeps the numbers around it out of its run.
func quoted(s string) string { return "‘" + bidi.Isolate(s) + "’" }

// named is a name placed in a sentence without quotes, isolated
// (bidi.Isolate): a Hebrew name before "63% → 87%" or "(30 Jun 2027)"
// would otherwise take the numbers into its right-to-left run and show
// them in reverse order. A cell holding only the name is not isolated
// (invisible characters break a spreadsheet's lookups and filters).
func named(s string) string { return bidi.Isolate(s) }

func shortMoney(m plan.Money) string { return figure.MoneyShort(m) }

func signedMoney(m plan.Money) string { return figure.SignedMoneyShort(m) }

// onTrack reports whether probability p is green as shown: every "below
// 80%" and "at or above 80%" sentence uses it, so a sentence never
// disagrees with a status.
func (b *builder) onTrack(p float64) bool { return b.t.RAG.Of(p) == Green }

// overCommitted reports whether a probability of over-commitment, as shown,
// reaches the template's threshold.
func (b *builder) overCommitted(p float64) bool { return figure.AtLeast(p, b.t.OverCommitment) }

// lateBy is how many working days date d falls after target (at least 1
// when d is after it).
func (b *builder) lateBy(target, d plan.Date) int {
	return max(1, b.cal.WorkdaysBetween(target, d))
}

// count is a number of things in a sentence, its thousands grouped
// ("2,139 targets"), as plural says it.
func count(n int) string { return figure.Number(float64(n), 0) }

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return figure.Number(float64(n), 0) + " " + many
}
