package delivery

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	dora "steerco/internal/delivery"
	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// realdata is shared/realdata/dora, beside the repository (see SOURCES.md there).
const realdata = "../../../../shared/realdata/dora"

func readReal(t *testing.T, name string) ingest.Source {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(realdata, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("%s is missing: the shared realdata folder is not beside the repository", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return ingest.Source{Name: name, Data: data}
}

// memUpdater applies a preview the way internal/sqlite does: fn edits a copy,
// the result must validate, and only then replaces the portfolio.
type memUpdater struct{ p *plan.Portfolio }

func (m *memUpdater) Update(_ context.Context, _ string, fn func(p *plan.Portfolio) error) error {
	cp := *m.p
	cp.Deployments = append([]plan.Deployment(nil), m.p.Deployments...)
	cp.Changes = append([]plan.Change(nil), m.p.Changes...)
	cp.Incidents = append([]plan.Incident(nil), m.p.Incidents...)
	cp.ImportMappings = append([]plan.ImportMapping(nil), m.p.ImportMappings...)
	if err := fn(&cp); err != nil {
		return err
	}
	cp.Normalize()
	if err := cp.Validate(); err != nil {
		return err
	}
	*m.p = cp
	return nil
}

func emptyPortfolio() *plan.Portfolio {
	return &plan.Portfolio{Name: "Test", Currency: "USD", FiscalYearStart: time.January, PlanningStart: plan.MustDate("2027-01-01")}
}

// importInto previews src against p, applies it, and returns the preview.
func importInto(t *testing.T, p *plan.Portfolio, src ingest.Source) *ingest.Preview {
	t.Helper()
	pv, err := Preview(context.Background(), src, p, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pv.HasErrors() {
		t.Fatalf("preview has errors: %v", pv.Problems)
	}
	if err := pv.Apply(context.Background(), &memUpdater{p}); err != nil {
		t.Fatal(err)
	}
	return pv
}

func nearH(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

func count[T any](xs []T, f func(T) bool) int {
	n := 0
	for _, x := range xs {
		if f(x) {
			n++
		}
	}
	return n
}

func TestRealFiles(t *testing.T) {
	tests := []struct {
		file                  string
		read, imported        int
		deps, failed, changes int
		incidents, resolved   int
		check                 func(t *testing.T, p *plan.Portfolio, pv *ingest.Preview)
	}{
		{
			file: "devlake_github_cicd_deployment_commits.csv", read: 100, imported: 100, deps: 100, failed: 3,
			check: func(t *testing.T, p *plan.Portfolio, pv *ingest.Preview) {
				// Cross-checked with Python's csv module: started_date spans
				// 2023-05-27 → 2024-01-12; per month 1, 16, 15, 14, 14 (3 FAILURE),
				// 5, 17, 10, 8 = 100.
				s := dora.Summary(p, plan.MustMonth("2023-05"), plan.MustMonth("2024-01"))
				// 9 months, 2023-05-01 → 2024-02-01 = 276 days; 100/276 × 7 = 2.536/week → high.
				if s.Months != 9 || s.Frequency.Days != 276 || s.Frequency.Tier != dora.High || !nearH(s.Frequency.PerWeek, 700.0/276) {
					t.Errorf("frequency %+v over %d months", s.Frequency, s.Months)
				}
				// 3 of 100 failed = 3 % → elite; no lead time, no incidents;
				// overall (high 3 + elite 4)/2 = 3.5 → a tie goes down → high.
				if s.ChangeFailure.Failed != 3 || s.ChangeFailure.Tier != dora.Elite || s.LeadTime.HasData() || s.Overall != dora.High {
					t.Errorf("summary %+v", s.Metrics)
				}
				sep := dora.Monthly(p, plan.MustMonth("2023-09"), plan.MustMonth("2023-09"))[0]
				// September 2023: 14 deployments, 3 failed = 21.4 % → low.
				if sep.Frequency.Deployments != 14 || sep.ChangeFailure.Failed != 3 || sep.ChangeFailure.Tier != dora.Low {
					t.Errorf("september %+v", sep.Metrics)
				}
				d := findDeployment(p, "devlake-DE_kwDOFAKDls4-0X1l")
				if d == nil || !d.DeployedAt.Equal(time.Date(2023, 9, 1, 0, 16, 30, 0, time.UTC)) || d.Service != "facebook/OpenBIC" {
					t.Errorf("first row's deployment = %+v", d)
				}
			},
		},
		{
			file: "devlake_raw_pagerduty_incidents.csv", read: 3, imported: 3, incidents: 3, resolved: 1,
			check: func(t *testing.T, p *plan.Portfolio, pv *ingest.Preview) {
				// #6 "Spamming logs": created 06:45:36, resolve_log_entry 06:51:44 → 368 s.
				s := dora.Summary(p, plan.MustMonth("2022-11"), plan.MustMonth("2022-11"))
				if s.Restore.Count != 1 || !nearH(s.Restore.MedianHours, 368.0/3600) || s.Restore.Tier != dora.Elite || s.OpenIncidents != 2 {
					t.Errorf("restore %+v, open %d", s.Restore, s.OpenIncidents)
				}
				in := findIncident(p, "pagerduty-Q1OHFWFP3GPXOG")
				if in == nil || in.Severity != "low" || in.Service != "DevService" || in.Title != "#6 Spamming logs" {
					t.Errorf("incident #6 = %+v", in)
				}
			},
		},
		{
			file: "gearset_deployments_with_prs.csv", read: 518, imported: 518, deps: 518, failed: 222, changes: 984,
			check: func(t *testing.T, p *plan.Portfolio, pv *ingest.Preview) {
				// Cross-checked with Python (csv + ast.literal_eval): 1,327 pull
				// requests, 343 of them on failed deployments, 984 on successful
				// ones; median MergedAt → Timestamp of those 984 = 173.2703 h.
				s := dora.Summary(p, plan.MustMonth("2024-02"), plan.MustMonth("2024-02"))
				// 518 deployments in February 2024 (29 days) = 17.9/day → elite.
				if s.Frequency.Deployments != 518 || s.Frequency.Tier != dora.Elite {
					t.Errorf("frequency %+v", s.Frequency)
				}
				// 222/518 = 42.9 % → low.
				if !nearH(s.ChangeFailure.Rate, 222.0/518) || s.ChangeFailure.Tier != dora.Low {
					t.Errorf("change failure %+v", s.ChangeFailure)
				}
				// 173.27 h ≥ 168 h (one week) → medium.
				if s.LeadTime.Count != 984 || math.Abs(s.LeadTime.MedianHours-173.2703) > 1e-4 || s.LeadTime.Tier != dora.Medium {
					t.Errorf("lead time %+v", s.LeadTime)
				}
				// Overall (elite 4 + medium 2 + low 1)/3 = 2.33 → medium.
				if s.Overall != dora.Medium {
					t.Errorf("overall %v", s.Overall)
				}
				if !hasNote(pv, "343 pull requests on 215 failed deployments") || !hasNote(pv, "57 deployments list no pull requests") {
					t.Errorf("notes %q", pv.Notes)
				}
				c := findChange(p, "SFDC-ATGE-pr-2341")
				if c == nil || !c.CommittedAt.Equal(time.Date(2024, 2, 29, 22, 21, 47, 0, time.UTC)) || c.DeploymentID != "gearset-340fcfb9-1a29-4831-be8d-84e4e3649901" {
					t.Errorf("PR 2341 = %+v", c)
				}
			},
		},
		{
			file: "cfkoehler_deployments_tiny.csv", read: 13, imported: 10, deps: 10, failed: 1,
			check: func(t *testing.T, p *plan.Portfolio, pv *ingest.Preview) {
				// 13 releases; 1.2.0, 2.4.0 and 2.6.0 have no pirmaryDeployment (NA).
				if len(pv.Skipped) != 3 || !strings.Contains(pv.Skipped[0].Reason, "pirmaryDeployment is NA") || pv.Skipped[0].Row != 4 {
					t.Errorf("skipped %+v", pv.Skipped)
				}
				if !hasNote(pv, `Column "pirmaryDeployment" (C) is read as deployed_at`) {
					t.Errorf("notes %q", pv.Notes)
				}
				// 2.3.0 failed on 01/15/23 (M/D/YY: 22 cannot be a month in 11/22/22).
				if d := findDeployment(p, "2.3.0"); d == nil || !d.Failed || !d.DeployedAt.Equal(time.Date(2023, 1, 15, 0, 0, 0, 0, time.UTC)) {
					t.Errorf("2.3.0 = %+v", d)
				}
				ms := dora.Monthly(p, plan.MustMonth("2022-11"), plan.MustMonth("2023-02"))
				// Nov 3 (11/23, 11/25, 11/30), Dec 1 (12/3), Jan 5 (1/7, 1/9, 1/15 ×2, 1/23), Feb 1 (2/15).
				for i, want := range []int{3, 1, 5, 1} {
					if ms[i].Frequency.Deployments != want {
						t.Errorf("%s: %d deployments, want %d", ms[i].Month, ms[i].Frequency.Deployments, want)
					}
				}
				// January: 5 in 31 days = 1.13/week → high; 1 of 5 failed = 20 % → low.
				if ms[2].Frequency.Tier != dora.High || ms[2].ChangeFailure.Tier != dora.Low {
					t.Errorf("january %+v", ms[2].Metrics)
				}
				// Whole sheet: 10 in Nov 1 → Mar 1 (120 days) = 0.583/week → medium;
				// 1/10 = 10 % → high; overall (2 + 3)/2 = 2.5 → medium.
				s := dora.Summary(p, plan.MustMonth("2022-11"), plan.MustMonth("2023-02"))
				if s.Frequency.Tier != dora.Medium || !nearH(s.Frequency.PerWeek, 70.0/120) || s.ChangeFailure.Tier != dora.High || s.Overall != dora.Medium {
					t.Errorf("summary %+v", s.Metrics)
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			src := readReal(t, tc.file)
			p := emptyPortfolio()
			pv := importInto(t, p, src)
			if pv.RowsRead != tc.read || pv.RowsImported != tc.imported {
				t.Errorf("rows read %d, imported %d; want %d, %d", pv.RowsRead, pv.RowsImported, tc.read, tc.imported)
			}
			if len(p.Deployments) != tc.deps || count(p.Deployments, func(d plan.Deployment) bool { return d.Failed }) != tc.failed {
				t.Errorf("%d deployments (%d failed), want %d (%d)", len(p.Deployments), count(p.Deployments, func(d plan.Deployment) bool { return d.Failed }), tc.deps, tc.failed)
			}
			if len(p.Changes) != tc.changes {
				t.Errorf("%d changes, want %d", len(p.Changes), tc.changes)
			}
			if len(p.Incidents) != tc.incidents || count(p.Incidents, func(i plan.Incident) bool { return !i.ResolvedAt.IsZero() }) != tc.resolved {
				t.Errorf("%d incidents, want %d with %d resolved", len(p.Incidents), tc.incidents, tc.resolved)
			}
			tc.check(t, p, pv)

			// Re-importing the same file changes nothing.
			again, err := Preview(context.Background(), src, p, ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Changes) != 0 {
				t.Errorf("re-import would change %d things, first %+v", len(again.Changes), again.Changes[0])
			}
		})
	}
}

func TestFourKeysSchemaRefused(t *testing.T) {
	src := readReal(t, "fourkeys_events_raw_schema.json")
	_, err := Preview(context.Background(), src, emptyPortfolio(), ingest.Options{})
	var pe *ingest.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v, want a *ingest.ParseError", err)
	}
	for _, want := range []string{"schema", "not data", "no deployments, changes or incidents", "event_type"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message %q lacks %q", err, want)
		}
	}
}

func findDeployment(p *plan.Portfolio, id string) *plan.Deployment {
	for i := range p.Deployments {
		if p.Deployments[i].ID == id {
			return &p.Deployments[i]
		}
	}
	return nil
}

func findChange(p *plan.Portfolio, id string) *plan.Change {
	for i := range p.Changes {
		if p.Changes[i].ID == id {
			return &p.Changes[i]
		}
	}
	return nil
}

func findIncident(p *plan.Portfolio, id string) *plan.Incident {
	for i := range p.Incidents {
		if p.Incidents[i].ID == id {
			return &p.Incidents[i]
		}
	}
	return nil
}

func hasNote(pv *ingest.Preview, s string) bool {
	for _, n := range pv.Notes {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// BenchmarkPreviewGearset previews the largest real delivery file (545 KB,
// 518 deployments, 1,327 pull requests, one 217 KB field).
func BenchmarkPreviewGearset(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(realdata, "gearset_deployments_with_prs.csv"))
	if err != nil {
		b.Skip(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Preview(context.Background(), ingest.Source{Name: "g.csv", Data: data}, emptyPortfolio(), ingest.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMonthly computes two years of monthly keys over 10,000
// deployments, 30,000 changes and 500 incidents.
func BenchmarkMonthly(b *testing.B) {
	p := emptyPortfolio()
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 10000; i++ {
		at := t0.Add(time.Duration(i) * 105 * time.Minute)
		p.Deployments = append(p.Deployments, plan.Deployment{ID: fmt.Sprint("d", i), DeployedAt: at, Failed: i%9 == 0})
		for j := 0; j < 3; j++ {
			p.Changes = append(p.Changes, plan.Change{ID: fmt.Sprint("c", i, "-", j), CommittedAt: at.Add(-time.Duration(j+1) * 7 * time.Hour), DeployedAt: at})
		}
		if i%20 == 0 {
			p.Incidents = append(p.Incidents, plan.Incident{ID: fmt.Sprint("i", i), StartedAt: at, ResolvedAt: at.Add(time.Duration(i%7+1) * time.Hour)})
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		dora.Monthly(p, plan.MustMonth("2025-01"), plan.MustMonth("2026-12"))
	}
}
