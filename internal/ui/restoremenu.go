package ui

import (
	"context"
	"fmt"

	"steerco/internal/app"
	"steerco/internal/ui/restore"
)

// showRestoreDialog is File › Restore from Backup…: the backups Steerco keeps
// beside the open file, newest first; the chosen one is put in the file's
// place (RestoreFrom).
func (s *Shell) showRestoreDialog() {
	if !s.open() {
		return
	}
	path := s.sess.Path()
	bs, err := app.Backups(path)
	if err != nil {
		s.showError(err)
		return
	}
	restore.New(s.win, path, bs, func(from string) {
		if err := s.RestoreFrom(from); err != nil {
			s.showError(err)
		}
	}).Show()
}

// RestoreFrom puts the backup at from in the place of the open portfolio
// file and shows it: the file is closed (a file open in this Steerco cannot
// be replaced), restored through app.Restore — which keeps the file as it
// was as another backup — and opened again. On an error the file as it was
// is opened again and the error says what happened.
func (s *Shell) RestoreFrom(from string) error {
	path := s.sess.Path()
	if path == "" {
		return nil
	}
	if err := s.sess.Close(); err != nil {
		return fmt.Errorf("close %s before restoring: %w", path, err)
	}
	_, rerr := app.Restore(context.Background(), path, from)
	if err := s.Open(path); err != nil {
		return fmt.Errorf("reopen %s after the restore: %w", path, err)
	}
	if rerr != nil {
		return fmt.Errorf("restore %s: %w", path, rerr)
	}
	s.setStatus("Restored " + from + ".")
	return nil
}
