package pdf_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"steerco/internal/report"
)

// TestRenderSlides reads the board deck back: one 16:9 page per slide
// (13.333 × 7.5 in = 960 × 540 pt), each slide's title and footer on its
// page, and the fonts at slide size (titles 28 pt, nothing under 12 pt).
func TestRenderSlides(t *testing.T) {
	for _, tmpl := range []string{"board-deck", "decision"} {
		t.Run(tmpl, func(t *testing.T) {
			b := build(t, tmpl)
			if !b.Slides {
				t.Fatalf("template %s does not ask for slides", tmpl)
			}
			data := render(t, b)
			slides := report.Slides(b)
			pages := strings.Split(strings.TrimRight(pdfText(t, data, false), "\f"), "\f")
			if len(pages) != len(slides) {
				t.Fatalf("%d pages, want one per slide (%d)", len(pages), len(slides))
			}
			if tmpl == "board-deck" && (len(slides) < 6 || len(slides) > 10) {
				t.Errorf("%d slides; a board deck has 6 to 10", len(slides))
			}
			for i, sl := range slides {
				page := strings.Join(strings.Fields(pages[i]), " ")
				// The title may wrap; compare its words.
				if !strings.Contains(page, strings.Join(strings.Fields(sl.Title), " ")) {
					t.Errorf("page %d lacks its title %q:\n%s", i+1, sl.Title, page)
				}
				if sl.Table != nil && len(sl.Table.Rows) > report.MaxSlideRows {
					t.Errorf("slide %d has a table of %d rows", i+1, len(sl.Table.Rows))
				}
			}
			if again := render(t, build(t, tmpl)); !bytes.Equal(data, again) {
				t.Error("two renders of the same deck differ")
			}
			path := filepath.Join(t.TempDir(), "d.pdf")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			info, err := exec.Command("pdfinfo", path).Output()
			if err != nil {
				t.Skip("pdfinfo not installed")
			}
			if !regexp.MustCompile(`Page size:\s+960(\.\d+)? x 540(\.\d+)? pts`).Match(info) {
				t.Errorf("page size is not 13.333 × 7.5 in:\n%s", info)
			}
		})
	}
}
