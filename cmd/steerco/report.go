package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	briefing "steerco/internal/report"
	"steerco/internal/sqlite"
	"steerco/reports"
)

func init() {
	register(verb{name: "report",
		usage:   "report FILE.steerco|--demo [--template NAME|PATH] [--pdf OUT.pdf] [--xlsx OUT.xlsx] [--trials N] [--seed S] [--as-of DATE]",
		summary: "Write the board pack (or another report template) as PDF and Excel from a fresh forecast.",
		run:     runReport})
}

type reportArgs struct {
	file     string
	demo     bool
	template string
	pdfOut   string
	xlsxOut  string
	asOf     string
	opts     outlook.Options
}

func parseReportArgs(e *env, args []string) (*reportArgs, error) {
	fs := newFlagSet(e, "report")
	a := &reportArgs{}
	fs.BoolVar(&a.demo, "demo", false, "report on the built-in demo portfolio instead of a file")
	fs.StringVar(&a.template, "template", reports.Default, "report template: "+strings.Join(reports.Names(), ", ")+", or the path of a template file")
	fs.StringVar(&a.pdfOut, "pdf", "", "write the PDF to this `file`")
	fs.StringVar(&a.xlsxOut, "xlsx", "", "write the Excel workbook to this `file`")
	fs.IntVar(&a.opts.Trials, "trials", outlook.DefaultTrials, "number of Monte Carlo trials")
	fs.Uint64Var(&a.opts.Seed, "seed", outlook.DefaultSeed, "random seed: the same seed gives the same report")
	fs.StringVar(&a.asOf, "as-of", "", "report and forecast as of this date, YYYY-MM-DD (default: today, or the planning start if later)")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprintln(e.stderr, "With neither --pdf nor --xlsx, both are written to the current folder as NAME-TEMPLATE-DATE.pdf and .xlsx.")
	}
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return nil, err
	}
	switch {
	case a.demo && len(pos) > 0:
		return nil, usageError("give a portfolio file or --demo, not both")
	case !a.demo && len(pos) == 0:
		return nil, usageError("which portfolio? Give the path of a .steerco file, or --demo")
	case len(pos) > 1:
		return nil, usageError("one portfolio file at a time, not %d (%s)", len(pos), strings.Join(pos, ", "))
	case a.opts.Trials < 1:
		return nil, usageError("--trials must be at least 1, not %d", a.opts.Trials)
	}
	if len(pos) == 1 {
		a.file = pos[0]
	}
	if a.asOf != "" {
		d, err := plan.ParseDate(a.asOf)
		if err != nil {
			return nil, usageError("--as-of %q is not a date; write it as YYYY-MM-DD", a.asOf)
		}
		a.opts.AsOf = d
	}
	for _, out := range []struct{ flag, path, ext string }{{"--pdf", a.pdfOut, ".pdf"}, {"--xlsx", a.xlsxOut, ".xlsx"}} {
		if out.path != "" && strings.EqualFold(filepath.Ext(out.path), sqlite.Extension) {
			return nil, usageError("%s %s looks like a portfolio file, which it would overwrite; give a %s file", out.flag, out.path, out.ext)
		}
	}
	if a.pdfOut != "" && a.pdfOut == a.xlsxOut {
		return nil, usageError("--pdf and --xlsx name the same file %s", a.pdfOut)
	}
	a.opts.RiskImpacts = true
	return a, nil
}

func runReport(ctx context.Context, e *env, args []string) error {
	a, err := parseReportArgs(e, args)
	if err != nil {
		return err
	}
	// The template first: a typo should not cost a simulation.
	tmpl, err := briefing.LoadTemplate(a.template)
	if err != nil {
		return err
	}
	today := plan.DateOf(e.now())
	var p *plan.Portfolio
	if a.demo {
		p, err = demo.Portfolio(today)
	} else {
		var db *sqlite.DB
		db, err = sqlite.Open(ctx, a.file)
		if err != nil {
			return err
		}
		p, err = db.Portfolio(ctx)
		db.Close()
	}
	if err != nil {
		return err
	}
	if a.opts.AsOf.IsZero() {
		a.opts.AsOf = today
		if p.PlanningStart > a.opts.AsOf {
			a.opts.AsOf = p.PlanningStart
		}
	}
	pdfOut, xlsxOut := a.pdfOut, a.xlsxOut
	if pdfOut == "" && xlsxOut == "" {
		base := app.ReportName(p.Name, tmpl.Name, a.opts.AsOf)
		pdfOut, xlsxOut = base+".pdf", base+".xlsx"
	}
	// Check the folders before a long simulation.
	if err := app.CheckFolders(pdfOut, xlsxOut); err != nil {
		return err
	}
	pr := newForecastProgress(e)
	a.opts.Progress = pr.update
	f, err := outlook.Run(ctx, p, a.opts)
	pr.end()
	if err != nil {
		return err
	}
	written, err := app.Export(ctx, p, f, *tmpl, a.opts.AsOf, pdfOut, xlsxOut)
	for _, w := range written {
		fmt.Fprintf(e.stdout, "wrote %s\n", w)
	}
	return err
}
