package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/pathdialog"
)

// NewPortfolio is an empty portfolio with the given name and currency,
// planning from the Monday of today's week, fiscal year starting in January.
func NewPortfolio(name, currency string, today plan.Date) *plan.Portfolio {
	return app.NewPortfolio(name, currency, time.January, plan.Date(0), today)
}

// showNewDialog asks for a name, a currency and where to save, then creates
// and opens an empty portfolio.
func (s *Shell) showNewDialog() {
	name := widget.NewEntry()
	name.SetPlaceHolder("e.g. Platform Modernisation 2027")
	currency := widget.NewEntry()
	currency.SetText("USD")
	form := dialog.NewForm("New portfolio", "Choose file…", "Cancel", []*widget.FormItem{
		widget.NewFormItem("Name", name),
		widget.NewFormItem("Currency (ISO code)", currency),
	}, func(ok bool) {
		if !ok {
			return
		}
		p := NewPortfolio(strings.TrimSpace(name.Text), strings.ToUpper(strings.TrimSpace(currency.Text)), s.today())
		if err := p.Validate(); err != nil {
			s.showError(err)
			return
		}
		s.newFilePathDialog(p).Show()
	}, s.win)
	form.Resize(fyne.NewSize(480, 220))
	form.Show()
}

// newFilePathDialog asks where to create p: a typed path in the open file's
// folder (or the home folder), or a folder chosen with Browse…. An existing
// file is refused in the dialog, which stays open.
func (s *Shell) newFilePathDialog(p *plan.Portfolio) *pathDialog {
	dir := s.openFolder()
	name := plan.NewID(p.Name, nil) + app.Extension
	var pd *pathDialog
	pd = s.newPathDialog("Create portfolio", "Create", filepath.Join(dir, name), func(func(string)) {
		s.browseFolder(pd, dir, name)
	}, func(path string) error {
		path, err := pathdialog.NewFile(path, app.Extension)
		if err != nil {
			return err
		}
		if _, err := os.Stat(path); err == nil {
			return plan.Errorf(plan.EINVALID, "%s already exists: give the new portfolio another name (File › Open opens that one).", path)
		}
		return s.CreateAt(path, p)
	})
	return pd
}

// CreateAt creates a portfolio file at path holding p and opens it; an
// existing file is refused (an empty one, such as a file dialog's
// placeholder, is replaced).
func (s *Shell) CreateAt(path string, p *plan.Portfolio) error {
	if err := s.sess.Create(context.Background(), path, p); err != nil {
		return err
	}
	s.show(s.sess.Portfolio())
	return nil
}
