package delivery

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// readDevLake reads Apache DevLake's cicd_deployment_commits table: one row
// per (deployment, commit). Rows of one cicd_deployment_id make one
// deployment. Its time is started_date: on GitHub deployments DevLake's
// finished_date of a successful run is when the deployment went INACTIVE
// (superseded by the next one), days later, not when it went live. Failed
// and successful runs are both deployments; FAILURE marks one failed.
// When some rows are in a production environment, only those are imported.
// The table has commit SHAs but not commit times (DevLake keeps those in
// its commits table), so it gives no lead time.
func (r *reader) readDevLake(head []string, body [][]string, rows []int) error {
	h := normalizeAll(head)
	col := func(name string) int {
		if i, ok := h[name]; ok {
			return i
		}
		return -1
	}
	r.fields = map[string]string{"id": "cicd_deployment_id", "deployed_at": "started_date", "failed": "result", "service": "repo_url"}
	iDep, iRes, iEnv := col("cicddeploymentid"), col("result"), col("environment")
	iStart, iFin, iCreated := col("starteddate"), col("finisheddate"), col("createddate")
	iRepo, iName := col("repourl"), col("name")

	// Production filter: only when some environment says so.
	prod := false
	envs := map[string]int{}
	for _, rec := range body {
		e := cell(rec, iEnv)
		envs[e]++
		if isProduction(e) {
			prod = true
		}
	}
	if !prod && iEnv >= 0 {
		names := sortedKeys(envs)
		r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("No row is in a production environment (environments: %s), so every deployment is imported as a production deployment.", strings.Join(names, ", ")))
	}

	type group struct {
		row    int
		dep    plan.Deployment
		failed bool
	}
	groups := map[string]*group{}
	var order []string
	for n, rec := range body {
		row := rows[n]
		r.pv.RowsRead++
		if emptyRow(rec) {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, 0, ""), Reason: "blank row"})
			continue
		}
		env := cell(rec, iEnv)
		if prod && !isProduction(env) {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, iEnv+1, "environment"), Reason: fmt.Sprintf("environment %q is not production", env)})
			continue
		}
		res := strings.ToUpper(cell(rec, iRes))
		switch res {
		case "SUCCESS", "FAILURE":
		default:
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, iRes+1, "result"), Reason: fmt.Sprintf("result %q: the deployment did not finish", cell(rec, iRes))})
			continue
		}
		var when string
		var wcol int
		for _, c := range []int{iStart, iFin, iCreated} {
			if v := cell(rec, c); !blank(v) {
				when, wcol = v, c
				break
			}
		}
		if when == "" {
			r.pv.Errorf(r.loc(row, iStart+1, "started_date"), "the deployment has no started_date, finished_date or created_date")
			continue
		}
		t, _, err := parseTime(when, orderMonthFirst)
		if err != nil {
			r.pv.Errorf(r.loc(row, wcol+1, head[wcol]), "%v", err)
			continue
		}
		raw := cell(rec, iDep)
		if raw == "" {
			raw = cell(rec, iName)
		}
		if raw == "" {
			r.pv.Errorf(r.loc(row, iDep+1, "cicd_deployment_id"), "the deployment has no id")
			continue
		}
		g, ok := groups[raw]
		if !ok {
			g = &group{row: row, dep: plan.Deployment{ID: devlakeID(raw), Service: repoName(cell(rec, iRepo)), DeployedAt: t}}
			groups[raw] = g
			order = append(order, raw)
		}
		if t.Before(g.dep.DeployedAt) {
			g.dep.DeployedAt = t
		}
		if res == "FAILURE" {
			g.failed = true
		}
	}
	for _, raw := range order {
		g := groups[raw]
		g.dep.Failed = g.failed
		r.addDeployment(g.dep, r.loc(g.row, 0, ""))
	}
	r.pv.Notes = append(r.pv.Notes,
		"Deployment times are DevLake's started_date (finished_date of a successful GitHub deployment is when a later one replaced it).",
		"A FAILURE result counts as a failed deployment in the change failure rate.",
		"This table has no commit times, so it gives no lead time for changes; import changes separately.")
	return nil
}

// devlakeID shortens "github:GithubDeployment:1:DE_kwDO…" to "devlake-DE_kwDO…"
// (the last part is the tool's own, globally unique id).
func devlakeID(raw string) string {
	last := raw
	if i := strings.LastIndexByte(raw, ':'); i >= 0 && i+1 < len(raw) {
		last = raw[i+1:]
	}
	id := "devlake-" + last
	if validID(id) {
		return id
	}
	return cleanID("devlake-", raw)
}

func repoName(url string) string {
	url = strings.TrimSuffix(strings.TrimSpace(url), ".git")
	parts := strings.Split(strings.TrimSuffix(url, "/"), "/")
	if len(parts) >= 2 && strings.Contains(url, "://") {
		return parts[len(parts)-2] + "/" + parts[len(parts)-1]
	}
	return url
}

func isProduction(env string) bool {
	e := strings.ToLower(env)
	return strings.Contains(e, "prod") || e == "live"
}

// pagerDutyIncident is the part of a PagerDuty API incident Steerco reads.
type pagerDutyIncident struct {
	ID                 string `json:"id"`
	Type               string `json:"type"`
	IncidentNumber     int    `json:"incident_number"`
	Title              string `json:"title"`
	CreatedAt          string `json:"created_at"`
	Status             string `json:"status"`
	Urgency            string `json:"urgency"`
	LastStatusChangeAt string `json:"last_status_change_at"`
	ResolvedAt         string `json:"resolved_at"`
	Service            struct {
		Summary string `json:"summary"`
	} `json:"service"`
	LogEntries []struct {
		Type      string `json:"type"`
		CreatedAt string `json:"created_at"`
	} `json:"log_entries"`
}

// readPagerDuty reads DevLake's _raw_pagerduty_incidents table: each row's
// data column holds one PagerDuty API incident as JSON. An incident is
// resolved at its resolve_log_entry (or, without log entries, at
// last_status_change_at when its status is resolved); triggered and
// acknowledged incidents are imported as still open.
func (r *reader) readPagerDuty(head []string, body [][]string, rows []int) error {
	h := normalizeAll(head)
	iData := h["data"]
	r.fields = map[string]string{"incident": "data"}
	for n, rec := range body {
		row := rows[n]
		r.pv.RowsRead++
		at := r.loc(row, iData+1, "data")
		raw := cell(rec, iData)
		if raw == "" {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: "no data"})
			continue
		}
		var pd pagerDutyIncident
		if err := json.Unmarshal([]byte(raw), &pd); err != nil {
			r.pv.Errorf(at, "the data column is not the JSON of a PagerDuty incident: %v", err)
			continue
		}
		if pd.Type != "incident" || pd.ID == "" {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: fmt.Sprintf("not a PagerDuty incident (type %q)", pd.Type)})
			continue
		}
		started, _, err := parseTime(pd.CreatedAt, orderMonthFirst)
		if err != nil {
			r.pv.Errorf(at, "incident %s created_at: %v", pd.ID, err)
			continue
		}
		var resolved time.Time
		var resolves []time.Time
		for _, le := range pd.LogEntries {
			if le.Type == "resolve_log_entry" {
				if t, _, err := parseTime(le.CreatedAt, orderMonthFirst); err == nil {
					resolves = append(resolves, t)
				}
			}
		}
		switch {
		case pd.Status != "resolved":
			// open: no resolve time even if an old resolve entry exists (re-opened)
		case len(resolves) > 0:
			sort.Slice(resolves, func(i, j int) bool { return resolves[i].Before(resolves[j]) })
			resolved = resolves[len(resolves)-1]
		case pd.ResolvedAt != "":
			resolved, _, err = parseTime(pd.ResolvedAt, orderMonthFirst)
		default:
			resolved, _, err = parseTime(pd.LastStatusChangeAt, orderMonthFirst)
		}
		if err != nil {
			r.pv.Errorf(at, "incident %s: its resolution time is unreadable: %v", pd.ID, err)
			continue
		}
		if !resolved.IsZero() && resolved.Before(started) {
			r.pv.Errorf(at, "incident %s was resolved (%s) before it was created (%s)", pd.ID, stamp(resolved), stamp(started))
			continue
		}
		title := pd.Title
		if pd.IncidentNumber > 0 {
			title = fmt.Sprintf("#%d %s", pd.IncidentNumber, pd.Title)
		}
		r.addIncident(plan.Incident{
			ID: cleanID("pagerduty-", pd.ID), Service: pd.Service.Summary, Title: title, Severity: pd.Urgency,
			StartedAt: started, ResolvedAt: resolved,
		}, r.loc(row, 0, ""))
	}
	r.pv.Notes = append(r.pv.Notes, "PagerDuty urgency (high, low) is kept as the incident's severity; triggered and acknowledged incidents are imported as still open.")
	return nil
}
