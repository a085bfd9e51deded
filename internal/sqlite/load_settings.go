package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"steerco/internal/plan"
)

// loadSettings reads the portfolio's own row and its holidays into p.
func loadSettings(ctx context.Context, q queryer, p *plan.Portfolio) error {
	var fy int
	var start, workdays string
	err := q.QueryRowContext(ctx, "SELECT name, currency, fiscal_year_start_month, planning_start, workdays, confidentiality, hiring_lead_weeks, ramp_up_weeks, decision_note FROM portfolio WHERE id = 1").
		Scan(&p.Name, &p.Currency, &fy, &start, &workdays, &p.Confidentiality, &p.HiringLeadWeeks, &p.RampUpWeeks, &p.DecisionNote)
	if err == sql.ErrNoRows {
		return plan.Errorf(plan.EINVALID, "The file has no portfolio settings; it may be damaged.")
	}
	if err != nil {
		return fmt.Errorf("portfolio: %w", err)
	}
	p.FiscalYearStart = time.Month(fy)
	if p.PlanningStart, err = parseDate(start); err != nil {
		return err
	}
	if workdays != "" {
		for _, s := range strings.Split(workdays, ",") {
			d, err := strconv.Atoi(s)
			if err != nil {
				return fmt.Errorf("portfolio workdays %q: %w", workdays, err)
			}
			p.Calendar.Workdays = append(p.Calendar.Workdays, time.Weekday(d))
		}
	}

	err = each(ctx, q, "SELECT date, name FROM holidays ORDER BY date", func(r *sql.Rows) error {
		var h plan.Holiday
		var d string
		if err := r.Scan(&d, &h.Name); err != nil {
			return err
		}
		var err error
		h.Date, err = parseDate(d)
		p.Calendar.Holidays = append(p.Calendar.Holidays, h)
		return err
	})
	if err != nil {
		return fmt.Errorf("holidays: %w", err)
	}
	return nil
}
