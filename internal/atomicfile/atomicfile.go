// Package atomicfile writes files so that readers see either the old
// content or the complete new content, never a half-written file: the data
// goes to a temporary file in the same folder, is synced, is renamed over
// the target, and the folder is synced.
//
// A temporary file is named ".NAME.RANDOM.tmp" and is locked (TryLock) for
// as long as it is being written, so a later run can tell a file left by a
// killed write from one another process is writing: RemoveStale removes the
// first kind only.
package atomicfile

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Write calls write with a temporary file beside path and, if write and the
// sync succeed, renames it to path (replacing an existing file; a symlink at
// path is replaced, not followed). On any error the temporary file is
// removed and path is left as it was. The new file has mode 0644 (less the
// umask). Temporary files of path left by an earlier, killed write are
// removed first.
func Write(path string, write func(w io.Writer) error) (err error) {
	RemoveStale(path)
	f, tmp, err := Temp(path)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err = write(f); err != nil {
		return err
	}
	if err = f.Chmod(0o644); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	// Where locks work, rename before closing: the lock covers the whole
	// write. Elsewhere (Windows) an open file cannot be renamed.
	if !haveLocks {
		if err = f.Close(); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	if err = os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	SyncDir(path)
	if haveLocks {
		return f.Close()
	}
	return nil
}

// Temp creates and locks a new temporary file beside path, named as
// RemoveStale expects, and returns it with its name. The caller closes it
// (which drops the lock) and renames or removes it.
//
// The file is created under a name RemoveStale does not take
// (".NAME.RANDOM.tmp.new"), locked, and only then linked under its
// temporary name: another process's RemoveStale never sees it unlocked.
func Temp(path string) (*os.File, string, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	for attempt := 0; ; attempt++ {
		f, err := os.CreateTemp(dir, "."+base+".*.tmp"+newSuffix)
		if err != nil {
			return nil, "", fmt.Errorf("cannot write in %s: %w", dir, err)
		}
		fresh := f.Name()
		if ok, err := TryLock(f); err != nil || !ok {
			f.Close()
			os.Remove(fresh)
			if err == nil {
				err = fmt.Errorf("cannot lock %s", fresh)
			}
			return nil, "", err
		}
		name := strings.TrimSuffix(fresh, newSuffix)
		err = os.Link(fresh, name)
		if err != nil && !os.IsExist(err) {
			// No hard links here (some network and FAT file systems).
			err = os.Rename(fresh, name)
		}
		os.Remove(fresh)
		if err == nil {
			return f, name, nil
		}
		f.Close()
		if !os.IsExist(err) || attempt > 10 {
			return nil, "", fmt.Errorf("cannot write in %s: %w", dir, err)
		}
	}
}

// newSuffix ends the name a temporary file is created under, before it is
// locked.
const newSuffix = ".new"

// SyncDir syncs the folder holding path, so a rename into it survives a
// power cut. Errors are ignored: some systems cannot sync a folder.
func SyncDir(path string) {
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		d.Sync()
		d.Close()
	}
}

// RemoveStale removes the temporary files of path (".NAME.*.tmp", and the
// same names followed by each of suffixes, e.g. "-wal") that no process is
// writing: left by a write that was killed or lost its power. It returns
// the names removed. A temporary file another process holds locked is left
// alone; where locks are not available, so is one changed within the last
// day.
func RemoveStale(path string, suffixes ...string) []string {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	return RemoveStaleMatching(dir, "."+escapeGlob(base)+".*.tmp", suffixes...)
}

// RemoveStaleMatching is RemoveStale for every temporary file in dir whose
// name matches pattern (a filepath.Match pattern ending in ".tmp"), e.g. the
// temporary files of all the portfolio files in a folder.
func RemoveStaleMatching(dir, pattern string, suffixes ...string) []string {
	pattern = filepath.Join(dir, pattern)
	names, _ := filepath.Glob(pattern)
	var removed []string
	for _, name := range names {
		fi, ok := unlocked(name)
		if !ok || !fi.Mode().IsRegular() {
			continue
		}
		if !haveLocks && time.Since(fi.ModTime()) < 24*time.Hour {
			continue
		}
		for _, s := range append([]string{""}, suffixes...) {
			if os.Remove(name+s) == nil {
				removed = append(removed, name+s)
			}
		}
	}
	// Files a killed Temp created but had not yet named: unlocked and a
	// minute old.
	fresh, _ := filepath.Glob(pattern + newSuffix)
	for _, name := range fresh {
		if fi, ok := unlocked(name); ok && time.Since(fi.ModTime()) > time.Minute && os.Remove(name) == nil {
			removed = append(removed, name)
		}
	}
	// Side files whose temporary file is gone.
	for _, s := range suffixes {
		orphans, _ := filepath.Glob(pattern + escapeGlob(s))
		for _, o := range orphans {
			if _, err := os.Lstat(o[:len(o)-len(s)]); os.IsNotExist(err) {
				if os.Remove(o) == nil {
					removed = append(removed, o)
				}
			}
		}
	}
	return removed
}

// unlocked reports whether no process holds name locked (TryLock succeeds
// on it), with its file info; false when it cannot be opened or read.
func unlocked(name string) (os.FileInfo, bool) {
	f, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	ok, err := TryLock(f)
	if err != nil || !ok {
		return nil, false
	}
	fi, err := f.Stat()
	if err != nil {
		return nil, false
	}
	return fi, true
}

// escapeGlob quotes the characters filepath.Match treats specially.
func escapeGlob(s string) string {
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', '\\':
			out = append(out, '\\')
		}
		out = append(out, s[i])
	}
	return string(out)
}
