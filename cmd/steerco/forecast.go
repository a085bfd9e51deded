package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"steerco/internal/app"
	"steerco/internal/atomicfile"
	"steerco/internal/figure"
	"steerco/internal/forecast"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	briefing "steerco/internal/report"
)

func init() {
	register(verb{name: "forecast",
		usage:   "forecast FILE.steerco [--trials N] [--seed S] [--sampling mc|lhs] [--dist triangular|betapert|lognormal] [--as-of YYYY-MM-DD] [--json] [--no-risks] [--jcl-penalties] [--model OUT.json] [--since SNAPSHOT_ID]",
		summary: "Forecast a portfolio: finish dates, chances of meeting targets, team load and risk drivers.",
		run:     runForecast})
}

// forecastArgs is the parsed command line of "steerco forecast".
type forecastArgs struct {
	file  string
	req   app.Request
	json  bool
	model string
	since string // snapshot id to compare with
}

func parseForecastArgs(e *env, args []string) (*forecastArgs, error) {
	fs := newFlagSet(e, "forecast")
	a := &forecastArgs{}
	rf := addRequestFlags(fs, true, "forecast")
	fs.BoolVar(&a.json, "json", false, "print the forecast as JSON")
	noRisks := fs.Bool("no-risks", false, "skip the risk drivers (one extra run per risk)")
	withPen := fs.Bool("jcl-penalties", false, "count each trial's penalties and costs of delay in its cost to complete (the JCL)")
	fs.StringVar(&a.since, "since", "", "also show what moved since the snapshot with this `id` (steerco snapshot FILE --list)")
	fs.StringVar(&a.model, "model", "", "also write the compiled simulation model to this JSON file (the format of steerco simulate)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	if a.file, err = oneFile(pos, "portfolio", "Give the path of a .steerco file"); err != nil {
		return nil, err
	}
	if a.req, err = rf.request(); err != nil {
		return nil, err
	}
	if a.model != "" && strings.EqualFold(filepath.Ext(a.model), app.Extension) {
		return nil, usageError("--model writes JSON; %s looks like a portfolio file, which it would overwrite", a.model)
	}
	a.req.RiskImpacts = !*noRisks
	a.req.CostWithPenalties = *withPen
	return a, nil
}

func runForecast(ctx context.Context, e *env, args []string) error {
	a, err := parseForecastArgs(e, args)
	if err != nil {
		return err
	}
	p, err := app.Read(ctx, a.file)
	if err != nil {
		return err
	}
	var since *plan.Snapshot
	if a.since != "" {
		if since, err = sinceSnapshot(p, a.since, a.file); err != nil {
			return err
		}
	}
	f, rr, err := runForecastFor(ctx, e, p, a.req)
	if err != nil {
		return err
	}
	if a.model != "" {
		m, _, err := outlook.Compile(p, rr.AsOf, rr.Distribution)
		if err != nil {
			return err
		}
		if err := writeForecastModel(a.model, m); err != nil {
			return err
		}
	}
	if a.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if since != nil {
			return enc.Encode(newForecastSince(p, f, since))
		}
		return enc.Encode(f)
	}
	printForecast(e.stdout, p, f)
	if since != nil {
		printMoves(e.stdout, p, f, since)
	}
	return nil
}

// writeForecastModel writes the model as indented JSON to path, atomically.
func writeForecastModel(path string, m forecast.Model) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	})
	if err != nil {
		return fmt.Errorf("cannot write the model to %s: %w", path, err)
	}
	return nil
}

// forecastProgress reports a long run on stderr: once a second has passed, a line
// rewritten in place on a terminal, or a plain line at every tenth otherwise.
type forecastProgress struct {
	mu      sync.Mutex
	e       *env
	tty     bool
	began   time.Time
	shown   bool
	lastPct int
}

func newForecastProgress(e *env) *forecastProgress {
	p := &forecastProgress{e: e, began: e.now(), lastPct: -1}
	if f, ok := e.stderr.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			p.tty = true
		}
	}
	return p
}

func (p *forecastProgress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.shown && p.e.now().Sub(p.began) < time.Second {
		return
	}
	pc := done * 100 / max(total, 1)
	step := 10
	if p.tty {
		step = 1
	}
	if pc/step == p.lastPct/step && p.shown {
		return
	}
	p.shown, p.lastPct = true, pc
	if p.tty {
		fmt.Fprintf(p.e.stderr, "\rforecast: %d%% (%d/%d trials)", pc, done, total)
	} else {
		fmt.Fprintf(p.e.stderr, "forecast: %d%% (%d/%d trials)\n", pc, done, total)
	}
}

func (p *forecastProgress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty && p.shown {
		fmt.Fprintln(p.e.stderr)
	}
}

// printForecast writes the forecast for people.
func printForecast(w io.Writer, p *plan.Portfolio, f *outlook.Forecast) {
	fmt.Fprintf(w, "Forecast of %s as of %s: %s trials, seed %d, %s sampling, %s effort.\n",
		p.Name, figure.Date(f.AsOf), count(f.Trials), f.Seed, forecastSampling(f.Sampling), f.Distribution)
	fmt.Fprintln(w, "Dates are the working day the work ends; P50 = as likely as not, P85 = 85% sure.")

	// Items: committed first, then planned, each by P85.
	type row struct {
		it *plan.Item
		fc *outlook.ItemForecast
	}
	var rows []row
	stretch := 0
	for i := range f.Items {
		it := p.Item(f.Items[i].ID)
		if it == nil {
			continue
		}
		if it.Commitment == plan.Stretch {
			stretch++
			continue
		}
		rows = append(rows, row{it, &f.Items[i]})
	}
	sort.SliceStable(rows, func(a, b int) bool {
		ca, cb := rows[a].it.Commitment == plan.Committed, rows[b].it.Commitment == plan.Committed
		if ca != cb {
			return ca
		}
		return rows[a].fc.Finish.P85 < rows[b].fc.Finish.P85
	})
	fmt.Fprintln(w, "\nCommitted and planned items")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ITEM\tTEAM\tLEVEL\tTARGET\tP50\tP85\tP(TARGET)\t\tCRITICAL\tDAYS WAITING FOR")
	for _, r := range rows {
		fc := r.fc
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.it.ID, r.it.TeamID, r.it.Commitment,
			date(fc.Target), date(fc.Finish.P50), date(fc.Finish.P85), pct(fc.PTarget), status(fc.PTarget),
			pct(fc.Criticality), forecastWaiting(fc))
	}
	tw.Flush()
	if stretch > 0 {
		fmt.Fprintf(w, "(%d stretch items not shown; --json lists every open item.)\n", stretch)
	}
	if len(rows) > 0 {
		rag := app.Default.RAG
		fmt.Fprintf(w, "On track: at least %s likely to meet the target; at risk: %s–%s; off track: below %s.\n",
			figure.Percent(rag.Green), figure.Percent(rag.Amber), figure.Percent(rag.Green), figure.Percent(rag.Amber))
	}

	if len(f.Milestones) > 0 {
		fmt.Fprintln(w, "\nMilestones")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MILESTONE\tDATE\tP50\tP85\tP(DATE)\t\tLAST TO FINISH")
		for _, m := range f.Milestones {
			name := m.ID
			if ms := forecastMilestone(p, m.ID); ms != nil {
				name = ms.Name
			}
			if m.Done {
				fmt.Fprintf(tw, "%s\t%s\tdone\t\t\t\t\n", name, date(m.Target))
				continue
			}
			drv := ""
			if m.Driver != "" {
				drv = fmt.Sprintf("%s (%s of trials)", m.Driver, pct(m.DriverShare))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, date(m.Target), date(m.Finish.P50), date(m.Finish.P85),
				pct(m.PTarget), status(m.PTarget), drv)
		}
		tw.Flush()
	}

	printMoney(w, p, f)

	fmt.Fprintln(w)
	if f.CommittedItems > 0 {
		fmt.Fprintf(w, "All %d committed items meet their targets together: %s.\n", f.CommittedItems, pct(f.Committed))
	}
	fmt.Fprintf(w, "Everything open is finished by: P50 %s, P85 %s.\n", date(f.Portfolio.P50), date(f.Portfolio.P85))

	if len(f.Teams) > 0 {
		fmt.Fprintln(w, "\nTeam load per quarter (person-days)")
		fmt.Fprintln(w, app.OverCommitment)
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TEAM\tQUARTER\tCAPACITY\tWORK P50\tDUE BY END P50–P85\tCAPACITY TO END\tP(OVER-COMMITTED)")
		for _, q := range f.Teams {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s–%s\t%s\t%s\n", q.TeamID, app.QuarterLabel(q), figure.Number(q.Capacity, 0),
				figure.Number(q.WorkP50, 0), figure.Number(q.DueP50, 0), figure.Number(q.DueP85, 0), figure.Number(q.CapacityToEnd, 0), pct(q.POver))
		}
		tw.Flush()
	}

	if len(f.Risks) > 0 {
		fmt.Fprintln(w, "\nRisk drivers, most harmful first (with and without each risk, same random numbers otherwise)")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		estimated := false
		fmt.Fprintln(tw, "RISK\tSTATUS\tCHANCE\tIF IT HAPPENS\tPOINTS OF CHANCE LOST (ALL DATES)\tMOST DELAYED MILESTONE (P85)\tBIGGEST DROP IN P(DATE)\tPORTFOLIO P85")
		for _, r := range f.Risks {
			rk := p.Risk(r.RiskID)
			impact, lost, delayed, drop := figure.WorkingDays(rk.ImpactDays), figure.RiskPoints(r.PointsLost, r.Estimated), "—", "—"
			portfolio := figure.DaysEffect(r.PortfolioP85Days, 0)
			switch {
			case r.CostOnly:
				impact, lost = "cost only", "cost only"
			case !r.Measurable:
				lost = "no measurable effect"
			}
			if r.Estimated {
				estimated = true
				delayed, drop, portfolio = figure.NotComputed, figure.NotComputed, figure.NotComputed
			}
			if r.WorstMilestone != "" && figure.Measurable(r.MilestoneP85Days[r.WorstMilestone], 0) {
				delayed = r.WorstMilestone + " " + figure.DaysEffect(r.MilestoneP85Days[r.WorstMilestone], 0)
			}
			if pd, _ := r.Harm(); figure.Shown(pd) >= 0.01 {
				ids := make([]string, 0, len(r.MilestonePTarget))
				for id := range r.MilestonePTarget {
					ids = append(ids, id)
				}
				sort.Strings(ids)
				for _, id := range ids {
					if -r.MilestonePTarget[id] == pd {
						drop = id + " " + figure.Points(-pd)
						break
					}
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.RiskID, rk.Status, pct(rk.Probability), impact, lost, delayed, drop,
				portfolio)
		}
		tw.Flush()
		if estimated {
			fmt.Fprintln(w, figure.EstimatedNote)
		}
	}

	if len(f.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes")
		for _, n := range f.Notes {
			fmt.Fprintln(w, "- "+n)
		}
	}

	worst := 0.0
	for _, it := range f.Items {
		worst = math.Max(worst, math.Max(it.Finish.SEP50Days, it.Finish.SEP85Days))
	}
	fmt.Fprintf(w, "\nPrecision: the portfolio's P50 and P85 are good to ±%s and ±%s working days (standard error); no item's P50 or P85 is off by more than ±%s. More --trials narrow this.\n",
		figure.Number(f.Portfolio.SEP50Days, 1), figure.Number(f.Portfolio.SEP85Days, 1), figure.Number(worst, 1))
}

// printMoney writes the exposure to lateness and the joint cost–schedule
// confidence (outlook.Forecast.Exposure and JCL), in the words of the board pack.
func printMoney(w io.Writer, p *plan.Portfolio, f *outlook.Forecast) {
	if ex := f.Exposure; ex != nil && len(ex.Milestones)+len(ex.Items) > 0 {
		fmt.Fprintln(w, "\nExposure to lateness (penalties and costs of delay, from the trials' finish dates)")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "MILESTONE OR ITEM\tDATE\tTERMS\tP(LATE)\tEXPECTED\tP85")
		for _, e := range ex.Milestones {
			ms := forecastMilestone(p, e.ID)
			name := e.ID
			if ms != nil {
				name = ms.Name
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", name, date(e.Target), briefing.PenaltyTerms(ms), pct(e.PLate), figure.Money(e.Expected), figure.Money(e.P85))
		}
		for _, e := range ex.Items {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.ID, date(e.Target), briefing.CostOfDelayTerms(p.Item(e.ID)), pct(e.PLate), figure.Money(e.Expected), figure.Money(e.P85))
		}
		fmt.Fprintf(tw, "Total\t\t\t\t%s\t%s\n", figure.Money(ex.Total.Mean), figure.Money(ex.Total.P85))
		tw.Flush()
		fmt.Fprintln(w, briefing.ExposureSentence(p, f))
		fmt.Fprintln(w, "The total's P85 is that of the sum in each trial, not the sum of the P85s.")
	}
	j := f.JCL
	if j == nil || j.Cost.P85.IsZero() && j.Budget.IsZero() {
		return
	}
	fmt.Fprintln(w, "\nCost to complete and joint cost–schedule confidence (JCL)")
	fmt.Fprintf(w, "Cost to complete: P50 %s, P85 %s, mean %s (teams %s, other budget lines %s, risks that fire %s%s).\n",
		figure.Money(j.Cost.P50), figure.Money(j.Cost.P85), figure.Money(j.Cost.Mean), figure.Money(j.Teams), figure.Money(j.Lines), figure.Money(j.Risks),
		map[bool]string{true: ", penalties " + figure.Money(j.Penalties), false: ""}[j.WithPenalties])
	if s := briefing.JCLSentence(f); s != "" {
		fmt.Fprintln(w, s)
	} else {
		fmt.Fprintln(w, "No JCL: the portfolio has no committed date or no remaining budget plan.")
	}
	if len(j.Frontier) > 0 {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "FINISHED BY\tLOWEST BUDGET FOR %s\n", pct(j.Level))
		for _, pt := range j.Frontier {
			fmt.Fprintf(tw, "%s\t%s\n", date(pt.Date), figure.Money(pt.Budget))
		}
		tw.Flush()
		fmt.Fprintln(w, outlook.FrontierNote)
	}
}

func forecastWaiting(fc *outlook.ItemForecast) string {
	if fc.WaitDependencyDays < 0.05 && fc.WaitCapacityDays < 0.05 {
		return "—"
	}
	dep := "dependencies " + figure.Number(fc.WaitDependencyDays, 1)
	if fc.Driver != "" && fc.WaitDependencyDays >= 0.05 {
		dep += " (mostly " + fc.Driver + ")"
	}
	return dep + ", team " + figure.Number(fc.WaitCapacityDays, 1)
}

func forecastPlural(n string, one, many string) string {
	if n == "1" {
		return one
	}
	return many
}

func forecastMilestone(p *plan.Portfolio, id string) *plan.Milestone {
	for i := range p.Milestones {
		if p.Milestones[i].ID == id {
			return &p.Milestones[i]
		}
	}
	return nil
}

func forecastSampling(s string) string {
	if s == forecast.LatinHypercube {
		return "Latin hypercube"
	}
	return "Monte Carlo"
}
