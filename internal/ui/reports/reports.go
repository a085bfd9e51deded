// Package reports is the Reports screen: choose a report template, the
// outputs (PDF, Excel, PowerPoint, the charts one by one), the folder and file names, the trials and the
// seed, then Export runs a fresh forecast (progress bar and Cancel) and
// writes the briefing through app.Export (atomically) on a
// goroutine. Afterwards it offers to open the file or its folder.
package reports

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/figure"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/pathdialog"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/settle"
	"steerco/internal/ui/uithread"
)

// Title is the screen's navigation label.
const Title = "Reports"

// otherFile is the template choice that reads a template from a file.
const otherFile = "Other file…"

// Screen is the Reports screen.
type Screen struct {
	ed    screen.Editor
	fc    screen.Forecaster
	dl    screen.Dialogs
	files screen.Files
	p     *plan.Portfolio

	template     *widget.Select
	templatePath *widget.Entry
	browseTmpl   *widget.Button
	pathRow      *fyne.Container
	templateInfo *widget.Label
	templateErr  *widget.Label
	sections     *widget.Label
	pdf          *widget.Check
	xlsx         *widget.Check
	pptx         *widget.Check
	charts       *widget.Check
	pptxName     *widget.Entry
	folder       *widget.Entry
	browseFolder *widget.Button
	chooser      *pathdialog.Dialog // the last path dialog of a Browse button
	folderErr    *widget.Label
	pdfName      *widget.Entry
	xlsxName     *widget.Entry
	namesErr     *widget.Label
	trials       *widget.Entry
	seed         *widget.Entry
	runErr       *widget.Label
	export       *widget.Button
	progress     *widget.ProgressBar
	rendering    *widget.ProgressBarInfinite
	cancelBtn    *widget.Button
	busy         *fyne.Container
	message      *widget.Label
	openFile     *widget.Button
	openFolder   *widget.Button
	after        *fyne.Container
	note         *widget.Label
	noteErr      *widget.Label
	editNote     *widget.Button
	form         *widget.Form
	left         *fyne.Container
	root         fyne.CanvasObject

	builtins    map[string]string // template select label → built-in name
	cancel      context.CancelFunc
	gen         int
	lastDefault string   // the base name last filled in, to tell it from the user's own
	written     []string // files written by the last export

	// openURL opens a file or folder with the desktop's default application
	// (fyne.CurrentApp().OpenURL); tests replace it.
	openURL func(u *url.URL) error
	// done, when set, is called when an export ends (tests).
	done func()
}

// New builds the Reports screen: ed changes the portfolio (the decision
// sheet's note), fc runs the report's forecast (the
// policy's trials and seed by default, app's as-of rule), dl is the window
// its dialogs open over, files names the portfolio file (its folder is the
// default output folder).
func New(ed screen.Editor, fc screen.Forecaster, dl screen.Dialogs, files screen.Files) *Screen {
	s := &Screen{ed: ed, fc: fc, dl: dl, files: files}
	s.openURL = func(u *url.URL) error { return fyne.CurrentApp().OpenURL(u) }
	var labels []string
	s.builtins = map[string]string{}
	for _, n := range app.TemplateNames() {
		l := n
		if t, err := app.LoadTemplate(n); err == nil && t.Title != "" {
			l = t.Title
		}
		s.builtins[l] = n
		labels = append(labels, l)
	}
	s.template = widget.NewSelect(append(labels, otherFile), func(string) { s.templateChanged() })
	s.templatePath = widget.NewEntry()
	s.templatePath.SetPlaceHolder("path of a template file (.json)")
	s.templatePath.OnChanged = func(string) { s.templateChanged() }
	s.browseTmpl = widget.NewButtonWithIcon("", theme.FolderOpenIcon(), s.chooseTemplate)
	s.pathRow = container.NewBorder(nil, nil, nil, s.browseTmpl, s.templatePath)
	s.pathRow.Hide()
	s.templateInfo = widget.NewLabel("")
	s.templateInfo.Wrapping = fyne.TextWrapWord
	s.templateErr = field.ErrorLabel()
	s.sections = widget.NewLabel("")
	s.sections.Wrapping = fyne.TextWrapWord
	s.pdf = widget.NewCheck("PDF for the meeting", nil)
	s.pdf.SetChecked(true)
	s.xlsx = widget.NewCheck("Excel workbook for finance", nil)
	s.xlsx.SetChecked(true)
	s.pptx = widget.NewCheck("PowerPoint slides for the company deck", nil)
	s.charts = widget.NewCheck("Each chart on its own (PNG and SVG)", nil)
	s.pptxName = widget.NewEntry()
	s.folder = widget.NewEntry()
	s.browseFolder = widget.NewButtonWithIcon("", theme.FolderOpenIcon(), s.chooseFolder)
	s.folderErr = field.ErrorLabel()
	s.pdfName = widget.NewEntry()
	s.xlsxName = widget.NewEntry()
	s.namesErr = field.ErrorLabel()
	s.trials = widget.NewEntry()
	s.trials.SetText(strconv.Itoa(fc.Policy().FullTrials))
	s.seed = widget.NewEntry()
	s.seed.SetText(strconv.FormatUint(fc.Policy().Seed, 10))
	s.runErr = field.ErrorLabel()
	s.export = widget.NewButtonWithIcon("Export", theme.DocumentSaveIcon(), s.Export)
	s.export.Importance = widget.HighImportance
	s.progress = widget.NewProgressBar()
	s.rendering = widget.NewProgressBarInfinite()
	s.rendering.Stop()
	s.rendering.Hide()
	s.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.Cancel)
	s.busy = container.NewBorder(nil, nil, nil, s.cancelBtn, container.NewStack(s.progress, s.rendering))
	s.busy.Hide()
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord
	s.openFile = widget.NewButtonWithIcon("Open file", theme.FileIcon(), s.OpenFile)
	s.openFolder = widget.NewButtonWithIcon("Open folder", theme.FolderIcon(), s.OpenFolder)
	s.after = container.NewHBox(s.openFile, s.openFolder)
	s.after.Hide()
	s.note = widget.NewLabel("")
	s.note.Wrapping = fyne.TextWrapWord
	s.noteErr = field.ErrorLabel()
	s.editNote = widget.NewButtonWithIcon("Edit the ask…", theme.DocumentCreateIcon(), s.editNoteDialog)

	heading := widget.NewLabelWithStyle("Reports", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("Export the board pack (or another template) from a fresh forecast: a PDF for the meeting, an Excel workbook for finance, PowerPoint slides for the company deck.")
	intro.Wrapping = fyne.TextWrapWord
	s.form = widget.NewForm(
		widget.NewFormItem("Template", container.NewVBox(s.template, s.pathRow, s.templateInfo, s.templateErr)),
		widget.NewFormItem("Outputs", container.NewVBox(s.pdf, s.xlsx, s.pptx, s.charts)),
		widget.NewFormItem("Folder", container.NewVBox(container.NewBorder(nil, nil, nil, s.browseFolder, s.folder), s.folderErr)),
		widget.NewFormItem("PDF file", s.pdfName),
		widget.NewFormItem("Excel file", s.xlsxName),
		widget.NewFormItem("PowerPoint file", container.NewVBox(s.pptxName, s.namesErr)),
		widget.NewFormItem("Trials", s.trials),
		widget.NewFormItem("Seed", container.NewVBox(s.seed, s.runErr)),
	)
	s.left = settle.VBox(intro, s.form, container.NewHBox(s.export), s.busy, s.message, s.after)
	right := container.NewVBox(widget.NewCard("Contents", "", s.sections),
		widget.NewCard("The ask on the decision sheet", "", container.NewVBox(s.note, container.NewHBox(s.editNote), s.noteErr)))
	s.root = container.NewBorder(heading, nil, nil, nil,
		container.NewVScroll(container.NewPadded(container.NewGridWithColumns(2, s.left, right))))
	s.pdf.OnChanged = func(bool) { s.outputsChanged() }
	s.xlsx.OnChanged = func(bool) { s.outputsChanged() }
	s.pptx.OnChanged = func(bool) { s.outputsChanged() }
	s.charts.OnChanged = func(bool) { s.outputsChanged() }
	s.SelectTemplate(app.DefaultTemplate)
	s.refresh()
	return s
}

func setError(l *widget.Label, msg string) {
	l.SetText(msg)
	if msg == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// SelectTemplate chooses a built-in template by name ("monthly-status").
func (s *Screen) SelectTemplate(name string) {
	for l, n := range s.builtins {
		if n == name {
			s.template.SetSelected(l)
		}
	}
}

// Title is the navigation label.
func (s *Screen) Title() string { return Title }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.DocumentPrintIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show takes the portfolio and fills the default folder and names.
func (s *Screen) Show(p *plan.Portfolio) {
	s.p = p
	if s.folder.Text == "" {
		if fp := s.files.FilePath(); fp != "" {
			s.folder.SetText(defaultFolder(fp))
		}
	}
	s.fillNames(false)
	s.showNote()
	s.refresh()
}

// showNote says what the decision sheet's ask will be: the director's
// words, or the ask generated from the numbers.
func (s *Screen) showNote() {
	if s.p == nil || strings.TrimSpace(s.p.DecisionNote) == "" {
		s.note.SetText("The decision sheet's ask is generated from the numbers.")
		return
	}
	s.note.SetText(app.DecisionNotePrefix + s.p.DecisionNote)
}

// SetDecisionNote stores text as the decision sheet's ask, in the
// director's words ("" goes back to the generated ask), as one audited,
// undoable edit; a refused note is shown under the button and returned.
func (s *Screen) SetDecisionNote(text string) error {
	text = strings.TrimSpace(text)
	err := s.ed.Edit("edit the decision note", func(p *plan.Portfolio) error {
		p.DecisionNote = text
		return nil
	})
	msg := ""
	if err != nil {
		if msg = screen.Problem(err, "decision_note"); msg == "" {
			msg = plan.ErrorMessage(err)
		}
	}
	setError(s.noteErr, msg)
	return err
}

// editNoteDialog edits the note in a dialog (a long wrapped entry is slow
// inside the form).
func (s *Screen) editNoteDialog() {
	e := widget.NewMultiLineEntry()
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(6)
	if s.p != nil {
		e.SetText(s.p.DecisionNote)
	}
	e.SetPlaceHolder("The ask in your own words; leave empty for the ask generated from the numbers")
	d := dialog.NewForm("The ask on the decision sheet", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("The ask", e)}, func(ok bool) {
		if ok {
			s.SetDecisionNote(e.Text)
		}
	}, s.dl.Window())
	d.Resize(fyne.NewSize(640, 320))
	d.Show()
}

// asOf is the report's date, by app's one as-of rule (today, or the
// planning start if that is later), for the file names.
func (s *Screen) asOf() plan.Date {
	if s.p == nil {
		return s.fc.Today()
	}
	return app.AsOf(s.p, s.fc.Today(), 0)
}

// loadTemplate reads the chosen template.
func (s *Screen) loadTemplate() (*app.Template, error) {
	name := s.builtins[s.template.Selected]
	if s.template.Selected == "" {
		return nil, plan.Errorf(plan.EINVALID, "Choose a template.")
	}
	if s.template.Selected == otherFile {
		name = strings.TrimSpace(s.templatePath.Text)
		if name == "" {
			return nil, plan.Errorf(plan.EINVALID, "Give the path of a template file, or choose a built-in template.")
		}
		if p, err := pathdialog.Expand(name); err == nil {
			name = p // ~ and quotes as in the path dialog; always a path here, never a built-in name
		}
	}
	return app.LoadTemplate(name)
}

// templateChanged shows the template's description (or what is wrong with
// it) and proposes file names for it.
func (s *Screen) templateChanged() {
	if s.template.Selected == otherFile {
		s.pathRow.Show()
	} else {
		s.pathRow.Hide()
	}
	t, err := s.loadTemplate()
	if err != nil {
		s.templateInfo.SetText("")
		s.sections.SetText("")
		setError(s.templateErr, message(err))
	} else {
		s.templateInfo.SetText(t.Description)
		setError(s.templateErr, "")
		lines := make([]string, len(t.Sections))
		for i, sec := range t.Sections {
			lines[i] = fmt.Sprintf("%d. %s", i+1, sec.Title)
		}
		s.sections.SetText(fmt.Sprintf("%s, %s; dates quoted at P%d; green from %s, amber from %s.\n\n%s",
			t.Title, paperLabel(t.Paper, t.Orientation), t.Confidence, figure.Percent(t.RAG.Green), figure.Percent(t.RAG.Amber), strings.Join(lines, "\n")))
	}
	s.fillNames(true)
}

// fillNames proposes "portfolio-template-date.pdf/.xlsx", keeping names the
// user typed unless force (a new template) is set.
func (s *Screen) fillNames(force bool) {
	if s.p == nil {
		return
	}
	tname := "report"
	if t, err := s.loadTemplate(); err == nil {
		tname = t.Name
	}
	base := app.ReportName(s.p.Name, tname, s.asOf())
	for _, e := range []struct {
		entry *widget.Entry
		ext   string
	}{{s.pdfName, ".pdf"}, {s.xlsxName, ".xlsx"}, {s.pptxName, ".pptx"}} {
		if force || e.entry.Text == "" || e.entry.Text == s.lastDefault+e.ext {
			e.entry.SetText(base + e.ext)
		}
	}
	s.lastDefault = base
}

func (s *Screen) outputsChanged() {
	if s.pdf.Checked {
		s.pdfName.Enable()
	} else {
		s.pdfName.Disable()
	}
	if s.xlsx.Checked {
		s.xlsxName.Enable()
	} else {
		s.xlsxName.Disable()
	}
	if s.pptx.Checked {
		s.pptxName.Enable()
	} else {
		s.pptxName.Disable()
	}
	s.refresh()
}

// chooseTemplate asks for a template file by its path (typed, or found with
// Browse…), starting at the path in the box or the portfolio's folder; a
// path that is not a file is said in the dialog, a good one goes into the box.
func (s *Screen) chooseTemplate() {
	dir := s.startFolder(s.templatePath.Text)
	initial := strings.TrimSpace(s.templatePath.Text)
	if initial == "" {
		initial = pathdialog.InFolder(dir)
	}
	s.chooser = pathdialog.New(s.dl.Window(), "Report template", "Use template", initial, func(set func(string)) {
		pathdialog.BrowseFile(s.dl.Window(), dir, []string{".json"}, set, s.dl.ShowError)
	}, func(path string) error {
		if err := pathdialog.ExistingFile(path, "template (.json)"); err != nil {
			return err
		}
		s.templatePath.SetText(path)
		return nil
	})
	s.chooser.Entry.SetPlaceHolder("/path/to/template.json")
	s.chooser.Show()
}

// chooseFolder asks for the folder the report is written to by its path
// (typed, or found with Browse…); a folder that does not exist is said in
// the dialog, a good one goes into the Folder box.
func (s *Screen) chooseFolder() {
	dir := s.startFolder(s.folder.Text)
	s.chooser = pathdialog.New(s.dl.Window(), "Folder for the report", "Use folder", pathdialog.InFolder(dir), func(set func(string)) {
		pathdialog.BrowseFolder(s.dl.Window(), dir, set, s.dl.ShowError)
	}, func(path string) error {
		if err := pathdialog.ExistingFolder(path); err != nil {
			return err
		}
		s.folder.SetText(path)
		return nil
	})
	s.chooser.Entry.SetPlaceHolder("/path/to/folder")
	s.chooser.Show()
}

// startFolder is where a path dialog for the box holding text starts: the
// folder text names (or is in), else the portfolio's folder.
func (s *Screen) startFolder(text string) string {
	if p, err := pathdialog.Clean(text); err == nil {
		if dir := pathdialog.Folder(p); dir != "" {
			return dir
		}
	}
	return pathdialog.Folder(s.files.FilePath())
}

// request is one export as the form describes it.
type request struct {
	tmpl          *app.Template
	pdf, xlsx     string
	pptx          string
	charts        string // folder for the charts one by one ("" = none)
	trials        int
	seed          uint64
	asOf          plan.Date
	p             *plan.Portfolio
	folder, first string
}

// read checks the form, showing each problem next to its field; ok is false
// when anything is wrong.
func (s *Screen) read() (r request, ok bool) {
	ok = true
	r.p, r.asOf = s.p, s.asOf()
	var err error
	if r.tmpl, err = s.loadTemplate(); err != nil {
		setError(s.templateErr, message(err))
		ok = false
	} else {
		setError(s.templateErr, "")
	}
	r.folder = strings.TrimSpace(s.folder.Text)
	if p, err := pathdialog.Expand(r.folder); err == nil {
		r.folder = p // ~ and quotes as in the path dialog
	}
	switch fi, err := os.Stat(r.folder); {
	case r.folder == "":
		setError(s.folderErr, "Choose the folder to write the report to.")
		ok = false
	case err != nil || !fi.IsDir():
		setError(s.folderErr, fmt.Sprintf("The folder %s does not exist. Create it, or choose another folder.", r.folder))
		ok = false
	default:
		setError(s.folderErr, "")
	}
	name := func(on bool, e *widget.Entry, ext string) (string, string) {
		if !on {
			return "", ""
		}
		n := strings.TrimSpace(e.Text)
		switch {
		case n == "":
			return "", "Give each output a file name."
		case strings.ContainsAny(n, `/\`):
			return "", fmt.Sprintf("%q is a path; give just the file name (the folder is chosen above).", n)
		case strings.EqualFold(filepath.Ext(n), ".steerco"):
			return "", fmt.Sprintf("%s looks like a portfolio file, which the report would overwrite; give a %s name.", n, ext)
		case filepath.Ext(n) == "":
			n += ext
		}
		return filepath.Join(r.folder, n), ""
	}
	var e1, e2, e3 string
	r.pdf, e1 = name(s.pdf.Checked, s.pdfName, ".pdf")
	r.xlsx, e2 = name(s.xlsx.Checked, s.xlsxName, ".xlsx")
	r.pptx, e3 = name(s.pptx.Checked, s.pptxName, ".pptx")
	if s.charts.Checked && r.folder != "" {
		// The charts go to a folder of their own beside the report.
		r.charts = filepath.Join(r.folder, s.lastDefault+"-charts")
	}
	switch {
	case !s.pdf.Checked && !s.xlsx.Checked && !s.pptx.Checked && !s.charts.Checked:
		setError(s.namesErr, "Choose at least one output: PDF, Excel, PowerPoint or the charts.")
		ok = false
	case e1 != "" || e2 != "" || e3 != "":
		setError(s.namesErr, e1+e2+e3)
		ok = false
	case r.pdf != "" && r.pdf == r.xlsx:
		setError(s.namesErr, "The PDF and the Excel workbook need different file names.")
		ok = false
	case r.pptx != "" && (r.pptx == r.pdf || r.pptx == r.xlsx):
		setError(s.namesErr, "The PowerPoint needs a file name of its own.")
		ok = false
	default:
		setError(s.namesErr, "")
	}
	var probs []string
	if n, err := strconv.Atoi(strings.ReplaceAll(strings.TrimSpace(s.trials.Text), ",", "")); err != nil || (app.Request{Trials: n}).Check() != nil {
		probs = append(probs, fmt.Sprintf("Trials must be a whole number from %s to %s.", figure.Number(app.MinTrials, 0), figure.Number(app.MaxTrials, 0)))
	} else {
		r.trials = n
	}
	if n, err := strconv.ParseUint(strings.TrimSpace(s.seed.Text), 10, 64); err != nil {
		probs = append(probs, "The seed must be a whole number (0 or more); the same seed gives the same report.")
	} else {
		r.seed = n
	}
	setError(s.runErr, strings.Join(probs, " "))
	if len(probs) > 0 {
		ok = false
	}
	if r.p == nil {
		s.fail("No portfolio is open: open one first.")
		ok = false
	}
	r.first = r.pdf
	if r.first == "" {
		r.first = r.xlsx
	}
	if r.first == "" {
		r.first = r.pptx
	}
	return r, ok
}

// Export runs the forecast (env.Forecast, with progress and Cancel), then
// renders and writes the outputs on a goroutine.
func (s *Screen) Export() {
	if s.cancel != nil {
		return
	}
	r, ok := s.read()
	if !ok {
		s.finished()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.gen++
	gen := s.gen
	s.written = nil
	s.after.Hide()
	s.progress.SetValue(0)
	s.progress.Show()
	s.rendering.Hide()
	s.busy.Show()
	s.say(widget.MediumImportance, fmt.Sprintf("Forecasting with %s trials…", figure.Number(float64(r.trials), 0)))
	s.refresh()
	// The as-of date is left to app's rule, so the report's forecast is the
	// one the Forecast screen shows for the same trials and seed.
	req := app.Request{Trials: r.trials, Seed: r.seed, RiskImpacts: true}
	s.fc.Forecast(ctx, req, func(done, total int) {
		if gen == s.gen && total > 0 {
			s.progress.SetValue(float64(done) / float64(total))
		}
	}, func(f *app.Forecast, err error) {
		if gen != s.gen {
			return
		}
		if err != nil {
			s.stopped(err)
			return
		}
		s.render(ctx, gen, r, f)
	})
}

// render writes the outputs on a goroutine.
func (s *Screen) render(ctx context.Context, gen int, r request, f *app.Forecast) {
	s.progress.Hide()
	s.rendering.Show()
	s.rendering.Start()
	s.say(widget.MediumImportance, "Writing the report…")
	uithread.Go(func() {
		var err error
		if r.charts != "" {
			err = os.MkdirAll(r.charts, 0o755)
		}
		var written []string
		if err == nil {
			written, err = app.ExportTo(ctx, r.p, f, *r.tmpl, f.AsOf, app.Outputs{PDF: r.pdf, XLSX: r.xlsx, PPTX: r.pptx, Charts: r.charts})
		}
		uithread.Do(func() {
			if gen != s.gen {
				return
			}
			s.written = written
			if err != nil {
				s.stopped(err)
				return
			}
			s.end()
			var names []string
			nCharts := 0
			for _, w := range written {
				if r.charts != "" && filepath.Dir(w) == r.charts {
					nCharts++
					continue
				}
				names = append(names, bidi.Isolate(filepath.Base(w))) // for bidi.Shaped below
			}
			if nCharts > 0 {
				names = append(names, fmt.Sprintf("%d chart files in %s", nCharts, filepath.Base(r.charts)))
			}
			s.say(widget.SuccessImportance, bidi.Shaped(fmt.Sprintf("Wrote %s to %s (forecast of %s trials, seed %d, as of %s).", strings.Join(names, " and "), bidi.Isolate(filepath.Dir(written[0])), figure.Number(float64(f.Trials), 0), f.Seed, figure.Date(f.AsOf))))
			if strings.HasSuffix(written[0], ".pdf") {
				s.openFile.SetText("Open PDF")
			} else if strings.HasSuffix(written[0], ".pptx") {
				s.openFile.SetText("Open slides")
			} else {
				s.openFile.SetText("Open workbook")
			}
			s.after.Show()
			s.finished()
		})
	})
}

// stopped ends an export that failed or was cancelled.
func (s *Screen) stopped(err error) {
	s.end()
	if errors.Is(err, context.Canceled) {
		s.say(widget.MediumImportance, "Export cancelled: no report was written.")
	} else {
		s.fail("The report was not exported. " + message(err))
	}
	s.finished()
}

// Cancel stops the export in flight; no file is left half-written.
func (s *Screen) Cancel() {
	if s.cancel != nil {
		s.cancel()
	}
}

func (s *Screen) end() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.rendering.Stop()
	s.busy.Hide()
	s.refresh()
}

// refresh enables Export when nothing is running and an output is chosen.
func (s *Screen) refresh() {
	if s.cancel != nil || s.p == nil || (!s.pdf.Checked && !s.xlsx.Checked) {
		s.export.Disable()
	} else {
		s.export.Enable()
	}
	s.relayout()
}

// relayout lays the form out again after error lines came or went: a line
// shown after being hidden has no size until its box is laid out again, and
// is drawn over the field it is about.
func (s *Screen) relayout() {
	if s.form != nil {
		s.form.Refresh()
		s.left.Refresh()
	}
}

func (s *Screen) say(imp widget.Importance, msg string) {
	s.message.Importance = imp
	s.message.SetText(msg)
}

func (s *Screen) fail(msg string) { s.say(widget.DangerImportance, msg) }

func (s *Screen) finished() {
	s.relayout()
	if s.done != nil {
		s.done()
	}
}

// OpenFile opens the first file written (the PDF when there is one).
func (s *Screen) OpenFile() {
	if len(s.written) > 0 {
		s.open(s.written[0])
	}
}

// OpenFolder opens the folder the report was written to.
func (s *Screen) OpenFolder() {
	if len(s.written) > 0 {
		s.open(filepath.Dir(s.written[0]))
	}
}

func (s *Screen) open(path string) {
	u, err := url.Parse(storage.NewFileURI(path).String())
	if err == nil {
		err = s.openURL(u)
	}
	if err != nil {
		s.fail(fmt.Sprintf("Could not open %s: %v. Open it from your file manager.", path, err))
	}
}

// message is the person-facing text of err.
func message(err error) string {
	var pe *plan.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return err.Error()
}

// defaultFolder is where reports go unless the user picks another folder:
// beside the portfolio file, except when the file lives in a hidden folder
// (the demo sits in ~/.local/share/steerco), where a director would never look
// for a board pack; then ~/Documents, or the home folder.
func defaultFolder(portfolio string) string {
	dir := filepath.Dir(portfolio)
	hidden := false
	for _, part := range strings.Split(filepath.ToSlash(dir), "/") {
		if strings.HasPrefix(part, ".") && part != "." && part != ".." {
			hidden = true
		}
	}
	if !hidden {
		return dir
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return dir
	}
	if docs := filepath.Join(home, "Documents"); isDir(docs) {
		return docs
	}
	return home
}

func isDir(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them): its key column
// headers and the lines that matter.
func KeyTexts() []string {
	return []string{"Template", "Outputs", "Folder", "Export", "Contents"}
}

// paperLabel names a template's paper and orientation; a template that
// leaves the paper out is printed on the portfolio's.
func paperLabel(paper, orientation string) string {
	if paper == "" {
		return orientation + ", on the portfolio's paper"
	}
	return paper + " " + orientation
}
