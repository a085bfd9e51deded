package pptx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"steerco/internal/report"
	"steerco/internal/report/pptx"
	"steerco/internal/report/reporttest"
)

func deck(t *testing.T, tmpl string) (*report.Briefing, []byte) {
	t.Helper()
	p, f := reporttest.Small()
	tp, err := report.LoadTemplate(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := pptx.Render(&buf, b); err != nil {
		t.Fatal(err)
	}
	return b, buf.Bytes()
}

// texts returns the text of every a:t element of an XML part, in order,
// and, separately, the text of the shape that is the title placeholder.
func texts(t *testing.T, data []byte) (all []string, title string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	inTitle, depth := false, 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Local == "sp" {
				depth++
			}
			if e.Name.Local == "ph" {
				for _, a := range e.Attr {
					if a.Name.Local == "type" && a.Value == "title" {
						inTitle = true
					}
				}
			}
			if e.Name.Local == "t" {
				var s string
				if err := dec.DecodeElement(&s, &e); err != nil {
					t.Fatal(err)
				}
				all = append(all, s)
				if inTitle {
					title += s
				}
			}
		case xml.EndElement:
			if e.Name.Local == "sp" {
				depth--
				inTitle = false
			}
		}
	}
	return all, title
}

func TestRenderReadBack(t *testing.T) {
	b, data := deck(t, "board-deck")
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	// The structure: content types, relationships, master, layout, theme.
	for _, must := range []string{"[Content_Types].xml", "_rels/.rels", "ppt/presentation.xml", "ppt/_rels/presentation.xml.rels",
		"ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout1.xml", "ppt/theme/theme1.xml", "ppt/notesMasters/notesMaster1.xml"} {
		if parts[must] == nil {
			t.Errorf("part %s missing", must)
		}
	}
	slides := report.Slides(b)
	if len(slides) < 6 || len(slides) > 10 {
		t.Errorf("%d slides; a board deck has 6 to 10", len(slides))
	}
	ct := string(parts["[Content_Types].xml"])
	for name, body := range parts {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			texts(t, body) // well-formed
		}
		if strings.HasSuffix(name, ".xml") && !strings.HasPrefix(name, "[") && !strings.Contains(ct, `PartName="/`+name+`"`) {
			t.Errorf("part %s has no content type", name)
		}
		// Every relationship points to a part that exists.
		if strings.HasSuffix(name, ".rels") {
			var rels struct {
				R []struct {
					Target string `xml:"Target,attr"`
				} `xml:"Relationship"`
			}
			if err := xml.Unmarshal(body, &rels); err != nil {
				t.Fatal(err)
			}
			base := filepath.Dir(filepath.Dir(name))
			for _, r := range rels.R {
				target := filepath.ToSlash(filepath.Clean(filepath.Join(base, r.Target)))
				if parts[target] == nil {
					t.Errorf("%s points to %s, which is not in the package", name, target)
				}
			}
		}
	}
	var got []string
	for n := range parts {
		if strings.HasPrefix(n, "ppt/slides/slide") {
			got = append(got, n)
		}
	}
	sort.Strings(got)
	if len(got) != len(slides) {
		t.Fatalf("%d slide parts, want %d", len(got), len(slides))
	}
	for i, sl := range slides {
		name := "ppt/slides/slide" + itoa(i+1) + ".xml"
		_, title := texts(t, parts[name])
		if title != sl.Title {
			t.Errorf("slide %d title %q, want %q", i+1, title, sl.Title)
		}
		notes, _ := texts(t, parts["ppt/notesSlides/notesSlide"+itoa(i+1)+".xml"])
		if len(notes) == 0 || len(notes) != len(sl.Notes) {
			t.Errorf("slide %d: %d lines of notes, want %d", i+1, len(notes), len(sl.Notes))
		}
		if sl.Chart != nil && !strings.Contains(string(parts["ppt/slides/_rels/slide"+itoa(i+1)+".xml.rels"]), "media/image") {
			t.Errorf("slide %d has a chart but no image", i+1)
		}
	}
	// The decision slide says the subject and the ask.
	if slides[1].Kind != report.SecDecision || slides[1].Decision == nil {
		t.Fatalf("slide 2 is %q, want the decision sheet", slides[1].Kind)
	}
	all, _ := texts(t, parts["ppt/slides/slide2.xml"])
	joined := strings.Join(all, " ")
	for _, want := range []string{"The ask", slides[1].Decision.Subject, "P85"} {
		if !strings.Contains(joined, want) {
			t.Errorf("decision slide lacks %q: %s", want, joined)
		}
	}
	// Deterministic.
	_, again := deck(t, "board-deck")
	if !bytes.Equal(data, again) {
		t.Error("two renders of the same briefing differ")
	}
}

// TestOpensInImpress converts the deck with LibreOffice when it is installed
// (STEERCO_IMPRESS=1): a file Impress cannot load makes no PDF.
func TestOpensInImpress(t *testing.T) {
	if os.Getenv("STEERCO_IMPRESS") == "" {
		t.Skip("set STEERCO_IMPRESS=1 to convert the deck with LibreOffice Impress")
	}
	_, data := deck(t, "board-deck")
	dir := t.TempDir()
	in := filepath.Join(dir, "deck.pptx")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("libreoffice", "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "lo"), "--convert-to", "pdf", "--outdir", dir, in).CombinedOutput()
	if err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "deck.pdf")); err != nil {
		t.Fatalf("Impress made no PDF: %s", out)
	}
}

func itoa(i int) string { return fmtInt(i) }

func fmtInt(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return fmtInt(i/10) + string(rune('0'+i%10))
}
