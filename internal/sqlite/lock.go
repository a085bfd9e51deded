package sqlite

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

// fileLock is one Steerco's hold on a file: while one is held no other
// Steerco process opens, replaces or restores that file. It is an flock on
// the file itself (atomicfile.TryLock), so it goes away with the process,
// even a killed one, and a -wal left by a crash is told apart from a file
// that is really open.
//
// Within one process, handles opened with Open share the process's lock
// (two connections of one process are safe together, and the screens' tests
// read a file while a screen has it open); Replace, SaveAs over it and
// Restore need it for themselves and are refused while any handle is open.
//
// The descriptor stays open until the last handle is released, after every
// SQLite connection to the file: closing any descriptor of a file drops the
// POSIX locks the process holds on it, SQLite's included.
type fileLock struct {
	real   string   // the locked file, a key of held; "" for a temporary file
	f      *os.File // for a temporary file only: its own descriptor
	shared bool     // another handle of this process already held it
}

// held is the process's locks on portfolio files, by real path.
var held = struct {
	sync.Mutex
	m map[string]*heldFile
}{m: map[string]*heldFile{}}

type heldFile struct {
	f     *os.File
	n     int  // handles holding it
	alone bool // held by a replace or restore, not to be shared
}

// release drops the hold; nil-safe, and safe to call twice.
func (l *fileLock) release() {
	if l == nil {
		return
	}
	if l.f != nil {
		l.f.Close()
		l.f = nil
		return
	}
	if l.real == "" {
		return
	}
	held.Lock()
	defer held.Unlock()
	if h := held.m[l.real]; h != nil {
		h.n--
		if h.n <= 0 {
			h.f.Close()
			delete(held.m, l.real)
		}
	}
	l.real = ""
}

// lockFile takes the process's hold on the existing file at real (shown is
// the name the person gave): shared with other Open handles of this process
// when share is set, for the caller alone otherwise. ECONFLICT when another
// process holds it (or, without share, this one does); ENOTFOUND when it is
// gone.
func lockFile(real, shown string, share bool) (*fileLock, error) {
	held.Lock()
	defer held.Unlock()
	if h := held.m[real]; h != nil {
		if share && !h.alone {
			h.n++
			return &fileLock{real: real, shared: true}, nil
		}
		return nil, plan.Errorf(plan.ECONFLICT, "%s is already open in this Steerco; close it first (Steerco changes a file in one place at a time so that changes cannot collide). Nothing was changed.", shown)
	}
	for attempt := 0; attempt < 20; attempt++ {
		f, err := os.Open(real)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, &plan.Error{Code: plan.ENOTFOUND, Message: fmt.Sprintf("No such file: %s. %s", shown, howToCreate), Err: err}
			}
			return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot read %s: %v.", shown, err), Err: err}
		}
		ok, err := atomicfile.TryLock(f)
		if err != nil {
			f.Close()
			return nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot lock %s: %v.", shown, err), Err: err}
		}
		if !ok {
			f.Close()
			return nil, errOpenElsewhere(shown)
		}
		// The file may have been replaced between os.Open and the lock; the
		// lock would then hold a file that no longer has this name.
		fi, err1 := f.Stat()
		now, err2 := os.Stat(real)
		if err1 == nil && err2 == nil && os.SameFile(fi, now) {
			held.m[real] = &heldFile{f: f, n: 1, alone: !share}
			return &fileLock{real: real}, nil
		}
		f.Close()
	}
	return nil, errOpenElsewhere(shown)
}

// errOpenElsewhere is the person-facing refusal when another Steerco
// process holds the file.
func errOpenElsewhere(shown string) error {
	return &plan.Error{Code: plan.ECONFLICT, Err: errHeldElsewhere, Message: fmt.Sprintf("%s is open in another Steerco (a window or a command that is still running). Close it there first, then try again; Steerco changes a file in one place at a time so that changes cannot collide. Nothing was changed.", shown)}
}

// errHeldElsewhere marks the refusal because another process holds a file.
var errHeldElsewhere = errors.New("held by another process")

// isOpenElsewhere reports whether err is that refusal.
func isOpenElsewhere(err error) bool { return errors.Is(err, errHeldElsewhere) }

// lockIfExists locks real for the caller alone when it exists, and returns
// a nil lock when it does not.
func lockIfExists(real, shown string) (*fileLock, error) {
	l, err := lockFile(real, shown, false)
	if plan.ErrorCode(err) == plan.ENOTFOUND {
		return nil, nil
	}
	return l, err
}

// tempFile creates and locks an empty file beside path under a temporary
// name (".NAME.RANDOM.tmp"), for a whole database to be built at and renamed
// into place. Create, Replace, SaveAs, Restore and backups use it: SQLite
// needs a path, not an io.Writer, so internal/atomicfile.Write does not fit,
// but the names and the lock are the same, so removeStaleTemps can tell a
// file left by a killed write from one being built. The file gets the
// permissions of the file at path if there is one (a replace keeps them),
// else 0644, as SQLite gives a new database.
func tempFile(path string) (string, *fileLock, error) {
	f, name, err := atomicfile.Temp(path)
	if err != nil {
		return "", nil, &plan.Error{Code: plan.EINVALID, Message: fmt.Sprintf("Cannot write beside %s: %v.", path, err), Err: err}
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		mode = fi.Mode().Perm()
	}
	f.Chmod(mode)
	return name, &fileLock{f: f}, nil
}

// sideSuffixes are the files SQLite keeps beside a database.
var sideSuffixes = []string{"-wal", "-shm", "-journal"}

// removeStaleTemps removes the temporary files of path (and their side
// files) that a killed Create, Replace, SaveAs or Restore left behind.
func removeStaleTemps(path string) { atomicfile.RemoveStale(path, sideSuffixes...) }

// removeStaleTempsNear removes, when the file at real opens, what killed
// writes left of it and beside it: the temporary files of every portfolio
// file in its folder (a Save As to a name never used again included), and
// those of its backups folder.
func removeStaleTempsNear(real string) {
	atomicfile.RemoveStaleMatching(filepath.Dir(real), ".*"+Extension+".*.tmp", sideSuffixes...)
	atomicfile.RemoveStale(filepath.Join(BackupDir(real), backupStem(real)+".backup"), sideSuffixes...)
}
