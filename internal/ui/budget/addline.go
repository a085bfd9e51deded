package budget

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"steerco/internal/plan"
	"steerco/internal/ui/field"
	"steerco/internal/ui/screen"
)

// addForm is the "Add budget line" and "Edit budget line" dialog: name,
// category, cost centre, spend and team, each with its error label.
type addForm struct {
	editID                              string        // the line being edited; "" when adding
	name, costCentre                    *field.Entry  // Escape closes the dialog
	category, spend, team               *field.Select // Escape closes the dialog
	nameErr, categoryErr, spendErr, err *widget.Label
	ok, cancel                          *widget.Button
	dlg                                 dialog.Dialog
	teamIDs                             []string // parallel to team.Options; "" for no team
	// prevKey is the window's key handler before the dialog opened: while
	// it is open, Escape with no field focused closes it too.
	prevKey func(*fyne.KeyEvent)
}

var spendOptions = []string{"OpEx", "CapEx"}

func (s *Screen) showAddDialog() { s.showLineDialog(nil) }

// showEditDialog opens the dialog on the selected line's name, category,
// cost centre, spend and team.
func (s *Screen) showEditDialog() {
	if s.p == nil {
		return
	}
	if b := s.p.BudgetLine(s.lineID); b != nil {
		s.showLineDialog(b)
	}
}

// showLineDialog opens the dialog to add a line (b nil) or edit b.
func (s *Screen) showLineDialog(b *plan.BudgetLine) {
	if s.p == nil {
		return
	}
	esc := func() { s.closeAdd() }
	f := &addForm{
		name:        field.NewEntry(esc),
		costCentre:  field.NewEntry(esc),
		category:    field.NewSelect(nil, esc),
		spend:       field.NewSelect(spendOptions, esc),
		team:        field.NewSelect(nil, esc),
		nameErr:     field.ErrorLabel(),
		categoryErr: field.ErrorLabel(),
		spendErr:    field.ErrorLabel(),
		err:         field.ErrorLabel(),
	}
	f.name.SetPlaceHolder("e.g. AWS hosting")
	f.costCentre.SetPlaceHolder("e.g. CC-4100")
	for _, c := range plan.BudgetCategories {
		f.category.Options = append(f.category.Options, label(c))
	}
	f.team.Options = []string{"(no team)"}
	f.teamIDs = []string{""}
	for _, t := range s.p.Teams {
		f.team.Options = append(f.team.Options, t.Name)
		f.teamIDs = append(f.teamIDs, t.ID)
	}
	f.team.SetSelectedIndex(0)
	f.spend.SetSelected("OpEx")
	title, okText := "Add budget line", "Add"
	if b != nil {
		title, okText = "Edit budget line", "Save"
		f.editID = b.ID
		f.name.SetText(b.Name)
		f.costCentre.SetText(b.CostCentre)
		for i, c := range plan.BudgetCategories {
			if c == b.Category {
				f.category.SetSelectedIndex(i)
			}
		}
		f.spend.SetSelected(spendLabel(b.Spend))
		for i, id := range f.teamIDs {
			if id == b.TeamID {
				f.team.SetSelectedIndex(i)
			}
		}
	}
	f.ok = widget.NewButtonWithIcon(okText, theme.ConfirmIcon(), func() { s.addLine() })
	f.ok.Importance = widget.HighImportance
	f.cancel = widget.NewButton("Cancel", func() { s.closeAdd() })
	f.name.OnSubmitted = func(string) { s.addLine() }

	form := widget.NewForm(
		widget.NewFormItem("Name", container.NewVBox(f.name, f.nameErr)),
		widget.NewFormItem("Category", container.NewVBox(f.category, f.categoryErr)),
		widget.NewFormItem("Cost centre", f.costCentre),
		widget.NewFormItem("Spend", container.NewVBox(f.spend, f.spendErr)),
		widget.NewFormItem("Team", f.team),
	)
	content := container.NewVBox(form, f.err, container.NewHBox(f.ok, f.cancel))
	s.add = f
	if s.dl.Window() != nil {
		f.dlg = dialog.NewCustomWithoutButtons(title, content, s.dl.Window())
		f.dlg.Resize(fyne.NewSize(460, 0).Max(content.MinSize().AddWidthHeight(40, 80)))
		c := s.dl.Window().Canvas()
		f.prevKey = c.OnTypedKey()
		c.SetOnTypedKey(func(k *fyne.KeyEvent) { s.dialogKey(k) })
		f.dlg.Show()
		c.Focus(f.name) // type straight away; Tab goes down the form
	}
}

// dialogKey is the window's key handler while the dialog is open: Escape
// closes the dialog; other keys go to the previous handler.
func (s *Screen) dialogKey(k *fyne.KeyEvent) {
	if s.add == nil {
		return
	}
	if k.Name == fyne.KeyEscape {
		s.closeAdd()
	} else if s.add.prevKey != nil {
		s.add.prevKey(k)
	}
}

// closeAdd closes the dialog without changing anything (Cancel, Escape, or after a save).
func (s *Screen) closeAdd() {
	if s.add != nil && s.add.dlg != nil {
		s.add.dlg.Hide()
		s.dl.Window().Canvas().SetOnTypedKey(s.add.prevKey)
	}
	s.add = nil
}

// addLine adds the line described by the dialog, or changes the line being
// edited: one edit; on success the line is selected, on failure the errors
// appear next to the fields and nothing is written.
func (s *Screen) addLine() {
	f := s.add
	if f == nil {
		return
	}
	for _, l := range []*widget.Label{f.nameErr, f.categoryErr, f.spendErr, f.err} {
		setError(l, "")
	}
	cat := ""
	if i := f.category.SelectedIndex(); i >= 0 {
		cat = plan.BudgetCategories[i]
	}
	spend := strings.ToLower(f.spend.Selected)
	team := ""
	if i := f.team.SelectedIndex(); i > 0 {
		team = f.teamIDs[i]
	}
	b := plan.BudgetLine{Name: strings.TrimSpace(f.name.Text), Category: cat, CostCentre: strings.TrimSpace(f.costCentre.Text), Spend: spend, TeamID: team}
	id := f.editID
	var err error
	if id == "" {
		err = s.ed.Edit("add budget line "+b.Name, func(p *plan.Portfolio) error {
			id = p.AddBudgetLine(b)
			return nil
		})
	} else {
		err = s.ed.Edit("edit budget line "+b.Name, func(p *plan.Portfolio) error {
			l := p.BudgetLine(id)
			if l == nil {
				return plan.Errorf(plan.ENOTFOUND, "the budget line %q is no longer in the portfolio", b.Name)
			}
			l.Name, l.Category, l.CostCentre, l.Spend, l.TeamID = b.Name, b.Category, b.CostCentre, b.Spend, b.TeamID
			return nil
		})
	}
	if err != nil {
		msgs := map[*widget.Label]string{
			f.nameErr:     screen.Problem(err, "name"),
			f.categoryErr: screen.Problem(err, "category"),
			f.spendErr:    screen.Problem(err, "spend"),
		}
		if cat == "" {
			msgs[f.categoryErr] = "Choose a category."
		}
		shown := false
		for l, m := range msgs {
			setError(l, m)
			shown = shown || m != ""
		}
		if !shown {
			setError(f.err, plan.ErrorMessage(err))
		}
		return
	}
	s.closeAdd()
	s.lineID = id
	s.recompute()
}
