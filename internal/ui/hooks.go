package ui

import "steerco/internal/app"

// ScreenTitles lists the navigation's screens in order (for tools that
// visit every screen, such as the render-to-PNG tool in ui/shots).
func (s *Shell) ScreenTitles() []string {
	out := make([]string, len(s.screens))
	for i, sc := range s.screens {
		out[i] = sc.Title()
	}
	return out
}

// SetForecastTrials makes the shell's automatic forecasts (preview and full
// runs) use n trials, so tools and tests get a real forecast quickly. Call
// it before Open.
func (s *Shell) SetForecastTrials(n int) { s.fc.app.ForceTrials(n) }

// OnForecastIdle sets fn to be called on the UI goroutine each time an
// automatic full forecast has been shown to every screen.
func (s *Shell) OnForecastIdle(fn func()) { s.fc.onIdle = fn }

// ShownForecast returns the full forecast the screens show for the open
// portfolio (with risk drivers once measured), or nil while it runs.
func (s *Shell) ShownForecast() *app.Forecast { return s.fc.current() }
