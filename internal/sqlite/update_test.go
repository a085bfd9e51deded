package sqlite

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"steerco/internal/plan"
)

// change is one edit of the rich portfolio and the audit entries it must leave.
type change struct {
	name  string
	edit  func(p *plan.Portfolio)
	audit []string // "action entity id field", sorted
}

func changes() []change {
	usd := func(u int64) plan.Money { return plan.Amount(u, "USD") }
	return []change{
		{"portfolio rename", func(p *plan.Portfolio) { p.Name = "Renamed — Ødegård" }, []string{"update portfolio  name"}},
		{"portfolio holidays", func(p *plan.Portfolio) {
			p.Calendar.Holidays = append(p.Calendar.Holidays, plan.Holiday{Date: plan.MustDate("2027-01-01"), Name: "New Year"})
		}, []string{"update portfolio  calendar"}},
		{"portfolio confidentiality cleared", func(p *plan.Portfolio) { p.Confidentiality = "" }, []string{"update portfolio  confidentiality"}},
		{"team create", func(p *plan.Portfolio) {
			p.Teams = append(p.Teams, plan.Team{ID: "sec", Name: "Compliance & security", Headcount: 2, Allocation: 1, FocusFactor: 0.8, WIPLimit: 1, CostPerFTEMonth: usd(16000)})
		}, []string{"create team sec "}},
		{"team update", func(p *plan.Portfolio) {
			p.Team("api").Headcount = 7
			p.Team("api").HeadcountChanges = p.Team("api").HeadcountChanges[:1]
		}, []string{"update team api headcount", "update team api headcount_changes"}},
		{"team delete", func(p *plan.Portfolio) {
			p.Teams = p.Teams[:2] // platform; its item goes too
			p.Items = p.Items[:3]
		}, []string{"delete item PL-1 ", "delete team platform "}},
		{"product create", func(p *plan.Portfolio) {
			p.Products = append(p.Products, plan.Product{ID: "analytics", Name: "Analytics"})
		}, []string{"create product analytics "}},
		{"product update", func(p *plan.Portfolio) { p.Product("portal").Description = "For clinicians" }, []string{"update product portal description"}},
		{"product delete", func(p *plan.Portfolio) { p.Products = p.Products[:1] }, []string{"delete product portal "}},
		{"item create with dependency", func(p *plan.Portfolio) {
			p.Items = append(p.Items, plan.Item{ID: "EX-2", Title: "Bulk ingest", TeamID: "exchange", Estimate: plan.Estimate{Low: 1, Likely: 2, High: 3},
				Status: plan.NotStarted, Commitment: plan.Stretch, DependsOn: []plan.Dependency{{ItemID: "FHIR-2", LagDays: 2}}, Tags: []string{"ktlo", "ktlo"}})
		}, []string{"create item EX-2 "}},
		{"item update", func(p *plan.Portfolio) {
			it := p.Item("FHIR-1")
			it.Estimate.High = 40
			it.Remaining = nil
			it.Tags = []string{"feature"}
			it.Target = 0
			it.Commitment = plan.Planned
		}, []string{"update item FHIR-1 commitment", "update item FHIR-1 estimate", "update item FHIR-1 remaining_days", "update item FHIR-1 tags", "update item FHIR-1 target"}},
		{"item dependencies", func(p *plan.Portfolio) {
			p.Item("EX-1").DependsOn = []plan.Dependency{{ItemID: "FHIR-2", LagDays: 5}, {ItemID: "PL-1"}}
		}, []string{"update item EX-1 depends_on"}},
		{"item delete cascades its dependencies", func(p *plan.Portfolio) {
			p.Items = append(p.Items[:2], p.Items[3:]...) // drop FHIR-2 (sorted: EX-1, FHIR-1, FHIR-2, PL-1)
			p.Milestones[0].DependsOn = []string{"EX-1"}
			p.Risks[0].Items = []string{"EX-1"}
		}, []string{"delete item FHIR-2 ", "update milestone cms depends_on", "update risk R1 items"}},
		{"milestone create", func(p *plan.Portfolio) {
			p.Milestones = append(p.Milestones, plan.Milestone{ID: "sox", Name: "SOX audit", Date: plan.MustDate("2027-09-30"), DependsOn: []string{"PL-1"}})
		}, []string{"create milestone sox "}},
		{"milestone update", func(p *plan.Portfolio) {
			p.Milestones[0].Date = plan.MustDate("2027-05-01")
			p.Milestones[0].Penalty = ""
		}, []string{"update milestone cms date", "update milestone cms penalty"}},
		{"milestone penalty terms", func(p *plan.Portfolio) {
			p.Milestones[0].PenaltyLumpSum = usd(300000)
			p.Milestones[0].PenaltyPerDay = usd(0)
			p.Milestones[0].PenaltyDays = ""
		}, []string{"update milestone cms penalty_days", "update milestone cms penalty_lump_sum", "update milestone cms penalty_per_day"}},
		{"item cost of delay", func(p *plan.Portfolio) { p.Item("FHIR-2").CostOfDelayPerWeek = usd(55000) }, []string{"update item FHIR-2 cost_of_delay_per_week"}},
		{"item finished", func(p *plan.Portfolio) { p.Item("FHIR-1").SetStatus(plan.Done, plan.MustDate("2026-12-04")) },
			[]string{"update item FHIR-1 finished_on", "update item FHIR-1 status"}},
		{"item reopened", func(p *plan.Portfolio) { p.Item("PL-1").SetStatus(plan.InProgress, plan.MustDate("2026-12-04")) },
			[]string{"update item PL-1 finished_on", "update item PL-1 status"}},
		{"portfolio decision note", func(p *plan.Portfolio) { p.DecisionNote = "Approve the hires." }, []string{"update portfolio  decision_note"}},
		{"portfolio hiring weeks", func(p *plan.Portfolio) { p.HiringLeadWeeks, p.RampUpWeeks = 12, 0 }, []string{"update portfolio  hiring_lead_weeks", "update portfolio  ramp_up_weeks"}},
		{"milestone delete", func(p *plan.Portfolio) { p.Milestones = p.Milestones[1:] }, []string{"delete milestone cms "}},
		{"risk create", func(p *plan.Portfolio) {
			p.Risks = append(p.Risks, plan.Risk{ID: "R3", Title: "Key engineer leaves", Category: plan.RiskPeople, Probability: 0.1, ImpactDays: 15, Items: []string{"PL-1"}, CostImpact: usd(5000), Status: plan.RiskOpen})
		}, []string{"create risk R3 "}},
		{"risk update", func(p *plan.Portfolio) {
			p.Risk("R1").Probability = 0.55
			p.Risk("R1").Status = plan.RiskMitigating
			p.Risk("R1").CostImpact = usd(30000)
		}, []string{"update risk R1 cost_impact", "update risk R1 probability", "update risk R1 status"}},
		{"risk delete", func(p *plan.Portfolio) { p.Risks = p.Risks[1:] }, []string{"delete risk R1 "}},
		{"budget line create", func(p *plan.Portfolio) {
			p.BudgetLines = append(p.BudgetLines, plan.BudgetLine{ID: "aws", Name: "AWS", Category: plan.BudgetInfrastructure, Spend: plan.OpEx,
				Plan: []plan.MonthAmount{{Month: plan.MustMonth("2026-11"), Amount: usd(9000)}}})
		}, []string{"create budget_line aws "}},
		{"budget line fields and amounts", func(p *plan.Portfolio) {
			b := &p.BudgetLines[0]
			b.CostCentre = "CC-200"
			b.Plan[1].Amount = usd(90000)                                                                   // changed
			b.Plan = append(b.Plan, plan.MonthAmount{Month: plan.MustMonth("2027-01"), Amount: usd(91000)}) // added
			b.Actual = nil                                                                                  // removed
		}, []string{"update budget_line hc-api actual", "update budget_line hc-api cost_centre", "update budget_line hc-api plan"}},
		{"budget line delete", func(p *plan.Portfolio) { p.BudgetLines = p.BudgetLines[1:] }, []string{"delete budget_line hc-api "}},
		{"deployment create", func(p *plan.Portfolio) {
			p.Deployments = append(p.Deployments, plan.Deployment{ID: "d3", DeployedAt: time.Date(2026, 10, 1, 9, 0, 0, 0, time.FixedZone("CET", 3600))})
		}, []string{"create deployment d3 "}},
		{"deployment update", func(p *plan.Portfolio) { p.Deployments[0].Failed = true }, []string{"update deployment d1 failed"}},
		{"deployment delete", func(p *plan.Portfolio) { p.Deployments = p.Deployments[:1] }, []string{"delete deployment d2 "}},
		{"change create", func(p *plan.Portfolio) {
			t0 := time.Date(2026, 10, 2, 8, 0, 0, 0, time.UTC)
			p.Changes = append(p.Changes, plan.Change{ID: "c2", CommittedAt: t0, DeployedAt: t0.Add(time.Hour)})
		}, []string{"create change c2 "}},
		{"change update", func(p *plan.Portfolio) { p.Changes[0].Service = "gateway" }, []string{"update change c1 service"}},
		{"change delete", func(p *plan.Portfolio) { p.Changes = nil }, []string{"delete change c1 "}},
		{"incident create", func(p *plan.Portfolio) {
			p.Incidents = append(p.Incidents, plan.Incident{ID: "i3", StartedAt: time.Date(2026, 10, 3, 8, 0, 0, 0, time.UTC)})
		}, []string{"create incident i3 "}},
		{"incident resolved", func(p *plan.Portfolio) {
			p.Incidents[1].ResolvedAt = p.Incidents[1].StartedAt.Add(90 * time.Minute)
		}, []string{"update incident i2 resolved_at"}},
		{"incident delete", func(p *plan.Portfolio) { p.Incidents = p.Incidents[1:] }, []string{"delete incident i1 "}},
		{"snapshot create", func(p *plan.Portfolio) {
			p.Snapshots = append(p.Snapshots, plan.Snapshot{ID: "board-nov", Name: "Board, November", TakenOn: plan.MustDate("2026-11-20"), Trials: 5000, Seed: 7})
		}, []string{"create snapshot board-nov "}},
		{"snapshot update", func(p *plan.Portfolio) {
			p.Snapshots[0].Name = "Board, Oct."
			p.Snapshots[0].Forecast = p.Snapshots[0].Forecast[:1]
		}, []string{"update snapshot board-oct forecast", "update snapshot board-oct name"}},
		{"snapshot delete", func(p *plan.Portfolio) { p.Snapshots = nil }, []string{"delete snapshot board-oct "}},
		{"import mapping create", func(p *plan.Portfolio) {
			p.ImportMappings = append(p.ImportMappings, plan.ImportMapping{ID: "delivery:odd", Kind: "delivery", Options: map[string]string{"tz": "Europe/Oslo"}})
		}, []string{"create import_mapping delivery:odd "}},
		{"import mapping update", func(p *plan.Portfolio) {
			m := &p.ImportMappings[0]
			m.Values["CC-9/GCP"] = "gcp"
			delete(m.Fields, "month")
		}, []string{"update import_mapping finance:actuals by cost centre fields", "update import_mapping finance:actuals by cost centre values"}},
		{"import mapping delete", func(p *plan.Portfolio) { p.ImportMappings = p.ImportMappings[1:] }, []string{"delete import_mapping finance:actuals by cost centre "}},
	}
}

func TestUpdateEveryKind(t *testing.T) {
	ctx := context.Background()
	for _, tc := range changes() {
		t.Run(tc.name, func(t *testing.T) {
			db := newFile(t, richPortfolio("USD"))
			want := mustPortfolio(t, db)
			tc.edit(want)
			if err := db.Update(ctx, tc.name, func(p *plan.Portfolio) error { tc.edit(p); return nil }); err != nil {
				t.Fatalf("Update: %v", err)
			}
			if a, b := jsonOf(t, want), jsonOf(t, mustPortfolio(t, db)); a != b {
				t.Fatalf("stored portfolio differs:\nwant %s\ngot  %s", a, b)
			}
			es, err := db.Audit(ctx, 0)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range es {
				if e.Batch == es[0].Batch {
					got = append(got, fmt.Sprintf("%s %s %s %s", e.Action, e.Entity, e.EntityID, e.Field))
					if e.Action == "create" && (e.Old != "" || e.New == "") || e.Action == "delete" && (e.New != "" || e.Old == "") {
						t.Errorf("entry %+v: create holds new only, delete old only", e)
					}
				}
			}
			sort.Strings(got)
			if strings.Join(got, "\n") != strings.Join(tc.audit, "\n") {
				t.Errorf("audit entries:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.audit, "\n"))
			}
			// The undo of every kind of change restores the original exactly.
			if a, err := db.Undo(ctx); err != nil || a != tc.name {
				t.Fatalf("Undo: %q %v", a, err)
			}
			if a, b := jsonOf(t, richPortfolio("USD")), jsonOf(t, mustPortfolio(t, db)); a != b {
				t.Fatalf("after undo:\nwant %s\ngot  %s", a, b)
			}
			if a, err := db.Redo(ctx); err != nil || a != tc.name {
				t.Fatalf("Redo: %q %v", a, err)
			}
			if a, b := jsonOf(t, want), jsonOf(t, mustPortfolio(t, db)); a != b {
				t.Fatalf("after redo:\nwant %s\ngot  %s", a, b)
			}
		})
	}
}

func TestUpdateNoChangeWritesNothing(t *testing.T) {
	ctx := context.Background()
	db := newFile(t, richPortfolio("USD"))
	err := db.Update(ctx, "touch", func(p *plan.Portfolio) error {
		p.Items[0].Tags = append([]string{}, p.Items[0].Tags...) // same content, new slice
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if es, _ := db.Audit(ctx, 0); len(es) != 1 {
		t.Errorf("want only the creation entry, got %d", len(es))
	}
	if u, _, _ := db.UndoRedo(ctx); u != "" {
		t.Errorf("nothing to undo, got %q", u)
	}
}

func TestUpdateFailureWritesNothing(t *testing.T) {
	ctx := context.Background()
	boom := errors.New("boom")
	tests := []struct {
		name string
		fn   func(p *plan.Portfolio) error
		code string
		msg  string
	}{
		{"fn error", func(p *plan.Portfolio) error { p.Name = "half-done"; return boom }, plan.EINTERNAL, "boom"},
		{"invalid estimate", func(p *plan.Portfolio) error { p.Items[0].Estimate.Low = 100; return nil }, plan.EINVALID, "Low estimate"},
		{"dependency cycle", func(p *plan.Portfolio) error {
			p.Item("FHIR-1").DependsOn = []plan.Dependency{{ItemID: "FHIR-2"}}
			return nil
		}, plan.EINVALID, "Dependency cycle"},
		{"delete a team that owns items", func(p *plan.Portfolio) error { p.Teams = p.Teams[1:]; return nil }, plan.EINVALID, "does not exist"},
		{"amount in another currency", func(p *plan.Portfolio) error {
			p.BudgetLines[0].Plan[0].Amount.Currency = "EUR"
			return nil
		}, plan.EINVALID, "EUR"},
		{"several problems", func(p *plan.Portfolio) error {
			p.Name = ""
			p.Teams[0].Headcount = -1
			return nil
		}, plan.EINVALID, "3 problems"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db := newFile(t, richPortfolio("USD"))
			before := jsonOf(t, mustPortfolio(t, db))
			err := db.Update(ctx, tc.name, tc.fn)
			if plan.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("got %s: %v", plan.ErrorCode(err), err)
			}
			if tc.code == plan.EINTERNAL && !errors.Is(err, boom) {
				t.Errorf("fn's error must come back unchanged: %v", err)
			}
			if after := jsonOf(t, mustPortfolio(t, db)); after != before {
				t.Error("the portfolio changed")
			}
			if es, _ := db.Audit(ctx, 0); len(es) != 1 {
				t.Errorf("audit entries written: %d", len(es)-1)
			}
			var n int
			db.r.QueryRow("SELECT count(*) FROM batches").Scan(&n)
			if n != 1 {
				t.Errorf("batches: %d", n)
			}
		})
	}
}

func TestAuditIsAppendOnly(t *testing.T) {
	ctx := context.Background()
	db := newFile(t, richPortfolio("USD"))
	if err := db.Update(ctx, "rename", func(p *plan.Portfolio) error { p.Name = "x"; return nil }); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"UPDATE audit_log SET new = '\"y\"'",
		"DELETE FROM audit_log",
		"UPDATE batches SET action = 'nothing'",
		"DELETE FROM batches",
	} {
		if _, err := db.w.ExecContext(ctx, q); err == nil || !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: want an append-only error, got %v", q, err)
		}
	}
	es, _ := db.Audit(ctx, 0)
	if len(es) != 2 || es[0].New != `"x"` || es[0].Old == "" {
		t.Errorf("audit log: %+v", es)
	}
}

// A panic inside fn must not leave the single writer connection stuck in a
// transaction.
func TestUpdatePanicReleasesWriter(t *testing.T) {
	ctx := context.Background()
	db := newFile(t, richPortfolio("USD"))
	func() {
		defer func() { recover() }()
		db.Update(ctx, "panics", func(p *plan.Portfolio) error { p.Name = "half"; panic("bug") })
	}()
	done := make(chan error, 1)
	go func() { done <- db.Update(ctx, "rename", rename("after")) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the writer is stuck after a panic")
	}
	if p := mustPortfolio(t, db); p.Name != "after" {
		t.Errorf("name %q", p.Name)
	}
}

// When a write fails after other rows and audit entries of the same Update
// were already written, the whole transaction rolls back: changes and audit
// entries go together or not at all. A five-digit year passes Validate but
// not the schema's date format, which provokes the failure half-way.
func TestUpdateIsAtomicWithItsAudit(t *testing.T) {
	ctx := context.Background()
	db := newFile(t, richPortfolio("USD"))
	before := jsonOf(t, mustPortfolio(t, db))
	err := db.Update(ctx, "half", func(p *plan.Portfolio) error {
		p.Name = "written first"                                      // settings row and its audit entry come first
		p.Teams[0].Name = "written second"                            // then teams
		p.Snapshots[0].TakenOn = plan.NewDate(12026, time.January, 1) // snapshots come last and fail
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "snapshot") {
		t.Fatalf("want the snapshot write to fail, got %v", err)
	}
	if jsonOf(t, mustPortfolio(t, db)) != before {
		t.Error("part of a failed Update was kept")
	}
	if es, _ := db.Audit(ctx, 0); len(es) != 1 {
		t.Errorf("%d audit entries of a failed Update were kept", len(es)-1)
	}
}
