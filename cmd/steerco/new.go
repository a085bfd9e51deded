package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "new", usage: "new FILE.steerco --name NAME --currency CODE [--fiscal-year-start M] [--planning-start DATE] [--force]",
		summary: "Create an empty portfolio file (no teams or items yet) to fill in the window or by importing.", run: runNew})
}

func runNew(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "new")
	name := fs.String("name", "", "the portfolio's `name`, e.g. \"Platform 2027\" (required)")
	currency := fs.String("currency", "", "the ISO 4217 `code` every amount is in, e.g. USD, EUR, GBP (required)")
	fiscal := fs.String("fiscal-year-start", "1", "the `month` the fiscal year starts in: 1–12 or its name (April, Apr)")
	start := fs.String("planning-start", "", "the `date` the plan starts from, YYYY-MM-DD (default: the Monday of this week)")
	force := fs.Bool("force", false, "replace FILE if it already exists")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	path, err := oneFile(pos, "", "Give the new portfolio's file, e.g. plan.steerco")
	if err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(*name) == "":
		return usageError("give the portfolio a name with --name")
	case strings.TrimSpace(*currency) == "":
		return usageError("give the currency with --currency (an ISO code such as USD, EUR or GBP)")
	}
	month, err := parseMonth(*fiscal)
	if err != nil {
		return usageError("--fiscal-year-start %s: %v", *fiscal, err)
	}
	var from plan.Date
	if *start != "" {
		if from, err = plan.ParseDate(*start); err != nil {
			return usageError("--planning-start %s: %v", *start, err)
		}
	}
	if filepath.Ext(path) == "" {
		path += app.Extension
	}
	if dir := filepath.Dir(path); dir != "." {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return fmt.Errorf("the folder %s does not exist; nothing was written. Create it, or give another path", dir)
		}
	}
	p := app.NewPortfolio(strings.TrimSpace(*name), strings.ToUpper(strings.TrimSpace(*currency)), month, from, plan.DateOf(e.now()))
	if err := p.Validate(); err != nil {
		return fmt.Errorf("%w; nothing was written", err)
	}
	if err := writeNew(ctx, path, p, *force, "Choose another name, or add --force to replace it"); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Created %s: %q, an empty portfolio in %s, fiscal year from %s, planning from %s.\nOpen it with: steerco %s\n",
		path, p.Name, p.Currency, p.FiscalYearStart, figure.Date(p.PlanningStart), path)
	return nil
}

// parseMonth reads a month as a number (1–12) or an English name or its
// first three letters.
func parseMonth(s string) (time.Month, error) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n < 1 || n > 12 {
			return 0, fmt.Errorf("a month is 1 to 12")
		}
		return time.Month(n), nil
	}
	for m := time.January; m <= time.December; m++ {
		if strings.EqualFold(s, m.String()) || strings.EqualFold(s, m.String()[:3]) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("not a month: give 1–12 or a name such as April")
}
