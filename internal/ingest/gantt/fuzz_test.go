package gantt

import (
	"context"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

// The seed corpus lives in testdata/fuzz/FuzzPreview; `make fuzz` runs it for a while.

// FuzzPreview feeds arbitrary bytes to the GanttProject reader: it must
// never panic, and a preview without errors must apply to a valid portfolio.
func FuzzPreview(f *testing.F) {
	f.Add([]byte(cycleGan))
	f.Add([]byte(`<project name="x" version="2.0"><calendars><day-types><calendar id="1"><default-week sun="1" sat="1"/></calendar></day-types><date year="" month="12" date="25" type="HOLIDAY"/></calendars><tasks><task id="1" name="A" meeting="false" start="2014-10-21" duration="6" complete="50"><task id="2" name="B" start="2014-10-21" duration="2"/></task><task id="3" name="M" meeting="true" start="2014-11-01" duration="0"/></tasks><resources><resource id="0" name="R"/></resources><allocations><allocation task-id="2" resource-id="0" load="100" responsible="true"/></allocations></project>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := roadmaptest.Base()
		pv, err := Preview(context.Background(), ingest.Source{Name: "f.gan", Data: data}, p, ingest.Options{})
		if err != nil || pv.HasErrors() {
			return
		}
		if err := pv.Apply(context.Background(), &roadmaptest.Updater{P: p}); err != nil {
			t.Fatalf("a preview without errors failed to apply: %v", err)
		}
	})
}
