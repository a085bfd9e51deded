package pathdialog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestClean(t *testing.T) {
	home, _ := os.UserHomeDir()
	wd, _ := os.Getwd()
	for _, c := range []struct{ name, in, want string }{
		{"absolute", "/a/b.steerco", "/a/b.steerco"},
		{"single quotes and spaces", "  '/a/b c.steerco'  ", "/a/b c.steerco"},
		{"double quotes", `"/a/b.steerco"`, "/a/b.steerco"},
		{"file URL", "file:///a/b.steerco", "/a/b.steerco"},
		{"home", "~/p.steerco", filepath.Join(home, "p.steerco")},
		{"relative", "rel/p.steerco", filepath.Join(wd, "rel/p.steerco")},
		{"typed after the folder", "/home/a//tmp/p.steerco", "/tmp/p.steerco"},
		{"home typed after the folder", "/home/a/~/p.steerco", filepath.Join(home, "p.steerco")},
	} {
		if got, err := Clean(c.in); err != nil || got != c.want {
			t.Errorf("%s: Clean(%q) = %q, %v; want %q", c.name, c.in, got, err, c.want)
		}
	}
	if _, err := Clean(" \"\" "); err == nil {
		t.Error("an empty path is an error")
	}
	// A form's box has no folder to start again from: a doubled separator
	// is a typo, not a new path.
	if got, err := Expand("/home/a//reports"); err != nil || got != "/home/a/reports" {
		t.Errorf("Expand(/home/a//reports) = %q, %v", got, err)
	}
	if got, err := Expand(" '~/reports' "); err != nil || got != filepath.Join(home, "reports") {
		t.Errorf("Expand(~/reports) = %q, %v", got, err)
	}
}

// harness is a dialog over a test window, in a folder with a file, that
// records the path it accepted.
type harness struct {
	w        fyne.Window
	pd       *Dialog
	dir      string
	file     string
	accepted []string
}

func newHarness(t *testing.T) *harness {
	test.NewTempApp(t)
	h := &harness{dir: t.TempDir()}
	h.file = filepath.Join(h.dir, "budget.xlsx")
	if err := os.WriteFile(h.file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	h.w = test.NewTempWindow(t, nil)
	h.w.Resize(fyne.NewSize(1024, 768))
	h.pd = New(h.w, "Import file", "Import", InFolder(h.dir), func(set func(string)) {}, func(path string) error {
		if err := ExistingFile(path, "spreadsheet"); err != nil {
			return err
		}
		h.accepted = append(h.accepted, path)
		return nil
	})
	h.pd.Show()
	return h
}

// typeIn replaces the box's text with text, typed key by key.
func (h *harness) typeIn(text string) {
	h.pd.Entry.SetText("")
	test.Type(h.pd.Entry, text)
}

func (h *harness) open() bool { return h.w.Canvas().Overlays().Top() != nil }

func TestTypedPathIsAccepted(t *testing.T) {
	h := newHarness(t)
	if h.w.Canvas().Focused() != h.pd.Entry {
		t.Fatal("the path box does not have the typing")
	}
	// The box starts at the folder; what is typed goes after it.
	test.Type(h.pd.Entry, "budget.xlsx")
	if h.pd.Entry.Text != h.file {
		t.Fatalf("typing after the folder gave %q, want %q", h.pd.Entry.Text, h.file)
	}
	test.Tap(h.pd.OK)
	if len(h.accepted) != 1 || h.accepted[0] != h.file {
		t.Errorf("accepted %q, want %s", h.accepted, h.file)
	}
	if h.open() || h.pd.Problem.Visible() {
		t.Errorf("after a good path the dialog is open %v, says %q", h.open(), h.pd.Problem.Text)
	}
}

func TestMissingFileIsSaid(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct{ name, typed, want string }{
		{"missing", filepath.Join(h.dir, "gone.xlsx"), "There is no file at " + filepath.Join(h.dir, "gone.xlsx") + ". Check the path"},
		{"folder", h.dir, "is a folder: type the path of a spreadsheet file in it"},
		{"empty", "  ", "Type the path of a file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			h.typeIn(c.typed)
			h.pd.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // Enter accepts too
			if !h.pd.Problem.Visible() || !strings.Contains(h.pd.Problem.Text, c.want) {
				t.Errorf("typed %q: the dialog says %q (shown %v), want %q", c.typed, h.pd.Problem.Text, h.pd.Problem.Visible(), c.want)
			}
			if !h.open() {
				t.Error("the dialog closed on a bad path")
			}
		})
	}
	if len(h.accepted) != 0 {
		t.Errorf("accepted %q", h.accepted)
	}
}

func TestRelativeAndHomePaths(t *testing.T) {
	h := newHarness(t)
	t.Chdir(h.dir)
	h.typeIn("budget.xlsx")
	test.Tap(h.pd.OK)
	if len(h.accepted) != 1 || h.accepted[0] != h.file {
		t.Fatalf("a path relative to the working folder gave %q, want %s", h.accepted, h.file)
	}

	t.Setenv("HOME", h.dir)
	h.accepted = nil
	h.pd.Show()
	h.typeIn("~/budget.xlsx")
	test.Tap(h.pd.OK)
	if len(h.accepted) != 1 || h.accepted[0] != h.file {
		t.Errorf("~/budget.xlsx with HOME=%s gave %q, want %s", h.dir, h.accepted, h.file)
	}
}

func TestChecks(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.json")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := ExistingFolder(dir); err != nil {
		t.Errorf("ExistingFolder(%s): %v", dir, err)
	}
	for _, c := range []struct{ path, want string }{
		{filepath.Join(dir, "nope"), "does not exist"},
		{file, "is a file, not a folder"},
	} {
		if err := ExistingFolder(c.path); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ExistingFolder(%s) = %v, want %q", c.path, err, c.want)
		}
	}
	if got, err := NewFile(filepath.Join(dir, "b"), ".json"); err != nil || got != filepath.Join(dir, "b.json") {
		t.Errorf("NewFile = %q, %v", got, err)
	}
	if _, err := NewFile(filepath.Join(dir, "no", "b"), ".json"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("NewFile in a missing folder: %v", err)
	}
	if got := Folder(file); got != dir {
		t.Errorf("Folder(%s) = %q, want %s", file, got, dir)
	}
	if got := InFolder(dir); got != dir+string(filepath.Separator) {
		t.Errorf("InFolder = %q", got)
	}
}
