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
		// The command line links no toolkit: the window is the build
		// tagged "window" (steerco-window), reached by steerco open.
		if p.ImportPath == "steerco/cmd/steerco" {
			for _, d := range p.Deps {
				if strings.HasPrefix(d, "fyne.io/") {
					t.Errorf("the command line (cmd/steerco without the tag window) depends on %s; the window lives in gui.go, built with -tags window", d)
					break
				}
			}
		}
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

	checkLayers(t, pkgs)
}

// pkg is one package as go list -json describes it.
type pkg struct {
	ImportPath    string
	Imports, Deps []string
}

func under(path, prefix string) bool { return path == prefix || strings.HasPrefix(path, prefix+"/") }

// checkLayers keeps the application layer the one place that sees every
// service: the briefing model imports no renderer, internal/app no toolkit
// and no SQL, only app and cmd (and their own families) import the
// importers, the renderers and the database, and — once the screens are
// ported — no ui package imports a service directly.
func checkLayers(t *testing.T, pkgs []pkg) {
	const s = "steerco/internal/"
	renderers := []string{s + "report/pdf", s + "report/xlsx", s + "report/chart", s + "report/pptx"}
	seenApp := false
	for _, p := range pkgs {
		// The briefing model, and what sits beside it, import no renderer.
		if under(p.ImportPath, s+"report") && !under(p.ImportPath, s+"report/pdf") && !under(p.ImportPath, s+"report/xlsx") && !under(p.ImportPath, s+"report/chart") && !under(p.ImportPath, s+"report/pptx") {
			for _, d := range p.Deps {
				for _, r := range renderers {
					if under(d, r) {
						t.Errorf("%s depends on the renderer %s; the briefing model is data, rendered by app.Export", p.ImportPath, d)
					}
				}
			}
		}
		if p.ImportPath == s+"app" {
			seenApp = true
			for _, d := range p.Deps {
				if strings.HasPrefix(d, "fyne.io/") {
					t.Errorf("internal/app depends on %s; the application layer has no toolkit", d)
				}
			}
			for _, i := range p.Imports {
				if i == "database/sql" || strings.HasPrefix(i, "github.com/mattn/") {
					t.Errorf("internal/app imports %s; SQL stays in internal/sqlite", i)
				}
			}
		}
	}
	if !seenApp {
		t.Error("go list did not list steerco/internal/app")
	}

	// Orchestrated services: who may import them directly.
	importers := []string{s + "ingest/finance", s + "ingest/jira", s + "ingest/msproject", s + "ingest/gantt", s + "ingest/delivery"}
	only := map[string][]string{ // service → allowed importers besides app and cmd
		s + "report/pdf":  {s + "report"},
		s + "report/xlsx": {s + "report"},
		s + "sqlite":      {s + "demo"},
	}
	for _, imp := range importers {
		only[imp] = []string{s + "ingest"}
	}
	for _, p := range pkgs {
		for _, i := range p.Imports {
			allowed, ok := only[i]
			if !ok || under(p.ImportPath, s+"app") || under(p.ImportPath, "steerco/cmd") {
				continue
			}
			fine := false
			for _, a := range allowed {
				fine = fine || under(p.ImportPath, a)
			}
			if !fine {
				t.Errorf("%s imports %s directly; only internal/app and cmd orchestrate it", p.ImportPath, i)
			}
		}
	}
}

// TestScreensImportOnlyApp: no package under internal/ui imports ingest,
// outlook, forecast, report/pdf, report/xlsx or sqlite — the shell and the
// screens go through internal/app (and figure for how figures read).
func TestScreensImportOnlyApp(t *testing.T) {
	out, err := exec.Command("go", "list", "-tags", "migrated_fynedo,sqlite_omit_load_extension", "-f", "{{.ImportPath}} {{join .Imports \" \"}}", "steerco/internal/ui/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const s = "steerco/internal/"
	banned := []string{s + "ingest", s + "outlook", s + "forecast", s + "report/pdf", s + "report/xlsx", s + "sqlite"}
	var offenders []string
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		var bad []string
		for _, i := range f[1:] {
			for _, b := range banned {
				if under(i, b) {
					bad = append(bad, strings.TrimPrefix(i, s))
				}
			}
		}
		if len(bad) > 0 {
			offenders = append(offenders, strings.TrimPrefix(f[0], s)+" ("+strings.Join(bad, ", ")+")")
		}
	}
	if len(offenders) > 0 {
		t.Errorf("these ui packages import services directly; go through internal/app instead: %s", strings.Join(offenders, "; "))
	}
}
