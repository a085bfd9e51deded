package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "scenario",
		usage: "scenario list|show|compare|new|duplicate|rename|promote|delete FILE.steerco … " +
			"(list FILE; show FILE ID; compare FILE [ID…] [--trials N] [--seed S] [--as-of D]; new FILE --from SCENARIO.json; " +
			"duplicate FILE ID [--name N]; rename FILE ID --name N [--description D]; promote FILE ID [--yes]; delete FILE ID) [--json]",
		summary: "Saved what-ifs: list, show, compare with the plan of record (same random numbers), save one from JSON, duplicate, rename, promote into the plan, delete.",
		run:     runScenario})
}

type scenarioArgs struct {
	sub, file   string
	ids         []string
	from        string
	name        string
	description *string
	yes, json   bool
	req         app.Request
}

var scenarioSubs = []string{"list", "show", "compare", "new", "duplicate", "rename", "promote", "delete"}

func parseScenarioArgs(e *env, args []string) (*scenarioArgs, error) {
	if len(args) == 0 {
		return nil, usageError("say what to do: %s", strings.Join(scenarioSubs, ", "))
	}
	a := &scenarioArgs{sub: args[0]}
	known := false
	for _, s := range scenarioSubs {
		known = known || s == a.sub
	}
	if !known {
		return nil, usageError("%q is not a scenario command; use one of %s", a.sub, strings.Join(scenarioSubs, ", "))
	}
	fs := newFlagSet(e, "scenario "+a.sub)
	fs.BoolVar(&a.json, "json", false, "write JSON instead of tables")
	fs.StringVar(&a.from, "from", "", "new: the scenario as a JSON `file` (name, description, changes)")
	fs.StringVar(&a.name, "name", "", "duplicate, rename: the new `name`")
	fs.Func("description", "rename: the new `description`", func(s string) error { a.description = &s; return nil })
	fs.BoolVar(&a.yes, "yes", false, "promote: write the changes into the plan of record (without it, promote only lists them)")
	rf := addRequestFlags(fs, false, "compare")
	pos, err := parseFlagsAnywhere(fs, args[1:])
	if err != nil {
		return nil, err
	}
	if len(pos) == 0 {
		return nil, usageError("which portfolio? Give the path of a .steerco file")
	}
	a.file, a.ids = pos[0], pos[1:]
	want := map[string]int{"list": 0, "new": 0, "show": 1, "duplicate": 1, "rename": 1, "promote": 1, "delete": 1}
	if n, ok := want[a.sub]; ok && len(a.ids) != n {
		if n == 0 {
			return nil, usageError("scenario %s takes the file only, not %s", a.sub, strings.Join(a.ids, ", "))
		}
		return nil, usageError("scenario %s takes one scenario id after the file (steerco scenario list %s shows them)", a.sub, a.file)
	}
	if a.sub == "new" && a.from == "" {
		return nil, usageError("scenario new needs --from SCENARIO.json")
	}
	if a.sub == "rename" && strings.TrimSpace(a.name) == "" {
		return nil, usageError("scenario rename needs --name NAME")
	}
	if a.req, err = rf.request(); err != nil {
		return nil, err
	}
	return a, nil
}

func runScenario(ctx context.Context, e *env, args []string) error {
	a, err := parseScenarioArgs(e, args)
	if err != nil {
		return err
	}
	var sc *plan.Scenario
	if a.sub == "new" {
		// Read the scenario before opening the portfolio: bad input writes nothing.
		f, err := os.Open(a.from)
		if err != nil {
			return err
		}
		sc, err = plan.ReadScenarioJSON(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", a.from, err)
		}
	}
	s, err := app.OpenFile(ctx, a.file)
	if err != nil {
		return err
	}
	defer s.Close()
	p := s.Portfolio()
	id := ""
	if len(a.ids) > 0 {
		id = a.ids[0]
	}
	switch a.sub {
	case "list":
		return scenarioList(e.stdout, p, a)
	case "show":
		sc, err := app.SavedScenario(p, id)
		if err != nil {
			return err
		}
		if a.json {
			return writeJSON(e.stdout, sc.Plan())
		}
		fmt.Fprintf(e.stdout, "%s (%s)\n", sc.Name, sc.ID)
		if sc.Description != "" {
			fmt.Fprintln(e.stdout, sc.Description)
		}
		for i, c := range sc.Changes {
			fmt.Fprintf(e.stdout, "%d. %s\n", i+1, c.Describe(p))
		}
		return nil
	case "compare":
		return scenarioCompare(ctx, e, p, a)
	case "new":
		for _, c := range app.SavedScenarios(p) {
			if sc.ID != "" && c.ID == sc.ID {
				return plan.Errorf(plan.ECONFLICT, "%s already has a scenario with id %q; nothing was written (rename it, or delete the old one first).", a.file, sc.ID)
			}
		}
		in := fromStored(*sc)
		if _, err := in.Apply(p); err != nil {
			return fmt.Errorf("%s does not apply to %s: %w", a.from, a.file, err)
		}
		id, err := app.SaveScenario(ctx, s, in)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Saved scenario %q (id %s, %d changes).\n", in.Name, id, len(in.Changes))
		return nil
	case "duplicate":
		cp, err := app.DuplicateScenario(ctx, s, p, id, a.name)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Duplicated %s as %s (%q).\n", id, cp, s.Portfolio().Scenario(cp).Name)
		return nil
	case "rename":
		if _, err := app.SavedScenario(p, id); err != nil {
			return err
		}
		if err := app.RenameScenario(ctx, s, id, a.name, a.description); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Renamed %s to %q.\n", id, strings.TrimSpace(a.name))
		return nil
	case "promote":
		lines, err := app.PromoteList(p, id)
		if err != nil {
			return err
		}
		if !a.yes {
			fmt.Fprintf(e.stdout, "Promoting %s would change the plan of record:\n", id)
			for _, l := range lines {
				fmt.Fprintf(e.stdout, "  - %s\n", l)
			}
			fmt.Fprintln(e.stdout, "Nothing was written. Run again with --yes to promote it (one action; Undo in the app reverts it).")
			return nil
		}
		if err := app.PromoteScenario(ctx, s, id); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Promoted %s into the plan of record:\n", id)
		for _, l := range lines {
			fmt.Fprintf(e.stdout, "  - %s\n", l)
		}
		return nil
	case "delete":
		name, err := app.DeleteScenario(ctx, s, p, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Deleted scenario %q (%s).\n", name, id)
		return nil
	}
	return nil
}

// fromStored is the scenario a stored one (from JSON) describes.
func fromStored(s plan.Scenario) app.Scenario {
	p := &plan.Portfolio{Scenarios: []plan.Scenario{s}}
	return app.SavedScenarios(p)[0]
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func scenarioList(w io.Writer, p *plan.Portfolio, a *scenarioArgs) error {
	if a.json {
		list := p.Scenarios
		if list == nil {
			list = []plan.Scenario{}
		}
		return writeJSON(w, list)
	}
	if len(p.Scenarios) == 0 {
		fmt.Fprintf(w, "No saved scenarios. Save one with: steerco scenario new %s --from SCENARIO.json\n", a.file)
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tCHANGES")
	for _, sc := range app.SavedScenarios(p) {
		fmt.Fprintf(tw, "%s\t%s\t%d\n", sc.ID, sc.Name, len(sc.Changes))
	}
	return tw.Flush()
}

// comparisonJSON is the JSON of "scenario compare --json".
type comparisonJSON struct {
	AsOf      plan.Date        `json:"as_of"`
	Trials    int              `json:"trials"`
	Seed      uint64           `json:"seed"`
	Through   plan.Month       `json:"costed_through"`
	Scenarios []scenarioResult `json:"scenarios"`
}

type scenarioResult struct {
	ID       string         `json:"id"`
	Name     string         `json:"name"`
	Error    string         `json:"error,omitempty"`
	Rows     []deltaJSON    `json:"milestones_and_commitments"`
	Teams    []teamJSON     `json:"team_quarters"`
	Cost     []costYearJSON `json:"cost_by_fiscal_year"`
	CostSum  plan.Money     `json:"cost_total"`
	P85Moved float64        `json:"portfolio_p85_working_days"`
	// Exposure and JCL, plan of record then scenario.
	ExpectedPenalty [2]plan.Money `json:"expected_penalty"`
	P85Penalty      [2]plan.Money `json:"p85_penalty"`
	JCL             [2]float64    `json:"jcl"`
	CostToComplete  [2]plan.Money `json:"cost_to_complete_mean"`
}

type deltaJSON struct {
	Kind    string    `json:"kind"`
	ID      string    `json:"id"`
	Name    string    `json:"name"`
	Target  plan.Date `json:"target"`
	Base    float64   `json:"p_base"`
	Alt     float64   `json:"p_scenario"`
	Points  float64   `json:"points"`
	P50Days float64   `json:"p50_working_days"`
	P85Days float64   `json:"p85_working_days"`
	Dropped bool      `json:"dropped,omitempty"`
}

type teamJSON struct {
	Team    string  `json:"team"`
	Quarter string  `json:"quarter"`
	Base    float64 `json:"p_over_base"`
	Alt     float64 `json:"p_over_scenario"`
	Points  float64 `json:"points"`
}

type costYearJSON struct {
	FiscalYear int        `json:"fiscal_year"`
	Amount     plan.Money `json:"amount"`
}

func scenarioCompare(ctx context.Context, e *env, p *plan.Portfolio, a *scenarioArgs) error {
	if len(p.Scenarios) == 0 && len(a.ids) == 0 {
		return plan.Errorf(plan.ENOTFOUND, "%s has no saved scenarios to compare. Save one with: steerco scenario new %s --from SCENARIO.json", a.file, a.file)
	}
	pr := newForecastProgress(e)
	c, err := app.CompareSaved(ctx, e.forecaster(), p, a.ids, a.req, pr.update)
	pr.end()
	if err != nil {
		return err
	}
	rag := app.Default.RAG
	out := comparisonJSON{AsOf: c.Request.AsOf, Trials: c.Request.Trials, Seed: c.Request.Seed, Through: c.Through}
	for i := range c.Results {
		r := &c.Results[i]
		sr := scenarioResult{ID: r.Scenario.ID, Name: r.Scenario.Name, Rows: []deltaJSON{}, Teams: []teamJSON{}, Cost: []costYearJSON{}}
		if r.Err != nil {
			sr.Error = plan.ErrorMessage(r.Err)
			out.Scenarios = append(out.Scenarios, sr)
			continue
		}
		for _, row := range r.Rows(p, rag) {
			sr.Rows = append(sr.Rows, deltaJSON{Kind: row.Kind, ID: row.ID, Name: row.Name, Target: row.Target, Base: row.Base, Alt: row.Alt,
				Points: row.Points, P50Days: row.P50Days, P85Days: row.P85Days, Dropped: row.OnlyInBase})
		}
		for _, t := range r.TeamRows(p) {
			sr.Teams = append(sr.Teams, teamJSON{Team: t.TeamID, Quarter: t.Quarter, Base: t.Base, Alt: t.Alt, Points: t.Points})
		}
		for _, y := range r.Budget.ByFiscalYear {
			sr.Cost = append(sr.Cost, costYearJSON{FiscalYear: y.FiscalYear, Amount: y.Amount})
		}
		sr.CostSum = r.Budget.Total
		if sr.CostSum.Currency == "" {
			sr.CostSum.Currency = p.Currency
		}
		sr.P85Moved = r.Delta.PortfolioP85Days
		md := r.Money(c.Base)
		sr.ExpectedPenalty = [2]plan.Money{md.ExpectedBase, md.ExpectedAlt}
		sr.P85Penalty = [2]plan.Money{md.P85Base, md.P85Alt}
		sr.JCL = [2]float64{md.JCLBase, md.JCLAlt}
		sr.CostToComplete = [2]plan.Money{md.CostBase, md.CostAlt}
		out.Scenarios = append(out.Scenarios, sr)
	}
	if a.json {
		return writeJSON(e.stdout, out)
	}
	w := e.stdout
	fmt.Fprintf(w, "Compared with the plan of record as of %s (%s trials, seed %d, the same random numbers for every run).\n",
		figure.Date(c.Request.AsOf), count(c.Request.Trials), c.Request.Seed)
	for i := range c.Results {
		r := &c.Results[i]
		sr := out.Scenarios[i]
		fmt.Fprintf(w, "\n%s (%s)\n", r.Scenario.Name, r.Scenario.ID)
		if r.Err != nil {
			fmt.Fprintf(w, "  Does not apply to the plan as it is now: %s\n", sr.Error)
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "KIND\tID\tTARGET\tPLAN\tSCENARIO\tCHANGE\tP50 MOVES\tP85 MOVES")
		still := 0
		for _, row := range r.Rows(p, rag) {
			if row.Kind == "commitment" && !row.OnlyInBase && row.Points == 0 && figure.Rounded(row.P50Days, 1) == 0 && figure.Rounded(row.P85Days, 1) == 0 {
				still++ // --json lists every one
				continue
			}
			alt, ch := pct(row.Alt), figure.Points(row.Points/100)
			if row.OnlyInBase {
				alt, ch = "dropped", ""
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", row.Kind, row.ID, date(row.Target), pct(row.Base), alt, ch,
				figure.Signed(row.P50Days, 1), figure.Signed(row.P85Days, 1))
		}
		tw.Flush()
		if still > 0 {
			fmt.Fprintf(w, "  %d other commitments do not move (--json lists every one).\n", still)
		}
		moved := 0
		for _, t := range r.TeamRows(p) {
			if t.Points != 0 {
				if moved == 0 {
					fmt.Fprintln(w, "  Over-commitment that moves (chance the work due by the quarter's end exceeds the capacity to it):")
				}
				moved++
				fmt.Fprintf(w, "    %s, %s: %s → %s (%s)\n", t.Team, t.Quarter, pct(t.Base), pct(t.Alt), figure.Points(t.Points/100))
			}
		}
		if moved == 0 {
			fmt.Fprintln(w, "  No team quarter's over-commitment moves.")
		}
		md := r.Money(c.Base)
		if !md.ExpectedBase.IsZero() || !md.ExpectedAlt.IsZero() {
			fmt.Fprintf(w, "  Expected penalty and cost of delay: %s → %s (%s); P85 %s → %s (%s).\n",
				figure.MoneyShort(md.ExpectedBase), figure.MoneyShort(md.ExpectedAlt), figure.SignedMoneyShort(md.Expected()),
				figure.MoneyShort(md.P85Base), figure.MoneyShort(md.P85Alt), figure.SignedMoneyShort(md.P85()))
		}
		if md.JCLBase >= 0 && md.JCLAlt >= 0 {
			fmt.Fprintf(w, "  Joint cost–schedule confidence (by the programme's date within its budget): %s → %s (%s).\n",
				pct(md.JCLBase), pct(md.JCLAlt), figure.Points(figure.PointsBetween(md.JCLBase, md.JCLAlt)/100))
		}
		if len(r.Budget.ByFiscalYear) == 0 {
			fmt.Fprintln(w, "  Costs nothing the plan does not already pay for.")
		} else {
			var parts []string
			for _, y := range r.Budget.ByFiscalYear {
				parts = append(parts, fmt.Sprintf("FY%d %s", y.FiscalYear, figure.SignedMoney(y.Amount)))
			}
			fmt.Fprintf(w, "  Cost through %s: %s (total %s).\n", c.Through.Label(), strings.Join(parts, ", "), figure.SignedMoney(r.Budget.Total))
		}
	}
	fmt.Fprintln(w, "\nCHANGE: points of probability of meeting the date (positive is better); P50/P85 MOVES: working days (negative is earlier).")
	return nil
}
