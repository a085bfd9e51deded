package delivery

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	dora "steerco/internal/delivery"
	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// The example in the README ("Importing delivery data").
const readmeExample = `type,id,service,time,end_time,failed,deployment
deployment,D-101,checkout,2027-01-04T10:00:00Z,,false,
deployment,D-102,checkout,2027-01-11 10:00,,true,
change,PR-88,checkout,2027-01-03T10:00:00Z,,,D-101
change,PR-90,checkout,2027-01-10T22:00:00Z,2027-01-11T10:00:00Z,,
incident,INC-7,checkout,2027-01-11T11:00:00Z,2027-01-11T11:45:00Z,,D-102
incident,INC-8,search,2027-01-20T09:00:00Z,,,
`

func preview(t *testing.T, name, data string, p *plan.Portfolio) *ingest.Preview {
	t.Helper()
	if p == nil {
		p = emptyPortfolio()
	}
	pv, err := Preview(context.Background(), ingest.Source{Name: name, Data: []byte(data)}, p, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return pv
}

func TestSimpleCSV(t *testing.T) {
	p := emptyPortfolio()
	pv := importInto(t, p, ingest.Source{Name: "delivery.csv", Data: []byte(readmeExample)})
	if pv.RowsRead != 6 || pv.RowsImported != 6 || len(pv.Problems) != 0 {
		t.Fatalf("read %d imported %d problems %v", pv.RowsRead, pv.RowsImported, pv.Problems)
	}
	if len(p.Deployments) != 2 || len(p.Changes) != 2 || len(p.Incidents) != 2 {
		t.Fatalf("got %d/%d/%d", len(p.Deployments), len(p.Changes), len(p.Incidents))
	}
	// PR-88 names D-101, so it was deployed when D-101 was: 24 h lead time.
	c := findChange(p, "PR-88")
	if c == nil || !c.DeployedAt.Equal(time.Date(2027, 1, 4, 10, 0, 0, 0, time.UTC)) || c.DeploymentID != "D-101" {
		t.Errorf("PR-88 = %+v", c)
	}
	// INC-7 names D-102 (already failed); INC-8 is open.
	if in := findIncident(p, "INC-8"); in == nil || !in.ResolvedAt.IsZero() {
		t.Errorf("INC-8 = %+v", in)
	}
	// January: 2 deployments, 1 failed (50 %); lead times 24 h and 12 h →
	// median 18 h (elite); restore 45 min (elite); one incident open.
	m := dora.Monthly(p, plan.MustMonth("2027-01"), plan.MustMonth("2027-01"))[0]
	if m.ChangeFailure.Failed != 1 || m.LeadTime.MedianHours != 18 || m.Restore.MedianHours != 0.75 || m.OpenIncidents != 1 {
		t.Errorf("january %+v", m.Metrics)
	}
}

func TestSeparateFiles(t *testing.T) {
	p := emptyPortfolio()
	importInto(t, p, ingest.Source{Name: "deployments.csv", Data: []byte("id,service,deployed_at,failed\nd1,api,2027-02-01 09:00,no\nd2,api,2027-02-02 09:00,yes\n")})
	importInto(t, p, ingest.Source{Name: "changes.csv", Data: []byte("id;committed_at;deployment\nabc123;2027-01-31 09:00;d1\n")})
	importInto(t, p, ingest.Source{Name: "incidents.tsv", Data: []byte("id\tstarted_at\tresolved_at\tseverity\tdeployment\ni1\t2027-02-02 10:00\t2027-02-02 13:00\tSEV2\td2\n")})
	if len(p.Deployments) != 2 || !findDeployment(p, "d2").Failed || findDeployment(p, "d1").Failed {
		t.Errorf("deployments %+v", p.Deployments)
	}
	if c := findChange(p, "abc123"); c == nil || c.DeployedAt.Sub(c.CommittedAt) != 24*time.Hour {
		t.Errorf("change %+v", c)
	}
	if in := findIncident(p, "i1"); in == nil || in.Severity != "SEV2" || in.ResolvedAt.Sub(in.StartedAt) != 3*time.Hour {
		t.Errorf("incident %+v", in)
	}
}

func TestRowIDsAreStable(t *testing.T) {
	data := "service,deployed_at\napi,2027-03-01T10:00:00Z\nweb,2027-03-01T10:00:00Z\n"
	a := preview(t, "a.csv", data, nil)
	b := preview(t, "renamed.csv", data, nil)
	if len(a.Changes) != 3 || a.Changes[0].ID != b.Changes[0].ID || a.Changes[0].ID == a.Changes[1].ID || !strings.HasPrefix(a.Changes[0].ID, "dep-") {
		t.Errorf("ids %+v / %+v", a.Changes, b.Changes)
	}
}

func TestSimpleProblems(t *testing.T) {
	tests := []struct {
		name, data string
		want       string // in the one error's String()
	}{
		{"bad time", "type,id,time\ndeployment,d1,next tuesday\n", `row 2, column C (time): "next tuesday" is not a date and time`},
		{"bad type", "type,id,time\nrollout,d1,2027-01-01\n", `row 2, column A (type): type "rollout" is not deployment, change or incident`},
		{"bad failed flag", "id,deployed_at,failed\nd1,2027-01-01,maybe\n", `row 2, column C (failed): "maybe" does not say whether the deployment failed`},
		{"deployed before committed", "type,id,time,end_time\nchange,c1,2027-01-05,2027-01-04\n", "row 2: change c1 was deployed (2027-01-04) before it was committed (2027-01-05)"},
		{"resolved before started", "type,id,time,end_time\nincident,i1,2027-01-05 10:00,2027-01-05 09:00\n", "row 2, column D (end_time): the incident was resolved"},
		{"same id twice", "id,deployed_at\nd1,2027-01-01\nd1,2027-01-02\n", "row 3: deployment id d1 is used twice with different contents (first at row 2)"},
		{"change without commit time", "type,id,time\nchange,c1,\n", "row 2: the change has no commit or merge time"},
		{"impossible date", "id,deployed_at\nd1,2027-02-30\n", `"2027-02-30" is not a date and time`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pv := preview(t, "x.csv", tc.data, nil)
			if !pv.HasErrors() {
				t.Fatalf("no error; problems %v", pv.Problems)
			}
			var got []string
			for _, p := range pv.Problems {
				got = append(got, p.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), tc.want) {
				t.Errorf("problems:\n%s\nwant one containing %q", strings.Join(got, "\n"), tc.want)
			}
			if err := pv.Apply(context.Background(), &memUpdater{emptyPortfolio()}); err == nil {
				t.Error("a preview with errors was applied")
			}
		})
	}
}

func TestSimpleSkipsAndNotes(t *testing.T) {
	data := "\xEF\xBB\xBFDelivery log for Q1\n\nid,deployed_at,result\nd1,03/04/27,SUCCESS\nd2,03/05/27,cancelled\nd1,03/04/27,SUCCESS\n,,\n"
	pv := preview(t, "log.csv", data, nil)
	if pv.HasErrors() {
		t.Fatal(pv.Problems)
	}
	reasons := []string{}
	for _, s := range pv.Skipped {
		reasons = append(reasons, s.Location.String()+": "+s.Reason)
	}
	all := strings.Join(reasons, "\n")
	for _, want := range []string{"title row", "row 5, column C (result): deployment was cancelled", "the same deployment d1 as row 4 (duplicate)", "blank row"} {
		if !strings.Contains(all, want) {
			t.Errorf("skips:\n%s\nwant %q", all, want)
		}
	}
	if !hasNote(pv, "could be read either way; they are read as month/day/year") {
		t.Errorf("notes %q", pv.Notes)
	}
	if len(pv.Changes) != 2 || !strings.Contains(pv.Changes[0].Summary, "2027-03-04") {
		t.Errorf("changes %+v", pv.Changes)
	}
}

func TestDayFirstDates(t *testing.T) {
	pv := preview(t, "eu.csv", "id;deployed_at\nd1;25/12/2026 14:30\nd2;03/01/2027\n", nil)
	if pv.HasErrors() || !strings.Contains(pv.Changes[1].Summary, "2027-01-03") || !hasNote(pv, "day/month/year") {
		t.Errorf("changes %+v notes %q problems %v", pv.Changes, pv.Notes, pv.Problems)
	}
}

func TestMappingOverridesColumns(t *testing.T) {
	data := "ref,went live,bad\nr1,2027-05-01,yes\n"
	m := &plan.ImportMapping{Fields: map[string]string{"id": "ref", "deployed_at": "went live", "failed": "bad"}}
	pv, err := Preview(context.Background(), ingest.Source{Name: "m.csv", Data: []byte(data)}, emptyPortfolio(), ingest.Options{Mapping: m})
	if err != nil {
		t.Fatal(err)
	}
	if pv.HasErrors() || len(pv.Changes) < 1 || !strings.Contains(pv.Changes[0].Summary, "r1 deployed 2027-05-01, failed") {
		t.Errorf("changes %+v problems %v", pv.Changes, pv.Problems)
	}
}

func TestUnknownCSVRefused(t *testing.T) {
	_, err := Preview(context.Background(), ingest.Source{Name: "budget.csv", Data: []byte("Cost centre,Amount\nCC1,100\n")}, emptyPortfolio(), ingest.Options{})
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "not a delivery layout") || !strings.Contains(err.Error(), "type,id,service,time,end_time,failed,deployment") {
		t.Errorf("err = %v", err)
	}
}

func TestJSON(t *testing.T) {
	data := `{
  "deployments": [
    {"id": "d1", "service": "api", "deployed_at": "2027-01-04T10:00:00Z", "failed": false},
    {"id": "d2", "service": "api", "deployed_at": "2027-01-05T10:00:00+01:00", "failed": "yes"}
  ],
  "changes": [
    {"id": "c1", "committed_at": "2027-01-04T08:00:00Z", "deployment": "d1"}
  ],
  "incidents": [
    {"id": "i1", "title": "Checkout 500s", "severity": "sev1", "started_at": "2027-01-05T09:30:00Z", "resolved_at": "2027-01-05T10:00:00Z", "deployment": "d2"}
  ],
  "generated_by": "a script"
}`
	p := emptyPortfolio()
	pv := importInto(t, p, ingest.Source{Name: "d.json", Data: []byte(data)})
	if len(p.Deployments) != 2 || len(p.Changes) != 1 || len(p.Incidents) != 1 || pv.RowsRead != 4 || pv.RowsImported != 4 {
		t.Fatalf("got %d/%d/%d, read %d imported %d", len(p.Deployments), len(p.Changes), len(p.Incidents), pv.RowsRead, pv.RowsImported)
	}
	if d := findDeployment(p, "d2"); !d.Failed || !d.DeployedAt.Equal(time.Date(2027, 1, 5, 9, 0, 0, 0, time.UTC)) {
		t.Errorf("d2 = %+v", d)
	}
	if c := findChange(p, "c1"); c.DeployedAt.Sub(c.CommittedAt) != 2*time.Hour {
		t.Errorf("c1 = %+v", c)
	}
	if !hasNote(pv, `Key "generated_by"`) {
		t.Errorf("notes %q", pv.Notes)
	}
	if again := preview(t, "d.json", data, p); len(again.Changes) != 0 {
		t.Errorf("re-import changes %+v", again.Changes)
	}
}

func TestJSONProblems(t *testing.T) {
	tests := []struct {
		name, data string
		parseErr   bool
		want       string
	}{
		{"bad time", "{\"deployments\": [\n {\"id\": \"d1\", \"deployed_at\": \"soon\"}\n]}", false, `field deployments[0].deployed_at (line 2): "soon" is not a date and time`},
		{"unknown field", `{"incidents": [{"id": "i1", "started_at": "2027-01-01", "opened_by": "x"}]}`, false, `incidents[0].opened_by (line 1): unknown field "opened_by"`},
		{"not a list", `{"deployments": {"id": "d1"}}`, true, `"deployments" must be a list`},
		{"truncated", `{"deployments": [{"id": "d1"`, true, "the JSON ends too early"},
		{"no lists", `{"name": "x"}`, true, "holds no delivery data"},
		{"portfolio", `{"format": "steerco-portfolio", "version": 1}`, true, "steerco import-json"},
		{"array", `[1, 2]`, true, "this JSON is a list"},
		{"id is an object", `{"deployments": [{"id": {"a": 1}, "deployed_at": "2027-01-01"}]}`, false, "id should be text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pv, err := Preview(context.Background(), ingest.Source{Name: "x.json", Data: []byte(tc.data)}, emptyPortfolio(), ingest.Options{})
			if tc.parseErr {
				var pe *ingest.ParseError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("err = %v, want a ParseError with %q", err, tc.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range pv.Problems {
				got = append(got, p.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), tc.want) {
				t.Errorf("problems %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCleanID(t *testing.T) {
	tests := []struct{ prefix, raw, want string }{
		{"", "D-101", "D-101"},
		{"pagerduty-", "Q3YON8WNWTZMRQ", "pagerduty-Q3YON8WNWTZMRQ"},
		{"", "a/b c", "a-b-c-" + shortHash("a/b c")},
		{"", "a b/c", "a-b-c-" + shortHash("a b/c")},
		{"", strings.Repeat("x", 80), strings.Repeat("x", 54) + "-" + shortHash(strings.Repeat("x", 80))},
		{"", "ünï", "n-" + shortHash("ünï")},
	}
	for _, tc := range tests {
		if got := cleanID(tc.prefix, tc.raw); got != tc.want || !validID(got) {
			t.Errorf("cleanID(%q, %q) = %q, want %q", tc.prefix, tc.raw, got, tc.want)
		}
	}
	if cleanID("", "a/b c") == cleanID("", "a b/c") {
		t.Error("two source ids collapsed into one")
	}
}

// Text beyond plan.Validate's limits is refused at its row, in the preview.
func TestTextLimits(t *testing.T) {
	for _, tc := range []struct{ name, csv, want string }{
		{"service", "id,service,deployed_at,failed\nd1," + strings.Repeat("s", 501) + ",2027-02-01 09:00,no\n", "deployment d1: a text of 501 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pv := preview(t, "d.csv", tc.csv, nil)
			for _, pr := range pv.Problems {
				if pr.Severity == ingest.SevError && pr.Row == 2 && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want an error at row 2 saying %q", pv.Problems, tc.want)
		})
	}
}
