package report

import "testing"

func TestShortAsk(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Hire 2 engineers for FHIR API to start 1 Feb 2027 (8-week hiring lead time; USD 17k in FY2027).", "Hire 2 engineers for FHIR API to start 1 Feb 2027"},
		{"Fund the mitigation of ‘EHR sandbox (Müller & Söhne)’ (the lift shown is for a full mitigation).", "Fund the mitigation of ‘EHR sandbox (Müller & Söhne)’"},
		{"Hire 2 engineers to start 1 Feb 2027 (8-week lead time); USD 17k in FY2027.", "Hire 2 engineers to start 1 Feb 2027"},
		{"Move the target to 3 May 2027.", "Move the target to 3 May 2027"},
	} {
		if got := shortAsk(tc.in); got != tc.want {
			t.Errorf("shortAsk(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// Counts in sentences group their thousands, as every number Steerco shows.
func TestCountsInSentencesAreGrouped(t *testing.T) {
	if got := plural(2139, "target to reset", "targets to reset"); got != "2,139 targets to reset" {
		t.Errorf("plural = %q", got)
	}
	if got := plural(1, "risk is", "risks are"); got != "1 risk is" {
		t.Errorf("plural = %q", got)
	}
	if got := count(10000); got != "10,000" {
		t.Errorf("count = %q", got)
	}
}
