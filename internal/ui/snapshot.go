package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// errForecastRunning is what Take Snapshot says while there is no full
// forecast of the portfolio on display.
var errForecastRunning = plan.Errorf(plan.ECONFLICT, "The forecast is still running; try again when it is up to date.")

// forecastMenu is the Forecast menu: re-run the forecast, take a snapshot.
func (s *Shell) forecastMenu() *fyne.Menu {
	rerun := item("Re-run Forecast", scForecast, s.fc.invalidateNow)
	snap := fyne.NewMenuItem("Take Snapshot…", s.showSnapshotDialog)
	rerun.Disabled, snap.Disabled = !s.open(), !s.open()
	return fyne.NewMenu("Forecast", rerun, snap)
}

// defaultSnapshotName is the name Take Snapshot suggests: "Steering committee, November 2026".
func defaultSnapshotName(d plan.Date) string {
	return fmt.Sprintf("Steering committee, %s %d", d.Month(), d.Year())
}

// showSnapshotDialog asks for a snapshot's name, then takes it.
func (s *Shell) showSnapshotDialog() {
	if !s.open() {
		return
	}
	if s.fc.current() == nil {
		dialog.ShowInformation("Take snapshot", errForecastRunning.Message, s.win)
		return
	}
	name := widget.NewEntry()
	name.SetText(defaultSnapshotName(s.today()))
	name.Validator = func(v string) error {
		if _, err := plan.CheckSnapshotName(v); err != nil {
			return errors.New(plan.ErrorMessage(err))
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem("Name", name)}
	items[0].HintText = "Later forecasts and the board pack show what moved since it."
	d := dialog.NewForm("Take snapshot", "Take Snapshot", "Cancel", items, func(ok bool) {
		if ok {
			s.snapshotFromDialog(name.Text)
		}
	}, s.win)
	d.Resize(fyne.NewSize(480, d.MinSize().Height))
	d.Show()
	s.win.Canvas().Focus(name)
}

func (s *Shell) snapshotFromDialog(name string) {
	if err := s.TakeSnapshot(name); err != nil {
		s.showError(err)
		return
	}
	dialog.ShowInformation("Snapshot taken", s.status.Text+"\nThe board pack now shows the change since this snapshot.", s.win)
}

// TakeSnapshot freezes the last full forecast under name (app.TakeSnapshot),
// dated as of the forecast, and writes it to the file as one undoable
// action "take snapshot NAME". Errors: EINVALID for a bad name, ECONFLICT
// while the forecast of the portfolio on display is not up to date, or the
// store's error.
func (s *Shell) TakeSnapshot(name string) error {
	if _, err := plan.CheckSnapshotName(name); err != nil {
		return err
	}
	f := s.fc.current()
	if f == nil {
		return errForecastRunning
	}
	snap, err := app.TakeSnapshot(context.Background(), editor{s}, f, name)
	if err != nil {
		return err
	}
	s.setStatus(fmt.Sprintf("Took snapshot “%s” of the forecast as of %s (%s, seed %d).", bidi.Isolate(snap.Name), figure.Date(snap.TakenOn), plural(snap.Trials, "trial"), snap.Seed))
	return nil
}
