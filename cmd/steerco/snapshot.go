package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"

	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

func init() {
	register(verb{name: "snapshot",
		usage:   "snapshot FILE.steerco --name NAME [--trials N] [--seed S] [--as-of YYYY-MM-DD] | --list | --delete ID",
		summary: "Freeze today's forecast under a name (\"Board, March\") so later forecasts and reports show what moved; list or delete snapshots.",
		run:     runSnapshot})
}

type snapshotArgs struct {
	file   string
	name   string
	list   bool
	delete string
	opts   outlook.Options
	asOf   plan.Date
}

func parseSnapshotArgs(e *env, args []string) (*snapshotArgs, error) {
	fs := newFlagSet(e, "snapshot")
	a := &snapshotArgs{}
	var asOf string
	named := false
	fs.Func("name", "take a snapshot with this `name`, e.g. \"Board, March\"", func(s string) error { a.name, named = s, true; return nil })
	fs.BoolVar(&a.list, "list", false, "list the snapshots in the file")
	fs.StringVar(&a.delete, "delete", "", "delete the snapshot with this `id`")
	fs.IntVar(&a.opts.Trials, "trials", outlook.DefaultTrials, "number of Monte Carlo trials")
	fs.Uint64Var(&a.opts.Seed, "seed", outlook.DefaultSeed, "random seed: the same seed gives the same forecast")
	fs.StringVar(&asOf, "as-of", "", "forecast as of this date, YYYY-MM-DD, which is also the snapshot's date (default: today, or the planning start if later)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case len(pos) == 0:
		return nil, usageError("which portfolio? Give the path of a .steerco file")
	case len(pos) > 1:
		return nil, usageError("one portfolio file at a time, not %d (%s)", len(pos), strings.Join(pos, ", "))
	}
	a.file = pos[0]
	modes := 0
	for _, on := range []bool{named, a.list, a.delete != ""} {
		if on {
			modes++
		}
	}
	if modes != 1 {
		return nil, usageError("give exactly one of --name NAME (take a snapshot), --list or --delete ID")
	}
	if named {
		if a.name, err = plan.CheckSnapshotName(a.name); err != nil {
			return nil, usageError("--name: %s", plan.ErrorMessage(err))
		}
	}
	if a.opts.Trials < 1 {
		return nil, usageError("--trials must be at least 1, not %d", a.opts.Trials)
	}
	if asOf != "" {
		if a.asOf, err = plan.ParseDate(asOf); err != nil {
			return nil, usageError("--as-of %q is not a date; write it as YYYY-MM-DD", asOf)
		}
	}
	return a, nil
}

func runSnapshot(ctx context.Context, e *env, args []string) error {
	a, err := parseSnapshotArgs(e, args)
	if err != nil {
		return err
	}
	db, err := sqlite.Open(ctx, a.file)
	if err != nil {
		return err
	}
	defer db.Close()
	p, err := db.Portfolio(ctx)
	if err != nil {
		return err
	}
	switch {
	case a.list:
		printSnapshots(e.stdout, p, a.file)
		return nil
	case a.delete != "":
		s := p.Snapshot(a.delete)
		if s == nil {
			return unknownSnapshot(p, a.delete, a.file)
		}
		name := s.Name
		if err := db.Update(ctx, "delete snapshot "+name, func(p *plan.Portfolio) error {
			if !p.DeleteSnapshot(a.delete) {
				return unknownSnapshot(p, a.delete, a.file)
			}
			return nil
		}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Deleted snapshot %q (%s).\n", name, a.delete)
		return nil
	}

	// Take a snapshot: the forecast as of the date the report would use.
	a.opts.AsOf = a.asOf
	if a.opts.AsOf.IsZero() {
		a.opts.AsOf = max(plan.DateOf(e.now()), p.PlanningStart)
	}
	pr := newForecastProgress(e)
	a.opts.Progress = pr.update
	f, err := outlook.Run(ctx, p, a.opts)
	pr.end()
	if err != nil {
		return err
	}
	var snap plan.Snapshot
	if err := db.Update(ctx, "take snapshot "+a.name, func(p *plan.Portfolio) error {
		snap = outlook.Freeze(f, p.NewSnapshotID(a.name), a.name, a.opts.AsOf)
		p.Snapshots = append(p.Snapshots, snap)
		return nil
	}); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Took snapshot %q (id %s) as of %s: %s and %s, %s trials, seed %d.\n",
		snap.Name, snap.ID, snap.TakenOn, snapshotCount(len(f.Items), "item"), snapshotCount(len(f.Milestones), "milestone"),
		forecastThousands(snap.Trials), snap.Seed)
	return nil
}

// unknownSnapshot is the error for a snapshot id the file does not have; it lists the ids it has.
func unknownSnapshot(p *plan.Portfolio, id, file string) error {
	if len(p.Snapshots) == 0 {
		return plan.Errorf(plan.ENOTFOUND, "%s has no snapshots, so none with id %q. Take one with: steerco snapshot %s --name \"Board, March\"", file, id, file)
	}
	ids := make([]string, 0, len(p.Snapshots))
	for _, s := range sortedSnapshots(p) {
		ids = append(ids, s.ID)
	}
	return plan.Errorf(plan.ENOTFOUND, "%s has no snapshot with id %q. Its snapshots are: %s (steerco snapshot %s --list shows their names and dates).",
		file, id, strings.Join(ids, ", "), file)
}

// sortedSnapshots returns the portfolio's snapshots oldest first (then by id).
func sortedSnapshots(p *plan.Portfolio) []*plan.Snapshot {
	out := make([]*plan.Snapshot, 0, len(p.Snapshots))
	for i := range p.Snapshots {
		out = append(out, &p.Snapshots[i])
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].TakenOn != out[j].TakenOn {
			return out[i].TakenOn < out[j].TakenOn
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func printSnapshots(w io.Writer, p *plan.Portfolio, file string) {
	if len(p.Snapshots) == 0 {
		fmt.Fprintf(w, "No snapshots yet. Take one with: steerco snapshot %s --name \"Board, March\"\n", file)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTAKEN ON\tTRIALS\tSEED")
	for _, s := range sortedSnapshots(p) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", s.ID, s.Name, s.TakenOn, forecastThousands(s.Trials), s.Seed)
	}
	tw.Flush()
}

// sinceSnapshot finds the snapshot "forecast --since" compares with.
func sinceSnapshot(p *plan.Portfolio, id, file string) (*plan.Snapshot, error) {
	if s := p.Snapshot(id); s != nil {
		return s, nil
	}
	return nil, unknownSnapshot(p, id, file)
}

// forecastSince is the JSON of "forecast --json --since": the forecast's
// own fields, plus what moved.
type forecastSince struct {
	*outlook.Forecast
	Since sinceJSON `json:"since"`
}

type sinceJSON struct {
	Snapshot string         `json:"snapshot"`
	Name     string         `json:"name"`
	TakenOn  plan.Date      `json:"taken_on"`
	Moves    []outlook.Move `json:"moves"` // every item and milestone, moved or not
}

func newForecastSince(p *plan.Portfolio, f *outlook.Forecast, s *plan.Snapshot) forecastSince {
	return forecastSince{Forecast: f, Since: sinceJSON{Snapshot: s.ID, Name: s.Name, TakenOn: s.TakenOn, Moves: outlook.Moves(p, f, *s)}}
}

// printMoves writes what moved since snapshot s: the entries that moved, P85
// in working days of the portfolio's calendar.
func printMoves(w io.Writer, p *plan.Portfolio, f *outlook.Forecast, s *plan.Snapshot) {
	fmt.Fprintf(w, "\nSince the snapshot %q (%s, taken %s: %s trials, seed %d)\n", s.Name, s.ID, s.TakenOn, forecastThousands(s.Trials), s.Seed)
	if s.TakenOn != f.AsOf {
		fmt.Fprintf(w, "(The snapshot is as of %s and this forecast as of %s: dates also move because work cannot start before the as-of date. Pass --as-of %s to compare like with like.)\n", s.TakenOn, f.AsOf, s.TakenOn)
	}
	var moved []outlook.Move
	for _, m := range outlook.Moves(p, f, *s) {
		if m.Moved() {
			moved = append(moved, m)
		}
	}
	if len(moved) == 0 {
		fmt.Fprintln(w, "Nothing moved: every P85 date and probability is where it was.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tID\tP85 THEN\tP85 NOW\tMOVED\tP(TARGET) THEN\tNOW\tCHANGE")
	for _, m := range moved {
		then, now, mv, ch := forecastDateOr(m.P85Then, "—"), forecastDateOr(m.P85Now, "—"), "", ""
		switch {
		case m.New:
			mv = "new"
		case m.Closed:
			mv = "closed"
			now = snapshotClosed(p, m)
		case m.P85WorkingDays == 0:
			mv = "same"
		default:
			mv = fmt.Sprintf("%+d", m.P85WorkingDays)
		}
		if pts, ok := m.Points(); ok {
			n := fmt.Sprintf("%+.0f", pts)
			ch = n + forecastPlural(strings.TrimLeft(n, "+-"), " point", " points")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Kind, m.ID, then, now, mv, forecastPct(m.PThen), forecastPct(m.PNow), ch)
	}
	tw.Flush()
	fmt.Fprintln(w, "MOVED: working days the P85 date moved (positive is later); CHANGE: points of probability of meeting the target (positive is better).")
}

// snapshotClosed says why an item in the snapshot has no forecast now.
func snapshotClosed(p *plan.Portfolio, m outlook.Move) string {
	if m.Kind != plan.SnapshotItem {
		return "deleted"
	}
	it := p.Item(m.ID)
	switch {
	case it == nil:
		return "deleted"
	case it.Status == plan.Done:
		return "done"
	case it.Status == plan.Cancelled:
		return "cancelled"
	}
	return "—"
}

func snapshotCount(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
