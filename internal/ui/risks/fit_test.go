package risks

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"steerco/internal/app"
	"steerco/internal/ui/shots"
	"steerco/internal/ui/uitest"

	"fyne.io/fyne/v2"
)

// TestFitsTheWindow shows the demo's register at the room the screen has in
// the shell at each supported window size: the key columns are whole, more
// than half of the 13 risks are in view, and the risk opened in the form
// shows the items it affects, ticked, without scrolling.
func TestFitsTheWindow(t *testing.T) {
	for _, size := range []struct {
		name string
		fyne.Size
	}{{"1280x800", uitest.Laptop}, {"1024x768", uitest.Small}} {
		t.Run(size.name, func(t *testing.T) {
			h := newHarness(t)
			h.u.Run(app.Request{Trials: 500, RiskImpacts: true})
			h.w.Resize(size.Size)
			h.s.selectRow(0)
			if dir := os.Getenv("STEERCO_SHOTS"); dir != "" {
				save(t, h.w, filepath.Join(dir, "risks-fit-"+size.name+".png"))
			}
			shots.Check(t, h.w, "Risks", KeyTexts())

			r := h.s.p.Risk(h.s.selected)
			if r == nil || len(r.Items) == 0 {
				t.Fatalf("risk %q affects no items: pick another", h.s.selected)
			}
			texts := shots.Texts(h.w.Canvas())
			rows := 0
			for _, x := range h.s.p.Risks {
				if seen(texts, x.Title) {
					rows++
				}
			}
			if rows <= 6 {
				t.Errorf("%d of %d risks in view, want more than 6", rows, len(h.s.p.Risks))
			}
			// At 1280 px each name in view reads whole (on two lines at most);
			// at 1024 nearly all do.
			var cut []string
			for _, x := range h.s.p.Risks {
				if seen(texts, x.Title) && !whole(texts, x.Title) {
					cut = append(cut, x.Title)
				}
			}
			if allowed := map[string]int{"1280x800": 0, "1024x768": 2}[size.name]; len(cut) > allowed {
				t.Errorf("%d risk names in view are shortened, want at most %d: %q", len(cut), allowed, cut)
			}
			for _, id := range r.Items {
				if !seen(texts, id+" — ") {
					t.Errorf("affected item %s is not in view in the form", id)
				}
			}
			// The measured columns the width left out are said in the form.
			if m := h.s.form.measured; !m.Visible() || !strings.Contains(m.Text, "Points lost: ") || !strings.Contains(m.Text, "Most delayed milestone: ") {
				t.Errorf("the form's measured line is %q (shown %v)", m.Text, m.Visible())
			}
			h.s.side.SelectIndex(1)
			h.u.Capture("risks-heat-" + size.name) // with STEERCO_SHOT_DIR set
			h.s.side.SelectIndex(0)
		})
	}
}

// whole reports whether want is in view, whole (its wrapped lines joined).
func whole(texts []shots.Text, want string) bool {
	for _, t := range texts {
		if t.Text == want && !t.Hidden() && !t.CutBelow() {
			return true
		}
	}
	return false
}

// seen reports whether a visible text starts with (or is shortened from)
// the start of want.
func seen(texts []shots.Text, want string) bool {
	for _, t := range texts {
		cut := strings.TrimSuffix(t.Text, "…")
		if t.Hidden() {
			continue
		}
		if strings.HasPrefix(t.Text, want) || (len(cut) >= 10 && strings.HasPrefix(want, cut)) {
			return true
		}
	}
	return false
}
