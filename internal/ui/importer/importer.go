// Package importer is the Import screen: a wizard over the import pipeline
// (app.Importers, over internal/ingest). Pick a file, confirm the detected kind, choose the
// workbook sheet, adjust the mapping, read the preview with every problem
// located, then apply it in one transaction or cancel. Reading and
// previewing run on a goroutine with a progress bar and a Cancel button;
// nothing is written before Apply, and Apply is refused while the preview
// has errors.
package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/app"
	"steerco/internal/bidi"
	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/pathdialog"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/settle"
	"steerco/internal/ui/uithread"
)

// Title is the screen's navigation label.
const Title = "Import"

// kindLabels are the kinds as the Kind select shows them.
var kindLabels = map[app.ImportKind]string{
	app.KindFinance:   "Finance: budget actuals or plan (xlsx, csv)",
	app.KindJira:      "Jira export (csv, xml)",
	app.KindMSProject: "MS Project plan (xml)",
	app.KindGantt:     "GanttProject plan (.gan)",
	app.KindDelivery:  "Delivery data: deployments, incidents (csv, json)",
}

// destination is the screen that shows what a kind of import changes.
var destination = map[app.ImportKind]string{
	app.KindFinance:   "Budget",
	app.KindJira:      "Roadmap",
	app.KindMSProject: "Roadmap",
	app.KindGantt:     "Roadmap",
	app.KindDelivery:  "Overview",
}

var (
	problemCols = []column{{title: "Severity", width: 75}, {title: "File", width: 130, priority: 3}, {title: "Sheet", width: 90, priority: 2},
		{title: "Row", width: 55, num: true}, {title: "Column", width: 160, priority: 1}, {title: "Problem", width: 240, stretch: true}}
	changeCols = []column{{title: "Action", width: 75}, {title: "Entity", width: 110, priority: 1}, {title: "Id", width: 170},
		{title: "Summary", width: 240, stretch: true}}
	skipCols = []column{{title: "Where", width: 200, stretch: true}, {title: "Reason", width: 300, stretch: true}}
)

// Screen is the import wizard.
type Screen struct {
	ed    screen.Editor
	clock screen.Clock
	dl    screen.Dialogs
	nav   screen.Navigator
	files screen.Files

	// The file and its preview, and the portfolio file it was read for.
	into   string
	path   string
	data   []byte
	sheets []app.Sheet
	pv     *app.ImportPreview

	// The job in flight (read or preview): cancel stops it; gen tells a
	// stale result from the current one.
	cancel context.CancelFunc
	gen    int
	// filling is set while the screen sets its own selects, so their
	// OnChanged does not start a preview.
	filling bool

	file        *widget.Label
	choose      *widget.Button
	kind        *widget.Select
	kindNote    *widget.Label
	sheet       *widget.Select
	sheetRow    *fyne.Container
	whole       *widget.Label   // the preview's problems about the whole file or sheet, under it
	columns     *columnGrid     // the mapping as the source's columns (sources that have them)
	noEstimate  *fyne.Container // offers a default for items the source leaves without an estimate
	defaultDays *widget.Entry
	fields      *kvEditor // the mapping's fields as text (sources without columns)
	values      *kvEditor
	options     *kvEditor
	rerun       *widget.Button
	progress    *widget.ProgressBarInfinite
	cancelBtn   *widget.Button
	busy        *fyne.Container
	message     *widget.Label // what happened: errors in the error colour
	heading     *widget.Label // the file and its kind
	summary     *widget.Label
	totals      *widget.Label
	detail      *widget.Label // the selected row in full
	mapping     *fyne.Container
	steps       *fyne.Container // the wizard's steps 1–3, left
	right       *fyne.Container // the preview, right
	notes       *widget.Label
	problems    *grid
	changes     *grid
	skipped     *grid
	tabs        *container.AppTabs
	apply       *widget.Button
	discard     *widget.Button
	applyWhy    *widget.Label
	root        fyne.CanvasObject
	lastFolder  string             // of the last file read, where ChooseFile starts
	chooser     *pathdialog.Dialog // the last ChooseFile dialog

	// openURL-free hooks for tests: done is called after every job result
	// is shown (read, preview, cancel).
	done func()
}

// New builds the Import screen: ed is the portfolio imported into (one
// undoable edit), clock dates the import, dl is the window its dialogs open
// over, nav goes to the screen that shows what was imported, files names
// the portfolio file (a preview belongs to it).
func New(ed screen.Editor, clock screen.Clock, dl screen.Dialogs, nav screen.Navigator, files screen.Files) *Screen {
	s := &Screen{ed: ed, clock: clock, dl: dl, nav: nav, files: files}
	s.file = widget.NewLabel("No file chosen.")
	s.file.Wrapping = fyne.TextWrapBreak
	s.choose = widget.NewButtonWithIcon("Choose file…", theme.FolderOpenIcon(), s.ChooseFile)
	s.choose.Importance = widget.HighImportance
	var kinds []string
	for _, k := range app.AllImporters().Kinds() {
		kinds = append(kinds, kindLabels[k])
	}
	s.kind = widget.NewSelect(kinds, func(string) { s.kindChanged() })
	s.kind.PlaceHolder = "(choose the kind of file)"
	s.kind.Disable()
	s.kindNote = widget.NewLabel("")
	s.kindNote.Wrapping = fyne.TextWrapWord
	s.sheet = widget.NewSelect(nil, func(string) { s.sheetChanged() })
	s.sheetRow = container.NewVBox(field.Bold("Sheet"), s.sheet)
	s.sheetRow.Hide()
	s.whole = widget.NewLabel("")
	s.whole.Wrapping = fyne.TextWrapWord
	s.whole.Importance = widget.WarningImportance
	s.whole.Hide()
	s.columns = newColumnGrid(s.mapColumn, s.setHeaderRow)
	s.defaultDays = widget.NewEntry()
	s.defaultDays.SetPlaceHolder("e.g. 5")
	s.defaultDays.OnSubmitted = func(string) { s.useDefaultEstimate() }
	useDefault := widget.NewButton("Use as the default", s.useDefaultEstimate)
	noEstimateHint := widget.NewLabel("Some items have no estimate in the file (empty or 0): they would count as no work. Give each of them this many person-days (spread like the other estimates), or leave it empty and estimate them on the Roadmap.")
	noEstimateHint.Wrapping = fyne.TextWrapWord
	noEstimateHint.Importance = widget.WarningImportance
	s.noEstimate = container.NewVBox(field.Bold("Items without an estimate"), noEstimateHint,
		container.NewBorder(nil, nil, widget.NewLabel("Person-days"), useDefault, s.defaultDays))
	s.noEstimate.Hide()
	s.fields = newKVEditor("Columns: portfolio field → source column (\"-\" for none)")
	s.values = newKVEditor("Values: source value → portfolio id")
	s.options = newKVEditor("Options")
	s.rerun = widget.NewButtonWithIcon("Preview again with this mapping", theme.ViewRefreshIcon(), s.Preview)
	s.rerun.Disable()
	s.progress = widget.NewProgressBarInfinite()
	s.progress.Stop()
	s.cancelBtn = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), s.Cancel)
	s.busy = container.NewBorder(nil, nil, nil, s.cancelBtn, s.progress)
	s.busy.Hide()
	s.message = widget.NewLabel("")
	s.message.Wrapping = fyne.TextWrapWord

	s.heading = field.Bold("")
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.totals = widget.NewLabel("")
	s.totals.Wrapping = fyne.TextWrapWord
	s.notes = widget.NewLabel("")
	s.notes.Wrapping = fyne.TextWrapWord
	s.detail = widget.NewLabel("")
	s.detail.Wrapping = fyne.TextWrapWord
	s.problems = newGrid(problemCols)
	s.problems.onSelect = func(r []string) { show(s.detail, bidi.Shaped(problemDetail(r))) }
	s.changes = newGrid(changeCols)
	s.changes.onSelect = func(r []string) { show(s.detail, bidi.Shaped(r[0]+" "+r[1]+" "+bidi.Isolate(r[2])+": "+r[3])) }
	s.skipped = newGrid(skipCols)
	s.skipped.onSelect = func(r []string) { show(s.detail, bidi.Shaped(r[0]+": "+r[1])) }
	s.tabs = container.NewAppTabs(
		container.NewTabItem("Problems", s.problems.object()),
		container.NewTabItem("Changes", s.changes.object()),
		container.NewTabItem("Skipped rows", s.skipped.object()),
	)
	s.apply = widget.NewButtonWithIcon("Apply", theme.ConfirmIcon(), s.Apply)
	s.apply.Importance = widget.HighImportance
	s.discard = widget.NewButtonWithIcon("Cancel import", theme.CancelIcon(), s.Discard)
	s.applyWhy = widget.NewLabel("")
	s.applyWhy.Wrapping = fyne.TextWrapWord
	show(s.summary, intro)
	for _, l := range []*widget.Label{s.heading, s.totals, s.notes, s.detail, s.message, s.kindNote} {
		l.Hide()
	}
	s.refreshButtons()

	heading := widget.NewLabelWithStyle("Import", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	s.mapping = container.NewVBox(
		widget.NewSeparator(),
		field.Bold("3. Mapping"),
		s.noEstimate, s.columns.object(), s.fields.object(), s.options.object(), s.values.object(),
		s.rerun,
	)
	s.mapping.Hide()
	s.steps = settle.VBox(
		field.Bold("1. File"), s.choose, s.file,
		widget.NewSeparator(),
		field.Bold("2. Kind of file"), s.kind, s.kindNote,
		s.sheetRow, s.whole,
		s.mapping,
	)
	left := container.NewVScroll(s.steps)
	actions := settle.Border(nil, nil, nil, container.NewHBox(s.discard, s.apply), s.applyWhy)
	s.right = settle.Border(
		settle.VBox(field.Bold("4. Preview"), s.busy, s.message, s.heading, s.summary, s.totals, s.notes),
		settle.VBox(s.detail, widget.NewSeparator(), actions),
		nil, nil, s.tabs)
	split := container.NewHSplit(left, s.right)
	split.Offset = 0.3
	s.root = container.NewBorder(heading, nil, nil, nil, split)
	return s
}

// show sets a label's text and hides the label while it is empty, so empty
// lines take no room.
func show(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// Title is the navigation label.
func (s *Screen) Title() string { return Title }

// Icon is the navigation icon.
func (s *Screen) Icon() fyne.Resource { return theme.DownloadIcon() }

// Object is the screen's content.
func (s *Screen) Object() fyne.CanvasObject { return s.root }

// Show is called after every load and edit. The wizard reads the portfolio
// when it previews; if another portfolio file was opened meanwhile, the
// preview belongs to the old one and is dropped.
func (s *Screen) Show(*plan.Portfolio) {
	if (s.data != nil || s.cancel != nil) && s.filePath() != s.into {
		s.Cancel()
		s.reset()
		show(s.message, "Another portfolio was opened, so the import was cancelled: nothing was written. Choose the file again to import it into this portfolio.")
	}
}

func (s *Screen) filePath() string {
	return s.files.FilePath()
}

// importExts are the files the Import screen reads, for Browse….
var importExts = []string{".xlsx", ".xlsm", ".csv", ".tsv", ".txt", ".xml", ".gan", ".json"}

// ChooseFile asks for the file to import: its path typed or pasted into a
// box (starting in the folder of the last file read, else the portfolio's),
// or found with Browse…. A path that is not a file is said in the dialog;
// the file chosen is read and previewed.
func (s *Screen) ChooseFile() {
	dir := s.lastFolder
	if dir == "" {
		dir = pathdialog.Folder(s.filePath())
	}
	s.chooser = pathdialog.New(s.dl.Window(), "Import a file", "Read file", pathdialog.InFolder(dir), func(set func(string)) {
		pathdialog.BrowseFile(s.dl.Window(), dir, importExts, set, s.dl.ShowError)
	}, func(path string) error {
		if err := pathdialog.ExistingFile(path, "spreadsheet or export"); err != nil {
			return err
		}
		s.Load(path)
		return nil
	})
	s.chooser.Entry.SetPlaceHolder("/path/to/budget.xlsx")
	s.chooser.Show()
}

// loaded is what reading a file found.
type loaded struct {
	path      string
	data      []byte
	sheets    []app.Sheet
	kind      app.ImportKind
	detectErr error
	pv        *app.ImportPreview
	err       error // the file could not be read, or the preview failed
}

// Load reads the file at path on a goroutine, detects its kind, lists its
// sheets and previews it with the saved or suggested mapping.
func (s *Screen) Load(path string) {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	ctx, gen := s.begin("Reading " + filepath.Base(path) + "…")
	s.into = s.filePath()
	p := s.ed.Portfolio()
	today := s.clock.Today()
	uithread.Go(func() {
		res := loaded{path: path}
		res.data, res.err = app.ReadImportFile(path)
		if res.err == nil {
			res.sheets, _ = app.Sheets(res.data) // a damaged workbook is reported by the preview
			res.kind, res.detectErr = app.DetectKind(path, res.data)
			if res.detectErr == nil {
				res.pv, res.err = runPreview(ctx, p, app.ImportRequest{Source: path, Data: res.data, Kind: res.kind, Today: today})
			}
		}
		uithread.Do(func() { s.loaded(gen, res) })
	})
}

// runPreview runs the importer for kind (off the UI goroutine).
// runPreview previews req for p through app's importers (the table the
// command line imports through too).
func runPreview(ctx context.Context, p *plan.Portfolio, req app.ImportRequest) (*app.ImportPreview, error) {
	if p == nil {
		return nil, plan.Errorf(plan.EINVALID, "No portfolio is open: open or create one first, then import into it.")
	}
	pv, _, err := app.AllImporters().Preview(ctx, p, req)
	return pv, err
}

func (s *Screen) loaded(gen int, res loaded) {
	if gen != s.gen {
		return // cancelled, or superseded by a newer job
	}
	s.end()
	defer s.finished()
	if res.data == nil {
		s.fail(message(res.err))
		return
	}
	s.lastFolder = filepath.Dir(res.path)
	s.path, s.data, s.sheets, s.pv = res.path, res.data, res.sheets, nil
	s.file.SetText(bidi.Shaped(res.path))
	s.filling = true
	s.kind.Enable()
	if res.detectErr == nil {
		s.kind.SetSelected(kindLabels[res.kind])
		show(s.kindNote, "Detected from the file's content. Change it if it is wrong.")
	} else {
		s.kind.ClearSelected()
		show(s.kindNote, "")
	}
	s.fillSheets("")
	s.filling = false
	s.mapping.Show()
	if res.detectErr != nil {
		s.showPreview(nil)
		s.fail(message(res.detectErr))
		s.applyWhy.SetText("Nothing to apply: this file cannot be imported. If it is one of the kinds listed, choose its kind above to try anyway.")
		return
	}
	s.previewed(res.pv, res.err)
}

// message is the person-facing text of err: a *plan.Error's message, or
// the error itself (read and parse errors already say where and what to do).
func message(err error) string {
	var pe *plan.Error
	if errors.As(err, &pe) {
		return pe.Error()
	}
	return err.Error()
}

// fillSheets lists the workbook's sheets (hidden ones flagged) and selects
// name, or the sheet the importer read.
func (s *Screen) fillSheets(name string) {
	if len(s.sheets) == 0 {
		s.sheetRow.Hide()
		return
	}
	opts := make([]string, len(s.sheets))
	for i, sh := range s.sheets {
		opts[i] = sheetLabel(sh)
	}
	s.sheet.SetOptions(opts)
	if name == "" {
		for _, sh := range s.sheets {
			if !sh.Hidden {
				name = sh.Name
				break
			}
		}
	}
	for _, sh := range s.sheets {
		if sh.Name == name {
			s.sheet.SetSelected(sheetLabel(sh))
		}
	}
	s.sheetRow.Show()
}

func sheetLabel(sh app.Sheet) string {
	if sh.Hidden {
		return sh.Name + "  (hidden)"
	}
	return sh.Name
}

func (s *Screen) selectedKind() (app.ImportKind, bool) {
	for k, l := range kindLabels {
		if l == s.kind.Selected {
			return k, true
		}
	}
	return "", false
}

func (s *Screen) selectedSheet() string {
	i := s.sheet.SelectedIndex()
	if i < 0 || i >= len(s.sheets) || !s.sheetRow.Visible() {
		return ""
	}
	return s.sheets[i].Name
}

// kindChanged previews the file again as the chosen kind, with that kind's
// saved or suggested mapping.
func (s *Screen) kindChanged() {
	if s.filling || s.data == nil {
		return
	}
	show(s.kindNote, "Chosen by you.")
	s.fields.set(nil)
	s.values.set(nil)
	s.options.set(nil)
	s.preview(nil)
}

// sheetChanged previews the chosen sheet with its own saved or suggested mapping.
func (s *Screen) sheetChanged() {
	if s.filling || s.data == nil {
		return
	}
	s.preview(nil)
}

// mapColumn reads column c as field ("-": not read) and previews again at
// once, so the preview beside the grid shows what the choice does.
func (s *Screen) mapColumn(c app.ImportColumn, field string) {
	if s.filling || s.data == nil {
		return
	}
	s.fields.set(remap(s.fields.values(), c, field))
	s.Preview()
}

// offerDefaultEstimate shows the default-estimate row when the preview has
// items without an estimate, or when a default is already in use.
func (s *Screen) offerDefaultEstimate(pv *app.ImportPreview) {
	used := ""
	if pv.Mapping != nil {
		used = pv.Mapping.Options[app.OptionDefaultEstimateDays]
	}
	missing := used != ""
	for _, p := range pv.Problems {
		if strings.Contains(p.Message, app.OptionDefaultEstimateDays) {
			missing = true
		}
	}
	s.defaultDays.SetText(used)
	if missing {
		s.noEstimate.Show()
	} else {
		s.noEstimate.Hide()
	}
}

// useDefaultEstimate gives items without an estimate the person-days typed
// ("" for none) and previews again.
func (s *Screen) useDefaultEstimate() {
	if s.data == nil {
		return
	}
	m := s.options.values()
	if m == nil {
		m = map[string]string{}
	}
	if d := strings.TrimSpace(s.defaultDays.Text); d == "" {
		delete(m, app.OptionDefaultEstimateDays)
	} else {
		m[app.OptionDefaultEstimateDays] = d
	}
	s.options.set(m)
	s.Preview()
}

// setHeaderRow reads the header from row(s) rows ("4", or "3-4" for a
// two-row header; "" lets the importer find it) and previews again.
func (s *Screen) setHeaderRow(rows string) {
	if s.filling || s.data == nil {
		return
	}
	m := s.options.values()
	if m == nil {
		m = map[string]string{}
	}
	if rows = strings.TrimSpace(rows); rows == "" {
		delete(m, "header_row")
	} else {
		m["header_row"] = rows
	}
	s.options.set(m)
	s.Preview()
}

// wholeText says the problems about the whole file or sheet (no row, no
// column): where they are, under the file and sheet choice.
func wholeText(ps []app.ImportProblem) string {
	var lines []string
	for _, p := range ps {
		if p.Row == 0 && p.Column == 0 {
			where := ""
			if p.Sheet != "" {
				where = "Sheet " + p.Sheet + ": "
			}
			lines = append(lines, "⚠ "+where+p.Message)
		}
	}
	return strings.Join(lines, "\n")
}

// Preview runs the preview again with the mapping as edited.
func (s *Screen) Preview() {
	if s.data == nil {
		return
	}
	kind, _ := s.selectedKind()
	m := &plan.ImportMapping{Kind: string(kind), Fields: s.fields.values(), Values: s.values.values(), Options: s.options.values()}
	if s.pv != nil && s.pv.Mapping != nil {
		m.ID = s.pv.Mapping.ID
	}
	s.preview(m)
}

func (s *Screen) preview(m *plan.ImportMapping) {
	kind, ok := s.selectedKind()
	if !ok {
		s.fail("Choose the kind of file first.")
		return
	}
	ctx, gen := s.begin("Previewing " + filepath.Base(s.path) + "…")
	p := s.ed.Portfolio()
	req := app.ImportRequest{Source: s.path, Data: s.data, Kind: kind, Sheet: s.selectedSheet(), Mapping: m, Today: s.clock.Today()}
	uithread.Go(func() {
		pv, err := runPreview(ctx, p, req)
		uithread.Do(func() {
			if gen == s.gen {
				s.end()
				s.previewed(pv, err)
				s.finished()
			}
		})
	})
}

// previewed shows a preview, or the error that stopped it.
func (s *Screen) previewed(pv *app.ImportPreview, err error) {
	if err != nil {
		s.showPreview(nil)
		s.fail(message(err))
		return
	}
	s.showPreview(pv)
	s.message.Importance = widget.MediumImportance
	show(s.message, "Preview ready: nothing has been written yet.")
}

// showPreview fills the preview side; nil clears it.
func (s *Screen) showPreview(pv *app.ImportPreview) {
	s.pv = pv
	if _, ok := s.selectedKind(); ok && s.data != nil {
		s.rerun.Enable()
	} else {
		s.rerun.Disable()
	}
	show(s.detail, "")
	if pv == nil {
		show(s.whole, "")
		show(s.heading, "")
		show(s.summary, "")
		show(s.totals, "")
		show(s.notes, "")
		s.problems.set(nil)
		s.changes.set(nil)
		s.skipped.set(nil)
		s.refreshButtons()
		return
	}
	errs, warns := 0, 0
	for _, p := range pv.Problems {
		if p.Severity == app.SevError {
			errs++
		} else {
			warns++
		}
	}
	show(s.heading, bidi.Shaped(bidi.Isolate(pv.File)+" · "+kindLabels[pv.Kind]))
	show(s.summary, fmt.Sprintf("%s read · %s imported · %s skipped · %s · %s · %s",
		count(pv.RowsRead, "row"), plan.Group(strconv.Itoa(pv.RowsImported)), plan.Group(strconv.Itoa(len(pv.Skipped))),
		count(len(pv.Changes), "change"), count(errs, "error"), count(warns, "warning")))
	var totals []string
	for _, t := range pv.Totals {
		totals = append(totals, bidi.Isolate(t.Label)+": "+t.Amount.String())
	}
	show(s.totals, bidi.Shaped(strings.Join(totals, " · ")))
	var notes []string
	for _, n := range pv.Notes {
		notes = append(notes, "• "+n)
	}
	show(s.notes, strings.Join(notes, "\n"))
	s.problems.set(problemRows(pv.Problems))
	s.changes.set(changeRows(pv.Changes))
	s.skipped.set(skipRows(pv.Skipped))
	s.tabs.Items[0].Text = "Problems (" + plan.Group(strconv.Itoa(len(pv.Problems))) + ")"
	s.tabs.Items[1].Text = "Changes (" + plan.Group(strconv.Itoa(len(pv.Changes))) + ")"
	s.tabs.Items[2].Text = "Skipped rows (" + plan.Group(strconv.Itoa(len(pv.Skipped))) + ")"
	if len(pv.Problems) > 0 {
		s.tabs.SelectIndex(0)
		s.problems.table.Select(widget.TableCellID{Row: 0, Col: 0})
	} else {
		s.tabs.SelectIndex(1)
	}
	s.tabs.Refresh()
	if pv.Mapping != nil {
		s.fields.set(pv.Mapping.Fields)
		s.values.set(pv.Mapping.Values)
		s.options.set(pv.Mapping.Options)
	}
	s.columns.set(pv)
	show(s.whole, wholeText(pv.Problems))
	s.offerDefaultEstimate(pv)
	if len(pv.Columns) > 0 {
		s.columns.object().Show()
		s.fields.object().Hide()
	} else {
		s.columns.object().Hide()
		s.fields.object().Show()
	}
	s.relayout()
	if pv.Kind == app.KindFinance && len(s.sheets) > 0 && pv.Mapping != nil {
		s.filling = true
		s.fillSheets(pv.Mapping.Options["sheet"])
		s.filling = false
	}
	s.refreshButtons()
}

// problemDetail is a problem row in full: where, then what.
func problemDetail(r []string) string {
	where := []string{}
	if r[2] != "" {
		where = append(where, "sheet "+r[2])
	}
	if r[3] != "" {
		where = append(where, "row "+r[3])
	}
	if r[4] != "" {
		where = append(where, "column "+r[4])
	}
	head := strings.ToUpper(r[0][:1]) + r[0][1:]
	if len(where) > 0 {
		head += " (" + strings.Join(where, ", ") + ")"
	}
	return head + ": " + r[5]
}

// problemRows lists errors first, then warnings, each in the file's order.
func problemRows(ps []app.ImportProblem) [][]string {
	sorted := append([]app.ImportProblem(nil), ps...)
	sort.SliceStable(sorted, func(i, j int) bool {
		return sorted[i].Severity == app.SevError && sorted[j].Severity != app.SevError
	})
	rows := make([][]string, len(sorted))
	for i, p := range sorted {
		col := ""
		if p.Column > 0 {
			col = app.ColumnName(p.Column)
			if p.Field != "" {
				col += " (" + p.Field + ")"
			}
		} else if p.Field != "" {
			col = p.Field
		}
		rows[i] = []string{string(p.Severity), p.File, p.Sheet, intOrEmpty(p.Row), col, p.Message}
	}
	return rows
}

func changeRows(cs []app.ImportChange) [][]string {
	rows := make([][]string, len(cs))
	for i, c := range cs {
		rows[i] = []string{c.Action, c.Entity, c.ID, c.Summary}
	}
	return rows
}

func skipRows(ss []app.ImportSkip) [][]string {
	rows := make([][]string, len(ss))
	for i, sk := range ss {
		rows[i] = []string{sk.Location.String(), sk.Reason}
	}
	return rows
}

func intOrEmpty(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func count(n int, noun string) string {
	s := plan.Group(strconv.Itoa(n)) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

// refreshButtons enables Apply only for a preview that can be applied, and
// says why not otherwise.
func (s *Screen) refreshButtons() {
	busy := s.cancel != nil
	switch {
	case busy:
		s.apply.Disable()
		s.applyWhy.SetText("Working…")
	case s.pv == nil:
		s.apply.Disable()
		s.applyWhy.SetText("")
	case s.pv.HasErrors():
		s.apply.Disable()
		n := 0
		for _, p := range s.pv.Problems {
			if p.Severity == app.SevError {
				n++
			}
		}
		s.applyWhy.SetText(fmt.Sprintf("Apply is off: %s in the file must be fixed first (see Problems), or the mapping adjusted.", count(n, "error")))
	case len(s.pv.Changes) == 0:
		s.apply.Disable()
		s.applyWhy.SetText("Nothing to change: the portfolio already holds everything in this file.")
	default:
		s.apply.Enable()
		s.applyWhy.SetText(fmt.Sprintf("Apply writes %s in one step; Undo reverts it.", count(len(s.pv.Changes), "change")))
	}
	if s.data == nil || busy {
		s.discard.Disable()
	} else {
		s.discard.Enable()
	}
	if busy {
		s.choose.Disable()
	} else {
		s.choose.Enable()
	}
}

// editor adapts the screen's Editor to app.Editor.
type editor struct{ ed screen.Editor }

func (e editor) Update(_ context.Context, action string, fn func(p *plan.Portfolio) error) error {
	return e.ed.Edit(action, fn)
}

// Backup backs the file up before the import when the editor can (the
// shell's services: app.Backer).
func (e editor) Backup(ctx context.Context, reason string) (string, error) {
	if b, ok := e.ed.(app.Backer); ok {
		return b.Backup(ctx, reason)
	}
	return "", nil
}

// Apply writes the previewed change through the portfolio's single write
// path, then goes to the screen that shows it.
func (s *Screen) Apply() {
	pv := s.pv
	if pv == nil || pv.HasErrors() || len(pv.Changes) == 0 || s.cancel != nil {
		return
	}
	if err := app.ApplyImport(context.Background(), editor{s.ed}, pv); err != nil {
		s.fail(fmt.Sprintf("%s was not imported; nothing was written.\n%s", pv.File, message(err)))
		return
	}
	msg := bidi.Shaped(fmt.Sprintf("Imported %s from %s.", count(len(pv.Changes), "change"), bidi.Isolate(pv.File)))
	s.reset()
	s.message.Importance = widget.SuccessImportance
	show(s.message, msg)
	if to := destination[pv.Kind]; to != "" {
		s.nav.Navigate(to)
	}
	dialog.ShowInformation("Import complete", msg, s.dl.Window())
}

// Discard drops the file and its preview; nothing is written.
func (s *Screen) Discard() {
	s.reset()
	s.message.Importance = widget.MediumImportance
	show(s.message, "Import cancelled: nothing was written.")
}

// reset returns the wizard to its first step.
func (s *Screen) reset() {
	s.path, s.data, s.sheets = "", nil, nil
	s.file.SetText("No file chosen.")
	s.filling = true
	s.kind.ClearSelected()
	s.kind.Disable()
	show(s.kindNote, "")
	s.sheetRow.Hide()
	s.mapping.Hide()
	s.filling = false
	s.fields.set(nil)
	s.values.set(nil)
	s.options.set(nil)
	s.showPreview(nil)
	s.rerun.Disable()
	show(s.summary, intro)
}

// intro is what the preview side says before a file is chosen.
const intro = "Choose a file to import: a finance workbook of actuals or plan (.xlsx, .csv), a Jira export (.csv, .xml), an MS Project plan saved as XML, a GanttProject .gan file, or delivery data (deployments and incidents, .csv or .json).\n\nNothing is written until you apply the preview; Undo reverts an import."

// begin starts a job: it cancels any job in flight, shows the progress bar
// and the Cancel button, and returns the job's context and generation.
func (s *Screen) begin(what string) (context.Context, int) {
	if s.cancel != nil {
		s.cancel()
	}
	s.gen++
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	s.message.Importance = widget.MediumImportance
	show(s.message, what)
	s.busy.Show()
	s.progress.Start()
	s.refreshButtons()
	return ctx, s.gen
}

// end hides the progress bar after a job.
func (s *Screen) end() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.progress.Stop()
	s.busy.Hide()
	s.refreshButtons()
}

// Cancel stops the read or preview in flight; its result is dropped.
func (s *Screen) Cancel() {
	if s.cancel == nil {
		return
	}
	s.gen++
	s.end()
	s.message.Importance = widget.MediumImportance
	show(s.message, "Cancelled: nothing was written.")
	s.finished()
}

// fail shows msg in the error colour below the steps.
func (s *Screen) fail(msg string) {
	s.message.Importance = widget.DangerImportance
	show(s.message, msg)
	s.refreshButtons()
}

func (s *Screen) finished() {
	s.relayout()
	if s.done != nil {
		s.done()
	}
}

// relayout lays the wizard out again after lines were shown or hidden
// (show): a label hidden at the last layout has no width until its box is
// laid out again, and is drawn unwrapped over the lines around it.
func (s *Screen) relayout() {
	for _, c := range []*fyne.Container{s.steps, s.right} {
		if c != nil {
			c.Refresh()
		}
	}
}

// KeyTexts are the texts a person must see whole on this screen at every
// window size the app supports (ui/shots checks them): its key column
// headers and the lines that matter.
func KeyTexts() []string {
	return []string{"1. File", "4. Preview", "Apply"}
}
