package pdf

import (
	"strings"
	"testing"

	"codeberg.org/go-pdf/fpdf"
)

func fitRenderer() *renderer {
	f := fpdf.New("L", "mm", "A4", "")
	registerFonts(f)
	r := &renderer{f: f}
	r.font("", 8)
	return r
}

// TestFitIsLinear: shortening a text to a width measures each of its bytes
// a bounded number of times, so a 100,000-character title costs ten times
// a 10,000-character one, not a hundred (fit used to re-measure every
// shorter prefix, which made a long title take minutes).
func TestFitIsLinear(t *testing.T) {
	work := func(n int) int {
		r := fitRenderer()
		s := strings.Repeat("Consumer migration für Müller & Söhne ", n/38+1)[:n]
		got := r.fit(s, 120)
		if r.f.GetStringWidth(got) > 120 || !strings.HasSuffix(got, "…") {
			t.Fatalf("fit(%d chars) = %q: too wide or not shortened", n, got)
		}
		return r.measured
	}
	small, large := work(10000), work(100000)
	if large > 3*100000 {
		t.Errorf("fit measured %d bytes for a 100,000-byte text: want at most 3 per byte", large)
	}
	if large > 12*small {
		t.Errorf("fit work grows faster than the text: %d for 10k, %d for 100k", small, large)
	}
}

// TestFitKeepsWhatFits: the longest prefix that fits with its ellipsis,
// trailing spaces dropped; a text that fits is returned as is.
func TestFitKeepsWhatFits(t *testing.T) {
	r := fitRenderer()
	if got := r.fit("Short", 100); got != "Short" {
		t.Errorf("fit = %q", got)
	}
	s := "Provider Access API: attribution lists (Group, $davinci-data-export)"
	w := r.f.GetStringWidth("Provider Access API:…")
	if got := r.fit(s, w); got != "Provider Access API:…" {
		t.Errorf("fit = %q, want the prefix that fits", got)
	}
	if got := r.fit(s, r.f.GetStringWidth("Provider Access …")); got != "Provider Access…" {
		t.Errorf("fit = %q, want the trailing space dropped", got)
	}
	if got := r.fit(s, 0.1); got != "…" {
		t.Errorf("fit = %q", got)
	}
}
