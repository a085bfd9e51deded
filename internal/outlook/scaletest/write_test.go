package scaletest_test

import (
	"context"
	"os"
	"testing"

	"steerco/internal/outlook/scaletest"
	"steerco/internal/sqlite"
)

// TestWriteScalePortfolio writes the generated scale portfolio to the file
// STEERCO_SCALE_OUT names, to time the real binary on it:
//
//	STEERCO_SCALE_OUT=/tmp/scale.steerco go test -run WriteScalePortfolio ./internal/outlook/scaletest
//	steerco forecast /tmp/scale.steerco --no-risks --as-of 2026-12-07
func TestWriteScalePortfolio(t *testing.T) {
	path := os.Getenv("STEERCO_SCALE_OUT")
	if path == "" {
		t.Skip("set STEERCO_SCALE_OUT=FILE.steerco to write the scale portfolio")
	}
	db, err := sqlite.Create(context.Background(), path, scaletest.Portfolio(scaletest.Options{}))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}
