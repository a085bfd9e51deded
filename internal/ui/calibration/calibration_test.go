package calibration

import (
	"strings"
	"testing"

	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

// The demo's year of history: the screen quotes the sentence with its
// count and interval, a row per team and commitment, and the reliability
// points; a portfolio with no history says so.
func TestCalibrationScreen(t *testing.T) {
	h := uitest.Demo(t, today)
	s := New()
	h.Show(s, uitest.Laptop)
	h.Capture("calibration")
	if !strings.HasPrefix(s.sentence.Text, "Steerco's P85 dates for this portfolio held ") || !strings.Contains(s.sentence.Text, "(90% interval ") {
		t.Errorf("sentence %q", s.sentence.Text)
	}
	all := strings.Join(uitest.Labels(s.table), "|")
	for _, want := range []string{"All", "FHIR API", "Patient Data Exchange", "committed", "P85 held", "working days"} {
		if !strings.Contains(all, want) {
			t.Errorf("table lacks %q: %s", want, all)
		}
	}
	if len(s.diagram.bins) < 2 || s.diagram.bins[1].Label != "P85" {
		t.Errorf("reliability %+v", s.diagram.bins)
	}
	if s.Title() != "Calibration" || s.Object() == nil {
		t.Error("title or object")
	}

	p := h.Session.Portfolio()
	q := *p
	q.Snapshots = nil
	q.Items = append([]plan.Item(nil), p.Items...)
	q.Items[0].FinishedOn = 0
	q.Items[0].Status = plan.Done
	s.Show(&q)
	if !strings.HasPrefix(s.sentence.Text, "No snapshots can be scored yet") {
		t.Errorf("without snapshots: %q", s.sentence.Text)
	}
	if !strings.Contains(s.notes.Text, "Done without a finish date") || !strings.Contains(s.notes.Text, q.Items[0].ID) {
		t.Errorf("notes %q", s.notes.Text)
	}
}
