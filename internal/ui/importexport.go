package ui

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"steerco/internal/app"
)

// importExportItems are File › Import… and File › Export JSON…, enabled
// when a portfolio is open.
func (s *Shell) importExportItems() (imp, exp *fyne.MenuItem) {
	imp = item("Import…", scImport, s.showImport)
	imp.Disabled = !s.open()
	exp = fyne.NewMenuItem("Export JSON…", s.showExportJSONDialog)
	exp.Disabled = !s.open()
	return imp, exp
}

// chooser is the Import screen's file dialog (internal/ui/importer).
type chooser interface {
	ChooseFile()
	Load(path string)
}

// importer returns the Import screen's index and the screen, or -1.
func (s *Shell) importer() (int, chooser) {
	for i, sc := range s.screens {
		if c, ok := sc.(chooser); ok {
			return i, c
		}
	}
	return -1, nil
}

// showImport goes to the Import screen and opens its file dialog.
func (s *Shell) showImport() {
	if i, c := s.importer(); c != nil {
		s.nav.Select(i)
		c.ChooseFile()
	}
}

// ImportFile goes to the Import screen and previews the file at path
// (nothing is written until the user applies the preview).
func (s *Shell) ImportFile(path string) {
	if i, c := s.importer(); c != nil {
		s.nav.Select(i)
		c.Load(path)
	}
}

func (s *Shell) showExportJSONDialog() {
	if !s.open() || s.p == nil {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			s.showError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		path := w.URI().Path()
		w.Close()
		if err := s.ExportJSON(path); err != nil {
			s.showError(err)
		}
	}, s.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json"}))
	d.SetFileName(strings.TrimSuffix(filepath.Base(s.sess.Path()), app.Extension) + ".json")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ExportJSON writes the open portfolio as JSON (the lossless interchange
// format) to path, atomically: a failed export leaves no partial file.
func (s *Shell) ExportJSON(path string) error {
	path, err := app.ExportJSON(path, s.p, s.sess.Path())
	if err != nil {
		return err
	}
	s.setStatus("Exported " + s.p.Name + " as JSON to " + path + ".")
	return nil
}
