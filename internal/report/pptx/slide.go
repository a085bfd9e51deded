package pptx

import (
	"fmt"
	"strings"

	"steerco/internal/figure"
	"steerco/internal/report"
)

// slide writes slide i of n, its relationships and its notes.
func (d *deck) slide(i, n int, sl *report.Slide) error {
	s := &sp{}
	contentW := slideW - 2*marginX
	if sl.Kind == report.SecCover {
		s.rect(0, 0, slideW, slideH*45/100, navy, "")
		s.textBox("Title", marginX, emuIn*3/2, contentW, emuIn*3/2, []para{{runs: []run{{text: sl.Title, pt: 44, bold: true, color: white}}}}, "b", "", true)
		sub := d.b.Portfolio
		if sl.Cover != nil && sl.Cover.Subtitle != "" {
			sub += "\n" + sl.Cover.Subtitle
		}
		var ps []para
		for _, line := range strings.Split(sub, "\n") {
			ps = append(ps, para{runs: []run{{text: line, pt: 24, color: ink}}})
		}
		ps = append(ps, para{runs: []run{{text: "As of " + figure.Date(d.b.AsOf), pt: 18, color: muted}}})
		s.textBox("Subtitle", marginX, slideH*50/100, contentW, emuIn*2, ps, "t", "", false)
	} else {
		s.textBox("Section", marginX, emuIn/4, contentW, emuIn*3/10, []para{{runs: []run{{text: strings.ToUpper(sl.Subtitle), pt: 14, bold: true, color: muted}}}}, "t", "", false)
		s.textBox("Title", marginX, emuIn*55/100, contentW, emuIn*12/10, []para{{runs: []run{{text: sl.Title, pt: 28, bold: true, color: navy}}}}, "t", "", true)
		y := emuIn * 18 / 10
		if len(sl.Body) > 0 {
			var ps []para
			for _, b := range sl.Body {
				ps = append(ps, para{runs: []run{{text: b, pt: 16}}})
			}
			h := emuIn * 45 / 100 * len(sl.Body)
			s.textBox("Body", marginX, y, contentW, h, ps, "t", "", false)
			y += h + emuIn/10
		}
		if len(sl.KPIs) > 0 {
			k := len(sl.KPIs)
			gap := emuIn / 8
			tw := (contentW - gap*(k-1)) / k
			for j, kp := range sl.KPIs {
				x := marginX + j*(tw+gap)
				ps := []para{{runs: []run{{text: kp.Label, pt: 14, color: muted}}}, {runs: []run{{text: kp.Value.String(), pt: 28, bold: true, color: navy}}}}
				if kp.Note != "" {
					ps = append(ps, para{runs: []run{{text: kp.Note, pt: 14, color: muted}}})
				}
				s.textBox("KPI "+kp.Label, x, y, tw, emuIn*12/10, ps, "t", tileBg, false)
			}
			y += emuIn*12/10 + emuIn/6
		}
		bottom := slideH - emuIn*45/100
		switch {
		case sl.Decision != nil:
			d.decision(s, sl.Decision, y, bottom)
		case sl.Chart != nil:
			png, err := chartPNG(sl.Chart, contentW, bottom-y)
			if err != nil {
				return fmt.Errorf("pptx: slide %d chart %s: %w", i, sl.Chart.Name, err)
			}
			d.images++
			name := fmt.Sprintf("image%d.png", d.images)
			d.putBytes("ppt/media/"+name, png)
			rid := fmt.Sprintf("rId%d", 3+len(s.rels))
			s.rels = append(s.rels, fmt.Sprintf(`<Relationship Id="%s" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="../media/%s"/>`, rid, name))
			s.picture(rid, "Chart "+sl.Chart.Name, marginX, y, contentW, bottom-y)
		case sl.Table != nil:
			rowH := min(emuIn*38/100, (bottom-y-emuIn*3/10)/(len(sl.Table.Rows)+1))
			s.table(sl.Table, marginX, y, contentW, rowH)
			if sl.Table.Note != "" {
				s.textBox("Table note", marginX, bottom-emuIn*3/10, contentW, emuIn*3/10, []para{{runs: []run{{text: sl.Table.Note, pt: 14, color: muted}}}}, "t", "", false)
			}
		}
	}
	foot := report.SlideFooter(d.b, i, n)
	s.textBox("Footer", marginX, slideH-emuIn*4/10, contentW, emuIn*3/10, []para{{align: "r", runs: []run{{text: foot, pt: 12, color: muted}}}}, "ctr", "", false)

	d.put(fmt.Sprintf("ppt/slides/slide%d.xml", i), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld `+nsP+`><p:cSld><p:spTree>`+emptyTree+s.String()+`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>`)
	d.put(fmt.Sprintf("ppt/slides/_rels/slide%d.xml.rels", i), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout" Target="../slideLayouts/slideLayout1.xml"/>`+
		fmt.Sprintf(`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesSlide" Target="../notesSlides/notesSlide%d.xml"/>`, i)+
		strings.Join(s.rels, "")+`</Relationships>`)
	d.notes(i, sl.Notes)
	return nil
}

// decision draws the decision sheet's chain (boxes and arrows, the days
// each link adds at P85) and its options side by side.
func (d *deck) decision(s *sp, dc *report.Decision, y, bottom int) {
	contentW := slideW - 2*marginX
	if len(dc.Chain) > 0 {
		s.textBox("Chain title", marginX, y, contentW, emuIn*35/100, []para{{runs: []run{{text: "The chain that drives the date (working days each link adds at P85)", pt: 14, bold: true, color: muted}}}}, "t", "", false)
		y += emuIn * 38 / 100
		k := len(dc.Chain)
		aw := emuIn * 3 / 10
		bw := (contentW - aw*(k-1)) / k
		bh := emuIn * 13 / 10
		for j, l := range dc.Chain {
			x := marginX + j*(bw+aw)
			fill := tileBg
			if j == k-1 {
				fill = "E4E9F0"
			}
			ps := []para{{runs: []run{{text: l.Label, pt: 14, bold: true, color: navy}}}, {runs: []run{{text: l.Team, pt: 14, color: muted}}},
				{runs: []run{{text: "+" + figure.WorkingDays(float64(l.Days)), pt: 14, bold: true}}}, {runs: []run{{text: "P85 " + figure.Date(l.P85), pt: 14, color: muted}}}}
			s.textBox("Link "+l.Label, x, y, bw, bh, ps, "t", fill, false)
			if j < k-1 {
				s.arrow(x+bw+aw/6, y+bh/2-aw/3, aw*2/3, aw*2/3)
			}
		}
		y += bh + emuIn/6
	}
	if len(dc.Options) > 0 && y < bottom-emuIn/2 {
		k := len(dc.Options)
		gap := emuIn / 8
		ow := (contentW - gap*(k-1)) / k
		for j, o := range dc.Options {
			x := marginX + j*(ow+gap)
			cost := report.NoPricedCost
			if c := o.CostWords(); c != "" {
				cost = "Cost " + c
			}
			ps := []para{{runs: []run{{text: fmt.Sprintf("Option %d: %s", j+1, o.Short), pt: 14, bold: true, color: navy}}},
				{runs: []run{{text: fmt.Sprintf("%s · chance %s → %s", cost, figure.Percent(o.Before), figure.Percent(o.After)) + expectedTail(o), pt: 14}}}}
			s.textBox(fmt.Sprintf("Option %d", j+1), x, y, ow, bottom-y, ps, "t", tileBg, false)
		}
	}
}

// notes writes the speaker notes of slide i.
func (d *deck) notes(i int, lines []string) {
	var b strings.Builder
	for _, l := range lines {
		writePara(&b, para{runs: []run{{text: l, pt: 12}}})
	}
	if len(lines) == 0 {
		b.WriteString(`<a:p><a:endParaRPr lang="en-GB"/></a:p>`)
	}
	d.put(fmt.Sprintf("ppt/notesSlides/notesSlide%d.xml", i), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:notes `+nsP+`><p:cSld><p:spTree>`+emptyTree+
		`<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="381000" y="685800"/><a:ext cx="6096000" cy="3429000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>`+
		`<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x="685800" y="4343400"/><a:ext cx="5486400" cy="4114800"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>`+b.String()+`</p:txBody></p:sp>`+
		`</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`)
	d.put(fmt.Sprintf("ppt/notesSlides/_rels/notesSlide%d.xml.rels", i), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/notesMaster" Target="../notesMasters/notesMaster1.xml"/>`+
		fmt.Sprintf(`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="../slides/slide%d.xml"/>`, i)+`</Relationships>`)
}

// expectedTail is " · expected penalty −USD 150k" for a saved option whose
// portfolio states a penalty, else "".
func expectedTail(o report.DecisionOption) string {
	if e := o.ExpectedWords(); e != "" {
		return " · expected penalty " + e
	}
	return ""
}
