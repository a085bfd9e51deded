package forecast

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseModelErrors(t *testing.T) {
	for _, c := range []struct {
		name, json string
		want       []string // substrings of the error
	}{
		{"malformed", "{\n  \"items\": [\n    {\"id\": \"A\" \"duration\": 1}\n  ]\n}", []string{"line 3, column 16", "invalid character"}},
		{"wrong type", "{\"items\": [{\"id\": 7}]}", []string{"line 1", "field items.id"}},
		{"unknown field", "{\"items\": [{\"id\": \"A\", \"duraton\": 1}]}", []string{"unknown field \"duraton\""}},
		{"truncated", "{\"items\": [", []string{"unexpected end"}},
		{"empty", "", []string{"empty file"}},
		{"no items", "{}", []string{"the model has no items"}},
		{"unknown dependency", `{"items":[{"id":"A","duration":1,"depends_on":["X"]}]}`, []string{`item "A" depends on unknown item "X"`}},
		{"unknown team", `{"items":[{"id":"A","effort":1,"team":"T"}]}`, []string{`item "A": unknown team "T"`}},
		{"cycle", `{"items":[{"id":"A","duration":1,"depends_on":["C"]},{"id":"B","duration":1,"depends_on":["A"]},{"id":"C","duration":1,"depends_on":["B"]},{"id":"D","duration":1}]}`,
			[]string{"dependency cycle: A → B → C → A"}},
		{"self", `{"items":[{"id":"A","duration":1,"depends_on":["A"]}]}`, []string{`item "A" depends on itself`}},
		{"low > high", `{"items":[{"id":"A","duration":{"dist":"triangular","low":5,"mode":5,"high":3}}]}`, []string{"low (5) is greater than high (3)"}},
		{"mode outside", `{"items":[{"id":"A","duration":{"dist":"betapert","low":1,"mode":9,"high":3}}]}`, []string{"mode (9) must lie between"}},
		{"negative", `{"items":[{"id":"A","duration":-2}]}`, []string{"value must be a number ≥ 0, not -2"}},
		{"negative capacity", `{"teams":[{"id":"T","capacity_per_week":-1}],"items":[{"id":"A","duration":1}]}`, []string{`team "T": capacity_per_week must be a number ≥ 0`}},
		{"no capacity", `{"teams":[{"id":"T","capacity_per_week":0,"capacity_by_week":[5]}],"items":[{"id":"A","effort":1,"team":"T"}]}`, []string{"would never finish"}},
		{"bad risk", `{"items":[{"id":"A","duration":1,"risks":[{"id":"R","p":1.5,"impact":-1}]}]}`, []string{"p must be between 0 and 1", "impact must be a number ≥ 0"}},
		{"shared risk, two p", `{"items":[{"id":"A","duration":1,"risks":[{"id":"R","p":0.5,"impact":1}]},{"id":"B","duration":1,"risks":[{"id":"R","p":0.2,"impact":1}]}]}`, []string{`risk "R" has p 0.5 on one item and 0.2`}},
		{"duplicate", `{"items":[{"id":"A","duration":1},{"id":"A","duration":2}]}`, []string{`item "A" is defined twice`}},
		{"both", `{"items":[{"id":"A","duration":1,"effort":2}]}`, []string{"both a duration and an effort"}},
		{"unknown dist", `{"items":[{"id":"A","duration":{"dist":"normal","low":1}}]}`, []string{`unknown dist "normal"`}},
		{"lognormal low", `{"items":[{"id":"A","duration":{"dist":"lognormal","low":0,"high":3}}]}`, []string{"must be > 0"}},
		{"group", `{"items":[{"id":"A","duration":1}],"correlation_groups":[{"items":["A","Z"],"rho":2}]}`, []string{"rho must be between 0 and 1", `unknown item "Z"`}},
		{"priority", `{"teams":[{"id":"T","capacity_per_week":1,"priority":["B"]}],"items":[{"id":"A","effort":1,"team":"T"},{"id":"B","duration":1}]}`, []string{`priority lists item "B", which is not the team's effort item`}},
		{"throughput and items", `{"items":[{"id":"A","duration":1}],"throughput_history_per_week":[1],"weeks":3}`, []string{"either a network"}},
		{"throughput zero", `{"throughput_history_per_week":[0,0],"backlog_items":3}`, []string{"never be done"}},
		{"throughput both", `{"throughput_history_per_week":[1],"backlog_items":3,"weeks":2}`, []string{"not both"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseModel(strings.NewReader(c.json))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			var pe *ParseError
			var ie *InvalidModelError
			if !errors.As(err, &pe) && !errors.As(err, &ie) {
				t.Errorf("error %T is neither a *ParseError nor an *InvalidModelError", err)
			}
		})
	}
}

func TestParseModelAcceptsExamples(t *testing.T) {
	for _, f := range []string{"testdata/pert_textbook.json", "testdata/two_teams.json", "testdata/throughput_when.json"} {
		m := load(t, f)
		if err := m.Validate(); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
}

func TestOptionErrors(t *testing.T) {
	m := Model{Items: []Item{{ID: "A", Duration: fixed(1)}}}
	for _, o := range []Options{{Trials: -1}, {Sampling: "sobol"}, {Period: -2}, {Workers: -1}} {
		if _, err := Run(t.Context(), m, o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
}

func TestModelJSONRoundTrip(t *testing.T) {
	for _, f := range []string{"testdata/pert_textbook.json", "testdata/two_teams.json", "testdata/throughput_when.json"} {
		m := load(t, f)
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		back, err := ParseModel(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, b)
		}
		if !reflect.DeepEqual(m, back) {
			t.Errorf("%s: round trip changed the model:\n%s", f, b)
		}
	}
}
