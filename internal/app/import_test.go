package app

import (
	"context"
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

func TestImportPreviewAndApply(t *testing.T) {
	ctx := context.Background()
	s := NewSession(DiskFiles(), nil)
	if err := s.Create(ctx, filepath.Join(t.TempDir(), "i.steerco"), demoPortfolio(t)); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	im := AllImporters()

	if _, _, err := im.Preview(ctx, s.Portfolio(), ImportRequest{Source: "notes.bin", Data: []byte{0, 1, 2, 3, 0xff, 0xfe, 0}}); err == nil ||
		!strings.Contains(err.Error(), "notes.bin cannot be imported; nothing was written") {
		t.Errorf("undetectable file: %v", err)
	}
	delete(im, ingest.Finance)
	if _, _, err := im.Preview(ctx, s.Portfolio(), ImportRequest{Source: "x.csv", Data: []byte("a,b\n1,2\n"), Kind: ingest.Finance}); err == nil ||
		!strings.Contains(err.Error(), "not available in this build") {
		t.Errorf("a kind this table lacks: %v", err)
	}

	path := sample(t, "dora/gearset_deployments_with_prs.csv")
	data, err := ReadImportFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pv, kind, err := AllImporters().Preview(ctx, s.Portfolio(), ImportRequest{Source: path, Data: data, Today: day})
	if err != nil {
		t.Fatal(err)
	}
	if kind != ingest.Delivery || pv.HasErrors() || len(pv.Changes) == 0 {
		t.Fatalf("preview: kind %s, errors %v, %d changes", kind, pv.HasErrors(), len(pv.Changes))
	}
	before := s.Portfolio()
	if err := ApplyImport(ctx, s, pv); err != nil {
		t.Fatal(err)
	}
	if s.Portfolio() == before {
		t.Error("applying the import did not reload the portfolio")
	}
	if u, _, _ := s.UndoRedo(ctx); u == "" {
		t.Error("the import is not one undoable action")
	}
}
