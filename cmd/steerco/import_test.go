package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// realdata is shared/realdata beside the repository (see its SOURCES.md).
const realdata = "../../../shared/realdata"

func realFile(t *testing.T, rel string) string {
	t.Helper()
	path := filepath.Join(realdata, rel)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is missing: shared/realdata is not beside the repository", rel)
	}
	return path
}

// imPortfolio creates an empty portfolio file (in US dollars) in a temp dir.
func imPortfolio(t *testing.T) string {
	t.Helper()
	return imPortfolioIn(t, "USD")
}

func imPortfolioIn(t *testing.T, currency string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.steerco")
	p := &plan.Portfolio{Name: "Import test", Currency: currency, FiscalYearStart: time.January, PlanningStart: plan.MustDate("2026-11-02")}
	db, err := sqlite.Create(context.Background(), path, p)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func imLoad(t *testing.T, path string) *plan.Portfolio {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Portfolio(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func imAudit(t *testing.T, path string) int {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	a, err := db.Audit(context.Background(), 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	return len(a)
}

func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestImportDeliveryEndToEnd(t *testing.T) {
	src := realFile(t, "dora/gearset_deployments_with_prs.csv")
	into := imPortfolio(t)
	before := fileBytes(t, into)

	// Dry run: the preview, and the file is untouched.
	code, out, errs := pfRun(t, "", "import", src, "--into", into, "--dry-run")
	if code != 0 {
		t.Fatalf("dry run exit %d: %s", code, errs)
	}
	for _, want := range []string{"Import gearset_deployments_with_prs.csv (delivery) into", "Rows: 518 read, 518 imported, 0 skipped",
		"984 changes added", "518 deployments added", "change failure rate 43% (222 of 518; low)", "Dry run: nothing was written"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if !bytes.Equal(before, fileBytes(t, into)) {
		t.Error("dry run changed the portfolio file")
	}

	// Apply.
	code, out, errs = pfRun(t, "", "import", src, "--into", into)
	if code != 0 || !strings.Contains(out, "Applied to") {
		t.Fatalf("import exit %d\n%s\n%s", code, out, errs)
	}
	p := imLoad(t, into)
	failed := 0
	for _, d := range p.Deployments {
		if d.Failed {
			failed++
		}
	}
	if len(p.Deployments) != 518 || failed != 222 || len(p.Changes) != 984 || len(p.ImportMappings) != 1 {
		t.Errorf("portfolio has %d deployments (%d failed), %d changes, %d mappings", len(p.Deployments), failed, len(p.Changes), len(p.ImportMappings))
	}
	// Before it changed the portfolio, the import kept a copy of it as it was.
	bs, err := sqlite.Backups(into)
	if err != nil {
		t.Fatal(err)
	}
	var pre *sqlite.BackupInfo
	for i := range bs {
		if bs[i].Reason == sqlite.ReasonImport {
			pre = &bs[i]
		}
	}
	if pre == nil {
		t.Fatalf("no before-import backup beside the portfolio: %+v", bs)
	} else if old := imLoad(t, pre.Path); len(old.Deployments) != 0 {
		t.Errorf("the before-import backup holds %d deployments, want the portfolio before the import (0)", len(old.Deployments))
	}
	audit := imAudit(t, into)
	after := fileBytes(t, into)

	// Re-import: nothing changes, nothing is written.
	code, out, errs = pfRun(t, "", "import", src, "--into", into)
	if code != 0 || !strings.Contains(out, "Changes: none") || !strings.Contains(out, "Nothing to change") {
		t.Errorf("re-import exit %d\n%s\n%s", code, out, errs)
	}
	if imAudit(t, into) != audit || !bytes.Equal(after, fileBytes(t, into)) {
		t.Error("re-import wrote to the portfolio")
	}
}

func TestImportJSONOutput(t *testing.T) {
	src := realFile(t, "dora/devlake_raw_pagerduty_incidents.csv")
	into := imPortfolio(t)
	code, out, errs := pfRun(t, "", "import", src, "--into", into, "--json", "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var pv ingest.Preview
	if err := json.Unmarshal([]byte(out), &pv); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if pv.Kind != ingest.Delivery || pv.RowsRead != 3 || len(pv.Changes) != 4 || pv.Mapping == nil {
		t.Errorf("preview %+v", pv)
	}
	if !strings.Contains(errs, "Dry run") {
		t.Errorf("stderr %q", errs)
	}
}

func TestImportRefused(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	tests := []struct {
		name  string
		args  func(into string) []string
		code  int
		wants []string
	}{
		{"bad rows", func(into string) []string {
			return []string{"import", write("bad.csv", []byte("type,id,time\ndeployment,d1,next week\nrollout,d2,2027-01-01\n")), "--into", into}
		}, 1, []string{"bad.csv cannot be imported; nothing was written. Fix 2 problems", "bad.csv, row 2, column C (time): \"next week\" is not a date", "bad.csv, row 3, column A (type)"}},
		{"four keys schema", func(into string) []string {
			return []string{"import", realFile(t, "dora/fourkeys_events_raw_schema.json"), "--into", into}
		}, 1, []string{"nothing was written", "not data", "no deployments, changes or incidents"}},
		{"four keys schema as delivery", func(into string) []string {
			return []string{"import", realFile(t, "dora/fourkeys_events_raw_schema.json"), "--into", into, "--kind", "delivery"}
		}, 1, []string{"cannot be imported as delivery", "not data"}},
		{"mpp", func(into string) []string {
			return []string{"import", write("plan.mpp", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest")), "--into", into}
		}, 1, []string{"binary .mpp", "File › Save As › XML"}},
		{"taskjuggler", func(into string) []string {
			return []string{"import", realFile(t, "taskjuggler/tj3_scrum.tjp"), "--into", into}
		}, 1, []string{"TaskJuggler", "MS Project XML"}},
		{"missing source", func(into string) []string { return []string{"import", filepath.Join(dir, "nope.csv"), "--into", into} }, 1, []string{"no such file"}},
		{"missing portfolio", func(into string) []string {
			return []string{"import", write("ok.csv", []byte("id,deployed_at\nd1,2027-01-01\n")), "--into", filepath.Join(dir, "nope.steerco")}
		}, 1, []string{"nope.steerco"}},
		{"not a portfolio", func(into string) []string {
			return []string{"import", write("ok2.csv", []byte("id,deployed_at\nd1,2027-01-01\n")), "--into", write("fake.steerco", []byte("hello"))}
		}, 1, []string{"fake.steerco"}},
		{"no --into", func(into string) []string { return []string{"import", "x.csv"} }, 2, []string{"--into FILE.steerco"}},
		{"no source", func(into string) []string { return []string{"import", "--into", into} }, 2, []string{"which file?"}},
		{"bad kind", func(into string) []string { return []string{"import", "x.csv", "--into", into, "--kind", "excel"} }, 2, []string{`--kind "excel"`}},
		{"bad spread", func(into string) []string { return []string{"import", "x.csv", "--into", into, "--spread", "25"} }, 2, []string{"two percentages"}},
		{"mapping for another kind", func(into string) []string {
			return []string{"import", write("ok3.csv", []byte("id,deployed_at\nd1,2027-01-01\n")), "--into", into, "--mapping", write("m.json", []byte(`{"id":"x","kind":"finance"}`))}
		}, 1, []string{"mapping", "is for finance files"}},
		{"bad mapping json", func(into string) []string {
			return []string{"import", write("ok4.csv", []byte("id,deployed_at\nd1,2027-01-01\n")), "--into", into, "--mapping", write("m2.json", []byte(`{"fieldz":{}}`))}
		}, 1, []string{"not a Steerco import mapping"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			into := imPortfolio(t)
			before := fileBytes(t, into)
			code, _, errs := pfRun(t, "", tc.args(into)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tc.code, errs)
			}
			for _, w := range tc.wants {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errs)
				}
			}
			if !bytes.Equal(before, fileBytes(t, into)) {
				t.Error("the portfolio file changed")
			}
		})
	}
}

func TestImportTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(ingest.MaxFileSize + 1); err != nil { // sparse: costs no disk
		t.Skip("cannot make a sparse file here:", err)
	}
	f.Close()
	code, _, errs := pfRun(t, "", "import", path, "--into", imPortfolio(t))
	if code != 1 || !strings.Contains(errs, "more than the 200 MB Steerco imports") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

func TestImportMappingFlag(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "odd.csv")
	os.WriteFile(src, []byte("ref,went live,bad\nr1,2027-05-01,yes\nr2,2027-05-02,no\n"), 0o644)
	m := filepath.Join(dir, "mapping.json")
	os.WriteFile(m, []byte(`{"id":"delivery:odd","kind":"delivery","fields":{"id":"ref","deployed_at":"went live","failed":"bad"}}`), 0o644)
	into := imPortfolio(t)
	code, out, errs := pfRun(t, "", "import", src, "--into", into, "--mapping", m, "--kind", "delivery")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errs)
	}
	p := imLoad(t, into)
	if len(p.Deployments) != 2 || !p.Deployments[0].Failed || p.Deployments[1].Failed {
		t.Errorf("deployments %+v", p.Deployments)
	}
	// The mapping was saved: next time the same columns import with no --mapping.
	os.WriteFile(src, []byte("ref,went live,bad\nr3,2027-06-01,no\n"), 0o644)
	code, out, errs = pfRun(t, "", "import", src, "--into", into, "--kind", "delivery")
	if code != 0 || len(imLoad(t, into).Deployments) != 3 {
		t.Errorf("second import exit %d\n%s\n%s", code, out, errs)
	}
}

func TestImportNotInThisBuild(t *testing.T) {
	saved := importers[ingest.Delivery]
	delete(importers, ingest.Delivery)
	defer func() { importers[ingest.Delivery] = saved }()
	dir := t.TempDir()
	src := filepath.Join(dir, "d.csv")
	os.WriteFile(src, []byte("id,deployed_at\nd1,2027-01-01\n"), 0o644)
	code, _, errs := pfRun(t, "", "import", src, "--into", imPortfolio(t))
	if code != 1 || !strings.Contains(errs, "importing delivery files is not available in this build") {
		t.Errorf("exit %d: %s", code, errs)
	}
}

// TestImportEachKind imports one real file of every kind, then imports it
// again: the second run must change nothing and write nothing.
func TestImportEachKind(t *testing.T) {
	files := map[ingest.Kind]string{
		ingest.Finance:   "finance/epsrc_spend_aug2015_actuals.csv",
		ingest.Jira:      "jira/planeso_Jira_sprints.csv",
		ingest.MSProject: "msproject/mpxj_task-links-project2019-mspdi.xml",
		ingest.Gantt:     "gantt/ganttproject_HouseBuildingSample.gan",
		ingest.Delivery:  "dora/cfkoehler_deployments_tiny.csv",
	}
	wants := map[ingest.Kind]string{
		ingest.Finance:   "actual total: GBP 4,100,494.91", // all 1,041 rows (finance tests: python Decimal over the CSV)
		ingest.Jira:      "22 items added",
		ingest.MSProject: "16 items added",
		ingest.Gantt:     "4 milestones added",
		ingest.Delivery:  "10 deployments added",
	}
	for _, k := range ingest.Kinds {
		t.Run(string(k), func(t *testing.T) {
			if importers[k] == nil {
				t.Skipf("no %s importer in this build yet", k)
			}
			src := realFile(t, files[k])
			into := imPortfolioIn(t, "GBP") // the EPSRC actuals are in pounds
			args := []string{"import", src, "--into", into}
			if k == ingest.Finance {
				// 3 of EPSRC's 1,041 rows say USD or EUR; this mapping tells the
				// importer the amounts are all sterling (see the finance tests).
				m := filepath.Join(t.TempDir(), "gbp.json")
				os.WriteFile(m, []byte(`{"id":"finance:epsrc","kind":"finance","fields":{"currency":"-"}}`), 0o644)
				args = append(args, "--mapping", m)
			}
			code, out, errs := pfRun(t, "", args...)
			if code != 0 || !strings.Contains(out, "Applied to") || !strings.Contains(out, wants[k]) {
				t.Fatalf("import exit %d, want %q in\n%s\n%s", code, wants[k], out, errs)
			}
			after := fileBytes(t, into)
			code, out, errs = pfRun(t, "", args...)
			if code != 0 || !strings.Contains(out, "Changes: none") {
				t.Errorf("re-import exit %d\n%s\n%s", code, out, errs)
			}
			if !bytes.Equal(after, fileBytes(t, into)) {
				t.Error("re-import wrote to the portfolio")
			}
		})
	}
}
