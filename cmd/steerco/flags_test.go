package main

import (
	"flag"
	"reflect"
	"strings"
	"testing"
)

// Every verb with flags answers -h with its usage line and exit code 0, and
// an unknown flag with exit code 2.
func TestFlagsHelpAndUnknown(t *testing.T) {
	for _, name := range []string{"open", "demo", "export", "import-json", "import", "simulate", "forecast", "report"} {
		t.Run(name, func(t *testing.T) {
			code, _, errs := pfRun(t, "", name, "-h")
			if code != exitOK || !strings.Contains(errs, "usage: steerco "+verbs[name].usage) {
				t.Errorf("-h: exit %d, stderr %q", code, errs)
			}
			code, _, errs = pfRun(t, "", name, "--no-such-flag")
			if code != exitUsage || !strings.Contains(errs, "no-such-flag") {
				t.Errorf("unknown flag: exit %d, stderr %q", code, errs)
			}
		})
	}
}

func TestParseFlagsAnywhere(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantPos []string
		wantO   string
	}{
		{"flag first", []string{"-o", "x", "a"}, []string{"a"}, "x"},
		{"flag last", []string{"a", "-o", "x"}, []string{"a"}, "x"},
		{"flag between", []string{"a", "-o", "x", "b"}, []string{"a", "b"}, "x"},
		{"double dash ends flags", []string{"a", "--", "-o", "b"}, []string{"a", "-o", "b"}, ""},
		{"none", nil, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			o := fs.String("o", "", "")
			pos, err := parseFlagsAnywhere(fs, tc.args)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(pos, tc.wantPos) || *o != tc.wantO {
				t.Errorf("got %q, -o %q; want %q, -o %q", pos, *o, tc.wantPos, tc.wantO)
			}
		})
	}
}
