package sqlite

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"steerco/internal/plan"
)

var update = flag.Bool("update", false, "rewrite the fixtures under testdata (the files of every released schema version)")

func url1(k, v string) url.Values { return url.Values{k: {v}} }

// fixtureRows is a small portfolio as the SQL of schema version 1 stores
// it, with its creation in the audit log. It is valid at every version.
const fixtureRows = `
INSERT INTO portfolio (id, name, currency, fiscal_year_start_month, planning_start, workdays, confidentiality)
VALUES (1, 'Fixture programme', 'EUR', 4, '2026-01-05', '', 'Board only');
INSERT INTO holidays (date, name) VALUES ('2026-12-25', 'Christmas Day');
INSERT INTO teams VALUES ('api', 'API', 5, 1, 0.8, 3, 900000), ('web', 'Web', 3, 0.5, 0.7, 2, 800000);
INSERT INTO headcount_changes VALUES ('api', 0, '2026-03-02', 1, 'hire');
INSERT INTO products VALUES ('core', 'Core', '');
INSERT INTO items (id, title, product_id, team_id, estimate_low, estimate_likely, estimate_high, rank, status, target, commitment)
VALUES ('A-1', 'Ledger API', 'core', 'api', 5, 8, 13, 1, 'in_progress', '2026-06-30', 'committed'),
       ('A-2', 'Ledger UI', NULL, 'web', 3, 5, 9, 2, 'not_started', NULL, 'planned');
INSERT INTO item_tags VALUES ('A-1', 0, 'ledger');
INSERT INTO dependencies VALUES ('A-2', 'A-1', 2);
INSERT INTO milestones (id, name, date, kind, penalty) VALUES ('M1', 'Ledger live', '2026-07-01', 'contractual', 'EUR 10k a week');
INSERT INTO milestone_items VALUES ('M1', 0, 'A-2');
INSERT INTO risks (id, title, category, probability, impact_days, status) VALUES ('R1', 'Vendor late', 'vendor', 0.3, 10, 'open');
INSERT INTO risk_items VALUES ('R1', 0, 'A-1');
INSERT INTO budget_lines VALUES ('B1', 'API team', 'headcount', 'CC-1', 'opex', 'api');
INSERT INTO budget_amounts VALUES ('B1', 'plan', '2026-01', 4500000), ('B1', 'actual', '2026-01', 4400000);
INSERT INTO batches VALUES (1, '2026-01-05T09:00:00Z', 'create portfolio', 'create portfolio');
INSERT INTO audit_log (at, batch, action, entity, new) VALUES ('2026-01-05T09:00:00Z', 1, 'create', 'portfolio', '{}');
`

// fixtureRowsSince adds what each later version can hold.
var fixtureRowsSince = map[int]string{
	2: `INSERT INTO import_mappings VALUES ('finance:actuals', 'finance');
INSERT INTO import_mapping_entries VALUES ('finance:actuals', 'fields', 'amount', 'Actual (EUR)');`,
	3: `UPDATE milestones SET penalty_lump_sum_minor = 1000000, penalty_per_day_minor = 200000, penalty_days = 'calendar' WHERE id = 'M1';
UPDATE items SET cost_of_delay_per_week_minor = 500000, started_on = '2026-01-12' WHERE id = 'A-1';
UPDATE portfolio SET hiring_lead_weeks = 10, ramp_up_weeks = 6, decision_note = 'Approve the two hires today.';
INSERT INTO scenarios VALUES ('hire', 'Two more API engineers', 'From March');
INSERT INTO scenario_changes (scenario_id, pos, kind, team, fte, date) VALUES ('hire', 0, 'headcount', 'api', 2, '2026-03-02');`,
}

func fixturePath(v int) string { return filepath.Join("testdata", fmt.Sprintf("v%d%s", v, Extension)) }

// writeFixture builds the file of schema version v the way Steerco of that
// version did: the migrations up to v, in WAL mode, then closed.
func writeFixture(t *testing.T, path string, v int) {
	t.Helper()
	register()
	db, err := sql.Open(driverName, dsn(path, url.Values{"mode": {"rwc"}, "_journal_mode": {"WAL"}}))
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	if err := migrateTo(context.Background(), db, v); err != nil {
		t.Fatal(err)
	}
	stmts := fixtureRows
	for w := 2; w <= v; w++ {
		stmts += fixtureRowsSince[w]
	}
	if _, err := db.Exec(stmts); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestFixtures keeps one file per released schema version under testdata
// (go test -run TestFixtures -update writes the missing ones; a released
// version's file is never rewritten) and opens each with this Steerco: it is
// backed up, migrated to SchemaVersion, and reads back whole.
func TestFixtures(t *testing.T) {
	if *update {
		for v := 1; v <= SchemaVersion; v++ {
			if _, err := os.Stat(fixturePath(v)); err == nil {
				continue
			}
			writeFixture(t, fixturePath(v), v)
			t.Logf("wrote %s", fixturePath(v))
		}
	}
	ctx := context.Background()
	for v := 1; v <= SchemaVersion; v++ {
		t.Run(fmt.Sprintf("v%d", v), func(t *testing.T) {
			b, err := os.ReadFile(fixturePath(v))
			if err != nil {
				t.Fatalf("no fixture for schema version %d (run go test -run TestFixtures -update once, with the code of that version): %v", v, err)
			}
			path := filepath.Join(t.TempDir(), "old.steerco")
			os.WriteFile(path, b, 0o644)
			db, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var got int
			db.w.QueryRow("PRAGMA user_version").Scan(&got)
			if got != SchemaVersion {
				t.Errorf("user_version %d after Open, want %d", got, SchemaVersion)
			}
			p := mustPortfolio(t, db)
			if p.Name != "Fixture programme" || len(p.Teams) != 2 || len(p.Items) != 2 || len(p.Risks) != 1 || len(p.BudgetLines) != 1 || len(p.Milestones) != 1 {
				t.Errorf("read back %q: %d teams, %d items, %d risks, %d lines, %d milestones", p.Name, len(p.Teams), len(p.Items), len(p.Risks), len(p.BudgetLines), len(p.Milestones))
			}
			if v >= 2 && len(p.ImportMappings) != 1 {
				t.Errorf("import mappings %d", len(p.ImportMappings))
			}
			if m := p.Milestones[0]; v >= 3 && (m.PenaltyLumpSum != plan.Amount(10000, "EUR") || m.PenaltyPerDay != plan.Amount(2000, "EUR") || m.PenaltyDays != plan.CalendarDays ||
				p.Item("A-1").CostOfDelayPerWeek != plan.Amount(5000, "EUR") || p.HiringLeadWeeks != 10 || p.RampUpWeeks != 6 || p.DecisionNote != "Approve the two hires today.") {
				t.Errorf("money fields read back %+v, item A-1 %+v, weeks %d and %d", m, p.Item("A-1").CostOfDelayPerWeek, p.HiringLeadWeeks, p.RampUpWeeks)
			}
			if a := p.Item("A-1"); v >= 3 && (a.StartedOn != plan.MustDate("2026-01-12") || !a.FinishedOn.IsZero()) {
				t.Errorf("actual dates read back %s and %s", a.StartedOn, a.FinishedOn)
			}
			if v >= 3 && (len(p.Scenarios) != 1 || len(p.Scenarios[0].Changes) != 1) {
				t.Errorf("scenarios %+v", p.Scenarios)
			}
			if err := db.Update(ctx, "rename after upgrade", rename("Upgraded")); err != nil {
				t.Fatal(err)
			}
			// The upgraded file passes the check of the current version: the
			// reference schema is built by the same migrations.
			db.Close()
			if err := check(ctx, path, path); err != nil {
				t.Errorf("the upgraded file: %v", err)
			}
			bs, err := Backups(path)
			if err != nil {
				t.Fatal(err)
			}
			if v < SchemaVersion {
				if len(bs) != 1 || bs[0].Reason != ReasonMigration {
					t.Fatalf("backups %+v, want one taken before the upgrade", bs)
				}
				old, err := os.ReadFile(bs[0].Path)
				if err != nil {
					t.Fatal(err)
				}
				if h := int(old[60])<<24 | int(old[61])<<16 | int(old[62])<<8 | int(old[63]); h != v {
					t.Errorf("the backup is of version %d, want %d", h, v)
				}
			} else if len(bs) != 1 || bs[0].Reason != ReasonDaily {
				// The fixture was created long ago: its first open today is backed up.
				t.Errorf("backups %+v, want the daily one", bs)
			}
		})
	}
}

// The reference schema of every version is what its fixture holds, so the
// check accepts each released file as it was written.
func TestReferenceSchemaMatchesFixtures(t *testing.T) {
	ctx := context.Background()
	for v := 1; v <= SchemaVersion; v++ {
		if _, err := os.Stat(fixturePath(v)); err != nil {
			t.Skipf("no fixture for version %d", v)
		}
		if err := check(ctx, fixturePath(v), fixturePath(v)); err != nil {
			t.Errorf("version %d: %v", v, err)
		}
	}
}
