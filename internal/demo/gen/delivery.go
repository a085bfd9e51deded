package main

import (
	"fmt"
	"time"

	"steerco/internal/plan"
)

// deliveryWeeks is how much delivery history the demo carries: the 26 weeks
// before the anchor.
const deliveryWeeks = 26

// service describes how one service ships: deployments per week, how long
// changes wait between commit and production (hours, piecewise uniform), how
// often a deployment fails in production, and how long a restore takes.
type service struct {
	name      string
	perWeek   int
	changes   [2]int // changes per deployment, inclusive range
	leadHours []band
	failRate  float64
	incidents []string
}

var services = []service{
	{name: "fhir-api", perWeek: 4, changes: [2]int{1, 5}, failRate: 0.13,
		leadHours: []band{{30, 2, 20}, {45, 20, 60}, {20, 60, 130}, {5, 130, 200}},
		incidents: []string{
			"Elevated 5xx on /Patient search after index change",
			"SMART token introspection timeouts",
			"Coverage reads returning stale payer identifiers",
			"CapabilityStatement missing US Core profiles after deploy",
			"Memory pressure on FHIR API pods (search bundle paging)",
		}},
	{name: "exchange-service", perWeek: 3, changes: [2]int{1, 4}, failRate: 0.15,
		leadHours: []band{{20, 3, 24}, {45, 24, 72}, {28, 72, 150}, {7, 150, 240}},
		incidents: []string{
			"Member-match queue backlog after consumer restart",
			"EHR vendor callback rejected (certificate rotation)",
			"Duplicate ADT messages replayed to the FHIR bridge",
			"Consent flags not applied to outbound bundles",
		}},
	{name: "platform", perWeek: 2, changes: [2]int{1, 3}, failRate: 0.10,
		leadHours: []band{{50, 1, 12}, {35, 12, 48}, {15, 48, 120}},
		incidents: []string{
			"Kong rate limiter misconfigured for partner keys",
			"Patroni failover left a replica lagging",
			"Datadog agent upgrade dropped APM traces",
		}},
}

// restoreHours is the time to restore service after a failed deployment.
var restoreHours = []band{{35, 0.3, 1}, {40, 1, 4}, {18, 4, 12}, {7, 12, 30}}

// delivery returns six months of deployments, changes and incidents. Times
// are UTC in US working hours (09:00–17:00 Eastern), on working days.
func delivery(p *plan.Portfolio) ([]plan.Deployment, []plan.Change, []plan.Incident) {
	cal := p.Calendar.Compile()
	r := &rng{s: 0x5eed_f41c}
	var deps []plan.Deployment
	var changes []plan.Change
	var incs []plan.Incident
	hour := func(h float64) time.Duration {
		return time.Duration(float64(h * float64(time.Hour))).Truncate(time.Minute)
	}
	for w := -deliveryWeeks; w < 0; w++ {
		monday := wk(w)
		for _, s := range services {
			n := s.perWeek + r.intn(3) - 1 // ±1 around the usual rate
			var days []plan.Date
			for d := 0; d < 5; d++ {
				if day := monday.AddDays(d); cal.IsWorkday(day) {
					days = append(days, day)
				}
			}
			if len(days) == 0 {
				continue
			}
			for k := 0; k < n; k++ {
				day := days[r.intn(len(days))]
				at := day.Time().Add(hour(r.between(14, 21.5))) // 09:00–16:30 Eastern
				d := plan.Deployment{
					ID:         fmt.Sprintf("dep-%s-%04d", s.name, len(deps)+1),
					Service:    s.name,
					DeployedAt: at,
					Failed:     r.chance(s.failRate),
				}
				deps = append(deps, d)
				nc := s.changes[0] + r.intn(s.changes[1]-s.changes[0]+1)
				for c := 0; c < nc; c++ {
					lead := hour(r.pick(s.leadHours))
					changes = append(changes, plan.Change{
						ID:           fmt.Sprintf("chg-%05d", len(changes)+1),
						Service:      s.name,
						CommittedAt:  at.Add(-lead),
						DeployedAt:   at,
						DeploymentID: d.ID,
					})
				}
				if d.Failed && r.chance(0.7) {
					start := at.Add(hour(r.between(0.1, 2)))
					sev := "sev3"
					if r.chance(0.3) {
						sev = "sev2"
					}
					incs = append(incs, plan.Incident{
						ID:           fmt.Sprintf("inc-%03d", len(incs)+1),
						Service:      s.name,
						Title:        s.incidents[r.intn(len(s.incidents))],
						Severity:     sev,
						StartedAt:    start,
						ResolvedAt:   start.Add(hour(r.pick(restoreHours))),
						DeploymentID: d.ID,
					})
				}
			}
		}
	}
	// Two incidents no deployment caused.
	ext := []struct {
		week, weekday int
		at, hours     float64
		service, sev  string
		title         string
	}{
		{-19, 2, 15.5, 6.5, "exchange-service", "sev2", "Müller & Söhne production VPN tunnel down (vendor maintenance overran)"},
		{-7, 3, 18.25, 2.75, "platform", "sev1", "AWS us-east-1 EBS degradation slowed the FHIR store"},
	}
	for _, e := range ext {
		start := wk(e.week).AddDays(e.weekday).Time().Add(hour(e.at))
		incs = append(incs, plan.Incident{
			ID: fmt.Sprintf("inc-%03d", len(incs)+1), Service: e.service, Title: e.title, Severity: e.sev,
			StartedAt: start, ResolvedAt: start.Add(hour(e.hours)),
		})
	}
	return deps, changes, incs
}
