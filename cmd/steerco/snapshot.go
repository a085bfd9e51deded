package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
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
	req    app.Request
}

func parseSnapshotArgs(e *env, args []string) (*snapshotArgs, error) {
	fs := newFlagSet(e, "snapshot")
	a := &snapshotArgs{}
	named := false
	fs.Func("name", "take a snapshot with this `name`, e.g. \"Board, March\"", func(s string) error { a.name, named = s, true; return nil })
	fs.BoolVar(&a.list, "list", false, "list the snapshots in the file")
	fs.StringVar(&a.delete, "delete", "", "delete the snapshot with this `id`")
	rf := addRequestFlags(fs, false, "forecast (and date the snapshot)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	if a.file, err = oneFile(pos, "portfolio", "Give the path of a .steerco file"); err != nil {
		return nil, err
	}
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
	if a.req, err = rf.request(); err != nil {
		return nil, err
	}
	return a, nil
}

func runSnapshot(ctx context.Context, e *env, args []string) error {
	a, err := parseSnapshotArgs(e, args)
	if err != nil {
		return err
	}
	s, err := app.OpenFile(ctx, a.file)
	if err != nil {
		return err
	}
	defer s.Close()
	p := s.Portfolio()
	switch {
	case a.list:
		printSnapshots(e.stdout, p, a.file)
		return nil
	case a.delete != "":
		name, err := app.DeleteSnapshot(ctx, s, p, a.delete, func(p *plan.Portfolio) error { return unknownSnapshot(p, a.delete, a.file) })
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Deleted snapshot %q (%s).\n", name, a.delete)
		return nil
	}

	// Take a snapshot: the forecast as of the date the report would use.
	f, _, err := runForecastFor(ctx, e, p, a.req)
	if err != nil {
		return err
	}
	snap, err := app.TakeSnapshot(ctx, s, f, a.name)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Took snapshot %q (id %s) as of %s: %s and %s, %s trials, seed %d.\n",
		snap.Name, snap.ID, figure.Date(snap.TakenOn), snapshotCount(len(f.Items), "item"), snapshotCount(len(f.Milestones), "milestone"),
		count(snap.Trials), snap.Seed)
	return nil
}

// unknownSnapshot is the error for a snapshot id the file does not have; it lists the ids it has.
func unknownSnapshot(p *plan.Portfolio, id, file string) error {
	if len(p.Snapshots) == 0 {
		return plan.Errorf(plan.ENOTFOUND, "%s has no snapshots, so none with id %q. Take one with: steerco snapshot %s --name \"Board, March\"", file, id, file)
	}
	ids := make([]string, 0, len(p.Snapshots))
	for _, s := range app.Snapshots(p) {
		ids = append(ids, s.ID)
	}
	return plan.Errorf(plan.ENOTFOUND, "%s has no snapshot with id %q. Its snapshots are: %s (steerco snapshot %s --list shows their names and dates).",
		file, id, strings.Join(ids, ", "), file)
}

func printSnapshots(w io.Writer, p *plan.Portfolio, file string) {
	if len(p.Snapshots) == 0 {
		fmt.Fprintf(w, "No snapshots yet. Take one with: steerco snapshot %s --name \"Board, March\"\n", file)
		return
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tTAKEN ON\tTRIALS\tSEED")
	for _, s := range app.Snapshots(p) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", s.ID, s.Name, figure.Date(s.TakenOn), count(s.Trials), s.Seed)
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
	fmt.Fprintf(w, "\nSince the snapshot %q (%s, taken %s: %s trials, seed %d)\n", s.Name, s.ID, figure.Date(s.TakenOn), count(s.Trials), s.Seed)
	if s.TakenOn != f.AsOf {
		fmt.Fprintf(w, "(The snapshot is as of %s and this forecast as of %s: dates also move because work cannot start before the as-of date. Pass --as-of %s to compare like with like.)\n", figure.Date(s.TakenOn), figure.Date(f.AsOf), s.TakenOn)
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
		then, now, mv, ch := date(m.P85Then), date(m.P85Now), "", ""
		switch {
		case m.New:
			mv = "new"
		case m.Closed:
			mv = "closed"
			now = snapshotClosed(p, m)
		case m.P85WorkingDays == 0:
			mv = "same"
		default:
			mv = figure.Signed(float64(m.P85WorkingDays), 0)
		}
		if pts, ok := m.Points(); ok {
			n := figure.Signed(pts, 0)
			ch = n + forecastPlural(strings.TrimLeft(n, "+"+figure.Minus), " point", " points")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.Kind, m.ID, then, now, mv, pct(m.PThen), pct(m.PNow), ch)
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
