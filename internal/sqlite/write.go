package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"time"

	"steerco/internal/plan"
)

// Update is the one write path. In a single BEGIN IMMEDIATE transaction it
// loads the portfolio, lets fn edit a private copy, normalises and validates
// the result, and writes only the differences, entity by entity, together
// with their audit entries, which share one new batch number (the unit of
// undo). A new change empties the redo stack.
//
// If fn returns an error, or the result is invalid (a *plan.Error with code
// EINVALID listing every problem), nothing is written and that error is
// returned unchanged. An fn that changes nothing writes nothing, not even a
// batch. action names what the person did ("edit item FHIR-12", "import
// finance actuals.xlsx"); Undo and the audit history show it.
//
// fn runs while the file's write lock is held: it must be quick and must not
// call db's write methods (Update, Undo, Redo, SaveAs), which would wait for
// that lock forever. Reading with db.Portfolio inside fn is allowed and sees
// the state before this Update.
func (db *DB) Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error {
	if strings.TrimSpace(action) == "" {
		return plan.Errorf(plan.EINTERNAL, "sqlite: Update needs an action name")
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		old, err := load(ctx, tx)
		if err != nil {
			return err
		}
		p := old.Clone()
		if err := fn(p); err != nil {
			return err
		}
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		batch, err := writeChanges(ctx, tx, old, p, action, action, db.now(), false)
		if err != nil || batch == 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM history WHERE stack = 'redo'"); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "INSERT INTO history (batch, stack) VALUES (?, 'undo')", batch)
		return err
	})
}

// inTx runs f in a write transaction on the single writer connection and
// commits when f returns nil.
func (db *DB) inTx(ctx context.Context, f func(tx *sql.Tx) error) error {
	if db.readOnly {
		return db.errReadOnly()
	}
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("write %s: %w", db.path, err)
	}
	// Roll back on every way out but a commit, a panic in fn included, so
	// the single writer connection is never left inside a transaction.
	defer tx.Rollback()
	if err := f(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("write %s: %w", db.path, err)
	}
	return nil
}

// create writes the whole of p into a freshly migrated file as batch 1 with
// a single audit entry: action "create", entity "portfolio", and in new the
// whole portfolio as compact JSON (the interchange form without envelope).
// With it and the field-by-field entries that follow, any past state can be
// reconstructed from the audit log alone. The creation is not on the undo
// stack (undoing it would leave no valid portfolio).
func (db *DB) create(ctx context.Context, p *plan.Portfolio) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		_, err := writeChanges(ctx, tx, &plan.Portfolio{}, p, "create portfolio", "create portfolio", db.now(), true)
		return err
	})
}

// writeChanges writes the differences between old (what is stored) and p
// (normalised and valid) and returns the new batch number, or 0 when nothing
// differed. With initial set it writes everything as a file's first content,
// audited by one summary entry.
func writeChanges(ctx context.Context, tx *sql.Tx, old, p *plan.Portfolio, action, label string, now time.Time, initial bool) (int64, error) {
	w := &writer{ctx: ctx, tx: tx, at: now.UTC().Format(time.RFC3339Nano), quiet: initial}
	defer w.close()
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(batch), 0) + 1 FROM batches").Scan(&w.batch); err != nil {
		return 0, err
	}
	for _, k := range kinds {
		if err := k.diff(w, old, p); err != nil {
			return 0, fmt.Errorf("write %s: %w", k.name(), err)
		}
	}
	if initial {
		w.quiet = false
		s, err := json.Marshal(p)
		if err != nil {
			return 0, err
		}
		if err := w.audit("create", entityPortfolio, "", "", "", string(s)); err != nil {
			return 0, err
		}
	}
	if w.entries == 0 {
		return 0, nil
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO batches (batch, at, action, label) VALUES (?, ?, ?, ?)", w.batch, w.at, action, label); err != nil {
		return 0, err
	}
	return w.batch, nil
}

// writer carries one batch's transaction, its prepared statements and its
// audit bookkeeping.
type writer struct {
	ctx     context.Context
	tx      *sql.Tx
	batch   int64
	at      string
	quiet   bool // initial content: no per-entity audit entries
	entries int
	stmts   map[string]*sql.Stmt
}

// exec runs a statement, preparing it once per batch.
func (w *writer) exec(query string, args ...any) error {
	st, ok := w.stmts[query]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, query); err != nil {
			return fmt.Errorf("prepare %q: %w", query, err)
		}
		if w.stmts == nil {
			w.stmts = map[string]*sql.Stmt{}
		}
		w.stmts[query] = st
	}
	_, err := st.ExecContext(w.ctx, args...)
	return err
}

func (w *writer) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// audit appends one entry to the audit log.
func (w *writer) audit(action, entity, id, field, old, new string) error {
	if w.quiet {
		return nil
	}
	w.entries++
	return w.exec("INSERT INTO audit_log (at, batch, action, entity, entity_id, field, old, new) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		w.at, w.batch, action, entity, id, field, old, new)
}

// Entity names in the audit log.
const (
	entityPortfolio  = "portfolio"
	entityTeam       = "team"
	entityProduct    = "product"
	entityItem       = "item"
	entityMilestone  = "milestone"
	entityRisk       = "risk"
	entityBudgetLine = "budget_line"
	entityDeployment = "deployment"
	entityChange     = "change"
	entityIncident   = "incident"
	entitySnapshot   = "snapshot"

	entityImportMapping = "import_mapping"
	entityScenario      = "scenario"
)

// entityKind is one kind of entity: how to diff and write it, and how to
// apply an audit entry's old values to a portfolio in memory (for undo).
type entityKind interface {
	name() string
	diff(w *writer, old, p *plan.Portfolio) error
	revert(p *plan.Portfolio, e plan.AuditEntry) error
}

// kind describes one list of entities of the portfolio.
type kind[T any] struct {
	entity string
	list   func(p *plan.Portfolio) *[]T
	id     func(x *T) string
	// save inserts (changed == nil) or updates x's row and rewrites the
	// child rows whose fields are in changed.
	save func(w *writer, x *T, changed map[string]bool) error
	// del deletes the row; child rows go with it (ON DELETE CASCADE).
	del func(w *writer, id string) error
	// fields, when set, gives the value whose JSON fields are compared and
	// audited one by one (budget lines leave out their monthly amounts).
	fields func(x *T) any
	// extra, when set, diffs and writes what fields leaves out; old is nil
	// for a new entity.
	extra func(w *writer, old, x *T) error
	// revertField, when set, applies an audited old value of a field that
	// fields leaves out; it reports whether it handled the field.
	revertField func(x *T, field, old string, cur string) (bool, error)
}

func (k *kind[T]) name() string { return k.entity }

func (k *kind[T]) fieldValue(x *T) any {
	if k.fields != nil {
		return k.fields(x)
	}
	return x
}

// diff walks old and new lists, both sorted by unique id, and writes creates,
// updates and deletes with their audit entries.
func (k *kind[T]) diff(w *writer, old, p *plan.Portfolio) error {
	os, ns := *k.list(old), *k.list(p)
	i, j := 0, 0
	for i < len(os) || j < len(ns) {
		switch {
		case j == len(ns) || i < len(os) && k.id(&os[i]) < k.id(&ns[j]):
			x := &os[i]
			i++
			full, err := json.Marshal(x)
			if err != nil {
				return err
			}
			if err := k.del(w, k.id(x)); err != nil {
				return err
			}
			if err := w.audit("delete", k.entity, k.id(x), "", string(full), ""); err != nil {
				return err
			}
		case i == len(os) || k.id(&ns[j]) < k.id(&os[i]):
			x := &ns[j]
			j++
			if err := k.save(w, x, nil); err != nil {
				return err
			}
			if k.extra != nil {
				if err := k.extra(w, nil, x); err != nil {
					return err
				}
			}
			if !w.quiet {
				full, err := json.Marshal(x)
				if err != nil {
					return err
				}
				if err := w.audit("create", k.entity, k.id(x), "", "", string(full)); err != nil {
					return err
				}
			}
		default:
			a, b := &os[i], &ns[j]
			i++
			j++
			if reflect.DeepEqual(a, b) {
				continue
			}
			changes, err := fieldDiff(k.fieldValue(a), k.fieldValue(b))
			if err != nil {
				return err
			}
			if len(changes) > 0 {
				changed := make(map[string]bool, len(changes))
				for _, c := range changes {
					changed[c.field] = true
				}
				if err := k.save(w, b, changed); err != nil {
					return err
				}
				for _, c := range changes {
					if err := w.audit("update", k.entity, k.id(b), c.field, c.old, c.new); err != nil {
						return err
					}
				}
			}
			if k.extra != nil {
				if err := k.extra(w, a, b); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// fieldChange is one top-level JSON field that differs; old and new are
// compact JSON, "" when the field is absent (omitted because empty).
type fieldChange struct {
	field, old, new string
}

// fieldDiff compares the top-level JSON fields of a and b, in field name order.
func fieldDiff(a, b any) ([]fieldChange, error) {
	fa, err := jsonFields(a)
	if err != nil {
		return nil, err
	}
	fb, err := jsonFields(b)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(fa)+len(fb))
	for k := range fa {
		keys = append(keys, k)
	}
	for k := range fb {
		if _, ok := fa[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []fieldChange
	for _, k := range keys {
		if string(fa[k]) != string(fb[k]) {
			out = append(out, fieldChange{field: k, old: string(fa[k]), new: string(fb[k])})
		}
	}
	return out, nil
}

func jsonFields(v any) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m, nil
}

// revert applies the old side of one audit entry to p: a created entity is
// removed, a deleted one comes back, an updated field gets its old value.
func (k *kind[T]) revert(p *plan.Portfolio, e plan.AuditEntry) error {
	list := k.list(p)
	idx := -1
	for i := range *list {
		if k.id(&(*list)[i]) == e.EntityID {
			idx = i
			break
		}
	}
	switch e.Action {
	case "create":
		if idx < 0 {
			return fmt.Errorf("%s %q is no longer there", k.entity, e.EntityID)
		}
		*list = append((*list)[:idx], (*list)[idx+1:]...)
	case "delete":
		if idx >= 0 {
			return fmt.Errorf("%s %q exists again", k.entity, e.EntityID)
		}
		var x T
		if err := json.Unmarshal([]byte(e.Old), &x); err != nil {
			return fmt.Errorf("%s %q: %w", k.entity, e.EntityID, err)
		}
		*list = append(*list, x)
	case "update":
		if idx < 0 {
			return fmt.Errorf("%s %q is no longer there", k.entity, e.EntityID)
		}
		x := &(*list)[idx]
		if k.revertField != nil {
			done, err := k.revertField(x, e.Field, e.Old, p.Currency)
			if err != nil || done {
				return err
			}
		}
		v, err := setField(x, e.Field, e.Old)
		if err != nil {
			return fmt.Errorf("%s %q field %s: %w", k.entity, e.EntityID, e.Field, err)
		}
		*x = v
	default:
		return fmt.Errorf("unknown audit action %q", e.Action)
	}
	return nil
}

// setField returns a copy of *x with one top-level JSON field set to raw
// (removed when raw is ""), round-tripping through JSON.
func setField[T any](x *T, field, raw string) (T, error) {
	var zero T
	m, err := jsonFields(x)
	if err != nil {
		return zero, err
	}
	if raw == "" {
		delete(m, field)
	} else {
		m[field] = json.RawMessage(raw)
	}
	b, err := json.Marshal(m)
	if err != nil {
		return zero, err
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return zero, err
	}
	return v, nil
}
