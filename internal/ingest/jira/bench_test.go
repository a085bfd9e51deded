package jira

import (
	"context"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

// BenchmarkPreviewGazeus previews the messiest Jira sample (575 KB, 219 issues, 213 columns).
func BenchmarkPreviewGazeus(b *testing.B) {
	src := roadmaptest.Source(b, roadmaptest.RealData(b, "jira/gazeus_JIRA_pt-BR_213cols.csv"))
	b.ReportAllocs()
	b.SetBytes(int64(len(src.Data)))
	for b.Loop() {
		if _, err := Preview(context.Background(), src, roadmaptest.Base(), ingest.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHostile times the refusal of a CSV with an 8 MB cell and of
// estimates of 10¹⁵ seconds. Run: go test -run '^$' -bench Hostile -benchmem ./internal/ingest/jira
func BenchmarkHostile(b *testing.B) {
	const head = "Summary,Issue key,Issue Type,Status,Original Estimate\n"
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"cell-8MB", []byte(head + "A,X-1,Task,To Do,\"" + strings.Repeat("9", 8_000_000) + "\"\n")},
		{"estimate-1e15", []byte(head + "A,X-1,Task,To Do,1000000000000000\n")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pv, err := Preview(context.Background(), ingest.Source{Name: "h.csv", Data: bc.data}, roadmaptest.Base(), ingest.Options{})
				if err == nil && !pv.HasErrors() {
					b.Fatal("accepted")
				}
			}
		})
	}
}
