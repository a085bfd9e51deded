package sqlite

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/plan"
)

func TestCreateAndReadBack(t *testing.T) {
	for _, cur := range []string{"USD", "JPY", "KWD"} {
		t.Run(cur, func(t *testing.T) {
			want := richPortfolio(cur)
			db := newFile(t, want)
			got := mustPortfolio(t, db)
			if a, b := jsonOf(t, want), jsonOf(t, got); a != b {
				t.Fatalf("read back differs:\nwant %s\ngot  %s", a, b)
			}
			// And after closing and opening again.
			db.Close()
			db2, err := Open(context.Background(), db.Path())
			if err != nil {
				t.Fatal(err)
			}
			defer db2.Close()
			if a, b := jsonOf(t, want), jsonOf(t, mustPortfolio(t, db2)); a != b {
				t.Fatalf("after reopen differs:\nwant %s\ngot  %s", a, b)
			}
		})
	}
}

func TestCreateFileIdentity(t *testing.T) {
	db := newFile(t, richPortfolio("USD"))
	var app, ver int
	var jm string
	db.w.QueryRow("PRAGMA application_id").Scan(&app)
	db.w.QueryRow("PRAGMA user_version").Scan(&ver)
	db.w.QueryRow("PRAGMA journal_mode").Scan(&jm)
	if app != ApplicationID || ver != SchemaVersion || jm != "wal" {
		t.Errorf("application_id %#x, user_version %d, journal %s", app, ver, jm)
	}
	var fk, trusted int
	db.w.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	db.w.QueryRow("PRAGMA trusted_schema").Scan(&trusted)
	if fk != 1 || trusted != 0 {
		t.Errorf("foreign_keys %d trusted_schema %d", fk, trusted)
	}
	es, err := db.Audit(context.Background(), 0)
	if err != nil || len(es) != 1 || es[0].Action != "create" || es[0].Entity != "portfolio" {
		t.Errorf("creation audit: %+v %v", es, err)
	}
	// The creation entry holds the whole first state of the portfolio.
	var first plan.Portfolio
	if err := json.Unmarshal([]byte(es[0].New), &first); err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, &first), jsonOf(t, richPortfolio("USD")); a != b {
		t.Errorf("creation entry:\n%s\nwant\n%s", a, b)
	}
	if u, r, _ := db.UndoRedo(context.Background()); u != "" || r != "" {
		t.Errorf("a new file has nothing to undo: %q %q", u, r)
	}
}

func TestCreateRefuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	existing := filepath.Join(dir, "there.steerco")
	os.WriteFile(existing, []byte("keep me"), 0o644)
	bad := richPortfolio("USD")
	bad.Teams[0].Name = ""
	bad.Items[0].Estimate.Low = 99
	tests := []struct {
		name, path string
		p          *plan.Portfolio
		code, msg  string
	}{
		{"existing file", existing, richPortfolio("USD"), plan.ECONFLICT, "already exists"},
		{"invalid portfolio", filepath.Join(dir, "new.steerco"), bad, plan.EINVALID, "2 problems"},
		{"missing folder", filepath.Join(dir, "nope", "x.steerco"), richPortfolio("USD"), plan.EINVALID, "Cannot write"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Create(ctx, tc.path, tc.p)
			if err == nil {
				db.Close()
				t.Fatal("want an error")
			}
			if plan.ErrorCode(err) != tc.code || !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("got %s %v", plan.ErrorCode(err), err)
			}
		})
	}
	b, _ := os.ReadFile(existing)
	if string(b) != "keep me" {
		t.Error("existing file was changed")
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		for _, e := range ents {
			t.Log(e.Name())
		}
		t.Error("Create left files behind")
	}
}

func TestOpenMissing(t *testing.T) {
	_, err := Open(context.Background(), filepath.Join(t.TempDir(), "gone.steerco"))
	if plan.ErrorCode(err) != plan.ENOTFOUND || !strings.Contains(err.Error(), "steerco new FILE.steerco --name") || !strings.Contains(err.Error(), "import-json") {
		t.Errorf("got %v", err)
	}
	var pe *plan.Error
	if !errors.As(err, &pe) {
		t.Error("want a *plan.Error")
	}
}

// File names with spaces, URI characters and non-ASCII letters must reach
// SQLite intact (the driver takes a file: URI).
func TestAwkwardPaths(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"plain.steerco", "with space.steerco", "Zoë Ødegård.steerco", "q?x=1#frag%20.steerco", "semi;colon&amp.steerco"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "Müller & Söhne")
			os.Mkdir(dir, 0o755)
			path := filepath.Join(dir, name)
			db, err := Create(ctx, path, richPortfolio("USD"))
			if err != nil {
				t.Fatal(err)
			}
			if err := db.Update(ctx, "rename", func(p *plan.Portfolio) error { p.Name = "ok"; return nil }); err != nil {
				t.Fatal(err)
			}
			db.Close()
			ents, _ := os.ReadDir(dir)
			if len(ents) != 1 || ents[0].Name() != name {
				for _, e := range ents {
					t.Log(e.Name())
				}
				t.Fatal("want exactly the one file, under its own name")
			}
			db, err = Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if mustPortfolio(t, db).Name != "ok" {
				t.Error("not read back")
			}
		})
	}
}

// The schema itself refuses what the domain forbids, as a second line of
// defence behind Validate.
func TestSchemaConstraints(t *testing.T) {
	ctx := context.Background()
	db := newFile(t, richPortfolio("USD"))
	tests := []struct{ name, sql string }{
		{"unknown item status", "UPDATE items SET status = 'bogus' WHERE id = 'FHIR-1'"},
		{"unknown commitment", "UPDATE items SET commitment = 'maybe' WHERE id = 'FHIR-1'"},
		{"negative estimate", "UPDATE items SET estimate_low = -1 WHERE id = 'FHIR-1'"},
		{"bad date", "UPDATE items SET target = '29/01/2027' WHERE id = 'FHIR-1'"},
		{"risk probability above 1", "UPDATE risks SET probability = 1.5 WHERE id = 'R1'"},
		{"unknown budget scenario", "INSERT INTO budget_amounts (line_id, scenario, month, minor) VALUES ('vendor', 'forecast', '2027-01', 1)"},
		{"bad month", "INSERT INTO budget_amounts (line_id, scenario, month, minor) VALUES ('vendor', 'plan', '2027-1', 1)"},
		{"dependency on an unknown item", "INSERT INTO dependencies (item_id, depends_on) VALUES ('EX-1', 'NOPE')"},
		{"item of an unknown team", "UPDATE items SET team_id = 'nope' WHERE id = 'FHIR-1'"},
		{"self dependency", "INSERT INTO dependencies (item_id, depends_on) VALUES ('EX-1', 'EX-1')"},
		{"second settings row", "INSERT INTO portfolio (id, name, currency, fiscal_year_start_month, planning_start) VALUES (2, 'x', 'USD', 1, '2026-01-01')"},
		{"lower-case currency", "UPDATE portfolio SET currency = 'usd'"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tx, err := db.w.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			_, err = tx.ExecContext(ctx, tc.sql)
			if err == nil {
				err = tx.Commit() // deferred foreign keys fail here
			} else {
				tx.Rollback()
			}
			if err == nil {
				t.Error("the schema accepted it")
			}
		})
	}
	// Deleting an item removes the dependencies on it (ON DELETE CASCADE).
	if _, err := db.w.ExecContext(ctx, "DELETE FROM milestone_items; DELETE FROM risk_items; DELETE FROM items WHERE id = 'FHIR-1'"); err != nil {
		t.Fatal(err)
	}
	var n int
	db.w.QueryRow("SELECT count(*) FROM dependencies WHERE depends_on = 'FHIR-1' OR item_id = 'FHIR-1'").Scan(&n)
	if n != 0 {
		t.Errorf("%d dependencies left on a deleted item", n)
	}
}

// A file written by an older Steerco (schema version 1, before import
// mappings) opens, is migrated in place, and keeps its content.
func TestOpenMigratesOlderFile(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "v1.steerco")
	old, err := openPools(path, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrateTo(ctx, old.w, 1); err != nil {
		t.Fatal(err)
	}
	_, err = old.w.Exec(`INSERT INTO portfolio (id, name, currency, fiscal_year_start_month, planning_start) VALUES (1, 'Version one', 'EUR', 4, '2026-04-01');
		INSERT INTO teams (id, name, headcount, allocation, focus_factor, wip_limit, cost_per_fte_month_minor) VALUES ('t', 'Team', 3, 1, 0.8, 2, 1200000);
		INSERT INTO batches (batch, at, action, label) VALUES (1, '2026-04-01T00:00:00Z', 'create portfolio', 'create portfolio');
		INSERT INTO audit_log (at, batch, action, entity) VALUES ('2026-04-01T00:00:00Z', 1, 'create', 'portfolio');`)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()

	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	db.w.QueryRow("PRAGMA user_version").Scan(&v)
	if v != SchemaVersion || SchemaVersion < 2 {
		t.Errorf("user_version %d after migration, want %d", v, SchemaVersion)
	}
	p := mustPortfolio(t, db)
	if p.Name != "Version one" || len(p.Teams) != 1 || p.Teams[0].CostPerFTEMonth.String() != "EUR 12,000.00" {
		t.Errorf("content after migration: %+v", p)
	}
	err = db.Update(ctx, "save mapping", func(p *plan.Portfolio) error {
		p.ImportMappings = append(p.ImportMappings, plan.ImportMapping{ID: "finance:x", Kind: "finance", Fields: map[string]string{"amount": "Amount"}})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if p := mustPortfolio(t, db); len(p.ImportMappings) != 1 || p.ImportMappings[0].Fields["amount"] != "Amount" {
		t.Errorf("mappings %+v", p.ImportMappings)
	}
}
