package reporttest

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
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

// PDFPageFills says how full each page of the PDF data is, as pdftoppm
// (poppler-utils) draws it: for each page, how far down its body the
// lowest mark reaches, from 0 (nothing below the running header) to 1
// (down to the running footer). The body is the board pack's: from 22 mm
// below the top edge to 16 mm above the bottom one (the header and footer
// are outside it and do not count).
func PDFPageFills(t testing.TB, data []byte) []float64 {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftoppm (poppler-utils) is not installed; make test installs it")
		}
		t.Skip("pdftoppm (poppler-utils) is not installed; make test installs it")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	const dpi = 36
	if out, err := exec.Command(bin, "-r", strconv.Itoa(dpi), "-gray", path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	pages, err := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages) // pdftoppm pads the numbers to the same width
	mm := func(x float64) int { return int(x * dpi / 25.4) }
	fills := make([]float64, len(pages))
	for i, p := range pages {
		w, h, pix, err := readPGM(p)
		if err != nil {
			t.Fatal(err)
		}
		top, bot := mm(22), h-mm(16)
		last := top
		for y := mm(17); y < h-mm(14); y++ {
			for x := 0; x < w; x++ {
				if pix[y*w+x] < 240 {
					last = max(last, y)
					break
				}
			}
		}
		fills[i] = min(1, float64(last-top)/float64(bot-top))
	}
	return fills
}

// readPGM reads a binary (P5) 8-bit greyscale image as pdftoppm writes it.
func readPGM(path string) (w, h int, pix []byte, err error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0, nil, err
	}
	// The header: "P5", width, height and the largest value, separated by
	// white space, then one white-space byte before the pixels.
	var fields []int
	i := 2
	for len(fields) < 3 && i < len(data) {
		for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t') {
			i++
		}
		v := 0
		for ; i < len(data) && data[i] >= '0' && data[i] <= '9'; i++ {
			v = v*10 + int(data[i]-'0')
		}
		fields = append(fields, v)
	}
	if !strings.HasPrefix(string(data[:min(2, len(data))]), "P5") || len(fields) != 3 || fields[2] != 255 || i >= len(data) {
		return 0, 0, nil, fmt.Errorf("%s: not an 8-bit PGM image", path)
	}
	w, h, pix = fields[0], fields[1], data[i+1:]
	if len(pix) < w*h {
		return 0, 0, nil, fmt.Errorf("%s: %d bytes of pixels, want %d", path, len(pix), w*h)
	}
	return w, h, pix, nil
}

// MinFill is how full a page of a board pack is at least, as the reader
// sees it (PDFPageFills), the cover and the last page excepted: a page
// with a heading or a few lines, then a page break, reads as a mistake.
const MinFill = 1.0 / 3

// CheckPageFill fails t on every page of the PDF data but the first (the
// cover) and the last that is less than MinFill full, naming the page and
// its first words, and on an empty last page; it logs every page's fill.
func CheckPageFill(t testing.TB, data []byte) {
	t.Helper()
	fills := PDFPageFills(t, data)
	if len(fills) != PDFPages(data) {
		t.Fatalf("%d pages drawn, the PDF has %d", len(fills), PDFPages(data))
	}
	var b strings.Builder
	for i, fill := range fills {
		n := i + 1
		fmt.Fprintf(&b, " %d:%.0f%%", n, fill*100)
		last := n == len(fills)
		if n == 1 || (last && fill > 0) || (!last && fill >= MinFill) {
			continue
		}
		text := strings.Join(strings.Fields(PDFPageText(t, data, n)), " ")
		t.Errorf("page %d of %d is %.0f%% full: %.200q", n, len(fills), fill*100, text)
	}
	t.Logf("%d pages, filled%s", len(fills), b.String())
}
