package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"steerco/internal/app"
	"steerco/internal/ingest"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "import",
		usage:   "import SOURCE --into FILE.steerco [--kind finance|jira|msproject|gantt|delivery] [--sheet NAME] [--mapping FILE.json] [--dry-run] [--json] [--spread LOW,HIGH]",
		summary: "Preview a finance workbook, Jira export, MS Project or GanttProject plan, or delivery data, then apply it to a portfolio in one step.",
		run:     runImport})
}

// previewLines caps the changes and skipped rows listed in the human
// preview; --json always has them all.
const previewLines = 20

func runImport(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "import")
	into := fs.String("into", "", "the portfolio `file` (.steerco) to import into")
	kindFlag := fs.String("kind", "", "the kind of source: finance, jira, msproject, gantt or delivery (default: detected from the content)")
	sheet := fs.String("sheet", "", "the workbook `sheet` to read (finance)")
	mappingFile := fs.String("mapping", "", "a saved import mapping (`FILE.json`) to use instead of the portfolio's")
	dryRun := fs.Bool("dry-run", false, "show the preview and write nothing")
	asJSON := fs.Bool("json", false, "print the preview as JSON")
	spreadFlag := fs.String("spread", "", "spread for single estimates, in percent below and above: `LOW,HIGH` (default 25,50)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	file, err := oneFile(pos, "", "Give the file to import")
	if err != nil {
		return err
	}
	if *into == "" {
		return usageError("into which portfolio? Give it with --into FILE.steerco")
	}
	var kind ingest.Kind
	if *kindFlag != "" {
		k, ok := ingest.ParseKind(*kindFlag)
		if !ok {
			return usageError("--kind %q is not one of finance, jira, msproject, gantt, delivery", *kindFlag)
		}
		kind = k
	}
	var spread *ingest.Spread
	if *spreadFlag != "" {
		s, err := parseSpread(*spreadFlag)
		if err != nil {
			return usageError("%v", err)
		}
		spread = &s
	}

	source := file
	data, err := app.ReadImportFile(source)
	if err != nil {
		return err
	}
	name := filepath.Base(source)
	if kind == "" {
		// Detect first: a mapping is read for the kind of file it maps.
		if kind, err = app.DetectKind(source, data); err != nil {
			return err
		}
	}
	if _, ok := importers.Importer(kind); !ok {
		return fmt.Errorf("importing %s files is not available in this build of Steerco; nothing was written", kind)
	}
	var mapping *plan.ImportMapping
	if *mappingFile != "" {
		if mapping, err = app.ReadMapping(*mappingFile, kind); err != nil {
			return err
		}
	}

	s, err := app.OpenFile(ctx, *into)
	if err != nil {
		return err
	}
	defer s.Close()
	req := app.ImportRequest{Source: source, Data: data, Kind: kind, Sheet: *sheet, Mapping: mapping, Spread: spread, Today: plan.DateOf(e.now())}
	pv, _, err := importers.Preview(ctx, s.Portfolio(), req)
	if err != nil {
		return err
	}

	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(pv); err != nil {
			return err
		}
	} else {
		printPreview(e.stdout, pv, *into)
	}
	if pv.HasErrors() {
		return refusal(source, pv)
	}
	say := func(format string, args ...any) {
		if *asJSON {
			fmt.Fprintf(e.stderr, format, args...) // keep stdout pure JSON
		} else {
			fmt.Fprintf(e.stdout, format, args...)
		}
	}
	switch {
	case *dryRun:
		say("Dry run: nothing was written to %s.\n", *into)
		return nil
	case len(pv.Changes) == 0:
		say("Nothing to change: %s already holds everything in %s.\n", *into, name)
		return nil
	}
	if err := app.ApplyImport(ctx, s, pv); err != nil {
		return fmt.Errorf("%s was not imported; nothing was written to %s.\n%w", source, *into, err)
	}
	say("Applied to %s: %s.\n", *into, changeCounts(pv.Changes))
	return nil
}

// parseSpread reads "25,50" (or "25%,50%"): low and high in percent.
func parseSpread(s string) (ingest.Spread, error) {
	lo, hi, ok := strings.Cut(s, ",")
	if !ok {
		return ingest.Spread{}, fmt.Errorf("--spread %q: give two percentages, below and above the estimate, e.g. --spread 25,50", s)
	}
	num := func(v string) (float64, error) {
		f, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), "%"), 64)
		if err != nil || f < 0 || f != f {
			return 0, fmt.Errorf("--spread %q: %q is not a percentage", s, v)
		}
		return f / 100, nil
	}
	l, err := num(lo)
	if err != nil {
		return ingest.Spread{}, err
	}
	h, err := num(hi)
	if err != nil {
		return ingest.Spread{}, err
	}
	if l >= 1 {
		return ingest.Spread{}, fmt.Errorf("--spread %q: the low side must be under 100%%", s)
	}
	return ingest.Spread{Low: l, High: h}, nil
}

// refusal is the error for a preview with errors: every located error, one per line.
func refusal(source string, pv *ingest.Preview) error {
	var b strings.Builder
	n := 0
	for _, p := range pv.Problems {
		if p.Severity == ingest.SevError {
			n++
		}
	}
	fmt.Fprintf(&b, "%s cannot be imported; nothing was written. Fix %s and import it again:", source, plural(n, "problem"))
	for _, p := range pv.Problems {
		if p.Severity == ingest.SevError {
			b.WriteString("\n  " + p.String())
		}
	}
	return errors.New(b.String())
}

// printPreview writes the human form of a preview: counts, totals, notes,
// changes, skipped rows and warnings.
func printPreview(w io.Writer, pv *ingest.Preview, into string) {
	fmt.Fprintf(w, "Import %s (%s) into %s\n", pv.File, pv.Kind, into)
	fmt.Fprintf(w, "Rows: %d read, %d imported, %d skipped\n", pv.RowsRead, pv.RowsImported, len(pv.Skipped))
	if len(pv.Changes) == 0 {
		fmt.Fprintln(w, "Changes: none")
	} else {
		fmt.Fprintf(w, "Changes: %s\n", changeCounts(pv.Changes))
		for i, c := range pv.Changes {
			if i == previewLines {
				fmt.Fprintf(w, "  … and %d more (--json lists them all)\n", len(pv.Changes)-previewLines)
				break
			}
			fmt.Fprintf(w, "  %s %s %s\n", c.Action, c.Entity, c.Summary)
		}
	}
	if len(pv.Totals) > 0 {
		fmt.Fprintln(w, "Totals:")
		for _, t := range pv.Totals {
			fmt.Fprintf(w, "  %s: %s\n", t.Label, t.Amount)
		}
	}
	if len(pv.Skipped) > 0 {
		fmt.Fprintf(w, "Skipped (%d):\n", len(pv.Skipped))
		for i, s := range pv.Skipped {
			if i == previewLines {
				fmt.Fprintf(w, "  … and %d more (--json lists them all)\n", len(pv.Skipped)-previewLines)
				break
			}
			fmt.Fprintf(w, "  %s: %s\n", s.Location, s.Reason)
		}
	}
	if len(pv.Notes) > 0 {
		fmt.Fprintln(w, "Notes:")
		for _, n := range pv.Notes {
			fmt.Fprintf(w, "  - %s\n", n)
		}
	}
	var warns []ingest.Problem
	errs := 0
	for _, p := range pv.Problems {
		if p.Severity == ingest.SevError {
			errs++
		} else {
			warns = append(warns, p)
		}
	}
	if len(warns) > 0 {
		fmt.Fprintf(w, "Warnings (%d):\n", len(warns))
		for _, p := range warns {
			fmt.Fprintf(w, "  %s\n", p)
		}
	}
	if errs > 0 {
		fmt.Fprintf(w, "Errors: %d (listed below); nothing will be written.\n", errs)
	}
}

// changeCounts summarises changes: "518 deployments added, 3 items changed".
func changeCounts(cs []ingest.Change) string {
	counts := map[string]int{}
	var keys []string
	for _, c := range cs {
		k := c.Entity + "\x00" + c.Action
		if counts[k] == 0 {
			keys = append(keys, k)
		}
		counts[k]++
	}
	sort.SliceStable(keys, func(i, j int) bool { return keys[i] < keys[j] })
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		entity, action, _ := strings.Cut(k, "\x00")
		verb := map[string]string{"add": "added", "change": "changed", "remove": "removed"}[action]
		if verb == "" {
			verb = action
		}
		parts = append(parts, fmt.Sprintf("%s %s", plural(counts[k], entity), verb))
	}
	return strings.Join(parts, ", ")
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	switch {
	case strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey"):
		noun = noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(noun, "s"):
		noun += "es"
	default:
		noun += "s"
	}
	return fmt.Sprintf("%d %s", n, noun)
}
