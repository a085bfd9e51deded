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

	"steerco/internal/atomicfile"
	"steerco/internal/forecast"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

func init() {
	register(verb{name: "forecast",
		usage:   "forecast FILE.steerco [--trials N] [--seed S] [--sampling mc|lhs] [--dist triangular|betapert|lognormal] [--as-of YYYY-MM-DD] [--json] [--no-risks] [--model OUT.json] [--since SNAPSHOT_ID]",
		summary: "Forecast a portfolio: finish dates, chances of meeting targets, team load and risk drivers.",
		run:     runForecast})
}

// forecastArgs is the parsed command line of "steerco forecast".
type forecastArgs struct {
	file    string
	opts    outlook.Options
	asOf    string
	json    bool
	noRisks bool
	model   string
	since   string // snapshot id to compare with
}

func parseForecastArgs(e *env, args []string) (*forecastArgs, error) {
	fs := newFlagSet(e, "forecast")
	a := &forecastArgs{}
	fs.IntVar(&a.opts.Trials, "trials", outlook.DefaultTrials, "number of Monte Carlo trials")
	fs.Uint64Var(&a.opts.Seed, "seed", outlook.DefaultSeed, "random seed: the same seed gives the same forecast")
	fs.StringVar(&a.opts.Sampling, "sampling", forecast.MonteCarlo, "sampling: mc (Monte Carlo) or lhs (Latin hypercube)")
	fs.StringVar(&a.opts.Distribution, "dist", outlook.DistTriangular, "effort distribution: triangular, betapert or lognormal")
	fs.StringVar(&a.asOf, "as-of", "", "forecast as of this date, YYYY-MM-DD: work starts no earlier (default: today, or the planning start if later)")
	fs.BoolVar(&a.json, "json", false, "print the forecast as JSON")
	fs.BoolVar(&a.noRisks, "no-risks", false, "skip the risk drivers (one extra run per risk)")
	fs.StringVar(&a.since, "since", "", "also show what moved since the snapshot with this `id` (steerco snapshot FILE --list)")
	fs.StringVar(&a.model, "model", "", "also write the compiled simulation model to this JSON file (the format of steerco simulate)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(pos) == 0:
		return nil, usageError("which portfolio? Give the path of a .steerco file")
	case len(pos) > 1:
		return nil, usageError("one portfolio file at a time, not %d (%s)", len(pos), strings.Join(pos, ", "))
	case a.opts.Trials < 1:
		return nil, usageError("--trials must be at least 1, not %d", a.opts.Trials)
	case a.opts.Sampling != forecast.MonteCarlo && a.opts.Sampling != forecast.LatinHypercube:
		return nil, usageError("--sampling must be mc or lhs, not %q", a.opts.Sampling)
	}
	switch a.opts.Distribution {
	case outlook.DistTriangular, outlook.DistBetaPERT, outlook.DistLognormal:
	default:
		return nil, usageError("--dist must be triangular, betapert or lognormal, not %q", a.opts.Distribution)
	}
	if a.asOf != "" {
		d, err := plan.ParseDate(a.asOf)
		if err != nil {
			return nil, usageError("--as-of %q is not a date; write it as YYYY-MM-DD", a.asOf)
		}
		a.opts.AsOf = d
	}
	if a.model != "" && strings.EqualFold(filepath.Ext(a.model), sqlite.Extension) {
		return nil, usageError("--model writes JSON; %s looks like a portfolio file, which it would overwrite", a.model)
	}
	a.file = pos[0]
	a.opts.RiskImpacts = !a.noRisks
	return a, nil
}

func runForecast(ctx context.Context, e *env, args []string) error {
	a, err := parseForecastArgs(e, args)
	if err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, a.file)
	if err != nil {
		return err
	}
	p, err := db.Portfolio(ctx)
	db.Close()
	if err != nil {
		return err
	}
	var since *plan.Snapshot
	if a.since != "" {
		if since, err = sinceSnapshot(p, a.since, a.file); err != nil {
			return err
		}
	}
	if a.opts.AsOf.IsZero() {
		// Today, or the planning start when that is later: the same rule as
		// the app, report and snapshot, so every surface quotes the same
		// numbers. Work cannot start in the past; --as-of pins a date.
		a.opts.AsOf = plan.DateOf(e.now())
		if p.PlanningStart > a.opts.AsOf {
			a.opts.AsOf = p.PlanningStart
		}
	}
	pr := newForecastProgress(e)
	a.opts.Progress = pr.update
	f, err := outlook.Run(ctx, p, a.opts)
	pr.end()
	if err != nil {
		return err
	}
	if a.model != "" {
		m, _, err := outlook.Compile(p, a.opts.AsOf, a.opts.Distribution)
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

// Words for the chance of meeting a target.
func forecastWord(pTarget float64) string {
	switch {
	case pTarget < 0:
		return "no target"
	case pTarget >= 0.8:
		return "on track"
	case pTarget >= 0.5:
		return "at risk"
	default:
		return "off track"
	}
}

func forecastPct(p float64) string {
	if p < 0 {
		return "—"
	}
	return fmt.Sprintf("%.0f%%", 100*p)
}

func forecastDateOr(d plan.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

// printForecast writes the forecast for people.
func printForecast(w io.Writer, p *plan.Portfolio, f *outlook.Forecast) {
	fmt.Fprintf(w, "Forecast of %s as of %s: %s trials, seed %d, %s sampling, %s effort.\n",
		p.Name, f.AsOf, forecastThousands(f.Trials), f.Seed, forecastSampling(f.Sampling), f.Distribution)
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
			forecastDateOr(fc.Target, "—"), fc.Finish.P50, fc.Finish.P85, forecastPct(fc.PTarget), forecastWord(fc.PTarget),
			forecastPct(fc.Criticality), forecastWaiting(fc))
	}
	tw.Flush()
	if stretch > 0 {
		fmt.Fprintf(w, "(%d stretch items not shown; --json lists every open item.)\n", stretch)
	}
	if len(rows) > 0 {
		fmt.Fprintln(w, "On track: at least 80% likely to meet the target; at risk: 50–80%; off track: below 50%.")
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
				fmt.Fprintf(tw, "%s\t%s\tdone\t\t\t\t\n", name, m.Target)
				continue
			}
			drv := ""
			if m.Driver != "" {
				drv = fmt.Sprintf("%s (%s of trials)", m.Driver, forecastPct(m.DriverShare))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, m.Target, m.Finish.P50, m.Finish.P85,
				forecastPct(m.PTarget), forecastWord(m.PTarget), drv)
		}
		tw.Flush()
	}

	fmt.Fprintln(w)
	if f.CommittedItems > 0 {
		fmt.Fprintf(w, "All %d committed items meet their targets together: %s.\n", f.CommittedItems, forecastPct(f.Committed))
	}
	fmt.Fprintf(w, "Everything open is finished by: P50 %s, P85 %s.\n", f.Portfolio.P50, f.Portfolio.P85)

	if len(f.Teams) > 0 {
		fmt.Fprintln(w, "\nTeam load per quarter (person-days; demand = work ready to do less work done)")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "TEAM\tQUARTER\tCAPACITY\tDEMAND P50–P85\tWORK P50\tP(OVER-COMMITTED)")
		for _, q := range f.Teams {
			label := q.Quarter.String()
			if q.Start != q.Quarter.First() {
				label += " from " + q.Start.Time().Format("Jan 2")
			}
			fmt.Fprintf(tw, "%s\t%s\t%.0f\t%.0f–%.0f\t%.0f\t%s\n", q.TeamID, label, q.Capacity,
				q.DemandP50, q.DemandP85, q.WorkP50, forecastPct(q.POver))
		}
		tw.Flush()
	}

	if len(f.Risks) > 0 {
		fmt.Fprintln(w, "\nRisk drivers, most harmful first (with and without each risk, same random numbers otherwise)")
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RISK\tSTATUS\tCHANCE\tIMPACT\tPORTFOLIO P85\tMOST DELAYED MILESTONE (P85)\tBIGGEST DROP IN P(DATE)")
		for _, r := range f.Risks {
			rk := p.Risk(r.RiskID)
			delayed, drop := "—", "—"
			if r.WorstMilestone != "" && r.MilestoneP85Days[r.WorstMilestone] >= 0.05 {
				delayed = fmt.Sprintf("%s %+.1f days", r.WorstMilestone, r.MilestoneP85Days[r.WorstMilestone])
			}
			if pd, _ := r.Harm(); pd > 0 {
				ids := make([]string, 0, len(r.MilestonePTarget))
				for id := range r.MilestonePTarget {
					ids = append(ids, id)
				}
				sort.Strings(ids)
				for _, id := range ids {
					if -r.MilestonePTarget[id] == pd {
						pts := fmt.Sprintf("%.0f", 100*pd)
						if 100*pd < 1 {
							pts = fmt.Sprintf("%.1f", 100*pd)
						}
						drop = fmt.Sprintf("%s −%s %s", id, pts, forecastPlural(pts, "point", "points"))
						break
					}
				}
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%g days\t%+.1f days\t%s\t%s\n", r.RiskID, rk.Status, forecastPct(rk.Probability), rk.ImpactDays,
				r.PortfolioP85Days, delayed, drop)
		}
		tw.Flush()
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
	fmt.Fprintf(w, "\nPrecision: the portfolio's P50 and P85 are good to ±%.1f and ±%.1f working days (standard error); no item's P50 or P85 is off by more than ±%.1f. More --trials narrow this.\n",
		f.Portfolio.SEP50Days, f.Portfolio.SEP85Days, worst)
}

func forecastWaiting(fc *outlook.ItemForecast) string {
	if fc.WaitDependencyDays < 0.05 && fc.WaitCapacityDays < 0.05 {
		return "—"
	}
	dep := fmt.Sprintf("dependencies %.1f", fc.WaitDependencyDays)
	if fc.Driver != "" && fc.WaitDependencyDays >= 0.05 {
		dep = fmt.Sprintf("dependencies %.1f (mostly %s)", fc.WaitDependencyDays, fc.Driver)
	}
	return fmt.Sprintf("%s, team %.1f", dep, fc.WaitCapacityDays)
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

// forecastThousands formats 10000 as "10,000".
func forecastThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
