package app

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"steerco/internal/report"
)

// pdfWords is the text of the PDF at path as pdftotext reads it, its
// whitespace folded to single spaces.
func pdfWords(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	out, err := exec.Command(bin, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// The demo's decision sheet quotes what its option costs honestly: the
// fiscal year it starts in and what it costs a year once the hires are on
// board ("USD 17k in FY2027, then USD 403k a year"), in the ask, the
// recommendation and the options, read back from the PDF.
func TestDemoDecisionSheetCost(t *testing.T) {
	p, f := exportFixture(t)
	tm, err := report.LoadTemplate("decision")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "decision.pdf")
	if _, err := ExportTo(context.Background(), p, f, *tm, exportDay, Outputs{PDF: path}); err != nil {
		t.Fatal(err)
	}
	text := pdfWords(t, path)
	// Two engineers at the team's loaded cost: USD 403k a year; the first
	// fiscal year holds only the weeks from their start to its end.
	cost := `USD [0-9,.]+k? in FY2027, then USD 403k a year`
	for _, want := range []string{
		`Recommendation: Hire 2 engineers for [^—]+— it lifts the [^.]+ for ` + cost + `\.`,
		`The ask: approve this option now, at ` + cost + `; the expected penalty is`,
		`Option 1: Hire 2 engineers [^·]+ Cost ` + cost + ` · chance`,
	} {
		if !regexp.MustCompile(want).MatchString(text) {
			t.Errorf("the decision sheet lacks %q:\n%s", want, text)
		}
	}
	if regexp.MustCompile(`approve USD [0-9,.]+k? for`).MatchString(text) {
		t.Errorf("the ask still quotes the first year's cost alone:\n%s", text)
	}
}
