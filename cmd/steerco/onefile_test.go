package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

// Every verb that takes one file says the same two things when it gets none
// or two, and changes nothing (exit 2, the usage error).
func TestOneFileVerbsSayTheSame(t *testing.T) {
	cases := []struct {
		verb  []string
		extra []string // flags the verb needs besides the file
		which string
		one   string
	}{
		{[]string{"forecast"}, nil, "which portfolio?", "one portfolio file at a time, not 2 (a.steerco, b.steerco)"},
		{[]string{"snapshot"}, []string{"--list"}, "which portfolio?", "one portfolio file at a time, not 2"},
		{[]string{"calibration"}, nil, "which portfolio?", "one portfolio file at a time, not 2"},
		{[]string{"cost-of-yes"}, []string{"--item", "x.json"}, "which portfolio?", "one portfolio file at a time, not 2"},
		{[]string{"export"}, nil, "which portfolio?", "one portfolio file at a time, not 2"},
		{[]string{"restore"}, []string{"--list"}, "which portfolio?", "one portfolio file at a time, not 2"},
		{[]string{"import-json"}, []string{"-o", "x.steerco"}, "which JSON file?", "one JSON file at a time, not 2"},
		{[]string{"import"}, []string{"--into", "x.steerco"}, "which file?", "one file at a time, not 2"},
		{[]string{"new"}, []string{"--name", "P", "--currency", "USD"}, "which file?", "one file at a time, not 2"},
		{[]string{"simulate"}, nil, "which model?", "one model file at a time, not 2"},
	}
	for _, c := range cases {
		for _, files := range [][]string{nil, {"a.steerco", "b.steerco"}} {
			var out, errb bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, now: time.Now}
			args := append(append(append([]string{}, c.verb...), files...), c.extra...)
			code := run(context.Background(), e, args)
			want := c.which
			if files != nil {
				want = c.one
			}
			if code != exitUsage || !strings.Contains(errb.String(), want) {
				t.Errorf("steerco %s: exit %d, stderr %q; want %d containing %q", strings.Join(args, " "), code, errb.String(), exitUsage, want)
			}
		}
	}
}

// Help lists every verb once, in helpOrder, with help last.
func TestHelpOrderHasEveryVerb(t *testing.T) {
	listed := map[string]bool{}
	for _, n := range helpOrder {
		if listed[n] {
			t.Errorf("helpOrder lists %q twice", n)
		}
		listed[n] = true
	}
	for n := range verbs {
		if !listed[n] {
			t.Errorf("verb %q is not in helpOrder, so help shows it after help itself", n)
		}
	}
	if got := sortedVerbs(); got[len(got)-1].name != "help" {
		t.Errorf("help lists %q last, want help", got[len(got)-1].name)
	}
}
