//go:build !window

package main

import (
	"slices"
	"strings"
	"testing"
)

// The window gets an English locale when the environment names none or C.
func TestWindowEnv(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []string
		lang string // the LANG the window sees; "" when env passes unchanged
	}{
		{"C", []string{"HOME=/h", "LANG=C"}, "en_US.UTF-8"},
		{"C.UTF-8", []string{"LANG=C.UTF-8"}, "en_US.UTF-8"},
		{"LC_ALL POSIX over a good LANG", []string{"LANG=fr_FR.UTF-8", "LC_ALL=POSIX"}, "en_US.UTF-8"},
		{"none", []string{"HOME=/h"}, "en_US.UTF-8"},
		{"French", []string{"LANG=fr_FR.UTF-8"}, ""},
		{"LC_MESSAGES German over C", []string{"LANG=C", "LC_MESSAGES=de_DE.UTF-8"}, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := windowEnv(slices.Clone(c.in))
			if c.lang == "" {
				if !slices.Equal(got, c.in) {
					t.Errorf("changed: %v", got)
				}
				return
			}
			var langs []string
			for _, kv := range got {
				if strings.HasPrefix(kv, "LANG=") || strings.HasPrefix(kv, "LC_ALL=") || strings.HasPrefix(kv, "LC_MESSAGES=") {
					langs = append(langs, kv)
				}
			}
			if !slices.Equal(langs, []string{"LANG=" + c.lang}) {
				t.Errorf("locale variables %v, want LANG=%s only", langs, c.lang)
			}
		})
	}
}
