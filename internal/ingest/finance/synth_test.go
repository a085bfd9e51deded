package finance

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

func TestParseAmount(t *testing.T) {
	tests := []struct {
		in, want, cur string
		comma         bool
		none, bad     bool
	}{
		{in: "1,234.56", want: "1234.56"},
		{in: "$1,234", want: "1234", cur: "USD"},
		{in: "(1,234.50)", want: "-1234.50"},
		{in: "£(12)", want: "-12", cur: "GBP"},
		{in: "--", want: "0"},
		{in: "-", want: "0"},
		{in: "1.234,56", want: "1234.56"},
		{in: "12,5", want: "12.5", comma: true},
		{in: "1,234", want: "1234"},
		{in: "1.234", want: "1234", comma: true},
		{in: "1 234 567,8 €", want: "1234567.8", cur: "EUR"},
		{in: "₪ 3,100", want: "3100", cur: "ILS"},
		{in: "1,234-", want: "-1234"},
		{in: "-7", want: "-7"},
		{in: "1.8181818181818077E-2", want: "0.018181818181818077"},
		{in: "..........", none: true},
		{in: "NA", none: true},
		{in: "(*)", none: true},
		{in: "", none: true},
		{in: "12abc", bad: true},
		{in: "1.2.3", bad: true},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			a, err := parseAmount(tc.in, tc.comma)
			switch {
			case tc.bad:
				if err == nil {
					t.Fatalf("want error, got %+v", a)
				}
				return
			case err != nil:
				t.Fatal(err)
			case tc.none:
				if a.kind != amtNone {
					t.Fatalf("want no value, got %+v", a)
				}
				return
			}
			if a.dec != tc.want || a.currency != tc.cur {
				t.Errorf("got %q %q, want %q %q", a.dec, a.currency, tc.want, tc.cur)
			}
		})
	}
	if m, err := toMoney("12.5", 3, "USD", false); err != nil || m.Decimal() != "12500.00" {
		t.Errorf("thousands: %v %v", m, err)
	}
	if m, err := toMoney("219.70000000000002", 0, "USD", true); err != nil || m.Decimal() != "219.70" {
		t.Errorf("float cell: %v %v", m, err)
	}
	if _, err := toMoney("1.005", 0, "USD", false); err == nil {
		t.Error("text with too many decimals must be refused, not rounded")
	}
}

func TestParsePeriod(t *testing.T) {
	c := periodCtx{fyStart: time.April}
	tests := []struct {
		in, want string
		months   int
		ctx      *periodCtx
		noYear   bool
		bad      string
	}{
		{in: "2027-01", want: "2027-01", months: 1},
		{in: "Jan-27", want: "2027-01", months: 1},
		{in: "January 2027", want: "2027-01", months: 1},
		{in: "jan 2027", want: "2027-01", months: 1},
		{in: "01/2027", want: "2027-01", months: 1},
		{in: "2027-03-15", want: "2027-03", months: 1},
		{in: "03/08/2015", want: "2015-08", months: 1},
		{in: "03/08/2015", want: "2015-03", months: 1, ctx: &periodCtx{fyStart: time.April, order: monthFirst}},
		{in: "11/22/22", want: "2022-11", months: 1},
		{in: "FY27 P3", want: "2026-06", months: 1}, // April start: P1 = 2026-04
		{in: "P3 FY2027", want: "2026-06", months: 1},
		{in: "FY27", want: "2026-04", months: 12},
		{in: "FY13-14", want: "2013-04", months: 12},
		{in: "2024 estimate", want: "2023-04", months: 12},
		{in: "44562", want: "2022-01", months: 1, ctx: &periodCtx{fyStart: time.January, serials: true}},
		{in: "42735", want: "2021-01", months: 1, ctx: &periodCtx{fyStart: time.January, serials: true, date1904: true}},
		{in: "42735", want: "2016-12", months: 1, ctx: &periodCtx{fyStart: time.January, serials: true}},
		{in: "March", noYear: true},
		{in: "Q1", bad: "quarter"},
		{in: "2027-Q1", bad: "quarter"},
		{in: "TQ", bad: "quarter"},
		{in: "1789-1849", bad: "range of years"},
		{in: "banana", bad: "not a month"},
		{in: "10.6320601851852", bad: "not a date", ctx: &periodCtx{serials: true, date1904: true}},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			ctx := c
			if tc.ctx != nil {
				ctx = *tc.ctx
			}
			p, err := parsePeriod(tc.in, ctx)
			if tc.bad != "" {
				if err == nil || !strings.Contains(err.Error(), tc.bad) {
					t.Fatalf("want error %q, got %v %+v", tc.bad, err, p)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if tc.noYear {
				if !p.noYear {
					t.Fatalf("want a month without a year, got %+v", p)
				}
				return
			}
			if p.month.String() != tc.want || p.months != tc.months {
				t.Errorf("got %s ×%d, want %s ×%d", p.month, p.months, tc.want, tc.months)
			}
		})
	}
	if d := serialDate(42735, true); d.String() != "2021-01-01" {
		t.Errorf("1904 serial 42735 = %s", d)
	}
}

// workbook builds an xlsx in memory from rows (nil cells stay empty),
// with optional merged ranges and the 1904 date system.
func workbook(t testing.TB, sheet string, rows [][]any, merges [][2]string, date1904 bool) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range merges {
		if err := f.MergeCell(sheet, m[0], m[1]); err != nil {
			t.Fatal(err)
		}
	}
	if date1904 {
		yes := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes}); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSyntheticWorkbooks(t *testing.T) {
	tests := []struct {
		name     string
		sheet    string
		rows     [][]any
		merges   [][2]string
		date1904 bool
		totals   map[string]string
		skips    []string // reasons, in order (substring)
		errs     []string
		imported int
	}{
		{
			name:  "title rows, in thousands, totals, parentheses, wide",
			sheet: "Actuals FY27",
			rows: [][]any{
				{"Engineering spend by cost centre"},
				{"(in thousands of dollars)"},
				nil,
				{"Cost centre", "Category", "Jan-27", "Feb-27", "Mar-27", "FY27"},
				{"CC-100", "Salaries", "100", "100", "(10)", "190"},
				{"CC-100", "AWS hosting", "20.5", "--", "30", "50.5"},
				{"Subtotal CC-100", nil, "120.5", "100", "20", "240.5"},
				nil,
				{"CC-200", "Contractors", "$1,000", "0", "0", "1000"},
				{"Grand total", nil, "1120.5", "100", "20", "1240.5"},
				{"Note: figures are unaudited."},
			},
			totals:   map[string]string{"actual 2027-01": "1120500.00", "actual 2027-03": "20000.00", "actual total": "1240500.00"},
			skips:    []string{"total row", "blank row", "total row", "note"},
			imported: 3,
		},
		{
			name:  "merged two-row header and a subtotal by arithmetic",
			sheet: "Budget",
			rows: [][]any{
				{"Line", "2027", nil, nil},
				{"Line", "Jan", "Feb", "Mar"},
				{"Licences", 10, 10, 10},
				{"Cloud", 5, 5, 5},
				{"All lines", 15, 15, 15},
			},
			merges:   [][2]string{{"A1", "A2"}, {"B1", "D1"}},
			totals:   map[string]string{"plan 2027-01": "15.00", "plan total": "45.00"},
			skips:    []string{"subtotal row"},
			imported: 2,
		},
		{
			name:     "long layout, date cells in the 1904 system, revenue skipped",
			sheet:    "Ledger",
			rows:     [][]any{{"Date", "Cost centre", "Category", "Type", "Amount"}, {42735, "CC1", "SaaS", "Expense", 100.25}, {42767, "CC1", "SaaS", "Revenue", 5}, {42767, "CC1", "SaaS", "Expense", "1,000.75"}},
			date1904: true,
			totals:   map[string]string{"actual 2021-01": "100.25", "actual 2021-02": "1000.75"},
			skips:    []string{"revenue row"},
			imported: 2,
		},
		{
			name:  "another currency is located, not converted",
			sheet: "Data",
			rows:  [][]any{{"Period", "Category", "Amount"}, {"2027-01", "Tools", "€100"}},
			errs:  []string{"row 2, column C (Amount): The amount \"€100\" is in EUR"},
		},
		{
			name:  "a currency column naming another currency refuses the file once",
			sheet: "Data",
			rows:  [][]any{{"Period", "Category", "Amount", "Currency"}, {"2027-01", "Tools", 1, "GBP"}, {"2027-02", "Tools", 2, "GBP"}, {"2027-02", "Tools", 3, "USD"}},
			errs:  []string{"row 1, column D (Currency): The file's amounts are in GBP"},
		},
		{
			name:  "quarters are not months",
			sheet: "Data",
			rows:  [][]any{{"Period", "Category", "Amount"}, {"2027-01", "Tools", "100"}, {"Q1 2027", "Tools", "100"}},
			errs:  []string{"row 3, column A (Period): The period \"Q1 2027\" is a quarter"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := workbook(t, tc.sheet, tc.rows, tc.merges, tc.date1904)
			p := newPortfolio("USD", time.January)
			pv := preview(t, "synthetic.xlsx", data, p, ingest.Options{})
			errs := errorsOf(pv)
			if len(errs) != len(tc.errs) {
				t.Fatalf("errors %q, want %q", errs, tc.errs)
			}
			for i := range errs {
				if !strings.Contains(errs[i], tc.errs[i]) {
					t.Errorf("error %q, want %q", errs[i], tc.errs[i])
				}
			}
			if len(tc.errs) > 0 {
				return
			}
			for label, want := range tc.totals {
				if got := total(pv, label); got != want {
					t.Errorf("total %q = %s, want %s (all: %+v)", label, got, want, pv.Totals)
				}
			}
			if len(pv.Skipped) != len(tc.skips) {
				t.Fatalf("skipped %+v, want %q", pv.Skipped, tc.skips)
			}
			for i, s := range tc.skips {
				if !strings.Contains(pv.Skipped[i].Reason, s) {
					t.Errorf("skip %d: %q, want %q", i, pv.Skipped[i].Reason, s)
				}
			}
			if pv.RowsImported != tc.imported {
				t.Errorf("imported %d, want %d", pv.RowsImported, tc.imported)
			}
			applyTo(t, pv, p)
		})
	}
}

func TestCategoryGuess(t *testing.T) {
	p := newPortfolio("USD", time.January)
	data := workbook(t, "Actuals", [][]any{
		{"Month", "Cost centre", "Category", "Amount"},
		{"2027-01", "CC1", "Salaries", 1}, {"2027-01", "CC1", "Contractor fees", 1}, {"2027-01", "CC1", "SaaS licences", 1},
		{"2027-01", "CC1", "AWS", 1}, {"2027-01", "CC1", "Consulting", 1}, {"2027-01", "CC1", "Travel", 1}, {"2027-01", "CC1", "Capex servers", 1},
	}, nil, false)
	after := applyTo(t, preview(t, "a.xlsx", data, p, ingest.Options{}), p)
	want := map[string]string{"CC1 / Salaries": "headcount/opex", "CC1 / Contractor fees": "contractors/opex", "CC1 / SaaS licences": "tooling/opex",
		"CC1 / AWS": "infrastructure/opex", "CC1 / Consulting": "vendor_contracts/opex", "CC1 / Travel": "other/opex", "CC1 / Capex servers": "infrastructure/capex"}
	for _, b := range after.BudgetLines {
		if got := b.Category + "/" + b.Spend; got != want[b.Name] {
			t.Errorf("%s: %s, want %s", b.Name, got, want[b.Name])
		}
	}
}

// Next month's file replaces only the months it covers; existing lines are
// matched by cost centre and name; several rows of a line+month are summed.
func TestReimportNextMonth(t *testing.T) {
	p := newPortfolio("GBP", time.April)
	p.BudgetLines = []plan.BudgetLine{{ID: "platform-aws", Name: "AWS", CostCentre: "CC-4100", Category: plan.BudgetInfrastructure, Spend: plan.OpEx,
		Actual: []plan.MonthAmount{{Month: plan.MustMonth("2026-12"), Amount: plan.Amount(7, "GBP")}}}}
	jan := []byte("Period,Cost centre,Category,Amount\n2027-01,CC-4100,AWS,100\n2027-01,CC-4100,AWS,50\n")
	p1 := applyTo(t, preview(t, "jan.csv", jan, p, ingest.Options{}), p)
	if len(p1.BudgetLines) != 1 || len(p1.BudgetLines[0].Actual) != 2 || p1.BudgetLines[0].Actual[1].Amount.Decimal() != "150.00" {
		t.Fatalf("january: %+v", p1.BudgetLines)
	}
	fixed := []byte("Period,Cost centre,Category,Amount\n2027-01,CC-4100,AWS,120\n2027-02,CC-4100,AWS,80\n")
	pv := preview(t, "feb.csv", fixed, p1, ingest.Options{})
	if len(pv.Changes) != 1 || pv.Changes[0].Action != "change" {
		t.Errorf("changes %+v", pv.Changes)
	}
	p2 := applyTo(t, pv, p1)
	got := fmt.Sprint(p2.BudgetLines[0].Actual)
	if !strings.Contains(got, "7.00") || !strings.Contains(got, "120.00") || !strings.Contains(got, "80.00") || len(p2.BudgetLines[0].Actual) != 3 {
		t.Errorf("after february: %s", got)
	}
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestCSVVariants(t *testing.T) {
	long := strings.Repeat("n", 100<<10)
	tests := []struct {
		name, cur string
		data      []byte
		total     string
	}{
		{"semicolon with decimal commas", "EUR", []byte("Periode;Kostenstelle;Kategorie;Betrag\n2027-01;CC1;Software;1.234,56\n2027-01;CC1;Software;-0,56\n"), "1234.00"},
		{"utf-16le with bom, tabs", "GBP", utf16LE("Period\tCategory\tAmount\nJan-27\tCloud\t£1,000.50\n"), "1000.50"},
		{"windows-1252 pound sign", "GBP", []byte("Period,Category,Amount\nJanuary 2027,Licences,\"\xA3250\"\n"), "250.00"},
		{"100 KB description field", "USD", []byte("Period,Category,Description,Amount\n2027-01,Tools,\"" + long + "\",42\n"), "42.00"},
		{"title rows and ($000) in the header", "USD", []byte("Engineering spend report\nPrepared by finance\n\nPeriod,Cost centre,Amount ($000)\n2027-01,CC1,1.5\n2027-01,CC2,\"2,000\"\nTotal,,\"2,001.5\"\n"), "2001500.00"},
		{"quoted multi-line cell", "USD", []byte("Period,Category,Amount\n2027-01,\"Tools\nand more\",\"1,000\"\n"), "1000.00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPortfolio(tc.cur, time.January)
			pv := preview(t, "x.csv", tc.data, p, ingest.Options{})
			if errs := errorsOf(pv); len(errs) > 0 {
				t.Fatal(errs)
			}
			if got := total(pv, "actual 2027-01"); got != tc.total {
				t.Errorf("total %s, want %s", got, tc.total)
			}
			applyTo(t, pv, p)
		})
	}
}

func TestHostile(t *testing.T) {
	p := newPortfolio("USD", time.January)
	for name, data := range map[string][]byte{
		"empty":        {},
		"not a zip":    []byte("PK\x03\x04garbage"),
		"legacy xls":   {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0},
		"binary noise": bytes.Repeat([]byte{0, 1, 2, 0xFF}, 100),
		"bad quote":    []byte("a,b\n\"x,1\n"),
	} {
		t.Run(name, func(t *testing.T) {
			pv, err := Preview(context.Background(), ingest.Source{Name: name, Data: data}, p, ingest.Options{})
			if err == nil && !pv.HasErrors() {
				t.Errorf("accepted: %+v", pv)
			}
		})
	}
	// A hidden sheet is imported only when named.
	f := excelize.NewFile()
	f.SetCellValue("Sheet1", "A1", "Dashboard")
	f.NewSheet("Data")
	f.SetSheetRow("Data", "A1", &[]any{"Period", "Category", "Amount"})
	f.SetSheetRow("Data", "A2", &[]any{"2027-01", "Tools", 5})
	f.SetSheetVisible("Data", false)
	var buf bytes.Buffer
	f.Write(&buf)
	pv := preview(t, "h.xlsx", buf.Bytes(), p, ingest.Options{})
	if !pv.HasErrors() || !strings.Contains(strings.Join(pv.Notes, " "), "Hidden sheets, not imported: Data") {
		t.Errorf("hidden sheet: %+v %q", pv.Problems, pv.Notes)
	}
	pv = preview(t, "h.xlsx", buf.Bytes(), p, ingest.Options{Sheet: "Data"})
	if pv.HasErrors() || total(pv, "actual total") != "5.00" {
		t.Errorf("named hidden sheet: %+v", pv.Problems)
	}
}

func TestLimits(t *testing.T) {
	defer func(r, c int, z int64) { maxRows, maxCellBytes, unzipLimit = r, c, z }(maxRows, maxCellBytes, unzipLimit)
	maxRows, maxCellBytes = 3, 20
	p := newPortfolio("USD", time.January)
	rows := [][]any{{"Period", "Category", "Amount"}, {"2027-01", "A", 1}, {"2027-01", "B", 1}, {"2027-01", "C", 1}}
	long := [][]any{{"Period", "Category", "Amount"}, {"2027-01", strings.Repeat("x", 30), 1}}
	tests := []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"xlsx rows", "r.xlsx", workbook(t, "S", rows, nil, false), "row 4: the sheet has more than 3 rows"},
		{"xlsx cell", "c.xlsx", workbook(t, "S", long, nil, false), "row 2, column B: a cell holds 30 bytes, more than the 20"},
		{"csv rows", "r.csv", []byte("Period,Category,Amount\n2027-01,A,1\n2027-01,B,1\n2027-01,C,1\n"), "row 4: the file has more than 3 rows"},
		{"csv field", "c.csv", []byte("Period,Category,Amount\n2027-01," + strings.Repeat("x", 30) + ",1\n"), "row 2, column B: a cell holds 30 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Preview(context.Background(), ingest.Source{Name: tc.file, Data: tc.data}, p, ingest.Options{})
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want a ParseError saying %q", err, tc.want)
			}
		})
	}
	t.Run("unzip limit", func(t *testing.T) {
		data := workbook(t, "S", rows[:2], nil, false)
		unzipLimit = 100
		_, err := Preview(context.Background(), ingest.Source{Name: "z.xlsx", Data: data}, p, ingest.Options{})
		if err == nil || !strings.Contains(err.Error(), "z.xlsx, field xl/worksheets/sheet1.xml: this part of the workbook unpacks to") || !strings.Contains(err.Error(), "more than the 100 bytes Steerco reads") {
			t.Errorf("got %v", err)
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	for _, s := range []string{"1,234.56", "(1,234)", "--", "1.234,56", "£-1", "1,234-", "1e5", "..........", "₪ 3,100", "$(1)"} {
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, s string, comma bool) {
		a, err := parseAmount(s, comma)
		if err != nil || a.kind != amtNumber {
			return
		}
		if _, err := toMoney(a.dec, 3, "USD", true); err != nil && !strings.Contains(err.Error(), "large") && !strings.Contains(err.Error(), "usable") {
			t.Fatalf("%q cleaned to %q which does not parse: %v", s, a.dec, err)
		}
	})
}

func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2027-01", "Jan-27", "January 2027", "FY27 P3", "FY13-14", "03/08/2015", "44562", "Q1", "TQ", "2024 estimate"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, serials bool) {
		p, err := parsePeriod(s, periodCtx{fyStart: time.April, serials: serials})
		if err != nil || p.noYear {
			return
		}
		if y := p.month.Year(); y < 1899 || y > 2201 || (p.months != 1 && p.months != 12) {
			t.Fatalf("%q gave %v ×%d", s, p.month, p.months)
		}
	})
}

// BenchmarkPreview100k imports a 100,000-row long-layout workbook
// (period × cost centre × category × amount) generated with StreamWriter.
func BenchmarkPreview100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.xlsx")
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	sw.SetRow("A1", []any{"Period", "Cost centre", "Category", "Supplier", "Amount"})
	cats := []string{"Salaries", "Contractors", "SaaS", "AWS", "Consulting", "Travel"}
	for i := 0; i < 100_000; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		m := plan.MustMonth("2025-01").Add(i % 24)
		sw.SetRow(cell, []any{m.String(), fmt.Sprintf("CC-%03d", i%50), cats[i%len(cats)], fmt.Sprintf("Supplier %d", i%997), float64(i%10000) + 0.25})
	}
	sw.Flush()
	if err := f.SaveAs(path); err != nil {
		b.Fatal(err)
	}
	f.Close()
	data, _ := os.ReadFile(path)
	p := newPortfolio("USD", time.January)
	b.ReportAllocs()
	b.ResetTimer()
	var peak uint64
	cpu0 := cpuSeconds()
	for i := 0; i < b.N; i++ {
		done := make(chan struct{})
		go func() { // sample the heap while the import runs
			var ms runtime.MemStats
			for {
				select {
				case <-done:
					return
				case <-time.After(20 * time.Millisecond):
					runtime.ReadMemStats(&ms)
					if ms.HeapAlloc > peak {
						peak = ms.HeapAlloc
					}
				}
			}
		}()
		pv, err := Preview(context.Background(), ingest.Source{Name: "big.xlsx", Data: data}, p, ingest.Options{})
		close(done)
		if err != nil || pv.HasErrors() || pv.RowsImported != 100_000 {
			b.Fatalf("%v %+v", err, pv.Problems)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric((cpuSeconds()-cpu0)/float64(b.N), "cpu-s/op")
}

// FuzzPreviewCSV feeds arbitrary bytes through the whole CSV import: it may
// refuse them, but must never panic (Preview turns a panic into an internal
// error, which this test treats as a failure).
func FuzzPreviewCSV(f *testing.F) {
	for _, s := range []string{"Period,Category,Amount\n2027-01,Tools,1\n", "a;b\n1;2,5\n", "Line,Jan,Feb\nX,1,2\nTotal,1,2\n", "\xFF\xFEP\x00,\x00A\x00", "title\n\nPeriod,Amount\nQ1,(1)\n"} {
		f.Add([]byte(s))
	}
	p := newPortfolio("USD", time.April)
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Preview(context.Background(), ingest.Source{Name: "fuzz.csv", Data: data}, p, ingest.Options{})
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatal(err)
		}
	})
}
