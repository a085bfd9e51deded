package scenarios

import "fyne.io/fyne/v2/widget"

// Hooks for the external tests that drive the screen inside the real shell.

func (s *Screen) Kind() *widget.Select      { return s.kind }
func (s *Screen) Team() *widget.Select      { return s.team }
func (s *Screen) FTE() *widget.Entry        { return s.fte }
func (s *Screen) Value() *widget.Entry      { return s.value }
func (s *Screen) AddButton() *widget.Button { return s.addBtn }
func (s *Screen) Apply() *widget.Button     { return s.applyBtn }
func (s *Screen) Confirm() *widget.Button   { return s.confirmBtn }
func (s *Screen) StatusText() string        { return s.status.Text }
func (s *Screen) Changes() int              { return len(s.sc().Changes) }
