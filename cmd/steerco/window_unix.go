//go:build !window && unix

package main

import (
	"fmt"
	"syscall"
)

// replaceProcess runs bin in place of this process (same pid, so signals and
// the exit status are the window's own).
func replaceProcess(bin string, args, env []string) error {
	if err := syscall.Exec(bin, args, env); err != nil {
		return fmt.Errorf("start the window (%s): %w", bin, err)
	}
	return nil // not reached
}
