//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package atomicfile

import "os"

// TryLock always succeeds where flock is not available: two Steercos on one
// file are then kept apart only by SQLite's own locking, and stale temporary
// files are not told apart from ones being written (RemoveStale keeps those
// less than a day old).
// TODO: LockFileEx on a byte range past the end of the file on Windows.
func TryLock(f *os.File) (bool, error) { return true, nil }

const haveLocks = false
