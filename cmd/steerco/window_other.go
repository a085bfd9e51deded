//go:build !window && !unix

package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// replaceProcess runs bin until it exits and passes its exit status on
// (this system cannot replace a running process).
func replaceProcess(bin string, args, env []string) error {
	cmd := exec.Command(bin, args[1:]...)
	cmd.Env, cmd.Stdin, cmd.Stdout, cmd.Stderr = env, os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return &errExit{code: ee.ExitCode()}
	}
	if err != nil {
		return fmt.Errorf("start the window (%s): %w", bin, err)
	}
	return nil
}
