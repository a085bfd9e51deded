package main

import (
	"bytes"
	"testing"

	"steerco/assets"
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
