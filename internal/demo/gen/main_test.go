package main

import (
	"bytes"
	"testing"

	"steerco/assets"
	"steerco/internal/plan"
)

// TestCommittedFileIsGenerated fails when assets/demo.json is not exactly
// what the generator writes: edit the generator, then run
// "go run ./internal/demo/gen" from the repository root.
func TestCommittedFileIsGenerated(t *testing.T) {
	got, err := render()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, assets.DemoJSON) {
		t.Fatal("assets/demo.json differs from what internal/demo/gen generates; run \"go run ./internal/demo/gen\" from the repository root and commit the result")
	}
}

// TestDeterministic: two runs give the same bytes.
func TestDeterministic(t *testing.T) {
	a, err := render()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := render()
	if !bytes.Equal(a, b) {
		t.Fatal("the generator gave different output on two runs")
	}
}

// TestDatesOnWorkingDays: as authored, no target, start constraint,
// milestone or headcount change falls on a weekend or holiday.
func TestDatesOnWorkingDays(t *testing.T) {
	p := build()
	cal := p.Calendar.Compile()
	check := func(what string, d plan.Date) {
		if !d.IsZero() && !cal.IsWorkday(d) {
			t.Errorf("%s is %s, a %s and not a working day", what, d, d.Weekday())
		}
	}
	for _, it := range p.Items {
		if it.Open() {
			check(it.ID+" target", it.Target)
			check(it.ID+" start-no-earlier-than", it.StartNoEarlierThan)
		}
	}
	for _, m := range p.Milestones {
		check(m.ID+" date", m.Date)
	}
	for _, tm := range p.Teams {
		for _, c := range tm.HeadcountChanges {
			check(tm.ID+" headcount change", c.Date)
		}
	}
}
