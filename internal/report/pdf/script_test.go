package pdf

import (
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"steerco/internal/bidi"
)

// A Hebrew string is measured in the Hebrew font: as wide as its Go
// part plus its Hebrew part, each measured in its own font, and never as
// the Go font's missing-glyph boxes.
func TestHebrewWidths(t *testing.T) {
	r := fitRenderer()
	latin, heb := "Budget 2027 ", "תקציב שנתי"
	got := r.strWidth(latin + heb)
	want := r.f.GetStringWidth(latin) + r.hebWidth(heb)
	if d := got - want; d > 1e-9 || d < -1e-9 {
		t.Errorf("width of a mixed line %.4f, want %.4f (Go part plus Hebrew part)", got, want)
	}
	// fpdf measures the Hebrew font the same way once it is selected
	r.useHebrew()
	fp := r.f.GetStringWidth(heb)
	r.useGo()
	if d := fp - r.hebWidth(heb); d > 1e-6 || d < -1e-6 {
		t.Errorf("Hebrew width %.4f from the font's advances, fpdf measures %.4f", r.hebWidth(heb), fp)
	}
	if boxes := r.f.GetStringWidth(heb); boxes == fp {
		t.Errorf("the Go font measures Hebrew as wide as the Hebrew font (%.3f): the test measures nothing", boxes)
	}
	r.font("B", 8)
	if r.hebWidth(heb) == fp {
		t.Error("bold Hebrew is measured with the regular font's advances")
	}
}

// Plain strings (no right-to-left character, nothing the Go fonts lack)
// take fpdf's own path; Hebrew ones do not.
func TestPlain(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Consumer migration für Müller & Söhne — Zoë Ødegård", true},
		{"Ελληνικά и кириллица", true},
		{"● ▲ ■ …", true},
		{"מעבר לענן", false},
		{"Phase 2 (שלב ב)", false},
		{"a\u200fb", false}, // a direction mark: dropped, not drawn as a box
	} {
		if got := plain(tc.s); got != tc.want {
			t.Errorf("plain(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

// Shortening and wrapping a Hebrew text keep it within the width, and
// shortening costs in proportion to the text's length, as for a Latin one.
func TestHebrewFitAndWrap(t *testing.T) {
	r := fitRenderer()
	s := strings.Repeat("הגירת מסד נתונים ל-PostgreSQL 16 ", 3000)
	got := r.fit(s, 120)
	if w := r.strWidth(got); w > 120 || !strings.HasSuffix(got, "…") {
		t.Fatalf("fit gave a line %.1f mm wide (want ≤ 120, ending in …): %q", w, got[:min(len(got), 80)])
	}
	if r.measured > 3*len(s) {
		t.Errorf("fit measured %d bytes for a %d-byte text: want at most 3 per byte", r.measured, len(s))
	}
	lines := r.lines(strings.Repeat("תוכנית עבודה רבעונית של כל הצוותים בארגון ", 20)+"מילהארוכהמאודשאיןבהרווחכללוהיאממשיכהוממשיכהוממשיכהוממשיכהוממשיכהוממשיכה", 60)
	if len(lines) < 10 {
		t.Errorf("wrapped into %d lines, want the text spread over many", len(lines))
	}
	for _, l := range lines {
		if w := r.strWidth(l); w > 60+1e-9 || l == "" {
			t.Errorf("wrapped line %.1f mm wide (want 0 < w ≤ 60): %q", w, l)
		}
	}
}

// A sentence wrapped inside an isolated Hebrew name reads its figures in
// the order written on every line: the line that starts in the middle of
// the name still runs left to right with the figures outside the name
// (carry), and a line holding a piece of the name without its Hebrew
// draws no direction control.
func TestWrappedHebrewNameKeepsFiguresInOrder(t *testing.T) {
	r := fitRenderer()
	para := "Measured with the change applied: " + bidi.Isolate("מעבר לענן — שלב") + " 61% → 99%; " +
		bidi.Isolate("API צוות ממשק") + " 48% → 81%; 3 more."
	digits := regexp.MustCompile(`[0-9]+`)
	want := digits.FindAllString(para, -1)
	broken := 0
	for w := 20.0; w <= 140; w++ {
		ls := r.lines(para, w)
		var got []string
		for _, l := range ls {
			v := bidi.Visual(valid(l))
			got = append(got, digits.FindAllString(v, -1)...)
			if !bidi.RTL(l) && strings.ContainsAny(valid(l), "\u200e\u2066\u2067\u2068\u2069") {
				t.Errorf("width %.0f: the line %q, drawn in the Go font, keeps its direction controls", w, valid(l))
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("width %.0f: the figures read %v, written %v; lines %q", w, got, want, ls)
		}
		if len(ls) > 1 && !strings.Contains(ls[0], "\u2069") {
			broken++ // the first line ends inside the first name
		}
	}
	if broken == 0 {
		t.Error("no width wraps inside a name: the test tests nothing")
	}
}

// FuzzTextLayout: any title (Hebrew, Latin, controls, invalid UTF-8) is
// shortened and wrapped within its width and drawn without an fpdf error.
func FuzzTextLayout(f *testing.F) {
	for _, s := range []string{"", "Patient resource API", "מעבר לענן — שלב 2", "תוכנית (Q1) ₪1,500 and more", "\u2068תיק\u2069 · 7 Dec", "\xff\xfeשָׁלוֹם"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := fitRenderer()
		r.f.AddPage()
		if got := r.fit(s, 40); r.strWidth(got) > 40+1e-9 && got != "…" {
			t.Fatalf("fit(%q) = %q, %.2f mm wide", s, got, r.strWidth(got))
		}
		for _, l := range r.lines(s, 40) {
			if w := r.strWidth(l); w > 40+1e-9 && utf8.RuneCountInString(l) > 1 {
				t.Fatalf("lines(%q) has %q, %.2f mm wide", s, l, w)
			}
			r.text(10, 10, 40, 5, l, "L")
		}
		if r.f.Err() {
			t.Fatalf("drawing %q: %v", s, r.f.Error())
		}
	})
}
