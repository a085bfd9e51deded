package outlook

import (
	"math"

	"steerco/internal/plan"
)

// Comparison sets a scenario's forecast beside the plan of record's. Both
// forecasts should come from the same seed, trials and as-of date (common
// random numbers), so differences are the scenario's, not noise.
type Comparison struct {
	Milestones []MilestoneDelta
	// Items: every item with a target in either forecast, in the base's
	// order, then items only the scenario has.
	Items []ItemDelta
	// Committed: the joint probability that every committed item meets its
	// target, base and scenario, and how many items each covers.
	Committed, CommittedAlt           float64
	CommittedItems, CommittedItemsAlt int
	// PortfolioP85Days: working days the scenario moves the portfolio's P85
	// finish (negative: earlier).
	PortfolioP85Days float64
	// Teams: every team quarter of either forecast, base order first.
	Teams []TeamQuarterDelta
	// Money (Alt − Base): ExposureDelta and ExposureP85Delta move the
	// expected penalties and costs of delay (Exposure.Total Mean and P85;
	// negative: less to pay); CostDelta and CostP85Delta the cost to
	// complete (JCL.Cost Mean and P85; a scenario's hires show here, paid
	// until the work they join is done); JCLPoints the joint cost–schedule
	// probability, in percentage points (0 when either forecast has none).
	// "+2 engineers: +USD 70k cost, −USD 240k expected penalty".
	ExposureDelta, ExposureP85Delta plan.Money
	CostDelta, CostP85Delta         plan.Money
	JCLPoints                       float64
}

// MilestoneDelta is one milestone in both forecasts.
type MilestoneDelta struct {
	ID           string
	Base, Alt    MilestoneForecast
	InBase       bool // false when only the scenario has it
	InAlt        bool
	P85Days      float64 // Alt P85 − Base P85, working days (negative: earlier, better)
	PTargetPoint float64 // Alt − Base probability of meeting the date, in percentage points
}

// ItemDelta is one item with a target in both forecasts. An item the
// scenario cut (or finished) is missing from Alt: InAlt is false.
type ItemDelta struct {
	ID            string
	Base, Alt     ItemForecast
	InBase, InAlt bool
}

// TeamQuarterDelta is one team quarter in both forecasts.
type TeamQuarterDelta struct {
	Base, Alt     TeamQuarter
	InBase, InAlt bool
}

// Compare lines up base (the plan of record) and alt (a scenario).
func Compare(base, alt *Forecast) *Comparison {
	c := &Comparison{Committed: base.Committed, CommittedAlt: alt.Committed,
		CommittedItems: base.CommittedItems, CommittedItemsAlt: alt.CommittedItems,
		PortfolioP85Days: roundTenth(alt.Portfolio.P85Days - base.Portfolio.P85Days)}
	if base.Exposure != nil && alt.Exposure != nil {
		c.ExposureDelta = alt.Exposure.Total.Mean.Sub(base.Exposure.Total.Mean)
		c.ExposureP85Delta = alt.Exposure.Total.P85.Sub(base.Exposure.Total.P85)
	}
	if base.JCL != nil && alt.JCL != nil {
		c.CostDelta = alt.JCL.Cost.Mean.Sub(base.JCL.Cost.Mean)
		c.CostP85Delta = alt.JCL.Cost.P85.Sub(base.JCL.Cost.P85)
		if base.JCL.PJoint >= 0 && alt.JCL.PJoint >= 0 {
			c.JCLPoints = math.Round((alt.JCL.PJoint-base.JCL.PJoint)*1000) / 10
		}
	}
	for _, m := range base.Milestones {
		d := MilestoneDelta{ID: m.ID, Base: m, InBase: true}
		if a := alt.Milestone(m.ID); a != nil {
			d.Alt, d.InAlt = *a, true
			d.P85Days = roundTenth(a.Finish.P85Days - m.Finish.P85Days)
			if a.PTarget >= 0 && m.PTarget >= 0 {
				d.PTargetPoint = math.Round((a.PTarget-m.PTarget)*1000) / 10
			}
		}
		c.Milestones = append(c.Milestones, d)
	}
	for _, a := range alt.Milestones {
		if base.Milestone(a.ID) == nil {
			c.Milestones = append(c.Milestones, MilestoneDelta{ID: a.ID, Alt: a, InAlt: true})
		}
	}
	for _, it := range base.Items {
		a := alt.Item(it.ID)
		if it.PTarget < 0 && (a == nil || a.PTarget < 0) {
			continue
		}
		d := ItemDelta{ID: it.ID, Base: it, InBase: true}
		if a != nil {
			d.Alt, d.InAlt = *a, true
		}
		c.Items = append(c.Items, d)
	}
	for _, a := range alt.Items {
		if a.PTarget >= 0 && base.Item(a.ID) == nil {
			c.Items = append(c.Items, ItemDelta{ID: a.ID, Alt: a, InAlt: true})
		}
	}
	type key struct {
		team string
		q    string
	}
	altQ := map[key]int{}
	for i, tq := range alt.Teams {
		altQ[key{tq.TeamID, tq.Quarter.String()}] = i
	}
	seen := map[key]bool{}
	for _, tq := range base.Teams {
		k := key{tq.TeamID, tq.Quarter.String()}
		d := TeamQuarterDelta{Base: tq, InBase: true}
		if i, ok := altQ[k]; ok {
			d.Alt, d.InAlt = alt.Teams[i], true
			seen[k] = true
		}
		c.Teams = append(c.Teams, d)
	}
	for _, tq := range alt.Teams {
		if !seen[key{tq.TeamID, tq.Quarter.String()}] {
			c.Teams = append(c.Teams, TeamQuarterDelta{Alt: tq, InAlt: true})
		}
	}
	return c
}

func roundTenth(d float64) float64 { return math.Round(d*10) / 10 }
