package forecast

import (
	"math/rand/v2"
	"strconv"
)

// genPlain makes a dependency network of n items with about deps·n
// finish-to-start links, each to one of the 40 previous items, and
// triangular durations.
func genPlain(n int, deps float64, seed uint64) Model {
	r := rand.New(rand.NewPCG(seed, 1))
	m := Model{Items: make([]Item, n)}
	for i := range m.Items {
		lo := 1 + 4*r.Float64()
		mode := lo + 3*r.Float64()
		m.Items[i] = Item{ID: "I" + strconv.Itoa(i), Duration: tri(lo, mode, mode+2+6*r.Float64())}
	}
	total := int(deps * float64(n))
	for k := 0; k < total; k++ {
		i := 1 + r.IntN(n-1)
		j := i - 1 - r.IntN(min(i, 40))
		id := m.Items[j].ID
		dup := false
		for _, d := range m.Items[i].DependsOn {
			dup = dup || d == id
		}
		if !dup {
			m.Items[i].DependsOn = append(m.Items[i].DependsOn, id)
		}
	}
	return m
}

// genRC makes a resource-constrained model: teams with two or three slots,
// a 52-week capacity calendar with holidays and a hire, n effort items
// (a tenth of them fixed-duration items with no team) with about one
// dependency each, on the previous 30 items of any team.
func genRC(n, teams int, seed uint64) Model {
	r := rand.New(rand.NewPCG(seed, 2))
	m := Model{}
	for t := 0; t < teams; t++ {
		slots := 2 + r.IntN(2)
		base := float64(slots) * (4 + r.Float64()*6)
		cal := make([]float64, 52)
		for w := range cal {
			cal[w] = base
			if w == 20 || w == 51 || w == 52-1-r.IntN(10) {
				cal[w] = 0
			}
			if w > 26 {
				cal[w] = base * 1.25
			}
		}
		m.Teams = append(m.Teams, Team{ID: "T" + strconv.Itoa(t), Slots: slots, CapacityByWeek: cal, CapacityPerWeek: base * 1.25})
	}
	for i := 0; i < n; i++ {
		it := Item{ID: "W" + strconv.Itoa(i)}
		if r.IntN(10) == 0 {
			it.Duration = tri(0.5, 1, 3)
		} else {
			lo := 5 + 20*r.Float64()
			it.Effort = tri(lo, lo*1.3, lo*2.2)
			it.Team = "T" + strconv.Itoa(r.IntN(teams))
		}
		if i > 0 && r.IntN(5) != 0 {
			it.DependsOn = append(it.DependsOn, "W"+strconv.Itoa(i-1-r.IntN(min(i, 30))))
		}
		if i > 1 && r.IntN(4) == 0 {
			d := "W" + strconv.Itoa(i-1-r.IntN(min(i, 30)))
			if len(it.DependsOn) == 0 || it.DependsOn[0] != d {
				it.DependsOn = append(it.DependsOn, d)
			}
		}
		if r.IntN(20) == 0 {
			it.EarliestStart = float64(r.IntN(20))
		}
		m.Items = append(m.Items, it)
	}
	return m
}
