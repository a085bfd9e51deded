package plangen

import (
	"encoding/json"
	"testing"
)

// Every seed gives a valid portfolio, the same one each time, and the
// seeds differ from each other.
func TestPortfoliosAreValidDeterministicAndVaried(t *testing.T) {
	seen := map[string]uint64{}
	for seed := uint64(1); seed <= 200; seed++ {
		p := Portfolio(seed, Options{})
		if err := p.Validate(); err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		a, _ := json.Marshal(p)
		b, _ := json.Marshal(Portfolio(seed, Options{}))
		if string(a) != string(b) {
			t.Fatalf("seed %d: two calls gave different portfolios", seed)
		}
		if prev, ok := seen[string(a)]; ok {
			t.Fatalf("seeds %d and %d gave the same portfolio", prev, seed)
		}
		seen[string(a)] = seed
	}
}

func TestOptionsSize(t *testing.T) {
	p := Portfolio(7, Options{Teams: 5, Items: 40})
	if len(p.Teams) != 5 || len(p.Items) != 40 {
		t.Fatalf("got %d teams, %d items; want 5, 40", len(p.Teams), len(p.Items))
	}
}
