// Package pathdialog asks for a file or a folder by its path: typed (or
// pasted) into a box, or found with Browse… in Fyne's file dialog, which
// has no box to type a path into. The shell's Open, Save As and New use it,
// and so do the screens that read or write files (Import, Reports).
package pathdialog

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
)

// Dialog is a path box with Cancel, Browse… and a button that accepts. A
// bad path is said under the box (Problem) and the dialog stays open.
type Dialog struct {
	Entry   *widget.Entry
	Problem *widget.Label
	OK      *widget.Button
	Browse  *widget.Button
	d       *dialog.CustomDialog
	win     fyne.Window
}

// New builds the dialog over win: its title, the label of the button that
// accepts, the path to start from (a folder ending in a separator puts the
// typing after it), what Browse… does (it calls set with the path chosen,
// which is then accepted), and accept, which gets the cleaned path (Clean)
// and does the work or returns why it cannot (said under the box).
func New(win fyne.Window, title, action, initial string, browse func(set func(string)), accept func(path string) error) *Dialog {
	pd := &Dialog{Entry: widget.NewEntry(), Problem: widget.NewLabel(""), win: win}
	pd.Entry.SetText(initial)
	pd.Entry.SetPlaceHolder("/path/to/file")
	pd.Problem.Importance = widget.DangerImportance
	pd.Problem.Wrapping = fyne.TextWrapWord
	pd.Problem.Hide()
	submit := func() {
		path, err := Clean(pd.Entry.Text)
		if err == nil {
			err = accept(path)
		}
		if err != nil {
			pd.Problem.SetText(plan.ErrorMessage(err))
			pd.Problem.Show()
			return
		}
		pd.d.Hide()
	}
	pd.Entry.OnSubmitted = func(string) { submit() }
	pd.OK = widget.NewButton(action, submit)
	pd.OK.Importance = widget.HighImportance
	pd.Browse = widget.NewButton("Browse…", func() {
		browse(func(p string) { pd.Entry.SetText(p); submit() })
	})
	cancel := widget.NewButton("Cancel", func() { pd.d.Hide() })
	content := container.NewVBox(widget.NewLabel("Type or paste the path, or browse for it:"), pd.Entry, pd.Problem)
	pd.d = dialog.NewCustomWithoutButtons(title, content, win)
	pd.d.SetButtons([]fyne.CanvasObject{cancel, pd.Browse, pd.OK})
	pd.d.Resize(fyne.NewSize(640, 200))
	return pd
}

// Show shows the dialog with the typing in its path box, after its text.
func (pd *Dialog) Show() {
	pd.d.Show()
	pd.win.Canvas().Focus(pd.Entry)
	pd.AtEnd()
}

// Hide closes the dialog.
func (pd *Dialog) Hide() { pd.d.Hide() }

// Window is the window the dialog shows over.
func (pd *Dialog) Window() fyne.Window { return pd.win }

// AtEnd puts the box's cursor after its text, where a name is typed after
// the folder it starts with.
func (pd *Dialog) AtEnd() {
	lines := strings.Split(pd.Entry.Text, "\n")
	pd.Entry.CursorRow, pd.Entry.CursorColumn = len(lines)-1, utf8.RuneCountInString(lines[len(lines)-1])
	pd.Entry.Refresh()
}

// InFolder is dir with a separator after it, for a box whose typing goes
// after the folder; "" when dir is "".
func InFolder(dir string) string {
	if dir == "" || strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir
	}
	return dir + string(filepath.Separator)
}

// Clean cleans a path typed into the dialog's box: as Expand, and a path
// typed after the folder already in the box starts again ("/home/a//tmp/x"
// is /tmp/x, "/home/a/~/x" is ~/x), as in other file choosers. The path
// returned is absolute; an empty one is an error (*plan.Error, EINVALID).
func Clean(text string) (string, error) {
	p := unquote(text)
	if filepath.Separator == '/' {
		if i := strings.LastIndex(p, "//"); i > 0 {
			p = p[i+1:]
		}
		if i := strings.LastIndex(p, "/~/"); i >= 0 {
			p = p[i+1:]
		}
	}
	return Expand(p)
}

// Expand reads a path typed into a form's box: spaces around it, quotes a
// file manager adds and a file:// prefix are dropped, a leading ~ is the
// home folder, and a relative path is taken from the working folder. The
// path returned is absolute; an empty one is an error (*plan.Error,
// EINVALID).
func Expand(text string) (string, error) {
	p := unquote(text)
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

func unquote(text string) string {
	p := strings.TrimSpace(text)
	if len(p) >= 2 && (p[0] == '"' && p[len(p)-1] == '"' || p[0] == '\'' && p[len(p)-1] == '\'') {
		p = strings.TrimSpace(p[1 : len(p)-1])
	}
	return strings.TrimPrefix(p, "file://")
}

// ExistingFile checks that path is a file that exists: a missing file, a
// folder or one that cannot be read is a *plan.Error (EINVALID) that says
// so, naming the path; kind names what is wanted ("spreadsheet or export",
// "template (.json)").
func ExistingFile(path, kind string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return plan.Errorf(plan.EINVALID, "There is no file at %s. Check the path, or choose the file with Browse…", path)
	case err != nil:
		return plan.Errorf(plan.EINVALID, "%s cannot be read: %v", path, err)
	case fi.IsDir():
		return plan.Errorf(plan.EINVALID, "%s is a folder: type the path of a %s file in it, or choose one with Browse…", path, kind)
	}
	return nil
}

// ExistingFolder checks that path is a folder that exists (a *plan.Error,
// EINVALID, that says what it is instead).
func ExistingFolder(path string) error {
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return plan.Errorf(plan.EINVALID, "The folder %s does not exist: type the path of an existing folder, or choose one with Browse…", path)
	case err != nil:
		return plan.Errorf(plan.EINVALID, "%s cannot be read: %v", path, err)
	case !fi.IsDir():
		return plan.Errorf(plan.EINVALID, "%s is a file, not a folder: type the folder's path, or choose one with Browse…", path)
	}
	return nil
}

// NewFile checks a typed path for a file to be written: not a folder, ext
// added when it has another (or none), in a folder that exists. It returns
// the path with its extension.
func NewFile(path, ext string) (string, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", plan.Errorf(plan.EINVALID, "%s is a folder: add the file's name to the path.", path)
	}
	if !strings.EqualFold(filepath.Ext(path), ext) {
		path += ext
	}
	if fi, err := os.Stat(filepath.Dir(path)); err != nil || !fi.IsDir() {
		return "", plan.Errorf(plan.EINVALID, "The folder %s does not exist: type the path of an existing folder, or choose one with Browse…", filepath.Dir(path))
	}
	return path, nil
}

// BrowseFile shows Fyne's file dialog over win for a file with one of exts
// (all files when none), starting in dir when it is a folder; set gets the
// path chosen (nothing happens on Cancel), fail an error of the dialog.
func BrowseFile(win fyne.Window, dir string, exts []string, set func(string), fail func(error)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			fail(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		set(path)
	}, win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if l := lister(dir); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// BrowseFolder shows Fyne's folder dialog over win, starting in dir when it
// is a folder; set gets the folder chosen (nothing happens on Cancel), fail
// an error of the dialog.
func BrowseFolder(win fyne.Window, dir string, set func(string), fail func(error)) {
	d := dialog.NewFolderOpen(func(l fyne.ListableURI, err error) {
		if err != nil {
			fail(err)
			return
		}
		if l != nil {
			set(l.Path())
		}
	}, win)
	if l := lister(dir); l != nil {
		d.SetLocation(l)
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// Folder is the folder a dialog for path should start in: path itself when
// it is a folder, else its folder when that exists; "" when neither.
func Folder(path string) string {
	if path == "" {
		return ""
	}
	for _, p := range []string{path, filepath.Dir(path)} {
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			return p
		}
	}
	return ""
}

func lister(dir string) fyne.ListableURI {
	if dir == "" {
		return nil
	}
	l, err := storage.ListerForURI(storage.NewFileURI(dir))
	if err != nil {
		return nil
	}
	return l
}
