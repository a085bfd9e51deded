// Package typeface says which of Steerco's embedded fonts draws a
// character: the Go fonts (Latin, Greek, Cyrillic and the signs the
// reports use), or Noto Sans Hebrew for the Hebrew the Go fonts lack. The
// PDF renderer and the chart images both ask it, so that they fall back
// for the same characters; it also gives the Hebrew font's advance
// widths, which the PDF measures with.
package typeface

import (
	"math"
	"sync"
	"unicode/utf8"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"steerco/assets"
	"steerco/internal/bidi"
)

// Hebrew reports whether r is drawn in the Hebrew font: the Go fonts lack
// it and Noto Sans Hebrew has it.
func Hebrew(r rune) bool {
	if r < 0x590 {
		return false // (below its block the Hebrew font has nothing the Go fonts lack)
	}
	c := fonts()
	if _, ok := c.hebRegular[r]; !ok {
		return false
	}
	return !c.goHas(r)
}

// Plain reports whether the line s is drawn as it is, in the Go fonts: it
// holds no right-to-left text and no character the Hebrew font draws.
// Any other line goes through bidi.Runs(s, Hebrew).
func Plain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if Hebrew(r) {
					return false
				}
			}
			return !bidi.RTL(s[i:])
		}
	}
	return true
}

// HebrewAdvance is the advance width of r in Noto Sans Hebrew (bold or
// regular), in thousandths of an em, rounded as fpdf rounds it: for the
// Hebrew block, ASCII, the no-break space and ₪; 0 for other characters.
func HebrewAdvance(r rune, bold bool) int {
	if bold {
		return fonts().hebBold[r]
	}
	return fonts().hebRegular[r]
}

// coverage holds the Go font, to look its characters up, and the Hebrew
// fonts' advances.
type coverage struct {
	goFont              *sfnt.Font
	hebRegular, hebBold map[rune]int
}

var fonts = sync.OnceValue(func() *coverage {
	c := &coverage{}
	var err error
	if c.goFont, err = sfnt.Parse(goregular.TTF); err != nil {
		panic("typeface: parse the Go font: " + err.Error()) // embedded: a build error
	}
	c.hebRegular = advances(assets.HebrewRegular)
	c.hebBold = advances(assets.HebrewBold)
	return c
})

// advances returns the advance widths, in thousandths of an em, of the
// letters, marks and signs of the Hebrew block a font has, and of the
// ASCII characters and the no-break space (a Hebrew run's spaces are
// drawn in it).
func advances(ttf []byte) map[rune]int {
	f, err := sfnt.Parse(ttf)
	if err != nil {
		panic("typeface: parse the Hebrew font: " + err.Error()) // embedded: a build error
	}
	var buf sfnt.Buffer
	upem := float64(f.UnitsPerEm())
	out := map[rune]int{}
	add := func(r rune) {
		g, err := f.GlyphIndex(&buf, r)
		if err != nil || g == 0 {
			return
		}
		adv, err := f.GlyphAdvance(&buf, g, fixed.I(int(upem)), font.HintingNone)
		if err != nil {
			return
		}
		out[r] = int(math.Round(float64(adv) / 64 * 1000 / upem))
	}
	for r := rune(0x0590); r <= 0x05ff; r++ { // Hebrew
		add(r)
	}
	for r := rune(0xfb1d); r <= 0xfb4f; r++ { // Hebrew presentation forms
		add(r)
	}
	for r := rune(0x20); r < 0x7f; r++ {
		add(r)
	}
	add('\u00a0')
	add('₪')
	return out
}

var goBuf = sync.Pool{New: func() any { return new(sfnt.Buffer) }}

// goHas reports whether the Go fonts have a glyph for r.
func (c *coverage) goHas(r rune) bool {
	buf := goBuf.Get().(*sfnt.Buffer)
	defer goBuf.Put(buf)
	g, err := c.goFont.GlyphIndex(buf, r)
	return err == nil && g != 0
}
