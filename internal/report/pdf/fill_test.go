package pdf_test

import (
	"fmt"
	"testing"

	"steerco/internal/report"
	"steerco/internal/report/reporttest"
)

// TestLargeBoardPackHasNoNearEmptyPage: the board packs of large
// programmes (10,000 items over 10 and over 40 teams, with 20 and with
// 2,000 risks) have no page less than a third full but the cover and the
// last, read back from the PDF (pdftoppm draws the pages; a page's fill is
// how far down its body the lowest mark reaches).
func TestLargeBoardPackHasNoNearEmptyPage(t *testing.T) {
	for _, c := range []struct{ items, teams, risks int }{{10000, 10, 20}, {10000, 40, 2000}} {
		t.Run(fmt.Sprintf("%d items, %d teams, %d risks", c.items, c.teams, c.risks), func(t *testing.T) {
			p, f := reporttest.Scale(c.items, c.teams, c.risks)
			tp, _ := report.LoadTemplate("board-pack")
			b, err := report.Build(p, f, *tp, reporttest.AsOf)
			if err != nil {
				t.Fatal(err)
			}
			reporttest.CheckPageFill(t, render(t, b))
		})
	}
}

// TestSmallBoardPackHasNoNearEmptyPage: so has the hand-checked small
// portfolio's, whose sections are a page or less each.
func TestSmallBoardPackHasNoNearEmptyPage(t *testing.T) {
	p, f := reporttest.Small()
	tp, _ := report.LoadTemplate("board-pack")
	b, err := report.Build(p, f, *tp, reporttest.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	reporttest.CheckPageFill(t, render(t, b))
}
