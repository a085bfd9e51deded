package teams

import (
	"fmt"
	"image/color"
	"math"
	"sort"

	"steerco/internal/app"
	"steerco/internal/figure"
	"steerco/internal/plan"
)

// heatModel is the capacity heat map as the screen draws it: the
// briefing's heat map (app.CapacityHeatMap, so the app and the PDF show
// the same rows, columns, labels and thresholds) plus, per cell, its
// colour and the team quarter behind it for the detail line.
type heatModel struct {
	Rows, Cols []string
	// ColTitles are the column headers, on two short lines for a partial
	// quarter ("2026-Q4\nfrom 23 Nov", figure.QuarterShort) so that four
	// quarters fit beside the team names at 1024 px; ColFull are the same
	// in full ("2026-Q4 from 23 Nov 2026"), as the detail line says them.
	ColTitles, ColFull []string
	Cells              [][]heatCell
	// Thresholds: ≥ [0] red, ≥ [1] amber, else green (from the report template).
	Thresholds [2]float64
}

type heatCell struct {
	Label string      // "62%", or "–" when the team has no row for the quarter
	Fill  color.NRGBA // background
	Ink   color.NRGBA // text colour readable on Fill
	TQ    *app.TeamQuarter
}

// buildHeat builds the heat map of f for portfolio p as of asOf through
// app.CapacityHeatMap, the same code the board pack uses. It returns nil
// and no error when the forecast has no team rows.
func buildHeat(p *plan.Portfolio, f *app.Forecast, asOf plan.Date) (*heatModel, error) {
	hm, err := app.CapacityHeatMap(p, f, asOf)
	if err != nil || hm == nil {
		return nil, err
	}
	// The briefing lists the teams that have rows, by name (stable on
	// portfolio order); find the same teams to reach each cell's numbers.
	tqs := map[string]map[string]*app.TeamQuarter{}
	for i := range f.Teams {
		tq := &f.Teams[i]
		if tqs[tq.TeamID] == nil {
			tqs[tq.TeamID] = map[string]*app.TeamQuarter{}
		}
		tqs[tq.TeamID][app.QuarterLabel(*tq)] = tq // the briefing's column label
	}
	var ids []string
	for _, t := range p.Teams {
		if tqs[t.ID] != nil {
			ids = append(ids, t.ID)
		}
	}
	sort.SliceStable(ids, func(i, j int) bool { return p.Team(ids[i]).Name < p.Team(ids[j]).Name })
	if len(ids) != len(hm.RowLabels) {
		return nil, fmt.Errorf("capacity heat map: %d rows in the briefing, %d teams with forecast rows", len(hm.RowLabels), len(ids))
	}
	m := &heatModel{Rows: hm.RowLabels, Cols: hm.ColLabels, Thresholds: hm.Thresholds}
	for _, q := range hm.ColLabels {
		title, full := q, q
		for i := range f.Teams {
			if tq := f.Teams[i]; app.QuarterLabel(tq) == q {
				title, full = quarterTitle(tq), app.QuarterLabel(tq)
				break
			}
		}
		m.ColTitles = append(m.ColTitles, title)
		m.ColFull = append(m.ColFull, full)
	}
	for i, id := range ids {
		if p.Team(id).Name != hm.RowLabels[i] {
			return nil, fmt.Errorf("capacity heat map: row %d is %q, expected team %q", i, hm.RowLabels[i], p.Team(id).Name)
		}
		row := make([]heatCell, len(hm.ColLabels))
		for j, q := range hm.ColLabels {
			v := hm.Values[i][j]
			if math.IsNaN(v) {
				row[j] = heatCell{Label: "–", Fill: noData, Ink: muted}
				continue
			}
			fill := heatColour(v, hm.Thresholds)
			row[j] = heatCell{Label: hm.Labels[i][j], Fill: fill, Ink: inkOn(fill), TQ: tqs[id][q]}
		}
		m.Cells = append(m.Cells, row)
	}
	return m, nil
}

// quarterTitle is a heat map column header: the quarter, and under it the
// stretch a partial quarter covers ("2026-Q4\nfrom 23 Nov").
func quarterTitle(tq app.TeamQuarter) string {
	q, stretch := figure.QuarterShort(tq.Quarter, tq.From, tq.To)
	if stretch == "" {
		return q
	}
	return q + "\n" + stretch
}

var (
	noData = color.NRGBA{R: 128, G: 128, B: 128, A: 40}
	muted  = color.NRGBA{R: 128, G: 128, B: 128, A: 255}
	ink    = color.NRGBA{R: 33, G: 37, B: 41, A: 255}
	white  = color.NRGBA{R: 255, G: 255, B: 255, A: 255}
)

// Colour ramps within each band, light to strong: the band (green, amber,
// red) follows the briefing's thresholds, so a cell is the same band in
// the app as in the PDF; the shade within the band shows how close it is
// to the next one.
var ramps = [3][2]color.NRGBA{
	{{R: 246, G: 251, B: 245, A: 255}, {R: 176, G: 219, B: 170, A: 255}}, // green: white → green
	{{R: 254, G: 224, B: 160, A: 255}, {R: 242, G: 160, B: 50, A: 255}},  // amber
	{{R: 236, G: 128, B: 118, A: 255}, {R: 170, G: 25, B: 30, A: 255}},   // red
}

// heatColour returns the fill for a probability of over-commitment v given
// the thresholds (≥ th[0] red, ≥ th[1] amber, else green).
func heatColour(v float64, th [2]float64) color.NRGBA {
	v = math.Max(0, math.Min(1, v))
	red, amber := th[0], th[1]
	switch {
	case v >= red:
		return lerp(ramps[2], frac(v, red, 1))
	case v >= amber:
		return lerp(ramps[1], frac(v, amber, red))
	}
	return lerp(ramps[0], frac(v, 0, amber))
}

func frac(v, lo, hi float64) float64 {
	if hi <= lo {
		return 1
	}
	return (v - lo) / (hi - lo)
}

func lerp(r [2]color.NRGBA, t float64) color.NRGBA {
	mix := func(a, b uint8) uint8 { return uint8(math.Round(float64(a) + (float64(b)-float64(a))*t)) }
	return color.NRGBA{R: mix(r[0].R, r[1].R), G: mix(r[0].G, r[1].G), B: mix(r[0].B, r[1].B), A: 255}
}

// inkOn returns dark or white text, whichever reads better on fill.
func inkOn(fill color.NRGBA) color.NRGBA {
	l := 0.299*float64(fill.R) + 0.587*float64(fill.G) + 0.114*float64(fill.B)
	if l < 140 {
		return white
	}
	return ink
}

// detail describes one team quarter in words, for the line under the heat map.
func detail(team string, tq *app.TeamQuarter) string {
	if tq == nil {
		return team + ": no work is planned for this quarter."
	}
	return fmt.Sprintf("%s, %s: work due by %s %s person-days at P50, %s at P85, against a capacity of %s from the as-of date (%s in the quarter itself); probability of over-commitment %s.",
		team, app.QuarterLabel(*tq), figure.Date(tq.To), figure.PersonDays(tq.DueP50), figure.PersonDays(tq.DueP85), figure.PersonDays(tq.CapacityToEnd), figure.PersonDays(tq.Capacity), figure.Percent(tq.POver))
}
