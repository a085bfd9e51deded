package report_test

import (
	"testing"

	"steerco/internal/plan"
	"steerco/internal/report"
)

func TestPaper(t *testing.T) {
	tests := []struct {
		name, currency, paper, want string
	}{
		{"US portfolio, template leaves it out", "USD", "", "Letter"},
		{"euro portfolio, template leaves it out", "EUR", "", "A4"},
		{"template says A4", "USD", "A4", "A4"},
		{"template says Letter", "EUR", "Letter", "Letter"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := report.Paper(&plan.Portfolio{Currency: tc.currency}, report.Template{Paper: tc.paper}); got != tc.want {
				t.Errorf("Paper = %s, want %s", got, tc.want)
			}
		})
	}
	// The built-in templates leave the paper to the portfolio.
	for _, n := range []string{"board-pack", "monthly-status", "pi-review", "decision", "board-deck"} {
		tp, err := report.LoadTemplate(n)
		if err != nil {
			t.Fatal(err)
		}
		if tp.Paper != "" || report.Paper(&plan.Portfolio{Currency: "USD"}, *tp) != "Letter" {
			t.Errorf("template %s: paper %q", n, tp.Paper)
		}
	}
}
