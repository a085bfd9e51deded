package scaletest_test

import (
	"context"
	"path/filepath"
	"testing"

	"steerco/internal/outlook/scaletest"
	"steerco/internal/sqlite"
)

// BenchmarkOpen10000 opens the generated portfolio (10,000 items, 1,000
// risks, 500 budget lines × 60 months, 100,000 deployments) from its file
// and reads it whole: what a person waits for at File › Open (target < 1 s).
//
//	go test -run '^$' -bench Open10000 -benchtime 3x -benchmem ./internal/outlook/scaletest
func BenchmarkOpen10000(b *testing.B) {
	ctx := context.Background()
	path := filepath.Join(b.TempDir(), "scale.steerco")
	db, err := sqlite.Create(ctx, path, scaletest.Portfolio(scaletest.Options{}))
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		db, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Portfolio(ctx); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
