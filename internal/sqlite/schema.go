package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"

	"steerco/internal/plan"
)

// schemaObject is one row of sqlite_schema: a table, index, trigger or view.
type schemaObject struct {
	typ, name, table string
	sql              string // normalised (normalizeSQL); "" for automatic indexes
}

// optionalObjects may appear in any portfolio file without being part of
// Steerco's schema: the statistics table a person's "ANALYZE" in the sqlite3
// shell adds. It only guides the query planner. Its definition must be
// exactly SQLite's own.
var optionalObjects = map[string]schemaObject{
	"sqlite_stat1": {typ: "table", name: "sqlite_stat1", table: "sqlite_stat1", sql: normalizeSQL("CREATE TABLE sqlite_stat1(tbl,idx,stat)")},
}

var (
	refMu      sync.Mutex
	refSchemas = map[int]map[string]schemaObject{}
)

// referenceSchema is the exact schema of version v: the embedded migrations
// up to v applied to an empty in-memory database. Every future migration is
// therefore covered with no list to keep up to date.
func referenceSchema(ctx context.Context, v int) (map[string]schemaObject, error) {
	refMu.Lock()
	defer refMu.Unlock()
	if s, ok := refSchemas[v]; ok {
		return s, nil
	}
	register()
	db, err := sql.Open(driverName, "file:steerco-reference?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // one connection: one in-memory database
	if err := migrateTo(ctx, db, v); err != nil {
		return nil, fmt.Errorf("build the reference schema of version %d: %w", v, err)
	}
	s, err := readSchema(ctx, db)
	if err != nil {
		return nil, fmt.Errorf("read the reference schema of version %d: %w", v, err)
	}
	refSchemas[v] = s
	return s, nil
}

// readSchema reads every object of sqlite_schema, keyed by name.
func readSchema(ctx context.Context, q queryer) (map[string]schemaObject, error) {
	rows, err := q.QueryContext(ctx, "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := map[string]schemaObject{}
	for rows.Next() {
		var o schemaObject
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			return nil, err
		}
		o.sql = normalizeSQL(o.sql)
		key := strings.ToLower(o.name)
		if _, dup := s[key]; dup {
			return nil, fmt.Errorf("two schema objects are named %q", o.name)
		}
		s[key] = o
	}
	return s, rows.Err()
}

// verifySchema compares the file's whole schema with the exact schema of
// version v and refuses anything extra, missing or different: a trigger
// that writes, a view standing in for a table, a CHECK or DEFAULT calling a
// function, an index that changes what is unique. Reading sqlite_schema
// parses the schema but evaluates none of it.
func verifySchema(ctx context.Context, db *sql.DB, shown string, v int) error {
	want, err := referenceSchema(ctx, v)
	if err != nil {
		return &plan.Error{Code: plan.EINTERNAL, Message: fmt.Sprintf("Cannot check %s: %v.", shown, err), Err: err}
	}
	got, err := readSchema(ctx, db)
	if err != nil {
		return sqlFailure(ctx, shown, err)
	}
	diffs := schemaDiff(want, got)
	if len(diffs) == 0 {
		return nil
	}
	const show = 4
	more := ""
	if len(diffs) > show {
		more = fmt.Sprintf("; and %d more", len(diffs)-show)
		diffs = diffs[:show]
	}
	return plan.Errorf(plan.EINVALID, "%s is not a Steerco portfolio Steerco can trust: its structure is not that of a Steerco file of schema version %d (%s%s). It may have been altered by another program or by someone who sent it to you. Steerco did not open or change it. Ask for the portfolio as a JSON export (\"steerco export\") and import that with \"steerco import-json\", or open a backup copy.", shown, v, strings.Join(diffs, "; "), more)
}

// schemaDiff lists, for a person, how got differs from want.
func schemaDiff(want, got map[string]schemaObject) []string {
	var missing, extra, changed []string
	names := func(m map[string]schemaObject) []string {
		ks := make([]string, 0, len(m))
		for k := range m {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return ks
	}
	for _, k := range names(want) {
		w := want[k]
		g, ok := got[k]
		switch {
		case !ok:
			missing = append(missing, fmt.Sprintf("no %q %s", w.name, w.typ))
		case g.typ != w.typ:
			changed = append(changed, fmt.Sprintf("%q is a %s, not a %s", w.name, g.typ, w.typ))
		case g.table != w.table || g.sql != w.sql:
			changed = append(changed, fmt.Sprintf("%s %q is defined differently", w.typ, w.name))
		}
	}
	for _, k := range names(got) {
		if _, ok := want[k]; ok {
			continue
		}
		g := got[k]
		if o, ok := optionalObjects[k]; ok && o == g {
			continue
		}
		what := fmt.Sprintf("an extra %s %q", g.typ, g.name)
		if g.typ == "index" || g.typ == "trigger" {
			what += fmt.Sprintf(" on %q", g.table)
		}
		extra = append(extra, what)
	}
	tables, missingTables := 0, 0
	for _, w := range want {
		if w.typ == "table" {
			tables++
			if _, ok := got[strings.ToLower(w.name)]; !ok {
				missingTables++
			}
		}
	}
	if missingTables == tables {
		// Another program's database carrying Steerco's mark.
		missing = []string{"it has none of Steerco's tables"}
	}
	// Extra objects first: a trigger or a view is what a crafted file adds.
	return append(append(extra, changed...), missing...)
}

// normalizeSQL reduces a CREATE statement to its tokens: comments removed,
// runs of white space made one space (none next to brackets and commas), and
// everything outside quotes lower-cased. Two statements that SQLite reads
// the same way up to formatting compare equal; a different literal, name or
// clause does not.
func normalizeSQL(s string) string {
	var b strings.Builder
	space := false
	emit := func(r string) {
		if space && b.Len() > 0 {
			last := b.String()[b.Len()-1]
			if last != '(' && last != ',' && r != "(" && r != ")" && r != "," {
				b.WriteByte(' ')
			}
		}
		space = false
		b.WriteString(r)
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '-' && i+1 < len(s) && s[i+1] == '-':
			for i < len(s) && s[i] != '\n' {
				i++
			}
			space = true
		case c == '/' && i+1 < len(s) && s[i+1] == '*':
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				i = len(s)
			} else {
				i += 2 + end + 2
			}
			space = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			space = true
		case c == '\'' || c == '"' || c == '`' || c == '[':
			closer := c
			if c == '[' {
				closer = ']'
			}
			j := i + 1
			for j < len(s) {
				if s[j] == closer {
					if closer != ']' && j+1 < len(s) && s[j+1] == closer {
						j += 2 // doubled quote inside the literal
						continue
					}
					break
				}
				j++
			}
			if j < len(s) {
				j++
			}
			emit(s[i:j])
			i = j
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\n\r\f\v'\"`[", rune(s[j])) &&
				!(s[j] == '-' && j+1 < len(s) && s[j+1] == '-') && !(s[j] == '/' && j+1 < len(s) && s[j+1] == '*') {
				if s[j] == '(' || s[j] == ')' || s[j] == ',' || s[j] == ';' {
					if j == i {
						j++
					}
					break
				}
				j++
			}
			emit(strings.ToLower(s[i:j]))
			i = j
		}
	}
	return b.String()
}
