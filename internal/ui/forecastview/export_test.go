package forecastview

import "fyne.io/fyne/v2/widget"

// Hooks for the external tests that drive the screen inside the real shell.

func (s *Screen) RunButton() *widget.Button { return s.runBtn }
func (s *Screen) OnFinished(fn func())      { s.onFinished = fn }
