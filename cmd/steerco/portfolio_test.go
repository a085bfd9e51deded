package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

// pfRun runs one steerco command line with buffers and a pinned clock.
func pfRun(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{
		stdin:  strings.NewReader(stdin),
		stdout: &out,
		stderr: &errb,
		now:    func() time.Time { return time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC) },
	}
	code = run(context.Background(), e, args)
	return code, out.String(), errb.String()
}

// pfRich is a portfolio with every kind of entity and optional field.
func pfRich(cur string) *plan.Portfolio {
	m := func(u int64) plan.Money { return plan.Amount(u, cur) }
	rem := 4.5
	t0 := time.Date(2026, 9, 1, 14, 30, 5, 120000000, time.UTC)
	return &plan.Portfolio{
		Name: "Zoë Ødegård's FHIR programme", Currency: cur, FiscalYearStart: time.July, PlanningStart: plan.MustDate("2026-11-02"),
		Calendar: plan.Calendar{
			Workdays: []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday},
			Holidays: []plan.Holiday{{Date: plan.MustDate("2026-12-25"), Name: "Weihnachten"}},
		},
		Confidentiality: "Streng vertraulich — Müller & Söhne",
		Teams: []plan.Team{{ID: "api", Name: "FHIR API", Headcount: 6, Allocation: 0.8, FocusFactor: 0.7, WIPLimit: 3, CostPerFTEMonth: m(14500),
			HeadcountChanges: []plan.HeadcountChange{{Date: plan.MustDate("2027-02-01"), Delta: 1.5, Note: "Zoë joins"}}},
			{ID: "ops", Name: "Platform & DevOps", Headcount: 3, Allocation: 0.5, FocusFactor: 0.9, WIPLimit: 1, CostPerFTEMonth: m(0)}},
		Products: []plan.Product{{ID: "interop", Name: "Interop", Description: "Payer–provider"}},
		Items: []plan.Item{
			{ID: "A-1", Title: "Patient API", ProductID: "interop", TeamID: "api", Estimate: plan.Estimate{Low: 1.5, Likely: 2.25, High: 9}, Remaining: &rem,
				Rank: 1, Status: plan.InProgress, Target: plan.MustDate("2027-01-29"), Commitment: plan.Committed, Increment: "2027-Q1",
				Tags: []string{"compliance", "feature"}, Notes: "«quoted» <html> & stuff", Source: "jira:A-1"},
			{ID: "B-1", Title: "Consume it", TeamID: "ops", Estimate: plan.Estimate{Low: 3, Likely: 5, High: 8, Count: 4}, Rank: 2, Status: plan.NotStarted,
				StartNoEarlierThan: plan.MustDate("2027-01-04"), Commitment: plan.Stretch, DependsOn: []plan.Dependency{{ItemID: "A-1", LagDays: 2}}},
		},
		Milestones: []plan.Milestone{{ID: "cms", Name: "CMS mandate", Date: plan.MustDate("2027-04-01"), Kind: "regulatory", DependsOn: []string{"A-1", "B-1"}, Penalty: "Penalty window opens"}},
		Risks: []plan.Risk{{ID: "R1", Title: "Vendor sandbox", Category: plan.RiskVendor, Probability: 0.35, ImpactDays: 10, Items: []string{"B-1"},
			CostImpact: m(25000), Owner: "Müller", Status: plan.RiskAccepted, Mitigation: "Weekly sync", SignedOffBy: "CFO", SignedOffOn: plan.MustDate("2026-10-15")}},
		BudgetLines: []plan.BudgetLine{{ID: "hc", Name: "Salaries", Category: plan.BudgetHeadcount, CostCentre: "CC-1", Spend: plan.OpEx, TeamID: "api",
			Plan:   []plan.MonthAmount{{Month: plan.MustMonth("2026-11"), Amount: m(87000)}, {Month: plan.MustMonth("2026-12"), Amount: m(-12)}},
			Actual: []plan.MonthAmount{{Month: plan.MustMonth("2026-11"), Amount: plan.Money{Minor: 8825001, Currency: cur}}}}},
		Deployments: []plan.Deployment{{ID: "d1", Service: "api", DeployedAt: t0, Failed: true}},
		Changes:     []plan.Change{{ID: "c1", Service: "api", CommittedAt: t0.Add(-time.Hour), DeployedAt: t0, DeploymentID: "d1"}},
		Incidents: []plan.Incident{{ID: "i1", Service: "api", Title: "Søk feiler", Severity: "sev1", StartedAt: t0.Add(time.Hour), ResolvedAt: t0.Add(3 * time.Hour), DeploymentID: "d1"},
			{ID: "i2", StartedAt: t0.Add(5 * time.Hour)}},
		Snapshots: []plan.Snapshot{{ID: "s1", Name: "Board, October", TakenOn: plan.MustDate("2026-10-20"), Trials: 10000, Seed: 18446744073709551615,
			Forecast: []plan.SnapshotResult{{Kind: "item", ID: "A-1", P50: plan.MustDate("2027-01-20"), P85: plan.MustDate("2027-02-03"), Probability: 0.71}}}},
		ImportMappings: []plan.ImportMapping{{ID: "finance:Kostenstellen", Kind: "finance",
			Fields: map[string]string{"amount": "Betrag (€)"}, Values: map[string]string{"4100 – Müller & Söhne": "hc"}, Options: map[string]string{"sheet": "Ist"}}},
	}
}

func pfWriteJSON(t *testing.T, path string, p *plan.Portfolio) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := plan.WriteJSON(&b, p); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestExportImportRoundTrip(t *testing.T) {
	for _, cur := range []string{"USD", "JPY"} {
		t.Run(cur, func(t *testing.T) {
			dir := t.TempDir()
			src := filepath.Join(dir, "src.json")
			orig := pfWriteJSON(t, src, pfRich(cur))

			one := filepath.Join(dir, "one.steerco")
			if code, out, errs := pfRun(t, "", "import-json", src, "-o", one); code != 0 || !strings.Contains(out, "Created "+one) {
				t.Fatalf("import-json: %d %q %q", code, out, errs)
			}
			code, exp1, errs := pfRun(t, "", "export", one)
			if code != 0 || errs != "" {
				t.Fatalf("export: %d %q", code, errs)
			}
			if exp1 != string(orig) {
				t.Fatalf("export differs from the imported JSON:\n%s\n---\n%s", orig, exp1)
			}
			// Second lap: through a file with -o, then from standard input.
			j1 := filepath.Join(dir, "one.json")
			if code, out, errs := pfRun(t, "", "export", "-o", j1, one); code != 0 || out != "" {
				t.Fatalf("export -o: %d %q %q", code, out, errs)
			}
			two := filepath.Join(dir, "two.steerco")
			b1, _ := os.ReadFile(j1)
			if code, _, errs := pfRun(t, string(b1), "import-json", "-", "-o", two); code != 0 {
				t.Fatalf("import-json -: %d %q", code, errs)
			}
			_, exp2, _ := pfRun(t, "", "export", two)
			if exp2 != exp1 || string(b1) != exp1 {
				t.Fatal("export → import-json → export is not byte-identical")
			}
			for _, want := range []string{`"format": "steerco-portfolio"`, `"Zoë Ødegård's FHIR programme"`, `"Müller"`, `«quoted» <html> & stuff"`,
				`"deployed_at": "2026-09-01T14:30:05.12Z"`, `"seed": 18446744073709551615`, `"4100 – Müller & Söhne": "hc"`} {
				if !strings.Contains(exp1, want) {
					t.Errorf("export lacks %s", want)
				}
			}
			if cur == "JPY" && !strings.Contains(exp1, `"amount": "8825001"`) || cur == "USD" && !strings.Contains(exp1, `"amount": "88250.01"`) {
				t.Errorf("amounts in %s wrong:\n%s", cur, exp1)
			}
		})
	}
}

func TestImportJSONErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	pfWriteJSON(t, good, pfRich("USD"))
	bad := pfRich("USD")
	bad.Items[0].Estimate.Low = 50
	bad.Items[1].DependsOn = []plan.Dependency{{ItemID: "nope"}}
	badPath := filepath.Join(dir, "bad.json")
	pfWriteJSON(t, badPath, bad)
	os.WriteFile(filepath.Join(dir, "broken.json"), []byte("{\n  \"format\": \"steerco-portfolio\",\n  \"version\": 1,\n  \"portfolio\": {\"name\": }\n}"), 0o644)
	existing := filepath.Join(dir, "existing.steerco")
	os.WriteFile(existing, []byte("precious"), 0o644)

	tests := []struct {
		name string
		args []string
		code int
		msgs []string
	}{
		{"no arguments", []string{"import-json"}, 2, []string{"which JSON file", "usage: steerco import-json"}},
		{"no output", []string{"import-json", good}, 2, []string{"-o NEW.steerco"}},
		{"two inputs", []string{"import-json", good, good, "-o", filepath.Join(dir, "x.steerco")}, 2, []string{"one JSON file"}},
		{"unknown flag", []string{"import-json", good, "--frobnicate"}, 2, []string{"frobnicate"}},
		{"missing input", []string{"import-json", filepath.Join(dir, "nope.json"), "-o", filepath.Join(dir, "x.steerco")}, 1, []string{"no such file"}},
		{"invalid portfolio", []string{"import-json", badPath, "-o", filepath.Join(dir, "x.steerco")}, 1,
			[]string{"nothing was written", "2 problems", "Low estimate (50 days)", `Depends on item "nope"`}},
		{"malformed json", []string{"import-json", filepath.Join(dir, "broken.json"), "-o", filepath.Join(dir, "x.steerco")}, 1, []string{"line 4"}},
		{"existing output", []string{"import-json", good, "-o", existing}, 1, []string{"already exists", "--force"}},
		{"output over the input", []string{"import-json", good, "-o", good, "--force"}, 2, []string{"would overwrite the JSON"}},
		{"json output name", []string{"import-json", good, "-o", filepath.Join(dir, "new.json")}, 2, []string{"ending in .steerco"}},
		{"force with invalid input keeps the old file", []string{"import-json", badPath, "-o", existing, "--force"}, 1, []string{"2 problems"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := pfRun(t, "", tc.args...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, errs)
			}
			for _, m := range tc.msgs {
				if !strings.Contains(errs, m) {
					t.Errorf("stderr %q lacks %q", errs, m)
				}
			}
			if out != "" {
				t.Errorf("stdout %q", out)
			}
		})
	}
	if b, _ := os.ReadFile(existing); string(b) != "precious" {
		t.Error("an existing file was overwritten")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 4 {
		for _, e := range ents {
			t.Log(e.Name())
		}
		t.Error("a failed import left files behind")
	}
}

func TestImportJSONForce(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "p.json")
	pfWriteJSON(t, src, pfRich("USD"))
	out := filepath.Join(dir, "p.steerco")
	os.WriteFile(out, []byte("old"), 0o644)
	if code, _, errs := pfRun(t, "", "import-json", "--force", src, "-o", out); code != 0 {
		t.Fatalf("%d %s", code, errs)
	}
	if code, js, errs := pfRun(t, "", "export", out); code != 0 || !strings.Contains(js, "Zoë") {
		t.Fatalf("%d %s", code, errs)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 2 {
		t.Errorf("%d files in the folder, want 2", len(ents))
	}
}

// The export verb on files that are not portfolios: exit code 1, a message
// that says what is wrong and what to do, and the file left exactly as it was.
func TestExportRejectsBadFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	pfWriteJSON(t, good, pfRich("USD"))
	real := filepath.Join(dir, "real.steerco")
	if code, _, errs := pfRun(t, "", "import-json", good, "-o", real); code != 0 {
		t.Fatal(errs)
	}
	realBytes, _ := os.ReadFile(real)

	tests := []struct {
		name string
		make func(path string)
		msgs []string
	}{
		{"missing file", nil, []string{"No such file", "steerco new FILE.steerco --name", "import-json"}},
		{"text file", func(p string) { os.WriteFile(p, []byte("hello, world\n"), 0o644) }, []string{"not a Steerco portfolio", "not a SQLite database"}},
		{"empty file", func(p string) { os.WriteFile(p, nil, 0o644) }, []string{"is empty"}},
		{"json given instead", func(p string) { b, _ := os.ReadFile(good); os.WriteFile(p, b, 0o644) }, []string{"not a SQLite database"}},
		{"truncated portfolio", func(p string) { os.WriteFile(p, realBytes[:len(realBytes)/3], 0o644) }, []string{"truncated", "backup"}},
		{"foreign database", func(p string) {
			os.WriteFile(p, pfPatchHeader(realBytes, 68, 7), 0o644) // another application_id
		}, []string{"another application"}},
		{"newer version", func(p string) {
			os.WriteFile(p, pfPatchHeader(realBytes, 60, 1000), 0o644) // user_version 1000
		}, []string{"newer Steerco", "Update Steerco"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sub := t.TempDir()
			path := filepath.Join(sub, "p.steerco")
			if tc.make != nil {
				tc.make(path)
			}
			before := pfState(path)
			code, out, errs := pfRun(t, "", "export", path, "-o", filepath.Join(sub, "out.json"))
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if out != "" || !strings.HasPrefix(errs, "steerco export: ") || !strings.Contains(errs, path) {
				t.Errorf("stdout %q stderr %q", out, errs)
			}
			for _, m := range tc.msgs {
				if !strings.Contains(errs, m) {
					t.Errorf("stderr %q lacks %q", errs, m)
				}
			}
			if after := pfState(path); after != before {
				t.Errorf("the file or its folder changed:\n%s\n%s", before, after)
			}
		})
	}
}

func TestExportUsage(t *testing.T) {
	for _, args := range [][]string{{"export"}, {"export", "a.steerco", "b.steerco"}, {"export", "-x", "a.steerco"}, {"export", "a.steerco", "-o", "b.steerco"}} {
		if code, _, errs := pfRun(t, "", args...); code != 2 || !strings.Contains(errs, "usage: steerco export") {
			t.Errorf("%v: exit %d %q", args, code, errs)
		}
	}
}

// pfState fingerprints a file (content, modification time) and its folder's names.
func pfState(path string) string {
	var s strings.Builder
	if b, err := os.ReadFile(path); err == nil {
		sum := sha256.Sum256(b)
		s.Write(sum[:])
	}
	if fi, err := os.Stat(path); err == nil {
		s.WriteString(fi.ModTime().String())
	}
	ents, _ := os.ReadDir(filepath.Dir(path))
	var names []string
	for _, e := range ents {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	s.WriteString(strings.Join(names, ","))
	return s.String()
}

// pfPatchHeader returns a copy of a SQLite file with the 32-bit big-endian
// header field at off (60 user_version, 68 application_id) set to v.
func pfPatchHeader(b []byte, off int, v uint32) []byte {
	c := append([]byte(nil), b...)
	binary.BigEndian.PutUint32(c[off:off+4], v)
	return c
}
