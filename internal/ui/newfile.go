package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/plan"
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
		save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil {
				s.showError(err)
				return
			}
			if w == nil {
				return
			}
			path := w.URI().Path()
			w.Close()
			if err := s.CreateAt(path, p); err != nil {
				s.showError(fmt.Errorf("create %s: %w", path, err))
			}
		}, s.win)
		save.SetFileName(plan.NewID(p.Name, nil) + ".steerco")
		save.Resize(fyne.NewSize(900, 600))
		save.Show()
	}, s.win)
	form.Resize(fyne.NewSize(480, 220))
	form.Show()
}

// CreateAt creates a portfolio file at path holding p and opens it. The file
// dialog has already created an empty file at path (it asked to overwrite if
// one existed), so that placeholder is replaced; any other existing file is
// refused.
func (s *Shell) CreateAt(path string, p *plan.Portfolio) error {
	if err := s.sess.Create(context.Background(), path, p); err != nil {
		return err
	}
	s.show(s.sess.Portfolio())
	return nil
}
