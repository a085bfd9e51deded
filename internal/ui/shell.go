// Package ui is Steerco's desktop shell: the window, its menus and the
// navigation between screens. Each screen is its own package under ui/ and
// receives the narrow interfaces it needs; no screen touches SQL, simulation
// maths or report layout. The shell never imports fyne.io/fyne/v2/app, so it
// runs headless under the Fyne test driver.
package ui

import (
	"context"
	"fmt"
	"log"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
	"steerco/internal/ui/overview"
)

// Store is what the shell needs of an open portfolio file.
type Store interface {
	Path() string
	Portfolio(ctx context.Context) (*plan.Portfolio, error)
	Close() error
}

// OpenFunc opens a portfolio file (the command wires internal/sqlite in).
type OpenFunc func(ctx context.Context, path string) (Store, error)

// Preference keys.
const (
	prefRecent = "recent_files" // newline-separated, most recent first
	prefWidth  = "window_width"
	prefHeight = "window_height"
)

// Screen is one page of the navigation.
type Screen interface {
	Title() string
	Icon() fyne.Resource
	Object() fyne.CanvasObject
	// Show displays the portfolio (called on the UI goroutine after every load or change).
	Show(p *plan.Portfolio)
}

// Shell is the main window.
type Shell struct {
	app     fyne.App
	win     fyne.Window
	open    OpenFunc
	today   func() plan.Date
	store   Store
	p       *plan.Portfolio
	screens []Screen
	nav     *widget.List
	body    *fyne.Container
	current int
}

// New builds the main window; call Open to load a portfolio, then ShowAndRun.
func New(a fyne.App, open OpenFunc, today func() plan.Date) *Shell {
	s := &Shell{app: a, open: open, today: today}
	s.win = a.NewWindow("Steerco")
	s.screens = []Screen{overview.New(today)}
	s.body = container.NewStack()
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
	split := container.NewHSplit(s.nav, s.body)
	split.Offset = 0.16
	s.win.SetContent(split)
	s.win.SetMainMenu(s.menu())
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

// Portfolio returns the portfolio on display (nil before Open).
func (s *Shell) Portfolio() *plan.Portfolio { return s.p }

// ShowAndRun shows the window and runs the app until it quits.
func (s *Shell) ShowAndRun() { s.win.ShowAndRun() }

func (s *Shell) selectScreen(i widget.ListItemID) {
	s.current = i
	s.body.Objects = []fyne.CanvasObject{s.screens[i].Object()}
	s.body.Refresh()
}

// Open opens the portfolio file at path and shows it. On failure the
// current portfolio stays open and the error is returned.
func (s *Shell) Open(path string) error {
	st, err := s.open(context.Background(), path)
	if err != nil {
		return err
	}
	p, err := st.Portfolio(context.Background())
	if err != nil {
		st.Close()
		return err
	}
	if s.store != nil {
		if err := s.store.Close(); err != nil {
			log.Printf("steerco: closing %s: %v", s.store.Path(), err)
		}
	}
	s.store, s.p = st, p
	s.remember(path)
	s.updateTitle()
	for _, sc := range s.screens {
		sc.Show(p)
	}
	s.win.SetMainMenu(s.menu()) // refresh Open Recent
	return nil
}

func (s *Shell) updateTitle() {
	if s.p == nil {
		s.win.SetTitle("Steerco")
		return
	}
	s.win.SetTitle(fmt.Sprintf("%s — %s — Steerco", s.p.Name, filepath.Base(s.store.Path())))
}

func (s *Shell) menu() *fyne.MainMenu {
	recent := fyne.NewMenuItem("Open Recent", nil)
	for _, path := range s.recent() {
		path := path
		recent.ChildMenu = appendItem(recent.ChildMenu, fyne.NewMenuItem(path, func() { s.openAndReport(path) }))
	}
	if recent.ChildMenu == nil {
		recent.Disabled = true
	}
	open := fyne.NewMenuItem("Open…", s.showOpenDialog)
	open.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	file := fyne.NewMenu("File", open, recent)
	return fyne.NewMainMenu(file)
}

func appendItem(m *fyne.Menu, it *fyne.MenuItem) *fyne.Menu {
	if m == nil {
		return fyne.NewMenu("", it)
	}
	m.Items = append(m.Items, it)
	return m
}

func (s *Shell) addShortcuts() {
	s.win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { s.showOpenDialog() })
}

func (s *Shell) showOpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if r == nil {
			return // cancelled
		}
		path := r.URI().Path()
		r.Close()
		s.openAndReport(path)
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".steerco"}))
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
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

func (s *Shell) recent() []string {
	v := s.app.Preferences().String(prefRecent)
	if v == "" {
		return nil
	}
	return strings.Split(v, "\n")
}

func (s *Shell) remember(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := []string{path}
	for _, r := range s.recent() {
		if r != path && len(list) < 8 {
			list = append(list, r)
		}
	}
	s.app.Preferences().SetString(prefRecent, strings.Join(list, "\n"))
}

func (s *Shell) closed() {
	size := s.win.Canvas().Size()
	s.app.Preferences().SetFloat(prefWidth, float64(size.Width))
	s.app.Preferences().SetFloat(prefHeight, float64(size.Height))
	if s.store != nil {
		s.store.Close()
	}
}

// Today is a helper for callers: the current date on the local clock.
func Today() plan.Date { return plan.DateOf(time.Now()) }
