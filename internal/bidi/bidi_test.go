package bidi

import (
	"strings"
	"testing"

	xbidi "golang.org/x/text/unicode/bidi"
)

func TestVisual(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"left to right only", "Platform Q3 launch", "Platform Q3 launch"},
		{"empty", "", ""},
		{"Hebrew word", "שלום", "םולש"},
		{"Hebrew words keep their order right to left", "תוכנית עבודה", "הדובע תינכות"},
		{"a number in Hebrew stays left to right", "תקציב 2013", "2013 ביצקת"},
		{"Hebrew and a number inside English", "Budget: תקציב 2013", "Budget: 2013 ביצקת"},
		{"English after Hebrew, neutrals between", "שלום, world!", "!world ,םולש"},
		{"brackets are mirrored", "תוכנית (Q1)", "(Q1) תינכות"},
		{"money and thousands separators stay one number", "₪1,500 לחודש", "שדוחל ₪1,500"},
		{"percent", "הושלם 45%", "45% םלשוה"},
		{"Hebrew then number then English in an English line", "Plan תוכנית 2027 final", "Plan 2027 תינכות final"},
		{"a mark steers and is not drawn", "a\u200fb", "ab"},
		{"trailing space of a right-to-left line stays at its end", "שלום ", " םולש"},
		{"combining marks stay after their letter", "שָׁלוֹם", "ם" + "וֹ" + "ל" + "שָׁ"},
		{"a date in Hebrew text", "עד 2027-03-31", "2027-03-31 דע"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Visual(tc.in); got != tc.want {
				t.Errorf("Visual(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestRTL(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{{"Roadmap 2027 — Ünïcode café", false}, {"", false}, {"Budget תקציב", true}, {"مرحبا", true}} {
		if got := RTL(tc.in); got != tc.want {
			t.Errorf("RTL(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// A line without right-to-left characters or controls is returned as
// it is, without a copy: the PDF's every string goes through Visual.
func TestVisualLeavesLeftToRightAlone(t *testing.T) {
	s := "Checkout rebuild — P85 12 Mar 2027 (62 %)"
	if a := testing.AllocsPerRun(100, func() { _ = Visual(s) }); a != 0 {
		t.Errorf("Visual of a left-to-right line allocates %v times", a)
	}
}

// An isolated Hebrew name keeps the fields after it out of it: without
// the isolate, the year in the name and the day of the date that follows
// form one right-to-left run ("7 · 2027 …").
func TestIsolate(t *testing.T) {
	name := "תיק פרויקטים 2027"
	line := "Confidential · " + Isolate(name) + " · 7 Dec 2026 · 3 / 9"
	want := "Confidential · 2027 םיטקיורפ קית · 7 Dec 2026 · 3 / 9"
	if got := Visual(line); got != want {
		t.Errorf("Visual(%q) = %q, want %q", line, got, want)
	}
	if bare := Visual("Confidential · " + name + " · 7 Dec 2026"); bare == "Confidential · 2027 םיטקיורפ קית · 7 Dec 2026" {
		t.Errorf("without the isolate the line is already right: the test shows nothing")
	}
	if got := Isolate("Board, March"); got != "Board, March" {
		t.Errorf("Isolate of a left-to-right name = %q, want it unchanged", got)
	}
	// an isolate cut short (a shortened line) runs to the end of the line
	if got := Visual("Plan · \u2068תיק פרויקטים 2027…"); got != "Plan · …2027 םיטקיורפ קית" {
		t.Errorf("an unclosed isolate: %q", got)
	}
}

func TestRuns(t *testing.T) {
	hebrew := func(r rune) bool { return r >= 0x590 && r <= 0x5ff }
	got := Runs("Plan תוכנית 2027 final", hebrew)
	want := []Run{{"Plan 2027 ", false}, {"תינכות ", true}, {"final", false}}
	if len(got) != len(want) {
		t.Fatalf("Runs = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("run %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got := Runs("", hebrew); len(got) != 0 {
		t.Errorf("Runs of an empty line = %+v", got)
	}
}

// FuzzVisual: any line is laid out without a panic, and its display
// order holds the same characters as the line (brackets mirrored, the
// invisible controls dropped), so nothing a director typed is lost or
// doubled on the page.
func FuzzVisual(f *testing.F) {
	for _, s := range []string{"", "abc", "שלום, world!", "תוכנית (Q1) ₪1,500 45%", "a\u2068שלום 2027\u2069 · 7 Dec", "\u2067\u2069\u202e", "שָׁלוֹם", "\u200f\u2066x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Visual(s)
		// the visible characters, a mirrored pair counted as its smaller
		// member (invalid UTF-8 reads as U+FFFD either way)
		count := func(s string) map[rune]int {
			m := map[rune]int{}
			for _, r := range s {
				if p, _ := xbidi.LookupRune(r); r != '\ufffd' && (invisible(r) || removed(p.Class()) || r == lri || r == rli || r == fsi || r == pdi) {
					continue
				}
				m[min(r, mirror(r))]++
			}
			return m
		}
		a, b := count(s), count(got)
		if len(a) != len(b) {
			t.Fatalf("Visual(%q) = %q: %d distinct characters, the line has %d", s, got, len(b), len(a))
		}
		for r, k := range a {
			if b[r] != k {
				t.Fatalf("Visual(%q) = %q: %q %d times, the line has it %d times", s, got, r, b[r], k)
			}
		}
		if !RTL(s) && !hasControl(s) && got != s {
			t.Fatalf("Visual(%q) = %q changed a left-to-right line", s, got)
		}
	})
}

func TestRightToLeft(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want bool
	}{
		{"שלום world", true},
		{"Hello שלום", false},
		{"2027 שלום", true},             // digits are weak
		{Isolate("שלום") + " x", false}, // an isolate does not decide
		{"\u200fabc", true},             // a mark is strong
		{"", false},
	} {
		if got := RightToLeft(tc.in); got != tc.want {
			t.Errorf("RightToLeft(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

// Every line of a sentence wrapped inside an isolated Hebrew name keeps
// the sentence's direction, and the figures after the name read in the
// order written.
func TestCarry(t *testing.T) {
	para := "Measured: " + Isolate("מעבר לענן") + " 61% → 99%."
	ls := Carry(para, []string{"Measured: \u2068מעבר", "לענן\u2069 61% → 99%."})
	if want := "\u200e\u2068לענן\u2069 61% → 99%."; ls[1] != want {
		t.Fatalf("second line %q, want %q", ls[1], want)
	}
	if v := Visual(ls[1]); !strings.HasSuffix(v, "61% → 99%.") {
		t.Errorf("the second line reads %q: its figures are reversed", v)
	}
	if v := Visual("לענן\u2069 61% → 99%."); strings.HasSuffix(v, "61% → 99%.") {
		t.Errorf("without Carry the second line reads %q: the test tests nothing", v)
	}
	if got := Carry("English only", []string{"English", "only"}); got[1] != "only" {
		t.Errorf("a left-to-right paragraph's line is changed: %q", got[1])
	}
}
