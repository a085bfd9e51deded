package outlook

import (
	"testing"

	"steerco/internal/plan"
)

func TestCompare(t *testing.T) {
	x := item("x", "a", 1, 10, 20, 40)
	x.Commitment, x.Target = plan.Committed, d("2026-04-10")
	y := item("y", "a", 2, 10, 20, 40)
	y.Commitment, y.Target = plan.Committed, d("2026-05-15")
	p := portfolio([]plan.Team{team("a", 1, 1)}, x, y)
	p.Milestones = []plan.Milestone{{ID: "m", Name: "M", Date: d("2026-05-15"), DependsOn: []string{"x", "y"}}}
	o := Options{Trials: 2000, Seed: 3}
	base := run(t, p, o)

	t.Run("same forecast, no differences", func(t *testing.T) {
		c := Compare(base, run(t, p, o))
		if len(c.Milestones) != 1 || c.Milestones[0].P85Days != 0 || c.Milestones[0].PTargetPoint != 0 || c.PortfolioP85Days != 0 {
			t.Errorf("differences between identical runs: %+v", c)
		}
		if len(c.Items) != 2 || c.Committed != c.CommittedAlt || c.CommittedItems != 2 {
			t.Errorf("items %+v committed %v/%v", c.Items, c.Committed, c.CommittedAlt)
		}
		if len(c.Teams) == 0 || !c.Teams[0].InBase || !c.Teams[0].InAlt {
			t.Errorf("teams %+v", c.Teams)
		}
	})
	t.Run("a second engineer is better", func(t *testing.T) {
		q := p.Clone()
		q.Teams[0].HeadcountChanges = []plan.HeadcountChange{{Date: d(monday), Delta: 1}}
		c := Compare(base, run(t, q, o))
		m := c.Milestones[0]
		if m.P85Days >= 0 || m.PTargetPoint <= 0 || c.CommittedAlt < c.Committed {
			t.Errorf("more capacity did not help: %+v, committed %v → %v", m, c.Committed, c.CommittedAlt)
		}
		want := (m.Alt.PTarget - m.Base.PTarget) * 100
		if d := m.PTargetPoint - want; d > 0.051 || d < -0.051 {
			t.Errorf("points %v, want %v", m.PTargetPoint, want)
		}
	})
	t.Run("a cut item is missing from the scenario", func(t *testing.T) {
		q := p.Clone()
		q.Item("y").Status = plan.Cancelled
		c := Compare(base, run(t, q, o))
		var yd *ItemDelta
		for i := range c.Items {
			if c.Items[i].ID == "y" {
				yd = &c.Items[i]
			}
		}
		if yd == nil || !yd.InBase || yd.InAlt || c.CommittedItemsAlt != 1 {
			t.Errorf("cut item: %+v, committed items %d", yd, c.CommittedItemsAlt)
		}
	})
}
