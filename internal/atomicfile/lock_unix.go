//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package atomicfile

import (
	"errors"
	"os"
	"syscall"
)

// haveLocks says TryLock really locks here.
const haveLocks = true

// TryLock takes an exclusive advisory lock (flock) on f without waiting and
// reports whether it got it. flock locks are separate from the POSIX record
// locks SQLite uses on the same file, so they do not disturb SQLite; they
// belong to the open file, so a second open of the file in the same process
// is refused too, and they vanish with the process, even a killed one.
func TryLock(f *os.File) (bool, error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		case errors.Is(err, syscall.ENOLCK), errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
			// A file system without locks (some network shares): go on
			// unlocked, as Steerco did before it locked files.
			return true, nil
		default:
			return false, err
		}
	}
}
