package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/plan"
)

// pathDialog asks for a portfolio file by its path: typed (or pasted) into a
// box, or found with Browse… (Fyne's file dialog has no box to type a path
// into). A bad path is said under the box and the dialog stays open.
type pathDialog struct {
	entry   *widget.Entry
	problem *widget.Label
	ok      *widget.Button
	browse  *widget.Button
	d       *dialog.CustomDialog
	win     fyne.Window
}

// newPathDialog builds the dialog: title, the label of the button that
// accepts, the path to start from, what Browse… does (it calls set with the
// path chosen), and accept, which does the work or returns why it cannot
// (shown under the box).
func (s *Shell) newPathDialog(title, action, initial string, browse func(set func(string)), accept func(path string) error) *pathDialog {
	pd := &pathDialog{entry: widget.NewEntry(), problem: widget.NewLabel(""), win: s.win}
	pd.entry.SetText(initial)
	pd.entry.SetPlaceHolder("/path/to/portfolio" + app.Extension)
	pd.problem.Importance = widget.DangerImportance
	pd.problem.Wrapping = fyne.TextWrapWord
	pd.problem.Hide()
	submit := func() {
		path, err := typedPath(pd.entry.Text)
		if err == nil {
			err = accept(path)
		}
		if err != nil {
			pd.problem.SetText(plan.ErrorMessage(err))
			pd.problem.Show()
			return
		}
		pd.d.Hide()
	}
	pd.entry.OnSubmitted = func(string) { submit() }
	pd.ok = widget.NewButton(action, submit)
	pd.ok.Importance = widget.HighImportance
	pd.browse = widget.NewButton("Browse…", func() {
		browse(func(p string) { pd.entry.SetText(p); submit() })
	})
	cancel := widget.NewButton("Cancel", func() { pd.d.Hide() })
	content := container.NewVBox(widget.NewLabel("Type or paste the file's path, or browse for it:"), pd.entry, pd.problem)
	pd.d = dialog.NewCustomWithoutButtons(title, content, s.win)
	pd.d.SetButtons([]fyne.CanvasObject{cancel, pd.browse, pd.ok})
	pd.d.Resize(fyne.NewSize(640, 200))
	return pd
}

// show shows the dialog with the typing in its path box.
func (pd *pathDialog) show() {
	pd.d.Show()
	pd.win.Canvas().Focus(pd.entry)
	pd.atEnd()
}

// atEnd puts the box's cursor after its text, where a name is typed after
// the folder it starts with.
func (pd *pathDialog) atEnd() {
	lines := strings.Split(pd.entry.Text, "\n")
	pd.entry.CursorRow, pd.entry.CursorColumn = len(lines)-1, utf8.RuneCountInString(lines[len(lines)-1])
	pd.entry.Refresh()
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

// typedPath cleans a typed path: spaces around it and quotes a file manager
// adds are dropped, a path typed after the folder already in the box starts
// again, a leading ~ is the home folder, and a relative path is taken from
// the working folder.
func typedPath(text string) (string, error) {
	p := strings.TrimSpace(text)
	if len(p) >= 2 && (p[0] == '"' && p[len(p)-1] == '"' || p[0] == '\'' && p[len(p)-1] == '\'') {
		p = strings.TrimSpace(p[1 : len(p)-1])
	}
	p = strings.TrimPrefix(p, "file://")
	// A path typed or pasted after the folder the box starts with restarts
	// it, as in other file choosers: "/home/a//tmp/x" is /tmp/x and
	// "/home/a/~/x" is ~/x.
	if filepath.Separator == '/' {
		if i := strings.LastIndex(p, "//"); i > 0 {
			p = p[i+1:]
		}
		if i := strings.LastIndex(p, "/~/"); i >= 0 {
			p = p[i+1:]
		}
	}
	if p == "" {
		return "", plan.Errorf(plan.EINVALID, "Type the path of a file, or choose one with Browse…")
	}
	if p == "~" || strings.HasPrefix(p, "~/") {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", plan.Errorf(plan.EINVALID, "%s starts with ~, but there is no home folder to put there: type the whole path", p)
		}
		p = filepath.Join(home, p[1:])
	}
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", plan.Errorf(plan.EINVALID, "%s is not a path Steerco can use: %v", p, err)
	}
	return abs, nil
}

// openPathDialog is File › Open: a typed path, or Browse… with Fyne's file
// dialog. The path must be an existing file; opening it may still refuse it
// (not a portfolio, a newer version…), which is said in the dialog.
func (s *Shell) openPathDialog() *pathDialog {
	dir := s.openFolder()
	initial := ""
	if dir != "" {
		initial = dir + string(filepath.Separator)
	}
	return s.newPathDialog("Open portfolio", "Open", initial, func(set func(string)) {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				s.showError(err)
				return
			}
			if r == nil {
				return // cancelled
			}
			path := r.URI().Path()
			r.Close()
			set(path)
		}, s.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{app.Extension}))
		if l, err := storage.ListerForURI(storage.NewFileURI(dir)); dir != "" && err == nil {
			d.SetLocation(l)
		}
		d.Resize(fyne.NewSize(900, 600))
		d.Show()
	}, func(path string) error {
		fi, err := os.Stat(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
			return plan.Errorf(plan.EINVALID, "There is no file at %s. Check the path, or choose the file with Browse…", path)
		case err != nil:
			return plan.Errorf(plan.EINVALID, "%s cannot be read: %v", path, err)
		case fi.IsDir():
			return plan.Errorf(plan.EINVALID, "%s is a folder: type the path of a %s file in it, or choose one with Browse…", path, app.Extension)
		case sameFile(path, s.sess.Path()):
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
		path, err := newFilePath(path)
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
			pd.d.Hide()
			dialog.ShowConfirm("Replace file?", path+" already exists. Replace it with a copy of this portfolio?", func(yes bool) {
				if yes {
					s.saveAsAndReport(path)
				} else {
					pd.show() // back to the path, to give another
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
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if l == nil {
			return
		}
		if t := strings.TrimSpace(pd.entry.Text); t != "" && !strings.HasSuffix(t, string(filepath.Separator)) {
			name = filepath.Base(t)
		}
		pd.entry.SetText(filepath.Join(l.Path(), name))
		pd.win.Canvas().Focus(pd.entry)
		pd.atEnd()
	}, s.win)
	if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// newFilePath checks a typed path for a file to be written: not a folder,
// ".steerco" added when missing, in a folder that exists. It returns the
// path with its extension.
func newFilePath(path string) (string, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", plan.Errorf(plan.EINVALID, "%s is a folder: add the file's name to the path.", path)
	}
	if !strings.EqualFold(filepath.Ext(path), app.Extension) {
		path += app.Extension
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return "", plan.Errorf(plan.EINVALID, "The folder %s does not exist: type the path of an existing folder, or choose one with Browse…", filepath.Dir(path))
	}
	return path, nil
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
