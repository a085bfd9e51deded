package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"steerco/internal/plan"
)

func loadImportMappings(ctx context.Context, q queryer, p *plan.Portfolio) error {
	idx := map[string]int{}
	err := each(ctx, q, "SELECT id, kind FROM import_mappings ORDER BY id", func(r *sql.Rows) error {
		var m plan.ImportMapping
		if err := r.Scan(&m.ID, &m.Kind); err != nil {
			return err
		}
		idx[m.ID] = len(p.ImportMappings)
		p.ImportMappings = append(p.ImportMappings, m)
		return nil
	})
	if err != nil {
		return fmt.Errorf("import mappings: %w", err)
	}
	err = each(ctx, q, "SELECT mapping_id, section, key, value FROM import_mapping_entries", func(r *sql.Rows) error {
		var id, sec, k, v string
		if err := r.Scan(&id, &sec, &k, &v); err != nil {
			return err
		}
		i, ok := idx[id]
		if !ok {
			return orphan("import mapping", id)
		}
		m := &p.ImportMappings[i]
		var dst *map[string]string
		switch sec {
		case "fields":
			dst = &m.Fields
		case "values":
			dst = &m.Values
		default:
			dst = &m.Options
		}
		if *dst == nil {
			*dst = map[string]string{}
		}
		(*dst)[k] = v
		return nil
	})
	if err != nil {
		return fmt.Errorf("import mappings: %w", err)
	}
	return nil
}
