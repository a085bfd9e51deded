package delivery

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	utc := func(y int, m time.Month, d, h, mi, s, ns int) time.Time {
		return time.Date(y, m, d, h, mi, s, ns, time.UTC)
	}
	tests := []struct {
		name     string
		in       string
		order    dayOrder
		want     time.Time
		dateOnly bool
	}{
		{"devlake", "2023-09-01T00:16:30.000+00:00", orderUnknown, utc(2023, 9, 1, 0, 16, 30, 0), false},
		{"pagerduty microseconds", "2022-11-03T06:23:06.000000Z", orderUnknown, utc(2022, 11, 3, 6, 23, 6, 0), false},
		{"gearset", "2024-02-29T22:32:23.794379Z", orderUnknown, utc(2024, 2, 29, 22, 32, 23, 794379000), false},
		{"offset without colon", "2024-08-29T08:32:14.457-0500", orderUnknown, utc(2024, 8, 29, 13, 32, 14, 457000000), false},
		{"offset", "2027-01-05T10:00:00+01:00", orderUnknown, utc(2027, 1, 5, 9, 0, 0, 0), false},
		{"no zone is UTC", "2027-01-05 10:00", orderUnknown, utc(2027, 1, 5, 10, 0, 0, 0), false},
		{"lower-case t and z", "2027-01-05t10:00:00z", orderUnknown, utc(2027, 1, 5, 10, 0, 0, 0), false},
		{"date only", "2027-01-05", orderUnknown, utc(2027, 1, 5, 0, 0, 0, 0), true},
		{"US short", "11/22/22", orderMonthFirst, utc(2022, 11, 22, 0, 0, 0, 0), true},
		{"US short single digits", "1/5/23", orderMonthFirst, utc(2023, 1, 5, 0, 0, 0, 0), true},
		{"day first", "22/11/2022 14:05", orderDayFirst, utc(2022, 11, 22, 14, 5, 0, 0), false},
		{"twelve-hour clock", "3/22/2026 2:50 PM", orderMonthFirst, utc(2026, 3, 22, 14, 50, 0, 0), false},
		{"dotted", "24.12.2026", orderDayFirst, utc(2026, 12, 24, 0, 0, 0, 0), true},
		{"unix seconds", "1700000000", orderUnknown, time.Unix(1700000000, 0).UTC(), false},
		{"unix millis", "1700000000123", orderUnknown, time.UnixMilli(1700000000123).UTC(), false},
		{"month name", "22-Mar-26", orderUnknown, utc(2026, 3, 22, 0, 0, 0, 0), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, dateOnly, err := parseTime(tc.in, tc.order)
			if err != nil || !got.Equal(tc.want) || dateOnly != tc.dateOnly || got.Location() != time.UTC {
				t.Errorf("parseTime(%q) = %v, %v, %v; want %v, %v", tc.in, got, dateOnly, err, tc.want, tc.dateOnly)
			}
		})
	}
	for _, bad := range []string{"", "soon", "2027-13-01", "2027-02-30", "13/13/2027", "1/2", "2027-01-01T25:00", "99999999999999999999", strings.Repeat("1", 100)} {
		if _, _, err := parseTime(bad, orderMonthFirst); err == nil {
			t.Errorf("parseTime(%q) accepted", bad)
		}
	}
}

func TestSniffOrder(t *testing.T) {
	tests := []struct {
		vals      []string
		want      dayOrder
		ambiguous bool
	}{
		{[]string{"11/22/22", "01/05/23"}, orderMonthFirst, false},
		{[]string{"05/01/23", "22/11/22"}, orderDayFirst, false},
		{[]string{"03/04/23", "NA"}, orderMonthFirst, true},
		{[]string{"2027-01-01"}, orderMonthFirst, false},
	}
	for _, tc := range tests {
		if o, amb := sniffOrder(tc.vals); o != tc.want || amb != tc.ambiguous {
			t.Errorf("sniffOrder(%q) = %v, %v; want %v, %v", tc.vals, o, amb, tc.want, tc.ambiguous)
		}
	}
}

func TestPyRepr(t *testing.T) {
	tests := []struct {
		in   string
		want any
	}{
		{`[]`, []any{}},
		{`[{'MergedAt': '2024-02-29T22:21:47Z', 'PullRequestNumber': 2341, 'Draft': False, 'Labels': None}]`,
			[]any{map[string]any{"MergedAt": "2024-02-29T22:21:47Z", "PullRequestNumber": 2341.0, "Draft": false, "Labels": nil}}},
		{`["it's", 'say "hi"', 'a\'b', 'tab\there\nnext', '\\path']`, []any{"it's", `say "hi"`, "a'b", "tab\there\nnext", `\path`}},
		{`'\xe9\u00e9\U0001F600'`, "éé😀"},
		{`'caf\303\251'`, "caf\u00c3\u00a9"},
		{`(1, -2.5, 1e3)`, []any{1.0, -2.5, 1000.0}},
		{`{1: 'one'}`, map[string]any{"1": "one"}},
		{`u'x'`, "x"},
		{`r'\d+'`, `\d+`},
		{` [ 1 , 2 , ] `, []any{1.0, 2.0}},
	}
	for _, tc := range tests {
		got, err := parsePyRepr(tc.in)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parsePyRepr(%s) = %#v, %v; want %#v", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{``, `[`, `{'a' 1}`, `'open`, `[1 2]`, `{'a': }`, `'\x4'`, `nonsense`, strings.Repeat("[", 100) + strings.Repeat("]", 100), `[1] extra`} {
		if _, err := parsePyRepr(bad); err == nil {
			t.Errorf("parsePyRepr(%q) accepted", bad)
		}
	}
}

func TestHeaderMatching(t *testing.T) {
	c := matchColumns([]string{"version", "secondaryDeployment", "pirmaryDeployment", "failure"})
	if c.col("id") != 0 || c.col("deployed_at") != 2 || c.col("failed") != 3 || c.used[1] {
		t.Errorf("columns %+v", c)
	}
	if c.fuzzy["deployed_at"] != "pirmaryDeployment" {
		t.Errorf("fuzzy %+v", c.fuzzy)
	}
	for _, tc := range []struct {
		a, b string
		want int
	}{{"pirmarydeployment", "primarydeployment", 1}, {"abc", "abc", 0}, {"abc", "acb", 1}, {"kitten", "sitting", 3}, {"a", "abcdefgh", 4}} {
		if got := osa(tc.a, tc.b); got != tc.want {
			t.Errorf("osa(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
