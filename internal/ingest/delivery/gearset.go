package delivery

import (
	"fmt"
	"strings"

	"steerco/internal/ingest"
	"steerco/internal/plan"
)

// readGearset reads a Gearset deployment log: Type (Success or Failure),
// DeploymentId, Timestamp and PullRequests, a Python-repr list of the pull
// requests deployed, each with MergedAt, PullRequestNumber and Url.
//
// Every row is a deployment; Failure marks it failed. Gearset's Failure is a
// failed deployment job (Salesforce rolls it back), not an incident in
// production; Steerco counts it as a failed deployment, as the change
// failure rate reports built on this log do, and says so in the preview.
// Each pull request of a successful deployment is a change whose lead time
// runs from MergedAt to the deployment. Pull requests of failed deployments
// did not reach production in that run and are not changes.
func (r *reader) readGearset(head []string, body [][]string, rows []int) error {
	h := normalizeAll(head)
	iType, iID, iTime, iPRs := h["type"], h["deploymentid"], h["timestamp"], h["pullrequests"]
	r.fields = map[string]string{"id": head[iID], "deployed_at": head[iTime], "failed": head[iType], "changes": head[iPRs]}
	failedPRs, failedWithPRs, noPR := 0, 0, 0
	for n, rec := range body {
		row := rows[n]
		r.pv.RowsRead++
		if emptyRow(rec) {
			r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, 0, ""), Reason: "blank row"})
			continue
		}
		typ := cell(rec, iType)
		var failed bool
		switch strings.ToLower(typ) {
		case "success", "succeeded":
		case "failure", "failed":
			failed = true
		default:
			if s := notFinished(typ); s != "" {
				r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: r.loc(row, iType+1, head[iType]), Reason: "deployment " + s})
			} else {
				r.pv.Errorf(r.loc(row, iType+1, head[iType]), "type %q is neither Success nor Failure", typ)
			}
			continue
		}
		rawID := cell(rec, iID)
		if rawID == "" {
			r.pv.Errorf(r.loc(row, iID+1, head[iID]), "the deployment has no id")
			continue
		}
		t, _, err := parseTime(cell(rec, iTime), orderMonthFirst)
		if err != nil {
			r.pv.Errorf(r.loc(row, iTime+1, head[iTime]), "%v", err)
			continue
		}
		dep := plan.Deployment{ID: cleanID("gearset-", rawID), DeployedAt: t, Failed: failed}
		prText := cell(rec, iPRs)
		var prs []any
		if !blank(prText) && prText != "[]" {
			v, err := parsePyRepr(prText)
			if err != nil {
				r.pv.Errorf(r.loc(row, iPRs+1, head[iPRs]), "the pull request list cannot be read (%v)", err)
				continue
			}
			list, ok := v.([]any)
			if !ok {
				r.pv.Errorf(r.loc(row, iPRs+1, head[iPRs]), "the pull requests are not a list")
				continue
			}
			prs = list
		}
		if len(prs) == 0 {
			noPR++
		}
		if failed {
			failedPRs += len(prs)
			if len(prs) > 0 {
				failedWithPRs++
			}
		}
		r.addDeployment(dep, r.loc(row, 0, ""))
		if failed {
			continue
		}
		for k, x := range prs {
			at := r.loc(row, iPRs+1, fmt.Sprintf("%s[%d]", head[iPRs], k))
			pr, ok := x.(map[string]any)
			if !ok {
				r.pv.Errorf(at, "pull request %d is not a dictionary", k+1)
				continue
			}
			merged, _ := pr["MergedAt"].(string)
			if blank(merged) {
				r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: "pull request with no MergedAt"})
				continue
			}
			mt, _, err := parseTime(merged, orderMonthFirst)
			if err != nil {
				r.pv.Errorf(at, "MergedAt: %v", err)
				continue
			}
			if mt.After(t) {
				r.pv.Warnf(at, "pull request merged at %s, after the deployment at %s: not counted as a change of this deployment", stamp(mt), stamp(t))
				continue
			}
			c := plan.Change{ID: prID(pr, dep.ID, k), CommittedAt: mt, DeployedAt: t, DeploymentID: dep.ID}
			if i, ok := r.ids["change:"+c.ID]; ok {
				// The same pull request in two successful deployments: its lead
				// time runs to the first one that brought it to production.
				if prev := r.changes[i]; c.DeployedAt.Before(prev.DeployedAt) {
					r.changes[i] = c
					r.where["change:"+c.ID] = at
				}
				r.pv.Skipped = append(r.pv.Skipped, ingest.Skip{Location: at, Reason: fmt.Sprintf("pull request %s was deployed more than once; counted at its first successful deployment", c.ID)})
				continue
			}
			r.addChange(c, at)
		}
	}
	r.pv.Notes = append(r.pv.Notes,
		"Gearset's Failure is a failed deployment job, rolled back by Salesforce, not necessarily an incident in production: it is counted as a failed deployment, so the change failure rate measures failed deployment jobs.",
		"Lead time for changes runs from each pull request's MergedAt to its successful deployment.")
	if failedPRs > 0 {
		r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("%d pull requests on %d failed deployments are not counted as changes: those runs did not bring them to production.", failedPRs, failedWithPRs))
	}
	if noPR > 0 {
		r.pv.Notes = append(r.pv.Notes, fmt.Sprintf("%d deployments list no pull requests.", noPR))
	}
	return nil
}

// prID names a pull request "SFDC-ATGE-pr-2341" from its Url (or number),
// falling back to its position in the deployment.
func prID(pr map[string]any, depID string, k int) string {
	num := ""
	switch v := pr["PullRequestNumber"].(type) {
	case float64:
		num = fmt.Sprintf("%.0f", v)
	case string:
		num = v
	}
	url, _ := pr["Url"].(string)
	repo := ""
	if i := strings.Index(url, "/pull/"); i > 0 {
		parts := strings.Split(url[:i], "/")
		repo = parts[len(parts)-1]
		if num == "" {
			num = url[i+len("/pull/"):]
		}
	}
	if num == "" {
		return fmt.Sprintf("%s-pr%d", depID, k+1)
	}
	if repo == "" {
		return cleanID("pr-", num)
	}
	return cleanID("", repo+"-pr-"+num)
}
