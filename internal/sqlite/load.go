package sqlite

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"time"

	"steerco/internal/plan"
)

// queryer is what loading needs: a *sql.Tx or *sql.DB.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Portfolio returns the whole portfolio, normalised (lists sorted by id), as
// of the last committed change. It reads in one transaction, so it never sees
// half of an Update.
func (db *DB) Portfolio(ctx context.Context) (*plan.Portfolio, error) {
	tx, err := db.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db.path, err)
	}
	defer tx.Rollback()
	p, err := load(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", db.path, err)
	}
	return p, nil
}

// each runs query and calls scan for every row.
func each(ctx context.Context, q queryer, query string, scan func(rows *sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// load reads the portfolio from q. Every list comes out sorted by id, as
// Normalize would leave it.
func load(ctx context.Context, q queryer) (*plan.Portfolio, error) {
	p := &plan.Portfolio{}
	for _, step := range []func(context.Context, queryer, *plan.Portfolio) error{
		loadSettings, loadTeams, loadProducts, loadItems, loadMilestones, loadRisks, loadBudget, loadDelivery, loadSnapshots,
		loadImportMappings, loadScenarios,
	} {
		if err := step(ctx, q, p); err != nil {
			return nil, err
		}
	}
	p.Normalize()
	validText(p)
	return p, nil
}

const (
	scenarioPlan   = "plan"
	scenarioActual = "actual"
)

// orphan reports rows that belong to an entity the file does not have: the
// file was changed by something other than Steerco.
func orphan(entity, id string) error {
	return plan.Errorf(plan.EINVALID, "The file is damaged: it has rows for %s %q, which it does not contain.", entity, id)
}

// parseDate reads a stored date; ” is the zero Date.
// moneyIn returns a maker of amounts in currency cur from minor units.
func moneyIn(cur string) func(int64) plan.Money {
	return func(minor int64) plan.Money { return plan.Money{Minor: minor, Currency: cur} }
}

func parseDate(s string) (plan.Date, error) {
	d, err := plan.ParseDate(s)
	if err != nil {
		return 0, fmt.Errorf("stored date %q: %w", s, err)
	}
	return d, nil
}

// parseMonth reads a stored 'YYYY-MM' without going through time.Parse
// (budgets hold many thousands of them).
func parseMonth(b []byte) (plan.Month, error) {
	if len(b) != 7 || b[4] != '-' {
		return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
	}
	y, m := 0, 0
	for _, c := range b[:4] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
		}
		y = y*10 + int(c-'0')
	}
	for _, c := range b[5:] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
		}
		m = m*10 + int(c-'0')
	}
	if m < 1 || m > 12 {
		return 0, fmt.Errorf("stored month %q is not YYYY-MM", b)
	}
	return plan.MonthOf(y, time.Month(m)), nil
}

// unpackAmounts reads n "YYYY-MM=minor" pairs separated by commas.
func unpackAmounts(b []byte, n int, cur string) ([]plan.MonthAmount, error) {
	out := make([]plan.MonthAmount, 0, n)
	for len(b) > 0 {
		if len(b) < 9 || b[7] != '=' {
			return nil, fmt.Errorf("stored amounts %q are malformed", b)
		}
		m, err := parseMonth(b[:7])
		if err != nil {
			return nil, err
		}
		b = b[8:]
		end := bytes.IndexByte(b, ',')
		if end < 0 {
			end = len(b)
		}
		v, err := strconv.ParseInt(string(b[:end]), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("stored amount %q: %w", b[:end], err)
		}
		out = append(out, plan.MonthAmount{Month: m, Amount: plan.Money{Minor: v, Currency: cur}})
		if end < len(b) {
			end++
		}
		b = b[end:]
	}
	if len(out) != n {
		return nil, fmt.Errorf("stored amounts: read %d of %d", len(out), n)
	}
	return out, nil
}

// parseTime reads a stored RFC 3339 timestamp; ” is the zero time.
func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// Stored forms.

func dateValue(d plan.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func timeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}
