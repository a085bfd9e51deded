package demotest

import (
	"strings"
	"testing"
)

// The board pack's method appendix quotes how often the demo's own
// snapshots' P85 dates held, and a small table per team.
func TestDemoBoardPackCalibration(t *testing.T) {
	p, f := forecast(t, 500)
	b := briefing(t, p, f, "board-pack")
	for _, s := range b.Sections {
		said := strings.Join(s.Headlines, "\n")
		if !strings.Contains(said, "Steerco's P85 dates for this portfolio held ") {
			continue
		}
		if !strings.Contains(said, "item forecasts (90% interval ") {
			t.Errorf("the sentence lacks its count or interval: %s", said)
		}
		for _, bl := range s.Blocks {
			if bl.Table != nil && bl.Table.Name == "Calibration" {
				if len(bl.Table.Rows) < 2 || bl.Table.Rows[0].Cells[0].Text != "All" {
					t.Errorf("calibration table rows %+v", bl.Table.Rows)
				}
				return
			}
		}
		t.Fatalf("section %q quotes calibration without its table", s.Title)
	}
	t.Fatal("no section quotes how often the P85 dates held")
}
