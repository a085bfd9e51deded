package main

// The consistency test: one figure is the same on every surface. For the
// demo and for generated portfolios, the same request (file, as-of date,
// trials, seed) goes through `steerco forecast --json`, the human
// `steerco forecast` table and `steerco report` (PDF and workbook), and
// every commitment's and milestone's chance and P85 date, the joint chance
// of all commitments and each team quarter's over-commitment must read the
// same everywhere, as internal/figure formats them. It is the guard for
// every later change to reports and screens: a surface that formats a
// figure its own way, or runs its own forecast, fails here.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/plan/plangen"
	"steerco/internal/sqlite"
	"steerco/internal/ui"
)

// csCase is one portfolio checked on every surface.
type csCase struct {
	name   string
	p      *plan.Portfolio
	asOf   plan.Date
	trials int
}

func csCases(t *testing.T) []csCase {
	t.Helper()
	asOf := plan.NewDate(2026, time.December, 7)
	d, err := demo.Portfolio(asOf)
	if err != nil {
		t.Fatal(err)
	}
	cases := []csCase{{name: "demo", p: d, asOf: asOf, trials: 10000}}
	n := 20
	if testing.Short() {
		n = 3
	}
	for seed := uint64(1); seed <= uint64(n); seed++ {
		cases = append(cases, csCase{name: fmt.Sprintf("generated-%02d", seed),
			p: plangen.Portfolio(seed, plangen.Options{AsOf: asOf}), asOf: asOf, trials: 2000})
	}
	return cases
}

// csRun runs one command line in-process on a clock that reads asOf.
func csRun(t *testing.T, asOf plan.Date, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb,
		now: func() time.Time { return asOf.Time().Add(9 * time.Hour) }}
	if code := run(context.Background(), e, args); code != exitOK {
		t.Fatalf("steerco %s: exit %d: %s", strings.Join(args, " "), code, errb.String())
	}
	return out.String()
}

// csPDFLines is the PDF's text, laid out, one entry per line with runs of
// spaces collapsed (table rows stay on one line).
func csPDFLines(t *testing.T, path string) []string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	var lines []string
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Join(strings.Fields(l), " "); f != "" {
			lines = append(lines, f)
		}
	}
	return lines
}

// csSheet is a workbook sheet as Excel displays it (number formats applied).
type csSheet [][]string

// table finds the header row that holds every one of cols and returns the
// column index of each and the rows under it (up to the first empty row).
func (s csSheet) table(cols ...string) (map[string]int, [][]string, bool) {
	for i, row := range s {
		idx := map[string]int{}
		for j, c := range row {
			idx[strings.TrimSpace(c)] = j
		}
		ok := true
		for _, c := range cols {
			if _, has := idx[c]; !has {
				ok = false
			}
		}
		if !ok {
			continue
		}
		var body [][]string
		for _, r := range s[i+1:] {
			if len(r) == 0 || strings.Join(r, "") == "" {
				break
			}
			body = append(body, r)
		}
		return idx, body, true
	}
	return nil, nil, false
}

func cell(r []string, i int) string {
	if i < len(r) {
		return strings.TrimSpace(r[i])
	}
	return ""
}

func csWorkbook(t *testing.T, path string) map[string]csSheet {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]csSheet{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

// csExpect is what every surface must show for one forecast.
type csExpect struct {
	name, pct, p85 string
}

func TestEveryFigureAgreesOnEverySurface(t *testing.T) {
	for _, c := range csCases(t) {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "p.steerco")
			db, err := sqlite.Create(context.Background(), file, c.p)
			if err != nil {
				t.Fatal(err)
			}
			stored, err := db.Portfolio(context.Background())
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			common := []string{"--as-of", c.asOf.String(), "--trials", fmt.Sprint(c.trials), "--seed", "1"}

			var f outlook.Forecast
			js := csRun(t, c.asOf, append([]string{"forecast", file, "--json"}, common...)...)
			if err := json.Unmarshal([]byte(js), &f); err != nil {
				t.Fatalf("forecast --json: %v", err)
			}
			table := csRun(t, c.asOf, append([]string{"forecast", file}, common...)...)
			pdfPath, xlsxPath := filepath.Join(dir, "pack.pdf"), filepath.Join(dir, "pack.xlsx")
			csRun(t, c.asOf, append([]string{"report", file, "--pdf", pdfPath, "--xlsx", xlsxPath}, common...)...)
			pdfLines := csPDFLines(t, pdfPath)
			book := csWorkbook(t, xlsxPath)

			items := map[string]*plan.Item{}
			for i := range stored.Items {
				items[stored.Items[i].ID] = &stored.Items[i]
			}
			var commitments, milestones []csExpect
			byName := map[string]string{} // display name → id, for the CLI table
			for _, it := range f.Items {
				pi := items[it.ID]
				if pi == nil || pi.Commitment != plan.Committed || it.PTarget < 0 {
					continue
				}
				commitments = append(commitments, csExpect{pi.Title, figure.Percent(it.PTarget), figure.Date(it.Finish.P85)})
				byName[pi.Title] = it.ID
			}
			names := map[string]string{}
			for _, m := range stored.Milestones {
				names[m.ID] = m.Name
			}
			for _, m := range f.Milestones {
				if m.Done {
					continue
				}
				milestones = append(milestones, csExpect{names[m.ID], figure.Percent(m.PTarget), figure.Date(m.Finish.P85)})
				byName[names[m.ID]] = m.ID
			}

			// The human CLI table: the row of each commitment (by id) and
			// milestone (by name) shows the same chance and P85 date.
			cli := strings.Split(table, "\n")
			for _, e := range append(append([]csExpect(nil), commitments...), milestones...) {
				key := byName[e.name]
				if isMilestone(stored, key) {
					key = e.name
				}
				csRowHas(t, "CLI table", cli, key, e.pct, e.p85)
			}

			// The PDF: the commitments and milestones tables.
			for _, e := range append(append([]csExpect(nil), commitments...), milestones...) {
				csRowHas(t, "PDF", pdfLines, e.name, e.pct, e.p85)
			}

			// The workbook: the Commitments and Milestones sheets, as Excel shows them.
			csSheetHas(t, book["Commitments"], "Commitments", "Commitment", commitments)
			csSheetHas(t, book["Milestones"], "Milestones", "Milestone", milestones)

			// The board deck (PDF at slide size): every commitment or milestone a
			// slide's table names shows the same chance and P85 date. The deck
			// shows only the rows that matter, so names it leaves out are skipped.
			deckPath := filepath.Join(dir, "deck.pdf")
			csRun(t, c.asOf, append([]string{"report", file, "--template", "board-deck", "--pdf", deckPath}, common...)...)
			deck := csPDFLines(t, deckPath)
			for _, e := range append(append([]csExpect(nil), commitments...), milestones...) {
				var rows []string
				for _, l := range deck {
					if csNames(l, e.name) && strings.Contains(l, "%") && csHasDate(l) {
						rows = append(rows, l)
					}
				}
				if len(rows) > 0 {
					csRowHas(t, "deck PDF", rows, e.name, e.pct, e.p85)
				}
			}

			// All commitments together: one figure in the CLI, the PDF and the workbook.
			if f.CommittedItems > 0 {
				joint := figure.Percent(f.Committed)
				if !csAnyLine(cli, "together", joint) {
					t.Errorf("CLI: no line says all commitments together at %s", joint)
				}
				if !csAnyLine(pdfLines, "together", joint) && !(f.Committed == 0 && csAnyLine(pdfLines, "together", "none")) {
					t.Errorf("PDF: no line says all commitments together at %s", joint)
				}
				if idx, rows, ok := book["Executive summary"].table("Figure", "Value"); ok {
					found := false
					for _, r := range rows {
						if strings.Contains(strings.ToLower(cell(r, idx["Figure"])), "together") {
							found = true
							if got := cell(r, idx["Value"]); got != joint {
								t.Errorf("workbook Executive summary: all commitments together %q, want %q", got, joint)
							}
						}
					}
					if !found {
						t.Errorf("workbook Executive summary: no key figure for all commitments together")
					}
				} else {
					t.Errorf("workbook: no Executive summary key figures table")
				}
			}

			// Over-commitment per team and quarter: the workbook's capacity grid
			// shows each team quarter's chance as the forecast has it.
			csCapacity(t, stored, &f, book["Capacity"])

			// The most harmful risk: the forecast's first (one ranking measure),
			// first in the CLI's risk table, named by the executive summary
			// and first in the workbook's top risks.
			if len(f.Risks) > 0 && f.Risks[0].Measurable && !f.Risks[0].CostOnly {
				top := stored.Risk(f.Risks[0].RiskID)
				if i := csIndex(cli, "RISK "); i < 0 || i+1 >= len(cli) || !strings.HasPrefix(cli[i+1], top.ID+" ") {
					t.Errorf("CLI: the risk table does not start with %s", top.ID)
				}
				if joined := strings.Join(pdfLines, " "); !strings.Contains(joined, "most harmful risk, ‘"+top.Title+"’") {
					t.Errorf("PDF: the executive summary does not name ‘%s’ as the most harmful risk", top.Title)
				}
				if idx, rows, ok := book["Risks"].table("#", "Risk"); !ok || len(rows) == 0 || cell(rows[0], idx["Risk"]) != top.Title {
					t.Errorf("workbook Risks: the top risks table does not start with %q", top.Title)
				}
			}

			// The year-end projection (at plan and at run rate): the PDF's budget
			// page and the workbook's budget key figures say the same.
			by := stored.BudgetYear(stored.FiscalYearOf(c.asOf), c.asOf)
			if len(stored.BudgetLines) > 0 {
				atPlan := figure.Money(by.Total.Forecast)
				want := map[string]string{"Projection at plan": atPlan}
				if by.RunRateMonths > 0 {
					want["Projection at run rate"] = figure.Money(by.RunRate)
				}
				if idx, rows, ok := book["Budget"].table("Figure", "Value"); ok {
					for label, v := range want {
						found := false
						for _, r := range rows {
							if cell(r, idx["Figure"]) == label {
								found = true
								if got := cell(r, idx["Value"]); got != v {
									t.Errorf("workbook Budget: %s %q, want %q", label, got, v)
								}
							}
						}
						if !found {
							t.Errorf("workbook Budget: no key figure %q", label)
						}
					}
				} else {
					t.Errorf("workbook Budget: no key figures table")
				}
				if !csAnyLine(pdfLines, "projection at plan", strings.TrimPrefix(atPlan, stored.Currency+" ")) {
					t.Errorf("PDF: no line gives the projection at plan %s", atPlan)
				}
			}

			// The window: the Forecast screen's table, read cell by cell as
			// the Fyne test driver draws it, after the window's own forecast
			// of the same file on the same day with the same trials.
			rows := csWindowRows(t, file, c.asOf, c.trials, "Forecast")
			for _, e := range commitments {
				csRowHas(t, "window Forecast screen", rows, e.name, e.pct, e.p85)
			}
		})
	}
}

// csHasDate reports whether l holds a date as figure writes them ("7 May 2027").
func csHasDate(l string) bool {
	for _, m := range []string{" Jan 20", " Feb 20", " Mar 20", " Apr 20", " May 20", " Jun 20", " Jul 20", " Aug 20", " Sep 20", " Oct 20", " Nov 20", " Dec 20"} {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// csIndex returns the index of the first line starting with prefix, or -1.
func csIndex(lines []string, prefix string) int {
	for i, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return i
		}
	}
	return -1
}

func isMilestone(p *plan.Portfolio, id string) bool {
	for _, m := range p.Milestones {
		if m.ID == id {
			return true
		}
	}
	return false
}

// csRowHas fails unless some line that contains key also holds pct and p85.
func csRowHas(t *testing.T, surface string, lines []string, key, pct, p85 string) {
	t.Helper()
	var seen []string
	for _, l := range lines {
		if !csNames(l, key) {
			continue
		}
		if csHasField(l, pct) && strings.Contains(l, p85) {
			return
		}
		seen = append(seen, l)
	}
	if len(seen) == 0 {
		t.Errorf("%s: no line names %q", surface, key)
		return
	}
	t.Errorf("%s: %q should show %s and P85 %s; its lines read:\n  %s", surface, key, pct, p85, strings.Join(seen, "\n  "))
}

// csNames reports whether line l names key: it contains it whole, or
// starts with at least its first 20 characters (a table cell that wraps
// a long title onto the next line).
func csNames(l, key string) bool {
	if strings.Contains(l, key) {
		return true
	}
	k := 0
	for k < len(key) && k < len(l) && l[k] == key[k] {
		k++
	}
	return k >= 20
}

// csHasField reports whether s holds v as a whole field ("5%" is not found in "65%").
func csHasField(s, v string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], v)
		if j < 0 {
			return false
		}
		j += i
		before := j == 0 || strings.ContainsRune(" (<>", rune(s[j-1]))
		if before {
			return true
		}
		i = j + 1
	}
}

func csAnyLine(lines []string, word, pct string) bool {
	for _, l := range lines {
		if strings.Contains(strings.ToLower(l), word) && csHasField(l, pct) {
			return true
		}
	}
	return false
}

func csSheetHas(t *testing.T, s csSheet, sheet, nameCol string, want []csExpect) {
	t.Helper()
	if len(want) == 0 {
		return
	}
	idx, rows, ok := s.table(nameCol, "P85", "Probability")
	if !ok {
		t.Errorf("workbook %s: no table with %s, P85 and Probability columns", sheet, nameCol)
		return
	}
	for _, e := range want {
		found := false
		for _, r := range rows {
			if cell(r, idx[nameCol]) != e.name {
				continue
			}
			found = true
			if got := cell(r, idx["Probability"]); got != e.pct {
				t.Errorf("workbook %s: %q probability %q, want %q", sheet, e.name, got, e.pct)
			}
			if got := cell(r, idx["P85"]); got != e.p85 {
				t.Errorf("workbook %s: %q P85 %q, want %q", sheet, e.name, got, e.p85)
			}
		}
		if !found {
			t.Errorf("workbook %s: no row for %q", sheet, e.name)
		}
	}
}

// csCapacity checks the workbook's over-commitment grid (team × quarter)
// against the forecast's team quarters.
func csCapacity(t *testing.T, p *plan.Portfolio, f *outlook.Forecast, s csSheet) {
	t.Helper()
	if len(f.Teams) == 0 {
		return
	}
	idx, rows, ok := s.table("Team")
	if !ok {
		t.Errorf("workbook Capacity: no team × quarter table")
		return
	}
	names := map[string]string{}
	for _, tm := range p.Teams {
		names[tm.ID] = tm.Name
	}
	for _, tq := range f.Teams {
		col, ok := idx[tq.Quarter.String()]
		if !ok {
			continue // the grid may label the first, partial quarter with its dates
		}
		for _, r := range rows {
			if cell(r, idx["Team"]) == names[tq.TeamID] {
				if got, want := cell(r, col), figure.Percent(tq.POver); got != want {
					t.Errorf("workbook Capacity: %s %s over-commitment %q, want %q", names[tq.TeamID], tq.Quarter, got, want)
				}
				break
			}
		}
	}
}

// csWindowRows opens file in the real shell on the Fyne test driver (today
// is asOf, the automatic forecast at trials), waits for the full forecast
// with risk drivers, shows the screen titled screen and returns the text of
// every table row on it (every row, not only those scrolled into view: each
// cell is built and filled the way the table fills it) and of every other
// text, one line each.
func csWindowRows(t *testing.T, file string, asOf plan.Date, trials int, screen string) []string {
	t.Helper()
	a := test.NewTempApp(t)
	sh := ui.New(a, app.DiskFiles(), func() plan.Date { return asOf })
	idle := make(chan struct{}, 8)
	sh.SetForecastTrials(trials)
	sh.OnForecastIdle(func() { idle <- struct{}{} })
	if err := sh.Open(file); err != nil {
		t.Fatal(err)
	}
	defer sh.Window().Close()
	select {
	case <-idle:
	case <-time.After(2 * time.Minute):
		t.Fatal("the window's forecast did not finish within two minutes")
	}
	sh.Services().Navigate(screen)
	var lines []string
	csWalk(sh.Window().Content(), &lines)
	return lines
}

// csWalk collects the text drawn by o and its children: a table's rows as
// one line each (cells joined by spaces), any other text on its own line.
func csWalk(o fyne.CanvasObject, lines *[]string) {
	if o == nil || !o.Visible() {
		return
	}
	switch w := o.(type) {
	case *widget.Table:
		if w.Length == nil || w.CreateCell == nil || w.UpdateCell == nil {
			return
		}
		rows, cols := w.Length()
		for r := 0; r < rows; r++ {
			var cells []string
			for c := 0; c < cols; c++ {
				cell := w.CreateCell()
				w.UpdateCell(widget.TableCellID{Row: r, Col: c}, cell)
				var texts []string
				csWalk(cell, &texts)
				cells = append(cells, strings.Join(texts, " "))
			}
			*lines = append(*lines, strings.Join(strings.Fields(strings.Join(cells, " ")), " "))
		}
		return
	case *widget.Label:
		*lines = append(*lines, w.Text)
		return
	case *widget.RichText:
		*lines = append(*lines, w.String())
		return
	case *fyne.Container:
		for _, c := range w.Objects {
			csWalk(c, lines)
		}
		return
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(w).Objects() {
			csWalk(c, lines)
		}
	}
}
