package jira

import (
	"context"
	"math"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

// The seed corpora live in testdata/fuzz/<FuzzName>; `make fuzz` runs each target for a while.

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"22/Mar/26 10:50 AM", "05/dez/25 3:03 PM", "2024-08-29T08:32:14.457-0500", "Sun, 5 Oct 2025 00:00:00 +0000", "31/Feb/26", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && !d.IsZero() && (d.Year() < 1900 || d.Year() > 2999) {
			t.Fatalf("ParseDate(%q) = %s, outside 1900–2999", s, d)
		}
		if err != nil && !d.IsZero() {
			t.Fatalf("ParseDate(%q) returned both a date and an error", s)
		}
	})
}

func FuzzParseSeconds(f *testing.F) {
	for _, s := range []string{"28800", "3600.5", "", "-1", "1e308", "NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok, err := ParseSeconds(s)
		if err == nil && ok && (d < 0 || math.IsNaN(d) || math.IsInf(d, 0)) {
			t.Fatalf("ParseSeconds(%q) = %v", s, d)
		}
		p, ok, err := ParsePoints(s)
		if err == nil && ok && (p < 0 || math.IsNaN(p) || math.IsInf(p, 0)) {
			t.Fatalf("ParsePoints(%q) = %v", s, p)
		}
	})
}

// FuzzPreview feeds arbitrary bytes to the CSV and RSS readers: they must
// never panic, and anything they accept must apply to a valid portfolio or
// report errors.
func FuzzPreview(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("<rss><channel><item><key id=\"1\">A-1</key><summary>x</summary><type>Epic</type><status>Done</status></item></channel></rss>"))
	f.Add([]byte("Summary,Issue key,Issue Type,Status,Outward issue link (Blocks)\nA,X-1,Task,To Do,X-2\nB,X-2,Task,To Do,X-1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := roadmaptest.Base()
		pv, err := Preview(context.Background(), ingest.Source{Name: "f", Data: data}, p, ingest.Options{})
		if err != nil || pv.HasErrors() {
			return
		}
		u := &roadmaptest.Updater{P: p}
		if err := pv.Apply(context.Background(), u); err != nil {
			t.Fatalf("a preview without errors failed to apply: %v", err)
		}
	})
}
