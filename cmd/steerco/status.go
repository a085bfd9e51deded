package main

import (
	"context"
	"fmt"
	"strings"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "status",
		usage:   "status FILE.steerco ITEM --set not_started|in_progress|done|cancelled [--on YYYY-MM-DD]",
		summary: "Change an item's status in one audited, undoable edit; the actual start or finish date is recorded as today (or --on), as in the window.",
		run:     runStatus})
}

func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "status")
	set := fs.String("set", "", "the new status: not_started, in_progress, done or cancelled")
	on := fs.String("on", "", "the date the item started or finished, YYYY-MM-DD (default today)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError("give the portfolio file and the item's id, e.g. steerco status demo.steerco api-coverage --set done")
	}
	statuses := []string{plan.NotStarted, plan.InProgress, plan.Done, plan.Cancelled}
	status := strings.TrimSpace(*set)
	if !containsString(statuses, status) {
		return usageError("--set must be one of %s, not %q", strings.Join(statuses, ", "), *set)
	}
	today := plan.DateOf(e.now())
	day := today
	if *on != "" {
		if day, err = plan.ParseDate(*on); err != nil {
			return usageError("--on: %s", plan.ErrorMessage(err))
		}
		if day > today {
			return usageError("--on %s is after today (%s): an actual date is one that has happened", figure.Date(day), figure.Date(today))
		}
	}
	s, err := app.OpenFile(ctx, pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	id := pos[1]
	if s.Portfolio().Item(id) == nil {
		return plan.Errorf(plan.ENOTFOUND, "%s has no item %q; `steerco export %s` lists the items.", pos[0], id, pos[0])
	}
	err = s.Edit(ctx, fmt.Sprintf("set status of %s to %s", id, strings.ReplaceAll(status, "_", " ")), func(p *plan.Portfolio) error {
		p.Item(id).SetStatus(status, day)
		return nil
	})
	if err != nil {
		return err
	}
	it := s.Portfolio().Item(id)
	msg := fmt.Sprintf("%s is %s", id, strings.ReplaceAll(it.Status, "_", " "))
	switch {
	case !it.FinishedOn.IsZero():
		msg += ", finished on " + figure.Date(it.FinishedOn)
	case !it.StartedOn.IsZero():
		msg += ", started on " + figure.Date(it.StartedOn)
	}
	fmt.Fprintln(e.stdout, msg+".")
	return nil
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
