package msproject

import (
	"context"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

// BenchmarkPreviewBaselines previews the largest MSPDI sample (559 KB, 111 tasks, 11 baselines each).
func BenchmarkPreviewBaselines(b *testing.B) {
	src := roadmaptest.Source(b, roadmaptest.RealData(b, "msproject/mpxj_task-baselines-project2019-mspdi.xml"))
	b.ReportAllocs()
	b.SetBytes(int64(len(src.Data)))
	for b.Loop() {
		if _, err := Preview(context.Background(), src, roadmaptest.Base(), ingest.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
