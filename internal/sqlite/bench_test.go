package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"steerco/internal/plan"
)

// BenchmarkPortfolio loads 2,000 items and 200 budget lines × 36 months of
// plan and actuals (the target is well under 100 ms).
func BenchmarkPortfolio(b *testing.B) {
	db := newFile(b, largePortfolio(2000, 200, 36))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := db.Portfolio(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdateSmall is one field edit on the same portfolio: what a person
// waits for after changing an estimate in the app.
func BenchmarkUpdateSmall(b *testing.B) {
	db := newFile(b, largePortfolio(2000, 200, 36))
	ctx := context.Background()
	n := 0
	b.ReportAllocs()
	for b.Loop() {
		n++
		err := db.Update(ctx, "edit estimate", func(p *plan.Portfolio) error {
			p.Items[7].Estimate.High = float64(20 + n%2)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUpdateLargeBudget is a 100,000-row finance import: every actual
// of 2,000 budget lines × 50 months changes (the file holds 200,000 amounts).
// The target is a few seconds.
func BenchmarkUpdateLargeBudget(b *testing.B) {
	ctx := context.Background()
	base := largePortfolio(200, 2000, 50)
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "big.steerco")
		db, err := Create(ctx, path, base)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		err = db.Update(ctx, "import finance actuals.xlsx", func(p *plan.Portfolio) error {
			for i := range p.BudgetLines {
				a := p.BudgetLines[i].Actual
				for k := range a {
					a[k].Amount.Minor += 1 + int64(k)
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
}

// BenchmarkOpen opens (checks the header, the whole schema and quick_check,
// then opens and reads) a portfolio of 10,000 items and 500 budget lines ×
// 60 months: the "open < 1 s" target of issue 15.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	db := newFile(b, largePortfolio(10000, 500, 60))
	path := db.Path()
	db.Close()
	b.ReportAllocs()
	for b.Loop() {
		db, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Portfolio(ctx); err != nil {
			b.Fatal(err)
		}
		db.Close()
	}
}

// BenchmarkValidText is the text check of every load (validText) on the
// 10,000-item portfolio of BenchmarkOpen: a small part of its open.
func BenchmarkValidText(b *testing.B) {
	p := largePortfolio(10000, 500, 60)
	b.ReportAllocs()
	for b.Loop() {
		if validText(p) {
			b.Fatal("the generated portfolio has invalid text")
		}
	}
}
