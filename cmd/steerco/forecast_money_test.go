package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"steerco/internal/figure"
	"steerco/internal/outlook"
	"steerco/internal/plan"
)

// The forecast verb shows the demo's exposure and JCL in its table, with
// the same figures its --json gives.
func TestForecastMoney(t *testing.T) {
	path, anchor := fcDemoFile(t)
	ctx := context.Background()
	code, out, errOut := fcRun(ctx, anchor, path, "--trials", "3000", "--no-risks")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, js, errOut := fcRun(ctx, anchor, path, "--trials", "3000", "--no-risks", "--json")
	if code != 0 {
		t.Fatalf("--json: exit %d: %s", code, errOut)
	}
	var f outlook.Forecast
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		t.Fatal(err)
	}
	ex, j := f.Exposure, f.JCL
	if ex == nil || len(ex.Milestones) != 1 || ex.Milestones[0].ID != "m-cms" || len(ex.Items) != 2 || j == nil || j.PJoint < 0 {
		t.Fatalf("--json exposure %+v, JCL %+v", ex, j)
	}
	m := ex.Milestones[0]
	for _, want := range []string{
		"Exposure to lateness",
		"USD 250,000 + USD 25,000 per calendar day late",
		"USD 40,000 per week late",
		figure.Money(m.Expected), figure.Money(m.P85), figure.Percent(m.PLate),
		figure.Money(ex.Total.Mean), figure.Money(ex.Total.P85),
		"every week the CMS Interoperability mandate go-live is late costs USD 175k.",
		"Joint cost–schedule confidence (JCL) of finishing by " + figure.Date(j.Target) + " within " + figure.MoneyShort(j.Budget) + ": " + figure.Percent(j.PJoint),
		"Cost to complete: P50 " + figure.Money(j.Cost.P50) + ", P85 " + figure.Money(j.Cost.P85),
		"LOWEST BUDGET FOR 70%",
		outlook.FrontierNote,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the table lacks %q:\n%s", want, out)
		}
	}
	if m.PerWeek != plan.Amount(175000, "USD") {
		t.Errorf("the mandate's week late costs %v", m.PerWeek)
	}
}

// --jcl-penalties counts the penalties in the cost to complete.
func TestForecastJCLPenalties(t *testing.T) {
	path, anchor := fcDemoFile(t)
	code, js, errOut := fcRun(context.Background(), anchor, path, "--trials", "2000", "--no-risks", "--json", "--jcl-penalties")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var f outlook.Forecast
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		t.Fatal(err)
	}
	if !f.JCL.WithPenalties || f.JCL.Penalties != f.Exposure.Total.Mean {
		t.Errorf("with penalties %v: penalties %v, exposure %v", f.JCL.WithPenalties, f.JCL.Penalties, f.Exposure.Total.Mean)
	}
}
