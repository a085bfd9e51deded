package app

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"strings"

	"steerco/internal/plan"
	"steerco/internal/sqlite"
)

// Store is an open portfolio file (internal/sqlite's DB implements it).
type Store interface {
	Path() string
	Portfolio(ctx context.Context) (*plan.Portfolio, error)
	Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error
	Undo(ctx context.Context) (string, error)
	Redo(ctx context.Context) (string, error)
	// UndoRedo names the actions Undo and Redo would revert ("" for none).
	UndoRedo(ctx context.Context) (undo, redo string, err error)
	SaveAs(ctx context.Context, path string) error
	Close() error
}

// Files opens and creates portfolio files.
type Files struct {
	Open   func(ctx context.Context, path string) (Store, error)
	Create func(ctx context.Context, path string, p *plan.Portfolio) (Store, error)
}

// DiskFiles is Files over internal/sqlite: the portfolio files on disk.
func DiskFiles() Files {
	return Files{
		Open: func(ctx context.Context, path string) (Store, error) {
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				return nil, err
			}
			return db, nil
		},
		Create: func(ctx context.Context, path string, p *plan.Portfolio) (Store, error) {
			db, err := sqlite.Create(ctx, path, p)
			if err != nil {
				return nil, err
			}
			return db, nil
		},
	}
}

// Extension is the portfolio file's extension, ".steerco".
const Extension = sqlite.Extension

// Preferences is where the recent files are kept (the shell passes Fyne's
// app preferences; nil keeps none).
type Preferences interface {
	String(key string) string
	SetString(key, value string)
}

// prefRecent is the preference holding the recent files, newline-separated, most recent first.
const prefRecent = "recent_files"

// maxRecent is how many recent files are kept.
const maxRecent = 8

// A Session is one open portfolio file and the portfolio loaded from it:
// open, create, save as, edit, undo and redo, and the recent files. Every
// load (open, edit, undo, redo) gives a new *plan.Portfolio, never modified
// afterwards, so a forecast of one is never mistaken for another's. A
// Session is used from one goroutine (the shell's UI goroutine, or a verb).
type Session struct {
	files Files
	prefs Preferences
	store Store
	p     *plan.Portfolio
}

// NewSession returns a session with no file open, opening files through
// files and remembering them in prefs (which may be nil).
func NewSession(files Files, prefs Preferences) *Session {
	if files.Open == nil || files.Create == nil {
		files = DiskFiles()
	}
	return &Session{files: files, prefs: prefs}
}

// OpenFile opens the portfolio file at path for reading and writing: the
// one way every command-line verb opens a file. Close the session when done.
func OpenFile(ctx context.Context, path string) (*Session, error) {
	s := NewSession(DiskFiles(), nil)
	if err := s.Open(ctx, path); err != nil {
		return nil, err
	}
	return s, nil
}

// Read loads the portfolio in the file at path and closes the file. It reads
// beside a window (or another command) that has the file open: the read-only
// verbs (export, forecast, report) work while the director keeps the app
// open, on the last state that Steerco committed; the file is checked the
// same way and nothing is written to it.
func Read(ctx context.Context, path string) (*plan.Portfolio, error) {
	db, err := sqlite.OpenReadOnly(ctx, path)
	if err != nil {
		return nil, err
	}
	p, err := db.Portfolio(ctx)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Backup takes a consistent copy of the open file beside it, for reason
// (sqlite.ReasonImport before an import), and returns its path; "" and no
// error when the store keeps no backups.
func (s *Session) Backup(ctx context.Context, reason string) (string, error) {
	if b, ok := s.store.(Backer); ok {
		return b.Backup(ctx, reason)
	}
	return "", nil
}

// WriteNew writes p to a new portfolio file at path. An existing file is
// an error saying so, unless replace is set: then it is replaced in one
// step (a failure leaves it as it was).
func WriteNew(ctx context.Context, path string, p *plan.Portfolio, replace bool) error {
	if _, err := os.Stat(path); err == nil {
		if !replace {
			return &ExistsError{Path: path}
		}
		return sqlite.Replace(ctx, path, p)
	}
	db, err := sqlite.Create(ctx, path, p)
	if err != nil {
		return err
	}
	return db.Close()
}

// Portfolio returns the portfolio on display (nil when no file is open).
func (s *Session) Portfolio() *plan.Portfolio { return s.p }

// Path returns the open file's path ("" when none).
func (s *Session) Path() string {
	if s.store == nil {
		return ""
	}
	return s.store.Path()
}

// IsOpen reports whether a file is open.
func (s *Session) IsOpen() bool { return s.store != nil }

// Warnings returns what went wrong on the side while the open file opened
// (a daily backup that could not be written: the file itself is fine), for
// a person to see; nil when all went well or the store says nothing.
func (s *Session) Warnings() []string {
	if w, ok := s.store.(interface{ Warnings() []string }); ok {
		return w.Warnings()
	}
	return nil
}

// Open opens the portfolio file at path and makes it the session's. On
// failure the file open before stays open and the error is returned.
func (s *Session) Open(ctx context.Context, path string) error {
	st, err := s.files.Open(ctx, path)
	if err != nil {
		return err
	}
	return s.adopt(ctx, st)
}

// Create creates a portfolio file at path holding p (".steerco" is added
// when missing) and makes it the session's. An empty file at path (the
// placeholder a save dialog leaves) is replaced; any other existing file is
// refused by the store.
func (s *Session) Create(ctx context.Context, path string, p *plan.Portfolio) error {
	path = withExtension(path)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() && st.Size() == 0 {
		os.Remove(path)
	}
	st, err := s.files.Create(ctx, filepath.Clean(path), p)
	if err != nil {
		return err
	}
	return s.adopt(ctx, st)
}

func withExtension(path string) string {
	if !strings.HasSuffix(path, Extension) {
		path += Extension
	}
	return path
}

// SaveAs writes a consistent copy of the open file to path (".steerco" is
// added when missing) and continues on the copy, as desktop apps do. It
// returns the path of the copy.
func (s *Session) SaveAs(ctx context.Context, path string) (string, error) {
	if s.store == nil {
		return "", errNoFile
	}
	path = withExtension(path)
	if err := s.store.SaveAs(ctx, path); err != nil {
		return "", err
	}
	return path, s.Open(ctx, path)
}

var errNoFile = plan.Errorf(plan.EINVALID, "No portfolio is open.")

// adopt makes st the open file, closing the previous one.
func (s *Session) adopt(ctx context.Context, st Store) error {
	p, err := st.Portfolio(ctx)
	if err != nil {
		st.Close()
		return err
	}
	if s.store != nil {
		if err := s.store.Close(); err != nil {
			log.Printf("steerco: closing %s: %v", s.store.Path(), err)
		}
	}
	s.store, s.p = st, p
	s.remember(st.Path())
	return nil
}

// Edit applies one user action through the file's single write path (load,
// change, validate, write with audit, one transaction) and reloads the
// portfolio. On failure nothing was written and the error says why.
// action is the phrase of the audit log and the Undo menu.
func (s *Session) Edit(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error {
	if s.store == nil {
		return errNoFile
	}
	if err := s.store.Update(ctx, action, fn); err != nil {
		return err
	}
	return s.Reload(ctx)
}

// Update is Edit under the name ingest.Updater and Editor use.
func (s *Session) Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error {
	return s.Edit(ctx, action, fn)
}

// Reload reads the portfolio from the file again.
func (s *Session) Reload(ctx context.Context) error {
	if s.store == nil {
		return errNoFile
	}
	p, err := s.store.Portfolio(ctx)
	if err != nil {
		return err
	}
	s.p = p
	return nil
}

// Undo reverts the last action and reloads; it returns the action's name,
// or "" when there was nothing to undo.
func (s *Session) Undo(ctx context.Context) (string, error) { return s.history(ctx, true) }

// Redo re-applies the last undone action and reloads; "" when there was none.
func (s *Session) Redo(ctx context.Context) (string, error) { return s.history(ctx, false) }

func (s *Session) history(ctx context.Context, undo bool) (string, error) {
	if s.store == nil {
		return "", nil
	}
	op := s.store.Redo
	if undo {
		op = s.store.Undo
	}
	action, err := op(ctx)
	if err != nil || action == "" {
		return "", err
	}
	return action, s.Reload(ctx)
}

// UndoRedo names the actions Undo and Redo would revert ("" for none, and
// when no file is open). An error means the file's history could not be
// read: the caller says so rather than show Undo as merely unavailable.
func (s *Session) UndoRedo(ctx context.Context) (undo, redo string, err error) {
	if s.store == nil {
		return "", "", nil
	}
	u, r, err := s.store.UndoRedo(ctx)
	if err != nil {
		return "", "", &plan.Error{Code: plan.EINTERNAL, Message: "The undo history of " + s.store.Path() + " could not be read.", Err: err}
	}
	return u, r, nil
}

// Close closes the open file, if any.
func (s *Session) Close() error {
	if s.store == nil {
		return nil
	}
	err := s.store.Close()
	s.store, s.p = nil, nil
	return err
}

// Recent lists the portfolio files opened lately, most recent first.
func (s *Session) Recent() []string { return Recent(s.prefs) }

// Recent lists the recent files kept in prefs, most recent first.
func Recent(prefs Preferences) []string {
	if prefs == nil {
		return nil
	}
	v := prefs.String(prefRecent)
	if v == "" {
		return nil
	}
	return strings.Split(v, "\n")
}

// MostRecent returns the file opened last (from prefs), or "" when there
// is none or it no longer exists.
func MostRecent(prefs Preferences) string {
	list := Recent(prefs)
	if len(list) == 0 {
		return ""
	}
	if _, err := os.Stat(list[0]); err != nil {
		return ""
	}
	return list[0]
}

func (s *Session) remember(path string) {
	if s.prefs == nil {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, r := range s.Recent() {
		if r != path && len(list) < maxRecent {
			list = append(list, r)
		}
	}
	s.prefs.SetString(prefRecent, strings.Join(list, "\n"))
}

// Editor is what writes one action to a portfolio (a Session; the
// screens' Env.Edit adapted).
type Editor interface {
	Update(ctx context.Context, action string, fn func(p *plan.Portfolio) error) error
}

var _ Editor = (*Session)(nil)

// ExistsError is WriteNew's refusal to replace a file.
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string { return e.Path + " already exists; nothing was written" }

// sameFile reports whether a and b are the same existing file.
func sameFile(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}
