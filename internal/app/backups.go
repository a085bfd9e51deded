package app

import (
	"context"

	"steerco/internal/sqlite"
)

// Backup is one backup Steerco keeps beside a portfolio file: its path,
// when it was taken (UTC), why (Reason: "daily", "before-import", …) and
// its size in bytes.
type Backup = sqlite.BackupInfo

// backupReasons say why a backup was taken, as a person reads it.
var backupReasons = map[string]string{
	sqlite.ReasonDaily:     "first open of the day",
	sqlite.ReasonMigration: "before the file was upgraded",
	sqlite.ReasonImport:    "before an import",
	sqlite.ReasonReplace:   "before the file was replaced",
	sqlite.ReasonRestore:   "before a restore",
}

// BackupReason says why a backup was taken (Backup.Reason), as a person
// reads it: "before an import"; a reason this build does not know is
// returned as it is.
func BackupReason(reason string) string {
	if why, ok := backupReasons[reason]; ok {
		return why
	}
	return reason
}

// Backups lists the backups of the portfolio file at path, newest first
// (none is not an error).
func Backups(path string) ([]Backup, error) { return sqlite.Backups(path) }

// Restore puts backup from (one of Backups(path); "" for the newest) in the
// place of the portfolio file at path and returns the backup used. The file
// as it was is itself kept as a backup, so a restore can be undone by
// another. The file must not be open (close the session first): a file
// open elsewhere is refused (ECONFLICT).
func Restore(ctx context.Context, path, from string) (string, error) {
	return sqlite.Restore(ctx, path, from)
}
