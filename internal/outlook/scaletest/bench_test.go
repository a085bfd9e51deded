package scaletest_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"steerco/internal/outlook"
	"steerco/internal/outlook/scaletest"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/xlsx"
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

// BenchmarkReport10000 builds the board pack of the generated portfolio
// from a real forecast (1,000 trials: the pack's size does not depend on
// the trials) and renders its PDF and workbook; it reports the PDF's pages
// (target ≤ ~30).
//
//	go test -run '^$' -bench Report10000 -benchtime 1x -benchmem ./internal/outlook/scaletest
func BenchmarkReport10000(b *testing.B) {
	p := scaletest.Portfolio(scaletest.Options{})
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 1000, AsOf: scaletest.AsOf})
	if err != nil {
		b.Fatal(err)
	}
	tp, err := report.LoadTemplate("board-pack")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		br, err := report.Build(p, f, *tp, scaletest.AsOf)
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := pdf.Render(&buf, br); err != nil {
			b.Fatal(err)
		}
		pages = len(regexp.MustCompile(`/Type /Page\b[^s]`).FindAll(buf.Bytes(), -1))
		if err := xlsx.Render(io.Discard, br); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(pages), "pages")
}

// BenchmarkCancelReport10000 cancels the board pack of the generated
// portfolio (build, PDF, workbook, as `steerco report` makes them) at
// several moments and reports the longest wait from the cancel to the
// return (target: under a second).
//
//	go test -run '^$' -bench CancelReport10000 -benchtime 1x ./internal/outlook/scaletest
func BenchmarkCancelReport10000(b *testing.B) {
	p := scaletest.Portfolio(scaletest.Options{})
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 1000, AsOf: scaletest.AsOf})
	if err != nil {
		b.Fatal(err)
	}
	tp, err := report.LoadTemplate("board-pack")
	if err != nil {
		b.Fatal(err)
	}
	pack := func(ctx context.Context) error {
		br, err := report.Build(p, f, *tp, scaletest.AsOf, report.WithContext(ctx))
		if err != nil {
			return err
		}
		if err := pdf.RenderContext(ctx, io.Discard, br); err != nil {
			return err
		}
		return xlsx.RenderContext(ctx, io.Discard, br)
	}
	worst := time.Duration(0)
	for b.Loop() {
		for _, at := range []time.Duration{20 * time.Millisecond, 300 * time.Millisecond, time.Second, 2 * time.Second, 4 * time.Second} {
			ctx, cancel := context.WithCancel(context.Background())
			var when time.Time
			t := time.AfterFunc(at, func() { when = time.Now(); cancel() })
			err := pack(ctx)
			end := time.Now()
			t.Stop()
			cancel()
			if err == nil {
				continue // finished before the cancel
			}
			if !errors.Is(err, context.Canceled) {
				b.Fatal(err)
			}
			worst = max(worst, end.Sub(when))
		}
	}
	b.ReportMetric(float64(worst.Milliseconds()), "worst-cancel-ms")
}
