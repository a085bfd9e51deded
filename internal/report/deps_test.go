package report_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestNoRendererImports keeps the briefing model free of renderers, drivers and the toolkit.
func TestNoRendererImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "steerco/internal/report").Output()
	if err != nil {
		t.Skipf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"codeberg.org/go-pdf", "github.com/xuri/excelize", "github.com/wcharczuk/go-chart", "fyne.io/", "database/sql", "github.com/mattn/go-sqlite3"} {
			if strings.HasPrefix(dep, banned) {
				t.Errorf("internal/report depends on %s", dep)
			}
		}
	}
}
