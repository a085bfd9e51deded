package forecast

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"hash/fnv"
	"math"
	"testing"
)

// TestPinnedChecksums pins the exact output of mid-size runs: a checksum of
// every trial's starts and finishes (through Options.Observe) and of the
// whole Result as JSON (every item's P85s, criticality, team periods, …).
// The scheduler may be made faster, never different: any change of
// behaviour, even in the last bit of one date or in how ties between
// same-time events are broken, changes a checksum. If a change of
// behaviour is wanted, say why in the commit and update the sums.
func TestPinnedChecksums(t *testing.T) {
	rc := genRC(2000, 8, 5)
	// ties: fixed efforts on one team start together and finish together
	tie := genRC(1500, 6, 6)
	for i := 0; i < len(tie.Items); i += 7 {
		if tie.Items[i].Effort != nil {
			tie.Items[i].Effort = fixed(10)
		}
	}
	tie.Items[3].Risks = []Risk{{ID: "vendor", P: 0.3, Impact: 5}}
	tie.Items[400].Risks = []Risk{{ID: "vendor", P: 0.3, Impact: 2}, {ID: "audit", P: 0.2, Impact: 4}}
	tie.Items[10].Target, tie.Items[10].Committed = ptr(40), true
	tie.Items[900].Target, tie.Items[900].Committed = ptr(120), true
	tie.CorrelationGroups = []CorrelationGroup{{Items: []string{tie.Items[1].ID, tie.Items[2].ID, tie.Items[600].ID}, Rho: 0.6}}
	tie.Items[20].EarliestStart = 7.5
	for _, c := range []struct {
		name     string
		m        Model
		sampling string
		want     [2]uint64 // trials, result
	}{
		{"resource-constrained", rc, MonteCarlo, [2]uint64{0x6603feccf31c8135, 0xd2a465b7751c274}},
		{"resource-constrained with ties, lhs", tie, LatinHypercube, [2]uint64{0x752bf0f12f9306f6, 0x7d17f8c92dc344af}},
		{"plain", genPlain(1500, 1.5, 4), MonteCarlo, [2]uint64{0x9f55915994aacbc5, 0x67a65e6117c07a1b}},
		// teams without a calendar (as outlook's usually are): the
		// scheduler's own path for a constant capacity
		{"resource-constrained, constant capacities", flatRC(2000, 8, 5), MonteCarlo, [2]uint64{0x5950e125add08ac, 0xa628ff343b976cf2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			trials := fnv.New64a()
			var buf []byte
			r := run(t, c.m, Options{Trials: 1500, Seed: 11, Workers: 2, Sampling: c.sampling,
				Observe: func(k int, start, finish []float64) {
					buf = binary.LittleEndian.AppendUint64(buf[:0], uint64(k))
					for i := range start {
						buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(start[i]))
						buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(finish[i]))
					}
					trials.Write(buf)
				}})
			b, err := json.Marshal(r)
			if err != nil {
				t.Fatal(err)
			}
			res := fnv.New64a()
			res.Write(b)
			got := [2]uint64{trials.Sum64(), res.Sum64()}
			if got != c.want {
				t.Errorf("checksums %#x, pinned %#x: the trials or the result changed", got, c.want)
			}
		})
	}
	t.Run("risk impacts", func(t *testing.T) {
		_, imp, err := RiskImpacts(context.Background(), tie, Options{Trials: 1500, Seed: 11, Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(imp)
		if err != nil {
			t.Fatal(err)
		}
		h := fnv.New64a()
		h.Write(b)
		if got, want := h.Sum64(), uint64(0x97384827edd80f0d); got != want {
			t.Errorf("checksum %#x, pinned %#x: the risk impacts changed", got, want)
		}
	})
}
