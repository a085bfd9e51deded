// Package restore is the File › Restore… dialog: the backups Steerco keeps
// beside the open portfolio file, newest first, and a Restore button that
// asks before putting the chosen one in the file's place. The dialog does no
// file work itself: the shell, which owns the open file, is handed the
// chosen backup (it closes the file, calls app.Restore and opens it again).
package restore

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
)

// Label describes backup b in one line: "7 Dec 2026 09:14 UTC · before an
// import · 412 KB".
func Label(b app.Backup) string {
	t := b.Taken.UTC()
	return fmt.Sprintf("%s %s UTC · %s · %s", figure.Date(plan.DateOf(t)), t.Format("15:04"), app.BackupReason(b.Reason), figure.Bytes(b.Size))
}

// Dialog is the restore dialog over parent for the portfolio file at path
// with its backups (newest first). onRestore is called with the chosen
// backup's path after the person confirms; nothing happens otherwise.
type Dialog struct {
	d       dialog.Dialog
	list    *widget.List
	chosen  int
	restore *widget.Button
	confirm func(title, message string, fn func(bool))
}

// New builds the dialog; call Show.
func New(parent fyne.Window, path string, backups []app.Backup, onRestore func(from string)) *Dialog {
	r := &Dialog{chosen: -1}
	r.confirm = func(title, message string, fn func(bool)) { dialog.ShowConfirm(title, message, fn, parent) }
	intro := widget.NewLabel(fmt.Sprintf("Backups of %s, newest first. Restoring puts the chosen one in the file's place; the file as it is now is kept as a backup, so a restore can be undone by another.", filepath.Base(path)))
	intro.Wrapping = fyne.TextWrapWord
	r.list = widget.NewList(func() int { return len(backups) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(Label(backups[i])) })
	r.restore = widget.NewButton("Restore…", func() {
		if r.chosen < 0 || r.chosen >= len(backups) {
			return
		}
		b := backups[r.chosen]
		r.confirm("Restore a backup", fmt.Sprintf("Put the backup of %s in the place of %s? The file as it is now is kept as a backup.", Label(b), filepath.Base(path)), func(ok bool) {
			if ok {
				r.d.Hide()
				onRestore(b.Path)
			}
		})
	})
	r.restore.Importance = widget.HighImportance
	r.restore.Disable()
	r.list.OnSelected = func(i widget.ListItemID) { r.chosen = i; r.restore.Enable() }
	var body fyne.CanvasObject = r.list
	if len(backups) == 0 {
		body = field.Caption("There are no backups of this file yet: Steerco takes one on the first open of each day and before imports and restores.")
	}
	cancel := widget.NewButton("Close", func() { r.d.Hide() })
	content := container.NewBorder(intro, container.NewHBox(cancel, r.restore), nil, nil, body)
	r.d = dialog.NewCustomWithoutButtons("Restore a backup", content, parent)
	r.d.Resize(fyne.NewSize(620, 420))
	return r
}

// Show shows the dialog.
func (r *Dialog) Show() { r.d.Show() }

// Choose selects backup i (tests and keyboard users).
func (r *Dialog) Choose(i int) { r.list.Select(i) }

// Restore asks to restore the chosen backup (the Restore… button).
func (r *Dialog) Restore() { r.restore.OnTapped() }
