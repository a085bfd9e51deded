package ui

import (
	"steerco/internal/ui/budget"
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
// Budget, Risks, Forecast, Scenarios, Reports, Import. Each screen package
// adds one line here when it lands.
func buildScreens(env *screen.Env) []screen.Screen {
	svc := screen.FromEnv(env)
	return []screen.Screen{
		overview.New(svc, svc),
		roadmap.New(svc, svc, svc, svc),
		teams.New(svc, svc, svc),
		budget.New(svc, svc, svc),
		risks.New(svc, svc, svc),
		forecastview.New(svc),
		scenarios.New(svc, svc),
		reports.New(svc, svc, svc),
		importer.New(svc, svc, svc, svc, svc),
	}
}
