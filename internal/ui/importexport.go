package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"steerco/internal/atomicfile"
	"steerco/internal/plan"
)

// importExportItems are File › Import… and File › Export JSON…, enabled
// when a portfolio is open.
func (s *Shell) importExportItems() (imp, exp *fyne.MenuItem) {
	imp = item("Import…", scImport, s.showImport)
	imp.Disabled = s.store == nil
	exp = fyne.NewMenuItem("Export JSON…", s.showExportJSONDialog)
	exp.Disabled = s.store == nil
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
	if s.store == nil || s.p == nil {
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
	d.SetFileName(strings.TrimSuffix(filepath.Base(s.store.Path()), ".steerco") + ".json")
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// ExportJSON writes the open portfolio as JSON (the lossless interchange
// format) to path, atomically: a failed export leaves no partial file.
func (s *Shell) ExportJSON(path string) error {
	if s.p == nil {
		return plan.Errorf(plan.EINVALID, "No portfolio is open.")
	}
	if strings.EqualFold(filepath.Ext(path), ".steerco") {
		return plan.Errorf(plan.EINVALID, "%s is a portfolio file name; the JSON export would overwrite it. Choose a .json name.", filepath.Base(path))
	}
	if filepath.Ext(path) == "" {
		path += ".json"
	}
	p := s.p
	if err := atomicfile.Write(path, func(w io.Writer) error { return plan.WriteJSON(w, p) }); err != nil {
		return fmt.Errorf("export JSON to %s: %w", path, err)
	}
	s.setStatus("Exported " + p.Name + " as JSON to " + path + ".")
	return nil
}
