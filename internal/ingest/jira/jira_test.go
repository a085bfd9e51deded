package jira

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name, in, want string
		bad            bool
	}{
		{"english 12h", "22/Mar/26 10:50 AM", "2026-03-22", false},
		{"single digit hour", "15/Feb/26 4:31 PM", "2026-02-15", false},
		{"midnight", "30/Sep/25 12:00 AM", "2025-09-30", false},
		{"date only", "05/Oct/25", "2025-10-05", false},
		{"four digit year", "05/Oct/2025 14:00", "2025-10-05", false},
		{"portuguese fev 24h", "22/fev/26 10:50", "2026-02-22", false},
		{"portuguese dez", "05/dez/25 3:03 PM", "2025-12-05", false},
		{"portuguese out", "01/out/25", "2025-10-01", false},
		{"portuguese abr upper", "09/ABR/26", "2026-04-09", false},
		{"german mär", "13/Mär/12", "2012-03-13", false},
		{"iso with offset no colon", "2024-08-29T08:32:14.457-0500", "2024-08-29", false},
		{"iso date", "2025-09-30", "2025-09-30", false},
		{"rss", "Sun, 5 Oct 2025 00:00:00 +0000", "2025-10-05", false},
		{"rss hour", "Mon, 15 Sep 2025 18:42:35 +0100", "2025-09-15", false},
		{"empty", "", "", false},
		{"no such day", "31/Feb/26 10:00 AM", "", true},
		{"day 32", "32/Jan/26", "", true},
		{"unknown month", "22/Foo/26", "", true},
		{"bad hour", "22/Mar/26 25:00", "", true},
		{"bad am hour", "22/Mar/26 0:10 PM", "", true},
		{"words", "next tuesday", "", true},
		{"three digit year", "22/Mar/202", "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseDate(tc.in)
			if tc.bad {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %s, want an error", tc.in, d)
				}
				if !strings.Contains(err.Error(), "date") {
					t.Errorf("error %q does not say it is about a date", err)
				}
				return
			}
			if err != nil || d.String() != tc.want {
				t.Fatalf("ParseDate(%q) = %q, %v; want %q", tc.in, d, err, tc.want)
			}
		})
	}
}

func TestParseSeconds(t *testing.T) {
	tests := []struct {
		name, in string
		want     float64
		ok, bad  bool
	}{
		{"one day", "28800", 1, true, false},
		{"one hour", "3600", 0.125, true, false},
		{"decimal", "57600.0", 2, true, false},
		{"zero", "0", 0, true, false},
		{"empty", "", 0, false, false},
		{"negative", "-60", 0, false, true},
		{"text", "2h", 0, false, true},
		{"nan", "NaN", 0, false, true},
		{"absurd", "1e300", 0, false, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, ok, err := ParseSeconds(tc.in)
			if (err != nil) != tc.bad || ok != tc.ok || d != tc.want {
				t.Fatalf("ParseSeconds(%q) = %v, %v, %v; want %v, %v, error %v", tc.in, d, ok, err, tc.want, tc.ok, tc.bad)
			}
		})
	}
}

func preview(t *testing.T, name string, data string, p *plan.Portfolio, opts ingest.Options) *ingest.Preview {
	t.Helper()
	pv, err := Preview(context.Background(), ingest.Source{Name: name, Data: []byte(data)}, p, opts)
	if err != nil {
		t.Fatalf("Preview: %v", err)
	}
	return pv
}

func item(t *testing.T, p *plan.Portfolio, id string) *plan.Item {
	t.Helper()
	it := p.Item(id)
	if it == nil {
		t.Fatalf("no item %s", id)
	}
	return it
}

// A small classic-project export: epics with stories (points), sub-tasks
// (seconds), duplicate Sprint and link columns, and blocking links in both directions.
const sample = "\ufeffSummary,Issue key,Issue id,Issue Type,Status,Project key,Project name,Assignee,Due date,Sprint,Sprint,Custom field (Story Points),Original Estimate,Parent,Custom field (Epic Link),Outward issue link (Blocks),Inward issue link (Blocks),Inward issue link (Blocks),Component/s\n" +
	"Payments epic,PAY-1,101,Epic,In Progress,PAY,Payments,ann,15/Jun/26 12:00 AM,,,,,,,PAY-2,,,Core\n" +
	"Ledger epic,PAY-2,102,Epic,To Do,PAY,Payments,bob,,,,,,,,,,,Core\n" +
	"Reports epic,PAY-3,103,Epic,Backlog,PAY,Payments,,,,,13,,,,,PAY-1,,Web\n" +
	"Card story,PAY-4,104,Story,Done,PAY,Payments,ann,,S1,S2,5,,,PAY-1,,,,Core\n" +
	"Wallet story,PAY-5,105,Story,In Review,PAY,Payments,cy,,S2,,3,,,PAY-1,,,,Core\n" +
	"Wallet sub-task,PAY-6,106,Sub-task,To Do,PAY,Payments,cy,,,,,57600,105,,,,,Core\n" +
	"Ledger story,PAY-7,107,Story,Weird Status,PAY,Payments,,,,,,86400,,PAY-2,,,,Core\n" +
	"Loose task,PAY-8,108,Task,To Do,PAY,Payments,,,,,2,,,,,,,Core\n"

func TestSampleMapping(t *testing.T) {
	p := roadmaptest.Base()
	pv := preview(t, "pay.csv", sample, p, ingest.Options{})
	if pv.HasErrors() {
		t.Fatalf("errors: %v", pv.Problems)
	}
	if pv.RowsRead != 8 || pv.RowsImported != 7 || len(pv.Skipped) != 1 || !strings.Contains(pv.Skipped[0].Reason, "PAY-8") {
		t.Fatalf("rows read %d imported %d skipped %v", pv.RowsRead, pv.RowsImported, pv.Skipped)
	}
	if sk := pv.Skipped[0]; sk.Row != 9 || sk.Column != 2 || sk.String() != "pay.csv, row 9, column B (Issue key)" {
		t.Errorf("skip located at %q, want row 9 (header = row 1), column B", sk.Location)
	}
	q := roadmaptest.Apply(t, p, pv)
	if len(q.Items) != 3 || len(q.Teams) != 1 || q.Teams[0].Name != "Payments" || q.Teams[0].Headcount != 3 {
		t.Fatalf("items %d teams %+v", len(q.Items), q.Teams)
	}
	pay1 := item(t, q, "PAY-1")
	// PAY-1 = story 5 points + story 3 points (its own points win over its sub-task's 2 days) = 8 days.
	if pay1.Estimate != (plan.Estimate{Low: 6, Likely: 8, High: 12, Count: 2}) {
		t.Errorf("PAY-1 estimate %+v", pay1.Estimate)
	}
	if pay1.Status != plan.InProgress || pay1.Remaining == nil || *pay1.Remaining != 3 {
		t.Errorf("PAY-1 status %s remaining %v (want in progress, 3 days left: the open story)", pay1.Status, pay1.Remaining)
	}
	if pay1.Target != plan.MustDate("2026-06-15") || pay1.Commitment != plan.Planned || pay1.Source != "jira:PAY-1" || pay1.Rank != 1 {
		t.Errorf("PAY-1 %+v", pay1)
	}
	// PAY-1 blocks PAY-2 → PAY-2 depends on PAY-1; PAY-3 is blocked by PAY-1 → PAY-3 depends on PAY-1.
	if d := item(t, q, "PAY-2").DependsOn; len(d) != 1 || d[0].ItemID != "PAY-1" {
		t.Errorf("PAY-2 depends on %+v, want PAY-1", d)
	}
	if d := item(t, q, "PAY-3").DependsOn; len(d) != 1 || d[0].ItemID != "PAY-1" {
		t.Errorf("PAY-3 depends on %+v, want PAY-1", d)
	}
	if len(pay1.DependsOn) != 0 {
		t.Errorf("PAY-1 depends on %+v, want nothing (it is the blocker)", pay1.DependsOn)
	}
	// PAY-2 rolls up PAY-7: 86400 s = 3 days at 8 h.
	if e := item(t, q, "PAY-2").Estimate; e.Likely != 3 {
		t.Errorf("PAY-2 estimate %+v, want 3 days from 86400 seconds", e)
	}
	if e := item(t, q, "PAY-3").Estimate; e.Likely != 13 || e.Low != 9.75 || e.High != 19.5 {
		t.Errorf("PAY-3 estimate %+v", e)
	}
	// Unknown status warns; re-import changes nothing.
	warned := false
	for _, pr := range pv.Problems {
		if strings.Contains(pr.Message, `"Weird Status"`) {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no warning for an unknown status: %v", pv.Problems)
	}
	again := preview(t, "pay.csv", sample, q, ingest.Options{})
	if len(again.Changes) != 0 {
		t.Errorf("re-import of the same file changes %v", again.Changes)
	}
}

func TestSampleOptions(t *testing.T) {
	p := roadmaptest.Base()
	m := &plan.ImportMapping{Fields: map[string]string{"team": "Component/s"}, Options: map[string]string{"points_to_days": "2"}}
	pv := preview(t, "pay.csv", sample, p, ingest.Options{Mapping: m, Spread: &ingest.Spread{Low: 0.1, High: 0.2}})
	q := roadmaptest.Apply(t, p, pv)
	if len(q.Teams) != 2 {
		t.Fatalf("teams %+v, want Core and Web", q.Teams)
	}
	if e := item(t, q, "PAY-3").Estimate; e.Likely != 26 || e.Low != 23.4 || e.High != 31.2 {
		t.Errorf("PAY-3 estimate %+v, want 13 points × 2 with −10 %%/+20 %%", e)
	}
	if item(t, q, "PAY-3").TeamID != "web" {
		t.Errorf("PAY-3 team %s", item(t, q, "PAY-3").TeamID)
	}
	saved := q.ImportMappings[0]
	if saved.ID != "jira:PAY" || saved.Fields["team"] != "Component/s" || saved.Options["points_to_days"] != "2" {
		t.Errorf("saved mapping %+v", saved)
	}
}

func TestChangedFile(t *testing.T) {
	p := roadmaptest.Apply(t, roadmaptest.Base(), preview(t, "pay.csv", sample, roadmaptest.Base(), ingest.Options{}))
	changed := strings.Replace(sample, "Reports epic,PAY-3,103,Epic,Backlog,PAY,Payments,,,,,13,", "Reports epic,PAY-3,103,Epic,Done,PAY,Payments,,,,,21,", 1)
	// PAY-2 disappears from the file.
	var lines []string
	for _, l := range strings.Split(changed, "\n") {
		if !strings.HasPrefix(l, "Ledger ") {
			lines = append(lines, l)
		}
	}
	changed = strings.Join(lines, "\n")
	pv := preview(t, "pay.csv", changed, p, ingest.Options{})
	var change, remove int
	for _, c := range pv.Changes {
		switch {
		case c.Action == "change" && c.ID == "PAY-3":
			change++
			if !strings.Contains(c.Summary, "status not_started → done") || !strings.Contains(c.Summary, "13/") {
				t.Errorf("change summary %q", c.Summary)
			}
		case c.Action == "remove":
			remove++
		}
	}
	if change != 1 || remove != 0 {
		t.Fatalf("changes %v", pv.Changes)
	}
	kept := false
	for _, pr := range pv.Problems {
		kept = kept || strings.Contains(pr.Message, "remove_missing")
	}
	if !kept {
		t.Errorf("no warning about PAY-2 missing from the file: %v", pv.Problems)
	}
	q := roadmaptest.Apply(t, p, pv)
	if q.Item("PAY-2") == nil {
		t.Errorf("PAY-2 removed without remove_missing")
	}
	pv = preview(t, "pay.csv", changed, p, ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"remove_missing": "true"}}})
	q = roadmaptest.Apply(t, p, pv)
	if q.Item("PAY-2") != nil || roadmaptest.Count(pv, "remove", "item") != 1 {
		t.Errorf("PAY-2 not removed with remove_missing: %v", pv.Changes)
	}
}

func TestCycle(t *testing.T) {
	csv := "Summary,Issue key,Issue Type,Status,Outward issue link (Blocks)\n" +
		"A,X-1,Task,To Do,X-2\n" +
		"B,X-2,Task,To Do,X-3\n" +
		"C,X-3,Task,To Do,X-1\n"
	pv := preview(t, "cycle.csv", csv, roadmaptest.Base(), ingest.Options{})
	if !pv.HasErrors() {
		t.Fatal("a dependency cycle was not reported")
	}
	msg := ""
	for _, pr := range pv.Problems {
		if pr.Severity == ingest.SevError {
			msg += pr.Message
		}
	}
	for _, k := range []string{"cycle", "X-1", "X-2", "X-3"} {
		if !strings.Contains(msg, k) {
			t.Errorf("cycle error %q does not name %s", msg, k)
		}
	}
}

func TestRefusals(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"status history", "Issue Key,Summary,Status,Status Change Date,Status Changed To,Status Changed From\nA-1,x,Done,2024-08-29T08:32:14.457-0500,Done,To Do\n", "status-change history"},
		{"not jira", "Date,Amount\n2024-01-01,3\n", "not a Jira issue export"},
		{"empty", "", "empty"},
		{"bad quote", "Summary,Issue key\n\"open,X-1\n", "quote"},
		{"rss not xml", "<rss><channel><item><key>X-1</key></item>", "malformed"},
		{"deep xml", "<rss>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</rss>", "nested"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Preview(context.Background(), ingest.Source{Name: "x", Data: []byte(tc.data)}, roadmaptest.Base(), ingest.Options{})
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a ParseError mentioning %q", err, tc.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"csv", "Summary,Issue key,Issue id,Issue Type\n", true},
		{"bom csv", "\ufeffIssue Type,Issue key,Issue id,Summary\n", true},
		{"rss", "<!--\nRSS generated by JIRA (1001.0.0)\n-->\n<rss version=\"0.92\">", true},
		{"finance csv", "Date,Amount,Cost centre\n", false},
		{"mspdi", "<Project xmlns=\"http://schemas.microsoft.com/project\">", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Sniff([]byte(tc.head)); got != tc.want {
				t.Errorf("Sniff = %v, want %v", got, tc.want)
			}
		})
	}
}

// TestRealFiles imports every file in realdata/jira (or checks the refusal).
func TestRealFiles(t *testing.T) {
	tests := []struct {
		file         string
		issues, cols int
		items        int
		keyPrefix    string
		skipped      int
		refuse       string
		epics        bool
	}{
		{file: "bellali_agile-delivery_Jira.csv", issues: 68, cols: 92, items: 7, keyPrefix: "CS4483-", skipped: 7, epics: true},
		{file: "codebook666_Jira_bom_minimal.csv", issues: 20, cols: 14, items: 5, keyPrefix: "AP-", skipped: 15, epics: true},
		{file: "gazeus_JIRA_pt-BR_213cols.csv", issues: 219, cols: 213, items: 219, keyPrefix: "GP-"},
		{file: "planeso_Jira_sprints.csv", issues: 22, cols: 56, items: 22, keyPrefix: "TES-"},
		{file: "mitsusarkar_budget-variance_Jira.csv", issues: 19, cols: 57, items: 19},
		{file: "mitsusarkar_budget-variance_Jira-rss.xml", issues: 19, items: 19},
		{file: "hp206955_jira_status_history.csv", refuse: "status-change history"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			src := roadmaptest.Source(t, roadmaptest.RealData(t, "jira/"+tc.file))
			if tc.cols > 0 {
				h, rows, _, err := readCSV(src.Name, src.Data)
				if err != nil || len(h.names) != tc.cols || len(rows) != tc.issues {
					t.Fatalf("CSV has %d columns and %d rows (%v); want %d and %d", len(h.names), len(rows), err, tc.cols, tc.issues)
				}
				if h.names[0] == "" || strings.HasPrefix(h.names[0], "\ufeff") {
					t.Errorf("first header %q keeps the BOM", h.names[0])
				}
			}
			p := roadmaptest.Base()
			pv, err := Preview(context.Background(), src, p, ingest.Options{})
			if tc.refuse != "" {
				if err == nil || !strings.Contains(err.Error(), tc.refuse) {
					t.Fatalf("err = %v, want a refusal mentioning %q", err, tc.refuse)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if pv.HasErrors() {
				t.Fatalf("errors: %v", pv.Problems)
			}
			if pv.RowsRead != tc.issues || len(pv.Skipped) != tc.skipped {
				t.Errorf("read %d issues, skipped %d; want %d, %d", pv.RowsRead, len(pv.Skipped), tc.issues, tc.skipped)
			}
			if n := roadmaptest.Count(pv, "add", "item"); n != tc.items {
				t.Errorf("adds %d items, want %d", n, tc.items)
			}
			note := strings.Join(pv.Notes, "\n")
			if tc.epics != strings.Contains(note, "Roadmap items are the file's") {
				t.Errorf("notes do not say what the items are: %s", note)
			}
			if !strings.Contains(note, "spread") {
				t.Errorf("notes do not state the spread: %s", note)
			}
			q := roadmaptest.Apply(t, p, pv)
			if err := q.Validate(); err != nil {
				t.Fatal(err)
			}
			for _, it := range q.Items {
				if tc.keyPrefix != "" && !strings.HasPrefix(it.ID, tc.keyPrefix) {
					t.Errorf("item id %s, want the issue key", it.ID)
				}
				if it.Source != "jira:"+it.ID || it.Commitment != plan.Planned || it.Rank < 1 {
					t.Errorf("item %+v", it)
				}
			}
			again, err := Preview(context.Background(), src, q, ingest.Options{})
			if err != nil || len(again.Changes) != 0 {
				t.Errorf("re-import changes %v (%v)", again.Changes, err)
			}
		})
	}
}

func TestRealFileDetails(t *testing.T) {
	load := func(file string) *plan.Portfolio {
		src := roadmaptest.Source(t, roadmaptest.RealData(t, "jira/"+file))
		p := roadmaptest.Base()
		pv, err := Preview(context.Background(), src, p, ingest.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return roadmaptest.Apply(t, p, pv)
	}
	t.Run("bellali parent numeric id", func(t *testing.T) {
		q := load("bellali_agile-delivery_Jira.csv")
		// CS4483-1 "Requirements & Scope" has 6 stories/tasks under it (Parent = numeric id).
		if it := item(t, q, "CS4483-1"); it.Estimate.Count != 6 || it.Title != "Requirements & Scope" {
			t.Errorf("CS4483-1 %+v", it)
		}
	})
	t.Run("codebook items=top_level", func(t *testing.T) {
		src := roadmaptest.Source(t, roadmaptest.RealData(t, "jira/codebook666_Jira_bom_minimal.csv"))
		p := roadmaptest.Base()
		pv, err := Preview(context.Background(), src, p, ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"items": "top_level"}}})
		if err != nil {
			t.Fatal(err)
		}
		// The file has no parent column: all 20 issues (5 epics, 15 tasks) are top-level items, all done.
		q := roadmaptest.Apply(t, p, pv)
		if len(q.Items) != 20 || len(pv.Skipped) != 0 {
			t.Errorf("%d items, %d skipped; want 20, 0", len(q.Items), len(pv.Skipped))
		}
		for _, it := range q.Items {
			if it.Status != plan.Done {
				t.Errorf("%s status %s", it.ID, it.Status)
			}
		}
	})
	t.Run("gazeus blocks inside the file", func(t *testing.T) {
		q := load("gazeus_JIRA_pt-BR_213cols.csv")
		// GP-3522 blocks GP-3510 (written on both rows): GP-3510 depends on GP-3522.
		if d := item(t, q, "GP-3510").DependsOn; len(d) != 1 || d[0].ItemID != "GP-3522" {
			t.Errorf("GP-3510 depends on %+v", d)
		}
		if d := item(t, q, "GP-3522").DependsOn; len(d) != 0 {
			t.Errorf("GP-3522 depends on %+v", d)
		}
	})
	t.Run("csv and rss agree", func(t *testing.T) {
		a := load("mitsusarkar_budget-variance_Jira.csv")
		b := load("mitsusarkar_budget-variance_Jira-rss.xml")
		if len(a.Items) != len(b.Items) {
			t.Fatalf("csv %d items, rss %d", len(a.Items), len(b.Items))
		}
		for _, x := range a.Items {
			y := b.Item(x.ID)
			if y == nil {
				t.Errorf("%s missing from the RSS import", x.ID)
				continue
			}
			if x.Estimate != y.Estimate || x.Status != y.Status || x.Target != y.Target || !strings.HasPrefix(x.ID, "LEARNJIRA") && x.Title != y.Title {
				t.Errorf("%s differs: csv %+v rss %+v", x.ID, x, y)
			}
		}
		bd10 := item(t, a, "BD-10")
		if bd10.Estimate.Likely != 2105 || bd10.Target != plan.MustDate("2025-10-05") || math.Abs(bd10.Estimate.High-3157.5) > 1e-9 {
			t.Errorf("BD-10 %+v", bd10)
		}
	})
}

// bellali's 7 epics and their 61 children carry no estimate: the preview
// says so at each epic's Story Points cell and offers default_estimate_days;
// the forecast then notes the items without an estimate, or with the option
// set, sizes each epic at the default.
func TestRealFileNoEstimates(t *testing.T) {
	src := roadmaptest.Source(t, roadmaptest.RealData(t, "jira/bellali_agile-delivery_Jira.csv"))
	run := func(opts ingest.Options) (*ingest.Preview, *plan.Portfolio) {
		p := roadmaptest.Base()
		pv, err := Preview(context.Background(), src, p, opts)
		if err != nil {
			t.Fatal(err)
		}
		return pv, roadmaptest.Apply(t, p, pv)
	}
	pv, q := run(ingest.Options{})
	if pv.RowsRead != 68 || pv.RowsImported != 61 || len(pv.Skipped) != 7 || roadmaptest.Count(pv, "add", "item") != 7 {
		t.Errorf("read %d, imported %d, skipped %d, %d items; want 68, 61, 7, 7", pv.RowsRead, pv.RowsImported, len(pv.Skipped), roadmaptest.Count(pv, "add", "item"))
	}
	located := 0
	for _, pr := range pv.Problems {
		if pr.Row > 0 && pr.Field == "Custom field (Story Points)" && pr.Column == 78 && strings.Contains(pr.Message, "it is imported without an estimate") {
			located++
		}
	}
	if located != 7 {
		t.Errorf("%d warnings at an epic's Story Points cell, want 7: %v", located, pv.Problems)
	}
	want := "bellali_agile-delivery_Jira.csv, row 69, column BZ (Custom field (Story Points)): CS4483-1 Requirements & Scope: no estimate (empty or 0) on it or on its 6 child issue(s); it is imported without an estimate, which the forecast counts as no work (set the mapping option default_estimate_days to use a default)."
	if !slices.ContainsFunc(pv.Problems, func(p ingest.Problem) bool { return p.String() == want }) {
		t.Errorf("no warning %q in %v", want, pv.Problems)
	}
	if !slices.ContainsFunc(pv.Problems, func(p ingest.Problem) bool {
		return strings.HasPrefix(p.Message, "7 open item(s) have no estimate in the file (empty or 0): CS4483-28,") && strings.Contains(p.Message, "default_estimate_days=5")
	}) {
		t.Errorf("no summary warning in %v", pv.Problems)
	}
	for _, it := range q.Items {
		if it.Estimate.Low != 0 || it.Estimate.Likely != 0 || it.Estimate.High != 0 || it.Remaining != nil {
			t.Errorf("%s estimate %+v, want none", it.ID, it.Estimate)
		}
	}
	_, mp, err := outlook.Compile(q, q.PlanningStart, outlook.DistTriangular)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Join(mp.Notes, "\n"); !strings.Contains(n, "7 items are sized by story count only") && !strings.Contains(n, "no effort estimate") {
		t.Errorf("the forecast does not note the missing estimates: %s", n)
	}

	pv, q = run(ingest.Options{Mapping: &plan.ImportMapping{Options: map[string]string{"default_estimate_days": "5"}}})
	if pv.HasErrors() {
		t.Fatal(pv.Problems)
	}
	for _, it := range q.Items {
		if it.Estimate.Low != 3.75 || it.Estimate.Likely != 5 || it.Estimate.High != 7.5 {
			t.Errorf("%s estimate %+v, want 3.75/5/7.5", it.ID, it.Estimate)
		}
	}
	if m := q.ImportMappings[0].Options["default_estimate_days"]; m != "5" {
		t.Errorf("mapping saved default_estimate_days=%q", m)
	}
	_, mp, err = outlook.Compile(q, q.PlanningStart, outlook.DistTriangular)
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Join(mp.Notes, "\n"); strings.Contains(n, "no effort estimate") || strings.Contains(n, "story count only") {
		t.Errorf("the forecast still notes missing estimates: %s", n)
	}
}

// Values beyond the plausibility limits of plan.Validate are refused at
// their cell, before anything is built from them.
func TestLimits(t *testing.T) {
	const head = "Summary,Issue key,Issue Type,Status,Original Estimate,Custom field (Story Points)\n"
	tests := []struct {
		name, csv string
		row, col  int
		want      string
	}{
		{"seconds 1e15", head + "A,X-1,Task,To Do,1000000000000000,\n", 2, 5, "X-1: \"1000000000000000\" seconds is 3.47e+10 person-days, more than the 100000 a plan can mean"},
		{"points 1e15", head + "A,X-1,Task,To Do,,1e15\n", 2, 6, "story points is more than the 100000 a plan can mean"},
		{"points × factor", head + "A,X-1,Task,To Do,,90000\nB,X-2,Task,To Do,,1\n", 2, 6, "90000 story points × 2 days is more than the 100000 person-days"},
		{"summary 600", head + strings.Repeat("s", 600) + ",X-1,Task,To Do,,\n", 2, 1, "the summary is 600 characters long; a title may have at most 500"},
		{"key 65", head + "A," + strings.Repeat("K", 65) + ",Task,To Do,,\n", 2, 2, "the issue key is 65 characters long"},
		{"children sum", "Summary,Issue key,Issue Type,Status,Original Estimate,Parent key\nE,X-1,Epic,To Do,,\nA,X-2,Task,To Do,1728000000,X-1\nB,X-3,Task,To Do,1728000000,X-1\n", 2, 2, "its children's estimates add up to 1.2e+05 person-days"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var opts ingest.Options
			if strings.Contains(tc.name, "factor") {
				opts.Mapping = &plan.ImportMapping{Options: map[string]string{"points_to_days": "2"}}
			}
			pv, err := Preview(context.Background(), ingest.Source{Name: "f.csv", Data: []byte(tc.csv)}, roadmaptest.Base(), opts)
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range pv.Problems {
				if pr.Severity == ingest.SevError && pr.Row == tc.row && pr.Column == tc.col && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want an error at row %d column %d saying %q", pv.Problems, tc.row, tc.col, tc.want)
		})
	}
	t.Run("8 MB cell", func(t *testing.T) {
		data := []byte(head + "A,X-1,Task,To Do,,\nB,X-2,Task,To Do,\"" + strings.Repeat("9", 8_000_000) + "\",\n")
		_, err := Preview(context.Background(), ingest.Source{Name: "f.csv", Data: data}, roadmaptest.Base(), ingest.Options{})
		var pe *ingest.ParseError
		if !errors.As(err, &pe) || pe.Row != 3 || pe.Column != 5 || !strings.Contains(pe.Msg, "a cell holds 8000000 bytes, more than the 1048576") {
			t.Fatalf("err = %v, want a refusal at row 3, column E", err)
		}
	})
}

// The RSS export goes through the same XML guards as the planning tools'
// files: entities are refused, not expanded; a cancelled import stops.
func TestRSSGuards(t *testing.T) {
	laughs := `<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><key id="1">A-1</key><summary>&b;</summary></item></channel></rss>`
	_, err := Preview(context.Background(), ingest.Source{Name: "e.xml", Data: []byte(laughs)}, roadmaptest.Base(), ingest.Options{})
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || !strings.Contains(pe.Msg, "declares XML entities") {
		t.Errorf("err = %v, want the entities refused", err)
	}
	huge := "<rss><channel><item><key id=\"1\">A-1</key>\n<summary>" + strings.Repeat("x", MaxFieldLength+1) + "</summary></item></channel></rss>"
	_, err = Preview(context.Background(), ingest.Source{Name: "h.xml", Data: []byte(huge)}, roadmaptest.Base(), ingest.Options{})
	if !errors.As(err, &pe) || pe.Row != 2 || !strings.Contains(pe.Msg, "longer than 1024 KiB") {
		t.Errorf("err = %v, want a refusal at line 2", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src := roadmaptest.Source(t, roadmaptest.RealData(t, "jira/mitsusarkar_budget-variance_Jira-rss.xml"))
	if _, err := Preview(ctx, src, roadmaptest.Base(), ingest.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: err = %v", err)
	}
}
