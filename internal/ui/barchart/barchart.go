// Package barchart lays out a grouped bar chart: the value scale with round
// ticks, where each bar goes and where the category labels sit. It is pure
// (standard library only) so the layout is tested without a toolkit; a
// screen draws the Model with its own canvas objects.
package barchart

import (
	"fmt"
	"math"
)

// Series is one set of bars, one value per category; NaN means no bar.
// Series that share a Slot are drawn in the same position of each group
// (for example actuals in closed months and forecast in open months).
type Series struct {
	Name   string
	Values []float64
	Slot   int
}

// Input is what to lay out, in the caller's units (pixels).
type Input struct {
	Labels        []string // one per category, left to right
	Series        []Series
	Width, Height float32
	AxisWidth     float32 // room on the left for tick labels
	LabelHeight   float32 // room at the bottom for category labels
	MaxTicks      int     // at most this many ticks (default 5)
	// Format writes a tick value (default Compact).
	Format func(float64) string
}

// Rect is an axis-aligned rectangle; Y grows downwards.
type Rect struct{ X, Y, W, H float32 }

// Tick is one horizontal grid line of the value axis.
type Tick struct {
	Value float64
	Y     float32
	Label string
}

// Bar is one bar.
type Bar struct {
	Series, Index int // which series and which category
	Value         float64
	Rect
}

// Label is a category label centred on X.
type Label struct {
	Text string
	X    float32
}

// Model is the laid-out chart.
type Model struct {
	Plot   Rect // where bars and grid lines go
	ZeroY  float32
	Ticks  []Tick
	Bars   []Bar
	Labels []Label
	Slots  int // bars per group
}

// Layout computes the chart: the value range always includes zero and is
// widened to round ticks (1, 2, 2.5 or 5 × a power of ten); each category
// gets an equal band, split into one bar slot per distinct Slot with a gap
// of a quarter band between groups.
func Layout(in Input) Model {
	if in.MaxTicks <= 0 {
		in.MaxTicks = 5
	}
	if in.Format == nil {
		in.Format = Compact
	}
	m := Model{Plot: Rect{X: in.AxisWidth, Y: 0, W: max(in.Width-in.AxisWidth, 0), H: max(in.Height-in.LabelHeight, 0)}}
	lo, hi := 0.0, 0.0
	for _, s := range in.Series {
		if s.Slot+1 > m.Slots {
			m.Slots = s.Slot + 1
		}
		for _, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	ticks := NiceTicks(lo, hi, in.MaxTicks)
	lo, hi = ticks[0], ticks[len(ticks)-1]
	y := func(v float64) float32 {
		return m.Plot.Y + m.Plot.H - float32((v-lo)/(hi-lo))*m.Plot.H
	}
	for _, t := range ticks {
		m.Ticks = append(m.Ticks, Tick{Value: t, Y: y(t), Label: in.Format(t)})
	}
	m.ZeroY = y(0)
	n := len(in.Labels)
	if n == 0 || m.Slots == 0 {
		return m
	}
	band := m.Plot.W / float32(n)
	gap := band / 4
	slotW := (band - gap) / float32(m.Slots)
	for i, l := range in.Labels {
		m.Labels = append(m.Labels, Label{Text: l, X: m.Plot.X + band*(float32(i)+0.5)})
	}
	for si, s := range in.Series {
		for i, v := range s.Values {
			if i >= n || math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			x := m.Plot.X + band*float32(i) + gap/2 + slotW*float32(s.Slot)
			top, bottom := y(math.Max(v, 0)), y(math.Min(v, 0))
			m.Bars = append(m.Bars, Bar{Series: si, Index: i, Value: v, Rect: Rect{X: x, Y: top, W: slotW, H: bottom - top}})
		}
	}
	return m
}

// NiceTicks returns evenly spaced round values from at or below lo to at or
// above hi, at most maxTicks+1 of them (so at most maxTicks intervals), step
// 1, 2, 2.5 or 5 × a power of ten. With lo == hi == 0 it returns 0 and 1.
func NiceTicks(lo, hi float64, maxTicks int) []float64 {
	if maxTicks < 1 {
		maxTicks = 1
	}
	if hi < lo {
		lo, hi = hi, lo
	}
	if hi == lo {
		if hi == 0 {
			return []float64{0, 1}
		}
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	raw := (hi - lo) / float64(maxTicks)
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	var step float64
search:
	for ; ; pow *= 10 {
		for _, f := range []float64{1, 2, 2.5, 5} {
			step = f * pow
			if math.Ceil(hi/step)-math.Floor(lo/step) <= float64(maxTicks) {
				break search
			}
		}
	}
	first, last := math.Floor(lo/step), math.Ceil(hi/step)
	out := make([]float64, 0, int(last-first)+1)
	for k := first; k <= last; k++ {
		v := k * step
		if v == 0 {
			v = 0 // no negative zero
		}
		out = append(out, v)
	}
	return out
}

// Compact writes a value for an axis: 0, 950, 12K, 1.5M, 2B, with at most
// one decimal.
func Compact(v float64) string {
	a := math.Abs(v)
	switch {
	case a >= 1e9:
		return trim(v/1e9) + "B"
	case a >= 1e6:
		return trim(v/1e6) + "M"
	case a >= 1e3:
		return trim(v/1e3) + "K"
	}
	return trim(v)
}

func trim(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		s = s[:len(s)-2]
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
