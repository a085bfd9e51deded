package scaletest_test

import (
	"bytes"
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"steerco/internal/outlook"
	"steerco/internal/outlook/scaletest"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/pptx"
	"steerco/internal/report/xlsx"
)

// countdown is a context that its own checks cancel: Err answers nil n
// times, then context.Canceled, so a test cancels in the middle of a phase
// without any timing.
type countdown struct {
	context.Context
	n atomic.Int64
}

func after(n int) *countdown {
	c := &countdown{Context: context.Background()}
	c.n.Store(int64(n))
	return c
}

func (c *countdown) Err() error {
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// Compiling, building the board pack and rendering its PDF, workbook and PowerPoint
// of the 10,000-item programme look at their context as they go: cancelled
// before, or after a few of their looks, each stops with context.Canceled
// (and a renderer writes nothing); the time a cancel waits is
// BenchmarkCancel10000's and BenchmarkReport10000's to measure.
func TestCancelCompileAndReport(t *testing.T) {
	p := scaletest.Portfolio(scaletest.Options{})
	for _, n := range []int{0, 1, 3, 8} { // 8: inside the items (a look every 1,024)
		if _, _, err := outlook.CompileContext(after(n), p, scaletest.AsOf, ""); !errors.Is(err, context.Canceled) {
			t.Errorf("compile cancelled after %d looks: %v, want context.Canceled", n, err)
		}
	}
	f, err := outlook.Run(context.Background(), p, outlook.Options{Trials: 100, AsOf: scaletest.AsOf})
	if err != nil {
		t.Fatal(err)
	}
	tp, err := report.LoadTemplate("board-pack")
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{0, 4} {
		if _, err := report.Build(p, f, *tp, scaletest.AsOf, report.WithContext(after(n))); !errors.Is(err, context.Canceled) {
			t.Errorf("board pack cancelled after %d looks: %v, want context.Canceled", n, err)
		}
	}
	br, err := report.Build(p, f, *tp, scaletest.AsOf, report.WithContext(after(1<<30)))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []struct {
		name   string
		render func(context.Context, *bytes.Buffer) error
		looks  []int
	}{
		{"PDF", func(ctx context.Context, w *bytes.Buffer) error { return pdf.RenderContext(ctx, w, br) }, []int{0, 4}},
		{"workbook", func(ctx context.Context, w *bytes.Buffer) error { return xlsx.RenderContext(ctx, w, br) }, []int{0, 5, 12}},
		{"PowerPoint", func(ctx context.Context, w *bytes.Buffer) error { return pptx.RenderContext(ctx, w, br) }, []int{0, 2}},
	} {
		for _, n := range r.looks {
			var buf bytes.Buffer
			if err := r.render(after(n), &buf); !errors.Is(err, context.Canceled) || buf.Len() > 0 {
				t.Errorf("%s cancelled after %d looks: %v and %d bytes written, want context.Canceled and none", r.name, n, err, buf.Len())
			}
		}
	}
}
