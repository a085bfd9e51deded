package main

import (
	"context"
	"fmt"
	"os"
	"text/tabwriter"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "cost-of-yes",
		usage:   "cost-of-yes FILE.steerco --item ITEM.json [--points N] [--trials N] [--seed S] [--as-of YYYY-MM-DD] [--json]",
		summary: "Say what saying yes to a new item costs: which commitments and milestones drop a RAG band or lose more than N points, by how much, and the item's cost.",
		run:     runCostOfYes})
}

type costOfYesArgs struct {
	file, item string
	points     float64
	json       bool
	req        app.Request
}

func parseCostOfYesArgs(e *env, args []string) (*costOfYesArgs, error) {
	fs := newFlagSet(e, "cost-of-yes")
	a := &costOfYesArgs{}
	fs.StringVar(&a.item, "item", "", "the proposed item as a JSON `file` (title, team, estimate, depends_on, target, …)")
	fs.Float64Var(&a.points, "points", app.DefaultYesPoints, "name a commitment or milestone that keeps its band when it loses more than this many `points`")
	fs.BoolVar(&a.json, "json", false, "write JSON instead of a table")
	rf := addRequestFlags(fs, false, "forecast")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	if a.file, err = oneFile(pos, "portfolio", "Give the path of a .steerco file"); err != nil {
		return nil, err
	}
	switch {
	case a.item == "":
		return nil, usageError("give the proposed item with --item ITEM.json")
	case !(a.points > 0 && a.points <= 100):
		return nil, usageError("--points: give a number of points from 1 to 100, not %g", a.points)
	}
	if a.req, err = rf.request(); err != nil {
		return nil, err
	}
	return a, nil
}

type costOfYesJSON struct {
	Item     plan.Item   `json:"item"`
	Headline string      `json:"headline"`
	Points   float64     `json:"points"`
	Hurt     []deltaJSON `json:"hurt"`
	All      []deltaJSON `json:"milestones_and_commitments"`
	Effort   plan.Money  `json:"effort_cost"`
	Cost     plan.Money  `json:"cost_total"`
	// ExpectedPenalty: the expected penalty and cost of delay, plan of
	// record then with the item.
	ExpectedPenalty [2]plan.Money `json:"expected_penalty"`
}

func runCostOfYes(ctx context.Context, e *env, args []string) error {
	a, err := parseCostOfYesArgs(e, args)
	if err != nil {
		return err
	}
	f, err := os.Open(a.item)
	if err != nil {
		return err
	}
	item, err := plan.ReadItemJSON(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", a.item, err)
	}
	p, err := app.Read(ctx, a.file)
	if err != nil {
		return err
	}
	pr := newForecastProgress(e)
	ans, err := app.CostOfYes(ctx, e.forecaster(), p, *item, a.points, a.req)
	pr.end()
	if err != nil {
		return fmt.Errorf("%s: %w", a.item, err)
	}
	conv := func(rows []app.DeltaRow) []deltaJSON {
		out := []deltaJSON{}
		for _, row := range rows {
			out = append(out, deltaJSON{Kind: row.Kind, ID: row.ID, Name: row.Name, Target: row.Target, Base: row.Base, Alt: row.Alt,
				Points: row.Points, P50Days: row.P50Days, P85Days: row.P85Days, Dropped: row.OnlyInBase})
		}
		return out
	}
	md := ans.Result.Money(ans.Base)
	if a.json {
		return writeJSON(e.stdout, costOfYesJSON{Item: ans.Item, Headline: ans.Headline, Points: a.points, Hurt: conv(ans.Hurt), All: conv(ans.Rows),
			Effort: ans.Effort, Cost: ans.Result.Budget.Total, ExpectedPenalty: [2]plan.Money{md.ExpectedBase, md.ExpectedAlt}})
	}
	w := e.stdout
	fmt.Fprintln(w, ans.Headline)
	if len(ans.Hurt) > 0 {
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KIND\tID\tNAME\tNOW\tIF YES\tCHANGE\tSTATUS\tP85 MOVES")
		for _, h := range ans.Hurt {
			st := h.BaseRAG.Label()
			if h.AltRAG != h.BaseRAG {
				st += " → " + h.AltRAG.Label()
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", h.Kind, h.ID, h.Name, pct(h.Base), pct(h.Alt), figure.Points(h.Points/100), st, figure.Signed(h.P85Days, 1))
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "The item's most likely effort (%s person-days) costs %s at its team's loaded rate.\n", figure.Number(ans.Item.Estimate.Likely, 1), figure.Money(ans.Effort))
	if !md.ExpectedBase.IsZero() || !md.ExpectedAlt.IsZero() {
		fmt.Fprintf(w, "The expected penalty and cost of delay go from %s to %s (%s).\n",
			figure.MoneyShort(md.ExpectedBase), figure.MoneyShort(md.ExpectedAlt), figure.SignedMoneyShort(md.Expected()))
	}
	fmt.Fprintf(w, "Named: a drop of RAG band (thresholds %s and %s), or more than %s points lost. P85 MOVES in working days.\n",
		figure.Percent(app.Default.RAG.Amber), figure.Percent(app.Default.RAG.Green), figure.Number(a.points, 0))
	return nil
}
