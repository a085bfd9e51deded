package roadmap_test

import (
	"context"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap"
)

var small = roadmap.XMLLimits{MaxBytes: 4096, MaxDepth: 4, MaxElements: 20, MaxToken: 64}

func TestCheckXML(t *testing.T) {
	tests := []struct {
		name, doc, want string
		line            int
	}{
		{"fine", "<a><b x=\"1\">text</b><!-- c --></a>", "", 0},
		{"size", "<a>" + strings.Repeat("<b/>", 1100) + "</a>", "the file is 0 MiB, more than", 0},
		{"long text", "<a>\n<b>" + strings.Repeat("x", 65) + "</b></a>", "a text, name or tag starting here is longer than 0 KiB", 2},
		{"long attribute", "<a>\n\n<b x=\"" + strings.Repeat("x", 70) + "\"/></a>", "longer than", 3},
		{"long trailing text", "<a/>" + strings.Repeat("x", 70), "longer than", 1},
		{"deep", "<a><b><c><d>\n<e/></d></c></b></a>", "nested more than 4 deep", 2},
		{"elements", "<a>" + strings.Repeat("<b/>", 20) + "</a>", "more than 20 elements", 1},
		{"entities", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "declares XML entities", 1},
		{"doctype without entities", "<!DOCTYPE a><a/>", "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := roadmap.CheckXML(context.Background(), "f.xml", []byte(tc.doc), small, "a plan")
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(pe.Msg, tc.want) || pe.Row != tc.line {
				t.Fatalf("err = %v, want %q at line %d", err, tc.want, tc.line)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := roadmap.CheckXML(ctx, "f.xml", []byte("<a/>"), small, "a plan"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// FuzzCheckXML: the guard never panics, and a document it accepts has no
// run of more than MaxToken bytes without a '<'.
func FuzzCheckXML(f *testing.F) {
	f.Add([]byte("<a><b x=\"1\">text</b></a>"))
	f.Add([]byte("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>"))
	f.Add([]byte("<a>" + strings.Repeat("x", 65) + "</a>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if roadmap.CheckXML(context.Background(), "f", data, small, "a plan") != nil {
			return
		}
		prev := 0
		for i, c := range data {
			if c == '<' {
				prev = i
			}
			if i-prev > small.MaxToken {
				t.Fatalf("accepted a run of %d bytes at %d", i-prev, prev)
			}
		}
	})
}

func TestXMLTokensLocatesMalformedAndHonoursCancel(t *testing.T) {
	doc := "<a>\n<b>x</b>\n<c></d>\n</a>"
	toks := roadmap.NewXMLTokens(context.Background(), "plan.xml", xml.NewDecoder(strings.NewReader(doc)))
	var err error
	for err == nil {
		_, _, err = toks.Next()
	}
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || pe.Location.File != "plan.xml" || pe.Location.Row != 3 || !strings.Contains(pe.Error(), "malformed") {
		t.Fatalf("malformed XML: got %v, want a ParseError at plan.xml line 3", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	toks = roadmap.NewXMLTokens(ctx, "big.xml", xml.NewDecoder(strings.NewReader("<a>"+strings.Repeat("<b/>", 5000)+"</a>")))
	n := 0
	for err = nil; err == nil; n++ {
		_, _, err = toks.Next()
	}
	if !errors.Is(err, context.Canceled) || n > 1024 {
		t.Fatalf("cancelled: got %v after %d tokens, want context.Canceled within 1,024", err, n)
	}
	toks = roadmap.NewXMLTokens(context.Background(), "ok.xml", xml.NewDecoder(strings.NewReader("<a/>")))
	for err = nil; err == nil; {
		_, _, err = toks.Next()
	}
	if !errors.Is(err, io.EOF) {
		t.Fatalf("end of a good document: got %v, want io.EOF", err)
	}
}
