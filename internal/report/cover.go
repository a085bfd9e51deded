package report

import (
	"fmt"

	"steerco/internal/plan"
)

// cover builds the title page.
func (b *builder) cover(s *Section) {
	sub := fmt.Sprintf("Forecast as of %s · %s trials · dates quoted at %s", fdate(b.f.AsOf), plan.Group(fmt.Sprint(b.f.Trials)), b.confLabel())
	s.Cover = &Cover{
		Title:           b.t.Title,
		Portfolio:       b.p.Name,
		Subtitle:        sub,
		Date:            b.asOf,
		AsOf:            b.f.AsOf,
		Confidentiality: b.confidentiality(),
	}
}
