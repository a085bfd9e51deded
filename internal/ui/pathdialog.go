package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/dialog"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/pathdialog"
)

// pathDialog asks for a portfolio file by its path (pathdialog.Dialog).
type pathDialog = pathdialog.Dialog

// newPathDialog builds a path dialog over the shell's window (see
// pathdialog.New) for a portfolio file.
func (s *Shell) newPathDialog(title, action, initial string, browse func(set func(string)), accept func(path string) error) *pathDialog {
	pd := pathdialog.New(s.win, title, action, initial, browse, accept)
	pd.Entry.SetPlaceHolder("/path/to/portfolio" + app.Extension)
	return pd
}

// openFolder is the folder of the open file as an absolute path (the file
// may have been opened by a relative one), or the home folder when none is
// open; "" when neither is known.
func (s *Shell) openFolder() string {
	if cur := s.sess.Path(); cur != "" {
		if abs, err := filepath.Abs(cur); err == nil {
			return filepath.Dir(abs)
		}
	}
	if home, err := os.UserHomeDir(); err == nil {
		return home
	}
	return ""
}

// openPathDialog is File › Open: a typed path, or Browse… with Fyne's file
// dialog. The path must be an existing file; opening it may still refuse it
// (not a portfolio, a newer version…), which is said in the dialog.
func (s *Shell) openPathDialog() *pathDialog {
	dir := s.openFolder()
	return s.newPathDialog("Open portfolio", "Open", pathdialog.InFolder(dir), func(set func(string)) {
		pathdialog.BrowseFile(s.win, dir, []string{app.Extension}, set, s.showError)
	}, func(path string) error {
		if err := pathdialog.ExistingFile(path, app.Extension); err != nil {
			return err
		}
		if sameFile(path, s.sess.Path()) {
			s.setStatus(path + " is open already.") // not "open in another Steerco": it is this one
			return nil
		}
		return s.Open(path)
	})
}

// saveAsPathDialog is File › Save As: the copy's path, typed (".steerco" is
// added when missing), or its folder chosen with Browse…. The folder must
// exist; an existing file is replaced only after asking.
func (s *Shell) saveAsPathDialog() *pathDialog {
	cur := s.sess.Path()
	dir := s.openFolder()
	initial := filepath.Join(dir, strings.TrimSuffix(filepath.Base(cur), app.Extension)+" copy"+app.Extension)
	var pd *pathDialog
	pd = s.newPathDialog("Save a copy as", "Save", initial, func(func(string)) {
		s.browseFolder(pd, dir, filepath.Base(initial))
	}, func(path string) error {
		path, err := pathdialog.NewFile(path, app.Extension)
		if err != nil {
			return err
		}
		fi, err := os.Stat(path)
		switch {
		case err == nil && fi.IsDir():
			return plan.Errorf(plan.EINVALID, "%s is a folder: add the file's name to the path.", path)
		case err == nil && sameFile(path, cur):
			return plan.Errorf(plan.EINVALID, "%s is the file you have open: give the copy another name.", path)
		case err == nil:
			// Hidden first: a canvas drops every overlay above one it removes.
			pd.Hide()
			dialog.ShowConfirm("Replace file?", path+" already exists. Replace it with a copy of this portfolio?", func(yes bool) {
				if yes {
					s.saveAsAndReport(path)
				} else {
					pd.Show() // back to the path, to give another
				}
			}, s.win)
			return nil
		}
		return s.SaveAs(path)
	})
	return pd
}

// browseFolder is Browse… for a file to be written: a folder chooser
// starting in dir, whose choice goes into pd's box with the name typed there
// (or name), to be checked and accepted with the dialog's button.
func (s *Shell) browseFolder(pd *pathDialog, dir, name string) {
	pathdialog.BrowseFolder(s.win, dir, func(folder string) {
		if t := strings.TrimSpace(pd.Entry.Text); t != "" && !strings.HasSuffix(t, string(filepath.Separator)) {
			name = filepath.Base(t)
		}
		pd.Entry.SetText(filepath.Join(folder, name))
		s.win.Canvas().Focus(pd.Entry)
		pd.AtEnd()
	}, s.showError)
}

func (s *Shell) saveAsAndReport(path string) {
	if err := s.SaveAs(path); err != nil {
		s.showError(fmt.Errorf("save as %s: %w", path, err))
	}
}

// sameFile reports whether a and b are the same existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
