package forecast

import (
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
)

// intDist is an exact distribution of whole numbers: counts[v-offset].
type intDist struct {
	offset int
	counts []uint64
	n      uint64
}

// quantile is the smallest value whose CDF reaches q.
func (d *intDist) quantile(q float64) float64 {
	target := q * float64(d.n)
	cum := 0.0
	for k, c := range d.counts {
		cum += float64(c)
		if c > 0 && cum >= target-1e-9 {
			return float64(d.offset + k)
		}
	}
	return float64(d.offset + len(d.counts) - 1)
}

func (d *intDist) cdf(x float64) float64 {
	cum := uint64(0)
	for k, c := range d.counts {
		if float64(d.offset+k) > x {
			break
		}
		cum += c
	}
	return float64(cum) / float64(d.n)
}

func (d *intDist) summary() Summary {
	var s1, s2 float64 // exact for the counts we can reach
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, c := range d.counts {
		if c == 0 {
			continue
		}
		v := float64(d.offset + k)
		s1 += float64(c) * v
		s2 += float64(c) * v * v
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	N := float64(d.n)
	m := s1 / N
	vr := math.Max(0, s2/N-m*m) * N / math.Max(N-1, 1)
	s := Summary{Mean: m, SD: math.Sqrt(vr), Min: lo, Max: hi, d: d}
	qs := [4]float64{0.10, 0.50, 0.85, 0.95}
	var p, se [4]float64
	for k, q := range qs {
		p[k] = d.quantile(q)
		h := math.Sqrt(q * (1 - q) / N)
		se[k] = (d.quantile(math.Min(1, q+h)) - d.quantile(math.Max(0, q-h))) / 2
	}
	s.P10, s.P50, s.P85, s.P95 = p[0], p[1], p[2], p[3]
	s.SE = Percentiles{P10: se[0], P50: se[1], P85: se[2], P95: se[3]}
	return s
}

// runThroughput simulates a throughput forecast. Each trial draws weeks from
// the history with its own random stream.
func runThroughput(ctx context.Context, tp Throughput, opt Options) (*Result, error) {
	hist := make([]int, len(tp.HistoryPerWeek))
	for k, v := range tp.HistoryPerWeek {
		hist[k] = int(v)
	}
	when := tp.BacklogItems > 0
	kind, col := "how_many", "items"
	if when {
		kind, col = "when", "weeks"
	}
	counts := make([][]uint64, opt.Workers)
	csv := opt.Samples
	if csv != nil {
		if _, err := io.WriteString(csv, "trial,"+col+"\n"); err != nil {
			return nil, fmt.Errorf("write samples: %w", err)
		}
	}
	err := runBlocks(ctx, opt.Trials, opt.Workers, func() *blockOut { return &blockOut{} },
		func(w, lo, hi int, out *blockOut) {
			out.csv = out.csv[:0]
			c := counts[w]
			var r rng
			for t := lo; t < hi; t++ {
				r.seed(opt.Seed, streamTrial, uint64(t))
				v := 0
				if when {
					for sum := 0; sum < tp.BacklogItems; v++ {
						sum += hist[r.intn(len(hist))]
					}
				} else {
					for range tp.Weeks {
						v += hist[r.intn(len(hist))]
					}
				}
				if v >= len(c) {
					c = append(c, make([]uint64, v+1-len(c))...)
				}
				c[v]++
				if csv != nil {
					out.csv = strconv.AppendInt(out.csv, int64(t), 10)
					out.csv = append(out.csv, ',')
					out.csv = strconv.AppendInt(out.csv, int64(v), 10)
					out.csv = append(out.csv, '\n')
				}
			}
			counts[w] = c
		}, func(o *blockOut) error {
			if csv != nil && len(o.csv) > 0 {
				if _, err := csv.Write(o.csv); err != nil {
					return fmt.Errorf("write samples: %w", err)
				}
			}
			return nil
		}, opt.Progress)
	if err != nil {
		return nil, err
	}
	var all []uint64
	for _, c := range counts {
		if len(c) > len(all) {
			all = append(all, make([]uint64, len(c)-len(all))...)
		}
		for k, v := range c {
			all[k] += v
		}
	}
	off := 0
	for off < len(all) && all[off] == 0 {
		off++
	}
	d := &intDist{offset: off, counts: all[off:], n: uint64(opt.Trials)}
	res := &ThroughputResult{Kind: kind, Value: d.summary(), Offset: off}
	for _, c := range d.counts {
		res.Histogram = append(res.Histogram, float64(c)/float64(opt.Trials))
	}
	return &Result{Trials: opt.Trials, Seed: opt.Seed, Sampling: MonteCarlo, Period: opt.Period,
		Throughput: res}, nil
}
