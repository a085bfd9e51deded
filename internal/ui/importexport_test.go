package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/plan"
)

func TestFileMenuImportAndExportJSON(t *testing.T) {
	s, dir, path := openDemo(t)
	var labels []string
	for _, it := range s.Window().MainMenu().Items[0].Items {
		if it.Label == "Import…" || it.Label == "Export JSON…" {
			labels = append(labels, it.Label)
			if it.Disabled {
				t.Errorf("%s is disabled with a portfolio open", it.Label)
			}
		}
	}
	if len(labels) != 2 {
		t.Errorf("File menu has %v of Import… and Export JSON…", labels)
	}

	out := filepath.Join(dir, "out.json")
	if err := s.ExportJSON(out); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	back, err := plan.ReadJSON(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	if back.Name != s.Portfolio().Name || len(back.Items) != len(s.Portfolio().Items) {
		t.Errorf("exported %q with %d items", back.Name, len(back.Items))
	}
	if err := s.ExportJSON(path); err == nil || !strings.Contains(plan.ErrorMessage(err), "would overwrite") {
		t.Errorf("exporting over the portfolio file: %v", err)
	}
	if err := s.ExportJSON(filepath.Join(dir, "missing", "x.json")); err == nil {
		t.Error("exporting into a missing folder succeeded")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}

	if i, c := s.importer(); c == nil {
		t.Skip("the Import screen is not registered")
	} else {
		s.ImportFile(filepath.Join(dir, "nope.csv"))
		if s.current != i {
			t.Errorf("ImportFile left the navigation on screen %d, want %d", s.current, i)
		}
	}
}
