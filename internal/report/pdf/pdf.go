// Package pdf renders a report.Briefing as a PDF with fpdf: embedded Go
// fonts (full UTF-8; Hebrew in Noto Sans Hebrew, right-to-left text in
// display order: see script.go), a page header and footer with page numbers and the
// confidentiality label, a bookmark per section, tables that break across
// pages with their header repeated, the timeline, heat map and risk matrix
// drawn as vectors and the bar and line charts placed as 300 dpi images
// from report/chart, so print is crisp.
// The output is deterministic for a given briefing: creation and
// modification dates are the briefing's as-of date.
package pdf

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/gobolditalic"
	"golang.org/x/image/font/gofont/goitalic"
	"golang.org/x/image/font/gofont/gomono"
	"golang.org/x/image/font/gofont/goregular"

	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/report"
)

// Font families registered in every document.
const (
	sans = "go"
	mono = "gomono"
)

type rgb struct{ r, g, b int }

// The palette. RAG colours differ in lightness too (green light, amber
// medium, red dark) and always come with a symbol and a word, so a
// greyscale print keeps them apart.
var (
	ink      = rgb{33, 37, 41}
	muted    = rgb{108, 117, 125}
	navy     = rgb{24, 52, 92}
	rule     = rgb{200, 205, 212}
	zebra    = rgb{245, 247, 250}
	groupBg  = rgb{228, 233, 240}
	white    = rgb{255, 255, 255}
	greenBg  = rgb{214, 236, 212}
	greenFg  = rgb{30, 110, 45}
	amberBg  = rgb{250, 190, 90}
	amberFg  = rgb{140, 80, 0}
	redBg    = rgb{176, 32, 32}
	redFg    = rgb{176, 32, 32}
	barLight = rgb{160, 175, 195}
)

func ragColours(r report.RAG) (bg, fg rgb) {
	switch r {
	case report.Green:
		return greenBg, greenFg
	case report.Amber:
		return amberBg, amberFg
	case report.Red:
		return redBg, redFg
	}
	return rgb{230, 230, 230}, muted
}

func ragSymbol(r report.RAG) string {
	switch r {
	case report.Green:
		return "●"
	case report.Amber:
		return "▲"
	case report.Red:
		return "■"
	}
	return ""
}

type renderer struct {
	f           *fpdf.Fpdf
	b           *report.Briefing
	pw, ph      float64 // page size, mm
	ml, mr      float64
	top, bot    float64   // content area: y from top to bot
	section     string    // current section title (page header)
	noHeader    bool      // the cover has no header or footer
	meas        *renderer // measures sections on an endless page (portrait flow)
	lh, py      float64   // table line height and vertical cell padding
	coverPage   int       // page number of the cover (0 = none)
	bookmarked  map[string]bool
	measuring   bool            // the measuring renderer draws no images
	try         *renderer       // lays sections out on pages of the document's size (trial)
	ends        []float64       // trial: where each page's content ended
	imageNames  map[string]bool // registered images
	imageWidths map[int]bool    // pixel widths of the registered images
	// measured counts the bytes of text fit has measured: a test checks that
	// shortening a long text costs in proportion to its length.
	measured int
	// the current font's style and size (font), and whether the Hebrew
	// fonts are in the document yet (see script.go)
	style    string
	size     float64
	hebAdded bool
}

// Render writes briefing b as a PDF to w.
// A briefing whose template asks for slides is laid out as RenderSlides does.
func Render(w io.Writer, b *report.Briefing) error {
	return RenderContext(context.Background(), w, b)
}

// RenderContext is Render, stopping with ctx.Err() (and writing nothing)
// when ctx is cancelled: it looks before each section.
func RenderContext(ctx context.Context, w io.Writer, b *report.Briefing) error {
	if b.Slides {
		return renderSlides(ctx, w, b)
	}
	orient := "P"
	if b.Landscape {
		orient = "L"
	}
	size := "A4"
	if b.Paper == "Letter" {
		size = "Letter"
	}
	f := fpdf.New(orient, "mm", size, "")
	r := &renderer{f: f, b: b, ml: 14, mr: 14, bookmarked: map[string]bool{}, lh: lineNormal, py: padNormal,
		imageNames: map[string]bool{}, imageWidths: map[int]bool{}}
	r.pw, r.ph = f.GetPageSize()
	r.top, r.bot = 22, r.ph-16
	f.SetMargins(r.ml, r.top, r.mr)
	f.SetAutoPageBreak(false, 0)
	document(f, b)
	f.AliasNbPages("{nb}")
	f.SetHeaderFuncMode(r.header, false)
	f.SetFooterFunc(r.footer)

	for i := range b.Sections {
		if err := ctx.Err(); err != nil {
			return err
		}
		s := &b.Sections[i]
		r.renderSection(s, i)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if f.PageNo() == 0 {
		f.AddPage()
	}
	if f.Err() {
		return fmt.Errorf("render pdf: %w", f.Error())
	}
	if err := f.Output(w); err != nil {
		return fmt.Errorf("write pdf: %w", err)
	}
	return nil
}

// ---- drawing helpers ----

func (r *renderer) fill(c rgb)  { r.f.SetFillColor(c.r, c.g, c.b) }
func (r *renderer) draw(c rgb)  { r.f.SetDrawColor(c.r, c.g, c.b) }
func (r *renderer) color(c rgb) { r.f.SetTextColor(c.r, c.g, c.b) }
func (r *renderer) font(style string, size float64) {
	r.style, r.size = style, size
	r.f.SetFont(sans, style, size)
}
func (r *renderer) width() float64 { return r.pw - r.ml - r.mr }

// text writes s at (x, y) (baseline-independent: y is the top of a line of height h).
func (r *renderer) text(x, y, w, h float64, s, align string) {
	s = valid(s)
	if !plain(s) {
		r.drawSegments(x, y, w, h, s, align)
		return
	}
	r.f.SetXY(x, y)
	r.f.CellFormat(w, h, s, "", 0, align, false, 0, "")
}

// fit shortens s with an ellipsis until it fits width w at the current
// font. It measures each rune once, so a 100,000-character title costs as
// much as reading it (it used to re-measure every shorter prefix).
func (r *renderer) fit(s string, w float64) string {
	s = valid(s) // (as text draws it; and a rune's length below is its bytes')
	r.measured += len(s)
	if r.strWidth(s) <= w {
		return s
	}
	room := w - r.f.GetStringWidth("…")
	cut, acc := 0, 0.0
	for i, c := range s {
		n := utf8.RuneLen(c)
		r.measured += n
		acc += r.runeWidth(c)
		if acc > room {
			break
		}
		cut = i + n
	}
	// Laid out, a Hebrew line's spaces take the Hebrew font's width, not
	// the Go font's that runeWidth gives them: the shortened line (a
	// line's width, not the text's) is measured whole, and shortened
	// further if it must be.
	for cut > 0 && !plain(s[:cut]) && r.strWidth(strings.TrimRight(s[:cut], " ")+"…") > w {
		_, n := utf8.DecodeLastRuneInString(s[:cut])
		cut -= n
	}
	if t := strings.TrimRight(s[:cut], " "); t != "" {
		return t + "…"
	}
	return "…"
}

// lines wraps s to width w at the current font.
func (r *renderer) lines(s string, w float64) []string {
	s = valid(s)
	if s == "" {
		return []string{""}
	}
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var ls []string
		if plain(para) {
			ls = r.f.SplitText(para, w)
			// SplitText counts a character the font lacks (U+FFFD, a
			// control) as zero wide, where the drawing gives it a width:
			// such a line is wrapped again as a Hebrew one is, by width
			for _, l := range ls {
				if utf8.RuneCountInString(l) > 1 && r.f.GetStringWidth(l) > w+1e-9 {
					ls = r.wrap(para, w)
					break
				}
			}
		} else {
			ls = bidi.Carry(para, r.wrap(para, w))
		}
		if len(ls) == 0 {
			ls = []string{""}
		}
		out = append(out, ls...)
	}
	return out
}

// need starts a new page when less than h mm remain; it reports whether it did.
func (r *renderer) need(h float64) bool {
	if r.f.GetY()+h > r.bot {
		r.f.AddPage()
		r.f.SetY(r.top)
		return true
	}
	return false
}

func (r *renderer) header() {
	if r.noHeader || r.f.PageNo() == r.coverPage {
		return
	}
	f := r.f
	r.font("B", 8)
	r.color(navy)
	r.text(r.ml, 9, r.width()/2, 5, r.fit(r.b.Title+" · "+bidi.Isolate(r.b.Portfolio), r.width()/2), "L")
	r.font("", 8)
	r.color(muted)
	r.text(r.ml+r.width()/2, 9, r.width()/2, 5, r.fit(r.section, r.width()/2), "R")
	r.draw(rule)
	f.SetLineWidth(0.3)
	f.Line(r.ml, 15, r.pw-r.mr, 15)
	f.SetY(r.top)
}

func (r *renderer) footer() {
	if r.f.PageNo() == r.coverPage {
		return
	}
	f := r.f
	y := r.ph - 11
	r.draw(rule)
	f.SetLineWidth(0.3)
	f.Line(r.ml, y-1.5, r.pw-r.mr, y-1.5)
	r.font("", 7.5)
	r.color(muted)
	side := 32.0
	r.text(r.ml, y, side, 5, "As of "+figure.Date(r.b.AsOf), "L")
	if r.b.Confidentiality != "" {
		r.font("B", 7.5)
		r.color(redFg)
		r.text(r.ml+side, y, r.width()-2*side, 5, r.fit(r.b.Confidentiality, r.width()-2*side), "C")
	}
	r.font("", 7.5)
	r.color(muted)
	r.text(r.pw-r.mr-side, y, side, 5, fmt.Sprintf("Page %d of {nb}", f.PageNo()), "R")
}

// ---- sections ----

func (r *renderer) renderSection(s *report.Section, index int) {
	f := r.f
	if s.Kind == report.SecCover && s.Cover != nil {
		r.cover(s)
		return
	}
	r.section = s.Title
	// Full briefings give every section its own page. Compact ones (the
	// monthly status) flow: a section stays on the current page when
	// it fits there whole, moves to a new page when it fits on one, and
	// starts here only if it is longer than a page and half a page is left.
	// Either way a section does not leave a page less than minFill full
	// (the short end of the section before it): it starts under it when,
	// laid out from there (trial), it fills that page to minFill and does
	// not end on a short page of its own.
	newPage := f.PageNo() == 0 || f.PageNo() == r.coverPage
	if !newPage {
		left, full := r.bot-f.GetY(), r.bot-r.top
		switch {
		case full-left < full*minFill:
			fills := r.trial(s, f.GetY()+sectionGap)
			newPage = fills[0] < minFill || (len(fills) > 1 && fills[len(fills)-1] < minFill)
		case r.b.Compact:
			h := r.measure(s) + sectionGap
			newPage = h > left && (h <= full || left < full*0.5)
		default:
			newPage = true
		}
	}
	if newPage {
		f.AddPage()
		f.SetY(r.top)
	} else {
		f.SetY(f.GetY() + sectionGap)
	}
	r.sectionBody(s)
}

// sectionGap is the space above a section that starts under another.
const sectionGap = 6

// trial lays section s out from height y of a page of the document's size,
// drawing nothing, and returns how full (0–1 of the body) each page it
// touches ends: the first is the page it starts on, the last the page it
// ends on.
func (r *renderer) trial(s *report.Section, y float64) []float64 {
	if r.try == nil {
		f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: r.pw, Ht: r.ph}})
		registerFonts(f)
		f.SetMargins(r.ml, r.top, r.mr)
		f.SetAutoPageBreak(false, 0)
		r.try = &renderer{f: f, b: r.b, pw: r.pw, ph: r.ph, ml: r.ml, mr: r.mr, top: r.top, bot: r.bot, bookmarked: map[string]bool{}, lh: lineNormal, py: padNormal, measuring: true}
		f.SetFooterFunc(func() { r.try.ends = append(r.try.ends, f.GetY()) })
	}
	t := r.try
	t.f.AddPage() // (ends the previous trial's last page)
	t.ends = t.ends[:0]
	t.f.SetY(y)
	t.section = s.Title
	t.sectionBody(s)
	ends := append(t.ends, t.f.GetY())
	fills := make([]float64, len(ends))
	for i, e := range ends {
		fills[i] = (e - t.top) / (t.bot - t.top)
	}
	return fills
}

// measure returns the height a section takes, rendered on an endless page.
func (r *renderer) measure(s *report.Section) float64 {
	if r.meas == nil {
		f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: r.pw, Ht: 5000}})
		registerFonts(f)
		f.SetMargins(r.ml, r.top, r.mr)
		f.SetAutoPageBreak(false, 0)
		r.meas = &renderer{f: f, b: r.b, pw: r.pw, ph: 5000, ml: r.ml, mr: r.mr, top: r.top, bot: 4990, bookmarked: map[string]bool{}, lh: lineNormal, py: padNormal, measuring: true}
	}
	m := r.meas
	m.f.AddPage()
	m.f.SetY(m.top)
	m.section = s.Title
	m.sectionBody(s)
	return m.f.GetY() - m.top
}

// sectionBody draws a section from its title on, at the current position.
func (r *renderer) sectionBody(s *report.Section) {
	f := r.f
	f.Bookmark(valid(s.Title), 0, -1)
	r.font("B", 17)
	r.color(navy)
	r.text(r.ml, f.GetY(), r.width(), 9, s.Title, "L")
	f.SetY(f.GetY() + 9 + 1)

	// Headlines.
	if len(s.Headlines) > 0 {
		r.font("", 10.5)
		for _, h := range s.Headlines {
			ls := r.lines(h, r.width()-6)
			r.need(float64(len(ls))*5 + 1)
			y := f.GetY()
			r.color(navy)
			r.font("B", 10.5)
			r.text(r.ml, y, 5, 5, "›", "L")
			r.font("", 10.5)
			r.color(ink)
			for i, l := range ls {
				r.text(r.ml+5, y+float64(i)*5, r.width()-6, 5, l, "L")
			}
			f.SetY(y + float64(len(ls))*5 + 1.2)
		}
		f.SetY(f.GetY() + 2)
	}
	if len(s.KPIs) > 0 {
		r.kpis(s.KPIs)
	}
	if s.Decision != nil {
		r.chainDiagram(s.Decision)
	}
	perRow := 2
	if r.b.Landscape {
		perRow = 3
	}
	// The last block the PDF prints keeps the section's notes with it.
	last := -1
	for i, bl := range s.Blocks {
		if bl.Chart != nil || (bl.Table != nil && r.printed(bl.Table)) {
			last = i
		}
	}
	for i := 0; i < len(s.Blocks); i++ {
		bl := s.Blocks[i]
		switch {
		case bl.Table != nil:
			if !r.printed(bl.Table) {
				continue
			}
			after := -1.0
			if i == last {
				after = r.notesHeight(s.Notes)
			}
			r.table(bl.Table, after)
		case bl.Chart != nil && bl.Chart.Kind == report.ChartSeries && bl.Chart.Series != nil:
			// Consecutive axis charts share a row.
			run := []*report.Chart{bl.Chart}
			for i+1 < len(s.Blocks) && len(run) < perRow {
				nb := s.Blocks[i+1]
				if nb.Chart == nil || nb.Chart.Kind != report.ChartSeries || nb.Chart.Series == nil {
					break
				}
				run = append(run, nb.Chart)
				i++
			}
			r.seriesRow(run)
		case bl.Chart != nil:
			r.chart(bl.Chart)
		}
	}
	if len(s.Notes) > 0 {
		f.SetY(f.GetY() + notesGap)
		r.font("I", 8)
		for _, n := range s.Notes {
			ls := r.lines(n, r.width())
			r.need(float64(len(ls))*3.8 + 1)
			r.color(muted)
			y := f.GetY()
			for i, l := range ls {
				r.text(r.ml, y+float64(i)*3.8, r.width(), 3.8, l, "L")
			}
			f.SetY(y + float64(len(ls))*3.8 + 1)
		}
	}
}

// printed says whether the PDF prints table t (the workbook has them all).
func (r *renderer) printed(t *report.Table) bool {
	return !t.WorkbookOnly && !(t.Detail && r.b.Compact)
}

// minFill is how full a page is at least, the cover and the last page
// excepted: a page with a heading or a few lines, then a page break, reads
// as a mistake. (A third of a page as the reader sees it: the layout's
// heights count the space under a table's last line, hence 0.4.)
const minFill = 0.4

// notesGap is the space above a section's notes.
const notesGap = 2

// notesHeight is the height a section's notes take (sectionBody).
func (r *renderer) notesHeight(notes []string) float64 {
	if len(notes) == 0 {
		return 0
	}
	r.font("I", 8)
	h := float64(notesGap)
	for _, n := range notes {
		h += float64(len(r.lines(n, r.width())))*3.8 + 1
	}
	return h
}

func (r *renderer) cover(s *report.Section) {
	f := r.f
	c := s.Cover
	r.noHeader = true
	r.section = ""
	f.AddPage()
	r.coverPage = f.PageNo()
	r.noHeader = false
	f.Bookmark(valid(s.Title), 0, 0)
	// A band of colour across the top third.
	r.fill(navy)
	f.Rect(0, 0, r.pw, r.ph*0.42, "F")
	r.color(white)
	r.font("", 13)
	r.text(r.ml+6, r.ph*0.16, r.width()-12, 7, strings.ToUpper(c.Title), "L")
	r.font("B", 28)
	ls := r.lines(c.Portfolio, r.width()-12)
	for i, l := range ls {
		r.text(r.ml+6, r.ph*0.16+10+float64(i)*12, r.width()-12, 12, l, "L")
	}
	r.color(ink)
	r.font("B", 14)
	y := r.ph*0.42 + 14
	r.text(r.ml+6, y, r.width()-12, 7, figure.Date(c.Date), "L")
	r.font("", 11)
	r.color(muted)
	r.text(r.ml+6, y+9, r.width()-12, 6, c.Subtitle, "L")
	if c.Confidentiality != "" {
		r.font("B", 11)
		w := r.strWidth(c.Confidentiality) + 10
		r.draw(redFg)
		f.SetLineWidth(0.6)
		r.color(redFg)
		f.Rect(r.ml+6, y+22, w, 9, "D")
		r.text(r.ml+6, y+22, w, 9, c.Confidentiality, "C")
	}
	r.font("", 8)
	r.color(muted)
	r.text(r.ml+6, r.ph-20, r.width()-12, 5, "Prepared with Steerco from the portfolio file and a seeded Monte Carlo forecast; every sentence is generated from the numbers.", "L")
}

// ---- KPI tiles ----

func (r *renderer) kpis(ks []report.KPI) {
	f := r.f
	perRow := 6
	if !r.b.Landscape {
		perRow = 3
	}
	gap := 3.0
	w := (r.width() - gap*float64(perRow-1)) / float64(perRow)
	h := 23.0
	for i := 0; i < len(ks); i += perRow {
		r.need(h + 3)
		y := f.GetY()
		for j := i; j < len(ks) && j < i+perRow; j++ {
			k := ks[j]
			x := r.ml + float64(j-i)*(w+gap)
			r.fill(zebra)
			r.draw(rule)
			f.SetLineWidth(0.2)
			f.Rect(x, y, w, h, "FD")
			r.fill(navy)
			f.Rect(x, y, 1.2, h, "F")
			r.font("", 7)
			r.color(muted)
			ls := r.lines(k.Label, w-4)
			if len(ls) > 2 {
				ls = []string{ls[0], r.fit(strings.Join(ls[1:], " "), w-4)}
			}
			for li, l := range ls {
				r.text(x+3, y+1.2+float64(li)*3.1, w-4, 3.1, l, "L")
			}
			r.font("B", 15)
			r.color(navy)
			// A tile shows money with its currency: in headline form
			// ("USD 6.1M") for a Short cell, else in whole units.
			val := k.Value.String()
			if v := k.Value; v.Kind == report.KMoney && !v.Short {
				val = figure.Money(v.Money)
				if v.Signed {
					val = figure.SignedMoney(v.Money)
					if figure.Overspend(v.Money) {
						r.color(redFg) // overspend red, as in the tables
					}
				}
			}
			// A figure too wide for the tile (a large programme's money in
			// whole units) is set smaller rather than cut.
			for size := 14.5; size >= 9 && r.strWidth(val) > w-4; size -= 0.5 {
				r.font("B", size)
			}
			r.text(x+3, y+8.2, w-4, 8, r.fit(val, w-4), "L")
			r.font("", 7)
			r.color(muted)
			r.text(x+3, y+17, w-4, 4, r.fit(k.Note, w-4), "L")
		}
		f.SetY(y + h + 4)
	}
}

// registerFonts embeds the Go fonts. fpdf's subsetter writes into the font
// bytes it is given, so each document gets its own copy: handing it the
// package-level slices made every render after the first in a process differ.
func registerFonts(f *fpdf.Fpdf) {
	own := func(b []byte) []byte { return append([]byte(nil), b...) }
	f.AddUTF8FontFromBytes(sans, "", own(goregular.TTF))
	f.AddUTF8FontFromBytes(sans, "B", own(gobold.TTF))
	f.AddUTF8FontFromBytes(sans, "I", own(goitalic.TTF))
	f.AddUTF8FontFromBytes(sans, "BI", own(gobolditalic.TTF))
	f.AddUTF8FontFromBytes(mono, "", own(gomono.TTF))
}

// document sets what every Steerco PDF carries: the embedded fonts and
// metadata that make the bytes the same on every run (dates are the
// briefing's as-of day, not the clock).
func document(f *fpdf.Fpdf, b *report.Briefing) {
	registerFonts(f)
	asOf := b.AsOf.Time().Add(12 * time.Hour)
	f.SetCreationDate(asOf)
	f.SetModificationDate(asOf)
	f.SetCatalogSort(true)
	f.SetCompression(true)
	f.SetTitle(valid(b.Title+" — "+b.Portfolio), true)
	f.SetSubject(valid(b.Confidentiality), true)
	f.SetAuthor("Steerco", true)
	f.SetCreator("Steerco", true)
	f.SetProducer("Steerco", true)
}
