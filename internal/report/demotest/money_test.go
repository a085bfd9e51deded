package demotest

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/xlsx"
)

// The demo's board pack carries the exposure and the JCL: the summary's
// "every week late" sentence, the milestones' expected penalty, the
// exposure, JCL and frontier tables, the scatter chart (drawn in the PDF, a
// native scatter chart in the workbook) and the note that the frontier is
// not a menu of trades — read back from the PDF with pdftotext and from the
// workbook with excelize, with the figures of the forecast.
func TestDemoBoardPackMoney(t *testing.T) {
	p, f := forecast(t, 2000)
	b := briefing(t, p, f, "board-pack")
	ex, j := f.Exposure, f.JCL
	if len(ex.Milestones) != 1 || ex.Milestones[0].ID != "m-cms" || len(j.Scatter) == 0 || len(j.Frontier) == 0 {
		t.Fatalf("demo exposure %+v, JCL frontier %d scatter %d", ex, len(j.Frontier), len(j.Scatter))
	}
	cms := ex.Milestones[0]
	var pb, xb bytes.Buffer
	if err := pdf.Render(&pb, b); err != nil {
		t.Fatal(err)
	}
	if err := xlsx.Render(&xb, b); err != nil {
		t.Fatal(err)
	}

	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	path := filepath.Join(t.TempDir(), "b.pdf")
	os.WriteFile(path, pb.Bytes(), 0o644)
	out, err := exec.Command(bin, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(out)), " ")
	for _, want := range []string{
		report.ExposureSentence(p, f),
		"every week the CMS Interoperability mandate go-live is late costs USD 175k.",
		"What lateness costs",
		"USD 250,000 + USD 25,000 per calendar day late",
		figure.Units(cms.Expected), figure.Units(cms.P85), figure.Units(ex.Total.Mean),
		"Cost to complete and joint cost–schedule confidence (JCL",
		"The 70% frontier",
		"Cost and finish of 2,000 sampled trials",
		"Date " + figure.Date(j.Target),
		strings.Join(strings.Fields(outlook.FrontierNote), " "),
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	if s := report.JCLSentence(f); s == "" || !strings.Contains(flat, s) {
		t.Errorf("the PDF lacks the JCL sentence %q", s)
	}

	wb, err := excelize.OpenReader(bytes.NewReader(xb.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	sheet := ""
	for _, s := range wb.GetSheetList() {
		if strings.HasPrefix(s, "Milestones") {
			sheet = s
		}
	}
	rows, err := wb.GetRows(sheet)
	if err != nil || sheet == "" {
		t.Fatalf("no Milestones sheet in %v: %v", wb.GetSheetList(), err)
	}
	all := ""
	for _, r := range rows {
		all += strings.Join(r, "|") + "\n"
	}
	for _, want := range []string{"What lateness costs", "USD 250,000 + USD 25,000 per calendar day late", "Expected penalty", "Lowest budget",
		"Trial cost to complete", "Plan point cost", figure.Percent(cms.PLate)} {
		if !strings.Contains(all, want) {
			t.Errorf("the workbook's %s sheet lacks %q", sheet, want)
		}
	}
	// The expected penalty is a number cell holding the amount exactly.
	found := false
	for y, r := range rows {
		for x, v := range r {
			if v == "What lateness costs (penalties and costs of delay, from the trials' finish dates)" {
				_ = x
				for yy := y + 1; yy < len(rows) && !found; yy++ {
					if len(rows[yy]) > 0 && rows[yy][0] == "CMS Interoperability mandate go-live" {
						cell, _ := excelize.CoordinatesToCellName(5, yy+1)
						raw, _ := wb.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
						if raw != cms.Expected.Decimal() && raw+".00" != cms.Expected.Decimal() && strings.TrimRight(strings.TrimRight(cms.Expected.Decimal(), "0"), ".") != raw {
							t.Errorf("expected penalty cell %s = %q, want %s", cell, raw, cms.Expected.Decimal())
						}
						found = true
					}
				}
			}
		}
	}
	if !found {
		t.Error("no CMS row under the exposure table in the workbook")
	}
	// A native scatter chart: a chart part of the workbook with a scatterChart.
	zr, err := zip.NewReader(bytes.NewReader(xb.Bytes()), int64(xb.Len()))
	if err != nil {
		t.Fatal(err)
	}
	scatter := false
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			rc, _ := zf.Open()
			body, _ := io.ReadAll(rc)
			rc.Close()
			scatter = scatter || bytes.Contains(body, []byte("<scatterChart>"))
		}
	}
	if !scatter {
		t.Error("the workbook has no native scatter chart")
	}
}
