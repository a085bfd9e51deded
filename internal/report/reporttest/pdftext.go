package reporttest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
)

// PDFText is the text of the PDF data as pdftotext (poppler-utils) reads
// it, with pdftotext's extra arguments args (such as "-f", "3", "-l", "3"
// for page 3 alone). Without pdftotext the test is skipped, or fails under
// CI (make test installs it).
func PDFText(t testing.TB, data []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext (poppler-utils) is not installed; make test installs it")
		}
		t.Skip("pdftotext (poppler-utils) is not installed; make test installs it")
	}
	path := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, path, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

var pageObject = regexp.MustCompile(`/Type /Page\b[^s]`)

// PDFPages is how many pages the PDF data has.
func PDFPages(data []byte) int { return len(pageObject.FindAll(data, -1)) }

// PDFPageText is the text of page n (from 1) of the PDF data (PDFText).
func PDFPageText(t testing.TB, data []byte, n int) string {
	return PDFText(t, data, "-f", strconv.Itoa(n), "-l", strconv.Itoa(n))
}
