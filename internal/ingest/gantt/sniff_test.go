package gantt

import (
	"testing"

	"steerco/internal/ingest/roadmap/roadmaptest"
)

// Sniff recognises every sample of its own format from the first 4 KB and
// none of the other sample files.
func TestSniffRealFiles(t *testing.T) { roadmaptest.CheckSniff(t, Sniff, "gantt") }
