package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/ingest"
)

// realdata is /work/shared/realdata seen from this package (shared/ sits beside the repository).
const realdata = "../../../shared/realdata"

func sample(t *testing.T, rel string) string {
	t.Helper()
	p := filepath.Join(realdata, rel)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data not available (%v); it lives beside the repository in shared/realdata", err)
	}
	return p
}

func TestEveryKindHasAnImporter(t *testing.T) {
	for _, k := range ingest.Kinds {
		if _, ok := AllImporters().Importer(k); !ok {
			t.Errorf("no importer for %s", k)
		}
	}
	if got := len(AllImporters().Kinds()); got != len(ingest.Kinds) {
		t.Errorf("Kinds() has %d kinds, want %d", got, len(ingest.Kinds))
	}
	if _, ok := AllImporters().Importer("spreadsheet"); ok {
		t.Error("an unknown kind has an importer")
	}
}

func TestSheets(t *testing.T) {
	tests := []struct {
		name string
		file string
		want string // name[*hidden], comma-separated
	}{
		{"hidden sheets flagged", "finance/dashboard_hidden_sheets_pivots.xlsx", "Dashboard,Area Line*,Sunburst*,Sheet1*,SafetyData*"},
		{"CSV has no sheets", "finance/epsrc_spend_aug2015_actuals.csv", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data, err := ReadImportFile(sample(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			sheets, err := Sheets(data)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range sheets {
				n := s.Name
				if s.Hidden {
					n += "*"
				}
				got = append(got, n)
			}
			if g := strings.Join(got, ","); g != tc.want {
				t.Errorf("sheets %q, want %q", g, tc.want)
			}
		})
	}
	if _, err := Sheets([]byte("PK\x03\x04 not really a zip")); err == nil {
		t.Error("a damaged workbook listed sheets without an error")
	}
}

func TestReadImportFileRefusals(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.csv"), "no such file"},
		{"folder", dir, "is a folder"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadImportFile(tc.path)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to say %q", err, tc.want)
			}
		})
	}
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(ingest.MaxFileSize + 1); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()
	if _, err := ReadImportFile(big); err == nil || !strings.Contains(err.Error(), "split it") {
		t.Errorf("an oversized file: %v", err)
	}
}
