package plan

import (
	"bytes"
	"strings"
	"testing"
)

// The decision note goes through the JSON interchange file unchanged, and
// one over MaxDecisionNote characters (counted as characters, not bytes)
// is refused at its field.
func TestDecisionNote(t *testing.T) {
	p := validPortfolio()
	p.DecisionNote = "Approve the two hires today — Müller & Söhne’s sandbox is the risk."
	var buf bytes.Buffer
	if err := WriteJSON(&buf, p); err != nil {
		t.Fatal(err)
	}
	q, err := ReadJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if q.DecisionNote != p.DecisionNote {
		t.Errorf("round trip %q, want %q", q.DecisionNote, p.DecisionNote)
	}
	p.DecisionNote = strings.Repeat("é", MaxDecisionNote)
	if err := p.Validate(); err != nil {
		t.Errorf("a note of %d characters refused: %v", MaxDecisionNote, err)
	}
	p.DecisionNote += "é"
	err = p.Validate()
	if err == nil || !strings.Contains(ErrorMessage(err)+err.Error(), "decision note") {
		t.Fatalf("an over-long note: %v", err)
	}
	if pe, ok := err.(*Error); !ok || len(pe.Problems) == 0 || pe.Problems[0].Field != "decision_note" {
		t.Errorf("not located at the field: %#v", err)
	}
}
