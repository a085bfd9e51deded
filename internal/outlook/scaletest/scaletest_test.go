package scaletest

import "testing"

func TestPortfolioIsValidAndSized(t *testing.T) {
	p := Portfolio(Options{})
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 10000 || len(p.Teams) != 40 || len(p.Risks) != 1000 || len(p.BudgetLines) != 500 || len(p.Deployments) != 100000 {
		t.Fatalf("sizes: %d items, %d teams, %d risks, %d budget lines, %d deployments",
			len(p.Items), len(p.Teams), len(p.Risks), len(p.BudgetLines), len(p.Deployments))
	}
	cross := 0
	for _, it := range p.Items {
		for _, d := range it.DependsOn {
			if p.Item(d.ItemID).TeamID != it.TeamID {
				cross++
			}
		}
	}
	if share := float64(cross) / float64(len(p.Items)); share < 0.55 || share > 0.65 {
		t.Errorf("cross-team dependencies on %.0f %% of items, want about 60 %%", 100*share)
	}
	for _, bl := range p.BudgetLines {
		if len(bl.Plan) != 60 {
			t.Fatalf("budget line %s has %d months of plan, want 60", bl.ID, len(bl.Plan))
		}
	}
}
