package pdf

// Text beyond the Go fonts: the Go fonts cover Latin, Greek and Cyrillic,
// and a portfolio's titles may be in Hebrew. Every string the renderer
// draws or measures goes through text, strWidth, fit and lines; a string
// the Go fonts draw as it is (the plain path: no right-to-left character
// and none the Go fonts lack but Noto Sans Hebrew has) takes the same fpdf
// calls as before, byte for byte. Any other is put into display order
// (bidi.Visual: fpdf draws left to right) and drawn in segments, each in
// the font that has its characters (typeface.Hebrew). The Hebrew fonts are added to a
// document only when it first needs them, so a PDF without Hebrew embeds
// no Hebrew font.

import (
	"strings"
	"unicode/utf8"

	"steerco/assets"
	"steerco/internal/bidi"
	"steerco/internal/report/typeface"
)

// hebrew is the font family of the Hebrew fallback.
const hebrew = "notohebrew"

// valid returns s with each invalid UTF-8 sequence replaced by U+FFFD:
// fpdf's UTF-16 conversion indexes past the end of a string that ends in
// a cut sequence, and a title read from a damaged source must not stop a
// report. A line without right-to-left text also loses its direction
// controls (bidi.Visual), which the Go fonts that draw it have no glyph
// for: a line holding a wrapped piece of an isolated name (bidi.Isolate)
// without its Hebrew, or the mark bidi.Carry gave it.
func valid(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\ufffd")
	}
	if !bidi.RTL(s) {
		s = bidi.Visual(s) // s itself when it holds no control
	}
	return s
}

// plain reports whether s is drawn as it is in the Go font.
func plain(s string) bool { return typeface.Plain(s) }

// segments returns the line s in display order, cut where the font
// changes: Alt runs are drawn in the Hebrew font.
func segments(s string) []bidi.Run { return bidi.Runs(s, typeface.Hebrew) }

// hebrewStyle is the Hebrew font's style for a Go font style: the Hebrew
// fonts have no italic.
func hebrewStyle(style string) string {
	if strings.Contains(style, "B") {
		return "B"
	}
	return ""
}

// useHebrew selects the Hebrew font at the current style and size,
// adding the Hebrew fonts to the document the first time.
func (r *renderer) useHebrew() {
	if !r.hebAdded {
		own := func(b []byte) []byte { return append([]byte(nil), b...) }
		r.f.AddUTF8FontFromBytes(hebrew, "", own(assets.HebrewRegular))
		r.f.AddUTF8FontFromBytes(hebrew, "B", own(assets.HebrewBold))
		r.hebAdded = true
	}
	r.f.SetFont(hebrew, hebrewStyle(r.style), r.size)
}

// useGo selects the Go font at the current style and size again.
func (r *renderer) useGo() { r.f.SetFont(sans, r.style, r.size) }

// segWidth is the width of a segment at the current font and size.
func (r *renderer) segWidth(g bidi.Run) float64 {
	if !g.Alt {
		return r.f.GetStringWidth(g.Text)
	}
	return r.hebWidth(g.Text)
}

// hebWidth is the width of s in the Hebrew font at the current style and
// size, from the font's advances (as fpdf measures it, without selecting
// the font: selecting a font writes to the page).
func (r *renderer) hebWidth(s string) float64 {
	bold := hebrewStyle(r.style) == "B"
	units := 0
	for _, ch := range s {
		units += typeface.HebrewAdvance(ch, bold) // (segments hold nothing else)
	}
	return float64(units) * r.size / r.f.GetConversionRatio() / 1000
}

// strWidth is the width of s at the current font and size.
func (r *renderer) strWidth(s string) float64 {
	s = valid(s)
	if plain(s) {
		return r.f.GetStringWidth(s)
	}
	w := 0.0
	for _, g := range segments(s) {
		w += r.segWidth(g)
	}
	return w
}

// runeWidth is the width of one character at the current font and size.
func (r *renderer) runeWidth(c rune) float64 {
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], c)
	if typeface.Hebrew(c) {
		return r.hebWidth(string(buf[:n]))
	}
	return r.f.GetStringWidth(string(buf[:n]))
}

// drawSegments draws a line that is not plain in the cell (x, y, w, h),
// aligned as CellFormat aligns ("L", "C" or "R"), and leaves the position
// where CellFormat would.
func (r *renderer) drawSegments(x, y, w, h float64, s, align string) {
	gs := segments(s)
	ws := make([]float64, len(gs))
	total := 0.0
	for i, g := range gs {
		ws[i] = r.segWidth(g)
		total += ws[i]
	}
	m := r.f.GetCellMargin()
	x0 := x + m
	switch {
	case strings.Contains(align, "R"):
		x0 = x + w - m - total
	case strings.Contains(align, "C"):
		x0 = x + (w-total)/2
	}
	r.f.SetCellMargin(0)
	for i, g := range gs {
		if g.Alt {
			r.useHebrew()
		}
		r.f.SetXY(x0, y)
		r.f.CellFormat(ws[i], h, g.Text, "", 0, "L", false, 0, "")
		if g.Alt {
			r.useGo()
		}
		x0 += ws[i]
	}
	r.f.SetCellMargin(m)
	r.f.SetXY(x+w, y)
}

// wrap breaks a paragraph that is not plain into lines of width w, at
// spaces where it can, as SplitText does for plain ones.
func (r *renderer) wrap(para string, w float64) []string {
	var out []string
	line, lineW := "", 0.0
	space := r.strWidth(" ")
	for _, word := range strings.Fields(para) {
		ww := r.strWidth(word)
		switch {
		case line == "" && ww <= w:
			line, lineW = word, ww
		case line != "" && lineW+space+ww <= w:
			line, lineW = line+" "+word, lineW+space+ww
		default:
			if line != "" {
				out = append(out, line)
				line, lineW = "", 0
			}
			// a word wider than the line is cut where it reaches the edge
			for ww > w {
				cut, acc := 0, 0.0
				for i, c := range word {
					cw := r.runeWidth(c)
					if acc+cw > w && i > 0 {
						break
					}
					acc += cw
					cut = i + utf8.RuneLen(c)
				}
				out = append(out, word[:cut])
				word = word[cut:]
				ww = r.strWidth(word)
			}
			line, lineW = word, ww
		}
	}
	if line != "" || len(out) == 0 {
		out = append(out, line)
	}
	return out
}
