package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"steerco/internal/app"
	"steerco/internal/demo"
	"steerco/internal/plan"
)

// typeInto replaces what the box holds with text, typed key by key.
func typeInto(pd *pathDialog, text string) {
	pd.Entry.SetText("")
	test.Type(pd.Entry, text)
}

func TestOpenTakesATypedPath(t *testing.T) {
	s, dir, _ := openDemo(t)
	other := filepath.Join(dir, "other")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	target, err := demo.EnsureDemoFile(context.Background(), other, plan.MustDate("2026-11-21"))
	if err != nil {
		t.Fatal(err)
	}
	notPortfolio := filepath.Join(dir, "notes.steerco")
	if err := os.WriteFile(notPortfolio, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}

	pd := s.openPathDialog()
	pd.Show()
	if s.Window().Canvas().Focused() != pd.Entry {
		t.Error("the path box does not have the typing")
	}
	// What is typed goes after the folder the box starts with.
	test.Type(pd.Entry, "x")
	if pd.Entry.Text != dir+string(filepath.Separator)+"x" {
		t.Errorf("typing after the folder gave %q", pd.Entry.Text)
	}
	if !strings.HasPrefix(pd.Entry.Text, dir) {
		t.Errorf("the box starts at %q, want the open file's folder %s", pd.Entry.Text, dir)
	}
	for _, c := range []struct{ name, typed, want string }{
		{"empty", "   ", "Type the path of a file"},
		{"missing", filepath.Join(dir, "gone.steerco"), "There is no file at " + filepath.Join(dir, "gone.steerco")},
		{"folder", other, "is a folder"},
		{"not a portfolio", notPortfolio, "not a Steerco portfolio"},
	} {
		t.Run(c.name, func(t *testing.T) {
			typeInto(pd, c.typed)
			test.Tap(pd.OK)
			if !pd.Problem.Visible() || !strings.Contains(pd.Problem.Text, c.want) {
				t.Errorf("typed %q: the dialog says %q (shown %v), want %q", c.typed, pd.Problem.Text, pd.Problem.Visible(), c.want)
			}
			if s.Window().Canvas().Overlays().Top() == nil {
				t.Error("the dialog closed on a bad path")
			}
		})
	}
	// The file open already: nothing to do, and not "open in another Steerco".
	typeInto(pd, s.sess.Path())
	test.Tap(pd.OK)
	if pd.Problem.Text != "" && strings.Contains(pd.Problem.Text, "another Steerco") {
		t.Errorf("opening the open file: %q", pd.Problem.Text)
	}
	if !strings.Contains(s.status.Text, "open already") {
		t.Errorf("status %q", s.status.Text)
	}
	pd.Show()
	// A good path, quoted as a file manager copies it, opened with Enter.
	typeInto(pd, ` "`+target+`" `)
	pd.Entry.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.sess.Path() != target {
		t.Fatalf("open file %q, want %q (dialog says %q)", s.sess.Path(), target, pd.Problem.Text)
	}
	if s.Window().Canvas().Overlays().Top() != nil {
		t.Error("the dialog stayed open after opening the file")
	}
}

func TestSaveAsTakesATypedPath(t *testing.T) {
	s, dir, path := openDemo(t)
	pd := s.saveAsPathDialog()
	pd.Show()
	if want := filepath.Join(dir, "demo copy"+app.Extension); pd.Entry.Text != want {
		t.Errorf("the box starts at %q, want %q", pd.Entry.Text, want)
	}
	for _, c := range []struct{ name, typed, want string }{
		{"no folder", filepath.Join(dir, "nowhere", "x.steerco"), "The folder " + filepath.Join(dir, "nowhere") + " does not exist"},
		{"a folder", dir, "is a folder"},
		{"the open file", path, "the file you have open"},
	} {
		t.Run(c.name, func(t *testing.T) {
			typeInto(pd, c.typed)
			test.Tap(pd.OK)
			if !pd.Problem.Visible() || !strings.Contains(pd.Problem.Text, c.want) {
				t.Errorf("typed %q: the dialog says %q, want %q", c.typed, pd.Problem.Text, c.want)
			}
			if s.sess.Path() != path {
				t.Errorf("now on %s", s.sess.Path())
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("a refused Save As made a folder")
	}
	// A typed name without the extension: it is added, and the shell goes on with the copy.
	typeInto(pd, filepath.Join(dir, "board pack"))
	test.Tap(pd.OK)
	want := filepath.Join(dir, "board pack"+app.Extension)
	if s.sess.Path() != want {
		t.Fatalf("working on %q, want %q (dialog says %q)", s.sess.Path(), want, pd.Problem.Text)
	}
	if p, err := app.Read(context.Background(), want); err != nil || p.Name != s.Portfolio().Name {
		t.Errorf("the copy: %v", err)
	}

	// Over an existing file: it asks first, and nothing is replaced until then.
	other := filepath.Join(dir, "keep"+app.Extension)
	if err := os.WriteFile(other, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	pd = s.saveAsPathDialog()
	pd.Show()
	typeInto(pd, other)
	test.Tap(pd.OK)
	if b, _ := os.ReadFile(other); string(b) != "mine" {
		t.Error("an existing file was replaced without asking")
	}
	if s.Window().Canvas().Overlays().Top() == nil {
		t.Error("no question before replacing an existing file")
	}
}

func TestNewTakesATypedPath(t *testing.T) {
	s, dir, path := openDemo(t)
	pd := s.newFilePathDialog(NewPortfolio("Platform 2027", "EUR", s.today()))
	pd.Show()
	if want := filepath.Join(dir, "platform-2027"+app.Extension); pd.Entry.Text != want {
		t.Errorf("the box starts at %q, want %q", pd.Entry.Text, want)
	}
	for _, c := range []struct{ name, typed, want string }{
		{"existing", path, "already exists"},
		{"no folder", filepath.Join(dir, "nowhere", "p"), "does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			typeInto(pd, c.typed)
			test.Tap(pd.OK)
			if !pd.Problem.Visible() || !strings.Contains(pd.Problem.Text, c.want) || s.sess.Path() != path {
				t.Errorf("typed %q: the dialog says %q, now on %s; want %q", c.typed, pd.Problem.Text, s.sess.Path(), c.want)
			}
		})
	}
	typeInto(pd, filepath.Join(dir, "fresh"))
	test.Tap(pd.OK)
	if want := filepath.Join(dir, "fresh"+app.Extension); s.sess.Path() != want || s.Portfolio().Name != "Platform 2027" || len(s.Portfolio().Items) != 0 {
		t.Errorf("now on %s (%q), want the new, empty %s (dialog says %q)", s.sess.Path(), s.Portfolio().Name, want, pd.Problem.Text)
	}
}
