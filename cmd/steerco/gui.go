package main

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"steerco/assets"
	"steerco/internal/plan"
	"steerco/internal/sqlite"
	"steerco/internal/ui"
)

// appID keeps preferences (recent files, window size) in one place across runs.
const appID = "io.steerco.app"

// openWindow runs the desktop app on the portfolio at path until the window closes.
func openWindow(path string) error {
	a := app.NewWithID(appID)
	a.SetIcon(fyne.NewStaticResource("steerco.png", assets.Icon))
	files := ui.Files{
		Open: func(ctx context.Context, p string) (ui.Store, error) {
			db, err := sqlite.Open(ctx, p)
			if err != nil {
				return nil, err
			}
			return db, nil
		},
		Create: func(ctx context.Context, path string, p *plan.Portfolio) (ui.Store, error) {
			db, err := sqlite.Create(ctx, path, p)
			if err != nil {
				return nil, err
			}
			return db, nil
		},
	}
	shell := ui.New(a, files, func() plan.Date { return plan.DateOf(time.Now()) })
	if err := shell.Open(path); err != nil {
		return err
	}
	shell.ShowAndRun()
	return nil
}
