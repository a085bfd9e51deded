package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"steerco/internal/plan"
)

// Undo reverts the most recent change that has not been undone and returns
// its action ("" when there is nothing to undo). The revert is itself a
// change: it goes through the same validation and diff as Update, is
// recorded in the audit log as "undo: <action>" and can be redone with Redo.
// The undo and redo stacks live in the file, so they survive closing it.
func (db *DB) Undo(ctx context.Context) (string, error) {
	return db.revertTop(ctx, "undo", "redo", "undo: ")
}

// Redo re-applies the most recently undone change and returns its action
// ("" when there is nothing to redo). It is recorded as "redo: <action>" and
// can be undone again. Any ordinary Update empties the redo stack.
func (db *DB) Redo(ctx context.Context) (string, error) {
	return db.revertTop(ctx, "redo", "undo", "redo: ")
}

// revertTop pops the top batch of stack from, applies the old values of its
// audit entries (the inverse of what it did) as a new batch, and pushes that
// batch on stack to: undoing the revert is again applying its old values.
func (db *DB) revertTop(ctx context.Context, from, to, prefix string) (string, error) {
	var label string
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var batch int64
		err := tx.QueryRowContext(ctx, `SELECT h.batch, b.label FROM history h JOIN batches b ON b.batch = h.batch
			WHERE h.stack = ? ORDER BY h.batch DESC LIMIT 1`, from).Scan(&batch, &label)
		if errors.Is(err, sql.ErrNoRows) {
			label = ""
			return nil
		}
		if err != nil {
			return err
		}
		entries, err := audit(ctx, tx, "WHERE batch = ? ORDER BY seq DESC", batch)
		if err != nil {
			return err
		}
		old, err := load(ctx, tx)
		if err != nil {
			return err
		}
		p := old.Clone()
		for _, e := range entries {
			if err := revertEntry(p, e); err != nil {
				return &plan.Error{Code: plan.ECONFLICT, Message: fmt.Sprintf("Cannot %s %q: %v.", from, label, err), Err: err}
			}
		}
		p.Normalize()
		if err := p.Validate(); err != nil {
			var pe *plan.Error
			if errors.As(err, &pe) {
				return &plan.Error{Code: plan.ECONFLICT, Message: fmt.Sprintf("Cannot %s %q: the result would not be valid. %s", from, label, pe.Message), Problems: pe.Problems, Err: err}
			}
			return err
		}
		nb, err := writeChanges(ctx, tx, old, p, prefix+label, label, db.now(), false)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM history WHERE batch = ?", batch); err != nil {
			return err
		}
		if nb != 0 {
			_, err = tx.ExecContext(ctx, "INSERT INTO history (batch, stack) VALUES (?, ?)", nb, to)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	return label, nil
}

func revertEntry(p *plan.Portfolio, e plan.AuditEntry) error {
	for _, k := range kinds {
		if k.name() == e.Entity {
			return k.revert(p, e)
		}
	}
	return fmt.Errorf("unknown entity %q in the audit log", e.Entity)
}

// UndoRedo returns the actions Undo and Redo would revert next ("" for
// none), for menu items such as "Undo edit item".
func (db *DB) UndoRedo(ctx context.Context) (undo, redo string, err error) {
	q := `SELECT coalesce((SELECT b.label FROM history h JOIN batches b ON b.batch = h.batch WHERE h.stack = 'undo' ORDER BY h.batch DESC LIMIT 1), ''),
	             coalesce((SELECT b.label FROM history h JOIN batches b ON b.batch = h.batch WHERE h.stack = 'redo' ORDER BY h.batch DESC LIMIT 1), '')`
	if err := db.r.QueryRowContext(ctx, q).Scan(&undo, &redo); err != nil {
		return "", "", fmt.Errorf("read %s: %w", db.path, err)
	}
	return undo, redo, nil
}

// Audit returns the latest limit entries of the audit log, newest first
// (limit <= 0: all of them). Action is create, update or delete; Old and New
// are JSON values ("" when absent); see Batches for what the person did.
func (db *DB) Audit(ctx context.Context, limit int) ([]plan.AuditEntry, error) {
	if limit <= 0 {
		limit = -1
	}
	es, err := audit(ctx, db.r, "ORDER BY seq DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log of %s: %w", db.path, err)
	}
	return es, nil
}

func audit(ctx context.Context, q queryer, where string, args ...any) ([]plan.AuditEntry, error) {
	rows, err := q.QueryContext(ctx, "SELECT seq, at, batch, action, entity, entity_id, field, old, new FROM audit_log "+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []plan.AuditEntry
	for rows.Next() {
		var e plan.AuditEntry
		var at string
		if err := rows.Scan(&e.Seq, &at, &e.Batch, &e.Action, &e.Entity, &e.EntityID, &e.Field, &e.Old, &e.New); err != nil {
			return nil, err
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Batch is one recorded change as the person made it: every audit entry
// with this Batch number was written by one Update, Undo or Redo.
type Batch struct {
	Batch   int64
	At      time.Time
	Action  string // "edit item FHIR-12", "undo: edit item FHIR-12", "create portfolio"
	Entries int    // how many audit entries it wrote
}

// Batches returns the latest limit batches, newest first (limit <= 0: all).
func (db *DB) Batches(ctx context.Context, limit int) ([]Batch, error) {
	if limit <= 0 {
		limit = -1
	}
	rows, err := db.r.QueryContext(ctx, `SELECT b.batch, b.at, b.action, (SELECT count(*) FROM audit_log a WHERE a.batch = b.batch)
		FROM batches b ORDER BY b.batch DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("read audit log of %s: %w", db.path, err)
	}
	defer rows.Close()
	var out []Batch
	for rows.Next() {
		var b Batch
		var at string
		if err := rows.Scan(&b.Batch, &at, &b.Action, &b.Entries); err != nil {
			return nil, err
		}
		if b.At, err = parseTime(at); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}
