package forecast

import "testing"

// An item id in the samples CSV is never a spreadsheet formula, and is
// quoted when it needs to be.
func TestCSVFieldIsNeverAFormula(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"api-1.start", "api-1.start"},
		{"=HYPERLINK(\"http://x\").start", `"'=HYPERLINK(""http://x"").start"`},
		{"+1.finish", "'+1.finish"},
		{"-cmd.finish", "'-cmd.finish"},
		{"@SUM(A1).start", "'@SUM(A1).start"},
		{"a,b.start", `"a,b.start"`},
	} {
		if got := string(appendCSVField(nil, c.in)); got != c.want {
			t.Errorf("appendCSVField(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}
