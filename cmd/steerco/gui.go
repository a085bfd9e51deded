//go:build window

package main

import (
	"fmt"
	"log"
	"os"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"steerco/assets"
	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui"
)

// appID keeps preferences (recent files, window size) in one place across runs.
const appID = "io.steerco.app"

// trace prints how long after start-up a step was reached when STEERCO_TRACE=1,
// so start-up time can be measured on a real display; silent otherwise.
func trace(step string) {
	if os.Getenv("STEERCO_TRACE") == "1" {
		fmt.Fprintf(os.Stderr, "steerco trace: %-28s %6.0f ms\n", step, float64(time.Since(processStart).Microseconds())/1000)
	}
}

// openWindow runs the desktop app until the window closes: on the most
// recently opened file when resume is set and it still opens, otherwise on
// the portfolio at path.
func openWindow(path string, resume bool) error {
	trace("main")
	a := fyneapp.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("steerco.png", assets.Icon))
	files := app.DiskFiles()
	shell := ui.New(a, files, func() plan.Date { return plan.DateOf(time.Now()) })
	opened := false
	if last := ui.MostRecent(a); resume && last != "" && last != path {
		if err := shell.Open(last); err == nil {
			opened = true
		} else {
			log.Printf("steerco: the last file, %s, did not open (%v); opening %s", last, err, path)
		}
	}
	if !opened {
		if err := shell.Open(path); err != nil {
			return err
		}
	}
	trace("portfolio open")
	a.Lifecycle().SetOnStarted(func() {
		trace("window shown")
		fyne.Do(func() { trace("first frame") }) // runs on the event loop after the first paint
	})
	first := true
	shell.OnForecastIdle(func() {
		if first {
			first = false
			trace("first full forecast shown")
		}
	})
	shell.ShowAndRun()
	return nil
}
