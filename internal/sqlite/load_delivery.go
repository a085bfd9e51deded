package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

// loadDelivery reads the deployments, changes and incidents into p.
func loadDelivery(ctx context.Context, q queryer, p *plan.Portfolio) error {
	err := each(ctx, q, "SELECT id, service, deployed_at, failed FROM deployments ORDER BY id", func(r *sql.Rows) error {
		var d plan.Deployment
		var at string
		if err := r.Scan(&d.ID, &d.Service, &at, &d.Failed); err != nil {
			return err
		}
		var err error
		d.DeployedAt, err = parseTime(at)
		p.Deployments = append(p.Deployments, d)
		return err
	})
	if err != nil {
		return fmt.Errorf("deployments: %w", err)
	}
	err = each(ctx, q, "SELECT id, service, committed_at, deployed_at, deployment_id FROM changes ORDER BY id", func(r *sql.Rows) error {
		var c plan.Change
		var committed, deployed string
		if err := r.Scan(&c.ID, &c.Service, &committed, &deployed, &c.DeploymentID); err != nil {
			return err
		}
		var err error
		if c.CommittedAt, err = parseTime(committed); err != nil {
			return err
		}
		c.DeployedAt, err = parseTime(deployed)
		p.Changes = append(p.Changes, c)
		return err
	})
	if err != nil {
		return fmt.Errorf("changes: %w", err)
	}
	err = each(ctx, q, "SELECT id, service, title, severity, started_at, coalesce(resolved_at, ''), deployment_id FROM incidents ORDER BY id", func(r *sql.Rows) error {
		var in plan.Incident
		var started, resolved string
		if err := r.Scan(&in.ID, &in.Service, &in.Title, &in.Severity, &started, &resolved, &in.DeploymentID); err != nil {
			return err
		}
		var err error
		if in.StartedAt, err = parseTime(started); err != nil {
			return err
		}
		in.ResolvedAt, err = parseTime(resolved)
		p.Incidents = append(p.Incidents, in)
		return err
	})
	if err != nil {
		return fmt.Errorf("incidents: %w", err)
	}
	return nil
}
