package importer

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/bidi"
)

// kvEditor edits one map of a mapping (fields, values or options) as
// key → value rows, with a row to add a key. Keys whose value is left empty
// are dropped, so the importer chooses again.
type kvEditor struct {
	title  string
	rows   []*kvRow
	list   *fyne.Container
	newKey *widget.Entry
	newVal *widget.Entry
	box    *fyne.Container
}

type kvRow struct {
	key   string
	value *widget.Entry
}

func newKVEditor(title string) *kvEditor {
	e := &kvEditor{title: title}
	e.list = container.NewVBox()
	e.newKey = widget.NewEntry()
	e.newKey.SetPlaceHolder("key")
	e.newVal = widget.NewEntry()
	e.newVal.SetPlaceHolder("value")
	add := widget.NewButtonWithIcon("", theme.ContentAddIcon(), e.addRow)
	e.box = container.NewVBox(
		widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
		e.list,
		container.NewBorder(nil, nil, nil, add, container.NewGridWithColumns(2, e.newKey, e.newVal)),
	)
	return e
}

func (e *kvEditor) object() fyne.CanvasObject { return e.box }

// set shows m's entries, sorted by key.
func (e *kvEditor) set(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	e.rows = e.rows[:0]
	e.list.Objects = nil
	for _, k := range keys {
		e.add(k, m[k])
	}
	e.list.Refresh()
}

func (e *kvEditor) add(key, value string) {
	r := &kvRow{key: key, value: widget.NewEntry()}
	r.value.SetText(value)
	e.rows = append(e.rows, r)
	l := widget.NewLabel(bidi.Shaped(key))
	l.Truncation = fyne.TextTruncateEllipsis
	e.list.Add(container.New(layout.NewGridLayoutWithColumns(2), l, r.value))
}

// addRow adds the key typed in the last row (or changes it if present).
func (e *kvEditor) addRow() {
	k := strings.TrimSpace(e.newKey.Text)
	if k == "" {
		return
	}
	for _, r := range e.rows {
		if r.key == k {
			r.value.SetText(e.newVal.Text)
			e.newKey.SetText("")
			e.newVal.SetText("")
			return
		}
	}
	e.add(k, e.newVal.Text)
	e.newKey.SetText("")
	e.newVal.SetText("")
}

// values returns the map as edited; empty values are left out.
func (e *kvEditor) values() map[string]string {
	m := map[string]string{}
	for _, r := range e.rows {
		if v := strings.TrimSpace(r.value.Text); v != "" {
			m[r.key] = v
		}
	}
	if k := strings.TrimSpace(e.newKey.Text); k != "" && strings.TrimSpace(e.newVal.Text) != "" {
		m[k] = strings.TrimSpace(e.newVal.Text)
	}
	return m
}
