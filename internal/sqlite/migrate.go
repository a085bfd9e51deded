package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"steerco/internal/plan"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one embedded schema step, migrations/NNNN_name.sql.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations lists the embedded migrations in order; their numbers run 1, 2, 3…
var migrations = loadMigrations()

// SchemaVersion is the schema version this Steerco writes (PRAGMA
// user_version): the number of the last migration.
var SchemaVersion = migrations[len(migrations)-1].version

func loadMigrations() []migration {
	names, err := fs.Glob(migrationFS, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var ms []migration
	for i, n := range names {
		base := strings.TrimPrefix(n, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || v != i+1 {
			panic(fmt.Sprintf("sqlite: migration %s must be numbered %04d_name.sql", base, i+1))
		}
		b, err := migrationFS.ReadFile(n)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	if len(ms) == 0 {
		panic("sqlite: no migrations embedded")
	}
	return ms
}

// migrate brings the file's schema up to SchemaVersion. Each migration runs
// in its own transaction together with the user_version (and, for the first,
// application_id) it sets, so a failure leaves the file at the previous
// version.
func migrate(ctx context.Context, w *sql.DB) error { return migrateTo(ctx, w, SchemaVersion) }

// migrateTo applies the migrations up to version target (tests build files
// of older versions with it).
func migrateTo(ctx context.Context, w *sql.DB, target int) error {
	var v int
	if err := w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > SchemaVersion {
		return plan.Errorf(plan.ECONFLICT, "This portfolio was written by a newer Steerco (schema version %d; this Steerco reads up to %d). Update Steerco to open it.", v, SchemaVersion)
	}
	for _, m := range migrations {
		if m.version <= v || m.version > target {
			continue
		}
		tx, err := w.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate to version %d: %w", m.version, err)
		}
		stmts := m.sql
		if m.version == 1 {
			stmts = fmt.Sprintf("PRAGMA application_id = %d;\n", ApplicationID) + stmts
		}
		stmts += fmt.Sprintf("\nPRAGMA user_version = %d;", m.version)
		if _, err := tx.ExecContext(ctx, stmts); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate to version %d (%s): %w", m.version, m.name, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate to version %d: %w", m.version, err)
		}
	}
	return nil
}
