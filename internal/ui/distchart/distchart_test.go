package distchart

import (
	"math"
	"testing"

	"steerco/internal/plan"
)

// curve returns n working days from Monday 2027-01-04 (weekends skipped)
// with a smooth S-shaped cumulative probability starting at 0.01 and
// ending at 0.99 or above.
func curve(n int) []Point {
	d := plan.MustDate("2027-01-04")
	var out []Point
	for k := 0; k < n; k++ {
		for d.Weekday() == 0 || d.Weekday() == 6 {
			d++
		}
		x := float64(k) / float64(n-1)
		p := 0.01 + 0.98*(3*x*x-2*x*x*x)
		if k == n-1 {
			p = 0.995
		}
		out = append(out, Point{Date: d, P: p})
		d++
	}
	return out
}

func TestLayout(t *testing.T) {
	for _, n := range []int{1, 2, 7, 40, 41, 250} {
		pts := curve(max(n, 2))[:n]
		if n == 1 {
			pts[0].P = 1
		}
		p50, p85 := firstAt(pts, 0.5), firstAt(pts, 0.85)
		m := Layout(Input{Points: pts, P50: p50, P85: p85, Target: pts[0].Date.AddDays(3),
			Width: 600, Height: 300, AxisWidth: 40, LabelHeight: 20, MaxBins: 40})
		t.Run("monotone S-curve", func(t *testing.T) {
			if len(m.Curve) != n {
				t.Fatalf("%d curve points for %d days", len(m.Curve), n)
			}
			for k := 1; k < n; k++ {
				if m.Curve[k].X <= m.Curve[k-1].X || m.Curve[k].Y > m.Curve[k-1].Y {
					t.Fatalf("point %d (%v) does not follow %v: the S-curve must rise left to right", k, m.Curve[k], m.Curve[k-1])
				}
			}
			for _, c := range m.Curve {
				if c.X < m.Plot.X || c.X > m.Plot.X+m.Plot.W || c.Y < m.Plot.Y || c.Y > m.Plot.Y+m.Plot.H {
					t.Fatalf("point %v outside the plot %v", c, m.Plot)
				}
			}
		})
		t.Run("bins and the tail after the last day sum to 1", func(t *testing.T) {
			sum := 0.0
			tallest := float32(0)
			for i, b := range m.Bins {
				sum += b.Share
				tallest = max(tallest, b.H)
				if i > 0 && b.X < m.Bins[i-1].X+m.Bins[i-1].W-1e-3 {
					t.Errorf("bin %d overlaps the previous one", i)
				}
				if b.Y+b.H > m.Plot.Y+m.Plot.H+1e-3 {
					t.Errorf("bin %d hangs below the axis", i)
				}
			}
			if math.Abs(sum+m.After-1) > 1e-12 || m.After < 0 || m.After > 0.01 {
				t.Errorf("shares sum to %v with %v after the last day", sum, m.After)
			}
			if len(m.Bins) > 40 || tallest < m.Plot.H-1e-3 {
				t.Errorf("%d bins, tallest %v of %v", len(m.Bins), tallest, m.Plot.H)
			}
		})
		t.Run("P50 and P85 markers sit on their days", func(t *testing.T) {
			if len(m.Markers) != 2 || m.Markers[0].Label != "P50" || m.Markers[1].Label != "P85" {
				t.Fatalf("markers %+v", m.Markers)
			}
			for _, mk := range m.Markers {
				k := indexOf(pts, mk.Date)
				if mk.Side != 0 || mk.X != m.Curve[k].X {
					t.Errorf("%s at x=%v side %d, want the x of its day %v", mk.Label, mk.X, mk.Side, m.Curve[k].X)
				}
				// The curve at the marker is at or above the marker's level.
				want := map[string]float64{"P50": 0.5, "P85": 0.85}[mk.Label]
				if pts[k].P < want-1e-9 {
					t.Errorf("%s: curve at its day is %v", mk.Label, pts[k].P)
				}
			}
			if m.Markers[1].X < m.Markers[0].X {
				t.Error("P85 left of P50")
			}
		})
	}
}

func TestTargetOutsideTheCurve(t *testing.T) {
	pts := curve(30)
	cases := []struct {
		name   string
		target plan.Date
		side   int
		x      func(m Model) float32
	}{
		{"before every trial", pts[0].Date.AddDays(-10), -1, func(m Model) float32 { return m.Plot.X }},
		{"after every trial", pts[29].Date.AddDays(10), 1, func(m Model) float32 { return m.Plot.X + m.Plot.W }},
		{"on a weekend inside", pts[4].Date.AddDays(1), 0, func(m Model) float32 { return m.Curve[4].X }}, // pts[4] is a Friday
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := Layout(Input{Points: pts, Target: c.target, Width: 500, Height: 200})
			if m.Target == nil || m.Target.Side != c.side || m.Target.X != c.x(m) {
				t.Errorf("target %+v, want side %d at %v", m.Target, c.side, c.x(m))
			}
		})
	}
	if m := Layout(Input{Points: pts, Width: 500, Height: 200}); m.Target != nil || len(m.Markers) != 0 {
		t.Error("markers without dates")
	}
	if m := Layout(Input{Width: 500, Height: 200}); len(m.Curve) != 0 || len(m.Bins) != 0 || len(m.PTicks) != 5 {
		t.Error("an empty curve should give an empty plot with its axis")
	}
}

func TestBarsAndSplit(t *testing.T) {
	got := Bars([]float64{2, 0, 8, -1}, 100)
	want := []float32{25, 0, 100, 0}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("Bars[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if z := Bars([]float64{0, 0}, 100); z[0] != 0 || z[1] != 0 {
		t.Error("all-zero bars")
	}
	if a, b := Split(3, 1, 200); a != 150 || b != 50 {
		t.Errorf("Split = %v, %v", a, b)
	}
	if a, b := Split(0, 0, 200); a != 0 || b != 0 {
		t.Errorf("Split of nothing = %v, %v", a, b)
	}
}

func firstAt(pts []Point, q float64) plan.Date {
	for _, p := range pts {
		if p.P >= q {
			return p.Date
		}
	}
	return pts[len(pts)-1].Date
}

func indexOf(pts []Point, d plan.Date) int {
	for k, p := range pts {
		if p.Date == d {
			return k
		}
	}
	return -1
}
