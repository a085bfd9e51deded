package main

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestReportVerbDeck writes the board deck as PDF and PowerPoint and every
// chart as PNG and SVG, then reads them back.
func TestReportVerbDeck(t *testing.T) {
	file, _ := rpSmallFile(t)
	dir := t.TempDir()
	charts := filepath.Join(dir, "charts")
	if err := os.Mkdir(charts, 0o755); err != nil {
		t.Fatal(err)
	}
	pdfPath, pptxPath := filepath.Join(dir, "deck.pdf"), filepath.Join(dir, "deck.pptx")
	code, out, errs := rpRun(file, "--template", "board-deck", "--pdf", pdfPath, "--pptx", pptxPath, "--charts", charts, "--trials", "500")
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errs)
	}
	for _, want := range []string{"wrote " + pdfPath, "wrote " + pptxPath, "roadmap.png", "roadmap.svg", "riskmatrix.svg"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	zr, err := zip.OpenReader(pptxPath)
	if err != nil {
		t.Fatalf("the pptx is not a zip: %v", err)
	}
	defer zr.Close()
	slides := 0
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "ppt/slides/slide") && strings.HasSuffix(f.Name, ".xml") {
			slides++
		}
	}
	if slides < 6 || slides > 10 {
		t.Errorf("%d slides, want 6 to 10", slides)
	}
	text := rpText(t, pdfPath)
	for i := 1; i <= slides; i++ { // every page's footer counts the slides
		if !strings.Contains(text, " · "+rpItoa(i)+" / "+rpItoa(slides)) {
			t.Errorf("the PDF has no page %d of %d", i, slides)
		}
	}
	for _, want := range []string{"THE DECISION", "The chain that drives the date"} {
		if !strings.Contains(text, want) {
			t.Errorf("deck PDF lacks %q", want)
		}
	}
	ents, _ := os.ReadDir(charts)
	var pngs, svgs int
	for _, e := range ents {
		b, _ := os.ReadFile(filepath.Join(charts, e.Name()))
		switch filepath.Ext(e.Name()) {
		case ".png":
			pngs++
			if len(b) < 8 || string(b[1:4]) != "PNG" {
				t.Errorf("%s is not a PNG", e.Name())
			}
		case ".svg":
			svgs++
			if !strings.Contains(string(b), "<svg") {
				t.Errorf("%s is not an SVG", e.Name())
			}
		}
	}
	if pngs == 0 || pngs != svgs {
		t.Errorf("%d PNG and %d SVG charts", pngs, svgs)
	}
	// A charts folder that does not exist: a clear error, nothing written.
	code, _, errs = rpRun(file, "--template", "board-deck", "--pptx", filepath.Join(dir, "b.pptx"), "--charts", filepath.Join(dir, "nope"), "--trials", "200")
	if code == 0 || !strings.Contains(errs, "does not exist") {
		t.Errorf("missing charts folder: exit %d, %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "b.pptx")); err == nil {
		t.Error("a pptx was written although the charts folder does not exist")
	}
}
