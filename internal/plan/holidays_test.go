package plan

import "testing"

func TestUSHolidays(t *testing.T) {
	got := map[string]string{}
	for _, h := range USHolidays(2026, 2027) {
		got[h.Date.String()] = h.Name
	}
	for _, tc := range []struct{ date, name string }{
		{"2026-01-01", "New Year's Day"},
		{"2026-01-19", "Martin Luther King Jr. Day"},
		{"2026-02-16", "Washington's Birthday"},
		{"2026-05-25", "Memorial Day"},
		{"2026-06-19", "Juneteenth"},
		{"2026-07-03", "Independence Day"}, // 4 July 2026 is a Saturday
		{"2026-09-07", "Labor Day"},
		{"2026-11-26", "Thanksgiving Day"},
		{"2026-11-27", "Day after Thanksgiving"},
		{"2026-12-25", "Christmas Day"},
		{"2027-06-18", "Juneteenth"},       // Saturday → Friday
		{"2027-07-05", "Independence Day"}, // Sunday → Monday
		{"2027-12-24", "Christmas Day"},    // Saturday → Friday
	} {
		if got[tc.date] != tc.name {
			t.Errorf("%s: got %q, want %q", tc.date, got[tc.date], tc.name)
		}
	}
	// 1 January 2028 is a Saturday: observed on Friday 31 December 2027.
	if got["2027-12-31"] != "New Year's Day" {
		t.Errorf("New Year's Day 2028 should be observed on 2027-12-31, got %v", got["2027-12-31"])
	}
	if n := len(USHolidays(2026, 2026)); n != 10 {
		t.Errorf("2026 has %d holidays, want 10", n)
	}
}
