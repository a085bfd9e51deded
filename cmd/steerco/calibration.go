package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"steerco/internal/app"
	"steerco/internal/calibration"
	"steerco/internal/figure"
)

func init() {
	register(verb{name: "calibration",
		usage:   "calibration FILE.steerco [--backtest] [--json]",
		summary: "How often this portfolio's own P50 and P85 dates held: every snapshot scored against the actual finish dates (or, with --backtest, each finished item's forecast rebuilt from its start day), per team and commitment, with 90% intervals and the bias.",
		run:     runCalibration})
}

func runCalibration(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "calibration")
	backtest := fs.Bool("backtest", false, "rebuild each finished item's forecast from the day it started, with the estimate it had then, instead of scoring the snapshots")
	asJSON := fs.Bool("json", false, "write the scores and every outcome as JSON")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	file, err := oneFile(pos, "portfolio", "Give the path of a .steerco file")
	if err != nil {
		return err
	}
	s, err := app.OpenFile(ctx, file)
	if err != nil {
		return err
	}
	defer s.Close()
	var r *app.Calibration
	var noStart []string
	var tp []app.TeamThroughput
	what := "snapshots"
	if *backtest {
		what = "backtest"
		if r, noStart, err = s.Backtest(ctx); err != nil {
			return err
		}
		if tp, err = app.ThroughputBacktests(ctx, s.Portfolio()); err != nil {
			return err
		}
	} else {
		r = app.ScoreSnapshots(s.Portfolio())
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(calibrationJSON{Kind: what, Calibration: r, DoneWithoutStart: noStart, Throughput: tp})
	}
	printCalibration(e.stdout, r, what, noStart)
	printThroughput(e.stdout, tp)
	return nil
}

// calibrationJSON is the JSON of "calibration --json".
type calibrationJSON struct {
	Kind string `json:"kind"` // snapshots or backtest
	*app.Calibration
	DoneWithoutStart []string `json:"done_without_start,omitempty"` // backtest only
	// Throughput is each team's "how many by when" backtest (backtest only).
	Throughput []app.TeamThroughput `json:"throughput,omitempty"`
}

func printThroughput(w io.Writer, tp []app.TeamThroughput) {
	if len(tp) == 0 {
		return
	}
	fmt.Fprintf(w, "\nThroughput backtest: every week, how many items the %d weeks before said would finish in the next %d, against what did.\n", calibration.ThroughputWindow, calibration.ThroughputHorizon)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tFinished items\tForecasts\t50% count reached\t85% count reached\t90% interval")
	for _, t := range tp {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\n", t.Team, t.Finishes, len(t.Outcomes), app.RateText(t.P50), app.RateText(t.P85), interval(t.P85.Enough(), app.RateInterval(t.P85)))
	}
	tw.Flush()
}

func printCalibration(w io.Writer, r *app.Calibration, what string, noStart []string) {
	if what == "backtest" {
		fmt.Fprintln(w, "Backtest: each finished item's forecast rebuilt from the day it started, alone with its team, with the estimate it had then.")
	} else {
		fmt.Fprintf(w, "Scored snapshots: %d, their item forecasts against the actual finish dates.\n", r.Snapshots)
	}
	fmt.Fprintln(w, app.CalibrationSentence(r.Overall, what))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "\tItems\tP50 held\t90% interval\tP85 held\t90% interval\tMean bias (actual − P50)")
	row := func(g app.CalibrationGroup) {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", g.Name, g.Items, app.RateText(g.P50), interval(g.P50.Enough(), app.RateInterval(g.P50)),
			app.RateText(g.P85), interval(g.P85.Enough(), app.RateInterval(g.P85)), figure.WorkingDays(g.MeanBias))
	}
	row(r.Overall)
	for _, g := range r.Teams {
		row(g)
	}
	for _, g := range r.Commitments {
		row(g)
	}
	tw.Flush()
	if len(r.Reliability) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, "Reliability (predicted chance against what happened):")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, b := range r.Reliability {
			fmt.Fprintf(tw, "  %s\tpredicted %s\tobserved %s\t%s\n", b.Label, figure.Percent(b.Predicted), app.RateText(b.Observed), interval(b.Observed.Enough(), app.RateInterval(b.Observed)))
		}
		tw.Flush()
	}
	if r.Pending > 0 {
		fmt.Fprintf(w, "\nNot scored: %d forecasts of items not finished yet.\n", r.Pending)
	}
	if len(r.DoneWithoutFinish) > 0 {
		fmt.Fprintf(w, "Done without a finish date (not scored, no date guessed): %s.\n", strings.Join(r.DoneWithoutFinish, ", "))
	}
	if len(noStart) > 0 {
		fmt.Fprintf(w, "Done without a start date (cannot be backtested): %s.\n", strings.Join(noStart, ", "))
	}
}

func interval(enough bool, s string) string {
	if !enough {
		return ""
	}
	return s
}
