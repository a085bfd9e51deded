package roadmap_test

import (
	"context"
	"errors"
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
