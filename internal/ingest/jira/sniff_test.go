package jira

import (
	"os"
	"path/filepath"
	"testing"

	"steerco/internal/ingest/roadmap/roadmaptest"
)

// TestSniffRealFiles: Sniff recognises every sample of its own format from
// the first 4 KB and none of the other sample files (other roadmap formats, finance, DORA, TaskJuggler)'.
func TestSniffRealFiles(t *testing.T) {
	for _, dir := range []string{"jira", "msproject", "gantt", "finance", "dora", "taskjuggler"} {
		files, _ := filepath.Glob(filepath.Join(roadmaptest.RealData(t, dir), "*"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			head := data[:min(len(data), 4096)]
			if got, want := Sniff(head), dir == "jira"; got != want {
				t.Errorf("Sniff(%s) = %v, want %v", filepath.Base(f), got, want)
			}
		}
	}
}
