package main

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report/reporttest"
	"steerco/internal/sqlite"
)

// rpSmallFile writes the hand-checked portfolio (2 teams, 4 items, 1
// milestone, 2 risks, 2 budget lines) to a new .steerco file and returns
// its path and the portfolio as stored.
func rpSmallFile(t *testing.T) (string, *plan.Portfolio) {
	t.Helper()
	p, _ := reporttest.Small()
	path := filepath.Join(t.TempDir(), "small.steerco")
	ctx := context.Background()
	db, err := sqlite.Create(ctx, path, p)
	if err != nil {
		t.Fatal(err)
	}
	stored, err := db.Portfolio(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, stored
}

func rpRun(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		now: func() time.Time { return reporttest.AsOf.Time().Add(9 * time.Hour) }}
	code = run(context.Background(), e, append([]string{"report"}, args...))
	return code, out.String(), errb.String()
}

func rpText(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// -layout: rows in reading order
	return strings.Join(strings.Fields(reporttest.PDFText(t, data, "-layout")), " ")
}

func TestReportVerbEndToEnd(t *testing.T) {
	file, p := rpSmallFile(t)
	dir := t.TempDir()
	pdfPath, xlsxPath := filepath.Join(dir, "pack.pdf"), filepath.Join(dir, "pack.xlsx")
	code, stdout, stderr := rpRun(file, "--pdf", pdfPath, "--xlsx", xlsxPath, "--trials", "400", "--seed", "7", "--as-of", "2026-11-23")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "wrote "+pdfPath) || !strings.Contains(stdout, "wrote "+xlsxPath) {
		t.Errorf("stdout %q", stdout)
	}
	// The same forecast, computed here: the report must quote its numbers.
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 400, Seed: 7, AsOf: reporttest.AsOf, RiskImpacts: true})
	if err != nil {
		t.Fatal(err)
	}
	txt := rpText(t, pdfPath)
	for _, title := range []string{"Executive summary", "Commitments", "Roadmap", "Milestones", "Capacity", "Budget", "Risks",
		"Delivery metrics", "Decisions needed", "Method and assumptions", "Zoë Ødegård", "Müller & Söhne"} {
		if !strings.Contains(txt, title) {
			t.Errorf("PDF lacks %q", title)
		}
	}
	for _, id := range []string{"api-1", "dx-1"} {
		it := f.Item(id)
		want := figure.Date(it.Target) + " " + figure.Date(it.Finish.P50) + " " + figure.Date(it.Finish.P85) + " " + figure.Percent(it.PTarget)
		if !strings.Contains(txt, want) {
			t.Errorf("PDF lacks %s's row %q", id, want)
		}
	}
	m := f.Milestone("cms")
	if want := "the CMS mandate date (30 Jun 2027) holds at " + figure.Percent(m.PTarget); !strings.Contains(txt, want) && !strings.Contains(txt, "The CMS mandate (30 Jun 2027) holds at "+figure.Percent(m.PTarget)) {
		t.Errorf("PDF lacks the milestone's probability %s", figure.Percent(m.PTarget))
	}
	// Money in whole units: FY2026 plan, plan to date, actual to date, variance, projection at plan, its variance.
	if want := "Total 1,440,000 1,200,000 1,205,005 +5,005 1,445,005 +5,005"; !strings.Contains(txt, want) {
		t.Errorf("PDF lacks the budget total %q", want)
	}
	if want := "Trials 400 Seed 7"; !strings.Contains(txt, want) {
		t.Errorf("PDF lacks %q", want)
	}

	// The workbook.
	data, err := os.ReadFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize cannot reopen the workbook: %v", err)
	}
	defer wb.Close()
	sheets := strings.Join(wb.GetSheetList(), "|")
	if !strings.HasPrefix(sheets, "Cover|The decision|Executive summary|Commitments|") || !strings.HasSuffix(sheets, "|Forecast (raw)") {
		t.Errorf("sheets %s", sheets)
	}
	rows, _ := wb.GetRows("Budget")
	varianceFound := false
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Headcount" {
			fm, _ := wb.GetCellFormula("Budget", "E"+rpItoa(i+1))
			varianceFound = fm == "D"+rpItoa(i+1)+"-C"+rpItoa(i+1)
		}
	}
	if !varianceFound {
		t.Error("no variance formula on the headcount row of the Budget sheet")
	}
	rows, _ = wb.GetRows("Commitments")
	injection, dateOK := false, false
	for i, r := range rows {
		if len(r) > 2 && r[0] == reporttest.Injection {
			fm, _ := wb.GetCellFormula("Commitments", "A"+rpItoa(i+1))
			injection = fm == ""
		}
		if len(r) > 2 && r[0] == "Patient resource API" {
			raw, _ := wb.GetCellValue("Commitments", "C"+rpItoa(i+1), excelize.Options{RawCellValue: true})
			dateOK = raw == "46444" // 2027-02-26 as an Excel serial date
		}
	}
	if !injection {
		t.Error("the formula-looking item title is not stored as text")
	}
	if !dateOK {
		t.Error("the target of Patient resource API is not the date serial 46444")
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts == 0 {
		t.Error("the workbook has no native chart")
	}
	// Nothing but the two reports in the folder: no temporary files left.
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("folder holds %d files, want 2", len(ents))
	}
}

func TestReportVerbDefaultNamesAndErrors(t *testing.T) {
	file, _ := rpSmallFile(t)
	dir := t.TempDir()
	t.Chdir(dir)
	code, stdout, stderr := rpRun(file, "--trials", "200", "--template", "monthly-status")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	base := "interop-programme-zoe-odegard-monthly-status-2026-11-23" // accents folded: Zoë Ødegård → zoe-odegard
	for _, ext := range []string{".pdf", ".xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, base+ext)); err != nil {
			t.Errorf("default output %s%s missing (stdout %q)", base, ext, stdout)
		}
	}
	// Running again replaces the reports in place.
	if code, _, stderr := rpRun(file, "--trials", "200", "--template", "monthly-status"); code != exitOK {
		t.Fatalf("second run: exit %d: %s", code, stderr)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("folder holds %d files after a second run, want 2", len(ents))
	}

	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no portfolio", nil, exitUsage, "Give the path of a .steerco file, or --demo"},
		{"file and demo", []string{file, "--demo"}, exitUsage, "not both"},
		{"unknown template", []string{file, "--template", "board"}, exitFailure, "built-in templates are board-deck, board-pack, decision, monthly-status, pi-review"},
		{"missing folder", []string{file, "--pdf", filepath.Join(dir, "nope", "x.pdf")}, exitFailure, "does not exist; nothing was written"},
		{"bad date", []string{file, "--as-of", "21/11/2026"}, exitUsage, "YYYY-MM-DD"},
		{"output over a portfolio", []string{file, "--pdf", "other.steerco"}, exitUsage, "looks like a portfolio file"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := rpRun(c.args...)
			if code != c.code || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and …%s…", code, stderr, c.code, c.want)
			}
		})
	}
}

func rpItoa(n int) string { return strconv.Itoa(n) }
