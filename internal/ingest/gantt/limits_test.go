package gantt

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"steerco/internal/ingest"
	"steerco/internal/ingest/roadmap/roadmaptest"
)

// Values beyond plan.Validate's limits are refused at their element.
func TestLimits(t *testing.T) {
	tests := []struct {
		name, gan, field, want string
		row                    int
	}{
		{"3-line .gan, 10⁹ days", "<project version=\"3.0\">\n<tasks>\n<task id=\"1\" name=\"A\" start=\"2026-01-05\" duration=\"1000000000\"/></tasks></project>", "task 1 duration",
			`duration "1000000000" is not a whole number of working days from 0 to 5000 (about 20 years, the most a plan can mean)`, 3},
		{"lag of 10⁸ days", "<project version=\"3.0\"><tasks>\n<task id=\"1\" name=\"A\" start=\"2026-01-05\" duration=\"1\">\n<depend id=\"2\" type=\"2\" difference=\"100000000\"/></task>\n<task id=\"2\" name=\"B\" start=\"2026-01-05\" duration=\"1\"/></tasks></project>", "task 1 depend difference",
			`lag "100000000" is not a whole number of working days`, 3},
		{"duration that does not fit an int", "<project version=\"3.0\"><tasks><task id=\"1\" name=\"A\" start=\"2026-01-05\" duration=\"99999999999999999999999\"/></tasks></project>", "task 1 duration",
			`duration "99999999999999999999"`, 1},
		{"long name", "<project version=\"3.0\"><tasks><task id=\"1\" name=\"" + strings.Repeat("é", 501) + "\" start=\"2026-01-05\" duration=\"1\"/></tasks></project>", "task 1 name",
			"the task name is 501 characters long; at most 500", 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pv, err := Preview(context.Background(), ingest.Source{Name: "l.gan", Data: []byte(tc.gan)}, roadmaptest.Base(), ingest.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, pr := range pv.Problems {
				if pr.Severity == ingest.SevError && pr.Row == tc.row && pr.Field == tc.field && strings.Contains(pr.Message, tc.want) {
					return
				}
			}
			t.Errorf("problems %v, want an error at row %d, %s saying %q", pv.Problems, tc.row, tc.field, tc.want)
		})
	}
}

// A 100 MB task name is refused by the byte scan before it is decoded.
func TestHugeName(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("<project version=\"3.0\">\n<tasks>\n<task id=\"1\" name=\"")
	b.Write(bytes.Repeat([]byte("x"), 100<<20))
	b.WriteString("\" duration=\"1\"/></tasks></project>")
	_, err := Preview(context.Background(), ingest.Source{Name: "big.gan", Data: b.Bytes()}, roadmaptest.Base(), ingest.Options{})
	var pe *ingest.ParseError
	if !errors.As(err, &pe) || pe.Row != 3 || !strings.Contains(pe.Msg, "longer than 1024 KiB") {
		t.Fatalf("err = %v, want a refusal at line 3", err)
	}
}

// A non-milestone task of 0 days is imported without an estimate, warned
// about at its duration; a milestone (meeting) is not.
func TestZeroDuration(t *testing.T) {
	gan := `<project version="3.0"><tasks><task id="1" name="Zero" start="2026-01-05" duration="0"/><task id="2" name="Gate" meeting="true" start="2026-01-05" duration="0"/><task id="3" name="Sized" start="2026-01-05" duration="3"/></tasks></project>`
	pv, err := Preview(context.Background(), ingest.Source{Name: "z.gan", Data: []byte(gan)}, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, pr := range pv.Problems {
		found = found || pr.Field == "task 1 duration" && strings.Contains(pr.Message, "1 Zero: its duration is 0 but it is not a milestone; it is imported without an estimate")
		if strings.Contains(pr.Message, "Gate") || strings.Contains(pr.Message, "Sized") {
			t.Errorf("warned about %s", pr)
		}
	}
	if !found {
		t.Errorf("no warning at task 1's duration: %v", pv.Problems)
	}
}

func TestXMLGuards(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"entities", `<!DOCTYPE project [<!ENTITY lol "lol">]><project version="3.0"><tasks><task id="1" name="&lol;"/></tasks></project>`, "declares XML entities"},
		{"too many elements", "<project version=\"3.0\">" + strings.Repeat("<x/>", 5_000_001) + "</project>", "more than 5000000 elements"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Preview(context.Background(), ingest.Source{Name: "g.gan", Data: []byte(tc.data)}, roadmaptest.Base(), ingest.Options{})
			var pe *ingest.ParseError
			if !errors.As(err, &pe) || !strings.Contains(pe.Msg, tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Preview(ctx, ingest.Source{Name: "c.gan", Data: []byte(cycleGan)}, roadmaptest.Base(), ingest.Options{}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled import: err = %v", err)
	}
}

// A week with no working day cannot make the end-date walk spin.
func TestNoWorkingDay(t *testing.T) {
	gan := `<project version="3.0"><calendars><day-types><default-week sun="1" mon="1" tue="1" wed="1" thu="1" fri="1" sat="1"/></day-types></calendars><tasks><task id="1" name="A" start="2026-01-05" duration="5"/></tasks></project>`
	pv, err := Preview(context.Background(), ingest.Source{Name: "w.gan", Data: []byte(gan)}, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(strings.Join(pv.Notes, "\n"), "2026-01-05 → 2026-01-09") {
		t.Errorf("notes %v, want the plan to run over the working week", pv.Notes)
	}
}

// BenchmarkHostile times the refusal of hostile plans: a 100 MB task name
// and a 3-line .gan with a duration of 10⁹ days.
// Run: go test -run '^$' -bench Hostile -benchmem ./internal/ingest/gantt
func BenchmarkHostile(b *testing.B) {
	var big bytes.Buffer
	big.WriteString("<project version=\"3.0\">\n<tasks>\n<task id=\"1\" name=\"")
	big.Write(bytes.Repeat([]byte("x"), 100<<20))
	big.WriteString("\" duration=\"1\"/></tasks></project>")
	for _, bc := range []struct {
		name string
		data []byte
	}{
		{"name-100MB", big.Bytes()},
		{"duration-1e9", []byte("<project version=\"3.0\">\n<tasks>\n<task id=\"1\" name=\"A\" start=\"2026-01-05\" duration=\"1000000000\"/></tasks></project>")},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				pv, err := Preview(context.Background(), ingest.Source{Name: "h.gan", Data: bc.data}, roadmaptest.Base(), ingest.Options{})
				if err == nil && !pv.HasErrors() {
					b.Fatal("accepted")
				}
			}
		})
	}
}

// A complete attribute that is not a number is warned about at the task and
// read as 0 (not started), as before; a number is read without a word.
func TestCompleteNotANumber(t *testing.T) {
	gan := `<project version="3.0"><tasks><task id="1" name="Odd" start="2026-01-05" duration="3" complete="half"/><task id="2" name="Half" start="2026-01-05" duration="4" complete="50"/></tasks></project>`
	pv, err := Preview(context.Background(), ingest.Source{Name: "c.gan", Data: []byte(gan)}, roadmaptest.Base(), ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	warned := 0
	for _, pr := range pv.Problems {
		if pr.Field == "task 1 complete" && pr.Severity != ingest.SevError && strings.Contains(pr.Message, `complete "half" is not a percentage`) {
			warned++
		}
		if strings.Contains(pr.Field, "task 2 complete") {
			t.Errorf("warned about a numeric complete: %s", pr)
		}
	}
	if warned != 1 {
		t.Errorf("problems %v, want one warning at task 1 complete", pv.Problems)
	}
}
