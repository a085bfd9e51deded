package typeface

import "testing"

func TestHebrew(t *testing.T) {
	for _, tc := range []struct {
		r    rune
		want bool
	}{{'a', false}, {'é', false}, {'Ж', false}, {'€', false}, {'א', true}, {'ש', true}, {'\u05b8', true}, {'中', false}} {
		if got := Hebrew(tc.r); got != tc.want {
			t.Errorf("Hebrew(%q) = %v, want %v", tc.r, got, tc.want)
		}
	}
	if HebrewAdvance('ש', false) == 0 || HebrewAdvance(' ', true) == 0 || HebrewAdvance('中', false) != 0 {
		t.Error("the Hebrew font's advances are missing or extend beyond its characters")
	}
	if HebrewAdvance('ש', false) == HebrewAdvance('ש', true) && HebrewAdvance('ם', false) == HebrewAdvance('ם', true) {
		t.Error("bold and regular advances are the same table")
	}
}
