package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"text/tabwriter"

	"steerco/internal/atomicfile"
	"steerco/internal/forecast"
)

func init() {
	register(verb{name: "simulate",
		usage:   "simulate MODEL.json [--trials N] [--seed S] [--sampling mc|lhs] [--period P] [--samples FILE.csv] [--json] [--workers N]",
		summary: "Run the Monte Carlo engine on a simulation model in JSON (textbook checks, scripting).",
		run:     runSimulate})
}

// simulateArgs is the parsed command line of "steerco simulate".
type simulateArgs struct {
	model   string
	samples string
	json    bool
	opts    forecast.Options
}

func parseSimulateArgs(e *env, args []string) (*simulateArgs, error) {
	fs := newFlagSet(e, "simulate")
	a := &simulateArgs{}
	var seed uint64
	fs.IntVar(&a.opts.Trials, "trials", forecast.DefaultTrials, "number of Monte Carlo trials")
	fs.Uint64Var(&seed, "seed", 1, "random seed: the same seed gives the same result on any number of workers")
	fs.StringVar(&a.opts.Sampling, "sampling", forecast.MonteCarlo, "sampling: mc (Monte Carlo) or lhs (Latin hypercube per item)")
	fs.Float64Var(&a.opts.Period, "period", forecast.DefaultPeriod, "length of the team periods in model time (13 = a quarter of weeks)")
	fs.StringVar(&a.samples, "samples", "", "write one CSV row per trial to this file")
	fs.BoolVar(&a.json, "json", false, "print the result as JSON")
	fs.IntVar(&a.opts.Workers, "workers", runtime.NumCPU(), "number of parallel workers (the result does not depend on it)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	a.opts.Seed = seed
	file, err := oneFile(pos, "model", "Give the path of a model JSON file (or - for standard input)")
	if err != nil {
		return nil, err
	}
	switch {
	case a.opts.Trials < 1:
		return nil, usageError("--trials must be at least 1, not %d", a.opts.Trials)
	case a.opts.Sampling != forecast.MonteCarlo && a.opts.Sampling != forecast.LatinHypercube:
		return nil, usageError("--sampling must be mc or lhs, not %q", a.opts.Sampling)
	case !(a.opts.Period > 0):
		return nil, usageError("--period must be a number of time units > 0, not %v", a.opts.Period)
	case a.opts.Workers < 1:
		return nil, usageError("--workers must be at least 1, not %d", a.opts.Workers)
	}
	a.model = file
	return a, nil
}

// runSimulate is "steerco simulate": parse a model, run it, print a summary
// or JSON, and optionally write every trial to a CSV file.
func runSimulate(ctx context.Context, e *env, args []string) error {
	a, err := parseSimulateArgs(e, args)
	if err != nil {
		return err
	}
	m, err := simulateReadModel(e, a.model)
	if err != nil {
		return err
	}
	if a.opts.Trials >= 200000 {
		a.opts.Progress = simulateProgress(e.stderr)
	}
	var res *forecast.Result
	if a.samples != "" {
		// A failed or cancelled run leaves no half-written file.
		err = atomicfile.Write(a.samples, func(w io.Writer) error {
			bw := bufio.NewWriterSize(w, 1<<16)
			a.opts.Samples = bw
			var err error
			if res, err = forecast.Run(ctx, m, a.opts); err != nil {
				return err
			}
			return bw.Flush()
		})
	} else {
		res, err = forecast.Run(ctx, m, a.opts)
	}
	if a.opts.Progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
	}
	if err != nil {
		return err
	}
	if a.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	return simulatePrint(e.stdout, m, res)
}

func simulateReadModel(e *env, path string) (forecast.Model, error) {
	var r io.Reader
	if path == "-" {
		r = e.stdin
		path = "standard input"
	} else {
		f, err := os.Open(path)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return forecast.Model{}, fmt.Errorf("no model file %s", path)
			}
			return forecast.Model{}, err
		}
		defer f.Close()
		r = f
	}
	m, err := forecast.ParseModel(r)
	if err != nil {
		return forecast.Model{}, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func simulateProgress(w io.Writer) func(done, total int) {
	last := -1
	return func(done, total int) {
		pct := done * 100 / total
		if pct != last {
			last = pct
			fmt.Fprintf(w, "\rsimulating… %d%%", pct)
		}
	}
}

func simulateNum(v float64) string {
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func simulatePct(p float64) string {
	return strconv.FormatFloat(100*p, 'f', 0, 64) + "%"
}

// simulatePrint writes the readable summary.
func simulatePrint(w io.Writer, m forecast.Model, r *forecast.Result) error {
	bw := bufio.NewWriter(w)
	sampling := "Monte Carlo"
	if r.Sampling == forecast.LatinHypercube {
		sampling = "Latin hypercube"
	}
	fmt.Fprintf(bw, "%d trials, seed %d, %s sampling. Times are in the model's unit from t = 0; ± is one standard error.\n\n",
		r.Trials, r.Seed, sampling)
	if t := r.Throughput; t != nil {
		v := t.Value
		if t.Kind == "when" {
			fmt.Fprintf(bw, "When will %d items be done? In weeks:\n", m.Throughput.BacklogItems)
		} else {
			fmt.Fprintf(bw, "How many items in %d weeks?\n", m.Throughput.Weeks)
		}
		fmt.Fprintf(bw, "  P10 %g   P50 %g   P85 %g   P95 %g   mean %s   sd %s\n",
			v.P10, v.P50, v.P85, v.P95, simulateNum(v.Mean), simulateNum(v.SD))
		return bw.Flush()
	}
	pf := r.Portfolio.Finish
	fmt.Fprintf(bw, "Portfolio finish (the last item): P50 %s ± %s, P85 %s ± %s, P95 %s (mean %s, sd %s)\n\n",
		simulateNum(pf.P50), simulateNum(pf.SE.P50), simulateNum(pf.P85), simulateNum(pf.SE.P85),
		simulateNum(pf.P95), simulateNum(pf.Mean), simulateNum(pf.SD))
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "ITEM\tSTART P50\tFINISH P10\tP50\tP85\tP95\tMEAN\tCRITICAL\tSENSITIVITY\tWAIT DEP\tWAIT CAP\tTARGET\tP(MEET)\t")
	for _, it := range r.Items {
		f := it.Finish
		target, pt := "", ""
		if it.Target != nil {
			target, pt = strconv.FormatFloat(*it.Target, 'g', -1, 64), simulatePct(*it.PTarget)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", it.ID,
			simulateNum(it.Start.P50), simulateNum(f.P10), simulateNum(f.P50), simulateNum(f.P85), simulateNum(f.P95),
			simulateNum(f.Mean), simulatePct(it.Criticality), strconv.FormatFloat(it.Sensitivity, 'f', 2, 64),
			simulateNum(it.WaitDependency), simulateNum(it.WaitCapacity), target, pt)
	}
	tw.Flush()
	if c := r.Committed; c != nil {
		fmt.Fprintf(bw, "\nAll %d committed items meet their targets in %s of trials.\n", len(c.Items), simulatePct(c.Probability))
	}
	if len(r.Teams) > 0 {
		fmt.Fprintf(bw, "\nTeam load by period of %g (work and demand in person-days):\n", r.Period)
		tw = tabwriter.NewWriter(bw, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "TEAM\tPERIOD\tCAPACITY\tWORK P50\tWORK P85\tDEMAND P50\tDEMAND P85\tP(OVER)\t")
		for _, t := range r.Teams {
			for _, p := range t.Periods {
				fmt.Fprintf(tw, "%s\t[%g, %g)\t%s\t%s\t%s\t%s\t%s\t%s\t\n", t.ID, p.Start, p.End,
					simulateNum(p.Capacity), simulateNum(p.Work.P50), simulateNum(p.Work.P85),
					simulateNum(p.Demand.P50), simulateNum(p.Demand.P85), simulatePct(p.POver))
			}
		}
		tw.Flush()
	}
	return bw.Flush()
}
