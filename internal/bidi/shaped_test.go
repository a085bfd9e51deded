package bidi

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	xbidi "golang.org/x/text/unicode/bidi"
)

// drawLikeFyne draws a line as Fyne 2.7 does (internal/painter walkString
// with go-text's Segmenter): x/text's bidi analysis of the line cuts it
// into runs of one direction, in the order of the text; each run is cut
// again where the script or the font changes (here, at the worst: at
// every change between a letter, a digit and any other character); each
// piece is shaped on its own (a right-to-left one reversed, its brackets
// mirrored) and the pieces are placed left to right in the order of the
// text. It returns the runes drawn, without the invisible marks.
func drawLikeFyne(t *testing.T, s string) string {
	t.Helper()
	var p xbidi.Paragraph
	if _, err := p.SetString(s, xbidi.DefaultDirection(xbidi.LeftToRight)); err != nil {
		t.Fatalf("SetString(%q): %v", s, err)
	}
	o, err := p.Order()
	if err != nil {
		t.Fatalf("Order(%q): %v", s, err)
	}
	kind := func(r rune) int {
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			return 0
		case unicode.IsDigit(r):
			return 1
		}
		return 2 + int(r) // every other character on its own
	}
	var out []rune
	rs := []rune(s)
	for i := 0; i < o.NumRuns(); i++ {
		run := o.Run(i)
		a, b := run.Pos()
		seg := rs[a : b+1]
		for len(seg) > 0 {
			k := 1
			for k < len(seg) && kind(seg[k]) == kind(seg[0]) {
				k++
			}
			piece := seg[:k]
			seg = seg[k:]
			if run.Direction() == xbidi.RightToLeft {
				for j := len(piece) - 1; j >= 0; j-- {
					// a mark stays after its letter: reverse clusters
					q := j
					for q > 0 && unicode.Is(unicode.Mn, piece[q]) {
						q--
					}
					out = append(out, mirror(piece[q]))
					out = append(out, piece[q+1:j+1]...)
					j = q
				}
			} else {
				out = append(out, piece...)
			}
		}
	}
	var b strings.Builder
	for _, r := range out {
		if !invisible(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func TestShapedDrawsInDisplayOrder(t *testing.T) {
	for _, s := range []string{
		"תיק פרויקטים 2027",
		"Plan תיק פרויקטים 2027 end",
		"פרק 3 של הספר",
		"שלום (13 May 2027)",
		"תוכנית (Q1) ₪1,500 לחודש",
		"שלום, עולם",
		"see (תיק) now",
		"הושלם 45%",
		"עד 2027-03-31",
		"שָׁלוֹם עולם 2",
		" שלום ",
		"FHIR API — צוות 3 (Q2)",
		// names isolated in a sentence built around them, as the window's
		"47% · " + Isolate("אבן דרך 2") + " (22 Apr 2027)",
		"Principal threat: " + Isolate("השקה") + ", 46% chance of 1 May 2027",
		Isolate("תיק פרויקטים 2027") + " · 7 Dec 2026",
	} {
		if got, want := drawLikeFyne(t, Shaped(s)), Visual(s); got != want {
			t.Errorf("%q: drawn %q, want %q (shaped %q)", s, got, want, Shaped(s))
		}
	}
	// the renderer model shows the fault Shaped mends: the raw line is
	// drawn with its pieces in typing order
	if s := "פרק 3 של הספר"; drawLikeFyne(t, s) == Visual(s) {
		t.Errorf("the raw line %q is drawn in display order: the model of Fyne's renderer is wrong", s)
	}
}

// Each line of a text of several lines is a paragraph of its own: its
// direction is its own, and it stays in its place.
func TestShapedKeepsLinesInPlace(t *testing.T) {
	s := "פרק 3 של הספר\nCost only:\n• " + Isolate("תשלומים בזמן אמת") + " — likely, cost 2"
	got := strings.Split(Shaped(s), "\n")
	want := strings.Split(s, "\n")
	if len(got) != len(want) {
		t.Fatalf("Shaped(%q) has %d lines, want %d", s, len(got), len(want))
	}
	for i := range want {
		if d, v := drawLikeFyne(t, got[i]), Visual(want[i]); d != v {
			t.Errorf("line %d: drawn %q, want %q", i+1, d, v)
		}
	}
	if v := Visual(s); strings.Split(v, "\n")[0] != Visual("פרק 3 של הספר") {
		t.Errorf("Visual moved the first line: %q", v)
	}
}

func TestShapedLeavesLeftToRightAlone(t *testing.T) {
	s := "Checkout rebuild — P85 12 Mar 2027 (62 %)"
	if got := Shaped(s); got != s {
		t.Errorf("Shaped(%q) = %q", s, got)
	}
	if a := testing.AllocsPerRun(100, func() { _ = Shaped(s) }); a != 0 {
		t.Errorf("Shaped of a left-to-right line allocates %v times", a)
	}
}

// Generated lines of Hebrew, English, digits and punctuation are drawn in
// display order, with every character kept.
func TestShapedGenerated(t *testing.T) {
	alphabet := []rune("שלוםעבדהפרק abcXYZ 0123456789 ()[]-,.:;%₪$/+!?\u05b8\u05bc")
	r := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		n := 1 + r.IntN(24)
		rs := make([]rune, n)
		for k := range rs {
			rs[k] = alphabet[r.IntN(len(alphabet))]
		}
		if unicode.Is(unicode.Mn, rs[0]) {
			rs[0] = 'ש'
		}
		s := string(rs)
		if got, want := drawLikeFyne(t, Shaped(s)), Visual(s); got != want {
			t.Fatalf("%q: drawn %q, want %q (shaped %q)", s, got, want, Shaped(s))
		}
	}
}

func FuzzShaped(f *testing.F) {
	for _, s := range []string{"פרק 3 של הספר", "Plan תיק 2027 end", "שלום (13 May 2027)", "a\u2068שלום 1\u2069 b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\n\r\t") {
			return // isolates and embeddings: x/text's model of the renderer does not take them
		}
		for _, r := range s {
			if unicode.IsControl(r) || unicode.Is(unicode.Mn, r) || r >= 0x300 && !(r >= 0x590 && r <= 0x5ff) && r != '₪' {
				return // the model's clusters and classes hold for Latin, Hebrew and common signs
			}
		}
		if got, want := drawLikeFyne(t, Shaped(s)), Visual(s); got != want {
			t.Fatalf("%q: drawn %q, want %q (shaped %q)", s, got, want, Shaped(s))
		}
	})
}
