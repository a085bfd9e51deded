package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/plan"
	briefing "steerco/internal/report"
	"steerco/reports"
)

func init() {
	register(verb{name: "report",
		usage:   "report FILE.steerco|--demo [--template NAME|PATH] [--pdf OUT.pdf] [--xlsx OUT.xlsx] [--pptx OUT.pptx] [--charts DIR] [--trials N] [--seed S] [--as-of DATE]",
		summary: "Write the board pack (or another report template) as PDF and Excel from a fresh forecast.",
		run:     runReport})
}

type reportArgs struct {
	file     string
	demo     bool
	template string
	pdfOut   string
	xlsxOut  string
	pptxOut  string
	charts   string
	req      app.Request
}

func parseReportArgs(e *env, args []string) (*reportArgs, error) {
	fs := newFlagSet(e, "report")
	a := &reportArgs{}
	fs.BoolVar(&a.demo, "demo", false, "report on the built-in demo portfolio instead of a file")
	fs.StringVar(&a.template, "template", reports.Default, "report template: "+strings.Join(reports.Names(), ", ")+", or the path of a template file")
	fs.StringVar(&a.pdfOut, "pdf", "", "write the PDF to this `file`")
	fs.StringVar(&a.xlsxOut, "xlsx", "", "write the Excel workbook to this `file`")
	fs.StringVar(&a.pptxOut, "pptx", "", "write the slides as PowerPoint to this `file` (16:9; the board-deck template is made for it)")
	fs.StringVar(&a.charts, "charts", "", "write every chart on its own as PNG and SVG into this `folder`")
	rf := addRequestFlags(fs, false, "report and forecast")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprintln(e.stderr, "With none of --pdf, --xlsx, --pptx and --charts, the PDF and the workbook are written to the current folder as NAME-TEMPLATE-DATE.pdf and .xlsx.")
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
	}
	if len(pos) == 1 {
		a.file = pos[0]
	}
	if a.req, err = rf.request(); err != nil {
		return nil, err
	}
	for _, out := range []struct{ flag, path, ext string }{{"--pdf", a.pdfOut, ".pdf"}, {"--xlsx", a.xlsxOut, ".xlsx"}, {"--pptx", a.pptxOut, ".pptx"}} {
		if out.path != "" && strings.EqualFold(filepath.Ext(out.path), app.Extension) {
			return nil, usageError("%s %s looks like a portfolio file, which it would overwrite; give a %s file", out.flag, out.path, out.ext)
		}
	}
	if a.pdfOut != "" && a.pdfOut == a.xlsxOut {
		return nil, usageError("--pdf and --xlsx name the same file %s", a.pdfOut)
	}
	if a.pptxOut != "" && (a.pptxOut == a.pdfOut || a.pptxOut == a.xlsxOut) {
		return nil, usageError("--pptx names the same file as another output: %s", a.pptxOut)
	}
	a.req.RiskImpacts = true
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
		p, err = app.Read(ctx, a.file)
	}
	if err != nil {
		return err
	}
	fc := e.forecaster()
	rr, err := fc.Resolve(p, a.req)
	if err != nil {
		return err
	}
	pdfOut, xlsxOut := a.pdfOut, a.xlsxOut
	if pdfOut == "" && xlsxOut == "" && a.pptxOut == "" && a.charts == "" {
		base := app.ReportName(p.Name, tmpl.Name, rr.AsOf)
		pdfOut, xlsxOut = base+".pdf", base+".xlsx"
	}
	// Check the folders before a long simulation.
	if err := app.CheckFolders(pdfOut, xlsxOut, a.pptxOut, filepath.Join(a.charts, "x")); err != nil {
		return err
	}
	f, _, err := runForecastFor(ctx, e, p, rr)
	if err != nil {
		return err
	}
	written, err := app.ExportTo(ctx, p, f, *tmpl, rr.AsOf, app.Outputs{PDF: pdfOut, XLSX: xlsxOut, PPTX: a.pptxOut, Charts: a.charts})
	for _, w := range written {
		fmt.Fprintf(e.stdout, "wrote %s\n", w)
	}
	if err != nil && len(written) > 0 {
		// Some outputs were written before the failure: say which, so the
		// "nothing was written" of a plain failure is never wrong.
		what := "failed"
		code := exitFailure
		if errors.Is(err, context.Canceled) {
			what, code = "was cancelled", exitCancelled
		} else {
			fmt.Fprintf(e.stderr, "steerco report: %s\n", err)
		}
		fmt.Fprintf(e.stderr, "steerco report: %s after writing %s; the other outputs were not written (each file is whole).\n", what, strings.Join(written, ", "))
		return &errExit{code: code}
	}
	return err
}
