package app

// Export writes a briefing to disk as PDF and Excel: it builds the briefing
// from a portfolio and its forecast, renders each format and writes every
// file atomically (a temporary file renamed into place), so a failed export
// never leaves a half-written report. The steerco report verb and the
// Reports screen both export through it.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"steerco/internal/atomicfile"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/recommend"
	"steerco/internal/report"
	"steerco/internal/report/chart"
	"steerco/internal/report/pdf"
	"steerco/internal/report/pptx"
	"steerco/internal/report/xlsx"
)

// ReportName derives an output name, without extension, from the portfolio,
// the template and the date: "fhir-migration-board-pack-2026-11-21".
func ReportName(portfolio, template string, d plan.Date) string {
	name := plan.NewID(portfolio, nil)
	if name == "x" {
		name = "portfolio"
	}
	return name + "-" + plan.NewID(template, nil) + "-" + d.String()
}

// CheckFolders returns an error naming the first output whose folder does not
// exist (paths that are "" are not written and not checked).
func CheckFolders(paths ...string) error {
	for _, out := range paths {
		if out == "" {
			continue
		}
		dir := filepath.Dir(out)
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return plan.Errorf(plan.EINVALID, "The folder %s does not exist; nothing was written. Create it, or choose another folder.", dir)
		}
	}
	return nil
}

// Export builds the briefing of p and f with template t as of asOf (zero
// means the forecast's date) and writes it to pdfPath and xlsxPath; an empty
// path skips that format. It returns the paths written. Each file is
// rendered completely in memory and then written atomically; on an error the
// file being written is left as it was (absent, or the previous report), and
// no temporary file remains. ctx is checked between the steps.
func Export(ctx context.Context, p *plan.Portfolio, f *outlook.Forecast, t report.Template, asOf plan.Date, pdfPath, xlsxPath string) ([]string, error) {
	return ExportTo(ctx, p, f, t, asOf, Outputs{PDF: pdfPath, XLSX: xlsxPath})
}

// Outputs names what ExportTo writes; an empty path skips that output.
type Outputs struct {
	PDF, XLSX string
	// PPTX is the PowerPoint of the briefing's slides (report.Slides).
	PPTX string
	// Charts is a folder that receives every chart of the briefing on its
	// own, as NAME.png (300 dpi) and NAME.svg.
	Charts string
}

// ExportTo is Export with every output: PDF, Excel, PowerPoint and the
// charts one by one. It returns the paths written.
func ExportTo(ctx context.Context, p *plan.Portfolio, f *outlook.Forecast, t report.Template, asOf plan.Date, o Outputs) ([]string, error) {
	pdfPath, xlsxPath := o.PDF, o.XLSX
	if pdfPath == "" && xlsxPath == "" && o.PPTX == "" && o.Charts == "" {
		return nil, plan.Errorf(plan.EINVALID, "Choose at least one output: PDF, Excel, PowerPoint or a folder for the charts.")
	}
	seen := map[string]string{}
	for _, out := range []struct{ name, path string }{{"PDF", pdfPath}, {"Excel workbook", xlsxPath}, {"PowerPoint", o.PPTX}} {
		if out.path == "" {
			continue
		}
		if other, ok := seen[out.path]; ok {
			return nil, plan.Errorf(plan.EINVALID, "The %s and the %s cannot both be written to %s.", other, out.name, out.path)
		}
		seen[out.path] = out.name
	}
	if err := CheckFolders(pdfPath, xlsxPath, o.PPTX); err != nil {
		return nil, err
	}
	if o.Charts != "" {
		if fi, err := os.Stat(o.Charts); err != nil || !fi.IsDir() {
			return nil, plan.Errorf(plan.EINVALID, "The charts folder %s does not exist; nothing was written. Create it, or choose another folder.", o.Charts)
		}
	}
	b, err := Briefing(ctx, p, f, t, asOf)
	if err != nil {
		return nil, err
	}
	var written []string
	for _, out := range []struct {
		path   string
		render func(context.Context, io.Writer, *report.Briefing) error
	}{{pdfPath, pdf.RenderContext}, {xlsxPath, xlsx.RenderContext}, {o.PPTX, pptx.RenderContext}} {
		if out.path == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return written, err
		}
		if err := writeRendered(out.path, func(w io.Writer) error { return out.render(ctx, w, b) }); err != nil {
			return written, err
		}
		written = append(written, out.path)
	}
	if o.Charts != "" {
		ws, err := writeCharts(ctx, o.Charts, b)
		written = append(written, ws...)
		if err != nil {
			return written, err
		}
	}
	return written, nil
}

// Briefing builds the briefing that ExportTo renders: p and f with template
// t as of asOf (zero means the forecast's date), its decisions page
// proposing only options measured by a forecast with the change applied
// (recommend.Propose) and its decision sheet weighing the saved scenarios,
// both on the same random numbers as f. Errors: the context's, a measuring
// run's, or report.Build's.
func Briefing(ctx context.Context, p *plan.Portfolio, f *outlook.Forecast, t report.Template, asOf plan.Date) (*report.Briefing, error) {
	options, err := recommend.Propose(ctx, p, f, outlook.Options{Trials: f.Trials, Seed: f.Seed, Sampling: f.Sampling,
		Distribution: f.Distribution, AsOf: f.AsOf}, Default.Recommend(p, t.RAG))
	if err != nil {
		return nil, err
	}
	saved, err := savedOptions(ctx, p, f)
	if err != nil {
		return nil, err
	}
	return report.Build(p, f, t, asOf, report.WithContext(ctx), report.WithOptions(options), report.WithSavedOptions(saved))
}

// savedOptions measures every saved scenario of p for the decision sheet:
// each compared with the plan of record on the same request as f (same
// trials, seed, sampling, distribution and as-of date: common random
// numbers), with its cost by fiscal year, what its headcount costs a year
// afterwards and the change of the expected penalty. Scenarios that no
// longer apply are left out. None when p has no saved scenario.
func savedOptions(ctx context.Context, p *plan.Portfolio, f *outlook.Forecast) ([]report.SavedOption, error) {
	if len(p.Scenarios) == 0 {
		return nil, nil
	}
	fc := NewForecaster(Default, func() plan.Date { return f.AsOf })
	r := Request{Trials: f.Trials, Seed: f.Seed, Sampling: f.Sampling, Distribution: f.Distribution, AsOf: f.AsOf}
	c, err := CompareSaved(ctx, fc, p, nil, r, nil)
	if err != nil {
		return nil, err
	}
	var out []report.SavedOption
	for i := range c.Results {
		res := &c.Results[i]
		if res.Err != nil || res.Forecast == nil {
			continue
		}
		so := report.SavedOption{Name: res.Scenario.Name, Description: res.Scenario.Description, Forecast: res.Forecast,
			PerYear: plan.Money{Currency: p.Currency}}
		for _, y := range res.Budget.ByFiscalYear {
			so.Years = append(so.Years, report.YearCost{FiscalYear: y.FiscalYear, Amount: y.Amount})
		}
		for _, cost := range res.Budget.Costs {
			if cost.TeamID != "" {
				so.PerYear = so.PerYear.Add(cost.PerMonth.MulFrac(12, 1))
			}
		}
		if c.Base.Exposure != nil && res.Forecast.Exposure != nil {
			so.Expected, so.HasExpected = res.Money(c.Base).Expected(), true
		}
		out = append(out, so)
	}
	return out, nil
}

// Chart files are drawn for a 10 × 5 in area (the PNG at 300 dpi).
const chartWmm, chartHmm = 254, 127

// writeCharts writes every chart of b into dir as NAME.png and NAME.svg.
func writeCharts(ctx context.Context, dir string, b *report.Briefing) ([]string, error) {
	var written []string
	names := map[string]int{}
	for _, s := range b.Sections {
		for _, bl := range s.Blocks {
			c := bl.Chart
			if c == nil {
				continue
			}
			if err := ctx.Err(); err != nil {
				return written, err
			}
			name := plan.NewID(c.Name, nil)
			if c.Name == "" || name == "x" {
				name = plan.NewID(s.Kind+" chart", nil)
			}
			if names[name]++; names[name] > 1 {
				name = fmt.Sprintf("%s-%d", name, names[name])
			}
			pngBytes, err := chart.Image(c, chartWmm, chartHmm, 300)
			if err != nil {
				return written, fmt.Errorf("chart %s: %w", c.Name, err)
			}
			svgBytes, err := chart.SVG(c, chartWmm, chartHmm)
			if err != nil {
				return written, fmt.Errorf("chart %s: %w", c.Name, err)
			}
			for _, fb := range []struct {
				ext  string
				data []byte
			}{{".png", pngBytes}, {".svg", svgBytes}} {
				path := filepath.Join(dir, name+fb.ext)
				if err := writeRendered(path, func(w io.Writer) error { _, err := w.Write(fb.data); return err }); err != nil {
					return written, err
				}
				written = append(written, path)
			}
		}
	}
	return written, nil
}

// writeRendered renders into memory first, so a renderer's failure touches no file,
// then writes the bytes through atomicfile.
func writeRendered(path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return fmt.Errorf("nothing was written to %s: %w", path, err)
	}
	if err := atomicfile.Write(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
		return fmt.Errorf("cannot write %s (the previous file, if any, is unchanged): %w", path, err)
	}
	return nil
}
