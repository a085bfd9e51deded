package report

import (
	"fmt"
	"math"
	"strings"

	"steerco/internal/calibration"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// method builds the method appendix: how the forecast was made and what it assumes.
func (b *builder) method(s *Section) {
	f := b.f
	s.Headlines = append(s.Headlines, fmt.Sprintf("The forecast is a Monte Carlo simulation of %s trials (seed %d, %s sampling, %s effort distributions) as of %s; the same seed gives the same numbers.",
		plan.Group(fmt.Sprint(f.Trials)), f.Seed, samplingLabel(f.Sampling), orDefault(f.Distribution, "triangular"), fdate(f.AsOf)))
	s.Headlines = append(s.Headlines, fmt.Sprintf("Dates are quoted at %s: %d%% of trials finish on or before that date. Dates count working days on the portfolio’s calendar (working week and holidays); capacity is headcount × allocation × focus factor.", b.confLabel(), b.t.Confidence))
	s.Headlines = append(s.Headlines, fmt.Sprintf("Status: green at %s or more probability of meeting the target, amber at %s or more, red below, decided on the percentage as shown (rounded to nearest).", pct(b.t.RAG.Green), pct(b.t.RAG.Amber)))
	s.Headlines = append(s.Headlines, "Over-commitment: "+strings.ToLower(OverCommitmentDefinition[:1])+OverCommitmentDefinition[1:])
	if len(f.Risks) > 0 {
		s.Headlines = append(s.Headlines, "Risk impacts are measured by re-running the simulation without each risk on the same random numbers; risks are ranked by the points of chance they take from the milestones’ and commitments’ dates, added up (100 points ≈ one more missed date); a difference within the standard error is “no measurable effect”.")
	}
	s.Notes = append(s.Notes, f.Notes...)
	s.Notes = append(s.Notes, riskBandNote())
	params := &Table{Name: "Run", Title: "Run parameters", Width: 0.6, Columns: []Column{{Title: "Parameter", Kind: KText, Width: 2}, {Title: "Value", Kind: KText, Width: 3}}}
	add := func(k, v string) { params.Rows = append(params.Rows, Row{Cells: []Cell{Text(k), Text(v)}}) }
	add("Trials", plan.Group(fmt.Sprint(f.Trials)))
	add("Seed", fmt.Sprint(f.Seed))
	add("Sampling", samplingLabel(f.Sampling))
	add("Effort distribution", orDefault(f.Distribution, "triangular"))
	add("Forecast as of", fdate(f.AsOf))
	add("Report date", fdate(b.asOf))
	add("Confidence quoted", b.confLabel())
	add("RAG thresholds", fmt.Sprintf("green ≥ %s, amber ≥ %s", pct(b.t.RAG.Green), pct(b.t.RAG.Amber)))
	add("Template", b.t.Name)
	if b.snap != nil {
		add("Compared with snapshot", fmt.Sprintf("%s (%s)", named(b.snap.Name), fdate(b.snap.TakenOn)))
	}
	se := &Table{Name: "StdErrors", Detail: true, Title: "Standard errors of the forecast dates (working days)",
		Columns: []Column{{Title: "Item or milestone", Kind: KText, Width: 3}, {Title: "P50", Kind: KDate}, {Title: "± SE P50", Kind: KNumber},
			{Title: "P85", Kind: KDate}, {Title: "± SE P85", Kind: KNumber}}}
	se.Rows = append(se.Rows, Row{Cells: []Cell{Text("Whole portfolio"), DateCell(f.Portfolio.P50), Number(f.Portfolio.SEP50Days, 2), DateCell(f.Portfolio.P85), Number(f.Portfolio.SEP85Days, 2)}})
	for _, m := range f.Milestones {
		se.Rows = append(se.Rows, Row{Group: "Milestones", Cells: []Cell{Text(b.milestoneName(m.ID)), DateCell(m.Finish.P50), Number(m.Finish.SEP50Days, 2), DateCell(m.Finish.P85), Number(m.Finish.SEP85Days, 2)}})
	}
	for _, c := range b.committed() {
		se.Rows = append(se.Rows, Row{Group: "Commitments", Cells: []Cell{Text(b.itemTitle(c.ID)), DateCell(c.Finish.P50), Number(c.Finish.SEP50Days, 2), DateCell(c.Finish.P85), Number(c.Finish.SEP85Days, 2)}})
	}
	if n := 1 + len(f.Milestones) + 10; len(se.Rows) > n {
		se.PDFRows = n
		se.Note = fmt.Sprintf("The whole portfolio, the milestones and the first 10 commitments; all %s commitments are in the workbook.", count(len(se.Rows)-1-len(f.Milestones)))
	}
	if more := capRows(se, s.Sheet); more != "" {
		se.Note = "The whole portfolio, then the milestones, then the commitments. " + more
	}
	maxSE := f.Portfolio.SEP85Days
	for _, it := range f.Items {
		maxSE = math.Max(maxSE, it.Finish.SEP85Days)
	}
	s.Headlines = append(s.Headlines, fmt.Sprintf("The largest standard error of any P85 date is %s working days: more trials would not change the story.", figure.Number(maxSE, 1)))
	if maxSE >= 3 {
		s.Headlines[len(s.Headlines)-1] = fmt.Sprintf("The largest standard error of any P85 date is %s working days: run more trials before quoting dates to the day.", figure.Number(maxSE, 1))
	}
	s.Blocks = append(s.Blocks, Block{Table: params}, Block{Table: se})
	b.calibration(s)
}

// calibration adds how often this portfolio's own snapshots' dates held
// (internal/calibration), when any snapshot can be scored.
func (b *builder) calibration(s *Section) {
	r := calibration.Score(b.p)
	if r.Overall.P85.N == 0 {
		return
	}
	s.Headlines = append(s.Headlines, calibration.Sentence(r.Overall, "snapshots"))
	t := &Table{Name: "Calibration", Title: "How often the snapshots' dates held", Width: 0.8,
		Columns: []Column{{Title: "Scored", Kind: KText, Width: 2}, {Title: "P50 held", Kind: KText, Width: 2}, {Title: "P85 held", Kind: KText, Width: 2},
			{Title: "90% interval", Kind: KText}, {Title: "Bias (working days)", Kind: KNumber}}}
	for _, g := range append([]calibration.Group{r.Overall}, r.Teams...) {
		iv := ""
		if g.P85.Enough() {
			iv = calibration.IntervalText(g.P85)
		}
		bias := Number(g.MeanBias, 0)
		bias.Signed = true
		t.Rows = append(t.Rows, Row{Cells: []Cell{Text(g.Name), Text(calibration.RateText(g.P50)), Text(calibration.RateText(g.P85)), Text(iv), bias}})
	}
	t.Note = fmt.Sprintf("Every snapshot's item forecasts against the actual finish dates; a rate is quoted from %d scored forecasts. Bias: actual finish minus P50, positive is late.", calibration.MinOutcomes)
	s.Blocks = append(s.Blocks, Block{Table: t})
}

func samplingLabel(s string) string {
	switch s {
	case "lhs":
		return "Latin hypercube"
	case "", "mc":
		return "simple random"
	}
	return s
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
