// Package pptx renders a briefing's slides (report.Slides) as a PowerPoint
// presentation (Office Open XML, 16:9, 13.333 × 7.5 in) written with
// archive/zip: every title, sentence, KPI and table is real, editable text;
// charts are placed as 300 dpi PNG images from report/chart; the speaker
// notes carry the numbers behind each claim. No third-party library: the
// package is one master, one blank layout, one theme and a notes master,
// and each slide draws its own shapes. The output is deterministic for a
// given briefing (zip entries are dated with the briefing's as-of date).
package pptx

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"steerco/internal/figure"
	"steerco/internal/report"
	"steerco/internal/report/chart"
)

// Slide size: 13.333 × 7.5 in, in EMU.
const (
	emuIn   = 914400
	slideW  = 12192000
	slideH  = 6858000
	emuPt   = 12700
	marginX = emuIn / 2
)

// Palette (the PDF's).
const (
	navy   = "18345C"
	ink    = "212529"
	muted  = "6C757D"
	rule   = "C8CDD4"
	tileBg = "F5F7FA"
	white  = "FFFFFF"
)

func ragHex(r report.RAG) (bg, fg string) {
	switch r {
	case report.Green:
		return "D6ECD4", "1E6E2D"
	case report.Amber:
		return "FABE5A", "8C5000"
	case report.Red:
		return "B02020", "FFFFFF"
	}
	return "E6E6E6", muted
}

// Render writes the slides of b as a .pptx to w. It returns an error when a
// chart cannot be drawn or the writer fails.
func Render(w io.Writer, b *report.Briefing) error {
	return RenderContext(context.Background(), w, b)
}

// RenderContext is Render, stopping with ctx.Err() (and writing nothing)
// when ctx is cancelled: it looks before each slide.
func RenderContext(ctx context.Context, w io.Writer, b *report.Briefing) error {
	slides := report.Slides(b)
	if len(slides) == 0 {
		return fmt.Errorf("pptx: the briefing has no slides")
	}
	d := &deck{b: b, when: time.Date(b.AsOf.Year(), b.AsOf.Month(), b.AsOf.Day(), 12, 0, 0, 0, time.UTC)}
	if b.AsOf.IsZero() {
		d.when = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	var buf bytes.Buffer
	d.z = zip.NewWriter(&buf)
	for i := range slides {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := d.slide(i+1, len(slides), &slides[i]); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	d.fixed(len(slides))
	if d.err != nil {
		return d.err
	}
	if err := d.z.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type deck struct {
	b      *report.Briefing
	z      *zip.Writer
	when   time.Time
	err    error
	images int
}

func (d *deck) put(name, body string) {
	if d.err != nil {
		return
	}
	f, err := d.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: d.when})
	if err == nil {
		_, err = io.WriteString(f, body)
	}
	d.err = err
}

func (d *deck) putBytes(name string, body []byte) {
	if d.err != nil {
		return
	}
	f, err := d.z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: d.when})
	if err == nil {
		_, err = f.Write(body)
	}
	d.err = err
}

// fixed writes the parts every presentation has.
func (d *deck) fixed(n int) {
	var ct strings.Builder
	ct.WriteString(contentTypesHead)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&ct, `<Override PartName="/ppt/slides/slide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`, i)
		fmt.Fprintf(&ct, `<Override PartName="/ppt/notesSlides/notesSlide%d.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"/>`, i)
	}
	ct.WriteString(`</Types>`)
	d.put("[Content_Types].xml", ct.String())
	d.put("_rels/.rels", rootRels)
	d.put("docProps/core.xml", fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>%s</dc:title><dc:creator>Steerco</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">%s</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">%s</dcterms:modified></cp:coreProperties>`,
		esc(d.b.Title+" — "+d.b.Portfolio), d.when.Format(time.RFC3339), d.when.Format(time.RFC3339)))
	d.put("docProps/app.xml", fmt.Sprintf(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Steerco</Application><Slides>%d</Slides><Notes>%d</Notes></Properties>`, n, n))
	var pres, rels strings.Builder
	pres.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation ` + nsP + ` saveSubsetFonts="1"><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId2"/></p:notesMasterIdLst><p:sldIdLst>`)
	rels.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" Target="slideMasters/slideMaster1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster" Target="notesMasters/notesMaster1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/presProps" Target="presProps.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/viewProps" Target="viewProps.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/tableStyles" Target="tableStyles.xml"/>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&pres, `<p:sldId id="%d" r:id="rId%d"/>`, 255+i, 100+i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide%d.xml"/>`, 100+i, i)
	}
	fmt.Fprintf(&pres, `</p:sldIdLst><p:sldSz cx="%d" cy="%d"/><p:notesSz cx="6858000" cy="9144000"/><p:defaultTextStyle><a:lvl1pPr><a:defRPr sz="1800"/></a:lvl1pPr></p:defaultTextStyle></p:presentation>`, slideW, slideH)
	rels.WriteString(`</Relationships>`)
	d.put("ppt/presentation.xml", pres.String())
	d.put("ppt/_rels/presentation.xml.rels", rels.String())
	d.put("ppt/slideMasters/slideMaster1.xml", slideMaster)
	d.put("ppt/slideMasters/_rels/slideMaster1.xml.rels", slideMasterRels)
	d.put("ppt/slideLayouts/slideLayout1.xml", slideLayout)
	d.put("ppt/slideLayouts/_rels/slideLayout1.xml.rels", slideLayoutRels)
	d.put("ppt/notesMasters/notesMaster1.xml", notesMaster)
	d.put("ppt/notesMasters/_rels/notesMaster1.xml.rels", notesMasterRels)
	d.put("ppt/theme/theme1.xml", theme)
	d.put("ppt/theme/theme2.xml", theme)
	d.put("ppt/presProps.xml", presProps)
	d.put("ppt/viewProps.xml", viewProps)
	d.put("ppt/tableStyles.xml", tableStyles)
}

// sp accumulates one slide's shapes.
type sp struct {
	strings.Builder
	id   int
	rels []string // extra relationships (images), rId3…
}

func (s *sp) next() int { s.id++; return s.id + 1 }

// run is one run of text.
type run struct {
	text  string
	pt    float64
	bold  bool
	color string
}

// para is a paragraph of runs with an alignment ("l", "ctr", "r").
type para struct {
	runs  []run
	align string
}

func (s *sp) textBox(name string, x, y, w, h int, paras []para, anchor string, fill string, title bool) {
	id := s.next()
	ph := ""
	if title {
		ph = `<p:ph type="title"/>`
	}
	fmt.Fprintf(s, `<p:sp><p:nvSpPr><p:cNvPr id="%d" name="%s"/><p:cNvSpPr txBox="%d"/><p:nvPr>%s</p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>`,
		id, esc(name), b2i(!title), ph, x, y, w, h)
	if fill != "" {
		fmt.Fprintf(s, `<a:solidFill><a:srgbClr val="%s"/></a:solidFill>`, fill)
	} else {
		s.WriteString(`<a:noFill/>`)
	}
	fmt.Fprintf(s, `</p:spPr><p:txBody><a:bodyPr wrap="square" lIns="45720" rIns="45720" tIns="22860" bIns="22860" anchor="%s"><a:normAutofit/></a:bodyPr><a:lstStyle/>`, anchor)
	for _, p := range paras {
		writePara(&s.Builder, p)
	}
	s.WriteString(`</p:txBody></p:sp>`)
}

func writePara(s *strings.Builder, p para) {
	al := p.align
	if al == "" {
		al = "l"
	}
	fmt.Fprintf(s, `<a:p><a:pPr algn="%s"/>`, al)
	for _, r := range p.runs {
		c := r.color
		if c == "" {
			c = ink
		}
		fmt.Fprintf(s, `<a:r><a:rPr lang="en-GB" sz="%d" b="%d" dirty="0"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:rPr><a:t>%s</a:t></a:r>`,
			int(r.pt*100), b2i(r.bold), c, esc(r.text))
	}
	fmt.Fprintf(s, `<a:endParaRPr lang="en-GB" sz="%d"/></a:p>`, int(firstPt(p)*100))
}

func firstPt(p para) float64 {
	if len(p.runs) > 0 {
		return p.runs[0].pt
	}
	return 14
}

func (s *sp) rect(x, y, w, h int, fill, line string) {
	id := s.next()
	fmt.Fprintf(s, `<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Shape %d"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="%s"/></a:solidFill>`, id, id, x, y, w, h, fill)
	if line != "" {
		fmt.Fprintf(s, `<a:ln w="12700"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:ln>`, line)
	} else {
		s.WriteString(`<a:ln><a:noFill/></a:ln>`)
	}
	s.WriteString(`</p:spPr></p:sp>`)
}

func (s *sp) arrow(x, y, w, h int) {
	id := s.next()
	fmt.Fprintf(s, `<p:sp><p:nvSpPr><p:cNvPr id="%d" name="Arrow %d"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rightArrow"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>`, id, id, x, y, w, h, "A0AFC3")
}

func (s *sp) picture(rid string, name string, x, y, w, h int) {
	id := s.next()
	fmt.Fprintf(s, `<p:pic><p:nvPicPr><p:cNvPr id="%d" name="%s"/><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="%s"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>`, id, esc(name), rid, x, y, w, h)
}

// table writes t as a native table at (x, y), w wide, rows of rowH.
func (s *sp) table(t *report.Table, x, y, w, rowH int) {
	id := s.next()
	n := len(t.Columns)
	var weights []float64
	total := 0.0
	for _, c := range t.Columns {
		wt := c.Width
		if wt <= 0 {
			wt = 1
		}
		weights = append(weights, wt)
		total += wt
	}
	h := rowH * (len(t.Rows) + 1)
	fmt.Fprintf(s, `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="%d" name="%s"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="%d" y="%d"/><a:ext cx="%d" cy="%d"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>`,
		id, esc("Table "+t.Name), x, y, w, h)
	used := 0
	for i := range t.Columns {
		cw := int(float64(w) * weights[i] / total)
		if i == n-1 {
			cw = w - used
		}
		used += cw
		fmt.Fprintf(s, `<a:gridCol w="%d"/>`, cw)
	}
	s.WriteString(`</a:tblGrid>`)
	fmt.Fprintf(s, `<a:tr h="%d">`, rowH)
	for _, c := range t.Columns {
		s.cell(c.Title, rightAligned(c.Kind), true, white, navy)
	}
	s.WriteString(`</a:tr>`)
	for ri, r := range t.Rows {
		fmt.Fprintf(s, `<a:tr h="%d">`, rowH)
		for ci := range t.Columns {
			var c report.Cell
			if ci < len(r.Cells) {
				c = r.Cells[ci]
			}
			bg := white
			if ri%2 == 1 {
				bg = tileBg
			}
			fg := ink
			txt := c.String()
			if c.Kind == report.KRAG {
				bg, fg = ragHex(c.RAG)
			}
			if c.Kind == report.KPercent && t.Columns[ci].RAGThresholds != nil {
				th := figure.Thresholds{Green: t.Columns[ci].RAGThresholds[0], Amber: t.Columns[ci].RAGThresholds[1]}
				bg, fg = ragHex(th.Of(c.Num))
			}
			s.cell(txt, rightAligned(t.Columns[ci].Kind), false, fg, bg)
		}
		s.WriteString(`</a:tr>`)
	}
	s.WriteString(`</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`)
}

func (s *sp) cell(text string, right, bold bool, fg, bg string) {
	al := "l"
	if right {
		al = "r"
	}
	s.WriteString(`<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>`)
	writePara(&s.Builder, para{align: al, runs: []run{{text: text, pt: 14, bold: bold, color: fg}}})
	fmt.Fprintf(s, `</a:txBody><a:tcPr marL="45720" marR="45720" marT="22860" marB="22860" anchor="ctr"><a:lnL w="6350"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:lnL><a:lnR w="6350"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:lnR><a:lnT w="6350"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:lnT><a:lnB w="6350"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:lnB><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:tcPr></a:tc>`, rule, rule, rule, rule, bg)
}

func rightAligned(k report.CellKind) bool {
	return k == report.KMoney || k == report.KNumber || k == report.KPercent
}

func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}

// chartPNG draws c for an area of w × h EMU at 300 dpi.
func chartPNG(c *report.Chart, w, h int) ([]byte, error) {
	return chart.SlideImage(c, float64(w)/emuIn*25.4, float64(h)/emuIn*25.4)
}
