package jira

import (
	"context"
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
