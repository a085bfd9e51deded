package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/plan"
)

func init() {
	register(verb{name: "open", usage: "open [FILE.steerco] [--demo]",
		summary: "Open the desktop app on a portfolio file; with none, the last file you opened (or the demo portfolio); --demo opens the demo.", run: runOpen})
}

func runOpen(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "open")
	useDemo := fs.Bool("demo", false, "open the demo portfolio (created in Steerco's data folder on first use)")
	pos, err := parseFlagsAnywhere(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usageError("open takes one portfolio file, got %d", len(pos))
	}
	if *useDemo && len(pos) == 1 {
		return usageError("give a file or --demo, not both")
	}
	if err := haveDisplay(); err != nil {
		return err
	}
	path := ""
	if len(pos) == 1 {
		path = pos[0]
	}
	if path == "" {
		dir, err := demo.DataDir()
		if err != nil {
			return err
		}
		path, err = demo.EnsureDemoFile(ctx, dir, plan.DateOf(e.now()))
		if err != nil {
			return fmt.Errorf("prepare the demo portfolio: %w", err)
		}
	}
	// Check the file before a window appears, so a bad file is a clear
	// message on the terminal rather than an empty window.
	if _, err := app.Read(ctx, path); err != nil {
		return err
	}
	if e.openWindow == nil {
		return errors.New("this build has no window; use the other commands (steerco help)")
	}
	// No file named and no --demo: reopen the last file, as desktop apps do.
	// (fs.NArg() is no guide: parseFlagsAnywhere has taken the file.)
	return e.openWindow(path, len(pos) == 0 && !*useDemo)
}

// haveDisplay explains plainly when a Linux/BSD machine has no graphical
// session, instead of letting the graphics driver fail with GLX errors.
func haveDisplay() error {
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android":
		return nil
	}
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		return nil
	}
	return errors.New(`no display: this machine has no graphical session (DISPLAY is not set), so the window cannot open.
Everything works without a window too, for example:
  steerco demo -o demo.steerco        write the demo portfolio to a file
  steerco forecast demo.steerco       forecast it
  steerco report demo.steerco         write the board pack (PDF and Excel)
  steerco help                        every command
Or run the window on a virtual display: xvfb-run steerco`)
}
