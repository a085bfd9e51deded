package app

import "steerco/internal/sqlite"

// BackupDir is the folder the backups of the portfolio file at path are
// kept in (see Backups).
func BackupDir(path string) string { return sqlite.BackupDir(path) }
