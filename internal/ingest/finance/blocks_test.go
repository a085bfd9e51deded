package finance

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// blockPack builds the finance pack layout: Actual and Budget month blocks
// side by side under a merged two-row header, the same month labels under
// each block, a Total column closing each block, a Variance block, a hidden
// GL code column, a subtotal and a grand total row.
func blockPack(t testing.TB) (data []byte, actual, budget int64) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Actual v Budget"
	f.SetSheetName("Sheet1", sh)
	months := []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	set := func(c, r int, v any) {
		cell, _ := excelize.CoordinatesToCellName(c, r)
		if err := f.SetCellValue(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	merge := func(c1, r1, c2, r2 int) {
		a, _ := excelize.CoordinatesToCellName(c1, r1)
		b, _ := excelize.CoordinatesToCellName(c2, r2)
		if err := f.MergeCell(sh, a, b); err != nil {
			t.Fatal(err)
		}
	}
	set(1, 1, "Engineering cost centres — Actual vs Budget 2027")
	// Columns: A cost centre, B category, C GL code (hidden), D–O actual
	// months, P actual total, Q–AB budget months, AC budget total, AD–AO variance.
	const actual0, budget0, var0 = 4, 17, 30
	for c, h := range []string{"Cost centre", "Category", "GL code"} {
		set(c+1, 3, h)
		merge(c+1, 3, c+1, 4)
	}
	for _, b := range []struct {
		name  string
		first int
		total bool
	}{{"Actual", actual0, true}, {"Budget", budget0, true}, {"Variance", var0, false}} {
		set(b.first, 3, b.name)
		last := b.first + 11
		if b.total {
			last++
			set(last, 4, "Total")
		}
		merge(b.first, 3, last, 3)
		for i, m := range months {
			set(b.first+i, 4, m)
		}
	}
	lines := []struct {
		cc, cat string
		gl      int
		base    int64 // cents
	}{{"CC-100", "Salaries", 5100, 4_210_033}, {"CC-100", "Cloud hosting", 6200, 87_517}, {"CC-200", "Contractors", 5300, 1_200_001}, {"CC-200", "SaaS licences", 6400, 33_333}}
	r := 5
	var sumA, sumB [12]int64
	for i, ln := range lines {
		if i == 2 { // a subtotal of CC-100 before CC-200
			set(1, r, "Subtotal CC-100")
			for m := 0; m < 12; m++ {
				set(actual0+m, r, cents(sumA[m]))
				set(budget0+m, r, cents(sumB[m]))
			}
			r++
		}
		set(1, r, ln.cc)
		set(2, r, ln.cat)
		set(3, r, ln.gl)
		var ta, tb int64
		for m := 0; m < 12; m++ {
			a := ln.base + int64(m*m*101) - int64(i*7)
			b := ln.base + int64(m*1000)
			set(actual0+m, r, cents(a))
			set(budget0+m, r, cents(b))
			set(var0+m, r, cents(a-b))
			sumA[m] += a
			sumB[m] += b
			ta += a
			tb += b
			actual += a
			budget += b
		}
		set(actual0+12, r, cents(ta))
		set(budget0+12, r, cents(tb))
		r++
	}
	set(1, r, "Total")
	merge(1, r, 3, r)
	for m := 0; m < 12; m++ {
		set(actual0+m, r, cents(sumA[m]))
		set(budget0+m, r, cents(sumB[m]))
	}
	set(actual0+12, r, cents(actual))
	set(budget0+12, r, cents(budget))
	if err := f.SetColVisible(sh, "C", false); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), actual, budget
}

// cents writes an amount as a finance workbook holds it: a number with two decimals.
func cents(c int64) float64 { return float64(c) / 100 }

func TestActualBudgetBlocks(t *testing.T) {
	data, actual, budget := blockPack(t)
	p := newPortfolio("USD", time.January)
	pv := preview(t, "pack.xlsx", data, p, ingest.Options{})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatalf("refused: %q", errs)
	}
	want := map[string]string{
		"actual total":   plan.Money{Minor: actual, Currency: "USD"}.Decimal(),
		"plan total":     plan.Money{Minor: budget, Currency: "USD"}.Decimal(),
		"actual 2027-01": "55308.42", "plan 2027-12": "55748.84",
	}
	for label, w := range want {
		if got := total(pv, label); got != w {
			t.Errorf("total %q = %s, want %s", label, got, w)
		}
	}
	if pv.RowsImported != 4 {
		t.Errorf("imported %d rows, want 4", pv.RowsImported)
	}
	var reasons []string
	for _, s := range pv.Skipped {
		reasons = append(reasons, fmt.Sprintf("row %d: %s", s.Row, s.Reason))
	}
	if len(reasons) != 2 || !strings.Contains(reasons[0], "row 7: total row \"Subtotal CC-100") || !strings.Contains(reasons[1], "row 10: total row \"Total") {
		t.Errorf("skipped %q", reasons)
	}
	after := applyTo(t, pv, p)
	if len(after.BudgetLines) != 4 {
		t.Errorf("%d lines", len(after.BudgetLines))
	}
	if got := sumLines(after, scActual); got != actual {
		t.Errorf("actual landed %d cents, want %d", got, actual)
	}
	if got := sumLines(after, scPlan); got != budget {
		t.Errorf("plan landed %d cents, want %d", got, budget)
	}
	for _, b := range after.BudgetLines {
		if len(b.Actual) != 12 || len(b.Plan) != 12 {
			t.Errorf("%s: %d actual months, %d plan months", b.Name, len(b.Actual), len(b.Plan))
		}
	}
	// The grid sees both blocks, the variance block and the hidden code column.
	cols := map[string]ingest.Column{}
	for _, c := range pv.Columns {
		cols[c.Name] = c
	}
	if c := cols["Actual Mar"]; c.Scenario != scActual || c.Period != "2027-03" {
		t.Errorf("Actual Mar: %+v", c)
	}
	if c := cols["Budget Mar"]; c.Scenario != scPlan || c.Period != "2027-03" {
		t.Errorf("Budget Mar: %+v", c)
	}
	if c := cols["Variance Mar"]; c.Field != "" || !strings.Contains(c.Note, "variance") {
		t.Errorf("Variance Mar: %+v", c)
	}
	// Idempotent.
	again := preview(t, "pack.xlsx", data, after, ingest.Options{})
	if len(again.Changes) != 0 {
		t.Errorf("re-import changes %+v", again.Changes)
	}
}

// The same layout saved as CSV: no merges, the group names carried right.
func TestActualBudgetBlocksCSV(t *testing.T) {
	data := []byte("Engineering Actual vs Budget 2027\n\nCost centre,Category,Actual,,Budget,,Variance,\n,,Jan,Feb,Jan,Feb,Jan,Feb\nCC-1,Cloud,100.25,110,120,120,-19.75,-10\nCC-2,Tools,5,5,5,5,0,0\nTotal,,105.25,115,125,125,-19.75,-10\n")
	pv := preview(t, "pack.csv", data, newPortfolio("USD", time.January), ingest.Options{})
	if errs := errorsOf(pv); len(errs) > 0 {
		t.Fatal(errs)
	}
	for label, w := range map[string]string{"actual total": "220.25", "plan total": "250.00", "actual 2027-02": "115.00"} {
		if got := total(pv, label); got != w {
			t.Errorf("%s = %s, want %s", label, got, w)
		}
	}
	if pv.RowsImported != 2 || len(pv.Skipped) != 1 {
		t.Errorf("imported %d, skipped %+v", pv.RowsImported, pv.Skipped)
	}
}
