package forecast

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestCapacityIntegratesExactly(t *testing.T) {
	// 4 a week in week 0, nothing in week 1, 2 in week 2, then 8 a week.
	tm := compile(Model{
		Teams: []Team{{ID: "T", CapacityByWeek: []float64{4, 0, 2}, CapacityPerWeek: 8}},
		Items: []Item{{ID: "A", Team: "T", Effort: fixed(1)}},
	}).teams[0]
	for _, c := range []struct{ t, c float64 }{{0, 0}, {0.5, 2}, {1, 4}, {1.7, 4}, {2, 4}, {2.5, 5}, {3, 6}, {3.25, 8}, {5, 22}} {
		if got := tm.capAt(c.t); math.Abs(got-c.c) > 1e-12 {
			t.Errorf("C(%v) = %v, want %v", c.t, got, c.c)
		}
	}
	for _, c := range []struct{ from, work, want float64 }{
		{0, 2, 0.5},   // inside week 0
		{0.5, 2, 1},   // exactly to the end of week 0
		{0.5, 3, 2.5}, // 2 in week 0, the holiday, 1 in week 2
		{1.2, 1, 2.5}, // starts in the holiday
		{2.5, 5, 3.5}, // 1 in week 2, 4 in week 3
		{0, 0, 0},     // nothing to do
		{10, 16, 12},  // in the tail
		{0.25, 29, 6}, // across everything: 3+0+2 then 24 at 8 a week
	} {
		got := tm.capInv(c.from, tm.capAt(c.from)+c.work)
		if math.Abs(got-c.want) > 1e-12 {
			t.Errorf("from %v, %v person-days: finish %v, want %v", c.from, c.work, got, c.want)
		}
	}
}

func TestSensitivityFindsTheDriver(t *testing.T) {
	// A chain where one item's spread dwarfs the others': it must have the
	// highest sensitivity, close to 1, and the fixed item none.
	m := Model{Items: []Item{
		{ID: "small", Duration: tri(1, 2, 3)},
		{ID: "big", Duration: tri(5, 10, 40), DependsOn: []string{"small"}},
		{ID: "fixed", Duration: fixed(3), DependsOn: []string{"big"}},
	}}
	r := run(t, m, Options{Trials: 20000, Seed: 6})
	if s := r.Item("big").Sensitivity; s < 0.95 {
		t.Errorf("sensitivity of big = %v", s)
	}
	if s := r.Item("small").Sensitivity; s > 0.3 || s < 0 {
		t.Errorf("sensitivity of small = %v", s)
	}
	if s := r.Item("fixed").Sensitivity; s != 0 {
		t.Errorf("sensitivity of fixed = %v", s)
	}
}

// The inlined triangular sampler gives sampler.quantile's bits.
func TestTriSamplerSameBits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tables := map[[2]float64]*betaTab{}
	for k := 0; k < 2000; k++ {
		a := 10 * r.Float64()
		m := a + 5*r.Float64()
		b := m + 5*r.Float64()
		d := Dist{Kind: Triangular, Low: a, Mode: m, High: b}
		switch k % 4 {
		case 1:
			d = Dist{Kind: Fixed, Value: a}
		case 2:
			d.Mode = a // mode at the low end
		case 3:
			d.High = m // mode at the high end
		}
		s := newSampler(d, tables)
		ts, ok := newTriSampler(s)
		if !ok {
			t.Fatalf("%+v: no triangular sampler", d)
		}
		for _, u := range []float64{r.Float64(), r.Float64(), 0.5, 1e-300, 1 - 1e-16, (m - a) / (b - a)} {
			if u <= 0 || u >= 1 {
				continue
			}
			if got, want := ts.quantile(u), s.quantile(u); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("%+v at %v: %v, sampler.quantile %v", d, u, got, want)
			}
		}
	}
	if _, ok := newTriSampler(newSampler(Dist{Kind: Fixed, Value: math.Copysign(0, -1)}, tables)); ok {
		t.Error("a fixed −0 is taken (a + √0 would make it +0)")
	}
}
