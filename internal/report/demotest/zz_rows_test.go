package demotest

import (
	"context"
	"fmt"
	"testing"

	"steerco/internal/outlook"
	"steerco/internal/outlook/scaletest"
	"steerco/internal/report"
)

func TestZZRows(t *testing.T) {
	p, f := forecast(t, 1000)
	b := briefing(t, p, f, "board-pack")
	show := func(b *report.Briefing) {
		for _, s := range b.Sections {
			for _, bl := range s.Blocks {
				if tb := bl.Table; tb != nil {
					fmt.Printf("  %-22s %-28s rows %5d pdf %3d wbonly %v detail %v\n", s.Title, tb.Name, len(tb.Rows), tb.PDFRows, tb.WorkbookOnly, tb.Detail)
				}
				if c := bl.Chart; c != nil && c.Timeline != nil {
					fmt.Printf("  %-22s timeline rows %d pdf %d\n", s.Title, len(c.Timeline.Rows), len(c.Timeline.PDFRows))
				}
				if c := bl.Chart; c != nil && c.Heat != nil {
					fmt.Printf("  %-22s heatmap %s %+v\n", s.Title, c.Name, len(fmt.Sprint(c.Heat)))
				}
			}
		}
	}
	fmt.Println("demo:")
	show(b)
	sp := scaletest.Portfolio(scaletest.Options{})
	sf, err := outlook.Run(context.Background(), sp, outlook.Options{Trials: 300, AsOf: scaletest.AsOf})
	if err != nil {
		t.Fatal(err)
	}
	tp, _ := report.LoadTemplate("board-pack")
	sb, err := report.Build(sp, sf, *tp, scaletest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println("scale:")
	show(sb)
}
