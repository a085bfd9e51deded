package main

import (
	"context"
	"fmt"
	"path/filepath"
	"text/tabwriter"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "restore", usage: "restore FILE.steerco [--list] [--from BACKUP]",
		summary: "Put a backup in the place of a portfolio file (the newest, or --from BACKUP); --list shows the backups Steerco keeps beside the file.", run: runRestore})
}

func runRestore(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "restore")
	list := fs.Bool("list", false, "list the backups of FILE, newest first, and change nothing")
	from := fs.String("from", "", "restore this backup `file` (one of --list, or any portfolio file) instead of the newest")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	path, err := oneFile(pos, "portfolio", "Give the .steerco file to restore")
	if err != nil {
		return err
	}
	if *list && *from != "" {
		return usageError("give --list or --from, not both")
	}
	if *list {
		bs, err := app.Backups(path)
		if err != nil {
			return err
		}
		if len(bs) == 0 {
			fmt.Fprintf(e.stdout, "%s has no backups yet (Steerco keeps them in %s: before an upgrade, an import or a replace, and once a day).\n", path, app.BackupDir(path))
			return nil
		}
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "Taken (UTC)\tWhy\tSize\tBackup")
		for _, b := range bs {
			fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\n", figure.Date(plan.DateOf(b.Taken)), b.Taken.Format("15:04:05"), app.BackupReason(b.Reason), figure.Bytes(b.Size), b.Path)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Restore one with: steerco restore %s --from BACKUP\n", path)
		return nil
	}
	used, err := app.Restore(ctx, path, *from)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Restored %s from %s.\nThe file as it was before is kept among its backups (steerco restore %s --list).\n", path, filepath.Base(used), path)
	return nil
}
