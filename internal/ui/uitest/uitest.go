// Package uitest is the one harness every screen test uses: a temporary
// copy of a portfolio file opened through the real app.Session, forecasts
// run by the real app.Forecaster (its policy, its as-of rule), and a Fyne
// test window. A Harness implements screen.Services the way the shell does:
// an edit goes through the session's single write path and then every
// screen shown is given the reloaded portfolio and a stale forecast; an
// explicit forecast runs off the UI goroutine and reaches every
// ForecastViewer.
//
//	h := uitest.Demo(t, today)
//	s := overview.New(h, h)
//	h.Show(s, uitest.Laptop)
//	h.Forecast(app.Request{Trials: 500, RiskImpacts: true})
//
// (The shell itself is tested in package ui with its own openDemo helper:
// uitest cannot import ui, whose screens' tests import uitest.)
package uitest

import (
	"context"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/plan"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/uithread"
)

// Window sizes the screens must work at (issue 14): a 13-inch laptop's
// default window and the smallest supported one, less the shell's
// navigation and status bar (measured on the shell: the navigation takes
// 14% of the width plus the split's handle, the status bar one line).
var (
	Laptop = fyne.NewSize(1090, 765) // in a 1280 × 800 window
	Small  = fyne.NewSize(870, 733)  // in a 1024 × 768 window
)

// Harness is one screen test's world. Its methods run on the test's
// goroutine, which the Fyne test driver treats as the UI goroutine.
type Harness struct {
	T          testing.TB
	Session    *app.Session
	Forecaster *app.Forecaster
	// Today is the date the harness's clock says.
	Day plan.Date
	// Win is the test window (nil until Show).
	Win fyne.Window
	// Navigated lists the titles Navigate was asked for, in order.
	Navigated []string
	// Errors lists what ShowError was given.
	Errors []error
	// Edits counts the edits written through Edit.
	Edits int

	screens []screen.Screen
	last    *app.Forecast
	mu      sync.Mutex
	runs    int
	done    chan error
}

// NewApp is test.NewTempApp with uithread's test mode installed after it:
// what screens start with uithread.Go runs on goroutines the test waits
// for, and what they hand back with uithread.Do runs on the test's
// goroutine at a wait point (Settle, WaitForecast, Wait, the test's end).
// Every harness starts with it; a test that builds the shell or a screen
// without a harness calls it instead of test.NewTempApp.
func NewApp(t testing.TB) fyne.App {
	t.Helper()
	a := test.NewTempApp(t)
	uithread.Test(t)
	return a
}

// Wait runs what screens hand back to the UI goroutine until a value
// arrives on ch, for up to within, and returns it; if none does, the test
// fails with the message given.
func Wait[T any](t testing.TB, ch <-chan T, within time.Duration, fatal string) T {
	t.Helper()
	v, ok := uithread.Receive(ch, within)
	if !ok {
		t.Fatal(fatal)
	}
	return v
}

// Demo opens a fresh copy of the demo portfolio (built for today).
func Demo(t testing.TB, today plan.Date) *Harness {
	t.Helper()
	NewApp(t)
	path, err := demo.EnsureDemoFile(context.Background(), t.TempDir(), today)
	if err != nil {
		t.Fatal(err)
	}
	return open(t, path, today)
}

// Portfolio writes p to a new portfolio file in a temporary folder and opens it.
func Portfolio(t testing.TB, p *plan.Portfolio, today plan.Date) *Harness {
	t.Helper()
	NewApp(t)
	path := filepath.Join(t.TempDir(), "test"+app.Extension)
	if err := app.WriteNew(context.Background(), path, p, false); err != nil {
		t.Fatal(err)
	}
	return open(t, path, today)
}

// File opens a temporary copy of the portfolio file at path (the original
// is never written).
func File(t testing.TB, path string, today plan.Date) *Harness {
	t.Helper()
	NewApp(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), filepath.Base(path))
	if err := os.WriteFile(cp, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return open(t, cp, today)
}

func open(t testing.TB, path string, today plan.Date) *Harness {
	t.Helper()
	s := app.NewSession(app.DiskFiles(), nil)
	if err := s.Open(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	h := &Harness{T: t, Session: s, Day: today, done: make(chan error, 256)}
	t.Cleanup(h.Settle) // before the session closes
	h.Forecaster = app.NewForecaster(app.Default, func() plan.Date { return h.Day })
	return h
}

// --- screen.Services ---

// Today implements screen.Clock.
func (h *Harness) Today() plan.Date { return h.Day }

// Policy implements screen.Forecaster.
func (h *Harness) Policy() app.Policy { return h.Forecaster.Policy }

// Portfolio implements screen.Editor.
func (h *Harness) Portfolio() *plan.Portfolio { return h.Session.Portfolio() }

// Edit implements screen.Editor: one action through the session, then
// every screen shown sees the new portfolio and its forecast goes stale.
func (h *Harness) Edit(action string, fn func(p *plan.Portfolio) error) error {
	if err := h.Session.Edit(context.Background(), action, fn); err != nil {
		return err
	}
	h.Edits++
	h.showAll()
	return nil
}

func (h *Harness) showAll() {
	p := h.Session.Portfolio()
	for _, s := range h.screens {
		s.Show(p)
		if v, ok := s.(screen.ForecastViewer); ok {
			v.ShowForecast(h.last, true)
		}
	}
}

// Navigate implements screen.Navigator: it records the title.
func (h *Harness) Navigate(title string) { h.Navigated = append(h.Navigated, title) }

// Window implements screen.Dialogs (nil until Show).
func (h *Harness) Window() fyne.Window { return h.Win }

// ShowError implements screen.Dialogs: it records err.
func (h *Harness) ShowError(err error) { h.Errors = append(h.Errors, err) }

// FilePath implements screen.Files.
func (h *Harness) FilePath() string { return h.Session.Path() }

// Forecast implements screen.Forecaster: r runs on a goroutine through
// the harness's Forecaster; progress and done come back through
// uithread.Do, and a result reaches every ForecastViewer before done is
// called. Wait for it with WaitForecast.
func (h *Harness) Forecast(ctx context.Context, r app.Request, progress func(done, total int), done func(*app.Forecast, error)) {
	p := h.Session.Portfolio()
	h.mu.Lock()
	h.runs++
	h.mu.Unlock()
	var prog app.Progress
	if progress != nil {
		prog = func(d, n int) { uithread.Do(func() { progress(d, n) }) }
	}
	uithread.Go(func() {
		f, _, err := h.Forecaster.Run(ctx, p, r, prog)
		uithread.Do(func() {
			if err == nil && p == h.Session.Portfolio() {
				h.deliver(f)
			}
			done(f, err)
			select {
			case h.done <- err:
			default: // nobody waits for 256 runs: never block the UI goroutine
			}
		})
	})
}

// Runs counts the forecasts asked for through Forecast.
func (h *Harness) Runs() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.runs
}

// WaitForecast runs what screens hand back to the UI goroutine until the
// next run asked for through Forecast has ended, and returns its error.
func (h *Harness) WaitForecast(within time.Duration) error {
	h.T.Helper()
	err, ok := uithread.Receive(h.done, within)
	if !ok {
		return errors.New("uitest: the forecast did not finish in " + within.String())
	}
	return err
}

// Settle runs what screens hand back to the UI goroutine until every
// goroutine they started has ended (for up to two minutes): after it, the
// screens show everything their background work found.
func (h *Harness) Settle() {
	h.T.Helper()
	if err := uithread.Settle(2 * time.Minute); err != nil {
		h.T.Error(err)
	}
}

var _ screen.Services = (*Harness)(nil)

// --- driving screens ---

// NewWindow makes the test window now, before a screen is built (for a
// constructor that registers shortcuts on Window's canvas); Show fills it.
func (h *Harness) NewWindow(size fyne.Size) fyne.Window {
	h.T.Helper()
	if h.Win == nil {
		h.Win = test.NewTempWindow(h.T, canvas.NewRectangle(color.Transparent))
	}
	h.Win.Resize(size)
	return h.Win
}

// Reread reads the portfolio back from the file (a new connection), to
// check what an edit wrote.
func (h *Harness) Reread() *plan.Portfolio {
	h.T.Helper()
	p, err := app.Read(context.Background(), h.Session.Path())
	if err != nil {
		h.T.Fatal(err)
	}
	return p
}

// Show puts s in a test window of size (Laptop, Small, or any), registers
// it for edits and forecasts, and shows the portfolio on it.
func (h *Harness) Show(s screen.Screen, size fyne.Size) fyne.Window {
	h.T.Helper()
	h.screens = append(h.screens, s)
	if h.Win == nil {
		h.Win = test.NewTempWindow(h.T, s.Object())
	} else {
		h.Win.SetContent(s.Object())
	}
	h.Win.Resize(size)
	s.Show(h.Session.Portfolio())
	if v, ok := s.(screen.ForecastViewer); ok && h.last != nil {
		v.ShowForecast(h.last, false)
	}
	return h.Win
}

// Add registers s for edits and forecasts without showing it in the window.
func (h *Harness) Add(s screen.Screen) {
	h.screens = append(h.screens, s)
	s.Show(h.Session.Portfolio())
}

// Run forecasts the open portfolio with r (synchronously, through the
// Forecaster) and shows the result on every ForecastViewer, as the shell
// shows its automatic forecast.
func (h *Harness) Run(r app.Request) *app.Forecast {
	h.T.Helper()
	f, _, err := h.Forecaster.Run(context.Background(), h.Session.Portfolio(), r, nil)
	if err != nil {
		h.T.Fatal(err)
	}
	h.deliver(f)
	return f
}

func (h *Harness) deliver(f *app.Forecast) {
	h.last = f
	for _, s := range h.screens {
		if v, ok := s.(screen.ForecastViewer); ok {
			v.ShowForecast(f, false)
		}
	}
}

// Last is the forecast the screens were last shown (nil before one).
func (h *Harness) Last() *app.Forecast { return h.last }

// Stale tells every ForecastViewer that the forecast is out of date (an
// edit elsewhere), as the shell does.
func (h *Harness) Stale() {
	for _, s := range h.screens {
		if v, ok := s.(screen.ForecastViewer); ok {
			v.ShowForecast(h.last, true)
		}
	}
}

// Tap taps o.
func Tap(o fyne.Tappable) { test.Tap(o) }

// Type types text into o.
func Type(o fyne.Focusable, text string) { test.Type(o, text) }

// Labels is the text of every visible label drawn under o, through the
// test driver's renderers (a table's cells included).
func Labels(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			out = append(out, w.Text)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

// Themes are the two themes every screen is looked at in.
var Themes = []struct {
	Name  string
	Theme fyne.Theme
}{{"light", theme.LightTheme()}, {"dark", theme.DarkTheme()}} //nolint:staticcheck

// Capture writes the window as DIR/name.png when STEERCO_SHOT_DIR=DIR is
// set (a way to look at a screen from its test); it does nothing otherwise.
func (h *Harness) Capture(name string) {
	h.T.Helper()
	dir := os.Getenv("STEERCO_SHOT_DIR")
	if dir == "" || h.Win == nil {
		return
	}
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		h.T.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, h.Win.Canvas().Capture()); err != nil {
		h.T.Fatal(fmt.Errorf("capture %s: %w", name, err))
	}
}
