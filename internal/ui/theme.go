package ui

import (
	"fyne.io/fyne/v2/theme"
)

// setTheme switches between "light", "dark" and "" (follow the system) and remembers the choice.
func (s *Shell) setTheme(name string) {
	s.app.Preferences().SetString(prefTheme, name)
	s.applyTheme(name)
	s.refreshMenu()
}

func (s *Shell) applyTheme(name string) {
	switch name {
	case "light":
		s.app.Settings().SetTheme(theme.LightTheme()) //nolint:staticcheck // the variant API needs a custom theme; this is the documented switch
	case "dark":
		s.app.Settings().SetTheme(theme.DarkTheme()) //nolint:staticcheck
	default:
		s.app.Settings().SetTheme(theme.DefaultTheme())
	}
}
