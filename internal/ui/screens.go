package ui

import (
	"context"

	"fyne.io/fyne/v2"

	"steerco/internal/app"
	"steerco/internal/plan"
	"steerco/internal/ui/budget"
	"steerco/internal/ui/calibration"
	"steerco/internal/ui/forecastview"
	"steerco/internal/ui/importer"
	"steerco/internal/ui/overview"
	"steerco/internal/ui/reports"
	"steerco/internal/ui/risks"
	"steerco/internal/ui/roadmap"
	"steerco/internal/ui/scenarios"
	"steerco/internal/ui/screen"
	"steerco/internal/ui/teams"
)

// buildScreens lists the navigation in order: Overview, Roadmap, Teams,
// Budget, Risks, Forecast, Scenarios, Calibration, Reports, Import. Each screen package
// adds one line here when it lands.
func buildScreens(svc screen.Services) []screen.Screen {
	return []screen.Screen{
		overview.New(svc, svc),
		roadmap.New(svc, svc, svc, svc),
		teams.New(svc, svc, svc),
		budget.New(svc, svc, svc),
		risks.New(svc, svc, svc),
		forecastview.New(svc),
		scenarios.New(svc, svc),
		calibration.New(),
		reports.New(svc, svc, svc, svc),
		importer.New(svc, svc, svc, svc, svc),
	}
}

// services is what the shell offers the screens: screen.Services over the
// shell's session, forecaster, navigation and window.
type services struct{ s *Shell }

var _ screen.Services = services{}

func (v services) Today() plan.Date           { return v.s.today() }
func (v services) Policy() app.Policy         { return v.s.fc.app.Policy }
func (v services) Portfolio() *plan.Portfolio { return v.s.p }
func (v services) Navigate(title string)      { v.s.navigate(title) }
func (v services) Window() fyne.Window        { return v.s.win }
func (v services) ShowError(err error)        { v.s.showError(err) }
func (v services) FilePath() string           { return v.s.sess.Path() }

// Backup backs the open file up (app.Backer), before an import changes it.
func (v services) Backup(ctx context.Context, reason string) (string, error) {
	return v.s.sess.Backup(ctx, reason)
}

func (v services) Edit(action string, fn func(p *plan.Portfolio) error) error {
	return v.s.edit(action, fn)
}

func (v services) Forecast(ctx context.Context, r app.Request, progress func(done, total int), done func(*app.Forecast, error)) {
	v.s.fc.runRequest(ctx, r, progress, done)
}
