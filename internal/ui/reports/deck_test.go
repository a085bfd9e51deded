package reports

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestExportDeckAndCharts offers PowerPoint and the charts one by one: the
// board deck as slides, and every chart as PNG and SVG in a folder of its own.
func TestExportDeckAndCharts(t *testing.T) {
	h := newHarness(t)
	s := h.s
	s.SelectTemplate("board-deck")
	if !strings.HasSuffix(s.pptxName.Text, "-board-deck-2026-11-21.pptx") {
		t.Errorf("default PowerPoint name %q", s.pptxName.Text)
	}
	out := filepath.Join(h.dir, "deck")
	os.Mkdir(out, 0o755)
	s.folder.SetText(out)
	s.xlsx.SetChecked(false)
	s.pptx.SetChecked(true)
	s.charts.SetChecked(true)
	test.Tap(s.export)
	h.wait()
	if s.message.Importance != widget.SuccessImportance {
		t.Fatalf("export failed: %s", s.message.Text)
	}
	for _, want := range []string{".pdf", ".pptx", "chart files in"} {
		if !strings.Contains(s.message.Text, want) {
			t.Errorf("message %q lacks %q", s.message.Text, want)
		}
	}
	charts, _ := filepath.Glob(filepath.Join(out, "*-charts", "*.svg"))
	pngs, _ := filepath.Glob(filepath.Join(out, "*-charts", "*.png"))
	if len(charts) == 0 || len(charts) != len(pngs) {
		t.Errorf("%d SVG and %d PNG charts", len(charts), len(pngs))
	}
	deck, _ := filepath.Glob(filepath.Join(out, "*.pptx"))
	if len(deck) != 1 {
		t.Fatalf("pptx files: %v", deck)
	}
}
