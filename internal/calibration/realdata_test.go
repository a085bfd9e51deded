package calibration

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/jira"
	"steerco/internal/ingest/roadmap/roadmaptest"
	"steerco/internal/plan"
)

// resolvedDates reads, in place, the date each issue of a real Jira export
// was resolved: the Resolved column of an issue export, or the first move
// to Done of a status-change history.
func resolvedDates(t *testing.T, path string) []plan.Date {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("no real data: %v", err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord, r.LazyQuotes = -1, true
	rows, err := r.ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("%s: %v", path, err)
	}
	col := func(name string) int {
		for i, h := range rows[0] {
			if strings.EqualFold(strings.TrimSpace(h), name) {
				return i
			}
		}
		return -1
	}
	var out []plan.Date
	if to, at, key := col("Status Changed To"), col("Status Change Date"), col("Issue Key"); to >= 0 {
		seen := map[string]bool{}
		for _, rec := range rows[1:] {
			if strings.EqualFold(rec[to], "Done") && !seen[rec[key]] {
				if d, err := jira.ParseDate(rec[at]); err == nil && !d.IsZero() {
					seen[rec[key]] = true
					out = append(out, d)
				}
			}
		}
		return out
	}
	res := col("Resolved")
	if res < 0 {
		return nil
	}
	for _, rec := range rows[1:] {
		if res < len(rec) {
			if d, err := jira.ParseDate(rec[res]); err == nil && !d.IsZero() {
				out = append(out, d)
			}
		}
	}
	return out
}

// The throughput backtest on the real Jira exports that record when issues
// were resolved; the figures are logged (go test -v -run RealJira) for the
// record, and only the counting is asserted.
func TestThroughputRealJira(t *testing.T) {
	dir := filepath.Dir(roadmaptest.RealData(t, "jira/planeso_Jira_sprints.csv"))
	for _, name := range []string{"bellali_agile-delivery_Jira.csv", "gazeus_JIRA_pt-BR_213cols.csv", "hp206955_jira_status_history.csv",
		"mitsusarkar_budget-variance_Jira.csv", "planeso_Jira_sprints.csv", "codebook666_Jira_bom_minimal.csv"} {
		t.Run(name, func(t *testing.T) {
			ds := resolvedDates(t, filepath.Join(dir, name))
			r, err := ThroughputBacktest(context.Background(), ds)
			if err != nil {
				t.Fatal(err)
			}
			span := ""
			if len(ds) > 0 {
				lo, hi := ds[0], ds[0]
				for _, d := range ds {
					lo, hi = min(lo, d), max(hi, d)
				}
				span = lo.String() + " to " + hi.String()
			}
			t.Logf("%d resolved issues (%s): %d forecasts; the 85%% count was reached %d times (%.0f%%, 90%% interval %.0f–%.0f%%), the 50%% count %d times",
				len(ds), span, r.P85.N, r.P85.Hits, 100*r.P85.Value(), 100*r.P85.Low, 100*r.P85.High, r.P50.Hits)
			if r.Finishes != len(ds) {
				t.Errorf("finishes %d, want %d", r.Finishes, len(ds))
			}
		})
	}
}

// Imported Jira items that are done carry their Resolved date as the finish.
func TestJiraResolvedIsFinish(t *testing.T) {
	src := roadmaptest.Source(t, roadmaptest.RealData(t, "jira/gazeus_JIRA_pt-BR_213cols.csv"))
	pv, err := jira.Preview(context.Background(), src, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := roadmaptest.Apply(t, roadmaptest.Base(), pv)
	done, dated := 0, 0
	for _, it := range p.Items {
		if it.Status == plan.Done {
			done++
			if !it.FinishedOn.IsZero() {
				dated++
			}
		}
	}
	r := Score(p)
	t.Logf("gazeus: %d done items, %d with a finish date, %d listed as done without one", done, dated, len(r.DoneWithoutFinish))
	if done == 0 || dated == 0 || done-dated != len(r.DoneWithoutFinish) {
		t.Errorf("%d done, %d dated, %d listed", done, dated, len(r.DoneWithoutFinish))
	}
}
