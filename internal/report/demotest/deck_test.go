package demotest

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"steerco/internal/figure"
	"steerco/internal/report"
	"steerco/internal/report/pdf"
	"steerco/internal/report/pptx"
)

// TestDemoDeck builds the demo's board deck: 6 to 10 slides, no table over
// 8 rows, and a decision sheet whose numbers are the forecast's — the
// milestone with the largest expected penalty, its chance and P85, the
// penalty's expected value and P85, and a chain whose links add up to the
// working days from the forecast's day 0 to the P85 date.
func TestDemoDeck(t *testing.T) {
	p, f := forecast(t, 2000)
	b := briefing(t, p, f, "board-deck")
	slides := report.Slides(b)
	if len(slides) < 6 || len(slides) > 10 {
		t.Errorf("%d slides, want 6 to 10", len(slides))
	}
	var d *report.Decision
	for _, sl := range slides {
		if sl.Table != nil && len(sl.Table.Rows) > report.MaxSlideRows {
			t.Errorf("slide %q: a table of %d rows", sl.Title, len(sl.Table.Rows))
		}
		if len(sl.KPIs) > 4 {
			t.Errorf("slide %q: %d KPIs", sl.Title, len(sl.KPIs))
		}
		if sl.Decision != nil {
			d = sl.Decision
		}
	}
	if d == nil {
		t.Fatal("no decision slide")
	}
	var best string
	var bestExp, bestP85 int64
	for _, e := range f.Exposure.Milestones {
		if e.Expected.Minor > bestExp {
			best, bestExp, bestP85 = e.ID, e.Expected.Minor, e.P85.Minor
		}
	}
	for _, e := range f.Exposure.Items {
		if e.Expected.Minor > bestExp {
			best, bestExp, bestP85 = e.ID, e.Expected.Minor, e.P85.Minor
		}
	}
	if best == "" {
		t.Fatal("the demo states no penalty in money")
	}
	m := f.Milestone(best)
	if m == nil || !d.Milestone {
		t.Fatalf("the decision is on %q, want the milestone %s", d.Subject, best)
	}
	if d.Chance != m.PTarget || d.P85 != m.Finish.P85 || d.Target != m.Target {
		t.Errorf("decision %s %s P85 %s; forecast %s %s P85 %s", figure.Percent(d.Chance), figure.Date(d.Target), figure.Date(d.P85),
			figure.Percent(m.PTarget), figure.Date(m.Target), figure.Date(m.Finish.P85))
	}
	if d.Expected.Minor != bestExp || d.P85Money.Minor != bestP85 {
		t.Errorf("decision money %s (P85 %s), forecast %d (P85 %d)", figure.MoneyShort(d.Expected), figure.MoneyShort(d.P85Money), bestExp, bestP85)
	}
	if len(d.Chain) < 2 {
		t.Fatalf("chain %+v", d.Chain)
	}
	sum := 0
	for _, l := range d.Chain {
		sum += l.Days
	}
	if want := p.Calendar.Compile().WorkdaysBetween(f.Day0, d.Chain[len(d.Chain)-1].P85); sum != want {
		t.Errorf("the chain adds %d working days, the P85 is %d after day 0", sum, want)
	}
	for _, o := range d.Options {
		if o.Before != d.Chance {
			t.Errorf("option %q starts from %s, the decision's chance is %s", o.Ask, figure.Percent(o.Before), figure.Percent(d.Chance))
		}
	}
	var pb, xb bytes.Buffer
	if err := pdf.Render(&pb, b); err != nil {
		t.Fatal(err)
	}
	if err := pptx.Render(&xb, b); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("STEERCO_SAMPLES"); dir != "" {
		os.WriteFile(filepath.Join(dir, "demo-board-deck.pdf"), pb.Bytes(), 0o644)
		os.WriteFile(filepath.Join(dir, "demo-board-deck.pptx"), xb.Bytes(), 0o644)
	}
}
