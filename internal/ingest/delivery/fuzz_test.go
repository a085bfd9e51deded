package delivery

import (
	"context"
	"strings"
	"testing"
	"time"

	"steerco/internal/ingest"
)

// Seed inputs in every shape the package reads (synthetic: the real files
// stay in shared/realdata). More seeds live in testdata/fuzz/<FuzzName>/.
var csvSeeds = []string{
	readmeExample,
	"id,service,deployed_at,failed\nd1,api,2027-02-01 09:00,no\n",
	"id;committed_at;deployment\nabc;2027-01-31 09:00;d1\n",
	"id\tstarted_at\tresolved_at\ni1\t2027-02-02 10:00\t2027-02-02 13:00\n",
	"version,secondaryDeployment,pirmaryDeployment,failure\n1.0.0,11/22/22,11/23/22,false\n1.2.0,11/26/22,NA,true\n",
	"id,cicd_deployment_id,result,environment,started_date,finished_date,repo_url\nx,github:GithubDeployment:1:DE_a,SUCCESS,PRODUCTION,2023-09-01T00:16:30.000+00:00,,https://github.com/o/r\n",
	"id,params,data,url,input,created_at\n1,\"{\"\"S\"\":1}\",\"{\"\"id\"\": \"\"Q1\"\", \"\"type\"\": \"\"incident\"\", \"\"created_at\"\": \"\"2022-11-03T06:45:36.000000Z\"\", \"\"status\"\": \"\"resolved\"\", \"\"last_status_change_at\"\": \"\"2022-11-03T06:51:44.000000Z\"\"}\",,null,2022-11-03T07:11:37.373+00:00\n",
	"Type,DeploymentId,Timestamp,PullRequests\nSuccess,a-1,2024-02-29T22:32:23.794379Z,\"[{'MergedAt': '2024-02-29T22:21:47Z', 'PullRequestNumber': 1, 'Url': 'https://github.com/o/r/pull/1', 'Description': 'it\\'s \\n done'}]\"\nFailure,a-2,2024-02-29T22:00:00Z,[]\n",
}

var jsonSeeds = []string{
	`{"deployments":[{"id":"d1","deployed_at":"2027-01-04T10:00:00Z","failed":false}],"changes":[{"id":"c1","committed_at":"2027-01-04T08:00:00Z","deployment":"d1"}],"incidents":[{"id":"i1","started_at":"2027-01-05T09:30:00Z","resolved_at":"2027-01-05T10:00:00Z"}]}`,
	`[{"mode":"NULLABLE","name":"event_type","type":"STRING"}]`,
	`{"deployments":null,"x":[1,{"a":[]}]}`,
}

// checkPreview is what must hold for any input: no panic; either a located
// parse error or a preview; a preview without errors applies to a fresh
// portfolio and passes validation; importing it again changes nothing.
func checkPreview(t *testing.T, data []byte) {
	ctx := context.Background()
	p := emptyPortfolio()
	pv, err := Preview(ctx, ingest.Source{Name: "fuzz", Data: data}, p, ingest.Options{})
	if err != nil {
		if _, ok := err.(*ingest.ParseError); !ok {
			t.Fatalf("error is %T, not a *ingest.ParseError: %v", err, err)
		}
		return
	}
	if pv.RowsImported > pv.RowsRead {
		t.Fatalf("imported %d of %d rows", pv.RowsImported, pv.RowsRead)
	}
	if pv.HasErrors() {
		return
	}
	if err := pv.Apply(ctx, &memUpdater{p}); err != nil {
		if len(pv.Changes) == 0 && strings.Contains(err.Error(), "nothing to apply") {
			return
		}
		t.Fatalf("a preview without errors did not apply: %v", err)
	}
	again, err := Preview(ctx, ingest.Source{Name: "fuzz", Data: data}, p, ingest.Options{})
	if err != nil {
		t.Fatalf("second preview failed: %v", err)
	}
	if len(again.Changes) != 0 {
		t.Fatalf("re-import changes %d things: %+v", len(again.Changes), again.Changes[0])
	}
}

func FuzzPreviewCSV(f *testing.F) {
	for _, s := range csvSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPreview(t, data) })
}

func FuzzPreviewJSON(f *testing.F) {
	for _, s := range jsonSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) { checkPreview(t, data) })
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2023-09-01T00:16:30.000+00:00", "2022-11-03T06:23:06.000000Z", "2024-08-29T08:32:14.457-0500",
		"11/22/22", "22/11/2022 14:05", "3/22/2026 2:50 PM", "1700000000", "22-Mar-26", "2027-01-05 10:00", "24.12.2026"} {
		f.Add(s, uint8(1))
	}
	f.Fuzz(func(t *testing.T, s string, o uint8) {
		order := dayOrder(o % 3)
		got, dateOnly, err := parseTime(s, order)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		if got.IsZero() {
			t.Fatalf("%q read as the zero time, which a portfolio reads as unset", s)
		}
		if got.Location() != time.UTC {
			t.Fatalf("%q: %v is not UTC", s, got)
		}
		if dateOnly && (got.Hour() != 0 || got.Minute() != 0 || got.Second() != 0) {
			t.Fatalf("%q: date only but %v", s, got)
		}
		// What was read writes back as RFC 3339 and reads again to the same instant.
		if y := got.Year(); y >= 0 && y <= 9999 {
			back, _, err := parseTime(got.Format(time.RFC3339Nano), orderUnknown)
			if err != nil || !back.Equal(got) {
				t.Fatalf("%q → %v → %v, %v", s, got, back, err)
			}
		}
	})
}

func FuzzPyRepr(f *testing.F) {
	for _, s := range []string{`[]`, `[{'MergedAt': '2024-02-29T22:21:47Z', 'PullRequestNumber': 2341, 'Draft': False}]`,
		`["it's", 'a\'b\n\x41\u00e9\101']`, `(1, -2.5, None, True)`, `{1: {'a': [r'\d']}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := parsePyRepr(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "at character ") {
				t.Fatalf("unlocated error %v", err)
			}
			return
		}
		_ = v
	})
}
