package reports

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
	"steerco/internal/ui/uitest"
)

var today = plan.MustDate("2026-11-21")

type harness struct {
	t      *testing.T
	u      *uitest.Harness
	s      *Screen
	dir    string
	opened []string
	done   chan struct{}
}

// newHarness opens a fresh copy of the demo portfolio file and builds the
// screen over uitest, whose Forecast runs the real app.Forecaster off the UI
// goroutine, as the shell's does.
func newHarness(t *testing.T) *harness {
	t.Helper()
	h := &harness{t: t, u: uitest.Demo(t, today), done: make(chan struct{}, 4)}
	h.dir = filepath.Dir(h.u.FilePath())
	h.s = New(h.u, h.u, h.u, h.u)
	h.s.done = func() { h.done <- struct{}{} }
	h.s.openURL = func(u *url.URL) error { h.opened = append(h.opened, u.String()); return nil }
	h.u.Show(h.s, fyne.NewSize(1400, 860))
	h.s.SelectTemplate("monthly-status") // a short report keeps the test quick
	h.s.trials.SetText("")
	test.Type(h.s.trials, "300") // keep the test quick
	t.Cleanup(func() {
		for _, err := range h.u.Errors {
			t.Errorf("dialog: %v", err)
		}
	})
	return h
}

func (h *harness) wait() {
	h.t.Helper()
	uitest.Wait(h.t, h.done, 5*time.Minute, "the export did not finish in 5 minutes") // the deck and its charts take a minute under -race
}

func TestExportWritesPDFAndExcelThenOpens(t *testing.T) {
	h := newHarness(t)
	s := h.s
	if s.folder.Text != h.dir {
		t.Errorf("default folder %q, want the portfolio's %q", s.folder.Text, h.dir)
	}
	s.SelectTemplate("board-pack")
	if !strings.HasSuffix(s.pdfName.Text, "-board-pack-2026-11-21.pdf") || !strings.HasSuffix(s.xlsxName.Text, "-board-pack-2026-11-21.xlsx") || s.template.Selected != "Board pack" {
		t.Errorf("default names %q, %q for %q", s.pdfName.Text, s.xlsxName.Text, s.template.Selected)
	}
	s.SelectTemplate("monthly-status")
	if !strings.Contains(s.pdfName.Text, "-monthly-status-") || !strings.Contains(s.sections.Text, "Decisions needed") {
		t.Errorf("after choosing monthly-status: name %q, contents %q", s.pdfName.Text, s.sections.Text)
	}
	out := filepath.Join(h.dir, "out")
	os.Mkdir(out, 0o755)
	s.folder.SetText(out)
	test.Tap(s.export)
	h.wait()
	if s.message.Importance != widget.SuccessImportance {
		t.Fatalf("export failed: %s", s.message.Text)
	}
	ents, _ := os.ReadDir(out)
	if len(ents) != 2 {
		t.Fatalf("the folder holds %d files, want the PDF and the workbook", len(ents))
	}
	for _, e := range ents {
		fi, _ := e.Info()
		if strings.HasSuffix(e.Name(), ".tmp") || fi.Size() < 1000 {
			t.Errorf("%s: %d bytes", e.Name(), fi.Size())
		}
	}
	if !s.after.Visible() {
		t.Fatal("no Open file / Open folder after the export")
	}
	test.Tap(s.openFile)
	test.Tap(s.openFolder)
	if len(h.opened) != 2 || !strings.HasPrefix(h.opened[0], "file://") || !strings.HasSuffix(h.opened[0], ".pdf") || !strings.HasSuffix(h.opened[1], "/out") {
		t.Errorf("opened %q", h.opened)
	}
}

func TestExportFailuresLeaveNoFile(t *testing.T) {
	h := newHarness(t)
	s := h.s
	// A missing folder: refused next to the field, before any forecast.
	s.folder.SetText(filepath.Join(h.dir, "missing"))
	test.Tap(s.export)
	h.wait()
	if !s.folderErr.Visible() || !strings.Contains(s.folderErr.Text, "does not exist") {
		t.Errorf("folder error %q", s.folderErr.Text)
	}
	// A folder where the PDF should go: the write fails after the forecast.
	s.folder.SetText(h.dir)
	s.xlsx.SetChecked(false)
	os.Mkdir(filepath.Join(h.dir, "blocked.pdf"), 0o755)
	s.pdfName.SetText("blocked.pdf")
	test.Tap(s.export)
	h.wait()
	if s.message.Importance != widget.DangerImportance || !strings.Contains(s.message.Text, "not exported") || s.after.Visible() {
		t.Errorf("message %q (importance %v); open buttons visible %v", s.message.Text, s.message.Importance, s.after.Visible())
	}
	ents, _ := os.ReadDir(h.dir)
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.HasSuffix(e.Name(), ".xlsx") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
	// Bad trials and seed are refused next to the fields.
	s.trials.SetText("many")
	s.seed.SetText("-1")
	test.Tap(s.export)
	h.wait()
	if !strings.Contains(s.runErr.Text, "Trials") || !strings.Contains(s.runErr.Text, "seed") {
		t.Errorf("run error %q", s.runErr.Text)
	}
	// An unreadable custom template.
	s.template.SetSelected(otherFile)
	s.templatePath.SetText(filepath.Join(h.dir, "nope.json"))
	if !s.templateErr.Visible() || !strings.Contains(s.templateErr.Text, "does not exist") {
		t.Errorf("template error %q", s.templateErr.Text)
	}
}

func TestExportCancel(t *testing.T) {
	h := newHarness(t)
	s := h.s
	out := filepath.Join(h.dir, "out")
	os.Mkdir(out, 0o755)
	s.folder.SetText(out)
	s.trials.SetText("200000")
	test.Tap(s.export)
	test.Tap(s.cancelBtn)
	h.wait()
	if !strings.Contains(s.message.Text, "cancelled") {
		t.Errorf("message %q", s.message.Text)
	}
	if ents, _ := os.ReadDir(out); len(ents) != 0 {
		t.Errorf("a cancelled export left %d files", len(ents))
	}
}

func TestDefaultFolderAvoidsHiddenDataFolders(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	if got := defaultFolder(filepath.Join(home, "plans", "q1.steerco")); got != filepath.Join(home, "plans") {
		t.Errorf("beside the file: got %s", got)
	}
	if got := defaultFolder(filepath.Join(home, ".local", "share", "steerco", "demo.steerco")); got != home {
		t.Errorf("hidden data folder, no Documents: got %s, want %s", got, home)
	}
	if err := os.Mkdir(filepath.Join(home, "Documents"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got := defaultFolder(filepath.Join(home, ".local", "share", "steerco", "demo.steerco")); got != filepath.Join(home, "Documents") {
		t.Errorf("hidden data folder: got %s, want ~/Documents", got)
	}
}

// The ask can be put in the director's words on the Reports screen: stored
// with the portfolio through the Editor (audited, undoable), shown on the
// screen; a note longer than plan.MaxDecisionNote is refused in words and
// nothing is written.
func TestDecisionNote(t *testing.T) {
	h := newHarness(t)
	if !strings.Contains(h.s.note.Text, "generated from the numbers") {
		t.Errorf("note label %q", h.s.note.Text)
	}
	if err := h.s.SetDecisionNote("  Approve the two Patient Data Exchange hires today.  "); err != nil {
		t.Fatal(err)
	}
	if got := h.u.Portfolio().DecisionNote; got != "Approve the two Patient Data Exchange hires today." {
		t.Errorf("stored note %q", got)
	}
	if want := "The ask (director's words): Approve the two Patient Data Exchange hires today."; h.s.note.Text != want {
		t.Errorf("note label %q, want %q", h.s.note.Text, want)
	}
	if err := h.s.SetDecisionNote(strings.Repeat("x", plan.MaxDecisionNote+1)); err == nil {
		t.Fatal("a note over the limit was accepted")
	}
	if !h.s.noteErr.Visible() || !strings.Contains(h.s.noteErr.Text, "at most 20,000") {
		t.Errorf("error label %q", h.s.noteErr.Text)
	}
	if got := h.u.Portfolio().DecisionNote; got != "Approve the two Patient Data Exchange hires today." {
		t.Errorf("a refused note changed the stored one to %d characters", len(got))
	}
}

// TestBrowseButtonsTakeATypedPath: the folder and template buttons open a
// box to type the path into; what does not exist is said there, a good
// path (~ for the home folder) goes into the form's box.
func TestBrowseButtonsTakeATypedPath(t *testing.T) {
	h := newHarness(t)
	s := h.s
	w := h.u.Window()
	out := filepath.Join(h.dir, "reports")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	retype := func(text string) {
		s.chooser.Entry.SetText("")
		test.Type(s.chooser.Entry, text)
		test.Tap(s.chooser.OK)
	}

	test.Tap(s.browseFolder)
	if s.chooser == nil || w.Canvas().Focused() != s.chooser.Entry || s.chooser.Entry.Text != h.dir+string(filepath.Separator) {
		t.Fatalf("the folder button: no path box with the typing at the folder (%v)", s.chooser)
	}
	retype(filepath.Join(h.dir, "nowhere"))
	if !strings.Contains(s.chooser.Problem.Text, "The folder "+filepath.Join(h.dir, "nowhere")+" does not exist") || s.folder.Text != h.dir {
		t.Errorf("a missing folder: the dialog says %q, the form's folder is %q", s.chooser.Problem.Text, s.folder.Text)
	}
	t.Setenv("HOME", h.dir)
	retype("~/reports")
	if s.folder.Text != out || w.Canvas().Overlays().Top() != nil {
		t.Errorf("typed ~/reports with HOME=%s: the form's folder is %q (dialog open %v)", h.dir, s.folder.Text, w.Canvas().Overlays().Top() != nil)
	}

	s.template.SetSelected(otherFile)
	test.Tap(s.browseTmpl)
	retype(filepath.Join(out, "mine.json"))
	if !strings.Contains(s.chooser.Problem.Text, "There is no file at "+filepath.Join(out, "mine.json")) || s.templatePath.Text != "" {
		t.Errorf("a missing template: the dialog says %q, the form's path is %q", s.chooser.Problem.Text, s.templatePath.Text)
	}
	tmpl := filepath.Join(out, "mine.json")
	if err := os.WriteFile(tmpl, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	retype(tmpl)
	if s.templatePath.Text != tmpl {
		t.Errorf("typed %s: the form's template path is %q", tmpl, s.templatePath.Text)
	}
}
