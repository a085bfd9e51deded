package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"steerco/internal/plan"
)

// TestEveryDomainFieldIsStored fails when a plan type gains or loses a field,
// so that a new field cannot be silently dropped on its way through the file:
// store it (a new migration, load.go, kinds.go), add it to the rich test
// portfolio, then list it here.
func TestEveryDomainFieldIsStored(t *testing.T) {
	stored := []struct {
		v    any
		want string
	}{
		{plan.Portfolio{}, "Name Currency FiscalYearStart PlanningStart Calendar Confidentiality Teams Products Items Milestones Risks BudgetLines Deployments Changes Incidents Snapshots ImportMappings HiringLeadWeeks RampUpWeeks Scenarios DecisionNote"},
		{plan.Calendar{}, "Workdays Holidays"},
		{plan.Holiday{}, "Date Name"},
		{plan.Team{}, "ID Name Headcount HeadcountChanges Allocation FocusFactor WIPLimit CostPerFTEMonth"},
		{plan.HeadcountChange{}, "Date Delta Note"},
		{plan.Product{}, "ID Name Description"},
		{plan.Item{}, "ID Title ProductID TeamID Estimate Remaining Rank Status StartNoEarlierThan Target Commitment Increment Tags DependsOn Notes Source CostOfDelayPerWeek StartedOn FinishedOn"},
		{plan.Estimate{}, "Low Likely High Count"},
		{plan.Dependency{}, "ItemID LagDays"},
		{plan.Milestone{}, "ID Name Date Kind DependsOn Penalty PenaltyLumpSum PenaltyPerDay PenaltyDays"},
		{plan.Risk{}, "ID Title Category Probability ImpactDays Items CostImpact Owner Status Mitigation SignedOffBy SignedOffOn"},
		{plan.BudgetLine{}, "ID Name Category CostCentre Spend TeamID Plan Actual"},
		{plan.MonthAmount{}, "Month Amount"},
		{plan.Deployment{}, "ID Service DeployedAt Failed"},
		{plan.Change{}, "ID Service CommittedAt DeployedAt DeploymentID"},
		{plan.Incident{}, "ID Service Title Severity StartedAt ResolvedAt DeploymentID"},
		{plan.Snapshot{}, "ID Name TakenOn Trials Seed Forecast"},
		{plan.SnapshotResult{}, "Kind ID P50 P85 Probability"},
		{plan.ImportMapping{}, "ID Kind Fields Values Options"},
		{plan.Scenario{}, "ID Name Description Changes"},
		{plan.ScenarioChange{}, "Kind Team Item Risk Milestone FTE Percent Value Text Date By Cost NewItem"},
	}
	for _, st := range stored {
		typ, want := reflect.TypeOf(st.v), st.want
		var got []string
		for i := 0; i < typ.NumField(); i++ {
			got = append(got, typ.Field(i).Name)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("plan.%s has fields\n  %s\nbut the portfolio file stores\n  %s\nStore the new field (migration, load.go, kinds.go) and add it to richPortfolio and this list.", typ.Name(), g, want)
		}
	}
}
