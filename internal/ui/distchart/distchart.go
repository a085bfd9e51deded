// Package distchart lays out a finish-date distribution: its S-curve (the
// probability of finishing on or before each working day), a histogram of
// the same trials, the P50 and P85 markers and the target date line, plus
// the small bar lists of the Forecast screen (risk drivers in days, why an
// item waits). It is pure (standard library and plan only) so the layout is
// tested without a toolkit; a screen draws the Model with canvas objects.
package distchart

import (
	"math"

	"steerco/internal/plan"
)

// Point is one working day of an S-curve: the share P of trials finished
// by the end of Date.
type Point struct {
	Date plan.Date
	P    float64
}

// Input is what to lay out, in the caller's units (pixels).
type Input struct {
	Points           []Point // one per working day, in order, P non-decreasing
	P50, P85, Target plan.Date
	Width, Height    float32
	AxisWidth        float32 // room on the left for the percentage labels
	LabelHeight      float32 // room at the bottom for the date labels
	MaxBins          int     // at most this many histogram bars (default 40)
	MaxDateTicks     int     // at most this many date labels (default 5)
}

// Rect is an axis-aligned rectangle; Y grows downwards.
type Rect struct{ X, Y, W, H float32 }

// XY is a point in the caller's units.
type XY struct{ X, Y float32 }

// Bin is one histogram bar: the share of trials finishing in [From, To].
type Bin struct {
	From, To plan.Date
	Share    float64
	Rect
}

// Marker is a vertical line at a date.
type Marker struct {
	Label string
	Date  plan.Date
	X     float32
	// Side is -1 when the date falls before the plotted days (the line is
	// drawn at the left edge), 1 when after (right edge), 0 inside.
	Side int
}

// Tick is a labelled position on an axis.
type Tick struct {
	Label string
	Pos   float32 // X for date ticks, Y for percentage ticks
}

// Model is the laid-out chart. Curve and Bins share the plot and the
// date axis: working day k of Points is centred at X = Plot.X + (k+½)·band.
type Model struct {
	Plot  Rect
	Curve []XY // the S-curve, a polyline from the first to the last point
	Bins  []Bin
	// After is the share of trials finishing after the last point (at
	// most 1% for an S-curve cut at P99): Bins and After add up to 1.
	After     float64
	Markers   []Marker // P50 and P85, in that order, when set
	Target    *Marker  // nil when there is no target
	PTicks    []Tick   // 0%, 25% … 100% (Y)
	DateTicks []Tick   // dates (X)
}

// Layout computes the chart. Histogram bars group consecutive working days
// so there are at most MaxBins; the share of trials finishing before the
// first point counts in the first bar (the first point's P holds them) and
// the share after the last point is Model.After, so the bars and After add
// up to 1. Bar heights are scaled so the tallest bar fills the plot height.
func Layout(in Input) Model {
	if in.MaxBins <= 0 {
		in.MaxBins = 40
	}
	if in.MaxDateTicks <= 0 {
		in.MaxDateTicks = 5
	}
	m := Model{Plot: Rect{X: in.AxisWidth, Y: 0, W: max(in.Width-in.AxisWidth, 0), H: max(in.Height-in.LabelHeight, 0)}}
	for _, p := range []float64{0, 0.25, 0.5, 0.75, 1} {
		m.PTicks = append(m.PTicks, Tick{Label: percent(p), Pos: m.y(p)})
	}
	n := len(in.Points)
	if n == 0 {
		return m
	}
	band := m.Plot.W / float32(n)
	x := func(k int) float32 { return m.Plot.X + band*(float32(k)+0.5) }
	for k, p := range in.Points {
		m.Curve = append(m.Curve, XY{x(k), m.y(clamp01(p.P))})
	}
	// Histogram.
	g := (n + in.MaxBins - 1) / in.MaxBins
	prev := 0.0
	var bins []Bin
	for k := 0; k < n; k += g {
		end := min(k+g, n) - 1
		hi := clamp01(in.Points[end].P)
		bins = append(bins, Bin{From: in.Points[k].Date, To: in.Points[end].Date, Share: math.Max(hi-prev, 0),
			Rect: Rect{X: m.Plot.X + band*float32(k), W: band * float32(end-k+1)}})
		prev = hi
	}
	top := 0.0
	for _, b := range bins {
		top = math.Max(top, b.Share)
	}
	for i := range bins {
		h := float32(0)
		if top > 0 {
			h = float32(bins[i].Share/top) * m.Plot.H
		}
		bins[i].Y, bins[i].H = m.Plot.Y+m.Plot.H-h, h
	}
	m.Bins = bins
	m.After = 1 - prev
	// Markers: the day a percentile names is a point of the curve.
	at := func(label string, d plan.Date) Marker {
		mk := Marker{Label: label, Date: d}
		switch {
		case d < in.Points[0].Date:
			mk.X, mk.Side = m.Plot.X, -1
		case d > in.Points[n-1].Date:
			mk.X, mk.Side = m.Plot.X+m.Plot.W, 1
		default:
			k := 0
			for k+1 < n && in.Points[k+1].Date <= d {
				k++
			}
			mk.X = x(k)
		}
		return mk
	}
	if !in.P50.IsZero() {
		m.Markers = append(m.Markers, at("P50", in.P50))
	}
	if !in.P85.IsZero() {
		m.Markers = append(m.Markers, at("P85", in.P85))
	}
	if !in.Target.IsZero() {
		t := at("Target", in.Target)
		m.Target = &t
	}
	// Date ticks: evenly spaced points, first and last included.
	nt := min(in.MaxDateTicks, n)
	for i := 0; i < nt; i++ {
		k := 0
		if nt > 1 {
			k = int(math.Round(float64(i) * float64(n-1) / float64(nt-1)))
		}
		m.DateTicks = append(m.DateTicks, Tick{Label: in.Points[k].Date.Time().Format("2 Jan 06"), Pos: x(k)})
	}
	return m
}

func (m *Model) y(p float64) float32 { return m.Plot.Y + m.Plot.H - float32(p)*m.Plot.H }

func clamp01(p float64) float64 { return math.Min(math.Max(p, 0), 1) }

func percent(p float64) string {
	switch p {
	case 0:
		return "0%"
	case 0.25:
		return "25%"
	case 0.5:
		return "50%"
	case 0.75:
		return "75%"
	}
	return "100%"
}

// Bars scales values (≥ 0; negatives count as 0) to lengths in [0, width],
// the largest value filling width. All zero gives all zero.
func Bars(values []float64, width float32) []float32 {
	top := 0.0
	for _, v := range values {
		top = math.Max(top, v)
	}
	out := make([]float32, len(values))
	if top <= 0 {
		return out
	}
	for i, v := range values {
		out[i] = float32(math.Max(v, 0)/top) * width
	}
	return out
}

// Split divides width between a and b (≥ 0) in proportion: the two-part
// bar of why an item waits (for dependencies, for capacity).
func Split(a, b float64, width float32) (wa, wb float32) {
	a, b = math.Max(a, 0), math.Max(b, 0)
	if a+b <= 0 {
		return 0, 0
	}
	wa = float32(a/(a+b)) * width
	return wa, width - wa
}
