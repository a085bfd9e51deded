package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"steerco/internal/demo"
	"steerco/internal/outlook"
	"steerco/internal/plan"
	"steerco/internal/report"
)

var (
	exportOnce     sync.Once
	exportP        *plan.Portfolio
	exportF        *outlook.Forecast
	exportErr      error
	exportDay      = plan.MustDate("2026-11-21")
	exportTemplate = func(t *testing.T) report.Template {
		tm, err := report.LoadTemplate("monthly-status")
		if err != nil {
			t.Fatal(err)
		}
		return *tm
	}
)

func exportFixture(t *testing.T) (*plan.Portfolio, *outlook.Forecast) {
	t.Helper()
	exportOnce.Do(func() {
		exportP, exportErr = demo.Portfolio(exportDay)
		if exportErr == nil {
			exportF, exportErr = outlook.Run(context.Background(), exportP, outlook.Options{Trials: 300, Seed: 1, AsOf: exportDay})
		}
	})
	if exportErr != nil {
		t.Fatal(exportErr)
	}
	return exportP, exportF
}

func TestReportName(t *testing.T) {
	if got := ReportName("FHIR Migration", "board-pack", exportDay); got != "fhir-migration-board-pack-2026-11-21" {
		t.Errorf("ReportName = %q", got)
	}
}

func TestExportWritesBothAndLeavesNoTemporaryFile(t *testing.T) {
	p, f := exportFixture(t)
	dir := t.TempDir()
	pdfPath, xlsxPath := filepath.Join(dir, "r.pdf"), filepath.Join(dir, "r.xlsx")
	got, err := Export(context.Background(), p, f, exportTemplate(t), exportDay, pdfPath, xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Errorf("written %v", got)
	}
	head := map[string]string{pdfPath: "%PDF", xlsxPath: "PK\x03\x04"}
	for path, magic := range head {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), magic) || len(data) < 1000 {
			t.Errorf("%s: %d bytes starting %q", path, len(data), data[:min(8, len(data))])
		}
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 {
		t.Errorf("the folder holds %d entries, want just the two reports", len(ents))
	}
}

func TestExportFailures(t *testing.T) {
	p, f := exportFixture(t)
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o644)
	blocked := filepath.Join(dir, "blocked.pdf")
	os.Mkdir(blocked, 0o755) // a folder where the PDF should go: the final rename fails
	tests := []struct {
		name, pdf, xlsx, want string
	}{
		{"no output", "", "", "at least one output"},
		{"same file", filepath.Join(dir, "a"), filepath.Join(dir, "a"), "cannot both"},
		{"missing folder", filepath.Join(dir, "nope", "r.pdf"), "", "does not exist"},
		{"folder is a file", filepath.Join(notDir, "r.pdf"), "", "does not exist"},
		{"target is a folder", blocked, "", "cannot write"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Export(context.Background(), p, f, exportTemplate(t), exportDay, tc.pdf, tc.xlsx)
			if err == nil || !strings.Contains(plan.ErrorMessage(err)+err.Error(), tc.want) {
				t.Fatalf("error %v, want it to say %q", err, tc.want)
			}
			ents, _ := os.ReadDir(dir)
			for _, e := range ents {
				if strings.HasSuffix(e.Name(), ".tmp") {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("a refused export wrote a file")
	}
}

func TestExportCancelled(t *testing.T) {
	p, f := exportFixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := Export(ctx, p, f, exportTemplate(t), exportDay, filepath.Join(dir, "r.pdf"), ""); err == nil {
		t.Fatal("a cancelled export succeeded")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("a cancelled export left %d files", len(ents))
	}
}

// countdown is a context whose Err starts saying Canceled after n looks:
// a cancel at a chosen point of the work, without timing.
type countdown struct {
	context.Context
	n, looks atomic.Int64
}

func (c *countdown) Err() error {
	c.looks.Add(1)
	if c.n.Add(-1) < 0 {
		return context.Canceled
	}
	return nil
}

// A report cancelled while it is built or rendered (Ctrl-C in steerco
// report, Cancel in the window) stops there, says context.Canceled and
// writes nothing it had not finished: the board pack's build and the PDF,
// workbook and PowerPoint renderers look at the context as they go.
func TestExportCancelledWhileRenderingWritesNothingMore(t *testing.T) {
	p, f := exportFixture(t)
	tp := exportTemplate(t)
	full := &countdown{Context: context.Background()}
	full.n.Store(1 << 40)
	dir := t.TempDir()
	out := Outputs{PDF: filepath.Join(dir, "r.pdf"), XLSX: filepath.Join(dir, "r.xlsx"), PPTX: filepath.Join(dir, "r.pptx")}
	if _, err := ExportTo(full, p, f, tp, exportDay, out); err != nil {
		t.Fatal(err)
	}
	total := full.looks.Load()
	pdfOnly := &countdown{Context: context.Background()}
	pdfOnly.n.Store(1 << 40)
	if _, err := ExportTo(pdfOnly, p, f, tp, exportDay, Outputs{PDF: filepath.Join(t.TempDir(), "r.pdf")}); err != nil {
		t.Fatal(err)
	}
	// The workbook and the slides look at the context between their sheets
	// and slides, not only once before each file.
	if d := total - pdfOnly.looks.Load(); d < 6 {
		t.Fatalf("rendering the workbook and the slides looked at the context %d times; they should look as they go", d)
	}
	cancelledAt := 0
	for _, n := range []int64{total / 3, total / 2, total - 6, total - 2} {
		dir := t.TempDir()
		out := Outputs{PDF: filepath.Join(dir, "r.pdf"), XLSX: filepath.Join(dir, "r.xlsx"), PPTX: filepath.Join(dir, "r.pptx")}
		ctx := &countdown{Context: context.Background()}
		ctx.n.Store(n)
		written, err := ExportTo(ctx, p, f, tp, exportDay, out)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("cancelled after %d of %d looks: %v, want context.Canceled", n, total, err)
			continue
		}
		cancelledAt++
		entries, _ := os.ReadDir(dir)
		if len(entries) != len(written) {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("cancelled after %d of %d looks: the folder holds %v but the export says it wrote %v", n, total, names, written)
		}
	}
	if cancelledAt == 0 {
		t.Fatal("no export was cancelled")
	}
}
