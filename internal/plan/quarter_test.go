package plan

import (
	"encoding/json"
	"testing"
)

func TestQuarterText(t *testing.T) {
	b, err := json.Marshal(map[string]Quarter{"q": {Year: 2027, Q: 1}})
	if err != nil || string(b) != `{"q":"2027-Q1"}` {
		t.Fatalf("marshal: %s, %v", b, err)
	}
	var back map[string]Quarter
	if err := json.Unmarshal(b, &back); err != nil || back["q"] != (Quarter{2027, 1}) {
		t.Fatalf("unmarshal: %v, %v", back, err)
	}
	for _, bad := range []string{"", "2027", "2027-Q5", "2027-Q0", "27-Q1", "2027-q1", "2027-Qx"} {
		if _, err := ParseQuarter(bad); err == nil || ErrorCode(err) != EINVALID {
			t.Errorf("ParseQuarter(%q) = %v, want an EINVALID error", bad, err)
		}
	}
}
