// Package ui is Steerco's desktop shell: the window, its menus, keyboard
// shortcuts, undo and redo, the background forecast, and the navigation
// between screens. Each screen is its own package under ui/ and receives the
// screen interfaces it uses (services, in screens.go); no screen touches
// SQL, simulation maths or report layout. The shell never imports
// fyne.io/fyne/v2/app, so it runs headless under the Fyne test driver.
package ui

import (
	"context"
	"fmt"
	"log"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/plan"
	"steerco/internal/ui/screen"
)

// Store is an open portfolio file (app.Store; internal/sqlite's DB).
type Store = app.Store

// Files opens and creates portfolio files (app.Files; app.DiskFiles over internal/sqlite).
type Files = app.Files

// Preference keys.
const (
	prefWidth  = "window_width"
	prefHeight = "window_height"
	prefTheme  = "theme" // "", "light" or "dark"
)

// Shell is the main window.
type Shell struct {
	app     fyne.App
	win     fyne.Window
	today   func() plan.Date
	sess    *app.Session
	p       *plan.Portfolio // the portfolio on display (sess's, once shown)
	screens []screen.Screen
	nav     *widget.List
	body    *fyne.Container
	status  *widget.Label
	current int
	fc      *forecaster
}

// New builds the main window; call Open to load a portfolio, then ShowAndRun.
func New(a fyne.App, files Files, today func() plan.Date) *Shell {
	s := &Shell{app: a, today: today, sess: app.NewSession(files, a.Preferences())}
	s.win = a.NewWindow("Steerco")
	s.fc = newForecaster(s)
	s.screens = buildScreens(services{s})
	s.body = container.NewStack()
	s.status = widget.NewLabel("")
	s.status.Truncation = fyne.TextTruncateEllipsis
	s.nav = widget.NewList(
		func() int { return len(s.screens) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewIcon(theme.HomeIcon()), widget.NewLabel("Navigation"))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Icon).SetResource(s.screens[i].Icon())
			row.Objects[1].(*widget.Label).SetText(s.screens[i].Title())
		},
	)
	s.nav.OnSelected = s.selectScreen
	split := container.NewHSplit(s.nav, container.NewBorder(nil, s.status, nil, nil, s.body))
	split.Offset = 0.14
	s.win.SetContent(split)
	s.applyTheme(a.Preferences().String(prefTheme))
	s.refreshMenu()
	s.addShortcuts()
	w := a.Preferences().FloatWithFallback(prefWidth, 1280)
	h := a.Preferences().FloatWithFallback(prefHeight, 800)
	s.win.Resize(fyne.NewSize(float32(w), float32(h)))
	s.win.SetOnClosed(s.closed)
	s.nav.Select(0)
	s.updateTitle()
	return s
}

// Window returns the main window.
func (s *Shell) Window() fyne.Window { return s.win }

// Services returns what the shell offers screens (for tests that build a
// screen inside the real shell).
func (s *Shell) Services() screen.Services { return services{s} }

// Portfolio returns the portfolio on display (nil before Open).
func (s *Shell) Portfolio() *plan.Portfolio { return s.p }

// ShowAndRun shows the window and runs the app until it quits.
func (s *Shell) ShowAndRun() { s.win.ShowAndRun() }

func (s *Shell) selectScreen(i widget.ListItemID) {
	s.current = i
	s.body.Objects = []fyne.CanvasObject{s.screens[i].Object()}
	s.body.Refresh()
}

func (s *Shell) navigate(title string) {
	for i, sc := range s.screens {
		if sc.Title() == title {
			s.nav.Select(i)
			return
		}
	}
}

// Open opens the portfolio file at path and shows it. On failure the
// current portfolio stays open and the error is returned.
func (s *Shell) Open(path string) error {
	if err := s.sess.Open(context.Background(), path); err != nil {
		return err
	}
	s.show(s.sess.Portfolio())
	s.showWarnings()
	return nil
}

// showWarnings shows what went wrong on the side while the file opened (a
// daily backup that could not be made), in a dialog: the file is open and fine.
func (s *Shell) showWarnings() {
	if w := s.sess.Warnings(); len(w) > 0 {
		log.Printf("steerco: opening %s: %s", s.sess.Path(), strings.Join(w, " "))
		dialog.ShowInformation("Opened with a warning", strings.Join(w, "\n"), s.win)
	}
}

// open reports whether a portfolio file is open.
func (s *Shell) open() bool { return s.sess.IsOpen() }

// show displays p on every screen and schedules a fresh forecast.
func (s *Shell) show(p *plan.Portfolio) {
	s.p = p
	s.updateTitle()
	for _, sc := range s.screens {
		sc.Show(p)
	}
	s.refreshMenu()
	s.fc.invalidate()
}

// edit is screen.Editor.Edit: one action through the file's single write path.
func (s *Shell) edit(action string, fn func(p *plan.Portfolio) error) error {
	if err := s.sess.Edit(context.Background(), action, fn); err != nil {
		return err
	}
	s.show(s.sess.Portfolio())
	return nil
}

// editor is the shell's edit path as an app.Editor (snapshots, imports).
type editor struct{ s *Shell }

func (e editor) Update(_ context.Context, action string, fn func(p *plan.Portfolio) error) error {
	return e.s.edit(action, fn)
}

func (s *Shell) undo() { s.history(s.sess.Undo, "Nothing to undo.", "Undid") }
func (s *Shell) redo() { s.history(s.sess.Redo, "Nothing to redo.", "Redid") }

func (s *Shell) history(op func(context.Context) (string, error), none, done string) {
	if !s.open() {
		return
	}
	action, err := op(context.Background())
	if err != nil {
		s.showError(err)
		return
	}
	if action == "" {
		s.setStatus(none)
		return
	}
	s.show(s.sess.Portfolio())
	s.setStatus(fmt.Sprintf("%s: %s", done, action))
}

// setStatus says msg in the status line, in display order for Fyne
// (bidi.Shaped: a Hebrew name in it reads in order).
func (s *Shell) setStatus(msg string) { s.status.SetText(bidi.Shaped(msg)) }

func (s *Shell) updateTitle() {
	if s.p == nil || !s.open() {
		s.win.SetTitle("Steerco")
		return
	}
	s.win.SetTitle(fmt.Sprintf("%s — %s — Steerco", s.p.Name, filepath.Base(s.sess.Path())))
}

// Shortcuts, shared by the menus and the canvas.
var (
	scOpen     = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	scNew      = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	scSaveAs   = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scUndo     = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}
	scRedo     = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	scRedoAlt  = &desktop.CustomShortcut{KeyName: fyne.KeyY, Modifier: fyne.KeyModifierShortcutDefault}
	scForecast = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	scQuit     = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	scImport   = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	scExport   = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
)

func item(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
	it := fyne.NewMenuItem(label, fn)
	it.Shortcut = sc
	return it
}

func (s *Shell) refreshMenu() {
	recent := fyne.NewMenuItem("Open Recent", nil)
	for _, path := range s.recent() {
		path := path
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(path, func() { s.openAndReport(path) }))
	}
	if recent.ChildMenu == nil {
		recent.Disabled = true
	}
	saveAs := item("Save As…", scSaveAs, s.showSaveAsDialog)
	saveAs.Disabled = !s.open()
	restoreItem := fyne.NewMenuItem("Restore from Backup…", s.showRestoreDialog)
	restoreItem.Disabled = !s.open()
	quit := item("Quit", scQuit, s.app.Quit)
	quit.IsQuit = true
	imp, exp := s.importExportItems()
	pack := item("Export Board Pack…", scExport, s.showReports)
	pack.Disabled = !s.open()
	file := fyne.NewMenu("File",
		item("New…", scNew, s.showNewDialog),
		item("Open…", scOpen, s.showOpenDialog),
		recent,
		fyne.NewMenuItemSeparator(),
		saveAs, restoreItem,
		imp, pack, exp,
		fyne.NewMenuItemSeparator(),
		quit,
	)
	undoLabel, redoLabel := "Undo", "Redo"
	canUndo, canRedo := false, false
	u, r, err := s.sess.UndoRedo(context.Background())
	if err != nil {
		s.setStatus(err.Error())
	}
	if u != "" || r != "" {
		if u != "" {
			undoLabel, canUndo = "Undo "+shorten(u), true
		}
		if r != "" {
			redoLabel, canRedo = "Redo "+shorten(r), true
		}
	}
	undo := item(undoLabel, scUndo, s.undo)
	undo.Disabled = !canUndo
	redo := item(redoLabel, scRedo, s.redo)
	redo.Disabled = !canRedo
	edit := fyne.NewMenu("Edit", undo, redo)
	light := fyne.NewMenuItem("Light Theme", func() { s.setTheme("light") })
	dark := fyne.NewMenuItem("Dark Theme", func() { s.setTheme("dark") })
	system := fyne.NewMenuItem("System Theme", func() { s.setTheme("") })
	cur := s.app.Preferences().String(prefTheme)
	light.Checked, dark.Checked, system.Checked = cur == "light", cur == "dark", cur == ""
	view := fyne.NewMenu("View", light, dark, system)
	s.win.SetMainMenu(fyne.NewMainMenu(file, edit, s.forecastMenu(), view))
}

func shorten(s string) string {
	if r := []rune(s); len(r) > 48 {
		return string(r[:47]) + "…"
	}
	return s
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", it)
	}
	m.Items = append(m.Items, it)
	return m
}

func (s *Shell) addShortcuts() {
	c := s.win.Canvas()
	c.AddShortcut(scOpen, func(fyne.Shortcut) { s.showOpenDialog() })
	c.AddShortcut(scNew, func(fyne.Shortcut) { s.showNewDialog() })
	c.AddShortcut(scSaveAs, func(fyne.Shortcut) { s.showSaveAsDialog() })
	c.AddShortcut(scUndo, func(fyne.Shortcut) { s.undo() })
	c.AddShortcut(scRedo, func(fyne.Shortcut) { s.redo() })
	c.AddShortcut(scRedoAlt, func(fyne.Shortcut) { s.redo() })
	// The desktop driver turns Ctrl+Z and Ctrl+Y (Cmd on macOS) into
	// fyne.ShortcutUndo and fyne.ShortcutRedo, never into the custom
	// shortcuts above, and matches shortcuts by name: without these two,
	// the keys did nothing while Edit › Undo worked. A focused entry gets
	// them first and undoes its own typing, as text fields do.
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { s.undo() })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { s.redo() })
	c.AddShortcut(scForecast, func(fyne.Shortcut) { s.fc.invalidateNow() })
	c.AddShortcut(scQuit, func(fyne.Shortcut) { s.app.Quit() })
	c.AddShortcut(scImport, func(fyne.Shortcut) { s.importIfOpen() })
	c.AddShortcut(scExport, func(fyne.Shortcut) { s.showReports() })
}

// showReports goes to the Reports screen, where the board pack is exported.
func (s *Shell) showReports() {
	if s.open() {
		s.navigate("Reports")
	}
}

// importIfOpen is Import… from the keyboard: like the menu item, only with a
// portfolio open.
func (s *Shell) importIfOpen() {
	if s.open() {
		s.showImport()
	}
}

// showOpenDialog is File › Open (Ctrl+O): a typed path or Browse… (pathdialog.go).
func (s *Shell) showOpenDialog() { s.openPathDialog().Show() }

// showSaveAsDialog is File › Save As (Ctrl+Shift+S), with a portfolio open.
func (s *Shell) showSaveAsDialog() {
	if s.open() {
		s.saveAsPathDialog().Show()
	}
}

// SaveAs writes a consistent copy of the open portfolio to path (through
// SQLite's backup) and continues working on the copy, as desktop apps do.
func (s *Shell) SaveAs(path string) error {
	path, err := s.sess.SaveAs(context.Background(), path)
	if err != nil {
		return err
	}
	s.show(s.sess.Portfolio())
	s.setStatus("Saved a copy as " + path + "; you are now working on the copy.")
	return nil
}

func (s *Shell) openAndReport(path string) {
	if err := s.Open(path); err != nil {
		s.showError(fmt.Errorf("open %s: %w", path, err))
	}
}

// showError shows the person-facing message and logs the whole chain.
func (s *Shell) showError(err error) {
	log.Printf("steerco: %v", err)
	dialog.ShowError(fmt.Errorf("%s", plan.ErrorMessage(err)), s.win)
}

// MostRecent returns the portfolio file opened last in this app (from its
// preferences), or "" when there is none or it no longer exists.
func MostRecent(a fyne.App) string { return app.MostRecent(a.Preferences()) }

func (s *Shell) recent() []string { return s.sess.Recent() }

func (s *Shell) closed() {
	s.fc.stop()
	size := s.win.Canvas().Size()
	s.app.Preferences().SetFloat(prefWidth, float64(size.Width))
	s.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	if err := s.sess.Close(); err != nil {
		log.Printf("steerco: closing the portfolio: %v", err)
	}
}
