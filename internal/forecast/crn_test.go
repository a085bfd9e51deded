package forecast

import (
	"context"
	"testing"
)

// TestCommonRandomNumbersAcrossStructure: the random numbers of an item
// and of a risk do not depend on the model's other nodes, so a model with
// one more node (after the others) and one more risk simulates every
// other item exactly as before in every trial, although the new node and
// link reshuffle the topological order the trial loop walks.
func TestCommonRandomNumbersAcrossStructure(t *testing.T) {
	for _, sampling := range []string{MonteCarlo, LatinHypercube} {
		base := genRC(300, 4, 9)
		base.Items[3].Risks = append(base.Items[3].Risks, Risk{ID: "old-b", P: 0.4, Impact: 2})
		base.Items[200].Risks = append(base.Items[200].Risks, Risk{ID: "old-a", P: 0.3, Impact: 3})
		alt := base
		alt.Items = append([]Item{}, base.Items...)
		// A new risk, first seen on an early item, and a zero-duration node
		// that a late item now waits for, carrying a risk that never fires.
		alt.Items[5].Risks = append(append([]Risk{}, alt.Items[5].Risks...), Risk{ID: "new", P: 1e-15, Impact: 5})
		// (The gate follows one of that item's predecessors, so it never
		// binds.)
		if len(alt.Items[250].DependsOn) == 0 {
			t.Fatal("genRC gave item 250 no predecessor")
		}
		alt.Items = append(alt.Items, Item{ID: "gate", Duration: &Dist{Kind: Fixed, Value: 0}, DependsOn: alt.Items[250].DependsOn[:1],
			Risks: []Risk{{ID: "never", P: 1e-15, Impact: 9}}})
		alt.Items[250].DependsOn = append(append([]string{}, alt.Items[250].DependsOn...), "gate")
		finishes := func(m Model) [][]float64 {
			var out [][]float64
			_, err := Run(context.Background(), m, Options{Trials: 600, Seed: 3, Sampling: sampling, Workers: 2,
				Observe: func(_ int, _, f []float64) { out = append(out, append([]float64(nil), f[:len(base.Items)]...)) }})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		a, b := finishes(base), finishes(alt)
		for k := range a {
			for i := range a[k] {
				if a[k][i] != b[k][i] {
					t.Fatalf("%s, trial %d: %s finishes at %v, with the new node at %v", sampling, k, base.Items[i].ID, a[k][i], b[k][i])
				}
			}
		}
	}
}
