// Package bidi puts a line of text into display order for renderers that
// draw glyphs left to right (the PDF, the chart images): a Hebrew title,
// or a line that mixes Hebrew with English and numbers, must reach them
// with its right-to-left parts reversed, or it reads backwards (Visual).
// For the window, whose renderer reverses a Hebrew run itself but does
// not reorder the runs of a line, Shaped gives the runs in display order.
//
// It implements the Unicode Bidirectional Algorithm (UAX #9) for one line
// of one paragraph: the paragraph direction is that of the line's first
// strong character (as HTML's dir="auto"), weak and neutral types are
// resolved by rules W1–W7 and N1–N2, levels by I1–I2, and the line is
// reordered by L1, L2 and L4 (mirrored brackets). Not implemented:
// explicit embeddings, overrides and isolates (their controls are
// dropped, as invisible characters are) and bracket pairs (N0), which
// only matter for brackets that enclose text of the other direction.
// Combining marks stay after the character they modify.
package bidi

import (
	"strings"
	"unicode"
	"unicode/utf8"

	xbidi "golang.org/x/text/unicode/bidi"
)

// RTL reports whether s holds a right-to-left character (Hebrew, Arabic,
// Syriac, Thaana, …): a line without one is already in display order.
func RTL(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		p, n := xbidi.LookupString(s[i:])
		if c := p.Class(); c == xbidi.R || c == xbidi.AL {
			return true
		}
		i += max(n, 1)
	}
	return false
}

// Visual returns the line s in display order, left to right, without the
// invisible direction controls (marks, embeddings, isolates, zero-width
// joiners). A line without right-to-left characters is returned as it is
// (but for those controls). Text between an isolate initiator (U+2066–
// U+2068, see Isolate) and its U+2069, or the end of the line, is ordered
// on its own and counts as one neutral character around it.
func Visual(s string) string {
	if !RTL(s) {
		if !hasControl(s) {
			return s
		}
	}
	if strings.Contains(s, "\n") {
		return perParagraph(s, Visual)
	}
	var out strings.Builder
	out.Grow(len(s))
	for _, r := range flatten(order(units([]rune(s)), -1)) {
		if !invisible(r) {
			out.WriteRune(r)
		}
	}
	return out.String()
}

// perParagraph applies f to each line of s on its own: a line break ends
// a paragraph (UAX #9, P1), and each takes its own direction, so a Hebrew
// line never moves the lines around it.
func perParagraph(s string, f func(string) string) string {
	ls := strings.Split(s, "\n")
	for i, l := range ls {
		ls[i] = f(l)
	}
	return strings.Join(ls, "\n")
}

// Isolate returns s marked as an isolate (FSI … PDI: its direction is its
// own first strong character's, and it reads as one neutral character in
// the line around it) when it holds right-to-left text, else s: for a
// name placed in a line of other fields, so that a Hebrew name followed
// by a date keeps the date out of it.
func Isolate(s string) string {
	if !RTL(s) {
		return s
	}
	return "\u2068" + s + "\u2069"
}

const (
	lri = '\u2066'
	rli = '\u2067'
	fsi = '\u2068'
	pdi = '\u2069'
)

// IsolateStart reports whether r opens an isolate (LRI, RLI or FSI, as
// Isolate writes); IsolateEnd whether it closes one (PDI). For code that
// must not cut a line inside an isolated name.
func IsolateStart(r rune) bool { return r == lri || r == rli || r == fsi }

// IsolateEnd: see IsolateStart.
func IsolateEnd(r rune) bool { return r == pdi }

// unit is a character of the line, or an isolate already in display
// order (iso), which takes part as one neutral character.
type unit struct {
	r     rune
	iso   []rune // the isolate in display order
	src   []rune // the isolate as typed, and its direction (see order)
	dir   int
	class xbidi.Class
}

// units turns the runes of a line into units: isolates are ordered on
// their own (up to their PDI, or the end of the line); the other
// explicit controls and the boundary neutrals are dropped (X9).
func units(rs []rune) []unit {
	var out []unit
	for k := 0; k < len(rs); k++ {
		r := rs[k]
		if r == lri || r == rli || r == fsi {
			depth, j := 1, k+1
			for ; j < len(rs); j++ {
				if rs[j] == lri || rs[j] == rli || rs[j] == fsi {
					depth++
				} else if rs[j] == pdi {
					if depth--; depth == 0 {
						break
					}
				}
			}
			dir := -1
			switch r {
			case lri:
				dir = 0
			case rli:
				dir = 1
			}
			in := rs[k+1 : min(j, len(rs))]
			out = append(out, unit{iso: flatten(order(units(in), dir)), src: in, dir: dir, class: xbidi.ON})
			k = j // the PDI, or past the end
			continue
		}
		p, _ := xbidi.LookupRune(r)
		if c := p.Class(); !removed(c) {
			out = append(out, unit{r: r, class: c})
		}
	}
	return out
}

// A cell is a character with the combining marks after it, or an
// isolate, placed in display order at its resolved level.
type cell struct {
	us    []unit
	level uint8
}

// flatten returns the runes of cells in display order: an isolate's in
// its own display order, a right-to-left character mirrored (L4).
func flatten(cs []cell) []rune {
	var out []rune
	for _, c := range cs {
		for _, u := range c.us {
			switch {
			case u.iso != nil || u.src != nil:
				out = append(out, u.iso...)
			case c.level%2 == 1:
				out = append(out, mirror(u.r)) // L4
			default:
				out = append(out, u.r)
			}
		}
	}
	return out
}

// order puts the units of a line in display order, at paragraph level
// dir (0 left to right, 1 right to left, -1 that of the first strong
// character).
func order(us []unit, dir int) []cell {
	n := len(us)
	t := classes(us)
	base := uint8(max(dir, 0))
	if dir < 0 {
		base = paragraphLevel(t)
	}
	e := xbidi.L // the embedding direction, also sos and eos
	if base == 1 {
		e = xbidi.R
	}
	resolveWeak(t, e)
	resolveNeutral(t, e)
	levels := make([]uint8, n)
	for k, c := range t {
		levels[k] = level(base, c)
	}
	// L1: whitespace (and isolates) at the end of the line, and
	// separators with the whitespace before them, go to the paragraph
	// level.
	white := func(k int) bool { return us[k].class == xbidi.WS || us[k].iso != nil }
	for k := n - 1; k >= 0 && white(k); k-- {
		levels[k] = base
	}
	for k := range us {
		if c := us[k].class; c == xbidi.S || c == xbidi.B {
			levels[k] = base
			for j := k - 1; j >= 0 && white(j); j-- {
				levels[j] = base
			}
		}
	}
	// Clusters: a character and the combining marks after it move
	// together, so that a mark stays after its base once reversed.
	var cs []cell
	for k := range us {
		if len(cs) > 0 && us[k].class == xbidi.NSM {
			c := &cs[len(cs)-1]
			c.us = us[k-len(c.us) : k+1]
			continue
		}
		cs = append(cs, cell{us: us[k : k+1], level: levels[k]})
	}
	// L2: from the highest level down to the lowest odd one, reverse
	// every run at that level or higher.
	hi, lowOdd := uint8(0), uint8(255)
	for _, c := range cs {
		hi = max(hi, c.level)
		if c.level%2 == 1 {
			lowOdd = min(lowOdd, c.level)
		}
	}
	for lv := hi; lv >= lowOdd && lv > 0; lv-- {
		for a := 0; a < len(cs); {
			if cs[a].level < lv {
				a++
				continue
			}
			b := a
			for b < len(cs) && cs[b].level >= lv {
				b++
			}
			for i, j := a, b-1; i < j; i, j = i+1, j-1 {
				cs[i], cs[j] = cs[j], cs[i]
			}
			a = b
		}
	}
	return cs
}

// hasControl reports whether s holds a direction control or another
// invisible character that Visual drops.
func hasControl(s string) bool {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		p, _ := xbidi.LookupRune(r)
		if removed(p.Class()) || invisible(r) {
			return true
		}
		i += n
	}
	return false
}

// removed reports whether characters of class c are removed by rule X9
// (here also the isolates, whose rules are not implemented).
func removed(c xbidi.Class) bool {
	switch c {
	case xbidi.BN, xbidi.Control, xbidi.LRO, xbidi.RLO, xbidi.LRE, xbidi.RLE, xbidi.PDF,
		xbidi.LRI, xbidi.RLI, xbidi.FSI, xbidi.PDI:
		return true
	}
	return false
}

// invisible reports whether r is a mark that only steers the algorithm
// and has no glyph: the left-to-right, right-to-left and Arabic letter
// marks, which take part as strong characters but are not drawn.
func invisible(r rune) bool {
	return r == '\u200e' || r == '\u200f' || r == '\u061c'
}

// RightToLeft reports whether the paragraph s reads right to left: its
// first strong character outside an isolate is right to left (rules
// P2–P3, as Visual decides).
func RightToLeft(s string) bool {
	return paragraphLevel(classes(units([]rune(s)))) == 1
}

func classes(us []unit) []xbidi.Class {
	t := make([]xbidi.Class, len(us))
	for k, u := range us {
		t[k] = u.class
	}
	return t
}

// Carry prepares the lines ls that the paragraph para was wrapped into
// for a layout line by line (Visual orders a line on its own, in the
// direction of its first strong character): each line after the first
// starts with a mark of the paragraph's direction and reopens the
// isolates still open where it starts. A sentence wrapped inside an
// isolated Hebrew name thus goes on left to right with the figures after
// the name outside its run: "… measured: ⁨מעבר" / "לענן⁩ 61% → 99%." does
// not read "99% → 61%" on the second line. ls is changed in place.
func Carry(para string, ls []string) []string {
	if len(ls) < 2 || !RTL(para) {
		return ls
	}
	mark := string(lrm)
	if RightToLeft(para) {
		mark = string(rlm)
	}
	var open []rune
	for i, l := range ls {
		if i > 0 {
			ls[i] = mark + string(open) + l
		}
		for _, c := range l {
			switch {
			case IsolateStart(c):
				open = append(open, c)
			case IsolateEnd(c):
				if len(open) > 0 {
					open = open[:len(open)-1]
				}
			}
		}
	}
	return ls
}

// paragraphLevel is rule P2–P3: 1 when the first strong character is
// right-to-left, else 0.
func paragraphLevel(t []xbidi.Class) uint8 {
	for _, c := range t {
		switch c {
		case xbidi.L:
			return 0
		case xbidi.R, xbidi.AL:
			return 1
		}
	}
	return 0
}

// resolveWeak applies rules W1–W7 to the types t of one level run whose
// start and end are of type e.
func resolveWeak(t []xbidi.Class, e xbidi.Class) {
	// W1: a combining mark takes the type of the character before it.
	prev := e
	for k, c := range t {
		if c == xbidi.NSM {
			t[k] = prev
		}
		prev = t[k]
	}
	// W2: a European number after an Arabic letter is an Arabic number;
	// W3: an Arabic letter is right-to-left.
	strong := e
	for k, c := range t {
		switch c {
		case xbidi.L, xbidi.R:
			strong = c
		case xbidi.AL:
			strong = c
			t[k] = xbidi.R
		case xbidi.EN:
			if strong == xbidi.AL {
				t[k] = xbidi.AN
			}
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for k := 1; k+1 < len(t); k++ {
		a, c, b := t[k-1], t[k], t[k+1]
		switch {
		case c == xbidi.ES && a == xbidi.EN && b == xbidi.EN:
			t[k] = xbidi.EN
		case c == xbidi.CS && a == b && (a == xbidi.EN || a == xbidi.AN):
			t[k] = a
		}
	}
	// W5: terminators next to a European number are part of it.
	for k := 0; k < len(t); {
		if t[k] != xbidi.ET {
			k++
			continue
		}
		j := k
		for j < len(t) && t[j] == xbidi.ET {
			j++
		}
		if (k > 0 && t[k-1] == xbidi.EN) || (j < len(t) && t[j] == xbidi.EN) {
			for q := k; q < j; q++ {
				t[q] = xbidi.EN
			}
		}
		k = j
	}
	// W6: the separators and terminators left are neutral.
	for k, c := range t {
		if c == xbidi.ES || c == xbidi.ET || c == xbidi.CS {
			t[k] = xbidi.ON
		}
	}
	// W7: a European number after left-to-right text is left-to-right.
	strong = e
	for k, c := range t {
		switch c {
		case xbidi.L, xbidi.R:
			strong = c
		case xbidi.EN:
			if strong == xbidi.L {
				t[k] = xbidi.L
			}
		}
	}
}

// resolveNeutral applies rules N1–N2: a run of neutrals between two
// characters of one direction takes it (numbers count as right-to-left),
// any other takes the embedding direction e.
func resolveNeutral(t []xbidi.Class, e xbidi.Class) {
	dir := func(c xbidi.Class) xbidi.Class {
		if c == xbidi.L {
			return xbidi.L
		}
		return xbidi.R // R, EN, AN
	}
	for k := 0; k < len(t); {
		if !neutral(t[k]) {
			k++
			continue
		}
		j := k
		for j < len(t) && neutral(t[j]) {
			j++
		}
		before, after := e, e
		if k > 0 {
			before = dir(t[k-1])
		}
		if j < len(t) {
			after = dir(t[j])
		}
		d := e
		if before == after {
			d = before
		}
		for q := k; q < j; q++ {
			t[q] = d
		}
		k = j
	}
}

func neutral(c xbidi.Class) bool {
	return c == xbidi.B || c == xbidi.S || c == xbidi.WS || c == xbidi.ON
}

// level is rules I1–I2: the level of a resolved type at paragraph level base.
func level(base uint8, c xbidi.Class) uint8 {
	if base == 0 {
		switch c {
		case xbidi.R:
			return 1
		case xbidi.AN, xbidi.EN:
			return 2
		}
		return 0
	}
	if c == xbidi.R {
		return 1
	}
	return 2 // L, EN, AN
}

// mirror is rule L4: the mirrored form of a character drawn right to
// left, for the paired brackets and the common mirrored signs.
func mirror(r rune) rune {
	switch r {
	case '<':
		return '>'
	case '>':
		return '<'
	case '«':
		return '»'
	case '»':
		return '«'
	case '‹':
		return '›'
	case '›':
		return '‹'
	case '≤':
		return '≥'
	case '≥':
		return '≤'
	}
	if p, _ := xbidi.LookupRune(r); p.IsBracket() {
		// ReverseString mirrors the paired brackets it reverses.
		m, _ := utf8.DecodeRuneInString(xbidi.ReverseString(string(r)))
		return m
	}
	return r
}

// A Run is a piece of a line in display order drawn in one font: Alt
// says whether it is in the alternative (fallback) font.
type Run struct {
	Text string
	Alt  bool
}

// Runs returns the line s in display order (Visual), cut where the font
// changes: a character is drawn in the alternative font when alt says so;
// spaces stay in the font of the run they are in.
func Runs(s string, alt func(r rune) bool) []Run {
	v := Visual(s)
	var out []Run
	start, in := 0, false
	for i, r := range v {
		a := in
		if alt(r) {
			a = true
		} else if r != ' ' {
			a = false
		}
		if a != in && i > start {
			out = append(out, Run{v[start:i], in})
			start = i
		}
		in = a
	}
	if start < len(v) {
		out = append(out, Run{v[start:], in})
	}
	return out
}

const (
	lrm = '\u200e'
	rlm = '\u200f'
)

// Shaped returns the line s for a renderer that shapes a run of one
// direction itself (right to left for Hebrew, brackets mirrored) but
// places the runs it finds one after the other in the order of the text,
// as Fyne does (it has no bidirectional layout, fyne-io/fyne#90; it also
// cuts a run where the script or the font changes, at a space or a
// bracket between Hebrew and a number, say). So Shaped gives it pieces
// in display order, each a renderer cannot reorder: a right-to-left
// word (letters and their marks, as typed) between two right-to-left
// marks, any other character of a right-to-left run on its own (mirrored
// as displayed), and a left-to-right run between two left-to-right
// marks. A line without right-to-left characters is returned as it is
// (but for the direction controls, as Visual).
func Shaped(s string) string {
	if !RTL(s) {
		if !hasControl(s) {
			return s
		}
		return Visual(s)
	}
	if strings.Contains(s, "\n") {
		return perParagraph(s, Shaped)
	}
	var out strings.Builder
	out.Grow(len(s) + 16)
	shaped(&out, units([]rune(s)), -1)
	return out.String()
}

// shaped writes the units of a line (at paragraph level dir, as order)
// as Shaped does.
func shaped(out *strings.Builder, us []unit, dir int) {
	cs := order(us, dir)
	for a := 0; a < len(cs); {
		if u := cs[a].us[0]; u.src != nil {
			shaped(out, units(u.src), u.dir) // an isolate: on its own
			a++
			continue
		}
		b := a + 1
		for b < len(cs) && cs[b].level == cs[a].level && cs[b].us[0].src == nil {
			b++
		}
		if cs[a].level%2 == 0 {
			out.WriteRune(lrm)
			for _, c := range cs[a:b] {
				writeCell(out, c, false)
			}
			out.WriteRune(lrm)
			a = b
			continue
		}
		// a right-to-left run, in display order: its words are reversed
		// from the text, each written as typed between two marks
		for k := a; k < b; {
			if !word(cs[k]) {
				out.WriteRune(lrm)
				writeCell(out, cs[k], true)
				out.WriteRune(lrm)
				k++
				continue
			}
			j := k + 1
			for j < b && word(cs[j]) {
				j++
			}
			out.WriteRune(rlm)
			for q := j - 1; q >= k; q-- {
				writeCell(out, cs[q], false)
			}
			out.WriteRune(rlm)
			k = j
		}
		a = b
	}
}

// word reports whether c is a right-to-left letter (with its marks): a
// sign such as the maqaf or the geresh, though right to left, is written
// on its own, as a renderer may cut a run there.
func word(c cell) bool {
	switch c.us[0].class {
	case xbidi.R, xbidi.AL:
		return unicode.IsLetter(c.us[0].r)
	}
	return false
}

// writeCell writes the characters of c but the invisible marks, mirrored
// when asked.
func writeCell(out *strings.Builder, c cell, mirrored bool) {
	for _, u := range c.us {
		switch {
		case invisible(u.r):
		case mirrored:
			out.WriteRune(mirror(u.r))
		default:
			out.WriteRune(u.r)
		}
	}
}
