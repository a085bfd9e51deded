package roadmap

import (
	"io"
	"reflect"
	"strings"
	"testing"

	"steerco/internal/ingest"
)

func TestOutlineDeps(t *testing.T) {
	// P (summary) holds a, b; M is a milestone after b; c waits for M;
	// d waits for P; Q (summary) holds e, and Q waits for a.
	o := NewOutline()
	o.AddTask("P", "", true, false)
	o.AddTask("a", "P", false, false)
	o.AddTask("b", "P", false, false)
	o.AddTask("M", "", false, true)
	o.AddTask("c", "", false, false)
	o.AddTask("d", "", false, false)
	o.AddTask("Q", "", true, false)
	o.AddTask("e", "Q", false, false)
	o.AddTask("empty", "", true, false) // a summary with nothing under it
	o.AddTask("f", "", false, false)
	at := ingest.Location{File: "x", Row: 1}
	o.AddLink("b", "M", 0, at)
	o.AddLink("M", "c", 2, at)
	o.AddLink("P", "d", 1, at)
	o.AddLink("a", "Q", 0, at)
	o.AddLink("a", "b", 0, at)
	o.AddLink("empty", "f", 0, at)
	o.AddLink("gone", "f", 0, at) // a predecessor the outline does not hold

	keys := func(ds []Dep) (out []string) {
		for _, d := range ds {
			out = append(out, d.Key)
		}
		return out
	}
	tests := []struct {
		name string
		key  string
		want []string
	}{
		{"through a milestone", "c", []string{"b"}},
		{"to a summary: every task under it, not itself", "d", []string{"a", "b"}},
		{"on the summary above", "e", []string{"a"}},
		{"plain link", "b", []string{"a"}},
		{"milestone's own", "M", []string{"b"}},
		{"nothing to resolve", "f", nil},
		{"no links", "a", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := keys(o.Deps(tc.key)); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Deps(%s) = %q, want %q", tc.key, got, tc.want)
			}
		})
	}
	if d := o.Deps("c"); d[0].LagDays != 2 {
		t.Errorf("lag %d, want the link's 2", d[0].LagDays)
	}
}

func TestXMLCharsetReader(t *testing.T) {
	r := XMLCharsetReader("save it again")
	if _, err := r("shift_jis", nil); err == nil || err.Error() != `the XML declares encoding "shift_jis"; save it again` {
		t.Errorf("unknown encoding: %v", err)
	}
	in, err := r("ISO-8859-1", strings.NewReader("Caf\xe9"))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(in); string(b) != "Café" {
		t.Errorf("Latin-1 read as %q", b)
	}
}

func TestOutlineAddLinkOf(t *testing.T) {
	tests := []struct {
		name     string
		kind     LinkKind
		wantLags []int // the lags of b's dependencies
		warns    int
	}{
		{"finish-to-start keeps its lag", FinishToStart, []int{3}, 0},
		{"start-to-start becomes finish-to-start, lag 0", StartToStart, []int{0}, 1},
		{"finish-to-finish becomes finish-to-start, lag 0", FinishToFinish, []int{0}, 1},
		{"start-to-finish is dropped", StartToFinish, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o := NewOutline()
			o.AddTask("a", "", false, false)
			o.AddTask("b", "", false, false)
			pv := &ingest.Preview{}
			o.AddLinkOf(pv, tc.kind, "a", "b", 3, ingest.Location{File: "x"})
			var lags []int
			for _, d := range o.Deps("b") {
				lags = append(lags, d.LagDays)
			}
			if !reflect.DeepEqual(lags, tc.wantLags) || len(pv.Problems) != tc.warns {
				t.Errorf("lags %v and %d warnings, want %v and %d", lags, len(pv.Problems), tc.wantLags, tc.warns)
			}
		})
	}
}

func TestXMLCharsetReaderWindows1252(t *testing.T) {
	r, err := XMLCharsetReader("save as UTF-8")("ISO-8859-1", strings.NewReader("\x80 \x93Plan\x94 caf\xe9"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	if got, want := string(b), "€ “Plan” café"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := XMLCharsetReader("save as UTF-8")("EBCDIC", strings.NewReader("x")); err == nil || !strings.Contains(err.Error(), "save as UTF-8") {
		t.Errorf("unknown encoding: %v", err)
	}
}
