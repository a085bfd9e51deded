package main

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// TestArchitecture keeps the layering of STYLE.md true: the domain, the
// compute core and the briefing model import no toolkit, driver or renderer,
// and each third-party library is imported by the one package that adapts it.
func TestArchitecture(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "migrated_fynedo,sqlite_omit_load_extension", "-json=ImportPath,Imports,Deps", "steerco/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	type pkg struct {
		ImportPath    string
		Imports, Deps []string
	}
	var pkgs []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}

	// Pure packages: nothing from the outside world, even indirectly.
	pure := map[string]bool{
		"steerco/internal/plan": true, "steerco/internal/forecast": true, "steerco/internal/outlook": true,
		"steerco/internal/scenario": true, "steerco/internal/delivery": true, "steerco/internal/report": true,
	}
	banned := []string{"fyne.io/", "database/sql", "github.com/mattn/go-sqlite3", "codeberg.org/go-pdf/", "github.com/xuri/excelize", "github.com/wcharczuk/go-chart"}

	// Adapters: who may import each library directly.
	owners := map[string][]string{
		"github.com/mattn/go-sqlite3":   {"steerco/internal/sqlite"},
		"database/sql":                  {"steerco/internal/sqlite"},
		"codeberg.org/go-pdf/fpdf":      {"steerco/internal/report/pdf"},
		"github.com/xuri/excelize/v2":   {"steerco/internal/report/xlsx", "steerco/internal/ingest/finance"},
		"fyne.io/":                      {"steerco/internal/ui", "steerco/cmd/steerco"},
		"github.com/wcharczuk/go-chart": {"steerco/internal/report/chart"},
		"github.com/golang/freetype":    {"steerco/internal/report/chart"},
	}
	seen := 0
	for _, p := range pkgs {
		if pure[p.ImportPath] {
			seen++
			for _, d := range p.Deps {
				for _, b := range banned {
					if strings.HasPrefix(d, b) {
						t.Errorf("%s depends on %s; the domain and compute core must stay free of toolkits, drivers and renderers", p.ImportPath, d)
					}
				}
			}
		}
		for _, imp := range p.Imports {
			for lib, allowed := range owners {
				if !strings.HasPrefix(imp, lib) {
					continue
				}
				ok := false
				for _, a := range allowed {
					if p.ImportPath == a || strings.HasPrefix(p.ImportPath, a+"/") {
						ok = true
					}
				}
				if !ok {
					t.Errorf("%s imports %s, which only %v may adapt", p.ImportPath, imp, allowed)
				}
			}
		}
	}
	if seen != len(pure) {
		t.Errorf("found %d of the %d pure packages; update the list", seen, len(pure))
	}
}
