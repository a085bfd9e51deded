package demotest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"steerco/internal/app"
	"steerco/internal/report"
	"steerco/internal/report/reporttest"
)

// TestDemoReportsHaveNoNearEmptyPage: the demo's board pack (and its other
// reports), written as `steerco report --demo` writes them (app.ExportTo:
// with the decisions measured and the saved scenarios), have no page less
// than a third full but the cover and the last, read back from the PDF
// (pdftoppm draws the pages; a page's fill is how far down its body the
// lowest mark reaches).
func TestDemoReportsHaveNoNearEmptyPage(t *testing.T) {
	p, f := forecast(t, 2000)
	for _, name := range []string{"board-pack", "monthly-status", "pi-review"} {
		t.Run(name, func(t *testing.T) {
			tp, err := report.LoadTemplate(name)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), name+".pdf")
			if _, err := app.ExportTo(context.Background(), p, f, *tp, today, app.Outputs{PDF: path}); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			reporttest.CheckPageFill(t, data)
		})
	}
}
