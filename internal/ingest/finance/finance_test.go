package finance

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"steerco/internal/ingest"
	"steerco/internal/ingest/csvx"
	"steerco/internal/plan"
)

func newPortfolio(cur string, fy time.Month) *plan.Portfolio {
	return &plan.Portfolio{Name: "Test", Currency: cur, FiscalYearStart: fy, PlanningStart: plan.MustDate("2022-01-01")}
}

func realdata(t testing.TB) string {
	dir := filepath.Join("..", "..", "..", "..", "shared", "realdata", "finance")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real data folder %s is missing: %v", dir, err)
	}
	return dir
}

func preview(t testing.TB, name string, data []byte, p *plan.Portfolio, opts ingest.Options) *ingest.Preview {
	t.Helper()
	pv, err := Preview(context.Background(), ingest.Source{Name: name, Data: data}, p, opts)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	return pv
}

func total(pv *ingest.Preview, label string) string {
	for _, tt := range pv.Totals {
		if tt.Label == label {
			return tt.Amount.Decimal()
		}
	}
	return "none"
}

func errorsOf(pv *ingest.Preview) []string {
	var out []string
	for _, p := range pv.Problems {
		if p.Severity == ingest.SevError {
			out = append(out, p.String())
		}
	}
	return out
}

// applyTo runs the preview's apply on a JSON copy of p (as storage would
// hand it a freshly loaded portfolio), validates and returns the copy.
func applyTo(t testing.TB, pv *ingest.Preview, p *plan.Portfolio) *plan.Portfolio {
	t.Helper()
	b, _ := json.Marshal(p)
	var cp plan.Portfolio
	if err := json.Unmarshal(b, &cp); err != nil {
		t.Fatal(err)
	}
	u := &memUpdater{p: &cp}
	if err := pv.Apply(context.Background(), u); err != nil {
		t.Fatalf("apply: %v", err)
	}
	if err := cp.Validate(); err != nil {
		t.Fatalf("invalid after import: %v", err)
	}
	return &cp
}

type memUpdater struct{ p *plan.Portfolio }

func (u *memUpdater) Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error {
	if err := fn(u.p); err != nil {
		return err
	}
	return u.p.Validate()
}

func sumLines(p *plan.Portfolio, scen string) int64 {
	var s int64
	for _, b := range p.BudgetLines {
		ms := b.Actual
		if scen == scPlan {
			ms = b.Plan
		}
		for _, ma := range ms {
			s += ma.Amount.Minor
		}
	}
	return s
}

// TestRealFiles: every file in realdata/finance either imports with the
// counts and totals asserted here, or is refused with a located message.
func TestRealFiles(t *testing.T) {
	dir := realdata(t)
	tests := []struct {
		file     string
		cur      string
		fy       time.Month
		opts     ingest.Options
		read     int
		imported int
		skipped  int
		lines    int
		totals   map[string]string
		refused  string // substring of the first error; "" = imports
	}{
		// EPSRC: 1,041 transactions, 3 of them state USD or EUR in InvoiceCurrencyUnit.
		// A GBP portfolio refuses those 3 rows (located), so the import is refused
		// as a whole; the other 1,038 rows total £4,097,155.82 =
		// £4,100,494.91 (whole file, checked with python Decimal over the CSV)
		// − 501.11 USD − 643.42 EUR − 2,194.56 USD.
		{file: "epsrc_spend_aug2015_actuals.csv", cur: "GBP", fy: time.April, read: 1041, imported: 1038,
			totals:  map[string]string{"actual 2015-08": "4097155.82", "actual total": "4097155.82"},
			refused: "row 23, column I (InvoiceCurrencyUnit): The row says its amount is in USD"},
		// The same file with the currency column ignored (the user says the
		// amounts are already sterling): all 1,041 rows, £4,100,494.91, 195
		// cost centre × expense type lines (48 expense areas).
		{file: "epsrc_spend_aug2015_actuals.csv", cur: "GBP", fy: time.April,
			opts: ingest.Options{Mapping: &plan.ImportMapping{Fields: map[string]string{"currency": "-"}}},
			read: 1041, imported: 1041, lines: 195,
			totals: map[string]string{"actual 2015-08": "4100494.91", "actual total": "4100494.91"}},
		// 1904 date system written "true": A1 = 42735 is 2021-01-01, A2 2021-01-02
		// (in the 1900 system they would be December 2016). A3 is a duration
		// (10 days 15:10:10), not a date: located, so the file is refused.
		{file: "calamine_date_1904.xlsx", cur: "USD", fy: time.January, read: 3, imported: 2,
			totals:  map[string]string{"actual 2021-01": "31.00", "actual total": "31.00"},
			refused: "row 3, column A (Column A): The period \"10.6320601851852\" is not a date"},
		// Budget sheet: 6 expense categories × 12 months; income section, Total
		// Income, Total Expenses, Savings and Cumulative Savings skipped.
		// (1120+112+55+550+400+100) × 12 = 28,044.
		{file: "course_budget_vs_actual.xlsx", cur: "USD", fy: time.January, read: 17, imported: 6, skipped: 11, lines: 6,
			totals: map[string]string{"plan 2022-01": "2337.00", "plan total": "28044.00"}},
		// Actual sheet: a transaction list; the Date column (real dates, 2022) wins
		// over the year-less Month column. 55 transactions (awk over column F:
		// 30,451), 9 categories; the Budget sheet holds Base Salary, Bonus and
		// Side Hustle in its income section, so their 15 rows (18,833) are
		// skipped here too: 40 rows, 6 lines, 11,618.
		{file: "course_budget_vs_actual.xlsx", cur: "USD", fy: time.January, opts: ingest.Options{Sheet: "Actual"},
			read: 55, imported: 40, skipped: 15, lines: 6,
			totals: map[string]string{"actual 2022-01": "2575.00", "actual 2022-05": "2674.00", "actual total": "11618.00"}},
		// Visible sheet is a pivot dashboard: refused, hidden sheets listed.
		{file: "dashboard_hidden_sheets_pivots.xlsx", cur: "USD", fy: time.January,
			refused: "hidden sheets: Area Line, Sunburst, Sheet1, SafetyData; choose one of them by name"},
		// Its hidden data sheet, named explicitly: 514 incidents with their cost.
		// January and February 2020 match the workbook's own hidden pivot
		// "Area Line" (19,500 and 42,863).
		{file: "dashboard_hidden_sheets_pivots.xlsx", cur: "USD", fy: time.January, opts: ingest.Options{Sheet: "SafetyData"},
			read: 514, imported: 514, totals: map[string]string{"actual 2020-01": "19500.00", "actual 2020-02": "42863.00"}},
		// 4,015 lines: 3,428 EXPENSE imported, 587 REVENUE skipped. FY19 with a July
		// fiscal year = 2018-07 … 2019-06, spread evenly. Total checked with awk
		// over the sheet: sum of AMOUNT where ACCT_TYPE = EXPENSE = 631,588,191.
		{file: "grand_rapids_adopted_fy19_budget.xlsx", cur: "USD", fy: time.July, read: 4015, imported: 3428, skipped: 587,
			totals: map[string]string{"plan total": "631588191.00", "plan 2018-06": "none"}},
		// Yearly amounts under duplicated Hebrew sub-headers: refused.
		{file: "israel_budget_2013-2014_he.xlsx", cur: "ILS", fy: time.January, refused: "yearly amounts (2013"},
		// Original / approved budget and executed cash for 2012, yearly: the actual
		// column cannot be placed in months, so the file is refused.
		{file: "israel_budget_execution_2012_he.xlsx", cur: "ILS", fy: time.January, refused: "yearly amounts (2012)"},
		// 17,579 lines, date1904="true"; 16,556 Expense imported, 1,023 Revenue
		// skipped. FY13-14 and FY14-15 (July start) spread over 2013-07 … 2015-06 (each line's remainder cents go to its first months, so July is a little above 1,039,006,929 / 12).
		// awk: Expense total 2,099,590,898 (FY13-14 1,039,006,929; FY14-15 1,060,583,969).
		{file: "oakland_proposed_13-15_date1904.xlsx", cur: "USD", fy: time.July, read: 17579, imported: 16556, skipped: 1023,
			totals: map[string]string{"plan total": "2099590898.00", "plan 2013-07": "86583936.32"}},
		// Annual history tables: refused.
		{file: "omb_hist01z1_receipts_outlays_2024.xlsx", cur: "USD", fy: time.October, refused: "is a range of years"},
		{file: "omb_hist03z1_outlays_by_function_2024.xlsx", cur: "USD", fy: time.October, refused: "yearly amounts (1940)"},
		// Month × (Sales, Profit) crosstab, year 2022 from the title: 4 stores ×
		// 2 measures = 8 lines; awk sum of all 80 cells = 232,832.
		{file: "preppin_strange_table_structure.xlsx", cur: "GBP", fy: time.January, read: 4, imported: 4, lines: 8,
			totals: map[string]string{"actual 2022-01": "23045.00", "actual total": "232832.00"}},
	}
	for _, tc := range tests {
		name := tc.file
		if tc.opts.Sheet != "" {
			name += "/" + tc.opts.Sheet
		}
		if tc.opts.Mapping != nil {
			name += "/mapping"
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			p := newPortfolio(tc.cur, tc.fy)
			pv := preview(t, tc.file, data, p, tc.opts)
			errs := errorsOf(pv)
			if tc.refused != "" {
				if len(errs) == 0 || !strings.Contains(errs[0], tc.refused) {
					t.Fatalf("want refusal %q, got %q", tc.refused, errs)
				}
				if err := pv.Apply(context.Background(), &memUpdater{p: p}); err == nil {
					t.Error("a refused preview applied")
				}
			} else if len(errs) > 0 {
				t.Fatalf("unexpected problems: %q", errs)
			}
			if tc.read > 0 && pv.RowsRead != tc.read {
				t.Errorf("rows read %d, want %d", pv.RowsRead, tc.read)
			}
			if tc.imported > 0 && pv.RowsImported != tc.imported {
				t.Errorf("rows imported %d, want %d", pv.RowsImported, tc.imported)
			}
			if tc.skipped > 0 && len(pv.Skipped) != tc.skipped {
				t.Errorf("rows skipped %d, want %d", len(pv.Skipped), tc.skipped)
			}
			for label, want := range tc.totals {
				if got := total(pv, label); got != want {
					t.Errorf("total %q = %s, want %s", label, got, want)
				}
			}
			if tc.refused != "" {
				return
			}
			if pv.RowsImported+len(pv.Skipped) != pv.RowsRead {
				t.Errorf("imported %d + skipped %d != read %d", pv.RowsImported, len(pv.Skipped), pv.RowsRead)
			}
			after := applyTo(t, pv, p)
			if tc.lines > 0 && len(after.BudgetLines) != tc.lines {
				t.Errorf("%d budget lines, want %d", len(after.BudgetLines), tc.lines)
			}
			for _, scen := range []string{scActual, scPlan} {
				if want := total(pv, scen+" total"); want != "none" {
					got := plan.Money{Minor: sumLines(after, scen), Currency: tc.cur}.Decimal()
					if got != want {
						t.Errorf("%s landed %s, preview said %s", scen, got, want)
					}
				}
			}
			if len(after.ImportMappings) != 1 || after.ImportMappings[0].ID != pv.Mapping.ID {
				t.Errorf("mapping not saved: %+v", after.ImportMappings)
			}
			// Idempotent: the same file again changes nothing.
			again := preview(t, tc.file, data, after, tc.opts)
			if len(again.Changes) != 0 {
				t.Errorf("re-import changes %d things, e.g. %+v", len(again.Changes), again.Changes[0])
			}
			after2 := applyTo(t, again, after)
			if sumLines(after2, scActual) != sumLines(after, scActual) || sumLines(after2, scPlan) != sumLines(after, scPlan) || len(after2.BudgetLines) != len(after.BudgetLines) {
				t.Error("re-import changed the amounts")
			}
		})
	}
}

func TestEPSRCCredits(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(realdata(t), "epsrc_spend_aug2015_actuals.csv"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := csvx.NewReader(data, csvx.Options{})
	if err != nil {
		t.Fatal(err)
	}
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	credits := 0
	for _, rec := range recs[1:] {
		if strings.HasPrefix(rec[7], "-") { // Amount
			credits++
		}
	}
	if credits != 35 {
		t.Errorf("%d credits in the file, want 35", credits)
	}
	// The credits land as negative amounts inside the total, netted per line.
	p := newPortfolio("GBP", time.April)
	pv := preview(t, "epsrc.csv", data, p, ingest.Options{Mapping: &plan.ImportMapping{Fields: map[string]string{"currency": "-"}}})
	after := applyTo(t, pv, p)
	if sumLines(after, scActual) != 410049491 {
		t.Errorf("landed %d pence", sumLines(after, scActual))
	}
}

// The two sheets of the course workbook agree: the Budget's year-less
// months take the year of the Actual sheet's dates (the portfolio plans
// from 2026), a year set by hand that differs is warned about, and the
// income categories are income on both sheets, each located.
func TestWorkbookSheetsAgree(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(realdata(t), "course_budget_vs_actual.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	p := newPortfolio("USD", time.January)
	p.PlanningStart = plan.MustDate("2026-01-01")
	warnings := func(pv *ingest.Preview) []string {
		var out []string
		for _, pr := range pv.Problems {
			if pr.Severity == ingest.SevWarning {
				out = append(out, pr.String())
			}
		}
		return out
	}
	has := func(ws []string, want string) bool {
		for _, w := range ws {
			if strings.Contains(w, want) {
				return true
			}
		}
		return false
	}
	budget := preview(t, "course.xlsx", data, p, ingest.Options{})
	ws := warnings(budget)
	for _, want := range []string{
		`course.xlsx, sheet Budget, row 4, column C (January): Months are written without a year; they were read as 2022, the year of the dates on sheet "Actual"`,
		`course.xlsx, sheet Budget, row 6, column B (Figures in USD): "Base Salary" is income on this sheet (skipped) but sheet "Actual" of this workbook lists it as spending (row 14)`,
		`row 7, column B (Figures in USD): "Bonus" is income on this sheet`,
	} {
		if !has(ws, want) {
			t.Errorf("budget: no warning %q in %q", want, ws)
		}
	}
	if total(budget, "plan 2022-01") != "2337.00" || total(budget, "plan total") != "28044.00" {
		t.Errorf("budget totals %+v", budget.Totals)
	}
	// A year set by hand that is not the Actual sheet's: they will not reconcile.
	pv := preview(t, "course.xlsx", data, p, ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"year": "2026"}}})
	if ws := warnings(pv); !has(ws, `course.xlsx, sheet Budget, row 4, column C (January): This sheet's budget is read as 2026 but sheet "Actual" of this workbook holds actuals for 2022: they will not reconcile`) {
		t.Errorf("no reconcile warning in %q", ws)
	}
	actual := preview(t, "course.xlsx", data, p, ingest.Options{Sheet: "Actual"})
	ws = warnings(actual)
	if !has(ws, `course.xlsx, sheet Actual, row 13, column D (Category): "Bonus" is income on sheet "Budget" (row 7) but would be spending on this sheet; it was skipped here too`) {
		t.Errorf("actual: %q", ws)
	}
	if len(ws) != 3 || has(ws, "reconcile") {
		t.Errorf("actual: want 3 income warnings, got %q", ws)
	}
}

// A category that another sheet has both as income and as spending ("Other"
// in both sections) stays spending; one that is only income there is skipped.
func TestSiblingIncomeAmbiguous(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Budget")
	for i, row := range [][]any{{"Line", "Jan-27", "Feb-27"}, {"Income:"}, {"Grants", 10, 10}, {"Other", 1, 1}, {"Expenses:"}, {"Cloud", 5, 5}, {"Other", 2, 2}} {
		f.SetSheetRow("Budget", fmt.Sprintf("A%d", i+1), &row)
	}
	f.NewSheet("Actual")
	for i, row := range [][]any{{"Period", "Category", "Amount"}, {"2027-01", "Grants", 9}, {"2027-01", "Other", 3}, {"2027-01", "Cloud", 4}} {
		f.SetSheetRow("Actual", fmt.Sprintf("A%d", i+1), &row)
	}
	var buf bytes.Buffer
	f.Write(&buf)
	pv := preview(t, "two.xlsx", buf.Bytes(), newPortfolio("USD", time.January), ingest.Options{Sheet: "Actual"})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := total(pv, "actual total"); got != "7.00" || pv.RowsImported != 2 || len(pv.Skipped) != 1 || !strings.Contains(pv.Skipped[0].Reason, `income row "Grants"`) {
		t.Errorf("total %s, imported %d, skipped %+v", got, pv.RowsImported, pv.Skipped)
	}
}
