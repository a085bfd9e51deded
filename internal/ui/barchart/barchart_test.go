package barchart

import (
	"math"
	"reflect"
	"testing"
)

func TestNiceTicks(t *testing.T) {
	cases := []struct {
		name   string
		lo, hi float64
		max    int
		want   []float64
	}{
		{"zero range", 0, 0, 5, []float64{0, 1}},
		{"budget month", 0, 412345, 5, []float64{0, 100000, 200000, 300000, 400000, 500000}},
		{"two-and-a-half step", 0, 9, 4, []float64{0, 2.5, 5, 7.5, 10}},
		{"negative and positive", -30, 95, 5, []float64{-50, 0, 50, 100}},
		{"exact top", 0, 100, 5, []float64{0, 20, 40, 60, 80, 100}},
		{"one tick allowed", 0, 7, 1, []float64{0, 10}},
		{"only positive constant", 5, 5, 5, []float64{0, 1, 2, 3, 4, 5}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := NiceTicks(c.lo, c.hi, c.max)
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("NiceTicks(%v, %v, %d) = %v, want %v", c.lo, c.hi, c.max, got, c.want)
			}
			if len(got)-1 > c.max {
				t.Errorf("%d intervals, max %d", len(got)-1, c.max)
			}
		})
	}
}

func TestLayout(t *testing.T) {
	nan := math.NaN()
	m := Layout(Input{
		Labels: []string{"Jan", "Feb", "Mar", "Apr"},
		Series: []Series{
			{Name: "Plan", Values: []float64{100, 100, 100, 100}},
			{Name: "Actual", Values: []float64{80, 120, nan, nan}, Slot: 1},
			{Name: "Forecast", Values: []float64{nan, nan, 100, 50}, Slot: 1},
		},
		Width: 440, Height: 220, AxisWidth: 40, LabelHeight: 20,
	})
	if m.Plot != (Rect{X: 40, Y: 0, W: 400, H: 200}) {
		t.Fatalf("plot %+v", m.Plot)
	}
	if m.Slots != 2 || len(m.Bars) != 8 || len(m.Labels) != 4 {
		t.Fatalf("slots %d, bars %d, labels %d", m.Slots, len(m.Bars), len(m.Labels))
	}
	// 0–120 in at most 5 intervals: steps of 25 up to 125; zero at the bottom of the plot.
	if len(m.Ticks) != 6 || m.Ticks[0].Y != 200 || m.Ticks[5].Y != 0 || m.Ticks[5].Label != "125" || m.ZeroY != 200 {
		t.Errorf("ticks %+v zero %v", m.Ticks, m.ZeroY)
	}
	// Band 100 px, gap 25, slot 37.5: Feb's actual is the second slot of the second band, 120/125 of the height.
	var feb Bar
	for _, b := range m.Bars {
		if b.Series == 1 && b.Index == 1 {
			feb = b
		}
	}
	if feb.Rect != (Rect{X: 40 + 100 + 12.5 + 37.5, Y: 8, W: 37.5, H: 192}) {
		t.Errorf("Feb actual at %+v", feb.Rect)
	}
	if m.Labels[2].X != 40+250 || m.Labels[2].Text != "Mar" {
		t.Errorf("Mar label %+v", m.Labels[2])
	}
	// Actual and forecast share a slot: no two bars overlap.
	for i, a := range m.Bars {
		for _, b := range m.Bars[i+1:] {
			if a.X < b.X+b.W && b.X < a.X+a.W && a.Y < b.Y+b.H && b.Y < a.Y+a.H {
				t.Errorf("bars overlap: %+v and %+v", a, b)
			}
		}
	}
}

func TestLayoutNegativeValue(t *testing.T) {
	m := Layout(Input{Labels: []string{"a"}, Series: []Series{{Values: []float64{-50}}, {Values: []float64{100}, Slot: 1}}, Width: 100, Height: 150})
	if m.ZeroY != 100 || m.Bars[0].Y != 100 || m.Bars[0].H != 50 || m.Bars[1].Y != 0 || m.Bars[1].H != 100 {
		t.Errorf("zero %v bars %+v", m.ZeroY, m.Bars)
	}
}

func TestCompact(t *testing.T) {
	for in, want := range map[float64]string{0: "0", 950: "950", 12000: "12K", 1500000: "1.5M", -2500: "-2.5K", 2e9: "2B", 0.5: "0.5"} {
		if got := Compact(in); got != want {
			t.Errorf("Compact(%v) = %q, want %q", in, got, want)
		}
	}
}
